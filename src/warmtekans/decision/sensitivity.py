"""Sensitivity of the recommendations to the parameters marked *(estimate)* in docs/method.md.

Every estimate used by the assessment is drawn from a documented range
(:data:`warmtekans.config.sections.ESTIMATE_RANGES` for single settings; every scoring criterion's weight,
poor and good value by ``sensitivity.weight_factor`` and ``sensitivity.scale_shift``), the clusters are
assessed again with the real entry point (:func:`warmtekans.decision.assess.assess`), and per cluster the share
of draws that keep the recommendation of the configured values is its ``stabiliteit`` (0–1).
Clusters below ``sensitivity.unstable_below`` are ``onzeker``.

Draws are seeded (``sensitivity.seed``), so a rerun gives the same answer. Cluster formation
(``clusters.*`` distances) is not redrawn: the clusters stay the same, so "the same
recommendation" is well defined per cluster.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from warmtekans.config.method import MethodSettings
from warmtekans.config.sections import SensitivitySettings

log = logging.getLogger(__name__)


#: The cluster column whose value must stay the same across draws.
RECOMMENDATION_COLUMN = "configuratie"


@dataclass(frozen=True)
class Draw:
    """One set of sampled values: config path (``section.field`` or
    ``scoring.<schaal>.<criterion>.<weight|poor|good>``) → value."""

    values: dict[str, float]


def parameter_ranges(config: MethodSettings) -> dict[str, tuple[float, float]]:
    """Every sampled parameter of ``config`` with its (low, high) range.

    Single settings come from ``config.sensitivity.ranges`` (default
    :data:`warmtekans.config.sections.ESTIMATE_RANGES`). Each scoring criterion's weight is multiplied by a factor in
    ``weight_factor``; its poor and good values are shifted by up to ``scale_shift`` × |good − poor|.
    """
    settings = config.sensitivity
    ranges = {path: (float(low), float(high)) for path, (low, high) in settings.ranges.items()}
    low_factor, high_factor = settings.weight_factor
    for scale in ("mini", "kleinschalig", "grootschalig"):
        for name, criterion in getattr(config.scoring, scale).items():
            prefix = f"scoring.{scale}.{name}"
            ranges[f"{prefix}.weight"] = (criterion.weight * low_factor, criterion.weight * high_factor)
            span = settings.scale_shift * abs(criterion.good - criterion.poor)
            ranges[f"{prefix}.poor"] = (criterion.poor - span, criterion.poor + span)
            ranges[f"{prefix}.good"] = (criterion.good - span, criterion.good + span)
    return ranges


def sample_draws(ranges: dict[str, tuple[float, float]], draws: int, seed: int) -> list[Draw]:
    """``draws`` independent uniform draws of every parameter, seeded (deterministic)."""
    rng = np.random.default_rng(seed)
    names = sorted(ranges)
    lows = np.array([ranges[n][0] for n in names])
    highs = np.array([ranges[n][1] for n in names])
    values = rng.uniform(lows, highs, size=(draws, len(names)))
    return [Draw(dict(zip(names, row.tolist()))) for row in values]


def config_for(config: MethodSettings, draw: Draw) -> MethodSettings:
    """A copy of ``config`` with the drawn values set (sections re-validated)."""
    sections: dict[str, dict] = {}
    for path, value in draw.values.items():
        section, *keys = path.split(".")
        target = sections.setdefault(section, getattr(config, section).model_dump())
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    for scale_criteria in (sections.get("scoring") or {}).values():
        if isinstance(scale_criteria, dict):
            for criterion in scale_criteria.values():
                if criterion["poor"] == criterion["good"]:
                    criterion["good"] += 1e-9  # a shifted scale may not collapse
    update = {name: type(getattr(config, name)).model_validate(values) for name, values in sections.items()}
    return config.model_copy(update=update)


def stability(config: MethodSettings, assess_draw: Callable[[MethodSettings], pd.DataFrame], processes: int = 1,
              memory_limit_mb: float | None = None) -> pd.DataFrame:
    """Per cluster the share of draws that keep the base recommendation.

    ``assess_draw(config)`` returns the assessed clusters (indexed by ``cluster_id``) with
    :data:`RECOMMENDATION_COLUMN`. Returns ``cluster_id``, ``stabiliteit`` (0–1) and
    ``onzeker`` (bool: stabiliteit below ``sensitivity.unstable_below``); both empty when
    ``sensitivity.draws`` is 0. ``processes`` > 1 assesses the draws in that many processes
    (forked, where the platform can; the same answer, as every draw is seeded beforehand), as
    many as fit in ``memory_limit_mb`` (:func:`processes_that_fit`).
    """
    settings: SensitivitySettings = config.sensitivity
    base = assess_draw(config)[RECOMMENDATION_COLUMN]
    if processes > 1 and memory_limit_mb:
        # a forked process shares the inputs but its resident size counts them again: assume it needs as much
        # as this one, plus the headroom of DRAW_MEMORY_MARGIN (draws peak above the base assessment), so the
        # sum of the peaks (what `job usage` reports) stays within the limit
        processes = processes_that_fit(processes, DRAW_MEMORY_MARGIN * _peak_mb(), memory_limit_mb)
        log.info("base assessment peak %.0f MB: draws in %d process(es) within %.0f MB", _peak_mb(), processes,
                 memory_limit_mb)
    if settings.draws == 0:  # switched off: not determined, never reported as stable
        return pd.DataFrame({"cluster_id": base.index.astype("string"), "stabiliteit": np.nan,
                             "onzeker": pd.array([pd.NA] * len(base), dtype="boolean")})
    same = pd.Series(0, index=base.index, dtype="int64")
    draws = sample_draws(parameter_ranges(config), settings.draws, settings.seed)
    configs = [config_for(config, draw) for draw in draws]

    def recommendation(drawn_config: MethodSettings) -> pd.Series:
        return assess_draw(drawn_config)[RECOMMENDATION_COLUMN].reindex(base.index)

    for number, drawn in enumerate(_in_processes(recommendation, configs, processes), start=1):
        same += (drawn == base).fillna(False).astype("int64")
        log.debug("draw %d/%d: %d clusters changed", number, len(draws), int((drawn != base).sum()))
    share = (same / len(draws)).round(3)
    return pd.DataFrame({"cluster_id": base.index.astype("string"), "stabiliteit": share.to_numpy(),
                         "onzeker": (share < settings.unstable_below).to_numpy()})


#: Headroom on the base assessment's peak memory when deciding how many processes fit: a draw can need
#: more than the base (longer reaches give more pairs). A performance setting, not a method estimate.
DRAW_MEMORY_MARGIN = 1.5


def processes_that_fit(wanted: int, per_process_mb: float, limit_mb: float) -> int:
    """How many processes (≤ ``wanted``, ≥ 1) of ``per_process_mb`` each fit in ``limit_mb``."""
    return max(1, min(wanted, int(limit_mb // max(per_process_mb, 1.0))))


def _peak_mb() -> float:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


_JOB: tuple[Callable, list] | None = None  # the work of forked processes, set just before forking


def _run_one(position: int):
    function, items = _JOB
    return function(items[position])


def _in_processes(function: Callable, items: list, processes: int) -> list:
    """``[function(item) for item in items]``, shared with ``processes - 1`` forked processes.

    This process takes every ``processes``-th item itself, so memory grows by the working set
    of the extra processes only (the inputs are shared copy-on-write). Falls back to one
    process where fork is not available (Windows).
    """
    import multiprocessing

    if processes <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _JOB
    _JOB = (function, items)
    others = [k for k in range(len(items)) if k % processes]
    results: dict[int, object] = {}
    try:
        with multiprocessing.get_context("fork").Pool(processes - 1) as pool:
            pending = pool.map_async(_run_one, others, chunksize=1)
            for k in range(0, len(items), processes):
                results[k] = function(items[k])
            results.update(zip(others, pending.get()))
    finally:
        _JOB = None
    return [results[k] for k in range(len(items))]
