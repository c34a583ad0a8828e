"""Rule write_results: the styled per-gemeente GeoPackage and the per-buurt tables."""
from warmtekans.pipeline.stages.write_results import write_results
from warmtekans.pipeline.workflow import run

run(snakemake, write_results, dwellings=snakemake.input.dwellings, clusters=snakemake.input.clusters,
    streets=snakemake.input.streets, buurten=snakemake.input.buurten, restrictions=snakemake.input.restrictions,
    sewers=snakemake.input.sewers, report=snakemake.input.report,
    clusters_buurt=snakemake.input.clusters_buurt, heat_sources=snakemake.input.heat_sources,
    available_inputs=snakemake.params.available_inputs, output=snakemake.output.gpkg,
    top_streets_output=snakemake.output.top_streets, summary_output=snakemake.output.summary,
    gemeente=snakemake.wildcards.gemeente, planned=snakemake.input.planned, systems=snakemake.input.systems,
    interference_distance_m=snakemake.params.interference_distance_m, provenance=snakemake.input.provenance,
    project_output=snakemake.output.project, provenance_output=snakemake.output.provenance,
    quality_reports=list(snakemake.input.quality), missing_quality_reports=snakemake.params.missing_quality_reports,
    quality_output=snakemake.output.quality, naam=snakemake.params.naam)
