/* routes: the time control of a case's map (a date slider, play, all dates) and what a date
 * changes: which legs and events are drawn, each leg's width (the claim current that day) and
 * the table of which claim sets each width.
 * Load order: after page.js; defines window.routesTime and window.routesDashFor (tests use it). */
(function () {
  "use strict";

  var el = window.routesPage.el, control = window.routesPage.control;

  function addDays(iso, days) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function daysBetween(a, b) {
    return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
  }

  // A leg's width at a date: the largest claim naming it that is current then (candidates come
  // largest first); the all-dates width otherwise; the thinnest stroke when none is current.
  function widthAt(leg, iso, noCount) {
    if (iso === null) { return {px: leg.width, from: leg.width_from, short: leg.width_short}; }
    for (var i = 0; i < leg.width_by_date.length; i++) {
      var d = leg.width_by_date[i];
      if (d.span[0] <= iso && iso <= d.span[1]) { return {px: d.px, from: d.from, short: d.short}; }
    }
    return {px: noCount, from: "No count claimed for this leg at this date: thinnest line", short: "no count claimed at this date"};
  }

  // Dashes that read as dashes at any width: dash and gap grow with the stroke (the gap is
  // never narrower than the line, or a wide dashed line looks solid).
  function dashFor(px) {
    return Math.max(10, Math.round(2.5 * px)) + " " + Math.max(7, Math.round(1.6 * px));
  }

  function setLegWidth(leg, iso) {
    var w = widthAt(leg, iso, leg.noCountPx);
    leg.currentWidthFrom = w.from;
    if (leg.line.options.weight !== w.px) {
      leg.line.setStyle(leg.dashed ? {weight: w.px, dashArray: dashFor(w.px)} : {weight: w.px});
    }
    leg.currentShort = w.short;
  }

  // Which claim sets each drawn width, one row per claim (a PNG has no popups): "US Department
  // of State, 23 Feb 2024: Najin (Rajin) port → Dunay; Najin (Rajin) port → Vostochny".
  function renderWidthTable(table, legs) {
    if (!table) { return; }
    var groups = [], byShort = {};
    legs.forEach(function (leg) {
      if (!leg.group || !leg.group.hasLayer(leg.layers[0])) { return; }
      var key = leg.currentShort || "";
      if (!byShort[key]) { byShort[key] = {short: key, titles: []}; groups.push(byShort[key]); }
      byShort[key].titles.push(leg.title);
    });
    while (table.firstChild) { table.removeChild(table.firstChild); }
    groups.forEach(function (g) {
      var row = el("div", "routes-width-row");
      row.appendChild(el("span", "routes-width-from", "Width: " + g.short + " — "));
      row.appendChild(el("span", null, g.titles.join("; ")));
      table.appendChild(row);
    });
  }

  function buildTimeControl(map, data, layers, ledger) {
    var first = data.time.first, total = daysBetween(first, data.time.last);
    var range, output, all, play, timer = null;
    function within(span, iso) { return !span || (span[0] <= iso && iso <= span[1]); }
    function show(layerGroup, layer, on) {
      if (on && !layerGroup.hasLayer(layer)) { layerGroup.addLayer(layer); }
      if (!on && layerGroup.hasLayer(layer)) { layerGroup.removeLayer(layer); }
    }
    function apply() {
      var iso = all.checked ? null : addDays(first, Number(range.value));
      output.value = iso ? iso : "all dates";
      output.textContent = output.value;
      data.legs.forEach(function (leg) {
        // Drawn on a day inside a period of a claim naming the leg (always, if none names it).
        var on = iso === null || !leg.spans.length || leg.spans.some(function (sp) { return within(sp, iso); });
        leg.layers.forEach(function (l) { show(leg.group, l, on); });
        setLegWidth(leg, iso);
        if (leg.tickLayer) { show(leg.group, leg.tickLayer, on); }
        leg.arrowLayers.forEach(function (m) { show(layers.arrows, m, on); });
      });
      data.events.forEach(function (ev) {
        if (ev.layer) { show(layers.events, ev.layer, iso === null || within(ev.span, iso)); }
      });
      renderWidthTable(data.widthTable, data.legs);
      if (ledger) { ledger.setDate(iso); }
      if (window.routesMap && window.routesMap.inset) { window.routesMap.inset.sync(); }
    }
    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.textContent = "Play";
      play.setAttribute("aria-pressed", "false");
    }
    control("bottomleft", "routes-time", function (box) {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Time control");
      var label = el("label", "routes-time-label", "Date ");
      range = el("input", "routes-time-range");
      range.type = "range"; range.min = "0"; range.max = String(total); range.step = "1"; range.value = "0";
      range.setAttribute("aria-label", "Date shown on the map, from " + first + " to " + data.time.last);
      label.appendChild(range);
      output = el("output", "routes-time-date", "all dates");
      output.setAttribute("aria-live", "polite");
      play = el("button", "routes-time-play", "Play");
      play.type = "button";
      play.setAttribute("aria-pressed", "false");
      var allLabel = el("label", "routes-time-all", " all dates");
      all = el("input", null);
      all.type = "checkbox"; all.checked = true;
      allLabel.insertBefore(all, allLabel.firstChild);
      range.addEventListener("input", function () { all.checked = false; apply(); });
      all.addEventListener("change", function () { stop(); apply(); });
      play.addEventListener("click", function () {
        if (timer !== null) { stop(); return; }
        all.checked = false;
        if (Number(range.value) >= total) { range.value = "0"; }
        play.textContent = "Pause";
        play.setAttribute("aria-pressed", "true");
        var step = Math.max(1, Math.round(total / 120));
        timer = setInterval(function () {
          range.value = String(Math.min(total, Number(range.value) + step));
          apply();
          if (Number(range.value) >= total) { stop(); }
        }, 100);
        apply();
      });
      box.appendChild(label);
      box.appendChild(output);
      box.appendChild(play);
      box.appendChild(allLabel);
    }).addTo(map);
    if (data.time.date) {  // a story step's day: the map opens on it
      all.checked = false;
      range.value = String(Math.max(0, Math.min(total, daysBetween(first, data.time.date))));
    }
    apply();
    return {
      setDate: function (iso) { stop(); all.checked = false; range.value = String(Math.max(0, Math.min(total, daysBetween(first, iso)))); apply(); },
      showAll: function () { stop(); all.checked = true; apply(); },
      visibleLegs: function () { return data.legs.filter(function (l) { return l.group.hasLayer(l.layers[0]); }).map(function (l) { return l.id; }); }
    };
  }

  window.routesTime = {
    build: buildTimeControl, setLegWidth: setLegWidth, renderWidthTable: renderWidthTable, dashFor: dashFor
  };
  window.routesDashFor = dashFor;
})();
