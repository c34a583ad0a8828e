# A regio (config 'regio'): every gemeente's results merged into results/<regio>/ by one final job.
# It reads the gemeenten's result files, never their intermediate data: adding or changing one
# gemeente reruns that gemeente and this merge only.

REGIO = SETTINGS.regio.code


rule merge_region:
    input:
        gpkgs=expand("results/{gemeente}/warmtekans.gpkg", gemeente=GEMEENTEN),
        webmaps=expand("results/{gemeente}/kaart.html", gemeente=GEMEENTEN),  # the index page links to them
    output:
        gpkg=f"results/{REGIO}/warmtekans.gpkg",
        project=f"results/{REGIO}/warmtekans.qgs",
        table_csv=report(f"results/{REGIO}/gemeenten.csv", caption="../report/regio_tabel.rst",
                         category="Regio", subcategory=REGIO),
        table_md=report(f"results/{REGIO}/gemeenten.md", caption="../report/regio_tabel.rst",
                        category="Regio", subcategory=REGIO),
        collective_map=report(f"results/{REGIO}/kaarten/collectief.png", caption="../report/regio_kaart.rst",
                              category="Regio", subcategory=REGIO),
        heat_map=report(f"results/{REGIO}/kaarten/warmtedichtheid.png", caption="../report/regio_kaart.rst",
                        category="Regio", subcategory=REGIO),
        index=f"results/{REGIO}/index.html",
    params:
        regio=REGIO,
        naam=SETTINGS.regio.naam,
        gemeenten=GEMEENTEN,
        names={gemeente: SETTINGS.areas[gemeente].naam for gemeente in GEMEENTEN},
        available_inputs={gemeente: available_inputs(SETTINGS, gemeente) for gemeente in GEMEENTEN},
        samples={gemeente: SETTINGS.areas[gemeente].sample for gemeente in GEMEENTEN},
        code=code_version("merge_region"),
    log:
        f"logs/{REGIO}/merge_region.log",
    benchmark:
        f"benchmarks/{REGIO}/merge_region.tsv"
    resources:
        mem_mb=8000,
    script:
        "../scripts/merge_region.py"
