"""Download rules against a local HTTP server on 127.0.0.1 serving small files (never the internet)."""

from __future__ import annotations

import json
import threading
import urllib.parse
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import geopandas as gpd
import pytest
import yaml

from tests.conftest import snakemake, workdir_with
from warmtekans.config.datasets import pinned_sources
from warmtekans.config.loader import validate_config
from warmtekans.core.errors import ConfigError, InputError
from warmtekans.inputs import download

pytestmark = pytest.mark.enable_socket  # a local server only: --allow-hosts=127.0.0.1 still applies


class FileHandler(SimpleHTTPRequestHandler):
    """Serves files for GET and POST, ignoring the query string (like a static mirror)."""

    requests_seen: list[str] = []

    def do_POST(self):  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length", 0))
        self.requests_seen.append(urllib.parse.unquote_plus(self.rfile.read(length).decode()))
        return self.do_GET()

    def do_GET(self):  # noqa: N802
        FileHandler.requests_seen.append(self.path)
        return super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server_root(tmp_path_factory, sample_dir):
    """Files a mirror of the real services would return, made from the sample town."""
    root = tmp_path_factory.mktemp("www")
    # CBS: a zip holding the GeoPackage
    with zipfile.ZipFile(root / "wijkbuurtkaart.zip", "w") as archive:
        archive.write(sample_dir / "wijkenbuurten.gpkg", "WijkBuurtkaart_2024_v1/wijkenbuurten_2024_v1.gpkg")
    # BAG OGC API: two pages per collection, linked with rel=next
    for collection in ("pand", "verblijfsobject"):
        frame = gpd.read_file(sample_dir / "bag-light.gpkg", layer=collection)
        features = json.loads(frame.to_json())["features"]
        half = len(features) // 2
        folder = root / "bag" / "collections" / collection
        folder.mkdir(parents=True)
        port_placeholder = "http://127.0.0.1:{port}"
        (folder / "items").write_text(json.dumps({"type": "FeatureCollection", "features": features[:half], "links": [
            {"rel": "next", "href": f"{port_placeholder}/bag/collections/{collection}/page2"}]}))
        (folder / "page2").write_text(json.dumps({"type": "FeatureCollection", "features": features[half:],
                                                  "links": []}))
    zones = gpd.read_file(sample_dir / "grondwaterbeschermingsgebieden.gpkg")
    (root / "gwb").write_text(zones.to_json())
    (root / "Voorbeeldstad-beheer").mkdir()
    (root / "Voorbeeldstad-beheer" / "wfs").write_text(gpd.read_file(sample_dir / "gwsw-leidingen.gpkg").to_json())
    (root / "interpreter").write_bytes((sample_dir / "straten.osm").read_bytes())
    return root


@pytest.fixture(scope="module")
def server(server_root):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(FileHandler, directory=str(server_root)))
    port = httpd.server_address[1]
    for path in server_root.rglob("*"):
        if path.is_file() and path.suffix not in (".zip",):
            text = path.read_bytes()
            if b"{port}" in text:
                path.write_bytes(text.replace(b"{port}", str(port).encode()))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


def test_pinned_sources_table():
    sources = pinned_sources()
    for dataset in ("bag_light", "bag_ogcapi", "cbs_wijkenbuurten", "grondwaterbeschermingsgebieden", "gwsw_beheer",
                    "osm_overpass", "ep_online"):
        assert sources[dataset]["url"].startswith("https://")
        assert sources[dataset]["version"]


def test_zip_with_gpkg(server, tmp_path):
    path = download.download_zipped_gpkg(f"{server}/wijkbuurtkaart.zip", tmp_path / "wb.gpkg", retries=0)
    assert len(gpd.read_file(path, layer="buurten")) == 4
    assert not (tmp_path / "wb.zip").exists()


def test_ogc_api_follows_next_links(server, tmp_path, sample_dir):
    path = download.download_bag_ogcapi(f"{server}/bag", (0, 0, 1e6, 1e6), tmp_path / "bag.gpkg", retries=0)
    expected = gpd.read_file(sample_dir / "bag-light.gpkg", layer="verblijfsobject")
    got = gpd.read_file(path, layer="verblijfsobject")
    assert len(got) == len(expected)
    assert set(got["identificatie"]) == set(expected["identificatie"])
    assert any("bbox-crs=" in r for r in FileHandler.requests_seen)


