"""Sewer heat (riothermie) after the Leusden feasibility study (seed 004).

Source power of a sewer segment: P = ṁ · cp · ΔT, with ṁ the mass flow (kg/s) of the
dry-weather flow, cp = 4.187 kJ/(kg·K) and ΔT the cooling of the wastewater (2 K usual,
3 K possible). Building side with a heat pump of COP c: P · c / (c − 1). With WKO buffering
the annual potential is P · c / (c − 1) · η_WKO · full-load hours.

Flow is rarely published. Without a given flow, the dry-weather flow of a segment is
estimated from the inhabitants draining into it and everything upstream (about 50 m³ per
inhabitant per year), and marked as an estimate.
"""
from __future__ import annotations

import logging

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely

from warmtekans.config.sections import SewerSettings
from warmtekans.core.units import CP_WATER_KJ_PER_KG_K, GJ_PER_KWH, HOURS_PER_YEAR

log = logging.getLogger(__name__)


WATER_DENSITY_KG_PER_M3 = 1000.0


def source_power_kw(flow_m3_per_h, delta_t_k: float):
    """Heat that can be taken from a wastewater flow (kW): ṁ·cp·ΔT."""
    mass_flow_kg_s = np.asarray(flow_m3_per_h, dtype=float) * WATER_DENSITY_KG_PER_M3 / 3600.0
    return mass_flow_kg_s * CP_WATER_KJ_PER_KG_K * delta_t_k


def building_side_kw(source_kw, cop: float):
    """Heat delivered by a heat pump of ``cop`` drawing ``source_kw`` from the source (kW)."""
    return np.asarray(source_kw, dtype=float) * cop / (cop - 1.0)


def annual_potential_wko_gj(source_kw, *, cop: float, wko_efficiency: float, full_load_hours: float):
    """Annual building-side heat (GJ/yr) with WKO buffering."""
    return building_side_kw(source_kw, cop) * wko_efficiency * full_load_hours * GJ_PER_KWH


def _flow_graph(pipes: gpd.GeoDataFrame) -> nx.DiGraph:
    """Directed graph of pipes (edges) between rounded end points, oriented by invert level."""
    graph = nx.DiGraph()
    for row in pipes.itertuples():
        coords = row.geometry.coords
        start, end = tuple(np.round(coords[0], 1)), tuple(np.round(coords[-1], 1))
        if pd.notna(row.bob_begin) and pd.notna(row.bob_eind) and row.bob_begin < row.bob_eind:
            start, end = end, start
        graph.add_edge(start, end, pipe=row.Index)
    return graph


def pipe_line_graph(pipes: gpd.GeoDataFrame) -> nx.DiGraph:
    """Directed graph of pipes (nodes: ``pipes`` index) where an edge leads to the pipe downstream."""
    graph = _flow_graph(pipes)
    line_graph = nx.DiGraph()
    for _, v, data in graph.edges(data=True):
        line_graph.add_node(data["pipe"])
        for _, _, downstream in graph.out_edges(v, data=True):
            line_graph.add_edge(data["pipe"], downstream["pipe"], split=graph.out_degree(v))
    return line_graph


def downstream_lookup(pipes: gpd.GeoDataFrame):
    """A function giving, for a pipe (``pipes`` index), the pipes downstream of it, which carry its water too.

    When the network has cycles (it cannot be oriented) every pipe has none. Each call walks
    the graph from that pipe only, so asking for a few pipes stays cheap on a large network.
    """
    line_graph = pipe_line_graph(pipes)
    if not nx.is_directed_acyclic_graph(line_graph):
        return lambda pipe: []
    return lambda pipe: sorted(nx.descendants(line_graph, pipe)) if pipe in line_graph else []


