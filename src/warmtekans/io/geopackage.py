"""Writing result GeoPackages (1.3, one geometry type per layer) and their metadata rows."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable

import geopandas as gpd
import pandas as pd
import shapely

from warmtekans.core.atomic import atomic_path

#: GeoPackage version written: 1.3 (10300). GDAL >= 3.7 writes 1.4 by default, which the GDAL 3.6 of
#: Debian 12's QGIS 3.22 warns about on every open ("may only be partially supported").
GPKG_VERSION = "1.3"


#: Buffer (m) that turns points and lines into polygons when a layer mixes geometry families, so that
#: every layer has one geometry type (a GeoPackage layer of type "Geometry" confuses QGIS and its styles).
MIXED_GEOMETRY_BUFFER_M = 2.0


_FAMILIES = {"Point": "Point", "MultiPoint": "Point", "LineString": "LineString", "MultiLineString": "LineString",
             "LinearRing": "LineString", "Polygon": "Polygon", "MultiPolygon": "Polygon"}


log = logging.getLogger(__name__)


def single_geometry_type(frame: gpd.GeoDataFrame, *, empty_type: str = "Unknown",
                         layer: str = "") -> tuple[gpd.GeoDataFrame, str]:
    """The frame with one geometry type, and that type's name as GDAL spells it (e.g. ``MultiPolygon``).

    Single and multi parts of one family are promoted to multi. When a layer mixes families
    (points, lines and polygons), every
    non-polygon is buffered by :data:`MIXED_GEOMETRY_BUFFER_M` so the layer is polygons. An empty
    layer keeps ``empty_type``. Missing (null) geometries stay missing.
    """

    geometry = frame.geometry
    present = geometry[geometry.notna() & ~geometry.is_empty]
    if present.empty:
        return frame, empty_type
    kinds = set(present.geom_type)
    families = {_FAMILIES.get(kind, "Polygon") for kind in kinds}
    if len(families) > 1 or not kinds <= set(_FAMILIES):
        not_polygonal = ~present.geom_type.isin(["Polygon", "MultiPolygon"])
        log.warning("layer %s mixes geometry types (%s): %d non-polygon geometries drawn as %.0f m buffers",
                    layer, ", ".join(sorted(kinds)), int(not_polygonal.sum()), MIXED_GEOMETRY_BUFFER_M)
        frame = frame.copy()
        frame.loc[not_polygonal[not_polygonal].index, frame.geometry.name] = (
            present[not_polygonal].buffer(MIXED_GEOMETRY_BUFFER_M))
        geometry = frame.geometry
        present = geometry[geometry.notna() & ~geometry.is_empty]
        kinds = set(present.geom_type)
        families = {"Polygon"}
    family = families.pop()
    if len(kinds) == 1:
        return frame, kinds.pop()
    multi = {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString,
             "Polygon": shapely.MultiPolygon}[family]
    promoted = geometry.map(
        lambda g: multi([g]) if g is not None and not g.is_empty and not g.geom_type.startswith("Multi") else g)
    frame = frame.set_geometry(gpd.GeoSeries(promoted, index=frame.index, crs=frame.crs), crs=frame.crs)
    return frame, f"Multi{family}"


def _has_geometry(frame: pd.DataFrame) -> bool:
    return isinstance(frame, gpd.GeoDataFrame) and getattr(frame, "_geometry_column_name", None) in frame.columns


def write_gpkg_layers(layers: dict[str, pd.DataFrame], path: str | os.PathLike, *,
                      geometry_types: dict[str, str] | None = None, metadata: str | None = None,
                      finish: Callable[[Path, dict[str, str | None]], None] | None = None) -> dict[str, str]:
    """Write several layers to one GeoPackage 1.3 atomically.

    Every spatial layer gets one geometry type (see :func:`single_geometry_type`); an empty layer
    gets its type from ``geometry_types`` (GDAL names such as ``"MultiPolygon"``). A plain
    DataFrame becomes an attribute table. ``metadata`` (YAML text, e.g. the provenance) is stored
    for the whole GeoPackage in ``gpkg_metadata`` (see :func:`add_gpkg_metadata`). Returns the
    geometry type per layer (``None`` for attribute tables).
    """
    import pyogrio

    from warmtekans.core.progress import progress

    written: dict[str, str | None] = {}
    with atomic_path(path) as tmp:
        for index, (name, frame) in enumerate(progress(layers.items(), total=len(layers), what="GeoPackage layers")):
            options: dict = {"dataset_options": {"VERSION": GPKG_VERSION}} if index == 0 else {}
            if _has_geometry(frame):
                frame, kind = single_geometry_type(frame, empty_type=(geometry_types or {}).get(name, "Unknown"),
                                                   layer=name)
                pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", geometry_type=kind,
                                        promote_to_multi=False, **options)
                written[name] = kind
            else:
                pyogrio.write_dataframe(pd.DataFrame(frame), tmp, layer=name, driver="GPKG", **options)
                written[name] = None
        if finish is not None:  # e.g. the QGIS styles and layer descriptions (outputs.styles.add_styles)
            finish(tmp, written)
        if metadata:
            add_gpkg_metadata(tmp, metadata)
    return written


#: ``md_standard_uri`` of the warmtekans provenance row in ``gpkg_metadata``.
METADATA_URI = "urn:warmtekans:herkomst:1"


METADATA_MIME = "application/yaml"


_METADATA_DDL = [
    "CREATE TABLE IF NOT EXISTS gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, "
    "md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, "
    "mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, "
    "column_name TEXT, row_id_value INTEGER, timestamp DATETIME NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, md_parent_id INTEGER, "
    "CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), "
    "CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))",
]


def add_gpkg_metadata(gpkg: str | os.PathLike, text: str, *, timestamp: str = "2000-01-01T00:00:00.000Z") -> None:
    """Store ``text`` (YAML) as GeoPackage-wide metadata (metadata extension, scope ``geopackage``).

    A row of our own standard (:data:`METADATA_URI`) rather than GDAL's XML: GDAL shows it as the
    dataset metadata item ``GPKG_METADATA_ITEM_<id>`` (``ogrinfo -so``, ``pyogrio.read_info``) and,
    unlike GDAL-format metadata, reading the file never leaves a ``.aux.xml`` beside it.
    """
    import sqlite3

    with sqlite3.connect(gpkg) as connection:
        for statement in _METADATA_DDL:
            connection.execute(statement)
        for table in ("gpkg_metadata", "gpkg_metadata_reference"):
            connection.execute(
                "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                "SELECT ?, NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec120/#extension_metadata', "
                "'read-write' WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = ? "
                "AND extension_name = 'gpkg_metadata')", (table, table))
        cursor = connection.execute("INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                                    "VALUES ('dataset', ?, ?, ?)", (METADATA_URI, METADATA_MIME, text))
        connection.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, "
                           "row_id_value, timestamp, md_file_id, md_parent_id) "
                           "VALUES ('geopackage', NULL, NULL, NULL, ?, ?, NULL)", (timestamp, cursor.lastrowid))


def read_gpkg_metadata(gpkg: str | os.PathLike) -> list[str]:
    """The texts of the warmtekans metadata rows of a GeoPackage (empty when there are none)."""
    import sqlite3

    with sqlite3.connect(f"file:{Path(gpkg)}?mode=ro", uri=True) as connection:
        present = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_metadata'").fetchone()
        if not present:
            return []
        return [row[0] for row in connection.execute(
            "SELECT metadata FROM gpkg_metadata WHERE md_standard_uri = ? ORDER BY id", (METADATA_URI,))]
