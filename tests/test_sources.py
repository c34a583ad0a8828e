"""Heat sources: allocation once, the aquifer check for WKO, readers and 'bron onbekend' (hand-worked values)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from warmtekans.config.areas import ClassInput, LayerInput
from warmtekans.config.sections import SewerSettings, SourceSettings
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.core.vocabulary import (
    ONBEKEND,
    OPEN_WKO,
    RIOOL_DIRECT,
    RIOOL_WKO,
    source_name,
)
from warmtekans.decision.assess import _source_reason
from warmtekans.inputs.heat_sources import (
    read_point_sources,
    read_surface_water,
    read_wko_suitability,
)
from warmtekans.model.sewer import building_side_kw, source_power_kw
from warmtekans.model.sources import (
    allocate,
    assign_sources,
    sewer_sources,
)

RD = "EPSG:28992"


def clusters_at(xs, demand, density, weq=100.0, peak=500.0):
    """Area clusters as 10 x 10 m squares at x positions, with demand (GJ/yr) and heat density (GJ/m)."""
    n = len(xs)
    return gpd.GeoDataFrame({
        "cluster_id": [f"G{k:05d}" for k in range(1, n + 1)], "niveau": "gebied", "schaal": "kleinschalig",
        "warmtevraag_gj": demand, "warmtedichtheid_gj_m": density, "weq": weq, "gelijktijdig_piek_kw": peak,
    }, geometry=[box(x, 0, x + 10, 10) for x in xs], crs=RD)


def sources_at(xs, potential, reach=500.0, kw=None):
    n = len(xs)
    return gpd.GeoDataFrame({"bron_id": [f"R{k}" for k in range(1, n + 1)], "soort": "riothermie met WKO",
                             "soort_sleutel": RIOOL_WKO,
                             "naam": "x", "potentie_gj": potential, "vermogen_kw": kw or [1.0] * n,
                             "bereik_m": reach}, geometry=[Point(x, -20) for x in xs], crs=RD)


def test_two_clusters_near_one_segment_share_it():
    # segment of 1 000 GJ; two clusters of 600 GJ: the denser takes 600, the other the remaining 400
    # (400 >= 0.5 x 600), together exactly the potential
    clusters = clusters_at([0, 100], [600.0, 600.0], [2.0, 3.0])
    taken, allocated = allocate(clusters, sources_at([50], [1000.0]), min_coverage=0.5)
    assert taken.loc[1, "toegewezen_gj"] == 600 and taken.loc[0, "toegewezen_gj"] == 400
    assert list(taken["bron_id"]) == ["R1", "R1"]
    assert allocated.iloc[0] == 1000


def test_allocated_sewer_heat_never_exceeds_the_potential():
    # the case: six clusters each within reach of one segment of 15 911 GJ, each needing 10 000 GJ.
    # 1st takes 10 000, 2nd the remaining 5 911 (>= 5 000), the other four nothing (0 < 5 000).
    clusters = clusters_at([0, 40, 80, 120, 160, 200], [10_000.0] * 6, [6.0, 5.0, 4.0, 3.0, 2.0, 1.0])
    taken, allocated = allocate(clusters, sources_at([100], [15_911.0]), min_coverage=0.5)
    assert list(taken["toegewezen_gj"]) == [10_000, 5_911, 0, 0, 0, 0]
    assert allocated.iloc[0] == pytest.approx(15_911) and allocated.iloc[0] <= 15_911
    assert taken["bron_id"].isna().sum() == 4


def test_heat_taken_upstream_is_not_offered_again_downstream():
    # two segments in series, both 1 000 GJ (the same water): cluster 1 takes 700 at the upstream one;
    # the downstream one has 300 left, which no longer covers half of cluster 2's 700
    clusters = clusters_at([0, 300], [700.0, 700.0], [3.0, 2.0])
    sources = sources_at([0, 300], [1000.0, 1000.0])
    taken, allocated = allocate(clusters, sources, 0.5, downstream=lambda s: [1] if s == 0 else [])
    assert taken.loc[0, "bron_id"] == "R1" and taken.loc[0, "toegewezen_gj"] == 700
    assert pd.isna(taken.loc[1, "bron_id"])
    assert list(allocated) == [700, 0]


def test_a_source_out_of_reach_is_not_used():
    taken, _ = allocate(clusters_at([0], [100.0], [2.0]), sources_at([2000], [1000.0], reach=500.0), 0.5)
    assert pd.isna(taken.loc[0, "bron_id"])


def segment_frame(wko=True):
    """One sewer segment of 170 m3/h at 2 K: the Leusden main (seed 004)."""
    source_kw = source_power_kw(170.0, 2.0)
    direct = building_side_kw(source_kw, 4.0)
    return gpd.GeoDataFrame({"leiding_id": [1], "bronvermogen_kw": [source_kw], "vermogen_direct_kw": [direct],
                             "potentie_wko_gj": [direct * 0.95 * 6000 * 0.0036], "bob_begin": [np.nan],
                             "bob_eind": [np.nan]},
                            geometry=[LineString([(0, -20), (100, -20)])], crs=RD)


def wko_zones(klasse):
    return gpd.GeoDataFrame({"klasse": [klasse], "wko_toegestaan": [klasse in ("geschikt", "zeer geschikt")]},
                            geometry=[box(-500, -500, 500, 500)], crs=RD)


def test_riothermie_with_wko_only_where_the_aquifer_allows_it():
    settings, sewer = SourceSettings(), SewerSettings()
    allowed = sewer_sources(segment_frame(), wko_zones("geschikt"), sewer, settings).iloc[0]
    assert allowed["riothermie_variant"] == source_name(RIOOL_WKO)
    assert allowed["potentie_gj"] == allowed["potentie_wko_gj"]
    refused = sewer_sources(segment_frame(), wko_zones("ongeschikt"), sewer, settings).iloc[0]
    unchecked = sewer_sources(segment_frame(), None, sewer, settings).iloc[0]
    for row, status in ((refused, "ongeschikt"), (unchecked, "niet gecontroleerd")):
        assert row["wko_bodem"] == status and row["riothermie_variant"] == source_name(RIOOL_DIRECT)
        # direct use: 527 kW building side x 1 050 h x 0.0036 = 1 993 GJ (seed 004: 232 kW serves 25 x 35 GJ)
        assert row["potentie_gj"] == pytest.approx(row["vermogen_direct_kw"] * 1050 * 0.0036, abs=0.1)
    configured = sewer_sources(segment_frame(), None, sewer, SourceSettings(allow_unchecked_wko=True)).iloc[0]
    assert configured["riothermie_variant"] == source_name(RIOOL_WKO)


def test_direct_sewer_hours_reproduce_seed_004():
    # 50 m3/h at 3 K: 232 kW building side heats 25 dwellings of 35 GJ without WKO (seed 004)
    direct_kw = building_side_kw(source_power_kw(50.0, 3.0), 4.0)
    annual = direct_kw * SourceSettings().sewer_direct_full_load_hours * 0.0036
    assert annual / 35.0 == pytest.approx(25, abs=0.5)


def members_for(clusters):
    rows = []
    for row in clusters.itertuples():
        for k in range(4):
            rows.append({"gebied_cluster_id": row.cluster_id, "mini_cluster_id": pd.NA,
                         "geometry": Point(row.geometry.centroid.x + k, row.geometry.centroid.y)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=RD)


def test_a_cluster_without_source_says_bron_onbekend():
    clusters = clusters_at([0], [5000.0], [3.0])
    per_cluster, _, _ = assign_sources(clusters, members_for(clusters), segment_frame().iloc[:0], None, None, None,
                                       SewerSettings(), SourceSettings(), set())
    assert per_cluster.loc[0, "warmtebron"] == source_name(ONBEKEND) and per_cluster.loc[0, "bron_dekking"] == 0
    row = next(clusters.join(per_cluster).itertuples())
    assert _source_reason(row, set()).startswith("bron: buitenlucht")  # no named source: outside air (issue 18)


def test_sources_in_order_network_sewer_wko():
    # three areas: one inside a planned network, one next to the sewer, one on a suitable aquifer only
    clusters = clusters_at([0, 1000, 3000], [800.0, 800.0, 800.0], [3.0, 2.0, 1.0])
    planned = gpd.GeoDataFrame(geometry=[box(-50, -50, 60, 60)], crs=RD)
    zones = gpd.GeoDataFrame({"klasse": ["geschikt"], "wko_toegestaan": [True]}, geometry=[box(-100, -100, 4000, 100)],
                             crs=RD)
    segments = segment_frame().set_geometry([LineString([(1000, -20), (1100, -20)])])
    per_cluster, segments_out, finite = assign_sources(
        clusters, members_for(clusters), segments, None, zones, planned, SewerSettings(), SourceSettings(),
        {"riool", "warmtenet_gepland", "wko_geschiktheid"})
    assert list(per_cluster["warmtebron"]) == ["warmtenet (gepland)", source_name(RIOOL_WKO), source_name(OPEN_WKO)]
    assert per_cluster.loc[1, "riothermie_toegewezen_gj"] == 800
    assert segments_out["riothermie_toegewezen_gj"].iloc[0] == 800
    assert (segments_out["riothermie_toegewezen_gj"] <= segments_out["potentie_gj"]).all()
    # an open WKO delivers 0.3 x the collective peak [Vesta]
    assert per_cluster.loc[2, "warmtebron_vermogen_kw"] == pytest.approx(150.0)


def test_source_readers(tmp_path):
    path = tmp_path / "bronnen.gpkg"
    gpd.GeoDataFrame({"naam": ["Vaart"], "potentie_gj": [6000.0]}, geometry=[box(0, 0, 20, 800)], crs=RD).to_file(
        path, layer="water", engine="pyogrio")
    gpd.GeoDataFrame({"naam": ["RWZI", "DC"], "soort": ["RWZI", "datacenter"], "vermogen_kw": [None, 800.0]},
                     geometry=[Point(0, 0), Point(10, 10)], crs=RD).to_file(path, layer="punten", engine="pyogrio")
    gpd.GeoDataFrame({"klasse": ["Zeer geschikt", "matig geschikt"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
                     crs=RD).to_file(path, layer="wko", engine="pyogrio")
    settings = SourceSettings()
    water = read_surface_water(LayerInput(path=str(path), layer="water"), settings)
    assert water.loc[0, "vermogen_kw"] == pytest.approx(834.0)  # 6 000 GJ x 0.139 kW per GJ/yr [Vesta]
    assert water.loc[0, "bereik_m"] == 5000
    points = read_point_sources(LayerInput(path=str(path), layer="punten"), settings)
    assert points.loc[0, "vermogen_kw"] == 11_000 and points.loc[0, "vermogen_bron"].startswith("geschat")
    assert points.loc[1, "potentie_gj"] == pytest.approx(800 / 0.139, abs=0.1)
    wko = read_wko_suitability(ClassInput(path=str(path), layer="wko", zone_column="klasse"), settings)
    assert list(wko["wko_toegestaan"]) == [True, False]
    with pytest.raises(InputError, match="potentie_gj"):
        read_surface_water(LayerInput(path=str(path), layer="punten"), settings)


def test_teo_only_where_the_aquifer_allows_a_wko():
    # Vesta: a TEO object must lie in the WKO contour (the surface-water heat is stored in a WKO)
    clusters = clusters_at([0, 100], [1000.0, 1000.0], [3.0, 2.0])
    teo = sources_at([50], [5000.0], reach=5000.0).assign(vereist_wko=True, soort="aquathermie (TEO)")
    taken, allocated = allocate(clusters, teo, 0.5, wko_ok=np.array([False, True]))
    assert pd.isna(taken.loc[0, "bron_id"]) and taken.loc[1, "toegewezen_gj"] == 1000
    assert allocated.iloc[0] == 1000


# --------------------------------------------------------------------------- no silent result (issue 20)


def point_layer(tmp_path, kinds, powers, geometries=None):
    path = tmp_path / "punten.gpkg"
    gpd.GeoDataFrame({"naam": [f"bron {k}" for k in range(len(kinds))], "soort": kinds, "vermogen_kw": powers},
                     geometry=geometries or [Point(10 * k, 0) for k in range(len(kinds))], crs=RD).to_file(
        path, layer="punten", engine="pyogrio")
    return LayerInput(path=str(path), layer="punten")


@pytest.mark.parametrize("power, bound", [(1e9, "above 500000 kW"), (0.0, "below 10 kW")])
def test_implausible_point_source_power_is_refused(tmp_path, power, bound):
    """1 TW (1e9 kW) and 0 kW: stopped with the file, layer, column, value and the setting to change."""
    source = point_layer(tmp_path, ["industrie", "RWZI"], [power, 2000.0])
    with pytest.raises(InputError, match=rf"layer 'punten', column 'vermogen_kw': 1 rows have a point-source capacity "
                                         rf"{bound} \(e.g. {power}\).*sources.point_source_"):
        read_point_sources(source, SourceSettings())


def test_point_source_of_unknown_kind_without_power_is_refused(tmp_path):
    source = point_layer(tmp_path, ["RWZI", "bakkerij"], [None, None])
    with pytest.raises(InputError, match=r"1 point sources have no vermogen_kw and their soort \['bakkerij'\] has no "
                                         r"default under sources.point_source_default_kw \(defaults for: RWZI\)"):
        read_point_sources(source, SourceSettings())


def test_point_source_defaults_and_null_geometry_are_counted(tmp_path):
    source = point_layer(tmp_path, ["RWZI", "datacenter", "RWZI"], [None, 800.0, 900.0],
                         geometries=[Point(0, 0), Point(10, 0), None])
    quality = QualityLog()
    points = read_point_sources(source, SourceSettings(), bbox=(-100, -100, 100, 100), quality=quality)
    assert len(points) == 2  # the source without a location cannot be placed
    entry = quality.entry("puntbronnen")
    assert entry.dropped == {"geen geometrie (NULL of leeg)": 1}
    assert entry.repaired == {"vermogen_kw leeg: standaardvermogen van de soort (sources.point_source_default_kw)": 1}


def test_wko_classes_that_match_nothing_are_refused(tmp_path):
    """Classes given as codes (1/2/3) would silently make every area lose open WKO."""
    path = tmp_path / "wko.gpkg"
    gpd.GeoDataFrame({"klasse": ["1", "2", "3", None]}, geometry=[box(k, 0, k + 1, 1) for k in range(4)],
                     crs=RD).to_file(path, layer="wko", engine="pyogrio")
    source = ClassInput(path=str(path), layer="wko", zone_column="klasse")
    with pytest.raises(InputError, match=r"column 'klasse': WKO suitability classes \['1', '2', '3'\] match neither "
                                         r"sources.wko_allowed_classes"):
        read_wko_suitability(source, SourceSettings())
    settings = SourceSettings(wko_allowed_classes=["1", "2"], wko_unsuitable_classes=["3"])
    quality = QualityLog()
    wko = read_wko_suitability(source, settings, quality=quality)
    assert wko["wko_toegestaan"].tolist() == [True, True, False]
    assert quality.entry("wko_geschiktheid").dropped == {"klasse leeg: geschiktheid onbekend, weggelaten": 1}


def test_surface_water_power_of_a_typo_is_refused(tmp_path):
    path = tmp_path / "water.gpkg"
    gpd.GeoDataFrame({"potentie_gj": [6000.0, 6e12]}, geometry=[box(0, 0, 1, 1), box(2, 0, 3, 1)], crs=RD).to_file(
        path, layer="water", engine="pyogrio")
    with pytest.raises(InputError, match=r"column 'potentie_gj': 1 rows have a TEO power .* above 500000 kW"):
        read_surface_water(LayerInput(path=str(path), layer="water"), SourceSettings())
