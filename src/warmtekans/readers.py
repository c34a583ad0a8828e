"""Read the national datasets as published and harmonise them to one internal shape.

Every reader selects columns by name, brings geometries to RD New (EPSG:28992), and
raises :class:`~warmtekans.errors.InputError` naming the file, layer or column when the
input does not match what is expected (shared/docs/data-formats.md).
"""

from __future__ import annotations

import gzip
import logging
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans import RD_CRS
from warmtekans.config import BagInput, DwellingSettings, LayerInput, SewerSettings, ZoneEffect, ZoneInput
from warmtekans.errors import InputError
from warmtekans.io import container_hint, read_vector, sniff_file
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

    # one pass over the plain values (Series.map fetches each value through the Arrow array: slower)
    return pd.Series([parse(value) for value in values.to_numpy(dtype=object)], index=values.index, dtype=object)


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


def _to_int(values: pd.Series, *, path, layer, column, quality: QualityEntry | None = None) -> pd.Series:
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


def repair_geometries(frame: gpd.GeoDataFrame, *, path, layer=None, quality: QualityEntry | None = None) -> gpd.GeoDataFrame:
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
    frame = repair_geometries(frame, path=source.path, layer=source.layer, quality=entry)
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
    selected = selected.reset_index(drop=True)
    _refuse_overlapping_buurten(selected, path=source.path, layer=source.layer, quality=entry)
    if entry is not None:
        entry.note(f"{len(selected)} buurten van {gemeentecode}")
    return selected


#: Buurten may overlap by less than this share of the smaller one (slivers of generalisation);
#: more is a wrong layer (e.g. wijken and buurten mixed, or two years stacked).
BUURT_OVERLAP_MAX_SHARE = 0.01


