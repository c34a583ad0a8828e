"""Heat demand from the Startanalyse 2025 kentallen (data/20241112_Woningen_BAG.csv, row 38: rijwoning tussen
1965 - 1974)."""

import pandas as pd
import pytest

from warmtekans.model.demand import (
    equivalent_label,
    heat_demand,
    load_kentallen,
    peak_kw,
)


@pytest.fixture(scope="module")
def table():
    return load_kentallen()


def one(value):
    return pd.Series([value])


def test_worked_example_tussenwoning_1965_1974_label_c(table):
    # row 38: Vrv_C_asl 11.0366 + Vrv_C_opp 0.196927 x 100 = 30.73 GJ, Vww_asl 7.7 GJ, total 38.43 GJ
    result = heat_demand(table, types=one("rijwoning tussen"), bouwjaar=one(1970), labelklasse=one("C"),
                         floor_area_m2=one(100))
    assert result["rv_gj"].iloc[0] == pytest.approx(30.73, abs=0.01)
    assert result["tw_gj"].iloc[0] == pytest.approx(7.7, abs=0.01)
    assert result["warmtevraag_gj"].iloc[0] == pytest.approx(38.43, abs=0.01)


def test_labels_and_unlabelled_at_100m2(table):
    # row 38: B 9.1806 + 0.183278 x 100 = 27.51, A 25.84, no label (N) 12.6586 + 0.207106 x 100 = 33.37 GJ/yr RV
    for label, expected in (("B", 27.51), ("A", 25.84), ("N", 33.37)):
        result = heat_demand(table, types=one("rijwoning tussen"), bouwjaar=one(1970), labelklasse=one(label),
                             floor_area_m2=one(100))
        assert result["rv_gj"].iloc[0] == pytest.approx(expected, abs=0.05)


def test_floor_area_is_clamped_to_50_200(table):
    kwargs = dict(types=one("rijwoning tussen"), bouwjaar=one(1970), labelklasse=one("C"))
    assert heat_demand(table, floor_area_m2=one(500), **kwargs)["rv_gj"].iloc[0] == pytest.approx(
        heat_demand(table, floor_area_m2=one(200), **kwargs)["rv_gj"].iloc[0])
    assert heat_demand(table, floor_area_m2=one(20), **kwargs)["rv_gj"].iloc[0] == pytest.approx(
        heat_demand(table, floor_area_m2=one(50), **kwargs)["rv_gj"].iloc[0])


def test_unlabelled_equivalent_label_is_near_its_demand(table):
    # RV at 100 m2 (row 38): A 25.84, B 27.51, C 30.73, D 34.14, E 35.24, F 37.29, G 35.97, N 33.37:
    # the unlabelled average lies nearest to label D
    letter = equivalent_label(table, types=one("rijwoning tussen"), bouwjaar=one(1970), floor_area_m2=one(100))
    assert letter.iloc[0] == "D"
    # a detached house of 1996-1999: N lies nearest to a registered letter other than G
    letter = equivalent_label(table, types=one("vrijstaand"), bouwjaar=one(1997), floor_area_m2=one(150))
    assert letter.iloc[0] in set("ABCDEFG")


def test_peak_capacity_vesta():
    # eengezins 4.055 + 0.035 x 100 + 2 (TW) = 9.555 kW; meergezins 2.195 + 0.035 x 70 + 4 = 8.645 kW
    peaks = peak_kw(pd.Series(["tussenwoning", "appartement"]), pd.Series([100, 70]))
    assert list(peaks.round(3)) == [9.555, 8.645]
