"""Bad input: each case gets a clear error naming the file, layer or column and what was expected."""

from __future__ import annotations

import logging
import warnings

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box

from warmtekans.config.areas import BagInput, LayerInput, ZoneInput
from warmtekans.config.sections import DwellingSettings, RestrictionSettings
from warmtekans.core.errors import InputError
from warmtekans.core.schemas import empty_energielabels
from warmtekans.inputs.bag import read_bag
from warmtekans.inputs.cbs import read_buurten
from warmtekans.inputs.common import read_text_table
from warmtekans.inputs.ep_online import read_energielabels
from warmtekans.inputs.gwsw import normalise_sewer_type, read_sewers
from warmtekans.inputs.osm import read_streets
from warmtekans.inputs.zones import read_zones
from warmtekans.model.demand import load_kentallen
from warmtekans.model.dwellings import build_dwellings
from warmtekans.sample.generate import EP_ONLINE_HEADER_2021


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
        read_buurten(LayerInput(path=str(tmp_path / "nope.gpkg"), layer="buurten"), "GM9999")


def test_unknown_layer(tmp_path):
    path = write_gpkg(buurten_frame(), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match=r"has no layer 'wijken'.*layers present: buurten"):
        read_buurten(LayerInput(path=str(path), layer="wijken"), "GM9999")


def test_missing_required_column(tmp_path):
    path = write_gpkg(buurten_frame().drop(columns="buurtnaam"), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError) as err:
        read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert err.value.column == "buurtnaam" and "layer 'buurten'" in str(err.value)


def test_no_crs(tmp_path):
    path = write_gpkg(buurten_frame().set_crs(None, allow_override=True), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match="has no coordinate reference system"):
        read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")


def test_crs_that_cannot_be_brought_to_rd(tmp_path):
    mars = "IAU_2015:49900"  # geographic CRS of Mars: no transformation to RD New exists
    path = write_gpkg(buurten_frame().set_crs(mars, allow_override=True), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match="cannot be transformed to RD New"):
        read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")


def test_other_crs_is_reprojected(tmp_path):
    wgs84 = buurten_frame().to_crs("EPSG:4326")
    path = write_gpkg(wgs84, tmp_path / "b.gpkg", "buurten")
    result = read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert result.crs.to_epsg() == 28992
    assert result.total_bounds == pytest.approx([0, 0, 100, 100], abs=0.01)


def test_invalid_geometries_are_repaired_and_counted(tmp_path, caplog):
    bowtie = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    frame = buurten_frame()
    frame.geometry = [bowtie]
    path = write_gpkg(frame, tmp_path / "b.gpkg", "buurten")
    with caplog.at_level(logging.WARNING):
        result = read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert result.geometry.is_valid.all()
    assert "repaired 1 invalid geometries" in caplog.text


def test_gemeente_not_in_buurten(tmp_path):
    path = write_gpkg(buurten_frame(), tmp_path / "b.gpkg", "buurten")
    with pytest.raises(InputError, match=r"gemeente GM0518 is not in the buurten layer \(gemeenten present: GM9999\)"):
        read_buurten(LayerInput(path=str(path), layer="buurten"), "GM0518")


def test_negative_cbs_counts_become_unknown(tmp_path):
    frame = buurten_frame()
    frame["aantal_huishoudens"] = [-99997]
    path = write_gpkg(frame.rename(columns={"buurtcode": "BU_CODE", "buurtnaam": "BU_NAAM", "gemeentecode": "GM_CODE"}),
                      tmp_path / "b.gpkg", "buurten")
    result = read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")
    assert result["buurtcode"].iloc[0] == "BU99990001"
    assert pd.isna(result["aantal_huishoudens"].iloc[0])


