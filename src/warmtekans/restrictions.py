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
    unique_names = (hits[["zone_type"]].astype(str).reset_index(names="_object")
                    .drop_duplicates().sort_values(["_object", "zone_type"]))
    names = unique_names.groupby("_object")["zone_type"].agg("; ".join)
    result.loc[names.index, "beperking_zones"] = names.astype("string")
    return result


def cluster_restrictions(members: pd.DataFrame, cluster_column: str) -> pd.DataFrame:
    """Share of each cluster's objects in forbidden and restricted zones, the depth limit and a reason text."""
    objects = members.dropna(subset=[cluster_column])
    clusters = objects[cluster_column]
    frame = pd.DataFrame({
        "aandeel_verboden": (objects["beperking"] == "forbidden").groupby(clusters).mean(),
        "aandeel_beperkt": (objects["beperking"] == "restricted").groupby(clusters).mean(),
        "max_boordiepte_m": objects["max_boordiepte_m"].groupby(clusters).min(),
    })
    frame["beperking_reden"] = "geen beperkingen"
    affected = objects[objects["beperking"] != "allowed"]
    if not affected.empty:
        sizes = clusters.value_counts()
        parts = (affected.groupby([cluster_column, "beperking_zones", "beperking"]).size().rename("n").reset_index())
        parts["text"] = [f"{n} van {sizes[c]} woningen in {zones} (boren {EFFECT_DUTCH[effect]})"
                         for c, zones, effect, n in parts[[cluster_column, "beperking_zones", "beperking", "n"]]
                         .itertuples(index=False)]
        reasons = parts.groupby(cluster_column)["text"].agg("; ".join)
        depth = frame.loc[reasons.index, "max_boordiepte_m"]
        reasons = reasons + depth.map(lambda d: "" if np.isnan(d) else f"; boordiepte max. {d:.0f} m")
        frame.loc[reasons.index, "beperking_reden"] = reasons
    return frame
