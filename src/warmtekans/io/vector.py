"""Reading vector layers in any CRS that transforms to RD New, with checks that name the file and layer."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from warmtekans.core.crs import RD_CRS
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityEntry
from warmtekans.io.files import container_hint, gdal_path

#: Generous lon/lat box around the Netherlands (degrees): a layer in another CRS than RD whose
#: data lie wholly outside it has coordinates that cannot be in its stated CRS.
NL_LONLAT_DOMAIN = (-2.0, 47.0, 12.0, 57.0)


#: Geometry families a reader can ask for, with the OGR types that belong to each.
GEOMETRY_FAMILIES = {
    "point": ("Point", "MultiPoint"),
    "line": ("LineString", "MultiLineString", "LinearRing"),
    "polygon": ("Polygon", "MultiPolygon"),
}


def bbox_in_crs(bbox: tuple[float, float, float, float], crs, *, path=None,
                layer=None) -> tuple[float, float, float, float]:
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
    from warmtekans.core.crs import crs_text as _crs_text

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
    count_null_geometries: bool = False,
) -> gpd.GeoDataFrame:
    """Read a vector layer, filtered to the RD New ``bbox`` in the layer's own CRS, and bring it to RD New.

    ``bbox`` (m, EPSG:28992) is transformed to the layer's CRS before filtering, so layers in
    EPSG:4326, 3857 or RD select the same area. Rows without geometry are dropped (counted);
    with ``geometry`` ('point', 'line', 'polygon') rows of another family are dropped when some
    are, and the layer is refused when none is of that family. Gzipped files are read through
    GDAL's /vsigzip/ whatever their name. GDAL's bbox filter skips rows without geometry
    silently; with ``count_null_geometries`` (small layers: zones, sources) those of the whole
    layer are counted too, as dropped.

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
    if bbox is not None and count_null_geometries:
        _count_null_outside_bbox(source, layer_kwargs, path=path, layer=layer, quality=quality)
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


def _count_null_outside_bbox(source, layer_kwargs, *, path, layer, quality) -> None:
    """Count (and log) the rows of the whole layer without geometry, which a bbox filter never returns."""
    import logging

    import pyogrio

    try:
        everything = pyogrio.read_dataframe(source, columns=[], read_geometry=True, **layer_kwargs)
    except Exception:  # noqa: BLE001 - the bbox read succeeded; this count is a check on top
        return
    missing = everything.geometry.isna() | everything.geometry.is_empty
    if missing.any():
        logging.getLogger(__name__).warning("%s%s: %d rows without geometry (NULL or empty) left out", path,
                                            f" ({layer})" if layer else "", int(missing.sum()))
        if quality is not None:
            quality.drop("geen geometrie (NULL of leeg)", int(missing.sum()),
                         examples=[f"rij {i + 1}" for i in np.flatnonzero(missing.to_numpy())[:5]])


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
