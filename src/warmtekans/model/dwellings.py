"""The dwellings table: BAG verblijfsobjecten with woonfunctie + label + woningtype + heat demand."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.sections import DwellingSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.model.demand import (
    equivalent_label,
    heat_demand,
    local_demand_factor,
    peak_kw,
    peak_space_heating_kw,
    vesta_type,
)
from warmtekans.model.woningtype import (
    wall_neighbour_candidates,
    woningtype_from_ep_online,
    woningtype_from_geometry,
)

log = logging.getLogger(__name__)


#: Labels a dwelling can be insulated to (the Startanalyse 2025 steps go to D, C or B).
INSULATION_TARGETS = ("B", "C", "D")

LABEL_BRON_EP = "EP-online"


LABEL_BRON_EP_VERLOPEN = "EP-online (verlopen)"


LABEL_BRON_GESCHAT = "geschat uit bouwjaar en woningtype (Vesta N)"


@dataclass
class DwellingReport:
    """Counts a user should see: what was selected, joined or left out, and why."""

    vbos_read: int = 0
    dwellings: int = 0
    utility_objects: int = 0
    not_living_status: int = 0
    outside_gemeente: int = 0
    without_pand: int = 0
    labels_by_vbo_id: int = 0
    labels_by_address: int = 0
    per_buurt_without_pand: dict[str, int] = field(default_factory=dict)
    neighbour_panden_outside: int = 0
    panden_without_dwelling_ignored: int = 0
    panden_judged_by_area: int = 0
    local_factor_applied: int = 0
    local_factor_missing: int = 0

    def lines(self) -> list[str]:
        return [
            f"verblijfsobjecten read: {self.vbos_read}",
            f"dwellings (woonfunctie, living status, inside the gemeente's buurten): {self.dwellings}",
            f"non-residential objects (counted as WEQ by floor area): {self.utility_objects}",
            f"left out, status not living: {self.not_living_status}",
            f"left out, outside the gemeente's buurten: {self.outside_gemeente}",
            f"left out, pand missing from the BAG extract: {self.without_pand}",
            f"labels joined on VBO id: {self.labels_by_vbo_id}; on address: {self.labels_by_address}",
            "woningtype: dwelling panden outside the gemeente used as wall neighbours: "
            f"{self.neighbour_panden_outside}; "
            f"panden without a dwelling (sheds, annexes) never a neighbour: {self.panden_without_dwelling_ignored}; "
            f"panden without verblijfsobjecten in the extract, judged by footprint area: {self.panden_judged_by_area}",
            f"local demand correction (verschilfactor): applied to {self.local_factor_applied} dwellings; "
            f"no factor for their buurt (2020 code) and type: {self.local_factor_missing}",
        ]


def _address_key(frame: pd.DataFrame) -> pd.Series:
    def part(name: str) -> pd.Series:
        return frame[name].astype("string").fillna("").str.upper().str.replace(" ", "", regex=False)

    return part("postcode") + "|" + part("huisnummer") + "|" + part("huisletter") + "|" + part("toevoeging")


def _isin(values: pd.Series, allowed: pd.Series) -> np.ndarray:
    """``values.isin(allowed)`` for many ids: one hash lookup (pandas checks string values one by one)."""
    known = pd.Index(pd.unique(allowed.dropna().to_numpy(dtype=object)))
    return known.get_indexer(values.to_numpy(dtype=object)) >= 0


def _any_listed(lists: pd.Series, uses: set[str], *, outside: bool = False) -> np.ndarray:
    """Per row of a column of lists (BAG gebruiksdoelen): does any item lie in ``uses`` (or, with
    ``outside``, outside them)? Empty lists give False."""
    items = pd.Series(lists.to_numpy()).explode().dropna()
    hit = items.isin(list(uses)).to_numpy()
    hit = ~hit if outside else hit
    result = np.zeros(len(lists), dtype=bool)
    result[items.index.to_numpy()[hit]] = True
    return result


def select_dwellings(vbos: gpd.GeoDataFrame, settings: DwellingSettings) -> tuple[gpd.GeoDataFrame, int]:
    """Verblijfsobjecten with a living status: dwellings (woonfunctie) and non-residential objects.

    Adds ``objecttype`` ('woning' or 'utiliteit'); also returns how many dwellings had a
    status that is not a living one.
    """
    living_use = pd.Series(_any_listed(vbos["gebruiksdoelen"], {"woonfunctie"}), index=vbos.index)
    living_status = vbos["vbo_status"].isin(settings.statuses)
    selected = vbos[living_status].copy()
    selected["objecttype"] = np.where(living_use[living_status], "woning", "utiliteit")
    return selected, int((living_use & ~living_status).sum())


def attach_pand(dwellings: gpd.GeoDataFrame, panden: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Choose one pand per dwelling: the listed pand that contains the point, else the first listed that exists.

    Vectorised: the listed pand ids are looked up at once; only a dwelling with more than one
    known pand tests which footprint covers its point.
    """
    listed = pd.Series(dwellings["pand_ids"].to_numpy()).explode().dropna()
    rows = listed.index.to_numpy()
    unique = panden[~panden["pand_id"].duplicated()]
    where = pd.Index(unique["pand_id"].astype(object)).get_indexer(listed.to_numpy(dtype=object))
    rows, where = rows[where >= 0], where[where >= 0]  # known panden, in listed order per dwelling
    chosen = np.full(len(dwellings), -1)
    first_rows, first = np.unique(rows, return_index=True)
    chosen[first_rows] = where[first]
    several = np.bincount(rows, minlength=len(dwellings))[rows] > 1
    if several.any():
        rows, where = rows[several], where[several]
        covering = shapely.covers(np.asarray(unique.geometry.values)[where],
                                  np.asarray(dwellings.geometry.values)[rows])
        first_rows, first = np.unique(rows[covering], return_index=True)
        chosen[first_rows] = where[covering][first]
    ids = unique["pand_id"].to_numpy(dtype=object)
    dwellings["pand_id"] = pd.Series(np.where(chosen >= 0, ids[chosen], None), index=dwellings.index, dtype="string")
    return dwellings


