"""The advice: one decision per dwelling, building, mini cluster and area, from costs (docs/method.md §8).

Three levels, each on the cost view that decides it (``costs.dwelling_view``, default the resident's;
``costs.area_view``, default the national costs, as the Leidraad and the Startanalyse decide area strategies):

1. **Individual.** Each dwelling's cheapest feasible individual option (air heat pump, own ground loop; the
   hybrid heat pump only with ``costs.allow_hybrid``). Dwellings in one building decide together: each option's
   building average, feasible only when feasible for all of them.
2. **Mini cluster** (a row, or an apartment building of 2–50 WEQ). A shared option (gedeelde bodemlus, ring,
   collective air heat pump) is costed as the whole cluster taking it; it is advised to all members when its
   mean cost is below the mean of the members' own choices of step 1. Otherwise every member keeps its own.
3. **Area** (kleinschalig or grootschalig). The area network (on its named source, or on outside air) is advised
   to all members when its mean cost, in the area view, is below the mean cost of what they chose in steps 1–2.

Feasible (:func:`feasibility`): air heat pump where the outdoor unit fits (``buitenunit`` not ``nee``); own
ground loop for a ground-bound dwelling whose own borehole fits, outside forbidden zones and within the depth
limit; shared loops for mini clusters whose loops fit (and a gedeelde bodemlus only while each loop is shared
by at most ``clusters.shared_loop_max_dwellings``); the collective air heat pump for every mini cluster; the
kleinschalig network for every kleinschalig area (its named LT source, else outside air); the large network for
grootschalig areas and for areas inside a planned network. The CV boiler is the reference, never advised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from warmtekans.config.method import MethodSettings
from warmtekans.core.vocabulary import BUITENLUCHT, NETWORK_SOURCES, WARMTENET_GEPLAND
from warmtekans.decision.kentallen import CostKentallen, load_cost_kentallen
from warmtekans.decision.ledger import CostView, view_from_settings
from warmtekans.decision.option_costs import cheapest, costing_inputs, option_costs
from warmtekans.decision.options import (
    AREA_OPTIONS,
    BODEM,
    CHOICES,
    COLL_LUCHT,
    COLLECTIVE,
    COSTED,
    CV,
    GEDEELD,
    GROOT,
    HYBRIDE,
    KLEIN,
    LUCHT,
    MINI_OPTIONS,
    NO_DWELLINGS,
    RINGNET,
    SCALE_OF,
    display_name,
    needs_low_temperature,
    short_name,
)
from warmtekans.decision.sensitivity import stability
from warmtekans.decision.verdict import cluster_verdict, dwelling_second_best
from warmtekans.model.clusters import LEVEL_BUILDING
from warmtekans.model.restrictions import FORBIDDEN_SHARE_MAX
from warmtekans.model.scales import SCALE_LARGE, SCALE_MINI, SCALE_SMALL

VIEWS = ("eindgebruiker", "nationaal")


def euros(value: float) -> str:
    """'€1 780' (whole euros, space as thousands separator)."""
    return "€" + f"{value:,.0f}".replace(",", " ")


def named_sources(clusters: pd.DataFrame) -> pd.Series:
    """The LT source a bronnet is costed on per cluster (a key of
    :data:`~warmtekans.core.vocabulary.NETWORK_SOURCES`), NA where the area analysis named none that can feed one
    (bron onbekend, a planned large network, mini clusters): those areas are costed on outside air."""
    keys = clusters["warmtebron_sleutel"] if "warmtebron_sleutel" in clusters else \
        pd.Series(pd.NA, index=clusters.index, dtype="string")
    return keys.astype("string").where(keys.isin(NETWORK_SOURCES).fillna(False).astype(bool))


def _cluster_flag(members: pd.DataFrame, clusters: pd.DataFrame, column: str, field: str, default) -> pd.Series:
    if field not in clusters or column not in members:
        return pd.Series(default, index=members.index)
    return members[column].map(clusters[field])


def in_planned_network(members: pd.DataFrame, clusters: pd.DataFrame, planned_share: float) -> pd.Series:
    """Members of an area at least ``planned_share`` inside a planned large network (or named after it)."""
    planned = _cluster_flag(members, clusters, "gebied_cluster_id", "aandeel_in_gepland_warmtenet", 0.0).astype(float)
    inside = planned.fillna(0) >= planned_share
    if "warmtebron_sleutel" in clusters and "gebied_cluster_id" in members:
        inside = inside | (
            members["gebied_cluster_id"].map(clusters["warmtebron_sleutel"]) == WARMTENET_GEPLAND
        ).fillna(False)
    return inside.astype(bool)


def feasibility(
    members: pd.DataFrame, clusters: pd.DataFrame, metres: pd.Series, config: MethodSettings
) -> pd.DataFrame:
    """Which options each dwelling may have (booleans per :data:`~warmtekans.decision.options.COSTED`; see the
    module docstring). The CV boiler and the hybrid heat pump are costed but only the hybrid can be advised,
    and only with ``costs.allow_hybrid``."""
    index = members.index
    result = pd.DataFrame(False, index=index, columns=list(COSTED))
    unit = (
        members["buitenunit"].astype("string")
        if "buitenunit" in members
        else pd.Series(pd.NA, index=index, dtype="string")
    )
    result[LUCHT] = (unit != "nee").fillna(True).to_numpy()
    result[HYBRIDE] = config.costs.allow_hybrid & result[LUCHT]
    forbidden = members.get("beperking", pd.Series("", index=index)).astype("string").eq("forbidden").fillna(False)
    depth = members.get("max_boordiepte_m", pd.Series(np.nan, index=index)).astype(float)
    ground_bound = (members.get("woningtype", pd.Series("", index=index)).astype("string") != "appartement").fillna(
        True
    )
    own_fits = (
        members["eigen_boring_past"].astype("boolean").fillna(True).astype(bool)
        if "eigen_boring_past" in members
        else pd.Series(True, index=index)
    )
    result[BODEM] = (ground_bound & ~forbidden & ~(depth < metres) & own_fits).to_numpy()

    in_mini = members["mini_cluster_id"].notna() if "mini_cluster_id" in members else pd.Series(False, index=index)
    loops = _cluster_flag(members, clusters, "mini_cluster_id", "bodemlussen", np.nan).astype(float)
    share_forbidden = _cluster_flag(members, clusters, "mini_cluster_id", "aandeel_verboden", 0.0).astype(float)
    fits = _cluster_flag(members, clusters, "mini_cluster_id", "boringen_passen", True).astype("boolean").fillna(True)
    loops_ok = in_mini & (loops >= 1) & (share_forbidden.fillna(0) < FORBIDDEN_SHARE_MAX) & fits.astype(bool)
    per_loop = _cluster_flag(members, clusters, "mini_cluster_id", "woningen_per_lus", np.nan).astype(float)
    result[GEDEELD] = (loops_ok & (per_loop.fillna(np.inf) <= config.clusters.shared_loop_max_dwellings)).to_numpy()
    result[RINGNET] = loops_ok.to_numpy()
    result[COLL_LUCHT] = in_mini.to_numpy()

    area = members["gebied_cluster_id"] if "gebied_cluster_id" in members else pd.Series(pd.NA, index=index)
    scale = area.map(clusters["schaal"]) if "schaal" in clusters else pd.Series(pd.NA, index=index)
    planned = in_planned_network(members, clusters, config.sources.min_share_in_network)
    result[KLEIN] = (scale == SCALE_SMALL).fillna(False).to_numpy()
    result[GROOT] = ((scale == SCALE_LARGE) | ((scale == SCALE_SMALL) & planned)).fillna(False).to_numpy()
    return result


def _cluster_inputs(clusters: pd.DataFrame, config: MethodSettings) -> pd.DataFrame:
    """The clusters with ``straat_m`` (trench without the house connections) and ``bouwwerk`` (one building)."""
    clusters = clusters.copy()
    if {"tracelengte_m", "n_panden"} <= set(clusters.columns):
        clusters["straat_m"] = (
            clusters["tracelengte_m"] - config.clusters.connection_length_m * clusters["n_panden"]
        ).clip(lower=0)
    if {"n_panden", "n_appartement", "n_woningen"} <= set(clusters.columns):
        clusters["bouwwerk"] = (
            (clusters["n_panden"] == 1)
            & (clusters["n_appartement"] == clusters["n_woningen"])
            & (clusters["niveau"].isin([SCALE_MINI, LEVEL_BUILDING]) if "niveau" in clusters else True)
        )
    return clusters


@dataclass(frozen=True)
class CostTables:
    """Everything the decision is taken on: the kentallen, the dwellings with their costing inputs, the clusters
    (``prepared``: with street length and building flag; ``original`` as given), both views, every option's costs
    with their terms per view, the feasibility and the rounded totals per view (dwellings × options)."""

    k: CostKentallen
    inputs: pd.DataFrame
    prepared: pd.DataFrame
    original: pd.DataFrame
    views: dict[str, CostView]
    options: dict[str, dict[str, pd.DataFrame]]
    allowed: pd.DataFrame
    totals: dict[str, pd.DataFrame]


def cost_tables(members: pd.DataFrame, clusters: pd.DataFrame, config: MethodSettings) -> CostTables:
    """Every option costed for every dwelling in both views, and what may be advised where (docs/method.md §8).

    ``members`` are the dwellings (with clusters, restrictions, demand, peaks, outdoor-unit room); ``clusters``
    is indexed by cluster id. Non-residential objects are left out.
    """
    settings = config.costs
    k = load_cost_kentallen(settings.kentallen, settings.price_year, settings.overrides)
    dwellings = members
    if "objecttype" in members:
        dwellings = members[members["objecttype"].astype("string").fillna("woning") == "woning"]
    prepared = _cluster_inputs(clusters, config)
    metres = (
        dwellings["boormeters_m"].astype(float)
        if "boormeters_m" in dwellings
        else pd.Series(np.nan, index=dwellings.index)
    )
    inputs = costing_inputs(dwellings.assign(boormeters_m=metres), prepared, k, lt_min_label=settings.lt_min_label)
    planned = in_planned_network(dwellings, clusters, config.sources.min_share_in_network)
    views = {name: view_from_settings(k, settings, name) for name in VIEWS}
    options = {
        name: option_costs(inputs, prepared, k, views[name], base_load_share=config.sewer.base_load_share,
                           spare_kw=settings.grid_spare_kw_per_dwelling, in_planned_network=planned)
        for name in VIEWS
    }
    allowed = feasibility(inputs, clusters, metres.fillna(np.inf), config)
    totals = {
        name: pd.DataFrame({option: options[name][option]["totaal_eur_jaar"].round(0) for option in COSTED})
        for name in VIEWS
    }
    return CostTables(k, inputs, prepared, clusters, views, options, allowed, totals)


def cost_advice(
    members: pd.DataFrame, clusters: pd.DataFrame, config: MethodSettings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Costs per option in both views, the advice per dwelling and per cluster, and per cluster how sure it is
    (the decision for every sensitivity draw; docs/results.md).

    ``members`` are the dwellings (with clusters, restrictions, demand, peaks, outdoor-unit room); ``clusters``
    is indexed by cluster id.
    """
    settings = config.costs
    tables = cost_tables(members, clusters, config)
    inputs, prepared, totals = tables.inputs, tables.prepared, tables.totals
    choice, per_cluster = decide(inputs, prepared, totals[settings.dwelling_view], totals[settings.area_view],
                                 tables.allowed, dwelling_view=settings.dwelling_view, area_view=settings.area_view)
    per_cluster["warmtebron_netwerk"] = network_source(prepared)
    per_cluster["configuratie"] = configuration_names(per_cluster)
    per_cluster = per_cluster.join(_cluster_fields(inputs, prepared, totals, tables.options, tables.allowed))
    per_cluster = per_cluster.join(stability(inputs, tables.options, tables.views, tables.allowed,
                                             per_cluster["goedkoopste"], tables.k, config))
    own_costs = {view: own_choice_costs(inputs, choice, totals[view]) for view in VIEWS}
    per_cluster = per_cluster.join(cluster_verdict(per_cluster, clusters.reindex(per_cluster.index), own_costs, config))
    source = (
        inputs["gebied_cluster_id"].map(per_cluster["warmtebron_netwerk"])
        if "gebied_cluster_id" in inputs
        else pd.Series(pd.NA, index=inputs.index)
    )
    scales = prepared["schaal"] if "schaal" in prepared else None
    return _dwelling_fields(inputs, totals, tables.options, tables.allowed, choice, settings, source, scales), \
        per_cluster


