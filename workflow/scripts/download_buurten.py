"""Rule download_buurten: the CBS wijk- en buurtkaart."""
from warmtekans.pipeline.stages.download import download_buurten
from warmtekans.pipeline.workflow import run

run(snakemake, download_buurten, settings=snakemake.params.settings, output=snakemake.output[0])
