"""The result GeoPackage in real QGIS (Debian's QGIS 3.22 through PyQGIS, offscreen).

PyQGIS lives in Debian's ``/usr/bin/python3`` (package ``python3-qgis``), not in the project's
venv, so ``tests/qgis_check.py`` runs in a subprocess and reports JSON. The tests skip with a
message when QGIS is not installed, unless ``WARMTEKANS_REQUIRE_QGIS`` is set (``.ci/run`` sets
it after installing ``qgis python3-qgis``).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from PIL import Image
from shapely.geometry import LineString, MultiLineString, box

from tests.conftest import ROOT
from warmtekans.core.crs import RD_CRS
from warmtekans.outputs.styles import project_qgs, write_styled_gpkg

SYSTEM_PYTHON = os.environ.get("WARMTEKANS_QGIS_PYTHON", "/usr/bin/python3")
CHECK = ROOT / "tests" / "qgis_check.py"
#: A layer with features must colour at least this many of the 800 x 800 pixels.
MIN_PAINTED_PIXELS = 100


def qgis_env(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "xdg-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime),
            "HOME": str(tmp_path), "PYTHONPATH": ""}


@pytest.fixture(scope="module")
def qgis_python(tmp_path_factory) -> str:
    """Debian's python3 when it can import qgis.core; else skip (or fail when QGIS is required)."""
    tmp = tmp_path_factory.mktemp("qgis-probe")
    reason = None
    if not Path(SYSTEM_PYTHON).exists():
        reason = f"{SYSTEM_PYTHON} not found"
    else:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, text=True,
                               timeout=120, env=qgis_env(tmp))
        if probe.returncode != 0:
            reason = f"qgis.core cannot be imported by {SYSTEM_PYTHON}: {probe.stderr.strip()[-300:]}"
    if reason:
        if os.environ.get("WARMTEKANS_REQUIRE_QGIS"):
            pytest.fail(f"QGIS is required here (WARMTEKANS_REQUIRE_QGIS is set) but {reason}")
        pytest.skip(f"{reason} (Debian packages 'qgis python3-qgis'; .ci/run installs them)")
    return SYSTEM_PYTHON


def run_check(python: str, gpkg: Path, out: Path, tmp_path: Path) -> tuple[dict, str]:
    result = subprocess.run([python, str(CHECK), str(gpkg), str(out)], capture_output=True, text=True, timeout=600,
                            env=qgis_env(tmp_path))
    assert result.returncode == 0, \
        f"qgis_check failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_every_layer_of_the_sample_opens_styled_and_renders_in_qgis(sample_run, qgis_python, tmp_path):
    gpkg = sample_run / "results" / "GM9999" / "warmtekans.gpkg"
    report, stderr = run_check(qgis_python, gpkg, tmp_path / "png", tmp_path)
    assert report["qgis"].startswith("3.")
    assert "partially supported" not in stderr  # no GeoPackage version warning (GDAL 3.6 of QGIS 3.22)
    assert "Non-conformant content" not in stderr
    layers = report["layers"]
    assert {"buurten", "clusters", "straten", "woningen", "utiliteit", "beperkingen", "riool"} <= set(layers)
    for name, layer in layers.items():
        assert layer["valid"], name
        if not layer["spatial"]:
            continue
        assert layer["style_loaded"], f"{name}: {layer['style_message']}"
        assert layer["geometry"] in {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                                     "MultiPolygon"}, f"{name} has no single geometry type: {layer['geometry']}"
        expected_symbol = {"Point": 0, "LineString": 1, "Polygon": 2}[layer["geometry"].removeprefix("Multi")]
        assert layer["symbol_types"] == [expected_symbol], f"{name}: the style does not fit {layer['geometry']}"
        if layer["features"]:
            assert layer["painted_pixels"] > MIN_PAINTED_PIXELS, f"{name} renders blank"
    assert layers["buurten"]["labels"] and layers["buurten"]["label_halo"]
    assert layers["straten"]["labels"] and layers["straten"]["label_halo"]
    assert layers["beperkingen"]["symbol_levels"]
    project = report["project"]
    assert project["read"] and project["crs"] == "EPSG:28992" and project["title"] == "Warmtekansen GM9999"
    order = [layer["id"] for layer in project["layers"]]
    # map layers top to bottom (woningen first, buurten last), then the attribute table kwaliteit
    assert order[0] == "warmtekans_woningen" and order[-2:] == ["warmtekans_buurten", "warmtekans_kwaliteit"]
    assert all(layer["valid"] for layer in project["layers"]), project["layers"]
    visible = {layer["id"]: layer["visible"] for layer in project["layers"]}
    assert not visible["warmtekans_clusters_mini"] and not visible["warmtekans_clusters_gebied"]
    assert project["painted_pixels"] > MIN_PAINTED_PIXELS
    assert project["project_abstract"].startswith("warmtekans ")  # the provenance summary line
    # layer names are readable Dutch, not table names
    names = {layer["id"].removeprefix("warmtekans_"): layer["name"] for layer in project["layers"]}
    assert {key: names[key] for key in ("woningen", "straten", "buurten", "beperkingen", "riool", "warmtebronnen",
                                        "clusters_mini", "kwaliteit")} == {
        "woningen": "Woningen", "straten": "Straten: kansrijk voor een collectieve optie", "buurten": "Buurten",
        "beperkingen": "Beperkingen voor boren",
        "riool": "Riool", "warmtebronnen": "Warmtebronnen", "clusters_mini": "Clusters: mini (kandidaten)",
        "kwaliteit": "Kwaliteit van de invoer"}
    assert all("_" not in name and name[0].isupper() for name in names.values()), names
    # heat sources: a marker shape of their own per kind, every source drawn by the rule of its kind
    sources = gpd.read_file(gpkg, layer="warmtebronnen")
    rules = {rule["label"]: rule for rule in layers["warmtebronnen"]["rules"]}
    assert layers["warmtebronnen"]["renderer"] == "RuleRenderer"
    assert len({rule["shape"] for rule in rules.values()}) == len(rules) and "circle" not in {
        rule["shape"] for rule in rules.values()}
    kinds = {"riothermie (riool)": "riothermie", "aquathermie (oppervlaktewater)": "aquathermie",
             "restwarmte": "restwarmte", "open WKO": "open WKO"}
    for label, prefix in kinds.items():
        assert rules[label]["features"] == int(sources["soort"].str.startswith(prefix).sum()), label
    assert rules["riothermie (riool)"]["features"] > 0 and rules["restwarmte"]["features"] > 0
    assert rules["andere bron"]["features"] == 0 and sum(r["features"] for r in rules.values()) == len(sources)


