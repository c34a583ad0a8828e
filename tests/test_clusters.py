"""Scale classes, Wcw regimes, loop sizing and mini clusters on hand-checkable cases."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from tests.reference import mst_length, size_loops
from warmtekans.config.sections import ClusterSettings, LoopSettings
from warmtekans.decision.options import COLL_LUCHT, GEDEELD, RINGNET
from warmtekans.model.clusters import mini_clusters
from warmtekans.model.scales import scale_class, wcw_regime


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


def dwellings(n, metres=142.0):
    return pd.DataFrame({"boormeters_m": [metres] * n})


def one_dwelling(label, rv_gj, tw_gj=7.3):
    return pd.DataFrame({"labelklasse": [label], "rv_gj": [rv_gj], "tw_gj": [tw_gj]})


def test_borehole_metres_by_hand_seed_003():
    from warmtekans.model.loops import borehole_metres

    # tussenwoning 1965-74, label C, 100 m2 (kentallen README): RV 28.2, TW 7.3 GJ/yr.
    # ground energy = 277.78 x (28.2 x (1 - 1/3.61) + 7.3 x (1 - 1/2.5)) = 6 881 kWh/yr -> / 60 kWh/m = 114.7 m
    # peak: 277.78 x 28.2 / 1 800 h = 4.352 kW x (1 - 1/4) = 3.264 kW -> / 40 W/m = 81.6 m
    metres = borehole_metres(one_dwelling("C", 28.2), LoopSettings()).iloc[0]
    assert metres["boormeters_energie_m"] == pytest.approx(114.7, abs=0.1)
    assert metres["boormeters_piek_m"] == pytest.approx(81.6, abs=0.1)
    assert metres["boormeters_m"] == pytest.approx(114.7, abs=0.1)
    assert 100 <= metres["boormeters_m"] <= 150  # seed 003: 100-150 m per dwelling
    # the peak decides when the yearly limit is generous: 3 264 W / 20 W/m = 163.2 m
    generous = borehole_metres(one_dwelling("C", 28.2), LoopSettings(extraction_kwh_per_m_year=100,
                                                                     extraction_w_per_m=20)).iloc[0]
    assert generous["boormeters_m"] == pytest.approx(163.2, abs=0.1)


def test_label_a_needs_fewer_metres_than_label_g():
    from warmtekans.model.demand import heat_demand, load_kentallen
    from warmtekans.model.loops import borehole_metres

    # same type (tussenwoning), age (1970) and area (100 m2); only the label differs
    table = load_kentallen()
    demand = heat_demand(table, types=pd.Series(["rijwoning tussen"] * 2), bouwjaar=pd.Series([1970, 1970]),
                         labelklasse=pd.Series(["A", "G"]), floor_area_m2=pd.Series([100.0, 100.0]))
    metres = borehole_metres(demand.assign(labelklasse=["A", "G"]), LoopSettings())["boormeters_m"]
    assert metres.iloc[0] < metres.iloc[1]
    # by hand (energy limit, 60 kWh/m/yr): A: RV 25.837 GJ (Startanalyse 2025 row 38), 277.78 x (25.837 x (1 - 1/5.63)
    # + 7.7 x (1 - 1/2.5)) = 7 186 kWh -> 119.8 m; G: RV 35.974 GJ, SPF 3.61: 8 508 kWh -> 141.8 m
    assert metres.iloc[0] == pytest.approx(119.8, abs=0.1) and metres.iloc[1] == pytest.approx(141.8, abs=0.1)


def test_three_dwellings_of_142_m_share_one_loop():
    one = size_loops(dwellings(3), LoopSettings())
    assert one["bodemlussen"] == 1 and one["lusdiepte_m"] == 426 <= 500  # 3 x 142 m on one loop
    assert one["woningen_per_lus"] == 3 and one["lusgroep"] == [1, 1, 1]
    # 10 such dwellings: 1 420 m on 500 m loops -> 4 boreholes (3+3+3+1), 426 m deep: 3-4 per loop (seed 003)
    ten = size_loops(dwellings(10), LoopSettings())
    assert ten["bodemlussen"] == 4 and ten["lusdiepte_m"] == 426 and ten["woningen_per_lus"] == 2.5


def test_no_loop_group_exceeds_its_capacity():
    rng = np.random.default_rng(7)
    for _ in range(50):
        metres = rng.uniform(60, 260, size=rng.integers(2, 40))
        result = size_loops(pd.DataFrame({"boormeters_m": metres}), LoopSettings())
        groups = pd.Series(metres).groupby(result["lusgroep"]).sum()
        assert (groups <= result["lusdiepte_m"] + 1e-6).all()
        assert 200 <= result["lusdiepte_m"] <= 500
        assert result["bodemlussen"] == len(groups) and result["lusbelasting_max"] <= 1.0
        # neighbours together: groups are contiguous along the row
        assert list(result["lusgroep"]) == sorted(result["lusgroep"])
        # minimal: one metre shallower needs more boreholes (unless at the 200 m floor)
        if result["lusdiepte_m"] > 200:
            from tests.reference import _greedy_loops
            assert _greedy_loops(list(metres), result["lusdiepte_m"] - 1)[0] > result["bodemlussen"]


def test_depth_limit_caps_and_blocks_loops():
    # a 250 m depth limit: two 142 m dwellings no longer fit on one loop -> 4 loops, 200 m is deep enough
    capped = size_loops(dwellings(4), LoopSettings(), max_depth_m=250)
    assert capped["bodemlussen"] == 4 and capped["lusdiepte_m"] == 200
    blocked = size_loops(dwellings(4), LoopSettings(), max_depth_m=50)
    assert np.isnan(blocked["bodemlussen"]) and blocked["woningen_per_lus"] == 0
    # a dwelling needing more than one loop holds gets its own boreholes: 520 m -> 2 loops of 260 m
    big = size_loops(pd.DataFrame({"boormeters_m": [520.0]}), LoopSettings())
    assert big["bodemlussen"] == 2 and big["lusdiepte_m"] == 260


def test_boreholes_that_do_not_fit_along_the_row():
    from warmtekans.model.geometry import frontage_m
    from warmtekans.model.loops import boreholes_fit

    # 30 tussenwoningen of 5 m wide: a 150 m row (outline buffered 3 m each side)
    outline = gpd.GeoSeries([box(0, 0, 150, 9).buffer(3.0, join_style="mitre")], crs="EPSG:28992")
    frontage = frontage_m(outline)
    assert frontage.iloc[0] == pytest.approx(150.0)
    # at 6 m spacing 150 m holds 26 boreholes. Label-G houses of 180 m under a 250 m depth limit need
    # one 200 m loop each: 30 boreholes do not fit.
    sized = size_loops(dwellings(30, metres=180.0), LoopSettings(), max_depth_m=250)
    assert sized["bodemlussen"] == 30
    assert not boreholes_fit(pd.Series([sized["bodemlussen"]]), frontage, 6.0).iloc[0]
    # the same row at 142 m per house on 500 m loops: 10 boreholes fit
    fits = size_loops(dwellings(30), LoopSettings())
    assert fits["bodemlussen"] == 10
    assert boreholes_fit(pd.Series([fits["bodemlussen"]]), frontage, 6.0).iloc[0]


def test_loop_settings_per_gemeente():
    from warmtekans.config.inputs import loop_settings
    from warmtekans.config.loader import validate_config

    config = validate_config({"gemeenten": ["GM9999"], "loops": {"borehole_spacing_m": 8},
                              "areas": {"GM9999": {"naam": "x", "sample": True,
                                                   "loops": {"extraction_kwh_per_m_year": 50}}}})
    own = loop_settings(config, "GM9999")
    assert own.extraction_kwh_per_m_year == 50 and own.borehole_spacing_m == 8
    from warmtekans.core.errors import ConfigError
    with pytest.raises(ConfigError, match="unknown loop settings"):
        validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True,
                                                                         "loops": {"diepte": 50}}}})


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
    assert pd.isna(result.iloc[7])  # a detached house is no row
    assert result.iloc[8] not in set(result.iloc[:7])  # the apartment building (20 WEQ) is a mini cluster of its own


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

    from tests.reference import trench_length

    # three houses 10 m from a street along y = 0, centroids at x = 0, 10, 20:
    # 20 m along the street + 3 connections of 10 m = 50 m
    footprints = gpd.GeoDataFrame({"straat_sleutel": ["osm:A"] * 3},
                                  geometry=[box(x - 2, 8, x + 2, 12) for x in (0, 10, 20)], crs="EPSG:28992")
    length, method = trench_length(footprints, {"osm:A": LineString([(-50, 0), (50, 0)])}, ClusterSettings())
    assert method == "langs straten" and length == pytest.approx(50.0)
    # without a street: MST (20 m) x detour factor 1.25 + 3 connections of 15 m (Vesta L_di_gem) = 70 m
    length, method = trench_length(footprints.assign(straat_sleutel="bag:x"), {}, ClusterSettings())
    assert method == "MST × omwegfactor" and length == pytest.approx(70.0)


def test_both_trench_methods_score_a_terraced_row_alike():
    from shapely.geometry import LineString

    from tests.reference import trench_length

    # 20 houses of 5 m wide, centroids 12 m from the street: along the street 95 + 20 x 12 = 335 m;
    # spanning tree 95 x 1.25 + 20 x 15 = 418.75 m. Without connections the tree gave 118.75 m (2.8x apart).
    footprints = gpd.GeoDataFrame({"straat_sleutel": ["osm:A"] * 20},
                                  geometry=[box(5 * k, 7, 5 * k + 5, 17) for k in range(20)], crs="EPSG:28992")
    street, _ = trench_length(footprints, {"osm:A": LineString([(-50, 0), (200, 0)])}, ClusterSettings())
    tree, _ = trench_length(footprints.assign(straat_sleutel="bag:x"), {}, ClusterSettings())
    assert street == pytest.approx(335.0) and tree == pytest.approx(418.75)
    assert 0.75 <= street / tree <= 1.25


def test_collective_peak_with_vesta_simultaneity():
    from warmtekans.model.clusters import collective_peak_kw

    # 10 dwellings of 7.555 kW space heating + 2 kW tap water: g_rv(10) = 0.5 + 0.5 / (1 + 9/21) = 0.85,
    # g_tw(10) = 0.1 + 0.9 / (1 + 9/21) = 0.73: 0.85 x 75.55 + 0.73 x 20 = 78.8175 kW
    assert collective_peak_kw(75.55, 20.0, 10, ClusterSettings()) == pytest.approx(78.8175)
    # a large network tends to Vesta's 0.5 and 0.1: 100 000 connections
    assert collective_peak_kw(1.0, 1.0, 100_000, ClusterSettings()) == pytest.approx(0.6, abs=1e-3)
    # one dwelling needs its whole peak
    assert collective_peak_kw(7.555, 2.0, 1, ClusterSettings()) == pytest.approx(9.555)


def test_utility_weq_by_floor_area():
    from warmtekans.config.sections import DwellingSettings
    from warmtekans.model.dwellings import utility_objects

    # 1 000 m2 x 0.35 GJ/m2 = 350 GJ = 10 WEQ of 35 GJ; peak 350 GJ / 0.0036 / 2000 h = 48.6 kW
    result = utility_objects(pd.DataFrame({"oppervlakte": [1000]}), DwellingSettings())
    assert result["weq"].iloc[0] == pytest.approx(10.0)
    assert result["piek_kw"].iloc[0] == pytest.approx(48.61, abs=0.01)


def test_vectorised_loop_sizing_per_cluster():
    from shapely.geometry import Point

    from warmtekans.config.loader import validate_config
    from warmtekans.decision.assess import size_all_loops

    config = validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}})
    # M1: six dwellings of 142 m in shuffled order along x; M2 in a 50 m boringsvrije zone
    xs = [25, 0, 5, 20, 10, 15]
    members = gpd.GeoDataFrame({"mini_cluster_id": ["M1"] * 6 + ["M2"] * 4, "boormeters_m": [142.0] * 10},
                               geometry=[Point(x, 0) for x in xs] + [Point(k, 50) for k in range(4)], crs="EPSG:28992")
    clusters = pd.DataFrame({"max_boordiepte_m": [np.nan, 50.0]}, index=["M1", "M2"])
    per_cluster, groups = size_all_loops(members, clusters, config)
    assert per_cluster.loc["M1", "bodemlussen"] == 2 and per_cluster.loc["M1", "lusdiepte_m"] == 426
    # ordered along the row (x = 0, 5, 10 | 15, 20, 25): neighbours share a loop
    by_x = dict(zip(xs, groups.iloc[:6]))
    assert [by_x[x] for x in (0, 5, 10, 15, 20, 25)] == [1, 1, 1, 2, 2, 2]
    assert np.isnan(per_cluster.loc["M2", "bodemlussen"]) and per_cluster.loc["M2", "woningen_per_lus"] == 0
    assert groups.iloc[6:].isna().all()


def test_simultaneity_seed_003():
    from warmtekans.model.clusters import simultaneity

    # g(n) = 0.5 + 0.5 / (1 + (n - 1) / 21): one dwelling 1, ten dwellings 0.85 (seed 003: ~15 % less)
    assert simultaneity(1, 0.5, 21) == pytest.approx(1.0)
    assert simultaneity(10, 0.5, 21) == pytest.approx(0.85)
    assert simultaneity(50, 0.5, 21) == pytest.approx(0.5 + 0.5 / (1 + 49 / 21))


def test_rows_split_into_systems_of_at_most_nine():
    houses = [box(5 * k, 0, 5 * k + 5, 9) for k in range(20)]
    panden = gpd.GeoDataFrame({"woningtype": ["tussenwoning"] * 20, "n_woningen": [1] * 20,
                               "straat_sleutel": ["A"] * 20}, geometry=houses, crs="EPSG:28992")
    assert mini_clusters(panden, ClusterSettings()).nunique() == 1
    sizes = mini_clusters(panden, ClusterSettings(mini_max_connections=9)).value_counts()
    assert sorted(sizes) == [6, 7, 7]  # ceil(20 / 9) = 3 near-equal parts


def test_every_apartment_building_is_one_cluster_mini_up_to_50_weq_whatever_its_height():
    panden = gpd.GeoDataFrame({"woningtype": ["appartement", "appartement", "appartement"],
                               "n_woningen": [8, 8, 60], "bouwlagen": [4.0, 6.0, 4.0],
                               "straat_sleutel": ["A", "A", "A"]},
                              geometry=[box(0, 0, 30, 10), box(40, 0, 70, 10), box(80, 0, 200, 10)], crs="EPSG:28992")
    result = mini_clusters(panden, ClusterSettings())
    # a portiek block (4 storeys), a flat (6 storeys) and a block of 60: each its own building cluster
    assert result.notna().all() and result.nunique() == 3
    # their scale follows the WEQ in summarise_clusters: mini up to 50, a building above it kleinschalig (niveau
    # 'gebouw'); checked on whole runs in tests/test_advice_acceptance.py


def test_wcw_regime_of_shared_loops_follows_seed_001():
    from warmtekans.config.loader import validate_config
    from warmtekans.decision.assess import cluster_wcw_regime

    clusters = pd.DataFrame(
        {
            "schaal": ["mini", "mini", "kleinschalig"],
            "n_woningen": [12, 12, 300],
            "n_utiliteit": [0, 0, 0],
            "goedkoopste": ["ringnet", "collectieve_luchtwarmtepomp", "kleinschalig_warmtenet"],
            "collectief_gekozen": [True, True, True],
        }
    )
    base = {"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}}
    regimes = cluster_wcw_regime(clusters, validate_config(base))
    assert regimes.tolist() == [
        "niet van toepassing (gedeelde bodemlus, eigen warmtepomp)",
        "klein collectief (< 1 500)",
        "klein collectief (< 1 500)",
    ]
    strict = cluster_wcw_regime(
        clusters, validate_config({**base, "clusters": {"wcw_shared_loops": "per aansluiting"}})
    )
    assert strict.iloc[0] == "klein collectief (< 1 500)"
    # where every dwelling keeps its own choice the Wcw does not apply (issue 18)
    individual = cluster_wcw_regime(clusters.assign(collectief_gekozen=[False, False, True]), validate_config(base))
    assert individual.tolist()[:2] == ["niet van toepassing (individuele keuze)"] * 2


def test_no_shared_loop_advised_where_the_boreholes_do_not_fit():
    """boringen_passen false: shared loops and the ring are not feasible (the recommendation is the
    cheapest feasible option, warmtekans.decision.advice); the collective air heat pump stays."""
    from warmtekans.decision.advice import feasibility

    clusters = pd.DataFrame(
        {
            "schaal": ["mini"] * 3,
            "aandeel_verboden": [0.0] * 3,
            "bodemlussen": [10.0, 30.0, 1.0],
            "boringen_passen": pd.array([True, False, True], dtype="boolean"),
            "n_woningen": [30, 30, 3],
        },
        index=["M1", "M2", "M3"],
    )
    members = pd.DataFrame(
        {
            "woningtype": ["tussenwoning"] * 3,
            "mini_cluster_id": ["M1", "M2", "M3"],
            "beperking": [""] * 3,
            "max_boordiepte_m": [float("nan")] * 3,
        }
    )
    from warmtekans.config.loader import validate_config

    config = validate_config({"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}}})
    allowed = feasibility(members, clusters.assign(woningen_per_lus=[3.0, 1.0, 3.0]), pd.Series([140.0] * 3), config)
    assert allowed[RINGNET].tolist() == [True, False, True]
    assert allowed[GEDEELD].tolist() == [True, False, True]
    assert allowed[COLL_LUCHT].all()


def test_batched_loop_packing_equals_packing_row_by_row():
    """All clusters are packed at once (numpy, in lockstep); every row must get what pack_loops gives it alone."""
    from tests.reference import pack_loops
    from warmtekans.model.loops import pack_loops_batch

    rng = np.random.default_rng(7)
    rows = [rng.uniform(60, 260, size=rng.integers(1, 30)) for _ in range(300)]
    rows += [np.array([142.0] * 6), np.array([620.0, 90.0, 90.0]), np.array([199.9])]  # by hand below; oversize
    limits = rng.choice([500.0, 500.0, 320.5, 250.0, 199.0], size=len(rows))
    limits[-3:] = 500.0
    width = max(len(r) for r in rows)
    padded = np.full((len(rows), width), np.nan)
    for k, r in enumerate(rows):
        padded[k, : len(r)] = r
    count, depth, groups = pack_loops_batch(padded, limits, 200.0)
    for k, r in enumerate(rows):
        alone = pack_loops(r, limits[k], 200.0)
        assert (count[k], depth[k]) == alone[:2]
        assert groups[k, : len(r)].tolist() == alone[2].tolist()
    # six dwellings of 142 m: 2 loops of ⌈3 × 142⌉ = 426 m; a 620 m dwelling needs 2 boreholes of its own
    assert (count[-3], depth[-3]) == (2, 426.0)
    assert count[-2] >= 3 and groups[-2, 0] == 1 and groups[-2, 1] == 2
