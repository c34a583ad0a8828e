"""A self-contained interactive HTML map per gemeente (Leaflet inlined, no CDN, no tiles).

Leaflet 1.9.4 comes from the npm package ``leaflet`` (BSD-2-Clause, see
``outputs/web/leaflet/LICENSE``) and is inlined with the data, so the file opens offline.

The page itself is in package files beside this module (:data:`PACKAGE_DATA`): ``web/template.html``
(filled with :meth:`str.format`, so it holds no other braces), ``web/style.css`` and ``web/app.js``.

What it shows, the same as the PNG maps (one palette, :mod:`warmtekans.colours`):

- *Advies per woning* (on): every dwelling as a dot in the colour of its recommended
  configuration (``woningen.aanbevolen``); its popup gives the address, the advice, the reason
  and the costs of the chosen cluster (``kosten_eur_jaar_*``, ``goedkoopste``,
  ``marge_eur_jaar`` when the results carry them).
- *Aanbevolen clusters* (on): the clusters chosen by the dwellings, outlined in their
  configuration's colour; a dashed black outline marks an uncertain advice (``onzeker``).
- *Kandidaten* (off): all mini and area candidate clusters, switchable.
- restrictions, sewer potential, streets with a mini-network advice, buurten, streets by 'may we drill
  a shared loop here' (off); a legend for
  every layer; buurt names from zoom 13, street names from zoom 16.

Size: dwellings are stored as columns (integer coordinate deltas in 1e-5 degrees, indices
into lookup lists), polygons are simplified and their coordinates rounded to 1e-5 degrees
(about 1 m), so a 100 000-dwelling gemeente stays a few MB (docs/results.md).

Opening the file with ``#selftest`` in the address runs a check in the browser: it counts
the drawn features, switches the mini candidates on and off through the layer control, reads
the fill colour of every dwelling dot, and writes the result as JSON into
``<pre id="selftest-result">`` (used by the browser test).
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
from warmtekans.outputs.kansrijk import KANSRIJK

CRITERION_LABELS = {
    "c_warmtedichtheid": "warmtedichtheid",
    "c_woningen_per_lus": "woningen per lus",
    "c_gemiddeld_label": "gemiddeld label",
    "c_beperkingen": "beperkingen",
    "c_interferentie": "interferentie",
    "c_riothermie_dekking": "riothermie",
    "c_omvang_weq": "omvang",
}


COST_PATTERN = re.compile(r"^(kosten_eur_jaar_.+|goedkoopste|goedkoopste_eur_jaar|tweede|marge_eur_jaar)$")


COORD_DECIMALS = 5


GEOMETRY_CODES = {"Point": "p", "LineString": "l", "MultiLineString": "L", "Polygon": "a", "MultiPolygon": "A",
                  "MultiPoint": "P", "LinearRing": "l"}


BUURT_LABEL_MIN_ZOOM = 13


STREET_LABEL_MIN_ZOOM = 16


#: The web-map files (globs relative to ``src/warmtekans``): shipped in the wheel (pyproject ``package-data``)
#: and hashed into the ``web_map`` rule's code version (:func:`warmtekans.pipeline.workflow.code_version`).
PACKAGE_DATA = ("outputs/web/*", "outputs/web/leaflet/*")


def _asset(name: str) -> str:
    """The text of web-map file ``name`` (relative to ``outputs/web``)."""
    return resources.files("warmtekans").joinpath(f"outputs/web/{name}").read_text(encoding="utf-8")


def cost_columns(frame: pd.DataFrame) -> list[str]:
    """The cost fields present in ``frame`` (``kosten_eur_jaar_*``, ``goedkoopste``, ``marge_eur_jaar``)."""
    return [c for c in frame.columns if COST_PATTERN.match(str(c))]


def _json_value(value):
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or value is pd.NA:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return round(float(value), 3)
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    return value if isinstance(value, (int, str)) else str(value)


def _delta_coords(value):
    """Coordinates as integers of 1e-5 degrees, each ring/line as its first point then differences."""
    if value and isinstance(value[0], (int, float)):
        return [int(round(v * 10**COORD_DECIMALS)) for v in value[:2]]
    if value and isinstance(value[0], (list, tuple)) and value[0] and isinstance(value[0][0], (int, float)):
        points = np.round(np.asarray(value, dtype=float)[:, :2] * 10**COORD_DECIMALS).astype(np.int64)
        return np.vstack([points[:1], np.diff(points, axis=0)]).tolist()
    return [_delta_coords(v) for v in value]


def undelta_coords(value):
    """Degrees from :func:`_delta_coords` (what the page does on load)."""
    if value and isinstance(value[0], int):
        return [v / 10**COORD_DECIMALS for v in value]
    if value and isinstance(value[0], list) and value[0] and isinstance(value[0][0], int):
        return (np.cumsum(np.asarray(value, dtype=np.int64), axis=0) / 10**COORD_DECIMALS).tolist()
    return [undelta_coords(v) for v in value]


def _geojson(frame: gpd.GeoDataFrame | None, columns: list[str], *, simplify_m: float = 1.0,
             decimals: int = 3) -> dict:
    """A compact GeoJSON collection in WGS84: geometries simplified (metres, in RD), coordinates as
    integer 1e-5 degrees with each ring/line delta-encoded (:func:`_delta_coords`); the attributes
    stored once per column (``columns``), each feature carrying only its row number ``i``. The page
    rebuilds coordinates and ``properties`` on load (see :func:`feature_properties`)."""
    if frame is None or frame.empty:
        return {"geometries": [], "columns": {}}
    keep = [c for c in dict.fromkeys(columns) if c in frame.columns]
    subset = frame[keep + [frame.geometry.name]].copy()
    subset = subset[subset.geometry.notna() & ~subset.geometry.is_empty]
    if simplify_m > 0:
        subset = subset.set_geometry(subset.geometry.simplify(simplify_m, preserve_topology=True))
    subset = subset.to_crs("EPSG:4326")
    geometries = []
    for geometry in subset.geometry:
        mapping = geometry.__geo_interface__
        geometries.append([GEOMETRY_CODES[mapping["type"]], _delta_coords(mapping["coordinates"])])
    table = {}
    for column in keep:
        values = subset[column]
        if pd.api.types.is_float_dtype(values):
            values = values.round(decimals)
        table[column] = [_json_value(v) for v in values.astype(object).tolist()]
    return {"geometries": geometries, "columns": table}


def feature_properties(collection: dict) -> list[dict]:
    """The properties of each feature of a compact collection (as the page rebuilds them)."""
    columns = collection.get("columns", {})
    return [{name: values[i] for name, values in columns.items()} for i in range(len(collection["geometries"]))]


def _lookup(values: pd.Series) -> tuple[list[str], list[int]]:
    """Distinct texts and the index of each value in them (-1 for missing)."""
    texts = values.astype("string")
    names = sorted(texts.dropna().unique().tolist())
    index = {name: i for i, name in enumerate(names)}
    return names, [index.get(v, -1) if isinstance(v, str) else -1 for v in texts.tolist()]


def encode_dwellings(woningen: gpd.GeoDataFrame, cluster_index: dict[str, int]) -> dict:
    """Dwellings as compact columns: coordinate deltas (1e-5 degrees), advice, cluster, street, number, type, label.

    Sorted by street and position so the deltas are small; decoded by :func:`decode_dwelling_positions`
    (Python) and ``decode`` in the page (JavaScript).
    """
    if woningen is None or woningen.empty:
        return {"n": 0}
    frame = woningen.to_crs("EPSG:4326")
    frame = frame.assign(_lat=np.round(frame.geometry.y.to_numpy() * 10**COORD_DECIMALS).astype(np.int64),
                         _lon=np.round(frame.geometry.x.to_numpy() * 10**COORD_DECIMALS).astype(np.int64))
    order = [c for c in ("straat_sleutel", "straat") if c in frame.columns] + ["_lon", "_lat"]
    frame = frame.sort_values(order, kind="stable")
    lat, lon = frame["_lat"].to_numpy(), frame["_lon"].to_numpy()
    palette_names = list(colours.palette(frame["aanbevolen"].dropna().unique()).keys())
    advice_index = {name: i for i, name in enumerate(palette_names)}
    streets, street_idx = _lookup(frame["straat"]) if "straat" in frame else ([], [-1] * len(frame))
    types, type_idx = _lookup(frame["woningtype"]) if "woningtype" in frame else ([], [-1] * len(frame))
    labels, label_idx = _lookup(frame["labelklasse"]) if "labelklasse" in frame else ([], [-1] * len(frame))
    number = (frame["huisnummer"].astype("string").fillna("") if "huisnummer" in frame
              else pd.Series("", index=frame.index))
    for extra in ("huisletter", "toevoeging"):
        if extra in frame:
            number = number + frame[extra].astype("string").fillna("")
    chosen = (frame["gekozen_cluster"].astype("string") if "gekozen_cluster" in frame
              else pd.Series(pd.NA, index=frame.index))
    encoded = {
        "n": len(frame),
        "lat0": int(lat[0]), "lon0": int(lon[0]),
        "dlat": np.diff(lat).tolist(), "dlon": np.diff(lon).tolist(),
        "advies": [advice_index.get(v, -1) if isinstance(v, str) else -1
                   for v in frame["aanbevolen"].astype("string").tolist()],
        "cluster": [cluster_index.get(v, -1) if isinstance(v, str) else -1 for v in chosen.tolist()],
        "straat": street_idx, "nummer": [int(v) if v.isdigit() and len(v) < 7 else v for v in number.tolist()],
        "type": type_idx, "label": label_idx,
        "lookup": {"advies": palette_names, "straat": streets, "type": types, "label": labels},
    }
    costs = {}
    for column in cost_columns(frame):
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values):
            costs[column] = [None if pd.isna(v) else int(round(float(v))) for v in values.tolist()]
        else:
            costs[column] = [None if pd.isna(v) else str(v) for v in values.tolist()]
    if costs:
        encoded["kosten"] = costs
    return encoded


def decode_dwelling_positions(encoded: dict) -> np.ndarray:
    """Longitude/latitude (degrees) of the encoded dwellings, in the stored order (shape n × 2)."""
    if not encoded.get("n"):
        return np.zeros((0, 2))
    scale = 10.0**COORD_DECIMALS
    lat = (encoded["lat0"] + np.concatenate([[0], np.cumsum(encoded["dlat"])])) / scale
    lon = (encoded["lon0"] + np.concatenate([[0], np.cumsum(encoded["dlon"])])) / scale
    return np.column_stack([lon, lat])


def embedded_payload(html_text: str) -> dict:
    """The data object a written page embeds (for tests and checks)."""
    start = html_text.index("const WARMTEKANS = ") + len("const WARMTEKANS = ")
    end = html_text.index(";</script>", start)
    return json.loads(html_text[start:end].replace("<\\/", "</"))


def _label_points(buurten: gpd.GeoDataFrame, woningen: gpd.GeoDataFrame | None,
                  streets: gpd.GeoDataFrame | None) -> dict:
    """Buurt name positions and street name positions/angles in WGS84."""
    from warmtekans.outputs.maps import street_label_anchors

    out: dict[str, list] = {"buurt": [], "straat": []}
    if buurten is not None and not buurten.empty:
        points = gpd.GeoSeries(buurten.geometry.representative_point(), crs=buurten.crs).to_crs("EPSG:4326")
        out["buurt"] = [[round(p.y, COORD_DECIMALS), round(p.x, COORD_DECIMALS), str(n)]
                        for p, n in zip(points, buurten["buurtnaam"])]
    if woningen is not None and not woningen.empty and "straat_sleutel" in woningen:
        frame = woningen.assign(objecttype="woning") if "objecttype" not in woningen else woningen
        chosen = streets[streets["kansrijk"].isin(KANSRIJK).fillna(False).to_numpy()] \
            if streets is not None and {"kansrijk", "straat_sleutel"} <= set(streets.columns) else None
        keys = dict(zip(chosen["straat_sleutel"], chosen["kansrijk"])) if chosen is not None else {}
        anchors = street_label_anchors(frame, streets, keys)
        if not anchors.empty:
            points = gpd.GeoSeries(gpd.points_from_xy(anchors["x"], anchors["y"]), crs=woningen.crs).to_crs("EPSG:4326")
            out["straat"] = [[round(p.y, COORD_DECIMALS), round(p.x, COORD_DECIMALS), round(float(a)), str(n), int(m)]
                             for p, a, n, m in zip(points, anchors["angle"], anchors["straat"], anchors["kansrijk"])]
    return out


def option_labels() -> dict[str, dict]:
    """Per option key (``kosten_eur_jaar_<key>``): the name the popups show, whether it is only the reference and
    whether it keeps burning gas.

    The gas boiler is costed as the reference every option is compared with, never offered as one: its popup
    line says so ("CV-ketel (referentie, aardgas)") and stands, with the hybrid heat pump (which keeps a gas
    boiler and is advised only with ``costs.allow_hybrid``), under "met aardgas, ter vergelijking" apart from
    the options, unless the hybrid is the cheapest option of that dwelling or cluster."""
    from warmtekans.decision.options import HYBRIDE, OPTIONS, SCALE_REFERENCE

    labels = {}
    for key, option in OPTIONS.items():
        reference = option.scale == SCALE_REFERENCE
        name = option.name
        if reference:
            head, _, detail = name.partition(" (")
            name = f"{head} (referentie, {detail}" if detail else f"{name} (referentie)"
        labels[key] = {"name": name, "reference": reference, "gas": reference or key == HYBRIDE}
    labels[HYBRIDE]["gas_name"] = f"{OPTIONS[HYBRIDE].name} (deels aardgas)"
    return labels


def _forbidden_on_top(zones: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The zones in drawing order: allowed, restricted, then forbidden (drawn last, on top), as in the PNG maps."""
    if zones is None or zones.empty or "effect" not in zones:
        return zones
    order = zones["effect"].map({"restricted": 1, "forbidden": 2}).fillna(0)
    return zones.iloc[np.argsort(order.to_numpy(), kind="stable")]


