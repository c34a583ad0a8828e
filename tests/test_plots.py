"""Room on the plot (model/plots.py) and the usable frontage (model/geometry.py), on hand-worked geometry.

The town of these tests (RD metres, y to the north):

* a street centre line along y = -6;
* a row of five houses, 5 m wide and 10 m deep, their fronts on y = 0 (6 m from the street centre line):
  x 0-25, y 0-10; the two ends are hoekwoningen, the middle three tussenwoningen;
* the row behind, back to back: x 0-25, y 30-40 (20 m between the rear façades: 10 m gardens);
* a detached house of 12 m × 10 m at x 100-112, y 0-10, nothing else within 30 m but the street;
* two apartment blocks of 40 m × 12 m (480 m²): x 200-240 (6 storeys, 48 dwellings) and
  x 300-340 (12 storeys, 96 dwellings).

Settings are the defaults: a typical unit of 60 dB(A) on the ground against a wall (Q = 4) needs
r = √(4 · 10^((60 − 40)/10) / (4π)) = √(100/π) = 5.64 m to fall to 40 dB(A); a quiet unit (55 dB(A))
behind a screen (−5 dB) needs √(10/π) = 1.78 m. The plot boundary lies halfway to the next building.
"""
from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from warmtekans.config.outdoor_unit import OutdoorUnitSettings
from warmtekans.core.crs import RD_CRS
from warmtekans.model.geometry import frontage_m, usable_frontage_m
from warmtekans.model.plots import (
    dwelling_room,
    free_distances,
    outdoor_unit_verdict,
    plot_room,
    required_distance_m,
    roof_m2_needed,
    sound_pressure_db,
)

SETTINGS = OutdoorUnitSettings()
SPACING = 6.0  # loops.borehole_spacing_m (VDI 4640-2)


def town() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    row = [shapely.box(5 * i, 0, 5 * i + 5, 10) for i in range(5)]
    behind = [shapely.box(5 * i, 30, 5 * i + 5, 40) for i in range(5)]
    detached = [shapely.box(100, 0, 112, 10)]
    blocks = [shapely.box(200, 0, 240, 12), shapely.box(300, 0, 340, 12)]
    panden = gpd.GeoDataFrame({
        "pand_id": [f"P{i:02d}" for i in range(13)],
        "n_woningen": [1] * 11 + [48, 96],
        "woningtype": ["hoekwoning", *["tussenwoning"] * 3, "hoekwoning"] * 2 + ["vrijstaand", "appartement",
                                                                                   "appartement"],
    }, geometry=row + behind + detached + blocks, crs=RD_CRS)
    streets = gpd.GeoDataFrame({"straat": ["Voorstraat"], "straat_id": [1]},
                               geometry=[shapely.LineString([(-50, -6), (400, -6)])], crs=RD_CRS)
    return panden, streets


