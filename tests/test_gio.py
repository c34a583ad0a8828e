"""Omgevingswet GIO zones: the real Zeeland GIO (../shared/data/real/gio_zeeland) and small GIOs written here."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
from conftest import ROOT
from pydantic import ValidationError
from pyproj import Transformer
from shapely.geometry import Point, Polygon, box

from warmtekans.config.areas import AreaInputs, ZoneInput
from warmtekans.config.sections import RestrictionSettings
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.inputs.gio import zone_key
from warmtekans.inputs.zones import read_zones
from warmtekans.model.restrictions import dwelling_restrictions

GIO_ZEELAND = ROOT.parent / "shared" / "data" / "real" / "gio_zeeland" / "GIO-5f15b206.gml"
DRINKWATER = RestrictionSettings().drinkwater


def zeeland():
    if not GIO_ZEELAND.exists():
        pytest.skip(f"real data not found at {GIO_ZEELAND} (needs ../shared beside the repository)")
    return GIO_ZEELAND


def gio_xml(locations, *, srs="urn:ogc:def:crs:EPSG::28992", group_label=None) -> str:
    """A GIO 1.3 file in the published structure (as GIO-5f15b206.gml): ``locations`` are (naam, polygon or None)."""

    def ring(coords):
        return " ".join(f"{x} {y}" for x, y in coords)

    def polygon(shape):
        if shape is None:
            return ""
        interiors = "".join(f"<gml:interior><gml:LinearRing><gml:posList>{ring(r.coords)}</gml:posList>"
                            "</gml:LinearRing></gml:interior>" for r in shape.interiors)
        return ('<geo:geometrie><owgeo:Geometrie xmlns:owgeo="http://www.geostandaarden.nl/basisgeometrie/1.0" '
                'xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="id-1"><owgeo:geometrie>'
                f'<gml:Polygon srsName="{srs}"><gml:exterior><gml:LinearRing><gml:posList>{ring(shape.exterior.coords)}'
                f'</gml:posList></gml:LinearRing></gml:exterior>{interiors}</gml:Polygon></owgeo:geometrie>'
                '</owgeo:Geometrie></geo:geometrie>')

    groups = (f"<geo:groepen><geo:Groep><geo:groepID>g1</geo:groepID><geo:label>{group_label}</geo:label></geo:Groep>"
              "</geo:groepen>") if group_label else ""
    body = "".join(f"<geo:Locatie><geo:naam>{naam}</geo:naam>{polygon(shape)}"
                   f"{'<geo:groepID>g1</geo:groepID>' if group_label else ''}</geo:Locatie>"
                   for naam, shape in locations)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<geo:GeoInformatieObjectVaststelling schemaversie="1.3.0" '
            'xmlns:geo="https://standaarden.overheid.nl/stop/imop/geo/"><geo:vastgesteldeVersie>'
            '<geo:GeoInformatieObjectVersie><geo:FRBRWork>/join/id/regdata/test/2024/gio</geo:FRBRWork>'
            f'{groups}<geo:locaties>{body}</geo:locaties></geo:GeoInformatieObjectVersie></geo:vastgesteldeVersie>'
            '</geo:GeoInformatieObjectVaststelling>\n')


def test_zeeland_gio_gives_8_zones_of_1621_ha_with_their_holes():
    quality = QualityLog()
    zones = read_zones(ZoneInput(path=str(zeeland())), DRINKWATER, soort="drinkwater", quality=quality)
    # README of gio_zeeland: 8 locations, 8 polygons with holes in the file, 1 621.12 ha in all (union)
    assert len(zones) == 8
    assert zones.union_all().area / 1e4 == pytest.approx(1621.12, abs=0.01)
    assert sum(len(p.interiors) for p in zones.geometry) == 8  # the 8 gml:interior rings are kept
    assert set(zones["zone_type"]) == {"grondwaterbeschermingszone"}  # as the GIO names it
    assert set(zones["effect"]) == {"restricted"}  # via grondwaterbeschermingsgebied (GIO_LABEL_RULES)
    assert zones.crs.to_epsg() == 28992
    entry = quality.entry("drinkwater")
    assert entry.rows_read == 8 and entry.crs == "EPSG:28992"
    assert any("gebiedsaanwijzing_df7be5f3b13d49259e93933a1c061420" in note for note in entry.notes)


def test_dwellings_inside_the_zeeland_zone_are_restricted_and_those_in_its_holes_not():
    """Acceptance: dwellings placed by hand inside a zone, inside one of its holes, and outside all zones."""
    zones = read_zones(ZoneInput(path=str(zeeland())), DRINKWATER, soort="drinkwater")
    with_hole = zones[[len(p.interiors) > 0 for p in zones.geometry]].geometry.iloc[0]
    in_hole = Polygon(with_hole.interiors[0]).representative_point()
    in_zone = with_hole.representative_point()
    minx, miny, _, _ = zones.total_bounds
    outside = Point(minx - 1000, miny - 1000)
    assert not zones.contains(in_hole).any() and zones.contains(in_zone).any()
    dwellings = gpd.GeoDataFrame(
        geometry=[in_zone, in_hole, outside], crs="EPSG:28992", index=["zone", "gat", "buiten"]
    )
    # an area the GIO covers: the box around the two dwellings inside its extent
    area = box(*gpd.GeoSeries([in_zone, in_hole]).buffer(500).total_bounds).bounds
    result = dwelling_restrictions(
        dwellings,
        read_zones(ZoneInput(path=str(GIO_ZEELAND)), DRINKWATER, soort="drinkwater", bbox=area),
        unchecked=["archeologie"],
    )
    assert result.loc["zone", "beperking"] == "restricted"
    assert result.loc["zone", "beperking_zones"] == "grondwaterbeschermingszone"
    assert result.loc["gat", "beperking"] == "niet gecontroleerd"  # no drinking-water zone; archaeology unknown
    assert result.loc["gat", "beperking_zones"] == ""
    assert result.loc["buiten", "beperking"] == "niet gecontroleerd"
    checked = dwelling_restrictions(dwellings, zones)
    assert checked["beperking"].tolist() == ["restricted", "allowed", "allowed"]


def test_a_folder_of_gios_as_downloaded(tmp_path):
    folder = tmp_path / "omgevingsloket"
    folder.mkdir()
    shutil.copy(zeeland(), folder / "GIO-5f15b206.gml")
    (folder / "Regeling.xml").write_text("<?xml version='1.0'?><Regeling/>")  # other files of the download
    (folder / "ow-locaties.gml").write_text(gio_xml([("waterwingebied", box(30000, 400000, 30100, 400100))]))
    zones = read_zones(ZoneInput(path=str(folder)), DRINKWATER, soort="drinkwater")
    assert len(zones) == 9
    assert zones["effect"].value_counts().to_dict() == {"restricted": 8, "forbidden": 1}


def test_label_table():
    keys = list(DRINKWATER)
    assert zone_key("Grondwaterbeschermingszone", "drinkwater", keys) == "grondwaterbeschermingsgebied"
    assert zone_key("Waterwingebied Haamstede", "drinkwater", keys) == "waterwingebied"
    assert zone_key("boringsvrije zone", "drinkwater", keys) == "boringsvrije zone"
    arch = list(RestrictionSettings().archeologie)
    assert zone_key("Archeologisch monument", "archeologie", arch) == "AMK-terrein"
    assert zone_key("Gebied met een hoge archeologische verwachting", "archeologie", arch) == "hoge verwachting"
    assert zone_key("Middelhoge archeologische verwachting", "archeologie", arch) == "middelhoge verwachting"
    assert zone_key("stiltegebied", "drinkwater", keys) is None
    assert zone_key("waterwingebied", "archeologie", arch) is None  # a drinking-water GIO given as archeologie


def test_unknown_label_is_refused_with_the_label_named(tmp_path):
    path = tmp_path / "gio.gml"
    path.write_text(gio_xml([("Stiltegebied Oosterschelde", box(0, 0, 10, 10))], group_label="stiltegebied"))
    with pytest.raises(
        InputError,
        match=r"gio.gml': GIO location 1 has label\(s\) \['stiltegebied', 'Stiltegebied "
        r"Oosterschelde'\] .* no zone type of restrictions.drinkwater",
    ):
        read_zones(ZoneInput(path=str(path)), DRINKWATER, soort="drinkwater")


def test_group_label_wins_and_a_configured_label_is_used_as_is(tmp_path):
    path = tmp_path / "gio.gml"
    path.write_text(gio_xml([("Haamstede", box(0, 0, 10, 10))], group_label="Waterwingebied"))
    zones = read_zones(ZoneInput(path=str(path)), DRINKWATER, soort="drinkwater")
    assert zones[["zone_type", "effect"]].iloc[0].tolist() == ["Waterwingebied", "forbidden"]
    settings = RestrictionSettings(drinkwater={**DRINKWATER, "intrekgebied": {"effect": "allowed"}})
    path.write_text(gio_xml([("Intrekgebied", box(0, 0, 10, 10))]))
    assert read_zones(ZoneInput(path=str(path)), settings.drinkwater, soort="drinkwater")["effect"].tolist() == [
        "allowed"
    ]


def test_gio_in_etrs89_latitude_first(tmp_path):
    rd = box(140000, 455000, 140500, 455500)
    to_etrs = Transformer.from_crs("EPSG:28992", "EPSG:4258", always_xy=True)
    lon, lat = to_etrs.transform(*rd.exterior.coords.xy)
    path = tmp_path / "gio.gml"
    path.write_text(gio_xml([("waterwingebied", Polygon(zip(lat, lon)))], srs="urn:ogc:def:crs:EPSG::4258"))
    zones = read_zones(ZoneInput(path=str(path)), DRINKWATER, soort="drinkwater")
    assert zones.total_bounds == pytest.approx(rd.bounds, abs=0.05)


def test_location_without_geometry_is_left_out_and_counted(tmp_path):
    path = tmp_path / "gio.gml"
    path.write_text(gio_xml([("waterwingebied", box(0, 0, 10, 10)), ("waterwingebied", None)]))
    quality = QualityLog()
    zones = read_zones(ZoneInput(path=str(path)), DRINKWATER, soort="drinkwater", quality=quality)
    assert len(zones) == 1
    assert quality.entry("drinkwater").dropped == {"geen geometrie (NULL of leeg)": 1}
    assert quality.entry("drinkwater").examples["geen geometrie (NULL of leeg)"] == ["gio.gml locatie 2"]


def test_zone_column_is_needed_for_other_files_only():
    assert ZoneInput(path="zones/GIO-5f15b206.gml").zone_column is None
    assert ZoneInput(path="omgevingsloket").zone_column is None  # a folder of GIOs
    with pytest.raises(ValidationError, match=r"'zone_column' is required for 'zones.gpkg'.*only an Omgevingswet GIO"):
        AreaInputs(drinkwater={"path": "zones.gpkg"})


def test_a_gpkg_named_gml_without_zone_column_is_refused(tmp_path):
    path = tmp_path / "zones.gml"
    gpd.GeoDataFrame({"zone_type": ["waterwingebied"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:28992").to_file(
        path, driver="GML", engine="pyogrio"
    )
    with pytest.raises(InputError, match=r"zones.gml': is not an Omgevingswet GIO .* 'zone_column' must name"):
        read_zones(ZoneInput(path=str(path)), DRINKWATER, soort="drinkwater")
    zones = read_zones(ZoneInput(path=str(path), zone_column="zone_type"), DRINKWATER, soort="drinkwater")
    assert zones["effect"].tolist() == ["forbidden"]
