"""The two A3 maps of a regio: per buurt the share of dwellings advised a collective option, and per buurt the
heat density (GJ/ha/yr), each with the gemeente borders and names and a legend.

A3 landscape at 200 dpi (3 308 × 2 338 px) in the page layout of every warmtekans map
(:mod:`warmtekans.outputs.mapframe`): title on top, map on the left, legend panel on the right, scale
bar, north arrow and source line underneath, and a world file (``.pgw``) beside the PNG.
Gemeente names are written largest gemeente first; a name that would overlap one already written is
tried above and below its spot, then smaller, and left out (logged) when it still does not fit.
"""
from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.patheffects as path_effects  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from warmtekans.core.atomic import atomic_path  # noqa: E402
from warmtekans.outputs import colours  # noqa: E402
from warmtekans.outputs.mapframe import (  # noqa: E402
    A3_LANDSCAPE_IN,
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

log = logging.getLogger(__name__)


#: Gemeente names: first try, then the smaller size where the first does not fit (points).
GEMEENTE_FONT_PT = (10.0, 7.5)


BORDER = "#263238"


#: Buurt borders: thin grey, visible on the palest class and between two buurten of one class.
BUURT_EDGE = "#8d9ca4"


BUURT_EDGE_PT = 0.35


def _map_box_in() -> tuple[float, float]:
    return MAP_BOX[2] * A3_LANDSCAPE_IN[0], MAP_BOX[3] * A3_LANDSCAPE_IN[1]


def _anchors(geometry) -> list:
    """Points inside a gemeente to try for its name, best first: the pole of inaccessibility (the point
    farthest from its border), the representative point, the centroid when inside."""
    from shapely.ops import polylabel

    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    points = []
    try:
        points.append(polylabel(largest, tolerance=max(largest.length / 500, 1.0)))
    except Exception as exc:  # noqa: BLE001 - polylabel refuses some invalid rings; the other points remain
        log.debug("no pole of inaccessibility: %s", exc)
    points.append(geometry.representative_point())
    if geometry.contains(geometry.centroid):
        points.append(geometry.centroid)
    return points


def _overlap(box, boxes) -> float:
    """Area of ``box`` (minx, miny, maxx, maxy) covered by ``boxes`` (summed)."""
    return sum(max(0.0, min(box[2], b[2]) - max(box[0], b[0])) * max(0.0, min(box[3], b[3]) - max(box[1], b[1]))
               for b in boxes)


def place_gemeente_labels(gemeenten: gpd.GeoDataFrame, metres_per_inch: float,
                          extent: tuple[float, float, float, float]) -> list[tuple[float, float, str, float]]:
    """Where to write each gemeente's name: ``(x, y, name, font size)``, largest gemeente first.

    Every gemeente is named. A name goes on a point inside its gemeente (:func:`_anchors`); where it would
    overlap a name already placed it is tried a line higher or lower and half its width to either side,
    then at the smaller size of :data:`GEMEENTE_FONT_PT`. When no spot is free, the smaller name goes where
    it overlaps least (logged).
    """
    placed: list[tuple[float, float, str, float]] = []
    boxes: list[tuple[float, float, float, float]] = []
    if gemeenten is None or gemeenten.empty:
        return placed
    order = gemeenten.assign(_area=gemeenten.geometry.area).sort_values(["_area", "gemeentecode"],
                                                                       ascending=[False, True], kind="stable")
    for row in order.itertuples():
        if row.geometry is None or row.geometry.is_empty:
            continue
        name = str(row.gemeentenaam)
        anchors = _anchors(row.geometry)
        best = None  # (overlap, box, size)
        for size in GEMEENTE_FONT_PT:
            half_w = len(name) * size / 72 * 0.62 * metres_per_inch / 2
            half_h = size / 72 * 1.35 * metres_per_inch / 2
            for point in anchors:
                for dx, dy in ((0, 0), (0, 2), (0, -2), (-1, 0), (1, 0), (-1, 2), (1, 2), (-1, -2), (1, -2)):
                    x, y = point.x + dx * half_w, point.y + dy * half_h
                    box = (x - half_w, y - half_h, x + half_w, y + half_h)
                    if box[0] < extent[0] or box[2] > extent[2] or box[1] < extent[1] or box[3] > extent[3]:
                        continue
                    overlap = _overlap(box, boxes)
                    if best is None or overlap < best[0]:
                        best = (overlap, box, size)
                    if overlap == 0:
                        break
                if best is not None and best[0] == 0:
                    break
            if best is not None and best[0] == 0:
                break
        if best is None:
            log.info("gemeente name '%s' left off the map: it would run off the map", name)
            continue
        overlap, box, size = best
        if overlap > 0:
            log.info("gemeente name '%s' overlaps another name: no free spot", name)
        boxes.append(box)
        placed.append(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, name, size))
    return placed


