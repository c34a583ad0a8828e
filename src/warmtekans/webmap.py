"""A self-contained interactive HTML map per gemeente (Leaflet inlined, no CDN, no tiles).

Leaflet 1.9.4 comes from the npm package ``leaflet`` (BSD-2-Clause, see
``vendor/leaflet/LICENSE``) and is inlined with the data, so the file opens offline. Layers
toggle in the layer control; cluster popups show the score components and the reason; a
drop-down zooms to a buurt.

Opening the file with ``#selftest`` in the address runs a check in the browser: it counts
the drawn features, switches a layer off through the layer control and counts again, and
writes the result as JSON into ``<pre id="selftest-result">`` (used by the browser test).
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path

import geopandas as gpd
import pandas as pd

from warmtekans.io import atomic_path
from warmtekans.colours import COLOURS

CRITERION_LABELS = {
    "c_warmtedichtheid": "warmtedichtheid",
    "c_woningen_per_lus": "woningen per lus",
    "c_gemiddeld_label": "gemiddeld label",
    "c_beperkingen": "beperkingen",
    "c_interferentie": "interferentie",
    "c_riothermie_dekking": "riothermie",
    "c_omvang_weq": "omvang",
}


def _vendor(name: str) -> str:
    return resources.files("warmtekans").joinpath(f"vendor/leaflet/{name}").read_text(encoding="utf-8")


def _geojson(frame: gpd.GeoDataFrame, columns: list[str], *, simplify_m: float = 0.5) -> dict:
    """GeoJSON in WGS84 with the given columns, lightly simplified and rounded for size."""
    if frame.empty:
        return {"type": "FeatureCollection", "features": []}
    keep = [c for c in columns if c in frame.columns]
    subset = frame[keep + ["geometry"]].copy()
    subset["geometry"] = subset.geometry.simplify(simplify_m)
    subset = subset.to_crs("EPSG:4326")
    for column in keep:
        if pd.api.types.is_float_dtype(subset[column]):
            subset[column] = subset[column].round(3)
        subset[column] = subset[column].astype(object).where(subset[column].notna(), None)
    data = json.loads(subset.to_json(drop_id=True))

    def round_coords(value):
        if isinstance(value, list):
            return [round_coords(v) for v in value]
        return round(value, 6) if isinstance(value, float) else value

    for feature in data["features"]:
        feature["geometry"]["coordinates"] = round_coords(feature["geometry"]["coordinates"])
    return data


def build_html(*, gemeente: str, buurten: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, streets: gpd.GeoDataFrame,
               zones: gpd.GeoDataFrame, sewers: gpd.GeoDataFrame, footer_html: str = "") -> str:
    """The HTML text of the interactive map; ``footer_html`` (e.g. the provenance) goes in a corner footer."""
    cluster_columns = ["cluster_id", "niveau", "schaal", "straat", "n_woningen", "weq", "score", "configuratie",
                       "wcw_regime", "reden", "stabiliteit", "onzeker", *CRITERION_LABELS]
    data = {
        "buurten": _geojson(buurten, ["buurtcode", "buurtnaam", "n_woningen", "n_mini", "n_kleinschalig",
                                      "n_grootschalig", "beste_mini_straten", "ontbrekende_invoer"]),
        "mini": _geojson(clusters[clusters["niveau"] == "mini"], cluster_columns),
        "gebied": _geojson(clusters[clusters["niveau"] == "gebied"], cluster_columns, simplify_m=2.0),
        "straten": _geojson(streets, ["straat", "n_woningen", "beste_mini_score", "lus_toegestaan", "max_boordiepte_m",
                                       "lus_toelichting", "gepland_warmtenet"], simplify_m=1.0),
        "beperkingen": _geojson(zones, ["soort", "zone_type", "effect", "max_diepte_m"], simplify_m=2.0),
        "riool": _geojson(sewers, ["gwsw_type", "debiet_dwa_m3h", "debiet_bron", "bronvermogen_kw", "potentie_wko_gj"]),
    }
    settings = {"colours": COLOURS, "criteria": CRITERION_LABELS, "title": f"Warmtekansen {gemeente}"}
    payload = json.dumps({"data": data, "settings": settings}, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")  # never close the script element early
    title = html.escape(f"Warmtekansen {gemeente}")
    return TEMPLATE.format(title=title, leaflet_css=_vendor("leaflet.css"), leaflet_js=_vendor("leaflet.js"),
                           payload=payload, app_js=APP_JS, footer=footer_html)


def write_webmap(path: str | Path, **layers) -> Path:
    """Write the interactive map to ``path`` atomically."""
    text = build_html(**layers)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{leaflet_css}</style>
<style>
html, body {{ height: 100%; margin: 0; font-family: sans-serif; }}
#map {{ position: absolute; top: 48px; bottom: 0; left: 0; right: 0; background: #f4f4f0; }}
#bar {{ height: 48px; display: flex; align-items: center; gap: 1em; padding: 0 1em; background: #263238; color: white; }}
#bar h1 {{ font-size: 18px; margin: 0; }}
.legend {{ background: white; padding: 6px 8px; font-size: 12px; line-height: 18px; }}
.legend i {{ width: 14px; height: 14px; float: left; margin-right: 6px; border: 1px solid #333; }}
.popup table {{ border-collapse: collapse; font-size: 12px; }}
.popup td {{ padding: 1px 6px; }}
#selftest-result {{ display: none; }}
#footer {{ position: absolute; left: 50%; transform: translateX(-50%); bottom: 0; z-index: 1000; max-width: 60%;
  max-height: 60%; overflow: auto; background: rgba(255,255,255,0.97); font-size: 11px; padding: 2px 6px; }}
#footer:empty {{ display: none; }}
#footer table {{ border-collapse: collapse; }}
#footer td, #footer th {{ padding: 0 4px; text-align: left; white-space: nowrap; }}
</style>
</head>
<body>
<div id="bar"><h1>{title}</h1>
<label>Zoom naar buurt: <select id="buurt"><option value="">alle buurten</option></select></label></div>
<div id="map"></div>
<pre id="selftest-result"></pre>
<footer id="footer">{footer}</footer>
<script>{leaflet_js}</script>
<script>const WARMTEKANS = {payload};</script>
<script>{app_js}</script>
</body>
</html>
"""

