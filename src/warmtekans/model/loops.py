"""Sizing closed borehole loops (bodemlussen) for dwellings and mini clusters (docs/method.md section 4)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from warmtekans.config.sections import LoopSettings
from warmtekans.core.units import KWH_PER_GJ


def borehole_metres(dwellings: pd.DataFrame, settings: LoopSettings) -> pd.DataFrame:
    """Borehole metres per dwelling: the larger of an energy limit and a peak limit.

    Energy (kWh/yr taken from the ground, per metre at most ``extraction_kwh_per_m_year``)::

        E = 277.8 × (RV × (1 − 1/SPF_rv(label)) + TW × (1 − 1/SPF_tw))
        L_energie = E / q_jaar

    Peak (design capacity from the label-dependent space-heating demand, per metre at most
    ``extraction_w_per_m``)::

        P = 277.8 × RV / vollasturen                  (kW)
        L_piek = 1000 × P × (1 − 1/COP) / q_piek

    ``dwellings`` needs ``rv_gj``, ``tw_gj`` (GJ/yr) and ``labelklasse`` (A..G; an unknown
    label takes the lowest SPF). Returns ``boormeters_energie_m``, ``boormeters_piek_m`` and
    ``boormeters_m`` (m), indexed like ``dwellings``.
    """
    spf = dwellings["labelklasse"].astype("object").map(settings.spf_space_heating).astype(float)
    spf = spf.fillna(min(settings.spf_space_heating.values()))
    space = dwellings["rv_gj"].astype(float)
    tap = dwellings["tw_gj"].astype(float)
    ground_kwh = KWH_PER_GJ * (space * (1 - 1 / spf) + tap * (1 - 1 / settings.spf_tap_water))
    energy = ground_kwh / settings.extraction_kwh_per_m_year
    design_kw = KWH_PER_GJ * space / settings.full_load_hours
    peak = 1000 * design_kw * (1 - 1 / settings.heat_pump_scop) / settings.extraction_w_per_m
    return pd.DataFrame({"boormeters_energie_m": energy.round(1), "boormeters_piek_m": peak.round(1),
                         "boormeters_m": np.maximum(energy, peak).round(1)}, index=dwellings.index)


def _greedy_loops_batch(need: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_greedy_loops`` (tests/reference.py) for many rows at once (the same arithmetic, so the same answer).

    ``need`` is (rows × positions) metres in row order, NaN after a row's last dwelling;
    ``capacity`` the metres per loop of each row. Returns the boreholes per row and the loop
    group (0-based) of every position (−1 on padding).
    """
    rows = need.shape[0]
    groups = np.full(need.shape, -1, dtype=np.int64)
    made = np.zeros(rows, dtype=np.int64)  # groups so far
    last = np.zeros(rows, dtype=np.int64)  # boreholes of the last group
    load = np.zeros(rows)
    count = np.zeros(rows, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for position in range(need.shape[1]):
            value = need[:, position]
            present = ~np.isnan(value)
            over = present & (value > capacity)
            join = present & ~over & (made > 0) & (last == 1) & (load + value <= capacity + 1e-9)
            new = present & ~over & ~join
            boreholes = np.where(over, np.ceil(value / capacity - 1e-9), 1).astype(np.int64)
            started = over | new
            made = made + started
            last = np.where(started, boreholes, last)
            count = count + np.where(started, boreholes, 0)
            load = np.where(over, capacity, np.where(join, load + value, np.where(new, value, load)))
            groups[present, position] = made[present] - 1
    return count, groups


def pack_loops_batch(
    need: np.ndarray, max_depth_m: np.ndarray, min_depth_m: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``pack_loops`` (tests/reference.py) for many rows at once: the same bisection, row by row in lockstep.

    ``need`` as in :func:`_greedy_loops_batch`, ``max_depth_m`` per row. Returns boreholes and
    depth (m) per row, and the loop group (counted from 1; 0 on padding) of every position.
    """
    count, _ = _greedy_loops_batch(need, max_depth_m)
    low = np.full(len(need), math.ceil(min_depth_m), dtype=np.int64)
    high = np.floor(max_depth_m).astype(np.int64)
    searching = high >= low
    while True:
        open_rows = searching & (low < high)
        if not open_rows.any():
            break
        middle = (low + high) // 2
        fits = _greedy_loops_batch(need, np.where(open_rows, middle, max_depth_m).astype(float))[0] <= count
        high = np.where(open_rows & fits, middle, high)
        low = np.where(open_rows & ~fits, middle + 1, low)
    low_fits = _greedy_loops_batch(need, np.where(searching, low, max_depth_m).astype(float))[0] <= count
    depth = np.where(searching & low_fits, low.astype(float), max_depth_m)
    count, groups = _greedy_loops_batch(need, depth)
    return count, depth, groups + 1


def size_loops_per_cluster(
    metres: pd.Series, cluster: pd.Series, along: pd.Series, depth_limit_m: pd.Series, settings: LoopSettings
) -> tuple[pd.DataFrame, pd.Series]:
    """Size the shared borehole loops (bodemlussen) of every mini cluster.

    Parameters
    ----------
    metres
        Borehole metres per dwelling (:func:`borehole_metres`).
    cluster
        Cluster id per dwelling.
    along
        Position of each dwelling along its row (m); neighbours share a loop.
    depth_limit_m
        Per cluster the drilling-depth limit of its restriction zones (NaN = none).

    The deepest loop is ``loop_depth_max_m`` capped by the limit; shallower than
    ``loop_depth_min_m`` no shared loop fits (``bodemlussen`` NaN, ``woningen_per_lus`` 0).
    Otherwise :func:`pack_loops_batch` chooses the loops and their depth.

    Returns per cluster ``boormeters`` (m), ``lusdiepte_m``, ``bodemlussen``,
    ``woningen_per_lus`` and ``lusbelasting_max`` (highest metres needed / metres drilled of a
    loop group, ≤ 1); and per dwelling its ``lusgroep`` (1, 2, …; NA where no loop fits).
    """
    codes, keys = pd.factorize(cluster, sort=True)
    order = np.lexsort((along.to_numpy(dtype=float), codes))
    need_sorted = metres.to_numpy(dtype=float)[order]
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(order)]])
    limits = depth_limit_m.reindex(keys).fillna(np.inf).to_numpy(dtype=float)
    columns = ["boormeters", "lusdiepte_m", "bodemlussen", "woningen_per_lus", "lusbelasting_max"]
    table = np.full((len(keys), len(columns)), np.nan)
    groups_sorted = np.full(len(order), np.nan)
    max_depth = np.minimum(settings.loop_depth_max_m, limits)
    sizes = ends - starts
    # one row per cluster, its dwellings in row order (NaN padding): all clusters are packed at once
    slot = np.arange(len(order)) - np.repeat(starts, sizes)
    row = np.repeat(np.arange(len(keys)), sizes)
    padded = np.full((len(keys), int(sizes.max()) if len(sizes) else 0), np.nan)
    padded[row, slot] = need_sorted
    totals = np.array([need_sorted[start:end].sum() for start, end in zip(starts, ends)])  # as np.sum per row
    too_shallow = max_depth < settings.loop_depth_min_m
    table[too_shallow] = np.column_stack(
        [totals, max_depth, np.full(len(keys), np.nan), np.zeros(len(keys)), np.full(len(keys), np.nan)]
    )[too_shallow]
    fit = np.flatnonzero(~too_shallow)
    if len(fit):
        count, depth, groups = pack_loops_batch(padded[fit], max_depth[fit], settings.loop_depth_min_m)
        member = np.isin(row, fit)
        fit_row = np.searchsorted(fit, row[member])
        group_of_member = groups[fit_row, slot[member]]
        groups_sorted[member] = group_of_member
        # metres per loop group, and boreholes per group as in pack_loops' caller
        width = int(groups.max()) + 1
        per_group = np.bincount(
            fit_row * width + group_of_member - 1, weights=need_sorted[member], minlength=len(fit) * width
        ).reshape(len(fit), width)
        used = np.zeros((len(fit), width), dtype=bool)
        used[fit_row, group_of_member - 1] = True
        boreholes = np.maximum(1, np.ceil(per_group / depth[:, None] - 1e-9))
        load = np.where(used, per_group / (boreholes * depth[:, None]), -np.inf).max(axis=1)
        table[fit] = np.column_stack([totals[fit], depth, count.astype(float), sizes[fit] / count, load])
    result = pd.DataFrame(table, index=keys, columns=columns)
    result["boormeters"] = result["boormeters"].round(1)
    result["woningen_per_lus"] = result["woningen_per_lus"].round(2)
    result["lusbelasting_max"] = result["lusbelasting_max"].round(3)
    group_values = np.empty(len(order))
    group_values[order] = groups_sorted
    group_of = pd.Series(group_values, index=metres.index).astype("Int64")
    return result, group_of


def boreholes_fit(loops: pd.Series, frontage_m: pd.Series, spacing_m: float) -> pd.Series:
    """Whether the boreholes fit in one line along the row: loops ≤ ⌊frontage / spacing⌋ + 1.

    False where no shared loop fits (``loops`` NaN).
    """
    room = np.floor(frontage_m.clip(lower=0) / spacing_m) + 1
    return (loops.notna() & (loops <= room)).astype(bool)
