"""Bad input: each case gets a clear error naming the file, layer or column and what was expected."""

from __future__ import annotations

import logging
import warnings

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box

from warmtekans import readers
from warmtekans.config import BagInput, DwellingSettings, LayerInput, RestrictionSettings, ZoneInput
from warmtekans.demand import load_kentallen
from warmtekans.dwellings import build_dwellings
from warmtekans.errors import InputError
from warmtekans.sample import EP_ONLINE_HEADER_2021


def write_gpkg(frame, path, layer):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # writing a file without CRS on purpose
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    return path


def buurten_frame(crs="EPSG:28992"):
    return gpd.GeoDataFrame({"buurtcode": ["BU99990001"], "buurtnaam": ["Test"], "gemeentecode": ["GM9999"],
                             "aantal_huishoudens": [10]}, geometry=[box(0, 0, 100, 100)], crs=crs)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"file '.*nope.gpkg': the CBS buurten file does not exist"):
        readers.read_buurten(LayerInput(path=str(tmp_path / "nope.gpkg"), layer="buurten"), "GM9999")


def test_unknown_layer(tmp_path):
    path = write_gpkg(buurten_frame(), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match=r"has no layer 'wijken'.*layers present: buurten"):
        readers.read_buurten(LayerInput(path=str(path), layer="wijken"), "GM9999")


def test_missing_required_column(tmp_path):
    path = write_gpkg(buurten_frame().drop(columns="buurtnaam"), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError) as err:
        readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert err.value.column == "buurtnaam" and "layer 'buurten'" in str(err.value)


def test_no_crs(tmp_path):
    path = write_gpkg(buurten_frame().set_crs(None, allow_override=True), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match="has no coordinate reference system"):
        readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")


def test_crs_that_cannot_be_brought_to_rd(tmp_path):
    mars = "IAU_2015:49900"  # geographic CRS of Mars: no transformation to RD New exists
    path = write_gpkg(buurten_frame().set_crs(mars, allow_override=True), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match="cannot be transformed to RD New"):
        readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")


def test_other_crs_is_reprojected(tmp_path):
    wgs84 = buurten_frame().to_crs("EPSG:4326")
    path = write_gpkg(wgs84, tmp_path / "b.gpkg", "buurten")
    result = readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert result.crs.to_epsg() == 28992
    assert result.total_bounds == pytest.approx([0, 0, 100, 100], abs=0.01)


def test_invalid_geometries_are_repaired_and_counted(tmp_path, caplog):
    bowtie = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    frame = buurten_frame()
    frame.geometry = [bowtie]
    path = write_gpkg(frame, tmp_path / "b.gpkg", "buurten")
    with caplog.at_level(logging.WARNING):
        result = readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert result.geometry.is_valid.all()
    assert "repaired 1 invalid geometries" in caplog.text


def test_gemeente_not_in_buurten(tmp_path):
    path = write_gpkg(buurten_frame(), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match=r"gemeente GM0518 is not in the buurten layer \(gemeenten present: GM9999\)"):
        readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM0518")


def test_negative_cbs_counts_become_unknown(tmp_path):
    frame = buurten_frame()
    frame["aantal_huishoudens"] = [-99997]
    path = write_gpkg(frame.rename(columns={"buurtcode": "BU_CODE", "buurtnaam": "BU_NAAM", "gemeentecode": "GM_CODE"}),
                      tmp_path / "b.gpkg", "buurten")
    result = readers.read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert result["buurtcode"].iloc[0] == "BU99990001"
    assert pd.isna(result["aantal_huishoudens"].iloc[0])


def bag_frames(bouwjaar=1970, duplicate=False):
    pand_ids = ["9999100000000001", "9999100000000001" if duplicate else "9999100000000002"]
    pand = gpd.GeoDataFrame({"identificatie": pand_ids, "bouwjaar": [bouwjaar, 1980], "status": ["Pand in gebruik"] * 2},
                            geometry=[box(10, 10, 20, 20), box(30, 10, 40, 20)], crs="EPSG:28992")
    vbo = gpd.GeoDataFrame({"identificatie": ["9999010000000001", "9999010000000002"],
                            "gebruiksdoel": ["woonfunctie", "woonfunctie"], "oppervlakte": [100, 100],
                            "status": ["Verblijfsobject in gebruik"] * 2,
                            "pand_identificatie": ["9999100000000001", "9999100000000002"]},
                           geometry=[Point(15, 15), Point(35, 15)], crs="EPSG:28992")
    return pand, vbo


