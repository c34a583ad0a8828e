"""Reading and atomically writing processed data (GeoParquet) and results (GeoPackage)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from warmtekans import RD_CRS
from warmtekans.errors import InputError

if TYPE_CHECKING:
    from warmtekans.quality import QualityEntry


#: Files SQLite/GDAL may keep next to a GeoPackage while writing it.
_SIDECARS = ("-journal", "-wal", "-shm")


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.tmp-"


def stale_temporaries(target: str | os.PathLike) -> list[Path]:
    """Temporary siblings of ``target`` left by a write that was killed (``.name.tmp-XXXX…`` and sidecars).

    Also the older ``.stem.XXXXXXXX.suffix`` names of warmtekans before temporaries carried ``.tmp-``.
    """
    target = Path(target)
    if not target.parent.is_dir():
        return []
    legacy = re.compile(rf"\.{re.escape(target.stem)}\.[a-z0-9_]{{8}}{re.escape(target.suffix)}"
                        rf"({'|'.join(_SIDECARS)})?")
    return sorted(p for p in target.parent.iterdir()
                  if p.name.startswith(_temp_prefix(target)) or legacy.fullmatch(p.name))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only on success.

    A job that fails half-way therefore never leaves a half-written output behind. A job that
    was *killed* (kill -9, power cut) cannot clean up; its temporary files are removed the next
    time the same output is written, so a rerun leaves no hidden files behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in stale_temporaries(target):
        _remove(stale)
    fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in _SIDECARS)):
            if leftover.exists():
                _remove(leftover)


def write_parquet(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a (Geo)DataFrame as (Geo)Parquet, atomically."""
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False)


def read_geoparquet(path: str | os.PathLike, columns: list[str] | None = None) -> gpd.GeoDataFrame:
    """Read a GeoParquet file written by this workflow; with ``columns`` only those of them the file has, and
    its geometry (faster for wide tables)."""
    if columns is None:
        return gpd.read_parquet(path)
    import json

    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    geometry = json.loads(schema.metadata[b"geo"])["primary_column"]
    wanted = [name for name in dict.fromkeys([*columns, geometry]) if name in schema.names]
    return gpd.read_parquet(path, columns=wanted)


#: Generous lon/lat box around the Netherlands (degrees): a layer in another CRS than RD whose
#: data lie wholly outside it has coordinates that cannot be in its stated CRS.
NL_LONLAT_DOMAIN = (-2.0, 47.0, 12.0, 57.0)

#: Geometry families a reader can ask for, with the OGR types that belong to each.
GEOMETRY_FAMILIES = {
    "point": ("Point", "MultiPoint"),
    "line": ("LineString", "MultiLineString", "LinearRing"),
    "polygon": ("Polygon", "MultiPolygon"),
}


