"""Street names for addresses: the BAG openbare ruimte name, else a postcode + house-number label.

bag-light carries ``openbare_ruimte_naam`` on every verblijfsobject. NLExtract/lvbag exports
keep the names in a separate ``openbareruimte`` table (``identificatie`` + ``naam``); when
that table is not given only the openbare ruimte ids are known, and a street is labelled by
its postcode(s) and house-number range instead, e.g. ``2593 AB 10–24`` (documented in
docs/results.md). The OSM name, when an OSM street network is given, wins later on
(:func:`warmtekans.model.clusters.assign_streets`).
"""
from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from warmtekans.core.errors import InputError

log = logging.getLogger(__name__)


NAME_COLUMNS = ["naam", "openbareruimtenaam", "openbare_ruimte_naam", "openbareRuimteNaam"]


FALLBACK_NOTE = ("straatnamen ontbreken voor {count} adressen (alleen openbareruimte-id's bekend; geef "
                 "bag.openbareruimte voor de namen): gelabeld met postcode + huisnummerbereik, bv. '{example}'")


def read_openbareruimte(path: str | Path, layer: str | None = None) -> pd.Series:
    """Street name per bare openbare ruimte id, from a CSV or a GeoPackage/vector table.

    Needs the columns ``identificatie`` and ``naam`` (or ``openbareruimtenaam``); ids may carry
    the ``NL.IMBAG.Openbareruimte.`` prefix.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("the openbareruimte file does not exist", path=path)
    if path.suffix.lower() in (".csv", ".txt"):
        table = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    else:
        import pyogrio

        if layer is None:
            names = [name for name, _ in pyogrio.list_layers(path)]
            layer = "openbareruimte" if "openbareruimte" in names else names[0]
        table = pyogrio.read_dataframe(path, layer=layer, read_geometry=False)
    lower = {c.lower(): c for c in table.columns}
    id_column = lower.get("identificatie")
    name_column = next((lower[c.lower()] for c in NAME_COLUMNS if c.lower() in lower), None)
    if id_column is None or name_column is None:
        present = ", ".join(map(str, table.columns))
        raise InputError(f"expected the columns 'identificatie' and 'naam'; columns present: {present}",
                         path=path, layer=layer, column="identificatie" if id_column is None else "naam")
    ids = table[id_column].astype("string").str.replace(r"^NL\.IMBAG\.[A-Za-z]+\.", "", regex=True)
    names = table[name_column].astype("string").str.strip()
    series = pd.Series(names.to_numpy(), index=ids.to_numpy(), dtype="string").dropna()
    return series[~series.index.duplicated(keep="first")]


def format_postcode(postcode: str) -> str:
    """``2593AB`` → ``2593 AB`` (other text unchanged)."""
    text = str(postcode).replace(" ", "").upper()
    return f"{text[:4]} {text[4:]}" if len(text) == 6 and text[:4].isdigit() else str(postcode)


def address_range_label(postcodes: pd.Series, huisnummers: pd.Series) -> str | None:
    """A street label from its addresses: ``2593 AB 10–24``; several postcodes: ``2593 AB–AD 2–88``.

    Returns None when no address has a postcode or a house number.
    """
    codes = sorted({str(p).replace(" ", "").upper() for p in postcodes.dropna() if str(p).strip()})
    numbers = pd.to_numeric(huisnummers, errors="coerce").dropna().astype(int)
    if not codes and numbers.empty:
        return None
    if not codes:
        code_text = "postcode onbekend"
    elif len(codes) == 1:
        code_text = format_postcode(codes[0])
    elif len({c[:4] for c in codes}) == 1 and all(len(c) == 6 for c in codes):
        code_text = f"{codes[0][:4]} {codes[0][4:]}–{codes[-1][4:]}"
    else:
        code_text = f"{format_postcode(codes[0])}–{format_postcode(codes[-1])}"
    if numbers.empty:
        return code_text
    low, high = int(numbers.min()), int(numbers.max())
    return f"{code_text} {low}" if low == high else f"{code_text} {low}–{high}"


def address_range_labels(keys: pd.Series, postcodes: pd.Series, huisnummers: pd.Series) -> pd.Series:
    """:func:`address_range_label` for every group of ``keys`` at once (rows with a missing key are left out).

    Returns the labels (string, NA where a group has neither a postcode nor a house number),
    indexed by the sorted keys. Grouped operations and one pass over the groups, so the cost does
    not include a pandas call per street.
    """
    keys = keys.reset_index(drop=True)
    present = keys.notna().to_numpy()
    distinct = pd.unique(postcodes.dropna().to_numpy(dtype=object))
    normal = {p: str(p).replace(" ", "").upper() for p in distinct if str(p).strip()}
    codes = pd.Series(postcodes.to_numpy(dtype=object)).map(normal)  # NaN where missing or blank
    numbers = pd.to_numeric(pd.Series(huisnummers.to_numpy(dtype=object)), errors="coerce")
    pairs = pd.DataFrame({"key": keys.to_numpy(dtype=object), "code": codes.to_numpy(dtype=object)})[present]
    pairs = pairs.dropna(subset=["code"]).drop_duplicates()
    pairs["prefix"] = pairs["code"].str[:4]
    pairs["six"] = pairs["code"].str.len() == 6
    per_code = pairs.groupby("key").agg(first=("code", "min"), last=("code", "max"), n=("code", "size"),
                                        prefixes=("prefix", "nunique"), six=("six", "all"))
    valid = numbers.notna().to_numpy() & present
    whole = pd.Series(numbers[valid].astype(int).to_numpy(), index=keys[valid].to_numpy(dtype=object))
    per_number = whole.groupby(level=0).agg(["min", "max"])
    groups = pd.Index(pd.unique(keys[present].to_numpy(dtype=object))).sort_values()
    per_code, per_number = per_code.reindex(groups), per_number.reindex(groups)
    labels = []
    for first, last, n, prefixes, six, low, high in zip(per_code["first"], per_code["last"], per_code["n"],
                                                         per_code["prefixes"], per_code["six"], per_number["min"],
                                                         per_number["max"]):
        has_codes, has_numbers = not pd.isna(n), not pd.isna(low)
        if not has_codes and not has_numbers:
            labels.append(None)
            continue
        if not has_codes:
            code_text = "postcode onbekend"
        elif n == 1:
            code_text = format_postcode(first)
        elif prefixes == 1 and six:
            code_text = f"{first[:4]} {first[4:]}–{last[4:]}"
        else:
            code_text = f"{format_postcode(first)}–{format_postcode(last)}"
        if not has_numbers:
            labels.append(code_text)
        else:
            low, high = int(low), int(high)
            labels.append(f"{code_text} {low}" if low == high else f"{code_text} {low}–{high}")
    return pd.Series(labels, index=groups, dtype="string")


def fallback_street_labels(addresses: pd.DataFrame) -> pd.Series:
    """Per address row: the postcode + house-number label of its openbare ruimte (or of itself).

    ``addresses`` has ``openbare_ruimte_id``, ``postcode`` and ``huisnummer``. Rows sharing an
    openbare ruimte get one label covering all its addresses; rows without an id get their own.
    """
    key = addresses["openbare_ruimte_id"].astype("string")
    key = key.fillna("adres:" + pd.Series(addresses.index.astype(str), index=addresses.index))
    labels = address_range_labels(key, addresses["postcode"], addresses["huisnummer"])
    return key.map(labels).astype("string")


def fill_street_names(addresses: pd.DataFrame, names: pd.Series | None = None, *, quality=None) -> pd.DataFrame:
    """Fill ``straat`` from ``names`` (by ``openbare_ruimte_id``), then with the fallback label.

    ``quality`` (a :class:`warmtekans.core.quality.QualityEntry`, optional) gets a note when labels
    were made from postcodes because names were missing. Returns a copy of ``addresses``.
    """
    out = addresses.copy()
    straat = out["straat"].astype("string")
    if names is not None:
        from_table = out["openbare_ruimte_id"].astype("string").map(names).astype("string")
        straat = straat.fillna(from_table)
        unknown = out["openbare_ruimte_id"].notna() & from_table.isna() & out["straat"].isna()
        if unknown.any() and quality is not None:
            quality.note(f"{int(unknown.sum())} adressen met een openbareruimte-id dat niet in de openbareruimte-tabel "
                         "staat: gelabeld met postcode + huisnummerbereik")
    missing = straat.isna()
    if missing.any():
        labels = fallback_street_labels(out.loc[missing])
        straat = straat.fillna(labels)
        labelled = labels.dropna()
        if not labelled.empty:
            message = FALLBACK_NOTE.format(count=len(labelled), example=labelled.iloc[0])
            log.warning(message)
            if quality is not None:
                quality.note(message)
    out["straat"] = straat
    return out
