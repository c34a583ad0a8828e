"""Issue 20 through the whole workflow: real sewer graphs, GIO zones, and every bad input of "no silent result
left" either stops the run by name (exit status, message, nothing of the gemeente written) or is counted in
kwaliteit.md."""

from __future__ import annotations

import errno
import logging
import re
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pytest
import yaml
from conftest import ROOT
from shapely.geometry import Point, box

from tests.conftest import snakemake, workdir_with
from tests.test_bad_input_workflow import sample_inputs
from tests.test_gio import gio_xml

KWALITEIT = "results/GM9999/kwaliteit.md"
BODEGRAVEN = ROOT.parent / "shared" / "data" / "real" / "gwsw_bodegraven" / "getGeoPackage_1134.gpkg"


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory):
    from warmtekans.sample.generate import generate

    return generate(tmp_path_factory.mktemp("inputs") / "GM9999", "GM9999")


def inputs_with_sources(paths) -> dict:
    return sample_inputs(paths) | {
        "wko_geschiktheid": {"path": str(paths["wko_geschiktheid"]), "layer": "wko_geschiktheid",
                             "zone_column": "geschiktheid"},
        "oppervlaktewater": {"path": str(paths["oppervlaktewater"]), "layer": "oppervlaktewater"},
        "puntbronnen": {"path": str(paths["puntbronnen"]), "layer": "puntbronnen"},
    }


def run_with(tmp_path, inputs: dict, *targets: str):
    workdir = workdir_with(tmp_path)
    config = {"gemeenten": ["GM9999"], "sensitivity": {"draws": 0},
              "areas": {"GM9999": {"naam": "Voorbeeldstad", "sample": False, "inputs": inputs}}}
    (workdir / "run.yaml").write_text(yaml.safe_dump(config))
    return workdir, snakemake(workdir, *targets, "--configfile", str(workdir / "run.yaml"), check=False)


def assert_refused(workdir, result, rule: str, *words: str) -> str:
    """Exit status, the message's key words in the rule's log, no traceback, nothing of GM9999 written."""
    assert result.returncode != 0
    log = (workdir / "logs" / "GM9999" / f"{rule}.log").read_text()
    for word in words:
        assert word in log, log
    assert "Traceback" not in log
    assert not (workdir / "results" / "GM9999").exists()
    return log


def write_layer(frame, path, layer):
    frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    return path


# --------------------------------------------------------------------------- sewer graphs as they are


def test_real_bodegraven_export_on_the_sample_town_accumulates_and_reports_cycles(tmp_path, sample_files):
    """Acceptance: the GWSW GeoPackage export of Bodegraven (no BOB, loops) laid on the sample town.

    Laid by translating the export so that its densest 2.55 x 1.7 km window (lower left at RD 110 400, 454 000,
    1 650 dry-weather pipes) covers the sample's area (its buurten plus the 200 m margin of the prepare step).
    """
    if not BODEGRAVEN.exists():
        pytest.skip(f"real data not found at {BODEGRAVEN} (needs ../shared beside the repository)")
    buurten = gpd.read_file(sample_files["buurten"], layer="buurten").total_bounds
    dx, dy = buurten[0] - 200 - 110_400, buurten[1] - 200 - 454_000
    laid = tmp_path / "bodegraven-op-voorbeeldstad.gpkg"
    for layer in ("default_lijn", "default_punt"):
        frame = gpd.read_file(BODEGRAVEN, layer=layer)
        write_layer(frame.assign(geometry=frame.translate(dx, dy)), laid, layer)
    inputs = sample_inputs(sample_files) | {"riool": {"path": str(laid), "layer": "default_lijn"}}
    workdir, result = run_with(tmp_path / "run", inputs, KWALITEIT)
    assert result.returncode == 0, result.stderr[-4000:]
    text = (workdir / KWALITEIT).read_text()
    match = re.search(r"droogweerleidingen met stroomopwaartse aanvoer \(debiet opgeteld over het net\): (\d+) van "
                      r"(\d+) \(([\d,]+) %\)", text)
    assert match, text
    accumulated, pipes = int(match.group(1)), int(match.group(2))
    assert pipes == 1650 and accumulated / pipes >= 0.95
    loops = re.search(r"kringen in het rioolnet: (\d+) \(onafhankelijke lussen\)", text)
    assert loops and int(loops.group(1)) > 0  # the real network has loops; none switches accumulation off
    assert "gemaal, RWZI of uitlaat" in text
    log = (workdir / "logs" / "GM9999" / "prepare_inputs.log").read_text()
    assert "riool: droogweerleidingen met stroomopwaartse aanvoer" in log  # on screen too
    segments = gpd.read_parquet(workdir / "data" / "processed" / "GM9999" / "riool_potentie.parquet")
    assert len(segments) == pipes
    # flow is accumulated: the largest upstream population is far above what one pipe's own dwellings give
    assert segments["inwoners_stroomop"].max() > 20 * segments["inwoners_stroomop"].median()
    assert not segments["debiet_bron"].str.contains("niet te orienteren").any()


