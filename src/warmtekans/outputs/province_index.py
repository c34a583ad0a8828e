"""The index page of a regio (``results/<regio>/index.html``): one self-contained HTML file that shows the
regio's buurten coloured by the share of their dwellings advised a collective option, the gemeente borders
and names, and a table of the gemeenten, each linking to that gemeente's own web map
(``../<gemeente>/kaart.html``).

Leaflet 1.9.4 (``outputs/web/leaflet``, BSD-2-Clause) is inlined, nothing is loaded from the network and no
tiles are used, as in the gemeente maps. The page's HTML and JavaScript are package files
(``outputs/web/region_index.html`` and ``.js``). Opened with ``#selftest`` it writes what it drew as
JSON into ``<pre id="selftest-result">`` (the browser test reads it).
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from warmtekans.core.atomic import atomic_path
from warmtekans.outputs import colours

#: Package files this module reads (hashed into the merge rule's code version).
PACKAGE_DATA = ("outputs/web/region_index.*", "outputs/web/leaflet/leaflet.*")


COORD_DECIMALS = 5


#: Simplification (m, in RD) of the outlines on the page: enough at the zoom of a province, a few MB nationally.
BUURT_SIMPLIFY_M = 5.0


GEMEENTE_SIMPLIFY_M = 10.0


def _package_text(path: str) -> str:
    return resources.files("warmtekans").joinpath(path).read_text(encoding="utf-8")


def _delta(value):
    """Coordinates as integers of 1e-5 degrees, each ring as its first point then differences."""
    if value and isinstance(value[0], (int, float)):
        return [int(round(v * 10**COORD_DECIMALS)) for v in value[:2]]
    if value and isinstance(value[0], (list, tuple)) and value[0] and isinstance(value[0][0], (int, float)):
        points = np.round(np.asarray(value, dtype=float)[:, :2] * 10**COORD_DECIMALS).astype(np.int64)
        return np.vstack([points[:1], np.diff(points, axis=0)]).tolist()
    return [_delta(v) for v in value]


def _json_value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return round(float(value), 4)
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    return value if isinstance(value, (int, str)) else str(value)


def compact_polygons(frame: gpd.GeoDataFrame, columns: list[str], *, simplify_m: float) -> dict:
    """Polygons in WGS84 as ``{"geometries": [[type, delta coordinates]], "columns": {name: values}}`` (``a``
    Polygon, ``A`` MultiPolygon); the page rebuilds GeoJSON from it."""
    if frame is None or frame.empty:
        return {"geometries": [], "columns": {}}
    keep = [column for column in dict.fromkeys(columns) if column in frame.columns]
    subset = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    subset = subset.set_geometry(subset.geometry.simplify(simplify_m, preserve_topology=True)).to_crs("EPSG:4326")
    geometries = []
    for geometry in subset.geometry:
        mapping = geometry.__geo_interface__
        geometries.append(["A" if mapping["type"] == "MultiPolygon" else "a", _delta(mapping["coordinates"])])
    table = {column: [_json_value(v) for v in subset[column].astype(object).tolist()] for column in keep}
    return {"geometries": geometries, "columns": table}


def label_points(gemeenten: gpd.GeoDataFrame) -> list[list]:
    """``[lat, lon, name, code]`` of a point inside each gemeente (where the page writes its name)."""
    if gemeenten is None or gemeenten.empty:
        return []
    points = gpd.GeoSeries(gemeenten.geometry.representative_point(), crs=gemeenten.crs).to_crs("EPSG:4326")
    return [[round(p.y, COORD_DECIMALS), round(p.x, COORD_DECIMALS), str(name), str(code)]
            for p, name, code in zip(points, gemeenten["gemeentenaam"], gemeenten["gemeentecode"])]


def build_index(*, code: str, naam: str, buurten: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame,
                table: pd.DataFrame, links: dict[str, str], footer: str = "") -> str:
    """The HTML text of the index page. ``links`` maps a gemeentecode to its map (relative to the page)."""
    from warmtekans.outputs.province import COLLECTIVE_SHARE, COUNTS, KANSRIJK_LEVELS

    fields = [{"name": count.name, "title": count.title, "share": count.share_name if count.share else None}
              for count in COUNTS if count.layer != "woningen"]
    frame = buurten.assign(klasse=colours.share_class(pd.to_numeric(buurten[COLLECTIVE_SHARE], errors="coerce")))
    columns = ["buurtcode", "buurtnaam", "gemeentecode", "gemeentenaam", "klasse", "ontbrekende_invoer",
               *(field["name"] for field in fields), *(field["share"] for field in fields if field["share"])]
    table_columns = [{"name": "gemeentenaam", "title": "gemeente"}, {"name": "n_woningen", "title": "woningen"},
                     {"name": COLLECTIVE_SHARE, "title": "collectief", "percent": True},
                     *({"name": f"n_straten_{level}", "title": f"straten {level}"} for level in KANSRIJK_LEVELS)]
    rows = [{column["name"]: _json_value(record.get(column["name"])) for column in table_columns}
            | {"gemeentecode": str(record["gemeentecode"])} for record in table.to_dict("records")]
    payload = {
        "code": code, "naam": naam,
        "buurten": compact_polygons(frame, columns, simplify_m=BUURT_SIMPLIFY_M),
        "gemeenten": compact_polygons(gemeenten, ["gemeentecode", "gemeentenaam"], simplify_m=GEMEENTE_SIMPLIFY_M),
        "labels": label_points(gemeenten),
        "links": links,
        "fields": fields,
        "classes": [{"label": label, "colour": colour} for _, _, colour, label in colours.COLLECTIVE_SHARE_CLASSES],
        "no_dwellings": colours.NO_DWELLINGS,
        "legend_title": "Aandeel woningen met advies collectief",
        "table": {"columns": table_columns, "rows": rows},
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    title = html.escape(f"Warmtekansen {naam} ({code})")
    total = table[table["gemeentecode"] == "totaal"]
    subtitle = ""
    if not total.empty:
        dwellings = int(total["n_woningen"].iloc[0])
        share = total[COLLECTIVE_SHARE].iloc[0]
        subtitle = (f"{len(table) - 1} gemeenten, {colours.dwellings_text(dwellings)}"
                    + (f", {100 * float(share):.0f} % met advies collectief" if pd.notna(share) else ""))
    page = _package_text("outputs/web/region_index.html")
    # one pass, so no replaced text is searched again (the scripts may contain '@...@' themselves)
    values = {"@TITLE@": title, "@SUBTITLE@": html.escape(subtitle), "@FOOTER@": html.escape(footer),
              "@LEAFLET_CSS@": _package_text("outputs/web/leaflet/leaflet.css"),
              "@LEAFLET_JS@": _package_text("outputs/web/leaflet/leaflet.js"),
              "@PAYLOAD@": text, "@APP_JS@": _package_text("outputs/web/region_index.js")}
    return re.sub("|".join(re.escape(key) for key in values), lambda match: values[match.group(0)], page)


def write_index(path: str | Path, **kwargs) -> Path:
    """Write the index page to ``path`` atomically (see :func:`build_index`)."""
    text = build_index(**kwargs)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
