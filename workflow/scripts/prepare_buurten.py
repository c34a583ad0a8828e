"""Rule prepare_buurten: the CBS buurten of one gemeente."""
from warmtekans.pipeline.stages.prepare_buurten import prepare_buurten
from warmtekans.pipeline.workflow import run

run(snakemake, prepare_buurten, source=snakemake.params.source, gemeente=snakemake.wildcards.gemeente,
    output=snakemake.output.data,
    quality_output=snakemake.output.quality)
