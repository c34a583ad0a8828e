"""PNG maps per buurt and an overview per gemeente (matplotlib, no basemap tiles needed).

Every map is A4 landscape at 200 dpi with a fixed layout: the title on top, the map on the
left, the legend in a panel on the right (inside the page), and a bottom margin with the
scale bar, the north arrow and a source line naming the inputs used and the ones missing.
Buildings are coloured by the *recommended* configuration of their dwellings
(``woningen.aanbevolen``, the same colour as in the web map and the QGIS styles, see
:mod:`warmtekans.outputs.colours`). Streets are drawn and labelled along their OSM lines, or along the line
through their addresses (:mod:`warmtekans.model.streetlines`), buurten by name; the kansrijke streets (the
list every output shares, :mod:`warmtekans.outputs.kansrijk`) are highlighted in yellow. Buildings whose
advice is uncertain (``onzeker``, from the sensitivity draws) are hatched in red.

Next to each PNG a world file (``.pgw``) says where its pixels are in RD New, so the map
opens in place in a GIS and a test can sample the colour at a dwelling.
"""
from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely

matplotlib.use("Agg")
import matplotlib.patheffects as path_effects  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from shapely.geometry import LineString, MultiLineString, box  # noqa: E402

from warmtekans.core.atomic import atomic_path  # noqa: E402
from warmtekans.core.progress import progress  # noqa: E402
from warmtekans.core.tables import most_common  # noqa: E402
from warmtekans.outputs import colours  # noqa: E402
from warmtekans.outputs.kansrijk import CLUSTER_COLUMNS as KANSRIJK_CLUSTER_COLUMNS, kansrijke_sleutels
from warmtekans.outputs.labels import BUURT_HALO_PT, LabelLayout  # noqa: E402
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
    source_line,
    within_extent,
    world_file_text,
    wrap_text,
)
from warmtekans.outputs.streetsource import drawn_streets, with_street_note  # noqa: E402

MAX_STREET_LABELS = 400


STREET_FONT_PT = 5.5


HALO = [path_effects.withStroke(linewidth=2.2, foreground="white")]


#: Buildings: outline colour and width (pt), opacity of the buildings of neighbouring buurten.
FOOTPRINT_EDGE = "#424242"


FOOTPRINT_EDGE_PT = 0.15


FADED_ALPHA = 0.35


#: A rasterised footprint image is burnt at this many times the map's pixel resolution, then averaged: with 2
#: an outline is 1/2 px wide (vector: 0.15 pt = 0.42 px), and the mean grey of the buildings of the tiled real
#: Den Haag overview matches the polygon drawing within 1 of 255 (3: 10 lighter, the outlines too thin).
FOOTPRINT_SUPERSAMPLE = 2


#: The columns of ``woningen_beoordeeld`` and ``clusters`` the maps use (read only these: faster at scale).
DWELLING_COLUMNS = ["objecttype", "pand_id", "aanbevolen", "aanbevolen_schaal", "buurtcode", "gekozen_cluster",
                    "straat", "straat_sleutel", "mini_cluster_id", "gebied_cluster_id"]


CLUSTER_COLUMNS = ["onzeker", *KANSRIJK_CLUSTER_COLUMNS]


def _longest_line(geometry) -> LineString | None:
    if isinstance(geometry, LineString):
        return geometry
    if isinstance(geometry, MultiLineString) and not geometry.is_empty:
        return max(geometry.geoms, key=lambda g: g.length)
    return None


def _upright(angle_deg: float) -> float:
    """Text angle in (-90, 90] so labels never read upside down."""
    angle = (angle_deg + 180) % 180
    return angle - 180 if angle > 90 else angle


