/* routes: the shapes of node kinds and events (names from routes/model/palette.py), drawn the
 * same on the map (a Leaflet circle marker whose outline is the shape) and in the legend (an
 * SVG sample). Each shape has about the area of a circle of the marker's radius.
 * Load order: after page.js; defines window.routesShapes. */
(function () {
  "use strict";

  var svg = window.routesPage.svg;

  function polygon(n, cx, cy, r, turn) {
    var big = r * Math.sqrt(2 * Math.PI / (n * Math.sin(2 * Math.PI / n)));  // equal area
    var points = [];
    for (var i = 0; i < n; i++) {
      var a = turn + 2 * Math.PI * i / n;
      points.push([cx + big * Math.cos(a), cy + big * Math.sin(a)]);
    }
    return points;
  }

  function star(cx, cy, r) {
    var points = [], outer = r * 1.25, inner = outer * 0.5;
    for (var i = 0; i < 10; i++) {
      var a = -Math.PI / 2 + Math.PI * i / 5, len = i % 2 ? inner : outer;
      points.push([cx + len * Math.cos(a), cy + len * Math.sin(a)]);
    }
    return points;
  }

  function plus(cx, cy, r) {
    var l = r * Math.sqrt(9 * Math.PI / 20), a = l / 3;  // arms a third as wide as long, equal area
    return [[-a, -l], [a, -l], [a, -a], [l, -a], [l, a], [a, a], [a, l], [-a, l], [-a, a], [-l, a], [-l, -a], [-a, -a]]
      .map(function (p) { return [cx + p[0], cy + p[1]]; });
  }

  var UP = -Math.PI / 2;
  var OUTLINES = {
    square: function (x, y, r) { return polygon(4, x, y, r, Math.PI / 4); },
    diamond: function (x, y, r) { return polygon(4, x, y, r, UP); },
    triangle: function (x, y, r) { return polygon(3, x, y, r, UP); },
    "triangle-down": function (x, y, r) { return polygon(3, x, y, r, -UP); },
    pentagon: function (x, y, r) { return polygon(5, x, y, r, UP); },
    hexagon: function (x, y, r) { return polygon(6, x, y, r, 0); },
    plus: plus,
    star: star
  };

  // The SVG path of a shape of radius r centred on (x, y); a circle for an unknown name.
  function shapePath(shape, x, y, r) {
    var outline = OUTLINES[shape];
    if (!outline) {
      return "M" + (x - r) + "," + y + "a" + r + "," + r + " 0 1,0 " + 2 * r + ",0 a" + r + "," + r + " 0 1,0 " + -2 * r + ",0 z";
    }
    return "M" + outline(x, y, r).map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join("L") + "z";
  }

  // A circle marker drawn as its shape (options.shape); it keeps the circle marker's events,
  // popups and restyling. Only the SVG renderer (the case map's) is supported.
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () {
      // Outside the renderer's bounds the path is emptied, as Leaflet's own circle does: kept,
      // the old outline would stay at its old pixels after the view moves (a marker in the sea).
      var d = this._empty() ? "M0 0" : shapePath(this.options.shape, this._point.x, this._point.y, this._radius);
      this._renderer._setPath(this, d);
    }
  });

  function marker(latlng, options) { return new ShapeMarker(latlng, options); }

  // A legend sample: the shape in its colour, outlined; dashed for "location approximate",
  // hollow when fill is "none". The shape's name is on the sample (data-shape) for tests.
  function sample(shape, color, radius, dashed) {
    var s = svg("svg", {width: 34, height: 16, "class": "routes-legend-dot", "data-shape": shape || "circle"});
    var attrs = {d: shapePath(shape, 17, 8, Math.min(radius, 5)), fill: color, "fill-opacity": 0.85, stroke: "#222222",
      "stroke-width": 1.2};
    if (color === "none") { attrs.fill = "none"; }
    if (dashed) { attrs["stroke-dasharray"] = "2 2"; attrs["fill-opacity"] = 0.3; }
    s.appendChild(svg("path", attrs));
    return s;
  }

  // The legend sample of the event mark: the hollow shape in its own colour, as on the map.
  function outlineSample(shape, color, radius) {
    var s = svg("svg", {width: 34, height: 16, "class": "routes-legend-dot", "data-shape": shape});
    s.appendChild(svg("path", {d: shapePath(shape, 17, 8.5, Math.min(radius, 6)), fill: "none", stroke: color,
      "stroke-width": 2, "stroke-linejoin": "round"}));
    return s;
  }

  window.routesShapes = {shapePath: shapePath, marker: marker, sample: sample, outlineSample: outlineSample};
})();
