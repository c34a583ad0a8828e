"""The whole workflow configuration: one typed source of truth (config/config.yaml).

The Snakefile validates the user's config with :func:`warmtekans.config.loader.validate_config`
before any job runs. Unknown keys are rejected (``extra="forbid"``); ``config/schema.json`` and
``config/defaults.yaml`` are generated from these models (``make schema``); a test fails when they drift.
Every default carries its source in the field description; ``docs/method.md`` explains each one.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from warmtekans.config.areas import AreaConfig
from warmtekans.config.base import GEMEENTE_PATTERN, SettingError, StrictModel
from warmtekans.config.cost_settings import AdviceSettings, CostSettings
from warmtekans.config.method import MethodSettings
from warmtekans.config.outdoor_unit import OutdoorUnitSettings
from warmtekans.config.region import ALL_GEMEENTEN, RegionConfig
from warmtekans.config.run_settings import DownloadSettings, ResultSettings
from warmtekans.config.sections import (
    ClusterSettings,
    DwellingSettings,
    LoopSettings,
    RestrictionSettings,
    ScoringSettings,
    SensitivitySettings,
    SewerSettings,
    SourceSettings,
)


class Config(StrictModel):
    """The whole workflow configuration (config/config.yaml)."""

    gemeenten: list[str] | Literal["alle"] = Field(
        description="Codes (GMxxxx) of the gemeenten to run; each is one job per stage. 'alle': every gemeente in "
        "regio.inputs.buurten.")
    regio: RegionConfig | None = Field(
        None, description="Merge the gemeenten into one result, results/<regio.code>/ (GeoPackage, maps, table, "
        "index page); its inputs cover every gemeente at once.")
    areas: dict[str, AreaConfig] = Field(
        default_factory=dict, description="Per gemeente: name and inputs (with a regio: only what differs from it).")
    kentallen: str | None = Field(
        None, description="Heat-demand table; default: the one shipped in the package (from PBL Vesta MAIS 5.0)."
    )
    dwellings: DwellingSettings = DwellingSettings()
    clusters: ClusterSettings = ClusterSettings()
    loops: LoopSettings = LoopSettings()
    buitenunit: OutdoorUnitSettings = OutdoorUnitSettings()
    sewer: SewerSettings = SewerSettings()
    sources: SourceSettings = SourceSettings()
    restrictions: RestrictionSettings = RestrictionSettings()
    scoring: ScoringSettings = ScoringSettings()
    costs: CostSettings = CostSettings()
    advies: AdviceSettings = AdviceSettings()
    download: DownloadSettings = DownloadSettings()
    results: ResultSettings = ResultSettings()
    sensitivity: SensitivitySettings = SensitivitySettings()

    @field_validator("gemeenten")
    @classmethod
    def _codes(cls, codes: list[str] | str) -> list[str] | str:
        if codes == ALL_GEMEENTEN:
            return codes
        if not codes:
            raise ValueError("name at least one gemeente")
        for code in codes:
            if not re.fullmatch(GEMEENTE_PATTERN, code):
                raise ValueError(f"'{code}' is not a gemeentecode like GM0518")
        if len(set(codes)) != len(codes):
            raise ValueError("a gemeente is listed twice")
        return codes

    @model_validator(mode="after")
    def _sensitivity_paths(self) -> "Config":
        for path in self.sensitivity.ranges:
            section, *keys = path.split(".")
            if section not in MethodSettings.model_fields or section == "sensitivity":
                raise ValueError(f"sensitivity.ranges: '{path}' is not a setting the assessment reads (sections: "
                                 f"{', '.join(n for n in MethodSettings.model_fields if n != 'sensitivity')})")
            if section == "costs" and len(keys) == 2 and keys[0] == "overrides":
                continue  # a cost kentallen value (checked against the kentallen file when loaded)
            target: Any = self
            for key in [section, *keys]:
                target = getattr(target, key, None) if isinstance(target, BaseModel) else None
            if len(keys) != 1 or not isinstance(target, (int, float)) or isinstance(target, bool):
                raise ValueError(f"sensitivity.ranges: '{path}' is not a numeric setting (section.field)")
        return self

    @model_validator(mode="after")
    def _areas_known(self) -> "Config":
        region_inputs = self.regio.inputs if self.regio is not None else None
        if self.gemeenten == ALL_GEMEENTEN:
            if region_inputs is None or region_inputs.buurten is None:
                raise SettingError("gemeenten", "'alle' needs regio.inputs.buurten: a CBS wijk- en buurtkaart whose "
                                                "gemeenten are run (regio: {code, naam, inputs: {buurten: ...}})")
            listed = [code for code in self.areas if re.fullmatch(GEMEENTE_PATTERN, code)]
        else:
            listed = list(self.gemeenten)
            if region_inputs is None:
                missing = [c for c in listed if c not in self.areas]
                if missing:
                    raise ValueError(f"gemeenten {missing} have no entry under 'areas'")
                unnamed = [c for c in listed if not self.areas[c].naam]
                if unnamed:
                    raise SettingError(f"areas.{unnamed[0]}.naam", "give the gemeente's name (it is only taken from "
                                                                 "the buurten file for a regio with inputs)")
        for code in listed:
            area = self.areas.get(code)
            problem = (area or AreaConfig()).missing_inputs(region_inputs)
            if problem:
                raise SettingError(f"areas.{code}", problem)
        if self.download.offline:
            downloading = [c for c in listed if c in self.areas and self.areas[c].download]
            if downloading:
                raise ValueError(f"download.offline is true, but areas {downloading} ask 'download: true'; "
                                 "give local files under 'inputs' instead")
        return self
