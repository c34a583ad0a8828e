"""Map helpers worked out by hand: source line, scale bar, world file, extent, web-map encoding and legend."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from warmtekans.outputs import colours
from warmtekans.outputs.mapframe import (
    fit_extent,
    scale_bar_length,
    source_line,
    world_file_text,
)
from warmtekans.outputs.raster import classify_heat_density
from warmtekans.outputs.webmap import (
    build_html,
    decode_dwelling_positions,
    embedded_payload,
    encode_dwellings,
    feature_properties,
)


def test_source_line_names_used_and_missing_inputs():
    text = source_line({"riool"})
    used, missing = text.split(". Niet beschikbaar")
    assert "BAG (Kadaster)" in used and "GWSW" in used
    assert "EP-online" not in used and "OpenStreetMap" not in used
    assert "EP-online" in missing and "OpenStreetMap" in missing and "GWSW" not in missing
    assert "Niet beschikbaar" not in source_line({"energielabels"}, relevant=("energielabels",))
    assert "gegenereerde voorbeelddata" in source_line(set(), sample=True)


@pytest.mark.parametrize("width, expected", [(2300, 200), (5000, 1000), (900, 100), (12_000, 2000), (260, 50)])
def test_scale_bar_is_a_round_length_near_a_fifth_of_the_width(width, expected):
    assert scale_bar_length(width) == expected


def test_fit_extent_keeps_the_centre_and_fills_the_box():
    x0, y0, x1, y1 = fit_extent((0, 0, 1000, 1000), 8.0, 4.0, pad_share=0.0)
    assert (x0 + x1) / 2 == 500 and (y0 + y1) / 2 == 500
    assert (x1 - x0) / (y1 - y0) == pytest.approx(2.0)
    assert y1 - y0 == pytest.approx(1000)


def test_world_file_of_a_map_box():
    # a 1000 m wide, 500 m high extent in a 100 × 50 px box whose top-left corner is at pixel (10, 20)
    lines = [float(v) for v in world_file_text((1000, 2000, 2000, 2500), (10, 20, 100, 50)).split()]
    assert lines == pytest.approx([10.0, 0.0, 0.0, -10.0, 1000 - 9.5 * 10, 2500 + 19.5 * 10])


def test_heat_density_classes_use_the_peta_bounds():
    values = np.array([np.nan, 0.0, 150.0, 200.0, 499.9, 1200.0, 2999.0, 3000.0, 10_000.0])
    assert classify_heat_density(values).tolist() == [-1, -1, 0, 1, 1, 3, 3, 4, 4]
    assert colours.heat_density_label(1200, 3000) == "1 200–3 000 GJ/ha"
    assert colours.heat_density_label(3000, float("inf")) == "≥ 3 000 GJ/ha"


def test_unknown_configuration_gets_a_stable_colour_not_grey():
    name = "warmtenet op aquathermie"
    assert colours.configuration_colour(name) == colours.configuration_colour(name)
    assert colours.configuration_colour(name) != colours.COLOURS["individueel"]
    assert colours.configuration_colour(None) == colours.COLOURS["individueel"]


def _small_area():
    rd = "EPSG:28992"
    woningen = gpd.GeoDataFrame({
        "vbo_id": ["1", "2", "3"], "straat": ["Lindeweg", "Lindeweg", "Kerkstraat"],
        "straat_sleutel": ["osm:Lindeweg", "osm:Lindeweg", "osm:Kerkstraat"], "huisnummer": ["1", "3", "2"],
        "woningtype": ["tussenwoning", "hoekwoning", "vrijstaand"], "labelklasse": ["C", "D", "B"],
        "aanbevolen": ["gedeelde bodemlus", "gedeelde bodemlus", "individueel"],
        "aanbevolen_schaal": ["mini", "mini", "individueel"], "gekozen_cluster": ["M1", "M1", None],
        "kosten_eur_jaar_individueel": [2100.4, 2100.4, 1900.0], "goedkoopste": ["gedeelde bodemlus"] * 3,
    }, geometry=[Point(155000, 463000), Point(155012, 463000), Point(155100, 463050)], crs=rd)
    clusters = gpd.GeoDataFrame({
        "cluster_id": ["M1", "G1"], "niveau": ["mini", "gebied"], "schaal": ["mini", "kleinschalig"],
        "configuratie": ["gedeelde bodemlus", "individueel"], "score": [80.0, 20.0],
        "reden": ["twee woningen", "te klein"],
        "n_woningen": [2, 3], "onzeker": [True, False], "marge_eur_jaar": [120.0, None],
    }, geometry=[box(154990, 462990, 155020, 463010), box(154980, 462980, 155120, 463060)], crs=rd)
    buurten = gpd.GeoDataFrame({"buurtcode": ["BU00010001"], "buurtnaam": ["Dorp"], "n_woningen": [3]},
                               geometry=[box(154900, 462900, 155200, 463100)], crs=rd)
    streets = gpd.GeoDataFrame({"straat_sleutel": ["osm:Lindeweg"], "straat": ["Lindeweg"], "n_woningen": [2],
                                "n_advies_mini": [2], "kansrijk": ["ja"]},
                               geometry=[LineString([(154990, 462995), (155030, 462995)])],
                               crs=rd)
    empty = gpd.GeoDataFrame({"effect": pd.Series(dtype="string")}, geometry=[], crs=rd)
    return woningen, clusters, buurten, streets, empty


def test_dwelling_positions_survive_the_compact_encoding():
    woningen = _small_area()[0]
    encoded = encode_dwellings(woningen, {"M1": 0})
    lonlat = decode_dwelling_positions(encoded)
    expected = woningen.to_crs("EPSG:4326").sort_values(["straat_sleutel"], kind="stable")
    assert encoded["n"] == 3
    # sorted by street key: Kerkstraat first; positions within 1e-5 degrees (about 1 m)
    assert encoded["nummer"] == [2, 1, 3]
    assert np.abs(lonlat[:, 0] - expected.geometry.x.to_numpy()).max() <= 0.6e-5
    assert encoded["kosten"]["kosten_eur_jaar_individueel"] == [1900, 2100, 2100]


def test_web_map_embeds_advice_onzeker_legend_and_costs():
    woningen, clusters, buurten, streets, empty = _small_area()
    page = build_html(gemeente="GM0001", naam="Dorp", buurten=buurten, clusters=clusters, streets=streets,
                      zones=empty, sewers=gpd.GeoDataFrame(geometry=[], crs="EPSG:28992"), woningen=woningen,
                      footer="Bron: test")
    payload = embedded_payload(page)
    assert "<title>Warmtekansen Dorp (GM0001)</title>" in page and "Bron: test" in page
    titles = [s["title"] for s in payload["settings"]["legend"]]
    assert "Aanbevolen configuratie (per woning)" in titles and "Beperkingen bodemenergie" not in titles
    cluster_items = next(s for s in payload["settings"]["legend"] if s["title"] == "Clusters")["items"]
    assert any(i["kind"] == "dash" for i in cluster_items)  # onzeker is in the legend because the field exists
    props = {p["cluster_id"]: p for p in feature_properties(payload["data"]["clusters"])}
    assert props["M1"]["onzeker"] is True and props["M1"]["aanbevolen"] is True and props["G1"]["aanbevolen"] is False
    assert props["M1"]["marge_eur_jaar"] == 120.0
    assert payload["data"]["woningen"]["lookup"]["advies"] == ["gedeelde bodemlus", "individueel"]
    assert payload["settings"]["colours"]["gedeelde bodemlus"] == colours.COLOURS["gedeelde bodemlus"]
    # OSM streets: the name along the line (angle 0 for an east-west street), highlighted: a kansrijke street
    assert payload["data"]["labels"]["straat"] == [[pytest.approx(52.0, abs=1), pytest.approx(5.0, abs=1), 0,
                                                    "Lindeweg", 1]]
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']https?://", page)  # offline


def test_summary_lists_the_advice_with_the_map_colours():
    from warmtekans.outputs.results import advice_markdown

    lines = advice_markdown(pd.Series(["grootschalig warmtenet"] * 3 + ["gedeelde bodemlus"]))
    rows = [line for line in lines if line.startswith("| ") and "`#" in line]
    assert rows == ["| gedeelde bodemlus | `#1b9e77` | 1 |", "| grootschalig warmtenet | `#d95f02` | 3 |"]


def test_footprint_image_fills_outlines_and_fades():
    """A 100 m square extent in 10 × 10 px burnt at 3 × 3 sub-pixels of 3.33 m: a pixel inside a building has
    exactly its fill colour; the outline x = 15 m takes the middle third of pixel column 1 (x 10–20 m), whose
    left third is empty, so that pixel is 2/3 opaque and half fill, half #424242 in colour."""
    from warmtekans.outputs.maps import footprint_image

    footprints = gpd.GeoSeries([box(15, 15, 45, 85), box(60, 10, 90, 50)])
    image = footprint_image(footprints, ["#1b9e77", "#d95f02"], np.array([1.0, 0.35]), (0, 0, 100, 100), 10, 10,
                            supersample=3)
    assert image.shape == (10, 10, 4) and image.dtype == np.uint8
    assert image[5, 3].tolist() == [0x1B, 0x9E, 0x77, 255]     # x 30–40, y 40–50: inside the first building
    assert image[6, 7].tolist() == [0xD9, 0x5F, 0x02, 89]      # inside the faded one: 0.35 × 255 = 89.25
    assert image[0, 0].tolist()[3] == 0 and image[5, 5].tolist()[3] == 0   # no building: transparent
    # (0x1b + 0x42) / 2 = 46.5 → 46, (0x9e + 0x42) / 2 = 112, (0x77 + 0x42) / 2 = 92.5 → 92 (round half to even)
    assert image[5, 1].tolist() == [46, 112, 92, 170]


