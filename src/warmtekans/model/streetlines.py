"""Streets without a street network: a line through the addresses of each street.

The BAG gives an openbare ruimte (a street) no geometry of its own (BAG 2.0 catalogue: an
openbare ruimte has a name, type and woonplaats, no geometry), so without OSM a street is drawn
from its addresses (docs/method.md §2, *Streets as lines*):

1. **Locations**: the address points of the street, rounded to 0.1 m and counted once (the
   dwellings of one apartment building share a point).
2. **Pieces**: locations closer than :data:`STREET_GAP_M` are linked (single linkage); each
   linked group is a piece, so one name used in two places is two pieces, not a long diagonal.
3. **Slices**: per piece, the locations are projected on its main axis (the first principal
   component) and cut into slices of :data:`SLICE_M` along it. Each slice gives one vertex: the
   mean position along the axis, and across it the middle between its outermost locations (the
   middle of the street where both sides are built). The first and last vertices move out to
   the first and last address along the axis. The polyline through the vertices is the piece.
4. **Bends back**: where a location lies farther than :data:`MAX_OFFSET_M` from its piece's line
   (a U-shaped street or a ring, whose slices mix the two legs), the piece is split in two at
   the median along its axis and each half is drawn again (steps 2-4).
5. **One location** (a piece of one address or one building): a line of :data:`TICK_M` through
   it, along the main axis of the whole street (east-west when the street has one location). It
   marks the street; its length means nothing.

Everything is ordered (locations sorted by x then y, pieces by their first location, the axis
sign fixed), so reruns give the same lines.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.core.crs import RD_CRS

#: Locations of one street farther apart than this (m) are separate pieces (estimate; range 50-200).
STREET_GAP_M = 100.0

#: Length of a slice along a street's main axis (m): one vertex per slice (estimate; range 15-40).
SLICE_M = 25.0

#: A piece with a location farther than this (m) from its line is split in two (estimate; range 40-80).
MAX_OFFSET_M = 50.0

#: Length (m) of the line drawn through a street piece of one location (a marker, not a length).
TICK_M = 10.0

#: Locations closer than this (m) count as one.
ROUND_M = 0.1

#: Halvings of one piece at most (a piece of n locations is split at most log2(n) times anyway).
MAX_SPLITS = 8


def main_axis(xy: np.ndarray) -> np.ndarray | None:
    """Unit vector of the first principal component of ``xy`` (pointing east, or north when vertical),
    or None when the points span less than :data:`ROUND_M`."""
    if len(xy) < 2 or np.ptp(xy, axis=0).max() < ROUND_M:
        return None
    axis = np.linalg.svd(xy - xy.mean(axis=0), full_matrices=False)[2][0]
    if axis[0] < -1e-9 or (abs(axis[0]) <= 1e-9 and axis[1] < 0):
        axis = -axis  # a fixed orientation, so results do not depend on the SVD's sign
    return axis


def _tick(centre: np.ndarray, direction: np.ndarray) -> shapely.LineString:
    half = direction * TICK_M / 2
    return shapely.LineString([centre - half, centre + half])


def slice_line(xy: np.ndarray, direction: np.ndarray | None = None) -> shapely.LineString:
    """The line of one piece (steps 3 and 5 of the module docstring); ``xy`` are its distinct locations."""
    axis = main_axis(xy)
    if axis is None:
        return _tick(xy.mean(axis=0), direction if direction is not None else np.array([1.0, 0.0]))
    across = np.array([-axis[1], axis[0]])
    centre = xy.mean(axis=0)
    along_values, across_values = (xy - centre) @ axis, (xy - centre) @ across
    slices = np.floor((along_values - along_values.min()) / SLICE_M).astype(int)
    _, number, count = np.unique(slices, return_inverse=True, return_counts=True)
    along = np.bincount(number, weights=along_values) / count
    low, high = np.full(len(count), np.inf), np.full(len(count), -np.inf)
    np.minimum.at(low, number, across_values)
    np.maximum.at(high, number, across_values)
    middle = (low + high) / 2
    if len(along) == 1:
        along, middle = np.repeat(along, 2), np.repeat(middle, 2)
    along[0], along[-1] = along_values.min(), along_values.max()
    # a quadratic through the slice middles (a straight line through two) smooths the zigzag of blocks
    # standing across the street; a street that bends more is halved (step 4)
    fitted = np.polyval(np.polyfit(along, middle, min(2, len(along) - 1)), along)
    return shapely.LineString(centre + np.outer(along, axis) + np.outer(fitted, across))


def _linked_groups(xy: np.ndarray) -> list[np.ndarray]:
    """Positions of the groups of locations linked within :data:`STREET_GAP_M`, ordered by their first position."""
    if np.hypot(*np.ptp(xy, axis=0)) <= STREET_GAP_M:  # every pair within the gap
        return [np.arange(len(xy))]
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    pairs = cKDTree(xy).query_pairs(STREET_GAP_M, output_type="ndarray")
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(xy), len(xy)))
    count, labels = connected_components(graph, directed=False)
    if count == 1:
        return [np.arange(len(xy))]
    _, first = np.unique(labels, return_index=True)
    return [np.flatnonzero(labels == labels[position]) for position in np.sort(first)]


def _joined(first: list[shapely.LineString], second: list[shapely.LineString],
            axis: np.ndarray) -> list[shapely.LineString]:
    """The lines of two halves; one line each, the first ending within :data:`SLICE_M` of where the second
    starts (both running along ``axis``): joined into one."""
    if len(first) != 1 or len(second) != 1:
        return first + second
    coords = []
    for line in (first[0], second[0]):
        xy = np.asarray(line.coords)
        coords.append(xy if (xy[-1] - xy[0]) @ axis >= 0 else xy[::-1])
    if np.hypot(*(coords[1][0] - coords[0][-1])) > SLICE_M:
        return first + second
    return [shapely.LineString(np.vstack(coords))]


def _piece_lines(xy: np.ndarray, direction: np.ndarray | None, splits: int = 0) -> list[shapely.LineString]:
    """Lines of one street's locations ``xy``: pieces at gaps, halved where a piece bends back (steps 2-4)."""
    lines = []
    for group in _linked_groups(xy):
        points = xy[group]
        line = slice_line(points, direction)
        if len(points) < 4 or splits >= MAX_SPLITS or shapely.distance(
                shapely.points(points), line).max() <= MAX_OFFSET_M:
            lines.append(line)
            continue
        axis = main_axis(points)
        order = np.argsort((points - points.mean(axis=0)) @ axis, kind="stable")
        half = len(points) // 2
        lines += _joined(_piece_lines(points[np.sort(order[:half])], direction, splits + 1),
                         _piece_lines(points[np.sort(order[half:])], direction, splits + 1), axis)
    return lines


