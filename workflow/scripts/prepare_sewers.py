"""Rule prepare_sewers: GWSW sewer pipes."""
from warmtekans.stages import prepare_sewers
from warmtekans.workflow import run

run(snakemake, prepare_sewers, source=snakemake.params.source, settings=snakemake.params.settings,
    buurten=snakemake.input.buurten, output=snakemake.output.data,
    quality_output=snakemake.output.quality)