def _page(path: Path, *, buurten: gpd.GeoDataFrame, fills: list[str], gemeenten: gpd.GeoDataFrame, title: str,
          subtitle: str, handles: list, legend_title: str, notes: str,
          source: str) -> tuple[float, float, float, float]:
    """Draw one A3 province map: buurten in ``fills``, gemeente borders and names, the legend; save PNG + .pgw."""
    fig = new_figure(A3_LANDSCAPE_IN)
    box_w_in, box_h_in = _map_box_in()
    bounds = tuple(gemeenten.total_bounds) if not gemeenten.empty else tuple(buurten.total_bounds)
    extent = fit_extent(bounds, box_w_in, box_h_in, pad_share=0.03)
    metres_per_inch = (extent[2] - extent[0]) / box_w_in
    ax = fig.add_axes(MAP_BOX)
    if not buurten.empty:
        buurten.plot(ax=ax, color=fills, edgecolor=BUURT_EDGE, linewidth=BUURT_EDGE_PT, zorder=1)
    if not gemeenten.empty:
        gemeenten.boundary.plot(ax=ax, color=BORDER, linewidth=1.1, zorder=2)
    frame_axes(ax, extent)
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
    for x, y, name, size in place_gemeente_labels(gemeenten, metres_per_inch, extent):
        ax.text(
            x,
            y,
            name,
            fontsize=size,
            fontweight="bold",
            color=BORDER,
            ha="center",
            va="center",
            zorder=5,
            clip_on=True,
            path_effects=[path_effects.withStroke(linewidth=3.2, foreground="white")],
        )
    fig.text(MAP_BOX[0], 0.982, title, fontsize=20, fontweight="bold", va="top")
    fig.text(MAP_BOX[0], 0.945, subtitle, fontsize=10.5, color="#455a64", va="top")
    panel = fig.add_axes(LEGEND_BOX)
    panel.axis("off")
    handles = handles + [
        Line2D([0], [0], color=BORDER, linewidth=1.4, label="gemeentegrens"),
        Line2D([0], [0], color=BUURT_EDGE, linewidth=0.8, label="buurtgrens"),
    ]
    panel.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, 1),
        fontsize=10,
        frameon=False,
        title=legend_title,
        title_fontsize=11,
        alignment="left",
        handlelength=2.2,
        handleheight=1.4,
        labelspacing=0.7,
    )
    panel.text(0, 0.02, notes, fontsize=9, color="#37474f", va="bottom", linespacing=1.45, wrap=True)
    page_margin(fig, extent, MAP_BOX, source)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=DPI, format="png")
    with atomic_path(Path(path).with_suffix(".pgw")) as tmp:
        tmp.write_text(world_file_text(extent, map_box_px(A3_LANDSCAPE_IN)), encoding="ascii")
    return extent


def _count_text(buurten_count: int, dwellings: int) -> str:
    """The second line of a legend entry: how many buurten and dwellings are in the class."""
    return f"\n{buurten_count} {'buurt' if buurten_count == 1 else 'buurten'}, {colours.dwellings_text(dwellings)}"


def _percent(value: float) -> str:
    return "–" if not np.isfinite(value) else f"{100 * value:.0f} %"


