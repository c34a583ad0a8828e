"""Assess candidate clusters: restrictions, loop sizing, sewer heat, scores, recommendation and reason."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.config.areas import SOURCE_INPUTS
from warmtekans.config.method import MethodSettings
from warmtekans.core.vocabulary import (
    BUITENLUCHT,
    ONBEKEND,
    RIOOL_DIRECT,
    WARMTENET_GEPLAND,
    WKO_UNSUITABLE,
    source_name,
)
from warmtekans.decision.advice import cost_advice, cost_reason
from warmtekans.decision.options import (
    AREA_OPTIONS,
    INDIVIDUEEL,
    NO_OPTION,
    OPTIONS,
    SHARED_SOURCE_OPTIONS,
)
from warmtekans.decision.scoring import score
from warmtekans.model.clusters import LEVEL_BUILDING
from warmtekans.model.geometry import usable_frontage_m
from warmtekans.model.loops import (
    borehole_metres,
    boreholes_fit,
    size_loops_per_cluster,
)
from warmtekans.model.restrictions import (
    RESTRICTION_INPUTS,
    cluster_restrictions,
    dwelling_restrictions,
)
from warmtekans.model.scales import SCALE_LARGE, SCALE_MINI, SCALE_SMALL, wcw_regime
from warmtekans.model.sewer import best_segment_within
from warmtekans.model.woningtype import WONINGTYPE_PLURAL

LABEL_LETTERS = "ABCDEFG"


def mini_frontage(clusters: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """Per mini cluster id its frontage (``gevellengte_m``, m) and the part of it outside zones that forbid
    drilling (``gevellengte_bruikbaar_m``, :func:`~warmtekans.model.geometry.usable_frontage_m`)."""
    mini = clusters[clusters["schaal"] == SCALE_MINI]
    if mini.empty:
        return pd.DataFrame({"gevellengte_m": pd.Series(dtype=float),
                             "gevellengte_bruikbaar_m": pd.Series(dtype=float)})
    forbidden = zones[zones["effect"] == "forbidden"] if zones is not None and "effect" in zones else None
    return pd.DataFrame({"gevellengte_m": usable_frontage_m(mini.geometry, None),
                         "gevellengte_bruikbaar_m": usable_frontage_m(mini.geometry, forbidden)})


def assess(
    members: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    sewer_segments: gpd.GeoDataFrame,
    config: MethodSettings,
    available_inputs: set[str],
    *,
    planned: gpd.GeoDataFrame | None = None,
    systems: gpd.GeoDataFrame | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Score every cluster and recommend a configuration per cluster and per dwelling.

    Returns the dwellings (with restriction, chosen cluster and ``aanbevolen``) and the
    clusters (with loop sizing, restriction shares, sewer potential, ``c_*`` components,
    ``score``, ``configuratie``, ``wcw_regime`` and ``reden``).
    """
    members = members.copy()
    unchecked = [name for name in RESTRICTION_INPUTS if name not in available_inputs]
    restrictions = dwelling_restrictions(members, zones, unchecked=unchecked)
    members[list(restrictions.columns)] = restrictions
    members = members.join(dwelling_borehole_metres(members, config))
    clusters = clusters.copy().set_index("cluster_id", drop=False)
    if clusters.empty:
        dwelling_costs, _ = cost_advice(members, clusters, config)
        return _recommend_dwellings(members, clusters, dwelling_costs), clusters.reset_index(drop=True)

    restrictions = pd.concat([cluster_restrictions(members, "mini_cluster_id"),
                              cluster_restrictions(members, "gebied_cluster_id")])
    clusters = clusters.join(restrictions)

    loops, members["lusgroep"] = size_all_loops(members, clusters, config)
    clusters = clusters.join(loops)
    clusters = clusters.join(borehole_room(clusters, config, mini_frontage(clusters, zones)))
    sewer = best_segment_within(clusters, sewer_segments, config.sewer.max_distance_m, config.sewer.base_load_share)
    clusters = clusters.join(sewer)
    clusters = clusters.join(context_flags(members, clusters, planned, systems, config.loops.interference_distance_m))
    dwelling_costs, cluster_costs = cost_advice(members, clusters, config)
    clusters = clusters.join(cluster_costs.drop(columns=[c for c in cluster_costs.columns if c in clusters.columns]))

    scored = []
    for scale, settings in ((SCALE_MINI, config.scoring.mini), (SCALE_SMALL, config.scoring.kleinschalig),
                            (SCALE_LARGE, config.scoring.grootschalig)):
        subset = clusters[clusters["schaal"] == scale]
        if not subset.empty:
            scored.append(score(subset, settings, available_inputs, config.scoring.missing_input))
    scores = pd.concat(scored)
    clusters = clusters.join(scores)
    clusters["wcw_regime"] = cluster_wcw_regime(clusters, config)
    clusters["reden"] = [_reason(row, available_inputs) for row in clusters.itertuples()]
    members = _recommend_dwellings(members, clusters, dwelling_costs)
    return members, clusters.reset_index(drop=True)


