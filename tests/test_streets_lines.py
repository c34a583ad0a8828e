"""Streets as lines (issue 19, item 5): a line through the addresses where there is no OSM, street names that say
where they come from, and a missing nummeraanduiding that warns and never collapses the street list.

The geometry is worked out by hand in docs/method.md §2 (*Streets as lines*)."""

from __future__ import annotations

import logging
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, box

from tests.conftest import REAL_DENHAAG, ROOT, snakemake, workdir_with
from warmtekans.config.areas import BagInput
from warmtekans.config.sections import ClusterSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.core.quality import QualityLog
from warmtekans.model.clusters import assign_streets
from warmtekans.model.streetlines import MAX_OFFSET_M, TICK_M, street_line, street_lines
from warmtekans.outputs.results import quality_markdown, quality_table, street_layer
from warmtekans.outputs.streetsource import name_sources, street_note, with_street_note

LINES = {"LineString", "MultiLineString"}


def same_line(actual, expected, tolerance=1e-6) -> bool:
    """Same vertices in the same order (one part or several)."""
    return shapely.equals_exact(shapely.normalize(actual), shapely.normalize(expected), tolerance=tolerance)


# --- the rule, by hand -------------------------------------------------------------------------------------------

def test_five_addresses_on_a_bent_street_give_the_line_through_them_in_order():
    # y = x² / 250: symmetric, so the main axis is x (covariance 0); one address per 25 m slice, so every
    # slice middle is the address itself, and the quadratic through the five middles is y = x²/250 itself
    bent = [(-50, 10), (-25, 2.5), (0, 0), (25, 2.5), (50, 10)]
    shuffled = [bent[i] for i in (3, 0, 4, 2, 1)]
    assert same_line(street_line(np.array(shuffled)), LineString(bent))


def test_addresses_on_both_sides_give_the_middle_of_the_street():
    # north side y = 12 at x = 0, 20, 40, 60; south side y = -12 at x = 10, 30, 50. Axis x; slices from x = 0:
    # [0, 25) holds x = 0, 10, 20 (mean 10, moved to the first address x = 0), [25, 50) x = 30, 40 (mean 35),
    # [50, 75) x = 50, 60 (mean 55, moved to the last address x = 60); each slice's middle across is y = 0
    north = [(0, 12), (20, 12), (40, 12), (60, 12)]
    south = [(10, -12), (30, -12), (50, -12)]
    line = street_line(np.array(north + south))
    assert same_line(line, LineString([(0, 0), (35, 0), (60, 0)]))


def test_one_name_in_two_places_is_two_pieces_not_a_diagonal():
    near, far = [(0, 0), (20, 0), (40, 0)], [(300, 0), (320, 0), (340, 0)]  # 260 m apart: over the 100 m gap
    line = street_line(np.array(near + far))
    assert line.geom_type == "MultiLineString"
    assert same_line(line, MultiLineString([[(0, 0), (40, 0)], [(300, 0), (340, 0)]]))


def test_one_address_is_a_short_line_along_the_street():
    # one location (an apartment building: all its addresses at one point): 10 m east-west
    assert same_line(street_line(np.array([(100, 200)] * 3)), LineString([(95, 200), (105, 200)]))
    # a lone address 400 m down a diagonal street: a 10 m tick along the street's axis (1, 1)/√2
    half = TICK_M / 2 / math.sqrt(2)
    line = street_line(np.array([(0, 0), (30, 30), (300, 300)]))
    assert same_line(line, MultiLineString([[(0, 0), (30, 30)], [(300 - half, 300 - half), (300 + half, 300 + half)]]))


def test_a_street_that_bends_back_is_drawn_along_its_legs():
    # a U: two legs 120 m apart joined by a base; one line down the middle would be 60 m from every address
    legs = [(x, y) for x in (0, 120) for y in range(20, 201, 20)]
    base = [(x, 0) for x in range(0, 121, 20)]
    points = np.array(legs + base, dtype=float)
    line = street_line(points)
    assert shapely.distance(shapely.points(points), line).max() <= MAX_OFFSET_M
    assert line.distance(Point(60, 150)) > 30  # never through the middle of the U


