"""Stage of the rule(s) plot_maps."""

from __future__ import annotations

import logging

from warmtekans.io.parquet import read_geoparquet

log = logging.getLogger(__name__)


def plot_maps(*, gemeente: str, dwellings: str, woonpanden: str, buurten: str, restrictions: str, sewers: str,
              streets: str, output_dir: str, per_buurt: bool = True, clusters: str | None = None,
              naam: str | None = None, available_inputs: list[str] | None = None, sample: bool = False,
              raster_footprints_above: int | None = None) -> None:
    """PNG maps: an overview and one per buurt (clusters marked ``onzeker`` get a dashed outline);
    maps with more than ``raster_footprints_above`` buildings in view draw them as one image."""
    from warmtekans.outputs.maps import CLUSTER_COLUMNS, DWELLING_COLUMNS, write_maps

    cluster_frame = read_geoparquet(clusters, CLUSTER_COLUMNS) if clusters else None
    written = write_maps(
        output_dir, gemeente=gemeente, buurten=read_geoparquet(buurten),
        dwellings=read_geoparquet(dwellings, DWELLING_COLUMNS),
        panden=read_geoparquet(woonpanden), zones=read_geoparquet(restrictions), sewers=read_geoparquet(sewers),
        streets=read_geoparquet(streets), per_buurt=per_buurt, clusters=cluster_frame, naam=naam,
        available_inputs=set(available_inputs or ()), sample=sample, raster_footprints_above=raster_footprints_above)
    log.info("wrote %d maps to %s", len(written), output_dir)