def dwelling_borehole_metres(members: pd.DataFrame, config: MethodSettings) -> pd.DataFrame:
    """Borehole metres per dwelling (:func:`~warmtekans.model.loops.borehole_metres`); NaN for non-residential
    objects."""
    columns = ["boormeters_energie_m", "boormeters_piek_m", "boormeters_m"]
    dwellings = members[members["objecttype"] == "woning"] if "objecttype" in members else members
    if dwellings.empty:
        return pd.DataFrame(np.nan, index=members.index, columns=columns)
    return borehole_metres(dwellings, config.loops).reindex(members.index)


def position_along_row(members: gpd.GeoDataFrame, key: pd.Series) -> pd.Series:
    """Position of each object along its cluster (m): x when the cluster is wider than tall, else y."""
    x, y = members.geometry.x, members.geometry.y
    wide = (x.groupby(key).transform("max") - x.groupby(key).transform("min")) >= (
        y.groupby(key).transform("max") - y.groupby(key).transform("min")
    )
    return pd.Series(np.where(wide, x, y), index=members.index)


LOOP_COLUMNS = ["boormeters", "lusdiepte_m", "bodemlussen", "woningen_per_lus", "lusbelasting_max"]


def size_all_loops(
    members: gpd.GeoDataFrame, clusters: pd.DataFrame, config: MethodSettings
) -> tuple[pd.DataFrame, pd.Series]:
    """Loop sizing of every mini cluster (:func:`~warmtekans.model.loops.size_loops_per_cluster`).

    Returns the per-cluster figures and each object's ``lusgroep`` (NA outside mini clusters).
    """
    groups = pd.Series(pd.NA, index=members.index, dtype="Int64")
    mini = members.dropna(subset=["mini_cluster_id", "boormeters_m"])
    if "schaal" in clusters:  # loops for mini rows and buildings; a building above 50 WEQ has none
        mini = mini[mini["mini_cluster_id"].map(clusters["schaal"]).eq(SCALE_MINI).fillna(False).to_numpy()]
    if mini.empty:
        return pd.DataFrame(columns=LOOP_COLUMNS, dtype="float64"), groups
    along = position_along_row(mini, mini["mini_cluster_id"])
    per_cluster, mini_groups = size_loops_per_cluster(
        mini["boormeters_m"], mini["mini_cluster_id"], along, clusters["max_boordiepte_m"], config.loops
    )
    groups.loc[mini_groups.index] = mini_groups
    return per_cluster, groups