def test_rasterised_overview_shows_each_building_in_its_advice_colour(tmp_path, monkeypatch):
    """Above ``raster_footprints_above`` the buildings are one image; sampled through the world file, the pixel
    at each building's centre has its advice colour, exactly as in the vector drawing."""
    from PIL import Image

    from warmtekans.outputs import maps

    crs = "EPSG:28992"
    advice = ["gedeelde bodemlus", "grootschalig warmtenet", "individuele luchtwarmtepomp", "gedeelde bodemlus"]
    footprints = [box(0, 0, 40, 30), box(60, 0, 90, 50), box(0, 70, 25, 120), box(150, 100, 200, 130)]
    panden = gpd.GeoDataFrame({"pand_id": ["P1", "P2", "P3", "P4"]}, geometry=footprints, crs=crs)
    centres = panden.geometry.centroid
    dwellings = gpd.GeoDataFrame({"pand_id": panden["pand_id"], "aanbevolen": advice, "buurtcode": ["BU1"] * 4},
                                 geometry=centres, crs=crs)
    buurten = gpd.GeoDataFrame({"buurtcode": ["BU1"], "buurtnaam": ["B"]}, geometry=[box(-10, -10, 210, 140)], crs=crs)
    empty = gpd.GeoDataFrame({"effect": [], "bronvermogen_kw": []}, geometry=[], crs=crs)
    calls = []
    original = maps.footprint_image
    monkeypatch.setattr(maps, "footprint_image", lambda *a, **k: calls.append(len(a[0])) or original(*a, **k))

    def sampled(folder, above):
        maps.write_maps(tmp_path / folder, gemeente="GM9999", buurten=buurten, dwellings=dwellings, panden=panden,
                        zones=empty, sewers=empty, streets=empty, per_buurt=False, raster_footprints_above=above)
        png = tmp_path / folder / "overzicht.png"
        image = np.asarray(Image.open(png).convert("RGB"))
        size_x, _, _, size_y, x0, y0 = (float(v) for v in png.with_suffix(".pgw").read_text().split())
        columns = np.floor((centres.x.to_numpy() - x0) / size_x + 0.5).astype(int)
        rows = np.floor((centres.y.to_numpy() - y0) / size_y + 0.5).astype(int)
        return ["#%02x%02x%02x" % tuple(image[r, c]) for r, c in zip(rows, columns)], image

    rasterised, raster_image = sampled("raster", 3)
    assert calls == [4]                     # four buildings > 3: drawn as one image
    vector, vector_image = sampled("vector", 4)
    assert calls == [4]                     # four buildings, not more than 4: polygons
    assert rasterised == vector == [colours.COLOURS[name] for name in advice]
    # the rest of the page is the same apart from anti-aliased building edges
    assert (raster_image != vector_image).any(axis=2).mean() < 0.005


