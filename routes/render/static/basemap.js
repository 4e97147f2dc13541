/* routes: the offline vector basemap (land, coast, lakes and rivers when zoomed in, borders) of a page, drawn on a canvas pane
 * below everything, one level of detail per zoom range. Used by both page kinds: a case's map
 * (routes.js) and a bulk line file's page.
 * Load order: after page.js and codec.js; defines window.routesBasemap ({draw, BORDER_DASH})
 * and window.routesDrawBasemap (the bulk page calls it). */
(function () {
  "use strict";

  var escapeHtml = window.routesPage.escapeHtml;

  var decodeLine = window.routesCodec.line;  // codec.js, loaded first

  var BORDER_DASH = "6 2 1.5 2";

  // A river's stroke grows as the view closes in: 1.4 px at zoom 7-9, 2 px at 10-11, 3 px from
  // 12 (a crossing a few kilometres across), where a hairline would read as a track.
  function riverWeight(zoom) { return zoom >= 12 ? 3 : zoom >= 10 ? 2 : 1.4; }

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
      // Lakes and rivers where a view is zoomed in (the detail level): water-coloured, thin.
      var lakes = (level.lakes || []).map(function (polygon) {
        return polygon.map(function (ring) { return decodeLine(ring, level.quantum); });
      });
      if (lakes.length) {
        group.addLayer(L.polygon(lakes, {renderer: renderer, pane: "routesBasemap", color: basemap.colours.river, weight: 0.6,
          fillColor: basemap.colours.sea, fillOpacity: 1, interactive: false, className: "routes-basemap-lake"}));
      }
      var rivers = (level.rivers || []).map(function (line) { return decodeLine(line, level.quantum); });
      var river = null;
      if (rivers.length) {
        river = L.polyline(rivers, {renderer: renderer, pane: "routesBasemap", color: basemap.colours.river,
          weight: 1.4, lineCap: "round", interactive: false, className: "routes-basemap-river"});
        group.addLayer(river);
      }
      var borders = level.borders.map(function (line) { return decodeLine(line, level.quantum); });
      if (borders.length) {
        // Dash-dot, thin and grey: unlike any route line (routes are solid or long-dashed, and coloured).
        group.addLayer(L.polyline(borders, {renderer: renderer, pane: "routesBasemap", color: basemap.colours.border,
          weight: 0.9, dashArray: BORDER_DASH, interactive: false}));
      }
      return {level: level, group: group, river: river};
    });
    function update() {
      var zoom = Math.floor(map.getZoom() + 1e-9);  // levels are whole zooms; the map may sit between
      levels.forEach(function (item) {
        var on = zoom >= item.level.min_zoom && zoom <= item.level.max_zoom;
        if (on && item.river && item.river.options.weight !== riverWeight(zoom)) {
          item.river.setStyle({weight: riverWeight(zoom)});
        }
        if (on && !map.hasLayer(item.group)) { item.group.addTo(map); }
        if (!on && map.hasLayer(item.group)) { map.removeLayer(item.group); }
      });
    }
    map.on("zoomend", update);
    update();
    if (map.attributionControl) { map.attributionControl.addAttribution(escapeHtml(basemap.attribution)); }
    return levels;
  }

  window.routesBasemap = {draw: drawBasemap, BORDER_DASH: BORDER_DASH};
  window.routesDrawBasemap = drawBasemap;
})();