def write_bag(tmp_path, pand, vbo):
    path = tmp_path / "bag.gpkg"
    write_gpkg(pand, path, "pand")
    write_gpkg(vbo, path, "verblijfsobject")
    return BagInput(path=str(path))


def test_non_numeric_bouwjaar(tmp_path):
    pand, vbo = bag_frames(bouwjaar="onbekend")
    with pytest.raises(InputError, match=r"layer 'pand', column 'bouwjaar': 1 values are not numbers \(e.g. onbekend\)"):
        readers.read_bag(write_bag(tmp_path, pand, vbo))


def test_duplicate_identifiers(tmp_path):
    pand, vbo = bag_frames(duplicate=True)
    with pytest.raises(InputError, match=r"column 'identificatie': duplicate pand identifiers: 9999100000000001"):
        readers.read_bag(write_bag(tmp_path, pand, vbo))


def test_ids_with_and_without_prefix_are_the_same(tmp_path):
    pand, vbo = bag_frames()
    pand["identificatie"] = "NL.IMBAG.Pand." + pand["identificatie"]
    panden, vbos = readers.read_bag(write_bag(tmp_path, pand, vbo))
    assert set(panden["pand_id"]) == {p for ids in vbos["pand_ids"] for p in ids}


def test_no_dwellings_in_the_gemeente(tmp_path):
    pand, vbo = bag_frames()
    panden, vbos = readers.read_bag(write_bag(tmp_path, pand, vbo))
    far_away = buurten_frame()
    far_away.geometry = [box(1000, 1000, 2000, 2000)]
    with pytest.raises(InputError, match="no dwellings"):
        build_dwellings(panden, vbos, readers.empty_energielabels(), far_away, load_kentallen(), DwellingSettings())


def test_dwelling_whose_pand_is_missing_is_counted(tmp_path):
    pand, vbo = bag_frames()
    vbo.loc[1, "pand_identificatie"] = "9999100000009999"
    panden, vbos = readers.read_bag(write_bag(tmp_path, pand, vbo))
    dwellings, _, report = build_dwellings(panden, vbos, readers.empty_energielabels(), buurten_frame(),
                                           load_kentallen(), DwellingSettings())
    assert len(dwellings) == 1
    assert report.without_pand == 1 and report.per_buurt_without_pand == {"BU99990001": 1}


def ep_csv(tmp_path, rows, header=EP_ONLINE_HEADER_2021, sep=";", encoding="utf-8"):
    frame = pd.DataFrame(rows)
    for column in header:
        if column not in frame:
            frame[column] = ""
    path = tmp_path / "ep.csv"
    frame[header].to_csv(path, sep=sep, index=False, encoding=encoding)
    return path


ROW = {"Pand_opnamedatum": "20200101", "Pand_energieklasse": "C", "Pand_gebouwklasse": "W",
       "Meting_geldig_tot": "20300101", "Pand_postcode": "9999AA", "Pand_huisnummer": "1",
       "Pand_bagverblijfsobjectid": "9999010000000001", "Pand_gebouwtype": "Rijwoning tussen"}


def test_ep_online_wrong_separator(tmp_path):
    path = ep_csv(tmp_path, [ROW], sep=",")
    with pytest.raises(InputError, match=r"expected a ';'-separated EP-online export, but it looks ','-separated"):
        readers.read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_wrong_encoding(tmp_path):
    path = ep_csv(tmp_path, [ROW], encoding="utf-16")
    with pytest.raises(InputError, match="looks UTF-16 encoded"):
        readers.read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_latin1_is_read(tmp_path):
    path = ep_csv(tmp_path, [{**ROW, "Pand_gebouwtype": "Twee-onder-één-kap"}], encoding="latin-1")
    labels = readers.read_energielabels(path, reference_date="2026-01-01")
    assert labels["gebouwtype"].iloc[0] == "Twee-onder-één-kap"