def sniff_file(path: str | os.PathLike) -> str | None:
    """The container a file really is, from its first bytes: ``gzip``, ``zip``, ``xlsx``, ``bzip2`` or None."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if b"[Content_Types].xml" in head or b"xl/" in head else "zip"
    return None


def container_hint(kind: str | None, path: Path, expected: str) -> str:
    """A sentence telling what a file really is and what to do about it."""
    if kind == "xlsx":
        return (f"is an Excel workbook (xlsx), not {expected}; open it in Excel/LibreOffice and save it as "
                f"'CSV (puntkomma-gescheiden)', or export the original file again")
    if kind == "zip":
        return f"is a zip archive, not {expected}; unzip it and point the config at the file inside"
    if kind == "bzip2":
        return f"is bzip2-compressed; decompress it (bunzip2) or recompress with gzip, then point the config at it"
    return f"cannot be read as {expected}"


def gdal_path(path: Path) -> tuple[str, str | None]:
    """The path GDAL should open, and the container found (gzip files are read through /vsigzip/)."""
    kind = sniff_file(path)
    if kind == "gzip":
        return f"/vsigzip/{path.resolve()}", kind
    return str(path), kind


def bbox_in_crs(bbox: tuple[float, float, float, float], crs, *, path=None, layer=None) -> tuple[float, float, float, float]:
    """An RD New bounding box (m) expressed in ``crs``: the box around its densified outline."""
    from pyproj import CRS, Transformer

    target = CRS.from_user_input(crs)
    if target.to_epsg() == 28992:
        return tuple(bbox)
    try:
        transformer = Transformer.from_crs(RD_CRS, target, always_xy=True)
        out = transformer.transform_bounds(*bbox, densify_pts=21)
    except Exception as exc:  # noqa: BLE001 - pyproj raises several kinds
        raise InputError(f"the area cannot be expressed in the layer's CRS ({_crs_label(target)}): {exc}",
                         path=path, layer=layer) from exc
    if not np.all(np.isfinite(out)):
        raise InputError(f"the area cannot be expressed in the layer's CRS ({_crs_label(target)})", path=path,
                         layer=layer)
    return tuple(float(v) for v in out)


def _crs_label(crs) -> str:
    from warmtekans.quality import _crs_text

    return _crs_text(crs)


def check_coordinates(bounds, crs, *, path=None, layer=None) -> None:
    """Refuse coordinates that cannot be in the layer's stated CRS.

    Geographic CRSs need longitudes within ±180 and latitudes within ±90; a layer in any other
    CRS than RD must lie (after transformation) at least partly in a generous box around the
    Netherlands (:data:`NL_LONLAT_DOMAIN`). RD layers are taken as stated.
    """
    from pyproj import CRS, Transformer

    crs = CRS.from_user_input(crs)
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    label = _crs_label(crs)
    if not all(np.isfinite([minx, miny, maxx, maxy])):
        raise InputError(f"has coordinates that are not finite numbers (infinite or NaN) in its CRS {label}",
                         path=path, layer=layer)
    if crs.to_epsg() == 28992:
        return
    example = f"x {minx:.6g}..{maxx:.6g}, y {miny:.6g}..{maxy:.6g}"
    if crs.is_geographic and (min(minx, miny) < -180 or maxx > 180 or abs(miny) > 90 or abs(maxy) > 90):
        raise InputError(
            f"says its CRS is {label} (longitude/latitude in degrees), but its coordinates ({example}) cannot be "
            "degrees; they look like metres, e.g. RD New (EPSG:28992). Set the right CRS on the layer "
            "(e.g. ogr2ogr -a_srs EPSG:28992)", path=path, layer=layer)
    try:
        lon_lat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform_bounds(
            minx, miny, maxx, maxy, densify_pts=5)
    except Exception:  # noqa: BLE001
        lon_lat = (np.inf,) * 4
    if not all(np.isfinite(lon_lat)):
        raise InputError(f"its coordinates ({example}) cannot be transformed from its CRS {label}: they are not "
                         "valid in that CRS; check which CRS the data really are in", path=path, layer=layer)
    west, south, east, north = NL_LONLAT_DOMAIN
    if lon_lat[2] < west or lon_lat[0] > east or lon_lat[3] < south or lon_lat[1] > north:
        raise InputError(
            f"its coordinates ({example}) in its stated CRS {label} lie at lon {lon_lat[0]:.2f}..{lon_lat[2]:.2f}, "
            f"lat {lon_lat[1]:.2f}..{lon_lat[3]:.2f}, far outside the Netherlands; the data are probably in another "
            "CRS than stated (RD New numbers labelled as another CRS?)", path=path, layer=layer)


def read_vector(
    path: str | os.PathLike,
    *,
    layer: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    columns: list[str] | None = None,
    what: str = "input",
    geometry: str | None = None,
    quality: "QualityEntry | None" = None,
) -> gpd.GeoDataFrame:
    """Read a vector layer, filtered to the RD New ``bbox`` in the layer's own CRS, and bring it to RD New.

    ``bbox`` (m, EPSG:28992) is transformed to the layer's CRS before filtering, so layers in
    EPSG:4326, 3857 or RD select the same area. Rows without geometry are dropped (counted);
    with ``geometry`` ('point', 'line', 'polygon') rows of another family are dropped when some
    are, and the layer is refused when none is of that family. Gzipped files are read through
    GDAL's /vsigzip/ whatever their name.

    Raises :class:`InputError` naming the file and layer when the file is missing, is not a
    vector file (with a hint for xlsx, zip, bzip2), the layer does not exist, the data have no
    CRS, or their coordinates cannot be in the stated CRS.
    """
    import pyogrio

    path = Path(path)
    if not path.exists():
        raise InputError(f"the {what} file does not exist", path=path)
    if path.is_dir():
        raise InputError(f"is a directory, not a {what} file", path=path)
    source, kind = gdal_path(path)
    try:
        listed = pyogrio.list_layers(source)
    except Exception as exc:  # noqa: BLE001 - GDAL raises many kinds
        if kind in ("xlsx", "zip", "bzip2"):
            raise InputError(container_hint(kind, path, f"a vector file (the {what})"), path=path) from exc
        raise InputError(f"cannot be opened as a vector file ({exc})", path=path) from exc
    layers = [name for name, _ in listed]
    if layer is not None and layer not in layers:
        raise InputError(
            f"has no layer '{layer}' (the {what}); layers present: {', '.join(layers)}",
            path=path,
        )
    spatial = [name for name, geometry_type in listed if geometry_type is not None]
    if layer is None and len(spatial) > 1:
        raise InputError(f"has {len(spatial)} layers with geometry ({', '.join(spatial)}); say which one holds the "
                         f"{what} with 'layer:' in the config", path=path)
    layer_kwargs = {"layer": layer} if layer is not None else {}
    info = pyogrio.read_info(source, **layer_kwargs)
    layer = layer if layer is not None else info.get("layer_name")  # named in every message below
    crs = info.get("crs")
    if crs is None:
        raise InputError(
            "has no coordinate reference system; expected RD New (EPSG:28992) "
            "or any CRS that can be transformed to it",
            path=path,
            layer=layer,
        )
    _check_transformable(crs, path=path, layer=layer)
    if quality is not None:
        quality.crs = _crs_label(crs)
        if kind == "gzip":
            quality.note("gzip-gecomprimeerd bestand gelezen via /vsigzip/")
    read_kwargs = dict(layer_kwargs)
    if bbox is not None:
        read_kwargs["bbox"] = bbox_in_crs(bbox, crs, path=path, layer=layer)
    if columns is not None:
        present = set(info["fields"])
        read_kwargs["columns"] = [c for c in columns if c in present]
    try:
        frame = gpd.read_file(source, engine="pyogrio", **read_kwargs)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"cannot be read ({exc})", path=path, layer=layer) from exc
    if quality is not None:
        quality.read(len(frame))
    frame = _drop_empty_geometries(frame, path=path, layer=layer, quality=quality)
    if geometry is not None:
        frame = keep_geometry_family(frame, geometry, path=path, layer=layer, what=what, quality=quality)
    if len(frame):
        check_coordinates(frame.total_bounds, crs, path=path, layer=layer)
    elif bbox is not None:
        _check_layer_extent(source, layer_kwargs, crs, path=path, layer=layer, quality=quality)
    return to_rd(frame, path=path, layer=layer)


def _check_transformable(crs, *, path=None, layer=None) -> None:
    """Refuse a CRS for which no transformation to RD New exists."""
    from pyproj import CRS, Transformer

    try:
        Transformer.from_crs(CRS.from_user_input(crs), RD_CRS, always_xy=True)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"its CRS ({_crs_label(crs)}) cannot be transformed to RD New ({exc})", path=path,
                         layer=layer) from exc


def _drop_empty_geometries(frame: gpd.GeoDataFrame, *, path, layer, quality) -> gpd.GeoDataFrame:
    """Drop rows whose geometry is NULL or empty (counted; logged)."""
    if "geometry" not in frame or frame.empty:
        return frame
    empty = frame.geometry.isna() | frame.geometry.is_empty
    if empty.any():
        import logging

        logging.getLogger(__name__).warning("%s%s: dropped %d rows without geometry", path,
                                            f" ({layer})" if layer else "", int(empty.sum()))
        if quality is not None:
            quality.drop("geen geometrie (NULL of leeg)", int(empty.sum()),
                         examples=[f"rij {i + 1}" for i in np.flatnonzero(empty.to_numpy())[:5]])
        frame = frame[~empty]
    return frame


def keep_geometry_family(frame: gpd.GeoDataFrame, family: str, *, path=None, layer=None, what="input",
                         quality=None) -> gpd.GeoDataFrame:
    """Keep rows of geometry ``family``; refuse a layer with none of them, count the others dropped."""
    if frame.empty:
        return frame
    types = frame.geometry.geom_type
    wanted = types.isin(GEOMETRY_FAMILIES[family])
    if not wanted.any():
        found = ", ".join(f"{count} {name}" for name, count in types.value_counts().sort_index().items())
        raise InputError(f"the {what} must be {family} geometries, but the layer holds {found}",
                         path=path, layer=layer)
    if not wanted.all():
        other = types[~wanted]
        if quality is not None:
            quality.drop(f"geen {family}-geometrie", int((~wanted).sum()), examples=sorted(set(other))[:5])
        frame = frame[wanted]
    return frame


def _check_layer_extent(source, layer_kwargs, crs, *, path, layer, quality) -> None:
    """Nothing in the area: refuse when the layer's whole extent cannot be in its CRS, else note it."""
    import pyogrio

    try:
        info = pyogrio.read_info(source, force_total_bounds=True, **layer_kwargs)
    except Exception:  # noqa: BLE001
        return
    bounds = info.get("total_bounds")
    if info.get("features", 0) and bounds is not None and np.all(np.isfinite(bounds)):
        check_coordinates(bounds, crs, path=path, layer=layer)
        if quality is not None:
            quality.note(f"0 van {info['features']} objecten liggen in het gebied")


