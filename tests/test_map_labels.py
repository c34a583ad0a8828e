"""PNG map labels: no label hidden under another, and a source line that is whole on the page (issue 19, item 8).

Each drawn label's box is taken from the renderer that draws it (its upright text extent, turned by its
angle, :func:`warmtekans.outputs.labels.text_box`), checked against matplotlib's own extent of the turned text,
and no two boxes may share area.
"""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from warmtekans.config.areas import OPTIONAL_INPUTS
from warmtekans.outputs import maps
from warmtekans.outputs.labels import LabelLayout, rotated_box, text_box
from warmtekans.outputs.mapframe import source_line, source_lines

RD = "EPSG:28992"


def label_boxes(fig):
    """Every label on the map axes of ``fig`` with its box (display px), after checking the box against the
    renderer's extent of the drawn (turned) text."""
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)  # the page as saved
    ax = fig.axes[0]
    boxes = []
    for text in ax.texts:
        if not text.get_visible() or not text.get_text():
            continue
        polygon = text_box(text, renderer)
        extent = text.get_window_extent(renderer)
        assert polygon.bounds == pytest.approx((extent.x0, extent.y0, extent.x1, extent.y1), abs=1.0), text
        boxes.append((text.get_text(), polygon))
    return boxes


def assert_no_overlap(boxes):
    for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
        assert a.intersection(b).area < 0.5, f"{name_a!r} and {name_b!r} overlap by {a.intersection(b).area:.1f} px²"


def test_rotated_box_by_hand():
    # a 4 × 2 box turned 90°: 2 wide, 4 high, same centre
    assert rotated_box((10, 20), 4, 2, 90).bounds == pytest.approx((9, 18, 11, 22))
    assert rotated_box((0, 0), 2, 2, 45).bounds == pytest.approx((-2 ** 0.5, -2 ** 0.5, 2 ** 0.5, 2 ** 0.5))


def crossing_streets():
    """A dense grid of crossing streets with long names (and a diagonal), one buurt: many names compete. Along
    the top, a row of 100 m segments with long names and a mini-network advice, whose bold names are wider
    than their segments (a guess of 0.55 em per character, as before, let them all be written, over each other)."""
    lines, names, mini = [], [], []
    for i in range(7):
        lines.append(LineString([(0, i * 40), (600, i * 40)]))
        names.append(f"Burgemeester van Oostveldstraat {i}")
        lines.append(LineString([(i * 75, 0), (i * 75, 300)]))
        names.append(f"Koningin Wilhelminalaan {i}")
        mini += [i % 3 == 0, False]
    lines.append(LineString([(0, 0), (600, 300)]))
    names.append("Diagonaal van de Hoogheemraadschapsweg")
    mini.append(False)
    for i in range(6):
        lines.append(LineString([(i * 100, 290), (i * 100 + 100, 290)]))
        names.append(f"Burgemeester Wijnaendtsstraat-{'ABCDEF'[i]}")
        mini.append(True)
    streets = gpd.GeoDataFrame({"straat": names, "straat_id": [str(i) for i in range(len(names))]},
                               geometry=lines, crs=RD)
    keys = [f"osm:{n}" for n in names]
    anchors = maps.street_label_anchors(
        gpd.GeoDataFrame({"straat": names, "straat_sleutel": keys},
                         geometry=[line.interpolate(0.5, normalized=True) for line in lines], crs=RD), streets,
        {key: "ja" for key, m in zip(keys, mini) if m})
    buurten = gpd.GeoDataFrame({"buurtcode": ["BU00010001", "BU00010002"], "buurtnaam": ["Oud-Centrum", "Noord"]},
                               geometry=[box(-10, -10, 300, 310), box(300, -10, 610, 310)], crs=RD)
    return streets, anchors, buurten


def test_no_label_hides_another_on_crossing_streets():
    streets, anchors, buurten = crossing_streets()
    empty = gpd.GeoDataFrame({"effect": [], "bronvermogen_kw": []}, geometry=[], crs=RD)
    panden = gpd.GeoDataFrame({"pand_id": [], "aanbevolen": [], "buurtcode": []}, geometry=[], crs=RD)
    fig, _ = maps.map_figure(title="t", subtitle="s", extent_bounds=(0, 0, 600, 310), focus=None,
                             counts=gpd.pd.Series(dtype=int), source=source_line(set()), panden=panden, zones=empty,
                             sewers=empty, streets=streets, buurten=buurten, anchors=anchors)
    boxes = label_boxes(fig)
    names = [name for name, _ in boxes]
    assert {"Oud-Centrum", "Noord"} <= set(names)
    assert sum(name.startswith(("Burgemeester", "Koningin")) for name in names) >= 6  # not simply all left out
    assert 2 <= sum(name.startswith("Burgemeester Wijnaendts") for name in names) < 6
    assert_no_overlap(boxes)
    inside = fig.axes[0].get_window_extent(fig.canvas.get_renderer())
    for name, polygon in boxes:  # none cut off at the edge of the map
        x0, y0, x1, y1 = polygon.bounds
        assert x0 >= inside.x0 and y0 >= inside.y0 and x1 <= inside.x1 and y1 <= inside.y1, name