def bag_frames(bouwjaar=1970, duplicate=False):
    pand_ids = ["9999100000000001", "9999100000000001" if duplicate else "9999100000000002"]
    pand = gpd.GeoDataFrame({"identificatie": pand_ids, "bouwjaar": [bouwjaar, 1980],
                             "status": ["Pand in gebruik"] * 2},
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
    with pytest.raises(InputError,
                       match=r"layer 'pand', column 'bouwjaar': 1 values are not numbers \(e.g. onbekend\)"):
        read_bag(write_bag(tmp_path, pand, vbo))


def test_duplicate_identifiers(tmp_path):
    pand, vbo = bag_frames(duplicate=True)
    with pytest.raises(InputError, match=r"column 'identificatie': duplicate pand identifiers: 9999100000000001"):
        read_bag(write_bag(tmp_path, pand, vbo))


def test_ids_with_and_without_prefix_are_the_same(tmp_path):
    pand, vbo = bag_frames()
    pand["identificatie"] = "NL.IMBAG.Pand." + pand["identificatie"]
    panden, vbos = read_bag(write_bag(tmp_path, pand, vbo))
    assert set(panden["pand_id"]) == {p for ids in vbos["pand_ids"] for p in ids}


def test_no_dwellings_in_the_gemeente(tmp_path):
    pand, vbo = bag_frames()
    panden, vbos = read_bag(write_bag(tmp_path, pand, vbo))
    far_away = buurten_frame()
    far_away.geometry = [box(1000, 1000, 2000, 2000)]
    with pytest.raises(InputError, match="no dwellings"):
        build_dwellings(panden, vbos, empty_energielabels(), far_away, load_kentallen(), DwellingSettings())


def test_dwelling_whose_pand_is_missing_is_counted(tmp_path):
    pand, vbo = bag_frames()
    vbo.loc[1, "pand_identificatie"] = "9999100000009999"
    panden, vbos = read_bag(write_bag(tmp_path, pand, vbo))
    dwellings, _, report = build_dwellings(panden, vbos, empty_energielabels(), buurten_frame(),
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
        read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_wrong_encoding(tmp_path):
    path = ep_csv(tmp_path, [ROW], encoding="utf-16")
    with pytest.raises(InputError, match="looks UTF-16 encoded"):
        read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_latin1_is_read(tmp_path):
    path = ep_csv(tmp_path, [{**ROW, "Pand_gebouwtype": "Twee-onder-één-kap"}], encoding="latin-1")
    labels = read_energielabels(path, reference_date="2026-01-01")
    assert labels["gebouwtype"].iloc[0] == "Twee-onder-één-kap"


def test_unknown_label_class(tmp_path):
    path = ep_csv(tmp_path, [{**ROW, "Pand_energieklasse": "H"}])
    with pytest.raises(InputError, match=r"column 'Pand_energieklasse': unknown energy label classes \['H'\]"):
        read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_newest_valid_registration_wins(tmp_path):
    rows = [ROW,
            {**ROW, "Pand_opnamedatum": "20120101", "Meting_geldig_tot": "20220101", "Pand_energieklasse": "F"},
            {**ROW, "Pand_opnamedatum": "20240101", "Meting_geldig_tot": "20340101", "Pand_energieklasse": "A++"}]
    labels = read_energielabels(ep_csv(tmp_path, rows), reference_date="2026-01-01")
    assert len(labels) == 1
    assert labels["label"].iloc[0] == "A++" and labels["labelklasse"].iloc[0] == "A"


def test_ep_online_as_published_permit_rows_berths_and_same_day_ties(tmp_path):
    """Issue 20: Vergunningsaanvraag rows and ligplaats/standplaats rows are set apart (counted); a same-day
    tie goes to the later Pand_registratiedatum, then to the worse label."""
    other = {**ROW, "Pand_bagverblijfsobjectid": "9999010000000002"}
    third = {**ROW, "Pand_bagverblijfsobjectid": "9999010000000003"}
    rows = [
        {**ROW, "Pand_energieklasse": "A", "Pand_status": "Vergunningsaanvraag", "Pand_opnamedatum": "20240101"},
        {**ROW, "Pand_energieklasse": "C", "Pand_status": "Bestaand", "Pand_registratiedatum": "20200105"},
        {**ROW, "Pand_energieklasse": "B", "Pand_status": "Bestaand", "Pand_registratiedatum": "20200103"},
        {**other, "Pand_energieklasse": "B", "Pand_registratiedatum": "20200103"},
        {**other, "Pand_energieklasse": "E", "Pand_registratiedatum": "20200103"},
        {**other, "Pand_energieklasse": "A+", "Pand_registratiedatum": "20200103"},
        {
            **third,
            "Pand_bagverblijfsobjectid": "",
            "Pand_bagligplaatsid": "9999020000000001",
            "Pand_energieklasse": "F",
        },
        {
            **third,
            "Pand_bagverblijfsobjectid": "",
            "Pand_bagstandplaatsid": "9999030000000001",
            "Pand_energieklasse": "G",
        },
    ]
    quality = QualityLog()
    labels = read_energielabels(ep_csv(tmp_path, rows), reference_date="2026-01-01", quality=quality)
    # dwelling 1: the permit label (A, newer) is skipped; same day, the later registration (C) wins over B
    # dwelling 2: same day, same registration: the worst label of B, E, A+ wins
    assert labels[["vbo_id", "label"]].values.tolist() == [["9999010000000001", "C"], ["9999010000000002", "E"]]
    dropped = quality.entry("energielabels").dropped
    assert (
        dropped[
            "Pand_status Vergunningsaanvraag: label berekend voor een vergunning, niet van de woning zoals die er staat"
        ]
        == 1
    )
    assert dropped["ligplaats of standplaats (woonboot, woonwagen): apart gezet, geen verblijfsobject"] == 2


def test_ep_online_2023_header_generation(tmp_path):
    header = [c for c in EP_ONLINE_HEADER_2021 if c != "Pand_huisnummer_toev"]
    position = header.index("Pand_huisnummer") + 1
    header[position:position] = ["Pand_huisletter", "Pand_huisnummertoevoeging"]
    rows = [{**ROW, "Pand_bagverblijfsobjectid": "", "Pand_huisletter": "a", "Pand_huisnummertoevoeging": "2"}]
    labels = read_energielabels(ep_csv(tmp_path, rows, header=header), reference_date="2026-01-01")
    assert labels[["postcode", "huisnummer", "huisletter", "toevoeging"]].iloc[0].tolist() == ["9999AA", "1", "A", "2"]


def test_ep_online_missing_column(tmp_path):
    header = [c for c in EP_ONLINE_HEADER_2021 if c != "Pand_energieklasse"]
    path = ep_csv(tmp_path, [ROW], header=header)
    with pytest.raises(InputError, match=r"column 'Pand_energieklasse': required EP-online column is missing"):
        read_energielabels(path, reference_date="2026-01-01")


def test_zone_type_without_configured_effect(tmp_path):
    zones = gpd.GeoDataFrame(
        {"Legenda": ["Waterwingebied", "Nieuw soort gebied"]},
        geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)],
        crs="EPSG:28992",
    )
    path = write_gpkg(zones, tmp_path / "z.gpkg", "zones")
    with pytest.raises(InputError, match=r"column 'Legenda': zone types \['Nieuw soort gebied'\] have no effect"):
        read_zones(
            ZoneInput(path=str(path), zone_column="Legenda"), RestrictionSettings().drinkwater, soort="drinkwater"
        )


