"""Stage of the rule(s) web_map."""

from __future__ import annotations

import logging

import geopandas as gpd

log = logging.getLogger(__name__)


def web_map(*, gemeente: str, results: str, output: str, provenance: str | None = None, naam: str | None = None,
            available_inputs: list[str] | None = None, sample: bool = False) -> None:
    """The self-contained interactive HTML map, drawn from the result GeoPackage, with the sources and the
    provenance footer."""
    from warmtekans.outputs.mapframe import source_line
    from warmtekans.outputs.provenance import html_footer, read_record
    from warmtekans.outputs.streetsource import with_street_note
    from warmtekans.outputs.webmap import write_webmap

    layers = {name: gpd.read_file(results, layer=name, engine="pyogrio")
              for name in ("buurten", "clusters", "straten", "beperkingen", "riool", "woningen")}
    write_webmap(output, gemeente=gemeente, buurten=layers["buurten"], clusters=layers["clusters"],
                 streets=layers["straten"], zones=layers["beperkingen"], sewers=layers["riool"],
                 woningen=layers["woningen"], naam=naam,
                 footer=with_street_note(source_line(set(available_inputs or ()), sample=sample), layers["woningen"],
                                         set(available_inputs or ())),
                 footer_html=html_footer(read_record(provenance)) if provenance else "")
    log.info("wrote %s", output)
