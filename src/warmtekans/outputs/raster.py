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

from warmtekans.core.atomic import atomic_path

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
                       cell_m: float = 100.0, title: str = "", buurten: gpd.GeoDataFrame | None = None,
                       source: str = "") -> None:
    """Write the heat-density COG (GJ/ha/yr) and a classed PNG of it with buurt outlines."""
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
    _png(np.ma.masked_equal(data, NODATA), transform, png_path, title=title, buurten=buurten, source=source)


def classify_heat_density(values: np.ndarray) -> np.ndarray:
    """Class index (0…) per cell by :data:`warmtekans.outputs.colours.HEAT_DENSITY_CLASSES` (GJ/ha/yr); -1 where
    no value."""
    from warmtekans.outputs.colours import HEAT_DENSITY_CLASSES

    uppers = np.array([upper for _, upper, _ in HEAT_DENSITY_CLASSES[:-1]])
    classes = np.searchsorted(uppers, values, side="right")
    return np.where(np.isfinite(values) & (values > 0), classes, -1)


def _png(
    data: np.ma.MaskedArray,
    transform,
    png_path: str | Path,
    *,
    title: str,
    buurten: gpd.GeoDataFrame | None = None,
    source: str = "",
) -> None:
    """The classed heat-density map (A4, 200 dpi): classes with their GJ/ha bounds, buurt outlines and names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.patheffects as path_effects
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from warmtekans.outputs import colours
    from warmtekans.outputs.mapframe import (
        A4_LANDSCAPE_IN,
        DPI,
        LEGEND_BOX,
        MAP_BOX,
        fit_extent,
        frame_axes,
        map_box_px,
        new_figure,
        page_margin,
        world_file_text,
    )

    west, north = transform.c, transform.f
    extent = (west, west + transform.a * data.shape[1], north + transform.e * data.shape[0], north)
    bounds = (extent[0], extent[2], extent[1], extent[3])
    if buurten is not None and not buurten.empty:
        bx = buurten.total_bounds
        bounds = (min(bounds[0], bx[0]), min(bounds[1], bx[1]), max(bounds[2], bx[2]), max(bounds[3], bx[3]))
    box_w_in, box_h_in = MAP_BOX[2] * A4_LANDSCAPE_IN[0], MAP_BOX[3] * A4_LANDSCAPE_IN[1]
    view = fit_extent(bounds, box_w_in, box_h_in)
    classes = classify_heat_density(np.ma.filled(data.astype(float), np.nan))
    palette = [c for _, _, c in colours.HEAT_DENSITY_CLASSES]
    fig = new_figure()
    ax = fig.add_axes(MAP_BOX)
    ax.imshow(
        np.ma.masked_less(classes, 0),
        extent=extent,
        cmap=ListedColormap(palette),
        vmin=-0.5,
        vmax=len(palette) - 0.5,
        interpolation="nearest",
        zorder=1,
    )
    if buurten is not None and not buurten.empty:
        buurten.boundary.plot(ax=ax, color=colours.BUURT_EDGE, linewidth=0.9, zorder=2)
        for row in buurten.itertuples():
            point = row.geometry.representative_point()
            ax.text(
                point.x,
                point.y,
                str(row.buurtnaam),
                fontsize=8,
                fontweight="bold",
                color="#263238",
                ha="center",
                va="center",
                zorder=3,
                clip_on=True,
                path_effects=[path_effects.withStroke(linewidth=3, foreground="white")],
            )
    frame_axes(ax, view)
    fig.text(MAP_BOX[0], 0.982, title or "Warmtedichtheid", fontsize=15, fontweight="bold", va="top")
    fig.text(
        MAP_BOX[0],
        0.942,
        "Warmtevraag van woningen en utiliteit per cel van 100 × 100 m (1 ha), GJ per jaar",
        fontsize=8.5,
        color="#455a64",
        va="top",
    )
    counts = np.bincount(classes[classes >= 0].ravel(), minlength=len(palette))
    handles = [
        Patch(
            facecolor=c, edgecolor="#424242", linewidth=0.5, label=f"{colours.heat_density_label(lo, hi)} ({int(n)} ha)"
        )
        for (lo, hi, c), n in zip(colours.HEAT_DENSITY_CLASSES, counts)
    ]
    handles.append(Patch(facecolor="white", edgecolor="#9e9e9e", linewidth=0.5, label="geen warmtevraag"))
    panel = fig.add_axes(LEGEND_BOX)
    panel.axis("off")
    panel.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, 1),
        fontsize=7.5,
        frameon=False,
        title="Warmtedichtheid (GJ/ha/jaar)",
        title_fontsize=8.5,
        alignment="left",
    )
    panel.text(
        0,
        0.05,
        "Klassengrenzen: 20, 50, 120 en 300 TJ/km²\n(Pan-European Thermal Atlas);\n1 TJ/km² = 10 GJ/ha",
        fontsize=6.5,
        color="#555555",
        va="bottom",
    )
    page_margin(fig, view, MAP_BOX, source or "Bron: BAG (Kadaster), CBS Wijk- en Buurtkaart. Kaart: warmtekans")
    with atomic_path(png_path) as tmp:
        fig.savefig(tmp, dpi=DPI, format="png")
    with atomic_path(Path(png_path).with_suffix(".pgw")) as tmp:
        tmp.write_text(world_file_text(view, map_box_px()), encoding="ascii")