def test_isin_through_a_hash_index_ignores_missing_values():
    from warmtekans.outputs.maps import _isin

    values = pd.Series(["a", None, "b", "c", "a"], dtype="string[pyarrow]")
    assert _isin(values, {"a", "c", None}).tolist() == [True, False, False, True, True]
    assert _isin(values, pd.Index(["b", "b"])).tolist() == [False, False, True, False, False]


def test_legend_counts_say_woning_for_one():
    from warmtekans.outputs.colours import dwellings_text

    assert dwellings_text(1) == "1 woning"
    assert dwellings_text(2435) == "2 435 woningen"
    assert dwellings_text(0) == "0 woningen"


def test_popups_name_the_gas_boiler_as_the_reference():
    """The web map's popups list the options by their names; the CV boiler only as the gas reference (and the
    hybrid heat pump, which keeps a gas boiler, beside it), never as an option to choose."""
    from warmtekans.decision.options import CHOICES, CV, HYBRIDE
    from warmtekans.outputs.webmap import option_labels

    labels = option_labels()
    assert labels[CV] == {"name": "CV-ketel (referentie, aardgas)", "reference": True, "gas": True}
    assert labels[HYBRIDE]["gas"] and not labels[HYBRIDE]["reference"]
    assert labels[HYBRIDE]["gas_name"] == "hybride warmtepomp (deels aardgas)"
    assert [key for key, label in labels.items() if label["reference"]] == [CV]
    assert CV not in CHOICES


