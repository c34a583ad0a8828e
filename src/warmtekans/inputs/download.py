"""Download the real inputs of a gemeente from their pinned sources (``src/warmtekans/data/sources.csv``).

Each function fetches one kind of source into a local file that the readers accept as is.
Everything goes through :func:`fetch`, which uses short timeouts, a bounded number of
retries, and writes atomically, so an interrupted download never leaves a half file. The
tests serve small files from a local HTTP server on 127.0.0.1; the workflow's
``download.offline: true`` switch refuses every download.
"""
from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import geopandas as gpd

from warmtekans.core.atomic import atomic_path
from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError

log = logging.getLogger(__name__)


USER_AGENT = "warmtekans (https://github.com/; open-source heat-network screening)"


def fetch(url: str, *, data: bytes | None = None, timeout_s: float = 30, retries: int = 2) -> bytes:
    """GET (or POST ``data``) ``url`` and return the body; raise :class:`InputError` when it fails."""
    request = urllib.request.Request(url, data=data, headers={"User-Agent": USER_AGENT})
    last_error: Exception | None = None
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            if exc.code < 500:  # a client error will not get better by retrying
                raise InputError(f"download failed: HTTP {exc.code} {exc.reason} for {url}") from None
            last_error = exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            last_error = exc
        if attempt < retries:
            time.sleep(min(2 ** attempt, 5))
    raise InputError(f"download failed after {retries + 1} tries: {last_error} for {url}")


def download_zipped_gpkg(url: str, output: str | Path, **kwargs) -> Path:
    """Download a zip (such as the CBS wijk- en buurtkaart) and keep the GeoPackage inside it."""
    with atomic_path(Path(output).with_suffix(".zip")) as tmp_zip:
        tmp_zip.write_bytes(fetch(url, **kwargs))
        with zipfile.ZipFile(tmp_zip) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".gpkg")]
            if not members:
                raise InputError(f"the zip from {url} holds no GeoPackage (members: {archive.namelist()[:5]})")
            with atomic_path(output) as tmp_gpkg:
                tmp_gpkg.write_bytes(archive.read(members[0]))
    Path(output).with_suffix(".zip").unlink(missing_ok=True)
    return Path(output)


def _features_to_frame(features: list[dict], source: str) -> gpd.GeoDataFrame:
    if not features:
        return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=RD_CRS), crs=RD_CRS)
    frame = gpd.GeoDataFrame.from_features(features, crs=RD_CRS)
    if frame.geometry.isna().all():
        raise InputError(f"features from {source} have no geometry")
    return frame


def ogc_api_items(base_url: str, collection: str, bbox: tuple[float, float, float, float], *, limit: int = 1000,
                  max_pages: int = 10_000, **kwargs) -> gpd.GeoDataFrame:
    """All features of an OGC API Features collection inside an RD bbox, following ``next`` links."""
    rd = "http://www.opengis.net/def/crs/EPSG/0/28992"
    query = urllib.parse.urlencode({"bbox": ",".join(f"{v:.2f}" for v in bbox), "bbox-crs": rd, "crs": rd,
                                    "f": "json", "limit": limit})
    url: str | None = f"{base_url.rstrip('/')}/collections/{collection}/items?{query}"
    features: list[dict] = []
    for _ in range(max_pages):
        if url is None:
            break
        page = json.loads(fetch(url, **kwargs))
        features.extend(page.get("features", []))
        url = next((link["href"] for link in page.get("links", []) if link.get("rel") == "next"), None)
        log.info("%s: %d features so far", collection, len(features))
    return _features_to_frame(features, f"{base_url} ({collection})")


def download_bag_ogcapi(base_url: str, bbox: tuple[float, float, float, float], output: str | Path, **kwargs) -> Path:
    """BAG panden and verblijfsobjecten of an area from the PDOK OGC API, as a bag-light-style GeoPackage."""
    layers = {name: ogc_api_items(base_url, name, bbox, **kwargs) for name in ("pand", "verblijfsobject")}
    for name, frame in layers.items():
        if frame.empty:
            raise InputError(f"the BAG OGC API returned no {name} features for bbox {bbox}")
    with atomic_path(output) as tmp:
        for name, frame in layers.items():
            frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
    return Path(output)


