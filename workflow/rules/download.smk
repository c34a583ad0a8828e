# Download the inputs of areas with `download: true` from the pinned sources
# (src/warmtekans/data/sources.csv). `download.offline: true` refuses them at config time.

localrules: download_buurten, download_bag, download_drinkwater, download_riool, download_osm


rule download_buurten:
    output:
        "data/raw/download/cbs/wijkenbuurten.gpkg",
    params:
        code=code_version("download"),
        settings=CONFIG_JSON["download"],
    log:
        "logs/download/download_buurten.log",
    benchmark:
        "benchmarks/download/download_buurten.tsv"
    retries: 1
    script:
        "../scripts/download_buurten.py"




rule download_bag:
    input:
        buurten=processed("buurten.parquet"),
    output:
        "data/raw/download/{gemeente}/bag.gpkg",
    params:
        code=code_version("download"),
        settings=CONFIG_JSON["download"],
    log:
        "logs/{gemeente}/download_bag.log",
    benchmark:
        "benchmarks/{gemeente}/download_bag.tsv"
    retries: 1
    script:
        "../scripts/download_bag.py"


rule download_drinkwater:
    input:
        buurten=processed("buurten.parquet"),
    output:
        "data/raw/download/{gemeente}/drinkwater.gpkg",
    params:
        code=code_version("download"),
        settings=CONFIG_JSON["download"],
    log:
        "logs/{gemeente}/download_drinkwater.log",
    benchmark:
        "benchmarks/{gemeente}/download_drinkwater.tsv"
    retries: 1
    script:
        "../scripts/download_drinkwater.py"


rule download_riool:
    input:
        buurten=processed("buurten.parquet"),
    output:
        "data/raw/download/{gemeente}/gwsw.gpkg",
    params:
        code=code_version("download"),
        settings=CONFIG_JSON["download"],
        gwsw_naam=lambda wildcards: SETTINGS.areas[wildcards.gemeente].gwsw_naam,
    log:
        "logs/{gemeente}/download_riool.log",
    benchmark:
        "benchmarks/{gemeente}/download_riool.tsv"
    retries: 1
    script:
        "../scripts/download_riool.py"


rule download_osm:
    input:
        buurten=processed("buurten.parquet"),
    output:
        "data/raw/download/{gemeente}/straten.osm",
    params:
        code=code_version("download"),
        settings=CONFIG_JSON["download"],
    log:
        "logs/{gemeente}/download_osm.log",
    benchmark:
        "benchmarks/{gemeente}/download_osm.tsv"
    retries: 1
    script:
        "../scripts/download_osm.py"
