"""Geometry shared by cluster building: neighbour pairs, spanning trees, barriers, outlines, frontage."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.core.crs import RD_CRS


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
    return connected_labels(n, left, right)


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
    from scipy.sparse import (
        coo_matrix,  # scipy only where a graph is built: score_clusters imports this module too
    )
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


def order_along_main_axis(points: np.ndarray) -> np.ndarray:
    """Indices that order 2-D points along their main axis (west→east, or south→north when vertical)."""
    if len(points) < 2:
        return np.arange(len(points))
    centred = points - points.mean(axis=0)
    axis = np.linalg.svd(centred, full_matrices=False)[2][0]
    if axis[0] < -1e-9 or (abs(axis[0]) <= 1e-9 and axis[1] < 0):
        axis = -axis  # a fixed orientation, so results do not depend on the SVD's sign
    return np.argsort(centred @ axis, kind="stable")


def components_in_row_order(labels: np.ndarray) -> np.ndarray:
    """Component labels in order of their first row (not of the label values the graph library chose)."""
    values, first_row = np.unique(labels, return_index=True)
    return values[np.argsort(first_row, kind="stable")]


def positions_by_label(labels: np.ndarray) -> list[np.ndarray]:
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


def pairs_within(values: np.ndarray, left: np.ndarray, right: np.ndarray,
                 distance: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of ``left``/``right`` (positions in ``values``) at most ``distance`` (m) apart."""
    within = shapely.distance(values[left], values[right]) <= distance
    return left[within], right[within]


def connected_labels(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


#: Margin around the footprints of a cluster outline (m).
OUTLINE_BUFFER_M = 3.0


def outlines(footprints: gpd.GeoSeries, keys: pd.Series | pd.DataFrame,
             buffer_m: float = OUTLINE_BUFFER_M) -> gpd.GeoSeries:
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


def frontage_m(outlines: gpd.GeoSeries, buffer_m: float = 3.0) -> pd.Series:
    """Length of a row along its street (m): the long side of the outline's minimum rotated rectangle,
    less the ``buffer_m`` added around the footprints on both ends."""
    rectangles = shapely.minimum_rotated_rectangle(outlines.to_numpy())
    coords = [np.asarray(r.exterior.coords) if r is not None and r.geom_type == "Polygon" else None
              for r in rectangles]
    lengths = [0.0 if c is None else float(max(np.linalg.norm(c[1] - c[0]), np.linalg.norm(c[2] - c[1])))
               for c in coords]
    return (pd.Series(lengths, index=outlines.index) - 2 * buffer_m).clip(lower=0.0).round(1)


def usable_frontage_m(outlines: gpd.GeoSeries, forbidden_zones: gpd.GeoSeries | gpd.GeoDataFrame | None,
                      buffer_m: float = OUTLINE_BUFFER_M) -> pd.Series:
    """The frontage (m, :func:`frontage_m`) of each outline that boreholes may use: less its part inside
    ``forbidden_zones`` (restriction zones whose effect is ``forbidden``).

    A row lies along its outline, so the share of the outline's area outside the zones is the share of its
    length outside them: usable = frontage × (1 − area inside / area). Overlapping zones count once. A zone
    that cuts a row in two leaves the two parts' lengths summed. Keeps the index; rounded to 0.1 m.
    """
    frontage = frontage_m(outlines, buffer_m)
    if forbidden_zones is None or len(forbidden_zones) == 0 or len(outlines) == 0:
        return frontage
    zones = forbidden_zones.geometry if isinstance(forbidden_zones, gpd.GeoDataFrame) else forbidden_zones
    parts = shapely.get_parts(shapely.union_all(np.asarray(zones.values)))  # disjoint: no area counted twice
    parts = parts[shapely.area(parts) > 0]
    values = np.asarray(outlines.values)
    if not len(parts):
        return frontage
    outline, zone = shapely.STRtree(parts).query(values, predicate="intersects")
    inside = np.bincount(outline, weights=shapely.area(shapely.intersection(values[outline], parts[zone])),
                         minlength=len(values))
    area = shapely.area(values)
    outside = np.where(area > 0, 1 - np.clip(inside / np.where(area > 0, area, 1), 0, 1), 1.0)
    return (frontage * outside).round(1)
