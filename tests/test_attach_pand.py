"""Choosing the pand of a dwelling and reading BAG gebruiksdoelen, vectorised (issue 13), on hand-made cases."""

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point, box

from warmtekans.config.sections import DwellingSettings
from warmtekans.model.dwellings import _any_listed, attach_pand, select_dwellings


def test_the_listed_pand_that_covers_the_point_else_the_first_known():
    panden = gpd.GeoDataFrame({"pand_id": pd.array(["A", "B", "C"], dtype="string")},
                              geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10), box(30, 0, 40, 10)], crs=28992)
    dwellings = gpd.GeoDataFrame(
        {"pand_ids": [np.array(["A", "B"]), np.array(["A", "B"]), np.array(["X", "C"]), np.array(["X"]),
                      np.array([], dtype=object), np.array(["C", "A"])]},
        geometry=[Point(15, 5), Point(50, 50), Point(0, 0), Point(1, 1), Point(1, 1), Point(10, 5)],
        index=[10, 11, 12, 13, 14, 15], crs=28992)
    found = attach_pand(dwellings, panden)["pand_id"]
    # B covers the first point; no listed pand covers the second: the first known (A); X is not in the
    # extract; none known; an empty list; the point on A's edge: A covers it (C listed first does not)
    assert found.tolist()[:3] == ["B", "A", "C"]
    assert found.isna().tolist()[3:5] == [True, True]
    assert found.iloc[5] == "A"
    assert str(found.dtype) == "string" and list(found.index) == [10, 11, 12, 13, 14, 15]


def test_gebruiksdoelen_lists():
    lists = pd.Series([np.array(["woonfunctie", "winkelfunctie"]), np.array(["overige gebruiksfunctie"]),
                       np.array([], dtype=object), np.array(["kantoorfunctie"])])
    assert _any_listed(lists, {"woonfunctie"}).tolist() == [True, False, False, False]
    assert _any_listed(lists, {"overige gebruiksfunctie"}, outside=True).tolist() == [True, False, False, True]
    vbos = gpd.GeoDataFrame({"gebruiksdoelen": lists, "vbo_status": ["Verblijfsobject in gebruik"] * 4},
                            geometry=[Point(0, 0)] * 4, crs=28992)
    selected, _ = select_dwellings(vbos, DwellingSettings())
    assert selected["objecttype"].tolist() == ["woning", "utiliteit", "utiliteit", "utiliteit"]


def test_bag_array_text_split_and_prefixes_stripped():
    from warmtekans.inputs.bag import _bare_id_lists
    from warmtekans.inputs.common import split_array

    text = pd.Series(['{woonfunctie,"winkelfunctie"}', " kantoorfunctie , ", None, "{}"], dtype=object)
    assert split_array(text).tolist() == [["woonfunctie", "winkelfunctie"], ["kantoorfunctie"], [], []]
    ids = pd.Series([["NL.IMBAG.Pand.0518100000200001", "0518100000200002"], []], index=[5, 7])
    stripped = _bare_id_lists(ids)
    assert stripped.tolist() == [["0518100000200001", "0518100000200002"], []] and list(stripped.index) == [5, 7]
