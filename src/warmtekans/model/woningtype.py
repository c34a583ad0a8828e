"""Woningtype (dwelling type) per dwelling: from EP-online where a label says it, else from BAG geometry.

The five families (shared/docs/data-formats.md): ``vrijstaand``, ``twee_onder_een_kap``,
``hoekwoning``, ``tussenwoning`` (together: rijwoning) and ``appartement``.
"""
from __future__ import annotations

import unicodedata

import geopandas as gpd
import numpy as np
import pandas as pd

WONINGTYPES = ("vrijstaand", "twee_onder_een_kap", "hoekwoning", "tussenwoning", "appartement")


GROUND_BOUND = ("twee_onder_een_kap", "hoekwoning", "tussenwoning")


#: Dutch plural names for reason texts.
WONINGTYPE_PLURAL = {
    "vrijstaand": "vrijstaande woningen",
    "twee_onder_een_kap": "twee-onder-een-kapwoningen",
    "hoekwoning": "hoekwoningen",
    "tussenwoning": "tussenwoningen",
    "appartement": "appartementen",
}


# EP-online Pand_gebouwtype, both generations, normalised (lower case, no accents).
_EP_GEBOUWTYPE = {
    "vrijstaande woning": "vrijstaand",
    "twee-onder-een-kap": "twee_onder_een_kap",
    "2-onder-1-kap": "twee_onder_een_kap",
    "rijwoning tussen": "tussenwoning",
    "rijwoning hoek": "hoekwoning",
    "appartement": "appartement",
    "maisonnette": "appartement",
    "galerijwoning": "appartement",
    "portiekwoning": "appartement",
    "flatwoning (overig)": "appartement",
    # 'Twee-onder-een-kap / rijwoning hoek' is ambiguous: geometry decides between the two.
}


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


def woningtype_from_ep_online(gebouwtype: pd.Series) -> pd.Series:
    """Map EP-online ``Pand_gebouwtype`` values to the five families (NA where unknown or ambiguous)."""
    values = {v: _EP_GEBOUWTYPE.get(_normalise(v)) for v in gebouwtype.dropna().unique() if isinstance(v, str)}
    return gebouwtype.map(values).astype("string")  # each distinct value normalised once


def shared_wall_pairs(panden: gpd.GeoDataFrame, *, min_shared_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of panden that share a wall, as two arrays of positions (each pair once, left < right).

    Two footprints share a wall when their boundaries run together over at least
    ``min_shared_m`` metres (touching footprints, with 0.1 m tolerance for digitising
    gaps). Uses a spatial index, so the cost grows with the number of touching pairs,
    not with all pairs.
    """
    tolerance = 0.1
    geoms = panden.geometry.values
    left, right = panden.sindex.query(panden.geometry.buffer(tolerance).values, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if not len(left):
        return left, right
    boundaries = gpd.GeoSeries(geoms[left], crs=panden.crs).boundary
    others = gpd.GeoSeries(geoms[right], crs=panden.crs).buffer(tolerance)
    shared = boundaries.intersection(others, align=False).length.to_numpy()
    walls = shared >= min_shared_m
    return left[walls], right[walls]


def wall_neighbour_candidates(dwellings_per_pand: pd.Series, area_m2: pd.Series, vbos_known: pd.Series, *,
                              annex_max_area_m2: float, heated_other_use: pd.Series | None = None) -> pd.Series:
    """Which panden count as a wall neighbour: the ones that hold a dwelling (or another heated building).

    A pand whose verblijfsobjecten are known counts when it holds at least one dwelling
    (woonfunctie), or — when ``heated_other_use`` says so — a non-residential object of a
    heated use (shop, office, school) on a footprint above ``annex_max_area_m2``. Sheds,
    garages and annexes (no verblijfsobject, or only unheated uses such as *overige
    gebruiksfunctie*) never count. Where the verblijfsobjecten are not known (a pand across
    the gemeente border when the BAG extract holds no objects there), a pand counts when its
    footprint exceeds ``annex_max_area_m2`` (m²). All Series share one index.
    """
    holds_dwelling = dwellings_per_pand.fillna(0).to_numpy() > 0
    large = area_m2.to_numpy() > annex_max_area_m2
    known = vbos_known.fillna(False).to_numpy().astype(bool)
    heated = np.zeros(len(large), dtype=bool) if heated_other_use is None else \
        heated_other_use.fillna(False).to_numpy().astype(bool)
    return pd.Series(np.where(known, holds_dwelling | (heated & large), large), index=dwellings_per_pand.index)


def classify_wall_groups(n_panden: int, left: np.ndarray, right: np.ndarray, dwellings: np.ndarray) -> np.ndarray:
    """Woningtype per pand from its shared walls (positions ``left``/``right``) and its dwellings.

    ``dwellings`` is the number of dwellings per pand. More than one dwelling → appartement.
    Else, in the graph of shared walls: no neighbour → vrijstaand; a connected group of
    exactly two panden that both hold a dwelling → twee_onder_een_kap; one neighbour
    otherwise (a longer row, or a house against a shop) → hoekwoning; two or more
    neighbours → tussenwoning.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    degree = np.bincount(np.concatenate([left, right]), minlength=n_panden)
    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(n_panden, n_panden))
    _, component = connected_components(graph, directed=False)
    group_size = np.bincount(component)[component]
    dwellings_in_group = np.bincount(component, weights=(dwellings > 0).astype(float))[component]
    pair = (group_size == 2) & (dwellings_in_group == 2)
    result = np.select(
        [dwellings > 1, degree == 0, pair, degree == 1],
        ["appartement", "vrijstaand", "twee_onder_een_kap", "hoekwoning"],
        default="tussenwoning",
    )
    return result.astype(object)


