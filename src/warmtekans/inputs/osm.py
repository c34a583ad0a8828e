"""OpenStreetMap streets and barriers, read with GDAL's OSM driver (through pyogrio).

GDAL reads OSM XML (``.osm``), gzipped OSM XML (``.osm.gz``, opened through ``/vsigzip/``,
whatever the file is called) and ``.osm.pbf`` alike. Ways come from its ``lines`` layer
(columns ``osm_id, name, highway, waterway, railway``; other tags in ``other_tags`` as
``"key"=>"value"`` pairs), water areas from ``multipolygons``. OSM data are WGS84: the RD
New area box is transformed to WGS84 before filtering, and the result is clipped to the box
and brought to RD New (EPSG:28992).

Rules (docs/method.md, "Inputs"):

- streets are ways whose ``highway`` is in :data:`STREET_HIGHWAYS`; each way is cut into
  segments between consecutive nodes (as before with osmnx, unsimplified), zero-length
  segments and segments repeated by another way are dropped;
- a file without any OSM way, or whose ways all lie outside the area, is refused; a file
  with ways in the area but no street among them gives an empty street table and a note;
- barriers are railways, motorways/trunk/primary roads, rivers and canals (not in a tunnel
  or on a bridge, where a pipe can pass) and water areas.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry, QualityLog
from warmtekans.core.schemas import empty_barriers, empty_streets
from warmtekans.io.files import container_hint, gdal_path
from warmtekans.io.vector import bbox_in_crs

log = logging.getLogger(__name__)


WGS84 = "EPSG:4326"


#: highway values that are streets a dwelling can front and a heat pipe can follow. Footways,
#: cycleways, paths and tracks are left out (mostly unnamed, they would split streets), as are
#: motorways and trunk roads (no dwelling fronts them).
STREET_HIGHWAYS = ("primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
                   "unclassified", "residential", "living_street", "pedestrian", "service", "road")


#: Barriers a pipe cannot cheaply cross, per kind (``soort``).
BARRIER_RAILWAYS = ("rail", "light_rail", "subway", "narrow_gauge")


BARRIER_HIGHWAYS = ("motorway", "motorway_link", "trunk", "trunk_link", "primary")


BARRIER_WATERWAYS = ("river", "canal")


BARRIER_WATER_LANDUSE = ("reservoir", "basin")


BARRIER_WATER_WATERWAYS = ("riverbank", "dock")


_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


def parse_other_tags(text) -> dict[str, str]:
    """GDAL's ``other_tags`` (``"k"=>"v","k2"=>"v2"``) as a dict; empty for NULL."""
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return {}
    return {key.replace('\\"', '"'): value.replace('\\"', '"') for key, value in _TAG.findall(str(text))}


def _open(path: str | Path) -> tuple[Path, str]:
    """The file and the path GDAL should open; refuses missing or wrongly packed files."""
    path = Path(path)
    if not path.exists():
        raise InputError("the OSM street file does not exist", path=path)
    if path.is_dir():
        raise InputError("is a directory, not an OpenStreetMap file (.osm, .osm.gz or .osm.pbf)", path=path)
    source, kind = gdal_path(path)
    if kind in ("zip", "xlsx", "bzip2"):
        raise InputError(container_hint(kind, path, "OpenStreetMap data (.osm, .osm.gz or .osm.pbf)"), path=path)
    return path, source


def _read_layer(path: Path, source: str, layer: str, columns: list[str], bbox_wgs84=None) -> gpd.GeoDataFrame:
    import pyogrio

    try:
        fields = set(pyogrio.read_info(source, layer=layer)["fields"])
        kwargs = {"bbox": bbox_wgs84} if bbox_wgs84 is not None else {}
        frame = pyogrio.read_dataframe(source, layer=layer, columns=[c for c in columns if c in fields], **kwargs)
    except Exception as exc:  # noqa: BLE001 - GDAL raises many kinds for a broken file
        raise InputError(f"cannot be read as OpenStreetMap data (OSM XML, .osm.gz or .osm.pbf): {exc}",
                         path=path) from exc
    for column in columns:
        if column not in frame:
            frame[column] = None
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    return frame


