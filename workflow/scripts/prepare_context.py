"""Rule prepare_context: planned large heat networks and registered ground-energy systems."""
from warmtekans.stages import prepare_context
from warmtekans.workflow import run

run(snakemake, prepare_context, planned=snakemake.params.planned, systems=snakemake.params.systems,
    buurten=snakemake.input.buurten, planned_output=snakemake.output.planned, systems_output=snakemake.output.systems,
    quality_output=snakemake.output.quality)