APP_JS = r"""
(function () {
  const data = WARMTEKANS.data, settings = WARMTEKANS.settings;
  const map = L.map('map', {preferCanvas: false});
  const colour = (name) => settings.colours[name] || '#bdbdbd';
  const esc = (v) => String(v === null || v === undefined ? '' : v).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  function clusterPopup(p) {
    let rows = '';
    for (const [key, label] of Object.entries(settings.criteria)) {
      if (p[key] !== null && p[key] !== undefined) rows += '<tr><td>' + esc(label) + '</td><td>' + Math.round(p[key] * 100) + ' / 100</td></tr>';
    }
    return '<div class="popup"><b>' + esc(p.configuratie) + '</b> (' + esc(p.schaal) + ', score ' + esc(p.score) + ')<br>' +
      (p.onzeker ? '<b>onzeker</b>: het advies blijft in ' + Math.round(p.stabiliteit * 100) + '% van de trekkingen van de schattingen gelijk<br>' :
        (p.stabiliteit !== null && p.stabiliteit !== undefined ? 'stabiliteit ' + Math.round(p.stabiliteit * 100) + '%<br>' : '')) +
      esc(p.reden) + '<br><table>' + rows + '</table><small>' + esc(p.wcw_regime) + '</small></div>';
  }
  const layers = {
    'Buurten': L.geoJSON(data.buurten, {style: {color: '#37474f', weight: 2, fill: false},
      onEachFeature: (f, l) => l.bindPopup('<b>' + esc(f.properties.buurtnaam) + '</b> (' + esc(f.properties.buurtcode) + ')<br>' +
        esc(f.properties.n_woningen) + ' woningen; mini ' + esc(f.properties.n_mini) + ', kleinschalig ' + esc(f.properties.n_kleinschalig) +
        ', grootschalig ' + esc(f.properties.n_grootschalig) + '<br>Beste straten voor een miniwarmtenet: ' + esc(f.properties.beste_mini_straten) +
        '<br>Ontbrekende invoer: ' + esc(f.properties.ontbrekende_invoer))}),
    'Gebieden (klein- en grootschalig)': L.geoJSON(data.gebied, {style: (f) => ({color: colour(f.properties.configuratie), weight: 2, fillOpacity: 0.15, dashArray: f.properties.onzeker ? '6 4' : null}),
      onEachFeature: (f, l) => l.bindPopup(clusterPopup(f.properties))}),
    'Mini-clusters': L.geoJSON(data.mini, {style: (f) => ({color: f.properties.onzeker ? '#d50000' : '#333', weight: f.properties.onzeker ? 2 : 0.5, dashArray: f.properties.onzeker ? '4 3' : null, fillColor: colour(f.properties.configuratie), fillOpacity: 0.8}),
      onEachFeature: (f, l) => l.bindPopup(clusterPopup(f.properties))}),
    'Beperkingen bodemenergie': L.geoJSON(data.beperkingen, {style: (f) => ({color: f.properties.effect === 'forbidden' ? '#e41a1c' : '#ff7f00', weight: 1, dashArray: '4 3', fillOpacity: 0.15}),
      onEachFeature: (f, l) => l.bindPopup(esc(f.properties.zone_type) + ': boren ' + (f.properties.effect === 'forbidden' ? 'verboden' : 'beperkt'))}),
    'Riool (warmtepotentie)': L.geoJSON(data.riool, {style: (f) => ({color: '#2b8cbe', weight: 1 + Math.min(6, (f.properties.bronvermogen_kw || 0) / 50)}),
      onEachFeature: (f, l) => l.bindPopup(esc(f.properties.gwsw_type) + ': ' + esc(f.properties.debiet_dwa_m3h) + ' m³/h (' + esc(f.properties.debiet_bron) +
        '), ' + esc(f.properties.bronvermogen_kw) + ' kW bron, ' + esc(f.properties.potentie_wko_gj) + ' GJ/jaar met WKO')}),
    'Straten: mag hier een bodemlus?': L.geoJSON(data.straten, {style: (f) => ({weight: 2,
        color: ({'ja': '#1a9641', 'beperkt': '#fdae61', 'nee': '#d7191c'})[f.properties.lus_toegestaan] || '#9e9e9e'}),
      onEachFeature: (f, l) => l.bindPopup(esc(f.properties.straat) + ': ' + esc(f.properties.n_woningen) + ' woningen<br>Gedeelde bodemlus: ' +
        esc(f.properties.lus_toegestaan) + (f.properties.max_boordiepte_m !== null && f.properties.max_boordiepte_m !== undefined ? ' (max. ' + esc(f.properties.max_boordiepte_m) + ' m)' : '') +
        '<br><small>' + esc(f.properties.lus_toelichting) + (f.properties.gepland_warmtenet ? '<br>grootschalig warmtenet gepland' : '') + '</small>')}),
  };
  for (const name of ['Buurten', 'Gebieden (klein- en grootschalig)', 'Beperkingen bodemenergie', 'Riool (warmtepotentie)', 'Mini-clusters']) layers[name].addTo(map);
  const control = L.control.layers(null, layers, {collapsed: false}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  const legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    const div = L.DomUtil.create('div', 'legend');
    div.innerHTML = '<b>Aanbevolen configuratie</b><br>' + Object.entries(settings.colours).map(([n, c]) => '<i style="background:' + c + '"></i>' + esc(n)).join('<br>');
    return div;
  };
  legend.addTo(map);
  const all = layers['Buurten'].getBounds();
  map.fitBounds(all.isValid() ? all : [[50.7, 3.3], [53.6, 7.3]]);
  const select = document.getElementById('buurt');
  const bounds = {};
  layers['Buurten'].eachLayer((l) => { const p = l.feature.properties; bounds[p.buurtcode] = l.getBounds();
    const o = document.createElement('option'); o.value = p.buurtcode; o.textContent = p.buurtnaam + ' (' + p.buurtcode + ')'; select.appendChild(o); });
  select.addEventListener('change', () => map.fitBounds(select.value ? bounds[select.value] : all));
  if (location.hash === '#selftest') {
    const count = () => document.querySelectorAll('#map path.leaflet-interactive').length;
    const result = {drawn: count(), features: {}};
    for (const [name, layer] of Object.entries(layers)) result.features[name] = layer.getLayers().length;
    const boxes = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'));
    const mini = boxes.find((b) => b.textContent.trim() === 'Mini-clusters').querySelector('input');
    mini.click();
    result.after_hiding_mini = count();
    result.mini_visible = map.hasLayer(layers['Mini-clusters']);
    mini.click();
    result.after_showing_mini = count();
    select.value = select.options[1] ? select.options[1].value : '';
    select.dispatchEvent(new Event('change'));
    result.zoomed_to = select.value;
    document.getElementById('selftest-result').textContent = JSON.stringify(result);
  }
})();
"""
