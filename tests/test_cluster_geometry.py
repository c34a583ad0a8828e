"""The vectorised neighbour search, barrier test and cluster outlines agree with the plain GeoPandas way (issue 13)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, box

from warmtekans.model.clusters import _buurt_lists, cluster_buurt_breakdown
from warmtekans.model.geometry import crossing_pairs, near_pairs, outlines


def squares():
    # 10 m squares; gaps: A–B exactly 50 m, B–C 91 m, C–D 0 m (touching), A–E 30 m diagonally north
    return gpd.GeoSeries([box(0, 0, 10, 10), box(60, 0, 70, 10), box(161, 0, 171, 10), box(171, 0, 181, 10),
                          box(0, 40, 10, 50)], crs=28992)


def test_near_pairs_by_hand():
    left, right, apart = near_pairs(squares(), 50.0)
    assert list(zip(left, right)) == [(0, 1), (0, 4), (2, 3)]  # A–B at exactly 50 m counts, as with dwithin
    assert apart.tolist() == [50.0, 30.0, 0.0]
    left, right, _ = near_pairs(squares(), 100.0, groups=np.array(["x", "x", "x", "y", "x"]))
    assert list(zip(left, right)) == [(0, 1), (0, 4), (1, 2), (1, 4)]  # C–D in other groups; B–E is 58.3 m


def test_near_pairs_equal_a_dwithin_query():
    rng = np.random.default_rng(13)
    xy = rng.uniform(0, 400, size=(300, 2)).round()  # whole metres: many pairs at exactly the distance
    geometries = gpd.GeoSeries(shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + rng.integers(5, 15, 300), xy[:, 1] + 8),
                               crs=28992)
    for distance in (0.0, 15.0, 50.0):
        left, right = geometries.sindex.query(geometries.values, predicate="dwithin", distance=distance)
        expected = sorted((a, b) for a, b in zip(left.tolist(), right.tolist()) if a < b)
        found_left, found_right, _ = near_pairs(geometries, distance)
        assert list(zip(found_left.tolist(), found_right.tolist())) == expected


def test_crossing_pairs_with_a_distance_find_the_same_crossings():
    geometries = squares()
    railway = gpd.GeoSeries([LineString([(35, -100), (35, 100)])], crs=28992)  # between A and B only
    left, right = np.array([0, 0, 1, 2]), np.array([1, 4, 2, 3])
    assert crossing_pairs(geometries, left, right, railway).tolist() == [True, False, False, False]
    assert crossing_pairs(geometries, left, right, railway, distance=100.0).tolist() == [True, False, False, False]
    short = gpd.GeoSeries([LineString([(35, 20), (35, 100)])], crs=28992)  # ends north of the A–B line
    assert not crossing_pairs(geometries, left, right, short, distance=100.0).any()


def test_outlines_equal_the_dissolve_of_the_buffered_footprints():
    footprints = squares()
    keys = pd.Series(["G2", "G1", "G2", "G2", "G1"], name="cluster")
    expected = gpd.GeoDataFrame({"cluster": keys}, geometry=footprints.buffer(3.0), crs=28992).dissolve("cluster")
    found = outlines(footprints, keys)
    assert list(found.index) == ["G1", "G2"]
    assert shapely.equals_exact(found.to_numpy(), expected.geometry.to_numpy()).all()
    # C and D touch: one part; A apart: two parts in G2. A 3 m buffer of a 10 m square: the square, four
    # 10 × 3 strips and a circle of radius 3 drawn as a 64-gon (16 segments a quarter): 100 + 120 + 9·32·sin(2π/64)
    assert shapely.get_num_geometries(found.to_numpy()).tolist() == [2, 2]
    assert abs(outlines(footprints[:1], keys[:1]).area.iloc[0] - (220 + 9 * 32 * np.sin(2 * np.pi / 64))) < 1e-9


def test_a_breakdown_reusing_the_cluster_outlines_is_the_same():
    panden = gpd.GeoDataFrame({"pand_id": ["p1", "p2", "p3", "p4"], "buurtcode": ["BU1", "BU1", "BU1", "BU2"],
                               "gebied_cluster_id": ["G1", "G1", "G2", "G2"]},
                              geometry=[box(0, 0, 10, 10), box(14, 0, 24, 10), box(100, 0, 110, 10),
                                        box(130, 0, 140, 10)], crs=28992)
    members = pd.DataFrame({"pand_id": ["p1", "p2", "p3", "p4"], "gebied_cluster_id": ["G1", "G1", "G2", "G2"],
                            "buurtcode": ["BU1", "BU1", "BU1", "BU2"], "objecttype": "woning",
                            "weq": [1.0, 1.0, 2.0, 2.0], "warmtevraag_gj": [30.0, 30.0, 40.0, 40.0]})
    cluster_outlines = outlines(panden.geometry, panden["gebied_cluster_id"])
    plain = cluster_buurt_breakdown(members, panden)
    reused = cluster_buurt_breakdown(members, panden, cluster_outlines=cluster_outlines)
    assert plain.drop(columns="geometry").equals(reused.drop(columns="geometry"))
    assert shapely.equals_exact(plain.geometry.to_numpy(), reused.geometry.to_numpy()).all()
    assert reused.geometry.iloc[0].equals(cluster_outlines["G1"])  # G1 lies in one buurt: its outline as it is


def test_buurt_lists_sorted_and_counted():
    objects = pd.DataFrame({"c": ["M1", "M1", "M1", "M2", "M3"],
                            "buurtcode": pd.array(["BU2", "BU1", "BU2", "BU3", None], dtype="string")})
    count, codes = _buurt_lists(objects, "c")
    assert count.to_dict() == {"M1": 2, "M2": 1}
    assert codes.to_dict() == {"M1": "BU1, BU2", "M2": "BU3"}
    assert codes.dtype == objects["buurtcode"].dtype


def test_area_clusters_equal_the_two_dwithin_searches_they_replace():
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from warmtekans.config.sections import ClusterSettings
    from warmtekans.model.clusters import area_clusters

    rng = np.random.default_rng(7)
    xy = rng.uniform(0, 1500, size=(400, 2)).round()
    panden = gpd.GeoDataFrame({"weq": rng.integers(1, 12, 400).astype(float),
                               "buurtcode": np.where(xy[:, 0] < 800, "BU1", "BU2")},
                              geometry=shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + 12, xy[:, 1] + 9), crs=28992)
    barriers = gpd.GeoSeries([LineString([(0, 700), (1500, 760)])], crs=28992)
    settings = ClusterSettings()

    def pairs(distance):  # the former way: a dwithin query, same buurt, not across the barrier
        left, right = panden.sindex.query(panden.geometry.values, predicate="dwithin", distance=distance)
        keep = (left < right) & (panden["buurtcode"].to_numpy()[left] == panden["buurtcode"].to_numpy()[right])
        left, right = left[keep], right[keep]
        lines = shapely.shortest_line(panden.geometry.values[left], panden.geometry.values[right])
        crossing = shapely.intersects(lines, barriers.iloc[0])
        return left[~crossing], right[~crossing]

    def components(left, right):
        return connected_components(coo_matrix((np.ones(len(left)), (left, right)), shape=(400, 400)),
                                    directed=False)[1]

    left, right = pairs(settings.area_link_distance_m)
    core = components(left, right)
    large = pd.Series(panden["weq"].to_numpy()).groupby(core).sum().to_numpy()[core] > settings.mini_max_weq
    near_left, near_right = pairs(settings.area_merge_gap_m)
    joins = large[near_left] | large[near_right]
    expected = components(np.concatenate([left, near_left[joins]]), np.concatenate([right, near_right[joins]]))
    found = area_clusters(panden, settings, barriers)
    assert found.notna().sum() > 100 and found.nunique() > 3  # a case with several areas
    # the same partition of the panden that are in an area
    chosen = found.notna().to_numpy()
    assert pd.crosstab(found[chosen].to_numpy(), expected[chosen]).astype(bool).sum(axis=1).eq(1).all()
    assert pd.crosstab(expected[chosen], found[chosen].to_numpy()).astype(bool).sum(axis=1).eq(1).all()
