/* routes: the print layout of a map page (PNG, PDF, a printed page). The map keeps its title
 * block and legend; the sources, a short table of the claims on the drawn legs, the credit,
 * the licences and the as-of date move into a footer band below the map, capped at a share of
 * the page ("n more in the interactive map"). No web furniture: no zoom or layer control, no
 * time control, no collapsed toggles, no link styling. Type scales with the page width. */
(function () {
  "use strict";

  var FOOTER_SHARE = 0.3;   // the footer takes at most this share of the page height

  function el(tag, className, text) { return window.routesEl(tag, className, text); }

  // Type sizes that read on a projected slide: title 28 px and body 14 px at 1920 px wide.
  function typeScale(width) {
    var root = document.documentElement.style;
    root.setProperty("--routes-body", Math.max(12, 14 * width / 1920).toFixed(1) + "px");
    root.setProperty("--routes-title", Math.max(16, 28 * width / 1920).toFixed(1) + "px");
    root.setProperty("--routes-k", Math.max(1, width / 1600).toFixed(3));
  }

  function claimsOnDrawnLegs(data) {
    var seen = {}, out = [];
    data.legs.forEach(function (leg) {
      leg.claims.forEach(function (id) {
        if (!seen[id]) { seen[id] = true; out.push(data.claims[id]); }
      });
    });
    out.sort(function (a, b) { return a.published_iso < b.published_iso ? -1 : a.published_iso > b.published_iso ? 1 : (a.id < b.id ? -1 : 1); });
    return out;
  }

  function claimsTable(claims) {
    var table = el("table", "routes-footer-claims");
    var head = el("tr", null);
    ["Claimant", "Quantity as worded", "Period", "Sources"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    var rows = claims.map(function (c) {
      var tr = el("tr", null);
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
    var claims = focus || claimsOnDrawnLegs(data);
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
    footer.appendChild(el("div", "routes-footer-heading", (focus ? "Sources of these claims (" : "Sources (") + sources.length + ")"));
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
    var licences = (data.licences || []).map(function (n) {
      return n.covers + ": " + n.attribution + ", " + n.license + (n.url ? " (" + n.url.replace(/^https?:\/\//i, "") + ")" : "");
    });
    if (licences.length) { footer.appendChild(el("div", "routes-footer-licence", licences.join(" · "))); }
    document.body.appendChild(footer);

    // Cap: drop sources from the end, then claim rows, until the footer fits its share. The
    // order of the drops does not depend on the layout; the fewest drops that fit are found by
    // bisection (a few layouts instead of one per item).
    var cap = Math.floor(window.innerHeight * FOOTER_SHARE);
    var shownSources = items.length, shownClaims = table ? table.rows.length : 0;
    function note() {
      sourcesMore.textContent = shownSources < items.length ?
        (items.length - shownSources) + " more sources in the interactive map" : "";
      claimsMore.textContent = table && shownClaims < table.rows.length ?
        (table.rows.length - shownClaims) + " more claims in the interactive map" : "";
    }
    var order = [];
    for (var s = items.length, c = shownClaims; s > 0 || c > 1;) {
      if (s > 0 && (s >= c || c <= 1)) { s--; order.push({node: items[s], source: true}); }
      else { c--; order.push({node: table.rows[c], source: false}); }
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

  // Switch the page to its print layout (idempotent); the map shrinks above the footer.
  function print(map, data) {
    if (document.body.classList.contains("routes-print")) { return; }
    document.body.classList.add("routes-print");
    typeScale(window.innerWidth);
    var footer = build(map, data);
    var container = map.getContainer();
    container.style.position = "absolute";
    container.style.top = "0";
    container.style.left = "0";
    container.style.right = "0";
    container.style.width = "100%";
    container.style.height = Math.max(120, window.innerHeight - footer.offsetHeight) + "px";
    map.invalidateSize({animate: false, pan: false});
  }

  // After the window changed size: the footer is built again for the new page.
  function reprint(map, data) {
    var old = document.querySelector(".routes-footer");
    if (old) { old.parentNode.removeChild(old); }
    document.body.classList.remove("routes-print");
    print(map, data);
  }

  window.routesPrint = {print: print, reprint: reprint, typeScale: typeScale};
})();