# --------------------------------------------------------------------------- GIO zones


def test_gio_zone_over_the_sample_town_restricts_its_dwellings(tmp_path, sample_files):
    """A GIO (no zone_column) with a waterwingebied over part of the town, a hole in it, and a second location."""
    minx, miny, maxx, maxy = gpd.read_file(sample_files["buurten"], layer="buurten").total_bounds
    outer = box(minx, miny, (minx + maxx) / 2, maxy)
    hole = box(minx + 100, miny + 100, minx + 400, miny + 400)
    zone = outer.difference(hole)
    path = tmp_path / "omgevingsloket" / "GIO-waterwin.gml"
    path.parent.mkdir()
    path.write_text(gio_xml([("Waterwingebied Voorbeeldstad", zone)], group_label="waterwingebied"))
    inputs = sample_inputs(sample_files) | {"drinkwater": {"path": str(path.parent)}}
    workdir, result = run_with(tmp_path / "run", inputs, "results/GM9999/warmtekans.gpkg")
    assert result.returncode == 0, result.stderr[-4000:]
    woningen = gpd.read_file(workdir / "results" / "GM9999" / "warmtekans.gpkg", layer="woningen")
    inside = woningen.within(zone)
    in_hole = woningen.within(hole)
    assert inside.any() and in_hole.any()
    assert (woningen.loc[inside, "beperking"] == "forbidden").all()
    assert not (woningen.loc[in_hole, "beperking_zones"].fillna("").str.contains("waterwingebied").any())
    herkomst = yaml.safe_load((workdir / "results" / "GM9999" / "herkomst.yaml").read_text())
    drinkwater = next(e for e in herkomst["inputs"] if e["name"] == "drinkwater")
    assert drinkwater["files"] == 1 and len(drinkwater["sha256"]) == 64  # the folder is hashed file by file


def test_gio_with_an_unknown_label_stops_the_run(tmp_path, sample_files):
    path = tmp_path / "GIO-stilte.gml"
    path.write_text(gio_xml([("Stiltegebied", box(140000, 455000, 140500, 455500))], group_label="stiltegebied"))
    workdir, result = run_with(tmp_path / "run", sample_inputs(sample_files) | {"drinkwater": {"path": str(path)}})
    assert_refused(workdir, result, "prepare_inputs", "GIO-stilte.gml", "label(s) ['stiltegebied', 'Stiltegebied']",
                   "restrictions.drinkwater")


# --------------------------------------------------------------------------- no silent result left


def test_zones_and_sources_without_geometry_are_counted_in_kwaliteit(tmp_path, sample_files):
    zones = gpd.read_file(sample_files["drinkwater"])
    zones.loc[len(zones)] = {"zone_type": "Waterwingebied", "Drinkwaterbedrijf": "x", "provincie": "y",
                             "geometry": None}
    bad_zones = write_layer(zones, tmp_path / "drinkwater-null.gpkg", "grondwaterbeschermingsgebieden")
    points = gpd.read_file(sample_files["puntbronnen"], layer="puntbronnen")
    points.loc[len(points)] = {"naam": "zonder plek", "soort": "RWZI", "vermogen_kw": 2000.0, "geometry": None}
    bad_points = write_layer(points, tmp_path / "puntbronnen-null.gpkg", "puntbronnen")
    inputs = inputs_with_sources(sample_files) | {
        "drinkwater": {"path": str(bad_zones), "zone_column": "zone_type"},
        "puntbronnen": {"path": str(bad_points), "layer": "puntbronnen"},
    }
    workdir, result = run_with(tmp_path / "run", inputs, KWALITEIT)
    assert result.returncode == 0, result.stderr[-4000:]
    text = (workdir / KWALITEIT).read_text()
    assert "- **drinkwater**: 1 verwijderd: geen geometrie (NULL of leeg)" in text
    assert "- **puntbronnen**: 1 verwijderd: geen geometrie (NULL of leeg)" in text
    assert "geen kwaliteitsverslag" not in text  # every step reported (the sources and barriers steps too)


