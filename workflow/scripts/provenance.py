"""Rule provenance: version, run date, config and the SHA-256 of every input (herkomst.yaml)."""
from warmtekans.pipeline.stages.provenance import provenance
from warmtekans.pipeline.workflow import run

run(snakemake, provenance, gemeente=snakemake.wildcards.gemeente, version=snakemake.params.version,
    config=snakemake.params.config, inputs=snakemake.params.inputs, output=snakemake.output[0])
