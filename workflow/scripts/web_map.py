"""Rule web_map: the self-contained interactive HTML map."""
from warmtekans.pipeline.stages.web_map import web_map
from warmtekans.pipeline.workflow import run

run(snakemake, web_map, gemeente=snakemake.wildcards.gemeente, results=snakemake.input.results,
    output=snakemake.output[0], provenance=snakemake.input.provenance, naam=snakemake.params.naam,
    sample=snakemake.params.sample, available_inputs=snakemake.params.available_inputs)
