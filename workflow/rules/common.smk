# Helpers shared by the rule files.
from warmtekans.config.inputs import loop_settings
from warmtekans.outputs.provenance import warmtekans_version
from warmtekans.pipeline.workflow import (METHOD_SECTIONS, available_inputs, code_version, cost_kentallen_files,
                                         gemeente_config, input_files,
                                         input_fingerprint, input_sources, method_config, provenance_inputs,
                                         tracked_files)

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


def fingerprint(*names):
    """Params function: path, size and mtime of the user's input files, so a replaced file reruns its rule."""
    return lambda wildcards: input_fingerprint(SETTINGS, wildcards.gemeente, names)


def kentallen_file(wildcards):
    """Input function: the configured heat-demand table, tracked as a file when one is given."""
    return [SETTINGS.kentallen] if SETTINGS.kentallen else []


def _quality_patterns():
    """The QualityLog JSONs the prepare rules declare (data/processed/{gemeente}/kwaliteit/<rule>.json)."""
    from snakemake.io import strip_wildcard_constraints  # patterns carry the gemeente constraint

    return {rule.name: sorted(strip_wildcard_constraints(str(f)) for f in rule.output if "/kwaliteit/" in str(f))
            for rule in workflow.rules if rule.name.startswith("prepare_")}


def quality_reports(wildcards):
    """Input function of write_results: every prepare rule's QualityLog of this gemeente, in rule order."""
    patterns = [p for name, found in sorted(_quality_patterns().items()) for p in found]
    return [p.format(gemeente=wildcards.gemeente) for p in patterns]


def rules_without_quality_report():
    """Prepare rules that write no QualityLog yet (named in kwaliteit.md, so a gap is never silent)."""
    return sorted(name for name, found in _quality_patterns().items() if not found)
