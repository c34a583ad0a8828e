"""Rule sensitivity: per cluster the share of draws of the estimates that keep its recommendation."""
from warmtekans.pipeline.stages.sensitivity import sensitivity
from warmtekans.pipeline.workflow import run

run(snakemake, sensitivity, members=snakemake.input.members, clusters=snakemake.input.clusters,
    restrictions=snakemake.input.restrictions, sewers=snakemake.input.sewers, buurten=snakemake.input.buurten,
    planned=snakemake.input.planned, systems=snakemake.input.systems, config=snakemake.params.config,
    wko_zones=snakemake.input.wko_zones, heat_sources=snakemake.input.heat_sources,
    available_inputs=snakemake.params.available_inputs, output=snakemake.output[0],
    processes=snakemake.threads,
    memory_limit_mb=getattr(snakemake.resources, "mem_mb", None))
