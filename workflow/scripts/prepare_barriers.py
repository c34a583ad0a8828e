"""Rule prepare_barriers: railways, major roads and water from OpenStreetMap."""
from warmtekans.pipeline.stages.prepare_barriers import prepare_barriers
from warmtekans.pipeline.workflow import run

run(snakemake, prepare_barriers, source=snakemake.params.source, buurten=snakemake.input.buurten,
    output=snakemake.output.barriers, quality_output=snakemake.output.quality)
