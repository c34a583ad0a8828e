"""Candidate clusters at two levels.

* **mini** – ground-bound dwellings (rij, twee-onder-een-kap) along one street whose
  footprints lie within ``mini_max_gap_m`` of each other: 2–50 WEQ (seed 000). Longer
  rows are split along the street into near-equal parts of at most 50 WEQ (or
  ``mini_max_connections``). Portiek blocks of ≤ 4 storeys are a mini cluster each.
  Their shared loops are sized on demand (:mod:`warmtekans.model.loops`).
* **gebied** – contiguous built-up areas: all panden with dwellings linked when closer
  than ``area_link_distance_m``. 50–1 500 WEQ is kleinschalig, above 1 500 grootschalig
  (seed 000); smaller areas are no area cluster.

Every dwelling ends in at most one cluster per level; one that ends in none is
``individueel`` at that level. All neighbour searches use a spatial index, and the
trench length uses a minimum spanning tree over a Delaunay triangulation, so the cost is
near-linear in the number of buildings.
"""
from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.sections import ClusterSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.schemas import empty_clusters
from warmtekans.core.tables import most_common
from warmtekans.model.geometry import (
    candidate_pairs,
    components_in_row_order,
    connected_labels,
    crossing_pairs,
    link_components,
    mst_lengths,
    order_along_main_axis,
    outlines,
    pairs_within,
    positions_by_label,
)
from warmtekans.model.scales import LABEL_INDEX, SCALE_LARGE, SCALE_MINI, SCALE_SMALL
from warmtekans.model.woningtype import GROUND_BOUND


def street_keys(names: pd.Series, street_ids: pd.Series) -> pd.Series:
    """Grouping key of OSM street segments: ``osm:<name>``, or ``osm:id<n>`` for unnamed segments."""
    return ("osm:" + names.astype("string").fillna("id" + street_ids.astype("string"))).astype("string")


#: Key prefix and name of a street stand-in for panden whose dwellings have no address (no openbare ruimte).
BLOCK_KEY, BLOCK_NAME = "blok:", "blok {number} (geen adres)"


def building_blocks(panden: gpd.GeoDataFrame, distance_m: float) -> pd.Series:
    """Block number per pand: panden linked within ``distance_m`` (transitively), numbered 1, 2, … in order of
    their lowest ``pand_id`` (so reruns agree). The street stand-in when the dwellings have no address; linked at
    ``mini_max_gap_m``, a block holds every mini row of its panden whole."""
    labels = link_components(panden.geometry, distance_m)
    first_id = pd.Series(panden["pand_id"].astype(str).to_numpy()).groupby(labels).min()
    number = pd.Series(np.arange(1, len(first_id) + 1), index=first_id.sort_values(kind="stable").index)
    return pd.Series(number.reindex(labels).to_numpy(), index=panden.index, dtype="int64")


