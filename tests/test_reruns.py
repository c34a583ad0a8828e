"""Identical reruns and no stale results.

* 1 and 2 cores give identical result layers, tables and reports;
* a run killed mid-write finishes identically after ``--unlock`` and leaves no hidden temporaries;
* a changed input path, a replaced or touched input file reruns what depends on it, nothing else;
* adding a gemeente reruns nothing of the others.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import yaml
from pandas.testing import assert_frame_equal

from tests.conftest import ROOT, snakemake, workdir_with
from warmtekans.outputs.provenance import without_run_specific

pytestmark = pytest.mark.workflow


def result_tables(workdir: Path) -> dict[str, pd.DataFrame]:
    gpkg = workdir / "results" / "GM9999" / "warmtekans.gpkg"
    tables = {name: gpd.read_file(gpkg, layer=name) for name, _ in pyogrio.list_layers(gpkg) if name != "layer_styles"}
    tables["kansrijke_straten"] = pd.read_csv(workdir / "results" / "GM9999" / "kansrijke_straten.csv")
    return tables


def assert_same_results(first: Path, second: Path) -> None:
    a, b = result_tables(first), result_tables(second)
    assert a.keys() == b.keys()
    assert "kwaliteit" in a
    for name in a:
        assert_frame_equal(a[name], b[name], check_exact=True, obj=name)
    # except run date, input times
    for name in ("samenvatting.md", "kwaliteit.md", "kansrijke_straten.csv", "kaart.html"):
        texts = [without_run_specific((run / "results" / "GM9999" / name).read_text(encoding="utf-8"))
                 for run in (first, second)]
        assert texts[0] == texts[1], name


def hidden_files(workdir: Path) -> list[Path]:
    """Hidden files the workflow left in its data and results (Snakemake's own .snakemake excluded)."""
    return sorted(p for root in ("data", "results") for p in (workdir / root).rglob(".*")
                  if p.name != ".snakemake_timestamp")  # Snakemake's marker in directory outputs


def test_one_and_two_cores_give_identical_results(sample_run, tmp_path):
    """sample_run used 2 cores (two jobs at once); this run 1. Every layer, table and report is identical."""
    second = workdir_with(tmp_path)
    snakemake(second, "--cores", "1")
    assert_same_results(sample_run, second)
    assert not hidden_files(second) and not hidden_files(sample_run)


def test_killed_run_restarts_to_identical_results(sample_run, tmp_path):
    workdir = workdir_with(tmp_path)
    command = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
               "--cores", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    results = workdir / "results" / "GM9999"
    deadline = time.monotonic() + 600
    # kill while the result GeoPackage is being written: its hidden temporary exists
    while time.monotonic() < deadline and process.poll() is None:
        if results.is_dir() and list(results.glob(".warmtekans.gpkg.tmp-*")):
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the whole job tree, as a crash or a cluster eviction would
    process.wait(timeout=30)
    assert not (results / "warmtekans.gpkg").exists()
    assert list(results.glob(".warmtekans.gpkg.tmp-*")), "the kill left no temporary: the test did not kill mid-write"
    snakemake(workdir, "--unlock")  # a killed Snakemake leaves its lock behind
    snakemake(workdir)  # the workflow profile sets rerun-incomplete
    assert_same_results(sample_run, workdir)
    assert not hidden_files(workdir), hidden_files(workdir)


def planned_jobs(result: subprocess.CompletedProcess) -> set[tuple[str, str]]:
    """(rule, gemeente) of every job a dry run (-n) would run."""
    jobs = set()
    for block in re.split(r"\n(?=(?:local)?rule \w+:)", result.stdout):
        rule = re.match(r"(?:local)?rule (\w+):", block.strip())
        gemeente = re.search(r"wildcards: .*gemeente=(GM\d{4})", block)
        if rule and gemeente:
            jobs.add((rule.group(1), gemeente.group(1)))
    return jobs


def test_adding_a_gemeente_reruns_nothing_of_the_others(sample_run):
    """GM9998 joins GM9999: only GM9998 jobs are planned, GM9999's outputs stay as they are."""
    result = snakemake(sample_run, "-n", "--configfile", str(sample_run / "config" / "examples" / "two-samples.yaml"))
    jobs = planned_jobs(result)
    assert ("score_clusters", "GM9998") in jobs and ("write_results", "GM9998") in jobs
    assert not {job for job in jobs if job[1] == "GM9999"}, sorted(jobs)


USER_FILES_CONFIG = "user-files.yaml"
DWELLINGS = "data/processed/GM9999/woningen.parquet"


def user_files_run(workdir: Path) -> Path:
    """The sample town given as a user's own files (not `sample: true`), run up to the dwellings table."""
    from warmtekans.sample.generate import generate

    paths = generate(workdir / "inputs", "GM9999")
    config = {"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "Eigen bestanden", "sample": False, "inputs": {
        "bag": {"path": str(paths["bag"])},
        "buurten": {"path": str(paths["buurten"]), "layer": "buurten"},
        "energielabels": str(paths["energielabels"])}}}}
    (workdir / USER_FILES_CONFIG).write_text(yaml.safe_dump(config))
    snakemake(workdir, DWELLINGS, "--configfile", str(workdir / USER_FILES_CONFIG))  # --configfile takes 1+ files
    return paths["energielabels"]


