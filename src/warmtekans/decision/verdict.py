"""Kansrijk or not, and the second-best option, per cluster and per dwelling (docs/method.md §8, "Kansrijk").

A cluster answers for its own level (its ``schaal``: a row or building of up to 50 WEQ is *mini*, a larger
building and a small area *kleinschalig*, a large area *grootschalig*):

* ``ja`` — a collective option of that level is feasible for all its dwellings and is the decision;
* ``binnen marge`` — one is feasible but not the decision, and either its yearly cost is within
  ``advies.marge_pct`` of the decision's, or it wins in at least ``advies.min_kans`` of the sensitivity draws;
* ``nee`` — otherwise, with what rules it out (restrictions, loop room, depth) or how much dearer it is.

The second-best option (``tweede_keus_<view>``, ``verschil_<view>_eur_jaar``/``_pct``, ``verschil_onder_10pct_<view>``,
``verschil_onder_20pct_<view>``) is given in both cost views: the cheapest candidate other than the decision,
where a cluster's candidates are its shared options and its members' own choices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warmtekans.decision.options import AREA_OPTIONS, CHOICES, MINI_OPTIONS, short_name
from warmtekans.model.restrictions import FORBIDDEN_SHARE_MAX
from warmtekans.model.scales import SCALE_LARGE, SCALE_MINI, SCALE_SMALL

LEVELS = (SCALE_MINI, SCALE_SMALL, SCALE_LARGE)
YES, WITHIN, NO = "ja", "binnen marge", "nee"
#: Order of the answers, best first (a street takes the best of its clusters).
RANK = {YES: 0, WITHIN: 1, NO: 2}
VIEWS = {"eindgebruiker": "kosten_eur_jaar", "nationaal": "nationaal_eur_jaar"}


def euros(value: float) -> str:
    return "€" + f"{value:,.0f}".replace(",", " ")


def percent(value: float) -> str:
    return f"{100 * value:.0f} %"


def cluster_verdict(per_cluster: pd.DataFrame, clusters: pd.DataFrame, own_costs: dict[str, pd.Series],
                    settings) -> pd.DataFrame:
    """Per cluster: ``kansrijk_<level>`` (its own level; the others empty), ``kansrijk_reden`` and the second
    best in both views.

    ``per_cluster`` holds the decision (``goedkoopste``, ``collectief_gekozen``, ``eur_jaar_gekozen``,
    ``beslist_op``), each option's mean cost per dwelling in both views (``kosten_eur_jaar_<o>``,
    ``nationaal_eur_jaar_<o>``: empty where not feasible for all) and ``kans_<o>``; ``clusters`` the cluster
    table (``schaal``, ``niveau``, loop and restriction fields); ``own_costs[view]`` the mean cost of the
    members' own choices per cluster in that view. ``settings.advies`` sets the margin.
    """
    result = pd.DataFrame(index=per_cluster.index)
    shared = pd.Series([_shared_options(c) for c in clusters.reindex(per_cluster.index)["niveau"]],
                       index=per_cluster.index, dtype=object)
    for view, prefix in VIEWS.items():
        second = [_second_best(row, shared.at[key], own_costs[view].get(key, np.nan), prefix)
                  for key, row in zip(per_cluster.index, per_cluster.itertuples())]
        option, difference, share = zip(*second) if second else ((), (), ())
        result[f"tweede_keus_{view}"] = pd.Series(option, index=per_cluster.index, dtype="string")
        result[f"verschil_{view}_eur_jaar"] = pd.Series(difference, index=per_cluster.index, dtype=float).round(0)
        result[f"verschil_{view}_pct"] = (100 * pd.Series(share, index=per_cluster.index, dtype=float)).round(1)
        for limit in (10, 20):
            result[f"verschil_onder_{limit}pct_{view}"] = (result[f"verschil_{view}_pct"].abs() < limit).where(
                result[f"verschil_{view}_pct"].notna()).astype("boolean")
    table = clusters.reindex(per_cluster.index)
    answers = [_answer(row, table.loc[key], shared.at[key], settings.advies)
               for key, row in zip(per_cluster.index, per_cluster.itertuples())]
    for level in LEVELS:
        result[f"kansrijk_{level}"] = pd.Series(
            [a if s == level else None for (a, _), s in zip(answers, table["schaal"])],
            index=per_cluster.index, dtype="string")
    result["kansrijk_reden"] = pd.Series([text for _, text in answers], index=per_cluster.index, dtype="string")
    return result


def _shared_options(niveau) -> tuple[str, ...]:
    return AREA_OPTIONS if niveau == "gebied" else MINI_OPTIONS


def _mean_cost(row, prefix: str, option: str) -> float:
    return float(getattr(row, f"{prefix}_{option}", np.nan))


def _second_best(row, shared: tuple[str, ...], own_cost: float, prefix: str) -> tuple[str | None, float, float]:
    """(option, its cost minus the decision's, that over the decision's cost) in one view."""
    decided = row.goedkoopste
    if not isinstance(decided, str):
        return None, np.nan, np.nan
    own_key = getattr(row, "eigen_keuze_meest", None)
    candidates = {option: _mean_cost(row, prefix, option) for option in shared}
    own_label = own_key if isinstance(own_key, str) else decided
    if bool(row.collectief_gekozen):
        chosen = candidates.pop(decided, np.nan)
        candidates[own_label] = own_cost
    else:
        chosen = own_cost
    candidates = {k: v for k, v in candidates.items() if not np.isnan(v) and k != decided}
    if not candidates or np.isnan(chosen):
        return None, np.nan, np.nan
    option = min(candidates, key=lambda k: (candidates[k], k))
    difference = candidates[option] - chosen
    return option, difference, difference / chosen if chosen else np.nan


def _answer(row, cluster: pd.Series, shared: tuple[str, ...], advice) -> tuple[str | None, str]:
    """(``ja``/``binnen marge``/``nee``, the reason in Dutch) for the cluster's own level."""
    if not isinstance(row.goedkoopste, str):
        return None, "geen woningen: niet beoordeeld"
    prefix = VIEWS.get(row.beslist_op, "kosten_eur_jaar")
    costs = {o: _mean_cost(row, prefix, o) for o in shared}
    feasible = {o: c for o, c in costs.items() if not np.isnan(c)}
    kans = sum(float(getattr(row, f"kans_{o}", np.nan) or 0.0) for o in shared if o in CHOICES)
    kans_known = any(not pd.isna(getattr(row, f"kans_{o}", np.nan)) for o in shared)
    ruled_out = _ruled_out(cluster, shared, feasible)
    if bool(row.collectief_gekozen):
        text = f"{short_name(row.goedkoopste)} is het goedkoopst ({euros(row.eur_jaar_gekozen)}/jr, {row.beslist_op})"
        if kans_known:
            text += f"; wint in {percent(kans)} van de trekkingen"
        return YES, text
    if not feasible:
        return NO, "geen collectieve optie mogelijk: " + ("; ".join(ruled_out) or "niet van toepassing")
    best = min(feasible, key=lambda o: (feasible[o], o))
    difference = feasible[best] - row.eur_jaar_gekozen
    share = difference / row.eur_jaar_gekozen if row.eur_jaar_gekozen else np.nan
    text = (f"{short_name(best)} {euros(difference)}/jr ({percent(share)}) duurder dan "
            f"{short_name(row.goedkoopste)} ({row.beslist_op})")
    if kans_known:
        text += f"; collectief wint in {percent(kans)} van de trekkingen"
    if ruled_out:
        text += "; " + "; ".join(ruled_out)
    within = share <= advice.marge_pct / 100 or (kans_known and kans >= advice.min_kans)
    return (WITHIN if within else NO), text


