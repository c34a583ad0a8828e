"""Stage of the rule(s) heat_density."""

from __future__ import annotations

import logging

from warmtekans.io.parquet import read_geoparquet

log = logging.getLogger(__name__)


def heat_density(*, dwellings: str, gemeente: str, tif_output: str, png_output: str, buurten: str | None = None,
                 naam: str | None = None, available_inputs: list[str] | None = None, sample: bool = False) -> None:
    """The heat-density raster (COG, GJ/ha/yr on a 100 m RD grid) and its classed PNG with buurt outlines."""
    from warmtekans.outputs.mapframe import source_line
    from warmtekans.outputs.raster import write_heat_density

    place = f"{naam} ({gemeente})" if naam and naam != gemeente else gemeente
    write_heat_density(read_geoparquet(dwellings, ["warmtevraag_gj"]), tif_output, png_output,
                       title=f"Warmtedichtheid {place}",
                       buurten=read_geoparquet(buurten) if buurten else None,
                       source=source_line(set(available_inputs or ()), sample=sample, relevant=("energielabels",)))
    log.info("wrote %s", tif_output)
