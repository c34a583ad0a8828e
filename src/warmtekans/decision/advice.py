"""The recommendation by cost: the cheapest *feasible* configuration per dwelling and per cluster.

Costs come from :mod:`warmtekans.decision.costs`; feasibility from restrictions, sources and loop space:

* own ground loop (bodemwarmtepomp): ground-bound dwelling, drilling not forbidden there and
  the depth limit (if any) at least the dwelling's borehole metres;
* gedeelde bodemlus / bodemlussen op ringnet: member of a mini cluster whose loops fit
  (``bodemlussen`` ≥ 1 within the depth limit), less than half of it where drilling is
  forbidden, and ``boringen_passen`` not false (when the loop sizing gives it);
* collectieve luchtwarmtepomp: member of a mini cluster, or an apartment in a building with at
  least two apartments (one heat pump for the building); on an area cluster when every dwelling
  has it (per row or building);
* kleinschalig warmtenet: member of a kleinschalig area with a named source (``warmtebron``);
* grootschalig warmtenet: member of a grootschalig area with a named source, or inside a
  planned large heat network (at least half of the area);
* luchtwarmtepomp: always. The CV-ketel is the reference, never a recommendation.

The score stays for ranking streets; ``kostenvoordeel_eur_jaar`` (best collective option
against the best individual one) is one of its criteria.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.config.method import MethodSettings
from warmtekans.core.vocabulary import NETWORK_SOURCES, WARMTENET_GEPLAND
from warmtekans.decision.costs import (
    apartment_buildings,
    cheapest,
    dwelling_option_costs,
    own_loop_metres,
)
from warmtekans.decision.kentallen import load_cost_kentallen
from warmtekans.decision.ledger import national_view, view_from_settings
from warmtekans.decision.options import (
    BODEM,
    CHOICES,
    COLL_LUCHT,
    COLLECTIVE,
    CV,
    GEDEELD,
    GROOT,
    INDIVIDUAL,
    KLEIN,
    LUCHT,
    NO_DWELLINGS,
    RINGNET,
    SCALE_OF,
    display_name,
    short_name,
)
from warmtekans.model.scales import SCALE_LARGE, SCALE_MINI, SCALE_SMALL


def euros(value: float) -> str:
    """'€1 780' (whole euros, space as thousands separator)."""
    return "€" + f"{value:,.0f}".replace(",", " ")


def named_sources(clusters: pd.DataFrame) -> pd.Series:
    """The source a bronnet is costed on per cluster (a key of
    :data:`~warmtekans.core.vocabulary.NETWORK_SOURCES`), NA where the area analysis named none that can
    feed one (bron onbekend, a planned large network, mini clusters)."""
    keys = clusters["warmtebron_sleutel"] if "warmtebron_sleutel" in clusters else \
        pd.Series(pd.NA, index=clusters.index, dtype="string")
    return keys.astype("string").where(keys.isin(NETWORK_SOURCES).fillna(False).astype(bool))


def _cluster_flag(members: pd.DataFrame, clusters: pd.DataFrame, column: str, field: str, default) -> pd.Series:
    if field not in clusters or column not in members:
        return pd.Series(default, index=members.index)
    return members[column].map(clusters[field])


def feasibility(members: pd.DataFrame, clusters: pd.DataFrame, metres: pd.Series, *,
                planned_share: float = 0.5) -> pd.DataFrame:
    """Which options each dwelling may have (booleans per :data:`CHOICES`), see the module docstring.

    ``planned_share``: the share of an area's objects inside a planned heat network from which the
    large network is an option (``sources.min_share_in_network``).
    """
    result = pd.DataFrame(False, index=members.index, columns=list(CHOICES))
    result[LUCHT] = True
    forbidden = members.get("beperking",
                            pd.Series("", index=members.index)).astype("string").eq("forbidden").fillna(False)
    depth = members.get("max_boordiepte_m", pd.Series(np.nan, index=members.index)).astype(float)
    ground_bound = members.get("woningtype", pd.Series("", index=members.index)).astype("string") != "appartement"
    result[BODEM] = (ground_bound.fillna(True) & ~forbidden & ~(depth < metres)).to_numpy()

    in_mini = (members["mini_cluster_id"].notna() if "mini_cluster_id" in members
               else pd.Series(False, index=members.index))
    loops = _cluster_flag(members, clusters, "mini_cluster_id", "bodemlussen", np.nan).astype(float)
    share_forbidden = _cluster_flag(members, clusters, "mini_cluster_id", "aandeel_verboden", 0.0).astype(float)
    fits = _cluster_flag(members, clusters, "mini_cluster_id", "boringen_passen", True)
    fits = fits.astype("boolean").fillna(True).astype(bool)
    loops_ok = in_mini & (loops >= 1) & (share_forbidden.fillna(0) < 0.5) & fits
    result[GEDEELD] = loops_ok.to_numpy()
    result[RINGNET] = loops_ok.to_numpy()
    result[COLL_LUCHT] = (in_mini | apartment_buildings(members)).to_numpy()

    sources = named_sources(clusters) if not clusters.empty else pd.Series(dtype="string")
    area = members["gebied_cluster_id"] if "gebied_cluster_id" in members else pd.Series(pd.NA, index=members.index)
    scale = area.map(clusters["schaal"]) if "schaal" in clusters else pd.Series(pd.NA, index=members.index)
    source = area.map(sources)
    planned = _cluster_flag(members, clusters, "gebied_cluster_id", "aandeel_in_gepland_warmtenet", 0.0).astype(float)
    in_planned = planned.fillna(0) >= planned_share
    if "warmtebron_sleutel" in clusters:
        in_planned = in_planned | (area.map(clusters["warmtebron_sleutel"]) == WARMTENET_GEPLAND).fillna(False)
    result[KLEIN] = ((scale == SCALE_SMALL) & source.notna()).fillna(False).to_numpy()
    result[GROOT] = (((scale == SCALE_LARGE) & source.notna()) | (scale.isin([SCALE_SMALL, SCALE_LARGE]) & in_planned)
                       ).fillna(False).to_numpy()
    return result


def cost_advice(members: pd.DataFrame, clusters: pd.DataFrame, config: MethodSettings,
                configuration_only: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Costs per option, cheapest feasible option and margin, per dwelling and per cluster.

    ``members`` are the dwellings (with clusters, restrictions, demand, peaks); ``clusters`` is
    indexed by cluster id. Returns (dwelling fields, cluster fields), both documented in
    docs/results.md. ``configuration_only`` computes only what decides each cluster's
    ``configuratie`` (the resident view's costs and feasibility; no national view, no
    per-dwelling fields): the same ``configuratie`` for less work (sensitivity draws).
    """
    settings = config.costs
    k = load_cost_kentallen(settings.kentallen, settings.price_year, settings.overrides)
    view = view_from_settings(k, settings)
    dwellings = members
    if "objecttype" in members:
        dwellings = members[members["objecttype"].astype("string").fillna("woning") == "woning"]
    original = clusters
    clusters = clusters.copy()
    sources = named_sources(original) if not original.empty else pd.Series(dtype="string")
    if "niveau" in clusters:
        sources = sources.where(clusters["niveau"] == "gebied")
    clusters["bronnet_bron"] = sources  # the key of the source a bronnet is costed on (NA: no bronnet)
    metres = dwellings["boormeters_m"].astype(float) if "boormeters_m" in dwellings else \
        own_loop_metres(dwellings["piek_rv_kw"], config.loops.heat_pump_scop, config.loops.extraction_w_per_m)
    options = dwelling_option_costs(dwellings.assign(boormeters_m=metres), clusters, k, view)
    allowed = feasibility(dwellings, original, metres, planned_share=config.sources.min_share_in_network)
    # decide on whole euros, as written, so the output fields show the choice (ties: CHOICES order)
    totals = pd.DataFrame({option: options[option]["totaal_eur_jaar"].round(0) for option in CHOICES})
    feasible = allowed & totals.notna()
    totals, feasible = _per_building(dwellings, totals, feasible)
    if configuration_only:
        return pd.DataFrame(index=dwellings.index), _cluster_costs(dwellings, clusters, options, None, feasible)
    national = dwelling_option_costs(dwellings.assign(boormeters_m=metres), clusters, k, national_view(
        k, rate=settings.national_rate, lt_emitters=settings.lt_emitters))

    per_dwelling = pd.DataFrame(index=dwellings.index)
    per_dwelling[f"kosten_eur_jaar_{CV}"] = options[CV]["totaal_eur_jaar"].round(0)
    for option in CHOICES:
        per_dwelling[f"kosten_eur_jaar_{option}"] = totals[option].where(feasible[option]).round(0)
    best = cheapest(totals, feasible)
    per_dwelling["goedkoopste"] = best["goedkoopste"]
    per_dwelling["marge_eur_jaar"] = best["marge_eur_jaar"].round(0)
    source = dwellings["gebied_cluster_id"].map(clusters["bronnet_bron"]) if "gebied_cluster_id" in dwellings \
        else pd.Series(pd.NA, index=dwellings.index)
    per_dwelling["aanbevolen"] = _display_names(best["goedkoopste"], source)
    per_dwelling["aanbevolen_schaal"] = best["goedkoopste"].map(SCALE_OF).astype("string")
    chosen = pd.Series(pd.NA, index=dwellings.index, dtype="string")
    for column, group in (("mini_cluster_id", (GEDEELD, RINGNET, COLL_LUCHT)), ("gebied_cluster_id", (KLEIN, GROOT))):
        if column in dwellings:
            rows = best["goedkoopste"].isin(group).fillna(False)
            chosen[rows] = dwellings.loc[rows, column].astype("string")
    per_dwelling["gekozen_cluster"] = chosen
    recommended = best["goedkoopste"]
    per_dwelling["elektriciteit_kwh"] = _pick(options, recommended, "elektriciteit_kwh").round(0)
    per_dwelling["piek_el_kw"] = _pick(options, recommended, "piek_el_kw").round(2)

    per_cluster = _cluster_costs(dwellings, clusters, options, national, feasible)
    return per_dwelling, per_cluster