@pytest.mark.parametrize("power, words", [(1e9, "above 500000 kW"), (0.0, "below 10 kW")])
def test_implausible_source_power_stops_the_run(tmp_path, sample_files, power, words):
    points = gpd.read_file(sample_files["puntbronnen"], layer="puntbronnen").assign(vermogen_kw=power)
    bad = write_layer(points, tmp_path / "puntbronnen.gpkg", "puntbronnen")
    inputs = inputs_with_sources(sample_files) | {"puntbronnen": {"path": str(bad), "layer": "puntbronnen"}}
    workdir, result = run_with(tmp_path / "run", inputs)
    assert_refused(
        workdir, result, "prepare_sources", "puntbronnen.gpkg", "column 'vermogen_kw'", words, "sources.point_source_"
    )


def test_source_of_unknown_kind_without_power_stops_the_run(tmp_path, sample_files):
    points = gpd.read_file(sample_files["puntbronnen"], layer="puntbronnen")
    points.loc[len(points)] = {
        "naam": "bakkerij",
        "soort": "bakkerij",
        "vermogen_kw": np.nan,
        "geometry": Point(140500, 455000),
    }
    bad = write_layer(points, tmp_path / "puntbronnen.gpkg", "puntbronnen")
    inputs = inputs_with_sources(sample_files) | {"puntbronnen": {"path": str(bad), "layer": "puntbronnen"}}
    workdir, result = run_with(tmp_path / "run", inputs)
    assert_refused(
        workdir, result, "prepare_sources", "puntbronnen.gpkg", "soort ['bakkerij']", "sources.point_source_default_kw"
    )


def test_wko_classes_given_as_codes_stop_the_run(tmp_path, sample_files):
    wko = gpd.read_file(sample_files["wko_geschiktheid"], layer="wko_geschiktheid")
    wko["geschiktheid"] = [str(k % 3 + 1) for k in range(len(wko))]
    bad = write_layer(wko, tmp_path / "wko.gpkg", "wko_geschiktheid")
    inputs = inputs_with_sources(sample_files) | {
        "wko_geschiktheid": {"path": str(bad), "layer": "wko_geschiktheid", "zone_column": "geschiktheid"}
    }
    workdir, result = run_with(tmp_path / "run", inputs)
    assert_refused(
        workdir,
        result,
        "prepare_sources",
        "wko.gpkg",
        "column 'geschiktheid'",
        "match neither sources.wko_allowed_classes",
        "'1'",
    )


def test_input_path_that_is_a_directory_is_named_by_its_reader(tmp_path, sample_files):
    folder = tmp_path / "ep-online.csv"
    folder.mkdir()
    workdir, result = run_with(tmp_path / "run", sample_inputs(sample_files) | {"energielabels": str(folder)})
    assert_refused(workdir, result, "prepare_inputs", "ep-online.csv", "is a directory, not an EP-online CSV file")
    provenance = workdir / "logs" / "GM9999" / "provenance.log"
    assert not provenance.exists() or "Traceback" not in provenance.read_text()  # the regression of issue 20


def test_results_path_that_is_a_file_stops_with_one_line(tmp_path, sample_files):
    workdir = workdir_with(tmp_path / "run")
    (workdir / "results").mkdir()
    (workdir / "results" / "GM9999").write_text("not a folder")
    config = {
        "gemeenten": ["GM9999"],
        "areas": {"GM9999": {"naam": "Voorbeeldstad", "sample": False, "inputs": sample_inputs(sample_files)}},
    }
    (workdir / "run.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(workdir, "--configfile", str(workdir / "run.yaml"), check=False)
    assert result.returncode != 0
    assert "warmtekans: cannot write the results: 'results/GM9999' is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert (workdir / "results" / "GM9999").read_text() == "not a folder"
    assert not (workdir / "data" / "processed" / "GM9999").exists()  # no job ran


def test_full_disk_ends_a_job_in_one_line_with_the_path(tmp_path):
    """A full disk cannot be made in a test: the stage raises what the OS raises (ENOSPC with the file name)."""
    from warmtekans.pipeline.workflow import run

    target = tmp_path / "results" / "GM9999" / "warmtekans.gpkg"

    def stage():
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    job = SimpleNamespace(log=[str(tmp_path / "stage.log")])
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with pytest.raises(SystemExit) as stopped:
            run(job, stage)
    finally:  # run() configures logging for a job process; give pytest its handlers back
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = handlers, level
    assert stopped.value.code == 1
    text = (tmp_path / "stage.log").read_text()
    assert f"cannot write '{target}': No space left on device; the disk is full" in text
    assert "Traceback" not in text and len(text.strip().splitlines()) == 1