def test_lines_do_not_depend_on_the_order_of_the_addresses():
    rng = np.random.default_rng(7)
    points = np.column_stack([np.arange(0, 400, 8.0), 15 * np.sin(np.arange(0, 400, 8.0) / 60)])
    points[::2, 1] += 20  # two sides of the street
    first = street_line(points)
    assert first.equals_exact(street_line(points[rng.permutation(len(points))]), tolerance=1e-9)


def test_street_lines_per_key():
    points = gpd.GeoSeries([Point(0, 0), Point(40, 0), Point(0, 100), Point(0, 140), Point(5, 5)], crs=RD_CRS)
    keys = pd.Series(["bag:b", "bag:b", "bag:a", "bag:a", None])
    lines = street_lines(points, keys)
    assert list(lines.index) == ["bag:a", "bag:b"] and lines.crs == RD_CRS
    assert same_line(lines["bag:a"], LineString([(0, 100), (0, 140)]))
    assert same_line(lines["bag:b"], LineString([(0, 0), (40, 0)]))


# --- the street layer --------------------------------------------------------------------------------------------

def street_dwellings() -> gpd.GeoDataFrame:
    """Two BAG streets (no OSM): 'Lindelaan' of seven addresses on both sides (the street of
    :func:`test_addresses_on_both_sides_give_the_middle_of_the_street`), 'Kerkpad' of one address."""
    rows = [("bag:1", "Lindelaan", x, 12) for x in (0, 20, 40, 60)] + [
        ("bag:1", "Lindelaan", x, -12) for x in (10, 30, 50)] + [("bag:2", "Kerkpad", 200, 200)]
    frame = pd.DataFrame(rows, columns=["straat_sleutel", "straat", "x", "y"])
    return gpd.GeoDataFrame({
        "straat_sleutel": frame["straat_sleutel"], "straat": frame["straat"], "buurtcode": "BU00000001",
        "objecttype": "woning", "warmtevraag_gj": 40.0, "aanbevolen_schaal": "individueel",
        "aanbevolen": "individuele luchtwarmtepomp", "mini_cluster_id": pd.NA, "mini_score": np.nan,
        "postcode": "1234AB", "huisnummer": range(1, len(frame) + 1)},
        geometry=gpd.points_from_xy(frame["x"], frame["y"]), crs=RD_CRS)


def test_street_layer_without_osm_holds_lines_and_cuts_them_at_zones():
    zone = gpd.GeoDataFrame({"soort": ["drinkwater"], "zone_type": ["waterwingebied"], "effect": ["forbidden"],
                             "max_diepte_m": [np.nan]}, geometry=[box(25, -50, 100, 50)], crs=RD_CRS)
    layer = street_layer(gpd.GeoDataFrame(geometry=[], crs=RD_CRS), street_dwellings(), pd.DataFrame(), zone,
                         {"drinkwater", "archeologie"})
    assert set(layer.geom_type) <= LINES
    linde = layer[layer["straat"] == "Lindelaan"].set_index("deel")
    # the line (0,0)-(35,0)-(60,0), cut where the forbidden zone starts (x = 25)
    assert len(linde) == 2
    parts = {row.lus_toegestaan: row.geometry for row in linde.itertuples()}
    assert same_line(parts["nee"], LineString([(25, 0), (35, 0), (60, 0)]))
    assert same_line(parts["ja"], LineString([(0, 0), (25, 0)]))
    assert (linde["lijn_bron"] == "adressen").all() and linde["lengte_m"].isna().all()
    kerkpad = layer[layer["straat"] == "Kerkpad"].iloc[0]
    assert same_line(kerkpad.geometry, LineString([(195, 200), (205, 200)]))
    assert kerkpad["naam_bron"] == "BAG openbare ruimte"


def test_street_layer_with_osm_draws_streets_without_a_segment_through_their_addresses():
    osm = gpd.GeoDataFrame({"straat": ["Lindelaan"], "straat_id": [1]}, geometry=[LineString([(0, 0), (60, 0)])],
                           crs=RD_CRS)
    dwellings = street_dwellings()
    dwellings.loc[dwellings["straat"] == "Lindelaan", "straat_sleutel"] = "osm:Lindelaan"
    layer = street_layer(osm, dwellings, pd.DataFrame(), None, {"straten"}).set_index("straat")
    assert layer.at["Lindelaan", "lijn_bron"] == "OSM" and layer.at["Lindelaan", "lengte_m"] == 60.0
    assert layer.at["Lindelaan", "naam_bron"] == "OSM"
    assert layer.at["Kerkpad", "lijn_bron"] == "adressen" and layer.geometry["Kerkpad"].length == TICK_M


