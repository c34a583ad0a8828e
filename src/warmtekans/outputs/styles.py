"""QGIS styles stored inside the GeoPackage (``layer_styles`` table), and a QGIS project beside it.

QGIS reads a style from ``layer_styles`` when the row's ``useAsDefault`` is true and its
``f_table_name`` is the layer. Styles are QML (QGIS 3.22, Debian 12's QGIS, and newer) built
from small templates: categorised, graduated and single-symbol renderers whose symbol fits
the layer's actual geometry type (marker, line or fill), labels with a white halo, and symbol
levels so that "boren verboden" draws on top of "boren beperkt". Colours match the PNG maps.

:func:`project_qgs` writes a QGIS project (``warmtekans.qgs``) that opens the layers in a
sensible order (dwellings on top, buurten at the bottom), with the candidate cluster layers
switched off and the provenance in the project and layer metadata.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from warmtekans.core.vocabulary import HEAT_SOURCES, OPEN_WKO, RESTWARMTE, RIOOL_DIRECT, RIOOL_WKO, TEO
from warmtekans.outputs.colours import COLOURS, MINI_STREET, WITHIN_MARGIN_STREET

#: QGIS version written into the QML and the project; QGIS reads older versions without complaint.
QGIS_VERSION = "3.22.16-Białowieża"


#: Symbol kind per GeoPackage geometry type (upper case, as in ``gpkg_geometry_columns``).
SYMBOL_KIND = {"POINT": "marker", "MULTIPOINT": "marker", "LINESTRING": "line", "MULTILINESTRING": "line",
               "POLYGON": "fill", "MULTIPOLYGON": "fill"}


def symbol_kind(geometry_type: str | None, default: str = "fill") -> str:
    """'marker', 'line' or 'fill' for a geometry type name (GDAL or GeoPackage spelling)."""
    return SYMBOL_KIND.get((geometry_type or "").upper().replace(" ", ""), default)


def _rgba(hex_colour: str, alpha: int = 255) -> str:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{alpha}"


def _options(values: dict[str, str]) -> str:
    items = "".join(f'<Option name={quoteattr(k)} type="QString" value={quoteattr(str(v))}/>'
                    for k, v in values.items())
    return f'<Option type="Map">{items}</Option>'


def _symbol_layer(class_name: str, values: dict[str, str], level: int) -> str:
    return (f'<layer class="{class_name}" enabled="1" pass="{level}" locked="0">' + _options(values) + "</layer>")


def _data_defined(prop: str, expression: str) -> str:
    """A data-defined property ``prop`` of a symbol layer (e.g. 'enabled', 'size') from ``expression``."""
    return ('<data_defined_properties><Option type="Map"><Option name="name" type="QString" value=""/>'
            f'<Option name="properties" type="Map"><Option name={quoteattr(prop)} type="Map">'
            '<Option name="active" type="bool" value="true"/>'
            f'<Option name="expression" type="QString" value={quoteattr(expression)}/>'
            '<Option name="type" type="int" value="3"/></Option></Option>'
            '<Option name="type" type="QString" value="collection"/></Option></data_defined_properties>')


def _when(expression: str) -> str:
    """Data-defined 'enabled' of a symbol layer: drawn only where ``expression`` is true."""
    return _data_defined("enabled", expression)


#: Marking of clusters whose advice is uncertain (sensitivity): a dashed dark outline.
UNCERTAIN_FIELD = "onzeker"


def _uncertain_outline(level: int) -> str:
    layer = _symbol_layer("SimpleFill", {"color": "0,0,0,0", "style": "no", "outline_color": "33,33,33,255",
                                         "outline_width": "0.7", "outline_style": "dash"}, level)
    return layer.replace("</layer>", _when(f'coalesce("{UNCERTAIN_FIELD}", false)') + "</layer>")


def _symbol(kind: str, name: str, colour: str, *, outline: str | None = None, width: float | None = None,
            hatch: bool | str = False, alpha: int = 255, level: int = 0, mark_uncertain: bool = False) -> str:
    """A QGIS symbol of ``kind`` 'fill', 'line' or 'marker'.

    ``width`` is the line width or marker size in mm; ``level`` the symbol-level pass (higher draws later).
    A fill without an explicit outline gets an outline in its own colour.
    """
    outline = outline or colour
    if kind == "fill" and hatch:
        layers = (_symbol_layer("SimpleFill", {"color": _rgba(colour, 40), "style": "solid", "outline_style": "no"},
                                level)
                  + _symbol_layer("SimpleFill", {"color": _rgba(colour, 200),
                                                 "style": hatch if isinstance(hatch, str) else "b_diagonal",
                                                 "outline_color": _rgba(colour), "outline_width": "0.6",
                                                 "outline_style": "dash"}, level))
    elif kind == "fill":
        layers = _symbol_layer("SimpleFill", {"color": _rgba(colour, alpha), "style": "solid",
                                              "outline_color": _rgba(outline), "outline_width": str(width or 0.26)},
                               level)
        if mark_uncertain:
            layers += _uncertain_outline(level)
    elif kind == "line":
        layers = _symbol_layer("SimpleLine", {"line_color": _rgba(colour, alpha), "line_width": str(width or 0.5),
                                              "capstyle": "round", "joinstyle": "round"}, level)
    else:
        layers = _symbol_layer("SimpleMarker", {"color": _rgba(colour, alpha), "name": "circle",
                                                "size": str(width or 2.0), "outline_color": _rgba("#333333"),
                                                "outline_width": "0.1"}, level)
    return f'<symbol type="{kind}" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">{layers}</symbol>'


def labels(field: str, *, kind: str, size: float = 8.0, bold: bool = False, colour: str = "#263238",
           always: bool = False) -> str:
    """Simple labelling by ``field`` with a 1 mm white halo; along the line for lines, centred otherwise.

    ``always`` shows every label even where it overlaps other features or labels (for buurt names).
    """
    if kind == "line":  # along the line
        placement = '<placement placement="3" placementFlags="9" dist="0" repeatDistance="0" overrunDistance="0"/>'
    elif always:  # on the centroid, whatever lies there
        placement = '<placement placement="1" placementFlags="10" dist="0" centroidWhole="0" centroidInside="1"/>'
    else:  # around the centroid, beside what is drawn there
        placement = '<placement placement="0" placementFlags="10" dist="0.5" centroidWhole="0" centroidInside="1"/>'

    return ('<labeling type="simple"><settings calloutType="simple">'
            f'<text-style fieldName={quoteattr(field)} isExpression="0" fontSize="{size}" fontSizeUnit="Point" '
            f'fontWeight="{75 if bold else 50}" fontItalic="0" textColor="{_rgba(colour)}" textOpacity="1" '
            'namedStyle="" multilineHeight="1" capitalization="0" blendMode="0" allowHtml="0">'
            '<text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" '
            'bufferOpacity="0.9" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"/>'
            '</text-style>'
            '<text-format wrapChar="" autoWrapLength="0" multilineAlign="3" formatNumbers="0" decimals="3" '
            'plussign="0"/>'
            f'{placement}'
            '<rendering obstacle="1" obstacleType="1" fontMinPixelSize="3" fontMaxPixelSize="10000" '
            'upsidedownLabels="0" '
            f'scaleVisibility="0" displayAll="{int(always)}" drawLabels="1" mergeLines="1" labelPerPart="0" '
            f'limitNumLabels="0" minFeatureSize="0" zIndex="{1 if always else 0}"/>'
            '</settings></labeling>')


def _qml(renderer: str, labelling: str = "") -> str:
    enabled = "1" if labelling else "0"
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
            f'<qgis version="{QGIS_VERSION}" styleCategories="Symbology|Labeling" labelsEnabled="{enabled}">'
            f"{renderer}{labelling}</qgis>")


def _order_by(expression: str | None) -> tuple[str, str]:
    if not expression:
        return 'enableorderby="0"', ""
    return ('enableorderby="1"',
            f'<orderby><orderByClause asc="1" nullsFirst="1">{escape(expression)}</orderByClause></orderby>')


def categorised(field: str, kind: str, categories: list[tuple[str, str, str]], *, symbol_levels: bool = False,
                order_by: str | None = None, label_field: str | None = None, hatches: dict[str, str] | None = None,
                **symbol_kwargs) -> str:
    """A categorised renderer: (value, colour, label) per category.

    With ``symbol_levels`` the categories draw in list order: the last category on top. ``hatches``: a QGIS fill
    style per value (e.g. 'diagonal_x'), for hatched categories.
    """
    cats = "".join(f'<category value={quoteattr(v)} symbol="{i}" label={quoteattr(lab)} render="true"/>'
                   for i, (v, _, lab) in enumerate(categories))
    symbols = "".join(_symbol(kind, str(i), c, level=i if symbol_levels else 0,
                              **{**symbol_kwargs, **({"hatch": hatches[v]} if hatches and v in hatches else {})})
                      for i, (v, c, _) in enumerate(categories))
    order_attr, order_xml = _order_by(order_by)
    renderer = (f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(field)} '
                f'symbollevels="{int(symbol_levels)}" {order_attr} forceraster="0">'
                f"<categories>{cats}</categories><symbols>{symbols}</symbols>{order_xml}</renderer-v2>")
    return _qml(renderer, labels(label_field, kind=kind) if label_field else "")


def single(kind: str, colour: str, *, label_field: str | None = None, label_size: float = 8.0,
           label_bold: bool = False, label_always: bool = False, **symbol_kwargs) -> str:
    """A single-symbol renderer, optionally labelled by a field."""
    renderer = (f'<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>'
                f'{_symbol(kind, "0", colour, **symbol_kwargs)}</symbols></renderer-v2>')
    labelling = (labels(label_field, kind=kind, size=label_size, bold=label_bold, always=label_always)
                 if label_field else "")
    return _qml(renderer, labelling)


def graduated(field: str, kind: str, ranges: list[tuple[float, float, str, float, str]], *,
              label_field: str | None = None) -> str:
    """A graduated renderer: (lower, upper, colour, width, label) per range; higher classes draw on top."""
    rows = "".join(f'<range lower="{lo}" upper="{hi}" symbol="{i}" label={quoteattr(lab)} render="true"/>'
                   for i, (lo, hi, _, _, lab) in enumerate(ranges))
    alpha = 140 if kind == "fill" else 255
    symbols = "".join(_symbol(kind, str(i), c, width=(w if kind != "fill" else 0.4), alpha=alpha, level=i)
                      for i, (_, _, c, w, _) in enumerate(ranges))
    renderer = (f'<renderer-v2 type="graduatedSymbol" attr={quoteattr(field)} graduatedMethod="GraduatedColor" '
                f'symbollevels="1" enableorderby="0" forceraster="0"><ranges>{rows}</ranges>'
                f'<symbols>{symbols}</symbols></renderer-v2>')
    return _qml(renderer, labels(label_field, kind=kind) if label_field else "")


#: Heat sources (``warmtebronnen.soort``) by kind: (keys in :data:`~warmtekans.core.vocabulary.HEAT_SOURCES`,
#: legend label, QGIS marker shape, colour). A kind matches every soort that starts with its first source's name
#: up to " (" or " met" ("restwarmte (RWZI)" is restwarmte); anything else is drawn as 'andere bron'.
HEAT_SOURCE_SYMBOLS = [
    ((RIOOL_WKO, RIOOL_DIRECT), "riothermie (riool)", "triangle", "#2b8cbe"),
    ((TEO,), "aquathermie (oppervlaktewater)", "diamond", "#41ae76"),
    ((OPEN_WKO,), "open WKO", "hexagon", "#6a51a3"),
    ((RESTWARMTE,), "restwarmte", "star", "#e31a1c"),
]


#: Marker size (mm) of a heat source with heat allocated to a network, and of one without.
SOURCE_SIZE_ALLOCATED, SOURCE_SIZE_FREE = 3.6, 2.2


def _kind_prefix(key: str) -> str:
    """The start every soort of heat source ``key`` shares, e.g. 'riothermie' or 'restwarmte'."""
    return HEAT_SOURCES[key].name.split(" (")[0].split(" met")[0]


def heat_source_rules() -> list[tuple[str, str, str, str]]:
    """(QGIS filter on ``soort``, label, marker shape, colour) per kind of heat source, the rest last ('ELSE')."""
    rules = []
    for keys, label, shape, colour in HEAT_SOURCE_SYMBOLS:
        prefixes = sorted({_kind_prefix(key) for key in keys})
        expression = " OR ".join(f""""soort" LIKE '{prefix}%'""" for prefix in prefixes)
        rules.append((expression, label, shape, colour))
    return rules + [("ELSE", "andere bron", "square", "#737373")]


def heat_source_style() -> str:
    """A rule-based renderer: a marker shape and colour per kind of heat source, larger where heat is allocated
    to a network (``toegewezen_gj`` > 0)."""
    size = (f'CASE WHEN coalesce("toegewezen_gj", 0) > 0 THEN {SOURCE_SIZE_ALLOCATED} '
            f'ELSE {SOURCE_SIZE_FREE} END')
    rules, symbols = [], []
    for i, (expression, label, shape, colour) in enumerate(heat_source_rules()):
        rules.append(f'<rule key="{{warmtebron-{i}}}" filter={quoteattr(expression)} symbol="{i}" '
                     f'label={quoteattr(label)}/>')
        layer = _symbol_layer("SimpleMarker", {"color": _rgba(colour), "name": shape, "size": str(SOURCE_SIZE_FREE),
                                               "outline_color": _rgba("#212121"), "outline_width": "0.2"}, 0)
        layer = layer.replace("</layer>", _data_defined("size", size) + "</layer>")
        symbols.append(f'<symbol type="marker" name="{i}" alpha="1" clip_to_extent="1" force_rhr="0">{layer}</symbol>')
    renderer = ('<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">'
                f'<rules key="{{warmtebronnen}}">{"".join(rules)}</rules><symbols>{"".join(symbols)}</symbols>'
                '</renderer-v2>')
    return _qml(renderer)


def default_styles(geometry_types: dict[str, str | None] | None = None,
                   fields: dict[str, set[str]] | None = None) -> dict[str, tuple[str, str]]:
    """Style name and QML per result layer, with symbols that fit each layer's geometry type.

    ``geometry_types`` maps a layer to its geometry type (GDAL or GeoPackage name); layers not
    given get the usual type (dwellings points, streets and sewers lines, the rest polygons).
    ``fields`` (per layer) switches on the dashed outline of uncertain clusters when the
    clusters carry ``onzeker``.
    """
    types = geometry_types or {}
    uncertain = UNCERTAIN_FIELD in (fields or {}).get("clusters", set())

    def kind(layer: str, usual: str) -> str:
        return symbol_kind(types.get(layer), default=usual)

    configurations = [(name, colour, name) for name, colour in COLOURS.items()]
    return {
        "clusters": ("warmtekans: configuratie per kandidaat-cluster",
                     categorised("configuratie", kind("clusters", "fill"), configurations, alpha=150,
                                 outline="#455a64", order_by='"niveau"',
                                 mark_uncertain=uncertain and kind("clusters", "fill") == "fill")),
        "woningen": ("warmtekans: aanbevolen per woning",
                     categorised("aanbevolen", kind("woningen", "marker"), configurations, width=1.6,
                                 outline="#333333")),
        "utiliteit": ("warmtekans: utiliteit", single(kind("utiliteit", "marker"), "#6d4c41", width=2.0,
                                                      outline="#3e2723")),
        "buurten": ("warmtekans: buurten", single(kind("buurten", "fill"), "#ffffff", outline="#37474f", width=0.6,
                                                alpha=0, label_field="buurtnaam", label_size=10, label_bold=True,
                                                label_always=True)),
        "straten": ("warmtekans: kansrijke straten (collectieve optie)", categorised(
            "kansrijk", kind("straten", "line"), [
            ("", "#cfd8dc", "geen cluster"), ("nee", "#9e9e9e", "nee"),
            ("binnen marge", WITHIN_MARGIN_STREET, "binnen marge (binnen de onzekerheid)"),
            ("ja", MINI_STREET, "ja (collectief het goedkoopst)")], symbol_levels=True, width=1.2,
            label_field="straat")),
        "beperkingen": ("warmtekans: beperkingen boren", categorised("effect", kind("beperkingen", "fill"), [
            ("allowed", "#9e9e9e", "toegestaan"), ("restricted", "#ff7f00", "boren beperkt"),
            ("forbidden", "#e41a1c", "boren verboden")], hatch=True, symbol_levels=True,
            hatches={"forbidden": "diagonal_x"})),  # crossed, as in the PNG maps and the web map
        "clusters_buurt": ("warmtekans: gebieden per buurt", single(kind("clusters_buurt", "fill"), "#d95f02",
                                                                   outline="#7f2704", width=0.5, alpha=60,
                                                                   label_field="buurtcode")),
        "warmtebronnen": ("warmtekans: warmtebronnen per soort (groter: toegewezen aan een net)",
                          heat_source_style() if kind("warmtebronnen", "marker") == "marker" else
                          single(kind("warmtebronnen", "marker"), "#e31a1c")),
        "riool": ("warmtekans: riothermie (bronvermogen)", graduated("bronvermogen_kw", kind("riool", "line"), [
            (0, 25, "#9ecae1", 0.4, "< 25 kW"), (25, 100, "#4292c6", 0.9, "25–100 kW"),
            (100, 1e9, "#08519c", 1.8, "≥ 100 kW")])),
    }


LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),
    styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30),
    ui TEXT(30), update_time DATETIME DEFAULT '2000-01-01T00:00:00.000Z'
)
"""