def pand_storeys(panden: gpd.GeoDataFrame, dwellings: pd.DataFrame) -> pd.Series:
    """Estimated storeys per pand: total dwelling floor area / footprint area (an estimate)."""
    floor_area = dwellings.groupby("pand_id")["oppervlakte"].sum()
    footprint = panden.set_index("pand_id").geometry.area
    storeys = (floor_area.reindex(footprint.index).fillna(0) / footprint.clip(lower=1)).round()
    return storeys.clip(lower=1)


def join_labels(dwellings: pd.DataFrame, labels: pd.DataFrame, report: DwellingReport) -> pd.DataFrame:
    """Attach the newest EP-online registration: on VBO id, else on postcode + huisnummer + letter + toevoeging."""
    columns = ["label", "labelklasse", "label_datum", "label_geldig", "gebouwtype", "gebouwsubtype"]
    # one total order (valid first, newest first, then by id and label), so the registration chosen for an
    # address never depends on the order the reader returned its rows in
    order = [c for c in ("label_geldig", "label_datum", "vbo_id", "label", "gebouwtype", "gebouwsubtype")
             if c in labels]
    labels = labels.sort_values(order, ascending=[c not in ("label_geldig", "label_datum") for c in order],
                                na_position="last", kind="stable")
    by_id = labels.dropna(subset=["vbo_id"]).drop_duplicates("vbo_id").set_index("vbo_id")[columns]
    joined = by_id.reindex(dwellings["vbo_id"].values)
    joined.index = dwellings.index
    report.labels_by_vbo_id = int(joined["label"].notna().sum())
    address_labels = labels.assign(_key=_address_key(labels)).drop_duplicates("_key").set_index("_key")[columns]
    fallback = address_labels.reindex(_address_key(dwellings).values)
    fallback.index = dwellings.index
    use = joined["label"].isna() & fallback["label"].notna() & dwellings["postcode"].notna()
    joined.loc[use, columns] = fallback.loc[use, columns]
    report.labels_by_address = int(use.sum())
    return joined