def test_sewer_types_from_wfs_and_ogc_api():
    values = pd.Series(
        [
            "http://data.gwsw.nl/1.5/totaal/GemengdRiool",
            "http://data.gwsw.nl/1.5/totaal/GemengdStelsel",
            "http://data.gwsw.nl/1.5/totaal/Vuilwaterriool",
            "http://data.gwsw.nl/1.5/totaal/Hemelwaterstelsel",
            "http://data.gwsw.nl/1.5/totaal/Drukleiding",
        ]
    )
    assert list(normalise_sewer_type(values)) == [
        "GemengdRiool",
        "GemengdRiool",
        "Vuilwaterriool",
        "Hemelwaterriool",
        "Drukleiding",
    ]


def test_nlextract_bag_of_denhaag(denhaag):
    source = BagInput(
        path=str(denhaag / "bag.gpkg"), flavour="nlextract", nummeraanduiding=str(denhaag / "nummeraanduiding.csv")
    )
    panden, vbos = read_bag(source)
    assert len(panden) == 5613 and len(vbos) == 15837
    assert not panden["pand_id"].str.startswith("NL.").any()
    assert (vbos["pand_ids"].map(len) > 1).sum() == 11  # README: 11 objects lie in more than one pand
    assert vbos["postcode"].notna().mean() > 0.9


def test_osm_broken_xml(tmp_path):
    path = tmp_path / "area.osm"
    path.write_text("<osm><node id='1'")
    with pytest.raises(InputError, match="cannot be read as OpenStreetMap data"):
        read_streets(path)


# --------------------------------------------------------------------------- issue 9: read what is valid

import csv  # noqa: E402
import gzip  # noqa: E402

import numpy as np  # noqa: E402
from shapely.geometry import LineString, MultiLineString, MultiPoint  # noqa: E402

from warmtekans.config.sections import SewerSettings  # noqa: E402
from warmtekans.core.quality import QualityLog  # noqa: E402
from warmtekans.io.vector import check_coordinates, read_vector  # noqa: E402

X0, Y0 = 85_000.0, 445_000.0  # Delft, RD New (m)


def rd_zones():
    """Three zones in RD New around (X0, Y0); the third lies outside the area box used below."""
    return gpd.GeoDataFrame(
        {"zone_type": ["waterwingebied", "grondwaterbeschermingsgebied", "waterwingebied"]},
        geometry=[
            box(X0, Y0, X0 + 300, Y0 + 300),
            box(X0 + 400, Y0, X0 + 700, Y0 + 300),
            box(X0 + 5000, Y0, X0 + 5300, Y0 + 300),
        ],
        crs="EPSG:28992",
    )


AREA = (X0 - 100, Y0 - 100, X0 + 1000, Y0 + 1000)


