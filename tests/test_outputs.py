"""What people look at: styled GeoPackage, maps, COG raster, web map in a real browser, report, tables."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio
from PIL import Image

from tests.conftest import ROOT, snakemake
from warmtekans.outputs import colours

pytestmark = pytest.mark.workflow


def results(run):
    return run / "results" / "GM9999"


def test_every_layer_has_a_default_qgis_style(sample_run):
    gpkg = results(sample_run) / "warmtekans.gpkg"
    layers = {name for name, geometry in pyogrio.list_layers(gpkg) if geometry is not None}  # not attribute tables
    with sqlite3.connect(gpkg) as connection:
        rows = connection.execute("SELECT f_table_name, f_geometry_column, styleQML, useAsDefault "
                                  "FROM layer_styles").fetchall()
        described = dict(connection.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
    assert {r[0] for r in rows} == layers
    for name, geometry_column, qml, default in rows:
        assert default == 1 and geometry_column == "geom"
        root = ET.fromstring(qml.split("'SYSTEM'>", 1)[1])
        assert root.tag == "qgis" and root.find("renderer-v2") is not None
        assert described[name]
    assert described["kwaliteit"]  # the attribute table is described too


def test_every_result_field_is_documented(sample_run):
    docs = (ROOT / "docs" / "results.md").read_text()
    gpkg = results(sample_run) / "warmtekans.gpkg"
    for name, _ in pyogrio.list_layers(gpkg):
        if name == "layer_styles":
            continue
        for field in pyogrio.read_info(gpkg, layer=name)["fields"]:
            assert f"`{field}`" in docs, f"{name}.{field} is not in docs/results.md"


def test_maps_are_not_blank(sample_run):
    for path in sorted((results(sample_run) / "kaarten").glob("*.png")) + [results(sample_run) / "warmtedichtheid.png"]:
        image = Image.open(path)
        assert image.width >= 1200  # readable on A4
        assert np.asarray(image.convert("L"), dtype=float).std() > 10, path.name


def test_heat_density_is_a_valid_cog(sample_run):
    with rasterio.open(results(sample_run) / "warmtedichtheid.tif") as raster:
        assert raster.crs.to_epsg() == 28992
        assert raster.res == (100.0, 100.0)
        assert raster.transform.c % 100 == 0 and raster.transform.f % 100 == 0  # aligned to the RD grid
        assert raster.profile["tiled"] and raster.block_shapes[0] == (256, 256) and raster.overviews(1)
        assert raster.tags(ns="IMAGE_STRUCTURE").get("LAYOUT") == "COG"
        data = raster.read(1, masked=True)
    woningen = gpd.read_file(results(sample_run) / "warmtekans.gpkg", layer="woningen")
    utiliteit = gpd.read_file(results(sample_run) / "warmtekans.gpkg", layer="utiliteit")
    total = woningen["warmtevraag_gj"].sum() + utiliteit["warmtevraag_gj"].sum()
    assert float(data.sum()) == pytest.approx(total, rel=1e-4)  # 1 ha cells: GJ/ha sums to GJ


def test_kansrijke_streets_table_and_summary(sample_run):
    """kansrijke_straten.csv lists the sample's kansrijke streets per buurt (ja before binnen marge), each
    row's reason agreeing with its advice; samenvatting.md names the gemeente and lists the same streets."""
    top = pd.read_csv(results(sample_run) / "kansrijke_straten.csv")
    assert {"buurtcode", "rang", "straat", "kansrijk", "kansrijk_niveau", "kansrijk_advies", "kansrijk_reden"} \
        <= set(top.columns)
    assert set(top["kansrijk"]) <= {"ja", "binnen marge"} and (top["kansrijk"] == "ja").any()
    rank = top["kansrijk"].map({"ja": 0, "binnen marge": 1})
    assert (rank.groupby(top["buurtcode"]).apply(lambda s: s.is_monotonic_increasing)).all()
    for row in top.itertuples():  # a 'ja' is a collective advice named in its reason; else the own choice is
        if row.kansrijk == "ja":
            assert row.kansrijk_advies in row.kansrijk_reden and "goedkoopst" in row.kansrijk_reden
        else:
            assert "duurder dan" in row.kansrijk_reden and "warmtenet" not in row.kansrijk_advies
    text = (results(sample_run) / "samenvatting.md").read_text()
    assert text.startswith("# Warmtekansen Voorbeeldstad (GM9999)")
    positions = [text.index(f"**{street}**") for street in top["straat"]]
    assert positions == sorted(positions)  # the same streets, in the same order


