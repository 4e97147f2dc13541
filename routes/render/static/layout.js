/* routes: the page layout. Panels (Leaflet controls) never overlap each other, long ones
 * scroll inside a height cap, and the route is fitted into the largest part of the map that no
 * panel covers (measured from the panels' real sizes, at every viewport). Narrow screens fold
 * every panel into one drawer that starts closed. Also measures what a reader would notice:
 * the share of the drawn route under panels, and labels that overlap or leave the map. */
(function () {
  "use strict";

  var MARGIN = 10;         // Leaflet's margin around controls, px
  var GAP = 12;            // room kept between the fitted route and a panel, px
  var MIN_PANEL = 72;      // a capped panel keeps at least this height, px
  var NARROW = 640;        // below this width the panels fold into the drawer, px
  var MIN_FRAME = 120;     // the smallest frame worth fitting the route into, px

  function rel(rect, box) {
    return {l: rect.left - box.left, t: rect.top - box.top, r: rect.right - box.left, b: rect.bottom - box.top};
  }

  function visible(node) {
    if (!node.offsetParent && getComputedStyle(node).position !== "fixed") { return false; }
    var r = node.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(node).visibility !== "hidden";
  }

  // The rectangles of every visible control (panels, zoom, scale, attribution), relative to the map.
  function panelRects(map) {
    var container = map.getContainer(), box = container.getBoundingClientRect();
    // The map's own controls: not those of an inset map inside a panel.
    return Array.prototype.slice.call(container.querySelectorAll(":scope > .leaflet-control-container .leaflet-control"))
      .filter(function (node) { return node.parentNode.closest(".leaflet-control") === null; })
      .filter(visible).map(function (node) { return rel(node.getBoundingClientRect(), box); });
  }

  function corner(map, vertical, horizontal) {
    return map.getContainer().querySelector(":scope > .leaflet-control-container > .leaflet-" + vertical + ".leaflet-" + horizontal);
  }

  function stackHeight(cornerNode) {
    if (!cornerNode) { return 0; }
    var h = 0;
    Array.prototype.slice.call(cornerNode.children).forEach(function (c) { if (visible(c)) { h += c.offsetHeight + MARGIN; } });
    return h;
  }

  // Does this panel overlap any other visible panel of the map?
  function overlapsAnother(map, panel) {
    var a = panel.getBoundingClientRect();
    var others = map.getContainer().querySelectorAll(":scope > .leaflet-control-container .routes-panel");
    return Array.prototype.some.call(others, function (p) {
      if (p === panel || !visible(p)) { return false; }
      var b = p.getBoundingClientRect();
      return a.left < b.right - 1 && a.right > b.left + 1 && a.top < b.bottom - 1 && a.bottom > b.top + 1;
    });
  }

  // A story's step is what the reader is told now, and an opened ledger what they chose to
  // read: other panels give way to them. An inset's map has a fixed size and is not capped.
  function reading(p) {
    return p.classList.contains("routes-ledger") && p.querySelector("details[open]") !== null;
  }

  // The tallest panel of a corner that may be capped (with reading panels only if `late`).
  function tallestIn(cornerNode, late) {
    var tallest = null;
    if (!cornerNode) { return null; }
    Array.prototype.forEach.call(cornerNode.querySelectorAll(".routes-panel"), function (p) {
      if (p.classList.contains("routes-story") || p.classList.contains("routes-inset") || reading(p) !== late) { return; }
      var floor = p.style.maxHeight === MIN_PANEL + "px";  // capped as far as it goes
      if (visible(p) && !floor && p.offsetHeight > MIN_PANEL && (!tallest || p.offsetHeight > tallest.offsetHeight)) { tallest = p; }
    });
    return tallest;
  }

  // Cap the panels of each side so that the top and the bottom stacks never meet: the taller
  // stack gives way, its tallest panel scrolling inside what is left.
  function capPanels(map) {
    var H = map.getContainer().clientHeight;
    var panels = map.getContainer().querySelectorAll(":scope > .leaflet-control-container .routes-panel");
    Array.prototype.forEach.call(panels, function (p) {
      p.style.maxHeight = ""; p.classList.remove("routes-capped", "routes-two-columns"); p.routesOneColumn = false;
      if (p.routesSteppedAside) { p.style.display = ""; p.routesSteppedAside = false; }
    });
    // On paper nothing scrolls: a legend too tall for its side goes into two columns first.
    var paper = document.body.classList.contains("routes-print");
    ["left", "right"].forEach(function (side) {
      var top = corner(map, "top", side), bottom = corner(map, "bottom", side);
      var room = H - MARGIN;
      for (var round = 0; round < 5; round++) {
        var th = stackHeight(top), bh = stackHeight(bottom);
        var excess = th + bh - room;
        if (excess <= 0) { return; }
        var shrink = th > bh ? top : bottom, other = shrink === top ? bottom : top;
        // The taller stack gives way; if nothing in it may, the other one; what the reader
        // opened to read (the ledger) only last.
        var tallest = tallestIn(shrink, false) || tallestIn(other, false) || tallestIn(shrink, true);
        if (!tallest) {
          // Nothing left to cap: the inset (a detail of the map, not text) steps aside.
          var inset = map.getContainer().querySelector(":scope > .leaflet-control-container .leaflet-" + side + " .routes-inset");
          if (!inset || !visible(inset)) { return; }
          inset.style.display = "none";
          inset.routesSteppedAside = true;
          continue;
        }
        if (paper && tallest.classList.contains("routes-legend") && !tallest.classList.contains("routes-two-columns") &&
            !tallest.routesOneColumn) {
          tallest.classList.add("routes-two-columns");
          // Two columns are wider: if that reaches a panel of the other side, it is capped instead.
          if (overlapsAnother(map, tallest)) {
            tallest.classList.remove("routes-two-columns");
            tallest.routesOneColumn = true;
          } else {
            continue;
          }
        }
        tallest.style.maxHeight = Math.max(MIN_PANEL, tallest.offsetHeight - excess) + "px";
        tallest.classList.add("routes-capped");
      }
    });
  }

  // Every frame (l, t, r, b) free of every rectangle, at least MIN_FRAME each way: its sides
  // are the map's margins or lie GAP beyond a rectangle's sides.
  function clearFrames(W, H, rects) {
    var lefts = [MARGIN], rights = [W - MARGIN], tops = [MARGIN], bottoms = [H - MARGIN];
    rects.forEach(function (p) {
      lefts.push(p.r + GAP); rights.push(p.l - GAP); tops.push(p.b + GAP); bottoms.push(p.t - GAP);
    });
    var frames = [];
    lefts.forEach(function (l) {
      rights.forEach(function (r) {
        if (r - l < MIN_FRAME) { return; }
        tops.forEach(function (t) {
          bottoms.forEach(function (b) {
            if (b - t < MIN_FRAME) { return; }
            if (rects.every(function (p) { return p.r <= l || p.l >= r || p.b <= t || p.t >= b; })) {
              frames.push({l: l, t: t, r: r, b: b});
            }
          });
        });
      });
    });
    return frames;
  }

  // The largest frame free of every rectangle, scored by how large a box of the route's
  // aspect (w / h) it can hold.
  function freeFrame(W, H, rects, aspect) {
    var best = null, bestScore = -1;
    clearFrames(W, H, rects).forEach(function (f) {
      var score = Math.min(f.r - f.l, (f.b - f.t) * aspect);
      // Ties go to the frame nearest the middle of the map.
      var off = Math.abs((f.l + f.r) / 2 - W / 2) + Math.abs((f.t + f.b) / 2 - H / 2);
      if (score > bestScore + 0.5 || (Math.abs(score - bestScore) <= 0.5 && off < best.off)) {
        best = {l: f.l, t: f.t, r: f.r, b: f.b, off: off}; bestScore = score;
      }
    });
    return best || {l: MARGIN, t: MARGIN, r: W - MARGIN, b: H - MARGIN, off: 0};
  }

  function boundsAspect(map, bounds) {
    var b = L.latLngBounds(bounds);
    var sw = map.project(b.getSouthWest(), 0), ne = map.project(b.getNorthEast(), 0);
    var w = Math.abs(ne.x - sw.x), h = Math.abs(sw.y - ne.y);
    return h > 0 ? Math.max(0.05, Math.min(20, w / h)) : 20;
  }

  // Fit bounds into the free frame. labelRoom: px kept beyond the route for its labels.
  // animate: fly there (a story's next step) instead of jumping.
  function fit(map, bounds, labelRoom, animate) {
    capPanels(map);
    var container = map.getContainer();
    var W = container.clientWidth, H = container.clientHeight;
    var aspect = boundsAspect(map, bounds);
    var frame = freeFrame(W, H, panelRects(map), aspect);
    frame.score = Math.min(frame.r - frame.l, (frame.b - frame.t) * aspect);
    var room = labelRoom || {x: 0, y: 0};
    var padTL = [frame.l + room.x, frame.t + room.y], padBR = [W - frame.r + room.x, H - frame.b + room.y];
    // Never pad away the whole map (a tiny window): keep at least 80 px each way.
    if (W - padTL[0] - padBR[0] < 80) { padTL[0] = padBR[0] = Math.max(0, (W - 80) / 2); }
    if (H - padTL[1] - padBR[1] < 80) { padTL[1] = padBR[1] = Math.max(0, (H - 80) / 2); }
    if (animate) { map.flyToBounds(bounds, {paddingTopLeft: padTL, paddingBottomRight: padBR, duration: 0.8}); }
    else { map.fitBounds(bounds, {paddingTopLeft: padTL, paddingBottomRight: padBR, animate: false}); }
    return frame;
  }

  // A popup opens clear of every panel. The panels stay above the map (as Leaflet's controls
  // are), so a popup under one would be cut: it goes into the free frame that shows the most
  // of it (ties: the one it moves least to reach), and scrolls inside that frame when it is
  // larger. Leaflet's autopan moves the map to put it there.
  function placePopup(map, popup) {
    var node = popup.getElement(), container = map.getContainer();
    var content = node && node.querySelector(".leaflet-popup-content");
    if (!content) { return; }
    content.style.maxWidth = ""; content.style.maxHeight = "";
    popup.update();  // its own size, as Leaflet lays it out
    var W = container.clientWidth, H = container.clientHeight, box = container.getBoundingClientRect();
    var tip = parseInt(getComputedStyle(node).marginBottom, 10) || 0;  // the tip ends at the clicked point
    var at = rel(node.getBoundingClientRect(), box);
    var w = at.r - at.l, h = at.b - at.t + tip;
    var best = null;
    clearFrames(W, H, panelRects(map)).forEach(function (f) {
      var shown = Math.min(f.r - f.l, w) * Math.min(f.b - f.t, h);
      var dx = Math.max(0, f.l - at.l, at.l + Math.min(w, f.r - f.l) - f.r);
      var dy = Math.max(0, f.t - at.t, at.t + Math.min(h, f.b - f.t) - f.b);
      var move = dx + dy;
      if (!best || shown > best.shown + 0.5 || (Math.abs(shown - best.shown) <= 0.5 && move < best.move)) {
        best = {l: f.l, t: f.t, r: f.r, b: f.b, shown: shown, move: move};
      }
    });
    if (!best) { return; }  // no frame is free of panels: Leaflet's own placement stands
    // The frame, the popup's border and the content's margins take w - content width, px.
    content.style.maxWidth = Math.max(60, best.r - best.l - (w - content.offsetWidth)) + "px";
    content.style.maxHeight = Math.max(60, best.b - best.t - (h - content.offsetHeight)) + "px";
    content.style.overflowY = "auto";
    popup.options.autoPanPaddingTopLeft = L.point(best.l, best.t);
    popup.options.autoPanPaddingBottomRight = L.point(W - best.r, H - best.b);
    popup.update();
  }

  // Narrow screens: every panel moves into one drawer (a control of its own) that starts closed.
  function drawer(map, title) {
    var state = {narrow: false, open: false, moved: []};
    var Ctl = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var box = L.DomUtil.create("div", "routes-drawer");
        var button = L.DomUtil.create("button", "routes-drawer-toggle", box);
        button.type = "button";
        button.setAttribute("aria-expanded", "false");
        button.textContent = "☰ " + title;
        // With the drawer closed, the date the map shows stays in sight under the button.
        var date = L.DomUtil.create("div", "routes-drawer-date", box);
        date.setAttribute("aria-hidden", "true");  // the time control's own output is announced
        var body = L.DomUtil.create("div", "routes-drawer-body", box);
        body.hidden = true;
        button.addEventListener("click", function () { setOpen(!state.open); });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        state.box = box; state.body = body; state.button = button; state.date = date;
        return box;
      }
    });
    new Ctl().addTo(map);
    // The time control's date (time.js puts it in .routes-time-date), mirrored under the button.
    var shown = map.getContainer().querySelector(".routes-time-date");
    function mirror() {
      state.date.textContent = shown ? "Map shows " + shown.textContent : "";
      state.date.hidden = !shown || state.open;
    }
    if (shown) { new MutationObserver(mirror).observe(shown, {childList: true, characterData: true, subtree: true}); }
    function setOpen(open) {
      state.open = open;
      state.body.hidden = !open;
      mirror();
      state.button.setAttribute("aria-expanded", String(open));
    }
    // The drawer is the layout's hold on the map: a popup the reader opens is what they read
    // now, so an open drawer closes for it, and the popup opens clear of the panels.
    map.on("popupopen", function (e) {
      if (state.open) { setOpen(false); }
      placePopup(map, e.popup);
    });
    mirror();
    function update() {
      // A print layout is no phone: its panels stay on the page (a slide's small map picture).
      var narrow = map.getContainer().clientWidth < NARROW && !document.body.classList.contains("routes-print");
      if (narrow === state.narrow) { return; }
      state.narrow = narrow;
      map.getContainer().classList.toggle("routes-narrow", narrow);
      if (narrow) {
        var panels = map.getContainer().querySelectorAll(":scope > .leaflet-control-container .routes-panel");
        Array.prototype.forEach.call(panels, function (p) {
          if (state.body.contains(p)) { return; }
          state.moved.push({node: p, parent: p.parentNode, next: p.nextSibling});
          state.body.appendChild(p);
        });
      } else {
        state.moved.reverse().forEach(function (m) { m.parent.insertBefore(m.node, m.next); });
        state.moved = [];
        setOpen(false);
      }
    }
    return {update: update, state: state};
  }

  // What a reader notices: the share of the drawn route under panels or off the map, and
  // the labels that overlap, leave the map or sit under a panel.
  function measure(map, lines, labelSelector) {
    var container = map.getContainer(), box = container.getBoundingClientRect();
    var W = container.clientWidth, H = container.clientHeight;
    var panels = panelRects(map);
    var total = 0, under = 0, outside = 0;
    lines.forEach(function (coords) {
      var pts = coords.map(function (c) { return map.latLngToContainerPoint(c); });
      for (var i = 0; i + 1 < pts.length; i++) {
        var a = pts[i], b = pts[i + 1], n = Math.max(1, Math.ceil(a.distanceTo(b) / 2));
        for (var k = 0; k < n; k++) {
          var x = a.x + (b.x - a.x) * k / n, y = a.y + (b.y - a.y) * k / n;
          total++;
          if (x < 0 || y < 0 || x > W || y > H) { outside++; continue; }
          if (panels.some(function (p) { return x >= p.l && x <= p.r && y >= p.t && y <= p.b; })) { under++; }
        }
      }
    });
    var labels = Array.prototype.slice.call(container.querySelectorAll(":scope > .leaflet-map-pane " + labelSelector.split(",").join(", :scope > .leaflet-map-pane ")))
      .filter(visible)
      .map(function (node) { var r = rel(node.getBoundingClientRect(), box); r.text = node.textContent; return r; });
    var overlaps = [], cut = [], covered = [];
    labels.forEach(function (a, i) {
      if (a.l < -0.5 || a.t < -0.5 || a.r > W + 0.5 || a.b > H + 0.5) { cut.push(a.text); }
      if (panels.some(function (p) { return a.l < p.r - 0.5 && a.r > p.l + 0.5 && a.t < p.b - 0.5 && a.b > p.t + 0.5; })) { covered.push(a.text); }
      labels.slice(i + 1).forEach(function (b) {
        if (a.l < b.r - 0.5 && a.r > b.l + 0.5 && a.t < b.b - 0.5 && a.b > b.t + 0.5) { overlaps.push(a.text + " / " + b.text); }
      });
    });
    var panelOverlaps = [];
    panels.forEach(function (a, i) {
      panels.slice(i + 1).forEach(function (b) {
        if (a.l < b.r - 1 && a.r > b.l + 1 && a.t < b.b - 1 && a.b > b.t + 1) { panelOverlaps.push([a, b]); }
      });
    });
    return {route_under_panels: total ? under / total : 0, route_outside: total ? outside / total : 0,
      labels: labels.map(function (l) { return l.text; }), overlapping_labels: overlaps, cut_labels: cut,
      labels_under_panels: covered, overlapping_panels: panelOverlaps.length, zoom: map.getZoom()};
  }

  window.routesLayout = {panelRects: panelRects, capPanels: capPanels, freeFrame: freeFrame, fit: fit,
    drawer: drawer, placePopup: placePopup, measure: measure, NARROW: NARROW};
})();
