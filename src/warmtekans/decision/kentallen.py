"""The cost kentallen (``data/kosten.csv``), indexed to one price year with the CBS consumer price index."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Mapping

import pandas as pd

from warmtekans.core.errors import InputError

PACKAGE_DATA = ("data/kosten.csv",)
"""The packaged cost kentallen (read when ``costs.kentallen`` is not set)."""

REQUIRED_COLUMNS = ("parameter", "waarde", "eenheid", "prijspeil", "indexeren", "btw", "bron")


@dataclass(frozen=True)
class CostKentallen:
    """Cost kentallen indexed to ``price_year`` (euros), by parameter name, with the range (laag, hoog) of
    each row that has one (the Startanalyse 2025 ``_min``/``_max`` pair or our estimate's range)."""

    values: Mapping[str, float]
    price_year: int
    version: str
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)

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


#: An override may not exceed this many times the value it replaces (a typo guard: 1500 for 150).
OVERRIDE_MAX_FACTOR = 10.0


def load_cost_kentallen(path: str | Path | None = None, price_year: int = 2024,
                        overrides: Mapping[str, float] | None = None) -> CostKentallen:
    """Read the cost kentallen and index every row marked ``indexeren = ja`` to ``price_year``.

    ``overrides`` replaces values by parameter name before indexing (the file's unit and price level). Raises
    :class:`InputError` naming the file and the offending rows when a column is missing, a value is not a
    number or negative, a user's table lacks rows the packaged one has, or an override names no parameter,
    is negative or is more than :data:`OVERRIDE_MAX_FACTOR` times the value it replaces.
    """
    path = Path(path) if path is not None else default_kentallen_path()
    if not path.exists():
        raise InputError("the cost kentallen file does not exist", path=path)
    if path.is_dir():
        raise InputError("is a directory; expected the cost kentallen CSV file", path=path)
    stat = path.stat()
    table = _read_kentallen_table(str(path.resolve()), stat.st_mtime_ns, stat.st_size).copy()
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"missing columns {missing}; expected {list(REQUIRED_COLUMNS)}", path=path)
    version = (
        str(table.loc[table["parameter"] == "versie", "waarde"].iloc[0])
        if (table["parameter"] == "versie").any()
        else ""
    )
    table = table[table["parameter"] != "versie"].copy()
    _check_rows(table, path)
    numbers = pd.to_numeric(table["waarde"], errors="coerce")
    bad = table.loc[numbers.isna(), "parameter"]
    if len(bad):
        raise InputError(
            f"{len(bad)} non-numeric values, e.g. {list(bad[:3])}; expected a number", path=path, column="waarde"
        )
    table["waarde"] = numbers
    negative = table.loc[(numbers < 0) & ~table["parameter"].str.startswith("cpi_mutatie_"), "parameter"]
    if len(negative):
        raise InputError(
            f"negative values for {list(negative[:3])}; a cost, price or share is at least 0",
            path=path,
            column="waarde",
        )
    _apply_overrides(table, overrides or {}, path)
    values, ranges = {}, {}
    has_range = {"laag", "hoog"} <= set(table.columns)
    for row in table.itertuples():
        factor = (
            cpi_factor(table, int(row.prijspeil), price_year) if str(row.indexeren).strip().lower() == "ja" else 1.0
        )
        values[row.parameter] = float(row.waarde) * factor
        if has_range and pd.notna(row.laag) and pd.notna(row.hoog) and row.laag != "" and row.hoog != "":
            ranges[row.parameter] = (float(row.laag) * factor, float(row.hoog) * factor)
    return CostKentallen(values=values, price_year=price_year, version=version, ranges=ranges)


def _check_rows(table: pd.DataFrame, path: Path) -> None:
    """A user's table must have every row of the packaged one (it replaces it whole)."""
    packaged = default_kentallen_path()
    if path.resolve() == packaged.resolve():
        return
    stat = packaged.stat()
    expected = set(_read_kentallen_table(str(packaged.resolve()), stat.st_mtime_ns, stat.st_size)["parameter"])
    absent = sorted(expected - set(table["parameter"]) - {"versie"})
    if absent:
        raise InputError(
            f"lacks {len(absent)} rows of the packaged cost kentallen, e.g. {absent[:5]}; copy them "
            f"from {packaged} (or set costs.overrides for single values instead of a whole table)",
            path=path,
            column="parameter",
        )


def _apply_overrides(table: pd.DataFrame, overrides: Mapping[str, float], path: Path) -> None:
    unknown = sorted(set(overrides) - set(table["parameter"]))
    if unknown:
        raise InputError(
            f"costs.overrides names unknown parameters {unknown[:3]}; expected names from the 'parameter' column",
            path=path,
        )
    current = table.set_index("parameter")["waarde"]
    for name, value in overrides.items():
        value = float(value)
        if value < 0:
            raise InputError(f"costs.overrides.{name} is {value:g}; a cost, price or share is at least 0", path=path)
        default = abs(float(current[name]))
        if default > 0 and value > OVERRIDE_MAX_FACTOR * default:
            raise InputError(
                f"costs.overrides.{name} is {value:g}, more than {OVERRIDE_MAX_FACTOR:g} times the "
                f"packaged {default:g}; check the unit (the file's unit and price level)",
                path=path,
            )
        table.loc[table["parameter"] == name, "waarde"] = value