def dry_run(workdir: Path) -> set[str]:
    result = snakemake(workdir, "-n", DWELLINGS, "--configfile", str(workdir / USER_FILES_CONFIG))
    return {rule for rule, _ in planned_jobs(result)}


def test_changed_input_path_or_file_reruns_what_depends_on_it(tmp_path):
    workdir = workdir_with(tmp_path)
    labels = user_files_run(workdir)
    assert dry_run(workdir) == set()
    config_path = workdir / USER_FILES_CONFIG
    original = config_path.read_text()

    # the same labels under another path (a copy that keeps its old date): the path is a parameter
    moved = labels.with_name("ep-online-2025.csv")
    shutil.copy2(labels, moved)
    config_path.write_text(original.replace(str(labels), str(moved)))
    assert dry_run(workdir) == {"prepare_inputs", "build_dwellings"}
    config_path.write_text(original)
    assert dry_run(workdir) == set()

    # replaced by a file with other contents but an OLDER date (Snakemake's mtime check alone misses this)
    text = labels.read_text().splitlines(keepends=True)
    labels.write_text("".join(text[:-1]))
    os.utime(labels, (946684800, 946684800))  # 2000-01-01
    assert dry_run(workdir) == {"prepare_inputs", "build_dwellings"}
    snakemake(workdir, DWELLINGS, "--configfile", str(config_path))
    assert dry_run(workdir) == set()

    # a touched BAG reruns the input preparation and what depends on it, not the buurten
    bag = workdir / "inputs" / "bag-light.gpkg"
    os.utime(bag)
    assert dry_run(workdir) == {"prepare_inputs", "build_dwellings"}


def test_slurm_profile_dry_run(tmp_path):
    pytest.importorskip("snakemake_executor_plugin_slurm")
    workdir = workdir_with(tmp_path)
    result = snakemake(workdir, "-n", "--profile", str(ROOT / "profiles" / "slurm"),
                       "--configfile", str(workdir / "config" / "examples" / "two-samples.yaml"))
    output = result.stdout + result.stderr
    assert "Using profile" in output and "slurm" in output
    assert "slurm_account=your-account" in output
    assert "mem_mb=8000" in output  # per-rule resources from the profile
    assert "score_clusters              2" in output.replace("\t", " ") or "score_clusters" in output


# --- Reruns follow the code (pipeline.workflow.code_version) and only the config sections a rule reads ---

COST_DEPENDENT = {"score_clusters", "write_results", "plot_maps", "heat_density", "web_map", "write_report"}
#: Rules whose outputs record the config or the packaged tables (herkomst.yaml and what publishes it).
RECORDS = {"provenance", "write_results", "web_map", "write_report"}


