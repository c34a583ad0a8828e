"""Rule generate_sample: write the Voorbeeldstad sample inputs."""
from warmtekans.stages import generate_sample
from warmtekans.workflow import run

run(snakemake, generate_sample, gemeente=snakemake.wildcards.gemeente, output_dir=snakemake.params.output_dir)
