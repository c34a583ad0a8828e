"""Woningtype from geometry, on a few shapely boxes whose answer is clear by hand."""

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from warmtekans.woningtype import woningtype_from_ep_online, woningtype_from_geometry


def frame(*boxes):
    return gpd.GeoDataFrame(geometry=list(boxes), crs="EPSG:28992")


def test_row_pair_detached_and_apartment():
    panden = frame(
        box(0, 0, 5, 9), box(5, 0, 10, 9), box(10, 0, 15, 9),  # a row of three
        box(40, 0, 47, 10), box(47, 0, 54, 10),                # a 2-onder-1-kap pair
        box(80, 0, 92, 10),                                    # detached
        box(120, 0, 150, 10),                                  # flat with 12 dwellings
    )
    dwellings = pd.Series([1, 1, 1, 1, 1, 1, 12])
    result = woningtype_from_geometry(panden, dwellings, min_shared_m=2.0)
    assert list(result) == ["hoekwoning", "tussenwoning", "hoekwoning", "twee_onder_een_kap",
                            "twee_onder_een_kap", "vrijstaand", "appartement"]


def test_corner_touch_is_not_a_shared_wall():
    # two houses touching over 1 m only (offset footprints): not a shared wall at 2 m minimum
    panden = frame(box(0, 0, 6, 9), box(6, 8, 12, 17))
    result = woningtype_from_geometry(panden, pd.Series([1, 1]), min_shared_m=2.0)
    assert list(result) == ["vrijstaand", "vrijstaand"]


def test_small_digitising_gap_still_shares_a_wall():
    panden = frame(box(0, 0, 6, 9), box(6.05, 0, 12, 9))
    result = woningtype_from_geometry(panden, pd.Series([1, 1]), min_shared_m=2.0)
    assert list(result) == ["twee_onder_een_kap", "twee_onder_een_kap"]


def test_ep_online_types_both_generations():
    values = pd.Series(["Rijwoning tussen", "Twee-onder-één-kap", "Twee-onder-een-kap", "Vrijstaande woning",
                        "Appartement", "Galerijwoning", "Twee-onder-een-kap / rijwoning hoek", None])
    mapped = woningtype_from_ep_online(values)
    assert list(mapped[:6]) == ["tussenwoning", "twee_onder_een_kap", "twee_onder_een_kap", "vrijstaand",
                                "appartement", "appartement"]
    assert mapped[6:].isna().all()  # ambiguous or missing: geometry decides