# ---------------------------------------------------------------------------------------------
# The decision


def decide(
    dwellings: pd.DataFrame,
    clusters: pd.DataFrame,
    dwelling_costs: pd.DataFrame,
    area_costs: pd.DataFrame,
    feasible: pd.DataFrame,
    *,
    dwelling_view: str = "eindgebruiker",
    area_view: str = "nationaal",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The advice per dwelling and the decision per cluster (module docstring, steps 1–3).

    ``dwelling_costs`` / ``area_costs``: €/yr per option (columns) and dwelling, in the view that decides the
    dwelling and mini levels and in the one that decides areas. Returns (per dwelling: ``keuze`` the advised
    option, ``eigen_keuze`` its own individual choice, ``keuze_voor_<cluster column>`` its choice before that
    level decided, ``gekozen_cluster``; per cluster: the decision fields).
    """
    own = _individual_choice(dwellings, dwelling_costs, feasible)
    choice = pd.DataFrame(
        {"keuze": own, "eigen_keuze": own, "gekozen_cluster": pd.Series(pd.NA, index=dwellings.index, dtype="string")}
    )
    frames = []
    for level, column, shared, costs, view in (
        (SCALE_MINI, "mini_cluster_id", MINI_OPTIONS, dwelling_costs, dwelling_view),
        ("gebied", "gebied_cluster_id", AREA_OPTIONS, area_costs, area_view),
    ):
        if column not in dwellings or not dwellings[column].notna().any():
            continue
        choice[f"keuze_voor_{column}"] = choice["keuze"]  # the members' own choices at this level
        current = _cost_of(costs, choice["keuze"])
        table = _cluster_decision(dwellings[column], costs, feasible, current, choice["keuze"], shared)
        table["beslist_op"] = view
        taken = table.index[table["collectief_gekozen"]]
        members = dwellings[column].isin(taken).fillna(False).to_numpy()
        if members.any():
            choice.loc[members, "keuze"] = dwellings.loc[members, column].map(table["goedkoopste"]).to_numpy()
            choice.loc[members, "gekozen_cluster"] = dwellings.loc[members, column].astype("string").to_numpy()
        frames.append(table)
    # no dwelling in any cluster: every cluster undecided (not a table without the decision's columns)
    per_cluster = pd.concat(frames) if frames else pd.DataFrame(columns=list(DECISION_COLUMNS))
    per_cluster = per_cluster.reindex(clusters.index)
    return choice, per_cluster


def _individual_choice(dwellings: pd.DataFrame, costs: pd.DataFrame, feasible: pd.DataFrame) -> pd.Series:
    """Each dwelling's cheapest feasible individual option; dwellings sharing a building decide together (the
    building average of each option, feasible only when feasible for all). NA where none is feasible."""
    options = [o for o in (LUCHT, BODEM, HYBRIDE) if o in costs]
    values = costs[options].where(feasible[options])
    if "pand_id" in dwellings:
        pand = dwellings["pand_id"]
        shared = pand.notna() & (pand.map(pand.value_counts()) >= 2)
        if shared.any():
            key = pand[shared].astype(str).to_numpy()
            together = feasible.loc[shared, options].groupby(key).transform("all")
            means = costs.loc[shared, options].where(together).groupby(key).transform("mean").round(0)
            values.loc[shared] = means.to_numpy()
    return cheapest(values)["goedkoopste"]


def _cost_of(costs: pd.DataFrame, options: pd.Series) -> pd.Series:
    """Each dwelling's cost of the option named in ``options`` (NaN where none)."""
    result = pd.Series(np.nan, index=options.index)
    for option in costs.columns:
        rows = (options == option).fillna(False).to_numpy()
        result[rows] = costs.loc[rows, option]
    return result