def _ways_in_area(path: Path, source: str, bbox, quality: QualityEntry | None) -> gpd.GeoDataFrame:
    """The ``lines`` of the file that touch ``bbox`` (RD New), in WGS84, ordered by OSM id."""
    bbox_wgs84 = bbox_in_crs(bbox, WGS84, path=path, layer="lines") if bbox is not None else None
    columns = ["osm_id", "name", "highway", "railway", "waterway", "other_tags"]
    ways = _read_layer(path, source, "lines", columns, bbox_wgs84)
    if quality is not None:
        quality.read(len(ways), crs=WGS84)
    if ways.empty:
        _refuse_without_ways(path, source, bbox_wgs84)
    ways["_osm_id"] = pd.to_numeric(ways["osm_id"], errors="coerce")
    return ways.sort_values(["_osm_id", "osm_id"], kind="stable").reset_index(drop=True)


def _refuse_without_ways(path: Path, source: str, bbox_wgs84) -> None:
    """No way in the area: say whether the file has none at all or covers another area."""
    if bbox_wgs84 is None:
        raise InputError("contains no OSM ways (no lines layer features): expected an OpenStreetMap extract with "
                         "streets (highway=*)", path=path, layer="lines")
    everything = _read_layer(path, source, "lines", ["osm_id"])
    if everything.empty:
        raise InputError("contains no OSM ways (no lines layer features): expected an OpenStreetMap extract with "
                         "streets (highway=*)", path=path, layer="lines")
    west, south, east, north = everything.total_bounds
    a_west, a_south, a_east, a_north = bbox_wgs84
    raise InputError(
        f"none of its {len(everything)} OSM ways lies in the area (lon {a_west:.4f}..{a_east:.4f}, lat "
        f"{a_south:.4f}..{a_north:.4f}); the file covers lon {west:.4f}..{east:.4f}, lat {south:.4f}..{north:.4f}: "
        "an extract of another area?", path=path, layer="lines")


def _clip(frame: gpd.GeoDataFrame, bbox) -> gpd.GeoDataFrame:
    """Clip RD geometries to ``bbox`` (m); rows left empty are dropped."""
    if bbox is None or frame.empty:
        return frame
    frame = frame.copy()
    clipped = shapely.clip_by_rect(frame.geometry.values, *bbox)
    frame["geometry"] = clipped
    return frame[~(shapely.is_missing(clipped) | shapely.is_empty(clipped))]


