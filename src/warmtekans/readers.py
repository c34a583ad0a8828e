"""Read the national datasets as published and harmonise them to one internal shape.

Every reader selects columns by name, brings geometries to RD New (EPSG:28992), and
raises :class:`~warmtekans.errors.InputError` naming the file, layer or column when the
input does not match what is expected (shared/docs/data-formats.md).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans import RD_CRS
from warmtekans.config import BagInput, DwellingSettings, LayerInput, SewerSettings, ZoneEffect, ZoneInput
from warmtekans.errors import InputError
from warmtekans.io import read_vector
from warmtekans.quality import QualityEntry, QualityLog
from warmtekans.tables import empty_layer

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- helpers


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

    return values.map(parse)


def _entry(quality: QualityLog | None, name: str, path, layer=None) -> QualityEntry | None:
    """The quality entry of input ``name`` (None without a log)."""
    return quality.entry(name, path=path, layer=layer) if quality is not None else None


def _require(frame: pd.DataFrame, columns: list[str], *, path, layer=None) -> None:
    for column in columns:
        if column not in frame.columns:
            present = ", ".join(c for c in frame.columns if c != "geometry")
            raise InputError(
                f"required column is missing; columns present: {present}", path=path, layer=layer, column=column
            )


def _pick(frame: pd.DataFrame, candidates: list[str], *, path, layer=None, required=True) -> str | None:
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


def _to_int(values: pd.Series, *, path, layer, column) -> pd.Series:
    """Parse integers, refusing text that is not a number."""
    numbers = pd.to_numeric(values, errors="coerce")
    bad = values.notna() & numbers.isna() & (values.astype("string").str.strip() != "")
    if bad.any():
        examples = ", ".join(map(str, values[bad].unique()[:3]))
        raise InputError(f"{int(bad.sum())} values are not numbers (e.g. {examples})", path=path, layer=layer, column=column)
    return numbers.astype("Int64")


def repair_geometries(frame: gpd.GeoDataFrame, *, path, layer=None) -> gpd.GeoDataFrame:
    """Repair invalid geometries with ``make_valid`` and log how many there were."""
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        log.warning("%s%s: repaired %d invalid geometries", path, f" ({layer})" if layer else "", int(invalid.sum()))
        frame = frame.copy()
        frame.loc[invalid, "geometry"] = frame.loc[invalid, "geometry"].make_valid()
    return frame


# --------------------------------------------------------------------------- CBS buurten

BUURT_COLUMNS = {
    "buurtcode": ["buurtcode", "BU_CODE"],
    "buurtnaam": ["buurtnaam", "BU_NAAM"],
    "gemeentecode": ["gemeentecode", "GM_CODE"],
    "aantal_huishoudens": ["aantal_huishoudens", "AANT_HH", "AANTAL_HH"],
    "aantal_inwoners": ["aantal_inwoners", "AANT_INW"],
    "gemiddelde_huishoudsgrootte": ["gemiddelde_huishoudsgrootte", "GEM_HH_GR"],
}


def read_buurten(source: LayerInput, gemeentecode: str, *, quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """The CBS buurten of one gemeente, with household counts (negative sentinels → NaN)."""
    entry = _entry(quality, "buurten", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, what="CBS buurten", geometry="polygon", quality=entry)
    frame = repair_geometries(frame, path=source.path, layer=source.layer)
    out = gpd.GeoDataFrame(geometry=frame.geometry, crs=RD_CRS)
    for name, candidates in BUURT_COLUMNS.items():
        required = name in ("buurtcode", "buurtnaam", "gemeentecode")
        column = _pick(frame, candidates, path=source.path, layer=source.layer, required=required)
        out[name] = frame[column] if column else np.nan
    for name in ("aantal_huishoudens", "aantal_inwoners", "gemiddelde_huishoudsgrootte"):
        values = pd.to_numeric(out[name], errors="coerce")
        out[name] = values.where(values >= 0)  # CBS: negative = secret or unknown
    codes = out["gemeentecode"].astype("string").str.strip()
    codes = codes.where(codes.str.startswith("GM"), "GM" + codes.str.zfill(4))
    out["gemeentecode"] = codes
    selected = out[out["gemeentecode"] == gemeentecode]
    if selected.empty:
        known = ", ".join(sorted(codes.dropna().unique())[:10])
        raise InputError(
            f"gemeente {gemeentecode} is not in the buurten layer (gemeenten present: {known})",
            path=source.path,
            layer=source.layer,
            column="gemeentecode",
        )
    if selected["buurtcode"].duplicated().any():
        dupes = ", ".join(selected.loc[selected["buurtcode"].duplicated(), "buurtcode"].astype(str).unique()[:5])
        raise InputError(f"duplicate buurtcodes: {dupes}", path=source.path, layer=source.layer, column="buurtcode")
    selected = selected.copy()
    selected["buurtcode"] = selected["buurtcode"].astype("string")
    selected["buurtnaam"] = selected["buurtnaam"].astype("string")
    return selected.reset_index(drop=True)


# --------------------------------------------------------------------------- BAG

BAG_NAMES = {
    "bag-light": {
        "pand_bouwjaar": "bouwjaar",
        "vbo_pand": "pand_identificatie",
    },
    "nlextract": {
        "pand_bouwjaar": "oorspronkelijkbouwjaar",
        "vbo_pand": "pandref",
    },
}


def read_bag(source: BagInput, bbox: tuple[float, float, float, float] | None = None, *,
             settings: DwellingSettings | None = None,
             quality: QualityLog | None = None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read panden and verblijfsobjecten of the area ``bbox`` from a BAG GeoPackage.

    Returns ``(panden, vbos)``: panden with ``pand_id, bouwjaar, pand_status, geometry``;
    verblijfsobjecten with ``vbo_id, pand_ids (list), gebruiksdoelen (list), oppervlakte,
    vbo_status, straat, openbare_ruimte_id, postcode, huisnummer, huisletter, toevoeging``.
    """
    names = BAG_NAMES[source.flavour]
    pand = read_vector(source.path, layer=source.pand_layer, bbox=bbox, what="BAG panden", geometry="polygon",
                       quality=_entry(quality, "bag.pand", source.path, source.pand_layer))
    _require(pand, ["identificatie", names["pand_bouwjaar"], "status"], path=source.path, layer=source.pand_layer)
    pand = repair_geometries(pand, path=source.path, layer=source.pand_layer)
    panden = gpd.GeoDataFrame(
        {
            "pand_id": bare_id(pand["identificatie"]),
            "bouwjaar": _to_int(pand[names["pand_bouwjaar"]], path=source.path, layer=source.pand_layer,
                                column=names["pand_bouwjaar"]),
            "pand_status": pand["status"].astype("string"),
        },
        geometry=pand.geometry.values,
        crs=RD_CRS,
    )
    if panden["pand_id"].duplicated().any():
        dupes = ", ".join(panden.loc[panden["pand_id"].duplicated(), "pand_id"].unique()[:5])
        raise InputError(f"duplicate pand identifiers: {dupes}", path=source.path, layer=source.pand_layer,
                         column="identificatie")

    vbo = read_vector(source.path, layer=source.verblijfsobject_layer, bbox=bbox, what="BAG verblijfsobjecten",
                      geometry="point", quality=_entry(quality, "bag.verblijfsobject", source.path,
                                                        source.verblijfsobject_layer))
    layer = source.verblijfsobject_layer
    _require(vbo, ["identificatie", "gebruiksdoel", "oppervlakte", "status", names["vbo_pand"]], path=source.path, layer=layer)
    vbos = gpd.GeoDataFrame(
        {
            "vbo_id": bare_id(vbo["identificatie"]),
            "pand_ids": split_array(vbo[names["vbo_pand"]]).map(lambda ids: [re.sub(r"^NL\.IMBAG\.[A-Za-z]+\.", "", i) for i in ids]),
            "gebruiksdoelen": split_array(vbo["gebruiksdoel"]),
            "oppervlakte": _to_int(vbo["oppervlakte"], path=source.path, layer=layer, column="oppervlakte"),
            "vbo_status": vbo["status"].astype("string"),
        },
        geometry=vbo.geometry.values,
        crs=RD_CRS,
    )
    if vbos["vbo_id"].duplicated().any():
        dupes = ", ".join(vbos.loc[vbos["vbo_id"].duplicated(), "vbo_id"].unique()[:5])
        raise InputError(f"duplicate verblijfsobject identifiers: {dupes}", path=source.path, layer=layer, column="identificatie")
    addresses = _with_street_names(source, _bag_addresses(source, vbo))
    for column in ("straat", "openbare_ruimte_id", "postcode", "huisnummer", "huisletter", "toevoeging"):
        vbos[column] = addresses[column].values
    return panden, vbos


