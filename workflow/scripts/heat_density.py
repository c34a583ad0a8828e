"""Rule heat_density: the heat-density raster (COG) and its classed PNG."""
from warmtekans.pipeline.stages.heat_density import heat_density
from warmtekans.pipeline.workflow import run

run(snakemake, heat_density, dwellings=snakemake.input.dwellings, gemeente=snakemake.wildcards.gemeente,
    tif_output=snakemake.output.tif, png_output=snakemake.output.png, buurten=snakemake.input.buurten,
    naam=snakemake.params.naam, sample=snakemake.params.sample, available_inputs=snakemake.params.available_inputs)
