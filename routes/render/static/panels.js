/* routes: the fixed panels of a case's map: the title block, the legend (with the claim behind
 * each drawn width), the numbered sources and data licences, the locator globe and the
 * handling banner. Every piece of text reaches the DOM as a text node.
 * Load order: after page.js, shapes.js, basemap.js, popups.js and time.js; defines window.routesPanels. */
(function () {
  "use strict";

  var page = window.routesPage;
  var el = page.el, svg = page.svg, safeHref = page.safeHref, control = page.control, legendRow = page.legendRow;
  var claimBlock = window.routesPopups.claimBlock, eventPopup = window.routesPopups.eventPopup;
  var setLegWidth = window.routesTime.setLegWidth, renderWidthTable = window.routesTime.renderWidthTable;
  var BORDER_DASH = window.routesBasemap.BORDER_DASH, shapes = window.routesShapes;

  function lineSample(color, dashed, ticks) {
    var s = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
    var attrs = {x1: 1, y1: 5, x2: 33, y2: 5, stroke: color, "stroke-width": 4};
    if (dashed) { attrs["stroke-dasharray"] = "7 4"; }
    s.appendChild(svg("line", attrs));
    if (ticks) { s.appendChild(svg("line", {x1: 1, y1: 5, x2: 33, y2: 5, stroke: "#ffffff", "stroke-width": 1.5, "stroke-dasharray": "3 6"})); }
    return s;
  }

  // The title block: title, what the claims are, as-of date, summary, assumptions, loose ends.
  function addTitle(map, data) {
    control("topleft", "routes-title", function (box) {
      box.appendChild(el("div", "routes-title-text", data.title));
      if (data.period) { box.appendChild(el("div", "routes-title-period", data.period)); }
      if (data.as_of) { box.appendChild(el("div", "routes-title-asof", data.as_of)); }
      if (data.summary) { box.appendChild(el("div", "routes-title-summary", data.summary)); }
      if (data.assumptions && data.assumptions.length) {
        var list = el("ul", "routes-title-assumptions");
        data.assumptions.forEach(function (a) { list.appendChild(el("li", null, a)); });
        box.appendChild(list);
      }
      var placeless = data.events.filter(function (ev) { return !ev.latlon; });
      if (placeless.length) {
        var evs = el("details", "routes-unplaced-events");
        evs.appendChild(el("summary", null, "Events without a place on the map (" + placeless.length + ")"));
        placeless.forEach(function (ev) { evs.appendChild(eventPopup(ev)); });
        box.appendChild(evs);
      }
      if (data.unattached_claims.length) {
        var det = el("details", "routes-unattached");
        det.appendChild(el("summary", null, "Claims not tied to a leg (" + data.unattached_claims.length + ")"));
        data.unattached_claims.forEach(function (id) { det.appendChild(claimBlock(data.claims[id])); });
        box.appendChild(det);
      }
    }).addTo(map);
  }

  // The legend, with the width rule and the claim behind each drawn width.
  function addLegend(map, data) {
    var styles = data.styles;
    control("bottomright", "routes-legend", function (box) {
      box.appendChild(el("div", "routes-section", "Legend"));
      data.legend.modes.forEach(function (mode) { legendRow(box, lineSample(styles.modes[mode].color, false, styles.modes[mode].ticks), styles.modes[mode].label); });
      legendRow(box, lineSample("#333333", false), data.legend.lines[0][1]);
      legendRow(box, lineSample("#333333", true), data.legend.lines[1][1]);
      // A row for each leg state drawn (the time control shows the rows of the states at its date).
      data.stateRows = {heading: el("div", "routes-legend-state-date", "")};
      data.stateRows.heading.style.fontWeight = "600";
      data.stateRows.heading.style.marginTop = "3px";
      box.appendChild(data.stateRows.heading);
      ["current", "reported", "never"].forEach(function (name) {
        var s = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
        var quiet = name !== "current";
        var attrs = {x1: 1, y1: 5, x2: 33, y2: 5, stroke: "#333333", "stroke-width": quiet ? data.legend.no_count[0] : 5,
          "stroke-opacity": quiet ? 0.35 : 0.9};
        if (name === "never") { attrs["stroke-dasharray"] = "7 4"; }
        s.appendChild(svg("line", attrs));
        var text = data.legend.states[name], allText = data.legend.states_all[name] || null;
        var row = legendRow(box, s, allText || text);
        row.classList.add("routes-legend-state");
        data.stateRows[name] = {row: row, label: row.lastChild, text: text, allText: allText};
      });
      data.legend.kinds.forEach(function (kind) {
        var st = styles.kinds[kind];
        legendRow(box, shapes.sample(st.shape, st.color, Math.max(st.radius, 4), false), st.label);
      });
      legendRow(box, shapes.sample("circle", "#999999", 6, true), data.legend.low);
      if (data.basemap) {
        var border = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
        border.appendChild(svg("line", {x1: 1, y1: 5, x2: 33, y2: 5, stroke: data.basemap.colours.border, "stroke-width": 1.2,
          "stroke-dasharray": BORDER_DASH}));
        legendRow(box, border, "Country border (Natural Earth)");
      }
      var arrow = svg("svg", {width: 34, height: 16});
      // Drawn as on the map: in the colour of a leg (the first mode listed), outlined in white.
      var arrowColour = data.legend.modes.length ? styles.modes[data.legend.modes[0]].color : "#333333";
      arrow.appendChild(svg("path", {d: "M 12 3 L 22 8 L 12 13 Z", fill: arrowColour, stroke: "#ffffff", "stroke-width": 1}));
      legendRow(box, arrow, data.legend.arrow);
      if (data.events.length) {
        legendRow(box, shapes.outlineSample(styles.event.shape, styles.event.color, styles.event.radius), "Dated event (click for details)");
      }
      window.routesObserved.legend(box, data);
      if (data.legend.width) {
        var thin = svg("svg", {width: 34, height: 10, "class": "routes-legend-line"});
        thin.appendChild(svg("line", {x1: 1, y1: 5, x2: 33, y2: 5, stroke: "#333333", "stroke-width": data.legend.no_count[0]}));
        legendRow(box, thin, data.legend.no_count[1]);
        // The numeric key: the largest and smallest counts drawn, at their widths.
        var key = data.legend.width_key || [];
        if (key.length) {  // one row: each sample followed by its count
          var keyRow = el("div", "routes-legend-row routes-legend-key");
          key.forEach(function (k) {
            var sample = svg("svg", {width: 34, height: 14, "class": "routes-legend-line"});
            sample.appendChild(svg("line", {x1: 1, y1: 7, x2: 33, y2: 7, stroke: "#333333", "stroke-width": k[1]}));
            keyRow.appendChild(sample);
            keyRow.appendChild(el("span", null, k[0]));
          });
          box.appendChild(keyRow);
        }
        box.appendChild(el("div", "routes-note routes-legend-width", data.legend.width));
        // Which claim sets each drawn width, for a PNG or print, which has no popups.
        var table = el("div", "routes-width-table");
        data.legs.forEach(function (leg) { setLegWidth(leg, null); });
        data.widthTable = table;
        renderWidthTable(table, data.legs);
        box.appendChild(table);
      }
    }).addTo(map);
  }

  // The numbered sources, the credit and the licences of the data.
  function addSources(map, data) {
    control("bottomleft", "routes-sources", function (box) {
      var det = el("details", "routes-sources-list");
      det.appendChild(el("summary", null, "Sources (" + data.sources.length + ") · " + data.credit));
      var list = el("ol", null);
      data.sources.forEach(function (s) {
        var item = el("li", null);
        item.value = s.n;
        var href = safeHref(s.url);
        if (href) {
          var a = el("a", null, s.label);
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          item.appendChild(a);
        } else {
          item.appendChild(el("span", null, s.label));
        }
        list.appendChild(item);
      });
      det.appendChild(list);
      // The licences of the data on the map (ODbL share-alike for OpenStreetMap positions).
      (data.licences || []).forEach(function (n) {
        var row = el("div", "routes-licence", n.covers + ": " + n.attribution + ", " + n.license + " ");
        var href = safeHref(n.url);
        if (href) {
          var a = el("a", null, href.replace(/^https?:\/\//, ""));
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          row.appendChild(a);
        }
        det.appendChild(row);
      });
      box.appendChild(det);
    }).addTo(map);
  }

  // The locator globe, when asked for.
  function addLocator(map, data) {
    if (data.locator) {
      // Where on Earth: the globe seen from above the map's middle, the map's area outlined.
      control("bottomleft", "routes-locator", function (box) {
        var size = data.locator.size;
        var globe = svg("svg", {width: size, height: size, viewBox: "0 0 " + size + " " + size, role: "img",
          "aria-label": "Locator globe: the map's area outlined"});
        globe.appendChild(svg("circle", {cx: size / 2, cy: size / 2, r: size / 2 - 1, fill: "#dce8f0", stroke: "#7f9aad", "stroke-width": 1}));
        data.locator.land.forEach(function (d) {
          globe.appendChild(svg("path", {d: d, fill: "#c9c4b6", stroke: "#a8a294", "stroke-width": 0.4}));
        });
        if (data.locator.frame) {
          globe.appendChild(svg("path", {d: data.locator.frame, fill: "rgba(213,94,0,0.18)", stroke: "#D55E00", "stroke-width": 1.6}));
        }
        if (data.locator.spot) {  // a frame too small to see on the globe: a ring round it
          globe.appendChild(svg("circle", {cx: size / 2, cy: size / 2, r: 6, fill: "none", stroke: "#D55E00", "stroke-width": 2}));
        }
        box.appendChild(globe);
      }).addTo(map);
    }
  }

  // The handling marking (e.g. DRAFT) across the top.
  function addBanner(map, data) {
    if (data.banner) {
      var banner = el("div", "routes-banner", data.banner);
      banner.setAttribute("role", "note");
      map.getContainer().appendChild(banner);
    }
  }

  window.routesPanels = {
    title: addTitle, legend: addLegend, sources: addSources, locator: addLocator, banner: addBanner
  };
})();
