# warmtekans: where does a mini, small-scale or large heat network fit?
# Short on purpose: validate the config, include the stages, name the final outputs.
from warmtekans.pipeline.workflow import checked_config_files, checked_output_folders, validated_config

CONFIG_FILES = ["config/config.yaml", *workflow.overwrite_configfiles]
checked_config_files(*CONFIG_FILES)  # a YAML syntax error or a repeated key: file and line, then exit

configfile: "config/config.yaml"

SETTINGS = validated_config(config, files=CONFIG_FILES)  # exits with a clear message before any job runs
GEMEENTEN = SETTINGS.gemeenten
checked_output_folders(GEMEENTEN)  # results/<gemeente> that is a file: one line, then exit

wildcard_constraints:
    gemeente=r"GM\d{4}",

include: "workflow/rules/common.smk"
include: "workflow/rules/sample.smk"
include: "workflow/rules/download.smk"
include: "workflow/rules/prepare.smk"
include: "workflow/rules/build.smk"
include: "workflow/rules/results.smk"
if SETTINGS.regio is not None:
    include: "workflow/rules/region.smk"


report: "workflow/report/workflow.rst"


rule all:
    input:
        expand("results/{gemeente}/warmtekans.gpkg", gemeente=GEMEENTEN),
        expand("results/{gemeente}/kaarten", gemeente=GEMEENTEN),
        expand("results/{gemeente}/warmtedichtheid.tif", gemeente=GEMEENTEN),
        expand("results/{gemeente}/kaart.html", gemeente=GEMEENTEN),
        expand("results/{gemeente}/rapport.pdf", gemeente=GEMEENTEN),
        [f"results/{SETTINGS.regio.code}/index.html"] if SETTINGS.regio is not None else [],
    default_target: True
