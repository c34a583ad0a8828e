"""Heat demand from the Vesta MAIS 5.0 kentallen (worked example in shared/data/kentallen/README.md)."""

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
    # kentallen README: RV = 20.92 + 0.0729 x 100 = 28.2 GJ, TW = 7.3 GJ, total 35.5 GJ
    result = heat_demand(table, types=one("rijwoning tussen"), bouwjaar=one(1970), labelklasse=one("C"),
                         floor_area_m2=one(100))
    assert result["rv_gj"].iloc[0] == pytest.approx(28.2, abs=0.05)
    assert result["tw_gj"].iloc[0] == pytest.approx(7.3, abs=0.05)
    assert result["warmtevraag_gj"].iloc[0] == pytest.approx(35.5, abs=0.1)


def test_labels_and_unlabelled_at_100m2(table):
    # README: label B 26.2, label A 23.3, no label (N) 36.1 GJ/yr RV for the same dwelling
    for label, expected in (("B", 26.2), ("A", 23.3), ("N", 36.1)):
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
    # RV at 100 m2 (kentallen): A 23.3, B 26.2, C 28.2, D 31.5, E 32.4, F 32.8, G 34.2, N 36.1:
    # unlabelled dwellings of this type and age use more than label G, so the nearest letter is G
    letter = equivalent_label(table, types=one("rijwoning tussen"), bouwjaar=one(1970), floor_area_m2=one(100))
    assert letter.iloc[0] == "G"
    # a detached house of 1996-1999: N lies nearest to a registered letter other than G
    letter = equivalent_label(table, types=one("vrijstaand"), bouwjaar=one(1997), floor_area_m2=one(150))
    assert letter.iloc[0] in set("ABCDEFG")


def test_peak_capacity_vesta():
    # eengezins 4.055 + 0.035 x 100 + 2 (TW) = 9.555 kW; meergezins 2.195 + 0.035 x 70 + 4 = 8.645 kW
    peaks = peak_kw(pd.Series(["tussenwoning", "appartement"]), pd.Series([100, 70]))
    assert list(peaks.round(3)) == [9.555, 8.645]
