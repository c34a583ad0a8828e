"""Rule prepare_streets: street segments from OpenStreetMap."""
from warmtekans.stages import prepare_streets
from warmtekans.workflow import run

run(snakemake, prepare_streets, source=snakemake.params.source, buurten=snakemake.input.buurten, output=snakemake.output.data,
    quality_output=snakemake.output.quality)
