"""The method settings the assessment reads, as one model (what the rules score_clusters and sensitivity get)."""

from __future__ import annotations

from warmtekans.config.base import StrictModel
from warmtekans.config.cost_settings import AdviceSettings, CostSettings
from warmtekans.config.sections import (
    ClusterSettings,
    LoopSettings,
    ScoringSettings,
    SensitivitySettings,
    SewerSettings,
    SourceSettings,
)


class MethodSettings(StrictModel):
    """The method sections the assessment reads: what the rules score_clusters and sensitivity get as
    parameters (``pipeline.workflow.method_config``), so a change elsewhere in the config reruns neither.

    ``loops`` are the area's: the ``loops`` section with the area's own ``areas.<code>.loops`` on top.
    """

    clusters: ClusterSettings
    loops: LoopSettings
    sewer: SewerSettings
    sources: SourceSettings
    scoring: ScoringSettings
    costs: CostSettings
    sensitivity: SensitivitySettings | None = None
    advies: AdviceSettings = AdviceSettings()
