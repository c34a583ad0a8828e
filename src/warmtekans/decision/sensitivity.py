"""How sure the advice is: the decision again for many draws of what decides the costs (docs/method.md,
"Sensitivity").

Energy prices, heat-pump SPFs, every investment with a range (the Startanalyse 2025 ``_min``/``_max`` and our
estimates' ranges), the insulation step, the resident's loan, the societal discount rate, the grid's spare
capacity and the loops' extraction rates are drawn (:mod:`warmtekans.decision.draws`); the costs of every draw
are weighted sums of the same terms, and the decision of every draw is taken at once
(:mod:`warmtekans.decision.draw_decisions`). Per cluster: ``stabiliteit`` (the share of draws whose decision is
the configured one), ``onzeker`` (below ``sensitivity.unstable_below``) and ``kans_<optie>`` (the share of draws
each option wins). Draws are seeded (``sensitivity.seed``): a rerun gives the same answer.
"""

from __future__ import annotations

import logging
import time

import numpy as np
import pandas as pd

from warmtekans.decision import draws as drawing
from warmtekans.decision.draw_decisions import NONE, decide_draws
from warmtekans.decision.kentallen import CostKentallen
from warmtekans.decision.options import CHOICES, COSTED

log = logging.getLogger(__name__)

#: Dwellings per block of draws: the cost arrays of a block (draws × dwellings × options × 2 views) stay small.
BLOCK_CELLS = 20_000_000


def stability(dwellings: pd.DataFrame, options: dict[str, dict[str, pd.DataFrame]], views: dict[str, object],
              feasible: pd.DataFrame, decisions: pd.Series, k: CostKentallen, settings,
              draws: drawing.Draws | None = None) -> pd.DataFrame:
    """Per cluster (index of ``decisions``, its decided option key): ``stabiliteit``, ``onzeker`` and
    ``kans_<optie>`` for every option that can be advised.

    ``options[view][option]`` are the costs with their terms per dwelling, ``views[view]`` the
    :class:`~warmtekans.decision.ledger.CostView`; ``settings`` the method settings (``costs`` for which view
    decides which level, ``sensitivity`` for the draws). ``draws`` replaces the sampled draws (tests).
    """
    sensitivity = settings.sensitivity
    columns = ["stabiliteit", "onzeker", *[f"kans_{o}" for o in CHOICES]]
    # switched off: not determined, never reported as stable
    if draws is None and (sensitivity is None or sensitivity.draws == 0):
        empty = pd.DataFrame(np.nan, index=decisions.index, columns=columns)
        empty["onzeker"] = pd.array([pd.NA] * len(empty), dtype="boolean")
        return empty
    started = time.process_time()
    if draws is None:
        draws = drawing.sample(k, settings, sensitivity.draws, sensitivity.seed)
    metres = dwellings[["boormeters_energie_m", "boormeters_piek_m"]] \
        if {"boormeters_energie_m", "boormeters_piek_m"} <= set(dwellings.columns) else None
    arrays = {name: {option: drawing.term_arrays(options[name][option]) for option in COSTED} for name in views}
    wins = {option: pd.Series(0.0, index=decisions.index) for option in CHOICES}
    same = pd.Series(0.0, index=decisions.index)
    per_block = max(1, BLOCK_CELLS // max(1, len(dwellings) * len(COSTED) * 2))
    for start in range(0, draws.n, per_block):
        block = _block(draws, start, min(draws.n, start + per_block))
        costs = {name: _cost_array(arrays[name], views[name], block, metres) for name in views}
        decided = decide_draws(dwellings, COSTED, costs[settings.costs.dwelling_view],
                               costs[settings.costs.area_view], feasible)
        for level in decided.values():
            keys = np.array([*COSTED, ""], dtype=object)[np.where(level.decided == NONE, len(COSTED), level.decided)]
            frame = pd.DataFrame(keys.T, index=level.clusters)
            found = frame.index.intersection(decisions.index)
            frame = frame.loc[found]
            same.loc[found] += (frame.to_numpy() == decisions.loc[found].astype(object).to_numpy()[:, None]).sum(1)
            for option in CHOICES:
                wins[option].loc[found] += (frame.to_numpy() == option).sum(axis=1)
    result = pd.DataFrame(index=decisions.index)
    result["stabiliteit"] = (same / draws.n).round(3)
    result["onzeker"] = (result["stabiliteit"] < sensitivity.unstable_below).astype("boolean")
    for option in CHOICES:
        result[f"kans_{option}"] = (wins[option] / draws.n).round(3)
    undecided = decisions.isna()
    result.loc[undecided, columns] = np.nan
    log.info("%d draws: %d of %d clusters onzeker (stabiliteit < %.2f); draws cpu_s=%.2f", draws.n,
             int(result["onzeker"].sum()), len(result), sensitivity.unstable_below, time.process_time() - started)
    return result


def _cost_array(options: dict[str, drawing.TermArrays], view, draws: drawing.Draws, metres) -> np.ndarray:
    """draws × dwellings × options, rounded to whole euros as the decision rounds them."""
    return np.stack([np.round(drawing.totals(options[option], draws, view, metres)) for option in COSTED], axis=2)


def _block(draws: drawing.Draws, start: int, stop: int) -> drawing.Draws:
    """Draws ``start``..``stop`` of ``draws``."""
    part = slice(start, stop)
    return drawing.Draws(
        n=stop - start, kental={k: v[part] for k, v in draws.kental.items()},
        spf={k: v[part] for k, v in draws.spf.items()}, price={k: v[part] for k, v in draws.price.items()},
        rate=draws.rate[part], years=draws.years[part], national_rate=draws.national_rate[part],
        insulation=draws.insulation[part], spare_kw=draws.spare_kw[part], loop_energy=draws.loop_energy[part],
        loop_peak=draws.loop_peak[part])
