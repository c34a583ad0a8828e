# Per-buurt result layers and maps.

rule write_results:
    input:
        dwellings=processed("woningen_beoordeeld.parquet"),
        clusters=processed("clusters_beoordeeld.parquet"),
        streets=processed("straten.parquet"),
        buurten=processed("buurten.parquet"),
        restrictions=processed("beperkingen.parquet"),
        sewers=processed("riool_potentie.parquet"),
        report=processed("woningen_rapport.json"),
    output:
        "results/{gemeente}/warmtekans.gpkg",
    params:
        available_inputs=lambda wildcards: available_inputs(SETTINGS, wildcards.gemeente),
        code=code_version("warmtekans.results"),
    log:
        "logs/{gemeente}/write_results.log",
    benchmark:
        "benchmarks/{gemeente}/write_results.tsv"
    resources:
        mem_mb=4000,
    script:
        "../scripts/write_results.py"


rule plot_maps:
    input:
        dwellings=processed("woningen_beoordeeld.parquet"),
        woonpanden=processed("woonpanden.parquet"),
        buurten=processed("buurten.parquet"),
        restrictions=processed("beperkingen.parquet"),
        sewers=processed("riool_potentie.parquet"),
        streets=processed("straten.parquet"),
    output:
        directory("results/{gemeente}/kaarten"),
    params:
        code=code_version("warmtekans.maps"),
    log:
        "logs/{gemeente}/plot_maps.log",
    benchmark:
        "benchmarks/{gemeente}/plot_maps.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/plot_maps.py"
