"""Rule generate_sample: write the Voorbeeldstad sample inputs."""
from warmtekans.pipeline.stages.generate_sample import generate_sample
from warmtekans.pipeline.workflow import run

run(snakemake, generate_sample, gemeente=snakemake.wildcards.gemeente, output_dir=snakemake.params.output_dir)
