"""The web map as people see it: headless Chromium at 1024×768 and 1600×1000 (issue 19, item 8).

The page's own self-test (``kaart.html#selftest``, see :mod:`warmtekans.outputs.webmap`) reports where the map,
the gemeente, the legend, the layer list and the footer are; a screenshot at the same size is measured too:
the gemeente's outline (its buurt borders, ``#37474f``) must span at least 60 % of the map's width or height,
and the legend must cover less than a quarter of the map.

Chromium's ``--window-size`` sets the window; for ``--dump-dom`` the page gets the window less the browser's
frame, for ``--screenshot`` the whole size. :func:`selftest` measures that frame once and asks for a window
that much taller, so both see the same viewport.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess

import geopandas as gpd
import numpy as np
import pytest
from PIL import Image

from tests.test_outputs import find_chromium, results
from warmtekans.outputs.mapframe import source_line
from warmtekans.outputs.provenance import html_footer, read_record
from warmtekans.outputs.webmap import build_html

pytestmark = pytest.mark.workflow

#: The colour of the buurt borders in the web map ('Buurten' layer style) and of the map's background (style.css).
BUURT_EDGE = (0x37, 0x47, 0x4F)


MAP_BACKGROUND = (0xF4, 0xF4, 0xF0)


@pytest.fixture(scope="module")
def browser():
    found = find_chromium()
    if found is None:
        if os.environ.get("WARMTEKANS_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (WARMTEKANS_REQUIRE_BROWSER is set) but was not found")
        pytest.skip("no Chromium found (Debian package 'chromium'; .ci/run installs it)")
    return found


def _command(browser, tmp_path, *args):
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", *args]


def _dump(browser, page, window, tmp_path) -> dict:
    out = subprocess.run(_command(browser, tmp_path, f"--window-size={window[0]},{window[1]}", "--dump-dom",
                                  f"{page.as_uri()}#selftest"), capture_output=True, text=True, timeout=120).stdout
    match = re.search(r'<pre id="selftest-result">([^<]+)</pre>', out)
    assert match, f"the self-test did not run:\n{out[:2000]}"
    return json.loads(html.unescape(match.group(1)))


def selftest(browser, page, size, tmp_path) -> dict:
    """The page's self-test in a viewport of exactly ``size`` (width, height) CSS pixels."""
    first = _dump(browser, page, size, tmp_path)
    frame = size[1] - first["layout"]["viewport"][1]
    outcome = first if frame == 0 else _dump(browser, page, (size[0], size[1] + frame), tmp_path)
    assert outcome["layout"]["viewport"] == list(size)
    return outcome


def screenshot(browser, page, size, tmp_path) -> np.ndarray:
    shot = tmp_path / f"shot_{size[0]}x{size[1]}.png"
    subprocess.run(_command(browser, tmp_path, f"--window-size={size[0]},{size[1]}", f"--screenshot={shot}",
                            page.as_uri()), capture_output=True, timeout=120)
    image = np.asarray(Image.open(shot).convert("RGB"), dtype=int)
    assert image.shape[:2] == (size[1], size[0])
    return image


def outline_box(image: np.ndarray, box: dict, min_pixels: int = 500) -> tuple[int, int, int, int]:
    """Left, top, right, bottom (px) of the buurt borders inside ``box`` (a layout rectangle).

    A border pixel has the border colour or, at an anti-aliased edge, a blend of it with the map's background
    (at least 40 % border); the borders are the connected groups of such pixels of at least ``min_pixels``
    (text, whose anti-aliased edges pass through similar colours, gives only small groups)."""
    from scipy import ndimage

    top, left = round(box["top"]), round(box["left"])
    part = image[top:top + round(box["height"]), left:left + round(box["width"])].astype(float)
    edge, towards = np.asarray(BUURT_EDGE, dtype=float), np.asarray(MAP_BACKGROUND, dtype=float) - BUURT_EDGE
    share = ((part - edge) @ towards) / (towards @ towards)  # 0: border colour, 1: background
    distance = np.linalg.norm(part - (edge + np.clip(share, 0, 1)[..., None] * towards), axis=2)
    border = (distance <= 8) & (share >= -0.05) & (share <= 0.6)
    groups, _ = ndimage.label(border, structure=np.ones((3, 3)))
    sizes = np.bincount(groups.ravel())
    sizes[0] = 0
    rows, columns = np.nonzero(sizes[groups] >= min_pixels)
    assert len(rows), "no buurt borders in the screenshot"
    return left + columns.min(), top + rows.min(), left + columns.max(), top + rows.max()


