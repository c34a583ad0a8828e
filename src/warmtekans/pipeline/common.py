"""Helpers shared by the stages: the area's bounding box, the quality log, stability columns."""

from __future__ import annotations

import logging

from warmtekans.io.parquet import read_geoparquet

log = logging.getLogger(__name__)


AREA_MARGIN_M = 200.0


def area_bbox(buurten_path: str) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = read_geoparquet(buurten_path).total_bounds
    return (minx - AREA_MARGIN_M, miny - AREA_MARGIN_M, maxx + AREA_MARGIN_M, maxy + AREA_MARGIN_M)


def new_quality_log(output: str | None):
    """A fresh quality log, and a function that writes it to ``output`` (when given)."""
    from warmtekans.core.quality import QualityLog

    quality = QualityLog()
    return quality, (lambda: quality.write(output) if output else None)
