"""Whole-workflow runs on the sample with one input replaced: bad files stop the run by name,
valid files in another CRS give the same result as in RD New (issue 9, acceptance)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import yaml

from tests.conftest import snakemake, workdir_with

GPKG = "results/GM9999/warmtekans.gpkg"


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory):
    """The sample inputs, generated once for this module."""
    from warmtekans.sample.generate import generate

    return generate(tmp_path_factory.mktemp("inputs") / "GM9999", "GM9999")


def sample_inputs(paths) -> dict:
    """The sample's inputs as an explicit ``inputs`` block (so any one can be replaced)."""
    return {
        "bag": {"path": str(paths["bag"]), "flavour": "bag-light"},
        "buurten": {"path": str(paths["buurten"]), "layer": "buurten"},
        "energielabels": str(paths["energielabels"]),
        "drinkwater": {"path": str(paths["drinkwater"]), "zone_column": "zone_type"},
        "archeologie": {"path": str(paths["archeologie"]), "zone_column": "categorie"},
        "riool": {"path": str(paths["riool"]), "layer": "beheer_leiding"},
        "straten": str(paths["straten"]),
    }


def run_with(tmp_path, inputs: dict, *targets: str):
    workdir = workdir_with(tmp_path)
    config = {"gemeenten": ["GM9999"],
              "areas": {"GM9999": {"naam": "Voorbeeldstad", "sample": False, "inputs": inputs}}}
    (workdir / "run.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(workdir, *targets, "--configfile", str(workdir / "run.yaml"), check=False)
    return workdir, result


def assert_refused(workdir, result, rule: str, *words: str) -> None:
    assert result.returncode != 0
    log = (workdir / "logs" / "GM9999" / f"{rule}.log").read_text()
    for word in words:
        assert word in log, log
    assert "Traceback" not in log
    assert not (workdir / "results" / "GM9999").exists()
    assert not list((workdir / "data" / "processed" / "GM9999").glob(".*"))  # no temporary leftovers


def test_zones_with_rd_numbers_labelled_wgs84_stop_the_run(tmp_path, sample_files):
    zones = gpd.read_file(sample_files["drinkwater"]).set_crs("EPSG:4326", allow_override=True)
    bad = tmp_path / "drinkwater-4326.gpkg"
    zones.to_file(bad, layer="zones", driver="GPKG", engine="pyogrio")
    inputs = sample_inputs(sample_files) | {"drinkwater": {"path": str(bad), "zone_column": "zone_type"}}
    workdir, result = run_with(tmp_path / "run", inputs)
    assert_refused(workdir, result, "prepare_inputs", "drinkwater-4326.gpkg", "says its CRS is EPSG:4326",
                   "look like metres")


def test_ep_online_saved_as_xlsx_stops_the_run(tmp_path, sample_files):
    bad = tmp_path / "ep-online.csv"
    bad.write_bytes(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml" + b"\x00" * 500)
    workdir, result = run_with(tmp_path / "run", sample_inputs(sample_files) | {"energielabels": str(bad)})
    assert_refused(workdir, result, "prepare_inputs", "ep-online.csv", "is an Excel workbook (xlsx)",
                   "save it as 'CSV (puntkomma-gescheiden)'")


def test_sewer_layer_of_points_stops_the_run(tmp_path, sample_files):
    pipes = gpd.read_file(sample_files["riool"], layer="beheer_leiding")
    pipes["geometry"] = pipes.geometry.centroid
    bad = tmp_path / "riool-punten.gpkg"
    pipes.to_file(bad, layer="beheer_leiding", driver="GPKG", engine="pyogrio")
    inputs = sample_inputs(sample_files) | {"riool": {"path": str(bad), "layer": "beheer_leiding"}}
    workdir, result = run_with(tmp_path / "run", inputs)
    assert_refused(workdir, result, "prepare_inputs", "riool-punten.gpkg", "layer 'beheer_leiding'",
                   "must be line geometries", f"{len(pipes)} Point")


def test_layers_in_wgs84_give_the_same_restrictions_as_in_rd(tmp_path, sample_files):
    """Acceptance: drinking-water zones and sewers in EPSG:4326 → same zones and beperking per dwelling."""
    rd_dir, rd = run_with(tmp_path / "rd", sample_inputs(sample_files), GPKG)
    assert rd.returncode == 0, rd.stderr[-4000:]
    zones = gpd.read_file(sample_files["drinkwater"])
    pipes = gpd.read_file(sample_files["riool"], layer="beheer_leiding")
    zones_wgs84 = tmp_path / "drinkwater-4326.gpkg"
    pipes_wgs84 = tmp_path / "riool-4326.gpkg"
    zones.to_crs("EPSG:4326").to_file(zones_wgs84, layer="zones", driver="GPKG", engine="pyogrio")
    pipes.to_crs("EPSG:4326").to_file(pipes_wgs84, layer="beheer_leiding", driver="GPKG", engine="pyogrio")
    inputs = sample_inputs(sample_files) | {"drinkwater": {"path": str(zones_wgs84), "zone_column": "zone_type"},
                                            "riool": {"path": str(pipes_wgs84), "layer": "beheer_leiding"}}
    wgs_dir, wgs = run_with(tmp_path / "wgs84", inputs, GPKG)
    assert wgs.returncode == 0, wgs.stderr[-4000:]

    def layer(workdir, name):
        return gpd.read_file(workdir / GPKG, layer=name, engine="pyogrio")

    rd_zones, wgs_zones = layer(rd_dir, "beperkingen"), layer(wgs_dir, "beperkingen")
    assert len(wgs_zones) == len(rd_zones) > 0
    assert (wgs_zones["soort"] == "drinkwater").sum() == (rd_zones["soort"] == "drinkwater").sum() > 0
    rd_area = rd_zones.sort_values(["soort", "zone_type"]).area.to_numpy()
    wgs_area = wgs_zones.sort_values(["soort", "zone_type"]).area.to_numpy()
    assert wgs_area == pytest.approx(rd_area, rel=1e-3)
    rd_dwellings = layer(rd_dir, "woningen").set_index("vbo_id")["beperking"]
    wgs_dwellings = layer(wgs_dir, "woningen").set_index("vbo_id")["beperking"]
    pd.testing.assert_series_equal(wgs_dwellings.sort_index(), rd_dwellings.sort_index())
    assert rd_dwellings.nunique() > 1  # the sample has dwellings inside and outside zones
    assert len(layer(wgs_dir, "riool")) == len(layer(rd_dir, "riool")) > 0
    # each prepare stage wrote its quality log; the CRS found is the file's, before reprojection
    written = sorted(p.name for p in (wgs_dir / "data" / "processed" / "GM9999" / "kwaliteit").glob("*.json"))
    assert written == ["prepare_bag.json", "prepare_barriers.json", "prepare_buurten.json", "prepare_context.json",
                       "prepare_energielabels.json", "prepare_restrictions.json", "prepare_sewers.json",
                       "prepare_sources.json", "prepare_streets.json"]
    from warmtekans.core.quality import QualityLog

    quality_dir = wgs_dir / "data" / "processed" / "GM9999" / "kwaliteit"
    restrictions = QualityLog.read(quality_dir / "prepare_restrictions.json")
    assert restrictions.entry("drinkwater").crs == "EPSG:4326"
    assert restrictions.entry("drinkwater").rows_read == len(zones)
