"""The BAG: panden and verblijfsobjecten (bag-light or NLExtract naming), with addresses and street names."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.areas import BagInput
from warmtekans.config.sections import DwellingSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry, QualityLog
from warmtekans.inputs.common import (
    bare_id,
    normalise_catalogue,
    pick_column,
    quality_entry,
    read_text_table,
    refuse_scientific_ids,
    repair_geometries,
    require_columns,
    split_array,
    to_int,
)
from warmtekans.io.vector import read_vector

log = logging.getLogger(__name__)


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
PAND_STATUSES = ("Bouwvergunning verleend", "Niet gerealiseerd pand", "Bouw gestart",
                 "Pand in gebruik (niet ingemeten)", "Pand in gebruik", "Verbouwing pand", "Sloopvergunning verleend",
                 "Pand gesloopt", "Pand buiten gebruik", "Pand ten onrechte opgevoerd")


VBO_STATUSES = ("Verblijfsobject gevormd", "Niet gerealiseerd verblijfsobject",
                "Verblijfsobject in gebruik (niet ingemeten)", "Verblijfsobject in gebruik",
                "Verbouwing verblijfsobject", "Verblijfsobject ingetrokken", "Verblijfsobject buiten gebruik",
                "Verblijfsobject ten onrechte opgevoerd")


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
    pand_entry = quality_entry(quality, "bag.pand", source.path, source.pand_layer)
    pand = read_vector(source.path, layer=source.pand_layer, bbox=bbox, what="BAG panden", geometry="polygon",
                       quality=pand_entry)
    require_columns(pand, ["identificatie", names["pand_bouwjaar"], "status"], path=source.path,
                    layer=source.pand_layer)
    refuse_scientific_ids(pand["identificatie"], path=source.path, layer=source.pand_layer, column="identificatie")
    pand = repair_geometries(pand, path=source.path, layer=source.pand_layer, quality=pand_entry)
    bouwjaar = to_int(pand[names["pand_bouwjaar"]], path=source.path, layer=source.pand_layer,
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
    vbo_entry = quality_entry(quality, "bag.verblijfsobject", source.path, layer)
    vbo = read_vector(source.path, layer=layer, bbox=bbox, what="BAG verblijfsobjecten", geometry="point",
                      quality=vbo_entry)
    require_columns(vbo, ["identificatie", "gebruiksdoel", "oppervlakte", "status", names["vbo_pand"]],
                    path=source.path, layer=layer)
    for column in ("identificatie", names["vbo_pand"], "hoofdadresnummeraanduidingref"):
        if column in vbo:
            refuse_scientific_ids(vbo[column], path=source.path, layer=layer, column=column)
    uses = _normalise_uses(split_array(vbo["gebruiksdoel"]), path=source.path, layer=layer, quality=vbo_entry)
    area = to_int(vbo["oppervlakte"], path=source.path, layer=layer, column="oppervlakte", quality=vbo_entry)
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
        raise InputError(f"duplicate verblijfsobject identifiers: {dupes}", path=source.path, layer=layer,
                         column="identificatie")
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
                (bad & living,
                 f"oppervlakte <= 0 of > dwellings.max_floor_area_m2 ({settings.max_floor_area_m2:g} m2): "
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
    """:func:`~warmtekans.inputs.common.bare_id` for lists of ids (the ``NL.IMBAG.<Object>.`` prefix stripped from
    each)."""
    return pd.Series(
        [[_BAG_PREFIX.sub("", i) for i in ids] for ids in lists.to_numpy()], index=lists.index, dtype=object
    )


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
        quality.repair(
            "MultiPoint met één punt: dat punt",
            int((multi & (parts == 1)).sum()),
            examples=ids[multi & (parts == 1)].head(5),
        )
        quality.repair(
            "MultiPoint met meer punten: het eerste punt",
            int((multi & (parts > 1)).sum()),
            examples=ids[multi & (parts > 1)].head(5),
        )
    return gpd.array.from_shapely(out, crs=geometry.crs)


#: What a missing nummeraanduiding table costs under ``flavour: nlextract`` (on screen and in kwaliteit.md).
NO_ADDRESSES_WARNING = (
    "geen nummeraanduiding-tabel (inputs.bag.nummeraanduiding) bij flavour nlextract: GEEN ADRESSEN EN GEEN "
    "STRAATNAMEN. Woningen hebben geen postcode, huisnummer of openbare ruimte; in plaats van straten staan blokken "
    "panden binnen clusters.mini_max_gap_m van elkaar ('blok 12 (geen adres)'), en energielabels worden alleen op "
    "verblijfsobject-id gekoppeld. Geef het nummeraanduiding-CSV van het NLExtract-uittreksel om dit op te lossen."
)


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
            name = pick_column(vbo, candidates, path=source.path, layer=source.verblijfsobject_layer, required=False)
            out[column] = vbo[name].astype("string") if name else pd.NA
        return out
    if source.nummeraanduiding is None:
        if quality is not None:
            quality.entry("bag.nummeraanduiding").warn(NO_ADDRESSES_WARNING)
        else:
            log.warning("bag.nummeraanduiding: %s", NO_ADDRESSES_WARNING)
        return pd.DataFrame(
            {
                c: pd.Series(pd.NA, index=vbo.index, dtype="string")
                for c in ("straat", "openbare_ruimte_id", "postcode", "huisnummer", "huisletter", "toevoeging")
            }
        )
    path = Path(source.nummeraanduiding)
    table = read_text_table(path, what="nummeraanduiding")
    entry = quality_entry(quality, "bag.nummeraanduiding", path)
    if entry is not None:
        entry.read(len(table))
    require_columns(table, ["identificatie", "postcode", "huisnummer", "openbareruimteref"], path=path)
    for column in ("identificatie", "openbareruimteref"):
        refuse_scientific_ids(table[column], path=path, column=column)
    table["identificatie"] = bare_id(table["identificatie"])
    if entry is not None:
        entry.drop(
            "identificatie dubbel: eerste rij gebruikt",
            int(table["identificatie"].duplicated().sum()),
            examples=table.loc[table["identificatie"].duplicated(), "identificatie"].head(5),
        )
    table = table.drop_duplicates("identificatie").set_index("identificatie")
    main_address = bare_id(vbo["hoofdadresnummeraanduidingref"]) if "hoofdadresnummeraanduidingref" in vbo else None
    if main_address is None:
        raise InputError(
            "required column is missing",
            path=source.path,
            layer=source.verblijfsobject_layer,
            column="hoofdadresnummeraanduidingref",
        )
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
    (:mod:`warmtekans.inputs.streetnames`)."""
    from warmtekans.inputs.streetnames import fill_street_names, read_openbareruimte

    names = read_openbareruimte(source.openbareruimte) if source.openbareruimte else None
    return fill_street_names(addresses, names, quality=quality)