def download_wfs(url: str, typename: str, bbox: tuple[float, float, float, float], output: str | Path, *,
                 layer: str, **kwargs) -> Path:
    """Features of one WFS type inside an RD bbox (GeoJSON output), written as a GeoPackage layer."""
    query = urllib.parse.urlencode({
        "service": "WFS", "version": "2.0.0", "request": "GetFeature", "typeNames": typename,
        "outputFormat": "application/json", "srsName": "EPSG:28992",
        "bbox": ",".join(f"{v:.2f}" for v in bbox) + ",urn:ogc:def:crs:EPSG::28992",
    })
    separator = "&" if "?" in url else "?"
    body = fetch(f"{url}{separator}{query}", **kwargs)
    try:
        collection = json.loads(body)
    except json.JSONDecodeError:
        raise InputError(f"the WFS at {url} did not return GeoJSON for {typename}: {body[:200]!r}") from None
    frame = _features_to_frame(collection.get("features", []), f"{url} ({typename})")
    with atomic_path(output) as tmp:
        frame.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
    return Path(output)


def overpass_query(bbox_wgs84: tuple[float, float, float, float], date: str) -> str:
    """An Overpass QL query in a (south, west, north, east) box as of ``date``: the highway ways the street
    step reads and the barriers the area step reads (:func:`warmtekans.inputs.osm.read_osm_barriers`: railways,
    rivers and canals, water areas as ways and multipolygon relations), with their members and nodes."""
    from warmtekans.inputs.osm import (
        BARRIER_RAILWAYS,
        BARRIER_WATER_LANDUSE,
        BARRIER_WATER_WATERWAYS,
        BARRIER_WATERWAYS,
    )

    south, west, north, east = bbox_wgs84
    box = f"({south:.6f},{west:.6f},{north:.6f},{east:.6f})"

    def one_of(values) -> str:
        return "^(" + "|".join(values) + ")$"

    waterways = one_of((*BARRIER_WATERWAYS, *BARRIER_WATER_WATERWAYS))
    parts = [f'way["highway"]{box};', f'way["railway"~"{one_of(BARRIER_RAILWAYS)}"]{box};',
             f'way["waterway"~"{waterways}"]{box};', f'way["natural"="water"]{box};',
             f'way["landuse"~"{one_of(BARRIER_WATER_LANDUSE)}"]{box};',
             f'relation["natural"="water"]{box};', f'relation["waterway"~"{waterways}"]{box};',
             f'relation["landuse"~"{one_of(BARRIER_WATER_LANDUSE)}"]{box};']
    return f'[out:xml][timeout:180][date:"{date}"];({"".join(parts)});(._;>;);out body;'



def download_osm(url: str, bbox_rd: tuple[float, float, float, float], date: str, output: str | Path,
                 **kwargs) -> Path:
    """Streets and barriers (railways, waterways, water) of an area from the Overpass API, as dated OSM XML
    (reproducible)."""
    from pyproj import Transformer

    to_wgs84 = Transformer.from_crs(RD_CRS, "EPSG:4326", always_xy=True)
    west, south = to_wgs84.transform(bbox_rd[0], bbox_rd[1])
    east, north = to_wgs84.transform(bbox_rd[2], bbox_rd[3])
    data = urllib.parse.urlencode({"data": overpass_query((south, west, north, east), date)}).encode()
    body = fetch(url, data=data, **kwargs)
    if b"<osm" not in body[:500]:
        raise InputError(f"the Overpass API at {url} did not return OSM XML: {body[:200]!r}")
    with atomic_path(output) as tmp:
        tmp.write_bytes(body)
    return Path(output)