#: The candidate "every member keeps its own choice" in a cluster decision.
OWN_CHOICES = "eigen_keuze"
#: The decision's fields per cluster (:func:`_cluster_decision` and the view that decided).
DECISION_COLUMNS = ("collectief_gekozen", "goedkoopste", "tweede", "eur_jaar_gekozen", "eur_jaar_tweede",
                    "marge_eur_jaar", "kosten_eigen_keuze_eur_jaar", "kostenvoordeel_eur_jaar", "beslist_op")


def _cluster_decision(
    cluster: pd.Series,
    costs: pd.DataFrame,
    feasible: pd.DataFrame,
    current_cost: pd.Series,
    current: pd.Series,
    shared: tuple[str, ...],
) -> pd.DataFrame:
    """Per cluster: the shared options feasible for all members (mean cost per dwelling) and the members' current
    choices (their mean cost) as candidates; the cheapest is the decision (ties keep the members' own choices).

    ``goedkoopste`` is the decision (a shared option, or the members' most common own choice), ``tweede`` the
    runner-up, ``eur_jaar_gekozen`` / ``eur_jaar_tweede`` their costs in the deciding view, ``marge_eur_jaar`` the
    difference and ``kostenvoordeel_eur_jaar`` how much cheaper the best shared option is than the own choices.
    """
    rows = cluster.notna().to_numpy()
    key = cluster[rows].astype(str).to_numpy()
    together = feasible.loc[rows, list(shared)].groupby(key).transform("all")
    candidates = costs.loc[rows, list(shared)].where(together).groupby(key).mean().round(0)
    candidates.insert(0, OWN_CHOICES, current_cost[rows].groupby(key).mean().round(0))
    best = cheapest(candidates)
    most_common = current[rows].groupby(key).agg(lambda s: s.mode().iloc[0] if s.notna().any() else pd.NA)
    most_common = most_common.reindex(candidates.index).astype("string")

    def named(option: pd.Series) -> pd.Series:
        return option.where(option != OWN_CHOICES, most_common).astype("string")

    table = pd.DataFrame(index=candidates.index)
    table["eigen_keuze_meest"] = most_common
    table["collectief_gekozen"] = (best["goedkoopste"] != OWN_CHOICES).fillna(False).astype(bool) & best[
        "goedkoopste"
    ].notna()
    table["goedkoopste"] = named(best["goedkoopste"])
    table["tweede"] = named(best["tweede"])
    table["eur_jaar_gekozen"] = best["goedkoopste_eur_jaar"]
    table["eur_jaar_tweede"] = best["goedkoopste_eur_jaar"] + best["marge_eur_jaar"]
    table["marge_eur_jaar"] = best["marge_eur_jaar"]
    table["kosten_eigen_keuze_eur_jaar"] = candidates[OWN_CHOICES]
    table["kostenvoordeel_eur_jaar"] = (candidates[OWN_CHOICES] - candidates[list(shared)].min(axis=1)).round(0)
    return table


