"""Bodemenergie restrictions: which dwellings and clusters lie in a zone where drilling is limited."""
from __future__ import annotations

from typing import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

EFFECT_RANK = {"allowed": 0, "restricted": 1, "forbidden": 2}


EFFECT_DUTCH = {"allowed": "toegestaan", "restricted": "beperkt", "forbidden": "verboden"}


#: The inputs that can restrict drilling, and the value a dwelling gets when one of them is missing.
RESTRICTION_INPUTS = ("drinkwater", "archeologie")


NOT_CHECKED = "niet gecontroleerd"


def dwelling_restrictions(dwellings: gpd.GeoDataFrame, zones: gpd.GeoDataFrame,
                          unchecked: Iterable[str] = ()) -> pd.DataFrame:
    """The strictest zone effect per dwelling.

    Returns a frame indexed like ``dwellings`` with ``beperking`` (allowed / restricted /
    forbidden, or ``niet gecontroleerd``), ``max_boordiepte_m`` (the smallest depth limit, NaN if
    none), ``beperking_zones`` (the zone types, '; '-separated) and ``beperking_niet_gecontroleerd``
    (the restriction inputs that were missing, ', '-separated).

    ``unchecked`` names the restriction inputs (drinkwater, archeologie) that were not given: a
    dwelling in no zone is then ``niet gecontroleerd``, never ``allowed``; one inside a zone of the
    inputs that were given keeps that zone's effect (a known restriction stays known).
    """
    unchecked = [name for name in RESTRICTION_INPUTS if name in set(unchecked)]
    result = pd.DataFrame(index=dwellings.index)
    result["beperking"] = NOT_CHECKED if unchecked else "allowed"
    result["max_boordiepte_m"] = np.nan
    result["beperking_zones"] = pd.Series("", index=dwellings.index, dtype="string")
    result["beperking_niet_gecontroleerd"] = pd.Series(", ".join(unchecked), index=dwellings.index, dtype="string")
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
    affected = objects[objects["beperking"].isin(["restricted", "forbidden"])]
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


#: Drilling is ruled out for a cluster's shared loops, or an area's wells, when at least this share of its objects
#: lies where drilling is forbidden (the loops or wells would have to be drilled there).
FORBIDDEN_SHARE_MAX = 0.5


def wells_forbidden(members: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, available_inputs: set[str]) -> pd.Series:
    """Per area cluster id: at least :data:`FORBIDDEN_SHARE_MAX` of its objects lie where drilling is forbidden,
    so it cannot have the wells of an open WKO (drinking-water and archaeology zones, as for loops)."""
    unchecked = [name for name in RESTRICTION_INPUTS if name not in available_inputs]
    restricted = members[["gebied_cluster_id"]].join(dwelling_restrictions(members, zones, unchecked=unchecked))
    if restricted["gebied_cluster_id"].isna().all():
        return pd.Series(dtype=bool)
    return cluster_restrictions(restricted, "gebied_cluster_id")["aandeel_verboden"] >= FORBIDDEN_SHARE_MAX


#: The answers of ``straten.lus_toegestaan`` to "may we drill a shared loop here?" (seed 002).
LOOP_ALLOWED = ("ja", "beperkt", "nee", "niet gecontroleerd")


RESTRICTION_INPUTS = ("drinkwater", "archeologie")


MIN_PART_M = 1.0  # street pieces shorter than this (m) are slivers of a zone edge


def _zone_classes(zones: gpd.GeoDataFrame) -> list[tuple[str, float, str, object]]:
    """Zones that limit drilling, merged per (answer, depth limit, zone type), strictest first."""
    if zones.empty:
        return []
    limiting = zones[(zones["effect"] != "allowed") | zones["max_diepte_m"].notna()].copy()
    if limiting.empty:
        return []
    limiting["rank"] = limiting["effect"].map(EFFECT_RANK)
    limiting["depth"] = limiting["max_diepte_m"].astype(float).fillna(np.inf)
    classes = []
    for (rank, depth, soort, zone_type), part in limiting.groupby(["rank", "depth", "soort", "zone_type"], sort=False):
        answer = "nee" if rank == EFFECT_RANK["forbidden"] else "beperkt"
        limit = 0.0 if answer == "nee" else depth
        effect = "verboden" if answer == "nee" else "beperkt"
        text = f"{zone_type} ({soort}): boren {effect}" + ("" if np.isinf(limit) or answer == "nee"
                                                           else f", max. {limit:.0f} m")
        classes.append((rank, depth, answer, limit, text, part.geometry.union_all()))
    classes.sort(key=lambda c: (-c[0], c[1], c[4]))
    return [(answer, limit, text, geometry) for _, _, answer, limit, text, geometry in classes]


