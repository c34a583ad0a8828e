"""Rule write_report: rapport.pdf, the report for the municipality."""
from pathlib import Path

from warmtekans.pipeline.stages.write_report import write_report
from warmtekans.pipeline.workflow import run

run(snakemake, write_report, gemeente=snakemake.wildcards.gemeente, results=snakemake.input.results,
    provenance=snakemake.input.provenance, overview_png=str(Path(snakemake.input.maps) / "overzicht.png"),
    heat_png=snakemake.input.heat_density, output=snakemake.output[0], naam=snakemake.params.naam)