def street_label_anchors(dwellings: pd.DataFrame, streets: gpd.GeoDataFrame,
                         kansrijk: dict[str, str] | None = None) -> pd.DataFrame:
    """Where to write each street name: position, angle (degrees) and the length available (m).

    OSM streets: the middle of the longest part of the dissolved street, along it. Without OSM:
    the centre of the street's addresses, along their main axis (the addresses line both sides).
    ``kansrijk`` maps the kansrijke streets' keys to their answer
    (:func:`warmtekans.outputs.kansrijk.kansrijke_sleutels`).
    Columns ``straat_sleutel, straat, x, y, angle, length_m, n_woningen, kansrijk`` (bool), ``antwoord``.
    """
    columns = ["straat_sleutel", "straat", "x", "y", "angle", "length_m", "n_woningen", "kansrijk", "antwoord"]
    if "straat_sleutel" not in dwellings or "straat" not in dwellings:
        return pd.DataFrame(columns=columns)
    woningen = dwellings[dwellings["objecttype"] == "woning"] if "objecttype" in dwellings else dwellings
    counts = woningen.groupby("straat_sleutel").size()
    names = most_common(dwellings.dropna(subset=["straat"]), "straat_sleutel", "straat")
    rows = []
    lines = streets is not None and not streets.empty and streets.geometry.geom_type.isin(
        ["LineString", "MultiLineString"]).any()
    if lines:
        from warmtekans.model.clusters import street_keys

        keyed = streets if "straat_sleutel" in streets.columns else streets.assign(
            straat_sleutel=street_keys(streets["straat"], streets["straat_id"]))
        keyed = keyed[keyed["straat"].notna() & keyed.geometry.geom_type.isin(["LineString", "MultiLineString"])]
        for key, group in keyed.groupby("straat_sleutel"):
            line = _longest_line(group.geometry.union_all().simplify(0.5)) if len(group) > 1 else _longest_line(
                group.geometry.iloc[0])
            if line is None or line.length == 0:
                continue
            middle = line.interpolate(0.5, normalized=True)
            before = line.interpolate(max(0.0, line.project(middle) - 10))
            after = line.interpolate(min(line.length, line.project(middle) + 10))
            angle = math.degrees(math.atan2(after.y - before.y, after.x - before.x))
            rows.append((key, group["straat"].iloc[0], middle.x, middle.y, _upright(angle), line.length))
    else:
        points = dwellings.dropna(subset=["straat_sleutel"])
        for key, group in points.groupby("straat_sleutel"):
            xy = np.column_stack([group.geometry.x.to_numpy(), group.geometry.y.to_numpy()])
            centre = xy.mean(axis=0)
            if len(xy) >= 2 and np.ptp(xy, axis=0).max() > 1:
                axis = np.linalg.svd(xy - centre, full_matrices=False)[2][0]
                along = (xy - centre) @ axis
                length = float(np.ptp(along))
                angle = math.degrees(math.atan2(axis[1], axis[0]))
            else:
                length, angle = 0.0, 0.0
            rows.append((key, names.get(key), centre[0], centre[1], _upright(angle), length))
    anchors = pd.DataFrame(rows, columns=["straat_sleutel", "straat", "x", "y", "angle", "length_m"])
    anchors["n_woningen"] = anchors["straat_sleutel"].map(counts).fillna(0).astype(int)
    anchors["antwoord"] = anchors["straat_sleutel"].map(kansrijk or {}).astype(object)
    anchors["kansrijk"] = anchors["antwoord"].notna()
    return anchors.dropna(subset=["straat"])


def _place_street_labels(layout: LabelLayout, anchors: pd.DataFrame, extent) -> int:
    """Write street names along the streets, most important first, where they hide no other label
    (:class:`~warmtekans.outputs.labels.LabelLayout`). Returns how many labels of kansrijke streets were
    written."""
    x0, y0, x1, y1 = extent
    inside = anchors[(anchors["x"] > x0) & (anchors["x"] < x1) & (anchors["y"] > y0) & (anchors["y"] < y1)]
    if inside.empty:
        return 0
    ordered = inside.sort_values(["kansrijk", "n_woningen", "straat"], ascending=[False, False, True],
                                 kind="stable")
    placed = kansrijk_placed = 0
    for row in ordered.itertuples():
        style = dict(fontsize=STREET_FONT_PT, color="#212121", zorder=9)
        if row.kansrijk:  # a kansrijke street keeps its name even where it is longer than the street
            text = layout.place(row.x, row.y, str(row.straat), angle=row.angle, fontweight="bold",
                                bbox=dict(boxstyle="round,pad=0.15", facecolor=street_colour(row.antwoord),
                                          edgecolor="none",
                                          alpha=0.9), **style)
        else:
            text = layout.place(row.x, row.y, str(row.straat), angle=row.angle, min_length_m=row.length_m,
                                path_effects=HALO, **style)
        if text is None:
            continue
        placed += 1
        kansrijk_placed += int(row.kansrijk)
        if placed >= MAX_STREET_LABELS:
            break
    return kansrijk_placed


