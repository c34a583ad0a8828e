"""Rule build_dwellings: BAG + labels + woningtype + heat demand."""
from warmtekans.pipeline.stages.build_dwellings import build_dwellings
from warmtekans.pipeline.workflow import run

run(snakemake, build_dwellings, panden=snakemake.input.panden, vbos=snakemake.input.vbos,
    energielabels=snakemake.input.energielabels, buurten=snakemake.input.buurten,
    settings=snakemake.params.settings, kentallen=snakemake.params.kentallen,
    dwellings_output=snakemake.output.dwellings, panden_output=snakemake.output.woonpanden,
    report_output=snakemake.output.report)
