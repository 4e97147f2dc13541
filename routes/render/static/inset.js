/* routes: an inset for what the main view draws too small to read. When a leg or a cluster
 * of stops spans less than about 60 px at the fitted view (the 210 km Najin -> Dunay sea leg on
 * a 9,000 km route), a panel shows it at a readable scale, with its frame drawn on the main map.
 * The inset draws the same legs, stops and labels, and the same basemap (offline vector or the
 * main map's tiles). */
(function () {
  "use strict";

  var SMALL_PX = 60;        // a leg or cluster shorter than this at the main view gets the inset
  var SIZE = [260, 190];    // inset map size, px (scaled with the page in print)

  function pixelSpan(map, latlngs) {
    var pts = latlngs.map(function (c) { return map.latLngToContainerPoint(c); });
    var xs = pts.map(function (p) { return p.x; }), ys = pts.map(function (p) { return p.y; });
    return Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs), Math.max.apply(null, ys) - Math.min.apply(null, ys));
  }

  // What the inset shows: the short legs and the stops of a tight cluster, or null.
  function target(map, data) {
    var short = data.legs.filter(function (leg) { return leg.coords.length > 1 && pixelSpan(map, leg.coords) < SMALL_PX; });
    var stops = data.nodes.filter(function (n) { return n.stop; });
    var clustered = stops.filter(function (a) {
      var pa = map.latLngToContainerPoint(a.latlon);
      return stops.some(function (b) { return b !== a && pa.distanceTo(map.latLngToContainerPoint(b.latlon)) < SMALL_PX / 2; });
    });
    if (!short.length && clustered.length < 2) { return null; }
    var points = [];
    short.forEach(function (leg) { points = points.concat(leg.coords); });
    clustered.forEach(function (n) { points.push(n.latlon); });
    // Keep one inset: the short legs and clusters near the first of them.
    var first = map.latLngToContainerPoint(points[0]);
    var near = points.filter(function (p) { return map.latLngToContainerPoint(p).distanceTo(first) < 3 * SMALL_PX; });
    var bounds = L.latLngBounds(near);
    var legs = data.legs.filter(function (leg) { return bounds.intersects(L.latLngBounds(leg.coords)); });
    var names = short.filter(function (leg) { return bounds.intersects(L.latLngBounds(leg.coords)); }).map(function (leg) { return leg.title; });
    return {bounds: bounds.pad(0.25), legs: legs, caption: names.length ? names.join("; ") : "Stops close together"};
  }

  function Inset(map, data, drawBasemap, nodeLabel) {
    var state = {control: null, frame: null, inset: null, labels: null};

    function remove() {
      if (state.labels) { state.labels.remove(); state.labels = null; }
      if (state.inset) { state.inset.remove(); state.inset = null; }
      if (state.control) { state.control.remove(); state.control = null; }
      if (state.frame) { state.frame.remove(); state.frame = null; }
    }

    function build() {
      remove();
      if (map.getContainer().clientWidth < window.routesLayout.NARROW) { return null; }  // a phone: no room
      var found = target(map, data);
      if (!found) { return null; }
      var Ctl = L.Control.extend({
        options: {position: "topright"},
        onAdd: function () {
          var box = window.routesEl("div", "routes-panel routes-inset");
          box.appendChild(window.routesEl("div", "routes-inset-caption", "Detail: " + found.caption));
          var holder = window.routesEl("div", "routes-inset-map");
          var k = Math.min(1.6, window.routesType.panelScale());  // a panel: it grows as panels do (type.js)
          holder.style.width = Math.round(SIZE[0] * k) + "px";
          holder.style.height = Math.round(SIZE[1] * k) + "px";
          box.appendChild(holder);
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          state.holder = holder;
          return box;
        }
      });
      state.control = new Ctl().addTo(map);
      // trackResize off: the inset's size is fixed and a refit rebuilds it. Following the window
      // let a resize (a phone's narrow layout hides the panel) schedule a debounced moveend that
      // fired after the inset was removed, and its labels were placed on a map that was gone.
      var inset = L.map(state.holder, {trackResize: false, zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false,
        doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false, zoomSnap: 0.25, inertia: false});
      inset.fitBounds(found.bounds, {animate: false, padding: [8, 8]});
      if (data.basemap) {
        drawBasemap(inset, data.basemap);
      } else {
        map.eachLayer(function (layer) {
          if (layer instanceof L.TileLayer) { L.tileLayer(layer._url, layer.options).addTo(inset); }
        });
      }
      state.inset = inset;
      state.lines = found.legs.map(function (leg) {
        var st = data.styles.modes[leg.mode];
        var line = L.polyline(leg.coords, {color: st.color, weight: st.weight, opacity: 0.9, interactive: false});
        line.addTo(inset);
        return {leg: leg, line: line};
      });
      sync();
      var items = [];
      data.nodes.forEach(function (node) {
        if (!found.bounds.contains(node.latlon)) { return; }
        var st = data.styles.kinds[node.kind];
        var marker = window.routesShapes.marker(node.latlon, {shape: st.shape, radius: node.stop ? Math.max(st.radius, 6) : st.radius, color: "#222222",
          weight: node.stop ? 2 : 1, fillColor: st.color, fillOpacity: node.low ? 0.3 : 0.85, dashArray: node.low ? "3 3" : null,
          interactive: false}).addTo(inset);
        var group = L.layerGroup([marker]);
        items.push(nodeLabel(node, marker, group));
      });
      L.control.scale({position: "bottomleft", imperial: false}).addTo(inset);
      state.labels = window.routesLabels.LabelLayer(inset, items, {lines: function () { return found.legs.map(function (l) { return l.coords; }); }});
      state.labels.place();
      state.frame = L.rectangle(found.bounds, {color: "#333333", weight: 1.2, fill: false, dashArray: "4 3", interactive: false,
        className: "routes-inset-frame"}).addTo(map);
      return found;
    }

    // Follow the main map: a leg hidden at the time control's date is hidden here too, and
    // each drawn leg has its main-map width and dashes.
    function sync() {
      if (!state.inset || !state.lines) { return; }
      state.lines.forEach(function (item) {
        var leg = item.leg, on = leg.group && leg.group.hasLayer(leg.layers[0]) && map.hasLayer(leg.group);
        if (on) {
          item.line.setStyle({weight: leg.line.options.weight, dashArray: leg.line.options.dashArray,
            lineCap: leg.line.options.lineCap, opacity: leg.line.options.opacity});
          if (!state.inset.hasLayer(item.line)) { item.line.addTo(state.inset); }
        } else if (state.inset.hasLayer(item.line)) {
          state.inset.removeLayer(item.line);
        }
      });
    }

    return {build: build, remove: remove, sync: sync, state: state};
  }

  window.routesInset = {Inset: Inset, target: target, SMALL_PX: SMALL_PX};
})();