# ---------------------------------------------------------------------------------------------
# Output fields


def _cluster_fields(
    dwellings: pd.DataFrame,
    clusters: pd.DataFrame,
    totals: dict[str, pd.DataFrame],
    options: dict[str, dict[str, pd.DataFrame]],
    feasible: pd.DataFrame,
) -> pd.DataFrame:
    """Per cluster: each option's mean cost per dwelling in both views (feasible for all members), its yearly
    kWh and design-day peak, and the network's source for an area (``warmtebron_netwerk``)."""
    columns: dict[str, pd.Series] = {}
    for id_column, own in (("mini_cluster_id", MINI_OPTIONS), ("gebied_cluster_id", AREA_OPTIONS)):
        if id_column not in dwellings or not dwellings[id_column].notna().any():
            continue
        rows = dwellings[id_column].notna().to_numpy()
        key = dwellings.loc[rows, id_column].astype(str).to_numpy()
        for option in (CV, LUCHT, BODEM, HYBRIDE, *own):
            ok = feasible.loc[rows, option].groupby(key).all() if option != CV else None
            for view, prefix in (("eindgebruiker", "kosten_eur_jaar"), ("nationaal", "nationaal_eur_jaar")):
                mean = totals[view].loc[rows, option].groupby(key).mean().round(0)
                if ok is not None and option != HYBRIDE:
                    mean = mean.where(ok)
                columns.setdefault(f"{prefix}_{option}", pd.Series(np.nan, index=clusters.index))
                columns[f"{prefix}_{option}"].loc[mean.index.intersection(clusters.index)] = mean
            if option == CV:
                continue
            resident = options["eindgebruiker"][option]
            for field, name in (("elektriciteit_kwh", "elektriciteit_kwh"), ("piek_el_kw", "piek_el_kw")):
                summed = resident.loc[rows, field].groupby(key).sum(min_count=1)
                if ok is not None and option != HYBRIDE:
                    summed = summed.where(ok)
                columns.setdefault(f"{name}_{option}", pd.Series(np.nan, index=clusters.index))
                columns[f"{name}_{option}"].loc[summed.index.intersection(clusters.index)] = summed
    result = pd.DataFrame(columns, index=clusters.index)
    for column in result.columns:
        result[column] = result[column].round(1 if column.startswith("piek_el_kw") else 0)
    return result