def borehole_room(clusters: gpd.GeoDataFrame, config: MethodSettings, frontage: pd.DataFrame) -> pd.DataFrame:
    """Frontage of each mini cluster, the part of it where drilling is allowed, and whether its boreholes fit
    along that part (``boringen_passen``). ``frontage`` is :func:`mini_frontage`."""
    room = pd.DataFrame(index=clusters.index)
    room["gevellengte_m"] = np.nan
    room["gevellengte_bruikbaar_m"] = np.nan
    room["boringen_passen"] = pd.Series(pd.NA, index=clusters.index, dtype="boolean")
    mini = clusters[clusters["schaal"] == SCALE_MINI]
    if mini.empty:
        return room
    frontage = frontage.reindex(mini.index)
    room.loc[mini.index, "gevellengte_m"] = frontage["gevellengte_m"]
    room.loc[mini.index, "gevellengte_bruikbaar_m"] = frontage["gevellengte_bruikbaar_m"]
    room.loc[mini.index, "boringen_passen"] = boreholes_fit(
        mini["bodemlussen"], frontage["gevellengte_bruikbaar_m"], config.loops.borehole_spacing_m
    ).to_numpy()
    return room


def cluster_wcw_regime(clusters: pd.DataFrame, config: MethodSettings) -> pd.Series:
    """Wcw regime of each cluster's advice: by connections where a collective option is advised [S0] (a building's
    collective heat pump included), not applicable where every dwelling keeps its own choice.

    Seed 001: the Wcw does not apply to shared loops where each dwelling has its own heat pump;
    ``clusters.wcw_shared_loops: per aansluiting`` takes the stricter reading (by connections) for those too.
    """
    regime = pd.Series(
        wcw_regime(clusters["n_woningen"] + clusters["n_utiliteit"]), index=clusters.index, dtype="string"
    )
    collective = (
        clusters["collectief_gekozen"].fillna(False).astype(bool)
        if "collectief_gekozen" in clusters
        else pd.Series(False, index=clusters.index)
    )
    regime[~collective] = "niet van toepassing (individuele keuze)"
    if config.clusters.wcw_shared_loops == "niet van toepassing":
        shared = collective & clusters["goedkoopste"].isin(SHARED_SOURCE_OPTIONS).fillna(False)
        regime[shared] = "niet van toepassing (gedeelde bodemlus, eigen warmtepomp)"
    return regime


def context_flags(
    members: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame,
    planned: gpd.GeoDataFrame | None,
    systems: gpd.GeoDataFrame | None,
    interference_distance_m: float,
) -> pd.DataFrame:
    """Share of each cluster inside a planned large heat network, and nearby ground-energy systems.

    Municipalities must be able to tell residents whether a large network is planned where a
    mini network is considered (seed 002); existing ground-energy systems nearby must be checked
    for interference (seed 003).
    """
    flags = pd.DataFrame(index=clusters.index)
    flags["aandeel_in_gepland_warmtenet"] = 0.0
    flags["bodemenergiesystemen_nabij"] = 0
    if planned is not None and not planned.empty:
        inside = members.geometry.within(planned.union_all())
        for column in ("mini_cluster_id", "gebied_cluster_id"):
            share = inside.groupby(members[column]).mean()
            flags.loc[share.index.intersection(flags.index), "aandeel_in_gepland_warmtenet"] = share
    if systems is not None and not systems.empty:
        left, _ = systems.sindex.query(clusters.geometry.values, predicate="dwithin", distance=interference_distance_m)
        counts = pd.Series(left).value_counts()
        flags.iloc[counts.index.to_numpy(), flags.columns.get_loc("bodemenergiesystemen_nabij")] = counts.to_numpy()
    return flags


def _label_letter(index: float) -> str:
    if np.isnan(index):
        return "onbekend"
    return LABEL_LETTERS[int(np.clip(round(index), 1, 7)) - 1]


def _type_summary(row) -> str:
    parts = []
    for kind in ("tussenwoning", "hoekwoning", "twee_onder_een_kap", "vrijstaand", "appartement"):
        count = getattr(row, f"n_{kind}")
        if count:
            parts.append(f"{count} {WONINGTYPE_PLURAL[kind] if count > 1 else kind.replace('_', '-')}")
    return ", ".join(parts)