def test_a_label_is_left_out_where_it_would_hide_one_placed_before():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4), dpi=200)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    layout = LabelLayout(ax)
    assert layout.place(50, 50, "Lange Voorhout", fontsize=8) is not None
    assert layout.place(52, 51, "Korte Voorhout", fontsize=8) is None          # on top of the first
    assert layout.place(50, 51, "Kerkpad", angle=90, fontsize=8) is None       # crosses it
    assert layout.place(50, 80, "Kerkpad", angle=90, fontsize=8) is not None   # clear of it
    assert layout.place(99, 10, "Rand", fontsize=8) is None                    # would run off the map


@pytest.mark.workflow
def test_no_label_hides_another_on_the_sample_maps(sample_run, monkeypatch):
    from warmtekans.pipeline.stages.plot_maps import plot_maps

    figures = {}

    def keep(path, **page):
        figures[path.stem] = maps.map_figure(**page)[0]

    monkeypatch.setattr(maps, "render_map", keep)
    processed = sample_run / "data" / "processed" / "GM9999"
    plot_maps(gemeente="GM9999", dwellings=str(processed / "woningen_beoordeeld.parquet"),
              woonpanden=str(processed / "woonpanden.parquet"), buurten=str(processed / "buurten.parquet"),
              restrictions=str(processed / "beperkingen.parquet"), sewers=str(processed / "riool_potentie.parquet"),
              streets=str(processed / "straten.parquet"), output_dir=str(sample_run / "labels"), naam="Voorbeeldstad",
              clusters=str(processed / "clusters_beoordeeld.parquet"), available_inputs=list(OPTIONAL_INPUTS),
              sample=True)
    assert {"overzicht", "BU99990001", "BU99990002", "BU99990003", "BU99990004"} <= set(figures)
    for name, fig in figures.items():
        boxes = label_boxes(fig)
        assert len(boxes) >= 5, name
        assert_no_overlap(boxes)


@pytest.mark.parametrize("available", [set(), {"straten"}, set(OPTIONAL_INPUTS)])
def test_source_line_names_osm_when_used_and_is_whole_on_the_page(available):
    text = source_line(available)
    used, _, missing = text.partition("Niet beschikbaar")
    if "straten" in available:
        assert "© OpenStreetMap-bijdragers (ODbL)" in used and "OpenStreetMap" not in missing
    else:
        assert "OpenStreetMap" not in used and "straten uit OpenStreetMap" in missing
    lines = source_lines(text)
    assert " ".join(lines) == text  # every input on the page, none cut off
    empty = gpd.GeoDataFrame({"effect": [], "bronvermogen_kw": []}, geometry=[], crs=RD)
    fig, _ = maps.map_figure(title="t", subtitle="s", extent_bounds=(0, 0, 100, 100), focus=None,
                             counts=gpd.pd.Series(dtype=int), source=text,
                             panden=gpd.GeoDataFrame({"pand_id": [], "aanbevolen": [], "buurtcode": []}, geometry=[],
                                                     crs=RD),
                             zones=empty, sewers=empty, streets=empty,
                             buurten=gpd.GeoDataFrame({"buurtcode": ["B"], "buurtnaam": ["B"]},
                                                      geometry=[Point(50, 50).buffer(40)], crs=RD))
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    drawn = [t for axes in fig.axes for t in axes.texts if t.get_text() in lines]
    assert len(drawn) == len(lines)
    for t in drawn:
        extent = t.get_window_extent(renderer)
        assert extent.x0 >= page.x0 and extent.x1 <= page.x1 and extent.y0 >= page.y0, t.get_text()


def test_sample_source_line_lists_the_inputs_it_stands_in_for():
    text = source_line(set(OPTIONAL_INPUTS), sample=True)
    assert "gegenereerde voorbeelddata" in text and "OpenStreetMap" in text and "BAG" in text
    assert len(source_lines(text)) <= 2
    assert np.all([len(line) <= 180 for line in source_lines(text)])