@pytest.mark.parametrize("crs", ["EPSG:28992", "EPSG:4326", "EPSG:3857"])
def test_zones_in_any_crs_are_filtered_in_their_own_crs(tmp_path, crs):
    path = write_gpkg(rd_zones().to_crs(crs), tmp_path / "z.gpkg", "zones")
    quality = QualityLog()
    zones = read_zones(
        ZoneInput(path=str(path), zone_column="zone_type"),
        RestrictionSettings().drinkwater,
        soort="drinkwater",
        bbox=AREA,
        quality=quality,
    )
    assert zones["zone_type"].tolist() == ["waterwingebied", "grondwaterbeschermingsgebied"]
    assert zones.crs.to_epsg() == 28992
    assert zones.area.tolist() == pytest.approx([90_000, 90_000], rel=1e-4)
    assert quality.entries[0].crs == crs and quality.entries[0].rows_read == 2


def test_rd_numbers_labelled_wgs84_are_refused(tmp_path):
    mislabelled = rd_zones().set_crs("EPSG:4326", allow_override=True)
    path = write_gpkg(mislabelled, tmp_path / "z.gpkg", "zones")
    for bbox in (AREA, None):
        with pytest.raises(
            InputError,
            match=r"file '.*z.gpkg', layer 'zones': says its CRS is EPSG:4326 .* cannot be "
            r"degrees; they look like metres",
        ):
            read_zones(
                ZoneInput(path=str(path), layer="zones", zone_column="zone_type"),
                RestrictionSettings().drinkwater,
                soort="drinkwater",
                bbox=bbox,
            )


def test_rd_numbers_labelled_web_mercator_are_refused(tmp_path):
    path = write_gpkg(rd_zones().set_crs("EPSG:3857", allow_override=True), tmp_path / "z.gpkg", "zones")
    with pytest.raises(InputError, match=r"layer 'zones': .*stated CRS EPSG:3857 .*far outside the Netherlands"):
        read_zones(
            ZoneInput(path=str(path), layer="zones", zone_column="zone_type"),
            RestrictionSettings().drinkwater,
            soort="drinkwater",
            bbox=AREA,
        )


def test_infinite_coordinates_are_refused():
    with pytest.raises(InputError, match=r"layer 'x': has coordinates that are not finite numbers .* EPSG:4326"):
        check_coordinates([4.0, 52.0, np.inf, 52.1], "EPSG:4326", path="f.gpkg", layer="x")


def test_zone_layer_of_points_is_refused(tmp_path):
    points = gpd.GeoDataFrame(
        {"zone_type": ["waterwingebied"] * 2}, geometry=[Point(X0, Y0), Point(X0 + 5, Y0)], crs="EPSG:28992"
    )
    path = write_gpkg(points, tmp_path / "z.gpkg", "zones")
    with pytest.raises(
        InputError,
        match=r"layer 'zones': the drinkwater zones must be polygon geometries, but the "
        r"layer holds 2 Point",
    ):
        read_zones(
            ZoneInput(path=str(path), layer="zones", zone_column="zone_type"),
            RestrictionSettings().drinkwater,
            soort="drinkwater",
        )


def test_null_geometries_are_dropped_and_counted(tmp_path):
    zones = rd_zones()
    zones.loc[1, "geometry"] = None
    path = write_gpkg(zones, tmp_path / "z.gpkg", "zones")
    quality = QualityLog()
    result = read_zones(
        ZoneInput(path=str(path), zone_column="zone_type"),
        RestrictionSettings().drinkwater,
        soort="drinkwater",
        quality=quality,
    )
    assert len(result) == 2
    assert quality.entries[0].dropped == {"geen geometrie (NULL of leeg)": 1}


def test_pipe_layer_of_points_is_refused(tmp_path):
    points = gpd.GeoDataFrame({"type": ["GemengdRiool"]}, geometry=[Point(X0, Y0)], crs="EPSG:28992")
    path = write_gpkg(points, tmp_path / "r.gpkg", "beheer_leiding")
    with pytest.raises(
        InputError,
        match=r"layer 'beheer_leiding': the GWSW sewer pipes must be line geometries, "
        r"but the layer holds 1 Point",
    ):
        read_sewers(LayerInput(path=str(path), layer="beheer_leiding"), SewerSettings())


def test_multilinestring_pipes_are_exploded_and_negative_flows_unknown(tmp_path):
    pipes = gpd.GeoDataFrame(
        {"type": ["http://data.gwsw.nl/1.5/totaal/GemengdRiool"] * 2, "debiet_dwa_m3h": [-1.5, 2.0]},
        geometry=[
            MultiLineString([[(X0, Y0), (X0 + 50, Y0)], [(X0 + 50, Y0), (X0 + 100, Y0)]]),
            LineString([(X0, Y0 + 50), (X0 + 80, Y0 + 50)]),
        ],
        crs="EPSG:28992",
    )
    path = write_gpkg(pipes, tmp_path / "r.gpkg", "beheer_leiding")
    quality = QualityLog()
    result = read_sewers(LayerInput(path=str(path)), SewerSettings(), quality=quality)
    assert result["leiding_id"].tolist() == [1, 2, 3]
    assert (result.geometry.geom_type == "LineString").all() and result.length.tolist() == [50, 50, 80]
    assert result["debiet_dwa_gegeven_m3h"].isna().tolist() == [True, True, False]
    repaired = quality.entries[0].repaired
    assert repaired["MultiLineString opgesplitst in losse leidingen"] == 1
    assert repaired["debiet_dwa_m3h debiet < 0: onbekend gemaakt (geschat uit inwoners)"] == 1


