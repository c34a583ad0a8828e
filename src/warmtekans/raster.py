"""Heat-density raster: GJ per hectare per year on a 100 m grid aligned to RD New, as a Cloud-Optimised GeoTIFF."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import rasterio
import rasterio.shutil
from rasterio.enums import Resampling
from rasterio.transform import from_origin

from warmtekans.io import atomic_path

NODATA = -1.0


def grid_sum(points: gpd.GeoDataFrame, values: np.ndarray, *, cell_m: float = 100.0):
    """Sum ``values`` per cell of a grid aligned to multiples of ``cell_m`` in RD.

    Returns ``(array, transform)``; the array's rows run north to south.
    """
    x, y = points.geometry.x.to_numpy(), points.geometry.y.to_numpy()
    west = math.floor(x.min() / cell_m) * cell_m
    north = math.ceil((y.max() + 1e-9) / cell_m) * cell_m
    columns = int(math.floor((x.max() - west) / cell_m)) + 1
    rows = int(math.floor((north - y.min()) / cell_m)) + 1
    col = np.floor((x - west) / cell_m).astype(int)
    row = np.floor((north - y) / cell_m).astype(int)
    grid = np.zeros((rows, columns), dtype="float64")
    np.add.at(grid, (row, col), values)
    return grid, from_origin(west, north, cell_m, cell_m)


def write_heat_density(dwellings: gpd.GeoDataFrame, tif_path: str | Path, png_path: str | Path, *,
                       cell_m: float = 100.0, title: str = "") -> None:
    """Write the heat-density COG (GJ/ha/yr) and a PNG of it."""
    grid, transform = grid_sum(dwellings, dwellings["warmtevraag_gj"].to_numpy(dtype=float), cell_m=cell_m)
    per_hectare = grid / (cell_m * cell_m / 10_000.0)
    data = np.where(per_hectare > 0, per_hectare, NODATA).astype("float32")
    profile = {"driver": "GTiff", "height": data.shape[0], "width": data.shape[1], "count": 1, "dtype": "float32",
               "crs": "EPSG:28992", "transform": transform, "nodata": NODATA, "tiled": True, "blockxsize": 256,
               "blockysize": 256, "compress": "deflate"}
    with atomic_path(tif_path) as tmp:
        staging = tmp.with_name(tmp.stem + ".staging.tif")
        try:
            with rasterio.open(staging, "w", **profile) as dst:
                dst.write(data, 1)
                dst.update_tags(units="GJ per hectare per year", cell_size_m=str(cell_m))
                dst.set_band_description(1, "warmtevraag GJ/ha/jaar")
                factors = [f for f in (2, 4, 8, 16) if min(data.shape) / f >= 1] or [2]
                dst.build_overviews(factors, Resampling.average)
            # CreateCopy keeps the overviews built above, in COG layout (tiled, overviews after the header)
            rasterio.shutil.copy(staging, tmp, driver="COG", compress="deflate", blocksize=256,
                                 overviews="FORCE_USE_EXISTING")
        finally:
            staging.unlink(missing_ok=True)
    _png(np.ma.masked_equal(data, NODATA), transform, png_path, title=title)


def _png(data: np.ma.MaskedArray, transform, png_path: str | Path, *, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    west, north = transform.c, transform.f
    extent = (west, west + transform.a * data.shape[1], north + transform.e * data.shape[0], north)
    fig, ax = plt.subplots(figsize=(11.69, 8.27))
    image = ax.imshow(data, extent=extent, cmap="inferno_r", interpolation="nearest")
    fig.colorbar(image, ax=ax, label="warmtevraag (GJ per hectare per jaar)", shrink=0.8)
    ax.set_title(title or "Warmtedichtheid")
    ax.set_xlabel("RD x (m)")
    ax.set_ylabel("RD y (m)")
    ax.set_aspect("equal")
    fig.tight_layout()
    with atomic_path(png_path) as tmp:
        fig.savefig(tmp, dpi=110, format="png")
    plt.close(fig)