def test_wfs_and_overpass(server, tmp_path):
    zones = download.download_wfs(f"{server}/gwb", "x:y", (0, 0, 1, 1), tmp_path / "z.gpkg", layer="zones", retries=0)
    assert len(gpd.read_file(zones, layer="zones")) == 3
    osm = download.download_osm(f"{server}/interpreter", (140000, 455000, 141000, 456000), "2025-11-01T00:00:00Z",
                                tmp_path / "s.osm", retries=0)
    assert osm.read_text().lstrip().startswith("<?xml")
    assert any('[date:"2025-11-01T00:00:00Z"]' in r for r in FileHandler.requests_seen)


def test_http_error_is_named(server, tmp_path):
    with pytest.raises(InputError, match=r"download failed: HTTP 404"):
        download.fetch(f"{server}/does-not-exist", retries=0)
    assert not (tmp_path / "x").exists()


def test_unreachable_server_fails_fast(tmp_path):
    with pytest.raises(InputError, match="download failed after 1 tries"):
        download.fetch("http://127.0.0.1:9/nothing", retries=0, timeout_s=2)


def test_offline_switch_refuses_download_areas():
    raw = {"gemeenten": ["GM0327"], "areas": {"GM0327": {"naam": "Leusden", "download": True}},
           "download": {"offline": True}}
    with pytest.raises(ConfigError, match="download.offline is true"):
        validate_config(raw)


def test_unknown_dataset_in_url_overrides():
    raw = {"gemeenten": ["GM9999"], "areas": {"GM9999": {"naam": "x", "sample": True}},
           "download": {"urls": {"bag_lite": "http://127.0.0.1/"}}}
    with pytest.raises(ConfigError, match=r"unknown datasets \['bag_lite'\]"):
        validate_config(raw)


@pytest.mark.workflow
def test_workflow_with_downloaded_inputs(server, tmp_path):
    """A whole run where BAG, buurten, zones, sewers and streets come from the (local) pinned sources."""
    workdir = workdir_with(tmp_path)
    config = {
        "gemeenten": ["GM9999"],
        "areas": {"GM9999": {"naam": "Voorbeeldstad", "sample": False, "download": True, "gwsw_naam": "Voorbeeldstad"}},
        "download": {"urls": {"cbs_wijkenbuurten": f"{server}/wijkbuurtkaart.zip", "bag_ogcapi": f"{server}/bag",
                              "grondwaterbeschermingsgebieden": f"{server}/gwb",
                              "gwsw_beheer": f"{server}/{{gemeentenaam}}-beheer/wfs",
                              "osm_overpass": f"{server}/interpreter"},
                     "retries": 0},
    }
    (workdir / "dl.yaml").write_text(yaml.safe_dump(config))
    snakemake(workdir, "--configfile", str(workdir / "dl.yaml"))
    buurten = gpd.read_file(workdir / "results" / "GM9999" / "warmtekans.gpkg", layer="buurten")
    assert buurten["n_woningen"].sum() > 2000
    assert set(buurten["ontbrekende_invoer"]) == {
        "energielabels (EP-online), archeologie, geplande warmtenetten, bodemenergiesystemen, WKO-geschiktheid, "
        "oppervlaktewater (TEO), puntbronnen (restwarmte)"}


def test_overpass_query_asks_for_the_barriers_the_area_step_reads():
    """Issue 20: downloaded areas must be cut at rail and water like local OSM files."""
    from warmtekans.inputs.osm import BARRIER_HIGHWAYS, BARRIER_RAILWAYS, BARRIER_WATERWAYS

    query = download.overpass_query((52.0, 4.3, 52.1, 4.4), "2025-11-01T00:00:00Z")
    assert query.startswith('[out:xml][timeout:180][date:"2025-11-01T00:00:00Z"];(')
    assert 'way["highway"](52.000000,4.300000,52.100000,4.400000);' in query  # motorways etc. are highways
    assert set(BARRIER_HIGHWAYS) and 'way["railway"~"^(rail|light_rail|subway|narrow_gauge)$"]' in query
    assert all(kind in query for kind in (*BARRIER_RAILWAYS, *BARRIER_WATERWAYS, "riverbank", "reservoir"))
    assert 'way["natural"="water"]' in query and 'relation["natural"="water"]' in query
    assert query.endswith("(._;>;);out body;")  # members of relations and nodes of ways come along
