"""Stage of the rule(s) prepare_barriers."""

from __future__ import annotations

import logging

from warmtekans.io.parquet import write_parquet
from warmtekans.pipeline.common import area_bbox, new_quality_log

log = logging.getLogger(__name__)


def prepare_barriers(*, source: str | None, buurten: str, output: str, quality_output: str | None = None) -> None:
    """Barriers for area networks (railways, major roads, waterways, water) from the OSM file
    (empty when none is configured: areas are then bounded by buurten only)."""
    from warmtekans.core.schemas import empty_barriers
    from warmtekans.inputs.osm import read_osm_barriers as read_barriers

    quality, save = new_quality_log(quality_output)
    if source is None:
        log.warning("no OSM file configured: areas are not cut at railways, major roads or water")
        quality.entry("barrieres").not_checked("geen OSM-bestand: gebieden niet geknipt bij spoor, hoofdweg of water")
        barriers = empty_barriers()
    else:
        barriers = read_barriers(source, area_bbox(buurten), quality=quality)
        log.info("%d barrier features (%s)", len(barriers), barriers["soort"].value_counts().to_dict())
    write_parquet(barriers, output)
    save()
