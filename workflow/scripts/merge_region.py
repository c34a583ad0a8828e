"""Rule merge_region: a regio's gemeenten as one result (GeoPackage, QGIS project, table, A3 maps, index page)."""
from warmtekans.pipeline.stages.merge_region import merge_region
from warmtekans.pipeline.workflow import run

run(snakemake, merge_region, code=snakemake.params.regio, naam=snakemake.params.naam,
    gemeenten=list(snakemake.params.gemeenten), names=dict(snakemake.params.names),
    gpkgs=list(snakemake.input.gpkgs), webmaps=list(snakemake.input.webmaps),
    available_inputs=dict(snakemake.params.available_inputs), samples=dict(snakemake.params.samples),
    gpkg_output=snakemake.output.gpkg, project_output=snakemake.output.project,
    table_csv_output=snakemake.output.table_csv, table_md_output=snakemake.output.table_md,
    collective_map_output=snakemake.output.collective_map, heat_map_output=snakemake.output.heat_map,
    index_output=snakemake.output.index)
