"""Stage of the rule(s) prepare_sources."""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd

from warmtekans.config.areas import ClassInput, LayerInput
from warmtekans.core.crs import RD_CRS
from warmtekans.io.parquet import write_parquet
from warmtekans.pipeline.common import area_bbox

log = logging.getLogger(__name__)


def prepare_sources(*, wko_geschiktheid: dict | None, oppervlaktewater: dict | None, puntbronnen: dict | None,
                    settings: dict, buurten: str, wko_output: str, sources_output: str) -> None:
    """Heat-source layers: WKO suitability zones, and surface water (TEO) and point sources as one table."""
    from warmtekans.config.sections import SourceSettings
    from warmtekans.core.schemas import empty_sources, empty_wko_zones
    from warmtekans.inputs.heat_sources import (
        read_point_sources,
        read_surface_water,
        read_wko_suitability,
    )

    config = SourceSettings(**settings)
    bbox = area_bbox(buurten)
    if wko_geschiktheid is None:
        log.warning("no WKO suitability map configured: open WKO and riothermie with WKO are 'niet gecontroleerd'")
        zones = empty_wko_zones()
    else:
        zones = read_wko_suitability(ClassInput(**wko_geschiktheid), config, bbox=bbox)
        log.info("%d WKO suitability zones", len(zones))
    parts = []
    for source, reader, what in ((oppervlaktewater, read_surface_water, "surface water (TEO)"),
                                 (puntbronnen, read_point_sources, "point heat sources")):
        if source is None:
            log.warning("no %s configured: not assessed", what)
            continue
        frame = reader(LayerInput(**source), config, bbox=bbox)
        log.info("%d %s", len(frame), what)
        parts.append(frame)
    sources = (gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=RD_CRS)
               if parts else empty_sources())
    write_parquet(zones, wko_output)
    write_parquet(sources, sources_output)