def legend_sections(*, palette: dict[str, str], counts: dict[str, int], clusters: gpd.GeoDataFrame,
                    zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame, mini_streets: bool,
                    line_streets_with_drilling: bool = False) -> list[dict]:
    """The legend: one section per layer that has data (configuration, clusters, restrictions, sewer, streets)."""
    sections = [{"title": "Aanbevolen configuratie (per woning)", "layer": "Advies per woning",
                 "items": [{"kind": "circle", "colour": c,
                            "label": f"{n} ({colours.dwellings_text(int(counts.get(n, 0)))})"}
                           for n, c in palette.items()]}]
    items = [{"kind": "outline", "colour": "#555555",
              "label": "aanbevolen cluster (rand in kleur van de configuratie)"}]
    if clusters is not None and "onzeker" in clusters.columns:
        items.append({"kind": "dash", "colour": colours.ONZEKER, "label": "onzeker advies (gevoelig voor aannames)"})
    sections.append({"title": "Clusters", "layer": "Aanbevolen clusters", "items": items})
    if zones is not None and not zones.empty:
        sections.append({"title": "Beperkingen bodemenergie", "layer": "Beperkingen bodemenergie", "items": [
            {"kind": "hatch", "colour": edge, "label": label, "effect": effect}
            for effect, (edge, _, label) in colours.RESTRICTIONS.items()
            if (zones["effect"] == effect).any()]})
    if sewers is not None and not sewers.empty:
        sections.append({"title": "Riool: bronvermogen (riothermie)", "layer": "Riool (warmtepotentie)", "items": [
            {"kind": "line", "colour": c, "width": w, "label": label} for _, _, c, w, label in colours.SEWER_CLASSES]})
    street_items = [{"kind": "label", "colour": colours.MINI_STREET, "label": "straatnaam: kansrijke straat"}]
    if mini_streets:
        street_items.insert(0, {"kind": "line", "colour": colours.MINI_STREET, "width": 6,
                                "label": "kansrijk: collectief het goedkoopst"})
        street_items.insert(1, {"kind": "line", "colour": colours.WITHIN_MARGIN_STREET, "width": 6,
                                "label": "kansrijk: binnen de marge"})
    sections.append({"title": "Straten", "layer": None, "items": street_items})
    if line_streets_with_drilling:
        sections.append({"title": "Straten: mag hier een bodemlus?", "layer": "Straten: mag hier een bodemlus?",
                         "items": [{"kind": "line", "colour": c, "width": 3, "label": label}
                                   for label, c in colours.DRILLING.items()]})
    return sections


