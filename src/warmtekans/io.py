"""Reading and atomically writing processed data (GeoParquet) and results (GeoPackage)."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import geopandas as gpd
import pandas as pd

from warmtekans import RD_CRS
from warmtekans.errors import InputError


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only on success.

    A job that fails half-way therefore never leaves a half-written output behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_parquet(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a (Geo)DataFrame as (Geo)Parquet, atomically."""
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False)


def read_geoparquet(path: str | os.PathLike) -> gpd.GeoDataFrame:
    """Read a GeoParquet file written by this workflow."""
    return gpd.read_parquet(path)


def read_vector(
    path: str | os.PathLike,
    *,
    layer: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    columns: list[str] | None = None,
    what: str = "input",
) -> gpd.GeoDataFrame:
    """Read a vector file and bring it to RD New (EPSG:28992).

    Raises :class:`InputError` naming the file and layer when the file is missing,
    the layer does not exist, or the data has no CRS.
    """
    import pyogrio

    path = Path(path)
    if not path.exists():
        raise InputError(f"the {what} file does not exist", path=path)
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # noqa: BLE001 - GDAL raises many kinds
        raise InputError(f"cannot be opened as a vector file ({exc})", path=path) from exc
    if layer is not None and layer not in layers:
        raise InputError(
            f"has no layer '{layer}' (the {what}); layers present: {', '.join(layers)}",
            path=path,
        )
    read_kwargs = {"layer": layer} if layer is not None else {}
    if bbox is not None:
        read_kwargs["bbox"] = bbox
    if columns is not None:
        info = pyogrio.read_info(path, **({"layer": layer} if layer else {}))
        present = set(info["fields"])
        read_kwargs["columns"] = [c for c in columns if c in present]
    frame = gpd.read_file(path, engine="pyogrio", **read_kwargs)
    return to_rd(frame, path=path, layer=layer)


def to_rd(frame: gpd.GeoDataFrame, *, path=None, layer=None) -> gpd.GeoDataFrame:
    """Reproject to EPSG:28992, refusing data without a CRS."""
    if frame.crs is None:
        raise InputError(
            "has no coordinate reference system; expected RD New (EPSG:28992) "
            "or any CRS that can be transformed to it",
            path=path,
            layer=layer,
        )
    if frame.crs.to_epsg() != 28992:
        try:
            frame = frame.to_crs(RD_CRS)
        except Exception as exc:  # noqa: BLE001
            raise InputError(
                f"its CRS ({frame.crs.name}) cannot be transformed to RD New ({exc})",
                path=path,
                layer=layer,
            ) from exc
    return frame


def write_gpkg_layers(layers: dict[str, gpd.GeoDataFrame], path: str | os.PathLike, *,
                      descriptions: dict[str, str] | None = None, styles: bool = True) -> None:
    """Write several layers to one GeoPackage atomically, with QGIS styles and layer descriptions."""
    from warmtekans.styles import add_styles

    with atomic_path(path) as tmp:
        for name, frame in layers.items():
            frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
        if styles:
            add_styles(tmp, descriptions)
