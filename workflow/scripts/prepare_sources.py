"""Rule prepare_sources: WKO suitability, surface water (TEO) and point heat sources."""
from warmtekans.pipeline.stages.prepare_sources import prepare_sources
from warmtekans.pipeline.workflow import run

run(snakemake, prepare_sources, wko_geschiktheid=snakemake.params.wko_geschiktheid,
    oppervlaktewater=snakemake.params.oppervlaktewater, puntbronnen=snakemake.params.puntbronnen,
    settings=snakemake.params.settings, buurten=snakemake.input.buurten, wko_output=snakemake.output.wko,
    sources_output=snakemake.output.sources, quality_output=snakemake.output.quality)