def assign_streets(panden: gpd.GeoDataFrame, dwellings: pd.DataFrame, streets: gpd.GeoDataFrame,
                   settings: ClusterSettings) -> pd.DataFrame:
    """The street of each pand: the nearest OSM street, or else the BAG openbare ruimte, or else (no address, e.g.
    NLExtract without nummeraanduiding) its block (:func:`building_blocks`, key ``blok:<n>``).

    Returns a frame indexed like ``panden`` with ``straat`` (name shown to users),
    ``straat_sleutel`` (grouping key) and ``straat_id`` (OSM segment, or NA).
    """
    bag_street = (dwellings.groupby("pand_id")
                  .agg(straat=("straat", "first"), openbare_ruimte_id=("openbare_ruimte_id", "first")))
    bag_name = panden["pand_id"].map(bag_street["straat"]).astype("string")
    bag_id = panden["pand_id"].map(bag_street["openbare_ruimte_id"]).astype("string")
    result = pd.DataFrame(index=panden.index)
    result["straat"] = bag_name
    result["straat_sleutel"] = ("bag:" + bag_id.fillna(bag_name)).astype("string")
    no_address = result["straat_sleutel"].isna()
    if no_address.any():
        block = building_blocks(panden.loc[no_address, ["pand_id", "geometry"]], settings.mini_max_gap_m)
        result.loc[no_address, "straat_sleutel"] = BLOCK_KEY + block.astype("string")
        result.loc[no_address, "straat"] = block.map(lambda number: BLOCK_NAME.format(number=number)).astype("string")
    result["straat_id"] = pd.Series(pd.NA, index=panden.index, dtype="Int64")
    if streets.empty:
        return result
    nearest = gpd.sjoin_nearest(panden[["geometry"]], streets[["straat", "straat_id", "geometry"]], how="left",
                                max_distance=settings.street_max_distance_m, distance_col="_afstand")
    # equidistant streets (corner buildings): the lowest street id wins, so reruns agree
    nearest = nearest.rename_axis("_pand").sort_values(["_pand", "_afstand", "straat_id"], kind="stable")
    nearest = nearest[~nearest.index.duplicated(keep="first")].rename_axis(panden.index.name)
    found = nearest["straat_id"].notna()
    osm_name = nearest["straat"].astype("string")
    key = street_keys(osm_name, nearest["straat_id"])
    result.loc[found, "straat"] = osm_name[found].fillna(bag_name[found])
    result.loc[found, "straat_sleutel"] = key[found]
    result.loc[found, "straat_id"] = nearest.loc[found, "straat_id"].astype("Int64")
    return result


