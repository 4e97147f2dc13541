/* routes: the page's type. One typeface, Noto Sans, carried in the page (render/assets.py
 * font_css: @font-face rules with data URIs), and one type scale for everything drawn: k,
 * the factor by which every size of the map's type, markers, lines, halos and panels grows.
 *
 * On a screen k = 1. A page laid out for print (a PNG, a PDF, a deck's picture: print.js) gets
 * k from its shorter side, so a slide, an A4 page and a PNG of the same size share one scale:
 * a place name, 11 px at k = 1, is 16 px on a 1080 px slide (k = 16/11), and everything else
 * grows with it; panels, which hold sentences, grow more slowly (panelScale). CSS reads
 * them as --routes-k and --routes-pk (routes.css); Leaflet's SVG paths (legs, borders,
 * circle markers, event rings) through the hook below; maps listen for "routestype" to move
 * what they placed in pixels (tracks.js, labels).
 *
 * routesType.ready resolves once every face of the family has loaded, so that the layout
 * measures text in its own font (routes.js lays out again then; snapshots wait for it).
 * Uses Leaflet (L) only; loaded before layout.js. */
(function () {
  "use strict";

  var FAMILY = "Noto Sans";
  var SLIDE_SIDE_PX = 1080;    // the shorter side of a 16:9 or 4:3 slide ...
  var SLIDE_K = 16 / 11;       // ... where a place name (11 px at k = 1) is 16 px
  // Panels and the footer (sentences) grow by this share of k's growth: body text, 12 px on a
  // screen, is 14 px on that slide, as it was before the map's type scaled.
  var PANEL_SHARE = 0.37;
  var state = {k: 1};
  var maps = [];

  // The scale of a page laid out for print, from its size in CSS pixels: never below 1.
  // Rounded up to 4 decimals: the CSS property holds the same number, and 16 px stays 16 px.
  function pageScale(width, height) {
    return Math.max(1, Math.ceil(Math.min(width, height) / SLIDE_SIDE_PX * SLIDE_K * 1e4) / 1e4);
  }

  function panelScale() { return 1 + (state.k - 1) * PANEL_SHARE; }

  function scaleDash(dash, k) {
    return String(dash).split(/[ ,]+/).map(function (v) { return (parseFloat(v) * k).toFixed(2); }).join(" ");
  }

  // Every SVG path is drawn with its weight and dashes times k. A circle marker (a size in
  // pixels, unlike L.Circle, a size on the ground), and so a shape marker (shapes.js), has
  // its radius times k wherever Leaflet reads it: drawing, bounds, hit tests.
  if (window.L && L.SVG) {
    var updateStyle = L.SVG.prototype._updateStyle;
    L.SVG.include({
      _updateStyle: function (layer) {
        updateStyle.call(this, layer);
        var path = layer._path, o = layer.options, k = state.k;
        if (k === 1 || !path) { return; }
        if (o.stroke) { path.setAttribute("stroke-width", o.weight * k); }
        if (o.stroke && o.dashArray) { path.setAttribute("stroke-dasharray", scaleDash(o.dashArray, k)); }
      }
    });
    Object.defineProperty(L.CircleMarker.prototype, "_radius", {
      configurable: true,
      get: function () { return this._routesRadius * (this instanceof L.Circle ? 1 : state.k); },
      set: function (r) { this._routesRadius = r; }
    });
    L.Map.addInitHook(function () { maps.push(this); });
  }

  function restyle(map) {
    map.eachLayer(function (layer) {
      if (layer instanceof L.Path && layer._renderer && layer._path) {
        layer._renderer._updateStyle(layer);
        if (layer instanceof L.CircleMarker) { layer.redraw(); }
      }
    });
    map.fire("routestype", {k: state.k});
  }

  // Set the scale of the whole page (1 on a screen; pageScale(...) for print) and redraw.
  function setScale(k) {
    state.k = k;
    document.documentElement.style.setProperty("--routes-k", String(k));
    document.documentElement.style.setProperty("--routes-pk", panelScale().toFixed(4));
    maps.forEach(function (map) { if (map._loaded) { restyle(map); } });
  }

  // Load every face of the page's family (a data URI each: no request), not only those the
  // first view happens to use, so a later layout (a footer, a popup) needs no other face.
  var ready = Promise.resolve([]);
  if (document.fonts && document.fonts.forEach) {
    var loads = [];
    document.fonts.forEach(function (face) {
      if (face.family.replace(/["']/g, "") === FAMILY) {
        loads.push(face.load().catch(function () { return null; }));
      }
    });
    ready = Promise.all(loads);
  }

  window.routesType = {
    k: function () { return state.k; },
    panelScale: panelScale,
    pageScale: pageScale,
    setScale: setScale,
    ready: ready,
    family: FAMILY
  };
})();
