"""The cost kentallen (``data/kosten.csv``), indexed to one price year with the CBS consumer price index."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Mapping

import pandas as pd

from warmtekans.core.errors import InputError

#: Package data this module reads (hashed into the code version of the rules that use it).
PACKAGE_DATA = ("data/kosten.csv",)

REQUIRED_COLUMNS = ("parameter", "waarde", "eenheid", "prijspeil", "indexeren", "btw", "bron")


@dataclass(frozen=True)
class CostKentallen:
    """Cost kentallen indexed to ``price_year`` (euros), by parameter name."""

    values: Mapping[str, float]
    price_year: int
    version: str

    def __getitem__(self, name: str) -> float:
        return self.values[name]


def default_kentallen_path() -> Path:
    """The packaged cost kentallen (``src/warmtekans/data/kosten.csv``)."""
    return Path(str(resources.files("warmtekans") / "data" / "kosten.csv"))


def cpi_factor(table: pd.DataFrame, from_year: int, to_year: int) -> float:
    """Price index factor from ``from_year`` to ``to_year`` from the ``cpi_mutatie_<year>`` rows (CBS CPI).

    factor = Π (1 + mutatie_y / 100) over the years after ``from_year`` up to ``to_year``;
    the inverse when ``to_year`` is earlier.
    """
    values = table.set_index("parameter")["waarde"]
    low, high = sorted((from_year, to_year))
    factor = 1.0
    for year in range(low + 1, high + 1):
        key = f"cpi_mutatie_{year}"
        if key not in values.index:
            raise InputError(f"no CBS CPI change for {year} (row '{key}') to index from {from_year} to {to_year}")
        factor *= 1 + float(values[key]) / 100
    return factor if to_year >= from_year else 1 / factor


@functools.lru_cache(maxsize=8)
def _read_kentallen_table(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """The cost kentallen file as read (cached per path, modification time and size: the
    sensitivity analysis costs every draw with the same file)."""
    return pd.read_csv(path, dtype={"prijspeil": "string", "indexeren": "string"})


def load_cost_kentallen(path: str | Path | None = None, price_year: int = 2024,
                        overrides: Mapping[str, float] | None = None) -> CostKentallen:
    """Read the cost kentallen and index every row marked ``indexeren = ja`` to ``price_year``.

    ``overrides`` replaces values by parameter name before indexing (the file's unit and price
    level). Raises :class:`InputError` naming the file and the offending rows when a column is
    missing, a value is not a number or an override names no parameter.
    """
    path = Path(path) if path is not None else default_kentallen_path()
    if not path.exists():
        raise InputError("the cost kentallen file does not exist", path=path)
    stat = path.stat()
    table = _read_kentallen_table(str(path.resolve()), stat.st_mtime_ns, stat.st_size).copy()
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"missing columns {missing}; expected {list(REQUIRED_COLUMNS)}", path=path)
    is_version = table["parameter"] == "versie"
    version = str(table.loc[is_version, "waarde"].iloc[0]) if is_version.any() else ""
    table = table[table["parameter"] != "versie"].copy()
    numbers = pd.to_numeric(table["waarde"], errors="coerce")
    bad = table.loc[numbers.isna(), "parameter"]
    if len(bad):
        raise InputError(f"{len(bad)} non-numeric values, e.g. {list(bad[:3])}; expected a number", path=path,
                         column="waarde")
    table["waarde"] = numbers
    unknown = sorted(set(overrides or {}) - set(table["parameter"]))
    if unknown:
        raise InputError(f"costs.overrides names unknown parameters {unknown[:3]}; expected names from the "
                         "'parameter' column", path=path)
    for name, value in (overrides or {}).items():
        table.loc[table["parameter"] == name, "waarde"] = float(value)
    values = {}
    for row in table.itertuples():
        value = float(row.waarde)
        if str(row.indexeren).strip().lower() == "ja":
            value *= cpi_factor(table, int(row.prijspeil), price_year)
        values[row.parameter] = value
    return CostKentallen(values=values, price_year=price_year, version=version)