def street_colour(answer: str | None) -> str:
    """The casing of a kansrijke street: yellow for ``ja``, orange for ``binnen marge`` (as in QGIS)."""
    return colours.WITHIN_MARGIN_STREET if answer == "binnen marge" else colours.MINI_STREET


def draw_map(ax, *, panden: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame,
             streets: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame, extent, focus: str | None = None,
             clusters: gpd.GeoDataFrame | None = None, anchors: pd.DataFrame | None = None,
             raster_footprints_above: int | None = None) -> dict[str, bool]:
    """Draw one map into ``ax`` for ``extent`` (minx, miny, maxx, maxy in RD).

    ``panden`` carries ``aanbevolen`` (colour) and ``buurtcode``; ``focus`` is the buurtcode of a
    buurt map (its neighbours are greyed). With more than ``raster_footprints_above`` buildings in
    view they are burnt into one image at the PNG's pixel size instead of drawn as polygons
    (:func:`footprint_image`; same colours, much faster). Returns which optional layers
    were drawn (for the legend).
    """
    drawn = {"verboden": False, "beperkt": False, "riool": False, "onzeker": False}
    visible_buurten = within_extent(buurten, extent)
    if focus is not None and not visible_buurten.empty:
        others = visible_buurten[visible_buurten["buurtcode"] != focus]
        if not others.empty:
            others.plot(ax=ax, facecolor="#eceff1", edgecolor="none", zorder=0)
    visible_streets = within_extent(streets, extent)
    has_anchors = anchors is not None and not anchors.empty
    answers = dict(zip(anchors["straat_sleutel"], anchors["antwoord"])) if has_anchors else {}
    answers = {key: answer for key, answer in answers.items() if isinstance(answer, str)}
    if visible_streets is not None and not visible_streets.empty:
        if answers:
            from warmtekans.model.clusters import street_keys

            keys = (visible_streets["straat_sleutel"] if "straat_sleutel" in visible_streets
                    else street_keys(visible_streets["straat"], visible_streets["straat_id"]))
            for answer in ("binnen marge", "ja"):  # 'ja' drawn on top
                highlighted = visible_streets[keys.map(answers).eq(answer).fillna(False).to_numpy()]
                if not highlighted.empty:
                    highlighted.plot(ax=ax, color=street_colour(answer), linewidth=5.0, zorder=1.5, capstyle="round")
                    drawn[f"kansrijk_{answer}"] = True
        visible_streets.plot(ax=ax, color=colours.STREET, linewidth=0.7, zorder=2)
        drawn["straat"] = True
        source = visible_streets["lijn_bron"] if "lijn_bron" in visible_streets else pd.Series("OSM", dtype=str)
        drawn["straat_osm"], drawn["straat_adressen"] = bool((source == "OSM").any()), bool((source != "OSM").any())
    coloured = within_extent(panden, extent)
    if not coloured.empty:
        faded = coloured["buurtcode"] != focus if focus is not None else pd.Series(False, index=coloured.index)
        fill = coloured["aanbevolen"].map(colours.configuration_colour)
        if raster_footprints_above is not None and len(coloured) > raster_footprints_above:
            _draw_footprint_image(ax, coloured, fill, faded, extent)
            drawn["gerasterd"] = True
        else:
            for is_faded, alpha in ((True, FADED_ALPHA), (False, 1.0)):
                subset = coloured[faded == is_faded]
                if not subset.empty:
                    subset.plot(ax=ax, color=fill[subset.index].tolist(), edgecolor=FOOTPRINT_EDGE,
                                linewidth=FOOTPRINT_EDGE_PT, alpha=alpha, zorder=4)
    visible_zones = within_extent(zones, extent)
    if visible_zones is not None and not visible_zones.empty:
        for order, effect in enumerate(("restricted", "forbidden")):  # forbidden on top
            edge, hatch, _ = colours.RESTRICTIONS[effect]
            subset = visible_zones[visible_zones["effect"] == effect]
            if not subset.empty:
                subset.plot(ax=ax, facecolor="none", edgecolor=edge, hatch=hatch, linewidth=0.8, zorder=5 + order * 0.1)
                drawn["verboden" if effect == "forbidden" else "beperkt"] = True
    if not coloured.empty and "onzeker" in coloured.columns:
        uncertain = coloured[coloured["onzeker"].fillna(False).astype(bool)]
        if not uncertain.empty:
            if drawn.get("gerasterd"):  # thousands of hatched polygons take Agg minutes: dots burnt as one image
                _draw_dot_image(ax, uncertain.geometry, extent)
            else:
                uncertain.plot(ax=ax, facecolor="none", edgecolor=colours.ONZEKER, hatch="....", linewidth=0.3,
                               zorder=4.5)
            drawn["onzeker"] = True
    visible_sewers = within_extent(sewers, extent)
    if visible_sewers is not None and not visible_sewers.empty and sewers["bronvermogen_kw"].notna().any():
        largest = max(float(sewers["bronvermogen_kw"].max()), 1e-9)
        widths = (0.4 + 2.5 * visible_sewers["bronvermogen_kw"].fillna(0) / largest).to_numpy()
        visible_sewers.plot(ax=ax, color=colours.SEWER, linewidth=widths, zorder=3.5)  # under the buildings
        drawn["riool"] = True
    if not visible_buurten.empty:
        visible_buurten.boundary.plot(ax=ax, color=colours.BUURT_EDGE, linewidth=0.9, zorder=8)
        if focus is not None:
            visible_buurten[visible_buurten["buurtcode"] == focus].boundary.plot(
                ax=ax, color=colours.BUURT_EDGE, linewidth=2.4, zorder=8.1)
    frame_axes(ax, extent)
    layout = LabelLayout(ax)
    _buurt_labels(layout, visible_buurten, extent, focus)
    if anchors is not None:
        drawn["mini_label"] = _place_street_labels(layout, anchors, extent) > 0
    return drawn