def test_snakemake_report_as_the_readme_says(sample_run):
    commands = re.findall(r"^\.venv/bin/snakemake (--report \S+)", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert commands == ["--report report.html"], "the README's report command changed: update this test"
    result = snakemake(sample_run, *commands[0].split())
    html = (sample_run / "report.html").read_text(errors="ignore")
    assert "Report created" in result.stderr + result.stdout
    assert "warmtedichtheid" in html
    assert "herkomst.yaml" in html and "samenvatting.md" in html  # provenance and summary are linked
    if (ROOT / ".git").exists():
        ignored = subprocess.run(["git", "check-ignore", "-q", "report.html"], cwd=ROOT)
        assert ignored.returncode == 0, "report.html must be git-ignored"


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_web_map_in_headless_chromium_offline(sample_run, tmp_path):
    browser = find_chromium()
    if browser is None:
        if os.environ.get("WARMTEKANS_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (WARMTEKANS_REQUIRE_BROWSER is set) but was not found")
        pytest.skip("no Chromium found (Debian package 'chromium'; .ci/run installs it)")
    page = results(sample_run) / "kaart.html"
    text = page.read_text()
    loads = re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']https?://", text)
    assert not loads, "the page must not load anything from the network"
    assert "tile.openstreetmap" not in text and "L.tileLayer(" not in text
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom",
               f"{page.as_uri()}#selftest"]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    match = re.search(r'<pre id="selftest-result">([^<]+)</pre>', dom)
    assert match, f"the self-test did not run:\n{dom[:2000]}"
    outcome = json.loads(match.group(1))
    clusters = gpd.read_file(results(sample_run) / "warmtekans.gpkg", layer="clusters")
    woningen = gpd.read_file(results(sample_run) / "warmtekans.gpkg", layer="woningen")
    n_mini = int((clusters["niveau"] == "mini").sum())
    assert outcome["features"]["Kandidaten: mini-clusters"] == n_mini
    assert outcome["features"]["Advies per woning"] == len(woningen)
    # the candidates are switchable and off by default; the advice per dwelling is on
    assert "Kandidaten: mini-clusters" not in outcome["on_by_default"]
    assert "Kandidaten: gebieden" not in outcome["on_by_default"]
    assert "Advies per woning" in outcome["on_by_default"] and "Aanbevolen clusters" in outcome["on_by_default"]
    assert outcome["after_showing_mini"] == outcome["drawn"] + n_mini
    assert outcome["mini_visible"] is True
    assert outcome["after_hiding_mini"] == outcome["drawn"]
    assert outcome["zoomed_to"].startswith("BU")
    assert {"Aanbevolen configuratie (per woning)", "Clusters", "Beperkingen bodemenergie",
            "Riool: bronvermogen (riothermie)"} <= set(outcome["legend_sections"])
    # the browser draws each dwelling in the colour of its own advice (the cheapest feasible option)
    expected = woningen["aanbevolen"].map(colours.configuration_colour).value_counts().to_dict()
    assert outcome["dwelling_colours"] == expected
    assert outcome["dwelling_colours"][colours.COLOURS["individuele luchtwarmtepomp"]] == \
        int((woningen["aanbevolen"] == "individuele luchtwarmtepomp").sum()) > 0
    assert "Warmtekansen Voorbeeldstad (GM9999)" in text
    shot = tmp_path / "shot.png"
    subprocess.run([*command[:-2], "--window-size=1200,800", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert np.asarray(Image.open(shot).convert("L"), dtype=float).std() > 10


def _world_file(path):
    size_x, _, _, size_y, x0, y0 = (float(v) for v in path.read_text().split())
    return size_x, size_y, x0, y0


def test_web_map_and_overview_png_show_the_same_colour_per_dwelling(sample_run):
    """Acceptance (issue 12): the colour the web map embeds for each dwelling is the colour the overview PNG
    shows at that dwelling (pixel sampled through the PNG's world file)."""
    from pyproj import Transformer

    from warmtekans.outputs.webmap import decode_dwelling_positions, embedded_payload

    payload = embedded_payload((results(sample_run) / "kaart.html").read_text(encoding="utf-8"))
    dwellings = payload["data"]["woningen"]
    advice = [dwellings["lookup"]["advies"][i] for i in dwellings["advies"]]
    web_colours = [payload["settings"]["colours"][name] for name in advice]
    lonlat = decode_dwelling_positions(dwellings)
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True).transform(lonlat[:, 0], lonlat[:, 1])
    png = results(sample_run) / "kaarten" / "overzicht.png"
    image = np.asarray(Image.open(png).convert("RGB"))
    size_x, size_y, x0, y0 = _world_file(png.with_suffix(".pgw"))
    column = np.floor((np.asarray(x) - x0) / size_x + 0.5).astype(int)
    row = np.floor((np.asarray(y) - y0) / size_y + 0.5).astype(int)
    palette = {tuple(int(h[i:i + 2], 16) for i in (1, 3, 5)): h for h in colours.COLOURS.values()}
    matched = wrong = 0
    for r, c, expected in zip(row, column, web_colours):
        found = palette.get(tuple(int(v) for v in image[r, c]))
        if found is None:
            continue  # an outline, a label or a hatch line at this pixel
        matched += 1
        wrong += found != expected
    assert len(web_colours) == 2435
    assert matched >= 0.6 * len(web_colours), f"only {matched} dwellings land on a filled building pixel"
    # the advice is per dwelling (cheapest feasible option), so neighbours in a row can differ; a point on a
    # party wall may sample the neighbour's fill: allow at most 0.5 % of such pixels
    assert wrong <= 0.005 * matched, f"{wrong} of {matched} dwellings show another configuration colour in the PNG"