def network_source(clusters: pd.DataFrame) -> pd.Series:
    """The source an area's network is costed on (a named LT source or a planned network, else outside air)."""
    keys = (
        clusters["warmtebron_sleutel"].astype("string")
        if "warmtebron_sleutel" in clusters
        else pd.Series(pd.NA, index=clusters.index, dtype="string")
    )
    usable = keys.isin((*NETWORK_SOURCES, WARMTENET_GEPLAND)).fillna(False).astype(bool)
    areas = clusters["niveau"] == "gebied" if "niveau" in clusters else pd.Series(False, index=clusters.index)
    return keys.where(usable, BUITENLUCHT).where(areas).astype("string")


def _dwelling_fields(
    dwellings: pd.DataFrame,
    totals: dict[str, pd.DataFrame],
    options,
    feasible: pd.DataFrame,
    choice: pd.DataFrame,
    settings,
    source: pd.Series,
    scales: pd.Series | None = None,
) -> pd.DataFrame:
    """Per dwelling: each feasible option's cost in the dwelling view (the CV and hybrid always shown), the
    insulation step, the advice with its source, its cost and kWh, and the electric peak against an
    all-air-heat-pump reference."""
    view = settings.dwelling_view
    costs = totals[view]
    result = pd.DataFrame(index=dwellings.index)
    for option in COSTED:
        shown = costs[option] if option in (CV, HYBRIDE) else costs[option].where(feasible[option])
        result[f"kosten_eur_jaar_{option}"] = shown.round(0)
    own_best = cheapest(costs[list(CHOICES)], feasible[list(CHOICES)])
    result["goedkoopste"] = own_best["goedkoopste"]
    keuze = choice["keuze"].astype("string")
    result["aanbevolen_optie"] = keuze
    result["aanbevolen"] = _display_names(keuze, source)
    # the scale of the cluster that took a shared option (a building above 50 WEQ is kleinschalig), else the option's
    cluster_scale = choice["gekozen_cluster"].map(scales) if scales is not None else pd.Series(pd.NA, index=keuze.index)
    result["aanbevolen_schaal"] = cluster_scale.astype("string").fillna(keuze.map(SCALE_OF).astype("string"))
    result["gekozen_cluster"] = choice["gekozen_cluster"].astype("string")
    advised_cost = _cost_of(costs, keuze)
    result["kosten_aanbevolen_eur_jaar"] = advised_cost.round(0)
    result["kosten_aanbevolen_nationaal_eur_jaar"] = _cost_of(totals["nationaal"], keuze).round(0)
    others = costs[list(CHOICES)].where(feasible[list(CHOICES)])
    for option in CHOICES:
        others.loc[(keuze == option).fillna(False).to_numpy(), option] = np.nan
    result["marge_eur_jaar"] = (others.min(axis=1) - advised_cost).round(0)
    _insulation_fields(result, dwellings, keuze, source)
    result = result.join(dwelling_second_best(totals, keuze, feasible))
    result["netverzwaring_eur_jaar"] = _pick(options["nationaal"], keuze, "netverzwaring_eur_jaar").round(0)
    resident = options[view]
    result["elektriciteit_kwh"] = _pick(resident, keuze, "elektriciteit_kwh").round(0)
    result["piek_el_kw"] = _pick(resident, keuze, "piek_el_kw").round(2)
    result["piek_el_kw_referentie"] = resident[LUCHT]["piek_el_kw"].round(2)
    return result