def footprint_image(geometries: gpd.GeoSeries, fills: list[str], alphas: np.ndarray, extent,
                    width_px: int, height_px: int, *, supersample: int = FOOTPRINT_SUPERSAMPLE) -> np.ndarray:
    """The footprints as an RGBA image (``height_px`` × ``width_px`` × 4, uint8, first row north) of ``extent``.

    Each footprint is filled with its hex colour in ``fills`` at its opacity in ``alphas`` (0–1)
    and outlined in :data:`FOOTPRINT_EDGE`, later footprints on top, like the vector drawing. The
    image is burnt at ``supersample`` × the resolution and averaged, so edges are antialiased
    (an outline is one sub-pixel, 1/``supersample`` px, wide; the vector outline 0.15 pt = 0.42 px
    at 200 dpi); a pixel wholly inside one footprint has exactly its fill colour. Empty pixels are
    transparent.
    """
    from affine import Affine
    from rasterio.features import rasterize

    styles = pd.Series(list(zip(fills, np.asarray(alphas, dtype=float))), dtype=object)
    codes, unique = pd.factorize(styles)
    n_styles = len(unique)
    # value 0: empty; 1..n: fill of style i; n+1..2n: outline in the opacity of style i
    rgba = np.zeros((2 * n_styles + 1, 4), dtype="float64")
    for i, (fill, alpha) in enumerate(unique):
        rgba[1 + i] = (*_rgb(fill), alpha)
        rgba[1 + n_styles + i] = (*_rgb(FOOTPRINT_EDGE), alpha)
    shape = (height_px * supersample, width_px * supersample)
    x0, y0, x1, y1 = extent
    transform = Affine((x1 - x0) / shape[1], 0.0, x0, 0.0, -(y1 - y0) / shape[0], y1)
    values = codes.astype("uint16") + 1
    valid = ~(geometries.is_empty | geometries.isna()).to_numpy()
    geoms, values = geometries.to_numpy()[valid], values[valid]
    burnt = np.zeros(shape, dtype="uint16")
    faces, outlines = _polygons_and_outlines(geoms, values, outline_offset=n_styles)
    if faces:
        rasterize(faces, out=burnt, transform=transform)
        rasterize(outlines, out=burnt, transform=transform)
    # the supersample × supersample sub-pixels of each pixel side by side
    blocks = burnt.reshape(height_px, supersample, width_px, supersample).transpose(0, 2, 1, 3).reshape(
        height_px, width_px, supersample * supersample)
    first = blocks[..., 0]
    out = np.rint(rgba * (1, 1, 1, 255)).astype("uint8")[first]   # exact where all sub-pixels agree
    mixed = ~(blocks == first[..., None]).all(axis=2)
    if mixed.any():
        # anti-aliased pixels: average in premultiplied colour (colour × opacity), divide by the mean opacity
        premultiplied = rgba * rgba[:, 3:4]
        premultiplied[:, 3] = rgba[:, 3]
        sub = blocks[mixed]
        mean = np.stack([premultiplied[:, channel][sub].mean(axis=1) for channel in range(4)], axis=1)
        opacity = mean[:, 3]
        covered = opacity > 0
        mean[covered, :3] /= opacity[covered, None]
        mean[:, 3] *= 255
        out[mixed] = np.clip(np.rint(mean), 0, 255).astype("uint8")
    return out