def dwellings_of(panden: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per dwelling (and one shop in the row's first house)."""
    rows = panden.loc[panden.index.repeat(panden["n_woningen"]), ["pand_id", "woningtype"]].reset_index(drop=True)
    rows["objecttype"] = "woning"
    shop = pd.DataFrame({"pand_id": ["P00"], "woningtype": [pd.NA], "objecttype": ["utiliteit"]})
    return pd.concat([rows, shop], ignore_index=True)


def test_distance_a_unit_needs_follows_the_spreading_law():
    assert required_distance_m(60, 40, 4) == pytest.approx(math.sqrt(100 / math.pi))  # 5.64 m
    assert required_distance_m(50, 40, 4) == pytest.approx(math.sqrt(10 / math.pi))  # 1.78 m
    assert required_distance_m(60, 40, 2) == pytest.approx(math.sqrt(50 / math.pi))  # in the open: 3.99 m
    assert sound_pressure_db(60, math.sqrt(100 / math.pi), 4) == pytest.approx(40.0)
    # 10 dB less sound power: √10 times closer
    assert required_distance_m(50, 40, 4) * math.sqrt(10) == pytest.approx(required_distance_m(60, 40, 4))


def test_verdict_thresholds():
    # to the centimetre: 5.64 m and 1.78 m
    distances = pd.Series([6.0, 5.64, 5.63, 2.5, 1.78, 1.77, 0.0])
    verdict, needed, mitigated = outdoor_unit_verdict(distances, SETTINGS)
    assert (needed, mitigated) == (5.64, 1.78)
    assert verdict.tolist() == ["ja", "ja", "onzeker", "onzeker", "onzeker", "nee", "nee"]
    # a tonal unit (HMRI: +5 dB) needs 10^(5/20) = 1.78 times the distance: 10.03 m
    tonal = OutdoorUnitSettings(tonal_penalty_db=5.0)
    assert outdoor_unit_verdict(pd.Series([6.0]), tonal)[1] == pytest.approx(10.03)


def test_free_distances_beyond_each_facade():
    panden, streets = town()
    free = free_distances(panden.geometry, streets.geometry, search_m=30.0)
    middle = free.iloc[2]  # a tussenwoning, x 10-15
    buildings = sorted(middle[[c for c in free.columns if c.startswith("gebouw")]].tolist())
    assert buildings == pytest.approx([0.0, 0.0, 20.0, 30.0])  # two wall neighbours, the row behind, nothing in front
    streets_found = middle[[c for c in free.columns if c.startswith("straat")]]
    assert sorted(streets_found.tolist())[:2] == [pytest.approx(6.0), np.inf]  # the street in front only
    # a shed (4 m², 5 m behind the detached house) marks a boundary only when it is big enough
    shed = gpd.GeoSeries([shapely.box(105, 15, 107, 17)], crs=RD_CRS)
    with_shed = pd.concat([panden.geometry, shed], ignore_index=True)
    for min_area, rear in ((0.0, 5.0), (30.0, 30.0)):
        free = free_distances(with_shed, search_m=30.0, obstacle_min_area_m2=min_area)
        assert free.iloc[10][[c for c in free.columns if c.startswith("gebouw")]].min() == pytest.approx(rear)


def test_row_detached_house_and_apartments():
    panden, streets = town()
    dwellings = dwellings_of(panden)
    room = dwelling_room(dwellings, panden, streets, SETTINGS, SPACING)
    by_pand = room.join(dwellings).groupby("pand_id").first()

    # tussenwoning: 2.5 m to the side boundaries from the middle of its rear (or front) façade
    for pand in ("P01", "P02", "P03"):
        row = by_pand.loc[pand]
        assert row["buitenunit"] == "onzeker"  # 2.5 m < 5.64 m, ≥ 1.78 m
        assert row["buitenunit_afstand_m"] == pytest.approx(2.5)
        assert row["buitenunit_nodig_m"] == pytest.approx(5.64)
        assert row["perceel_breedte_m"] == pytest.approx(5.0)
        assert row["tuin_diepte_m"] == pytest.approx(10.0)  # half of the 20 m to the row behind (the deeper yard)
        assert not row["eigen_boring_past"]  # 5 m wide < 6 m spacing
        assert "2,5 m tot de buren" in row["buitenunit_reden"] and "5,6 m nodig" in row["buitenunit_reden"]
        assert "1,8 m" in row["buitenunit_reden"]
    # hoekwoning at the open end (x 0-5, nothing within 30 m to the west: its plot reaches 15 m there).
    # Against the west wall: 15 m out, 13 m to the street and the garden end along the wall, but only
    # 5 m through the house to the wall neighbour's boundary; against the rear: 5 m to the east boundary
    # (its 2.5 m half width + 2.5 m, the place moved to the open side). 5.0 m < 5.64 m: onzeker.
    end = by_pand.loc["P00"]
    assert end["buitenunit"] == "onzeker" and end["buitenunit_afstand_m"] == pytest.approx(5.0)
    assert end["eigen_boring_past"]  # rear garden 10 m deep (≥ 3 m) and 5 + 15 m wide (≥ 6 m)
    # detached house: 15 m to every neighbouring plot from the middle of its rear façade
    # (half the 30 m searched; the street's centre line is 6 m in front but the unit stands at the back)
    detached = by_pand.loc["P10"]
    assert detached["buitenunit"] == "ja" and detached["buitenunit_afstand_m"] == pytest.approx(15.0)
    assert detached["eigen_boring_past"] and detached["tuin_diepte_m"] == pytest.approx(15.0)
    assert "past: 15,0 m" in detached["buitenunit_reden"]
    # apartments: 480 m² / 48 = 10 m² per dwelling ≥ 4 m² / 0.5 = 8 m²; 480 / 96 = 5 m² < 8 m²
    assert roof_m2_needed(SETTINGS) == pytest.approx(8.0)
    low, high = by_pand.loc["P11"], by_pand.loc["P12"]
    assert low["buitenunit"] == "onzeker" and low["dak_m2_per_woning"] == pytest.approx(10.0)
    assert high["buitenunit"] == "nee" and high["dak_m2_per_woning"] == pytest.approx(5.0)
    assert not low["eigen_boring_past"] and not high["eigen_boring_past"]  # no own plot
    assert np.isnan(low["buitenunit_afstand_m"]) and "gedeelde dak" in low["buitenunit_reden"]
    assert "te weinig dak" in high["buitenunit_reden"]
    # every dwelling a verdict; the shop none
    is_dwelling = dwellings["objecttype"] == "woning"
    assert room.loc[is_dwelling, "buitenunit"].notna().all() and room.loc[is_dwelling, "buitenunit_reden"].notna().all()
    assert room.loc[~is_dwelling, "buitenunit"].isna().all()
    assert room.index.equals(dwellings.index)


def test_a_narrow_back_to_back_house_has_no_place():
    """3 m wide houses back to back (no garden), each between two wall neighbours: only the front yard is left,
    and from the middle of the front façade the side boundaries are 1.5 m away, less than the 1.78 m a quiet
    unit behind a screen needs."""
    houses = [shapely.box(3 * i, y, 3 * i + 3, y + 10) for y in (0, 10) for i in range(3)]
    panden = gpd.GeoDataFrame({"pand_id": [f"P{i}" for i in range(6)], "n_woningen": 1,
                               "woningtype": "tussenwoning"}, geometry=houses, crs=RD_CRS)
    dwellings = pd.DataFrame({"pand_id": ["P1"], "woningtype": ["tussenwoning"], "objecttype": ["woning"]})
    room = dwelling_room(dwellings, panden, None, SETTINGS, SPACING).iloc[0]
    assert room["buitenunit"] == "nee" and room["buitenunit_afstand_m"] == pytest.approx(1.5)
    assert room["tuin_diepte_m"] == pytest.approx(15.0)  # the front yard: nothing within the 30 m searched
    assert "geen plek" in room["buitenunit_reden"] and not room["eigen_boring_past"]


def test_a_row_registered_as_one_pand_and_a_missing_pand():
    """Five tussenwoningen in one 30 m pand: each has 6 m of it (3 m to its side boundaries)."""
    panden = gpd.GeoDataFrame({"pand_id": ["R"], "n_woningen": [5], "woningtype": ["appartement"]},
                              geometry=[shapely.box(0, 0, 30, 10)], crs=RD_CRS)
    dwellings = pd.DataFrame({"pand_id": ["R"] * 5 + ["X"], "woningtype": ["tussenwoning"] * 5 + ["vrijstaand"],
                              "objecttype": "woning"})
    room = dwelling_room(dwellings, panden, None, SETTINGS, SPACING)
    assert room["buitenunit_afstand_m"].iloc[:5].tolist() == pytest.approx([3.0] * 5)
    assert (room["buitenunit"].iloc[:5] == "onzeker").all()
    assert room["eigen_boring_past"].iloc[:5].all()  # 6 m ≥ 6 m, yards 15 m deep
    assert room["buitenunit"].iloc[5] == "onzeker" and "niet in de BAG" in room["buitenunit_reden"].iloc[5]


def test_plot_room_is_vectorised_and_keeps_the_index():
    panden, streets = town()
    footprints = panden.set_index("pand_id").geometry
    room = plot_room(footprints, streets.geometry, SETTINGS, SPACING)
    assert room.index.equals(footprints.index)
    assert room.loc["P02", "afstand_m"] == pytest.approx(2.5)
    # in any row order, the same answer
    shuffled = plot_room(footprints.sample(frac=1, random_state=3), streets.geometry, SETTINGS, SPACING)
    pd.testing.assert_frame_equal(shuffled.sort_index(), room.sort_index())


def test_usable_frontage_leaves_out_forbidden_zones():
    # a 50 m row, buffered 3 m: a 56 m × 16 m outline; frontage 56 - 2 × 3 = 50 m
    outlines = gpd.GeoSeries([shapely.box(0, 0, 56, 16), shapely.box(100, 0, 156, 16)], index=["M1", "M2"],
                             crs=RD_CRS)
    assert frontage_m(outlines).tolist() == [50.0, 50.0]
    half = gpd.GeoSeries([shapely.box(-10, -10, 28, 30)], crs=RD_CRS)  # covers x < 28: half of M1
    assert usable_frontage_m(outlines, half).tolist() == [25.0, 50.0]
    # two overlapping zones covering x < 30 count once: 50 × 26/56 = 23.2 m
    overlapping = gpd.GeoDataFrame(geometry=[shapely.box(-10, -10, 28, 30), shapely.box(20, -10, 30, 30)],
                                   crs=RD_CRS)
    assert usable_frontage_m(outlines, overlapping).tolist() == [23.2, 50.0]
    assert usable_frontage_m(outlines, None).tolist() == [50.0, 50.0]
    whole = gpd.GeoSeries([shapely.box(-100, -100, 500, 100)], crs=RD_CRS)
    assert usable_frontage_m(outlines, whole).tolist() == [0.0, 0.0]


def test_settings_refuse_a_quiet_unit_louder_than_the_typical_one():
    from warmtekans.config.base import SettingError

    with pytest.raises((SettingError, ValueError), match="quiet_sound_power_db"):
        OutdoorUnitSettings(quiet_sound_power_db=62.0)
