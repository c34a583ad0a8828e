"""Labels on the PNG maps that never hide one another.

Every label is measured by the renderer that will draw it (matplotlib's text extents at the page's dpi), as a
box turned by the label's angle around its anchor (the labels are centred there) and widened by its halo. A
label is written only where its box lies wholly inside the map and meets no box written before it, so the
caller places the most important labels first (the focus buurt, then streets with a mini-network advice,
then the streets with most dwellings).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.text import Text
from shapely.geometry import Polygon

#: Room around a street name (points): its white halo (2.2 pt wide, 1.1 pt each side) or the yellow box of a
#: name with a mini-network advice (pad 0.15 × 5.5 pt), rounded up.
STREET_HALO_PT = 1.2


#: Room around a buurt name (points): its 3 pt white halo.
BUURT_HALO_PT = 1.5


def rotated_box(centre: tuple[float, float], width: float, height: float, angle_deg: float) -> Polygon:
    """A ``width`` × ``height`` rectangle centred on ``centre``, turned ``angle_deg`` degrees anticlockwise."""
    angle = math.radians(angle_deg)
    cos, sin = math.cos(angle), math.sin(angle)
    corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)]
    return Polygon([(centre[0] + x * cos - y * sin, centre[1] + x * sin + y * cos) for x, y in corners])


def text_box(text: Text, renderer, pad_px: float = 0.0) -> Polygon:
    """The box (display pixels) a drawn, centred ``text`` covers: its unrotated extent from ``renderer``,
    widened by ``pad_px`` on each side and turned by its rotation around its anchor."""
    upright = Text(0, 0, text.get_text(), fontproperties=text.get_fontproperties(), rotation=0,
                   ha="center", va="center")
    upright.set_figure(text.get_figure())
    extent = upright.get_window_extent(renderer)
    anchor = text.get_transform().transform(text.get_position())
    return rotated_box(anchor, extent.width + 2 * pad_px, extent.height + 2 * pad_px, text.get_rotation())


class LabelLayout:
    """The labels written on one map (``ax``), with the boxes they take in display pixels."""

    def __init__(self, ax):
        self.ax = ax
        figure = ax.get_figure()
        ax.apply_aspect()  # the final position of the map, so data and display pixels stay in step
        self.renderer = figure.canvas.get_renderer()
        self.points_to_px = figure.dpi / 72
        frame = ax.get_window_extent(self.renderer)
        self.frame = (frame.x0, frame.y0, frame.x1, frame.y1)
        self.boxes: list[Polygon] = []
        self._bounds = np.empty((0, 4))
        self._probe = Text(0, 0, "", rotation=0, ha="center", va="center")
        self._probe.set_figure(figure)

    def metres_per_px(self) -> float:
        x0, x1 = self.ax.get_xlim()
        return (x1 - x0) / (self.frame[2] - self.frame[0])

    def text_size(self, text: str, **font) -> tuple[float, float]:
        """Width and height (display pixels) of ``text`` written upright in ``font`` (fontsize, fontweight, …)."""
        self._probe.set_text(text)
        self._probe.update({"fontweight": "normal", "fontstyle": "normal", **font})
        extent = self._probe.get_window_extent(self.renderer)
        return extent.width, extent.height

    def fits(self, box: Polygon) -> bool:
        """Whether ``box`` lies inside the map and meets no label written before."""
        minx, miny, maxx, maxy = box.bounds
        x0, y0, x1, y1 = self.frame
        if minx < x0 or miny < y0 or maxx > x1 or maxy > y1:
            return False
        b = self._bounds
        near = np.nonzero((b[:, 0] < maxx) & (b[:, 2] > minx) & (b[:, 1] < maxy) & (b[:, 3] > miny))[0]
        return not any(self.boxes[i].intersects(box) for i in near)

    def place(self, x: float, y: float, text: str, *, angle: float = 0.0, halo_pt: float = STREET_HALO_PT,
              min_length_m: float | None = None, **style) -> Text | None:
        """Write ``text`` centred on (``x``, ``y``) (map units) at ``angle`` when its box fits, else nothing.

        ``min_length_m``: skip a name longer than 1.6 × this length (it does not fit along its street). ``style``
        goes to :meth:`matplotlib.axes.Axes.text` (the font keys also to the measurement).
        """
        font = {key: style[key] for key in ("fontsize", "fontweight", "fontstyle") if key in style}
        width, height = self.text_size(text, **font)
        if min_length_m and width * self.metres_per_px() > 1.6 * min_length_m:
            return None
        pad = halo_pt * self.points_to_px
        centre = self.ax.transData.transform((x, y))
        box = rotated_box(centre, width + 2 * pad, height + 2 * pad, angle)
        if not self.fits(box):
            return None
        self.boxes.append(box)
        self._bounds = np.vstack([self._bounds, box.bounds])
        return self.ax.text(x, y, text, rotation=angle, rotation_mode="anchor", ha="center", va="center",
                            clip_on=True, **style)
