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

import itertools
import logging
from dataclasses import dataclass

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


#: How a pipe's flow direction was set (``richting_bron``; docs/method.md, "Sewer heat").
BY_BOB = "BOB"
BY_OUTLET = "naar lozingspunt"
BY_LONGEST_PATH = "langs het langste pad"
AGAINST_BOB = "tegen BOB in (kring gebroken)"
CLOSED_PIPE = "gesloten leiding (begin = eind)"

#: Difference in invert level (m) below which the BOB gives no direction.
BOB_TOLERANCE_M = 0.001


@dataclass
class NetworkReport:
    """What :func:`orient_pipes` found and did (reported in kwaliteit.md and in the log)."""

    pipes: int = 0
    components: int = 0
    loops: int = 0  # independent loops (cycle rank E - V + C): closed paths of pipes in the network
    by_bob: int = 0
    by_outlet: int = 0
    by_longest_path: int = 0
    against_bob: int = 0  # pipes turned against their BOB to break a directed cycle
    closed: int = 0  # pipes whose ends coincide
    accumulated: int = 0  # pipes whose flow is accumulated over others (in a component of 2 or more pipes)
    receiving: int = 0  # pipes that receive water from at least one pipe upstream
    outlets: int = 0  # outfall, pump or RWZI nodes found at pipe ends

    @property
    def accumulated_share(self) -> float:
        return self.accumulated / self.pipes if self.pipes else 0.0

    def lines(self) -> list[str]:
        """Dutch sentences for kwaliteit.md."""
        share = f"{100 * self.accumulated_share:.1f}".replace(".", ",")
        return [
            (f"droogweerleidingen met stroomopwaartse aanvoer (debiet opgeteld over het net): {self.accumulated} van "
             f"{self.pipes} ({share} %); {self.receiving} ontvangen water van een leiding stroomopwaarts"),
            (f"stroomrichting: {self.by_bob} leidingen uit de BOB, {self.by_outlet} naar het dichtstbijzijnde "
             f"lozingspunt (gemaal, RWZI of uitlaat; {self.outlets} gevonden), {self.by_longest_path} langs het "
             f"langste pad van hun deelnet ({self.components} deelnetten)"),
            (f"kringen in het rioolnet: {self.loops} (onafhankelijke lussen), opgeheven door de richtingsregel; "
             f"{self.against_bob} leidingen tegen hun BOB in gericht om een kring te breken"),
        ]


def _node(xy) -> tuple[float, float]:
    return (round(float(xy[0]), 1), round(float(xy[1]), 1))