def woningtype_from_geometry(panden: gpd.GeoDataFrame, dwellings_per_pand: pd.Series, *, min_shared_m: float,
                             counts_as_neighbour: pd.Series | None = None) -> pd.Series:
    """Derive the woningtype of each pand from its footprint and its number of dwellings.

    Rules (shared/docs/data-formats.md): more than one dwelling → appartement; else look at
    the neighbouring panden it shares a wall with, among the panden that count as a
    neighbour (``counts_as_neighbour``; default: the panden with a dwelling, see
    :func:`wall_neighbour_candidates`): none → vrijstaand; a connected group of exactly two
    dwelling panden → twee_onder_een_kap; one neighbour otherwise → hoekwoning; two or more →
    tussenwoning.
    A pand that does not count as a neighbour has no dwelling and is not classified
    (it reads ``vrijstaand``; callers label it 'utiliteit').

    Parameters
    ----------
    panden
        Footprints (EPSG:28992), any index: the gemeente's panden *and* those in a buffer
        around it, so rows across the border keep their type.
    dwellings_per_pand
        Number of dwellings (woonfunctie verblijfsobjecten) per pand, aligned on ``panden.index``.
    min_shared_m
        Minimum shared wall length in metres.
    counts_as_neighbour
        Boolean per pand (aligned on ``panden.index``).
    """
    dwellings = dwellings_per_pand.reindex(panden.index).fillna(0).to_numpy()
    if counts_as_neighbour is None:
        counts_as_neighbour = pd.Series(dwellings > 0, index=panden.index)
    candidate = counts_as_neighbour.reindex(panden.index).fillna(False).to_numpy().astype(bool)
    left, right = shared_wall_pairs(panden, min_shared_m=min_shared_m)
    # only walls between two candidates form rows: a shed against a house is no neighbour
    both = candidate[left] & candidate[right]
    result = classify_wall_groups(len(panden), left[both], right[both], dwellings)
    return pd.Series(result, index=panden.index, dtype="string")


def agreement(truth: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """Share of rows where ``predicted`` equals ``truth`` (``overall``) and each family's recall.

    Rows where either side is missing are left out; ``n`` is the number compared and
    ``recall_<family>`` the share of that family's true rows predicted as it (NaN when
    the family does not occur).
    """
    both = truth.notna() & predicted.notna()
    truth, predicted = truth[both].astype(str), predicted[both].astype(str)
    result = {"n": float(len(truth)), "overall": float((truth == predicted).mean()) if len(truth) else float("nan")}
    for family in WONINGTYPES:
        rows = truth == family
        result[f"recall_{family}"] = float((predicted[rows] == family).mean()) if rows.any() else float("nan")
    return result
