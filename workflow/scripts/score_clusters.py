"""Rule score_clusters: restrictions, loops, sewer heat, scores and recommendations."""
from warmtekans.pipeline.stages.score_clusters import score_clusters
from warmtekans.pipeline.workflow import run

run(snakemake, score_clusters, members=snakemake.input.members, clusters=snakemake.input.clusters,
    restrictions=snakemake.input.restrictions, sewers=snakemake.input.sewers, buurten=snakemake.input.buurten,
    planned=snakemake.input.planned, systems=snakemake.input.systems,
    wko_zones=snakemake.input.wko_zones, heat_sources=snakemake.input.heat_sources,
    config=snakemake.params.config, available_inputs=snakemake.params.available_inputs,
    dwellings_output=snakemake.output.dwellings, clusters_output=snakemake.output.clusters,
    sewer_output=snakemake.output.sewers,
    sources_output=snakemake.output.sources)
