"""Rule prepare_bag: BAG panden and verblijfsobjecten of one gemeente."""
from warmtekans.stages import prepare_bag
from warmtekans.workflow import run

run(snakemake, prepare_bag, source=snakemake.params.source, buurten=snakemake.input.buurten,
    panden_output=snakemake.output.panden, vbo_output=snakemake.output.vbos,
    settings=snakemake.params.settings, quality_output=snakemake.output.quality)
