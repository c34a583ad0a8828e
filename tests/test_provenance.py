"""Provenance of the sample run: version, run date, config and every input (with SHA-256) in every output."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from warmtekans.config.loader import validate_config
from warmtekans.io.geopackage import read_gpkg_metadata
from warmtekans.outputs.provenance import read_record, warmtekans_version
from warmtekans.pipeline.workflow import packaged_path

pytestmark = pytest.mark.workflow


def results(run: Path) -> Path:
    return run / "results" / "GM9999"


def test_geopackage_records_version_date_config_and_every_input(sample_run):
    texts = read_gpkg_metadata(results(sample_run) / "warmtekans.gpkg")
    assert len(texts) == 1
    record = yaml.safe_load(texts[0])
    assert record == read_record(results(sample_run) / "herkomst.yaml")
    assert record["gemeente"] == "GM9999"
    assert record["warmtekans_version"] == warmtekans_version(ROOT)
    run_date = datetime.strptime(record["run_date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert timedelta(0) <= datetime.now(timezone.utc) - run_date < timedelta(hours=6)
    names = [entry["name"] for entry in record["inputs"]]
    assert names[:2] == ["bag", "buurten"]
    assert {"energielabels", "drinkwater", "archeologie", "riool", "straten", "kentallen", "kosten"} <= set(names)
    packaged = {entry["name"]: entry["path"] for entry in record["inputs"] if entry["path"].startswith("warmtekans:")}
    assert packaged == {"kentallen": "warmtekans:data/heat_demand.csv", "kosten": "warmtekans:data/kosten.csv"}
    for entry in record["inputs"]:
        path = Path(packaged_path(entry["path"]))
        path = path if path.is_absolute() else sample_run / path
        data = path.read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["name"]
        assert entry["size_bytes"] == len(data)
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert entry["modified"] == modified
    config = validate_config(record["config"])  # the config as run, valid on its own
    assert config.gemeenten == ["GM9999"] and set(config.areas) == {"GM9999"}
    assert record["config"]["clusters"]["mini_max_gap_m"] == 15.0  # config/config.yaml


def test_summary_web_map_and_project_carry_the_provenance(sample_run):
    record = read_record(results(sample_run) / "herkomst.yaml")
    bag = next(entry for entry in record["inputs"] if entry["name"] == "bag")
    summary = (results(sample_run) / "samenvatting.md").read_text()
    head = summary.split("\n## ", 1)[0]
    assert record["warmtekans_version"] in head and record["run_date"] in head
    section = summary.split("## Herkomst", 1)[1]
    assert f"| bag | `{bag['path']}` | {bag['size_bytes']} | {bag['modified']} | `{bag['sha256']}` |" in section
    assert "```yaml\ngemeenten:\n- GM9999\n" in section
    page = (results(sample_run) / "kaart.html").read_text()
    assert 'id="herkomst"' in page and bag["sha256"] in page and record["run_date"] in page
    project = (results(sample_run) / "warmtekans.qgs").read_text()
    assert bag["sha256"] in project and record["warmtekans_version"] in project
