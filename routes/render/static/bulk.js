/* routes bulk layer: many lines and points from one compact data document, drawn on one
 * canvas. Coordinates arrive as 1e-5 degree deltas in zigzag varints, base64 (codec.js); the layer
 * projects them once, then each redraw culls by bounding box, drops sub-pixel vertices and
 * strokes one path per style. Hover and click find the nearest feature through a grid.
 * Every text is put in the DOM as a text node. */
(function () {
  "use strict";

  var page = window.routesPage;  // page.js, loaded first: text always goes in as text nodes
  var el = page.el;

  var decode = window.routesCodec.varints;  // codec.js: the one encoding of every page

  var DEG = Math.PI / 180, MAXLAT = 85.0511287798;
  // Above this many vertices in view, lines are rasterised by the page itself (see _drawPixels).
  var PIXEL_LIMIT = 80000;

  function BulkData(data) {
    var deltas = decode(data.geometry.coords, 2 * data.geometry.vertices), q = data.geometry.quantum;
    var starts = data.geometry.starts, nParts = starts.length, nVert = deltas.length / 2;
    var wx = new Float64Array(nVert), wy = new Float64Array(nVert);
    var minx = new Float64Array(nParts), miny = new Float64Array(nParts), maxx = new Float64Array(nParts), maxy = new Float64Array(nParts);
    var lon = 0, lat = 0, part = -1, nextStart = 0;
    for (var v = 0; v < nVert; v++) {
      if (v === nextStart) {
        part += 1; lon = 0; lat = 0;
        nextStart = part + 1 < nParts ? starts[part + 1] : nVert;
        minx[part] = miny[part] = Infinity; maxx[part] = maxy[part] = -Infinity;
      }
      lon += deltas[2 * v]; lat += deltas[2 * v + 1];
      var la = Math.max(-MAXLAT, Math.min(MAXLAT, lat * q));
      var x = 256 * (lon * q + 180) / 360;
      var s = Math.sin(la * DEG);
      var y = 256 * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
      wx[v] = x; wy[v] = y;
      if (x < minx[part]) { minx[part] = x; } if (x > maxx[part]) { maxx[part] = x; }
      if (y < miny[part]) { miny[part] = y; } if (y > maxy[part]) { maxy[part] = y; }
    }
    this.wx = wx; this.wy = wy; this.starts = starts; this.nParts = nParts; this.nVert = nVert;
    this.minx = minx; this.miny = miny; this.maxx = maxx; this.maxy = maxy;
    this.feature = data.geometry.feature; this.points = data.geometry.points;
    this.end = function (p) { return p + 1 < nParts ? starts[p + 1] : nVert; };
    // Styles: parts grouped by (colour, width) so that each group is one stroke.
    var groups = {};
    for (var p = 0; p < nParts; p++) {
      var f = this.feature[p];
      var key = data.colour.index[f] + "|" + data.width.index[f];
      (groups[key] = groups[key] || []).push(p);
    }
    this.groups = Object.keys(groups).sort().map(function (key) {
      var bits = key.split("|");
      return {colour: data.colour.palette[Number(bits[0])], width: data.width.classes[Number(bits[1])], parts: groups[key]};
    });
    // Grid index for hit testing, in zoom-0 world units.
    var cells = 128, size = 256 / cells, grid = new Map(), large = [];
    for (p = 0; p < nParts; p++) {
      var x0 = Math.floor(minx[p] / size), x1 = Math.floor(maxx[p] / size);
      var y0 = Math.floor(miny[p] / size), y1 = Math.floor(maxy[p] / size);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64) { large.push(p); continue; }
      for (var cx = x0; cx <= x1; cx++) {
        for (var cy = y0; cy <= y1; cy++) {
          var k = cx * 1024 + cy;
          if (!grid.has(k)) { grid.set(k, []); }
          grid.get(k).push(p);
        }
      }
    }
    this.grid = grid; this.large = large; this.cellSize = size;
  }

  var BulkLayer = L.Layer.extend({
    initialize: function (data) {
      this.data = data;
      this.store = new BulkData(data);
      this.visible = null; // null: every feature; else Uint8Array by feature
      this.stats = {draws: 0, lastMs: 0, drawnParts: 0};
    },
    onAdd: function (map) {
      this._map = map;
      this._canvas = L.DomUtil.create("canvas", "routes-bulk-canvas leaflet-zoom-hide");
      map.getPanes().overlayPane.appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._schedule, this);
      this._redraw();
    },
    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this._schedule, this);
      L.DomUtil.remove(this._canvas);
    },
    setVisible: function (mask) { this.visible = mask; this._redraw(); },
    _schedule: function () {
      // Several map events arrive for one view change: draw once, on the next frame.
      if (this._pending) { return; }
      this._pending = true;
      var self = this;
      requestAnimationFrame(function () { self._pending = false; self._redraw(); });
    },
    _redraw: function () {
      var t0 = performance.now(), map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(this._canvas, topLeft);
      var canvas = this._canvas;
      canvas.width = size.x * ratio; canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineJoin = "bevel"; ctx.lineCap = "butt";
      var scale = 256 * Math.pow(2, map.getZoom()) / 256;
      var origin = map.getPixelOrigin().add(topLeft);
      var store = this.store, wx = store.wx, wy = store.wy, vis = this.visible, feature = store.feature;
      var pad = 8, vx0 = (origin.x - pad) / scale, vy0 = (origin.y - pad) / scale;
      var vx1 = (origin.x + size.x + pad) / scale, vy1 = (origin.y + size.y + pad) / scale;
      var drawn = 0;
      var visibleVertices = 0;
      for (var q = 0; q < store.nParts; q++) {
        if (vis && !vis[feature[q]]) { continue; }
        if (store.maxx[q] < vx0 || store.minx[q] > vx1 || store.maxy[q] < vy0 || store.miny[q] > vy1) { continue; }
        visibleVertices += store.end(q) - store.starts[q];
      }
      if (visibleVertices > PIXEL_LIMIT) {
        // Many lines in view: rasterise them ourselves into an image (aliased, one pass),
        // which is far faster than Chromium rasterising millions of vector segments.
        drawn = this._drawPixels(ctx, canvas.width, canvas.height, ratio, scale, origin, vx0, vy0, vx1, vy1);
        this.stats.mode = "pixels";
        this._finish(t0, drawn);
        return;
      }
      this.stats.mode = "vector";
      store.groups.forEach(function (g) {
        ctx.beginPath();
        ctx.strokeStyle = g.colour; ctx.fillStyle = g.colour; ctx.lineWidth = g.width;
        var parts = g.parts, dots = [];
        for (var i = 0; i < parts.length; i++) {
          var p = parts[i];
          if (vis && !vis[feature[p]]) { continue; }
          // Parts that straddle the world's edge are drawn from their own longitudes.
          if (store.maxx[p] < vx0 || store.minx[p] > vx1 || store.maxy[p] < vy0 || store.miny[p] > vy1) { continue; }
          var a = store.starts[p], b = store.end(p);
          var px = wx[a] * scale - origin.x, py = wy[a] * scale - origin.y;
          if (store.points[p]) { dots.push(px, py); drawn++; continue; }
          ctx.moveTo(px, py);
          var lx = px, ly = py;
          for (var v = a + 1; v < b; v++) {
            var x = wx[v] * scale - origin.x, y = wy[v] * scale - origin.y;
            if (v < b - 1 && Math.abs(x - lx) < 1.2 && Math.abs(y - ly) < 1.2) { continue; }
            ctx.lineTo(x, y);
            lx = x; ly = y;
          }
          drawn++;
        }
        ctx.stroke();
        if (dots.length) {
          ctx.beginPath();
          for (var d = 0; d < dots.length; d += 2) {
            ctx.moveTo(dots[d] + g.width + 1, dots[d + 1]);
            ctx.arc(dots[d], dots[d + 1], g.width + 1, 0, 2 * Math.PI);
          }
          ctx.fill();
        }
      });
      this._finish(t0, drawn);
    },
    _finish: function (t0, drawn) {
      this.stats.draws += 1;
      this.stats.drawnParts = drawn;
      this.stats.lastMs = performance.now() - t0;
      if (window.routesBulk && window.routesBulk.firstDrawnMs === undefined) { window.routesBulk.firstDrawnMs = performance.now(); }
    },
    _drawPixels: function (ctx, w, h, ratio, scale, origin, vx0, vy0, vx1, vy1) {
      var image = ctx.createImageData(w, h), buf = new Uint32Array(image.data.buffer);
      var store = this.store, wx = store.wx, wy = store.wy, vis = this.visible, feature = store.feature, drawn = 0;
      function plot(x, y, colour, t) {
        for (var dy = 0; dy < t; dy++) {
          var yy = y + dy;
          if (yy < 0 || yy >= h) { continue; }
          for (var dx = 0; dx < t; dx++) {
            var xx = x + dx;
            if (xx >= 0 && xx < w) { buf[yy * w + xx] = colour; }
          }
        }
      }
      function segment(x0, y0, x1, y1, colour, t) {
        var dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
        for (var guard = 0; guard < 100000; guard++) {
          plot(x0, y0, colour, t);
          if (x0 === x1 && y0 === y1) { return; }
          var e2 = 2 * err;
          if (e2 >= dy) { err += dy; x0 += sx; }
          if (e2 <= dx) { err += dx; y0 += sy; }
        }
      }
      store.groups.forEach(function (g) {
        var hex = g.colour.replace("#", ""), colour = (0xFF << 24) | (parseInt(hex.slice(4, 6), 16) << 16) |
          (parseInt(hex.slice(2, 4), 16) << 8) | parseInt(hex.slice(0, 2), 16);
        var t = Math.max(1, Math.round(g.width * ratio * 0.8));
        g.parts.forEach(function (p) {
          if (vis && !vis[feature[p]]) { return; }
          if (store.maxx[p] < vx0 || store.minx[p] > vx1 || store.maxy[p] < vy0 || store.miny[p] > vy1) { return; }
          var a = store.starts[p], b = store.end(p);
          var lx = Math.round((wx[a] * scale - origin.x) * ratio), ly = Math.round((wy[a] * scale - origin.y) * ratio);
          if (store.points[p]) { plot(lx - t, ly - t, colour, 2 * t + 1); drawn++; return; }
          for (var v = a + 1; v < b; v++) {
            var x = Math.round((wx[v] * scale - origin.x) * ratio), y = Math.round((wy[v] * scale - origin.y) * ratio);
            if (x === lx && y === ly) { continue; }
            if ((lx < 0 && x < 0) || (ly < 0 && y < 0) || (lx >= w && x >= w) || (ly >= h && y >= h)) { lx = x; ly = y; continue; }
            segment(lx, ly, x, y, colour, t);
            lx = x; ly = y;
          }
          drawn++;
        });
      });
      ctx.putImageData(image, 0, 0);
      return drawn;
    },
    nearest: function (containerPoint, maxPx) {
      var map = this._map, scale = Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
      var mx = (containerPoint.x + origin.x) / scale, my = (containerPoint.y + origin.y) / scale;
      var store = this.store, size = store.cellSize, reach = maxPx / scale;
      var seen = {}, candidates = store.large.slice();
      for (var cx = Math.floor((mx - reach) / size); cx <= Math.floor((mx + reach) / size); cx++) {
        for (var cy = Math.floor((my - reach) / size); cy <= Math.floor((my + reach) / size); cy++) {
          var list = store.grid.get(cx * 1024 + cy);
          if (list) { for (var i = 0; i < list.length; i++) { candidates.push(list[i]); } }
        }
      }
      var best = -1, bestD = maxPx * maxPx, vis = this.visible;
      for (var c = 0; c < candidates.length; c++) {
        var p = candidates[c];
        if (seen[p]) { continue; } seen[p] = true;
        if (vis && !vis[store.feature[p]]) { continue; }
        var a = store.starts[p], b = store.end(p);
        for (var v = a; v < b; v++) {
          var x1 = store.wx[v] * scale - origin.x, y1 = store.wy[v] * scale - origin.y, d;
          if (v + 1 < b) {
            var x2 = store.wx[v + 1] * scale - origin.x, y2 = store.wy[v + 1] * scale - origin.y;
            var dx = x2 - x1, dy = y2 - y1, len = dx * dx + dy * dy;
            var t = len ? Math.max(0, Math.min(1, ((containerPoint.x - x1) * dx + (containerPoint.y - y1) * dy) / len)) : 0;
            var ex = x1 + t * dx - containerPoint.x, ey = y1 + t * dy - containerPoint.y;
            d = ex * ex + ey * ey;
          } else {
            d = (x1 - containerPoint.x) * (x1 - containerPoint.x) + (y1 - containerPoint.y) * (y1 - containerPoint.y);
          }
          if (d < bestD) { bestD = d; best = store.feature[p]; }
        }
      }
      return best;
    }
  });

  function featureBox(data, f, full) {
    var box = el("div", "routes-popup");
    data.tooltip.columns.forEach(function (name, i) {
      if (!full && i >= 3) { return; }
      var row = el("div", "routes-field");
      row.appendChild(el("span", "routes-field-label", name + ": "));
      row.appendChild(el("span", null, data.tooltip.values[i][f]));
      box.appendChild(row);
    });
    if (!data.tooltip.columns.length) { box.appendChild(el("div", null, "feature " + f)); }
    return box;
  }

  window.routesBulkInit = function (map, data) {
    window.routesBulk = {data: data};
    var layer = new BulkLayer(data);
    layer.addTo(map);
    window.routesBulk.layer = layer;
    var tip = L.tooltip({sticky: true, direction: "top", offset: [0, -6]});
    var pending = false;
    map.on("mousemove", function (e) {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        var f = layer.nearest(e.containerPoint, 6);
        if (f < 0) { map.closeTooltip(tip); map.getContainer().style.cursor = ""; return; }
        map.getContainer().style.cursor = "pointer";
        tip.setLatLng(e.latlng).setContent(featureBox(data, f, false));
        if (!map.hasLayer(tip)) { tip.addTo(map); }
      });
    });
    map.on("click", function (e) {
      var f = layer.nearest(e.containerPoint, 6);
      if (f >= 0) { L.popup({maxWidth: 420}).setLatLng(e.latlng).setContent(featureBox(data, f, true)).openOn(map); }
    });
    page.control("bottomright", "routes-legend", function (box) {
      box.appendChild(el("div", "routes-section", data.title));
      box.appendChild(el("div", "routes-note", data.summary));
      data.colour.legend.forEach(function (entry) {
        var swatch = el("span", "routes-swatch");
        swatch.style.background = data.colour.palette[entry[0]];
        page.legendRow(box, swatch, entry[1]);
      });
      if (data.width.legend) { box.appendChild(el("div", "routes-note", data.width.legend)); }
    }).addTo(map);
    if (data.time) {
      page.control("bottomleft", "routes-time", function (box) {
        var label = el("label", "routes-time-label", data.time.column + " ");
        var range = el("input", "routes-time-range");
        range.type = "range"; range.min = "0"; range.max = String(data.time.labels.length - 1); range.value = String(data.time.labels.length - 1);
        range.setAttribute("aria-label", "Show features up to this " + data.time.column);
        var out = el("output", "routes-time-date", "all");
        range.addEventListener("input", function () {
          var limit = Number(range.value), mask = new Uint8Array(data.time.index.length);
          for (var f = 0; f < mask.length; f++) { mask[f] = data.time.index[f] < 0 || data.time.index[f] <= limit ? 1 : 0; }
          out.textContent = "up to " + data.time.labels[limit];
          layer.setVisible(mask);
        });
        label.appendChild(range);
        box.appendChild(label);
        box.appendChild(out);
      }).addTo(map);
    }
    return window.routesBulk;
  };
})();
