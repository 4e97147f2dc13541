/* routes: legs on a shared track (the payload's leg.track: group, flip and a slot per vertex;
 * decided in render/tracks.py) drawn side by side. Each such leg's line, rail ticks, click line
 * and arrows sit, at each vertex, `slot` steps to the right of the group's first leg's direction,
 * a step being the group's widest line and a gap, in screen pixels: recomputed after every zoom,
 * so the lines stay apart at every zoom. Legs with no shared track are not touched.
 * Load order: after page.js and type.js (the type scale), before routes.js; defines window.routesTracks. */
(function () {
  "use strict";

  var GAP_PX = 2;

  // The unit normal (to the right, on screen) of the segment p -> q, or null if it has no length.
  function normal(p, q) {
    var dx = q.x - p.x, dy = q.y - p.y, len = Math.sqrt(dx * dx + dy * dy);
    return len > 0 ? L.point(-dy / len, dx / len) : null;
  }

  // coords moved px[i] screen pixels to the right of their own direction at the map's zoom. The
  // direction at a vertex runs from the nearest vertex before it to the nearest after it that
  // are at least REACH_PX away, so dense vertices (a railway seen from afar) do not make the
  // offset line jitter.
  var REACH_PX = 4;
  function offsetLine(map, coords, px) {
    var pts = coords.map(function (c) { return map.latLngToLayerPoint(c); });
    return pts.map(function (p, i) {
      if (!px[i]) { return map.layerPointToLatLng(p); }
      var a = i, b = i;
      while (a > 0 && pts[a].distanceTo(p) < REACH_PX) { a--; }
      while (b < pts.length - 1 && pts[b].distanceTo(p) < REACH_PX) { b++; }
      var n = normal(pts[a], pts[b]);
      return n ? map.layerPointToLatLng(L.point(p.x + n.x * px[i], p.y + n.y * px[i])) : map.layerPointToLatLng(p);
    });
  }

  // The leg's slot at each vertex, from the payload's runs [[first vertex, slot], ...].
  function vertexSlots(leg) {
    var runs = leg.track.slots, out = [], r = 0;
    for (var i = 0; i < leg.coords.length; i++) {
      while (r + 1 < runs.length && runs[r + 1][0] <= i) { r++; }
      out.push(runs[r][1]);
    }
    return out;
  }

  // Each grouped leg's offset in pixels to the right of its own direction, and its group's step.
  function slots(data) {
    var widest = {};
    var noCount = data.legend.no_count[0];
    data.legs.forEach(function (leg) {
      if (!leg.track) { return; }
      var w = Math.max(leg.width || 0, data.styles.modes[leg.mode].weight, noCount);
      widest[leg.track.group] = Math.max(widest[leg.track.group] || 0, w);
    });
    return function (leg) {
      // Lines are drawn times the page's type scale (type.js), and so are their gaps.
      var step = (widest[leg.track.group] + GAP_PX) * window.routesType.k(), sign = leg.track.flip ? -1 : 1;
      var perVertex = leg.trackSlots || (leg.trackSlots = vertexSlots(leg));
      return {step: step, px: perVertex.map(function (slot) { return slot * step * sign; })};
    };
  }

  // Move every grouped leg's layers (drawn by routes.js: leg.line, leg.tickLayer, leg.hit,
  // leg.arrowLayers) to its side of the track at the current zoom.
  function place(map, data, slotOf) {
    data.legs.forEach(function (leg) {
      if (!leg.track || !leg.line) { return; }
      var px = slotOf(leg).px;
      var moved = offsetLine(map, leg.coords, px);
      [leg.line, leg.tickLayer, leg.hit].forEach(function (layer) { if (layer) { layer.setLatLngs(moved); } });
      (leg.arrowLayers || []).forEach(function (marker, i) {
        // An arrow sits on a vertex of the leg (render/entries.py _arrows): it moves with it.
        var a = leg.arrows[i], at = -1;
        leg.coords.forEach(function (c, k) { if (at < 0 && c[0] === a[0] && c[1] === a[1]) { at = k; } });
        if (at >= 0) { marker.setLatLng(moved[at]); }
      });
    });
  }

  window.routesTracks = {
    // The click line's width for a grouped leg: its own slot only, so each leg opens its own popup.
    hitWeight: function (data, leg) { return slots(data)(leg).step; },
    // Place the grouped legs now and after every zoom.
    follow: function (map, data) {
      if (!data.legs.some(function (leg) { return leg.track; })) { return; }
      var slotOf = slots(data);
      map.whenReady(function () { place(map, data, slotOf); });
      map.on("zoomend routestype", function () { place(map, data, slotOf); });
    }
  };
})();