def _split_along(points: np.ndarray, weights: np.ndarray, max_weight: float) -> np.ndarray:
    """Split points ordered along their main axis into near-equal parts of at most ``max_weight``."""
    parts = math.ceil(weights.sum() / max_weight)
    if parts <= 1:
        return np.zeros(len(points), dtype=int)
    order = order_along_main_axis(points)
    cumulative = np.cumsum(weights[order])
    part_of_sorted = np.minimum((cumulative - 1e-9) // (weights.sum() / parts), parts - 1).astype(int)
    labels = np.empty(len(points), dtype=int)
    labels[order] = part_of_sorted
    return labels


#: ``niveau`` of an apartment building above ``mini_max_weq``: a first-level cluster that is not mini.
LEVEL_BUILDING = "gebouw"


def mini_clusters(panden: gpd.GeoDataFrame, settings: ClusterSettings) -> pd.Series:
    """First-level cluster number per pand: rows and apartment buildings (NA where the pand is in none).

    ``panden`` needs ``woningtype``, ``n_woningen`` and ``straat_sleutel``. Every apartment building with at
    least ``mini_min_weq`` dwellings is a cluster of its own, whatever its height (one decision per building,
    issue 18: a portiek block and a flat are costed the same way); its WEQ (dwellings plus non-residential
    objects) sets its scale in :func:`summarise_clusters`: mini up to ``mini_max_weq``, else kleinschalig
    (niveau ``gebouw``), never mini (seed 000). Rows longer than ``mini_max_weq`` (or
    ``mini_max_connections`` when set) are split.
    """
    eligible = panden[panden["woningtype"].isin(GROUND_BOUND)]
    result = pd.Series(pd.NA, index=panden.index, dtype="Int64")
    next_id = 1
    if not eligible.empty:
        next_id = _row_clusters(eligible, settings, result)
    dwellings = panden["n_woningen"].astype(float)
    buildings = panden[(panden["woningtype"] == "appartement") & (dwellings >= settings.mini_min_weq)]
    result.loc[buildings.index] = np.arange(next_id, next_id + len(buildings))
    return result


def _mini_max(settings: ClusterSettings) -> float:
    """Most WEQ (connections) in one mini system."""
    return min(settings.mini_max_weq, settings.mini_max_connections or np.inf)


def _row_clusters(eligible: gpd.GeoDataFrame, settings: ClusterSettings, result: pd.Series) -> int:
    """Number the rows of ground-bound panden into ``result``; returns the next free number."""
    labels = link_components(eligible.geometry, settings.mini_max_gap_m, groups=eligible["straat_sleutel"])
    centroids = np.column_stack([eligible.geometry.centroid.x, eligible.geometry.centroid.y])
    weights = eligible["n_woningen"].to_numpy(dtype=float)
    numbers = np.zeros(len(eligible), dtype="int64")  # 0 = in no mini cluster
    next_id = 1
    # components in order of their first row (lowest pand_id), not of the labels the graph library chose
    for members in sorted(positions_by_label(labels), key=lambda positions: positions[0]):
        if weights[members].sum() < settings.mini_min_weq:
            continue
        parts = _split_along(centroids[members], weights[members], _mini_max(settings))
        for part in np.unique(parts):
            chosen = members[parts == part]
            if weights[chosen].sum() >= settings.mini_min_weq:
                numbers[chosen] = next_id
                next_id += 1
    numbered = numbers > 0
    result.loc[eligible.index[numbered]] = numbers[numbered]  # one assignment, not one per cluster
    return next_id


def _buurt_groups(panden: gpd.GeoDataFrame, settings: ClusterSettings) -> np.ndarray | None:
    """The buurt of each pand when areas do not cross buurt boundaries (else None: one group)."""
    if settings.area_split_at_buurt and "buurtcode" in panden:
        return panden["buurtcode"].astype("string").fillna("").to_numpy()
    return None


def area_clusters(panden: gpd.GeoDataFrame, settings: ClusterSettings,
                  barriers: gpd.GeoSeries | None = None) -> pd.Series:
    """Area-cluster number per pand for bounded built-up areas of more than 50 WEQ (NA otherwise).

    1. **Cores**: panden linked when closer than ``area_link_distance_m``.
    2. **Merge**: a core of more than ``mini_max_weq`` (50 WEQ) takes in every core closer than
       ``area_merge_gap_m`` (back gardens, a park strip, a square), so the areas do not depend on
       the link distance below the merge gap; small cores (detached houses along a road) do not
       chain into each other.

    No link or merge crosses a buurt boundary (``area_split_at_buurt``) or a barrier (the line
    between two panden touching a railway, major road, waterway or water). ``panden`` needs
    ``weq`` and, for the buurt split, ``buurtcode``. Numbering follows the first pand of each
    area, so reruns agree.
    """
    result = pd.Series(pd.NA, index=panden.index, dtype="Int64")
    if panden.empty:
        return result
    n = len(panden)
    weq_values = panden["weq"].to_numpy(dtype=float)
    link, gap = settings.area_link_distance_m, settings.area_merge_gap_m
    merge = gap > link
    # one candidate search at the larger distance serves both steps; distances only for the pairs each step
    # needs (the same links as area_link_graph at each distance)
    values = np.asarray(panden.geometry.values)
    left, right, box_gap = candidate_pairs(panden.geometry, gap if merge else link, _buurt_groups(panden, settings))
    link_left, link_right = pairs_within(values, left[box_gap <= link], right[box_gap <= link], link)
    blocked = crossing_pairs(panden.geometry, link_left, link_right, barriers, link)
    link_left, link_right = link_left[~blocked], link_right[~blocked]
    labels = connected_labels(n, link_left, link_right)
    if merge:
        core_weq = pd.Series(weq_values).groupby(labels).sum().to_numpy()
        large = core_weq[labels] > settings.mini_max_weq
        # a pair inside one core changes nothing: only pairs between cores, one of them large
        joins = (large[left] | large[right]) & (labels[left] != labels[right])
        near_left, near_right = pairs_within(values, left[joins], right[joins], gap)
        blocked = crossing_pairs(panden.geometry, near_left, near_right, barriers, gap)
        labels = connected_labels(n, np.concatenate([link_left, near_left[~blocked]]),
                             np.concatenate([link_right, near_right[~blocked]]))
    weq = pd.Series(weq_values).groupby(labels).sum()
    large_enough = set(weq[weq > settings.mini_max_weq].index)
    ordered = [c for c in components_in_row_order(labels) if c in large_enough]
    numbering = {component: k for k, component in enumerate(ordered, start=1)}
    mapped = pd.Series(labels).map(numbering)
    result[:] = mapped.astype("Int64").to_numpy()
    return result


def pand_buurt(panden: gpd.GeoDataFrame, dwellings: pd.DataFrame) -> pd.Series:
    """The buurt of each pand: the most common buurtcode of the objects in it (NA when unknown)."""
    objects = dwellings.dropna(subset=["buurtcode"])
    if objects.empty:
        return pd.Series(pd.NA, index=panden.index, dtype="string")
    return panden["pand_id"].map(most_common(objects, "pand_id", "buurtcode")).astype("string")


def cluster_buurt_breakdown(members: pd.DataFrame, panden: gpd.GeoDataFrame,
                            column: str = "gebied_cluster_id",
                            cluster_outlines: gpd.GeoSeries | None = None) -> gpd.GeoDataFrame:
    """Per area cluster and buurt: dwellings, non-residential objects, WEQ and demand of its part there.

    The rows of one cluster sum to the cluster's totals. Geometry: the outline (3 m buffer)
    of the cluster's footprints in that buurt. ``panden`` needs ``pand_id``, ``buurtcode`` and
    ``column``. ``cluster_outlines`` (optional, by cluster id): the clusters' outlines from
    :func:`summarise_clusters`, taken as they are for a cluster that lies in one buurt (with
    ``area_split_at_buurt`` every cluster) instead of being drawn again.
    """
    objects = members.dropna(subset=[column]).copy()
    columns = {"cluster_id": "string", "buurtcode": "string", "n_woningen": "int64", "n_utiliteit": "int64",
               "weq": "float64", "warmtevraag_gj": "float64", "aandeel_weq": "float64"}
    if objects.empty:
        from warmtekans.core.schemas import empty_layer
        return empty_layer(columns)
    objects["buurtcode"] = objects["buurtcode"].astype("string").fillna("onbekend")
    objects["_woning"] = (objects["objecttype"] == "woning").astype(int)
    grouped = objects.groupby([column, "buurtcode"], sort=True)
    table = pd.DataFrame({
        "n_woningen": grouped["_woning"].sum(),
        "n_utiliteit": grouped["_woning"].size() - grouped["_woning"].sum(),
        "weq": grouped["weq"].sum().round(2),
        "warmtevraag_gj": grouped["warmtevraag_gj"].sum().round(1),
    })
    table["aandeel_weq"] = (table["weq"] / table["weq"].groupby(level=0).transform("sum")).round(3)
    table.index = table.index.set_names(["cluster_id", "buurtcode"])
    footprints = panden.dropna(subset=[column])
    keys = pd.DataFrame({"cluster_id": footprints[column].astype("string").to_numpy(),
                         "buurtcode": footprints["buurtcode"].astype("string").fillna("onbekend").to_numpy()})
    whole = np.zeros(len(keys), dtype=bool)
    if cluster_outlines is not None:
        buurten = keys.groupby("cluster_id")["buurtcode"].nunique()
        whole = (keys["cluster_id"].map(buurten).eq(1) & keys["cluster_id"].isin(cluster_outlines.index)).to_numpy()
    outline = outlines(footprints.geometry[~whole], keys[~whole])
    if whole.any():
        reused = keys[whole].drop_duplicates("cluster_id")
        outline = pd.concat([outline, gpd.GeoSeries(cluster_outlines.reindex(reused["cluster_id"]).to_numpy(),
                                                    index=pd.MultiIndex.from_frame(reused), crs=RD_CRS)])
    table = table.reset_index()
    geometry = outline.reindex(pd.MultiIndex.from_frame(table[["cluster_id", "buurtcode"]]))
    return gpd.GeoDataFrame(table, geometry=geometry.to_numpy(), crs=RD_CRS)


def build_clusters(
    dwellings: gpd.GeoDataFrame,
    woonpanden: gpd.GeoDataFrame,
    streets: gpd.GeoDataFrame,
    settings: ClusterSettings,
    barriers: gpd.GeoDataFrame | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Form mini and area clusters.

    ``barriers`` (optional): lines and polygons an area network does not cross (railways,
    motorways, trunk and primary roads, waterways, water; :func:`warmtekans.inputs.osm.read_osm_barriers`).

    Returns
    -------
    membership
        The dwellings table with ``straat``, ``straat_sleutel``, ``mini_cluster`` and
        ``gebied_cluster`` (cluster ids, or NA = individueel at that level).
    clusters
        One row per cluster with its dwellings, WEQ, demand, trench length and linear
        heat density; geometry is the outline of its footprints.
    """
    # Cluster ids number components in order of their lowest pand_id: the same input in any row order
    # (and any number of cores) gives the same ids.
    panden = woonpanden.sort_values("pand_id", kind="stable").reset_index(drop=True)
    dwellings = dwellings.sort_values("vbo_id", kind="stable").reset_index(drop=True)  # sums in one order
    streets = streets.sort_values("straat_id", kind="stable").reset_index(drop=True) if not streets.empty else streets
    panden["weq"] = panden["pand_id"].map(dwellings.groupby("pand_id")["weq"].sum()).fillna(0.0)
    panden[["straat", "straat_sleutel", "straat_id"]] = assign_streets(panden, dwellings, streets, settings)
    panden["mini_cluster"] = mini_clusters(panden, settings)
    panden["buurtcode"] = pand_buurt(panden, dwellings)
    barrier_lines = barriers.geometry if barriers is not None and not barriers.empty else None
    panden["gebied_cluster"] = area_clusters(panden, settings, barrier_lines)
    pand_info = panden.set_index("pand_id")
    members = dwellings.copy()
    members["straat_osm"] = members["pand_id"].map(pand_info["straat"]).astype("string")
    members["straat"] = members["straat_osm"].fillna(members["straat"])
    members = members.drop(columns="straat_osm")
    members["straat_sleutel"] = members["pand_id"].map(pand_info["straat_sleutel"]).astype("string")
    members["mini_cluster_id"] = _cluster_ids("M", members["pand_id"].map(pand_info["mini_cluster"]))
    members["gebied_cluster_id"] = _cluster_ids("G", members["pand_id"].map(pand_info["gebied_cluster"]))

    street_lines = _street_lines(streets)
    pand_info = pand_info.assign(mini_cluster_id=_cluster_ids("M", pand_info["mini_cluster"]),
                                 gebied_cluster_id=_cluster_ids("G", pand_info["gebied_cluster"]))
    frames = [summarise_clusters(level, column, members, pand_info, street_lines, settings)
              for level, column in (("mini", "mini_cluster_id"), ("gebied", "gebied_cluster_id"))]
    frames = [f for f in frames if not f.empty]
    clusters = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=RD_CRS) \
        if frames else empty_clusters()
    return members, clusters


def summarise_clusters(level: str, column: str, members: pd.DataFrame, pand_info: gpd.GeoDataFrame,
                       street_lines: dict[str, object], settings: ClusterSettings) -> gpd.GeoDataFrame:
    """One row per cluster of ``level``: counts, demand, peaks, trench length, heat density, outline.

    Grouped operations only (no per-cluster Python work except the MST fallback), so the
    cost grows with the number of objects.
    """
    objects = members.dropna(subset=[column])
    if objects.empty:
        return gpd.GeoDataFrame()
    grouped = objects.groupby(column, sort=True)
    is_dwelling = objects["objecttype"] == "woning"
    dwellings = objects[is_dwelling]
    frame = pd.DataFrame(index=pd.Index(sorted(objects[column].unique()), name="cluster_id"))
    frame["niveau"] = level
    frame["buurtcode"] = most_common(objects, column, "buurtcode")
    frame["n_buurten"], frame["buurtcodes"] = _buurt_lists(objects, column)
    frame["straat"] = most_common(objects.dropna(subset=["straat"]), column, "straat")
    frame["n_woningen"] = dwellings.groupby(column).size()
    frame["n_utiliteit"] = objects[~is_dwelling].groupby(column).size()
    frame["n_panden"] = grouped["pand_id"].nunique()
    frame["weq"] = grouped["weq"].sum().round(2)
    by_size = np.where(frame["weq"] <= settings.small_scale_max_weq, SCALE_SMALL, SCALE_LARGE)
    if level == "mini":  # rows and buildings: mini up to mini_max_weq; a larger building is kleinschalig
        small_enough = frame["weq"] <= settings.mini_max_weq
        frame["schaal"] = np.where(small_enough, SCALE_MINI, by_size)
        frame["niveau"] = np.where(small_enough, "mini", LEVEL_BUILDING)
    else:
        frame["schaal"] = by_size
    types = dwellings.groupby([column, "woningtype"], observed=True).size().unstack(fill_value=0)
    for kind in ("tussenwoning", "hoekwoning", "twee_onder_een_kap", "vrijstaand", "appartement"):
        frame[f"n_{kind}"] = types[kind] if kind in types else 0
    frame["warmtevraag_gj"] = grouped["warmtevraag_gj"].sum().round(1)
    frame["piek_kw"] = grouped["piek_kw"].sum().round(1)
    space = grouped["piek_rv_kw"].sum()
    tap = grouped["piek_kw"].sum() - space
    connections = frame["n_woningen"] + frame["n_utiliteit"].fillna(0)
    frame["gelijktijdig_piek_kw"] = collective_peak_kw(space, tap, connections, settings).round(1)
    footprints = pand_info[pand_info[column].notna()]
    trench, method = trench_lengths(footprints, column, street_lines, settings)
    frame["tracelengte_m"] = trench.round(1)
    frame["trace_methode"] = method
    positive_length = frame["tracelengte_m"].where(frame["tracelengte_m"] > 0)
    frame["warmtedichtheid_gj_m"] = (frame["warmtevraag_gj"] / positive_length).round(2)
    estimated = dwellings["label_bron"].astype("string").str.startswith("geschat").astype(float)
    frame["aandeel_label_geschat"] = estimated.groupby(dwellings[column]).mean().round(3)
    frame["gemiddeld_label_index"] = (dwellings["labelklasse"].map(LABEL_INDEX).astype("float64")
                                      .groupby(dwellings[column]).mean().round(2))
    counts = [c for c in frame.columns if c.startswith("n_")]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    outline = outlines(footprints.geometry, footprints[column])
    frame = gpd.GeoDataFrame(frame, geometry=outline.reindex(frame.index).to_numpy(), crs=RD_CRS)
    return frame.reset_index()


def _buurt_lists(objects: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    """Per cluster the number of buurten its objects lie in and their codes (sorted, comma-separated).

    Only clusters in more than one buurt join strings; the others take their one code.
    """
    pairs = (objects[[column, "buurtcode"]].dropna().drop_duplicates()
             .sort_values([column, "buurtcode"], kind="stable"))
    grouped = pairs.groupby(column)["buurtcode"]
    count = grouped.size()
    codes = grouped.first().astype(object)
    several = pairs[pairs[column].isin(count.index[count > 1])]
    if not several.empty:
        codes.loc[several[column].unique()] = several.groupby(column)["buurtcode"].agg(", ".join)
    return count, codes.astype(objects["buurtcode"].dtype)


def trench_lengths(footprints: gpd.GeoDataFrame, column: str, street_lines: dict[str, object],
                   settings: ClusterSettings) -> tuple[pd.Series, pd.Series]:
    """Trench length (m) and method per cluster: along the streets, or the MST fallback.

    ``trench_length`` in tests/reference.py does one cluster; this does all clusters of a level at once.
    """
    centroids = footprints.geometry.centroid
    keys = footprints["straat_sleutel"].astype("string")
    on_street = keys.isin(list(street_lines)).to_numpy()
    clusters = footprints[column]
    all_on_street = pd.Series(on_street, index=footprints.index).groupby(clusters).all()
    length = pd.Series(np.nan, index=all_on_street.index)
    method = pd.Series("langs straten", index=all_on_street.index, dtype="string")
    along = footprints[clusters.map(all_on_street).to_numpy()]
    if not along.empty:
        position = np.empty(len(along))
        distance = np.empty(len(along))
        along_keys = along["straat_sleutel"].to_numpy()
        along_points = along.geometry.centroid.to_numpy()
        for key in np.unique(along_keys):
            selected = along_keys == key
            position[selected] = shapely.line_locate_point(street_lines[key], along_points[selected])
            distance[selected] = shapely.distance(street_lines[key], along_points[selected])
        parts = pd.DataFrame({"cluster": along[column].to_numpy(), "key": along_keys, "position": position,
                              "distance": distance})
        per_street = parts.groupby(["cluster", "key"]).agg(low=("position", "min"), high=("position", "max"),
                                                           connections=("distance", "sum"))
        per_cluster = (per_street["high"] - per_street["low"] + per_street["connections"]).groupby(level=0).sum()
        length.loc[per_cluster.index] = per_cluster
    fallback = all_on_street.index[~all_on_street.to_numpy()]
    if len(fallback):
        off = clusters.isin(fallback).to_numpy()
        codes, names = pd.factorize(clusters.to_numpy()[off])
        xy = np.column_stack([centroids.x.to_numpy()[off], centroids.y.to_numpy()[off]])
        lengths = (mst_lengths(xy, codes) * settings.detour_factor
                   + np.bincount(codes, minlength=len(names)) * settings.connection_length_m)
        length.loc[fallback] = pd.Series(lengths, index=names).reindex(fallback).to_numpy()
        method.loc[fallback] = "MST × omwegfactor"
    return length, method


def _cluster_ids(prefix: str, numbers: pd.Series) -> pd.Series:
    numbers = numbers.astype("Int64")
    text = numbers.astype("string").str.zfill(5)
    return (prefix + text).where(numbers.notna()).astype("string")


def simultaneity(connections, large_n_factor: float, half_n: float):
    """Simultaneity of n connections: g(n) = g_large + (1 − g_large) / (1 + (n − 1) / n_half).

    g(1) = 1 (one dwelling needs its whole peak) and g → g_large for a large network (Vesta's 0.5 for space
    heating, 0.1 for tap water); with n_half = 21, g(10) = 0.85 for space heating: seed 003's "about 15 %
    less connection capacity for 10 dwellings". Works on numbers and Series.
    """
    return large_n_factor + (1 - large_n_factor) / (1 + (np.maximum(connections, 1) - 1) / half_n)


def collective_peak_kw(space_heating_kw, tap_water_kw, connections, settings: ClusterSettings):
    """Peak a collective system must deliver (kW): g_rv(n) × Σ P_rv + g_tw(n) × Σ P_tw, the same rule for a mini
    cluster, a building and an area (one way to cost a building): :func:`simultaneity` towards
    ``simultaneity_space_heating`` (0.5) and ``simultaneity_tap_water`` (0.1), Vesta's large-network factors."""
    half_n = settings.mini_simultaneity_half_n
    return (simultaneity(connections, settings.simultaneity_space_heating, half_n) * space_heating_kw
            + simultaneity(connections, settings.simultaneity_tap_water, half_n) * tap_water_kw)


def _street_lines(streets: gpd.GeoDataFrame) -> dict[str, object]:
    """One (multi)line per street key, as used by :func:`assign_streets`."""
    if streets.empty:
        return {}
    keys = street_keys(streets["straat"], streets["straat_id"])
    return {key: geometry for key, geometry in streets.geometry.groupby(keys.to_numpy()).agg(
        lambda g: g.union_all()).items()}