#: A fixed time stamp in the GeoPackage's own format, so two runs write identical rows.
FIXED_TIME = "2000-01-01T00:00:00.000Z"


def gpkg_layers(gpkg: str | Path) -> dict[str, tuple[str | None, str | None]]:
    """Per table in ``gpkg_contents`` (except ``layer_styles``): (geometry column, geometry type), in write order."""
    with sqlite3.connect(gpkg) as connection:
        rows = connection.execute(
            "SELECT c.table_name, g.column_name, g.geometry_type_name FROM gpkg_contents c "
            "LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name ORDER BY c.rowid").fetchall()
    return {name: (column, kind) for name, column, kind in rows if name != "layer_styles"}


def gpkg_fields(gpkg: str | Path) -> dict[str, set[str]]:
    """The column names of every table in ``gpkg_contents``."""
    with sqlite3.connect(gpkg) as connection:
        names = [row[0] for row in connection.execute("SELECT table_name FROM gpkg_contents")]
        return {name: {row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')} for name in names}


def add_styles(gpkg: str | Path, descriptions: dict[str, str] | None = None,
               geometry_types: dict[str, str | None] | None = None,
               styles: Callable[[dict[str, str | None]], dict[str, tuple[str, str]]] | None = None) -> int:
    """Store the default QGIS style of every result layer present in ``gpkg``; return how many.

    The symbols follow the geometry type recorded in the GeoPackage (``geometry_types`` overrides).
    ``styles`` gives (style name, QML) per layer for the geometry types, in place of the default of those layers
    (e.g. the province's buurten, :func:`warmtekans.outputs.province.province_styles`).
    """
    tables = gpkg_layers(gpkg)
    types = {name: kind for name, (_, kind) in tables.items()} | (geometry_types or {})
    fields = gpkg_fields(gpkg)
    with sqlite3.connect(gpkg) as connection:
        connection.execute(LAYER_STYLES_DDL)
        connection.execute("DELETE FROM layer_styles")
        registered = connection.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchone()
        if not registered:
            connection.execute("INSERT INTO gpkg_contents "
                               "(table_name, data_type, identifier, description, last_change) "
                               "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS styles', ?)", (FIXED_TIME,))
        count = 0
        for layer, (name, qml) in {**default_styles(types, fields), **(styles(types) if styles else {})}.items():
            if layer not in tables or tables[layer][0] is None:
                continue
            connection.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                "styleName, "
                "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
                "VALUES ('', '', ?, ?, ?, ?, '', 1, ?, 'warmtekans', '', ?)",
                (layer, tables[layer][0], name, qml, escape(name), FIXED_TIME))
            count += 1
        for layer, text in (descriptions or {}).items():
            connection.execute("UPDATE gpkg_contents SET description = ? WHERE table_name = ?", (text, layer))
    return count


#: Layers of the project: (id, table, title, subset filter, visible), top first, for the usual result layers.
PROJECT_LAYERS = [
    ("woningen", "woningen", "Woningen", None, True),
    ("utiliteit", "utiliteit", "Utiliteit", None, True),
    ("warmtebronnen", "warmtebronnen", "Warmtebronnen", None, True),
    ("straten", "straten", "Straten: kansrijk voor een collectieve optie", None, True),
    ("riool", "riool", "Riool", None, True),
    ("beperkingen", "beperkingen", "Beperkingen voor boren", None, True),
    ("clusters_mini", "clusters", "Clusters: mini (kandidaten)", "\"niveau\" = 'mini'", False),
    ("clusters_gebied", "clusters", "Clusters: gebieden (kandidaten)", "\"niveau\" = 'gebied'", False),
    ("clusters_buurt", "clusters_buurt", "Gebieden per buurt", None, False),
    ("buurten", "buurten", "Buurten", None, True),
    ("kwaliteit", "kwaliteit", "Kwaliteit van de invoer", None, True),
]


def layer_title(table: str) -> str:
    """The name a layer has in the QGIS project: readable Dutch (:data:`PROJECT_LAYERS`), for another table its
    name with spaces ('per_buurt_x' → 'Per buurt x')."""
    titles = {entry[1]: entry[2] for entry in PROJECT_LAYERS if entry[3] is None}
    return titles.get(table) or table.replace("_", " ").capitalize()


#: EPSG:28992 as QGIS 3.22 writes it (WKT2 from PROJ); QGIS needs the WKT to restore the CRS.
_RD_WKT = ('PROJCRS["Amersfoort / RD New",BASEGEOGCRS["Amersfoort",DATUM["Amersfoort",ELLIPSOID["Bessel 1841",63'
           '77397.155,299.1528128,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.017453292519'
           '9433]],ID["EPSG",4289]],CONVERSION["RD New",METHOD["Oblique Stereographic",ID["EPSG",9809]],PARAMETE'
           'R["Latitude of natural origin",52.1561605555556,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",880'
           '1]],PARAMETER["Longitude of natural origin",5.38763888888889,ANGLEUNIT["degree",0.0174532925199433],'
           'ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",0.9999079,SCALEUNIT["unity",1],ID["EPSG"'
           ',8805]],PARAMETER["False easting",155000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False nor'
           'thing",463000,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["easting (X)",east,ORDER['
           '1],LENGTHUNIT["metre",1]],AXIS["northing (Y)",north,ORDER[2],LENGTHUNIT["metre",1]],USAGE[SCOPE["Eng'
           'ineering survey, topographic mapping."],AREA["Netherlands - onshore, including Waddenzee, Dutch Wadd'
           'en Islands and 12-mile offshore coastal zone."],BBOX[50.75,3.2,53.7,7.22]],ID["EPSG",28992]]')


_RD_SRS = (f"<spatialrefsys><wkt>{escape(_RD_WKT)}</wkt>"
           "<proj4>+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 "
           "+y_0=463000 +ellps=bessel +units=m +no_defs</proj4><srsid>2517</srsid>"
           "<srid>28992</srid><authid>EPSG:28992</authid><description>Amersfoort / RD New</description>"
           "<projectionacronym>sterea</projectionacronym><ellipsoidacronym>EPSG:7004</ellipsoidacronym>"
           "<geographicflag>false</geographicflag></spatialrefsys>")


def _metadata_xml(tag: str, title: str, abstract: str, history: list[str], kind: str = "dataset") -> str:
    """QGIS metadata (layer ``resourceMetadata`` or ``projectMetadata``): title, abstract and history lines."""
    items = "".join(f"<history>{escape(line)}</history>" for line in history)
    author = "<author>warmtekans</author>" if kind == "project" else ""
    return (f"<{tag}><identifier></identifier><parentidentifier></parentidentifier><language>nl</language>"
            f"<type>{kind}</type>{author}<title>{escape(title)}</title><abstract>{escape(abstract)}</abstract>{items}"
            f"<contact><name></name><organization></organization><position></position><voice></voice>"
            f"<fax></fax><email></email><role></role></contact><links/><fees></fees><encoding></encoding>"
            f"<crs>{_RD_SRS}</crs><extent/></{tag}>")


def _qml_body(qml: str) -> tuple[str, str]:
    """The renderer and labelling elements of a QML document, and its labelsEnabled flag."""
    body = qml.split("'SYSTEM'>", 1)[1]
    enabled = 'labelsEnabled="1"' in body.split(">", 1)[0]
    inner = body.split(">", 1)[1].rsplit("</qgis>", 1)[0]
    return inner, "1" if enabled else "0"


def project_qgs(gpkg: str | Path, *, title: str, extent: tuple[float, float, float, float],
                abstract: str = "", history: list[str] | None = None,
                descriptions: dict[str, str] | None = None,
                own_styles: Callable[[dict[str, str | None]], dict[str, tuple[str, str]]] | None = None) -> str:
    """The text of a QGIS project that opens the layers of ``gpkg`` (referenced relatively, as ``./<name>``).

    Every layer carries its default style (or its style from ``own_styles``, as in :func:`add_styles`) and
    metadata (``abstract`` and ``history``, e.g. the provenance); the candidate cluster layers are present
    but switched off.
    """
    gpkg = Path(gpkg)
    tables = gpkg_layers(gpkg)
    types = {name: kind for name, (_, kind) in tables.items()}
    styles = {**default_styles(types, gpkg_fields(gpkg)), **(own_styles(types) if own_styles else {})}
    history = history or []
    entries = [entry for entry in PROJECT_LAYERS if entry[1] in tables]
    known = {entry[1] for entry in entries}
    spatial_rest = [name for name, (column, _) in tables.items() if name not in known and column is not None]
    tables_rest = [name for name, (column, _) in tables.items() if name not in known and column is None]
    # other map layers (heat sources, per-buurt breakdowns) above the buurten; candidate layers off;
    # attribute tables (kwaliteit) after all map layers
    extra = [(name, name, layer_title(name), None, not name.startswith("clusters")) for name in spatial_rest]
    bottom = next((i for i, entry in enumerate(entries) if entry[1] == "buurten"), len(entries))
    entries = entries[:bottom] + extra + entries[bottom:]
    entries += [(name, name, layer_title(name), None, True) for name in tables_rest]
    tree, maplayers = [], []
    for short_id, table, shown, subset, visible in entries:
        layer_id = f"warmtekans_{short_id}"  # QGIS ignores a layer id of 10 characters or fewer
        column, kind = tables[table]
        source = f"./{gpkg.name}|layername={table}" + (f"|subset={subset}" if subset else "")
        checked = "Qt::Checked" if visible else "Qt::Unchecked"
        tree.append(f'<layer-tree-layer expanded="0" checked="{checked}" id={quoteattr(layer_id)} '
                    f'name={quoteattr(shown)} source={quoteattr(source)} providerKey="ogr"/>')
        description = (descriptions or {}).get(table, "")
        metadata = _metadata_xml("resourceMetadata", shown, "\n\n".join(filter(None, [description, abstract])),
                                 history)
        if column is None:
            maplayers.append(f'<maplayer type="vector" geometry="No geometry" wkbType="NoGeometry">'
                             f"<id>{escape(layer_id)}</id><datasource>{escape(source)}</datasource>"
                             f"<layername>{escape(shown)}</layername>{metadata}"
                             f'<provider encoding="UTF-8">ogr</provider></maplayer>')
            continue
        body, labels_enabled = _qml_body(styles[table][1]) if table in styles else ("", "0")
        geometry = {"marker": "Point", "line": "Line", "fill": "Polygon"}[symbol_kind(kind)]
        maplayers.append(f'<maplayer type="vector" geometry="{geometry}" labelsEnabled="{labels_enabled}" '
                         f'autoRefreshEnabled="0" readOnly="0" refreshOnNotifyEnabled="0">'
                         f"<id>{escape(layer_id)}</id><datasource>{escape(source)}</datasource>"
                         f"<layername>{escape(shown)}</layername><srs>{_RD_SRS}</srs>{metadata}"
                         f'<provider encoding="UTF-8">ogr</provider>{body}</maplayer>')
    xmin, ymin, xmax, ymax = extent
    canvas_extent = f"<extent><xmin>{xmin}</xmin><ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></extent>"
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            f'<qgis projectname={quoteattr(title)} version="{QGIS_VERSION}" saveUser="" saveDateTime="">'
            f"<homePath path=\"\"/><title>{escape(title)}</title>"
            f"<projectCrs>{_RD_SRS}</projectCrs>"
            f'<layer-tree-group><customproperties/>{"".join(tree)}'
            "</layer-tree-group>"
            f'<mapcanvas name="theMapCanvas" annotationsVisible="1"><units>meters</units>{canvas_extent}'
            f"<rotation>0</rotation><destinationsrs>{_RD_SRS}</destinationsrs><rendermaptile>0</rendermaptile>"
            "</mapcanvas>"
            f'<ProjectViewSettings UseProjectScales="0" rotation="0"><Scales/>'
            f'<DefaultViewExtent xmin="{xmin}" ymin="{ymin}" xmax="{xmax}" ymax="{ymax}">{_RD_SRS}</DefaultViewExtent>'
            "</ProjectViewSettings>"
            f"<projectlayers>{''.join(maplayers)}</projectlayers>"
            '<properties><Paths><Absolute type="bool">false</Absolute></Paths>'
            '<SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled></SpatialRefSys>'
            f'<Measure><Ellipsoid type="QString">EPSG:7004</Ellipsoid></Measure></properties>'
            + _metadata_xml("projectMetadata", title, abstract, history, kind="project")
            + "</qgis>\n")


def write_styled_gpkg(layers: dict, path: str | Path, *, descriptions: dict[str, str] | None = None,
                      geometry_types: dict[str, str] | None = None, metadata: str | None = None,
                      styles: Callable[[dict[str, str | None]], dict[str, tuple[str, str]]] | None = None,
                      ) -> dict[str, str | None]:
    """:func:`~warmtekans.io.geopackage.write_gpkg_layers` with every layer's QGIS style and description in
    ``layer_styles`` (written inside the same atomic write, so a styled GeoPackage appears whole or not at all).
    ``styles`` replaces the default style of some layers (see :func:`add_styles`)."""
    from warmtekans.io.geopackage import write_gpkg_layers

    return write_gpkg_layers(layers, path, geometry_types=geometry_types, metadata=metadata,
                             finish=lambda gpkg, types: add_styles(gpkg, descriptions, geometry_types=types,
                                                                   styles=styles))