def test_line_streets_empty_layers_and_forbidden_on_top_in_qgis(qgis_python, tmp_path):
    gpkg = tmp_path / "warmtekans.gpkg"
    zone = box(0, 0, 100, 100)
    write_styled_gpkg({
        # streets drawn through their addresses (no OSM): a tick for one address, a line, a street in two pieces
        "straten": gpd.GeoDataFrame({"straat": ["Kerkpad", "Molenweg", "Dorpsplein"],
                                     "kansrijk": ["nee", "binnen marge", "ja"]},
                                    geometry=[LineString([(15, 20), (25, 20)]), LineString([(30, 30), (60, 30)]),
                                              MultiLineString([[(40, 40), (60, 45)], [(40, 60), (60, 60)]])],
                                    crs=RD_CRS),
        "riool": gpd.GeoDataFrame({"bronvermogen_kw": pd.Series([], dtype="float64")},
                                  geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS),
        # forbidden first: in feature order restricted would be drawn over it without symbol levels
        "beperkingen": gpd.GeoDataFrame({"effect": ["forbidden", "restricted"]}, geometry=[zone, zone], crs=RD_CRS),
        # an uncertain cluster (bottom left) and a certain one (top right)
        "clusters": gpd.GeoDataFrame({"configuratie": ["individueel", "individueel"], "niveau": ["mini", "mini"],
                                      "onzeker": [True, False]},
                                     geometry=[box(5, 5, 40, 40), box(60, 60, 95, 95)], crs=RD_CRS),
    }, gpkg, geometry_types={"riool": "MultiLineString"})
    (tmp_path / "warmtekans.qgs").write_text(project_qgs(gpkg, title="test", extent=(0, 0, 100, 100)))
    report, _ = run_check(qgis_python, gpkg, tmp_path / "png", tmp_path)
    layers = report["layers"]
    assert layers["riool"]["geometry"] == "MultiLineString" and layers["riool"]["style_loaded"]
    assert layers["straten"]["geometry"] == "MultiLineString" and layers["straten"]["symbol_types"] == [1]
    assert layers["straten"]["painted_pixels"] > MIN_PAINTED_PIXELS
    centre = np.asarray(Image.open(layers["beperkingen"]["png"]).convert("RGB"), dtype=float)[350:450, 350:450]
    red, green, _ = centre.reshape(-1, 3).mean(axis=0)
    # restricted (orange, 255/127/0) under forbidden (red, 228/26/28): the overlap looks red, not orange
    assert red - green > 60, (red, green)
    clusters = np.asarray(Image.open(layers["clusters"]["png"]).convert("RGB"), dtype=float)
    dark = (clusters.max(axis=2) < 60)  # the dashed outline (33, 33, 33) of an uncertain cluster
    inside, outside = dark[400:, :400].sum(), dark[:400, 400:].sum()
    assert inside > 200 and outside == 0, (inside, outside)
    assert all(layer["valid"] for layer in report["project"]["layers"])
