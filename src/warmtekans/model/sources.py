"""Heat sources for area networks: the aquifer check for open WKO, and the allocation
of each source's potential to the clusters that use it (docs/method.md, "Heat sources").

A kleinschalig or grootschalig area is advised as a collective network only when it names its
source (``warmtebron``), in this order:

1. a planned or existing heat network (``warmtenet_gepland``) over at least half its dwellings;
2. a finite source within reach whose unallocated potential covers at least
   ``sources.min_coverage`` of its demand: a sewer segment (riothermie, 500 m), surface water
   (TEO, 5 km [Vesta]) or a point source (RWZI, industry, data centre);
3. an open WKO where the aquifer allows it (WKO-tool / Vesta classes "geschikt",
   "zeer geschikt") under at least half its dwellings.

Otherwise the area is ``bron onbekend``. Finite sources are allocated once: clusters take
their share in order of linear heat density (highest first), each from one source, capped by
its demand, so the allocated total of a source never exceeds its potential.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.sections import SewerSettings, SourceSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.schemas import empty_sources
from warmtekans.core.units import GJ_PER_KWH
from warmtekans.core.vocabulary import (
    ONBEKEND,
    OPEN_WKO,
    RIOOL_DIRECT,
    RIOOL_WKO,
    TEO,
    WARMTENET_GEPLAND,
    WKO_SUITABLE,
    WKO_UNCHECKED,
    WKO_UNSUITABLE,
    source_name,
)


def wko_status(geometries: gpd.GeoSeries, zones: gpd.GeoDataFrame | None) -> pd.Series:
    """Aquifer status for open WKO at each geometry (its representative point):
    ``geschikt``, ``ongeschikt`` or ``niet gecontroleerd`` (no suitability map, or outside it)."""
    result = pd.Series(WKO_UNCHECKED, index=geometries.index, dtype="string")
    if zones is None or zones.empty or geometries.empty:
        return result
    points = gpd.GeoDataFrame(geometry=geometries.representative_point().to_numpy(), crs=RD_CRS)
    joined = gpd.sjoin(points, zones[["wko_toegestaan", "geometry"]], how="inner", predicate="within")
    allowed = joined.groupby(level=0)["wko_toegestaan"].any()  # overlapping classes: allowed wins
    result.iloc[allowed.index.to_numpy()] = np.where(allowed.to_numpy(), WKO_SUITABLE, WKO_UNSUITABLE)
    return result


def share_in(members: pd.DataFrame, column: str, polygons: gpd.GeoDataFrame | None) -> pd.Series:
    """Share (0–1) of the objects of each cluster (``column``) inside ``polygons``."""
    objects = members.dropna(subset=[column])
    if polygons is None or polygons.empty or objects.empty:
        return pd.Series(0.0, index=pd.Index(objects[column].unique()), dtype="float64")
    inside = objects.geometry.within(polygons.union_all())
    return inside.groupby(objects[column]).mean()


def sewer_sources(segments: gpd.GeoDataFrame, wko_zones: gpd.GeoDataFrame | None, sewer: SewerSettings,
                  settings: SourceSettings) -> gpd.GeoDataFrame:
    """Sewer segments as finite sources: riothermie with WKO where the aquifer allows it, else direct.

    Adds to ``segments`` ``wko_bodem`` (at the segment), ``riothermie_variant``,
    ``potentie_direct_gj`` (direct use: building-side power × ``sewer_direct_full_load_hours``)
    and ``potentie_gj`` (the potential that is allocated: ``potentie_wko_gj`` with WKO, else direct).
    """
    out = segments.copy()
    if out.empty:
        for column, dtype in (("wko_bodem", "string"), ("riothermie_sleutel", "string"),
                              ("riothermie_variant", "string"),
                              ("potentie_direct_gj", "float64"), ("potentie_gj", "float64")):
            out[column] = pd.Series(dtype=dtype)
        return out
    out["wko_bodem"] = wko_status(out.geometry, wko_zones).to_numpy()
    with_wko = (out["wko_bodem"] == WKO_SUITABLE) | ((out["wko_bodem"] == WKO_UNCHECKED) & settings.allow_unchecked_wko)
    out["riothermie_sleutel"] = np.where(with_wko, RIOOL_WKO, RIOOL_DIRECT)
    out["riothermie_variant"] = np.where(with_wko, source_name(RIOOL_WKO), source_name(RIOOL_DIRECT))
    out["potentie_direct_gj"] = (out["vermogen_direct_kw"] * settings.sewer_direct_full_load_hours
                                 * GJ_PER_KWH).round(1)
    out["potentie_gj"] = np.where(with_wko, out["potentie_wko_gj"], out["potentie_direct_gj"])
    return out


def _finite_sources(segments: gpd.GeoDataFrame, others: gpd.GeoDataFrame, sewer: SewerSettings) -> gpd.GeoDataFrame:
    """One table of finite sources: sewer segments (id ``R<leiding_id>``) and the other sources."""
    parts = []
    if not segments.empty:
        parts.append(gpd.GeoDataFrame({
            "bron_id": ("R" + segments["leiding_id"].astype("int64").astype("string")).to_numpy(),
            "soort": segments["riothermie_variant"].to_numpy(),
            "soort_sleutel": segments["riothermie_sleutel"].to_numpy(),
            "naam": ("rioolleiding " + segments["leiding_id"].astype("int64").astype("string")).to_numpy(),
            "potentie_gj": segments["potentie_gj"].to_numpy(dtype=float),
            "vermogen_kw": np.where(segments["riothermie_sleutel"] == RIOOL_WKO,
                                    segments["potentie_wko_gj"] / sewer.full_load_hours / GJ_PER_KWH,
                                    segments["vermogen_direct_kw"]).astype(float),
            "bereik_m": sewer.max_distance_m,
            "vereist_wko": False,
            "vereist_putten": segments["riothermie_sleutel"].to_numpy() == RIOOL_WKO,
        }, geometry=segments.geometry.to_numpy(), crs=RD_CRS))
    if others is not None and not others.empty:
        parts.append(others[["bron_id", "soort", "soort_sleutel", "naam", "potentie_gj", "vermogen_kw", "bereik_m",
                             "geometry"]].assign(vereist_wko=others["soort_sleutel"] == TEO,
                                                 vereist_putten=others["soort_sleutel"] == TEO))
    if not parts:
        return empty_sources()
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=RD_CRS)


def sewer_downstream(segments: gpd.GeoDataFrame):
    """Source positions downstream of each sewer segment (sewer segments come first in the source table).

    Depends only on the segments' geometry, levels and order, so it can be built once and
    passed to :func:`assign_sources` for every draw of the sensitivity analysis.
    """
    if segments.empty:
        return None
    from warmtekans.model.sewer import downstream_lookup

    lookup = downstream_lookup(segments)
    position = {label: k for k, label in enumerate(segments.index)}
    if "riothermie_geschikt" in segments:  # no heat is taken at a pipe too small for it: it limits nothing
        position = {label: k for label, k in position.items()
                    if bool(segments["riothermie_geschikt"].fillna(False).iloc[k])}
    labels = segments.index
    count = len(segments)
    positions: dict[int, list[int]] = {}  # the allocation asks for the same sources many times

    def below(source: int) -> list[int]:
        if source not in positions:
            positions[source] = ([position[t] for t in lookup(labels[source]) if t in position] if source < count
                                 else [])
        return positions[source]

    return below


def source_pairs(clusters: gpd.GeoDataFrame, sources: gpd.GeoDataFrame, reach_m: float, first_source: int = 0
                 ) -> pd.DataFrame:
    """Every (cluster, source) pair within ``reach_m`` (m): ``cluster_id``, ``source`` (the source's
    position, plus ``first_source``) and ``afstand`` (m)."""
    if clusters.empty or sources.empty:
        return pd.DataFrame({"cluster_id": pd.Series(dtype="string"), "source": pd.Series(dtype="int64"),
                             "afstand": pd.Series(dtype="float64")})
    left, right = sources.sindex.query(clusters.geometry.values, predicate="dwithin", distance=reach_m)
    return pd.DataFrame({"cluster_id": clusters["cluster_id"].astype(str).to_numpy()[left],
                         "source": right + first_source,
                         "afstand": shapely.distance(clusters.geometry.values[left], sources.geometry.values[right])})


def allocate(clusters: gpd.GeoDataFrame, sources: gpd.GeoDataFrame, min_coverage: float,
             downstream=None, wko_ok: np.ndarray | None = None, pairs: pd.DataFrame | None = None,
             wells_ok: np.ndarray | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Allocate finite sources to clusters, each source's potential at most once.

    ``downstream`` (optional) gives, for a source position, the positions of the sources that
    carry the same water further down (sewer segments downstream): heat taken at a segment is
    no longer available below it, so it is subtracted there too, and a segment offers at most
    what every segment below it still has. Sources with ``vereist_wko`` (TEO: Vesta stores
    surface-water heat in a WKO, so the object must lie in the WKO contour) are only offered to
    clusters where ``wko_ok`` (bool per cluster position) is true; sources with ``vereist_putten`` (an open WKO
    to buffer or store the heat: riothermie met WKO, TEO) only to clusters where ``wells_ok`` (no drilling ban
    over at least half the area, as for loops).

    Clusters take their turn by linear heat density (``warmtedichtheid_gj_m``, highest first;
    ties: more WEQ, then cluster id). A cluster takes from one source within the source's reach
    (``bereik_m``): among those whose remaining potential covers at least ``min_coverage`` × its
    demand, the nearest (ties: the larger remainder, then the id). It takes
    min(demand, remaining). A cluster that no source covers takes nothing.

    ``pairs`` (optional) are :func:`source_pairs` computed earlier for at least the largest reach.

    Returns per cluster (index as ``clusters``) ``bron_id``, ``afstand_m`` and ``toegewezen_gj``,
    and per source (index as ``sources``) the allocated total (GJ/yr).
    """
    result = pd.DataFrame({"bron_id": pd.Series(pd.NA, index=clusters.index, dtype="string"),
                           "afstand_m": np.nan, "toegewezen_gj": 0.0}, index=clusters.index)
    allocated = pd.Series(0.0, index=sources.index)
    if clusters.empty or sources.empty:
        return result, allocated
    if pairs is None:
        pairs = source_pairs(clusters, sources, float(sources["bereik_m"].max()))
    cluster_position = pd.Index(clusters["cluster_id"].astype(str)).get_indexer(pairs["cluster_id"])
    known = cluster_position >= 0  # earlier pairs may name clusters that are not offered sources now
    pairs = pd.DataFrame({"cluster": cluster_position[known], "source": pairs["source"].to_numpy()[known],
                          "afstand": pairs["afstand"].to_numpy()[known]})
    pairs = pairs[pairs["afstand"] <= sources["bereik_m"].to_numpy()[pairs["source"]]]
    if "vereist_wko" in sources:
        needs = sources["vereist_wko"].fillna(False).to_numpy(dtype=bool)[pairs["source"].to_numpy()]
        allowed = np.ones(len(clusters), dtype=bool) if wko_ok is None else np.asarray(wko_ok, dtype=bool)
        pairs = pairs[~needs | allowed[pairs["cluster"].to_numpy()]]
    if "vereist_putten" in sources and wells_ok is not None:
        needs = sources["vereist_putten"].fillna(False).to_numpy(dtype=bool)[pairs["source"].to_numpy()]
        pairs = pairs[~needs | np.asarray(wells_ok, dtype=bool)[pairs["cluster"].to_numpy()]]
    remaining = sources["potentie_gj"].fillna(0.0).to_numpy(dtype=float).copy()
    ids = sources["bron_id"].astype("string").to_numpy()
    order = (pd.DataFrame({"dichtheid": clusters["warmtedichtheid_gj_m"].fillna(0.0).to_numpy(),
                           "weq": clusters["weq"].to_numpy(), "id": clusters["cluster_id"].astype(str).to_numpy()})
             .sort_values(["dichtheid", "weq", "id"], ascending=[False, False, True], kind="stable").index)
    by_cluster = {k: g for k, g in pairs.groupby("cluster")}
    demand = clusters["warmtevraag_gj"].to_numpy(dtype=float)
    below = downstream or (lambda source: [])

    def available(source: int) -> float:
        return min([remaining[source]] + [remaining[t] for t in below(source)])

    for position in order:
        candidates = by_cluster.get(position)
        if candidates is None or demand[position] <= 0:
            continue
        left_over = np.array([available(int(k)) for k in candidates["source"].to_numpy()])
        covers = left_over >= min_coverage * demand[position] - 1e-9
        if not covers.any():
            continue
        chosen = candidates[covers].assign(_rest=left_over[covers], _id=ids[candidates["source"].to_numpy()[covers]])
        best = chosen.sort_values(["afstand", "_rest", "_id"], ascending=[True, False, True], kind="stable").iloc[0]
        source = int(best["source"])
        take = min(demand[position], available(source))
        remaining[source] -= take
        for t in below(source):
            remaining[t] -= take
        allocated.iloc[source] += take
        label = clusters.index[position]
        result.loc[label, ["afstand_m", "toegewezen_gj"]] = [round(float(best["afstand"]), 1), round(take, 1)]
        result.loc[label, "bron_id"] = ids[source]
    return result, allocated.round(1)