def collective_share_map(
    path: str | Path,
    *,
    buurten: gpd.GeoDataFrame,
    gemeenten: gpd.GeoDataFrame,
    title: str,
    totals: dict[str, float],
    source: str,
) -> tuple[float, float, float, float]:
    """The A3 map of the share of each buurt's dwellings advised a collective option (``aandeel_collectief``),
    in :data:`~warmtekans.outputs.colours.COLLECTIVE_SHARE_CLASSES`; ``totals`` are the regio's counts
    (``n_woningen``, ``n_mini``, ``n_kleinschalig``, ``n_grootschalig``, ``n_collectief``)."""
    from warmtekans.outputs.province import COLLECTIVE_SHARE

    classes = colours.share_class(pd.to_numeric(buurten[COLLECTIVE_SHARE], errors="coerce"))
    palette = [colour for _, _, colour, _ in colours.COLLECTIVE_SHARE_CLASSES]
    fills = [palette[c] if c >= 0 else colours.NO_DWELLINGS for c in classes]
    dwellings = pd.to_numeric(buurten["n_woningen"], errors="coerce").fillna(0).astype(int).to_numpy()
    handles = [
        Patch(
            facecolor=colour,
            edgecolor="#616161",
            linewidth=0.5,
            label=f"{label}{_count_text(int((classes == i).sum()), int(dwellings[classes == i].sum()))}",
        )
        for i, (_, _, colour, label) in enumerate(colours.COLLECTIVE_SHARE_CLASSES)
    ]
    empty = int((classes < 0).sum())
    if empty:
        handles.append(
            Patch(
                facecolor=colours.NO_DWELLINGS,
                edgecolor="#616161",
                linewidth=0.5,
                label=f"geen woningen\n{empty} {'buurt' if empty == 1 else 'buurten'}",
            )
        )
    total = float(totals.get("n_woningen", 0))

    def share(name: str) -> float:
        return float(totals.get(name, 0)) / total if total else float("nan")

    notes = (
        f"{len(gemeenten)} gemeenten, {colours.dwellings_text(int(total))}\n"
        f"Advies collectief: {_percent(share('n_collectief'))} van de woningen:\n"
        f"  miniwarmtenet {_percent(share('n_mini'))}\n  kleinschalig warmtenet {_percent(share('n_kleinschalig'))}\n"
        f"  grootschalig warmtenet {_percent(share('n_grootschalig'))}\n\n"
        "Collectief: het goedkoopste haalbare advies\nvoor de woning is een miniwarmtenet of een\n"
        "klein- of grootschalig warmtenet.\nPer gemeente: gemeenten.md en de kaart.html\nvan elke gemeente."
    )
    return _page(
        Path(path),
        buurten=buurten,
        fills=fills,
        gemeenten=gemeenten,
        title=title,
        subtitle="Aandeel woningen per buurt met advies voor een collectieve optie "
        "(miniwarmtenet, kleinschalig of grootschalig warmtenet)",
        handles=handles,
        legend_title="Aandeel woningen met advies collectief",
        notes=notes,
        source=source,
    )


def heat_density_map(
    path: str | Path, *, buurten: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame, title: str, source: str
) -> tuple[float, float, float, float]:
    """The A3 map of each buurt's heat demand per hectare (``warmtedichtheid_gj_ha``) in the classes of
    :data:`~warmtekans.outputs.colours.HEAT_DENSITY_CLASSES`."""
    from warmtekans.outputs.province import HEAT_DENSITY
    from warmtekans.outputs.raster import classify_heat_density

    values = pd.to_numeric(buurten[HEAT_DENSITY], errors="coerce").to_numpy(dtype="float64")
    classes = classify_heat_density(values)
    palette = [colour for _, _, colour in colours.HEAT_DENSITY_CLASSES]
    fills = [palette[c] if c >= 0 else colours.NO_DWELLINGS for c in classes]
    dwellings = pd.to_numeric(buurten["n_woningen"], errors="coerce").fillna(0).astype(int).to_numpy()
    handles = [
        Patch(
            facecolor=colour,
            edgecolor="#616161",
            linewidth=0.5,
            label=f"{colours.heat_density_label(lower, upper)}"
            f"{_count_text(int((classes == i).sum()), int(dwellings[classes == i].sum()))}",
        )
        for i, (lower, upper, colour) in enumerate(colours.HEAT_DENSITY_CLASSES)
    ]
    empty = int((classes < 0).sum())
    if empty:
        handles.append(
            Patch(
                facecolor=colours.NO_DWELLINGS,
                edgecolor="#616161",
                linewidth=0.5,
                label=f"geen warmtevraag\n{empty} {'buurt' if empty == 1 else 'buurten'}",
            )
        )
    notes = (
        "Warmtevraag van woningen en utiliteit (GJ per jaar)\ngedeeld door de oppervlakte van de buurt\n"
        "(land en water): een gemiddelde over de buurt,\nlager dan in de drukste hectares.\n\n"
        "Klassengrenzen: 20, 50, 120 en 300 TJ/km²\n(Pan-European Thermal Atlas); 1 TJ/km² = 10 GJ/ha.\n"
        "Per hectare: warmtedichtheid.tif van elke gemeente."
    )
    return _page(
        Path(path),
        buurten=buurten,
        fills=fills,
        gemeenten=gemeenten,
        title=title,
        subtitle="Warmtedichtheid per buurt: warmtevraag per hectare (GJ/ha/jaar)",
        handles=handles,
        legend_title="Warmtedichtheid (GJ/ha/jaar)",
        notes=notes,
        source=source,
    )
