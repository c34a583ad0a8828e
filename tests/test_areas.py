"""Area (gebied) clusters: bounded by barriers and buurten, per-buurt breakdown, robust to the link distance."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, box

from warmtekans.config.sections import ClusterSettings
from warmtekans.inputs.osm import read_osm_barriers
from warmtekans.model.clusters import area_clusters, cluster_buurt_breakdown

RD = "EPSG:28992"


def housing_groups(gap=30.0, buurten=("A", "A")):
    """Two groups of 8 portiek blocks (10 dwellings each), ``gap`` m apart along y: 80 WEQ per group.

    Blocks are 20 x 10 m with 10 m between them in a row along x; group 1 at y 0-10, group 2 beyond the gap.
    """
    blocks, weq, buurt = [], [], []
    for group, y in enumerate((0.0, 10.0 + gap)):
        for k in range(8):
            blocks.append(box(30 * k, y, 30 * k + 20, y + 10))
            weq.append(10.0)
            buurt.append(buurten[group])
    return gpd.GeoDataFrame({"weq": weq, "buurtcode": buurt}, geometry=blocks, crs=RD)


def test_a_railway_between_two_housing_groups_cuts_the_area():
    panden = housing_groups(gap=30.0)
    settings = ClusterSettings(area_link_distance_m=50)
    together = area_clusters(panden, settings)
    assert together.nunique() == 1 and together.notna().all()  # 30 m apart: one area of 160 WEQ
    railway = gpd.GeoSeries([LineString([(-100, 25), (400, 25)])], crs=RD)  # through the 30 m gap
    cut = area_clusters(panden, settings, railway)
    assert cut.iloc[:8].nunique() == 1 and cut.iloc[8:].nunique() == 1
    assert cut.iloc[0] != cut.iloc[8]  # two areas of 80 WEQ, each still > 50 WEQ


def test_a_railway_that_ends_short_of_the_groups_does_not_cut():
    panden = housing_groups(gap=30.0)
    stub = gpd.GeoSeries([LineString([(-400, 25), (-300, 25)])], crs=RD)
    assert area_clusters(panden, ClusterSettings(), stub).nunique() == 1


def test_areas_are_split_at_buurt_boundaries_by_default():
    panden = housing_groups(gap=30.0, buurten=("A", "B"))
    split = area_clusters(panden, ClusterSettings())
    assert split.iloc[0] != split.iloc[8] and split.notna().all()
    joined = area_clusters(panden, ClusterSettings(area_split_at_buurt=False))
    assert joined.nunique() == 1


def test_an_area_spanning_two_buurten_has_a_breakdown_summing_to_the_whole():
    panden = housing_groups(gap=30.0, buurten=("A", "B"))
    panden["pand_id"] = [f"P{k}" for k in range(len(panden))]
    labels = area_clusters(panden, ClusterSettings(area_split_at_buurt=False))
    panden["gebied_cluster_id"] = "G" + labels.astype("string").str.zfill(5)
    # each block holds 10 dwellings of 40 GJ; the first block of buurt B also a shop of 1.5 WEQ
    members = pd.DataFrame([{"pand_id": p.pand_id, "gebied_cluster_id": p.gebied_cluster_id, "buurtcode": p.buurtcode,
                             "objecttype": "woning", "weq": 1.0, "warmtevraag_gj": 40.0}
                            for p in panden.itertuples() for _ in range(10)])
    shop = {"pand_id": "P8", "gebied_cluster_id": panden.loc[8, "gebied_cluster_id"], "buurtcode": "B",
            "objecttype": "utiliteit", "weq": 1.5, "warmtevraag_gj": 52.5}
    members = pd.concat([members, pd.DataFrame([shop])], ignore_index=True)
    breakdown = cluster_buurt_breakdown(members, panden)
    assert list(breakdown["buurtcode"]) == ["A", "B"]
    assert list(breakdown["n_woningen"]) == [80, 80] and list(breakdown["n_utiliteit"]) == [0, 1]
    assert breakdown["weq"].sum() == pytest.approx(161.5)  # 160 dwellings + 1.5 WEQ
    assert breakdown["warmtevraag_gj"].sum() == pytest.approx(160 * 40 + 52.5)
    assert breakdown["aandeel_weq"].sum() == pytest.approx(1.0, abs=0.001)
    assert breakdown.geometry.notna().all()


def test_areas_do_not_depend_on_the_link_distance_below_the_merge_gap():
    # back-to-back rows 40 m apart (a bouwblok's gardens): at 30 m they were two areas, at 50 m one
    panden = housing_groups(gap=40.0)
    old_30 = area_clusters(panden, ClusterSettings(area_link_distance_m=30, area_merge_gap_m=0))
    assert old_30.iloc[0] != old_30.iloc[8]
    for distance in (30, 50, 70):
        labels = area_clusters(panden, ClusterSettings(area_link_distance_m=distance, area_merge_gap_m=100))
        assert labels.nunique() == 1 and labels.notna().all()
    # but a gap wider than the merge gap keeps two areas
    apart = area_clusters(housing_groups(gap=120.0), ClusterSettings(area_link_distance_m=50, area_merge_gap_m=100))
    assert apart.iloc[0] != apart.iloc[8]


def test_barriers_from_the_sample_osm(sample_dir):
    barriers = read_osm_barriers(sample_dir / "straten.osm")  # the sample's railway and canal ("Spoorlijn", "Vaart")
    assert sorted(barriers["soort"]) == ["spoor", "waterweg"]
    assert barriers.crs.to_epsg() == 28992
    assert barriers.length.round().tolist() == [1300.0, 800.0]


def test_detached_houses_along_a_road_do_not_chain_into_an_area():
    # 60 detached houses 80 m apart (1 WEQ each): closer than the 100 m merge gap, but no core is
    # larger than 50 WEQ, so nothing merges and there is no area (they stay individueel or mini)
    houses = gpd.GeoDataFrame({"weq": [1.0] * 60, "buurtcode": "A"},
                              geometry=[box(90 * k, 0, 90 * k + 10, 10) for k in range(60)], crs=RD)
    assert area_clusters(houses, ClusterSettings()).isna().all()
    # next to a core of 80 WEQ only the houses within 100 m of it join, not the whole ribbon
    core = housing_groups(gap=30.0).iloc[:8].assign(buurtcode="A")
    ribbon = gpd.GeoDataFrame({"weq": [1.0] * 5, "buurtcode": "A"},
                              geometry=[box(230 + 90 * (k + 1), 0, 240 + 90 * (k + 1), 10) for k in range(5)], crs=RD)
    both = gpd.GeoDataFrame(pd.concat([core, ribbon], ignore_index=True), crs=RD)
    labels = area_clusters(both, ClusterSettings())
    assert labels.iloc[:9].nunique() == 1 and labels.iloc[:9].notna().all()  # first house 80 m from the core
    assert labels.iloc[9:].isna().all()