# --- names: where they come from --------------------------------------------------------------------------------

def test_name_sources_and_the_map_note():
    frame = pd.DataFrame({"straat": ["Lindelaan", "2593 AB 10–24", "Molenweg", "blok 3 (geen adres)", None],
                          "straat_sleutel": ["bag:1", "bag:2", "osm:Molenweg", "blok:3", "bag:9"]})
    assert name_sources(frame).tolist() == ["BAG openbare ruimte", "postcode + huisnummers", "OSM", "geen adres",
                                            "onbekend"]
    labels = pd.DataFrame({"straat": ["2593 AB 10–24"] * 3, "straat_sleutel": ["bag:1", "bag:1", "bag:2"]})
    note = street_note(labels, set())
    assert note == ("Straten: lijn door de adressen (geen OSM). Straatnamen: niet in de BAG-invoer, gelabeld met "
                    "postcode + huisnummers")
    assert with_street_note("Bron: BAG (Kadaster). Kaart: warmtekans", labels, set()) == (
        f"Bron: BAG (Kadaster). {note}. Kaart: warmtekans")
    # before the missing inputs, which the PNG margin wraps onto lines of their own
    missing = "Niet beschikbaar (niet gecontroleerd): OSM. Kaart: warmtekans"
    assert with_street_note(f"Bron: BAG. {missing}", labels, set()) == f"Bron: BAG. {note}. {missing}"
    mixed = pd.DataFrame({"straat": ["Molenweg"] * 3 + ["Lindelaan"],
                          "straat_sleutel": ["osm:Molenweg"] * 3 + ["bag:1"]})
    assert street_note(mixed, {"straten"}) == "Straten: OSM. Straatnamen: OSM 75 %, BAG openbare ruimte 25 %"


# --- a missing nummeraanduiding ---------------------------------------------------------------------------------

def test_missing_nummeraanduiding_warns_on_screen_and_in_kwaliteit(caplog):
    from warmtekans.inputs.bag import _bag_addresses

    quality = QualityLog()
    vbo = pd.DataFrame({"identificatie": ["1", "2"]})
    with caplog.at_level(logging.WARNING):
        addresses = _bag_addresses(BagInput(path="bag.gpkg", flavour="nlextract"), vbo, quality=quality)
    assert addresses["openbare_ruimte_id"].isna().all()
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "GEEN ADRESSEN EN GEEN STRAATNAMEN" in logged and "bag.nummeraanduiding" in logged
    no_dwellings = pd.DataFrame(columns=["objecttype", "label_bron", "woningtype_bron", "straat", "beperking"])
    table = quality_table(quality, no_dwellings, set())
    text = quality_markdown("GM0518", table)
    warnings = text.split("## Waarschuwingen")[1].split("\n## ")[0]
    assert "GEEN ADRESSEN EN GEEN STRAATNAMEN" in warnings and "energielabels" in warnings
    assert text.index("## Waarschuwingen") < text.index("## Invoer")


def test_without_addresses_streets_are_blocks_not_one_unknown_street():
    # three rows of two touching houses; rows 40 m apart (over mini_max_gap_m = 15 m): three blocks
    panden = gpd.GeoDataFrame({"pand_id": [f"p{i}" for i in range(6)]},
                              geometry=[box(x, y, x + 6, y + 10) for y in (0, 50, 100) for x in (0, 6)], crs=RD_CRS)
    dwellings = pd.DataFrame({"pand_id": panden["pand_id"], "straat": pd.NA, "openbare_ruimte_id": pd.NA})
    streets = assign_streets(panden, dwellings, gpd.GeoDataFrame(geometry=[], crs=RD_CRS), ClusterSettings())
    assert streets["straat_sleutel"].tolist() == ["blok:1", "blok:1", "blok:2", "blok:2", "blok:3", "blok:3"]
    assert streets["straat"].iloc[2] == "blok 2 (geen adres)"
    # numbered by the lowest pand_id, whatever the row order
    again = assign_streets(panden.iloc[::-1], dwellings, gpd.GeoDataFrame(geometry=[], crs=RD_CRS), ClusterSettings())
    assert again.loc[streets.index, "straat_sleutel"].tolist() == streets["straat_sleutel"].tolist()


