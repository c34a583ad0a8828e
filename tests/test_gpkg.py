"""The GeoPackage writer, its QGIS styles and project, and the provenance record (no QGIS needed here)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import yaml
from shapely.geometry import LineString, MultiPolygon, Point, box

from warmtekans.core.crs import RD_CRS
from warmtekans.io.geopackage import (
    GPKG_VERSION,
    MIXED_GEOMETRY_BUFFER_M,
    read_gpkg_metadata,
    single_geometry_type,
)
from warmtekans.outputs.provenance import (
    BEGIN,
    END,
    collect,
    file_record,
    html_footer,
    markdown_header,
    markdown_section,
    read_record,
    record_yaml,
    warmtekans_version,
    without_run_specific,
    write_record,
)
from warmtekans.outputs.styles import (
    default_styles,
    project_qgs,
    symbol_kind,
    write_styled_gpkg,
)


def frame(geometries, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=list(geometries), crs=RD_CRS)


def test_mixed_geometry_families_become_polygons():
    # streets drawn as the hull of their addresses: one address = point, two = line, three or more = polygon
    mixed = frame([Point(0, 0), LineString([(0, 0), (10, 0)]), box(0, 0, 10, 10)], straat=["a", "b", "c"])
    result, kind = single_geometry_type(mixed)
    assert kind == "Polygon" and set(result.geom_type) == {"Polygon"}
    # a buffered point is a disc of radius MIXED_GEOMETRY_BUFFER_M; the polygon is untouched
    assert result.geometry.iloc[0].area == pytest.approx(3.14159 * MIXED_GEOMETRY_BUFFER_M ** 2, rel=0.02)
    assert result.geometry.iloc[2].equals(box(0, 0, 10, 10))
    assert list(result["straat"]) == ["a", "b", "c"]


def test_single_and_multi_of_one_family_are_promoted_to_multi():
    polygons = frame([box(0, 0, 1, 1), MultiPolygon([box(2, 2, 3, 3), box(4, 4, 5, 5)])])
    result, kind = single_geometry_type(polygons)
    assert kind == "MultiPolygon" and set(result.geom_type) == {"MultiPolygon"}
    points = frame([Point(0, 0), Point(1, 1)])
    assert single_geometry_type(points)[1] == "Point"


def test_empty_layer_keeps_its_declared_type():
    empty = frame([], naam=pd.Series([], dtype="string"))
    assert single_geometry_type(empty, empty_type="MultiLineString")[1] == "MultiLineString"


def write_sample(path):
    layers = {
        "straten": frame([Point(0, 0), LineString([(0, 0), (10, 0)]), box(0, 0, 10, 10)],
                         straat=["Kerkpad", "Molenweg", "Dorpsplein"], beste_mini_score=[40.0, 60.0, 80.0]),
        "riool": frame([], bronvermogen_kw=pd.Series([], dtype="float64")),
        "beperkingen": frame([box(0, 0, 100, 100), box(0, 0, 100, 100)], effect=["forbidden", "restricted"]),
        "kwaliteit": pd.DataFrame({"invoer": ["bag"], "gelezen": [3]}),
    }
    return write_styled_gpkg(layers, path, descriptions={"straten": "Straten"},
                             geometry_types={"riool": "MultiLineString"}, metadata="gemeente: GM9999\n")


def test_geopackage_version_geometry_types_styles_and_metadata(tmp_path):
    path = tmp_path / "out.gpkg"
    written = write_sample(path)
    assert written == {"straten": "Polygon", "riool": "MultiLineString", "beperkingen": "Polygon",
                       "kwaliteit": None}
    info = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert info["riool"] == "MultiLineString"  # empty, yet typed
    assert info["straten"] == "Polygon"
    assert info["kwaliteit"] is None
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 10300  # GeoPackage 1.3
        styles = dict(connection.execute("SELECT f_table_name, styleQML FROM layer_styles").fetchall())
        stamps = {row[0] for row in connection.execute("SELECT update_time FROM layer_styles")}
        description = connection.execute(
            "SELECT description FROM gpkg_contents WHERE table_name = 'straten'").fetchone()[0]
    assert GPKG_VERSION == "1.3"
    assert set(styles) == {"straten", "riool", "beperkingen"}  # no style for the attribute table
    assert stamps == {"2000-01-01T00:00:00.000Z"}  # the GeoPackage's own time format: no GDAL warning
    assert description == "Straten"
    # streets that came out as polygons get a fill symbol, the empty sewer layer a line symbol
    assert '<symbol type="fill"' in styles["straten"] and '<symbol type="line"' not in styles["straten"]
    assert '<symbol type="line"' in styles["riool"]
    assert read_gpkg_metadata(path) == ["gemeente: GM9999\n"]
    metadata = pyogrio.read_info(path, layer="straten")["dataset_metadata"]
    assert metadata == {"GPKG_METADATA_ITEM_1": "gemeente: GM9999\n"}
    pyogrio.read_dataframe(path, layer="straten")
    assert not (tmp_path / "out.gpkg.aux.xml").exists()  # reading leaves nothing beside the file


def qml_root(qml: str) -> ET.Element:
    return ET.fromstring(qml.split("'SYSTEM'>", 1)[1])


def test_styles_follow_geometry_type_and_draw_forbidden_on_top():
    assert symbol_kind("MULTIPOLYGON") == "fill" and symbol_kind("LineString") == "line"
    assert symbol_kind("Point") == "marker" and symbol_kind(None, default="line") == "line"
    styles = default_styles({"straten": "POLYGON", "woningen": "POINT"})
    straten = qml_root(styles["straten"][1])
    assert {s.get("type") for s in straten.iter("symbol")} == {"fill"}
    restrictions = qml_root(default_styles()["beperkingen"][1])
    renderer = restrictions.find("renderer-v2")
    assert renderer.get("symbollevels") == "1"
    passes = {}
    for category in renderer.find("categories"):
        symbol = next(s for s in renderer.iter("symbol") if s.get("name") == category.get("symbol"))
        passes[category.get("value")] = {int(layer.get("pass")) for layer in symbol.iter("layer")}
    assert max(passes["restricted"]) < min(passes["forbidden"])  # forbidden drawn after (on top of) restricted
    buurten = qml_root(default_styles()["buurten"][1])
    assert buurten.get("labelsEnabled") == "1"
    assert buurten.find("labeling/settings/text-style/text-buffer").get("bufferDraw") == "1"  # halo


def test_uncertain_clusters_get_a_dashed_outline_only_when_marked():
    marked = default_styles(fields={"clusters": {"configuratie", "onzeker"}})["clusters"][1]
    plain = default_styles(fields={"clusters": {"configuratie"}})["clusters"][1]
    assert 'coalesce("onzeker", false)' in marked and 'value="dash"' in marked
    assert "onzeker" not in plain  # without the field QGIS would dash every cluster


def test_project_opens_layers_in_order_with_candidates_off(tmp_path):
    path = tmp_path / "warmtekans.gpkg"
    write_styled_gpkg({"buurten": frame([box(0, 0, 10, 10)], buurtnaam=["A"]),
                       "clusters": frame([box(1, 1, 2, 2)], niveau=["mini"]),
                       "woningen": frame([Point(1, 1)], aanbevolen=["individueel"]),
                       "kwaliteit": pd.DataFrame({"invoer": ["bag"]})}, path)
    text = project_qgs(path, title="Warmtekansen GM9999", extent=(0, 0, 10, 10), abstract="warmtekans v1",
                       history=["invoer bag: bag.gpkg"])
    root = ET.fromstring(text.split("'SYSTEM'>", 1)[1])
    tree = [(node.get("id"), node.get("checked")) for node in root.iter("layer-tree-layer")]
    assert [node_id for node_id, _ in tree] == ["warmtekans_woningen", "warmtekans_clusters_mini",
                                                "warmtekans_clusters_gebied", "warmtekans_buurten",
                                                "warmtekans_kwaliteit"]
    assert dict(tree)["warmtekans_clusters_mini"] == "Qt::Unchecked"
    assert dict(tree)["warmtekans_woningen"] == "Qt::Checked"
    assert all(len(node_id) > 10 for node_id, _ in tree)  # QGIS replaces ids of 10 characters or fewer
    sources = [layer.findtext("datasource") for layer in root.iter("maplayer")]
    assert sources[0] == "./warmtekans.gpkg|layername=woningen"
    assert "subset=\"niveau\" = 'mini'" in sources[1]
    assert root.find("projectMetadata/history").text == "invoer bag: bag.gpkg"


def test_file_record_hashes_the_file(tmp_path):
    data = b"BAG\n" * 1000
    path = tmp_path / "bag.gpkg"
    path.write_bytes(data)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    record = file_record("bag", path)
    assert record == {"name": "bag", "path": str(path), "size_bytes": 4000, "modified": "2023-11-14T22:13:20Z",
                      "sha256": hashlib.sha256(data).hexdigest()}


def test_provenance_record_round_trip_and_text_outputs(tmp_path):
    (tmp_path / "labels.csv").write_text("a|b\n")
    record = collect(gemeente="GM9999", version="v0.1-3-gabc", config={"gemeenten": ["GM9999"]},
                     inputs={"energielabels": str(tmp_path / "labels.csv")}, run_date="2026-11-30T10:00:00Z")
    write_record(record, tmp_path / "herkomst.yaml")
    assert read_record(tmp_path / "herkomst.yaml") == record
    assert yaml.safe_load(record_yaml(record)) == record
    header, section, footer = markdown_header(record), markdown_section(record), html_footer(record)
    for text in (header, section, footer):
        assert text.count(BEGIN) == 1 and text.count(END) == 1
        assert without_run_specific(text).strip() in ("", "## Herkomst")
    assert "v0.1-3-gabc" in header and "2026-11-30T10:00:00Z" in header
    assert f"| energielabels | `{tmp_path / 'labels.csv'}` | 4 |" in section
    assert "gemeenten:\n- GM9999" in section
    assert "<td>4</td>" in footer and "SHA-256" in footer
    summary = "# Titel\n\nA\n" + header + "B\n"
    assert without_run_specific(summary) == "# Titel\n\nA\n\nB\n"


def test_version_falls_back_to_the_package_version_outside_git(tmp_path):
    from importlib import metadata

    assert warmtekans_version(tmp_path) == metadata.version("warmtekans")