def utility_objects(objects: pd.DataFrame, settings: DwellingSettings) -> pd.DataFrame:
    """Heat demand, peak and woningequivalenten of non-residential objects (estimates).

    demand = floor area × ``utility_gj_per_m2``; WEQ = demand / ``weq_reference_gj``;
    peak = demand / full-load hours.
    """
    objects = objects.copy()
    area = objects["oppervlakte"].astype("float").fillna(0.0)
    demand = area * settings.utility_gj_per_m2
    objects["woningtype"] = "utiliteit"
    objects["woningtype_bron"] = "BAG-gebruiksdoel"
    objects["label_bron"] = "geen (utiliteit)"
    objects["rv_gj"] = demand.round(2)
    objects["tw_gj"] = 0.0
    objects["warmtevraag_gj"] = demand.round(2)
    peak = demand / 0.0036 / settings.utility_full_load_hours
    objects["piek_kw"] = peak.round(2)
    objects["piek_rv_kw"] = peak.round(2)
    objects["weq"] = (demand / settings.weq_reference_gj).round(3)
    return objects


def _positions_intersecting(frame: gpd.GeoDataFrame, geometry) -> np.ndarray:
    """Boolean per row of ``frame``: does it intersect ``geometry`` (spatial index, prepared geometry)."""
    mask = np.zeros(len(frame), dtype=bool)
    mask[frame.sindex.query(geometry, predicate="intersects")] = True
    return mask


def pand_woningtypes(usable_panden: gpd.GeoDataFrame, objects: gpd.GeoDataFrame, vbos: gpd.GeoDataFrame,
                     buurten: gpd.GeoDataFrame, settings: DwellingSettings, report: DwellingReport) -> pd.Series:
    """Woningtype from geometry per pand id, for the panden in the gemeente and a buffer around it.

    The shared-wall rule looks at the BAG panden within ``settings.neighbour_buffer_m`` of the
    gemeente's buurten, so a row crossing the municipal border keeps its tussenwoningen.
    ``objects`` are the living-status objects of the whole extract with their ``pand_id`` and
    ``buurtcode`` (NA outside the gemeente). Only woonfunctie objects count as dwellings, so
    only they make a pand an appartement. A wall neighbour holds a dwelling, or a heated
    non-residential object (a use outside ``settings.neighbour_unheated_uses``) on more than
    ``settings.annex_max_area_m2``. Panden no verblijfsobject refers to are sheds and annexes
    inside the gemeente (or wherever the extract holds objects); across the border, when the
    extract has no objects there, a footprint above ``settings.annex_max_area_m2`` counts.
    """
    gemeente = buurten.geometry.union_all()
    area = gemeente.buffer(settings.neighbour_buffer_m) if settings.neighbour_buffer_m > 0 else gemeente
    holds_object = _isin(usable_panden["pand_id"], objects.loc[objects["buurtcode"].notna(), "pand_id"])
    nearby = usable_panden[_positions_intersecting(usable_panden, area) | holds_object].copy()
    inside = _positions_intersecting(gpd.GeoDataFrame(geometry=nearby.representative_point()), gemeente)
    is_dwelling = objects["objecttype"] == "woning"
    dwellings_per_pand = nearby["pand_id"].map(objects.loc[is_dwelling, "pand_id"].value_counts()).fillna(0)
    objects_across_border = bool((objects["buurtcode"].isna().to_numpy()
                                  & _positions_intersecting(objects, area)).any())
    referenced = vbos["pand_ids"].explode().dropna()
    known = _isin(nearby["pand_id"], referenced) | inside | objects_across_border
    unheated = set(settings.neighbour_unheated_uses)
    heated_objects = objects[~is_dwelling & _any_listed(objects["gebruiksdoelen"], unheated, outside=True)]
    candidates = wall_neighbour_candidates(dwellings_per_pand, nearby.geometry.area,
                                           pd.Series(known, index=nearby.index),
                                           annex_max_area_m2=settings.annex_max_area_m2,
                                           heated_other_use=pd.Series(_isin(nearby["pand_id"],
                                                                            heated_objects["pand_id"]),
                                                                      index=nearby.index))
    report.neighbour_panden_outside = int((candidates.to_numpy() & ~inside).sum())
    report.panden_without_dwelling_ignored = int((known & ~candidates.to_numpy()).sum())
    report.panden_judged_by_area = int((~known).sum())
    if not (~inside).any() and settings.neighbour_buffer_m > 0:
        log.info("the BAG extract holds no panden outside the gemeente: rows across its border cannot be seen "
                 "and their end houses read as hoekwoning or vrijstaand")
    types = woningtype_from_geometry(nearby, dwellings_per_pand, min_shared_m=settings.shared_wall_min_m,
                                     counts_as_neighbour=candidates)
    return pd.Series(types.to_numpy(), index=nearby["pand_id"].to_numpy(), dtype="string")


