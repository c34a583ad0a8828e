"""The decision of :func:`warmtekans.decision.advice.decide` for many cost draws at once (numpy, no loop per draw).

Costs arrive as ``draws × dwellings × options`` arrays; every step of the decision (each dwelling's or building's
own choice, then the mini clusters, then the areas, each on its view) is a grouped mean and an arg-min over the
option axis, with the same rounding and tie rules as the single decision, so draws that change nothing give
exactly its answer (a test).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from warmtekans.decision.options import AREA_OPTIONS, BODEM, HYBRIDE, LUCHT, MINI_OPTIONS

NONE = -1


@dataclass(frozen=True)
class LevelDecisions:
    """Per draw and cluster of one level: the decided option's position in ``options`` (``NONE``: nothing)."""

    clusters: pd.Index
    options: tuple[str, ...]
    decided: np.ndarray  # draws × clusters


def _groups(ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Group number per row (``NONE`` where the id is missing) and the group labels, sorted as strings."""
    valid = ids.notna().to_numpy()
    labels = pd.Index(sorted(ids[valid].astype(str).unique()))
    codes = np.full(len(ids), NONE, dtype=np.int64)
    codes[valid] = labels.get_indexer(ids[valid].astype(str))
    return codes, labels


def _group_sum(values: np.ndarray, codes: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Per draw and group: the sum of the non-NaN values and their count (``values``: draws × rows)."""
    rows = codes >= 0
    draws = values.shape[0]
    flat = (np.arange(draws)[:, None] * n_groups + codes[None, rows]).ravel()
    picked = values[:, rows]
    known = ~np.isnan(picked)
    sums = np.bincount(flat, weights=np.where(known, picked, 0.0).ravel(), minlength=draws * n_groups)
    counts = np.bincount(flat, weights=known.ravel().astype(float), minlength=draws * n_groups)
    return sums.reshape(draws, n_groups), counts.reshape(draws, n_groups)


def _group_mean(values: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    sums, counts = _group_sum(values, codes, n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.where(counts > 0, counts, 1.0), np.nan)


def _all_feasible(feasible: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group and option: feasible for every member (``feasible``: rows × options)."""
    rows = codes >= 0
    bad = np.zeros((n_groups, feasible.shape[1]))
    np.add.at(bad, codes[rows], (~feasible[rows]).astype(float))
    return bad == 0


def _argmin(values: np.ndarray) -> np.ndarray:
    """Position of the smallest value along the last axis, the first on a tie; ``NONE`` when all are NaN."""
    filled = np.where(np.isnan(values), np.inf, values)
    best = np.argmin(filled, axis=-1)
    return np.where(np.isinf(np.min(filled, axis=-1)), NONE, best)


def _take(costs: np.ndarray, choice: np.ndarray) -> np.ndarray:
    """``costs[d, n, choice[d, n]]`` (NaN where the choice is ``NONE``)."""
    picked = np.take_along_axis(costs, np.clip(choice, 0, None)[..., None], axis=2)[..., 0]
    return np.where(choice >= 0, picked, np.nan)


def decide_draws(dwellings: pd.DataFrame, options: tuple[str, ...], dwelling_costs: np.ndarray,
                 area_costs: np.ndarray, feasible: pd.DataFrame) -> dict[str, LevelDecisions]:
    """The decision per draw (docs/method.md §8, "The decision") for ``dwelling_costs`` and ``area_costs``
    (draws × dwellings × ``options``, euros rounded as the single decision rounds them) and ``feasible``.

    Returns per level (``mini_cluster_id``, ``gebied_cluster_id``) the decided option of every cluster and draw:
    the shared option it took, or its members' most common own choice (ties: the first option name
    alphabetically, as :func:`pandas.Series.mode`).
    """
    position = {option: i for i, option in enumerate(options)}
    allowed = feasible.reindex(columns=list(options), fill_value=False).to_numpy(dtype=bool)
    choice = _individual(dwellings, options, dwelling_costs, allowed)
    alphabetical = np.argsort(np.argsort(np.array(options, dtype=object)))  # rank of each option by name
    result = {}
    for column, shared, costs in (("mini_cluster_id", MINI_OPTIONS, dwelling_costs),
                                  ("gebied_cluster_id", AREA_OPTIONS, area_costs)):
        if column not in dwellings or not dwellings[column].notna().any():
            continue
        codes, labels = _groups(dwellings[column])
        n_groups = len(labels)
        current = _take(costs, choice)
        own = np.round(_group_mean(current, codes, n_groups))
        shared_positions = [position[o] for o in shared if o in position]
        together = _all_feasible(allowed[:, shared_positions], codes, n_groups)
        candidates = [own]
        for j, option in enumerate(shared_positions):
            mean = np.round(_group_mean(costs[:, :, option], codes, n_groups))
            candidates.append(np.where(together[None, :, j], mean, np.nan))
        best = _argmin(np.stack(candidates, axis=-1))  # draws × groups; 0 = the members' own choices
        taken = best > 0
        member = codes >= 0
        take_member = np.zeros_like(choice, dtype=bool)
        take_member[:, member] = taken[:, codes[member]]
        shared_array = np.array(shared_positions + [NONE])
        new_choice = shared_array[np.clip(best - 1, 0, None)]  # the shared option's position (where taken)
        choice = np.where(take_member, np.where(member[None, :], new_choice[:, np.clip(codes, 0, None)], NONE),
                          choice)
        decided = np.where(taken, new_choice, _most_common(choice, codes, n_groups, len(options), alphabetical))
        decided = np.where(best == NONE, NONE, decided)
        result[column] = LevelDecisions(labels, options, decided)
    return result


def _individual(dwellings: pd.DataFrame, options: tuple[str, ...], costs: np.ndarray,
                allowed: np.ndarray) -> np.ndarray:
    """Each dwelling's cheapest feasible individual option per draw (draws × dwellings, option positions);
    dwellings sharing a pand decide together on the pand's mean, feasible only when feasible for all."""
    individual = [i for i, option in enumerate(options) if option in (LUCHT, BODEM, HYBRIDE)]
    values = np.where(allowed[None, :, individual], costs[:, :, individual], np.nan)
    if "pand_id" in dwellings:
        pand = dwellings["pand_id"]
        shared = pand.notna() & (pand.map(pand.value_counts()) >= 2)
        if shared.any():
            codes, labels = _groups(pand.where(shared))
            together = _all_feasible(allowed[:, individual], codes, len(labels))
            rows = codes >= 0
            for j, option in enumerate(individual):
                mean = np.round(_group_mean(costs[:, :, option], codes, len(labels)))
                mean = np.where(together[None, :, j], mean, np.nan)
                values[:, rows, j] = mean[:, codes[rows]]
    best = _argmin(values)
    return np.where(best == NONE, NONE, np.array(individual)[np.clip(best, 0, None)])


def _most_common(choice: np.ndarray, codes: np.ndarray, n_groups: int, n_options: int,
                 alphabetical: np.ndarray) -> np.ndarray:
    """Per draw and group the most common chosen option (``NONE`` when no member has one); ties go to the option
    whose name sorts first."""
    draws = choice.shape[0]
    rows = (codes >= 0)
    picked = choice[:, rows]
    known = picked >= 0
    flat = ((np.arange(draws)[:, None] * n_groups + codes[None, rows]) * n_options + np.clip(picked, 0, None))
    counts = np.bincount(flat[known], minlength=draws * n_groups * n_options).reshape(draws, n_groups, n_options)
    # the highest count wins; among equal counts the alphabetically first name (a small bonus for an early name)
    score = counts * (n_options + 1) + (n_options - alphabetical)[None, None, :]
    best = np.argmax(score, axis=-1)
    return np.where(counts.sum(axis=-1) > 0, best, NONE)
