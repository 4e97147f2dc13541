/* routes: draws a scenario from the page's JSON document onto a Leaflet map: the legs (with
 * arrows and rail ticks), the nodes, the events, the layer switcher, then the panels, the
 * ledger, the time control, the labels, the layout and the inset, and window.routesMap.
 * Every piece of text reaches the DOM as a text node (textContent); links only get
 * http(s) URLs. No innerHTML, no template literals, no eval.
 *
 * The page's scripts have no modules: each is an IIFE that reads what earlier scripts put on
 * window and puts its own there. render/map.py's PAGE_SCRIPTS is the load order; this file is
 * last and uses page.js (routesPage), codec.js, type.js, layout.js, labels.js, print.js, inset.js,
 * evidence.js, story.js, projection.js, basemap.js, popups.js, time.js, ledger.js, panels.js and tracks.js. */
(function () {
  "use strict";

  // The page library both page kinds share (page.js, loaded first), and the parts of a case's
  // map in the scripts loaded before this one.
  var page = window.routesPage;
  var el = page.el, svg = page.svg, escapeHtml = page.escapeHtml;
  var popups = window.routesPopups, time = window.routesTime, panels = window.routesPanels, shapes = window.routesShapes;
  var drawBasemap = window.routesBasemap.draw, dashFor = time.dashFor;

  function arrowIcon(angle, color) {
    var holder = el("div", "routes-arrow-holder");
    var s = svg("svg", {width: 16, height: 16, viewBox: "-8 -8 16 16", "class": "routes-arrow"});
    var path = svg("path", {d: "M -5 -5 L 5 0 L -5 5 Z", fill: color, stroke: "#ffffff", "stroke-width": 1,
      transform: "rotate(" + angle.toFixed(1) + ")"});
    s.appendChild(path);
    holder.appendChild(s);
    return L.divIcon({className: "routes-arrow-icon", html: holder, iconSize: [16, 16], iconAnchor: [8, 8]});
  }

  function screenAngle(map, a, b) {
    var crs = map.options.crs;
    var p = crs.latLngToPoint(L.latLng(a[0], a[1]), 0);
    var q = crs.latLngToPoint(L.latLng(b[0], b[1]), 0);
    return Math.atan2(q.y - p.y, q.x - p.x) * 180 / Math.PI;
  }

  // A node's label for the label layer, in the order render/labelrank.py gives: stops (never
  // dropped), then named sites (ports, sites, airfields, border crossings: placed before any
  // place name, dropped only where even they find no room, as on a phone); stations and
  // junctions last, from zoom 5, where they have room, unless named for a city (then as the city).
  function nodeLabel(node, marker, group) {
    var station = node.kind === "station" || node.kind === "junction";
    var role = node.stop ? "stop" : node.kind === "border-crossing" ? "border" : station ? "station" : "site";
    var label = el("div", "routes-map-label routes-map-label-" + role);
    var approximate = " (location approximate)";
    var text = node.label;
    if (text.slice(-approximate.length) === approximate) {
      label.appendChild(el("span", null, text.slice(0, -approximate.length)));
      label.appendChild(el("span", "routes-map-label-note", "location approximate"));
    } else {
      label.appendChild(el("span", null, text));
    }
    label.setAttribute("data-node", node.id);
    // The marker's radius as drawn: times the page's type scale (type.js).
    return {el: label, latlng: L.latLng(node.latlon[0], node.latlon[1]),
      get radius() { return (marker.options.radius + 1) * window.routesType.k(); },
      priority: node.label_priority, keep: role === "stop",
      obstacle: role !== "station", minZoom: node.label_min_zoom,
      visible: function () { return marker._map !== undefined && marker._map !== null && group.hasLayer(marker); }};
  }

  // A place name beneath the route: countries and seas centred on their point, cities beside a dot.
  function placeLabel(place) {
    var label = el("div", "routes-place routes-place-" + place.kind + " routes-place-" + (place.size || "medium"), place.text);
    var item = {el: label, latlng: L.latLng(place.lat, place.lon), priority: place.priority,
      offRoute: true, minZoom: place.min_zoom || 0, maxZoom: place.max_zoom, anchors: place.anchors || null};
    label.setAttribute("data-place", place.text);
    if (place.kind === "city" || place.kind === "capital") {
      item.radius = 3;
      item.dot = el("div", "routes-place-dot routes-place-dot-" + place.kind);
    }
    return item;
  }

  // One line per leg (and a wide, see-through line that takes the clicks), rail ticks, arrows.
  function drawLegs(map, data, layers, legLayers) {
    var styles = data.styles;
    data.legs.forEach(function (leg) {
      var st = styles.modes[leg.mode];
      var group = layers.legs[leg.mode] || (layers.legs[leg.mode] = L.featureGroup());
      var line = L.polyline(leg.coords, {
        color: st.color, weight: leg.width || st.weight, opacity: 0.9,
        dashArray: leg.dashed ? dashFor(leg.width || st.weight) : null,
        // Flat ends: round caps would eat into the gaps (a gap is never narrower than the line).
        lineCap: leg.dashed ? "butt" : "round",
        className: "routes-leg routes-leg-" + leg.mode + (leg.dashed ? " routes-leg-dashed" : "")
      });
      line.routesLegId = leg.id;
      // A wide, invisible line takes the clicks: a dashed stroke is not clickable in its gaps. Its
      // stroke is painted at opacity 0, which SVG still hit-tests (pointer-events: visiblePainted);
      // at 0.01, the hit lines of legs sharing a track added up to a coloured haze along faint legs.
      // A leg on a shared track takes the clicks on its own side of the track only (tracks.js).
      var hitWeight = leg.track ? window.routesTracks.hitWeight(data, leg) : Math.max(16, (leg.width || 0) + 6);
      var hit = L.polyline(leg.coords, {color: st.color, weight: hitWeight, opacity: 0, className: "routes-leg-hit"});
      hit.routesLegId = leg.id;
      hit.bindPopup(function () { return popups.legPopup(leg, data); }, {maxWidth: 440, maxHeight: 420});
      hit.bindTooltip(el("span", null, leg.tooltip), {sticky: true});
      line.options.interactive = false;
      group.addLayer(line);
      if (st.ticks) {
        // Railway symbol: white ticks inside the line, so rail and sea stay apart in greyscale.
        var ticks = L.polyline(leg.coords, {color: "#ffffff", weight: Math.min(1.5, 0.4 * (leg.width || st.weight)), opacity: 0.95, dashArray: "3 6",
          interactive: false, className: "routes-leg-ticks"});
        group.addLayer(ticks);
        leg.tickLayer = ticks;
      }
      group.addLayer(hit);
      legLayers.push(hit);
      leg.hit = hit;
      leg.layers = [line, hit];
      leg.line = line;
      leg.noCountPx = data.legend.no_count[0];
      leg.group = group;
      leg.arrowLayers = leg.arrows.map(function (a) {
        var angle = screenAngle(map, [a[0], a[1]], [a[2], a[3]]);
        var marker = L.marker([a[0], a[1]], {icon: arrowIcon(angle, st.color), interactive: false, keyboard: false});
        layers.arrows.addLayer(marker);
        return marker;
      });
    });
  }

  function basisTags(map, data, labelItems) {
    // "assumed" (or "routed") written beside each dashed leg where it fits, so a PNG says it too.
    // Legs that share a corridor share one tag: none within 400 km of another tag's point.
    var tagged = [];
    data.legs.forEach(function (leg) {
      if (!(leg.dashed || leg.state_all[0] === "never") || leg.coords.length < 2) { return; }
      var mid = L.latLng(leg.coords[Math.floor(leg.coords.length / 2)]);
      if (tagged.some(function (p) { return p.distanceTo(mid) < 400000; })) { return; }
      tagged.push(mid);
      var words = leg.state_all[0] === "never" ? "assumed, never reported" : leg.basis_id === "routed" ? "routed path" : "assumed path";
      var tag = el("div", "routes-map-label routes-map-label-basis", words);
      labelItems.push({el: tag, latlng: mid, radius: 2 + (leg.width || 4) / 2, priority: data.label_priorities.basis, near: true,
        minZoom: 0, visible: function () { return map.hasLayer(leg.group) && leg.group.hasLayer(leg.layers[0]); }});
    });
  }

  // A marker per node, with its popup and its label.
  function drawNodes(data, layers, labelItems) {
    var styles = data.styles;
    data.nodes.forEach(function (node) {
      var st = styles.kinds[node.kind];
      var marker = shapes.marker(node.latlon, {
        shape: st.shape, radius: node.stop ? Math.max(st.radius, 6) : st.radius,
        color: "#222222", weight: node.stop ? 2 : 1, fillColor: st.color,
        fillOpacity: node.low ? 0.3 : 0.85, dashArray: node.low ? "3 3" : null,
        className: "routes-node routes-node-" + node.kind + " routes-shape-" + st.shape + (node.low ? " routes-node-low" : "")
      });
      marker.routesNodeId = node.id;
      marker.bindPopup(function () { return popups.nodePopup(node); }, {maxWidth: 360});
      var group = node.stop ? layers.stops : layers.stations;
      group.addLayer(marker);
      labelItems.push(nodeLabel(node, marker, group));
    });
  }

  // A hollow star per dated event that has a place: solid, as a dashed outline means
  // "location approximate".
  function drawEvents(data, layers) {
    var st = data.styles.event;
    data.events.forEach(function (ev) {
      if (!ev.latlon) { return; }
      var m = shapes.marker(ev.latlon, {shape: st.shape, radius: st.radius, color: st.color, weight: 2.5, fill: false,
        lineJoin: "round", className: "routes-event routes-shape-" + st.shape});
      m.bindPopup(function () { return popups.eventPopup(ev); }, {maxWidth: 360});
      m.bindTooltip(el("span", null, ev.when + ": " + ev.title));
      layers.events.addLayer(m);
      ev.layer = m;
    });
  }

  // The layer switcher: legs by mode, arrows, stations, stops, events.
  function addLayerControl(map, data, layers) {
    var styles = data.styles;
    var overlays = {};
    Object.keys(layers.legs).forEach(function (mode) {
      layers.legs[mode].addTo(map);
      overlays[escapeHtml(styles.modes[mode].label + "s")] = layers.legs[mode];
    });
    layers.arrows.addTo(map); overlays[escapeHtml("Direction arrows")] = layers.arrows;
    layers.stations.addTo(map); overlays[escapeHtml("Stations and junctions")] = layers.stations;
    layers.stops.addTo(map); overlays[escapeHtml("Stops")] = layers.stops;
    if (data.events.length) { layers.events.addTo(map); overlays[escapeHtml("Events")] = layers.events; }
    if (data.observed.length) { layers.observed.addTo(map); overlays[escapeHtml("Observations")] = layers.observed; }
    L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
  }

  window.routesInit = function (map, data) {
    window.routesEvidence.use(data.images);
    // A print layout of a large extent is drawn in a conic projection (projection.js).
    if (data.projection) { window.routesProjection.use(map, data.projection); }
    var basemapLevels = data.basemap ? drawBasemap(map, data.basemap) : [];
    var layers = {legs: {}, stops: L.featureGroup(), stations: L.featureGroup(), events: L.featureGroup(), arrows: L.featureGroup(),
      observed: L.featureGroup()};
    var legLayers = [];
    var labelItems = [];

    drawLegs(map, data, layers, legLayers);
    window.routesTracks.follow(map, data);
    basisTags(map, data, labelItems);
    drawNodes(data, layers, labelItems);
    (data.places || []).forEach(function (place) { labelItems.push(placeLabel(place)); });

    drawEvents(data, layers);
    window.routesObserved.draw(map, data, layers.observed);
    addLayerControl(map, data, layers);
    // Each leg's state in the all-dates view (the time control restyles them for a date).
    data.legs.forEach(function (leg) { time.setLegWidth(leg, null); });
    panels.title(map, data);
    panels.legend(map, data);
    time.renderStateRows(data.stateRows, data.legs, null);
    panels.sources(map, data);
    panels.locator(map, data);
    var ledger = data.ledger && data.ledger.length ? window.routesLedger.build(map, data) : null;
    var timeControl = data.time ? time.build(map, data, layers, ledger) : null;

    panels.banner(map, data);
    function drawnLines() {
      return data.legs.filter(function (leg) { return map.hasLayer(leg.group) && leg.group.hasLayer(leg.layers[0]); })
        .map(function (leg) { return leg.coords; });
    }
    var labels = window.routesLabels.LabelLayer(map, labelItems, {lines: drawnLines});
    var layout = window.routesLayout;
    // Quarter zoom steps: the fitted route fills its frame instead of half of it.
    map.options.zoomSnap = 0.25;
    var drawer = layout.drawer(map, data.title);
    // Room beyond the route's bounds for the markers and the nearest labels.
    var LABEL_ROOM = {x: 10, y: 10};
    var inset = window.routesInset.Inset(map, data, drawBasemap, nodeLabel);
    function refit(animate) {
      drawer.update();
      inset.remove();
      map.invalidateSize({animate: false, pan: false});
      if (animate) {  // a story's step: once the flight ends, the view settles (inset, labels)
        map.once("moveend", function () { refit(false); });
        layout.fit(map, data.view || data.bounds, LABEL_ROOM, true);
        return;
      }
      var frame = layout.fit(map, data.view || data.bounds, LABEL_ROOM);
      // A leg or cluster too small to read at this view gets an inset, and the view makes room
      // for it, unless that would shrink the whole route by more than a quarter.
      // On paper nothing scrolls, so an inset that leaves the legend capped (rows cut) goes too.
      if (!data.view && inset.build()) {
        var score = layout.fit(map, data.bounds, LABEL_ROOM).score;
        var cut = document.body.classList.contains("routes-print") && document.querySelector(".routes-legend.routes-capped");
        if (score < 0.75 * frame.score || cut) {
          inset.remove();
          layout.fit(map, data.bounds, LABEL_ROOM);
        }
      }
      labels.place();
    }
    map.on("resize", function () { drawer.update(); layout.capPanels(map); labels.place(); });
    // An opened list (sources, ledger) must not grow over another panel.
    map.getContainer().addEventListener("toggle", function () { layout.capPanels(map); labels.place(); }, true);
    map.on("overlayadd overlayremove", function () { labels.place(); inset.sync(); });
    popups.fitPopups(map);
    window.routesMap = {map: map, legs: legLayers, layers: layers, data: data, basemap: basemapLevels,
      ledger: ledger, time: timeControl, labels: labels, inset: inset,
      // Fit the initial view again after the window changed size (snapshots of several sizes).
      refit: refit,
      // The print layout (PNG, PDF): footer band with sources and claims, no web furniture.
      print: function () {
        if (document.body.classList.contains("routes-print")) { window.routesPrint.reprint(map, data); }
        else {
          window.routesPrint.print(map, data);
          // How far the scale strays from the bar, for each view printed (a story's steps too).
          map.on("moveend", function () { window.routesProjection.scaleNote(map, Boolean(data.basemap)); });
        }
        refit();
        window.routesProjection.scaleNote(map, Boolean(data.basemap));
        if (window.routesPrint.fitted(map, data)) { labels.place(); }  // a slide's legend, now its frame is known
      },
      // What a reader notices (tests and the layout use it): route under panels, label clashes.
      measure: function () { return layout.measure(map, drawnLines(), ".routes-map-label, .routes-place"); }};
    refit();
    // Once the page's typeface has loaded, lay out again: panels and labels were measured in
    // the fallback font (a data URI loads within a frame, before a reader can move the map).
    // A popup opened before then is placed again, clear of the panels as they now are.
    window.routesType.ready.then(function () {
      refit();
      if (map._popup && map.hasLayer(map._popup)) { map._popup.update(); map.fire("popupopen", {popup: map._popup}); }
    });
    if (data.story && data.story.length) { window.routesMap.story = window.routesStory(window.routesMap, data.story, data.story_caption); }
    return window.routesMap;
  };
})();
