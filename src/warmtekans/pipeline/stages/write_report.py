"""Stage of the rule(s) write_report."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def write_report(*, gemeente: str, results: str, provenance: str, overview_png: str, heat_png: str, output: str,
                 naam: str | None = None) -> None:
    """``rapport.pdf``: the report for the municipality, from the result GeoPackage (layers ``buurten``,
    ``woningen``, ``straten``, ``clusters`` and the ``kwaliteit`` table), the provenance record (the run's config
    and inputs) and the two maps."""
    import pyogrio

    from warmtekans.decision.kentallen import load_cost_kentallen
    from warmtekans.outputs.provenance import read_record
    from warmtekans.outputs.report_pdf import write_report as write

    def layer(name: str, columns: list[str] | None = None):
        return pyogrio.read_dataframe(results, layer=name, columns=columns, read_geometry=False)

    record = read_record(provenance)
    costs = record["config"]["costs"]
    kentallen = load_cost_kentallen(costs.get("kentallen"), price_year=costs["price_year"],
                                    overrides=costs.get("overrides") or {})
    pages = write(output, gemeente=gemeente, naam=naam, record=record, buurten=layer("buurten"),
                  woningen=layer("woningen", ["buurtcode", "labelklasse", "label_bron", "aanbevolen"]),
                  streets=layer("straten"), clusters=layer("clusters", ["cluster_id", "beslist_op"]),
                  quality=layer("kwaliteit"), overview_png=overview_png, heat_png=heat_png, kentallen=kentallen)
    log.info("wrote %s (%d pages)", output, pages)
