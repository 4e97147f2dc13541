/* routes: a page drawn in a projection other than Web Mercator (render/projection.py: a
 * Lambert conformal conic for print layouts of large extents), and the note beside the scale
 * bar that says how far the scale strays from the bar across the map (and, close in, that the
 * 1:10m borders and rivers are generalised).
 * Load order: after page.js; uses L.Proj (Proj4Leaflet, inlined only in projected pages).
 * Defines window.routesProjection ({use, scaleSpread, scaleNote}). */
(function () {
  "use strict";

  var EDGE_STEPS = 16;   // points along each side of a box when its projected envelope is found

  // The pixel envelope, at a zoom, of a lat/lng box's outline. In a conic projection the
  // parallels are arcs, so a box's corners do not bound it: the middle of its southern edge
  // lies below them. Leaflet fits by the corners; a projected map fits by the outline.
  function envelope(map, bounds, zoom) {
    var b = L.latLngBounds(bounds), s = b.getSouth(), n = b.getNorth(), w = b.getWest(), e = b.getEast();
    var out = L.bounds([]);
    for (var i = 0; i <= EDGE_STEPS; i++) {
      var lon = w + (e - w) * i / EDGE_STEPS, lat = s + (n - s) * i / EDGE_STEPS;
      [[s, lon], [n, lon], [lat, w], [lat, e]].forEach(function (p) { out.extend(map.project(p, zoom)); });
    }
    return out;
  }

  // Fitting by the outline: the map's own getBoundsZoom and bounds centre (which flyToBounds
  // and fitBounds use) replaced on this map only.
  function fitByOutline(map) {
    map.getBoundsZoom = function (bounds, inside, padding) {
      var zoom = map.getZoom() || 0;
      var size = map.getSize().subtract(L.point(padding || [0, 0]));
      var box = envelope(map, bounds, zoom).getSize();
      var sx = size.x / Math.max(box.x, 1e-9), sy = size.y / Math.max(box.y, 1e-9);
      var found = map.getScaleZoom(inside ? Math.max(sx, sy) : Math.min(sx, sy), zoom);
      var snap = map.options.zoomSnap;
      if (snap) {
        found = inside ? Math.ceil(found / snap - 1e-6) * snap : Math.floor(found / snap + 1e-6) * snap;
      }
      return Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), found));
    };
    map._getBoundsCenterZoom = function (bounds, options) {
      options = options || {};
      bounds = bounds.getBounds ? bounds.getBounds() : L.latLngBounds(bounds);
      var tl = L.point(options.paddingTopLeft || options.padding || [0, 0]);
      var br = L.point(options.paddingBottomRight || options.padding || [0, 0]);
      var zoom = map.getBoundsZoom(bounds, false, tl.add(br));
      if (typeof options.maxZoom === "number") { zoom = Math.min(options.maxZoom, zoom); }
      var box = envelope(map, bounds, zoom);
      var middle = box.min.add(box.max).divideBy(2).add(br.subtract(tl).divideBy(2));
      return {center: map.unproject(middle, zoom), zoom: zoom};
    };
  }

  // Draw the map in the page's projection: a Proj4Leaflet CRS from its proj4 definition,
  // with the Earth's distance (for the scale bar) and the view reset in the new CRS.
  function use(map, projection) {
    var crs = new L.Proj.CRS(projection.code, projection.proj4, {resolutions: projection.resolutions});
    crs.distance = L.CRS.Earth.distance;
    crs.R = L.CRS.Earth.R;
    map.options.crs = crs;
    map.options.minZoom = 0;
    map.options.maxZoom = projection.resolutions.length - 1;
    fitByOutline(map);
    map.setView(projection.centre, 3, {reset: true});
    map.getContainer().setAttribute("data-projection", projection.name);
    return crs;
  }

  // Metres a pixel covers, eastwards, at a point of the map's container.
  function metresPerPixel(map, x, y, half) {
    return map.distance(map.containerPointToLatLng([x - half, y]), map.containerPointToLatLng([x + half, y])) / (2 * half);
  }

  // How far the ground a pixel covers strays, across the map, from what the scale bar says:
  // Leaflet measures the bar at the left edge, half-way down, over 100 px. Returns the lowest
  // and highest ratio minus one over a 5 x 5 grid of the map (centre, edges and corners).
  function scaleSpread(map) {
    var size = map.getSize(), half = 50;
    var bar = metresPerPixel(map, half, size.y / 2, half);
    var low = Infinity, high = -Infinity;
    for (var i = 0; i <= 4; i++) {
      for (var j = 0; j <= 4; j++) {
        var x = half + (size.x - 2 * half) * i / 4, y = 1 + (size.y - 2) * j / 4;
        var ratio = metresPerPixel(map, x, y, half) / bar;
        low = Math.min(low, ratio - 1); high = Math.max(high, ratio - 1);
      }
    }
    return {low: low, high: high};
  }

  function percent(value) {
    var rounded = Math.round(value * 100);
    return (rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "") + Math.abs(rounded) + "\u00a0%";
  }

  // Under the scale bar, where the scale strays by more than 1 % across the map: by how much
  // (a few per cent in a conic projection, a factor of two in Web Mercator on a large frame).
  // Nothing when the bar holds everywhere.
  // From this zoom (a view some 30 km across and less) a 1:10m line's generalisation shows: the
  // Tumen and the border drawn 0.8 km from the Friendship Bridge, which spans the river.
  var GENERALISED_FROM_ZOOM = 10;

  function scaleNote(map, vectorBasemap) {
    // The map's own bar, not the inset's (a map inside one of the map's panels).
    var container = map.getContainer(), bar = null;
    container.querySelectorAll(".leaflet-control-scale").forEach(function (found) {
      if (!bar && found.closest(".leaflet-container") === container) { bar = found; }
    });
    if (!bar) { return null; }
    var old = bar.querySelector(".routes-scale-note");
    if (old) { old.parentNode.removeChild(old); }
    var spread = scaleSpread(map), parts = [];
    // The ground the bar's length covers elsewhere, against its label: -18 % covers 18 % less.
    if (Math.max(-spread.low, spread.high) > 0.01) {
      parts.push("Scale varies across the map: " + percent(spread.low) + " to " + percent(spread.high) + " of the bar");
    }
    if (vectorBasemap && map.getZoom() >= GENERALISED_FROM_ZOOM) {
      parts.push("Borders and rivers: Natural Earth 1:10m, may be off by a kilometre at this scale");
    }
    if (!parts.length) { return null; }
    var note = window.routesEl("div", "routes-scale-note", parts.join(" \u00b7 "));
    note.setAttribute("data-low", spread.low.toFixed(4));
    note.setAttribute("data-high", spread.high.toFixed(4));
    bar.appendChild(note);
    return note;
  }

  window.routesProjection = {use: use, envelope: envelope, scaleSpread: scaleSpread, scaleNote: scaleNote};
})();