def orient_pipes(pipes: gpd.GeoDataFrame) -> tuple[pd.Series, pd.Series, NetworkReport]:
    """Flow direction of every pipe, on a graph made acyclic by a deterministic rule, per connected part.

    Pipes meet where their rounded (0.1 m) end points coincide. Per connected part of the network:

    1. a pipe whose invert levels (``bob_begin``, ``bob_eind``) both are given and differ flows
       from the higher to the lower one;
    2. any other pipe flows towards the nearest pump or RWZI of its part, or where it has none its
       nearest outfall (``lozingspunt``: 'begin' or 'eind' names the end of a pipe that is one,
       ``lozingspunt_soort`` which: 'gemaal', 'rwzi', 'uitlaat'), measured along the pipes: from
       its end farther from it to the nearer one;
    3. a part without such a point drains to one end of its longest path (found by two sweeps of
       shortest paths from the smallest node): the end towards which most of that path's pipes are
       digitised (ties: the far end of the second sweep);
    4. equal distances are ordered by node coordinates, so rules 2–3 can form no cycle; a directed
       cycle left by rule 1 (invert levels that contradict each other) is broken by turning, one by
       one, its BOB pipes that run against the order of rules 2–3, the smallest level difference
       first, until none is left (counted as ``against_bob``).

    Returns ``richting`` (+1: flows from the first to the last vertex, -1: the other way), ``richting_bron``
    (the rule, :data:`BY_BOB` …) indexed like ``pipes``, and a :class:`NetworkReport`.
    """
    report = NetworkReport(pipes=len(pipes))
    direction = pd.Series(1, index=pipes.index, dtype="Int8")
    source = pd.Series(pd.NA, index=pipes.index, dtype="string")
    if pipes.empty:
        return direction, source, report
    starts = [_node(g.coords[0]) for g in pipes.geometry]
    ends = [_node(g.coords[-1]) for g in pipes.geometry]
    lengths = pipes.geometry.length.to_numpy(dtype=float)
    bob_begin = pd.to_numeric(pipes.get("bob_begin", pd.Series(np.nan, index=pipes.index)), errors="coerce").to_numpy(
        dtype=float)
    bob_end = pd.to_numeric(pipes.get("bob_eind", pd.Series(np.nan, index=pipes.index)), errors="coerce").to_numpy(
        dtype=float)
    def text_column(name: str) -> np.ndarray:
        values = pipes[name] if name in pipes else pd.Series(pd.NA, index=pipes.index)
        return values.astype("string").fillna("").to_numpy(dtype=object)

    outlet_end, outlet_kind = text_column("lozingspunt"), text_column("lozingspunt_soort")
    graph = nx.MultiGraph()
    outlets: dict = {}  # node -> 0 for a pump or RWZI, 1 for an outfall
    for k, label in enumerate(pipes.index):
        if outlet_end[k] in ("begin", "eind"):
            node = starts[k] if outlet_end[k] == "begin" else ends[k]
            outlets[node] = min(outlets.get(node, 1), 1 if outlet_kind[k] == "uitlaat" else 0)
        if starts[k] == ends[k]:
            source.iloc[k] = CLOSED_PIPE
            report.closed += 1
            continue
        graph.add_edge(starts[k], ends[k], key=label, length=max(lengths[k], 1e-3), position=k)
    report.outlets = sum(1 for node in outlets if node in graph)
    parts = sorted((sorted(part) for part in nx.connected_components(graph)), key=lambda nodes: nodes[0])
    report.components = len(parts)
    report.loops = graph.number_of_edges() - graph.number_of_nodes() + len(parts)
    rank: dict = {}
    for nodes in parts:
        sub = graph.subgraph(nodes)
        found = {node: outlets[node] for node in nodes if node in outlets}
        best = min(found.values(), default=None)
        sinks = sorted(node for node, level in found.items() if level == best)
        if not sinks:
            sinks = [_longest_path_outlet(sub, nodes[0], starts, ends)]
        distance = nx.multi_source_dijkstra_path_length(sub, sinks, weight="length")
        for node in nodes:
            rank[node] = (distance[node], node)
        rule = BY_OUTLET if found else BY_LONGEST_PATH
        for u, v, label, data in sub.edges(keys=True, data=True):
            k = data["position"]
            both_known = np.isfinite(bob_begin[k]) and np.isfinite(bob_end[k])
            if both_known and abs(bob_begin[k] - bob_end[k]) > BOB_TOLERANCE_M:
                direction.iloc[k] = 1 if bob_begin[k] > bob_end[k] else -1
                source.iloc[k] = BY_BOB
            else:
                direction.iloc[k] = 1 if rank[starts[k]] > rank[ends[k]] else -1
                source.iloc[k] = rule
    directed = _directed(graph, direction, starts, ends)
    for component in sorted(sorted(c) for c in nx.strongly_connected_components(directed) if len(c) > 1):
        against = sorted(
            (
                (abs(bob_begin[k] - bob_end[k]), k, u, v)
                for u, v, k in directed.edges(component, keys=True)
                if v in component and source.iloc[k] == BY_BOB and rank[u] < rank[v]
            )
        )
        for _, k, u, v in against:  # the smallest level difference first, until no cycle is left
            if nx.is_directed_acyclic_graph(directed.subgraph(component)):
                break
            directed.remove_edge(u, v, key=k)
            directed.add_edge(v, u, key=k)
            direction.iloc[k] = -direction.iloc[k]
            source.iloc[k] = AGAINST_BOB
            report.against_bob += 1
    if not nx.is_directed_acyclic_graph(directed):  # cannot happen (see the docstring); never let it pass silently
        raise RuntimeError("sewer orientation left a directed cycle")
    counts = source.value_counts()
    report.by_bob = int(counts.get(BY_BOB, 0))
    report.by_outlet = int(counts.get(BY_OUTLET, 0))
    report.by_longest_path = int(counts.get(BY_LONGEST_PATH, 0))
    pipes_in_part = {nodes[0]: graph.subgraph(nodes).number_of_edges() for nodes in parts}
    part_of = {node: nodes[0] for nodes in parts for node in nodes}
    report.accumulated = sum(
        1 for k in range(len(pipes)) if starts[k] != ends[k] and pipes_in_part[part_of[starts[k]]] >= 2
    )
    report.receiving = sum(1 for tail, _head in directed.edges() if directed.in_degree(tail) > 0)
    return direction, source, report