def test_overlapping_buurten_are_refused(tmp_path):
    frame = gpd.GeoDataFrame(
        {"buurtcode": ["BU99990001", "BU99990002"], "buurtnaam": ["A", "B"], "gemeentecode": ["GM9999"] * 2},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 50, Y0, X0 + 150, Y0 + 100)],
        crs="EPSG:28992",
    )
    path = write_gpkg(frame, tmp_path / "b.gpkg", "buurten")
    with pytest.raises(
        InputError,
        match=r"column 'buurtcode': 1 pairs of buurten overlap \(e.g. "
        r"BU99990001/BU99990002 \(50%\)\)",
    ):
        read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")


def test_multipoint_verblijfsobjecten_become_points(tmp_path):
    pand, vbo = bag_frames()
    vbo = vbo.set_geometry([MultiPoint([(15, 15)]), MultiPoint([(35, 15), (36, 16)])], crs="EPSG:28992")
    quality = QualityLog()
    _, vbos = read_bag(write_bag(tmp_path, pand, vbo), quality=quality)
    assert vbos.geometry.geom_type.tolist() == ["Point", "Point"]
    assert [(p.x, p.y) for p in vbos.geometry] == [(15, 15), (35, 15)]
    repaired = quality.entry("bag.verblijfsobject").repaired
    assert repaired == {"MultiPoint met één punt: dat punt": 1, "MultiPoint met meer punten: het eerste punt": 1}


def test_implausible_floor_areas_and_bouwjaar_become_unknown(tmp_path):
    pand, vbo = bag_frames(bouwjaar=999)
    pand.loc[1, "bouwjaar"] = 2999
    vbo = pd.concat([vbo, vbo.iloc[[0, 0]]], ignore_index=True)
    vbo["identificatie"] = ["9999010000000001", "9999010000000002", "9999010000000003", "9999010000000004"]
    vbo["gebruiksdoel"] = ["woonfunctie", "woonfunctie", "kantoorfunctie", "kantoorfunctie"]
    vbo["oppervlakte"] = [0, 999_999, 999_999, 2_000]
    quality = QualityLog()
    panden, vbos = read_bag(write_bag(tmp_path, pand, vbo), quality=quality)
    assert panden["bouwjaar"].isna().all()
    assert vbos["oppervlakte"].isna().tolist() == [True, True, True, False]
    repaired = quality.entry("bag.verblijfsobject").repaired
    assert sorted(repaired.values()) == [1, 2]
    assert any("max_floor_area_utility_m2" in rule for rule in repaired)
    assert sum(quality.entry("bag.pand").repaired.values()) == 2


def test_utility_object_of_999999_m2_adds_no_woningequivalenten(tmp_path):
    pand, vbo = bag_frames()
    extra = vbo.iloc[[0]].assign(identificatie="9999010000000003", gebruiksdoel="kantoorfunctie", oppervlakte=999_999)
    vbo = pd.concat([vbo, extra], ignore_index=True)
    panden, vbos = read_bag(write_bag(tmp_path, pand, vbo))
    dwellings, _, _ = build_dwellings(
        panden, vbos, empty_energielabels(), buurten_frame(), load_kentallen(), DwellingSettings()
    )
    assert dwellings["weq"].sum() < 5  # two dwellings and an office of unknown size, not 10 000 WEQ


def test_status_and_gebruiksdoel_in_another_case_are_normalised(tmp_path):
    pand, vbo = bag_frames()
    pand["status"] = ["PAND IN GEBRUIK", "pand in gebruik"]
    vbo["gebruiksdoel"] = ["Woonfunctie", "WOONFUNCTIE"]
    vbo["status"] = ["verblijfsobject in gebruik", "Verblijfsobject  in gebruik"]
    quality = QualityLog()
    panden, vbos = read_bag(write_bag(tmp_path, pand, vbo), quality=quality)
    assert set(panden["pand_status"]) == {"Pand in gebruik"}
    assert vbos["vbo_status"].tolist() == ["Verblijfsobject in gebruik"] * 2
    assert vbos["gebruiksdoelen"].tolist() == [["woonfunctie"], ["woonfunctie"]]
    assert (
        quality.entry("bag.verblijfsobject").repaired[
            "status: hoofdletters/spaties genormaliseerd naar de BAG-catalogus"
        ]
        == 2
    )