def _reason(row, available_inputs: set[str]) -> str:
    """A short Dutch explanation, e.g. '18 woningen (12 tussenwoningen, 6 hoekwoningen) aan Lindeweg, …'."""
    where = f" aan {row.straat}" if isinstance(row.straat, str) and row.schaal == SCALE_MINI else ""
    utility = f" en {row.n_utiliteit} utiliteitsgebouw{'en' if row.n_utiliteit != 1 else ''}" if row.n_utiliteit else ""
    parts = [f"{row.n_woningen} woningen ({_type_summary(row)}){utility}{where}"]
    label = f"gemiddeld label {_label_letter(row.gemiddeld_label_index)}"
    if row.aandeel_label_geschat > 0:
        label += f" ({row.aandeel_label_geschat:.0%} geschat)"
    parts.append(label)
    parts.append(f"warmtedichtheid {row.warmtedichtheid_gj_m:.1f} GJ/m".replace(".", ","))
    if row.schaal == SCALE_MINI and np.isnan(row.bodemlussen):
        parts.append(f"boordiepte max. {row.lusdiepte_m:.0f} m: te ondiep voor een gedeelde bodemlus")
    elif row.schaal == SCALE_MINI:
        parts.append(
            f"{row.bodemlussen:.0f} bodemlus{'sen' if row.bodemlussen != 1 else ''} van "
            f"{row.lusdiepte_m:.0f} m nodig ({row.woningen_per_lus:.1f} woningen per lus)".replace(".", ",")
        )
        if not bool(row.boringen_passen):
            parts.append(f"{row.bodemlussen:.0f} boringen passen niet langs {row.gevellengte_bruikbaar_m:.0f} m "
                         "gevel buiten verboden zones")
    unchecked = [name for name in RESTRICTION_INPUTS if name not in available_inputs]
    if len(unchecked) < len(RESTRICTION_INPUTS):
        parts.append(row.beperking_reden)
    if len(unchecked) == len(RESTRICTION_INPUTS):
        parts.append("beperkingen niet gecontroleerd (geen invoer)")
    elif unchecked:
        parts.append(f"{' en '.join(unchecked)} niet gecontroleerd (geen invoer)")
    if row.schaal == SCALE_MINI and row.bodemenergiesystemen_nabij:
        many = row.bodemenergiesystemen_nabij > 1
        parts.append(
            f"{row.bodemenergiesystemen_nabij} bestaand{'e' if many else ''} "
            f"bodemenergiesystee{'men' if many else 'm'} in de buurt: interferentie controleren"
        )
    if row.schaal == SCALE_MINI and row.aandeel_in_gepland_warmtenet > 0:
        parts.append("let op: hier is een grootschalig warmtenet gepland")
    if getattr(row, "niveau", None) == LEVEL_BUILDING:
        parts.append("gebouw boven 50 WEQ: kleinschalig; collectief met een luchtwarmtepomp voor het hele gebouw")
    elif row.schaal != SCALE_MINI:
        parts.append(_source_reason(row, available_inputs))
    parts.append(cost_reason(row))
    score_text = f"score {row.score:.0f}"
    if row.score_onvolledig:
        score_text += f" (onvolledig: {row.criteria_onbekend} niet gecontroleerd)"
    parts.append(score_text)
    return ", ".join(parts)


def _source_reason(row, available_inputs: set[str]) -> str:
    """Which heat source an area uses and how much of its demand it covers, or why it has none."""
    text = _named_source_reason(row, available_inputs)
    if bool(getattr(row, "putten_verboden", False) is True):
        text += "; geen open WKO, riothermie met WKO of TEO: boren verboden onder de helft van het gebied of meer"
    return text