def _longest_path_outlet(sub: nx.MultiGraph, first, starts, ends):
    """The end of a part's longest path towards which most of the path's pipes are digitised."""

    def farthest(origin):
        lengths = nx.single_source_dijkstra_path_length(sub, origin, weight="length")
        far = max(lengths.values())
        return min(node for node, length in lengths.items() if length == far)

    a = farthest(first)
    b = farthest(a)
    path = nx.dijkstra_path(sub, a, b, weight="length")
    forward = backward = 0
    for u, v in itertools.pairwise(path):
        k = min(data["position"] for data in sub.get_edge_data(u, v).values())
        if starts[k] == u and ends[k] == v:
            forward += 1
        else:
            backward += 1
    return a if backward > forward else b


def _directed(graph: nx.MultiGraph, direction: pd.Series, starts, ends) -> nx.MultiDiGraph:
    directed = nx.MultiDiGraph()
    directed.add_nodes_from(graph.nodes)
    for _, _, data in graph.edges(data=True):
        k = data["position"]
        u, v = (starts[k], ends[k]) if direction.iloc[k] == 1 else (ends[k], starts[k])
        directed.add_edge(u, v, key=k)
    return directed


def pipe_line_graph(pipes: gpd.GeoDataFrame) -> nx.DiGraph:
    """Directed graph of pipes (nodes: ``pipes`` index) where an edge leads to the pipe downstream.

    Uses the pipes' ``richting`` when every pipe has one (set by the prepare step), else
    :func:`orient_pipes`. Acyclic by construction.
    """
    if "richting" in pipes and pipes["richting"].notna().all():
        direction = pipes["richting"].astype("Int8")
    else:
        direction = orient_pipes(pipes)[0]
    tails, heads = {}, {}
    for k, (label, geometry) in enumerate(zip(pipes.index, pipes.geometry)):
        start, end = _node(geometry.coords[0]), _node(geometry.coords[-1])
        if start == end:
            continue
        tail, head = (start, end) if direction.iloc[k] == 1 else (end, start)
        tails.setdefault(tail, []).append(label)
        heads[label] = head
    line_graph = nx.DiGraph()
    line_graph.add_nodes_from(pipes.index)
    for label, head in heads.items():
        below = tails.get(head, [])
        for downstream in below:
            line_graph.add_edge(label, downstream, split=len(below))
    return line_graph


def downstream_lookup(pipes: gpd.GeoDataFrame):
    """A function giving, for a pipe (``pipes`` index), the pipes downstream of it, which carry its water too.

    Each call walks the graph from that pipe only, so asking for a few pipes stays cheap on a
    large network.
    """
    line_graph = pipe_line_graph(pipes)
    return lambda pipe: sorted(nx.descendants(line_graph, pipe)) if pipe in line_graph else []


