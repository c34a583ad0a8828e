"""Scale classes, Wcw regimes, loop sizing and mini clusters on hand-checkable cases."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from warmtekans.clusters import mini_clusters, mst_length, scale_class, size_loops, wcw_regime
from warmtekans.config import ClusterSettings, LoopSettings


def test_scale_classes_seed_000():
    settings = ClusterSettings()
    classes = scale_class([1, 2, 50, 51, 1500, 1501], settings)
    assert list(classes) == ["individueel", "mini", "mini", "kleinschalig", "kleinschalig", "grootschalig"]


def test_wcw_regimes_seed_000():
    regimes = wcw_regime([9, 10, 1499, 1500])
    assert list(regimes) == ["beperkt gereguleerd (< 10)", "klein collectief (< 1 500)",
                             "klein collectief (< 1 500)", "basisregime (≥ 1 500)"]


def test_mst_length_by_hand():
    # a unit square: MST = 3 sides
    assert mst_length(np.array([[0, 0], [1, 0], [1, 1], [0, 1]])) == pytest.approx(3.0)
    # points on a line: the chain
    assert mst_length(np.array([[0, 0], [5, 0], [12, 0]])) == pytest.approx(12.0)
    assert mst_length(np.array([[3, 4]])) == 0.0


def dwellings(n, peak_rv_kw=7.555):
    return pd.DataFrame({"piek_rv_kw": [peak_rv_kw] * n})


def test_loop_sizing_seed_003():
    # a 100 m2 eengezinswoning: 7.555 kW x (1 - 1/4) / 40 W/m = 141.7 m borehole (seed: 100-150 m)
    one = size_loops(dwellings(1), LoopSettings())
    assert 100 <= one["boormeters"] <= 150
    # 500 m loops: 3-4 dwellings per loop (seed 003)
    ten = size_loops(dwellings(10), LoopSettings(loop_depth_m=500))
    assert ten["bodemlussen"] == 3
    assert 3 <= ten["woningen_per_lus"] <= 4


def test_depth_limit_caps_and_blocks_loops():
    capped = size_loops(dwellings(4), LoopSettings(loop_depth_m=400), max_depth_m=250)
    assert capped["lusdiepte_m"] == 250 and capped["bodemlussen"] == 3  # 566.7 m / 250 m
    blocked = size_loops(dwellings(4), LoopSettings(), max_depth_m=50)
    assert np.isnan(blocked["bodemlussen"]) and blocked["woningen_per_lus"] == 0


def test_mini_clusters_follow_rows_and_streets():
    panden = gpd.GeoDataFrame(
        {
            "woningtype": ["hoekwoning", "tussenwoning", "hoekwoning",  # a row on street A
                           "hoekwoning", "hoekwoning",                  # a pair 10 m further, street A
                           "hoekwoning", "hoekwoning",                  # 10 m further but street B
                           "vrijstaand", "appartement"],
            "n_woningen": [1, 1, 1, 1, 1, 1, 1, 1, 20],
            "straat_sleutel": ["A"] * 5 + ["B"] * 2 + ["A", "A"],
        },
        geometry=[box(0, 0, 5, 9), box(5, 0, 10, 9), box(10, 0, 15, 9), box(25, 0, 30, 9), box(30, 0, 35, 9),
                  box(45, 0, 50, 9), box(50, 0, 55, 9), box(60, 0, 70, 10), box(100, 0, 130, 12)],
        crs="EPSG:28992",
    )
    result = mini_clusters(panden, ClusterSettings(mini_max_gap_m=15))
    assert result.iloc[0] == result.iloc[1] == result.iloc[2] == result.iloc[3] == result.iloc[4]
    assert result.iloc[5] == result.iloc[6] != result.iloc[0]
    assert result.iloc[7:].isna().all()  # detached and apartments are not ground-bound rows


def test_long_rows_split_into_parts_of_at_most_50():
    houses = [box(5 * k, 0, 5 * k + 5, 9) for k in range(120)]
    panden = gpd.GeoDataFrame({"woningtype": ["tussenwoning"] * 120, "n_woningen": [1] * 120,
                               "straat_sleutel": ["A"] * 120}, geometry=houses, crs="EPSG:28992")
    result = mini_clusters(panden, ClusterSettings())
    sizes = result.value_counts().sort_index()
    assert list(sizes) == [40, 40, 40]
    # parts are contiguous along the street
    assert result.iloc[:40].nunique() == 1 and result.iloc[80:].nunique() == 1


def test_trench_along_one_street_by_hand():
    from shapely.geometry import LineString

    from warmtekans.clusters import trench_length

    # three houses 10 m from a street along y = 0, centroids at x = 0, 10, 20:
    # 20 m along the street + 3 connections of 10 m = 50 m
    footprints = gpd.GeoDataFrame({"straat_sleutel": ["osm:A"] * 3},
                                  geometry=[box(x - 2, 8, x + 2, 12) for x in (0, 10, 20)], crs="EPSG:28992")
    length, method = trench_length(footprints, {"osm:A": LineString([(-50, 0), (50, 0)])}, ClusterSettings())
    assert method == "langs straten" and length == pytest.approx(50.0)
    # without a street: MST (20 m) x detour factor 1.25
    length, method = trench_length(footprints.assign(straat_sleutel="bag:x"), {}, ClusterSettings())
    assert method == "MST × omwegfactor" and length == pytest.approx(25.0)


def test_collective_peak_with_vesta_simultaneity():
    from warmtekans.clusters import collective_peak_kw

    # 10 dwellings of 7.555 kW space heating + 2 kW tap water: 0.5 x 75.55 + 0.1 x 20 = 39.775 kW
    assert collective_peak_kw(75.55, 20.0, ClusterSettings()) == pytest.approx(39.775)


def test_utility_weq_by_floor_area():
    from warmtekans.config import DwellingSettings
    from warmtekans.dwellings import utility_objects

    # 1 000 m2 x 0.35 GJ/m2 = 350 GJ = 10 WEQ of 35 GJ; peak 350 GJ / 0.0036 / 2000 h = 48.6 kW
    result = utility_objects(pd.DataFrame({"oppervlakte": [1000]}), DwellingSettings())
    assert result["weq"].iloc[0] == pytest.approx(10.0)
    assert result["piek_kw"].iloc[0] == pytest.approx(48.61, abs=0.01)


def test_loop_groups_keep_neighbours_together():
    from shapely.geometry import Point

    from warmtekans.assess import loop_groups
    from warmtekans.config import validate_config

    config = validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}})
    members = gpd.GeoDataFrame({"mini_cluster_id": ["M1"] * 6, "piek_rv_kw": [7.555] * 6},
                               geometry=[Point(x, 0) for x in (25, 0, 5, 20, 10, 15)], crs="EPSG:28992")
    clusters = pd.DataFrame({"bodemlussen": [3]}, index=["M1"])
    groups = loop_groups(members, clusters, config)
    # ordered along the row (x = 0, 5, 10, 15, 20, 25): two neighbours per loop
    by_x = dict(zip([25, 0, 5, 20, 10, 15], groups))
    assert [by_x[x] for x in (0, 5, 10, 15, 20, 25)] == [1, 1, 2, 2, 3, 3]


def test_vectorised_loop_sizing_matches_the_formula():
    from shapely.geometry import Point

    from warmtekans.assess import size_all_loops
    from warmtekans.config import validate_config

    config = validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}})
    members = gpd.GeoDataFrame({"mini_cluster_id": ["M1"] * 10 + ["M2"] * 4, "piek_rv_kw": [7.555] * 14},
                               geometry=[Point(k, 0) for k in range(14)], crs="EPSG:28992")
    clusters = pd.DataFrame({"max_boordiepte_m": [np.nan, 50.0]}, index=["M1", "M2"])
    result = size_all_loops(members, clusters, config)
    one = size_loops(pd.DataFrame({"piek_rv_kw": [7.555] * 10}), LoopSettings())
    assert result.loc["M1", "bodemlussen"] == one["bodemlussen"] == 4  # 1 416.6 m / 400 m
    assert result.loc["M1", "woningen_per_lus"] == one["woningen_per_lus"]
    assert np.isnan(result.loc["M2", "bodemlussen"]) and result.loc["M2", "woningen_per_lus"] == 0
