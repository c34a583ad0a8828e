"""Per street: may a shared loop be drilled here? Worked on a street half inside a waterwingebied."""

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from warmtekans.model.restrictions import street_drilling

RD = "EPSG:28992"


def street():
    # a 200 m street along y = 0; the waterwingebied covers x < 100
    return gpd.GeoDataFrame({"straat_sleutel": ["osm:Lindeweg"]}, geometry=[LineString([(0, 0), (200, 0)])], crs=RD)


def zones(*rows):
    soort, zone_type, effect, depth, geometry = zip(*rows)
    return gpd.GeoDataFrame({"soort": soort, "zone_type": zone_type, "effect": effect, "max_diepte_m": depth},
                            geometry=list(geometry), crs=RD)


WATERWIN = ("drinkwater", "waterwingebied", "forbidden", np.nan, box(-10, -50, 100, 50))
BORINGSVRIJ = ("drinkwater", "boringsvrije zone", "restricted", 50.0, box(150, -50, 300, 50))


def test_street_half_in_a_waterwingebied_reads_nee_for_that_half():
    parts = street_drilling(street(), zones(WATERWIN), {"drinkwater", "archeologie"}).set_index("lus_toegestaan")
    assert sorted(parts.index) == ["ja", "nee"]
    assert parts.loc["nee"].geometry.length == pytest.approx(100.0)
    assert parts.loc["ja"].geometry.length == pytest.approx(100.0)
    assert parts.loc["nee", "max_boordiepte_m"] == 0 and np.isnan(parts.loc["ja", "max_boordiepte_m"])
    assert "waterwingebied" in parts.loc["nee", "lus_toelichting"]


def test_three_parts_with_a_depth_limit():
    parts = street_drilling(street(), zones(WATERWIN, BORINGSVRIJ), {"drinkwater", "archeologie"})
    by_answer = parts.set_index("lus_toegestaan")
    assert by_answer.loc["beperkt", "max_boordiepte_m"] == 50
    assert by_answer.loc["beperkt"].geometry.length == pytest.approx(50.0)
    assert by_answer.loc["ja"].geometry.length == pytest.approx(50.0)
    assert sorted(parts["deel"]) == [1, 2, 3]


def test_without_restriction_inputs_nothing_is_allowed_silently():
    unchecked = street_drilling(street(), zones(WATERWIN), set())
    assert unchecked["lus_toegestaan"].tolist() == ["niet gecontroleerd"]
    # only drinking water known: its zones count, the rest is not checked for archaeology
    half = street_drilling(street(), zones(WATERWIN), {"drinkwater"}).set_index("lus_toegestaan")
    assert sorted(half.index) == ["nee", "niet gecontroleerd"]
    assert "archeologie niet gecontroleerd" in half.loc["nee", "lus_toelichting"]
    # planned networks and ground-energy systems: empty (unknown) without their inputs
    assert unchecked["gepland_warmtenet"].isna().all() and unchecked["bodemenergiesystemen_nabij"].isna().all()


def test_planned_network_and_nearby_systems():
    planned = gpd.GeoDataFrame(geometry=[box(180, -20, 400, 20)], crs=RD)
    systems = gpd.GeoDataFrame(geometry=[Point(50, 30), Point(60, 500)], crs=RD)
    parts = street_drilling(street(), zones(WATERWIN), {"drinkwater", "archeologie", "warmtenet_gepland",
                                                         "bodemenergiesystemen"},
                            planned=planned, systems=systems, interference_distance_m=100).set_index("lus_toegestaan")
    assert bool(parts.loc["ja", "gepland_warmtenet"]) and not bool(parts.loc["nee", "gepland_warmtenet"])
    # the system at (50, 30) is within 100 m of both halves; the one at (60, 500) of neither
    assert parts.loc["nee", "bodemenergiesystemen_nabij"] == 1 and parts.loc["ja", "bodemenergiesystemen_nabij"] == 1