def accumulate_upstream(pipes: gpd.GeoDataFrame, own_load: pd.Series) -> tuple[pd.Series, bool]:
    """Load of each pipe including everything upstream.

    At a node with several outgoing pipes the inflow is split equally. The network is oriented
    by :func:`orient_pipes` (acyclic per connected part), so the second value, whether the load
    could be accumulated, is always True (kept for callers).
    """
    line_graph = pipe_line_graph(pipes)
    load = own_load.reindex(pipes.index).fillna(0.0).astype(float).to_dict()
    for pipe in nx.topological_sort(line_graph):
        for _, downstream, data in line_graph.out_edges(pipe, data=True):
            load[downstream] += load[pipe] / data["split"]
    return pd.Series(load).reindex(pipes.index), True


def sewer_potential(
    pipes: gpd.GeoDataFrame, dwellings: gpd.GeoDataFrame, buurten: pd.DataFrame, settings: SewerSettings
) -> gpd.GeoDataFrame:
    """Dry-weather flow and heat potential per sewer segment that carries dry-weather flow.

    Adds ``inwoners_stroomop``, ``debiet_dwa_m3h``, ``debiet_bron`` (gegeven / geschat),
    ``bronvermogen_kw``, ``vermogen_direct_kw`` (building side) and ``potentie_wko_gj``, and
    ``riothermie_geschikt`` with ``riothermie_reden``: a pipe is large enough for a heat exchanger
    when its diameter is at least ``settings.min_diameter_mm`` (seed 004: from DN400) or, where
    the diameter is unknown, its dry-weather flow at least ``settings.min_flow_l_s``. The power and
    potential of a pipe that is not are 0 (its flow is kept: it still carries water downstream).
    """
    dwa = pipes[pipes["draagt_dwa"]].copy()
    columns = ["inwoners_stroomop", "debiet_dwa_m3h", "bronvermogen_kw", "vermogen_direct_kw", "potentie_wko_gj"]
    if dwa.empty:
        for column in columns:
            dwa[column] = pd.Series(dtype="float64")
        dwa["debiet_bron"] = pd.Series(dtype="string")
        dwa["riothermie_geschikt"] = pd.Series(dtype="bool")
        dwa["riothermie_reden"] = pd.Series(dtype="string")
        return dwa
    dwellings = dwellings[dwellings["objecttype"] == "woning"]
    size = dwellings["buurtcode"].map(buurten.set_index("buurtcode")["gemiddelde_huishoudsgrootte"])
    inhabitants = size.astype("float").fillna(settings.inhabitants_per_dwelling)
    nearest = gpd.sjoin_nearest(
        dwellings[["geometry"]],
        dwa[["geometry"]],
        how="inner",
        max_distance=settings.assign_distance_m,
        distance_col="_afstand",
    )
    # equidistant pipes: the first pipe in the data wins, so reruns agree
    nearest = nearest.rename_axis("_object").sort_values(["_object", "_afstand", "index_right"], kind="stable")
    nearest = nearest[~nearest.index.duplicated(keep="first")]
    own = inhabitants.loc[nearest.index].groupby(nearest["index_right"].to_numpy()).sum()
    upstream, _ = accumulate_upstream(dwa, own)
    dwa["inwoners_stroomop"] = upstream.round(1)
    estimated = upstream * settings.wastewater_m3_per_inhabitant_year / HOURS_PER_YEAR
    given = dwa["debiet_dwa_gegeven_m3h"]
    dwa["debiet_dwa_m3h"] = given.fillna(estimated).round(3)
    dwa["debiet_bron"] = np.where(given.notna(), "gegeven", "geschat uit inwoners stroomopwaarts")
    dwa["riothermie_geschikt"], dwa["riothermie_reden"] = large_enough(
        dwa["diameter_mm"], dwa["debiet_dwa_m3h"], settings
    )
    flow = dwa["debiet_dwa_m3h"].where(dwa["riothermie_geschikt"], 0.0)
    dwa["bronvermogen_kw"] = source_power_kw(flow, settings.delta_t_k).round(2)
    dwa["vermogen_direct_kw"] = building_side_kw(dwa["bronvermogen_kw"], settings.cop).round(2)
    dwa["potentie_wko_gj"] = annual_potential_wko_gj(
        dwa["bronvermogen_kw"],
        cop=settings.cop,
        wko_efficiency=settings.wko_efficiency,
        full_load_hours=settings.full_load_hours,
    ).round(1)
    return dwa


