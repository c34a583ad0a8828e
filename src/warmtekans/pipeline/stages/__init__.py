"""One module per Snakemake rule (the same name): paths and settings in, files out."""