def overlap(a: dict, b: dict) -> float:
    """The area two layout rectangles share (px²)."""
    width = min(a["left"] + a["width"], b["left"] + b["width"]) - max(a["left"], b["left"])
    height = min(a["top"] + a["height"], b["top"] + b["height"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


@pytest.mark.parametrize("run, gemeente, size", [("sample_run", "GM9999", (1024, 768)),
                                                  ("sample_run", "GM9999", (1600, 1000)),
                                                  # laptop sizes where the legend fits neither beside nor above
                                                  # the gemeente at first (a blank map before the fix)
                                                  ("sample_run", "GM9999", (1280, 800)),
                                                  ("sample_run", "GM9999", (1366, 768)),
                                                  ("denhaag_run", "GM0518", (1024, 768))])
def test_opening_view_fits_the_gemeente_and_the_legend_leaves_the_map_free(request, browser, tmp_path, run,
                                                                            gemeente, size):
    page = request.getfixturevalue(run) / "results" / gemeente / "kaart.html"
    outcome = selftest(browser, page, size, tmp_path)
    layout = outcome["layout"]
    mapbox, gemeente, legend = layout["map"], layout["gemeente"], layout["legend"]
    # the gemeente lies inside the map and spans at least 60 % of its width or height
    assert gemeente["left"] >= mapbox["left"] - 1 and gemeente["top"] >= mapbox["top"] - 1
    assert gemeente["left"] + gemeente["width"] <= mapbox["left"] + mapbox["width"] + 1
    assert gemeente["top"] + gemeente["height"] <= mapbox["top"] + mapbox["height"] + 1
    assert max(gemeente["width"] / mapbox["width"], gemeente["height"] / mapbox["height"]) >= 0.6, layout
    # the legend starts collapsed on screens up to 1024 px wide, opens and closes with its button, and covers
    # less than a quarter of the map, open or not
    assert layout["legend_collapsed"] is (size[0] <= 1024)
    assert outcome["legend_after_toggle"]["collapsed"] is not layout["legend_collapsed"]
    assert outcome["legend_after_second_toggle"] is layout["legend_collapsed"]
    for box in (legend, outcome["legend_after_toggle"]["box"]):
        assert box["width"] * box["height"] < 0.25 * mapbox["width"] * mapbox["height"], box
    # the opening view leaves the gemeente beside the legend and the layer list, not under them
    for control in (legend, layout["layer_list"]):
        assert overlap(control, gemeente) < 0.02 * gemeente["width"] * gemeente["height"], (control, gemeente)
    # the footer is whole: nothing scrolls out of it and it ends at the bottom of the window
    footer = layout["footer"]
    assert footer["scroll_height"] <= footer["client_height"] and footer["scroll_width"] <= footer["client_width"]
    assert footer["top"] + footer["height"] == pytest.approx(size[1], abs=1)
    # the screenshot shows the same: the buurt borders span what the page says, the legend box is light
    image = screenshot(browser, page, size, tmp_path)
    left, top, right, bottom = outline_box(image, mapbox)
    assert max((right - left) / mapbox["width"], (bottom - top) / mapbox["height"]) >= 0.6
    assert (left, top, right, bottom) == pytest.approx(
        (gemeente["left"], gemeente["top"], gemeente["left"] + gemeente["width"], gemeente["top"] + gemeente["height"]),
        abs=4)
    legend_pixels = image[round(legend["top"]) + 2:round(legend["top"] + legend["height"]) - 2,
                          round(legend["left"]) + 2:round(legend["left"] + legend["width"]) - 2]
    assert legend_pixels.mean() > 200  # white, with a little text


def test_layers_without_features_start_off_and_the_footer_wraps(sample_run, browser, tmp_path):
    """A page without sewers and with every optional input missing (a source line of two lines at 1024 px)."""
    gpkg = results(sample_run) / "warmtekans.gpkg"
    layers = {name: gpd.read_file(gpkg, layer=name) for name in ("buurten", "clusters", "straten", "beperkingen",
                                                                   "riool", "woningen")}
    footer = source_line(set())
    page = tmp_path / "kaart.html"
    page.write_text(build_html(
        gemeente="GM9999", naam="Voorbeeldstad", buurten=layers["buurten"], clusters=layers["clusters"],
        streets=layers["straten"], zones=layers["beperkingen"], sewers=layers["riool"].iloc[:0],
        woningen=layers["woningen"], footer=footer,
        footer_html=html_footer(read_record(results(sample_run) / "herkomst.yaml"))), encoding="utf-8")
    outcome = selftest(browser, page, (1024, 768), tmp_path)
    assert outcome["features"]["Riool (warmtepotentie)"] == 0
    empty = {name for name, count in outcome["features"].items() if count == 0}
    assert not empty & set(outcome["on_by_default"])
    assert {"Buurten", "Advies per woning", "Beperkingen bodemenergie"} <= set(outcome["on_by_default"])
    footer_box = outcome["layout"]["footer"]
    assert len(footer) > 250 and footer_box["height"] >= 30  # it wraps onto a second line instead of being cut
    assert footer_box["scroll_height"] <= footer_box["client_height"]
    assert footer_box["top"] + footer_box["height"] == pytest.approx(768, abs=1)


def test_popups_keep_the_gas_boiler_apart_and_zones_look_as_their_legend(sample_run, browser, tmp_path):
    outcome = selftest(browser, results(sample_run) / "kaart.html", (1024, 768), tmp_path)
    popup = outcome["popup"]
    assert popup, "no popup with costs was opened"
    options, _, comparison = popup.partition("met aardgas (ter vergelijking)")
    assert "CV-ketel" not in options  # never listed as if it were an option one could choose
    assert re.search(r'<tr class="referentie"><td>CV-ketel \(referentie, aardgas\)</td><td>€ [\d.]+ per jaar',
                     comparison)
    assert "(goedkoopst)" in options
    # every zone is drawn with the fill and outline of its legend entry: the hatch pattern, no dashes
    legend = {entry["effect"]: entry for entry in outcome["zone_legend"]}
    assert outcome["zones"] and set(legend) == {zone["effect"] for zone in outcome["zones"]} == {"forbidden",
                                                                                                  "restricted"}
    for zone in outcome["zones"]:
        entry = legend[zone["effect"]]
        assert (zone["fill"], zone["stroke"], zone["dash"]) == (entry["fill"], entry["stroke"], entry["dash"])
        assert zone["fill"] == f"url(#wk-hatch-{zone['effect']})" and zone["dash"] is None
    # as in the PNG maps: forbidden cross-hatched ('xxx'), restricted single-hatched ('///')
    assert outcome["patterns"] == {"wk-hatch-forbidden": 2, "wk-hatch-restricted": 1}
