/* routes: the print layout of a map page (PNG, PDF, a printed page). The map keeps its title
 * block and legend; the sources, a short table of the claims on the drawn legs, the credit,
 * the licences and the as-of date move into a footer band below the map, capped at a share of
 * the page; what it drops goes in the order the case model ranks the claims, never a lead
 * claim. A small page (a social card) gets a smaller footer and a compact legend; a slide's
 * picture (story caption "slide") no footer and no title block. No web furniture: no zoom or
 * layer control, no time control, no collapsed toggles, no link styling. Type scales with
 * the page (type.js). */
(function () {
  "use strict";

  var FOOTER_SHARE = 0.3;   // the footer takes at most this share of the page height
  var COMPACT_SHARE = 0.2;  // ... and on a small page (a social card)
  var KEEP_ROWS = 3;        // the claims that outlive every source in the footer
  var COMPACT_HEIGHT = 700; // a page this high or less (a social card) is small: compact legend and footer

  function compact() { return window.innerHeight <= COMPACT_HEIGHT; }
  function footerShare() { return compact() ? COMPACT_SHARE : FOOTER_SHARE; }

  function el(tag, className, text) { return window.routesEl(tag, className, text); }

  // The page's type scale (type.js): from its size, so a PNG, a PDF and a deck's picture of
  // the same size draw every label, line and panel alike.
  function typeScale(width, height) {
    window.routesType.setScale(window.routesType.pageScale(width, height));
  }

  // Claims in the order the case model gives (data.claims[id].rank: lead claims, then official
  // ones, then the rest; analysis/prominence.py); the page only formats that order.
  function byRank(a, b) { return (a.rank - b.rank) || (a.id < b.id ? -1 : 1); }

  function claimsOnDrawnLegs(data) {
    var seen = {}, out = [];
    data.legs.forEach(function (leg) {
      leg.claims.forEach(function (id) {
        if (!seen[id]) { seen[id] = true; out.push(data.claims[id]); }
      });
    });
    return out.sort(byRank);
  }

  function claimsTable(claims) {
    var table = el("table", "routes-footer-claims");
    var head = el("tr", null);
    ["Claimant", "Quantity as worded", "Period", "Sources"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    var rows = claims.map(function (c) {
      var tr = el("tr", c.keep ? "routes-footer-lead" : null);
      tr.appendChild(el("td", null, c.claimant));
      tr.appendChild(el("td", null, c.headline));
      tr.appendChild(el("td", null, c.period));
      tr.appendChild(el("td", null, c.sources.map(function (n) { return "[" + n + "]"; }).join(" ")));
      table.appendChild(tr);
      return tr;
    });
    return {node: table, rows: rows};
  }

  function build(map, data) {
    var footer = el("footer", "routes-footer");
    footer.setAttribute("aria-label", "Sources and credits");
    // A story's step that names claims shows those (data.focus: set by story.js).
    var focus = data.focus && data.focus.length ? data.focus.map(function (id) { return data.claims[id]; }) : null;
    var claims = focus ? focus.slice().sort(byRank) : claimsOnDrawnLegs(data);
    var table = claims.length ? claimsTable(claims) : null;
    var claimsMore = el("div", "routes-footer-more", "");
    if (table) {
      footer.appendChild(el("div", "routes-footer-heading", (focus ? "Claims at this step (" : "Claims on the drawn legs (") + claims.length + ") — " + data.not_summed));
      footer.appendChild(table.node);
      footer.appendChild(claimsMore);
    }
    var cited = {};
    if (focus) { claims.forEach(function (c) { c.sources.forEach(function (n) { cited[n] = true; }); }); }
    var sources = focus ? data.sources.filter(function (s) { return cited[s.n]; }) : data.sources;
    var headingText = (focus ? "Sources of these claims (" : "Sources (") + sources.length + ")";
    var sourcesHeading = el("div", "routes-footer-heading", headingText);
    footer.appendChild(sourcesHeading);
    var list = el("ol", "routes-footer-sources");
    var items = sources.map(function (s) {
      var host = s.url ? s.url.replace(/^https?:\/\//i, "").split("/")[0] : "";
      var li = el("li", null, s.label + (host && s.label.indexOf(host) < 0 ? " (" + host + ")" : ""));
      li.value = s.n;
      list.appendChild(li);
      return li;
    });
    footer.appendChild(list);
    var sourcesMore = el("div", "routes-footer-more", "");
    footer.appendChild(sourcesMore);
    var credit = [data.credit, data.as_of].filter(Boolean).join(" · ");
    footer.appendChild(el("div", "routes-footer-credit", credit));
    var licences = (data.licences || []).map(function (n) {  // a small page: without the addresses
      var url = n.url && !compact() && window.innerWidth >= 1400 ? " (" + n.url.replace(/^https?:\/\//i, "") + ")" : "";
      return n.covers + ": " + n.attribution + ", " + n.license + url;
    });
    if (licences.length) { footer.appendChild(el("div", "routes-footer-licence", licences.join(" · "))); }
    document.body.appendChild(footer);

    // Cap: drop what matters least until the footer fits its share: first the sources no
    // claim in the table cites, then claim rows from the lowest rank up (each with the sources
    // only it cites) down to the first KEEP_ROWS, then the sources of those, then those rows.
    // Lead claims' rows (data.claims[id].keep) are never dropped. The order of the drops does
    // not depend on the layout; the fewest drops that fit are found by bisection (a few
    // layouts instead of one per item).
    var cap = Math.floor(window.innerHeight * footerShare());
    var shownSources = items.length, shownClaims = table ? table.rows.length : 0;
    function note() {
      // The heading stays: a reader of the paper knows how many sources there are and where.
      sourcesHeading.textContent = headingText + (shownSources === 0 ? ": listed in the interactive map" : "");
      sourcesMore.textContent = shownSources === 0 ? "" :
        shownSources < items.length ? "and " + (items.length - shownSources) + " more sources, listed in the interactive map" : "";
      claimsMore.textContent = table && shownClaims < table.rows.length ?
        "and " + (table.rows.length - shownClaims) + " more claims, listed in the interactive map" : "";
    }
    var order = [], citedBy = {};  // source number -> rank of the best claim citing it
    claims.forEach(function (c, i) { c.sources.forEach(function (n) { if (!(n in citedBy)) { citedBy[n] = i; } }); });
    var sourceItem = {};
    sources.forEach(function (src, i) { sourceItem[src.n] = items[i]; });
    for (var s = sources.length - 1; s >= 0; s--) {
      if (!(sources[s].n in citedBy)) { order.push({node: items[s], source: true}); }
    }
    var firm = Math.min(claims.length, KEEP_ROWS);  // rows that outlive every source
    for (var c = claims.length - 1; c >= firm; c--) {
      if (claims[c].keep) { continue; }
      order.push({node: table.rows[c], source: false});
      claims[c].sources.forEach(function (n) {
        if (citedBy[n] === c && sourceItem[n]) { order.push({node: sourceItem[n], source: true}); }
      });
    }
    for (var k = sources.length - 1; k >= 0; k--) {  // then the sources of the rows left
      var by = citedBy[sources[k].n];
      if (by !== undefined && (by < firm || claims[by].keep)) { order.push({node: items[k], source: true}); }
    }
    for (c = firm - 1; c >= 0; c--) {
      if (!claims[c].keep) { order.push({node: table.rows[c], source: false}); }
    }
    function drop(k) {
      shownSources = items.length; shownClaims = table ? table.rows.length : 0;
      order.forEach(function (entry, i) {
        entry.node.hidden = i < k;
        if (i < k) { if (entry.source) { shownSources--; } else { shownClaims--; } }
      });
      note();
      return footer.offsetHeight <= cap;
    }
    if (!drop(0)) {
      var low = 1, high = order.length;
      while (low < high) {
        var mid = (low + high) >> 1;
        if (drop(mid)) { high = mid; } else { low = mid + 1; }
      }
      drop(low);
    }
    note();
    return footer;
  }

  // A slide's compact legend: the leg modes and node kinds inside the step's view, the line
  // styles and the width key.
  function stepLegend(data, bounds) {
    var legend = document.querySelector(".routes-legend");
    if (!legend || !data.styles) { return; }
    var view = bounds || L.latLngBounds(data.view || data.bounds), shown = {};
    function inView(p) { return view.contains(L.latLng(p[0], p[1])); }
    data.legs.forEach(function (leg) {
      if (leg.coords && leg.coords.some(inView)) { shown[data.styles.modes[leg.mode].label] = true; }
    });
    data.nodes.forEach(function (node) {
      if (node.latlon && inView(node.latlon)) { shown[data.styles.kinds[node.kind].label] = true; }
    });
    // Kept besides: the reported and assumed line, the width key; the rest is in the deck's notes.
    data.legend.lines.forEach(function (line) { shown[line[1]] = true; });
    legend.querySelectorAll(".routes-legend-row").forEach(function (row) {
      row.style.display = shown[row.textContent] || row.classList.contains("routes-legend-key") ? "" : "none";
    });
  }

  // Switch the page to its print layout (idempotent); the map shrinks above the footer.
  function print(map, data) {
    if (document.body.classList.contains("routes-print")) { return; }
    document.body.classList.add("routes-print");
    document.body.classList.toggle("routes-print-compact", compact());
    typeScale(window.innerWidth, window.innerHeight);
    // A slide's picture (story caption "slide"): the slide carries title, claims and credits.
    var bare = document.body.classList.contains("routes-story-page-slide");
    var footer = bare ? null : build(map, data);
    var container = map.getContainer();
    container.style.position = "absolute";
    container.style.top = "0";
    container.style.left = "0";
    container.style.right = "0";
    container.style.width = "100%";
    container.style.height = Math.max(120, window.innerHeight - (footer ? footer.offsetHeight : 0)) + "px";
    map.invalidateSize({animate: false, pan: false});
    if (bare) { stepLegend(data); }
  }

  // After the window changed size: the footer is built again for the new page.
  function reprint(map, data) {
    var old = document.querySelector(".routes-footer");
    if (old) { old.parentNode.removeChild(old); }
    document.body.classList.remove("routes-print");
    print(map, data);
  }

  // After the view is fitted: a slide's legend names what the whole frame shows (more than
  // the step's bounds, on a frame of another shape). True when the page has such a legend.
  function fitted(map, data) {
    if (!document.body.classList.contains("routes-story-page-slide")) { return false; }
    stepLegend(data, map.getBounds());
    return true;
  }

  window.routesPrint = {print: print, reprint: reprint, typeScale: typeScale, fitted: fitted};
})();