def _bag_addresses(source: BagInput, vbo: pd.DataFrame) -> pd.DataFrame:
    """Address columns per VBO: on the layer (bag-light) or from a nummeraanduiding table."""
    if source.flavour == "bag-light":
        out = pd.DataFrame(index=vbo.index)
        for column, candidates in {
            "straat": ["openbare_ruimte_naam"],
            "openbare_ruimte_id": ["openbare_ruimte_identificatie"],
            "postcode": ["postcode"],
            "huisnummer": ["huisnummer"],
            "huisletter": ["huisletter"],
            "toevoeging": ["toevoeging", "huisnummertoevoeging"],
        }.items():
            name = _pick(vbo, candidates, path=source.path, layer=source.verblijfsobject_layer, required=False)
            out[column] = vbo[name].astype("string") if name else pd.NA
        return out
    if source.nummeraanduiding is None:
        return pd.DataFrame({c: pd.Series(pd.NA, index=vbo.index, dtype="string") for c in
                             ("straat", "openbare_ruimte_id", "postcode", "huisnummer", "huisletter", "toevoeging")})
    path = Path(source.nummeraanduiding)
    if not path.exists():
        raise InputError("the nummeraanduiding file does not exist", path=path)
    table = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    _require(table, ["identificatie", "postcode", "huisnummer", "openbareruimteref"], path=path)
    table["identificatie"] = bare_id(table["identificatie"])
    table = table.drop_duplicates("identificatie").set_index("identificatie")
    main_address = bare_id(vbo["hoofdadresnummeraanduidingref"]) if "hoofdadresnummeraanduidingref" in vbo else None
    if main_address is None:
        raise InputError("required column is missing", path=source.path, layer=source.verblijfsobject_layer,
                         column="hoofdadresnummeraanduidingref")
    joined = table.reindex(main_address.values)
    return pd.DataFrame(
        {
            "straat": pd.Series(pd.NA, index=vbo.index, dtype="string"),  # names live in openbareruimte
            "openbare_ruimte_id": bare_id(joined["openbareruimteref"]).values,
            "postcode": joined["postcode"].values,
            "huisnummer": joined["huisnummer"].values,
            "huisletter": joined.get("huisletter", pd.Series(pd.NA, index=joined.index)).values,
            "toevoeging": joined.get("huisnummertoevoeging", pd.Series(pd.NA, index=joined.index)).values,
        },
        index=vbo.index,
    )


