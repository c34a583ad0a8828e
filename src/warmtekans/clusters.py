"""Candidate clusters at two levels.

* **mini** – ground-bound dwellings (rij, twee-onder-een-kap) along one street whose
  footprints lie within ``mini_max_gap_m`` of each other: 2–50 WEQ (seed 000). Longer
  rows are split along the street into near-equal parts of at most 50 WEQ (or
  ``mini_max_connections``). Portiek blocks of ≤ 4 storeys are a mini cluster each.
  Their shared loops are sized on demand (:func:`borehole_metres`, :func:`pack_loops`).
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

from warmtekans import RD_CRS
from warmtekans.config import ClusterSettings, LoopSettings
from warmtekans.tables import most_common
from warmtekans.woningtype import GROUND_BOUND

#: Label letters as numbers for averaging (A=1 … G=7).
LABEL_INDEX = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7}

SCALE_MINI = "mini"
SCALE_SMALL = "kleinschalig"
SCALE_LARGE = "grootschalig"


def scale_class(weq: float | np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """Scale class by woningequivalenten: <2 individueel, 2–50 mini, 50–1 500 kleinschalig, >1 500 grootschalig.

    The boundaries 50 and 1 500 belong to the smaller class, as in the seed's '2–50' and
    '50–1 500' (a cluster of exactly 50 WEQ is still mini).
    """
    weq = np.asarray(weq, dtype=float)
    return np.select(
        [weq < settings.mini_min_weq, weq <= settings.mini_max_weq, weq <= settings.small_scale_max_weq],
        ["individueel", SCALE_MINI, SCALE_SMALL],
        default=SCALE_LARGE,
    )


def wcw_regime(connections: float | np.ndarray) -> np.ndarray:
    """Wet collectieve warmte regime by number of connections (seed 000).

    < 10 aansluitingen: beperkt gereguleerd; 10 to < 1 500: klein collectief (ontheffing);
    ≥ 1 500: basisregime.
    """
    n = np.asarray(connections, dtype=float)
    return np.select([n < 10, n < 1500], ["beperkt gereguleerd (< 10)", "klein collectief (< 1 500)"],
                     default="basisregime (≥ 1 500)")


def link_components(geometries: gpd.GeoSeries, distance: float, groups: pd.Series | None = None) -> np.ndarray:
    """Label connected components of geometries closer than ``distance`` (and in the same group).

    Parameters
    ----------
    geometries
        Footprints in EPSG:28992.
    distance
        Link distance in metres.
    groups
        Optional group key per geometry; only geometries of the same group are linked.

    Returns
    -------
    Component label per geometry (0..k-1), positional.
    """
    n = len(geometries)
    if n == 0:
        return np.array([], dtype=int)
    left, right, _ = near_pairs(geometries, distance, groups=None if groups is None else groups.to_numpy())
    return _components(n, left, right)


def near_pairs(geometries: gpd.GeoSeries, distance: float,
               groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of geometries at most ``distance`` (m) apart, with that distance (m).

    Returns positions ``left < right`` (each pair once, ordered by ``left`` then ``right``) and
    their distance; with ``groups`` only pairs of the same group. The same pairs as a
    ``dwithin`` query on the spatial index: :func:`candidate_pairs`, then one vectorised
    distance computation.
    """
    left, right, _ = candidate_pairs(geometries, distance, groups)
    apart = shapely.distance(np.asarray(geometries.values)[left], np.asarray(geometries.values)[right])
    within = apart <= distance
    return left[within], right[within], apart[within]


#: Geometries per spatial-index query in :func:`candidate_pairs` (bounds the memory of the raw pairs).
PAIR_QUERY_CHUNK = 50_000