def accumulate_upstream(pipes: gpd.GeoDataFrame, own_load: pd.Series) -> tuple[pd.Series, bool]:
    """Load of each pipe including everything upstream.

    At a node with several outgoing pipes the inflow is split equally. Returns the
    accumulated load (index as ``pipes``) and whether the network could be oriented
    (False when it has cycles; then only each pipe's own load is used).
    """
    line_graph = pipe_line_graph(pipes)
    load = own_load.reindex(pipes.index).fillna(0.0).astype(float).to_dict()
    try:
        order = list(nx.topological_sort(line_graph))
    except nx.NetworkXUnfeasible:
        log.warning("the sewer network has cycles; upstream flow is not accumulated")
        return pd.Series(load).reindex(pipes.index), False
    for pipe in order:
        for _, downstream, data in line_graph.out_edges(pipe, data=True):
            load[downstream] += load[pipe] / data["split"]
    return pd.Series(load).reindex(pipes.index), True


#: Sewer settings that :func:`sewer_potential` does not read (used by the cluster-to-segment matching).
MATCHING_SETTINGS = {"max_distance_m", "base_load_share"}


def potential_key(settings: SewerSettings) -> str:
    """The sewer settings :func:`sewer_potential` depends on, as text: equal keys give equal potentials."""
    return settings.model_dump_json(exclude=MATCHING_SETTINGS)


def sewer_potential(pipes: gpd.GeoDataFrame, dwellings: gpd.GeoDataFrame, buurten: pd.DataFrame,
                    settings: SewerSettings) -> gpd.GeoDataFrame:
    """Dry-weather flow and heat potential per sewer segment that carries dry-weather flow.

    Adds ``inwoners_stroomop``, ``debiet_dwa_m3h``, ``debiet_bron`` (gegeven / geschat),
    ``bronvermogen_kw``, ``vermogen_direct_kw`` (building side) and ``potentie_wko_gj``.
    """
    dwa = pipes[pipes["draagt_dwa"]].copy()
    columns = ["inwoners_stroomop", "debiet_dwa_m3h", "bronvermogen_kw", "vermogen_direct_kw", "potentie_wko_gj"]
    if dwa.empty:
        for column in columns:
            dwa[column] = pd.Series(dtype="float64")
        dwa["debiet_bron"] = pd.Series(dtype="string")
        return dwa
    dwellings = dwellings[dwellings["objecttype"] == "woning"]
    size = dwellings["buurtcode"].map(buurten.set_index("buurtcode")["gemiddelde_huishoudsgrootte"])
    inhabitants = size.astype("float").fillna(settings.inhabitants_per_dwelling)
    nearest = gpd.sjoin_nearest(dwellings[["geometry"]], dwa[["geometry"]], how="inner",
                                max_distance=settings.assign_distance_m, distance_col="_afstand")
    # equidistant pipes: the first pipe in the data wins, so reruns agree
    nearest = nearest.rename_axis("_object").sort_values(["_object", "_afstand", "index_right"], kind="stable")
    nearest = nearest[~nearest.index.duplicated(keep="first")]
    own = inhabitants.loc[nearest.index].groupby(nearest["index_right"].to_numpy()).sum()
    upstream, oriented = accumulate_upstream(dwa, own)
    dwa["inwoners_stroomop"] = upstream.round(1)
    estimated = upstream * settings.wastewater_m3_per_inhabitant_year / HOURS_PER_YEAR
    given = dwa["debiet_dwa_gegeven_m3h"]
    dwa["debiet_dwa_m3h"] = given.fillna(estimated).round(3)
    dwa["debiet_bron"] = np.where(given.notna(), "gegeven", "geschat uit inwoners stroomopwaarts")
    dwa["bronvermogen_kw"] = source_power_kw(dwa["debiet_dwa_m3h"], settings.delta_t_k).round(2)
    dwa["vermogen_direct_kw"] = building_side_kw(dwa["bronvermogen_kw"], settings.cop).round(2)
    dwa["potentie_wko_gj"] = annual_potential_wko_gj(
        dwa["bronvermogen_kw"], cop=settings.cop, wko_efficiency=settings.wko_efficiency,
        full_load_hours=settings.full_load_hours).round(1)
    if not oriented:
        dwa["debiet_bron"] = dwa["debiet_bron"] + " (net niet te orienteren: alleen eigen aansluitingen)"
    return dwa


