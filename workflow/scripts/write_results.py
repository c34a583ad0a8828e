"""Rule write_results: the per-gemeente GeoPackage."""
from warmtekans.stages import write_results
from warmtekans.workflow import run

run(snakemake, write_results, dwellings=snakemake.input.dwellings, clusters=snakemake.input.clusters,
    streets=snakemake.input.streets, buurten=snakemake.input.buurten, restrictions=snakemake.input.restrictions,
    sewers=snakemake.input.sewers, report=snakemake.input.report,
    available_inputs=snakemake.params.available_inputs, output=snakemake.output[0])
