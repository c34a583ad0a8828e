"""Settings of how a run fetches its inputs and what it writes: not part of the method, so no rule that
assesses reads them (a change here never reruns the assessment)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from warmtekans.config.base import StrictModel, real_date


class DownloadSettings(StrictModel):
    """Downloading inputs from the pinned sources (src/warmtekans/data/sources.csv)."""

    offline: bool = Field(
        False, description="Run fully offline: refuse every download; every input must be a local file."
    )
    urls: dict[str, str] = Field(
        default_factory=dict,
        description="Override the URL of a pinned source by dataset name (a mirror, a test server).",
    )
    timeout_s: float = Field(30.0, gt=0, description="Timeout per request (s).")
    retries: int = Field(2, ge=0, le=10, description="Retries after a network error or a server error.")
    drinkwater_typename: str = Field(
        "grondwaterbeschermingsgebieden:grondwaterbeschermingsgebied",
        description="WFS type name of the PDOK grondwaterbeschermingsgebieden (check GetCapabilities).",
    )
    drinkwater_zone_column: str = Field("zone_type", description="Zone-type column of the downloaded zones.")
    osm_date: str | None = Field(None, description="Overpass [date:...]; default the pinned date in sources.csv.")

    @field_validator("osm_date", mode="before")
    @classmethod
    def _osm_date(cls, value: Any) -> str | None:
        return None if value is None else real_date(value, allow_time=True)

    @field_validator("urls")
    @classmethod
    def _known_datasets(cls, urls: dict[str, str]) -> dict[str, str]:
        from warmtekans.config.datasets import pinned_sources

        known = pinned_sources()
        unknown = sorted(set(urls) - set(known))
        if unknown:
            raise ValueError(f"unknown datasets {unknown}; pinned sources: {', '.join(known)}")
        return urls


class ResultSettings(StrictModel):
    """What the results contain."""

    buurt_maps: bool = Field(
        True,
        description="A PNG map per buurt (the overview is always drawn); "
        "switch off for province-scale runs where it dominates the run time.",
    )
    raster_footprints_above: int | None = Field(
        10_000,
        ge=0,
        description="Performance setting, not a method estimate: a PNG map with more buildings than "
        "this in view draws them as one image burnt at the PNG's pixel size (same advice colours, antialiased "
        "edges) instead of as polygons. Measured: polygons cost about 0.07 ms CPU per building, the image 0.4 s "
        "plus 0.02 ms per building, equal at 5 000-10 000; null: always polygons.",
    )
