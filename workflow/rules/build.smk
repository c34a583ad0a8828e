# Dwellings -> candidate clusters -> scores.

rule build_dwellings:
    input:
        panden=processed("bag_panden.parquet"),
        vbos=processed("bag_verblijfsobjecten.parquet"),
        energielabels=processed("energielabels.parquet"),
        buurten=processed("buurten.parquet"),
        kentallen=kentallen_file,
    output:
        dwellings=processed("woningen.parquet"),
        woonpanden=processed("woonpanden.parquet"),
        report=processed("woningen_rapport.json"),
    params:
        settings=CONFIG_JSON["dwellings"],
        kentallen=SETTINGS.kentallen,
        code=code_version("build_dwellings"),
    log:
        "logs/{gemeente}/build_dwellings.log",
    benchmark:
        "benchmarks/{gemeente}/build_dwellings.tsv"
    resources:
        mem_mb=4000,
    script:
        "../scripts/build_dwellings.py"


rule build_clusters:
    input:
        dwellings=processed("woningen.parquet"),
        woonpanden=processed("woonpanden.parquet"),
        streets=processed("straten.parquet"),
        barriers=processed("barrieres.parquet"),
    output:
        members=processed("cluster_leden.parquet"),
        clusters=processed("clusters.parquet"),
        breakdown=processed("clusters_buurt.parquet"),
    params:
        settings=CONFIG_JSON["clusters"],
        outdoor_unit=CONFIG_JSON["buitenunit"],
        loops=lambda wildcards: method_config(SETTINGS, wildcards.gemeente, sections=("loops",))["loops"],  # the area's
        code=code_version("build_clusters"),
    log:
        "logs/{gemeente}/build_clusters.log",
    benchmark:
        "benchmarks/{gemeente}/build_clusters.tsv"
    resources:
        mem_mb=4000,
    script:
        "../scripts/build_clusters.py"


rule score_clusters:
    input:
        members=processed("cluster_leden.parquet"),
        clusters=processed("clusters.parquet"),
        restrictions=processed("beperkingen.parquet"),
        sewers=processed("riool.parquet"),
        buurten=processed("buurten.parquet"),
        planned=processed("warmtenet_gepland.parquet"),
        systems=processed("bodemenergiesystemen.parquet"),
        wko_zones=processed("wko_geschiktheid.parquet"),
        heat_sources=processed("warmtebronnen.parquet"),
        cost_kentallen=lambda wildcards: cost_kentallen_files(SETTINGS),  # a user's cost table, when configured
    output:
        dwellings=processed("woningen_beoordeeld.parquet"),
        clusters=processed("clusters_beoordeeld.parquet"),
        sewers=processed("riool_potentie.parquet"),
        sources=processed("warmtebronnen_toegewezen.parquet"),
    params:
        config=lambda wildcards: method_config(SETTINGS, wildcards.gemeente),  # only the sections it reads
        available_inputs=lambda wildcards: available_inputs(SETTINGS, wildcards.gemeente),
        code=code_version("score_clusters"),
    log:
        "logs/{gemeente}/score_clusters.log",
    benchmark:
        "benchmarks/{gemeente}/score_clusters.tsv"
    resources:
        mem_mb=4000,
    script:
        "../scripts/score_clusters.py"
