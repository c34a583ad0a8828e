"""Rule build_clusters: mini and area clusters, and room on the plot per dwelling."""
from warmtekans.pipeline.stages.build_clusters import build_clusters
from warmtekans.pipeline.workflow import run

run(snakemake, build_clusters, dwellings=snakemake.input.dwellings, woonpanden=snakemake.input.woonpanden,
    streets=snakemake.input.streets, barriers=snakemake.input.barriers,
    settings=snakemake.params.settings, outdoor_unit=snakemake.params.outdoor_unit, loops=snakemake.params.loops,
    members_output=snakemake.output.members, clusters_output=snakemake.output.clusters,
    breakdown_output=snakemake.output.breakdown)
