"""Rule prepare_energielabels: newest EP-online registration per dwelling."""
from warmtekans.stages import prepare_energielabels
from warmtekans.workflow import run

run(snakemake, prepare_energielabels, source=snakemake.params.source,
    reference_date=snakemake.params.reference_date, output=snakemake.output.data,
    quality_output=snakemake.output.quality)