def own_choice_costs(dwellings: pd.DataFrame, choice: pd.DataFrame, costs: pd.DataFrame) -> pd.Series:
    """Per cluster (both levels) the mean cost in ``costs``' view of its members' own choices at that level."""
    means = []
    for column in ("mini_cluster_id", "gebied_cluster_id"):
        before = f"keuze_voor_{column}"
        if column not in dwellings or before not in choice:
            continue
        rows = dwellings[column].notna().to_numpy()
        own = _cost_of(costs, choice[before])[rows]
        means.append(own.groupby(dwellings.loc[rows, column].astype(str).to_numpy()).mean().round(0))
    return pd.concat(means) if means else pd.Series(dtype=float)


def _insulation_fields(result: pd.DataFrame, dwellings: pd.DataFrame, advice: pd.Series, source: pd.Series) -> None:
    """The insulation step of the advised option (``isolatie_nodig``, ``label_na_isolatie``, ``isolatie_eur``: none
    for a 70 °C option) and the step any low-temperature option would need (``isolatie_eur_lt``), euros excl. VAT."""
    pairs = pd.DataFrame({"o": advice.astype("object"), "s": source.astype("object")})
    low = np.array([needs_low_temperature(o if isinstance(o, str) else None, s if isinstance(s, str) else None)
                    for o, s in zip(pairs["o"], pairs["s"])], dtype=bool)
    step = dwellings["isolatie_nodig"].astype(bool).to_numpy()
    result["isolatie_nodig"] = pd.Series(step & low, index=dwellings.index, dtype="boolean")
    own_label = dwellings["labelklasse"].astype("string")
    result["label_na_isolatie"] = dwellings["label_lt"].astype("string").where(low, own_label)
    result["isolatie_eur"] = dwellings["isolatie_eur"].where(low, 0.0).round(0)
    result["isolatie_eur_lt"] = dwellings["isolatie_eur"].round(0)


