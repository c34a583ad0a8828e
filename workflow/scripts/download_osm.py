"""Rule download_osm: the osm_overpass source for one gemeente's bounding box."""
from warmtekans.pipeline.stages.download import download_area
from warmtekans.pipeline.workflow import run

run(snakemake, download_area, dataset="osm_overpass", buurten=snakemake.input.buurten,
    settings=snakemake.params.settings,
    gwsw_naam=snakemake.params.get("gwsw_naam"), output=snakemake.output[0])