def _wko_share(members: gpd.GeoDataFrame, wko_zones: gpd.GeoDataFrame | None) -> pd.Series:
    allowed = wko_zones[wko_zones["wko_toegestaan"]] if wko_zones is not None and not wko_zones.empty else None
    return share_in(members, "gebied_cluster_id", allowed)


def assign_sources(clusters: gpd.GeoDataFrame, members: gpd.GeoDataFrame, segments: gpd.GeoDataFrame,
                   others: gpd.GeoDataFrame | None, wko_zones: gpd.GeoDataFrame | None,
                   planned: gpd.GeoDataFrame | None, sewer: SewerSettings, settings: SourceSettings,
                   available_inputs: set[str], wells_forbidden: pd.Series | None = None
                   ) -> tuple[pd.DataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Name the heat source of every area cluster and allocate the finite sources once.

    ``wells_forbidden`` (bool per cluster id): drilling is forbidden over at least half the area (drinking-water
    or archaeology zones), so it cannot have the wells of an open WKO: no open WKO, no riothermie with a WKO
    buffer, no TEO (which stores its heat in a WKO); such an area is marked ``putten_verboden``.

    Returns
    -------
    per_cluster
        Indexed like ``clusters``: ``warmtebron`` (its name) and ``warmtebron_sleutel`` (its key), ``warmtebron_id``,
        ``warmtebron_afstand_m``, ``warmtebron_vermogen_kw``, ``warmtebron_toegewezen_gj``, ``bron_dekking`` (0–1),
        ``riothermie_toegewezen_gj``, ``wko_bodem``, ``aandeel_wko_geschikt``.
    segments
        The sewer segments with ``wko_bodem``, ``riothermie_variant``, ``potentie_direct_gj``,
        ``potentie_gj`` and ``riothermie_toegewezen_gj`` (≤ ``potentie_gj``).
    sources
        All finite sources (sewer segments included) with ``toegewezen_gj``.
    """
    segments = sewer_sources(segments, wko_zones, sewer, settings)
    finite = _finite_sources(segments, others if others is not None else empty_sources(), sewer)
    result = pd.DataFrame(index=clusters.index)
    result["warmtebron"] = pd.Series(pd.NA, index=clusters.index, dtype="string")
    result["warmtebron_sleutel"] = pd.Series(pd.NA, index=clusters.index, dtype="string")
    result["warmtebron_id"] = pd.Series(pd.NA, index=clusters.index, dtype="string")
    for column in ("warmtebron_afstand_m", "warmtebron_vermogen_kw"):
        result[column] = np.nan
    result["warmtebron_toegewezen_gj"] = 0.0
    result["riothermie_toegewezen_gj"] = 0.0
    areas = clusters[clusters["niveau"] == "gebied"]
    checked = "wko_geschiktheid" in available_inputs
    wko_share = _wko_share(members, wko_zones)
    result["aandeel_wko_geschikt"] = clusters["cluster_id"].map(wko_share).astype("float64").where(
        clusters["niveau"] == "gebied")
    result["wko_bodem"] = pd.Series(pd.NA, index=clusters.index, dtype="string")
    result.loc[areas.index, "wko_bodem"] = np.where(
        result.loc[areas.index, "aandeel_wko_geschikt"].fillna(0) >= 0.5, WKO_SUITABLE,
        WKO_UNSUITABLE if checked else WKO_UNCHECKED)

    planned_share = share_in(members, "gebied_cluster_id", planned)
    in_network = clusters["cluster_id"].map(planned_share).fillna(0.0)
    on_network = areas.index[in_network.loc[areas.index] >= settings.min_share_in_network]
    result.loc[on_network, "warmtebron"] = source_name(WARMTENET_GEPLAND)
    result.loc[on_network, "warmtebron_sleutel"] = WARMTENET_GEPLAND
    result.loc[on_network, "warmtebron_id"] = "warmtenet"
    result.loc[on_network, "warmtebron_afstand_m"] = 0.0
    result.loc[on_network, "warmtebron_vermogen_kw"] = clusters.loc[on_network, "gelijktijdig_piek_kw"]
    result.loc[on_network, "warmtebron_toegewezen_gj"] = clusters.loc[on_network, "warmtevraag_gj"]

    forbidden = clusters["cluster_id"].map(wells_forbidden).fillna(False).astype(bool) if wells_forbidden is not None \
        else pd.Series(False, index=clusters.index)
    result["putten_verboden"] = forbidden.where(clusters["niveau"] == "gebied").astype("boolean")
    open_areas = areas.drop(index=on_network)
    wells_ok = ~forbidden.loc[open_areas.index].to_numpy(dtype=bool)
    wko_ok = (result.loc[open_areas.index, "wko_bodem"] == WKO_SUITABLE) | \
        ((result.loc[open_areas.index, "wko_bodem"] == WKO_UNCHECKED) & settings.allow_unchecked_wko)
    taken, allocated = allocate(open_areas, finite, settings.min_coverage, sewer_downstream(segments),
                                wko_ok.to_numpy(dtype=bool), wells_ok=wells_ok)
    got = taken.index[taken["bron_id"].notna()]
    kinds = finite.set_index("bron_id")["soort"]
    kind_keys = finite.set_index("bron_id")["soort_sleutel"]
    potential = finite["potentie_gj"].where(finite["potentie_gj"] > 0)
    kw_per_gj = (finite["vermogen_kw"] / potential).set_axis(finite["bron_id"])
    result.loc[got, "warmtebron_id"] = taken.loc[got, "bron_id"]
    result.loc[got, "warmtebron"] = taken.loc[got, "bron_id"].map(kinds)
    result.loc[got, "warmtebron_sleutel"] = taken.loc[got, "bron_id"].map(kind_keys)
    result.loc[got, "warmtebron_afstand_m"] = taken.loc[got, "afstand_m"]
    result.loc[got, "warmtebron_toegewezen_gj"] = taken.loc[got, "toegewezen_gj"]
    result.loc[got, "warmtebron_vermogen_kw"] = (taken.loc[got, "toegewezen_gj"]
                                                 * taken.loc[got, "bron_id"].map(kw_per_gj).astype(float)).round(1)
    from_sewer = got[taken.loc[got, "bron_id"].str.startswith("R").to_numpy(dtype=bool)]
    result.loc[from_sewer, "riothermie_toegewezen_gj"] = taken.loc[from_sewer, "toegewezen_gj"]

    wko_ok = open_areas.index.difference(got)
    wko_ok = wko_ok[((result.loc[wko_ok, "wko_bodem"] == WKO_SUITABLE) & ~forbidden.loc[wko_ok]).to_numpy(dtype=bool)]
    result.loc[wko_ok, "warmtebron"] = source_name(OPEN_WKO)
    result.loc[wko_ok, "warmtebron_sleutel"] = OPEN_WKO
    result.loc[wko_ok, "warmtebron_id"] = "WKO"
    result.loc[wko_ok, "warmtebron_afstand_m"] = 0.0
    result.loc[wko_ok, "warmtebron_vermogen_kw"] = (settings.wko_primary_share
                                                    * clusters.loc[wko_ok, "gelijktijdig_piek_kw"]).round(1)
    result.loc[wko_ok, "warmtebron_toegewezen_gj"] = clusters.loc[wko_ok, "warmtevraag_gj"]

    unsourced = areas.index[result.loc[areas.index, "warmtebron"].isna().to_numpy()]
    result.loc[unsourced, "warmtebron"] = source_name(ONBEKEND)
    result.loc[unsourced, "warmtebron_sleutel"] = ONBEKEND
    demand = clusters["warmtevraag_gj"].where(clusters["warmtevraag_gj"] > 0)
    result["bron_dekking"] = (result["warmtebron_toegewezen_gj"] / demand).clip(upper=1.0).round(3).where(
        clusters["niveau"] == "gebied")

    finite = finite.assign(toegewezen_gj=allocated.to_numpy())
    per_segment = finite.set_index("bron_id")["toegewezen_gj"]
    if not segments.empty:
        keys = "R" + segments["leiding_id"].astype("int64").astype("string")
        segments["riothermie_toegewezen_gj"] = keys.map(per_segment).fillna(0.0).to_numpy(dtype=float)
    else:
        segments["riothermie_toegewezen_gj"] = pd.Series(dtype="float64")
    return result, segments, finite