def test_unknown_status_is_refused(tmp_path):
    pand, vbo = bag_frames()
    vbo["status"] = ["in gebruik", "Verblijfsobject in gebruik"]
    with pytest.raises(
        InputError,
        match=r"layer 'verblijfsobject', column 'status': 1 values are not a BAG "
        r"verblijfsobject status \(e.g. 'in gebruik'\); expected one of",
    ):
        read_bag(write_bag(tmp_path, pand, vbo))


def test_bag_ids_in_scientific_notation_are_refused(tmp_path):
    pand, vbo = bag_frames()
    vbo["identificatie"] = ["9.99901E+15", "9999010000000002"]
    with pytest.raises(
        InputError,
        match=r"column 'identificatie': 1 identifiers are in scientific notation "
        r"\(e.g. 9.99901E\+15\)",
    ):
        read_bag(write_bag(tmp_path, pand, vbo))


def nlextract_bag(tmp_path, table_text, name="nummeraanduiding.csv", compress=False):
    pand, vbo = bag_frames()
    pand = pand.rename(columns={"bouwjaar": "oorspronkelijkbouwjaar"})
    vbo = vbo.rename(columns={"pand_identificatie": "pandref"})
    vbo["hoofdadresnummeraanduidingref"] = ["9999200000000001", "9999200000000002"]
    source = write_bag(tmp_path, pand, vbo)
    path = tmp_path / name
    data = table_text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return BagInput(path=source.path, flavour="nlextract", nummeraanduiding=str(path))


NUMMERAANDUIDING = (
    '"identificatie","postcode","huisnummer","openbareruimteref"\n'
    '"9999200000000001","9999AA","1","9999300000000001"\n'
    '"9999200000000002","9999AA","3","9999300000000001"\n'
)


@pytest.mark.parametrize(
    "name,compress",
    [("nummeraanduiding.csv", False), ("nummeraanduiding.csv.gz", True), ("nummeraanduiding.csv", True)],
)
def test_fully_quoted_and_gzipped_nummeraanduiding(tmp_path, name, compress):
    _, vbos = read_bag(nlextract_bag(tmp_path, NUMMERAANDUIDING, name, compress))
    assert vbos["huisnummer"].tolist() == ["1", "3"]
    assert vbos["openbare_ruimte_id"].tolist() == ["9999300000000001"] * 2


def test_nummeraanduiding_with_scientific_ids_is_refused(tmp_path):
    text = NUMMERAANDUIDING.replace('"9999300000000001"', "9.99930E+15")
    with pytest.raises(
        InputError,
        match=r"nummeraanduiding.csv', column 'openbareruimteref': 2 identifiers are in "
        r"scientific notation",
    ):
        read_bag(nlextract_bag(tmp_path, text))


def xlsx_bytes():
    return b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml" + b"\x00" * 200


def test_xlsx_saved_as_csv_gets_a_hint(tmp_path):
    path = tmp_path / "ep.csv"
    path.write_bytes(xlsx_bytes())
    with pytest.raises(
        InputError,
        match=r"ep.csv': is an Excel workbook \(xlsx\), not an EP-online CSV export; "
        r"open it in Excel/LibreOffice and save it as 'CSV \(puntkomma",
    ):
        read_energielabels(path, reference_date="2026-01-01")
    nummeraanduiding = tmp_path / "n.csv"
    nummeraanduiding.write_bytes(xlsx_bytes())
    with pytest.raises(InputError, match="is an Excel workbook"):
        read_text_table(nummeraanduiding, what="nummeraanduiding")


def test_zip_named_gpkg_gets_a_hint(tmp_path):
    path = tmp_path / "b.gpkg"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputError, match=r"b.gpkg': is a zip archive, not a vector file \(the CBS buurten\); unzip it"):
        read_buurten(LayerInput(path=str(path), layer="buurten"), "GM9999")


def test_gzipped_vector_file_is_read(tmp_path):
    path = write_gpkg(rd_zones(), tmp_path / "z.gpkg", "zones")
    hidden = tmp_path / "zones.gpkg"  # gzipped, under the plain name
    hidden.write_bytes(gzip.compress(path.read_bytes()))
    frame = read_vector(hidden, layer="zones")
    assert len(frame) == 3