def test_code_versions_cover_the_import_closure_and_package_data():
    from warmtekans.pipeline.workflow import import_closure

    modules, data = import_closure("warmtekans.pipeline.stages.score_clusters")
    assert {"warmtekans.decision.costs", "warmtekans.decision.advice", "warmtekans.model.sewer"} <= set(modules)
    # the cost kentallen, the insulation steps and the price path; the demand tables come with the label order
    assert [path.name for path in data] == ["energieprijzen.csv", "heat_demand.csv", "isolatiestappen.csv",
                                            "kosten.csv", "verschilfactor.csv.gz"]
    modules, data = import_closure("warmtekans.pipeline.stages.build_clusters")
    assert "warmtekans.model.clusters" in modules
    assert not [m for m in modules if m.startswith(("warmtekans.decision", "warmtekans.outputs"))], modules
    assert data == []
    modules, data = import_closure("warmtekans.pipeline.stages.build_dwellings")
    assert [path.name for path in data] == ["heat_demand.csv", "verschilfactor.csv.gz"]


def package_copy(tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the installed package to edit, and the environment that makes Snakemake use it."""
    import warmtekans

    source = Path(warmtekans.__file__).parent
    package = tmp_path / "src" / "warmtekans"
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
    paths = [str(tmp_path / "src"), os.environ.get("PYTHONPATH", "")]
    return package, {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def test_a_cost_figure_reruns_the_cost_dependent_rules_only(sample_run, tmp_path):
    """Nothing but one figure of the packaged cost kentallen changes: the assessment and what follows it rerun,
    the inputs, dwellings and clusters do not."""
    package, env = package_copy(tmp_path)
    assert {rule for rule, _ in planned_jobs(snakemake(sample_run, "-n", env=env))} == set()
    table = pd.read_csv(package / "data" / "kosten.csv", dtype=str, keep_default_na=False)
    row = table.index[table["indexeren"] == "ja"][0]  # the first investment figure
    table.loc[row, "waarde"] = str(float(table.loc[row, "waarde"]) + 100)
    table.to_csv(package / "data" / "kosten.csv", index=False)
    # the provenance records the cost table's hash, so it is redone too
    assert {rule for rule, _ in planned_jobs(snakemake(sample_run, "-n", env=env))} == COST_DEPENDENT | {"provenance"}


def test_a_cost_function_reruns_the_cost_dependent_rules_only(sample_run, tmp_path):
    package, env = package_copy(tmp_path)
    costs = package / "decision" / "costs.py"
    costs.write_text(costs.read_text() + "\n# an edit\n")
    assert {rule for rule, _ in planned_jobs(snakemake(sample_run, "-n", env=env))} == COST_DEPENDENT
    maps = package / "outputs" / "maps.py"
    costs.write_text(costs.read_text().removesuffix("\n# an edit\n"))
    maps.write_text(maps.read_text() + "\n# an edit\n")
    # the PNG maps and the web map (its street labels) use outputs/maps.py, rapport.pdf shows the overview map;
    # nothing before them reruns
    assert {rule for rule, _ in planned_jobs(snakemake(sample_run, "-n", env=env))} == {"plot_maps", "web_map",
                                                                                        "write_report"}


@pytest.mark.parametrize(("settings", "expected"), [
    ({"results": {"buurt_maps": False}}, {"plot_maps"} | RECORDS),
    ({"sensitivity": {"draws": 10}}, COST_DEPENDENT | RECORDS),
    ({"costs": {"end_user_years": 20}}, COST_DEPENDENT | RECORDS),
])
def test_a_rule_reruns_only_for_the_config_sections_it_reads(sample_run, tmp_path, settings, expected):
    """Each rule gets only the config sections it reads; the provenance records the whole config, so it and the
    outputs that publish it are redone for any change."""
    extra = tmp_path / "extra.yaml"
    extra.write_text(yaml.safe_dump(settings))
    result = snakemake(sample_run, "-n", "--configfile", str(extra))
    assert {rule for rule, _ in planned_jobs(result)} == expected
