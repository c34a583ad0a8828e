"""Stage of the rule(s) prepare_sources."""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd

from warmtekans.config.areas import ClassInput, LayerInput
from warmtekans.core.crs import RD_CRS
from warmtekans.io.parquet import write_parquet
from warmtekans.pipeline.common import area_bbox, new_quality_log

log = logging.getLogger(__name__)


def prepare_sources(*, wko_geschiktheid: dict | None, oppervlaktewater: dict | None, puntbronnen: dict | None,
                    settings: dict, buurten: str, wko_output: str, sources_output: str,
                    quality_output: str | None = None) -> None:
    """Heat-source layers: WKO suitability zones, and surface water (TEO) and point sources as one table."""
    from warmtekans.config.sections import SourceSettings
    from warmtekans.core.schemas import empty_sources, empty_wko_zones
    from warmtekans.inputs.heat_sources import (
        read_point_sources,
        read_surface_water,
        read_wko_suitability,
    )

    quality, save = new_quality_log(quality_output)
    config = SourceSettings(**settings)
    bbox = area_bbox(buurten)
    if wko_geschiktheid is None:
        log.warning("no WKO suitability map configured: open WKO and riothermie with WKO are 'niet gecontroleerd'")
        quality.entry("wko_geschiktheid").not_checked("geen WKO-geschiktheidskaart: open WKO niet gecontroleerd")
        zones = empty_wko_zones()
    else:
        zones = read_wko_suitability(ClassInput(**wko_geschiktheid), config, bbox=bbox, quality=quality)
        log.info("%d WKO suitability zones", len(zones))
    parts = []
    for source, reader, what, name in (
        (oppervlaktewater, read_surface_water, "surface water (TEO)", "oppervlaktewater"),
        (puntbronnen, read_point_sources, "point heat sources", "puntbronnen"),
    ):
        if source is None:
            log.warning("no %s configured: not assessed", what)
            quality.entry(name).not_checked(f"geen {name} opgegeven: niet beoordeeld")
            continue
        frame = reader(LayerInput(**source), config, bbox=bbox, quality=quality)
        log.info("%d %s", len(frame), what)
        parts.append(frame)
    sources = (
        gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=RD_CRS)
        if parts
        else empty_sources()
    )
    write_parquet(zones, wko_output)
    write_parquet(sources, sources_output)
    save()
