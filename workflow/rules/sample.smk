# The bundled sample gemeente, generated deterministically by warmtekans.sample.

rule generate_sample:
    output:
        bag="data/raw/sample/{gemeente}/bag-light.gpkg",
        energielabels="data/raw/sample/{gemeente}/ep-online.csv",
        buurten="data/raw/sample/{gemeente}/wijkenbuurten.gpkg",
        drinkwater="data/raw/sample/{gemeente}/grondwaterbeschermingsgebieden.gpkg",
        archeologie="data/raw/sample/{gemeente}/archeologie.gpkg",
        riool="data/raw/sample/{gemeente}/gwsw-leidingen.gpkg",
        straten="data/raw/sample/{gemeente}/straten.osm",
        warmtenet_gepland="data/raw/sample/{gemeente}/warmtenet-gepland.gpkg",
        bodemenergiesystemen="data/raw/sample/{gemeente}/bodemenergiesystemen.gpkg",
        wko_geschiktheid="data/raw/sample/{gemeente}/wko-geschiktheid.gpkg",
        oppervlaktewater="data/raw/sample/{gemeente}/oppervlaktewater.gpkg",
        puntbronnen="data/raw/sample/{gemeente}/puntbronnen.gpkg",
    params:
        output_dir=lambda wildcards: f"data/raw/sample/{wildcards.gemeente}",
        code=code_version("generate_sample"),
    log:
        "logs/{gemeente}/generate_sample.log",
    benchmark:
        "benchmarks/{gemeente}/generate_sample.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/generate_sample.py"