def _polygons_and_outlines(geometries: np.ndarray, values: np.ndarray, *, outline_offset: int):
    """``(GeoJSON polygon, value)`` per polygon part and ``(GeoJSON ring line, value + outline_offset)`` per ring,
    built from the coordinates in bulk (shapely's ``__geo_interface__`` one geometry at a time costs ~5× more)."""
    parts, part_of = shapely.get_parts(geometries, return_index=True)
    polygons = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, part_of = parts[polygons], part_of[polygons]
    rings, ring_of = shapely.get_rings(parts, return_index=True)   # exterior first, then the holes
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    ends = np.cumsum(np.bincount(coord_of, minlength=len(rings))).tolist()
    points = coords.tolist()
    ring_points = [points[start:end] for start, end in zip([0] + ends[:-1], ends)]
    ring_ends = np.cumsum(np.bincount(ring_of, minlength=len(parts))).tolist()
    part_values = np.asarray(values)[part_of].tolist()
    faces = [({"type": "Polygon", "coordinates": ring_points[start:end]}, value)
             for start, end, value in zip([0] + ring_ends[:-1], ring_ends, part_values)]
    ring_values = (np.asarray(values)[part_of[ring_of]] + outline_offset).tolist()
    outlines = [({"type": "LineString", "coordinates": ring}, value) for ring, value in zip(ring_points, ring_values)]
    return faces, outlines


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers 0–255."""
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _draw_footprint_image(ax, panden: gpd.GeoDataFrame, fill: pd.Series, faded: pd.Series, extent) -> None:
    """Show the buildings as one image at the exact map extent, one image pixel per PNG pixel (faded ones
    first, as in the vector drawing)."""
    _, _, width_px, height_px = map_box_px()
    order = np.argsort(~faded.to_numpy(dtype=bool), kind="stable")  # faded (neighbours) under the others
    image = footprint_image(panden.geometry.iloc[order], fill.iloc[order].tolist(),
                            np.where(faded.to_numpy(dtype=bool)[order], FADED_ALPHA, 1.0), extent,
                            round(width_px), round(height_px))
    ax.imshow(image, extent=(extent[0], extent[2], extent[1], extent[3]), origin="upper",
              interpolation="nearest", zorder=4)


#: Spacing (px) of the dots that mark an uncertain advice on a rastered map, about the hatch '....' at 200 dpi.
DOT_SPACING_PX = 5


def dot_image(geometries: gpd.GeoSeries, extent, width_px: int, height_px: int) -> np.ndarray:
    """An RGBA image (``height_px`` × ``width_px`` × 4, uint8, first row north) of ``extent``: a dot of
    :data:`colours.ONZEKER` every :data:`DOT_SPACING_PX` pixels inside ``geometries``, transparent elsewhere (the
    rastered counterpart of the hatch ``....`` of the vector drawing)."""
    from affine import Affine
    from rasterio.features import rasterize

    x0, y0, x1, y1 = extent
    transform = Affine((x1 - x0) / width_px, 0.0, x0, 0.0, -(y1 - y0) / height_px, y1)
    valid = geometries[~(geometries.is_empty | geometries.isna())]
    inside = np.zeros((height_px, width_px), dtype="uint8")
    if len(valid):
        rasterize(((geometry, 1) for geometry in valid.to_numpy()), out=inside, transform=transform, all_touched=True)
    rows, columns = np.indices(inside.shape)
    dots = (inside == 1) & (rows % DOT_SPACING_PX == 0) & (columns % DOT_SPACING_PX == 0)
    image = np.zeros((height_px, width_px, 4), dtype="uint8")
    image[dots] = (*_rgb(colours.ONZEKER), 255)
    return image


def _draw_dot_image(ax, geometries: gpd.GeoSeries, extent) -> None:
    """Show :func:`dot_image` at the exact map extent, above the footprints."""
    _, _, width_px, height_px = map_box_px()
    image = dot_image(geometries, extent, round(width_px), round(height_px))
    ax.imshow(image, extent=(extent[0], extent[2], extent[1], extent[3]), origin="upper",
              interpolation="nearest", zorder=4.5)


def _buurt_labels(layout: LabelLayout, buurten: gpd.GeoDataFrame, extent, focus: str | None) -> None:
    """Buurt names at a point inside each buurt, the focus buurt first; a name much wider than its buurt (except
    the focus) or one that would hide another label or run off the map is left out."""
    if buurten is None or buurten.empty:
        return
    view = box(*extent)
    order = buurten.assign(_focus=buurten["buurtcode"] == focus).sort_values("_focus", ascending=False, kind="stable")
    for row in order.itertuples():
        part = row.geometry.intersection(view)
        if part.is_empty:
            continue
        point = part.representative_point()
        is_focus = focus is not None and row.buurtcode == focus
        size_pt = 10 if is_focus or focus is None else 8
        minx, _, maxx, _ = part.bounds
        layout.place(point.x, point.y, str(row.buurtnaam), halo_pt=BUURT_HALO_PT, fontsize=size_pt, fontweight="bold",
                     fontstyle="normal" if is_focus or focus is None else "italic",
                     min_length_m=None if is_focus else (maxx - minx) * 1.3 / 1.6,
                     color="#263238" if is_focus or focus is None else "#607d8b",
                     path_effects=[path_effects.withStroke(linewidth=3, foreground="white")], zorder=10)


def _legend(fig, counts: pd.Series, drawn: dict[str, bool], *, focus: str | None, has_buurten: bool) -> None:
    """The legend panel on the right: configurations with their dwelling counts, then the other layers."""
    panel = fig.add_axes(LEGEND_BOX)
    panel.axis("off")
    handles = [Patch(facecolor=colour, edgecolor="#424242", linewidth=0.5,
                     label=wrap_text(f"{name}: {colours.dwellings_text(int(counts.get(name, 0)))}"))
               for name, colour in colours.palette(counts.index).items()]
    if not handles:
        handles = [Patch(facecolor=colours.NO_ADVICE, edgecolor="#424242", label="geen woningen")]
    first = panel.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 1), fontsize=7, frameon=False,
                         title="Aanbevolen configuratie per woning", title_fontsize=8, alignment="left")
    panel.add_artist(first)
    layers = []
    if drawn.get("kansrijk_ja"):
        layers.append(Line2D([0], [0], color=colours.MINI_STREET, linewidth=5,
                             label="kansrijk: collectief het goedkoopst"))
    if drawn.get("kansrijk_binnen marge"):
        layers.append(Line2D([0], [0], color=colours.WITHIN_MARGIN_STREET, linewidth=5,
                             label="kansrijk: binnen de marge"))
    if drawn.get("mini_label"):
        layers.append(Patch(facecolor=colours.MINI_STREET, edgecolor="none",
                            label="straatnaam: kansrijke straat (kleur als de straat)"))
    if drawn.get("onzeker"):
        layers.append(Patch(facecolor="none", edgecolor=colours.ONZEKER, hatch="....",
                            label="advies onzeker (hangt af van schattingen)"))
    if drawn.get("verboden"):
        edge, hatch, label = colours.RESTRICTIONS["forbidden"]
        layers.append(Patch(facecolor="none", edgecolor=edge, hatch=hatch, label=label))
    if drawn.get("beperkt"):
        edge, hatch, label = colours.RESTRICTIONS["restricted"]
        layers.append(Patch(facecolor="none", edgecolor=edge, hatch=hatch, label=label))
    if drawn.get("riool"):
        layers.append(Line2D([0], [0], color=colours.SEWER, linewidth=2.0, label="riool (dikte = warmtepotentie)"))
    if drawn.get("straat"):
        label = {(True, False): "straat (OpenStreetMap)", (False, True): "straat (lijn door de adressen)"}.get(
            (drawn.get("straat_osm", True), drawn.get("straat_adressen", False)),
            "straat (OpenStreetMap, anders lijn door de adressen)")
        layers.append(Line2D([0], [0], color=colours.STREET, linewidth=0.8, label=label))
    if has_buurten:
        layers.append(Line2D([0], [0], color=colours.BUURT_EDGE, linewidth=0.9, label="buurtgrens"))
    if focus is not None:
        layers.append(Patch(facecolor="#eceff1", edgecolor="none", label="buurten ernaast (gebouwen lichter)"))
    panel.legend(handles=layers, loc="lower left", bbox_to_anchor=(0, 0), fontsize=7, frameon=False,
                 title="Kaartlagen", title_fontsize=8, alignment="left")


def map_figure(*, title: str, subtitle: str, extent_bounds, focus: str | None, counts: pd.Series, source: str,
               raster_footprints_above: int | None = None, **layers):
    """One A4 map page (a matplotlib figure at :data:`DPI`) and its map extent: title, map, legend and margin.

    With more than ``raster_footprints_above`` buildings in view they are drawn as one image (see
    :func:`draw_map`); ``None`` always draws polygons."""
    fig = new_figure()
    box_w_in = MAP_BOX[2] * A4_LANDSCAPE_IN[0]
    box_h_in = MAP_BOX[3] * A4_LANDSCAPE_IN[1]
    extent = fit_extent(extent_bounds, box_w_in, box_h_in)
    ax = fig.add_axes(MAP_BOX)
    drawn = draw_map(ax, extent=extent, focus=focus, raster_footprints_above=raster_footprints_above, **layers)
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
    fig.text(MAP_BOX[0], 0.982, title, fontsize=15, fontweight="bold", va="top")
    fig.text(MAP_BOX[0], 0.942, subtitle, fontsize=8.5, color="#455a64", va="top")
    _legend(fig, counts, drawn, focus=focus, has_buurten=not layers["buurten"].empty)
    page_margin(fig, extent, MAP_BOX, source)
    return fig, extent


def render_map(path: Path, **page) -> tuple[float, float, float, float]:
    """Render one A4 map (:func:`map_figure`) to ``path`` (PNG, 200 dpi) and its world file; returns the extent."""
    fig, extent = map_figure(**page)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=DPI, format="png")
    with atomic_path(path.with_suffix(".pgw")) as tmp:
        tmp.write_text(world_file_text(extent, map_box_px()), encoding="ascii")
    return extent


def pand_advice(panden: gpd.GeoDataFrame, dwellings: pd.DataFrame,
                unsure_clusters: set[str] | None = None) -> gpd.GeoDataFrame:
    """Panden with ``aanbevolen`` (most common advice of their dwellings), ``buurtcode`` and ``onzeker``
    (a dwelling's chosen cluster is in ``unsure_clusters``)."""
    woningen = dwellings[dwellings["objecttype"] == "woning"] if "objecttype" in dwellings else dwellings
    advice = most_common(woningen, "pand_id", "aanbevolen")
    buurt = most_common(woningen, "pand_id", "buurtcode") if "buurtcode" in woningen else pd.Series(dtype="string")
    out = panden[_isin(panden["pand_id"], advice.index)].copy()
    out["aanbevolen"] = out["pand_id"].map(advice)
    out["buurtcode"] = out["pand_id"].map(buurt)
    if unsure_clusters and "gekozen_cluster" in woningen:
        unsure_pand = woningen.loc[_isin(woningen["gekozen_cluster"], unsure_clusters), "pand_id"]
        out["onzeker"] = _isin(out["pand_id"], unsure_pand)
    return out


def _isin(values: pd.Series, lookup) -> np.ndarray:
    """``values.isin(lookup)`` (missing values and missing lookups match nothing) through a hash index: pandas
    converts a lookup for Arrow strings value by value (0.1 s per 20 000)."""
    keys = pd.Index(pd.Series(list(lookup) if isinstance(lookup, (set, frozenset)) else lookup, dtype=object))
    keys = keys[keys.notna()].unique()
    return np.asarray(keys.get_indexer(values.astype(object)) >= 0) & values.notna().to_numpy()


def write_maps(out_dir: str | Path, *, gemeente: str, buurten: gpd.GeoDataFrame, dwellings: gpd.GeoDataFrame,
               panden: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame,
               streets: gpd.GeoDataFrame, per_buurt: bool = True, naam: str | None = None,
               clusters: gpd.GeoDataFrame | None = None, available_inputs: set[str] | None = None,
               sample: bool = False, unsure_clusters: set[str] | None = None,
               raster_footprints_above: int | None = None) -> list[Path]:
    """Write ``overzicht.png`` and (when ``per_buurt``) one ``<buurtcode>.png`` per buurt into ``out_dir``,
    each with a ``.pgw`` world file. A map with more than ``raster_footprints_above`` buildings in view
    draws them as one image (``results.raster_footprints_above``; ``None``: always polygons).

    Buildings whose dwellings' chosen cluster is *onzeker* (in ``unsure_clusters``, or marked so in
    ``clusters.onzeker``) are hatched.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    unsure = set(unsure_clusters or ())
    if clusters is not None and not clusters.empty and "onzeker" in clusters.columns:
        unsure |= set(clusters.loc[clusters["onzeker"].fillna(False).astype(bool), "cluster_id"].astype(str))
    coloured = pand_advice(panden, dwellings, unsure)
    woningen = dwellings[dwellings["objecttype"] == "woning"] if "objecttype" in dwellings else dwellings
    streets = drawn_streets(streets, dwellings)  # OSM, else a line through the addresses of each street
    anchors = street_label_anchors(dwellings, streets, kansrijke_sleutels(dwellings, clusters))
    if clusters is not None and not clusters.empty and "gekozen_cluster" in woningen:
        clusters = clusters[clusters["cluster_id"].isin(set(woningen["gekozen_cluster"].dropna()))]
    source = source_line(available_inputs, sample=sample)
    source = with_street_note(source, dwellings, available_inputs)
    place = f"{naam} ({gemeente})" if naam and naam != gemeente else gemeente
    jobs = [("overzicht", f"Warmtekansen {place}", None, tuple(buurten.total_bounds), woningen)]
    if per_buurt:
        jobs += [(row.buurtcode, f"Warmtekansen {row.buurtnaam} ({row.buurtcode})", row.buurtcode, row.geometry.bounds,
                  woningen[woningen["buurtcode"] == row.buurtcode]) for row in buurten.itertuples()]
    written = []
    for name, title, focus, bounds, members in progress(jobs, total=len(jobs), what="maps"):
        subtitle = (f"{len(members):,}".replace(",", " ") + " woningen, gekleurd naar het aanbevolen advies per woning"
                    + ("" if focus is None else f"; gemeente {place}"))
        path = out / f"{name}.png"
        render_map(path, title=title, subtitle=subtitle, extent_bounds=bounds, focus=focus,
                   counts=members["aanbevolen"].value_counts(), source=source, panden=coloured, zones=zones,
                   sewers=sewers, streets=streets, buurten=buurten, clusters=clusters, anchors=anchors,
                   raster_footprints_above=raster_footprints_above)
        written.append(path)
    return written
