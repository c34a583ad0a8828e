"""The page of every PNG map: A4 figure, map frame, extent, scale bar, margin text and source line."""

from __future__ import annotations

import math
import textwrap

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyArrow, Rectangle  # noqa: E402
from shapely.geometry import box  # noqa: E402

A4_LANDSCAPE_IN = (11.69, 8.27)


A3_LANDSCAPE_IN = (16.54, 11.69)


DPI = 200


#: Figure fractions (left, bottom, width, height) of the map, the legend panel and the margin.
MAP_BOX = (0.015, 0.085, 0.725, 0.83)


LEGEND_BOX = (0.755, 0.085, 0.23, 0.83)


MARGIN_Y = (0.0, 0.075)


#: How the inputs are credited on the source line (Dutch).
SOURCE_NAMES = {
    "bag": "BAG (Kadaster)",
    "buurten": "CBS Wijk- en Buurtkaart",
    "energielabels": "EP-online (RVO)",
    "drinkwater": "grondwaterbeschermingsgebieden",
    "archeologie": "archeologie",
    "riool": "GWSW (rioolbeheer gemeente)",
    "straten": "© OpenStreetMap-bijdragers (ODbL)",
    "warmtenet_gepland": "geplande warmtenetten",
    "bodemenergiesystemen": "bodemenergiesystemen",
    "wko_geschiktheid": "WKO-geschiktheid (WKO-tool)",
    "oppervlaktewater": "oppervlaktewater (TEO-potentie)",
    "puntbronnen": "puntbronnen restwarmte",
}


#: How a missing input is named (where its credit line would read oddly): OSM is credited as its contributors.
MISSING_NAMES = {"straten": "straten uit OpenStreetMap"}


#: The sources the sample's generated inputs stand in for, in short.
SAMPLE_NAMES = {"bag": "BAG", "buurten": "CBS-buurten", "energielabels": "EP-online", "riool": "GWSW",
                "straten": "OpenStreetMap", "wko_geschiktheid": "WKO-tool", "oppervlaktewater": "TEO-potentie",
                "puntbronnen": "restwarmte"}


def source_line(available_inputs: set[str] | None, *, sample: bool = False,
                relevant: tuple[str, ...] | None = None) -> str:
    """The source line: the inputs actually used (OpenStreetMap among them when the streets came from it), then
    the (``relevant``) optional inputs that were missing. The sample names the sources its generated inputs
    stand in for."""
    from warmtekans.config.areas import OPTIONAL_INPUTS

    available = set(available_inputs or ())
    optional = [name for name in OPTIONAL_INPUTS if relevant is None or name in relevant]
    used = ["bag", "buurten"] + [name for name in optional if name in available]
    missing = [name for name in optional if name not in available]
    if sample:
        return ("Bron: gegenereerde voorbeelddata (Voorbeeldstad), geen echte gegevens, in de vorm van "
                + ", ".join(SAMPLE_NAMES.get(name, SOURCE_NAMES[name]) for name in used) + ". Kaart: warmtekans")
    text = "Bron: " + ", ".join(SOURCE_NAMES[name] for name in used)
    if missing:
        text += ". Niet beschikbaar (niet gecontroleerd): " + ", ".join(MISSING_NAMES.get(name, SOURCE_NAMES[name])
                                                                       for name in missing)
    return text + ". Kaart: warmtekans"


class _QuietCanvas(FigureCanvasAgg):
    """An Agg canvas that ignores requests to redraw: geopandas' ``plot`` asks for one after every layer,
    which renders the whole figure again each time (7 renders of every building at 100 k dwellings);
    the figure is drawn once, when it is saved."""

    def draw_idle(self, *args, **kwargs) -> None:
        return None


def new_figure(size_in: tuple[float, float] = A4_LANDSCAPE_IN) -> Figure:
    """An A4 (or ``size_in``) landscape figure at :data:`DPI` outside pyplot (no figure manager to close), drawn
    only when saved (labels are measured at the resolution they are drawn at, :mod:`warmtekans.outputs.labels`)."""
    fig = Figure(figsize=size_in, dpi=DPI)
    _QuietCanvas(fig)
    return fig


def within_extent(frame: gpd.GeoDataFrame, bounds) -> gpd.GeoDataFrame:
    """The features of ``frame`` whose bounding box meets ``bounds`` (spatial index, no full scan)."""
    if frame is None or frame.empty:
        return frame if frame is not None else gpd.GeoDataFrame()
    return frame.iloc[frame.sindex.query(box(*bounds))]


