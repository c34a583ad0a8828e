"""Scalar reference implementations of what production computes in bulk (vectorised, batched).

Production never calls these: the tests compare the vectorised functions with them on small inputs,
and some tests use them to work out an expected value by hand. Kept here, not in the package, so
the package holds no code that only the tests reach.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.config.sections import ClusterSettings, LoopSettings
from warmtekans.model.clusters import trench_lengths
from warmtekans.model.geometry import mst_lengths
from warmtekans.model.loops import borehole_metres, size_loops_per_cluster


def mst_length(points: np.ndarray) -> float:
    """Length (m) of the Euclidean minimum spanning tree of 2-D points (one group of :func:`mst_lengths`)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(points) == 0:
        return 0.0
    return float(mst_lengths(points, np.zeros(len(points), dtype=np.int64))[0])


def _greedy_loops(metres: list[float], capacity: float) -> tuple[int, list[int], list[int]]:
    """Pack dwellings in row order into contiguous loop groups of at most ``capacity`` metres.

    A dwelling needing more than ``capacity`` gets a group of its own with ⌈need / capacity⌉
    boreholes. Greedy filling gives the fewest groups for contiguous groups. Returns the
    number of boreholes, the group of each dwelling (0-based) and the boreholes per group.
    """
    groups, per_group = [], []
    load = 0.0
    for need in metres:
        if need > capacity:
            per_group.append(math.ceil(need / capacity - 1e-9))
            groups.append(len(per_group) - 1)
            load = capacity  # nothing joins this group
        elif per_group and per_group[-1] == 1 and load + need <= capacity + 1e-9:
            load += need
            groups.append(len(per_group) - 1)
        else:
            per_group.append(1)
            groups.append(len(per_group) - 1)
            load = need
    return sum(per_group), groups, per_group


def pack_loops(metres: np.ndarray, max_depth_m: float, min_depth_m: float) -> tuple[int, float, np.ndarray]:
    """Fewest shared loops for dwellings in row order, and the shallowest depth that keeps that number.

    Loops are at most ``max_depth_m`` deep; the depth is the smallest whole metre in
    [``min_depth_m``, ``max_depth_m``] with the same (minimal) number of boreholes, so no
    group of neighbours needs more than its loops hold. Returns (boreholes, depth in m,
    loop group per dwelling counted from 1).
    """
    values = [float(v) for v in metres]
    count, groups, _ = _greedy_loops(values, max_depth_m)
    low, high = math.ceil(min_depth_m), math.floor(max_depth_m)
    if high < low:
        return count, float(max_depth_m), np.asarray(groups) + 1
    while low < high:  # the count never rises with a deeper loop: bisect for the shallowest
        middle = (low + high) // 2
        if _greedy_loops(values, middle)[0] <= count:
            high = middle
        else:
            low = middle + 1
    depth = float(low) if _greedy_loops(values, low)[0] <= count else float(max_depth_m)
    count, groups, _ = _greedy_loops(values, depth)
    return count, depth, np.asarray(groups) + 1


def size_loops(dwellings: pd.DataFrame, settings: LoopSettings, max_depth_m: float | None = None) -> dict[str, float]:
    """Loops for one group of dwellings in row order (``boormeters_m``, or ``rv_gj``/``tw_gj``/``labelklasse``).

    Returns the per-cluster figures of :func:`size_loops_per_cluster` as a dict plus ``lusgroep``
    (a list, one per dwelling).
    """
    metres = (dwellings["boormeters_m"] if "boormeters_m" in dwellings
              else borehole_metres(dwellings, settings)["boormeters_m"])
    cluster = pd.Series("one", index=dwellings.index)
    along = pd.Series(np.arange(len(dwellings), dtype=float), index=dwellings.index)
    limit = pd.Series({"one": np.nan if max_depth_m is None else max_depth_m})
    per_cluster, groups = size_loops_per_cluster(metres, cluster, along, limit, settings)
    result = per_cluster.loc["one"].to_dict()
    result["lusgroep"] = groups.tolist()
    return result


def trench_length(footprints: gpd.GeoDataFrame, street_lines: dict[str, object],
                  settings: ClusterSettings) -> tuple[float, str]:
    """Trench length (m) of one cluster and how it was found.

    Along the streets when every pand has an OSM street: for each street the stretch between
    the outermost buildings (their centroids projected on the street) plus a connection from
    each building to the street. Otherwise the fallback: the minimum spanning tree of the
    building centroids × the detour factor. (One cluster of :func:`trench_lengths`.)
    """
    one = footprints.assign(_cluster="one")
    lengths, methods = trench_lengths(one, "_cluster", street_lines, settings)
    return float(lengths["one"]), str(methods["one"])
