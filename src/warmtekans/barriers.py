"""Barriers an area heat network does not cross cheaply: railways, motorways, trunk and primary
roads, waterways and water (docs/method.md, "Candidate clusters").

The barriers come from the OSM file of the gemeente (the ``straten`` input). The reader is
:func:`warmtekans.readers.read_osm_barriers`; until that is available this module reads the
same features with GDAL's OSM driver (``.osm`` XML and ``.osm.pbf``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd

from warmtekans import RD_CRS
from warmtekans.tables import empty_layer

log = logging.getLogger(__name__)

#: OSM tag values that make a barrier, per tag, and the ``soort`` they get (as readers.read_osm_barriers).
BARRIER_TAGS = {
    "railway": ("rail", "light_rail"),
    "highway": ("motorway", "trunk", "primary"),
    "waterway": ("river", "canal"),
}
SOORT = {"railway": "spoor", "highway": "hoofdweg", "waterway": "waterweg"}
#: Polygon features counted as water.
WATER_POLYGON_TAGS = {"natural": ("water",), "waterway": ("riverbank",), "landuse": ("basin", "reservoir")}

BARRIER_COLUMNS = {"soort": "string", "waarde": "string", "naam": "string"}


def empty_barriers() -> gpd.GeoDataFrame:
    """A barriers layer with no rows."""
    return empty_layer(BARRIER_COLUMNS)


def read_barriers(path: str | Path, bbox: tuple[float, float, float, float] | None = None) -> gpd.GeoDataFrame:
    """Barriers from an OSM file, in EPSG:28992, clipped to ``bbox`` (RD, m) when given.

    Uses :func:`warmtekans.readers.read_osm_barriers` when the readers module has it, else
    :func:`read_barriers_gdal`.
    """
    from warmtekans import readers

    reader = getattr(readers, "read_osm_barriers", None)
    frame = reader(path, bbox) if reader is not None else read_barriers_gdal(path, bbox)
    return frame.to_crs(RD_CRS) if frame.crs is not None and frame.crs != RD_CRS else frame


def _tag(frame: pd.DataFrame, tag: str) -> pd.Series:
    """The value of an OSM tag: its own column, or parsed from GDAL's ``other_tags``."""
    if tag in frame:
        return frame[tag].astype("string")
    other = frame.get("other_tags", pd.Series(pd.NA, index=frame.index)).astype("string")
    return other.str.extract(rf'"{tag}"=>"([^"]*)"', expand=False).astype("string")


def read_barriers_gdal(path: str | Path, bbox: tuple[float, float, float, float] | None = None) -> gpd.GeoDataFrame:
    """Barrier lines and water polygons from an OSM file with GDAL's OSM driver (fallback reader)."""
    import pyogrio

    from warmtekans.errors import InputError

    path = Path(path)
    if not path.exists():
        raise InputError("the OSM file does not exist", path=path)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    parts = []
    if "lines" in layers:
        lines = gpd.read_file(path, layer="lines", engine="pyogrio")
        for tag, values in BARRIER_TAGS.items():
            value = _tag(lines, tag)
            passable = (_tag(lines, "bridge").fillna("no") != "no") | (_tag(lines, "tunnel").fillna("no") != "no")
            chosen = (value.isin(values).fillna(False) & ~passable).to_numpy()
            if chosen.any():
                parts.append(gpd.GeoDataFrame({"soort": SOORT[tag], "waarde": value[chosen].to_numpy(),
                                               "naam": lines.loc[chosen, "name"].astype("string").to_numpy()},
                                              geometry=lines.geometry[chosen].to_numpy(), crs=lines.crs))
    if "multipolygons" in layers:
        polygons = gpd.read_file(path, layer="multipolygons", engine="pyogrio")
        for tag, values in WATER_POLYGON_TAGS.items():
            value = _tag(polygons, tag)
            chosen = value.isin(values).fillna(False).to_numpy()
            if chosen.any():
                parts.append(gpd.GeoDataFrame({"soort": "water", "waarde": value[chosen].to_numpy(),
                                               "naam": polygons.loc[chosen, "name"].astype("string").to_numpy()},
                                              geometry=polygons.geometry[chosen].to_numpy(), crs=polygons.crs))
    if not parts:
        return empty_barriers()
    frame = gpd.GeoDataFrame(pd.concat([p.to_crs(RD_CRS) for p in parts], ignore_index=True), crs=RD_CRS)
    if bbox is not None:
        frame = frame.clip(bbox)
    frame = frame[~frame.geometry.is_empty].reset_index(drop=True)
    for column, dtype in BARRIER_COLUMNS.items():
        frame[column] = frame[column].astype(dtype)
    return frame
