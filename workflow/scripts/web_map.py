"""Rule web_map: the self-contained interactive HTML map."""
from warmtekans.stages import web_map
from warmtekans.workflow import run

run(snakemake, web_map, gemeente=snakemake.wildcards.gemeente, results=snakemake.input.results,
    output=snakemake.output[0], provenance=snakemake.input.provenance)
