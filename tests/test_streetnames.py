"""Street names: the openbareruimte table, and the postcode + house-number fallback label."""

from __future__ import annotations

import pandas as pd
import pytest

from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry
from warmtekans.inputs.streetnames import (
    address_range_label,
    fill_street_names,
    read_openbareruimte,
)


def addresses(rows):
    return pd.DataFrame(rows, columns=["straat", "openbare_ruimte_id", "postcode", "huisnummer"]).astype("string")


def test_range_label_one_postcode():
    assert address_range_label(pd.Series(["2593AB", "2593AB"]), pd.Series(["24", "10"])) == "2593 AB 10–24"


def test_range_label_several_postcodes_same_digits():
    assert address_range_label(pd.Series(["2593AD", "2593AB"]), pd.Series(["2", "88"])) == "2593 AB–AD 2–88"


def test_range_label_single_number_and_nothing():
    assert address_range_label(pd.Series(["2593AB"]), pd.Series(["7"])) == "2593 AB 7"
    assert address_range_label(pd.Series([None], dtype="string"), pd.Series([None], dtype="string")) is None


def test_names_from_table_win_then_fallback_per_openbare_ruimte():
    frame = addresses([
        [None, "0518300000200953", "2592HL", "323"],
        [None, "0518300000200953", "2592HL", "301"],
        [None, "0518300000202540", "2592AD", "136"],
        [None, "0518300000202540", "2592AD", "140"],
        ["Lindeweg", "0599300000000001", "9999AA", "1"],
    ])
    names = pd.Series({"0518300000200953": "Laan van Nieuw Oost-Indië"}, dtype="string")
    entry = QualityEntry(input="bag.verblijfsobject")
    out = fill_street_names(frame, names, quality=entry)
    assert list(out["straat"]) == ["Laan van Nieuw Oost-Indië", "Laan van Nieuw Oost-Indië", "2592 AD 136–140",
                                   "2592 AD 136–140", "Lindeweg"]
    assert any("postcode + huisnummerbereik" in note for note in entry.notes)
    assert out["straat"].notna().all()


def test_no_table_labels_every_street_and_says_so():
    frame = addresses([[None, "1", "2593AB", "10"], [None, "1", "2593AB", "24"], [None, None, "2593AC", "3"]])
    entry = QualityEntry(input="bag.verblijfsobject")
    out = fill_street_names(frame, None, quality=entry)
    assert list(out["straat"]) == ["2593 AB 10–24", "2593 AB 10–24", "2593 AC 3"]
    assert entry.notes and "3 adressen" in entry.notes[0]


def test_read_openbareruimte_csv_strips_prefix(tmp_path):
    path = tmp_path / "openbareruimte.csv"
    path.write_text("identificatie,naam,type\nNL.IMBAG.Openbareruimte.0518300000200953,Juliana van Stolberglaan,Weg\n")
    names = read_openbareruimte(path)
    assert names["0518300000200953"] == "Juliana van Stolberglaan"


def test_read_openbareruimte_refuses_a_table_without_names(tmp_path):
    path = tmp_path / "openbareruimte.csv"
    path.write_text("identificatie,type\n1,Weg\n")
    with pytest.raises(InputError, match="naam"):
        read_openbareruimte(path)


def test_address_range_labels_per_group_equal_one_label_per_group():
    from warmtekans.inputs.streetnames import address_range_labels

    frame = pd.DataFrame({
        "key": pd.array(["a", "a", "b", "b", "c", "d", "d", "e", None, "f", "f", "g"], dtype="string"),
        "postcode": pd.array(["2593AB", "2593 ab", "2593AD", "2594AB", None, " ", "1234XY", "12345", "9999ZZ",
                              "2593AB", "2593AC", None], dtype="string"),
        "huisnummer": pd.array(["10", "24", "2", "x", "7", None, None, "3", "1", "5", "5", None], dtype="string"),
    })
    found = address_range_labels(frame["key"], frame["postcode"], frame["huisnummer"])
    expected = {key: address_range_label(group["postcode"], group["huisnummer"])
                for key, group in frame.groupby("key")}
    assert list(found.index) == sorted(expected)
    assert [None if pd.isna(v) else v for v in found] == [expected[k] for k in found.index]
    assert pd.isna(found["g"])
    assert found["a"] == "2593 AB 10–24" and found["b"] == "2593 AD–2594 AB 2" and found["c"] == "postcode onbekend 7"
    assert found["d"] == "1234 XY" and found["e"] == "12345 3" and found["f"] == "2593 AB–AC 5"
