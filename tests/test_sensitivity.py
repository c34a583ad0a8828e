"""Sensitivity: the decision again for many draws of what decides the costs (docs/method.md, "Sensitivity")."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from warmtekans.config.loader import validate_config
from warmtekans.core.errors import ConfigError
from warmtekans.decision.options import CHOICES

BASE = {"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "Voorbeeldstad", "sample": True}}}


def config(**sensitivity):
    return validate_config({**BASE, "sensitivity": sensitivity} if sensitivity else BASE)


def test_default_ranges_hold_what_decides_and_no_structural_setting():
    ranges = config().sensitivity.ranges
    assert ranges["costs.end_user_rate"] == (0.02, 0.06) and ranges["costs.national_rate"] == (0.0225, 0.045)
    assert ranges["loops.extraction_w_per_m"] == (30.0, 55.0)
    assert "sewer.max_distance_m" not in ranges and "scoring.recommend_min_score" not in ranges
    assert config().sensitivity.spf_factor["lucht"] == (0.8, 1.1)


def test_unknown_parameter_path_is_refused():
    with pytest.raises(ConfigError, match="loops.no_such_setting"):
        config(ranges={"loops.no_such_setting": [1, 2]})


def test_maps_hatch_the_buildings_of_an_unsure_cluster(tmp_path):
    import geopandas as gpd
    import numpy as np
    from PIL import Image
    from shapely.geometry import box

    from warmtekans.outputs.maps import write_maps

    crs = "EPSG:28992"
    panden = gpd.GeoDataFrame({"pand_id": ["P1", "P2"]}, geometry=[box(0, 0, 40, 40), box(100, 0, 140, 40)], crs=crs)
    dwellings = gpd.GeoDataFrame({"pand_id": ["P1", "P2"], "aanbevolen": ["gedeelde bodemlus"] * 2,
                                  "gekozen_cluster": ["M1", "M2"]},
                                 geometry=gpd.points_from_xy([20, 120], [20, 20]), crs=crs)
    buurten = gpd.GeoDataFrame({"buurtcode": ["BU1"], "buurtnaam": ["B"]}, geometry=[box(-10, -10, 150, 50)], crs=crs)
    empty = gpd.GeoDataFrame({"effect": [], "bronvermogen_kw": []}, geometry=[], crs=crs)

    def red_pixels(unsure):
        out = tmp_path / ("with" if unsure else "without")
        write_maps(out, gemeente="GM9999", buurten=buurten, dwellings=dwellings, panden=panden, zones=empty,
                   sewers=empty, streets=empty, per_buurt=False, unsure_clusters=unsure)
        pixels = np.asarray(Image.open(out / "overzicht.png").convert("RGB")).astype(int)
        return int(((abs(pixels[..., 0] - 213) < 8) & (pixels[..., 1] < 8) & (pixels[..., 2] < 8)).sum())  # #d50000

    assert red_pixels(None) == 0
    assert red_pixels({"M1"}) > 100


def _clusters(sample_run):
    return gpd.read_file(sample_run / "results" / "GM9999" / "warmtekans.gpkg", layer="clusters")


@pytest.mark.workflow
def test_every_decided_cluster_has_its_chances_and_they_add_up(sample_run):
    clusters = _clusters(sample_run)
    decided = clusters[clusters["goedkoopste"].notna()]
    chances = decided[[f"kans_{o}" for o in CHOICES]]
    assert np.allclose(chances.sum(axis=1), 1.0, atol=0.006)  # every draw decides something
    # the configured decision's chance is its stabiliteit
    own = [row[f"kans_{row['goedkoopste']}"] for _, row in decided.iterrows()]
    assert np.allclose(own, decided["stabiliteit"], atol=0.006)
    assert (decided["onzeker"] == (decided["stabiliteit"] < 0.8)).all()


@pytest.mark.workflow
def test_wide_margins_hold_and_only_narrow_ones_move(sample_run):
    """A cluster whose decision beats the runner-up by more than 25 % holds in most draws; the clusters that
    do not hold (onzeker) are the ones with narrow margins."""
    clusters = _clusters(sample_run)
    decided = clusters.dropna(subset=["marge_eur_jaar", "stabiliteit"])
    share = decided["marge_eur_jaar"] / decided["eur_jaar_gekozen"]
    assert (decided.loc[share > 0.25, "stabiliteit"] >= 0.85).all()
    unsure = decided[decided["onzeker"].astype(bool)]
    assert (share.loc[unsure.index] < 0.2).all()


@pytest.mark.workflow
def test_switched_off_says_not_determined(sample_run, tmp_path):
    """``draws: 0``: stabiliteit, onzeker and kans_* stay empty (not determined, never 'stable')."""
    from warmtekans.decision.advice import cost_tables
    from warmtekans.decision.sensitivity import stability

    members = gpd.read_parquet(sample_run / "data" / "processed" / "GM9999" / "woningen_beoordeeld.parquet")
    clusters = gpd.read_parquet(sample_run / "data" / "processed" / "GM9999" / "clusters_beoordeeld.parquet")
    settings = config(draws=0)
    from warmtekans.config.method import MethodSettings
    method = MethodSettings.model_validate({name: getattr(settings, name).model_dump()
                                             for name in MethodSettings.model_fields})
    tables = cost_tables(members, clusters.set_index("cluster_id", drop=False), method)
    decisions = clusters.set_index("cluster_id")["goedkoopste"]
    table = stability(tables.inputs, tables.options, tables.views, tables.allowed, decisions, tables.k, method)
    assert table["stabiliteit"].isna().all() and table["onzeker"].isna().all()
    assert table["kans_luchtwarmtepomp"].isna().all()
    # and with draws the same call is seeded: twice the same answer
    method = method.model_copy(update={"sensitivity": config(draws=20).sensitivity})
    first = stability(tables.inputs, tables.options, tables.views, tables.allowed, decisions, tables.k, method)
    second = stability(tables.inputs, tables.options, tables.views, tables.allowed, decisions, tables.k, method)
    pd.testing.assert_frame_equal(first, second)