def test_fully_quoted_and_gzipped_ep_online(tmp_path):
    plain = ep_csv(tmp_path, [ROW])
    quoted = tmp_path / "quoted.csv"
    frame = pd.read_csv(plain, sep=";", dtype=str, keep_default_na=False)
    frame.to_csv(quoted, sep=";", index=False, quoting=csv.QUOTE_ALL)
    gz_wrong_name = tmp_path / "gz.csv"
    gz_wrong_name.write_bytes(gzip.compress(quoted.read_bytes()))
    gz_right_name = tmp_path / "ep.csv.gz"
    gz_right_name.write_bytes(gzip.compress(quoted.read_bytes()))
    expected = read_energielabels(plain, reference_date="2026-01-01")
    plain_named_gz = tmp_path / "plain.csv.gz"  # not compressed at all
    plain_named_gz.write_bytes(quoted.read_bytes())
    for path in (quoted, gz_wrong_name, gz_right_name, plain_named_gz):
        pd.testing.assert_frame_equal(read_energielabels(path, reference_date="2026-01-01"), expected)


def test_ep_online_scientific_ids_are_refused(tmp_path):
    path = ep_csv(tmp_path, [{**ROW, "Pand_bagverblijfsobjectid": "9.99901E+15"}])
    with pytest.raises(
        InputError,
        match=r"column 'Pand_bagverblijfsobjectid': 1 identifiers are in scientific "
        r"notation \(e.g. 9.99901E\+15\)",
    ):
        read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_dates_in_another_format_are_read_and_counted(tmp_path):
    rows = [
        {**ROW, "Pand_opnamedatum": "2020-01-01", "Meting_geldig_tot": "01-01-2030"},
        {**ROW, "Pand_bagverblijfsobjectid": "9999010000000002", "Pand_opnamedatum": "15-06-2021"},
    ]
    quality = QualityLog()
    labels = read_energielabels(ep_csv(tmp_path, rows), reference_date="2026-01-01", quality=quality)
    assert [str(d)[:10] for d in labels["label_datum"]] == ["2020-01-01", "2021-06-15"]
    assert labels["label_geldig"].all()
    assert quality.entries[0].repaired == {"Pand_opnamedatum in een andere notatie dan YYYYMMDD gelezen": 2}


def test_ep_online_unreadable_dates_are_refused(tmp_path):
    path = ep_csv(tmp_path, [ROW, {**ROW, "Pand_opnamedatum": "1 jan 2020"}])
    with pytest.raises(
        InputError,
        match=r"column 'Pand_opnamedatum': 1 values are not dates \(e.g. 1 jan 2020\); "
        r"expected YYYYMMDD",
    ):
        read_energielabels(path, reference_date="2026-01-01")


def test_ep_online_without_meting_geldig_tot_counts_ten_years(tmp_path):
    header = [c for c in EP_ONLINE_HEADER_2021 if c != "Meting_geldig_tot"]
    rows = [
        {**ROW, "Pand_opnamedatum": "20170101"},
        {**ROW, "Pand_bagverblijfsobjectid": "9999010000000002", "Pand_opnamedatum": "20150101"},
    ]
    quality = QualityLog()
    labels = read_energielabels(ep_csv(tmp_path, rows, header=header), reference_date="2026-01-01", quality=quality)
    assert labels["label_geldig"].tolist() == [True, False]  # 2027-01-01 and 2025-01-01 against 2026-01-01
    note = next(n for n in quality.entries[0].notes if "Meting_geldig_tot" in n)  # the report names the column
    assert "10 jaar" in note  # and the rule used instead


def test_ep_online_ties_give_identical_frames_on_every_run(tmp_path):
    """Registrations with equal dates and validity: the winner must not depend on order or threads."""
    rng = np.random.default_rng(9)
    rows = []
    for dwelling in range(300):
        vbo_id = f"99990100000{dwelling:05d}"
        for klasse in rng.permutation(["A", "B", "C", "D", "E"])[: rng.integers(2, 5)]:
            rows.append(
                {
                    **ROW,
                    "Pand_bagverblijfsobjectid": vbo_id,
                    "Pand_energieklasse": klasse,
                    "Pand_gebouwtype": str(rng.choice(["Rijwoning tussen", "Vrijstaande woning"])),
                }
            )
    path = ep_csv(tmp_path, rows)
    reversed_path = tmp_path / "reversed.csv"
    lines = path.read_text().splitlines()
    reversed_path.write_text("\n".join([lines[0], *lines[:0:-1]]) + "\n")
    first = read_energielabels(path, reference_date="2026-01-01")
    assert len(first) == 300 and first["vbo_id"].is_monotonic_increasing
    # the tie-break: all else equal, the worse label wins (then the alphabetically first gebouwtype)
    assert set(first["label"]) <= {"B", "C", "D", "E"}
    for run in range(5):
        for threads in (1, 2):
            again = read_energielabels(
                path if run % 2 == 0 else reversed_path, reference_date="2026-01-01", threads=threads
            )
            pd.testing.assert_frame_equal(again, first)


