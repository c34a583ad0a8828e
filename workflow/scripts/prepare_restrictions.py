"""Rule prepare_restrictions: drinking-water and archaeology zones with their effect."""
from warmtekans.stages import prepare_restrictions
from warmtekans.workflow import run

run(snakemake, prepare_restrictions, drinkwater=snakemake.params.drinkwater,
    archeologie=snakemake.params.archeologie, settings=snakemake.params.settings,
    buurten=snakemake.input.buurten, output=snakemake.output.data,
    quality_output=snakemake.output.quality)
