"""Names the dead-code check (vulture, tests/test_code_quality.py) cannot see used: each line names one
and says who uses it. Pydantic validators, scoring criteria (``@criterion``) and fixtures are skipped by
decorator (``[tool.vulture]`` in pyproject.toml). Not imported by anything; vulture only reads it."""

from tests import test_download, test_slurm
from warmtekans.config import cli, datasets, sections
from warmtekans.core import vocabulary
from warmtekans.decision import kentallen
from warmtekans.model import demand, restrictions
from warmtekans.outputs import mapframe, webmap
from warmtekans.pipeline import workflow

# called from the Snakefile and workflow/rules/*.smk (vulture reads only .py files)
workflow.validated_config, workflow.checked_config_files, workflow.provenance_inputs
workflow.code_version, workflow.method_config, workflow.tracked_files, workflow.cost_kentallen_files
workflow.checked_output_folders

# read with ast by pipeline.workflow.code_version, never imported
webmap.PACKAGE_DATA, datasets.PACKAGE_DATA, kentallen.PACKAGE_DATA, demand.PACKAGE_DATA

# read by the workflow rules (results.smk: SETTINGS.results.buurt_maps)
sections.ResultSettings.buurt_maps


# a documented attribute of the heat-source table, not read by code yet
vocabulary.HeatSource.needs_aquifer

# the allowed values of straten.lus_toegestaan, named in the docstring of model.restrictions
restrictions.LOOP_ALLOWED

# matplotlib calls this override of FigureCanvasAgg.draw_idle
mapframe._QuietCanvas.draw_idle

# part of the functools.lru_cache key (the file's modification time), not read in the body
kentallen._read_kentallen_table.mtime_ns

# http.server calls these on the test's request handler
test_download.FileHandler.do_POST, test_download.FileHandler.log_message

# a fixture requested for its side effect (the live SLURM cluster)
test_slurm.slurm_cluster

# called by PyYAML's representer (config/cli.py writes the defaults without anchors)
cli._NoAliases.ignore_aliases
