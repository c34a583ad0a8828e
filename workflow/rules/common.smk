# Helpers shared by the rule files.
from warmtekans.config import loop_settings
from warmtekans.provenance import warmtekans_version
from warmtekans.workflow import (available_inputs, code_version, gemeente_config, input_files, input_sources,
                                 provenance_inputs)

CONFIG_JSON = SETTINGS.model_dump(mode="json")
WARMTEKANS_VERSION = warmtekans_version(workflow.basedir)  # git describe of the checkout, else the package version


def source(name):
    """Input function: the configured source (a dict or path, or None) of input `name`."""
    return lambda wildcards: input_sources(SETTINGS, wildcards.gemeente)[name]


def files(*names):
    """Input function: the files of the named inputs that are configured for the gemeente."""
    def pick(wildcards):
        present = input_files(SETTINGS, wildcards.gemeente)
        return [present[n] for n in names if n in present]
    return pick


def processed(name):
    return f"data/processed/{{gemeente}}/{name}"