def cluster_segment_pairs(clusters: gpd.GeoDataFrame, segments: gpd.GeoDataFrame,
                          max_distance_m: float) -> pd.DataFrame:
    """Every (cluster, segment) pair within ``max_distance_m`` with its exact distance (m).

    Labels, not positions: ``cluster`` is the cluster's index label, ``segment`` the segment's
    index label, so the pairs can be computed once and reused for segment tables with the same
    index (the sensitivity draws change potentials, never geometry).
    """
    if segments.empty or clusters.empty:
        return pd.DataFrame({"cluster": pd.Series(dtype=clusters.index.dtype),
                             "segment": pd.Series(dtype=segments.index.dtype), "afstand": pd.Series(dtype="float64")})
    left, right = segments.sindex.query(clusters.geometry.values, predicate="dwithin", distance=max_distance_m)
    return pd.DataFrame({"cluster": clusters.index[left], "segment": segments.index[right],
                         "afstand": shapely.distance(clusters.geometry.values[left], segments.geometry.values[right])})


def best_segment_within(clusters: gpd.GeoDataFrame, segments: gpd.GeoDataFrame, max_distance_m: float,
                        base_load_share: float, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each cluster, the nearest segment within ``max_distance_m`` that can carry its base load.

    Base load (kW) = ``base_load_share`` × the cluster's ``gelijktijdig_piek_kw`` (Vesta sizes
    the main source on 0.3 × the peak); a segment carries it when its building-side direct
    power is at least that. When no segment within reach does, the one with the largest
    potential is given and ``riool_draagt_basislast`` is False.

    ``pairs`` (optional) are :func:`cluster_segment_pairs` computed for a reach of at least
    ``max_distance_m`` (the sensitivity analysis computes them once for its largest draw).

    Returns ``riool_afstand_m``, ``riool_potentie_gj``, ``riool_vermogen_kw``,
    ``riool_leiding_id``, ``basislast_kw`` and ``riool_draagt_basislast``.
    """
    columns = ["riool_afstand_m", "riool_potentie_gj", "riool_vermogen_kw", "riool_leiding_id"]
    result = pd.DataFrame(np.nan, index=clusters.index, columns=columns)
    result["basislast_kw"] = (base_load_share * clusters["gelijktijdig_piek_kw"]).round(1)
    result["riool_draagt_basislast"] = False
    if segments.empty or clusters.empty:
        return result
    pairs = cluster_segment_pairs(clusters, segments, max_distance_m) if pairs is None else \
        pairs[pairs["afstand"] <= max_distance_m]
    if pairs.empty:
        return result
    cluster = clusters.index.get_indexer(pairs["cluster"])
    segment = segments.index.get_indexer(pairs["segment"])
    distance = pairs["afstand"].to_numpy(dtype=float)
    power = segments["vermogen_direct_kw"].to_numpy(dtype=float)[segment]
    potential = segments["potentie_wko_gj"].to_numpy(dtype=float)[segment]
    with np.errstate(invalid="ignore"):
        carries = power >= result["basislast_kw"].to_numpy(dtype=float)[cluster]
    # per cluster: a segment that carries the base load first, then the nearest, the larger potential, the
    # first segment (np.lexsort sorts by its last key first; NaN potentials last, as pandas would)
    order = np.lexsort((segment, -potential, distance, ~carries, cluster))
    best = order[_first_of_each(cluster[order])]
    # where no segment carries the base load, prefer the largest potential over the nearest
    weak = ~carries[best]
    if weak.any():
        candidates = np.flatnonzero(np.isin(cluster, cluster[best[weak]]))
        ranked = candidates[np.lexsort((segment[candidates], -potential[candidates], cluster[candidates]))]
        best = np.concatenate([best[~weak], ranked[_first_of_each(cluster[ranked])]])
    index = clusters.index[cluster[best]]
    result.loc[index, "riool_afstand_m"] = np.round(distance[best], 1)
    result.loc[index, "riool_potentie_gj"] = potential[best]
    result.loc[index, "riool_vermogen_kw"] = power[best]
    result.loc[index, "riool_leiding_id"] = segments["leiding_id"].to_numpy()[segment[best]]
    result.loc[index, "riool_draagt_basislast"] = carries[best]
    return result


def _first_of_each(sorted_keys: np.ndarray) -> np.ndarray:
    """Positions of the first element of every run of equal keys in ``sorted_keys``."""
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