def test_restriction_zones_are_drawn_forbidden_on_top_with_their_legend_hatch():
    from warmtekans.outputs.webmap import _forbidden_on_top

    woningen, clusters, buurten, streets, _ = _small_area()
    zones = gpd.GeoDataFrame({"effect": ["forbidden", "restricted", "allowed"]},
                             geometry=[box(154990, 462990, 155000, 463000)] * 3, crs="EPSG:28992")
    assert _forbidden_on_top(zones)["effect"].tolist() == ["allowed", "restricted", "forbidden"]
    page = build_html(gemeente="GM0001", buurten=buurten, clusters=clusters, streets=streets, zones=zones,
                      sewers=gpd.GeoDataFrame(geometry=[], crs="EPSG:28992"), woningen=woningen)
    settings = embedded_payload(page)["settings"]
    # the PNG hatches: 'xxx' (crossed) for forbidden, '///' for restricted; the page draws the same
    assert settings["restrictions"] == {"forbidden": {"colour": "#e41a1c", "cross": True},
                                        "restricted": {"colour": "#ff7f00", "cross": False}}
    section = next(s for s in settings["legend"] if s["title"] == "Beperkingen bodemenergie")
    assert [(i["kind"], i["effect"]) for i in section["items"]] == [("hatch", "forbidden"), ("hatch", "restricted")]


def test_dot_image_marks_every_fifth_pixel_inside_the_geometry_only():
    """A 10 × 10 m square in the north-west quarter of a 20 × 20 m extent at 1 px per metre: pixels whose row and
    column are multiples of 5 inside it (rows and columns 0 and 5: four dots) are red, everything else clear."""
    from shapely.geometry import box

    from warmtekans.outputs import colours
    from warmtekans.outputs.maps import DOT_SPACING_PX, dot_image

    assert DOT_SPACING_PX == 5
    image = dot_image(gpd.GeoSeries([box(0.0, 10.0, 10.0, 20.0)]), (0.0, 0.0, 20.0, 20.0), 20, 20)
    assert image.shape == (20, 20, 4)
    opaque = np.argwhere(image[..., 3] == 255)
    assert sorted(map(tuple, opaque)) == [(0, 0), (0, 5), (5, 0), (5, 5)]
    red = tuple(int(colours.ONZEKER[i:i + 2], 16) for i in (1, 3, 5))
    assert tuple(image[5, 5, :3]) == red
    assert image[..., 3].sum() == 4 * 255
