# Read and harmonise the inputs of one gemeente into GeoParquet (EPSG:28992).

rule prepare_buurten:
    input:
        files("buurten"),
    output:
        data=processed("buurten.parquet"),
        quality=processed("kwaliteit/prepare_buurten.json"),
    params:
        source=source("buurten"),
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm"),
    log:
        "logs/{gemeente}/prepare_buurten.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_buurten.tsv"
    resources:
        mem_mb=1000,
    script:
        "../scripts/prepare_buurten.py"


rule prepare_bag:
    input:
        bag=files("bag", "nummeraanduiding", "openbareruimte"),
        buurten=processed("buurten.parquet"),
    output:
        panden=processed("bag_panden.parquet"),
        vbos=processed("bag_verblijfsobjecten.parquet"),
        quality=processed("kwaliteit/prepare_bag.json"),
    params:
        source=source("bag"),
        settings=CONFIG_JSON["dwellings"],
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm", "warmtekans.streetnames"),
    log:
        "logs/{gemeente}/prepare_bag.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_bag.tsv"
    resources:
        mem_mb=4000,
    script:
        "../scripts/prepare_bag.py"


rule prepare_energielabels:
    input:
        files("energielabels"),
    output:
        data=processed("energielabels.parquet"),
        quality=processed("kwaliteit/prepare_energielabels.json"),
    params:
        source=source("energielabels"),
        reference_date=SETTINGS.dwellings.label_reference_date,
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm"),
    log:
        "logs/{gemeente}/prepare_energielabels.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_energielabels.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/prepare_energielabels.py"


rule prepare_restrictions:
    input:
        zones=files("drinkwater", "archeologie"),
        buurten=processed("buurten.parquet"),
    output:
        data=processed("beperkingen.parquet"),
        quality=processed("kwaliteit/prepare_restrictions.json"),
    params:
        drinkwater=source("drinkwater"),
        archeologie=source("archeologie"),
        settings=CONFIG_JSON["restrictions"],
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm"),
    log:
        "logs/{gemeente}/prepare_restrictions.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_restrictions.tsv"
    resources:
        mem_mb=1000,
    script:
        "../scripts/prepare_restrictions.py"


rule prepare_sewers:
    input:
        pipes=files("riool"),
        buurten=processed("buurten.parquet"),
    output:
        data=processed("riool.parquet"),
        quality=processed("kwaliteit/prepare_sewers.json"),
    params:
        source=source("riool"),
        settings=CONFIG_JSON["sewer"],
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm"),
    log:
        "logs/{gemeente}/prepare_sewers.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_sewers.tsv"
    resources:
        mem_mb=1000,
    script:
        "../scripts/prepare_sewers.py"


rule prepare_streets:
    input:
        osm=files("straten"),
        buurten=processed("buurten.parquet"),
    output:
        data=processed("straten.parquet"),
        quality=processed("kwaliteit/prepare_streets.json"),
    params:
        source=source("straten"),
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm"),
    log:
        "logs/{gemeente}/prepare_streets.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_streets.tsv"
    resources:
        mem_mb=2000,
    script:
        "../scripts/prepare_streets.py"


rule prepare_context:
    input:
        layers=files("warmtenet_gepland", "bodemenergiesystemen"),
        buurten=processed("buurten.parquet"),
    output:
        planned=processed("warmtenet_gepland.parquet"),
        systems=processed("bodemenergiesystemen.parquet"),
        quality=processed("kwaliteit/prepare_context.json"),
    params:
        planned=source("warmtenet_gepland"),
        systems=source("bodemenergiesystemen"),
        code=code_version("warmtekans.readers", "warmtekans.io", "warmtekans.osm"),
    log:
        "logs/{gemeente}/prepare_context.log",
    benchmark:
        "benchmarks/{gemeente}/prepare_context.tsv"
    resources:
        mem_mb=1000,
    script:
        "../scripts/prepare_context.py"
