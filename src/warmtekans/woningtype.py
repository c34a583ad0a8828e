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
    return gebouwtype.map(lambda v: _EP_GEBOUWTYPE.get(_normalise(v)) if isinstance(v, str) else None).astype("string")


def shared_wall_neighbours(panden: gpd.GeoDataFrame, *, min_shared_m: float) -> pd.Series:
    """For each pand, the positions of the panden it shares a wall with.

    Two footprints share a wall when their boundaries run together over at least
    ``min_shared_m`` metres (touching footprints, with 0.1 m tolerance for digitising
    gaps). Uses a spatial index, so the cost grows with the number of touching pairs,
    not with all pairs.

    Returns a Series (index as ``panden``) of lists of positional indices.
    """
    geoms = panden.geometry.values
    tolerance = 0.1
    left, right = panden.sindex.query(panden.geometry.buffer(tolerance).values, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    neighbours: list[list[int]] = [[] for _ in range(len(panden))]
    if len(left):
        boundaries = gpd.GeoSeries(geoms[left], crs=panden.crs).boundary.values
        others = gpd.GeoSeries(geoms[right], crs=panden.crs).buffer(tolerance).values
        shared = gpd.GeoSeries(boundaries, crs=panden.crs).intersection(gpd.GeoSeries(others, crs=panden.crs)).length.values
        for a, b, length in zip(left, right, shared):
            if length >= min_shared_m:
                neighbours[a].append(int(b))
                neighbours[b].append(int(a))
    return pd.Series(neighbours, index=panden.index)


def woningtype_from_geometry(panden: gpd.GeoDataFrame, dwellings_per_pand: pd.Series, *, min_shared_m: float) -> pd.Series:
    """Derive the woningtype of each pand from its footprint and its number of dwellings.

    Rules (shared/docs/data-formats.md): more than one dwelling → appartement; else count
    the neighbouring panden it shares a wall with: none → vrijstaand; one whose only
    shared wall is with this pand → twee_onder_een_kap; one otherwise → hoekwoning; two
    or more → tussenwoning.

    Parameters
    ----------
    panden
        Footprints (EPSG:28992), any index.
    dwellings_per_pand
        Number of dwellings per pand, aligned on ``panden.index``.
    min_shared_m
        Minimum shared wall length in metres.
    """
    neighbours = shared_wall_neighbours(panden, min_shared_m=min_shared_m)
    counts = neighbours.map(len).to_numpy()
    result = np.where(counts == 0, "vrijstaand", np.where(counts >= 2, "tussenwoning", "hoekwoning")).astype(object)
    single = np.flatnonzero(counts == 1)
    for position in single:
        only = neighbours.iloc[position][0]
        if counts[only] == 1:
            result[position] = "twee_onder_een_kap"
    many = dwellings_per_pand.reindex(panden.index).fillna(0).to_numpy() > 1
    result = np.where(many, "appartement", result)
    return pd.Series(result, index=panden.index, dtype="string")
