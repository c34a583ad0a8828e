// The index page of a regio (warmtekans.outputs.province_index): the buurten coloured by the share of their
// dwellings advised a collective option, the gemeente outlines and names, and a link to each gemeente's map.
(function () {
  const R = WARMTEKANS_REGIO;
  const esc = (v) => String(v === null || v === undefined ? '' : v).replace(/[&<>"]/g,
    (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  const number = (v) => v === null || v === undefined ? '' : Math.round(v).toLocaleString('nl-NL');
  const percent = (v) => v === null || v === undefined ? '–' : (100 * v).toLocaleString('nl-NL', {minimumFractionDigits: 1, maximumFractionDigits: 1}) + ' %';
  function undelta(c) {  // integer 1e-5 degrees, each ring delta-encoded (province_index._delta)
    if (typeof c[0] === 'number') return [c[0] / 1e5, c[1] / 1e5];
    if (Array.isArray(c[0]) && typeof c[0][0] === 'number') {
      let x = 0, y = 0;
      return c.map((p) => { x += p[0]; y += p[1]; return [x / 1e5, y / 1e5]; });
    }
    return c.map(undelta);
  }
  function collection(compact) {
    const names = Object.keys(compact.columns);
    return {type: 'FeatureCollection', features: compact.geometries.map((g, i) => {
      const properties = {};
      for (const name of names) properties[name] = compact.columns[name][i];
      return {type: 'Feature', properties: properties,
              geometry: {type: g[0] === 'A' ? 'MultiPolygon' : 'Polygon', coordinates: undelta(g[1])}};
    })};
  }
  const buurten = collection(R.buurten), gemeenten = collection(R.gemeenten);
  const map = L.map('map', {zoomSnap: 0.25});
  const fill = (p) => p.klasse >= 0 ? R.classes[p.klasse].colour : R.no_dwellings;
  function buurtPopup(p) {
    let rows = '';
    for (const field of R.fields) {
      const value = p[field.name];
      if (value === null || value === undefined) continue;
      rows += '<tr><td>' + esc(field.title) + '</td><td>' + number(value) + '</td><td>' +
        (field.share ? percent(p[field.share]) : '') + '</td></tr>';
    }
    const link = R.links[p.gemeentecode];
    return '<div class="popup"><b>' + esc(p.buurtnaam) + '</b> (' + esc(p.buurtcode) + ')<br>' + esc(p.gemeentenaam) +
      '<table>' + rows + '</table>' + (p.ontbrekende_invoer && p.ontbrekende_invoer !== 'geen' ?
      '<small>ontbrekende invoer: ' + esc(p.ontbrekende_invoer) + '</small><br>' : '') +
      (link ? '<a href="' + esc(link) + '">Kaart van ' + esc(p.gemeentenaam) + ' &rarr;</a>' : '') + '</div>';
  }
  const buurtLayer = L.geoJSON(buurten, {
    style: (f) => ({color: '#ffffff', weight: 0.6, fillColor: fill(f.properties), fillOpacity: 0.9}),
    onEachFeature: (f, layer) => layer.bindPopup(() => buurtPopup(f.properties)),
  }).addTo(map);
  const gemeenteLayer = L.geoJSON(gemeenten, {
    style: () => ({color: '#263238', weight: 2, fill: false}), interactive: false,
  }).addTo(map);
  const labels = L.layerGroup().addTo(map);
  for (const label of R.labels) {
    const link = R.links[label[3]];
    const text = link ? '<a href="' + esc(link) + '">' + esc(label[2]) + '</a>' : esc(label[2]);
    labels.addLayer(L.marker([label[0], label[1]], {icon: L.divIcon({className: 'lbl-gemeente', iconSize: null,
      html: '<span class="lbl">' + text + '</span>'})}));
  }
  const bounds = gemeenteLayer.getBounds().isValid() ? gemeenteLayer.getBounds() : buurtLayer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, {padding: [10, 10]}); else map.setView([52.1, 5.3], 8);
  L.control.scale({imperial: false}).addTo(map);
  L.control.layers(null, {'Buurten: aandeel collectief': buurtLayer, 'Gemeentegrenzen': gemeenteLayer,
                          'Gemeentenamen': labels}, {collapsed: false}).addTo(map);
  const legend = L.control({position: 'bottomleft'});
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend');
    let html = '<h4>' + esc(R.legend_title) + '</h4>';
    for (const c of R.classes) html += '<div><span class="sym" style="background:' + c.colour + '"></span>' + esc(c.label) + '</div>';
    html += '<div><span class="sym" style="background:' + R.no_dwellings + '"></span>geen woningen</div>';
    html += '<div><span class="line"></span>gemeentegrens</div>';
    div.innerHTML = html;
    return div;
  };
  legend.addTo(map);
  // the table of gemeenten beside the map
  const table = document.getElementById('gemeenten');
  let html = '<tr>' + R.table.columns.map((c) => '<th>' + esc(c.title) + '</th>').join('') + '</tr>';
  for (const row of R.table.rows) {
    const link = R.links[row.gemeentecode];
    const name = link ? '<a href="' + esc(link) + '">' + esc(row.gemeentenaam) + '</a>' : esc(row.gemeentenaam);
    html += '<tr class="' + (row.gemeentecode === 'totaal' ? 'total' : '') + '" data-code="' + esc(row.gemeentecode) + '">' +
      R.table.columns.map((c, i) => '<td>' + (i === 0 ? name : (c.percent ? percent(row[c.name]) : number(row[c.name]))) + '</td>').join('') + '</tr>';
  }
  table.innerHTML = html;
  if (location.hash === '#selftest') {
    setTimeout(() => {
      const drawn = document.querySelectorAll('#map svg path.leaflet-interactive').length;
      const result = {
        buurten: buurten.features.length, gemeenten: gemeenten.features.length, paths: drawn,
        labels: document.querySelectorAll('#map .lbl-gemeente').length,
        links: Array.from(document.querySelectorAll('#gemeenten a')).map((a) => a.getAttribute('href')),
        label_links: Array.from(document.querySelectorAll('#map .lbl-gemeente a')).map((a) => a.getAttribute('href')),
        legend: Array.from(document.querySelectorAll('.legend div')).map((d) => d.textContent),
        fills: buurten.features.map((f) => fill(f.properties)),
        popup: buurten.features.length ? buurtPopup(buurten.features[0].properties) : '',
        total_row: Array.from(document.querySelectorAll('#gemeenten tr.total td')).map((d) => d.textContent),
      };
      document.getElementById('selftest-result').textContent = JSON.stringify(result);
    }, 300);
  }
})();