def test_gwsw_geopackage_export_runs_through_sewer_potential():
    from conftest import ROOT

    from warmtekans.model.sewer import sewer_potential

    path = ROOT.parent / "shared" / "data" / "real" / "gwsw_bodegraven" / "getGeoPackage_1134.gpkg"
    if not path.exists():
        pytest.skip(f"real data not found at {path} (needs ../shared beside the repository)")
    quality = QualityLog()
    pipes = read_sewers(LayerInput(path=str(path), layer="default_lijn"), SewerSettings(), quality=quality)
    # README counts: Gemengd riool 3 030, Drukleiding 2 919 + Persleiding 39, Vuilwaterriool 1 065
    counts = pipes["gwsw_type"].value_counts()
    assert len(pipes) == 8986
    assert (counts["GemengdRiool"], counts["Drukleiding"], counts["Vuilwaterriool"]) == (3030, 2958, 1065)
    assert pipes["draagt_dwa"].sum() == 3030 + 1065
    entry = quality.entries[0]
    assert any("geen BOB" in n for n in entry.notes) and any("droogweerafvoer geschat" in n for n in entry.notes)
    # 200 dwellings beside pipes carrying dry-weather flow, in one buurt around the network
    dwa = pipes[pipes["draagt_dwa"]].iloc[::20]
    dwellings = gpd.GeoDataFrame(
        {"objecttype": "woning", "buurtcode": "BU19010001"},
        geometry=dwa.geometry.interpolate(0.5, normalized=True).translate(5, 5).values,
        crs="EPSG:28992",
        index=range(len(dwa)),
    )
    buurten = pd.DataFrame({"buurtcode": ["BU19010001"], "gemiddelde_huishoudsgrootte": [2.0]})
    segments = sewer_potential(pipes, dwellings, buurten, SewerSettings())
    assert len(segments) == 3030 + 1065
    assert segments["inwoners_stroomop"].max() >= 2.0
    assert (segments["debiet_bron"].str.startswith("geschat")).all()


def test_gwsw_ids_in_scientific_notation_are_refused(tmp_path):
    pipes = gpd.GeoDataFrame(
        {"Type": ["http://data.gwsw.nl/1.4/totaal/GemengdRiool"], "Naam": ["1.23457E+11"]},
        geometry=[LineString([(X0, Y0), (X0 + 10, Y0)])],
        crs="EPSG:28992",
    )
    path = write_gpkg(pipes, tmp_path / "gwsw.gpkg", "default_lijn")
    with pytest.raises(
        InputError, match=r"layer 'default_lijn', column 'Naam': 1 identifiers are in scientific notation"
    ):
        read_sewers(LayerInput(path=str(path), layer="default_lijn"), SewerSettings())


def test_decimal_floor_areas_are_rounded_and_infinite_ones_refused(tmp_path):
    pand, vbo = bag_frames()
    vbo["oppervlakte"] = ["85.5", "90"]
    quality = QualityLog()
    _, vbos = read_bag(write_bag(tmp_path, pand, vbo), quality=quality)
    assert vbos["oppervlakte"].tolist() == [86, 90]
    repaired = quality.entry("bag.verblijfsobject").repaired
    assert repaired == {"oppervlakte: decimale waarde afgerond op een heel getal": 1}
    vbo["oppervlakte"] = ["inf", "90"]
    with pytest.raises(InputError, match=r"column 'oppervlakte': 1 values are not numbers \(e.g. inf\)"):
        read_bag(write_bag(tmp_path, pand, vbo))


def test_ep_online_gebouwklasse_in_lower_case_is_a_dwelling(tmp_path):
    labels = read_energielabels(ep_csv(tmp_path, [{**ROW, "Pand_gebouwklasse": "w"}]), reference_date="2026-01-01")
    assert labels["label"].tolist() == ["C"]


def test_file_with_several_layers_needs_a_layer_name(tmp_path):
    path = write_gpkg(rd_zones(), tmp_path / "z.gpkg", "zones")
    write_gpkg(rd_zones(), path, "oud")
    with pytest.raises(
        InputError,
        match=r"z.gpkg': has 2 layers with geometry \(zones, oud\); say which one holds the "
        r"drinkwater zones with 'layer:'",
    ):
        read_zones(
            ZoneInput(path=str(path), zone_column="zone_type"), RestrictionSettings().drinkwater, soort="drinkwater"
        )
    zones = read_zones(
        ZoneInput(path=str(path), layer="zones", zone_column="zone_type"),
        RestrictionSettings().drinkwater,
        soort="drinkwater",
    )
    assert len(zones) == 3


def test_pand_reference_in_scientific_notation_is_refused(tmp_path):
    pand, vbo = bag_frames()
    vbo["pand_identificatie"] = ["9.99910E+15", "9999100000000002"]
    with pytest.raises(InputError, match=r"column 'pand_identificatie': 1 identifiers are in scientific notation"):
        read_bag(write_bag(tmp_path, pand, vbo))
