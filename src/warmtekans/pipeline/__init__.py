"""The Snakemake glue: one stage function per rule (pipeline.stages) and the helpers the rule files call."""