def to_rd(frame: gpd.GeoDataFrame, *, path=None, layer=None) -> gpd.GeoDataFrame:
    """Reproject to EPSG:28992, refusing data without a CRS or that become non-finite."""
    if frame.crs is None:
        raise InputError(
            "has no coordinate reference system; expected RD New (EPSG:28992) "
            "or any CRS that can be transformed to it",
            path=path,
            layer=layer,
        )
    if frame.crs.to_epsg() != 28992:
        label = _crs_label(frame.crs)
        try:
            frame = frame.to_crs(RD_CRS)
        except Exception as exc:  # noqa: BLE001
            raise InputError(
                f"its CRS ({frame.crs.name}) cannot be transformed to RD New ({exc})",
                path=path,
                layer=layer,
            ) from exc
        if len(frame) and not np.all(np.isfinite(frame.total_bounds)):
            coords = shapely.get_coordinates(frame.geometry.values)
            bad = int((~np.isfinite(coords)).any(axis=1).sum())
            raise InputError(f"{bad} coordinates become infinite or NaN when transformed from its CRS {label} to "
                             "RD New: they cannot be in that CRS", path=path, layer=layer)
    return frame


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
    (points, lines and polygons, e.g. streets drawn as the hull of their addresses), every
    non-polygon is buffered by :data:`MIXED_GEOMETRY_BUFFER_M` so the layer is polygons. An empty
    layer keeps ``empty_type``. Missing (null) geometries stay missing.
    """
    import shapely

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
    multi = {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString, "Polygon": shapely.MultiPolygon}[family]
    promoted = geometry.map(lambda g: multi([g]) if g is not None and not g.is_empty and not g.geom_type.startswith("Multi") else g)
    frame = frame.set_geometry(gpd.GeoSeries(promoted, index=frame.index, crs=frame.crs), crs=frame.crs)
    return frame, f"Multi{family}"


def _has_geometry(frame: pd.DataFrame) -> bool:
    return isinstance(frame, gpd.GeoDataFrame) and getattr(frame, "_geometry_column_name", None) in frame.columns


def write_gpkg_layers(layers: dict[str, pd.DataFrame], path: str | os.PathLike, *,
                      descriptions: dict[str, str] | None = None, styles: bool = True,
                      geometry_types: dict[str, str] | None = None,
                      metadata: str | None = None) -> dict[str, str]:
    """Write several layers to one GeoPackage 1.3 atomically, with QGIS styles and layer descriptions.

    Every spatial layer gets one geometry type (see :func:`single_geometry_type`); an empty layer
    gets its type from ``geometry_types`` (GDAL names such as ``"MultiPolygon"``). A plain
    DataFrame becomes an attribute table. ``metadata`` (YAML text, e.g. the provenance) is stored
    for the whole GeoPackage in ``gpkg_metadata`` (see :func:`add_gpkg_metadata`). Returns the
    geometry type per layer (``None`` for attribute tables).
    """
    import pyogrio

    from warmtekans.progress import progress
    from warmtekans.styles import add_styles

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
        if styles:
            add_styles(tmp, descriptions, geometry_types=written)
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