def _display_names(options: pd.Series, sources: pd.Series) -> pd.Series:
    """:func:`~warmtekans.decision.options.display_name` for many rows (one call per distinct pair)."""
    pairs = pd.DataFrame({"o": options.astype("object"), "s": sources.astype("object")}).fillna({"s": ""})
    unique = pairs.drop_duplicates()
    names = {
        (o, s): display_name(o, s or None) if isinstance(o, str) else pd.NA for o, s in zip(unique["o"], unique["s"])
    }
    return pd.Series([names[(o, s)] for o, s in zip(pairs["o"], pairs["s"])], index=options.index, dtype="string")


def _pick(options: dict[str, pd.DataFrame], chosen: pd.Series, column: str) -> pd.Series:
    result = pd.Series(np.nan, index=chosen.index)
    for option, frame in options.items():
        rows = (chosen == option).fillna(False).to_numpy()
        result[rows] = frame.loc[rows, column]
    return result


def configuration_names(clusters: pd.DataFrame) -> pd.Series:
    """``configuratie`` per cluster: the decision's display name (a kleinschalig network with its source)."""
    names = [
        display_name(o, s) if isinstance(o, str) else NO_DWELLINGS
        for o, s in zip(
            clusters["goedkoopste"], clusters.get("warmtebron_netwerk", pd.Series(pd.NA, index=clusters.index))
        )
    ]
    return pd.Series(names, index=clusters.index, dtype="string")


def cost_reason(row) -> str:
    """'bodemlussen op ringnet €1 780/jr, eigen keuze (luchtwarmtepomp) €1 560/jr (eindgebruiker): eigen keuze
    (luchtwarmtepomp) €220/jr goedkoper' – the decision against its runner-up, in the view that decided it."""
    best, second = row.goedkoopste, row.tweede
    if not isinstance(best, str):
        return "geen woningen: kosten niet berekend"
    view = getattr(row, "beslist_op", "eindgebruiker")
    chosen = bool(getattr(row, "collectief_gekozen", False))

    def label(option: str, shared: bool) -> str:
        return short_name(option) if shared else f"eigen keuze ({short_name(option)})"

    first = label(best, chosen)
    if not isinstance(second, str) or pd.isna(row.marge_eur_jaar):
        return f"alleen {first} mogelijk: {euros(row.eur_jaar_gekozen)}/jr ({view})"
    runner_shared = second in COLLECTIVE and (not chosen or second != best)
    other = label(second, runner_shared if chosen else True)
    return (
        f"{other} {euros(row.eur_jaar_tweede)}/jr, {first} {euros(row.eur_jaar_gekozen)}/jr ({view}): "
        f"{first} {euros(row.marge_eur_jaar)}/jr goedkoper"
    )
