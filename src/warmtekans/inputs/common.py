"""Helpers every reader uses: column picking, id cleaning, catalogue values, text tables."""

from __future__ import annotations

import gzip
import logging
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry, QualityLog
from warmtekans.io.files import container_hint, sniff_file

log = logging.getLogger(__name__)


def bare_id(values: pd.Series) -> pd.Series:
    """Strip the ``NL.IMBAG.<Object>.`` prefix so ids compare across distributions."""
    return values.astype("string").str.replace(r"^NL\.IMBAG\.[A-Za-z]+\.", "", regex=True)


def split_array(values: pd.Series) -> pd.Series:
    """Split Postgres array text ``{a,b}`` or comma-separated text into lists of strings."""

    def parse(value) -> list[str]:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return []
        if isinstance(value, (list, tuple, np.ndarray)):
            return [str(v) for v in value]
        text = str(value).strip().strip("{}")
        return [part.strip().strip('"') for part in text.split(",") if part.strip()]

    # one pass over the plain values (Series.map fetches each value through the Arrow array: slower)
    return pd.Series([parse(value) for value in values.to_numpy(dtype=object)], index=values.index, dtype=object)


def quality_entry(quality: QualityLog | None, name: str, path, layer=None) -> QualityEntry | None:
    """The quality entry of input ``name`` (None without a log)."""
    return quality.entry(name, path=path, layer=layer) if quality is not None else None


def require_columns(frame: pd.DataFrame, columns: list[str], *, path, layer=None) -> None:
    for column in columns:
        if column not in frame.columns:
            present = ", ".join(c for c in frame.columns if c != "geometry")
            raise InputError(
                f"required column is missing; columns present: {present}", path=path, layer=layer, column=column
            )


def pick_column(frame: pd.DataFrame, candidates: list[str], *, path, layer=None, required=True) -> str | None:
    """Return the first of ``candidates`` present in ``frame`` (case-insensitive)."""
    lower = {c.lower(): c for c in frame.columns}
    for candidate in candidates:
        if candidate.lower() in lower:
            return lower[candidate.lower()]
    if required:
        present = ", ".join(c for c in frame.columns if c != "geometry")
        raise InputError(
            f"none of the expected columns {candidates} is present; columns present: {present}",
            path=path,
            layer=layer,
            column=candidates[0],
        )
    return None


def to_int(values: pd.Series, *, path, layer, column, quality: QualityEntry | None = None) -> pd.Series:
    """Parse integers, refusing text that is not a finite number; decimals are rounded (counted)."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    blank = values.isna() | (values.astype("string").str.strip() == "")
    bad = ~blank & ~np.isfinite(numbers)
    if bad.any():
        examples = ", ".join(map(str, values[bad].unique()[:3]))
        raise InputError(f"{int(bad.sum())} values are not numbers (e.g. {examples}); expected whole numbers",
                         path=path, layer=layer, column=column)
    fractional = numbers.notna() & (numbers != numbers.round())
    if fractional.any() and quality is not None:
        quality.repair(f"{column}: decimale waarde afgerond op een heel getal", int(fractional.sum()),
                       examples=values[fractional].unique()[:5])
    return numbers.round().astype("Int64")


def repair_geometries(frame: gpd.GeoDataFrame, *, path, layer=None,
                      quality: QualityEntry | None = None) -> gpd.GeoDataFrame:
    """Repair invalid geometries with ``make_valid`` and log (and count) how many there were."""
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        log.warning("%s%s: repaired %d invalid geometries", path, f" ({layer})" if layer else "", int(invalid.sum()))
        if quality is not None:
            quality.repair("ongeldige geometrie hersteld met make_valid", int(invalid.sum()))
        frame = frame.copy()
        frame.loc[invalid, "geometry"] = frame.loc[invalid, "geometry"].make_valid()
    return frame


_SCIENTIFIC = r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$"


def refuse_scientific_ids(values: pd.Series, *, path, layer=None, column: str) -> None:
    """Refuse identifiers that a spreadsheet turned into numbers (``9.99990E+15``): their digits are lost."""
    if pd.api.types.is_float_dtype(values):
        examples = ", ".join(str(v) for v in values.dropna().unique()[:3])
        raise InputError(f"identifiers are stored as floating-point numbers (e.g. {examples}), which cannot hold "
                         "16-digit BAG ids exactly; expected text like 0599010000000001", path=path, layer=layer,
                         column=column)
    text = values.astype("string")
    bad = text.str.match(_SCIENTIFIC, na=False)
    if bad.any():
        examples = ", ".join(text[bad].unique()[:3])
        raise InputError(
            f"{int(bad.sum())} identifiers are in scientific notation (e.g. {examples}): the file was opened and "
            "saved in a spreadsheet, which rounds 16-digit ids. Export the original file again (expected ids like "
            "0599010000000001)", path=path, layer=layer, column=column)


def normalise_catalogue(values: pd.Series, catalogue: tuple[str, ...], *, what: str, path, layer=None, column: str,
                        quality: QualityEntry | None = None) -> pd.Series:
    """Map values to the catalogue spelling, ignoring case and extra spaces; refuse values not in it.

    Values that differ only in case or spacing are repaired (counted); NULL stays NULL.
    """
    text = values.astype("string").str.strip()
    lookup = {_squash(c): c for c in catalogue}
    mapping = {value: lookup.get(_squash(value)) for value in text.dropna().unique()}
    canonical = text.map(mapping).astype("string")
    unknown = text.notna() & (text != "") & canonical.isna()
    if unknown.any():
        examples = ", ".join(repr(v) for v in text[unknown].unique()[:3])
        raise InputError(f"{int(unknown.sum())} values are not a BAG {what} (e.g. {examples}); expected one of: "
                         f"{', '.join(catalogue)}", path=path, layer=layer, column=column)
    changed = canonical.notna() & (canonical != text)
    if quality is not None:
        quality.repair(f"{column}: hoofdletters/spaties genormaliseerd naar de BAG-catalogus", int(changed.sum()),
                       examples=text[changed].unique()[:5])
    return canonical


def _squash(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().lower()


def read_text_table(path: str | Path, *, what: str) -> pd.DataFrame:
    """A CSV as text columns: ',', ';' or tab separated, quoted or not, gzipped whatever its name.

    Refuses an Excel workbook, zip or bzip2 file saved under a .csv name with a hint.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"the {what} file does not exist", path=path)
    if path.is_dir():
        raise InputError(f"is a directory, not a CSV file (the {what})", path=path)
    kind = sniff_file(path)
    if kind in ("xlsx", "zip", "bzip2"):
        raise InputError(container_hint(kind, path, f"a CSV file (the {what})"), path=path)
    compression = "gzip" if kind == "gzip" else None
    opener = gzip.open if kind == "gzip" else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as handle:
        header = handle.readline()
    separator = max([",", ";", "\t"], key=header.count)
    try:
        return pd.read_csv(path, sep=separator, dtype="string", keep_default_na=False, na_values=[""],
                           compression=compression, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot be read as a CSV file ({str(exc).splitlines()[0]})", path=path) from exc


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().lower()