def candidate_pairs(geometries: gpd.GeoSeries, distance: float,
                    groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of geometries whose bounding boxes are at most ``distance`` (m) apart (the candidates of
    :func:`near_pairs`), and that gap (m): the larger of the gaps along x and y, 0 where the boxes
    overlap, never more than the distance of the geometries.

    Positions ``left < right``, ordered by ``left`` then ``right``; with ``groups`` only pairs of the
    same group. One bounding-box query on the spatial index; no geometry is compared, so a caller
    can compute distances only for the pairs it still needs.
    """
    values = np.asarray(geometries.values)
    if len(values) == 0:
        empty = np.array([], dtype=np.intp)
        return empty, empty, np.array([], dtype=float)
    minx, miny, maxx, maxy = shapely.bounds(values).T
    tree = shapely.STRtree(values)
    lefts, rights = [], []
    for start in range(0, len(values), PAIR_QUERY_CHUNK):  # in chunks: each pair is found twice before filtering
        end = min(start + PAIR_QUERY_CHUNK, len(values))
        boxes = shapely.box(minx[start:end] - distance, miny[start:end] - distance, maxx[start:end] + distance,
                            maxy[start:end] + distance)
        left, right = tree.query(boxes)
        left += start
        keep = left < right
        if groups is not None:
            keep &= groups[left] == groups[right]
        left, right = left[keep], right[keep]
        order = np.lexsort((right, left))
        lefts.append(left[order])
        rights.append(right[order])
    left, right = np.concatenate(lefts), np.concatenate(rights)
    gap_x = np.maximum(minx[right] - maxx[left], minx[left] - maxx[right])
    gap_y = np.maximum(miny[right] - maxy[left], miny[left] - maxy[right])
    return left, right, np.maximum(np.maximum(gap_x, gap_y), 0.0)


def mst_length(points: np.ndarray) -> float:
    """Length (m) of the Euclidean minimum spanning tree of 2-D points (one group of :func:`mst_lengths`)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(points) == 0:
        return 0.0
    return float(mst_lengths(points, np.zeros(len(points), dtype=np.int64))[0])


#: Groups of at most this many distinct points get all point pairs as MST candidates; larger ones a Delaunay
#: triangulation (which contains the MST).
COMPLETE_GRAPH_MAX_POINTS = 64


def mst_lengths(points: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Length (m) of the Euclidean minimum spanning tree of the 2-D points of each group.

    ``groups`` numbers the group of each point 0..k-1; returns k lengths. Repeated points count
    once. Candidate edges: every pair in a small group (at most
    :data:`COMPLETE_GRAPH_MAX_POINTS` points, numbered for all groups of one size at once),
    the Delaunay triangulation of a larger one (a chain when its points are collinear); one
    minimum spanning forest over all groups then gives every group's tree, so the cost is
    near-linear without a Python step per small cluster.
    """
    from scipy.sparse import coo_matrix  # scipy only where a graph is built: score_clusters imports this module too
    from scipy.sparse.csgraph import minimum_spanning_tree

    groups = np.asarray(groups, dtype=np.int64)
    k = int(groups.max()) + 1 if len(groups) else 0
    if k == 0:
        return np.zeros(0)
    unique = np.unique(np.column_stack([groups.astype(float), np.asarray(points, dtype=float)]), axis=0)
    group_of, xy = unique[:, 0].astype(np.int64), unique[:, 1:]
    counts = np.bincount(group_of, minlength=k)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    left, right = [], []
    for size in np.unique(counts[(counts >= 2) & (counts <= COMPLETE_GRAPH_MAX_POINTS)]):
        first, second = np.triu_indices(size, 1)
        offsets = starts[counts == size][:, None]
        left.append((offsets + first).ravel())
        right.append((offsets + second).ravel())
    for group in np.flatnonzero(counts > COMPLETE_GRAPH_MAX_POINTS):
        first, second = _delaunay_edges(xy[starts[group]:starts[group] + counts[group]])
        left.append(first + starts[group])
        right.append(second + starts[group])
    if not left:
        return np.zeros(k)
    left, right = np.concatenate(left), np.concatenate(right)
    weights = np.linalg.norm(xy[left] - xy[right], axis=1)
    forest = minimum_spanning_tree(coo_matrix((weights, (left, right)), shape=(len(xy), len(xy)))).tocoo()
    return np.bincount(group_of[forest.row], weights=forest.data, minlength=k)


def _delaunay_edges(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The edges of the Delaunay triangulation of distinct points (a chain along the line when collinear)."""
    from scipy.spatial import Delaunay

    try:
        triangles = Delaunay(points).simplices
    except Exception:  # noqa: BLE001 - collinear points: a chain along the line is the MST
        order = np.lexsort((points[:, 1], points[:, 0]))
        return order[:-1], order[1:]
    edges = np.unique(np.sort(np.vstack([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [0, 2]]]),
                              axis=1), axis=0)
    return edges[:, 0], edges[:, 1]


def street_keys(names: pd.Series, street_ids: pd.Series) -> pd.Series:
    """Grouping key of OSM street segments: ``osm:<name>``, or ``osm:id<n>`` for unnamed segments."""
    return ("osm:" + names.astype("string").fillna("id" + street_ids.astype("string"))).astype("string")


def assign_streets(panden: gpd.GeoDataFrame, dwellings: pd.DataFrame, streets: gpd.GeoDataFrame,
                   settings: ClusterSettings) -> pd.DataFrame:
    """The street of each pand: the nearest OSM street, or else the BAG openbare ruimte.

    Returns a frame indexed like ``panden`` with ``straat`` (name shown to users),
    ``straat_sleutel`` (grouping key) and ``straat_id`` (OSM segment, or NA).
    """
    bag_street = (dwellings.groupby("pand_id")
                  .agg(straat=("straat", "first"), openbare_ruimte_id=("openbare_ruimte_id", "first")))
    bag_name = panden["pand_id"].map(bag_street["straat"]).astype("string")
    bag_id = panden["pand_id"].map(bag_street["openbare_ruimte_id"]).astype("string")
    result = pd.DataFrame(index=panden.index)
    result["straat"] = bag_name
    result["straat_sleutel"] = ("bag:" + bag_id.fillna(bag_name).fillna("onbekend")).astype("string")
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


def order_along_main_axis(points: np.ndarray) -> np.ndarray:
    """Indices that order 2-D points along their main axis (west→east, or south→north when vertical)."""
    if len(points) < 2:
        return np.arange(len(points))
    centred = points - points.mean(axis=0)
    axis = np.linalg.svd(centred, full_matrices=False)[2][0]
    if axis[0] < -1e-9 or (abs(axis[0]) <= 1e-9 and axis[1] < 0):
        axis = -axis  # a fixed orientation, so results do not depend on the SVD's sign
    return np.argsort(centred @ axis, kind="stable")


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


def _components_in_row_order(labels: np.ndarray) -> np.ndarray:
    """Component labels in order of their first row (not of the label values the graph library chose)."""
    values, first_row = np.unique(labels, return_index=True)
    return values[np.argsort(first_row, kind="stable")]


def mini_clusters(panden: gpd.GeoDataFrame, settings: ClusterSettings) -> pd.Series:
    """Mini-cluster number per pand (NA where the pand is in no mini cluster).

    ``panden`` needs ``woningtype``, ``n_woningen`` (WEQ) and ``straat_sleutel``; with
    ``bouwlagen``, apartment buildings of at most ``mini_portiek_max_storeys`` storeys, at
    least 2 dwellings and at most 50 WEQ (``weq`` when given: dwellings plus non-residential
    objects) are a mini cluster each (one shared loop field per building, seed 000).
    Rows longer than ``mini_max_weq`` (or ``mini_max_connections`` when set) are split.
    """
    eligible = panden[panden["woningtype"].isin(GROUND_BOUND)]
    result = pd.Series(pd.NA, index=panden.index, dtype="Int64")
    next_id = 1
    if not eligible.empty:
        next_id = _row_clusters(eligible, settings, result)
    if settings.mini_portiek_max_storeys > 0 and "bouwlagen" in panden:
        dwellings = panden["n_woningen"].astype(float)
        weq = panden["weq"].astype(float) if "weq" in panden else dwellings  # shops and offices in the block count
        portiek = panden[(panden["woningtype"] == "appartement")
                         & (panden["bouwlagen"].fillna(np.inf) <= settings.mini_portiek_max_storeys)
                         & (dwellings >= settings.mini_min_weq) & (weq <= _mini_max(settings))]
        result.loc[portiek.index] = np.arange(next_id, next_id + len(portiek))
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
    for members in sorted(_positions_by_label(labels), key=lambda positions: positions[0]):
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


def _positions_by_label(labels: np.ndarray) -> list[np.ndarray]:
    """Positions of each label, labels in ascending order, positions ascending (one sort, not one scan per label)."""
    order = np.argsort(labels, kind="stable")
    starts = np.flatnonzero(np.diff(labels[order])) + 1
    return np.split(order, starts) if len(order) else []


def crossing_pairs(geometries: gpd.GeoSeries, left: np.ndarray, right: np.ndarray,
                   barriers: gpd.GeoSeries | None, distance: float | None = None) -> np.ndarray:
    """Whether the shortest line between each pair of geometries crosses a barrier (bool per pair).

    ``left``/``right`` are positions in ``geometries``; ``barriers`` are lines (railways, major
    roads, waterways) or polygons (water). A pair whose connecting line touches a barrier is
    taken to be on opposite sides of it. ``distance`` (m, optional): no pair is farther apart
    than this; it only speeds up the search.
    """
    crossing = np.zeros(len(left), dtype=bool)
    if barriers is None or len(barriers) == 0 or len(left) == 0:
        return crossing
    values = np.asarray(geometries.values)
    tree = shapely.STRtree(np.asarray(barriers.values))
    bounds = shapely.bounds(values)
    if distance is not None:
        # the shortest line (at most ``distance`` long) stays within ``distance`` of both ends' bounding boxes:
        # only pairs of which both geometries have a barrier that near can cross one
        minx, miny, maxx, maxy = bounds.T
        margin = distance + 1e-6  # a hair more, against rounding of the line's length
        reach = shapely.box(minx - margin, miny - margin, maxx + margin, maxy + margin)
        near = np.zeros(len(values), dtype=bool)
        near[tree.query(reach, predicate="intersects")[0]] = True
        candidates = np.flatnonzero(near[left] & near[right])
    else:
        # the shortest line lies inside the bounding box of the pair: only pairs whose box meets a barrier
        low = np.minimum(bounds[left, :2], bounds[right, :2])
        high = np.maximum(bounds[left, 2:], bounds[right, 2:])
        boxes = shapely.box(low[:, 0], low[:, 1], high[:, 0], high[:, 1])
        candidates = np.unique(tree.query(boxes, predicate="intersects")[0])
    links = shapely.shortest_line(values[left[candidates]], values[right[candidates]])
    hit, _ = tree.query(links, predicate="intersects")
    crossing[candidates[np.unique(hit)]] = True
    return crossing


def area_link_graph(panden: gpd.GeoDataFrame, settings: ClusterSettings, barriers: gpd.GeoSeries | None = None,
                    distance: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of panden (positions) closer than ``distance`` (default ``area_link_distance_m``), in the
    same buurt (when ``area_split_at_buurt``) and not separated by a barrier."""
    distance = settings.area_link_distance_m if distance is None else distance
    left, right, _ = near_pairs(panden.geometry, distance, groups=_buurt_groups(panden, settings))
    blocked = crossing_pairs(panden.geometry, left, right, barriers, distance)
    return left[~blocked], right[~blocked]


def _within(values: np.ndarray, left: np.ndarray, right: np.ndarray, distance: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of ``left``/``right`` (positions in ``values``) at most ``distance`` (m) apart."""
    within = shapely.distance(values[left], values[right]) <= distance
    return left[within], right[within]


def _buurt_groups(panden: gpd.GeoDataFrame, settings: ClusterSettings) -> np.ndarray | None:
    """The buurt of each pand when areas do not cross buurt boundaries (else None: one group)."""
    if settings.area_split_at_buurt and "buurtcode" in panden:
        return panden["buurtcode"].astype("string").fillna("").to_numpy()
    return None


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


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
    link_left, link_right = _within(values, left[box_gap <= link], right[box_gap <= link], link)
    blocked = crossing_pairs(panden.geometry, link_left, link_right, barriers, link)
    link_left, link_right = link_left[~blocked], link_right[~blocked]
    labels = _components(n, link_left, link_right)
    if merge:
        core_weq = pd.Series(weq_values).groupby(labels).sum().to_numpy()
        large = core_weq[labels] > settings.mini_max_weq
        # a pair inside one core changes nothing: only pairs between cores, one of them large
        joins = (large[left] | large[right]) & (labels[left] != labels[right])
        near_left, near_right = _within(values, left[joins], right[joins], gap)
        blocked = crossing_pairs(panden.geometry, near_left, near_right, barriers, gap)
        labels = _components(n, np.concatenate([link_left, near_left[~blocked]]),
                             np.concatenate([link_right, near_right[~blocked]]))
    weq = pd.Series(weq_values).groupby(labels).sum()
    large_enough = set(weq[weq > settings.mini_max_weq].index)
    ordered = [c for c in _components_in_row_order(labels) if c in large_enough]
    numbering = {component: k for k, component in enumerate(ordered, start=1)}
    mapped = pd.Series(labels).map(numbering)
    result[:] = mapped.astype("Int64").to_numpy()
    return result


#: Margin around the footprints of a cluster outline (m).
OUTLINE_BUFFER_M = 3.0


def outlines(footprints: gpd.GeoSeries, keys: pd.Series | pd.DataFrame, buffer_m: float = OUTLINE_BUFFER_M) -> gpd.GeoSeries:
    """The outline of each group of footprints: the union of the footprints, each buffered by ``buffer_m`` (m).

    ``keys`` gives the group of each footprint (a Series, or a frame of several key columns);
    the result is indexed by the sorted groups. The same geometry as GeoPandas' ``dissolve`` of
    the buffered footprints (one buffer for all, then one union per group in row order), without
    its per-group DataFrame overhead. Round ends use 16 segments per quarter circle, as
    GeoPandas' ``buffer``. (A buffer of each group as one multipolygon is the same set, but on
    real footprints, whose walls touch, it is four times slower than the union.)
    """
    keys = keys.to_frame() if isinstance(keys, pd.Series) else keys
    grouped = pd.Series(np.arange(len(keys))).groupby([keys[c].to_numpy() for c in keys.columns], sort=True)
    codes = grouped.ngroup().to_numpy()
    index = grouped.size().index
    index = pd.Index(index, name=keys.columns[0]) if len(keys.columns) == 1 else index.set_names(list(keys.columns))
    order = np.argsort(codes, kind="stable")  # groups in key order, footprints in row order within each
    buffered = shapely.buffer(np.asarray(footprints.values)[order], buffer_m, quad_segs=16)
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    pieces = np.split(buffered, bounds) if len(order) else []
    return gpd.GeoSeries([shapely.union_all(piece) for piece in pieces], index=index, crs=RD_CRS)


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
        from warmtekans.tables import empty_layer
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


KWH_PER_GJ = 1e6 / 3600


def borehole_metres(dwellings: pd.DataFrame, settings: LoopSettings) -> pd.DataFrame:
    """Borehole metres per dwelling: the larger of an energy limit and a peak limit.

    Energy (kWh/yr taken from the ground, per metre at most ``extraction_kwh_per_m_year``)::

        E = 277.8 × (RV × (1 − 1/SPF_rv(label)) + TW × (1 − 1/SPF_tw))
        L_energie = E / q_jaar

    Peak (design capacity from the label-dependent space-heating demand, per metre at most
    ``extraction_w_per_m``)::

        P = 277.8 × RV / vollasturen                  (kW)
        L_piek = 1000 × P × (1 − 1/COP) / q_piek

    ``dwellings`` needs ``rv_gj``, ``tw_gj`` (GJ/yr) and ``labelklasse`` (A..G; an unknown
    label takes the lowest SPF). Returns ``boormeters_energie_m``, ``boormeters_piek_m`` and
    ``boormeters_m`` (m), indexed like ``dwellings``.
    """
    spf = dwellings["labelklasse"].astype("object").map(settings.spf_space_heating).astype(float)
    spf = spf.fillna(min(settings.spf_space_heating.values()))
    space = dwellings["rv_gj"].astype(float)
    tap = dwellings["tw_gj"].astype(float)
    ground_kwh = KWH_PER_GJ * (space * (1 - 1 / spf) + tap * (1 - 1 / settings.spf_tap_water))
    energy = ground_kwh / settings.extraction_kwh_per_m_year
    design_kw = KWH_PER_GJ * space / settings.full_load_hours
    peak = 1000 * design_kw * (1 - 1 / settings.heat_pump_scop) / settings.extraction_w_per_m
    return pd.DataFrame({"boormeters_energie_m": energy.round(1), "boormeters_piek_m": peak.round(1),
                         "boormeters_m": np.maximum(energy, peak).round(1)}, index=dwellings.index)


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


def _greedy_loops_batch(need: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_greedy_loops` for many rows at once (the same arithmetic, so the same answer).

    ``need`` is (rows × positions) metres in row order, NaN after a row's last dwelling;
    ``capacity`` the metres per loop of each row. Returns the boreholes per row and the loop
    group (0-based) of every position (−1 on padding).
    """
    rows = need.shape[0]
    groups = np.full(need.shape, -1, dtype=np.int64)
    made = np.zeros(rows, dtype=np.int64)  # groups so far
    last = np.zeros(rows, dtype=np.int64)  # boreholes of the last group
    load = np.zeros(rows)
    count = np.zeros(rows, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for position in range(need.shape[1]):
            value = need[:, position]
            present = ~np.isnan(value)
            over = present & (value > capacity)
            join = present & ~over & (made > 0) & (last == 1) & (load + value <= capacity + 1e-9)
            new = present & ~over & ~join
            boreholes = np.where(over, np.ceil(value / capacity - 1e-9), 1).astype(np.int64)
            started = over | new
            made = made + started
            last = np.where(started, boreholes, last)
            count = count + np.where(started, boreholes, 0)
            load = np.where(over, capacity, np.where(join, load + value, np.where(new, value, load)))
            groups[present, position] = made[present] - 1
    return count, groups


def pack_loops_batch(need: np.ndarray, max_depth_m: np.ndarray, min_depth_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`pack_loops` for many rows at once: the same bisection, row by row in lockstep.

    ``need`` as in :func:`_greedy_loops_batch`, ``max_depth_m`` per row. Returns boreholes and
    depth (m) per row, and the loop group (counted from 1; 0 on padding) of every position.
    """
    count, _ = _greedy_loops_batch(need, max_depth_m)
    low = np.full(len(need), math.ceil(min_depth_m), dtype=np.int64)
    high = np.floor(max_depth_m).astype(np.int64)
    searching = high >= low
    while True:
        open_rows = searching & (low < high)
        if not open_rows.any():
            break
        middle = (low + high) // 2
        fits = _greedy_loops_batch(need, np.where(open_rows, middle, max_depth_m).astype(float))[0] <= count
        high = np.where(open_rows & fits, middle, high)
        low = np.where(open_rows & ~fits, middle + 1, low)
    low_fits = _greedy_loops_batch(need, np.where(searching, low, max_depth_m).astype(float))[0] <= count
    depth = np.where(searching & low_fits, low.astype(float), max_depth_m)
    count, groups = _greedy_loops_batch(need, depth)
    return count, depth, groups + 1


def size_loops_per_cluster(metres: pd.Series, cluster: pd.Series, along: pd.Series, depth_limit_m: pd.Series,
                           settings: LoopSettings) -> tuple[pd.DataFrame, pd.Series]:
    """Size the shared borehole loops (bodemlussen) of every mini cluster.

    Parameters
    ----------
    metres
        Borehole metres per dwelling (:func:`borehole_metres`).
    cluster
        Cluster id per dwelling.
    along
        Position of each dwelling along its row (m); neighbours share a loop.
    depth_limit_m
        Per cluster the drilling-depth limit of its restriction zones (NaN = none).

    The deepest loop is ``loop_depth_max_m`` capped by the limit; shallower than
    ``loop_depth_min_m`` no shared loop fits (``bodemlussen`` NaN, ``woningen_per_lus`` 0).
    Otherwise :func:`pack_loops` chooses the loops and their depth.

    Returns per cluster ``boormeters`` (m), ``lusdiepte_m``, ``bodemlussen``,
    ``woningen_per_lus`` and ``lusbelasting_max`` (highest metres needed / metres drilled of a
    loop group, ≤ 1); and per dwelling its ``lusgroep`` (1, 2, …; NA where no loop fits).
    """
    codes, keys = pd.factorize(cluster, sort=True)
    order = np.lexsort((along.to_numpy(dtype=float), codes))
    need_sorted = metres.to_numpy(dtype=float)[order]
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(order)]])
    limits = depth_limit_m.reindex(keys).fillna(np.inf).to_numpy(dtype=float)
    columns = ["boormeters", "lusdiepte_m", "bodemlussen", "woningen_per_lus", "lusbelasting_max"]
    table = np.full((len(keys), len(columns)), np.nan)
    groups_sorted = np.full(len(order), np.nan)
    max_depth = np.minimum(settings.loop_depth_max_m, limits)
    sizes = ends - starts
    # one row per cluster, its dwellings in row order (NaN padding): all clusters are packed at once
    slot = np.arange(len(order)) - np.repeat(starts, sizes)
    row = np.repeat(np.arange(len(keys)), sizes)
    padded = np.full((len(keys), int(sizes.max()) if len(sizes) else 0), np.nan)
    padded[row, slot] = need_sorted
    totals = np.array([need_sorted[start:end].sum() for start, end in zip(starts, ends)])  # as np.sum per row
    too_shallow = max_depth < settings.loop_depth_min_m
    table[too_shallow] = np.column_stack([totals, max_depth, np.full(len(keys), np.nan), np.zeros(len(keys)),
                                          np.full(len(keys), np.nan)])[too_shallow]
    fit = np.flatnonzero(~too_shallow)
    if len(fit):
        count, depth, groups = pack_loops_batch(padded[fit], max_depth[fit], settings.loop_depth_min_m)
        member = np.isin(row, fit)
        fit_row = np.searchsorted(fit, row[member])
        group_of_member = groups[fit_row, slot[member]]
        groups_sorted[member] = group_of_member
        # metres per loop group, and boreholes per group as in pack_loops' caller
        width = int(groups.max()) + 1
        per_group = np.bincount(fit_row * width + group_of_member - 1, weights=need_sorted[member],
                                minlength=len(fit) * width).reshape(len(fit), width)
        used = np.zeros((len(fit), width), dtype=bool)
        used[fit_row, group_of_member - 1] = True
        boreholes = np.maximum(1, np.ceil(per_group / depth[:, None] - 1e-9))
        load = np.where(used, per_group / (boreholes * depth[:, None]), -np.inf).max(axis=1)
        table[fit] = np.column_stack([totals[fit], depth, count.astype(float), sizes[fit] / count, load])
    result = pd.DataFrame(table, index=keys, columns=columns)
    result["boormeters"] = result["boormeters"].round(1)
    result["woningen_per_lus"] = result["woningen_per_lus"].round(2)
    result["lusbelasting_max"] = result["lusbelasting_max"].round(3)
    group_values = np.empty(len(order))
    group_values[order] = groups_sorted
    group_of = pd.Series(group_values, index=metres.index).astype("Int64")
    return result, group_of


def boreholes_fit(loops: pd.Series, frontage_m: pd.Series, spacing_m: float) -> pd.Series:
    """Whether the boreholes fit in one line along the row: loops ≤ ⌊frontage / spacing⌋ + 1.

    False where no shared loop fits (``loops`` NaN).
    """
    room = np.floor(frontage_m.clip(lower=0) / spacing_m) + 1
    return (loops.notna() & (loops <= room)).astype(bool)


def frontage_m(outlines: gpd.GeoSeries, buffer_m: float = 3.0) -> pd.Series:
    """Length of a row along its street (m): the long side of the outline's minimum rotated rectangle,
    less the ``buffer_m`` added around the footprints on both ends."""
    rectangles = shapely.minimum_rotated_rectangle(outlines.to_numpy())
    coords = [np.asarray(r.exterior.coords) if r is not None and r.geom_type == "Polygon" else None
              for r in rectangles]
    lengths = [0.0 if c is None else float(max(np.linalg.norm(c[1] - c[0]), np.linalg.norm(c[2] - c[1])))
               for c in coords]
    return (pd.Series(lengths, index=outlines.index) - 2 * buffer_m).clip(lower=0.0).round(1)


def size_loops(dwellings: pd.DataFrame, settings: LoopSettings, max_depth_m: float | None = None) -> dict[str, float]:
    """Loops for one group of dwellings in row order (``boormeters_m``, or ``rv_gj``/``tw_gj``/``labelklasse``).

    Returns the per-cluster figures of :func:`size_loops_per_cluster` as a dict plus ``lusgroep``
    (a list, one per dwelling).
    """
    metres = dwellings["boormeters_m"] if "boormeters_m" in dwellings else borehole_metres(dwellings, settings)["boormeters_m"]
    cluster = pd.Series("one", index=dwellings.index)
    along = pd.Series(np.arange(len(dwellings), dtype=float), index=dwellings.index)
    limit = pd.Series({"one": np.nan if max_depth_m is None else max_depth_m})
    per_cluster, groups = size_loops_per_cluster(metres, cluster, along, limit, settings)
    result = per_cluster.loc["one"].to_dict()
    result["lusgroep"] = groups.tolist()
    return result


def build_clusters(
    dwellings: gpd.GeoDataFrame,
    woonpanden: gpd.GeoDataFrame,
    streets: gpd.GeoDataFrame,
    settings: ClusterSettings,
    barriers: gpd.GeoDataFrame | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Form mini and area clusters.

    ``barriers`` (optional): lines and polygons an area network does not cross (railways,
    motorways, trunk and primary roads, waterways, water; :func:`warmtekans.readers.read_osm_barriers`).

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
        if frames else _empty_clusters()
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
    if level == "mini":
        frame["schaal"] = SCALE_MINI
    else:
        frame["schaal"] = np.where(frame["weq"] <= settings.small_scale_max_weq, SCALE_SMALL, SCALE_LARGE)
    types = dwellings.groupby([column, "woningtype"], observed=True).size().unstack(fill_value=0)
    for kind in ("tussenwoning", "hoekwoning", "twee_onder_een_kap", "vrijstaand", "appartement"):
        frame[f"n_{kind}"] = types[kind] if kind in types else 0
    frame["warmtevraag_gj"] = grouped["warmtevraag_gj"].sum().round(1)
    frame["piek_kw"] = grouped["piek_kw"].sum().round(1)
    space = grouped["piek_rv_kw"].sum()
    tap = grouped["piek_kw"].sum() - space
    if level == "mini":
        frame["gelijktijdig_piek_kw"] = mini_collective_peak_kw(space + tap, frame["n_woningen"] + frame["n_utiliteit"].fillna(0),
                                                                settings).round(1)
    else:
        frame["gelijktijdig_piek_kw"] = collective_peak_kw(space, tap, settings).round(1)
    footprints = pand_info[pand_info[column].notna()]
    trench, method = trench_lengths(footprints, column, street_lines, settings)
    frame["tracelengte_m"] = trench.round(1)
    frame["trace_methode"] = method
    frame["warmtedichtheid_gj_m"] = (frame["warmtevraag_gj"] / frame["tracelengte_m"].where(frame["tracelengte_m"] > 0)).round(2)
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

    See :func:`trench_length` for one cluster; this does all clusters of a level at once.
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


def collective_peak_kw(space_heating_kw, tap_water_kw, settings: ClusterSettings):
    """Peak a network must deliver (kW) from the summed space-heating and tap-water peaks.

    simultaneity_space_heating × Σ P_rv + simultaneity_tap_water × Σ P_tw, with Vesta MAIS 5.0's
    0.5 (MT) and 0.1 (Vermogens.dms). Works on numbers and on Series.
    """
    return settings.simultaneity_space_heating * space_heating_kw + settings.simultaneity_tap_water * tap_water_kw


def mini_simultaneity(connections, settings: ClusterSettings):
    """Simultaneity of a mini system's summed connection capacity (seed 003 and Vesta).

    g(n) = g_large + (1 − g_large) / (1 + (n − 1) / n_half), with g_large Vesta's
    space-heating factor (0.5) and n_half = 21, so g(1) = 1 and g(10) = 0.85: seed 003's
    "about 15 % less connection capacity for 10 dwellings". Works on numbers and Series.
    """
    g_large = settings.simultaneity_space_heating
    return g_large + (1 - g_large) / (1 + (np.maximum(connections, 1) - 1) / settings.mini_simultaneity_half_n)


def mini_collective_peak_kw(total_kw, connections, settings: ClusterSettings):
    """Peak of a mini system (kW): :func:`mini_simultaneity` × the summed connection capacities."""
    return mini_simultaneity(connections, settings) * total_kw


def _street_lines(streets: gpd.GeoDataFrame) -> dict[str, object]:
    """One (multi)line per street key, as used by :func:`assign_streets`."""
    if streets.empty:
        return {}
    keys = street_keys(streets["straat"], streets["straat_id"])
    return {key: geometry for key, geometry in streets.geometry.groupby(keys.to_numpy()).agg(
        lambda g: g.union_all()).items()}


def trench_length(footprints: gpd.GeoDataFrame, street_lines: dict[str, object], settings: ClusterSettings) -> tuple[float, str]:
    """Trench length (m) of one cluster and how it was found.

    Along the streets when every pand has an OSM street: for each street the stretch between
    the outermost buildings (their centroids projected on the street) plus a connection from
    each building to the street. Otherwise the fallback: the minimum spanning tree of the
    building centroids × the detour factor. (One cluster of :func:`trench_lengths`.)
    """
    one = footprints.assign(_cluster="one")
    lengths, methods = trench_lengths(one, "_cluster", street_lines, settings)
    return float(lengths["one"]), str(methods["one"])

def _empty_clusters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"cluster_id": pd.Series(dtype="string"), "niveau": pd.Series(dtype="string"),
                             "schaal": pd.Series(dtype="string")}, geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS)