def build_dwellings(
    panden: gpd.GeoDataFrame,
    vbos: gpd.GeoDataFrame,
    labels: pd.DataFrame,
    buurten: gpd.GeoDataFrame,
    kentallen: pd.DataFrame,
    settings: DwellingSettings,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, DwellingReport]:
    """Build the objects table (dwellings and non-residential objects) and their panden.

    Returns
    -------
    dwellings
        One row per object (VBO point geometry): ``objecttype`` woning or utiliteit, with
        woningtype, label, heat demand (GJ/yr), peak capacity (kW), WEQ, buurtcode and the
        source of each estimate.
    woonpanden
        The panden that hold these objects, with ``n_woningen`` and ``woningtype``
        ('utiliteit' for panden without dwellings).
    report
        Counts of what was selected and what was left out.
    """
    report = DwellingReport(vbos_read=len(vbos))
    dwellings, report.not_living_status = select_dwellings(vbos, settings)
    located = gpd.sjoin(dwellings, buurten[["buurtcode", "geometry"]], how="left", predicate="within")
    located = located.rename_axis("_object").sort_values(["_object", "buurtcode"], kind="stable")
    located = located[~located.index.duplicated(keep="first")].rename_axis(dwellings.index.name)
    dwellings["buurtcode"] = located["buurtcode"].astype("string")
    report.outside_gemeente = int(dwellings["buurtcode"].isna().sum())

    usable_panden = panden[~panden["pand_status"].isin(settings.pand_statuses_excluded)]
    dwellings = attach_pand(dwellings, usable_panden)
    objects_in_extract = dwellings[dwellings["pand_id"].notna()]
    dwellings = dwellings[dwellings["buurtcode"].notna()]
    without = dwellings["pand_id"].isna()
    report.without_pand = int((without & (dwellings["objecttype"] == "woning")).sum())
    report.per_buurt_without_pand = dwellings.loc[without & (dwellings["objecttype"] == "woning"),
                                                  "buurtcode"].value_counts().to_dict()
    if report.without_pand:
        log.warning("%d dwellings refer to a pand that is not in the BAG extract; they are left out "
                    "and counted per buurt (woningen_zonder_pand)", report.without_pand)
    dwellings = dwellings[~without].copy()
    is_dwelling = dwellings["objecttype"] == "woning"
    report.dwellings = int(is_dwelling.sum())
    report.utility_objects = int((~is_dwelling).sum())
    if report.dwellings == 0:
        raise InputError("no dwellings (verblijfsobjecten with woonfunctie and a living status) in the selected "
                         "gemeente; check the BAG file, the gemeente's buurten and dwellings.statuses")

    woonpanden = usable_panden[_isin(usable_panden["pand_id"], dwellings["pand_id"])].copy()
    counts = dwellings.loc[is_dwelling, "pand_id"].value_counts()
    woonpanden["n_woningen"] = woonpanden["pand_id"].map(counts).fillna(0).astype("int64")
    woonpanden = woonpanden.reset_index(drop=True)
    geometry_types = woonpanden["pand_id"].map(
        pand_woningtypes(usable_panden, objects_in_extract, vbos, buurten, settings, report)).astype("string")
    woonpanden["woningtype"] = geometry_types.where(woonpanden["n_woningen"] > 0, "utiliteit")
    storeys = pand_storeys(woonpanden, dwellings[is_dwelling])
    woonpanden["bouwlagen"] = woonpanden["pand_id"].map(storeys).astype("float")

    pand_info = woonpanden.set_index("pand_id")
    dwellings["bouwjaar"] = dwellings["pand_id"].map(pand_info["bouwjaar"]).astype("Int64")
    geometry_type = dwellings["pand_id"].map(pand_info["woningtype"]).astype("string")

    utility = dwellings[~is_dwelling].copy()
    dwellings = dwellings[is_dwelling].copy()
    joined = join_labels(dwellings, labels, report)
    ep_type = woningtype_from_ep_online(joined["gebouwtype"])
    dwellings["woningtype"] = ep_type.fillna(geometry_type[is_dwelling])
    dwellings["woningtype_bron"] = np.where(ep_type.notna(), "EP-online", "BAG-geometrie")

    labelled = joined["labelklasse"].notna()
    dwellings["label"] = joined["label"].astype("string")
    dwellings["label_datum"] = joined["label_datum"]
    dwellings["label_bron"] = np.where(
        ~labelled, LABEL_BRON_GESCHAT,
        np.where(joined["label_geldig"].fillna(False).astype(bool), LABEL_BRON_EP, LABEL_BRON_EP_VERLOPEN))

    storeys = dwellings["pand_id"].map(pand_info["bouwlagen"])
    types = vesta_type(dwellings["woningtype"], storeys, high_rise_min_storeys=settings.high_rise_min_storeys)
    dwellings["woningtype_vesta"] = types
    area_kwargs = dict(area_min=settings.floor_area_min_m2, area_max=settings.floor_area_max_m2)
    vesta_label = joined["labelklasse"].fillna("N").astype("string")
    demand = heat_demand(kentallen, types=types, bouwjaar=dwellings["bouwjaar"], labelklasse=vesta_label,
                         floor_area_m2=dwellings["oppervlakte"], **area_kwargs)
    estimated = equivalent_label(kentallen, types=types, bouwjaar=dwellings["bouwjaar"],
                                 floor_area_m2=dwellings["oppervlakte"])
    dwellings["labelklasse"] = joined["labelklasse"].astype("string").fillna(estimated)
    dwellings["labelklasse_vesta"] = vesta_label
    factor = local_demand_factor(dwellings["buurtcode"], types) if settings.local_demand_correction else \
        pd.Series(np.nan, index=dwellings.index)
    report.local_factor_applied = int(factor.notna().sum())
    report.local_factor_missing = int(factor.isna().sum()) if settings.local_demand_correction else 0
    dwellings["verschilfactor"] = factor.round(4)
    factor = factor.fillna(1.0)
    for column in demand.columns:
        dwellings[column] = (demand[column] * factor).round(2)
    for target in INSULATION_TARGETS:  # space heating after an insulation step to the target label (never higher)
        after = heat_demand(kentallen, types=types, bouwjaar=dwellings["bouwjaar"],
                            labelklasse=pd.Series(target, index=dwellings.index),
                            floor_area_m2=dwellings["oppervlakte"], **area_kwargs)["rv_gj"] * factor
        dwellings[f"rv_gj_label_{target}"] = np.minimum(after, dwellings["rv_gj"]).round(2)
    dwellings["piek_kw"] = peak_kw(dwellings["woningtype"], dwellings["oppervlakte"], **area_kwargs).round(2)
    dwellings["piek_rv_kw"] = peak_space_heating_kw(dwellings["woningtype"], dwellings["oppervlakte"],
                                                    **area_kwargs).round(2)
    dwellings["weq"] = 1.0
    dwellings = pd.concat([dwellings, utility_objects(utility, settings)])
    columns = ["vbo_id", "objecttype", "pand_id", "buurtcode", "straat", "openbare_ruimte_id", "postcode", "huisnummer",
               "huisletter", "toevoeging", "oppervlakte", "bouwjaar", "woningtype", "woningtype_bron",
               "woningtype_vesta", "label", "labelklasse", "labelklasse_vesta", "label_datum", "label_bron",
               "rv_gj", "tw_gj", "warmtevraag_gj", "verschilfactor",
               *(f"rv_gj_label_{target}" for target in INSULATION_TARGETS), "piek_rv_kw", "piek_kw", "weq", "geometry"]
    dwellings = gpd.GeoDataFrame(dwellings.reindex(columns=columns), geometry="geometry", crs=RD_CRS)
    dwellings = dwellings.sort_values("vbo_id").reset_index(drop=True)
    woonpanden = woonpanden.sort_values("pand_id").reset_index(drop=True)
    return dwellings, woonpanden, report