# --- whole runs -------------------------------------------------------------------------------------------------

def assert_only_lines(gpkg) -> gpd.GeoDataFrame:
    straten = gpd.read_file(gpkg, layer="straten")
    assert not straten.empty
    assert set(straten.geom_type) <= LINES, straten.geom_type.value_counts()
    assert straten.geometry.notna().all() and not straten.geometry.is_empty.any()
    return straten


@pytest.mark.workflow
def test_den_haag_oost_streets_are_lines_and_say_where_their_names_come_from(denhaag_run):
    results = denhaag_run / "results" / "GM0518"
    straten = assert_only_lines(results / "warmtekans.gpkg")
    assert (straten["lijn_bron"] == "adressen").all()  # no OSM
    assert (straten["naam_bron"] == "postcode + huisnummers").mean() > 0.9  # no openbareruimte table
    # one line per openbare ruimte of the dwellings and non-residential objects
    gpkg = results / "warmtekans.gpkg"
    objects = pd.concat([gpd.read_file(gpkg, layer=layer) for layer in ("woningen", "utiliteit")], ignore_index=True)
    assert set(straten["straat_sleutel"]) == set(objects["straat_sleutel"])
    # every address lies within MAX_OFFSET_M of its street's line
    lines = straten.dissolve(by="straat_sleutel").geometry
    distance = objects.geometry.distance(gpd.GeoSeries(objects["straat_sleutel"].map(lines).to_numpy(),
                                                       index=objects.index, crs=RD_CRS))
    assert distance.max() <= MAX_OFFSET_M + 1
    note = "Straatnamen: niet in de BAG-invoer, gelabeld met postcode + huisnummers"
    assert note in (results / "kwaliteit.md").read_text()
    assert note in (results / "kaart.html").read_text()


@pytest.mark.workflow
def test_sample_streets_are_lines(sample_run):
    straten = assert_only_lines(sample_run / "results" / "GM9999" / "warmtekans.gpkg")
    assert (straten["lijn_bron"] == "OSM").any()


@pytest.mark.workflow
def test_den_haag_oost_without_nummeraanduiding_warns_and_keeps_streets_apart(tmp_path):
    """NLExtract without the nummeraanduiding file: the run warns on screen and in kwaliteit.md, and the street
    list is blocks of panden, not one 'straat onbekend'. Stops at the tables (no maps) to stay cheap."""
    import yaml

    if not (REAL_DENHAAG / "bag.gpkg").exists():
        pytest.skip(f"real data not found at {REAL_DENHAAG}")
    workdir = workdir_with(tmp_path)
    example = yaml.safe_load((ROOT / "config" / "examples" / "denhaag-oost.yaml").read_text())
    inputs = example["areas"]["GM0518"]["inputs"]
    inputs["bag"]["path"] = str(REAL_DENHAAG / "bag.gpkg")
    del inputs["bag"]["nummeraanduiding"]
    inputs["buurten"]["path"] = str(REAL_DENHAAG / "cbs_buurten_2022.gpkg")
    (workdir / "dh.yaml").write_text(yaml.safe_dump(example))
    run = snakemake(workdir, "results/GM0518/kansrijke_straten.csv", "--configfile", str(workdir / "dh.yaml"))
    assert "GEEN ADRESSEN EN GEEN STRAATNAMEN" in run.stderr + run.stdout
    results = workdir / "results" / "GM0518"
    quality = (results / "kwaliteit.md").read_text()
    assert "GEEN ADRESSEN EN GEEN STRAATNAMEN" in quality.split("## Waarschuwingen")[1].split("\n## ")[0]
    top = pd.read_csv(results / "kansrijke_straten.csv", dtype={"straat": "string"})
    assert top["straat"].nunique() == len(top) and not (top["straat"] == "straat onbekend").any()
    assert top["straat"].str.fullmatch(r"blok \d+ \(geen adres\)").all()
    straten = assert_only_lines(results / "warmtekans.gpkg")
    assert straten["straat_sleutel"].nunique() > 100 and (straten["naam_bron"] == "geen adres").all()
    assert straten.drop_duplicates("straat_sleutel")["straat"].str.fullmatch(r"blok \d+ \(geen adres\)").all()