def _per_building(dwellings: pd.DataFrame, totals: pd.DataFrame,
                  feasible: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dwellings sharing a building (outside mini clusters) decide together: each option's cost per dwelling
    is the building's average, feasible when feasible for all of them (one advice per building)."""
    if "pand_id" not in dwellings:
        return totals, feasible
    in_mini = dwellings["mini_cluster_id"].notna() if "mini_cluster_id" in dwellings else False
    pand = dwellings["pand_id"]
    shared_pand = pand.notna() & (pand.map(pand.value_counts()) >= 2)
    building = (apartment_buildings(dwellings) | shared_pand) & ~in_mini
    if not building.any():
        return totals, feasible
    key = dwellings.loc[building, "pand_id"].astype(str).to_numpy()
    totals, feasible = totals.copy(), feasible.copy()
    together = feasible[building].groupby(key).transform("all")
    totals.loc[building] = totals[building].where(together).groupby(key).transform("mean").round(0).to_numpy()
    feasible.loc[building] = together.to_numpy() & totals[building].notna().to_numpy()
    return totals, feasible


def _display_names(options: pd.Series, sources: pd.Series) -> pd.Series:
    """:func:`display_name` for many rows (one call per distinct option and source)."""
    pairs = pd.DataFrame({"o": options.astype("object"), "s": sources.astype("object")}).fillna({"s": ""})
    unique = pairs.drop_duplicates()
    names = {(o, s): display_name(o, s or None) if isinstance(o, str) else pd.NA
             for o, s in zip(unique["o"], unique["s"])}
    return pd.Series([names[(o, s)] for o, s in zip(pairs["o"], pairs["s"])], index=options.index, dtype="string")


def _pick(options: dict[str, pd.DataFrame], chosen: pd.Series, column: str) -> pd.Series:
    result = pd.Series(np.nan, index=chosen.index)
    for option, frame in options.items():
        rows = (chosen == option).fillna(False)
        result[rows] = frame.loc[rows, column]
    return result


def _cluster_costs(dwellings: pd.DataFrame, clusters: pd.DataFrame, options: dict[str, pd.DataFrame],
                   national: dict[str, pd.DataFrame] | None, feasible: pd.DataFrame) -> pd.DataFrame:
    """Per cluster: mean cost per dwelling of each option feasible for all its dwellings, the
    cheapest and its margin, kWh and design-day peak per option, the national view's cheapest.

    Without ``national`` only the costs of the choices, the cheapest and ``configuratie``.
    """
    if national is None:
        return _cluster_configuration(dwellings, clusters, options, feasible)
    result = pd.DataFrame(index=clusters.index)
    columns = {}
    for level, id_column, own in ((SCALE_MINI, "mini_cluster_id", (GEDEELD, RINGNET, COLL_LUCHT)),
                                  ("gebied", "gebied_cluster_id", (COLL_LUCHT, KLEIN, GROOT))):
        if id_column not in dwellings:
            continue
        rows = dwellings[id_column].notna().to_numpy()
        if not rows.any():
            continue
        key = pd.Series(dwellings[id_column].to_numpy(dtype=object)[rows])
        for option in (CV,) + INDIVIDUAL + own:
            ok = feasible[option].to_numpy()[rows] if option != CV else np.ones(int(rows.sum()), dtype=bool)
            table = pd.DataFrame({"ok": ok, "kosten": options[option]["totaal_eur_jaar"].to_numpy()[rows],
                                  "nationaal": national[option]["totaal_eur_jaar"].to_numpy()[rows],
                                  "kwh": options[option]["elektriciteit_kwh"].to_numpy()[rows],
                                  "piek": options[option]["piek_el_kw"].to_numpy()[rows]})
            grouped = table.groupby(key.to_numpy(), sort=False)
            all_ok = grouped["ok"].all()
            means = grouped[["kosten", "nationaal"]].mean().where(all_ok, axis=0).round(0)
            sums = grouped[["kwh", "piek"]].sum(min_count=1).where(all_ok, axis=0)
            mean, national_mean, kwh, peak = means["kosten"], means["nationaal"], sums["kwh"], sums["piek"]
            fields = ((f"kosten_eur_jaar_{option}", mean), (f"_nationaal_{option}", national_mean))
            if option != CV:
                fields += ((f"elektriciteit_kwh_{option}", kwh), (f"piek_el_kw_{option}", peak))
            for name, values in fields:
                columns.setdefault(name, pd.Series(np.nan, index=clusters.index))
                columns[name].loc[values.index.intersection(clusters.index)] = values
    for name, values in columns.items():
        result[name] = values
    choice_columns = [f"kosten_eur_jaar_{o}" for o in CHOICES]
    for name in choice_columns + [f"kosten_eur_jaar_{CV}"]:
        if name not in result:
            result[name] = np.nan
    costs_frame = result[choice_columns].set_axis(list(CHOICES), axis=1)
    best = cheapest(costs_frame)
    result["goedkoopste"] = best["goedkoopste"]
    result["marge_eur_jaar"] = best["marge_eur_jaar"].round(0)
    result["tweede"] = best["tweede"]
    national_frame = pd.DataFrame({o: result.get(f"_nationaal_{o}", pd.Series(np.nan, index=result.index))
                                   for o in CHOICES})
    national_best = cheapest(national_frame)
    result["goedkoopste_nationaal"] = national_best["goedkoopste"]
    result["marge_nationaal_eur_jaar"] = national_best["marge_eur_jaar"].round(0)
    individual = costs_frame[list(INDIVIDUAL)].min(axis=1)
    collective = costs_frame[list(COLLECTIVE)].min(axis=1)
    result["kostenvoordeel_eur_jaar"] = (individual - collective).round(0)
    result["configuratie"] = pd.Series(
        [display_name(o, s) if isinstance(o, str) else NO_DWELLINGS
         for o, s in zip(best["goedkoopste"], clusters["bronnet_bron"])],
        index=result.index, dtype="string")
    result = result.drop(columns=[c for c in result.columns if c.startswith("_nationaal_")])
    for column in result.columns:
        if column.startswith(("kosten_eur_jaar_", "elektriciteit_kwh_")):
            result[column] = result[column].round(0)
        elif column.startswith("piek_el_kw_"):
            result[column] = result[column].round(1)
    return result


def _cluster_configuration(dwellings: pd.DataFrame, clusters: pd.DataFrame, options: dict[str, pd.DataFrame],
                           feasible: pd.DataFrame) -> pd.DataFrame:
    """The lean part of :func:`_cluster_costs`: per cluster each choice's mean cost (whole euros,
    NaN unless feasible for all its dwellings), ``goedkoopste`` and ``configuratie``."""
    costs = pd.DataFrame(np.nan, index=clusters.index, columns=list(CHOICES))
    for id_column, own in (("mini_cluster_id", (GEDEELD, RINGNET, COLL_LUCHT)),
                           ("gebied_cluster_id", (COLL_LUCHT, KLEIN, GROOT))):
        if id_column not in dwellings:
            continue
        rows = dwellings[id_column].notna().to_numpy()
        if not rows.any():
            continue
        key = dwellings[id_column].to_numpy(dtype=object)[rows]
        options_here = INDIVIDUAL + own
        ok = pd.DataFrame({o: feasible[o].to_numpy()[rows] for o in options_here})
        kosten = pd.DataFrame({o: options[o]["totaal_eur_jaar"].to_numpy()[rows] for o in options_here})
        means = kosten.groupby(key, sort=False).mean().where(ok.groupby(key, sort=False).all()).round(0)
        found = means.index.intersection(clusters.index)
        costs.loc[found, list(options_here)] = means.loc[found].to_numpy()
    best = cheapest(costs)
    result = pd.DataFrame({"goedkoopste": best["goedkoopste"]}, index=clusters.index)
    result["configuratie"] = pd.Series(
        [display_name(o, s) if isinstance(o, str) else NO_DWELLINGS
         for o, s in zip(best["goedkoopste"], clusters["bronnet_bron"])],
        index=result.index, dtype="string")
    return result


def cost_reason(row) -> str:
    """'bodemlussen op ringnet €1 780/jr, luchtwarmtepomp €1 560/jr: luchtwarmtepomp €220/jr goedkoper'."""
    best, second = row.goedkoopste, row.tweede
    if not isinstance(best, str):
        return "geen woningen: kosten niet berekend"
    best_cost = getattr(row, f"kosten_eur_jaar_{best}")
    if not isinstance(second, str):
        return f"alleen {short_name(best)} mogelijk: {euros(best_cost)}/jr"
    second_cost = getattr(row, f"kosten_eur_jaar_{second}")
    return (f"{short_name(second)} {euros(second_cost)}/jr, {short_name(best)} {euros(best_cost)}/jr: "
            f"{short_name(best)} {euros(second_cost - best_cost)}/jr goedkoper")
