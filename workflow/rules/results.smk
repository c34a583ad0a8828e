# Per-buurt result layers, tables, maps, the heat-density raster, the web map and their provenance.

rule provenance:
    input:
        lambda wildcards: tracked_files(provenance_inputs(SETTINGS, wildcards.gemeente)),
    output:
        processed("herkomst.yaml"),  # copied into results/ by write_results: a failed run publishes nothing
    params:
        inputs=lambda wildcards: provenance_inputs(SETTINGS, wildcards.gemeente),
        config=lambda wildcards: gemeente_config(SETTINGS, wildcards.gemeente),
        version=WARMTEKANS_VERSION,
        code=code_version("provenance"),
    log:
        "logs/{gemeente}/provenance.log",
    benchmark:
        "benchmarks/{gemeente}/provenance.tsv"
    resources:
        mem_mb=500,
    script:
        "../scripts/provenance.py"


rule write_results:
    input:
        dwellings=processed("woningen_beoordeeld.parquet"),
        clusters=processed("clusters_beoordeeld.parquet"),
        streets=processed("straten.parquet"),
        buurten=processed("buurten.parquet"),
        restrictions=processed("beperkingen.parquet"),
        sewers=processed("riool_potentie.parquet"),
        report=processed("woningen_rapport.json"),
        planned=processed("warmtenet_gepland.parquet"),
        systems=processed("bodemenergiesystemen.parquet"),
        provenance=processed("herkomst.yaml"),
        quality=quality_reports,
        clusters_buurt=processed("clusters_buurt.parquet"),
        heat_sources=processed("warmtebronnen_toegewezen.parquet"),
    output:
        gpkg="results/{gemeente}/warmtekans.gpkg",
        project="results/{gemeente}/warmtekans.qgs",
        provenance=report("results/{gemeente}/herkomst.yaml", caption="../report/herkomst.rst", category="Herkomst",
                          subcategory="{gemeente}"),
        top_streets=report("results/{gemeente}/kansrijke_straten.csv", caption="../report/kansrijke_straten.rst",
                           category="Tabellen", subcategory="{gemeente}"),
        quality=report("results/{gemeente}/kwaliteit.md", caption="../report/kwaliteit.rst",
                       category="Tabellen", subcategory="{gemeente}"),
        summary=report("results/{gemeente}/samenvatting.md", caption="../report/samenvatting.rst",
                       category="Tabellen", subcategory="{gemeente}"),
    params:
        available_inputs=lambda wildcards: available_inputs(SETTINGS, wildcards.gemeente),
        interference_distance_m=lambda wildcards: loop_settings(SETTINGS, wildcards.gemeente).interference_distance_m,
        missing_quality_reports=rules_without_quality_report(),
        naam=lambda wildcards: SETTINGS.areas[wildcards.gemeente].naam,
        code=code_version("write_results"),
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
        clusters=processed("clusters_beoordeeld.parquet"),
    output:
        report(directory("results/{gemeente}/kaarten"), patterns=["{name}.png"], caption="../report/kaart.rst",
               category="Kaarten", subcategory="{gemeente}"),
    params:
        per_buurt=SETTINGS.results.buurt_maps,
        raster_footprints_above=SETTINGS.results.raster_footprints_above,
        naam=lambda wildcards: SETTINGS.areas[wildcards.gemeente].naam,
        sample=lambda wildcards: SETTINGS.areas[wildcards.gemeente].sample,
        available_inputs=lambda wildcards: available_inputs(SETTINGS, wildcards.gemeente),
        code=code_version("plot_maps"),
    log:
        "logs/{gemeente}/plot_maps.log",
    benchmark:
        "benchmarks/{gemeente}/plot_maps.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/plot_maps.py"


rule heat_density:
    input:
        dwellings=processed("woningen_beoordeeld.parquet"),
        buurten=processed("buurten.parquet"),
    output:
        tif="results/{gemeente}/warmtedichtheid.tif",
        png=report("results/{gemeente}/warmtedichtheid.png", caption="../report/warmtedichtheid.rst",
                   category="Kaarten", subcategory="{gemeente}"),
    params:
        naam=lambda wildcards: SETTINGS.areas[wildcards.gemeente].naam,
        sample=lambda wildcards: SETTINGS.areas[wildcards.gemeente].sample,
        available_inputs=lambda wildcards: available_inputs(SETTINGS, wildcards.gemeente),
        code=code_version("heat_density"),
    log:
        "logs/{gemeente}/heat_density.log",
    benchmark:
        "benchmarks/{gemeente}/heat_density.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/heat_density.py"


rule web_map:
    input:
        results="results/{gemeente}/warmtekans.gpkg",
        provenance="results/{gemeente}/herkomst.yaml",
    output:
        "results/{gemeente}/kaart.html",
    params:
        naam=lambda wildcards: SETTINGS.areas[wildcards.gemeente].naam,
        sample=lambda wildcards: SETTINGS.areas[wildcards.gemeente].sample,
        available_inputs=lambda wildcards: available_inputs(SETTINGS, wildcards.gemeente),
        code=code_version("web_map"),
    log:
        "logs/{gemeente}/web_map.log",
    benchmark:
        "benchmarks/{gemeente}/web_map.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/web_map.py"


rule write_report:
    input:
        results="results/{gemeente}/warmtekans.gpkg",
        provenance="results/{gemeente}/herkomst.yaml",
        maps="results/{gemeente}/kaarten",
        heat_density="results/{gemeente}/warmtedichtheid.png",
    output:
        report("results/{gemeente}/rapport.pdf", caption="../report/rapport.rst", category="Rapport",
               subcategory="{gemeente}"),
    params:
        naam=lambda wildcards: SETTINGS.areas[wildcards.gemeente].naam,
        code=code_version("write_report"),
    log:
        "logs/{gemeente}/write_report.log",
    benchmark:
        "benchmarks/{gemeente}/write_report.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/write_report.py"