def _with_street_names(source: BagInput, addresses: pd.DataFrame, quality=None) -> pd.DataFrame:
    """Street names from the ``openbareruimte`` table when given, else a postcode + house-number label
    (:mod:`warmtekans.streetnames`)."""
    from warmtekans.streetnames import fill_street_names, read_openbareruimte

    names = read_openbareruimte(source.openbareruimte) if source.openbareruimte else None
    return fill_street_names(addresses, names, quality=quality)


# --------------------------------------------------------------------------- EP-online

LABEL_CLASSES = {"A++++": "A", "A+++": "A", "A++": "A", "A+": "A", "A": "A", "B": "B", "C": "C", "D": "D",
                 "E": "E", "F": "F", "G": "G"}

EP_COLUMNS_REQUIRED = ["Pand_opnamedatum", "Pand_energieklasse", "Pand_bagverblijfsobjectid", "Pand_postcode", "Pand_huisnummer"]


def read_energielabels(path: str | Path, *, reference_date: str, quality: QualityLog | None = None) -> pd.DataFrame:
    """The newest registration per dwelling from an EP-online CSV, using DuckDB.

    DuckDB streams the file, so a national export (millions of rows) is never loaded whole
    into pandas. Valid registrations (``Meting_geldig_tot`` ≥ ``reference_date``) win over
    expired ones; among those the newest ``Pand_opnamedatum``.

    Returns one row per ``vbo_id`` (or per address where the VBO id is empty) with
    ``label`` (as registered), ``labelklasse`` (Vesta class A..G), ``label_datum``,
    ``label_geldig``, ``gebouwtype``, ``gebouwsubtype``, and address columns.
    """
    import duckdb

    path = Path(path)
    if not path.exists():
        raise InputError("the EP-online file does not exist", path=path)
    with open(path, "rb") as handle:
        first_line = handle.readline()
    if first_line.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first_line:
        raise InputError("looks UTF-16 encoded; expected an EP-online CSV in UTF-8 or Latin-1", path=path)
    try:
        header_text = first_line.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        header_text = first_line.decode("latin-1")
        encoding = "latin-1"
    if ";" not in header_text:
        separator = next((s for s in (",", "\t", "|") if s in header_text), None)
        found = f"it looks '{separator}'-separated" if separator else "the first line has no ';'"
        raise InputError(
            f"expected a ';'-separated EP-online export, but {found}: {header_text.strip()[:80]!r}",
            path=path,
        )
    header = [h.strip() for h in header_text.strip().split(";")]
    for column in EP_COLUMNS_REQUIRED:
        if column not in header:
            raise InputError(f"required EP-online column is missing (header has {len(header)} columns)", path=path, column=column)
    has = set(header)
    letter = "Pand_huisletter" if "Pand_huisletter" in has else None
    addition = "Pand_huisnummertoevoeging" if "Pand_huisnummertoevoeging" in has else (
        "Pand_huisnummer_toev" if "Pand_huisnummer_toev" in has else None)

    def col(name: str | None) -> str:
        return f'"{name}"' if name and name in has else "NULL"

    def query(encoding_name: str) -> pd.DataFrame:
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        try:
            return con.sql(
                f"""
                WITH raw AS (
                    SELECT
                        nullif(trim({col('Pand_bagverblijfsobjectid')}), '') AS vbo_id,
                        upper(replace(trim({col('Pand_postcode')}), ' ', '')) AS postcode,
                        trim({col('Pand_huisnummer')}) AS huisnummer,
                        nullif(upper(trim({col(letter)})), '') AS huisletter,
                        nullif(upper(trim({col(addition)})), '') AS toevoeging,
                        upper(trim({col('Pand_energieklasse')})) AS label,
                        try_strptime(trim({col('Pand_opnamedatum')}), '%Y%m%d') AS label_datum,
                        try_strptime(trim({col('Meting_geldig_tot')}), '%Y%m%d') AS geldig_tot,
                        nullif(trim({col('Pand_gebouwklasse')}), '') AS gebouwklasse,
                        nullif(trim({col('Pand_gebouwtype')}), '') AS gebouwtype,
                        nullif(trim({col('Pand_gebouwsubtype')}), '') AS gebouwsubtype
                    FROM read_csv(?, delim=';', header=true, all_varchar=true, encoding=?, quote='"')
                ),
                ranked AS (
                    SELECT *,
                        coalesce(geldig_tot >= DATE '{reference_date}', false) AS label_geldig,
                        row_number() OVER (
                            PARTITION BY coalesce(vbo_id, postcode || '|' || huisnummer || '|' ||
                                                  coalesce(huisletter, '') || '|' || coalesce(toevoeging, ''))
                            ORDER BY coalesce(geldig_tot >= DATE '{reference_date}', false) DESC,
                                     label_datum DESC NULLS LAST
                        ) AS rank
                    FROM raw
                    WHERE coalesce(gebouwklasse, 'W') = 'W' AND label IS NOT NULL AND label <> ''
                )
                SELECT vbo_id, postcode, huisnummer, huisletter, toevoeging, label,
                       CAST(label_datum AS DATE) AS label_datum, label_geldig, gebouwtype, gebouwsubtype
                FROM ranked WHERE rank = 1
                """,
                params=[str(path), encoding_name],
            ).df()
        finally:
            con.close()

    try:
        try:
            frame = query(encoding)
        except duckdb.InvalidInputException as exc:
            if encoding != "utf-8" or "not utf-8 encoded" not in str(exc):
                raise
            log.warning("%s is not UTF-8; reading it as Latin-1", path)
            frame = query("latin-1")
    except duckdb.Error as exc:
        raise InputError(f"cannot be read as an EP-online CSV ({str(exc).splitlines()[0]})", path=path) from exc
    unknown = sorted(set(frame["label"]) - set(LABEL_CLASSES))
    if unknown:
        raise InputError(
            f"unknown energy label classes {unknown[:5]}; expected one of {', '.join(LABEL_CLASSES)}",
            path=path,
            column="Pand_energieklasse",
        )
    frame["labelklasse"] = frame["label"].map(LABEL_CLASSES)
    frame["vbo_id"] = bare_id(frame["vbo_id"])
    for column in ("vbo_id", "postcode", "huisnummer", "huisletter", "toevoeging", "label", "labelklasse",
                   "gebouwtype", "gebouwsubtype"):
        frame[column] = frame[column].astype("string")
    return frame


