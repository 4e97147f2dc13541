/* routes: legs on a shared track (the payload's leg.track: group, slot, flip; decided in
 * render/tracks.py) drawn side by side. Each such leg's line, rail ticks, click line and arrows
 * sit `slot` steps to the right of the group's first leg's direction, a step being the group's
 * widest line and a gap, in screen pixels: recomputed after every zoom, so the lines stay apart
 * at every zoom. Legs with no shared track are not touched.
 * Load order: after page.js, before routes.js; defines window.routesTracks. */
(function () {
  "use strict";

  var GAP_PX = 2;

  // The unit normal (to the right, on screen) of the segment p -> q, or null if it has no length.
  function normal(p, q) {
    var dx = q.x - p.x, dy = q.y - p.y, len = Math.sqrt(dx * dx + dy * dy);
    return len > 0 ? L.point(-dy / len, dx / len) : null;
  }

  // coords moved px screen pixels to the right of their own direction at the map's zoom: each
  // vertex along the mean of its segments' normals, lengthened at bends so the sides stay parallel.
  function offsetLine(map, coords, px) {
    var pts = coords.map(function (c) { return map.latLngToLayerPoint(c); });
    return pts.map(function (p, i) {
      var before = i > 0 ? normal(pts[i - 1], p) : null, after = i < pts.length - 1 ? normal(p, pts[i + 1]) : null;
      var n = before && after ? L.point(before.x + after.x, before.y + after.y) : before || after;
      var len = n ? Math.sqrt(n.x * n.x + n.y * n.y) : 0;
      if (!len) { return map.layerPointToLatLng(p); }
      // 1 / cos(half the bend), at most 2 (a sharp bend would otherwise throw the vertex far out)
      var cosHalf = before && after ? len / 2 : 1;
      var scale = px / len / Math.max(cosHalf, 0.5);
      return map.layerPointToLatLng(L.point(p.x + n.x * scale, p.y + n.y * scale));
    });
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
      var step = widest[leg.track.group] + GAP_PX;
      return {step: step, px: leg.track.slot * step * (leg.track.flip ? -1 : 1)};
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
        var a = leg.arrows[i];
        marker.setLatLng(offsetLine(map, [[a[0], a[1]], [a[2], a[3]]], px)[0]);
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
      map.on("zoomend", function () { place(map, data, slotOf); });
    }
  };
})();