def test_unknown_label_class(tmp_path):
    path = ep_csv(tmp_path, [{**ROW, "Pand_energieklasse": "H"}])
    with pytest.raises(InputError, match=r"column 'Pand_energieklasse': unknown energy label classes \['H'\]"):
        readers.read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_newest_valid_registration_wins(tmp_path):
    rows = [ROW,
            {**ROW, "Pand_opnamedatum": "20120101", "Meting_geldig_tot": "20220101", "Pand_energieklasse": "F"},
            {**ROW, "Pand_opnamedatum": "20240101", "Meting_geldig_tot": "20340101", "Pand_energieklasse": "A++"}]
    labels = readers.read_energielabels(ep_csv(tmp_path, rows), reference_date="2026-01-01")
    assert len(labels) == 1
    assert labels["label"].iloc[0] == "A++" and labels["labelklasse"].iloc[0] == "A"


def test_ep_online_2023_header_generation(tmp_path):
    header = [c for c in EP_ONLINE_HEADER_2021 if c != "Pand_huisnummer_toev"]
    position = header.index("Pand_huisnummer") + 1
    header[position:position] = ["Pand_huisletter", "Pand_huisnummertoevoeging"]
    rows = [{**ROW, "Pand_bagverblijfsobjectid": "", "Pand_huisletter": "a", "Pand_huisnummertoevoeging": "2"}]
    labels = readers.read_energielabels(ep_csv(tmp_path, rows, header=header), reference_date="2026-01-01")
    assert labels[["postcode", "huisnummer", "huisletter", "toevoeging"]].iloc[0].tolist() == ["9999AA", "1", "A", "2"]


def test_ep_online_missing_column(tmp_path):
    header = [c for c in EP_ONLINE_HEADER_2021 if c != "Pand_energieklasse"]
    path = ep_csv(tmp_path, [ROW], header=header)
    with pytest.raises(InputError, match=r"column 'Pand_energieklasse': required EP-online column is missing"):
        readers.read_energielabels(path, reference_date="2026-01-01")


def test_zone_type_without_configured_effect(tmp_path):
    zones = gpd.GeoDataFrame({"Legenda": ["Waterwingebied", "Nieuw soort gebied"]},
                             geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)], crs="EPSG:28992")
    path = write_gpkg(zones, tmp_path / "z.gpkg", "zones")
    with pytest.raises(InputError, match=r"column 'Legenda': zone types \['Nieuw soort gebied'\] have no effect"):
        readers.read_zones(ZoneInput(path=str(path), zone_column="Legenda"), RestrictionSettings().drinkwater,
                           soort="drinkwater")


def test_sewer_types_from_wfs_and_ogc_api():
    values = pd.Series(["http://data.gwsw.nl/1.5/totaal/GemengdRiool", "http://data.gwsw.nl/1.5/totaal/GemengdStelsel",
                        "http://data.gwsw.nl/1.5/totaal/Vuilwaterriool", "http://data.gwsw.nl/1.5/totaal/Hemelwaterstelsel",
                        "http://data.gwsw.nl/1.5/totaal/Drukleiding"])
    assert list(readers.normalise_sewer_type(values)) == ["GemengdRiool", "GemengdRiool", "Vuilwaterriool",
                                                          "Hemelwaterriool", "Drukleiding"]


def test_nlextract_bag_of_denhaag(denhaag):
    source = BagInput(path=str(denhaag / "bag.gpkg"), flavour="nlextract",
                      nummeraanduiding=str(denhaag / "nummeraanduiding.csv"))
    panden, vbos = readers.read_bag(source)
    assert len(panden) == 5613 and len(vbos) == 15837
    assert not panden["pand_id"].str.startswith("NL.").any()
    assert (vbos["pand_ids"].map(len) > 1).sum() == 11  # README: 11 objects lie in more than one pand
    assert vbos["postcode"].notna().mean() > 0.9


def test_osm_broken_xml(tmp_path):
    path = tmp_path / "area.osm"
    path.write_text("<osm><node id='1'")
    with pytest.raises(InputError, match="cannot be read as OpenStreetMap data"):
        readers.read_streets(path)