def fit_extent(bounds, box_width_in: float, box_height_in: float, *, pad_share: float = 0.04,
               min_size_m: float = 200.0) -> tuple[float, float, float, float]:
    """The map extent around ``bounds`` with the aspect ratio of the map box (so the box is filled)."""
    minx, miny, maxx, maxy = bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width = max(maxx - minx, min_size_m) * (1 + 2 * pad_share)
    height = max(maxy - miny, min_size_m) * (1 + 2 * pad_share)
    ratio = box_width_in / box_height_in
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def frame_axes(ax, extent) -> None:
    """Show exactly ``extent`` (minx, miny, maxx, maxy in metres) at equal scale, without ticks or axis labels."""
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def map_box_px(size_in: tuple[float, float] = A4_LANDSCAPE_IN) -> tuple[float, float, float, float]:
    """The map box in PNG pixels: left, top, width, height (A4, not whole pixels: 35.07, 140.59, 1695.05, 1372.82)."""
    width_px, height_px = size_in[0] * DPI, size_in[1] * DPI
    return (MAP_BOX[0] * width_px, (1 - MAP_BOX[1] - MAP_BOX[3]) * height_px, MAP_BOX[2] * width_px,
            MAP_BOX[3] * height_px)


def world_file_text(extent, box_px: tuple[float, float, float, float]) -> str:
    """An ESRI world file for a PNG whose map box (left, top, width, height in pixels) shows ``extent``."""
    x0, y0, x1, y1 = extent
    left, top, width, height = box_px
    size_x = (x1 - x0) / width
    size_y = (y1 - y0) / height
    return "\n".join(f"{v:.6f}" for v in (size_x, 0.0, 0.0, -size_y, x0 - (left - 0.5) * size_x,
                                          y1 + (top - 0.5) * size_y)) + "\n"


def wrap_text(text: str, width: int = 38) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def scale_bar_length(width_m: float) -> float:
    """A round scale-bar length (1, 2 or 5 × 10ⁿ m) near a fifth of the map width."""
    raw = max(width_m / 5, 1.0)
    magnitude = 10 ** math.floor(math.log10(raw))
    return max(step * magnitude for step in (1, 2, 5) if step * magnitude <= raw)


def page_margin(fig, extent, map_box, source: str) -> None:
    """Scale bar, north arrow and source line in the bottom margin (never on the map)."""
    margin = fig.add_axes((MAP_BOX[0], MARGIN_Y[0], 0.98 - MAP_BOX[0], MARGIN_Y[1]))
    margin.set_xlim(0, 1)
    margin.set_ylim(0, 1)
    margin.axis("off")
    width_m = extent[2] - extent[0]
    length_m = scale_bar_length(width_m)
    bar = length_m / width_m * map_box[2] / (0.98 - MAP_BOX[0])  # fraction of the margin axes
    x, y = 0.005, 0.62
    for i in range(2):
        margin.add_patch(Rectangle((x + i * bar / 2, y), bar / 2, 0.12, facecolor="black" if i == 0 else "white",
                                   edgecolor="black", linewidth=0.8))
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    margin.text(x, y + 0.2, "0", fontsize=7, ha="center", va="bottom")
    margin.text(x + bar, y + 0.2, label, fontsize=7, ha="center", va="bottom")
    margin.add_patch(FancyArrow(x + bar + 0.04, y - 0.05, 0, 0.32, width=0.004, head_width=0.012, head_length=0.12,
                                color="black", length_includes_head=True))
    margin.text(x + bar + 0.04, y + 0.32, "N", fontsize=9, fontweight="bold", ha="center", va="bottom")
    margin.text(x + bar + 0.08, y + 0.06, "RD New (EPSG:28992)", fontsize=6.5, color="#555555", va="center")
    for number, line in enumerate(source_lines(source)):
        margin.text(0.0, 0.40 - 0.16 * number, line, fontsize=6.5, color="#444444", va="center")


#: Characters of 6.5 pt text that fit across the A4 page under the map, and the lines the margin holds.
SOURCE_LINE_CHARACTERS = 180


SOURCE_LINES = 3


def source_lines(source: str) -> list[str]:
    """The source line wrapped to the page: the inputs used, then the missing ones on a line of their own (when
    that fits in :data:`SOURCE_LINES` lines; else the whole text wrapped), so no input is cut off."""
    used, found, missing = source.partition(". Niet beschikbaar")
    parts = [used + ".", "Niet beschikbaar" + missing] if found else [source]
    lines = [line for part in parts for line in textwrap.wrap(part, SOURCE_LINE_CHARACTERS, break_on_hyphens=False)]
    if len(lines) > SOURCE_LINES:
        lines = textwrap.wrap(source, SOURCE_LINE_CHARACTERS, break_on_hyphens=False)
    if len(lines) > SOURCE_LINES:
        raise ValueError(f"the source line does not fit in {SOURCE_LINES} lines under the map: {source}")
    return lines
