"""Rule build_clusters: mini and area clusters."""
from warmtekans.pipeline.stages.build_clusters import build_clusters
from warmtekans.pipeline.workflow import run

run(snakemake, build_clusters, dwellings=snakemake.input.dwellings, woonpanden=snakemake.input.woonpanden,
    streets=snakemake.input.streets, barriers=snakemake.input.barriers,
    settings=snakemake.params.settings,
    members_output=snakemake.output.members, clusters_output=snakemake.output.clusters,
    breakdown_output=snakemake.output.breakdown)