def build_html(*, gemeente: str, buurten: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, streets: gpd.GeoDataFrame,
               zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame, woningen: gpd.GeoDataFrame | None = None,
               naam: str | None = None, footer: str = "", footer_html: str = "") -> str:
    """The HTML text of the interactive map. ``footer`` is plain text shown in the bottom bar (the sources);
    ``footer_html`` (e.g. the provenance) goes in a collapsible box above it."""
    clusters = clusters if clusters is not None else gpd.GeoDataFrame()
    chosen = (set(woningen["gekozen_cluster"].dropna().astype(str))
              if woningen is not None and "gekozen_cluster" in woningen else set())
    if not clusters.empty:
        clusters = clusters.assign(aanbevolen=clusters["cluster_id"].astype(str).isin(chosen))
        clusters = clusters.sort_values(["aanbevolen", "niveau"], ascending=[True, True], kind="stable")
    cluster_columns = ["cluster_id", "niveau", "schaal", "straat", "n_woningen", "weq", "score", "configuratie",
                       "wcw_regime", "reden", "aanbevolen", "onzeker", "stabiliteit", *CRITERION_LABELS,
                       *cost_columns(clusters)]
    if not clusters.empty:
        # mini clusters as the hull of their buildings (a row along a street), areas simplified to 3 m
        is_mini = (clusters["niveau"] == "mini").to_numpy()
        outline = clusters.geometry.copy()
        outline[is_mini] = clusters.geometry[is_mini].convex_hull.simplify(1.5)
        outline[~is_mini] = clusters.geometry[~is_mini].simplify(3.0, preserve_topology=True)
        clusters = clusters.set_geometry(outline)
    cluster_data = _geojson(clusters, cluster_columns, simplify_m=0, decimals=2)
    cluster_index = {cid: i for i, cid in enumerate(cluster_data["columns"].get("cluster_id", []))}
    dwelling_data = encode_dwellings(woningen, cluster_index)
    line_streets = streets  # every street is a line (OSM, or drawn through its addresses)
    mini_streets = line_streets[line_streets["kansrijk"].isin(KANSRIJK).fillna(False).to_numpy()] \
        if line_streets is not None and not line_streets.empty and "kansrijk" in line_streets else None
    counts = woningen["aanbevolen"].value_counts().to_dict() if woningen is not None and not woningen.empty else {}
    palette = colours.palette(dwelling_data.get("lookup", {}).get("advies", [])) if dwelling_data.get("n") else {}
    cluster_palette = colours.palette(clusters["configuratie"].dropna().unique()) if not clusters.empty else {}
    data = {
        "buurten": _geojson(buurten, ["buurtcode", "buurtnaam", "n_woningen", "n_mini", "n_kleinschalig",
                                      "n_grootschalig", "n_individueel", "kansrijke_straten", "reden_geen_collectief",
                                      "ontbrekende_invoer"],
                            simplify_m=2.0),
        "clusters": cluster_data,
        "woningen": dwelling_data,
        "straten": _geojson(line_streets,
                            ["straat", "n_woningen", "kansrijk", "kansrijk_niveau", "kansrijk_advies", "kansrijk_reden",
                             "lus_toegestaan", "max_boordiepte_m", "lus_toelichting", "gepland_warmtenet", "naam_bron",
                             "lijn_bron"], simplify_m=1.0),
        "beperkingen": _geojson(_forbidden_on_top(zones), ["soort", "zone_type", "effect", "max_diepte_m"],
                                simplify_m=2.0),
        "riool": _geojson(sewers, ["gwsw_type", "debiet_dwa_m3h", "debiet_bron", "bronvermogen_kw", "potentie_wko_gj"],
                          decimals=1),
        "labels": _label_points(buurten, woningen, line_streets),
    }
    place = f"{naam} ({gemeente})" if naam and naam != gemeente else gemeente
    settings = {
        "colours": {**cluster_palette, **palette}, "criteria": CRITERION_LABELS, "title": f"Warmtekansen {place}",
        "restrictions": {effect: {"colour": edge, "cross": "x" in hatch}
                         for effect, (edge, hatch, _) in colours.RESTRICTIONS.items()},
        "options": option_labels(),
        "sewer_classes": [[lo, None if hi == float("inf") else hi, c, w] for lo, hi, c, w, _ in colours.SEWER_CLASSES],
        "onzeker": colours.ONZEKER, "mini_street": colours.MINI_STREET,
        "margin_street": colours.WITHIN_MARGIN_STREET, "drilling": colours.DRILLING,
        "legend": legend_sections(palette=palette, counts=counts, clusters=clusters, zones=zones, sewers=sewers,
                                  mini_streets=mini_streets is not None and not mini_streets.empty,
                                  line_streets_with_drilling=line_streets is not None and not line_streets.empty
                                  and "lus_toegestaan" in line_streets),
        "zoom": {"buurt_labels": BUURT_LABEL_MIN_ZOOM, "street_labels": STREET_LABEL_MIN_ZOOM},
    }
    payload = json.dumps({"data": data, "settings": settings}, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")  # never close the script element early
    title = html.escape(f"Warmtekansen {place}")
    return _asset("template.html").format(
        title=title, leaflet_css=_asset("leaflet/leaflet.css"), style_css=_asset("style.css"),
        leaflet_js=_asset("leaflet/leaflet.js"), payload=payload, app_js=_asset("app.js"), footer=html.escape(footer),
        provenance=footer_html)


def write_webmap(path: str | Path, **layers) -> Path:
    """Write the interactive map to ``path`` atomically."""
    text = build_html(**layers)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)

