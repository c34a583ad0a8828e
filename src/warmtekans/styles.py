"""QGIS styles stored inside the GeoPackage (``layer_styles`` table), so the layers open styled.

QGIS reads a style from ``layer_styles`` when the row's ``useAsDefault`` is true and its
``f_table_name`` is the layer. Styles are QML (QGIS 3) built from small templates:
categorised fills, lines and markers, matching the colours of the PNG maps.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from warmtekans.colours import COLOURS


def _rgba(hex_colour: str, alpha: int = 255) -> str:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{alpha}"


def _options(values: dict[str, str]) -> str:
    items = "".join(f'<Option name={quoteattr(k)} type="QString" value={quoteattr(str(v))}/>' for k, v in values.items())
    return f'<Option type="Map">{items}</Option>'


def _symbol(kind: str, name: str, colour: str, *, outline: str = "#333333", width: float = 0.26,
            hatch: bool = False, alpha: int = 255) -> str:
    """A QGIS symbol: kind 'fill', 'line' or 'marker'."""
    if kind == "fill" and hatch:
        layer = ('<layer class="SimpleFill" enabled="1" pass="0" locked="0">'
                 + _options({"color": _rgba(colour, 60), "style": "b_diagonal", "outline_color": _rgba(colour),
                             "outline_width": "0.5", "outline_style": "dash"}) + "</layer>")
    elif kind == "fill":
        layer = ('<layer class="SimpleFill" enabled="1" pass="0" locked="0">'
                 + _options({"color": _rgba(colour, alpha), "style": "solid", "outline_color": _rgba(outline),
                             "outline_width": str(width)}) + "</layer>")
    elif kind == "line":
        layer = ('<layer class="SimpleLine" enabled="1" pass="0" locked="0">'
                 + _options({"line_color": _rgba(colour), "line_width": str(width), "capstyle": "round"}) + "</layer>")
    else:
        layer = ('<layer class="SimpleMarker" enabled="1" pass="0" locked="0">'
                 + _options({"color": _rgba(colour), "name": "circle", "size": str(width),
                             "outline_color": _rgba(outline), "outline_width": "0.1"}) + "</layer>")
    return f'<symbol type="{kind}" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">{layer}</symbol>'


def _qml(renderer: str, labels: str = "") -> str:
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
            f'<qgis version="3.28.0" styleCategories="Symbology|Labeling">{renderer}{labels}</qgis>')


def categorised(field: str, kind: str, categories: list[tuple[str, str, str]], **symbol_kwargs) -> str:
    """A categorised renderer: (value, colour, label) per category."""
    cats = "".join(f'<category value={quoteattr(v)} symbol="{i}" label={quoteattr(lab)} render="true"/>'
                   for i, (v, _, lab) in enumerate(categories))
    symbols = "".join(_symbol(kind, str(i), c, **symbol_kwargs) for i, (_, c, _) in enumerate(categories))
    return _qml(f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(field)} symbollevels="0" enableorderby="0" '
                f'forceraster="0"><categories>{cats}</categories><symbols>{symbols}</symbols></renderer-v2>')


def single(kind: str, colour: str, *, label_field: str | None = None, **symbol_kwargs) -> str:
    """A single-symbol renderer, optionally labelled by a field."""
    labels = ""
    if label_field:
        labels = ('<labeling type="simple"><settings calloutType="simple">'
                  f'<text-style fieldName={quoteattr(label_field)} fontSize="9" textColor="50,50,50,255"/>'
                  '<placement placement="1"/></settings></labeling>')
    renderer = (f'<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>'
                f'{_symbol(kind, "0", colour, **symbol_kwargs)}</symbols></renderer-v2>')
    return _qml(renderer, labels)


def graduated(field: str, kind: str, ranges: list[tuple[float, float, str, float, str]]) -> str:
    """A graduated renderer: (lower, upper, colour, width, label) per range."""
    rows = "".join(f'<range lower="{lo}" upper="{hi}" symbol="{i}" label={quoteattr(lab)} render="true"/>'
                   for i, (lo, hi, _, _, lab) in enumerate(ranges))
    symbols = "".join(_symbol(kind, str(i), c, width=w) for i, (_, _, c, w, _) in enumerate(ranges))
    return _qml(f'<renderer-v2 type="graduatedSymbol" attr={quoteattr(field)} graduatedMethod="GraduatedColor" '
                f'symbollevels="0" enableorderby="0" forceraster="0"><ranges>{rows}</ranges>'
                f'<symbols>{symbols}</symbols></renderer-v2>')


def default_styles() -> dict[str, tuple[str, str]]:
    """Style name and QML per result layer."""
    configurations = [(name, colour, name) for name, colour in COLOURS.items()]
    return {
        "clusters": ("warmtekans: aanbevolen configuratie", categorised("configuratie", "fill", configurations)),
        "woningen": ("warmtekans: aanbevolen per woning",
                     categorised("aanbevolen", "marker", configurations, width=1.6)),
        "utiliteit": ("warmtekans: utiliteit", single("marker", "#6d4c41", width=2.0)),
        "buurten": ("warmtekans: buurten", single("fill", "#ffffff", outline="#37474f", width=0.6, alpha=0,
                                                label_field="buurtnaam")),
        "straten": ("warmtekans: beste mini-score per straat", graduated("beste_mini_score", "line", [
            (0, 50, "#bdbdbd", 0.4, "< 50 (niet kansrijk)"), (50, 70, "#a6d854", 0.8, "50–70"),
            (70, 100, "#1b9e77", 1.4, "≥ 70 (kansrijk)")])),
        "beperkingen": ("warmtekans: beperkingen boren", categorised("effect", "fill", [
            ("forbidden", "#e41a1c", "boren verboden"), ("restricted", "#ff7f00", "boren beperkt"),
            ("allowed", "#9e9e9e", "toegestaan")], hatch=True)),
        "riool": ("warmtekans: riothermie (bronvermogen)", graduated("bronvermogen_kw", "line", [
            (0, 25, "#9ecae1", 0.4, "< 25 kW"), (25, 100, "#4292c6", 0.9, "25–100 kW"),
            (100, 1e9, "#08519c", 1.8, "≥ 100 kW")])),
    }


LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),
    styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30),
    ui TEXT(30), update_time DATETIME DEFAULT '2000-01-01T00:00:00Z'
)
"""


def add_styles(gpkg: str | Path, descriptions: dict[str, str] | None = None) -> int:
    """Store the default QGIS style of every result layer present in ``gpkg``; return how many."""
    with sqlite3.connect(gpkg) as connection:
        tables = {row[0]: row[1] for row in connection.execute(
            "SELECT c.table_name, g.column_name FROM gpkg_contents c "
            "LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name")}
        connection.execute(LAYER_STYLES_DDL)
        connection.execute("DELETE FROM layer_styles")
        if "layer_styles" not in tables:
            connection.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                               "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS styles', "
                               "'2000-01-01T00:00:00.000Z')")
        count = 0
        for layer, (name, qml) in default_styles().items():
            if layer not in tables:
                continue
            connection.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
                "styleQML, styleSLD, useAsDefault, description, owner, ui) VALUES ('', '', ?, ?, ?, ?, '', 1, ?, "
                "'warmtekans', '')", (layer, tables[layer] or "geom", name, qml, escape(name)))
            count += 1
        for layer, text in (descriptions or {}).items():
            connection.execute("UPDATE gpkg_contents SET description = ? WHERE table_name = ?", (text, layer))
    return count
