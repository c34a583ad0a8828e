(function () {
  const data = WARMTEKANS.data, settings = WARMTEKANS.settings;
  function undelta(c) {  // integer 1e-5 degrees, rings/lines delta-encoded (webmap._delta_coords)
    if (typeof c[0] === 'number') return [c[0] / 1e5, c[1] / 1e5];
    if (Array.isArray(c[0]) && typeof c[0][0] === 'number') {
      let x = 0, y = 0;
      return c.map((p) => { x += p[0]; y += p[1]; return [x / 1e5, y / 1e5]; });
    }
    return c.map(undelta);
  }
  const TYPES = {p: 'Point', l: 'LineString', L: 'MultiLineString', a: 'Polygon', A: 'MultiPolygon', P: 'MultiPoint'};
  for (const [key, collection] of Object.entries(data)) {  // compact collections (webmap._geojson) to GeoJSON
    if (!collection || !collection.geometries) continue;
    const names = Object.keys(collection.columns);
    data[key] = {type: 'FeatureCollection', features: collection.geometries.map((g, i) => {
      const properties = {};
      for (const name of names) properties[name] = collection.columns[name][i];
      return {type: 'Feature', properties: properties, geometry: {type: TYPES[g[0]], coordinates: undelta(g[1])}};
    })};
  }
  // zoom in quarter steps, so the opening view fits the gemeente instead of the next whole zoom level out
  const map = L.map('map', {preferCanvas: false, zoomSnap: 0.25});
  const small = window.matchMedia('(max-width: 1024px)').matches;  // legend and layer list start collapsed
  // hatch patterns of the restriction zones (PNG: 'xxx' crossed for forbidden, '///' for restricted); the map and
  // the legend both fill with url(#wk-hatch-<effect>), so a zone looks as its legend entry
  const hatchId = (effect) => 'wk-hatch-' + effect;
  (function addHatchPatterns() {
    const ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg'), defs = document.createElementNS(ns, 'defs');
    svg.setAttribute('width', '0'); svg.setAttribute('height', '0'); svg.setAttribute('aria-hidden', 'true');
    svg.style.position = 'absolute';
    const make = (tag, attrs) => { const el = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); return el; };
    for (const [effect, r] of Object.entries(settings.restrictions)) {
      const pattern = make('pattern', {id: hatchId(effect), patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)'});
      pattern.appendChild(make('rect', {width: 6, height: 6, fill: r.colour, 'fill-opacity': 0.12}));
      pattern.appendChild(make('line', {x1: 0, y1: 0, x2: 0, y2: 6, stroke: r.colour, 'stroke-width': 1.5}));
      if (r.cross) pattern.appendChild(make('line', {x1: 0, y1: 0, x2: 6, y2: 0, stroke: r.colour, 'stroke-width': 1.5}));
      defs.appendChild(pattern);
    }
    svg.appendChild(defs);
    document.body.appendChild(svg);
  })();
  const canvas = L.canvas({padding: 0.3});
  const colour = (name) => settings.colours[name] || '#bdbdbd';
  const esc = (v) => String(v === null || v === undefined ? '' : v).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  const euro = (v) => v === null || v === undefined ? '' : '€ ' + Math.round(v).toLocaleString('nl-NL');
  const features = data.clusters.features;
  const optionName = (key) => (settings.options[key] || {name: String(key).replace(/_/g, ' ')}).name;
  function costRows(p) {  // the options by cost; the gas boiler (the reference) and the hybrid apart, for comparison
    const known = (v) => v !== null && v !== undefined;
    const choices = [], gas = [];
    for (const [key, value] of Object.entries(p)) {
      if (!key.startsWith('kosten_eur_jaar_') || !known(value)) continue;
      const option = key.slice(16), info = settings.options[option] || {};
      (info.reference || (info.gas && option !== p.goedkoopste) ? gas : choices).push([option, value]);
    }
    choices.sort((a, b) => a[1] - b[1]);
    let rows = choices.map(([option, value]) => '<tr><td>' + esc(optionName(option)) + (option === p.goedkoopste ? ' (goedkoopst)' : '') +
      '</td><td>' + euro(value) + ' per jaar</td></tr>').join('');
    if (known(p.goedkoopste) && !choices.length) rows += '<tr><td>goedkoopste</td><td>' + esc(optionName(p.goedkoopste)) +
      (known(p.goedkoopste_eur_jaar) ? ' (' + euro(p.goedkoopste_eur_jaar) + ' per jaar)' : '') + '</td></tr>';
    if (known(p.tweede)) rows += '<tr><td>daarna</td><td>' + esc(optionName(p.tweede)) + '</td></tr>';
    if (known(p.marge_eur_jaar)) rows += '<tr><td>marge</td><td>' + euro(p.marge_eur_jaar) + ' per jaar</td></tr>';
    if (gas.length) rows += '<tr class="referentie"><td colspan="2">met aardgas (ter vergelijking):</td></tr>';
    for (const [option, value] of gas) {
      rows += '<tr class="referentie"><td>' + esc(settings.options[option].gas_name || optionName(option)) + '</td><td>' + euro(value) + ' per jaar</td></tr>';
    }
    return rows ? '<table class="kosten">' + rows + '</table>' : '';
  }
  function clusterPopup(p) {
    let rows = '';
    for (const [key, label] of Object.entries(settings.criteria)) {
      if (p[key] !== null && p[key] !== undefined) rows += '<tr><td>' + esc(label) + '</td><td>' + Math.round(p[key] * 100) + ' / 100</td></tr>';
    }
    const stable = p.stabiliteit !== null && p.stabiliteit !== undefined;
    const uncertain = p.onzeker ? '<br><b>onzeker</b>: het advies blijft in ' + (stable ? Math.round(p.stabiliteit * 100) : '?') +
      '% van de trekkingen van de schattingen gelijk' : (stable ? '<br>stabiliteit ' + Math.round(p.stabiliteit * 100) + '%' : '');
    const status = p.aanbevolen ? 'aanbevolen' : 'kandidaat (niet het advies voor deze woningen)';
    return '<div class="popup"><span class="swatch" style="background:' + colour(p.configuratie) + '"></span> <b>' + esc(p.configuratie) +
      '</b><br>' + esc(p.cluster_id) + ': ' + esc(p.schaal) + ', ' + esc(status) + ', score ' + esc(p.score) + uncertain + '<br>' +
      esc(p.reden) + costRows(p) + '<table>' + rows + '</table><small>' + esc(p.wcw_regime) + '</small></div>';
  }
  // dwellings: decode the compact columns
  const W = data.woningen, dots = [];
  const dwellingLayer = L.layerGroup();
  if (W.n) {
    let lat = W.lat0, lon = W.lon0;
    for (let i = 0; i < W.n; i++) {
      if (i > 0) { lat += W.dlat[i - 1]; lon += W.dlon[i - 1]; }
      const advice = W.lookup.advies[W.advies[i]];
      const dot = L.circleMarker([lat / 1e5, lon / 1e5], {renderer: canvas, radius: 3, weight: 0.5, color: '#333',
        fillColor: colour(advice), fillOpacity: 0.95});
      dot.dwelling = i;
      dot.bindPopup(() => dwellingPopup(i));
      dots.push(dot);
      dwellingLayer.addLayer(dot);
    }
  }
  function dwellingPopup(i) {
    const street = W.straat[i] >= 0 ? W.lookup.straat[W.straat[i]] : '';
    const advice = W.lookup.advies[W.advies[i]] || 'individueel';
    const kind = W.type[i] >= 0 ? W.lookup.type[W.type[i]].replace(/_/g, '-') : '';
    const label = W.label[i] >= 0 ? 'label ' + W.lookup.label[W.label[i]] : '';
    let text = '<div class="popup"><b>' + esc(street) + ' ' + esc(W.nummer[i]) + '</b><br>' + esc([kind, label].filter(Boolean).join(', ')) +
      '<br>Advies: <span class="swatch" style="background:' + colour(advice) + '"></span> <b>' + esc(advice) + '</b>';
    const own = {};
    if (W.kosten) for (const [key, values] of Object.entries(W.kosten)) own[key] = values[i];
    text += costRows(own);
    const c = W.cluster[i];
    if (c >= 0) text += '<hr>' + clusterPopup(features[c].properties);
    return text + '</div>';
  }
  const byLevel = (level, chosen) => ({type: 'FeatureCollection', features: features.filter((f) =>
    (level === null || f.properties.niveau === level) && (chosen === null || f.properties.aanbevolen === chosen))});
  const clusterStyle = (f) => ({color: f.properties.onzeker ? settings.onzeker : colour(f.properties.configuratie),
    weight: f.properties.onzeker ? 2 : 2.5, dashArray: f.properties.onzeker ? '6 4' : null,
    fillColor: colour(f.properties.configuratie), fillOpacity: 0.12});
  const candidateStyle = (f) => ({color: colour(f.properties.configuratie), weight: 1, dashArray: '2 3', fillOpacity: 0.05});
  const sewerClass = (kw) => settings.sewer_classes.find((c) => (kw || 0) >= c[0] && (c[1] === null || (kw || 0) < c[1])) || settings.sewer_classes[0];
  const layers = {
    'Buurten': L.geoJSON(data.buurten, {style: {color: '#37474f', weight: 2, fill: false},
      onEachFeature: (f, l) => l.bindPopup('<b>' + esc(f.properties.buurtnaam) + '</b> (' + esc(f.properties.buurtcode) + ')<br>' +
        esc(f.properties.n_woningen) + ' woningen; mini ' + esc(f.properties.n_mini) + ', kleinschalig ' + esc(f.properties.n_kleinschalig) +
        ', grootschalig ' + esc(f.properties.n_grootschalig) + ', individueel ' + esc(f.properties.n_individueel) +
        '<br>Kansrijke straten: ' + (f.properties.kansrijke_straten ? esc(f.properties.kansrijke_straten) : 'geen' +
          (f.properties.reden_geen_collectief ? ' (' + esc(f.properties.reden_geen_collectief) + ')' : '')) +
        '<br>Ontbrekende invoer: ' + esc(f.properties.ontbrekende_invoer))}),
    'Aanbevolen clusters': L.geoJSON(byLevel(null, true), {style: clusterStyle, onEachFeature: (f, l) => l.bindPopup(clusterPopup(f.properties))}),
    'Advies per woning': dwellingLayer,
    'Kansrijke straten': L.geoJSON({type: 'FeatureCollection', features: data.straten.features.filter((f) => f.properties.kansrijk === 'ja' || f.properties.kansrijk === 'binnen marge')},
      {style: (f) => ({color: f.properties.kansrijk === 'ja' ? settings.mini_street : settings.margin_street, weight: 7, opacity: 0.85}),
       onEachFeature: (f, l) => l.bindPopup('<b>' + esc(f.properties.straat) + '</b>: kansrijk ' + esc(f.properties.kansrijk) + ' (' + esc(f.properties.kansrijk_niveau) +
         ')<br>Advies: ' + esc(f.properties.kansrijk_advies) + '<br><small>' + esc(f.properties.kansrijk_reden) + '</small>')}),
    'Beperkingen bodemenergie': L.geoJSON(data.beperkingen, {style: (f) => { const r = settings.restrictions[f.properties.effect];
        return r ? {color: r.colour, weight: 1.5, fillColor: 'url(#' + hatchId(f.properties.effect) + ')', fillOpacity: 1} : {color: '#9e9e9e', weight: 1, fillOpacity: 0.1}; },
      onEachFeature: (f, l) => l.bindPopup(esc(f.properties.zone_type) + ': boren ' + (f.properties.effect === 'forbidden' ? 'verboden' : f.properties.effect === 'restricted' ? 'beperkt' : 'toegestaan') +
        (f.properties.max_diepte_m ? ' (max. ' + esc(f.properties.max_diepte_m) + ' m)' : ''))}),
    'Riool (warmtepotentie)': L.geoJSON(data.riool, {style: (f) => { const c = sewerClass(f.properties.bronvermogen_kw); return {color: c[2], weight: c[3]}; },
      onEachFeature: (f, l) => l.bindPopup(esc(f.properties.gwsw_type) + ': ' + esc(f.properties.debiet_dwa_m3h) + ' m³/h (' + esc(f.properties.debiet_bron) +
        '), ' + esc(f.properties.bronvermogen_kw) + ' kW bron, ' + esc(f.properties.potentie_wko_gj) + ' GJ/jaar met WKO')}),
    'Straten: mag hier een bodemlus?': L.geoJSON(data.straten, {style: (f) => ({weight: 2,
        color: settings.drilling[f.properties.lus_toegestaan] || '#9e9e9e'}),
      onEachFeature: (f, l) => l.bindPopup(esc(f.properties.straat) + ': ' + esc(f.properties.n_woningen) + ' woningen<br>Gedeelde bodemlus: ' +
        esc(f.properties.lus_toegestaan) + (f.properties.max_boordiepte_m !== null && f.properties.max_boordiepte_m !== undefined ? ' (max. ' + esc(f.properties.max_boordiepte_m) + ' m)' : '') +
        '<br><small>' + esc(f.properties.lus_toelichting) + (f.properties.gepland_warmtenet ? '<br>grootschalig warmtenet gepland' : '') +
        (f.properties.naam_bron ? '<br>naam: ' + esc(f.properties.naam_bron) + '; lijn: ' + (f.properties.lijn_bron === 'OSM' ? 'OSM' : 'door de adressen') : '') + '</small>')}),
    'Kandidaten: mini-clusters': L.geoJSON(byLevel('mini', null), {style: candidateStyle, onEachFeature: (f, l) => l.bindPopup(clusterPopup(f.properties))}),
    'Kandidaten: gebieden': L.geoJSON(byLevel('gebied', null), {style: candidateStyle, onEachFeature: (f, l) => l.bindPopup(clusterPopup(f.properties))}),
  };
  const initiallyOn = ['Kansrijke straten', 'Buurten', 'Aanbevolen clusters', 'Beperkingen bodemenergie', 'Riool (warmtepotentie)', 'Advies per woning'];
  const isEmpty = (name) => layers[name].getLayers().length === 0;
  for (const name of initiallyOn) if (!isEmpty(name)) layers[name].addTo(map);  // a layer without features starts off
  const listed = {};
  for (const [name, layer] of Object.entries(layers)) listed[isEmpty(name) ? esc(name) + ' <span class="leeg">(leeg)</span>' : esc(name)] = layer;
  const control = L.control.layers(null, listed, {collapsed: small}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  // legend: a section per layer with data
  const legend = L.control({position: 'bottomright'});
  const symbol = (item) => {
    const c = item.colour;
    if (item.kind === 'circle') return '<span class="sym" style="width:12px;border-radius:50%;background:' + c + ';border:1px solid #333"></span>';
    if (item.kind === 'outline') return '<span class="sym" style="border:2px solid ' + c + ';background:rgba(0,0,0,.05)"></span>';
    if (item.kind === 'dash') return '<span class="sym" style="border:2px dashed ' + c + '"></span>';
    if (item.kind === 'hatch') return '<svg class="sym" width="16" height="12" data-effect="' + esc(item.effect) + '"><rect x="0.75" y="0.75" width="14.5" height="10.5" fill="url(#' +
      hatchId(item.effect) + ')" stroke="' + c + '" stroke-width="1.5"></rect></svg>';
    if (item.kind === 'label') return '<span class="sym" style="background:' + c + ';border-radius:3px"></span>';
    return '<span class="sym" style="height:0;border-top:' + (item.width || 2) + 'px solid ' + c + '"></span>';
  };
  legend.onAdd = function () {
    const div = L.DomUtil.create('div', 'legend' + (small ? ' collapsed' : ''));
    div.innerHTML = '<button type="button" class="legend-toggle" aria-expanded="' + !small + '">Legenda</button><div class="legend-body">' +
      settings.legend.map((s) => '<div data-layer="' + esc(s.layer || '') + '"><h4>' + esc(s.title) + '</h4>' +
      s.items.map((i) => symbol(i) + esc(i.label)).join('<br>') + '</div>').join('') + '</div>';
    div.querySelector('.legend-toggle').addEventListener('click', (event) => {
      const collapsed = div.classList.toggle('collapsed');
      event.currentTarget.setAttribute('aria-expanded', String(!collapsed));
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
  const legendBox = legend.getContainer();
  const refreshLegend = () => document.querySelectorAll('.legend [data-layer]').forEach((el) => {
    const name = el.getAttribute('data-layer');
    el.classList.toggle('off', Boolean(name) && layers[name] !== undefined && !map.hasLayer(layers[name]));
  });
  map.on('overlayadd overlayremove', refreshLegend);
  // labels: buurt names from zoom 13, street names from zoom 16 (only those in view)
  const buurtLabels = L.layerGroup(data.labels.buurt.map((b) => L.marker([b[0], b[1]], {interactive: false, keyboard: false,
    icon: L.divIcon({className: '', html: '<span class="lbl lbl-buurt">' + esc(b[2]) + '</span>', iconSize: null})})));
  const streetLabels = L.layerGroup();
  function updateLabels() {
    const zoom = map.getZoom();
    if (zoom >= settings.zoom.buurt_labels) buurtLabels.addTo(map); else buurtLabels.remove();
    streetLabels.clearLayers();
    if (zoom < settings.zoom.street_labels) { streetLabels.remove(); return; }
    const view = map.getBounds();
    let shown = 0;
    for (const s of data.labels.straat) {
      if (shown >= 400 || !view.contains([s[0], s[1]])) continue;
      streetLabels.addLayer(L.marker([s[0], s[1]], {interactive: false, keyboard: false, icon: L.divIcon({className: '', iconSize: null,
        html: '<span class="lbl"><span class="lbl-straat' + (s[4] ? ' mini' : '') + '" style="display:inline-block;transform:rotate(' + (-s[2]) + 'deg)">' + esc(s[3]) + '</span></span>'})}));
      shown++;
    }
    streetLabels.addTo(map);
  }
  function updateDots() {
    const zoom = map.getZoom(), radius = zoom >= 17 ? 5 : zoom >= 15 ? 3.5 : zoom >= 13 ? 2.5 : 1.5;
    for (const dot of dots) dot.setRadius(radius);
  }
  map.on('zoomend moveend', updateLabels);
  map.on('zoomend', updateDots);
  const all = layers['Buurten'].getBounds();
  // fit the bounds in the part of the map the open legend and layer list leave free: beside them or above/below
  // them, whichever gives the larger zoom
  function fitView(bounds) {
    const margin = 12, box = (el) => el.getBoundingClientRect();
    const open = !legendBox.classList.contains('collapsed'), layerList = control.getContainer();
    const room = [[0, 0, 0]];  // extra padding: right, top, bottom
    if (open) {
      room.length = 0;
      room.push([Math.max(box(legendBox).width, box(layerList).width) + 10, 0, 0],
        [0, box(layerList).bottom - box(map.getContainer()).top, box(legendBox).height + 10]);
    }
    let best = null;
    const size = map.getSize();
    for (const [right, top, bottom] of room) {
      const topLeft = L.point(margin, margin + top), bottomRight = L.point(margin + right, margin + bottom);
      const left = size.subtract(topLeft.add(bottomRight));
      if (left.x < 120 || left.y < 120) continue;  // too little room on that side of the legend
      const zoom = map.getBoundsZoom(bounds, false, topLeft.add(bottomRight));
      if (best === null || zoom > best.zoom) best = {zoom: zoom, topLeft: topLeft, bottomRight: bottomRight};
    }
    if (best === null) best = {topLeft: L.point(margin, margin), bottomRight: L.point(margin, margin)};
    map.fitBounds(bounds, {paddingTopLeft: best.topLeft, paddingBottomRight: best.bottomRight, animate: false});
    fitted = {bounds: bounds, centre: map.getCenter(), zoom: map.getZoom()};
  }
  // the window or the footer changes the map's size: fit again while the view is still the one fitView set
  let fitted = null;
  new ResizeObserver(() => {
    const untouched = fitted && map.getZoom() === fitted.zoom &&  // Leaflet's own resize handler may shift it by 1 px
      map.project(map.getCenter()).distanceTo(map.project(fitted.centre)) <= 1;
    map.invalidateSize();
    if (untouched) fitView(fitted.bounds);
  }).observe(map.getContainer());
  fitView(all.isValid() ? all : L.latLngBounds([[50.7, 3.3], [53.6, 7.3]]));
  updateDots();
  updateLabels();
  const select = document.getElementById('buurt');
  const bounds = {};
  layers['Buurten'].eachLayer((l) => { const p = l.feature.properties; bounds[p.buurtcode] = l.getBounds();
    const o = document.createElement('option'); o.value = p.buurtcode; o.textContent = p.buurtnaam + ' (' + p.buurtcode + ')'; select.appendChild(o); });
  select.addEventListener('change', () => fitView(select.value ? bounds[select.value] : all));
  function layout() {  // where the map, the gemeente, the legend, the layer list and the footer are (CSS px)
    const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, width: r.width, height: r.height}; };
    const mapBox = box(map.getContainer()), footer = document.getElementById('footer');
    const nw = map.latLngToContainerPoint(all.getNorthWest()), se = map.latLngToContainerPoint(all.getSouthEast());
    return {viewport: [window.innerWidth, window.innerHeight], map: mapBox, zoom: map.getZoom(),
      gemeente: {left: mapBox.left + nw.x, top: mapBox.top + nw.y, width: se.x - nw.x, height: se.y - nw.y},
      legend: box(legendBox), legend_collapsed: legendBox.classList.contains('collapsed'),
      layer_list: box(control.getContainer()), footer: Object.assign(box(footer), {scroll_width: footer.scrollWidth,
        client_width: footer.clientWidth, scroll_height: footer.scrollHeight, client_height: footer.clientHeight})};
  }
  if (location.hash === '#selftest') {
    const count = () => document.querySelectorAll('#map svg path.leaflet-interactive').length;
    const result = {drawn: count(), features: {}, dwelling_colours: {}, layout: layout()};
    const toggle = legendBox.querySelector('.legend-toggle');
    toggle.click();
    result.legend_after_toggle = {collapsed: legendBox.classList.contains('collapsed'), box: layout().legend};
    toggle.click();
    result.legend_after_second_toggle = legendBox.classList.contains('collapsed');
    // restriction zones as drawn and their legend symbols
    const drawnStyle = (el) => ({fill: el.getAttribute('fill'), stroke: el.getAttribute('stroke'), dash: el.getAttribute('stroke-dasharray')});
    result.zones = [];
    layers['Beperkingen bodemenergie'].eachLayer((l) => { if (l.getElement()) result.zones.push(Object.assign({effect: l.feature.properties.effect}, drawnStyle(l.getElement()))); });
    result.zone_legend = Array.from(document.querySelectorAll('.legend svg[data-effect] rect')).map((el) =>
      Object.assign({effect: el.parentNode.getAttribute('data-effect')}, drawnStyle(el)));
    result.patterns = Object.fromEntries(Array.from(document.querySelectorAll('pattern')).map((p) => [p.id, p.querySelectorAll('line').length]));
    // a dwelling's popup, with its costs
    const withCosts = dots.find((d) => W.kosten && Object.keys(W.kosten).some((k) => k.startsWith('kosten_eur_jaar_') && W.kosten[k][d.dwelling] !== null));
    if (withCosts) {
      withCosts.getPopup().options.autoPan = false;  // keep the view for the checks after this one
      withCosts.openPopup();
      const content = document.querySelector('.leaflet-popup-content');
      result.popup = content ? content.innerHTML : null;
      map.closePopup();
    }
    for (const [name, layer] of Object.entries(layers)) result.features[name] = layer.getLayers().length;
    for (const dot of dots) result.dwelling_colours[dot.options.fillColor] = (result.dwelling_colours[dot.options.fillColor] || 0) + 1;
    result.on_by_default = Object.keys(layers).filter((name) => map.hasLayer(layers[name]));
    const boxes = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'));
    const mini = boxes.find((b) => b.textContent.trim() === 'Kandidaten: mini-clusters').querySelector('input');
    mini.click();
    result.after_showing_mini = count();
    result.mini_visible = map.hasLayer(layers['Kandidaten: mini-clusters']);
    mini.click();
    result.after_hiding_mini = count();
    result.legend_sections = Array.from(document.querySelectorAll('.legend h4')).map((h) => h.textContent);
    select.value = select.options[1] ? select.options[1].value : '';
    select.dispatchEvent(new Event('change'));
    result.zoomed_to = select.value;
    result.buurt_labels_shown = map.hasLayer(buurtLabels);
    document.getElementById('selftest-result').textContent = JSON.stringify(result);
  }
})();