def street_line(xy: np.ndarray) -> shapely.LineString | shapely.MultiLineString:
    """The line of one street through its address points ``xy`` (n × 2, RD metres): one LineString, or a
    MultiLineString of its pieces."""
    rounded = np.unique(np.round(np.asarray(xy, dtype=float) / ROUND_M) * ROUND_M, axis=0)  # sorted by x, then y
    lines = _piece_lines(rounded, main_axis(rounded))
    return lines[0] if len(lines) == 1 else shapely.MultiLineString(lines)


def street_lines(points: gpd.GeoSeries, keys: pd.Series) -> gpd.GeoSeries:
    """One (multi)line per street key through its address points (:func:`street_line`), indexed by the sorted
    keys; points with a missing key or geometry are left out."""
    keys = pd.Series(keys.to_numpy(), index=points.index)
    present = keys.notna() & points.notna() & ~points.is_empty
    names = keys[present].astype(str).to_numpy()
    xy = shapely.get_coordinates(points[present].to_numpy())
    order = np.argsort(names, kind="stable")
    unique, starts = np.unique(names[order], return_index=True)
    lines = [street_line(xy[positions]) for positions in np.split(order, starts[1:])]
    return gpd.GeoSeries(lines, index=pd.Index(unique, name="straat_sleutel"), crs=RD_CRS)
