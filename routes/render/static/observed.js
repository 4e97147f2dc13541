/* routes: what was observed, drawn apart from the claims: images taken (footprints, dotted
 * outline, faint fill) and counts at nodes (a small bar chart with its date). Each is in the
 * "Observations" layer, in its own legend rows, and shown by the time control only in its span;
 * nothing here changes a leg's width, dates or arrows. Text reaches the DOM as text nodes.
 * Load order: after page.js, shapes.js and evidence.js; defines window.routesObserved. */
(function () {
  "use strict";

  var el = window.routesPage.el, svg = window.routesPage.svg, field = window.routesPage.field;
  // The colours come from the palette (routes/model/palette.py OBSERVED, in data.styles.observed).
  var PANE = "routesObserved";  // under the claimed legs (Leaflet's overlay pane is at z 400)

  function popup(ob, data) {
    var box = el("div", "routes-popup routes-observed-popup");
    box.appendChild(el("div", "routes-popup-title", ob.title));
    box.appendChild(el("div", "routes-observed-tag", "Observation, not a claim"));
    field(box, "When", ob.when);
    if (ob.rule) { field(box, "Rule", ob.rule); }
    field(box, ob.kind === "count" ? "Counted" : ob.kind === "image" ? "Image" : "Observed", ob.caption);
    if (ob.provider) { field(box, "Imagery", ob.provider); }
    if (ob.supports && ob.supports.length) {
      var titles = ob.supports.map(function (id) { return data.claims[id] ? data.claims[id].claimant + " (" + id + ")" : id; });
      field(box, "Supports", titles.join("; "));
    }
    if (ob.note) { field(box, "Note", ob.note); }
    if (ob.sources && ob.sources.length) { field(box, "Sources", ob.sources.map(function (n) { return "[" + n + "]"; }).join(" ")); }
    if (ob.images && ob.images.length && window.routesEvidence && window.routesEvidence.figures) {
      box.appendChild(window.routesEvidence.figures(ob.images, "small"));
    }
    return box;
  }

  // A count as a small chart: one bar a type, its number on it, the date under it.
  function countIcon(ob, colour) {
    var box = el("div", "routes-count-chart");
    var max = Math.max.apply(null, ob.rows.map(function (r) { return r[1]; }).concat([1]));
    var bars = el("div", "routes-count-bars");
    ob.rows.forEach(function (r) {
      var bar = el("div", "routes-count-bar");
      var fill = el("span", "routes-count-fill");
      fill.style.height = Math.max(2, Math.round(28 * r[1] / max)) + "px";
      fill.style.background = colour;
      bar.appendChild(el("span", "routes-count-n", r[1].toLocaleString("en-GB")));
      bar.appendChild(fill);
      bar.appendChild(el("span", "routes-count-type", r[0]));
      bars.appendChild(bar);
    });
    box.appendChild(bars);
    box.appendChild(el("div", "routes-count-when", ob.unit + ", " + ob.when));
    return L.divIcon({html: box, className: "routes-count", iconSize: null, iconAnchor: [0, 0]});
  }

  // An "x" for an anomaly, built as DOM (no HTML strings).
  function crossIcon(colour) {
    var box = el("div", "routes-anomaly-mark", "\u00d7");
    box.style.color = colour;
    return L.divIcon({html: box, className: "routes-anomaly", iconSize: [14, 14], iconAnchor: [7, 7]});
  }

  // What routes observe found: tracks (under the legs), dark periods, calls, encounters, anomalies.
  function aisLayer(ob, colours) {
    var under = {pane: PANE};
    if (ob.kind === "track" && ob.lines && ob.lines.length) {
      return L.polyline(ob.lines, {pane: PANE, color: ob.colour, weight: 1.5, opacity: 0.85,
        dashArray: ob.linked ? null : "4 4", className: "routes-observed-track"});
    }
    if (ob.kind === "gap") {
      var parts = [];
      if (ob.rings) { parts.push(L.polygon(ob.rings, {pane: PANE, color: colours.gap, weight: 1, dashArray: "1 4",
        fillColor: colours.gap, fillOpacity: 0.05, className: "routes-observed-reach"})); }
      if (ob.ends) { parts.push(L.polyline(ob.ends, {pane: PANE, color: ob.colour, weight: 2, dashArray: "1 5",
        className: "routes-observed-gap"})); }
      return parts.length ? L.featureGroup(parts) : null;
    }
    if (!ob.latlon) { return null; }
    if (ob.kind === "port_call") {
      return L.circleMarker(ob.latlon, {radius: 5, color: ob.colour, weight: 2, fillColor: "#ffffff", fillOpacity: 1,
        className: "routes-observed-call"});
    }
    if (ob.kind === "encounter") {
      return L.featureGroup([
        L.circleMarker(ob.latlon, {radius: 4, color: ob.colour, weight: 2, fill: false, className: "routes-observed-encounter"}),
        L.circleMarker(ob.latlon, {radius: 8, color: ob.colour, weight: 1, fill: false})]);
    }
    if (ob.kind === "anomaly" || ob.kind === "identity_change") {
      return L.marker(ob.latlon, {icon: crossIcon(colours.anomaly), keyboard: true, title: ob.title});
    }
    return L.circleMarker(ob.latlon, under);
  }

  function draw(map, data, group) {
    var colours = data.styles.observed;
    if (!map.getPane(PANE)) { map.createPane(PANE).style.zIndex = 350; }
    (data.observed || []).forEach(function (ob) {
      var layer;
      if (["track", "gap", "port_call", "encounter", "anomaly", "identity_change"].indexOf(ob.kind) >= 0) {
        layer = aisLayer(ob, colours);
        if (!layer) { return; }
      } else if (ob.kind === "image" && ob.rings) {
        layer = L.polygon(ob.rings, {color: colours.image, weight: 1.5, dashArray: "2 4", fillColor: colours.image,
          fillOpacity: 0.06, className: "routes-observed-image"});
      } else if (ob.kind === "image") {
        // A dotted square, as its legend row: a dashed ring means "location approximate".
        layer = window.routesShapes.marker(ob.latlon, {shape: "square", radius: 7, color: colours.image, weight: 1.5,
          dashArray: "2 3", fill: false, className: "routes-observed-image"});
      } else if (ob.kind === "count") {
        layer = L.marker(ob.latlon, {icon: countIcon(ob, colours.count), keyboard: true, title: ob.caption});
      } else {
        return;
      }
      layer.bindPopup(function () { return popup(ob, data); }, {maxWidth: 360});
      if (ob.kind !== "count") { layer.bindTooltip(el("span", null, ob.title + " · " + ob.when)); }
      group.addLayer(layer);
      ob.layer = layer;
    });
  }

  // Legend rows of the kinds on the map, each with its sample.
  function legend(box, data) {
    var colours = data.styles.observed;
    (data.legend.observed || []).forEach(function (row) {
      var sample = svg("svg", {width: 34, height: 14, "class": "routes-legend-line"});
      if (["track", "gap", "port_call", "encounter", "anomaly", "identity_change"].indexOf(row[0]) >= 0) {
        aisSample(sample, row[0], colours);
      } else if (row[0] === "image") {
        sample.appendChild(svg("rect", {x: 3, y: 2, width: 28, height: 10, fill: colours.image, "fill-opacity": 0.1,
          stroke: colours.image, "stroke-width": 1.5, "stroke-dasharray": "2 3"}));
      } else {
        [[6, 6], [14, 2], [22, 8]].forEach(function (b) {
          sample.appendChild(svg("rect", {x: b[0], y: b[1], width: 6, height: 12 - b[1], fill: colours.count}));
        });
      }
      window.routesPage.legendRow(box, sample, row[1]);
    });
  }

  function aisSample(sample, kind, colours) {
    if (kind === "track") {
      sample.appendChild(svg("line", {x1: 1, y1: 7, x2: 33, y2: 7, stroke: colours.track, "stroke-width": 1.5}));
    } else if (kind === "gap") {
      sample.appendChild(svg("ellipse", {cx: 17, cy: 7, rx: 15, ry: 5, fill: colours.gap, "fill-opacity": 0.08,
        stroke: colours.gap, "stroke-dasharray": "1 3"}));
      sample.appendChild(svg("line", {x1: 5, y1: 7, x2: 29, y2: 7, stroke: colours.gap, "stroke-width": 2, "stroke-dasharray": "1 4"}));
    } else if (kind === "port_call") {
      sample.appendChild(svg("circle", {cx: 17, cy: 7, r: 4, fill: "#ffffff", stroke: colours.track, "stroke-width": 2}));
    } else if (kind === "encounter") {
      sample.appendChild(svg("circle", {cx: 17, cy: 7, r: 3, fill: "none", stroke: colours.track, "stroke-width": 2}));
      sample.appendChild(svg("circle", {cx: 17, cy: 7, r: 6, fill: "none", stroke: colours.track, "stroke-width": 1}));
    } else {  // anomaly and identity_change: the same "x" as on the map
      var x = svg("text", {x: 12, y: 12, fill: colours.anomaly, "font-size": 14, "font-weight": 700});
      x.textContent = "\u00d7";
      sample.appendChild(x);
    }
  }

  // The observations as ledger rows, apart from the claims (date, kind, caption).
  function ledgerRows(data) {
    return (data.observed || []).map(function (ob) { return {id: ob.id, text: ob.when + " · " + ob.title + ": " + ob.caption}; });
  }

  window.routesObserved = {draw: draw, legend: legend, ledgerRows: ledgerRows};
})();
