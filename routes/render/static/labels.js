/* routes: map labels that never collide. Node labels are placed around their markers (eight
 * positions, then eight farther out with a leader line), avoiding each other, the markers, the
 * panels and the map edge, and preferring places off the drawn route. Priority by role: stops
 * (never dropped), then border crossings, then stations and junctions; then place names
 * (countries, seas, cities), which sit beneath the route and never cover it. A label that finds
 * no free place is dropped at that zoom, lowest priority first. */
(function () {
  "use strict";

  var EDGE = 3;        // px kept clear of the map edge
  var SAMPLE = 5;      // px between route samples used to keep labels off the lines
  // Where an area's name may be centred, as shares of its anchor's circle radius (all inside it).
  var INSIDE = [[0, 0], [0, -0.4], [0, 0.4], [-0.4, 0], [0.4, 0], [-0.4, -0.4], [0.4, -0.4], [-0.4, 0.4], [0.4, 0.4],
    [0, -0.8], [0, 0.8], [-0.8, 0], [0.8, 0]];
  // Candidate offsets around a marker: right, left, above, below, then the corners.
  var AROUND = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];

  // Boxes closer than a pixel count as touching: sizes are measured in whole pixels, drawn in fractions.
  function intersects(a, b) { return a.l < b.r + 1 && a.r > b.l - 1 && a.t < b.b + 1 && a.b > b.t - 1; }
  // Two names on one line closer than about half a letter read as one ("Syzran Samara"): labels
  // keep GAP px apart side by side.
  var GAP = 6;
  function crowds(a, b) { return a.l < b.r + GAP && a.r > b.l - GAP && a.t < b.b + 1 && a.b > b.t - 1; }

  function overlapArea(a, b) {
    var w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
    return w > 0 && h > 0 ? w * h : 0;
  }

  // A grid of route sample points (container px), to count how much of the route a box covers.
  function routeGrid(map, lines) {
    var cell = 32, grid = {};
    lines.forEach(function (coords) {
      var pts = coords.map(function (c) { return map.latLngToContainerPoint(c); });
      for (var i = 0; i + 1 < pts.length; i++) {
        var a = pts[i], b = pts[i + 1], n = Math.max(1, Math.ceil(a.distanceTo(b) / SAMPLE));
        for (var k = 0; k <= n; k++) {
          var x = a.x + (b.x - a.x) * k / n, y = a.y + (b.y - a.y) * k / n;
          var key = Math.floor(x / cell) + ":" + Math.floor(y / cell);
          (grid[key] = grid[key] || []).push([x, y]);
        }
      }
    });
    return function count(box) {
      var hits = 0;
      for (var gx = Math.floor(box.l / cell); gx <= Math.floor(box.r / cell); gx++) {
        for (var gy = Math.floor(box.t / cell); gy <= Math.floor(box.b / cell); gy++) {
          (grid[gx + ":" + gy] || []).forEach(function (p) {
            if (p[0] >= box.l && p[0] <= box.r && p[1] >= box.t && p[1] <= box.b) { hits++; }
          });
        }
      }
      return hits;
    };
  }

  // Web Mercator metres to pixels at a zoom (Leaflet's EPSG:3857: 256 px for the world at zoom 0).
  function metresToPx(map, metres) { return metres * 256 * Math.pow(2, map.getZoom()) / 40075016.686; }

  function candidates(item, w, h, map) {
    var p = item.point, out = [];
    if (item.anchors) {  // a country or a sea: centred inside the circle of one of its anchors
      item.anchors.forEach(function (a, n) {
        var c = map.latLngToContainerPoint(L.latLng(a[1], a[0])), room = metresToPx(map, a[2]);
        // A name wider than its circle still sits inside the area, but one that fits is better.
        var fits = w / 2 <= room * 1.2 && h / 2 <= room;
        // The centre may move within the circle (never out of it: the circle lies in the area).
        INSIDE.forEach(function (d, k) {
          var x = c.x + d[0] * room, y = c.y + d[1] * room;
          out.push({l: x - w / 2, t: y - h / 2, r: x + w / 2, b: y + h / 2, leader: false,
            extra: n * 30 + k + (fits ? 0 : 40)});
        });
      });
      return out;
    }
    if (!item.radius && item.radius !== 0) {  // a place name without anchors: centred on its point, or nudged
      [[0, 0], [0, -1], [0, 1], [-1, 0], [1, 0]].forEach(function (d) {
        var cx = p.x + d[0] * w * 0.6, cy = p.y + d[1] * h * 1.2;
        out.push({l: cx - w / 2, t: cy - h / 2, r: cx + w / 2, b: cy + h / 2, leader: false});
      });
      return out;
    }
    // Place names and tags sit next to their point; node labels may move out on a leader line.
    // The rings are as far out as the page's type scale makes the labels large (type.js).
    var k = window.routesType ? window.routesType.k() : 1;
    (item.offRoute || item.near ? [item.radius + 2 * k] : [item.radius + 3 * k, item.radius + 16 * k, item.radius + 34 * k, item.radius + 56 * k]).forEach(function (gap, ring) {
      AROUND.forEach(function (d) {
        var l = d[0] > 0 ? p.x + gap : d[0] < 0 ? p.x - gap - w : p.x - w / 2;
        var t = d[1] > 0 ? p.y + gap * (d[0] ? 0.6 : 1) : d[1] < 0 ? p.y - gap * (d[0] ? 0.6 : 1) - h : p.y - h / 2;
        out.push({l: l, t: t, r: l + w, b: t + h, leader: ring > 0});
      });
    });
    return out;
  }

  function leaderTo(item, box) {
    var x = Math.max(box.l, Math.min(item.point.x, box.r)), y = Math.max(box.t, Math.min(item.point.y, box.b));
    return {x: x, y: y};
  }

  // items: [{el, latlng, priority, radius (markers; absent for place names), keep (never drop),
  //          minZoom, maxZoom, offRoute (may not cover the route at all)}]
  function LabelLayer(map, items, options) {
    var labelsPane = map.createPane("routesLabels");
    labelsPane.style.zIndex = 620;
    labelsPane.style.pointerEvents = "none";
    var placesPane = map.createPane("routesPlaces");
    placesPane.style.zIndex = 350;
    placesPane.style.pointerEvents = "none";
    items.forEach(function (item) {
      (item.offRoute ? placesPane : labelsPane).appendChild(item.el);
      if (item.dot) { placesPane.appendChild(item.dot); }
      if (item.radius !== undefined && !item.offRoute) {
        item.leader = L.DomUtil.create("div", "routes-leader", labelsPane);
        item.leader.style.display = "none";
      }
    });
    items.sort(function (a, b) { return a.priority - b.priority; });

    function hide(item) {
      item.el.style.display = "none";
      item.shown = false;
      if (item.dot) { item.dot.style.display = "none"; }
      if (item.leader) { item.leader.style.display = "none"; }
    }

    function place() {
      var container = map.getContainer(), W = container.clientWidth, H = container.clientHeight;
      var zoom = Math.floor(map.getZoom() + 1e-9);
      var panels = window.routesLayout.panelRects(map);
      var onRoute = routeGrid(map, options.lines());
      var taken = [];
      // Markers of stops and border crossings are obstacles for every label.
      items.forEach(function (item) {
        item.point = map.latLngToContainerPoint(item.latlng);
        if (item.radius !== undefined && item.obstacle) {
          var r = item.radius + 1;
          taken.push({l: item.point.x - r, t: item.point.y - r, r: item.point.x + r, b: item.point.y + r, marker: true});
        }
      });
      items.forEach(function (item) {
        if (zoom < item.minZoom || (item.maxZoom !== null && item.maxZoom !== undefined && zoom > item.maxZoom) ||
            (item.visible && !item.visible())) { hide(item); return; }
        item.el.style.display = "";
        // A sea's or a country's name that finds no room on one line may take two, inside its
        // own area, rather than leave the area unnamed.
        item.el.style.fontSize = ""; item.el.style.whiteSpace = ""; item.el.style.width = "";
        var size = parseFloat(getComputedStyle(item.el).fontSize), wide = item.el.offsetWidth;
        // Tried in turn: as set, then on two lines (never smaller: the type scale is kept).
        var tries = item.anchors ? [[1, false], [1, true]] : [[1, false]];
        var best = null, bestCost = Infinity, fallback = null, fallbackCost = Infinity;
        for (var si = 0; si < tries.length && !best; si++) {
        if (si > 0) {
          item.el.style.fontSize = tries[si][0] === 1 ? "" : (size * tries[si][0]).toFixed(2) + "px";
          item.el.style.whiteSpace = tries[si][1] ? "normal" : "";
          item.el.style.width = tries[si][1] ? Math.ceil(wide * tries[si][0] * 0.62) + "px" : "";
        }
        var w = item.el.offsetWidth, h = item.el.offsetHeight;
        candidates(item, w, h, map).forEach(function (box, index) {
          var off = box.l < EDGE || box.t < EDGE || box.r > W - EDGE || box.b > H - EDGE;
          var blocked = off || panels.some(function (p) { return intersects(box, p); });
          var clash = 0;
          taken.forEach(function (t) {
            if ((t.marker ? intersects(box, t) : crowds(box, t)) && !(t.marker && t.owner === item)) { clash += overlapArea(box, t) + 1; }
          });
          var line = onRoute(box);
          if (item.offRoute && line) { blocked = true; }
          var cost = line * 4 + (box.extra === undefined ? index : box.extra);
          if (!blocked && !clash && cost < bestCost) { best = box; bestCost = cost; }
          var soft = (off ? 1e7 : 0) + (blocked ? 1e6 : 0) + clash * 10 + cost;
          if (soft < fallbackCost) { fallback = box; fallbackCost = soft; }
        });
        }
        if (!best && tries.length > 1) { item.el.style.fontSize = ""; item.el.style.whiteSpace = ""; item.el.style.width = ""; }
        if (!best && item.keep) { best = fallback; }
        if (!best) { hide(item); return; }
        item.shown = true;
        taken.push(best);
        if (item.dot) {
          item.dot.style.display = "";
          L.DomUtil.setPosition(item.dot, map.containerPointToLayerPoint(item.point).subtract([2.5, 2.5]));
          taken.push({l: item.point.x - 3, t: item.point.y - 3, r: item.point.x + 3, b: item.point.y + 3});
        }
        var layer = map.containerPointToLayerPoint(L.point(best.l, best.t));
        L.DomUtil.setPosition(item.el, layer);
        if (item.leader) {
          if (best.leader) {
            var end = leaderTo(item, best), dx = end.x - item.point.x, dy = end.y - item.point.y;
            var length = Math.sqrt(dx * dx + dy * dy) - item.radius;
            var angle = Math.atan2(dy, dx);
            var start = map.containerPointToLayerPoint(L.point(item.point.x + Math.cos(angle) * item.radius,
              item.point.y + Math.sin(angle) * item.radius));
            item.leader.style.display = "";
            item.leader.style.width = Math.max(0, length) + "px";
            L.DomUtil.setPosition(item.leader, start);
            item.leader.style.transform += " rotate(" + (angle * 180 / Math.PI).toFixed(1) + "deg)";
          } else {
            item.leader.style.display = "none";
          }
        }
      });
    }

    map.on("zoomend moveend resize", place);
    // Stop following the map: a map about to be removed (the inset) may still fire a late
    // moveend, and placing labels on a removed map throws.
    function remove() { map.off("zoomend moveend resize", place); }
    return {place: place, items: items, remove: remove};
  }

  window.routesLabels = {LabelLayer: LabelLayer};
})();