def large_enough(diameter_mm: pd.Series, flow_m3_h: pd.Series, settings: SewerSettings) -> tuple[pd.Series, pd.Series]:
    """Whether each pipe is large enough for riothermie, and why (Dutch): the diameter decides where it is known
    (at least ``min_diameter_mm``, seed 004: DN400), else the dry-weather flow (at least ``min_flow_l_s``)."""
    diameter = pd.to_numeric(diameter_mm, errors="coerce").astype(float)
    flow_l_s = pd.to_numeric(flow_m3_h, errors="coerce").astype(float) / 3.6
    by_diameter = diameter.notna()
    suitable = np.where(by_diameter, diameter >= settings.min_diameter_mm, flow_l_s.fillna(0) >= settings.min_flow_l_s)
    suitable = pd.Series(suitable, index=diameter_mm.index, dtype="bool")

    def reason(ok: bool, known: bool, d: float, q: float) -> str:
        if known:
            sign = ">=" if ok else "<"
            return f"diameter {d:.0f} mm {sign} {settings.min_diameter_mm:.0f} mm"
        sign = ">=" if ok else "<"
        return f"diameter onbekend; droogweerafvoer {q:.1f} L/s {sign} {settings.min_flow_l_s:g} L/s".replace(".", ",")

    reasons = [reason(ok, known, d, q) for ok, known, d, q in zip(suitable, by_diameter, diameter, flow_l_s.fillna(0))]
    return suitable, pd.Series(reasons, index=diameter_mm.index, dtype="string")


def cluster_segment_pairs(
    clusters: gpd.GeoDataFrame, segments: gpd.GeoDataFrame, max_distance_m: float
) -> pd.DataFrame:
    """Every (cluster, segment) pair within ``max_distance_m`` with its exact distance (m).

    Labels, not positions: ``cluster`` is the cluster's index label, ``segment`` the segment's
    index label, so the pairs can be computed once and reused for segment tables with the same
    index (the sensitivity draws change potentials, never geometry).
    """
    if segments.empty or clusters.empty:
        return pd.DataFrame(
            {
                "cluster": pd.Series(dtype=clusters.index.dtype),
                "segment": pd.Series(dtype=segments.index.dtype),
                "afstand": pd.Series(dtype="float64"),
            }
        )
    left, right = segments.sindex.query(clusters.geometry.values, predicate="dwithin", distance=max_distance_m)
    return pd.DataFrame(
        {
            "cluster": clusters.index[left],
            "segment": segments.index[right],
            "afstand": shapely.distance(clusters.geometry.values[left], segments.geometry.values[right]),
        }
    )


def best_segment_within(
    clusters: gpd.GeoDataFrame,
    segments: gpd.GeoDataFrame,
    max_distance_m: float,
    base_load_share: float,
    pairs: pd.DataFrame | None = None,
) -> pd.DataFrame:
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
    pairs = (
        cluster_segment_pairs(clusters, segments, max_distance_m)
        if pairs is None
        else pairs[pairs["afstand"] <= max_distance_m]
    )
    if pairs.empty:
        return result
    if "riothermie_geschikt" in segments:  # pipes too small for a heat exchanger are no source
        suitable = segments["riothermie_geschikt"].fillna(False).astype(bool)
        pairs = pairs[suitable.reindex(pairs["segment"]).to_numpy()]
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
