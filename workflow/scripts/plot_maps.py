"""Rule plot_maps: an overview map and a map per buurt."""
from warmtekans.pipeline.stages.plot_maps import plot_maps
from warmtekans.pipeline.workflow import run

run(snakemake, plot_maps, gemeente=snakemake.wildcards.gemeente, dwellings=snakemake.input.dwellings,
    woonpanden=snakemake.input.woonpanden, buurten=snakemake.input.buurten,
    restrictions=snakemake.input.restrictions, sewers=snakemake.input.sewers, streets=snakemake.input.streets,
    clusters=snakemake.input.clusters, output_dir=snakemake.output[0], per_buurt=snakemake.params.per_buurt,
    naam=snakemake.params.naam, sample=snakemake.params.sample, available_inputs=snakemake.params.available_inputs,
    raster_footprints_above=snakemake.params.raster_footprints_above)
