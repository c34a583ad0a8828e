"""Readers on real files (../shared/data/real) and on the sample's OSM file written in other shapes."""

from __future__ import annotations

import gzip
import shutil

import numpy as np
import pytest
from conftest import ROOT
from pyproj import Transformer

from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.inputs.osm import STREET_HIGHWAYS, read_osm_barriers, read_streets

REAL = ROOT.parent / "shared" / "data" / "real"
OSM_DELFT = REAL / "osm_delft"


def real(path):
    if not path.exists():
        pytest.skip(f"real data not found at {path} (needs ../shared beside the repository)")
    return path


def delft_bbox():
    """The README's extract box (lon 4.355-4.386, lat 51.995-52.005) in RD New."""
    to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    return to_rd.transform_bounds(4.355, 51.995, 4.386, 52.005)


# --------------------------------------------------------------------------- OSM


def test_osm_pbf_and_gz_give_the_same_street_table():
    pbf = read_streets(real(OSM_DELFT / "tudelft.osm.pbf"), delft_bbox())
    gz = read_streets(real(OSM_DELFT / "tudelft.osm.gz"), delft_bbox())
    assert len(pbf) == len(gz) > 1000
    assert list(pbf.columns) == ["straat", "highway", "geometry", "straat_id", "lengte_m"]
    assert pbf["straat"].fillna("").tolist() == gz["straat"].fillna("").tolist()
    assert np.allclose(pbf["lengte_m"], gz["lengte_m"])
    assert pbf.crs.to_epsg() == 28992
    # streets of the TU campus and Wippolder (checked on openstreetmap.org)
    assert {"Mekelweg", "Schoemakerstraat", "Julianalaan"} <= set(pbf["straat"].dropna())
    assert set(pbf["highway"]) <= set(STREET_HIGHWAYS)


def test_osm_streets_are_clipped_to_the_area_and_ordered():
    bbox = delft_bbox()
    streets = read_streets(real(OSM_DELFT / "tudelft.osm.pbf"), bbox)
    minx, miny, maxx, maxy = streets.total_bounds
    assert minx >= bbox[0] - 1e-6 and maxx <= bbox[2] + 1e-6 and miny >= bbox[1] - 1e-6 and maxy <= bbox[3] + 1e-6
    everything = read_streets(OSM_DELFT / "tudelft.osm.pbf")
    assert len(everything) > len(streets)  # complete relations reach outside the box
    again = read_streets(OSM_DELFT / "tudelft.osm.pbf", bbox)
    assert streets.geometry.equals(again.geometry) and streets["straat_id"].tolist() == list(range(1, len(streets) + 1))


def test_osm_barriers_of_delft():
    barriers = read_osm_barriers(real(OSM_DELFT / "tudelft.osm.pbf"), delft_bbox())
    assert list(barriers.columns) == ["soort", "geometry"] and barriers.crs.to_epsg() == 28992
    counts = barriers["soort"].value_counts()
    # the Schie (canal), water areas, the railway and the A13/primary roads are in the box
    assert {"water", "waterweg", "spoor", "hoofdweg"} <= set(counts.index)
    assert barriers["soort"].tolist() == sorted(barriers["soort"])


def test_osm_gzip_with_wrong_name_and_plain_xml(tmp_path, sample_dir):
    plain = read_streets(sample_dir / "straten.osm")
    gz_named_osm = tmp_path / "straten.osm"
    gz_named_osm.write_bytes(gzip.compress((sample_dir / "straten.osm").read_bytes()))
    assert read_streets(gz_named_osm).geometry.equals(plain.geometry)
    proper = tmp_path / "straten.osm.gz"
    shutil.copy(gz_named_osm, proper)
    assert read_streets(proper)["straat"].tolist() == plain["straat"].tolist()


def test_sample_streets_match_the_osmnx_segments(sample_dir):
    """The GDAL reader gives the same segments (name, length) as osmnx's unsimplified graph did."""
    osmnx = pytest.importorskip("osmnx")
    graph = osmnx.graph_from_xml(sample_dir / "straten.osm", simplify=False, retain_all=True)
    edges = osmnx.graph_to_gdfs(osmnx.convert.to_undirected(graph), nodes=False).to_crs("EPSG:28992")
    # osmnx keeps every way with a highway tag; the sample also has a railway and a canal (barriers, no streets)
    from warmtekans.inputs.osm import STREET_HIGHWAYS

    edges = edges[edges["highway"].isin(STREET_HIGHWAYS)]
    expected = sorted(zip(edges["name"], edges.length))
    streets = read_streets(sample_dir / "straten.osm")
    found = sorted(zip(streets["straat"], streets["lengte_m"]))
    assert [name for name, _ in found] == [name for name, _ in expected]
    # GDAL keeps OSM's 7 decimals of a degree (about 1 cm), the sample file has 8
    assert np.allclose([length for _, length in found], [length for _, length in expected], atol=0.05)


def test_osm_without_ways_is_refused(tmp_path):
    path = tmp_path / "nodes.osm"
    path.write_text('<?xml version="1.0"?>\n'
                    '<osm version="0.6"><node id="1" lat="52.0" lon="4.37" version="1"/></osm>\n')
    with pytest.raises(InputError, match="contains no OSM ways"):
        read_streets(path)


def test_osm_of_another_area_is_refused(sample_dir):
    far = (200000.0, 500000.0, 201000.0, 501000.0)
    with pytest.raises(InputError, match=r"none of its \d+ OSM ways lies in the area .*another area"):
        read_streets(sample_dir / "straten.osm", far)


def test_osm_with_ways_but_no_streets_gives_an_empty_table_and_a_note(tmp_path):
    path = tmp_path / "paths.osm"
    path.write_text('<?xml version="1.0"?>\n<osm version="0.6">'
                    '<node id="1" lat="52.0" lon="4.37" version="1"/>'
                    '<node id="2" lat="52.001" lon="4.371" version="1"/>'
                    '<way id="5" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>\n')
    quality = QualityLog()
    streets = read_streets(path, quality=quality)
    assert streets.empty and set(streets.columns) == {"straat", "highway", "straat_id", "lengte_m", "geometry"}
    entry = quality.entries[0]
    assert entry.rows_read == 1 and entry.crs == "EPSG:4326"
    assert any("geen straten" in note for note in entry.notes)


def test_osm_zip_gets_a_hint(tmp_path):
    path = tmp_path / "straten.osm"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match="is a zip archive"):
        read_streets(path)
