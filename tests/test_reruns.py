"""Identical reruns: two runs give identical result tables; a run killed half-way finishes identically."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import ROOT, snakemake, workdir_with
from warmtekans.provenance import without_run_specific

pytestmark = pytest.mark.workflow


def result_tables(workdir: Path) -> dict[str, pd.DataFrame]:
    gpkg = workdir / "results" / "GM9999" / "warmtekans.gpkg"
    tables = {name: gpd.read_file(gpkg, layer=name) for name, _ in pyogrio.list_layers(gpkg) if name != "layer_styles"}
    tables["mini_straten"] = pd.read_csv(workdir / "results" / "GM9999" / "mini_straten.csv")
    return tables


def assert_same_results(first: Path, second: Path) -> None:
    a, b = result_tables(first), result_tables(second)
    assert a.keys() == b.keys()
    for name in a:
        assert_frame_equal(a[name], b[name], check_exact=True, obj=name)
    for name in ("samenvatting.md", "kaart.html"):  # byte for byte, except the run date and input times
        texts = [without_run_specific((run / "results" / "GM9999" / name).read_text(encoding="utf-8"))
                 for run in (first, second)]
        assert texts[0] == texts[1], name


def test_two_runs_give_identical_results(sample_run, tmp_path):
    second = workdir_with(tmp_path)
    snakemake(second)
    assert_same_results(sample_run, second)


def test_killed_run_restarts_to_identical_results(sample_run, tmp_path):
    workdir = workdir_with(tmp_path)
    command = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
               "--cores", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    marker = workdir / "data" / "processed" / "GM9999" / "woningen.parquet"
    deadline = time.monotonic() + 300
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the whole job tree, as a crash or a cluster eviction would
    process.wait(timeout=30)
    assert not (workdir / "results" / "GM9999" / "warmtekans.gpkg").exists()
    snakemake(workdir, "--unlock")  # a killed Snakemake leaves its lock behind
    snakemake(workdir)  # the workflow profile sets rerun-incomplete
    assert_same_results(sample_run, workdir)


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