def node_segments(ways: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cut every line into straight segments between consecutive vertices (attributes repeated)."""
    coords, index = shapely.get_coordinates(ways.geometry.values, return_index=True)
    starts = np.flatnonzero(index[:-1] == index[1:])
    segments = shapely.linestrings(np.stack([coords[starts], coords[starts + 1]], axis=1))
    out = ways.drop(columns="geometry").iloc[index[starts]].reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry=segments, crs=ways.crs)


def read_streets(path: str | Path, bbox: tuple[float, float, float, float] | None = None, *,
                 quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Street segments (``straat``, ``highway``, ``straat_id``, ``lengte_m``; RD New) from an OSM file.

    ``bbox`` (m, RD New) limits and clips the streets to the area. One row per straight
    segment between consecutive nodes of a street way, ordered by OSM way id and position
    along the way; ``straat_id`` numbers them from 1 in that order.
    """
    path, source = _open(path)
    entry = quality.entry("straten", path=path, layer="lines") if quality is not None else None
    ways = _ways_in_area(path, source, bbox, entry)
    highway = ways["highway"].astype("string")
    is_street = highway.isin(STREET_HIGHWAYS)
    if entry is not None:
        other = highway[~is_street].fillna("geen highway")
        entry.drop(f"geen straat (highway niet in {', '.join(STREET_HIGHWAYS)})", int((~is_street).sum()),
                   examples=other.value_counts().index[:5])
    streets = ways[is_street]
    if streets.empty:
        log.warning("%s: no streets (highway=%s) in the area: streets are taken from the BAG openbare ruimte",
                    path, "|".join(STREET_HIGHWAYS))
        if entry is not None:
            entry.note("geen straten in het gebied: straten uit de BAG-openbare ruimte")
        return empty_streets()
    segments = node_segments(streets.to_crs(RD_CRS))
    segments = _clip(segments, bbox)
    length = segments.length
    if entry is not None:
        entry.drop("segment met lengte 0 (twee knopen op dezelfde plek)", int((length <= 0).sum()))
    segments = segments[length > 0]
    ends = np.round(shapely.get_coordinates(shapely.boundary(segments.geometry.values)).reshape(-1, 4), 2)
    a, b = ends[:, :2], ends[:, 2:]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    key = np.where(swap[:, None], np.hstack([b, a]), np.hstack([a, b]))
    repeated = pd.DataFrame(key).duplicated().to_numpy()
    if entry is not None:
        entry.drop("segment dubbel (ook deel van een andere weg)", int(repeated.sum()))
        entry.note(f"{len(streets)} straatwegen opgeknipt in {int((~repeated).sum())} segmenten tussen knopen")
    segments = segments[~repeated]
    out = gpd.GeoDataFrame({"straat": segments["name"].astype("string").to_numpy(),
                            "highway": segments["highway"].astype("string").to_numpy()},
                           geometry=segments.geometry.to_numpy(), crs=RD_CRS)
    out["straat_id"] = np.arange(1, len(out) + 1)
    out["lengte_m"] = out.length
    return out


def _passable(tags: dict[str, str]) -> bool:
    """A tunnel, bridge or covered stretch: a pipe can pass it."""
    return any(tags.get(key, "no") not in ("no", "") for key in ("tunnel", "bridge", "covered"))


def read_osm_barriers(path: str | Path, bbox: tuple[float, float, float, float] | None = None, *,
                      quality: QualityLog | None = None) -> gpd.GeoDataFrame:
    """Lines and areas a heat pipe cannot cheaply cross, from an OSM file (RD New, clipped to ``bbox``).

    ``soort``: ``spoor`` (railway rail/light_rail/subway/narrow_gauge), ``hoofdweg`` (highway
    motorway, trunk, their links, primary), ``waterweg`` (waterway river/canal), each left out
    where it runs in a tunnel, on a bridge or covered; ``water`` (areas with natural=water,
    waterway=riverbank/dock or landuse=reservoir/basin). Ordered by soort, then OSM id.
    """
    path, source = _open(path)
    entry = quality.entry("barrieres", path=path, layer="lines, multipolygons") if quality is not None else None
    bbox_wgs84 = bbox_in_crs(bbox, WGS84, path=path, layer="lines") if bbox is not None else None
    lines = _read_layer(path, source, "lines", ["osm_id", "highway", "railway", "waterway", "other_tags"], bbox_wgs84)
    areas = _read_layer(path, source, "multipolygons", ["osm_id", "osm_way_id", "natural", "landuse", "other_tags"],
                        bbox_wgs84)
    if entry is not None:
        entry.read(len(lines) + len(areas), crs=WGS84)
    tags = lines["other_tags"].map(parse_other_tags)
    passable = tags.map(_passable).astype(bool)
    soort = pd.Series(pd.NA, index=lines.index, dtype="string")
    soort[lines["waterway"].isin(BARRIER_WATERWAYS)] = "waterweg"
    soort[lines["highway"].isin(BARRIER_HIGHWAYS)] = "hoofdweg"
    soort[lines["railway"].isin(BARRIER_RAILWAYS)] = "spoor"
    soort[passable] = pd.NA
    line_part = lines.assign(soort=soort, _id=pd.to_numeric(lines["osm_id"], errors="coerce"))
    line_part = line_part[line_part["soort"].notna()]
    area_tags = areas["other_tags"].map(parse_other_tags)
    is_water = ((areas["natural"] == "water") | areas["landuse"].isin(BARRIER_WATER_LANDUSE)
                | area_tags.map(lambda t: t.get("waterway") in BARRIER_WATER_WATERWAYS).astype(bool))
    area_id = pd.to_numeric(areas["osm_id"], errors="coerce").fillna(
        pd.to_numeric(areas["osm_way_id"], errors="coerce"))
    area_part = areas.assign(soort="water", _id=area_id)[is_water.to_numpy()]
    parts = [p[["soort", "_id", "geometry"]] for p in (line_part, area_part) if not p.empty]
    if not parts:
        return empty_barriers()
    barriers = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=WGS84).to_crs(RD_CRS)
    barriers = _clip(barriers, bbox)
    barriers = barriers.sort_values(["soort", "_id"], kind="stable").reset_index(drop=True)
    if entry is not None:
        for name, count in barriers["soort"].value_counts().sort_index().items():
            entry.note(f"{count} barrières van soort {name}")
    out = gpd.GeoDataFrame({"soort": barriers["soort"].astype("string")}, geometry=barriers.geometry.values, crs=RD_CRS)
    return out
