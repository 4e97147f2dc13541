/* routes: draws a scenario from the page's JSON document onto a Leaflet map.
 * Every piece of text reaches the DOM as a text node (textContent); links only get
 * http(s) URLs. No innerHTML, no template literals, no eval. */
(function () {
  "use strict";

  // The page library both page kinds share (page.js, loaded first).
  var page = window.routesPage;
  var el = page.el, svg = page.svg, safeHref = page.safeHref, escapeHtml = page.escapeHtml;
  var field = page.field, control = page.control, legendRow = page.legendRow;

  function sourceRefs(numbers) {
    var span = el("span", "routes-refs");
    numbers.forEach(function (n, i) {
      if (i) { span.appendChild(document.createTextNode(" ")); }
      span.appendChild(el("span", "routes-ref", "[" + n + "]"));
    });
    return span;
  }

  // How a claim is known to concern the leg whose popup shows it.
  function coverageText(claim, coverage) {
    if (coverage === "named") { return "named by the claimant (sets this leg's width and dates)"; }
    if (coverage === "attributed") {
      return "attributed by the data's author" + (claim.attribution ? ": " + claim.attribution : "") +
        " (the claimant named no leg; not drawn as volume)";
    }
    return null;
  }

  function claimBlock(claim, coverage) {
    var box = el("div", "routes-claim routes-status-" + claim.status_id);
    box.appendChild(el("div", "routes-claim-headline", claim.headline));
    if (claim.summary) { box.appendChild(el("div", "routes-claim-summary", claim.summary)); }
    field(box, "Coverage", coverageText(claim, coverage));
    field(box, "Kind", claim.kind);
    field(box, "Period", claim.period);
    field(box, "Claimant", claim.claimant);
    field(box, "Published", claim.published);
    field(box, "Evidence", claim.evidence);
    field(box, "Status", claim.status);
    field(box, "Vessels", claim.vessels);
    if (claim.timeline) {
      var t = el("div", "routes-field routes-timeline routes-timeline-" + claim.timeline.verdict);
      t.appendChild(el("span", "routes-field-label", "Timeline: "));
      t.appendChild(el("span", null, claim.timeline.text));
      box.appendChild(t);
    }
    if (claim.quote) { box.appendChild(el("blockquote", "routes-quote", "“" + claim.quote + "”")); }
    if (claim.note) { box.appendChild(el("div", "routes-note", claim.note)); }
    var pictures = window.routesEvidence.figures(claim.images, "thumb");
    if (pictures) { box.appendChild(pictures); }
    field(box, "Sources", sourceRefs(claim.sources));
    return box;
  }

  // Claims in a popup: what was seen in imagery or assessed first, then claims, unverified
  // posts last; within each, claims that name the leg before attributed ones, then by date.
  var STATUS_ORDER = {observed: 0, assessed: 1, claimed: 2, unverified: 3};
  function orderedClaims(ids, data, coverage) {
    return ids.slice().sort(function (a, b) {
      var ca = data.claims[a], cb = data.claims[b];
      var sa = STATUS_ORDER[ca.status_id], sb = STATUS_ORDER[cb.status_id];
      if (sa !== sb) { return (sa === undefined ? 9 : sa) - (sb === undefined ? 9 : sb); }
      if (ca.published_iso !== cb.published_iso) { return ca.published_iso < cb.published_iso ? -1 : 1; }
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }

  function legPopup(leg, data) {
    var box = el("div", "routes-popup");
    box.appendChild(el("div", "routes-popup-title", leg.title));
    box.appendChild(el("div", "routes-popup-subtitle", leg.subtitle));
    box.appendChild(el("div", "routes-basis", leg.basis));
    if (leg.note) { box.appendChild(el("div", "routes-note", leg.note)); }
    if (leg.route_note) { box.appendChild(el("div", "routes-note", leg.route_note)); }
    var widthNote = leg.currentWidthFrom || leg.width_from;
    if (widthNote) { box.appendChild(el("div", "routes-note routes-width-from", widthNote)); }
    leg.vessels.forEach(function (v) {
      var row = el("div", "routes-field");
      row.appendChild(el("span", "routes-field-label", "Vessel: "));
      row.appendChild(el("span", null, v.name + (v.detail ? " — " + v.detail : "") + " "));
      row.appendChild(sourceRefs(v.sources));
      box.appendChild(row);
    });
    if (leg.claims.length) {
      box.appendChild(el("div", "routes-section", "Claims covering this leg (" + leg.claims.length + ")"));
      orderedClaims(leg.claims, data).forEach(function (id) { box.appendChild(claimBlock(data.claims[id], leg.coverage[id])); });
      box.appendChild(el("div", "routes-note", data.not_summed));
    } else {
      box.appendChild(el("div", "routes-note", "No claim covers this leg."));
    }
    return box;
  }

  function nodePopup(node) {
    var box = el("div", "routes-popup");
    box.appendChild(el("div", "routes-popup-title", node.name));
    node.details.forEach(function (d) { box.appendChild(el("div", "routes-field", d)); });
    return box;
  }

  function eventPopup(ev) {
    var box = el("div", "routes-popup");
    box.appendChild(el("div", "routes-popup-title", ev.title));
    box.appendChild(el("div", "routes-popup-subtitle", ev.when));
    if (ev.description) { box.appendChild(el("div", "routes-field", ev.description)); }
    var pictures = window.routesEvidence.figures(ev.images, "thumb");
    if (pictures) { box.appendChild(pictures); }
    field(box, "Sources", sourceRefs(ev.sources));
    return box;
  }

  function arrowIcon(angle, color) {
    var holder = el("div", "routes-arrow-holder");
    var s = svg("svg", {width: 16, height: 16, viewBox: "-8 -8 16 16", "class": "routes-arrow"});
    var path = svg("path", {d: "M -5 -5 L 5 0 L -5 5 Z", fill: color, stroke: "#ffffff", "stroke-width": 1,
      transform: "rotate(" + angle.toFixed(1) + ")"});
    s.appendChild(path);
    holder.appendChild(s);
    return L.divIcon({className: "routes-arrow-icon", html: holder, iconSize: [16, 16], iconAnchor: [8, 8]});
  }

  function screenAngle(map, a, b) {
    var crs = map.options.crs;
    var p = crs.latLngToPoint(L.latLng(a[0], a[1]), 0);
    var q = crs.latLngToPoint(L.latLng(b[0], b[1]), 0);
    return Math.atan2(q.y - p.y, q.x - p.x) * 180 / Math.PI;
  }

  function lineSample(color, dashed, ticks) {
    var s = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
    var attrs = {x1: 1, y1: 5, x2: 33, y2: 5, stroke: color, "stroke-width": 4};
    if (dashed) { attrs["stroke-dasharray"] = "7 4"; }
    s.appendChild(svg("line", attrs));
    if (ticks) { s.appendChild(svg("line", {x1: 1, y1: 5, x2: 33, y2: 5, stroke: "#ffffff", "stroke-width": 1.5, "stroke-dasharray": "3 6"})); }
    return s;
  }

  function dotSample(color, radius, dashed) {
    var s = svg("svg", {width: 34, height: 16, "class": "routes-legend-dot"});
    var attrs = {cx: 17, cy: 8, r: Math.min(radius, 7), fill: color, "fill-opacity": 0.8, stroke: "#222222", "stroke-width": 1.5};
    if (dashed) { attrs["stroke-dasharray"] = "2 2"; attrs["fill-opacity"] = 0.3; }
    s.appendChild(svg("circle", attrs));
    return s;
  }

  var decodeLine = window.routesCodec.line;  // codec.js, loaded first

  var BORDER_DASH = "6 2 1.5 2";

  function drawBasemap(map, basemap) {
    var pane = map.createPane("routesBasemap");
    pane.style.zIndex = 150;
    pane.style.pointerEvents = "none";
    map.getContainer().style.background = basemap.colours.sea;
    var renderer = L.canvas({pane: "routesBasemap", padding: 0.5});
    var levels = basemap.levels.map(function (level) {
      var group = L.layerGroup();
      var land = level.land.map(function (polygon) {
        return polygon.map(function (ring) { return decodeLine(ring, level.quantum); });
      });
      if (land.length) {
        group.addLayer(L.polygon(land, {renderer: renderer, pane: "routesBasemap", color: basemap.colours.coast, weight: 0.8,
          fillColor: basemap.colours.land, fillOpacity: 1, interactive: false, className: "routes-basemap-land"}));
      }
      var borders = level.borders.map(function (line) { return decodeLine(line, level.quantum); });
      if (borders.length) {
        // Dash-dot, thin and grey: unlike any route line (routes are solid or long-dashed, and coloured).
        group.addLayer(L.polyline(borders, {renderer: renderer, pane: "routesBasemap", color: basemap.colours.border,
          weight: 0.9, dashArray: BORDER_DASH, interactive: false}));
      }
      return {level: level, group: group};
    });
    function update() {
      var zoom = Math.floor(map.getZoom() + 1e-9);  // levels are whole zooms; the map may sit between
      levels.forEach(function (item) {
        var on = zoom >= item.level.min_zoom && zoom <= item.level.max_zoom;
        if (on && !map.hasLayer(item.group)) { item.group.addTo(map); }
        if (!on && map.hasLayer(item.group)) { map.removeLayer(item.group); }
      });
    }
    map.on("zoomend", update);
    update();
    if (map.attributionControl) { map.attributionControl.addAttribution(escapeHtml(basemap.attribution)); }
    return levels;
  }

  function option(select, value, label) {
    var o = el("option", null, label);
    o.value = value;
    select.appendChild(o);
  }

  function buildLedger(map, data) {
    var rows = [];
    var claimants = [], statuses = [];
    data.ledger.forEach(function (id) {
      var c = data.claims[id];
      if (claimants.indexOf(c.claimant) < 0) { claimants.push(c.claimant); }
      if (statuses.indexOf(c.status_id) < 0) { statuses.push(c.status_id); }
    });
    var state = {claimant: "", status: ""};
    var box;
    control("topright", "routes-ledger", function (panel) {
      box = panel;
      var det = el("details", "routes-ledger-details");
      det.appendChild(el("summary", null, "Claims ledger (" + data.ledger.length + ")"));
      var filters = el("div", "routes-ledger-filters");
      [["claimant", "Claimant", claimants], ["status", "Status", statuses]].forEach(function (f) {
        var label = el("label", null, f[1] + " ");
        var select = el("select", "routes-ledger-filter-" + f[0]);
        select.setAttribute("aria-label", "Filter the claims ledger by " + f[1].toLowerCase());
        option(select, "", "all");
        f[2].forEach(function (v) { option(select, v, v); });
        select.addEventListener("change", function () { state[f[0]] = select.value; apply(); });
        label.appendChild(select);
        filters.appendChild(label);
      });
      det.appendChild(filters);
      var list = el("ol", "routes-ledger-list");
      data.ledger.forEach(function (id) {
        var c = data.claims[id];
        var item = el("li", "routes-ledger-row routes-status-" + c.status_id);
        item.setAttribute("data-claim", id);
        item.appendChild(el("div", "routes-ledger-when", c.published + " · " + c.claimant));
        item.appendChild(claimBlock(c));
        list.appendChild(item);
        rows.push({item: item, claim: c});
      });
      det.appendChild(list);
      det.appendChild(el("div", "routes-note", data.not_summed));
      panel.appendChild(det);
    }).addTo(map);
    var current = null;
    function apply() {
      rows.forEach(function (r) {
        var show = (!state.claimant || r.claim.claimant === state.claimant) && (!state.status || r.claim.status_id === state.status);
        r.item.hidden = !show;
        var now = current === null || (r.claim.span[0] <= current && current <= r.claim.span[1]);
        r.item.classList.toggle("routes-ledger-past", !now);
      });
    }
    return {
      setDate: function (iso) { current = iso; apply(); },
      visibleIds: function () { return rows.filter(function (r) { return !r.item.hidden; }).map(function (r) { return r.claim.id; }); },
      element: function () { return box; }
    };
  }

  function addDays(iso, days) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function daysBetween(a, b) {
    return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
  }

  // A leg's width at a date: the largest claim naming it that is current then (candidates come
  // largest first); the all-dates width otherwise; the thinnest stroke when none is current.
  function widthAt(leg, iso, noCount) {
    if (iso === null) { return {px: leg.width, from: leg.width_from, short: leg.width_short}; }
    for (var i = 0; i < leg.width_by_date.length; i++) {
      var d = leg.width_by_date[i];
      if (d.span[0] <= iso && iso <= d.span[1]) { return {px: d.px, from: d.from, short: d.short}; }
    }
    return {px: noCount, from: "No count claimed for this leg at this date: thinnest line", short: "no count claimed at this date"};
  }

  // Dashes that read as dashes at any width: dash and gap grow with the stroke (the gap is
  // never narrower than the line, or a wide dashed line looks solid).
  function dashFor(px) {
    return Math.max(10, Math.round(2.5 * px)) + " " + Math.max(7, Math.round(1.6 * px));
  }

  function setLegWidth(leg, iso) {
    var w = widthAt(leg, iso, leg.noCountPx);
    leg.currentWidthFrom = w.from;
    if (leg.line.options.weight !== w.px) {
      leg.line.setStyle(leg.dashed ? {weight: w.px, dashArray: dashFor(w.px)} : {weight: w.px});
    }
    leg.currentShort = w.short;
  }

  // Which claim sets each drawn width, one row per claim (a PNG has no popups): "US Department
  // of State, 23 Feb 2024: Najin (Rajin) port → Dunay; Najin (Rajin) port → Vostochny".
  function renderWidthTable(table, legs) {
    if (!table) { return; }
    var groups = [], byShort = {};
    legs.forEach(function (leg) {
      if (!leg.group || !leg.group.hasLayer(leg.layers[0])) { return; }
      var key = leg.currentShort || "";
      if (!byShort[key]) { byShort[key] = {short: key, titles: []}; groups.push(byShort[key]); }
      byShort[key].titles.push(leg.title);
    });
    while (table.firstChild) { table.removeChild(table.firstChild); }
    groups.forEach(function (g) {
      var row = el("div", "routes-width-row");
      row.appendChild(el("span", "routes-width-from", "Width: " + g.short + " — "));
      row.appendChild(el("span", null, g.titles.join("; ")));
      table.appendChild(row);
    });
  }

  function buildTimeControl(map, data, layers, ledger) {
    var first = data.time.first, total = daysBetween(first, data.time.last);
    var range, output, all, play, timer = null;
    function within(span, iso) { return !span || (span[0] <= iso && iso <= span[1]); }
    function show(layerGroup, layer, on) {
      if (on && !layerGroup.hasLayer(layer)) { layerGroup.addLayer(layer); }
      if (!on && layerGroup.hasLayer(layer)) { layerGroup.removeLayer(layer); }
    }
    function apply() {
      var iso = all.checked ? null : addDays(first, Number(range.value));
      output.value = iso ? iso : "all dates";
      output.textContent = output.value;
      data.legs.forEach(function (leg) {
        // Drawn on a day inside a period of a claim naming the leg (always, if none names it).
        var on = iso === null || !leg.spans.length || leg.spans.some(function (sp) { return within(sp, iso); });
        leg.layers.forEach(function (l) { show(leg.group, l, on); });
        setLegWidth(leg, iso);
        if (leg.tickLayer) { show(leg.group, leg.tickLayer, on); }
        leg.arrowLayers.forEach(function (m) { show(layers.arrows, m, on); });
      });
      data.events.forEach(function (ev) {
        if (ev.layer) { show(layers.events, ev.layer, iso === null || within(ev.span, iso)); }
      });
      renderWidthTable(data.widthTable, data.legs);
      if (ledger) { ledger.setDate(iso); }
      if (window.routesMap && window.routesMap.inset) { window.routesMap.inset.sync(); }
    }
    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.textContent = "Play";
      play.setAttribute("aria-pressed", "false");
    }
    control("bottomleft", "routes-time", function (box) {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Time control");
      var label = el("label", "routes-time-label", "Date ");
      range = el("input", "routes-time-range");
      range.type = "range"; range.min = "0"; range.max = String(total); range.step = "1"; range.value = "0";
      range.setAttribute("aria-label", "Date shown on the map, from " + first + " to " + data.time.last);
      label.appendChild(range);
      output = el("output", "routes-time-date", "all dates");
      output.setAttribute("aria-live", "polite");
      play = el("button", "routes-time-play", "Play");
      play.type = "button";
      play.setAttribute("aria-pressed", "false");
      var allLabel = el("label", "routes-time-all", " all dates");
      all = el("input", null);
      all.type = "checkbox"; all.checked = true;
      allLabel.insertBefore(all, allLabel.firstChild);
      range.addEventListener("input", function () { all.checked = false; apply(); });
      all.addEventListener("change", function () { stop(); apply(); });
      play.addEventListener("click", function () {
        if (timer !== null) { stop(); return; }
        all.checked = false;
        if (Number(range.value) >= total) { range.value = "0"; }
        play.textContent = "Pause";
        play.setAttribute("aria-pressed", "true");
        var step = Math.max(1, Math.round(total / 120));
        timer = setInterval(function () {
          range.value = String(Math.min(total, Number(range.value) + step));
          apply();
          if (Number(range.value) >= total) { stop(); }
        }, 100);
        apply();
      });
      box.appendChild(label);
      box.appendChild(output);
      box.appendChild(play);
      box.appendChild(allLabel);
    }).addTo(map);
    if (data.time.date) {  // a story step's day: the map opens on it
      all.checked = false;
      range.value = String(Math.max(0, Math.min(total, daysBetween(first, data.time.date))));
    }
    apply();
    return {
      setDate: function (iso) { stop(); all.checked = false; range.value = String(Math.max(0, Math.min(total, daysBetween(first, iso)))); apply(); },
      showAll: function () { stop(); all.checked = true; apply(); },
      visibleLegs: function () { return data.legs.filter(function (l) { return l.group.hasLayer(l.layers[0]); }).map(function (l) { return l.id; }); }
    };
  }

  // A node's label for the label layer: stops first and never dropped, then border
  // crossings, then stations and junctions (from zoom 5, where they have room).
  function nodeLabel(node, marker, group) {
    var role = node.stop ? "stop" : node.kind === "border-crossing" ? "border" : "station";
    var label = el("div", "routes-map-label routes-map-label-" + role);
    var approximate = " (location approximate)";
    var text = node.label;
    if (text.slice(-approximate.length) === approximate) {
      label.appendChild(el("span", null, text.slice(0, -approximate.length)));
      label.appendChild(el("span", "routes-map-label-note", "location approximate"));
    } else {
      label.appendChild(el("span", null, text));
    }
    label.setAttribute("data-node", node.id);
    return {el: label, latlng: L.latLng(node.latlon[0], node.latlon[1]), radius: marker.options.radius + 1,
      priority: role === "stop" ? 0 : role === "border" ? 1 : 2, keep: role === "stop",
      obstacle: role !== "station", minZoom: role === "station" ? 5 : 0,
      visible: function () { return marker._map !== undefined && marker._map !== null && group.hasLayer(marker); }};
  }

  // A place name beneath the route: countries and seas centred on their point, cities beside a dot.
  function placeLabel(place) {
    var label = el("div", "routes-place routes-place-" + place.kind + " routes-place-" + (place.size || "medium"), place.text);
    var item = {el: label, latlng: L.latLng(place.lat, place.lon), priority: 10 + (place.rank || 0),
      offRoute: true, minZoom: place.min_zoom || 0, maxZoom: place.max_zoom,
      spread: place.kind === "country" || place.kind === "sea" || place.kind === "ocean"};
    if (place.kind === "city" || place.kind === "capital") {
      item.radius = 3;
      item.dot = el("div", "routes-place-dot routes-place-dot-" + place.kind);
    }
    return item;
  }

  window.routesDrawBasemap = drawBasemap;
  window.routesDashFor = dashFor;

  // One line per leg (and a wide, see-through line that takes the clicks), rail ticks, arrows.
  function drawLegs(map, data, layers, legLayers) {
    var styles = data.styles;
    data.legs.forEach(function (leg) {
      var st = styles.modes[leg.mode];
      var group = layers.legs[leg.mode] || (layers.legs[leg.mode] = L.featureGroup());
      var line = L.polyline(leg.coords, {
        color: st.color, weight: leg.width || st.weight, opacity: 0.9,
        dashArray: leg.dashed ? dashFor(leg.width || st.weight) : null,
        // Flat ends: round caps would eat into the gaps (a gap is never narrower than the line).
        lineCap: leg.dashed ? "butt" : "round",
        className: "routes-leg routes-leg-" + leg.mode + (leg.dashed ? " routes-leg-dashed" : "")
      });
      line.routesLegId = leg.id;
      // A wide, almost transparent line takes the clicks: a dashed stroke is not clickable in its gaps.
      var hit = L.polyline(leg.coords, {color: st.color, weight: Math.max(16, (leg.width || 0) + 6), opacity: 0.01, className: "routes-leg-hit"});
      hit.routesLegId = leg.id;
      hit.bindPopup(function () { return legPopup(leg, data); }, {maxWidth: 440, maxHeight: 420});
      hit.bindTooltip(el("span", null, leg.tooltip), {sticky: true});
      line.options.interactive = false;
      group.addLayer(line);
      if (st.ticks) {
        // Railway symbol: white ticks inside the line, so rail and sea stay apart in greyscale.
        var ticks = L.polyline(leg.coords, {color: "#ffffff", weight: Math.min(1.5, 0.4 * (leg.width || st.weight)), opacity: 0.95, dashArray: "3 6",
          interactive: false, className: "routes-leg-ticks"});
        group.addLayer(ticks);
        leg.tickLayer = ticks;
      }
      group.addLayer(hit);
      legLayers.push(hit);
      leg.layers = [line, hit];
      leg.line = line;
      leg.noCountPx = data.legend.no_count[0];
      leg.group = group;
      leg.arrowLayers = leg.arrows.map(function (a) {
        var angle = screenAngle(map, [a[0], a[1]], [a[2], a[3]]);
        var marker = L.marker([a[0], a[1]], {icon: arrowIcon(angle, st.color), interactive: false, keyboard: false});
        layers.arrows.addLayer(marker);
        return marker;
      });
    });
  }

  function basisTags(map, data, labelItems) {
    // "assumed" (or "routed") written beside each dashed leg where it fits, so a PNG says it too.
    // Legs that share a corridor share one tag: none within 400 km of another tag's point.
    var tagged = [];
    data.legs.forEach(function (leg) {
      if (!leg.dashed || leg.coords.length < 2) { return; }
      var mid = L.latLng(leg.coords[Math.floor(leg.coords.length / 2)]);
      if (tagged.some(function (p) { return p.distanceTo(mid) < 400000; })) { return; }
      tagged.push(mid);
      var tag = el("div", "routes-map-label routes-map-label-basis", leg.basis_id === "routed" ? "routed path" : "assumed path");
      labelItems.push({el: tag, latlng: mid, radius: 2 + (leg.width || 4) / 2, priority: 3, near: true,
        minZoom: 0, visible: function () { return map.hasLayer(leg.group) && leg.group.hasLayer(leg.layers[0]); }});
    });
  }

  // A marker per node, with its popup and its label.
  function drawNodes(data, layers, labelItems) {
    var styles = data.styles;
    data.nodes.forEach(function (node) {
      var st = styles.kinds[node.kind];
      var marker = L.circleMarker(node.latlon, {
        radius: node.stop ? Math.max(st.radius, 6) : st.radius,
        color: "#222222", weight: node.stop ? 2 : 1, fillColor: st.color,
        fillOpacity: node.low ? 0.3 : 0.85, dashArray: node.low ? "3 3" : null,
        className: "routes-node routes-node-" + node.kind + (node.low ? " routes-node-low" : "")
      });
      marker.routesNodeId = node.id;
      marker.bindPopup(function () { return nodePopup(node); }, {maxWidth: 360});
      var group = node.stop ? layers.stops : layers.stations;
      group.addLayer(marker);
      labelItems.push(nodeLabel(node, marker, group));
    });
  }

  // A dashed ring per dated event that has a place.
  function drawEvents(data, layers) {
    data.events.forEach(function (ev) {
      if (!ev.latlon) { return; }
      var m = L.circleMarker(ev.latlon, {radius: 12, color: "#CC79A7", weight: 2, fill: false, dashArray: "4 3", className: "routes-event"});
      m.bindPopup(function () { return eventPopup(ev); }, {maxWidth: 360});
      m.bindTooltip(el("span", null, ev.when + ": " + ev.title));
      layers.events.addLayer(m);
      ev.layer = m;
    });
  }

  // The layer switcher: legs by mode, arrows, stations, stops, events.
  function addLayerControl(map, data, layers) {
    var styles = data.styles;
    var overlays = {};
    Object.keys(layers.legs).forEach(function (mode) {
      layers.legs[mode].addTo(map);
      overlays[escapeHtml(styles.modes[mode].label + "s")] = layers.legs[mode];
    });
    layers.arrows.addTo(map); overlays[escapeHtml("Direction arrows")] = layers.arrows;
    layers.stations.addTo(map); overlays[escapeHtml("Stations and junctions")] = layers.stations;
    layers.stops.addTo(map); overlays[escapeHtml("Stops")] = layers.stops;
    if (data.events.length) { layers.events.addTo(map); overlays[escapeHtml("Events")] = layers.events; }
    L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
  }

  // The title block: title, what the claims are, as-of date, summary, assumptions, loose ends.
  function addTitle(map, data) {
    control("topleft", "routes-title", function (box) {
      box.appendChild(el("div", "routes-title-text", data.title));
      if (data.period) { box.appendChild(el("div", "routes-title-period", data.period)); }
      if (data.as_of) { box.appendChild(el("div", "routes-title-asof", data.as_of)); }
      if (data.summary) { box.appendChild(el("div", "routes-title-summary", data.summary)); }
      if (data.assumptions && data.assumptions.length) {
        var list = el("ul", "routes-title-assumptions");
        data.assumptions.forEach(function (a) { list.appendChild(el("li", null, a)); });
        box.appendChild(list);
      }
      var placeless = data.events.filter(function (ev) { return !ev.latlon; });
      if (placeless.length) {
        var evs = el("details", "routes-unplaced-events");
        evs.appendChild(el("summary", null, "Events without a place on the map (" + placeless.length + ")"));
        placeless.forEach(function (ev) { evs.appendChild(eventPopup(ev)); });
        box.appendChild(evs);
      }
      if (data.unattached_claims.length) {
        var det = el("details", "routes-unattached");
        det.appendChild(el("summary", null, "Claims not tied to a leg (" + data.unattached_claims.length + ")"));
        data.unattached_claims.forEach(function (id) { det.appendChild(claimBlock(data.claims[id])); });
        box.appendChild(det);
      }
    }).addTo(map);
  }

  // The legend, with the width rule and the claim behind each drawn width.
  function addLegend(map, data) {
    var styles = data.styles;
    control("bottomright", "routes-legend", function (box) {
      box.appendChild(el("div", "routes-section", "Legend"));
      data.legend.modes.forEach(function (mode) { legendRow(box, lineSample(styles.modes[mode].color, false, styles.modes[mode].ticks), styles.modes[mode].label); });
      legendRow(box, lineSample("#333333", false), data.legend.lines[0][1]);
      legendRow(box, lineSample("#333333", true), data.legend.lines[1][1]);
      data.legend.kinds.forEach(function (kind) { legendRow(box, dotSample(styles.kinds[kind].color, styles.kinds[kind].radius, false), styles.kinds[kind].label); });
      legendRow(box, dotSample("#999999", 6, true), data.legend.low);
      if (data.basemap) {
        var border = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
        border.appendChild(svg("line", {x1: 1, y1: 5, x2: 33, y2: 5, stroke: data.basemap.colours.border, "stroke-width": 1.2,
          "stroke-dasharray": BORDER_DASH}));
        legendRow(box, border, "Country border (Natural Earth)");
      }
      var arrow = svg("svg", {width: 34, height: 16});
      arrow.appendChild(svg("path", {d: "M 12 3 L 22 8 L 12 13 Z", fill: "#333333"}));
      legendRow(box, arrow, data.legend.arrow);
      if (data.events.length) { legendRow(box, dotSample("none", 6, true), "Dated event (click for details)"); }
      if (data.legend.width) {
        var thin = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
        thin.appendChild(svg("line", {x1: 1, y1: 5, x2: 33, y2: 5, stroke: "#333333", "stroke-width": data.legend.no_count[0]}));
        legendRow(box, thin, data.legend.no_count[1]);
        box.appendChild(el("div", "routes-note routes-legend-width", data.legend.width));
        // Which claim sets each drawn width, for a PNG or print, which has no popups.
        var table = el("div", "routes-width-table");
        data.legs.forEach(function (leg) { setLegWidth(leg, null); });
        data.widthTable = table;
        renderWidthTable(table, data.legs);
        box.appendChild(table);
      }
    }).addTo(map);
  }

  // The numbered sources, the credit and the licences of the data.
  function addSources(map, data) {
    control("bottomleft", "routes-sources", function (box) {
      var det = el("details", "routes-sources-list");
      det.appendChild(el("summary", null, "Sources (" + data.sources.length + ") · " + data.credit));
      var list = el("ol", null);
      data.sources.forEach(function (s) {
        var item = el("li", null);
        item.value = s.n;
        var href = safeHref(s.url);
        if (href) {
          var a = el("a", null, s.label);
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          item.appendChild(a);
        } else {
          item.appendChild(el("span", null, s.label));
        }
        list.appendChild(item);
      });
      det.appendChild(list);
      // The licences of the data on the map (ODbL share-alike for OpenStreetMap positions).
      (data.licences || []).forEach(function (n) {
        var row = el("div", "routes-licence", n.covers + ": " + n.attribution + ", " + n.license + " ");
        var href = safeHref(n.url);
        if (href) {
          var a = el("a", null, href.replace(/^https?:\/\//, ""));
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          row.appendChild(a);
        }
        det.appendChild(row);
      });
      box.appendChild(det);
    }).addTo(map);
  }

  // The locator globe, when asked for.
  function addLocator(map, data) {
    if (data.locator) {
      // Where on Earth: the globe seen from above the map's middle, the map's area outlined.
      control("bottomleft", "routes-locator", function (box) {
        var size = data.locator.size;
        var globe = svg("svg", {width: size, height: size, viewBox: "0 0 " + size + " " + size, role: "img",
          "aria-label": "Locator globe: the map's area outlined"});
        globe.appendChild(svg("circle", {cx: size / 2, cy: size / 2, r: size / 2 - 1, fill: "#dce8f0", stroke: "#7f9aad", "stroke-width": 1}));
        data.locator.land.forEach(function (d) {
          globe.appendChild(svg("path", {d: d, fill: "#c9c4b6", stroke: "#a8a294", "stroke-width": 0.4}));
        });
        if (data.locator.frame) {
          globe.appendChild(svg("path", {d: data.locator.frame, fill: "rgba(213,94,0,0.18)", stroke: "#D55E00", "stroke-width": 1.6}));
        }
        box.appendChild(globe);
      }).addTo(map);
    }
  }

  // The handling marking (e.g. DRAFT) across the top.
  function addBanner(map, data) {
    if (data.banner) {
      var banner = el("div", "routes-banner", data.banner);
      banner.setAttribute("role", "note");
      map.getContainer().appendChild(banner);
    }
  }

  // A popup fits the screen (a phone too) and is drawn above every panel while it is open.
  function fitPopups(map) {
    map.on("popupopen", function (e) {
      var c = map.getContainer();
      e.popup.options.maxWidth = Math.min(440, c.clientWidth - 80);  // the frame and its margins take about 50 px
      e.popup.options.minWidth = Math.min(220, c.clientWidth - 60);
      e.popup.options.maxHeight = Math.max(120, c.clientHeight - 90);
      e.popup.options.autoPanPadding = L.point(12, 12);
      e.popup.update();
      c.classList.add("routes-popup-open");
    });
    map.on("popupclose", function () { map.getContainer().classList.remove("routes-popup-open"); });
  }

  window.routesInit = function (map, data) {
    window.routesEvidence.use(data.images);
    var basemapLevels = data.basemap ? drawBasemap(map, data.basemap) : [];
    var layers = {legs: {}, stops: L.featureGroup(), stations: L.featureGroup(), events: L.featureGroup(), arrows: L.featureGroup()};
    var legLayers = [];
    var labelItems = [];

    drawLegs(map, data, layers, legLayers);
    basisTags(map, data, labelItems);
    drawNodes(data, layers, labelItems);
    (data.places || []).forEach(function (place) { labelItems.push(placeLabel(place)); });

    drawEvents(data, layers);
    addLayerControl(map, data, layers);
    addTitle(map, data);
    addLegend(map, data);
    addSources(map, data);
    addLocator(map, data);
    var ledger = data.ledger && data.ledger.length ? buildLedger(map, data) : null;
    var timeControl = data.time ? buildTimeControl(map, data, layers, ledger) : null;

    addBanner(map, data);
    function drawnLines() {
      return data.legs.filter(function (leg) { return map.hasLayer(leg.group) && leg.group.hasLayer(leg.layers[0]); })
        .map(function (leg) { return leg.coords; });
    }
    var labels = window.routesLabels.LabelLayer(map, labelItems, {lines: drawnLines});
    var layout = window.routesLayout;
    // Quarter zoom steps: the fitted route fills its frame instead of half of it.
    map.options.zoomSnap = 0.25;
    var drawer = layout.drawer(map, data.title);
    // Room beyond the route's bounds for the markers and the nearest labels.
    var LABEL_ROOM = {x: 10, y: 10};
    var inset = window.routesInset.Inset(map, data, drawBasemap, nodeLabel);
    function refit(animate) {
      drawer.update();
      inset.remove();
      map.invalidateSize({animate: false, pan: false});
      if (animate) {  // a story's step: once the flight ends, the view settles (inset, labels)
        map.once("moveend", function () { refit(false); });
        layout.fit(map, data.view || data.bounds, LABEL_ROOM, true);
        return;
      }
      var frame = layout.fit(map, data.view || data.bounds, LABEL_ROOM);
      // A leg or cluster too small to read at this view gets an inset, and the view makes room
      // for it, unless that would shrink the whole route by more than a quarter.
      if (!data.view && inset.build()) {
        if (layout.fit(map, data.bounds, LABEL_ROOM).score < 0.75 * frame.score) {
          inset.remove();
          layout.fit(map, data.bounds, LABEL_ROOM);
        }
      }
      labels.place();
    }
    map.on("resize", function () { drawer.update(); layout.capPanels(map); labels.place(); });
    // An opened list (sources, ledger) must not grow over another panel.
    map.getContainer().addEventListener("toggle", function () { layout.capPanels(map); labels.place(); }, true);
    map.on("overlayadd overlayremove", function () { labels.place(); inset.sync(); });
    fitPopups(map);
    window.routesMap = {map: map, legs: legLayers, layers: layers, data: data, basemap: basemapLevels,
      ledger: ledger, time: timeControl, labels: labels, inset: inset,
      // Fit the initial view again after the window changed size (snapshots of several sizes).
      refit: refit,
      // The print layout (PNG, PDF): footer band with sources and claims, no web furniture.
      print: function () {
        if (document.body.classList.contains("routes-print")) { window.routesPrint.reprint(map, data); }
        else { window.routesPrint.print(map, data); }
        refit();
      },
      // What a reader notices (tests and the layout use it): route under panels, label clashes.
      measure: function () { return layout.measure(map, drawnLines(), ".routes-map-label, .routes-place"); }};
    refit();
    if (data.story && data.story.length) { window.routesMap.story = window.routesStory(window.routesMap, data.story, data.story_caption); }
    return window.routesMap;
  };
})();