def _keep(pieces: np.ndarray) -> np.ndarray:
    """Non-empty pieces; lines shorter than :data:`MIN_PART_M` count as empty."""
    empty = shapely.is_empty(pieces) | pd.isna(pieces)
    lines = np.isin(shapely.get_type_id(pieces), [1, 2, 5]) & ~empty
    return ~empty & ~(lines & (shapely.length(pieces) < MIN_PART_M))


def street_drilling(streets: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, available_inputs: set[str], *,
                    planned: gpd.GeoDataFrame | None = None, systems: gpd.GeoDataFrame | None = None,
                    interference_distance_m: float = 100.0) -> gpd.GeoDataFrame:
    """Per street, split where restriction zones cut it: may a shared loop be drilled here?

    ``streets`` has ``straat_sleutel`` and a geometry. Returns one row per street part with
    ``deel`` (1, 2, … along the zones), ``lus_toegestaan`` (:data:`LOOP_ALLOWED`),
    ``max_boordiepte_m`` (0 where forbidden, the zone's limit where restricted, empty where
    no limit is known), ``lus_toelichting`` (the zones, or what was not checked),
    ``gepland_warmtenet`` (part touches a planned large heat network; empty when that input
    is missing) and ``bodemenergiesystemen_nabij`` (registered ground-energy systems within
    ``interference_distance_m``; empty when that input is missing).

    Without drinking-water and archaeology inputs every part is ``niet gecontroleerd``; with
    only one of them, parts outside its zones are ``niet gecontroleerd`` too (the other
    input could still forbid drilling there).
    """
    checked = [name for name in RESTRICTION_INPUTS if name in available_inputs]
    unchecked = [name for name in RESTRICTION_INPUTS if name not in available_inputs]
    keys = streets["straat_sleutel"].to_numpy()
    remaining = streets.geometry.to_numpy()
    parts = []
    for answer, limit, text, geometry in _zone_classes(zones) if checked else []:
        pieces = shapely.intersection(remaining, geometry)
        kept = _keep(pieces)
        parts.append(pd.DataFrame({"straat_sleutel": keys[kept], "geometry": pieces[kept], "lus_toegestaan": answer,
                                   "max_boordiepte_m": limit, "lus_toelichting": text}))
        remaining = shapely.difference(remaining, geometry)
    kept = _keep(remaining)
    if not checked:
        answer, text = "niet gecontroleerd", "geen invoer voor drinkwater en archeologie: niet gecontroleerd"
    elif unchecked:
        answer, text = "niet gecontroleerd", (f"geen beperking voor {' en '.join(checked)}; "
                                              f"{' en '.join(unchecked)} niet gecontroleerd")
    else:
        answer, text = "ja", "geen beperking voor drinkwater en archeologie"
    parts.append(pd.DataFrame({"straat_sleutel": keys[kept], "geometry": remaining[kept], "lus_toegestaan": answer,
                               "max_boordiepte_m": np.nan, "lus_toelichting": text}))
    result = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=streets.crs)
    if checked and unchecked:
        result["lus_toelichting"] = result["lus_toelichting"].where(
            result["lus_toegestaan"] == "niet gecontroleerd",
            result["lus_toelichting"] + f"; {' en '.join(unchecked)} niet gecontroleerd")
    result["max_boordiepte_m"] = result["max_boordiepte_m"].astype(float).replace(np.inf, np.nan)
    result = result.sort_values(["straat_sleutel", "lus_toegestaan", "lus_toelichting"], kind="stable")
    result["deel"] = result.groupby("straat_sleutel").cumcount() + 1
    result["gepland_warmtenet"] = pd.Series(pd.NA, index=result.index, dtype="boolean")
    if "warmtenet_gepland" in available_inputs:
        area = planned.union_all() if planned is not None and not planned.empty else None
        result["gepland_warmtenet"] = (result.geometry.intersects(area) if area is not None
                                       else pd.Series(False, index=result.index)).astype("boolean")
    result["bodemenergiesystemen_nabij"] = pd.Series(pd.NA, index=result.index, dtype="Int64")
    if "bodemenergiesystemen" in available_inputs:
        counts = pd.Series(0, index=result.index, dtype="Int64")
        if systems is not None and not systems.empty:
            near, _ = systems.sindex.query(result.geometry.values, predicate="dwithin",
                                           distance=interference_distance_m)
            found = pd.Series(near).value_counts()
            counts.iloc[found.index.to_numpy()] = found.to_numpy()
        result["bodemenergiesystemen_nabij"] = counts
    columns = ["straat_sleutel", "deel", "lus_toegestaan", "max_boordiepte_m", "lus_toelichting", "gepland_warmtenet",
               "bodemenergiesystemen_nabij", "geometry"]
    return result[columns].reset_index(drop=True)
