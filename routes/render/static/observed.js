/* routes: what was observed, drawn apart from the claims: images taken (footprints, dotted
 * outline, faint fill) and counts at nodes (a small bar chart with its date). Each is in the
 * "Observations" layer, in its own legend rows, and shown by the time control only in its span;
 * nothing here changes a leg's width, dates or arrows. Text reaches the DOM as text nodes.
 * Load order: after page.js, shapes.js and evidence.js; defines window.routesObserved. */
(function () {
  "use strict";

  var el = window.routesPage.el, svg = window.routesPage.svg, field = window.routesPage.field;
  // The colours come from the palette (routes/model/palette.py OBSERVED, in data.styles.observed).

  function popup(ob, data) {
    var box = el("div", "routes-popup routes-observed-popup");
    box.appendChild(el("div", "routes-popup-title", ob.title));
    box.appendChild(el("div", "routes-observed-tag", "Observation, not a claim"));
    field(box, "When", ob.when);
    field(box, ob.kind === "count" ? "Counted" : "Image", ob.caption);
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

  function draw(map, data, group) {
    var colours = data.styles.observed;
    (data.observed || []).forEach(function (ob) {
      var layer;
      if (ob.kind === "image" && ob.rings) {
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
      if (ob.kind === "image") { layer.bindTooltip(el("span", null, ob.when + ": " + ob.title)); }
      group.addLayer(layer);
      ob.layer = layer;
    });
  }

  // Legend rows of the kinds on the map, each with its sample.
  function legend(box, data) {
    var colours = data.styles.observed;
    (data.legend.observed || []).forEach(function (row) {
      var sample = svg("svg", {width: 34, height: 14, "class": "routes-legend-line"});
      if (row[0] === "image") {
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

  // The observations as ledger rows, apart from the claims (date, kind, caption).
  function ledgerRows(data) {
    return (data.observed || []).map(function (ob) { return {id: ob.id, text: ob.when + " · " + ob.title + ": " + ob.caption}; });
  }

  window.routesObserved = {draw: draw, legend: legend, ledgerRows: ledgerRows};
})();
