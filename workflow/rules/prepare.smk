# Read and harmonise the inputs of one gemeente into GeoParquet (EPSG:28992).

rule prepare_buurten:
    input:
        files("buurten"),
    output:
        data=processed("buurten.parquet"),
        quality=processed("kwaliteit/prepare_buurten.json"),
    params:
        source=source("buurten"),
        files=fingerprint("buurten"),
        code=code_version("prepare_buurten"),
    log:
        "logs/{gemeente}/prepare_buurten.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_buurten.tsv"
    resources:
        mem_mb=1000,
    script:
        "../scripts/prepare_buurten.py"


# The other light prepare stages run in ONE job per gemeente (issue 13: a Python start-up with
# geopandas costs ~0.9 CPU s, five fewer per gemeente, ~1 700 fewer jobs nationally). prepare_buurten stays
# its own job: the download rules need the gemeente's buurten (bounding box) before the BAG,
# OSM, GWSW and drinking-water files exist.
rule prepare_inputs:
    input:
        bag=files("bag", "nummeraanduiding", "openbareruimte"),
        energielabels=files("energielabels"),
        zones=files("drinkwater", "archeologie"),
        pipes=files("riool"),
        osm=files("straten"),
        layers=files("warmtenet_gepland", "bodemenergiesystemen"),
        buurten=processed("buurten.parquet"),
    output:
        panden=processed("bag_panden.parquet"),
        vbos=processed("bag_verblijfsobjecten.parquet"),
        energielabels=processed("energielabels.parquet"),
        restrictions=processed("beperkingen.parquet"),
        sewers=processed("riool.parquet"),
        streets=processed("straten.parquet"),
        planned=processed("warmtenet_gepland.parquet"),
        systems=processed("bodemenergiesystemen.parquet"),
        quality_bag=processed("kwaliteit/prepare_bag.json"),
        quality_energielabels=processed("kwaliteit/prepare_energielabels.json"),
        quality_restrictions=processed("kwaliteit/prepare_restrictions.json"),
        quality_sewers=processed("kwaliteit/prepare_sewers.json"),
        quality_streets=processed("kwaliteit/prepare_streets.json"),
        quality_context=processed("kwaliteit/prepare_context.json"),
    params:
        bag=source("bag"),
        energielabels=source("energielabels"),
        drinkwater=source("drinkwater"),
        archeologie=source("archeologie"),
        riool=source("riool"),
        straten=source("straten"),
        warmtenet_gepland=source("warmtenet_gepland"),
        bodemenergiesystemen=source("bodemenergiesystemen"),
        dwellings=CONFIG_JSON["dwellings"],
        reference_date=SETTINGS.dwellings.label_reference_date,
        restrictions=CONFIG_JSON["restrictions"],
        sewer=CONFIG_JSON["sewer"],
        files=fingerprint("bag", "nummeraanduiding", "openbareruimte", "energielabels", "drinkwater", "archeologie",
                          "riool", "straten", "warmtenet_gepland", "bodemenergiesystemen"),
        code=code_version("prepare_inputs"),
    log:
        "logs/{gemeente}/prepare_inputs.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_inputs.tsv"
    resources:
        mem_mb=4000,
    script:
        "../scripts/prepare_inputs.py"


rule prepare_sources:
    input:
        layers=files("wko_geschiktheid", "oppervlaktewater", "puntbronnen"),
        buurten=processed("buurten.parquet"),
    output:
        wko=processed("wko_geschiktheid.parquet"),
        sources=processed("warmtebronnen.parquet"),
        quality=processed("kwaliteit/prepare_sources.json"),
    params:
        wko_geschiktheid=source("wko_geschiktheid"),
        oppervlaktewater=source("oppervlaktewater"),
        puntbronnen=source("puntbronnen"),
        settings=CONFIG_JSON["sources"],
        code=code_version("prepare_sources"),
    log:
        "logs/{gemeente}/prepare_sources.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_sources.tsv"
    resources:
        mem_mb=1000,
    script:
        "../scripts/prepare_sources.py"


rule prepare_barriers:
    input:
        files("straten"),
        buurten=processed("buurten.parquet"),
    output:
        barriers=processed("barrieres.parquet"),
        quality=processed("kwaliteit/prepare_barriers.json"),
    params:
        source=source("straten"),
        code=code_version("prepare_barriers"),
    log:
        "logs/{gemeente}/prepare_barriers.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_barriers.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/prepare_barriers.py"
