"""Woningtype from geometry, on a few shapely boxes whose answer is clear by hand."""

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from warmtekans.model.woningtype import (
    woningtype_from_ep_online,
    woningtype_from_geometry,
)


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


# --- the whole dwellings stage: borders, sheds and mixed-use panden ---------------------------------


from warmtekans.config.sections import DwellingSettings  # noqa: E402
from warmtekans.core.schemas import empty_energielabels  # noqa: E402
from warmtekans.model.demand import load_kentallen  # noqa: E402
from warmtekans.model.dwellings import build_dwellings  # noqa: E402


def bag(houses: list, *, sheds: list = (), extra_vbos: list = ()):
    """Panden ``P0..`` (houses, then sheds) and one woonfunctie VBO in the middle of each house.

    ``extra_vbos`` are (pand position, gebruiksdoel) pairs for more objects in a pand.
    """
    footprints = list(houses) + list(sheds)
    panden = gpd.GeoDataFrame({"pand_id": [f"P{i}" for i in range(len(footprints))], "bouwjaar": 1935,
                               "pand_status": "Pand in gebruik"}, geometry=footprints, crs="EPSG:28992")
    objects = [(i, "woonfunctie") for i in range(len(houses))] + list(extra_vbos)
    vbos = gpd.GeoDataFrame({
        "vbo_id": [f"V{n:02d}" for n in range(len(objects))],
        "pand_ids": [[f"P{i}"] for i, _ in objects],
        "gebruiksdoelen": [[use] for _, use in objects],
        "oppervlakte": 100, "vbo_status": "Verblijfsobject in gebruik", "straat": "Dorpsstraat",
        "openbare_ruimte_id": "OR1", "postcode": "9999AA", "huisnummer": [str(n + 1) for n in range(len(objects))],
        "huisletter": None, "toevoeging": None,
    }, geometry=[footprints[i].centroid for i, _ in objects], crs="EPSG:28992")
    return panden, vbos


def types_in(panden, vbos, gemeente_box, **settings):
    buurten = gpd.GeoDataFrame({"buurtcode": ["BU00010001"]}, geometry=[gemeente_box], crs="EPSG:28992")
    dwellings, _, report = build_dwellings(panden, vbos, empty_energielabels(), buurten, load_kentallen(),
                                           DwellingSettings(**settings))
    woningen = dwellings[dwellings["objecttype"] == "woning"]
    return dict(zip(woningen["pand_id"], woningen["woningtype"])), report


ROW_OF_FOUR = [box(0, 0, 5, 9), box(5, 0, 10, 9), box(10, 0, 15, 9), box(15, 0, 20, 9)]


def test_row_cut_by_the_border_keeps_its_tussenwoningen():
    # the border runs along the party wall of houses 2 and 3: houses 0-2 lie in the gemeente, house 3 next door
    panden, vbos = bag(ROW_OF_FOUR)
    gemeente = box(-50, -50, 14.9, 50)
    types, report = types_in(panden, vbos, gemeente)
    assert types == {"P0": "hoekwoning", "P1": "tussenwoning", "P2": "tussenwoning"}
    assert report.neighbour_panden_outside == 1
    # without the buffer (the old behaviour) the border house reads as a hoekwoning
    types, _ = types_in(panden, vbos, gemeente, neighbour_buffer_m=0)
    assert types["P2"] == "hoekwoning"


def test_neighbour_across_the_border_without_objects_in_the_extract_counts_by_area():
    # the extract holds no verblijfsobjecten across the border: a 45 m2 house counts, a 12 m2 shed does not
    panden, vbos = bag(ROW_OF_FOUR[:3], sheds=[ROW_OF_FOUR[3], box(-3, 0, 0, 4)])
    types, report = types_in(panden, vbos, box(-1, -50, 16, 50))
    assert types == {"P0": "hoekwoning", "P1": "tussenwoning", "P2": "tussenwoning"}
    assert report.panden_judged_by_area == 2  # the house and the shed, both across the border


def test_garden_shed_against_a_house_is_no_neighbour():
    pair = [box(0, 0, 7, 10), box(7, 0, 14, 10)]
    detached = box(60, 0, 71, 10)
    sheds = [box(14, 2, 17, 6),   # a shed against the side wall of the pair's second house (4 m shared)
             box(71, 0, 74, 4)]   # a shed against the detached house
    panden, vbos = bag(pair + [detached], sheds=sheds)
    types, report = types_in(panden, vbos, box(-50, -50, 150, 50))
    assert types == {"P0": "twee_onder_een_kap", "P1": "twee_onder_een_kap", "P2": "vrijstaand"}
    assert report.panden_without_dwelling_ignored == 2


def test_connected_group_of_exactly_two_is_twee_onder_een_kap():
    # an L-shaped pair: house 1 touches house 0 on its side; each has only the other as neighbour
    panden, vbos = bag([box(0, 0, 8, 10), box(8, 4, 16, 14)])
    types, _ = types_in(panden, vbos, box(-50, -50, 50, 50))
    assert set(types.values()) == {"twee_onder_een_kap"}


def test_only_woonfunctie_objects_make_an_appartement():
    # a house with a shop in the same pand stays a house; two dwellings in one pand are appartementen
    panden, vbos = bag([box(0, 0, 12, 10), box(40, 0, 52, 10)],
                       extra_vbos=[(0, "winkelfunctie"), (1, "woonfunctie")])
    types, _ = types_in(panden, vbos, box(-50, -50, 100, 50))
    assert types == {"P0": "vrijstaand", "P1": "appartement"}


def test_house_against_a_shop_is_a_hoekwoning_not_twee_onder_een_kap():
    # a heated shop of 120 m2 counts as a wall neighbour, but a pair is two *dwelling* panden
    panden, vbos = bag([box(0, 0, 6, 10)], sheds=[box(6, 0, 18, 10)], extra_vbos=[(1, "winkelfunctie")])
    types, _ = types_in(panden, vbos, box(-50, -50, 100, 50))
    assert types == {"P0": "hoekwoning"}


def test_garage_with_an_overige_gebruiksfunctie_object_is_no_neighbour():
    panden, vbos = bag([box(0, 0, 7, 10), box(7, 0, 14, 10)], sheds=[box(14, 0, 17, 6)],
                       extra_vbos=[(2, "overige gebruiksfunctie")])
    types, _ = types_in(panden, vbos, box(-50, -50, 100, 50))
    assert types == {"P0": "twee_onder_een_kap", "P1": "twee_onder_een_kap"}
