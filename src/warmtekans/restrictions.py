"""Bodemenergie restrictions: which dwellings and clusters lie in a zone where drilling is limited."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

EFFECT_RANK = {"allowed": 0, "restricted": 1, "forbidden": 2}
EFFECT_DUTCH = {"allowed": "toegestaan", "restricted": "beperkt", "forbidden": "verboden"}


def dwelling_restrictions(dwellings: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """The strictest zone effect per dwelling.

    Returns a frame indexed like ``dwellings`` with ``beperking`` (allowed / restricted /
    forbidden), ``max_boordiepte_m`` (the smallest depth limit, NaN if none) and
    ``beperking_zones`` (the zone types, '; '-separated).
    """
    result = pd.DataFrame(index=dwellings.index)
    result["beperking"] = "allowed"
    result["max_boordiepte_m"] = np.nan
    result["beperking_zones"] = pd.Series("", index=dwellings.index, dtype="string")
    if zones.empty or dwellings.empty:
        return result
    relevant = zones[zones["effect"] != "allowed"]
    hits = gpd.sjoin(dwellings[["geometry"]], relevant, how="inner", predicate="within")
    if hits.empty:
        return result
    hits["rank"] = hits["effect"].map(EFFECT_RANK)
    grouped = hits.groupby(level=0)
    strictest = grouped["rank"].max()
    rank_to_effect = {v: k for k, v in EFFECT_RANK.items()}
    result.loc[strictest.index, "beperking"] = strictest.map(rank_to_effect)
    result.loc[strictest.index, "max_boordiepte_m"] = grouped["max_diepte_m"].min()
    names = grouped.apply(lambda g: "; ".join(sorted(set(g["zone_type"].astype(str)))), include_groups=False)
    result.loc[names.index, "beperking_zones"] = names.astype("string")
    return result


def cluster_restrictions(members: pd.DataFrame, cluster_column: str) -> pd.DataFrame:
    """Share of each cluster's dwellings in forbidden and restricted zones, the depth limit and a reason text."""
    grouped = members.dropna(subset=[cluster_column]).groupby(cluster_column)
    frame = pd.DataFrame(
        {
            "aandeel_verboden": grouped["beperking"].apply(lambda s: (s == "forbidden").mean()),
            "aandeel_beperkt": grouped["beperking"].apply(lambda s: (s == "restricted").mean()),
            "max_boordiepte_m": grouped["max_boordiepte_m"].min(),
        }
    )
    frame["beperking_reden"] = grouped.apply(_reason, include_groups=False)
    return frame


def _reason(group: pd.DataFrame) -> str:
    affected = group[group["beperking"] != "allowed"]
    if affected.empty:
        return "geen beperkingen"
    parts = []
    for zones, sub in affected.groupby("beperking_zones"):
        effect = EFFECT_DUTCH[sub["beperking"].iloc[0]]
        parts.append(f"{len(sub)} van {len(group)} woningen in {zones} (boren {effect})")
    depth = group["max_boordiepte_m"].min()
    if not np.isnan(depth):
        parts.append(f"boordiepte max. {depth:.0f} m")
    return "; ".join(parts)