def _ruled_out(cluster: pd.Series, shared: tuple[str, ...], feasible: dict[str, float]) -> list[str]:
    """Why the shared loop options are not possible here (mini clusters)."""
    reasons = []
    loops = [o for o in shared if o in ("gedeelde_bodemlus", "ringnet") and o not in feasible]
    if not loops or cluster.get("schaal") != SCALE_MINI:
        return reasons
    if float(cluster.get("aandeel_verboden", 0) or 0) >= FORBIDDEN_SHARE_MAX:
        reasons.append("bodemlus: boren verboden onder de helft of meer")
    elif pd.isna(cluster.get("bodemlussen", np.nan)):
        reasons.append("bodemlus: toegestane boordiepte te klein")
    elif cluster.get("boringen_passen") is False or str(cluster.get("boringen_passen")) == "False":
        reasons.append("bodemlus: boringen passen niet langs de gevel buiten verboden zones")
    elif "gedeelde_bodemlus" in loops and "ringnet" not in loops:
        reasons.append("gedeelde bodemlus: te veel woningen per lus (ringnet wel mogelijk)")
    return reasons


def dwelling_second_best(costs: dict[str, pd.DataFrame], advice: pd.Series, candidates: pd.DataFrame
                         ) -> pd.DataFrame:
    """Per dwelling and view: the cheapest candidate other than its advice, and the difference (€/yr, %).

    ``costs[view]`` holds each option's cost per dwelling (columns = option keys), ``candidates`` which options
    the dwelling could have been advised (its feasible own options and the shared options of its clusters).
    """
    result = pd.DataFrame(index=advice.index)
    for view in VIEWS:
        table = costs[view][list(CHOICES)].where(candidates.reindex(columns=list(CHOICES), fill_value=False))
        advised = pd.Series(np.nan, index=advice.index)
        for option in CHOICES:
            rows = (advice == option).fillna(False).to_numpy()
            advised[rows] = costs[view].loc[rows, option]
            table.loc[rows, option] = np.nan
        values = table.to_numpy(dtype=float)
        filled = np.where(np.isnan(values), np.inf, values)
        position = np.argmin(filled, axis=1)
        best = filled[np.arange(len(filled)), position]
        names = np.array(CHOICES, dtype=object)[position]
        found = np.isfinite(best) & advised.notna().to_numpy()
        difference = np.where(found, best - advised.to_numpy(), np.nan)
        result[f"tweede_keus_{view}"] = pd.Series(np.where(found, names, None), index=advice.index, dtype="string")
        result[f"verschil_{view}_eur_jaar"] = pd.Series(difference, index=advice.index).round(0)
        pct = pd.Series(100 * difference / advised.to_numpy(), index=advice.index).round(1)
        result[f"verschil_{view}_pct"] = pct
        for limit in (10, 20):
            result[f"verschil_onder_{limit}pct_{view}"] = (pct.abs() < limit).where(pct.notna()).astype("boolean")
    return result