def _refuse_overlapping_buurten(buurten: gpd.GeoDataFrame, *, path, layer, quality) -> None:
    """Refuse buurten that overlap by more than :data:`BUURT_OVERLAP_MAX_SHARE` of the smaller one."""
    left, right = buurten.sindex.query(buurten.geometry.values, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    if len(left) == 0:
        return
    geometries = buurten.geometry.values
    overlap = shapely.area(shapely.intersection(geometries[left], geometries[right]))
    smaller = np.minimum(shapely.area(geometries[left]), shapely.area(geometries[right]))
    share = overlap / np.maximum(smaller, 1e-9)
    codes = buurten["buurtcode"].to_numpy()
    bad = share > BUURT_OVERLAP_MAX_SHARE
    if bad.any():
        examples = ", ".join(f"{codes[a]}/{codes[b]} ({100 * s:.0f}%)" for a, b, s in
                             zip(left[bad][:3], right[bad][:3], share[bad][:3]))
        raise InputError(f"{int(bad.sum())} pairs of buurten overlap (e.g. {examples}); expected buurten that do not "
                         "overlap (one CBS year, buurten only, not wijken)", path=path, layer=layer, column="buurtcode")
    small = int((overlap > 0).sum())
    if quality is not None and small:
        quality.note(f"{small} paren buurten overlappen minder dan {100 * BUURT_OVERLAP_MAX_SHARE:.0f}% (toegestaan)")


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


#: BAG catalogue values (Catalogus BAG 2018, shared/docs/data-formats.md); matched ignoring case.
PAND_STATUSES = ("Bouwvergunning verleend", "Niet gerealiseerd pand", "Bouw gestart", "Pand in gebruik (niet ingemeten)",
                 "Pand in gebruik", "Verbouwing pand", "Sloopvergunning verleend", "Pand gesloopt",
                 "Pand buiten gebruik", "Pand ten onrechte opgevoerd")
VBO_STATUSES = ("Verblijfsobject gevormd", "Niet gerealiseerd verblijfsobject",
                "Verblijfsobject in gebruik (niet ingemeten)", "Verblijfsobject in gebruik", "Verbouwing verblijfsobject",
                "Verblijfsobject ingetrokken", "Verblijfsobject buiten gebruik", "Verblijfsobject ten onrechte opgevoerd")
GEBRUIKSDOELEN = ("woonfunctie", "bijeenkomstfunctie", "celfunctie", "gezondheidszorgfunctie", "industriefunctie",
                  "kantoorfunctie", "logiesfunctie", "onderwijsfunctie", "sportfunctie", "winkelfunctie",
                  "overige gebruiksfunctie")

#: Oldest plausible bouwjaar; the newest is next year (a pand under construction).
BOUWJAAR_MIN = 1000
#: BAG's placeholder for an unknown floor area: never a real value.
OPPERVLAKTE_PLACEHOLDER = 999_999


def read_bag(source: BagInput, bbox: tuple[float, float, float, float] | None = None, *,
             settings: DwellingSettings | None = None,
             quality: QualityLog | None = None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read panden and verblijfsobjecten of the area ``bbox`` from a BAG GeoPackage.

    Returns ``(panden, vbos)``: panden with ``pand_id, bouwjaar, pand_status, geometry``;
    verblijfsobjecten with ``vbo_id, pand_ids (list), gebruiksdoelen (list), oppervlakte,
    vbo_status, straat, openbare_ruimte_id, postcode, huisnummer, huisletter, toevoeging``.

    Repaired and counted (``quality``): statuses and gebruiksdoelen in another case; a
    bouwjaar outside 1000..next year and a floor area ≤ 0, 999 999 or above
    ``settings.max_floor_area_m2`` (dwellings) / ``max_floor_area_utility_m2`` (others) become
    unknown; MultiPoint objects become their (first) point. Refused: values outside the BAG
    catalogue, identifiers in scientific notation, duplicate identifiers.
    """
    settings = settings or DwellingSettings()
    names = BAG_NAMES[source.flavour]
    pand_entry = _entry(quality, "bag.pand", source.path, source.pand_layer)
    pand = read_vector(source.path, layer=source.pand_layer, bbox=bbox, what="BAG panden", geometry="polygon",
                       quality=pand_entry)
    _require(pand, ["identificatie", names["pand_bouwjaar"], "status"], path=source.path, layer=source.pand_layer)
    refuse_scientific_ids(pand["identificatie"], path=source.path, layer=source.pand_layer, column="identificatie")
    pand = repair_geometries(pand, path=source.path, layer=source.pand_layer, quality=pand_entry)
    bouwjaar = _to_int(pand[names["pand_bouwjaar"]], path=source.path, layer=source.pand_layer,
                       column=names["pand_bouwjaar"], quality=pand_entry)
    panden = gpd.GeoDataFrame(
        {
            "pand_id": bare_id(pand["identificatie"]),
            "bouwjaar": _plausible_bouwjaar(bouwjaar, column=names["pand_bouwjaar"], quality=pand_entry),
            "pand_status": normalise_catalogue(pand["status"], PAND_STATUSES, what="pand status", path=source.path,
                                               layer=source.pand_layer, column="status", quality=pand_entry),
        },
        geometry=pand.geometry.values,
        crs=RD_CRS,
    )
    if panden["pand_id"].duplicated().any():
        dupes = ", ".join(panden.loc[panden["pand_id"].duplicated(), "pand_id"].unique()[:5])
        raise InputError(f"duplicate pand identifiers: {dupes}", path=source.path, layer=source.pand_layer,
                         column="identificatie")

    layer = source.verblijfsobject_layer
    vbo_entry = _entry(quality, "bag.verblijfsobject", source.path, layer)
    vbo = read_vector(source.path, layer=layer, bbox=bbox, what="BAG verblijfsobjecten", geometry="point",
                      quality=vbo_entry)
    _require(vbo, ["identificatie", "gebruiksdoel", "oppervlakte", "status", names["vbo_pand"]], path=source.path, layer=layer)
    for column in ("identificatie", names["vbo_pand"], "hoofdadresnummeraanduidingref"):
        if column in vbo:
            refuse_scientific_ids(vbo[column], path=source.path, layer=layer, column=column)
    uses = _normalise_uses(split_array(vbo["gebruiksdoel"]), path=source.path, layer=layer, quality=vbo_entry)
    area = _to_int(vbo["oppervlakte"], path=source.path, layer=layer, column="oppervlakte", quality=vbo_entry)
    vbos = gpd.GeoDataFrame(
        {
            "vbo_id": bare_id(vbo["identificatie"]),
            "pand_ids": _bare_id_lists(split_array(vbo[names["vbo_pand"]])),
            "gebruiksdoelen": uses,
            "oppervlakte": _plausible_floor_area(area, uses, settings, quality=vbo_entry),
            "vbo_status": normalise_catalogue(vbo["status"], VBO_STATUSES, what="verblijfsobject status",
                                              path=source.path, layer=layer, column="status", quality=vbo_entry),
        },
        geometry=_single_points(vbo.geometry, bare_id(vbo["identificatie"]), quality=vbo_entry),
        crs=RD_CRS,
    )
    if vbos["vbo_id"].duplicated().any():
        dupes = ", ".join(vbos.loc[vbos["vbo_id"].duplicated(), "vbo_id"].unique()[:5])
        raise InputError(f"duplicate verblijfsobject identifiers: {dupes}", path=source.path, layer=layer, column="identificatie")
    addresses = _with_street_names(source, _bag_addresses(source, vbo, quality=quality), quality=vbo_entry)
    for column in ("straat", "openbare_ruimte_id", "postcode", "huisnummer", "huisletter", "toevoeging"):
        vbos[column] = addresses[column].values
    return panden, vbos


def _plausible_bouwjaar(bouwjaar: pd.Series, *, column: str, quality: QualityEntry | None) -> pd.Series:
    """Bouwjaar outside 1000..next year → unknown (counted); the heat-demand table then assumes 1950."""
    import datetime

    newest = datetime.date.today().year + 1
    bad = bouwjaar.notna() & ((bouwjaar < BOUWJAAR_MIN) | (bouwjaar > newest))
    if bad.any():
        log.warning("%d panden have a bouwjaar outside %d-%d; set to unknown", int(bad.sum()), BOUWJAAR_MIN, newest)
        if quality is not None:
            quality.repair(f"{column} buiten {BOUWJAAR_MIN}-{newest}: onbekend gemaakt (warmtevraag rekent met 1950)",
                           int(bad.sum()), examples=bouwjaar[bad].unique()[:5])
    return bouwjaar.mask(bad)


def _plausible_floor_area(area: pd.Series, uses: pd.Series, settings: DwellingSettings,
                          quality: QualityEntry | None) -> pd.Series:
    """Floor area ≤ 0, the placeholder 999 999 or above the configured maximum → unknown (counted).

    An unknown dwelling area counts as 100 m² in the heat-demand table; an unknown
    non-residential area counts as 0 GJ (not as a woningequivalent).
    """
    living = uses.map(lambda u: "woonfunctie" in u).astype(bool)
    limit = np.where(living, settings.max_floor_area_m2, settings.max_floor_area_utility_m2)
    values = area.astype("Float64")
    bad = area.notna() & ((values <= 0) | (values >= OPPERVLAKTE_PLACEHOLDER) | (values > limit))
    if bad.any():
        log.warning("%d verblijfsobjecten have an implausible oppervlakte (e.g. %s m2); set to unknown",
                    int(bad.sum()), ", ".join(map(str, area[bad].unique()[:3])))
        if quality is not None:
            for mask, rule in (
                (bad & living, f"oppervlakte <= 0 of > dwellings.max_floor_area_m2 ({settings.max_floor_area_m2:g} m2): "
                               "onbekend gemaakt (woning rekent met 100 m2)"),
                (bad & ~living, "oppervlakte <= 0 of > dwellings.max_floor_area_utility_m2 "
                                f"({settings.max_floor_area_utility_m2:g} m2): onbekend gemaakt (telt niet als WEQ)"),
            ):
                quality.repair(rule, int(mask.sum()), examples=area[mask].unique()[:5])
    return area.mask(bad)


def _normalise_uses(uses: pd.Series, *, path, layer, quality: QualityEntry | None) -> pd.Series:
    """Gebruiksdoelen spelled as in the BAG catalogue (case repaired and counted; unknown refused)."""
    flat = uses.explode()
    canonical = normalise_catalogue(flat.dropna(), GEBRUIKSDOELEN, what="gebruiksdoel", path=path, layer=layer,
                                    column="gebruiksdoel", quality=quality)
    lists: list[list] = [[] for _ in range(len(uses))]
    positions = uses.index.get_indexer(canonical.index) if uses.index.is_unique else None
    if positions is None:  # a label used twice: gather by label, as before
        grouped = canonical.groupby(level=0).agg(list)
        return pd.Series([grouped.get(i, []) for i in uses.index], index=uses.index, dtype=object)
    for position, value in zip(positions, canonical.to_numpy(dtype=object)):  # one pass, not one group each
        lists[position].append(value)
    return pd.Series(lists, index=uses.index, dtype=object)


_BAG_PREFIX = re.compile(r"^NL\.IMBAG\.[A-Za-z]+\.")


def _bare_id_lists(lists: pd.Series) -> pd.Series:
    """:func:`bare_id` for lists of ids (the ``NL.IMBAG.<Object>.`` prefix stripped from each)."""
    return pd.Series([[_BAG_PREFIX.sub("", i) for i in ids] for ids in lists.to_numpy()], index=lists.index,
                     dtype=object)


def _single_points(geometry: gpd.GeoSeries, ids: pd.Series, quality: QualityEntry | None) -> np.ndarray:
    """MultiPoint → its point (one part) or its first point (several parts); both counted."""
    values = geometry.values
    multi = np.asarray(geometry.geom_type == "MultiPoint")
    if not multi.any():
        return values
    parts = shapely.get_num_geometries(values)
    out = np.array(values, dtype=object)
    out[multi] = shapely.get_geometry(values[multi], 0)
    if quality is not None:
        quality.repair("MultiPoint met één punt: dat punt", int((multi & (parts == 1)).sum()),
                       examples=ids[multi & (parts == 1)].head(5))
        quality.repair("MultiPoint met meer punten: het eerste punt", int((multi & (parts > 1)).sum()),
                       examples=ids[multi & (parts > 1)].head(5))
    return gpd.array.from_shapely(out, crs=geometry.crs)


def _bag_addresses(source: BagInput, vbo: pd.DataFrame, *, quality: QualityLog | None = None) -> pd.DataFrame:
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
        if quality is not None:
            quality.entry("bag.nummeraanduiding").not_checked("geen nummeraanduiding-tabel: geen adressen")
        return pd.DataFrame({c: pd.Series(pd.NA, index=vbo.index, dtype="string") for c in
                             ("straat", "openbare_ruimte_id", "postcode", "huisnummer", "huisletter", "toevoeging")})
    path = Path(source.nummeraanduiding)
    table = read_text_table(path, what="nummeraanduiding")
    entry = _entry(quality, "bag.nummeraanduiding", path)
    if entry is not None:
        entry.read(len(table))
    _require(table, ["identificatie", "postcode", "huisnummer", "openbareruimteref"], path=path)
    for column in ("identificatie", "openbareruimteref"):
        refuse_scientific_ids(table[column], path=path, column=column)
    table["identificatie"] = bare_id(table["identificatie"])
    if entry is not None:
        entry.drop("identificatie dubbel: eerste rij gebruikt", int(table["identificatie"].duplicated().sum()),
                   examples=table.loc[table["identificatie"].duplicated(), "identificatie"].head(5))
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


#: Date formats accepted in EP-online date columns, tried in this order. EP-online publishes
#: YYYYMMDD; the others appear after a spreadsheet round trip (day first, the Dutch order).
EP_DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d")
#: Without ``Meting_geldig_tot`` a registration is taken as valid for 10 years after its
#: opnamedatum (an energielabel is valid 10 years: Besluit energieprestatie gebouwen, art. 2.2).
LABEL_VALID_YEARS = 10


def _date_sql(expression: str) -> str:
    formats = ", ".join(f"try_strptime({expression}, '{f}')" for f in EP_DATE_FORMATS)
    return f"coalesce({formats})"


def _ep_header(path: Path) -> tuple[list[str], str, str | None]:
    """The header names, encoding and compression of an EP-online CSV; refuses what it cannot be."""
    kind = sniff_file(path)
    if kind in ("xlsx", "zip", "bzip2"):
        raise InputError(container_hint(kind, path, "an EP-online CSV export"), path=path)
    opener = gzip.open if kind == "gzip" else open
    with opener(path, "rb") as handle:
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
    header = [h.strip().strip('"').strip() for h in header_text.strip().split(";")]
    return header, encoding, ("gzip" if kind == "gzip" else None)


def read_energielabels(path: str | Path, *, reference_date: str, quality: QualityLog | None = None,
                       threads: int | None = None) -> pd.DataFrame:
    """The newest registration per dwelling from an EP-online CSV, using DuckDB.

    DuckDB streams the file, so a national export (millions of rows) is never loaded whole
    into pandas. Valid registrations (``Meting_geldig_tot`` ≥ ``reference_date``) win over
    expired ones; among those the newest ``Pand_opnamedatum``; remaining ties are broken by
    every other column, so the result does not depend on file order or DuckDB's thread count
    (``threads`` sets it, for tests). Quoted fields and gzip (whatever the file name) are read.

    Returns one row per ``vbo_id`` (or per address where the VBO id is empty), ordered by
    ``vbo_id`` then address, with ``label`` (as registered), ``labelklasse`` (Vesta class
    A..G), ``label_datum``, ``label_geldig``, ``gebouwtype``, ``gebouwsubtype``, and address
    columns.
    """
    import duckdb

    path = Path(path)
    if not path.exists():
        raise InputError("the EP-online file does not exist", path=path)
    header, encoding, compression = _ep_header(path)
    for column in EP_COLUMNS_REQUIRED:
        if column not in header:
            raise InputError(f"required EP-online column is missing (header has {len(header)} columns)", path=path, column=column)
    has = set(header)
    entry = _entry(quality, "energielabels", path)
    letter = "Pand_huisletter" if "Pand_huisletter" in has else None
    addition = "Pand_huisnummertoevoeging" if "Pand_huisnummertoevoeging" in has else (
        "Pand_huisnummer_toev" if "Pand_huisnummer_toev" in has else None)

    def col(name: str | None) -> str:
        return f'trim("{name}")' if name and name in has else "NULL"

    valid_until = (_date_sql(col("Meting_geldig_tot")) if "Meting_geldig_tot" in has
                   else f"label_datum + INTERVAL {LABEL_VALID_YEARS} YEAR")
    if "Meting_geldig_tot" not in has:
        log.warning("%s has no column Meting_geldig_tot: a label counts as valid for %d years after its opnamedatum",
                    path, LABEL_VALID_YEARS)
        if entry is not None:
            entry.note(f"kolom Meting_geldig_tot ontbreekt: geldig tot = opnamedatum + {LABEL_VALID_YEARS} jaar")
    ordering = ("label_geldig DESC, label_datum DESC NULLS LAST, geldig_tot DESC NULLS LAST, label, "
                "gebouwtype NULLS LAST, gebouwsubtype NULLS LAST, postcode NULLS LAST, huisnummer NULLS LAST, "
                "huisletter NULLS LAST, toevoeging NULLS LAST, vbo_id NULLS LAST")

    def run(encoding_name: str) -> tuple[pd.DataFrame, dict]:
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        try:
            options = f"delim=';', header=true, all_varchar=true, encoding='{encoding_name}', quote='\"'"
            options += f", compression='{compression or 'none'}'"  # by content, not by file name
            source = f"read_csv('{_sql_text(path)}', {options})"
            con.execute(f"""
                CREATE TEMP VIEW parsed AS
                SELECT *, {_date_sql('opname_tekst')} AS label_datum FROM (
                    SELECT
                        nullif({col('Pand_bagverblijfsobjectid')}, '') AS vbo_id,
                        upper(replace({col('Pand_postcode')}, ' ', '')) AS postcode,
                        {col('Pand_huisnummer')} AS huisnummer,
                        nullif(upper({col(letter)}), '') AS huisletter,
                        nullif(upper({col(addition)}), '') AS toevoeging,
                        upper({col('Pand_energieklasse')}) AS label,
                        nullif({col('Pand_opnamedatum')}, '') AS opname_tekst,
                        nullif({col('Meting_geldig_tot')}, '') AS geldig_tekst,
                        nullif({col('Pand_gebouwklasse')}, '') AS gebouwklasse,
                        nullif({col('Pand_gebouwtype')}, '') AS gebouwtype,
                        nullif({col('Pand_gebouwsubtype')}, '') AS gebouwsubtype
                    FROM {source}
                )""")
            con.execute(f"""
                CREATE TEMP VIEW dated AS
                SELECT *, {valid_until.replace('trim("Meting_geldig_tot")', 'geldig_tekst')} AS geldig_tot FROM parsed""")
            stats = con.execute(f"""
                SELECT count(*) AS rows,
                    count(*) FILTER (WHERE opname_tekst IS NOT NULL AND label_datum IS NULL) AS bad_opname,
                    list(DISTINCT opname_tekst) FILTER (WHERE opname_tekst IS NOT NULL AND label_datum IS NULL)[:3]
                        AS bad_opname_examples,
                    count(*) FILTER (WHERE geldig_tekst IS NOT NULL AND geldig_tot IS NULL) AS bad_geldig,
                    list(DISTINCT geldig_tekst) FILTER (WHERE geldig_tekst IS NOT NULL AND geldig_tot IS NULL)[:3]
                        AS bad_geldig_examples,
                    count(*) FILTER (WHERE label_datum IS NOT NULL AND try_strptime(opname_tekst, '%Y%m%d') IS NULL)
                        AS other_format,
                    list(DISTINCT opname_tekst) FILTER (WHERE label_datum IS NOT NULL
                        AND try_strptime(opname_tekst, '%Y%m%d') IS NULL)[:3] AS other_format_examples,
                    count(*) FILTER (WHERE regexp_matches(vbo_id, '{_SCIENTIFIC}')) AS scientific,
                    list(DISTINCT vbo_id) FILTER (WHERE regexp_matches(vbo_id, '{_SCIENTIFIC}'))[:3]
                        AS scientific_examples,
                    count(*) FILTER (WHERE coalesce(upper(gebouwklasse), 'W') <> 'W') AS not_dwelling,
                    count(*) FILTER (WHERE coalesce(upper(gebouwklasse), 'W') = 'W' AND coalesce(label, '') = '') AS no_label
                FROM dated""").df().iloc[0].to_dict()
            frame = con.execute(f"""
                WITH ranked AS (
                    SELECT *,
                        coalesce(geldig_tot >= DATE '{reference_date}', false) AS label_geldig,
                        row_number() OVER (
                            PARTITION BY coalesce(vbo_id, postcode || '|' || huisnummer || '|' ||
                                                  coalesce(huisletter, '') || '|' || coalesce(toevoeging, ''))
                            ORDER BY coalesce(geldig_tot >= DATE '{reference_date}', false) DESC,
                                     {ordering.split(', ', 1)[1]}
                        ) AS rank
                    FROM dated
                    WHERE coalesce(upper(gebouwklasse), 'W') = 'W' AND label IS NOT NULL AND label <> ''
                )
                SELECT vbo_id, postcode, huisnummer, huisletter, toevoeging, label,
                       CAST(label_datum AS DATE) AS label_datum, label_geldig, gebouwtype, gebouwsubtype
                FROM ranked WHERE rank = 1
                ORDER BY vbo_id NULLS LAST, postcode NULLS LAST, huisnummer NULLS LAST, huisletter NULLS LAST,
                         toevoeging NULLS LAST, {ordering}
                """).df()
            return frame, stats
        finally:
            con.close()

    try:
        try:
            frame, stats = run(encoding)
        except duckdb.InvalidInputException as exc:
            if encoding != "utf-8" or "not utf-8 encoded" not in str(exc).lower():
                raise
            log.warning("%s is not UTF-8; reading it as Latin-1", path)
            frame, stats = run("latin-1")
    except duckdb.Error as exc:
        raise InputError(f"cannot be read as an EP-online CSV ({str(exc).splitlines()[0]})", path=path) from exc
    _check_ep_stats(stats, path=path, entry=entry)
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
    if entry is not None:
        entry.note(f"{len(frame)} woningen met een registratie (nieuwste geldige per woning)")
    return frame


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _check_ep_stats(stats: dict, *, path: Path, entry: QualityEntry | None) -> None:
    """Refuse unreadable dates and scientific-notation ids; count repaired dates and skipped rows."""
    def listed(key: str) -> list:
        values = stats.get(key)
        return [] if values is None or (isinstance(values, float) and np.isnan(values)) else list(values)

    def examples(key: str) -> str:
        return ", ".join(map(str, listed(key)))

    if stats["scientific"]:
        raise InputError(
            f"{int(stats['scientific'])} identifiers are in scientific notation (e.g. {examples('scientific_examples')}): "
            "the file was opened and saved in a spreadsheet, which rounds 16-digit ids. Download the EP-online "
            "export again (expected ids like 0599010000000001)", path=path, column="Pand_bagverblijfsobjectid")
    accepted = ", ".join(f.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD") for f in EP_DATE_FORMATS)
    for key, column in (("bad_opname", "Pand_opnamedatum"), ("bad_geldig", "Meting_geldig_tot")):
        if stats[key]:
            raise InputError(f"{int(stats[key])} values are not dates (e.g. {examples(key + '_examples')}); expected "
                             f"YYYYMMDD as EP-online publishes (also accepted: {accepted})", path=path, column=column)
    if entry is not None:
        entry.read(int(stats["rows"]))
        entry.repair("Pand_opnamedatum in een andere notatie dan YYYYMMDD gelezen", int(stats["other_format"]),
                     examples=listed("other_format_examples"))
        entry.drop("geen woning (Pand_gebouwklasse is niet W)", int(stats["not_dwelling"]))
        entry.drop("geen energieklasse", int(stats["no_label"]))


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
    frame = repair_geometries(frame, path=source.path, layer=source.layer, quality=_entry(quality, soort, source.path))
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


#: Identifier columns of GWSW exports checked for spreadsheet damage (scientific notation).
SEWER_ID_COLUMNS = ("identificatie", "guid", "naam", "leidingid", "id")

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
    """GWSW pipes with their type (last part of the URI) and whether they carry dry-weather flow.

    Reads the GWSW WFS/OGC API layers and the GWSW GeoPackage export (``default_lijn``:
    ``Type`` URI, no diameter or BOB). MultiLineStrings are split into their lines (counted);
    a negative flow, diameter ≤ 0 becomes unknown (counted). Without BOB the flow direction is
    the digitised direction, and without a given flow the dry-weather flow is estimated
    (:mod:`warmtekans.sewer`); both are said in the quality log.
    """
    entry = _entry(quality, "riool", source.path, source.layer)
    frame = read_vector(source.path, layer=source.layer, bbox=bbox, what="GWSW sewer pipes", geometry="line",
                        quality=entry)
    type_column = _pick(frame, SEWER_COLUMNS["type"], path=source.path, layer=source.layer)
    for column in frame.columns:
        if column.lower() in SEWER_ID_COLUMNS and not pd.api.types.is_numeric_dtype(frame[column]):
            refuse_scientific_ids(frame[column], path=source.path, layer=source.layer, column=column)
    out = gpd.GeoDataFrame(geometry=frame.geometry.values, crs=RD_CRS)
    out["gwsw_type"] = normalise_sewer_type(frame[type_column]).values
    found = {}
    for name in ("diameter", "bob_begin", "bob_eind", "debiet"):
        column = _pick(frame, SEWER_COLUMNS[name], path=source.path, layer=source.layer, required=False)
        found[name] = column
        out[name] = pd.to_numeric(frame[column], errors="coerce").values if column else np.nan
    for name, rule in (("debiet", "debiet < 0: onbekend gemaakt (geschat uit inwoners)"),
                       ("diameter", "diameter <= 0: onbekend gemaakt")):
        bad = out[name].notna() & ((out[name] < 0) if name == "debiet" else (out[name] <= 0))
        if bad.any():
            log.warning("%s: %d pipes with %s; set to unknown", source.path, int(bad.sum()), rule)
            if entry is not None:
                entry.repair(f"{found[name]} {rule}", int(bad.sum()), examples=out.loc[bad, name].unique()[:5])
            out.loc[bad, name] = np.nan
    out = out.rename(columns={"diameter": "diameter_mm", "debiet": "debiet_dwa_gegeven_m3h"})
    out["draagt_dwa"] = out["gwsw_type"].isin(settings.dry_weather_types)
    multi = np.asarray(out.geometry.geom_type == "MultiLineString") & (shapely.get_num_geometries(out.geometry.values) > 1)
    out = out.explode(index_parts=False).reset_index(drop=True)
    out = out[out.geometry.geom_type == "LineString"].reset_index(drop=True)
    out.insert(0, "leiding_id", np.arange(1, len(out) + 1))
    if entry is not None:
        entry.repair("MultiLineString opgesplitst in losse leidingen", int(multi.sum()))
        _sewer_notes(out, frame[type_column], entry)
    return out


def _sewer_notes(pipes: gpd.GeoDataFrame, types: pd.Series, entry: QualityEntry) -> None:
    """Say what the sewer data lack and what is estimated instead."""
    counts = pipes["gwsw_type"].value_counts()
    entry.note("typen: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    versions = sorted(set(types.astype("string").str.extract(r"gwsw\.nl/([\d.]+)/", expand=False).dropna()))
    if versions:
        entry.note(f"GWSW-versie van de type-URI's: {', '.join(versions)}")
    if pipes[["bob_begin", "bob_eind"]].isna().all(axis=None):
        entry.note("geen BOB (binnenonderkant buis): stroomrichting geschat als de digitaliseerrichting van elke leiding")
    if pipes["debiet_dwa_gegeven_m3h"].isna().all():
        entry.note("geen debiet: droogweerafvoer geschat uit inwoners stroomopwaarts (sewer.wastewater_m3_per_inhabitant_year)")
    if pipes["diameter_mm"].isna().all():
        entry.not_checked("geen diameter: niet gecontroleerd of een leiding groot genoeg is voor een warmtewisselaar")
    if not pipes["draagt_dwa"].any():
        entry.note("geen leiding met droogweerafvoer (sewer.dry_weather_types): geen riothermie")


def empty_sewers() -> gpd.GeoDataFrame:
    """A sewer table with no pipes."""
    return empty_layer({"leiding_id": "int64", "gwsw_type": "string", "diameter_mm": "float64", "bob_begin": "float64",
                        "bob_eind": "float64", "debiet_dwa_gegeven_m3h": "float64", "draagt_dwa": "bool"})


# --------------------------------------------------------------------------- OSM streets and barriers
# read with GDAL's OSM driver; see warmtekans.osm

from warmtekans.osm import empty_barriers, empty_streets, read_osm_barriers, read_streets  # noqa: E402,F401