def empty_energielabels() -> pd.DataFrame:
    """An EP-online table with no rows (when no labels are available)."""
    columns = ["vbo_id", "postcode", "huisnummer", "huisletter", "toevoeging", "label", "labelklasse",
               "gebouwtype", "gebouwsubtype"]
    frame = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    frame["label_datum"] = pd.Series(dtype="datetime64[s]")
    frame["label_geldig"] = pd.Series(dtype="bool")
    return frame


# --------------------------------------------------------------------------- restrictions


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().lower()


def read_zones(source: ZoneInput, effects: dict[str, ZoneEffect], *, soort: str,
               bbox: tuple[float, float, float, float] | None = None,
               quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Restriction polygons with their configured effect.

    Each zone value must be configured (matched case- and accent-insensitively), so that a
    new legend value is never silently treated as allowed.
    """
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what=f"{soort} zones", geometry="polygon",
                        quality=_entry(quality, soort, source.path, source.layer))
    _require(frame, [source.zone_column], path=source.path, layer=source.layer)
    frame = repair_geometries(frame, path=source.path, layer=source.layer)
    lookup = {_normalise(k): (k, v) for k, v in effects.items()}
    values = frame[source.zone_column].astype("string").fillna("")
    unknown = sorted({v for v in values if _normalise(v) not in lookup})
    if unknown:
        raise InputError(
            f"zone types {unknown[:5]} have no effect configured under restrictions.{soort} "
            f"(configured: {', '.join(effects)})",
            path=source.path,
            layer=source.layer,
            column=source.zone_column,
        )
    matched = [lookup[_normalise(v)][1] for v in values]
    return gpd.GeoDataFrame(
        {
            "soort": soort,
            "zone_type": values.values,
            "effect": [m.effect for m in matched],
            "max_diepte_m": [m.max_depth_m if m.max_depth_m is not None else np.nan for m in matched],
        },
        geometry=frame.geometry.values,
        crs=RD_CRS,
    )


def empty_zones() -> gpd.GeoDataFrame:
    """A restriction table with no zones."""
    return empty_layer({"soort": "string", "zone_type": "string", "effect": "string", "max_diepte_m": "float64"})


def read_features(source: LayerInput, *, what: str, bbox=None, quality: QualityLog | None = None,
                  name: str | None = None) -> gpd.GeoDataFrame:
    """A generic optional layer (planned heat networks, ground-energy systems): geometry plus attributes."""
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what=what,
                        quality=_entry(quality, name or what, source.path, source.layer))
    frame = repair_geometries(frame, path=source.path, layer=source.layer)
    out = gpd.GeoDataFrame(frame.drop(columns="geometry").astype("string"), geometry=frame.geometry.values, crs=RD_CRS)
    return out[out.geometry.notna() & ~out.geometry.is_empty].reset_index(drop=True)


def empty_features() -> gpd.GeoDataFrame:
    """An optional layer with no features."""
    return empty_layer({})


# --------------------------------------------------------------------------- GWSW sewers

SEWER_COLUMNS = {
    "type": ["type", "stelseltype", "type_leiding"],
    "diameter": ["diameter", "breedte_leiding", "hoogte_leiding", "diameter_leiding"],
    "bob_begin": ["bob_begin", "bob_beginpunt_leiding", "bob_beginpunt"],
    "bob_eind": ["bob_eind", "bob_eindpunt_leiding", "bob_eindpunt"],
    "debiet": ["debiet_dwa_m3h", "dwa_m3h"],
}


_SEWER_TYPE_WORDS = (
    ("gemengd", "GemengdRiool"),
    ("vuilwater", "Vuilwaterriool"),
    ("dwa", "Vuilwaterriool"),
    ("hemelwater", "Hemelwaterriool"),
    ("regenwater", "Hemelwaterriool"),
    ("hwa", "Hemelwaterriool"),
    ("drukleiding", "Drukleiding"),
    ("persleiding", "Drukleiding"),
)


def normalise_sewer_type(values: pd.Series) -> pd.Series:
    """GWSW pipe or stelsel type (URI or label) → GemengdRiool, Vuilwaterriool, Hemelwaterriool, Drukleiding, …

    WFS ``type`` holds pipe-type URIs (``…/totaal/GemengdRiool``); the PDOK OGC API's
    ``stelseltype`` holds system URIs (``…/GemengdStelsel``). Unknown values keep their last
    URI part.
    """
    last = values.astype("string").str.rstrip("/").str.split("/").str[-1]

    def canonical(value):
        if value is pd.NA or value is None:
            return pd.NA
        lower = str(value).lower()
        for word, name in _SEWER_TYPE_WORDS:
            if word in lower:
                return name
        return value

    return last.map(canonical).astype("string")


def read_sewers(source: LayerInput, settings: SewerSettings,
                bbox: tuple[float, float, float, float] | None = None, *,
                quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """GWSW pipes with their type (last part of the URI) and whether they carry dry-weather flow."""
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="GWSW sewer pipes", geometry="line",
                        quality=_entry(quality, "riool", source.path, source.layer))
    type_column = _pick(frame, SEWER_COLUMNS["type"], path=source.path, layer=source.layer)
    out = gpd.GeoDataFrame(geometry=frame.geometry.values, crs=RD_CRS)
    out["leiding_id"] = np.arange(1, len(frame) + 1)
    out["gwsw_type"] = normalise_sewer_type(frame[type_column]).values
    for name in ("diameter", "bob_begin", "bob_eind", "debiet"):
        column = _pick(frame, SEWER_COLUMNS[name], path=source.path, layer=source.layer, required=False)
        out[name] = pd.to_numeric(frame[column], errors="coerce").values if column else np.nan
    out = out.rename(columns={"diameter": "diameter_mm", "debiet": "debiet_dwa_gegeven_m3h"})
    out["draagt_dwa"] = out["gwsw_type"].isin(settings.dry_weather_types)
    out = out[out.geometry.notna() & ~out.geometry.is_empty]
    return out.explode(index_parts=False).reset_index(drop=True)


def empty_sewers() -> gpd.GeoDataFrame:
    """A sewer table with no pipes."""
    return empty_layer({"leiding_id": "int64", "gwsw_type": "string", "diameter_mm": "float64", "bob_begin": "float64",
                        "bob_eind": "float64", "debiet_dwa_gegeven_m3h": "float64", "draagt_dwa": "bool"})


# --------------------------------------------------------------------------- OSM streets and barriers
# read with GDAL's OSM driver; see warmtekans.osm

from warmtekans.osm import empty_barriers, empty_streets, read_osm_barriers, read_streets  # noqa: E402,F401