def _named_source_reason(row, available_inputs: set[str]) -> str:
    source, key = getattr(row, "warmtebron", None), getattr(row, "warmtebron_sleutel", None)
    if pd.isna(key) or key == ONBEKEND:
        air = f"bron: {source_name(BUITENLUCHT)}"
        missing = [name for name in SOURCE_INPUTS if name not in available_inputs]
        if len(missing) == len(SOURCE_INPUTS):
            return f"{air}; geen invoer over andere warmtebronnen (niet gecontroleerd: {', '.join(missing)})"
        text = f"{air}; geen andere bron binnen bereik die de helft van de vraag dekt"
        if missing:
            text += f" (niet gecontroleerd: {', '.join(missing)})"
        return text
    share = f"{row.bron_dekking:.0%}".replace(".", ",") if not pd.isna(row.bron_dekking) else "?"
    distance = row.warmtebron_afstand_m
    where = f" op {distance:.0f} m" if distance and not pd.isna(distance) else ""
    text = f"bron: {source} ({row.warmtebron_id}){where}, dekt {share} van de vraag"
    if not pd.isna(row.bron_dekking) and row.bron_dekking < 1 and key != WARMTENET_GEPLAND:
        text += "; de rest uit een collectieve luchtwarmtepomp (bijstook)"
    if key == RIOOL_DIRECT and getattr(row, "wko_bodem", None) != WKO_UNSUITABLE:
        text += "; WKO-geschiktheid niet gecontroleerd, dus zonder WKO-buffer"
    return text


def _recommend_dwellings(
    members: gpd.GeoDataFrame, clusters: pd.DataFrame, dwelling_costs: pd.DataFrame
) -> gpd.GeoDataFrame:
    """Per dwelling the cheapest feasible configuration (:func:`warmtekans.decision.advice.cost_advice`) with its costs.

    Non-residential objects are not costed: they follow their area cluster when that is advised
    an area network, else ``individueel``. The scores of both clusters stay for information.
    """
    scores = clusters["score"] if not clusters.empty else pd.Series(dtype="float64")
    members["mini_score"] = members["mini_cluster_id"].map(scores).astype("float64")
    members["gebied_score"] = members["gebied_cluster_id"].map(scores).astype("float64")
    members = members.join(dwelling_costs)
    utility = (members["objecttype"] != "woning") if "objecttype" in members else members["aanbevolen"].isna()
    stuck = ~utility & members["aanbevolen"].isna()
    members.loc[stuck, "aanbevolen"] = NO_OPTION  # no individual option fits and its cluster took no shared one
    members.loc[stuck, "aanbevolen_schaal"] = OPTIONS[INDIVIDUEEL].scale
    if utility.any():
        area_choice = (
            members["gebied_cluster_id"].map(clusters["goedkoopste"])
            if "goedkoopste" in clusters
            else pd.Series(pd.NA, index=members.index)
        )
        taken = (
            members["gebied_cluster_id"].map(clusters["collectief_gekozen"]).fillna(False).astype(bool)
            if "collectief_gekozen" in clusters
            else pd.Series(False, index=members.index)
        )
        joins = utility & area_choice.isin(AREA_OPTIONS).fillna(False) & taken
        members.loc[joins, "gekozen_cluster"] = members.loc[joins, "gebied_cluster_id"]
        members.loc[joins, "aanbevolen"] = members.loc[joins, "gebied_cluster_id"].map(clusters["configuratie"])
        members.loc[joins, "aanbevolen_schaal"] = members.loc[joins, "gebied_cluster_id"].map(clusters["schaal"])
        members.loc[utility & ~joins, "aanbevolen"] = OPTIONS[INDIVIDUEEL].name
        members.loc[utility & ~joins, "aanbevolen_schaal"] = OPTIONS[INDIVIDUEEL].scale
    for column in ("aanbevolen", "aanbevolen_optie", "aanbevolen_schaal", "gekozen_cluster", "goedkoopste"):
        members[column] = members[column].astype("string")
    return members
