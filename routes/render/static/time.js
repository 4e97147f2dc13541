/* routes: the time control of a case's map (a date slider, play, all dates) and what a date
 * changes: each leg's state (current, reported before or after, never reported: every leg
 * stays on the map), its width (the claim current that day), which events are drawn, the
 * legend's state rows and the table of which claim sets each width.
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
    // No count in the width's unit at this date: counts in other units current then are listed.
    var also = (leg.also || []).filter(function (o) { return o.span[0] <= iso && iso <= o.span[1]; })
      .map(function (o) { return o.text; });
    var none = (leg.no_count_text || "no count claimed") + " at this date";
    if (also.length) {
      return {px: noCount, short: "also claimed: " + also.join("; "),
        from: "Counted at this date in other units than " + leg.unit + ", listed and not drawn (thinnest line): " + also.join("; ")};
    }
    return {px: noCount, from: none.charAt(0).toUpperCase() + none.slice(1) + " for this leg: thinnest line", short: none};
  }

  // Dashes that read as dashes at any width: dash and gap grow with the stroke (the gap is
  // never narrower than the line, or a wide dashed line looks solid).
  function dashFor(px) {
    return Math.max(10, Math.round(2.5 * px)) + " " + Math.max(7, Math.round(1.6 * px));
  }

  // A leg's state at a date, as the case model decided it (leg.states cut the case's range
  // into days of one state each): "current", "reported" (before or after, not at the date) or
  // "never" (no claim names the leg). iso null: the all-dates view.
  function stateAt(leg, iso) {
    if (iso === null) { return {state: leg.state_all[0], text: leg.state_all[1]}; }
    for (var i = 0; i < leg.states.length; i++) {
      var s = leg.states[i];
      if (s[0] <= iso && iso <= s[1]) { return {state: s[2], text: s[3]}; }
    }
    return {state: leg.state_all[0] === "never" ? "never" : "reported", text: leg.state_all[1]};
  }

  var QUIET_OPACITY = 0.35, FULL_OPACITY = 0.9;
  var QUIET_SHORT = {reported: "not current at this date (thin, quiet)", never: "never reported (thin, quiet, dashed)"};
  var QUIET_FROM = {reported: "No claim naming this leg is current at this date: drawn thin and quiet",
    never: "No claim names this leg: drawn thin, quiet and dashed at every date"};

  // Style a leg for a date: a current leg in full (its width from the claim current then), a
  // leg reported only before or after quiet and thin, a leg nobody reported quiet, thin and
  // dashed. The path says its state (data-state, class routes-leg-STATE); so do the tooltip
  // and the popup.
  function setLegWidth(leg, iso) {
    var st = stateAt(leg, iso), quiet = st.state !== "current";
    var w = quiet ? {px: leg.noCountPx, from: QUIET_FROM[st.state], short: QUIET_SHORT[st.state]} : widthAt(leg, iso, leg.noCountPx);
    var dashed = leg.dashed || st.state === "never";
    leg.currentState = st;
    leg.currentDate = iso;
    leg.currentWidthFrom = w.from;
    leg.currentShort = w.short;
    leg.line.setStyle({weight: w.px, opacity: quiet ? QUIET_OPACITY : FULL_OPACITY,
      dashArray: dashed ? dashFor(w.px) : null, lineCap: dashed ? "butt" : "round"});
    if (leg.tickLayer) { leg.tickLayer.setStyle({opacity: quiet ? QUIET_OPACITY : 0.95, weight: Math.min(1.5, 0.4 * w.px)}); }
    var path = leg.line.getElement ? leg.line.getElement() : null;
    if (path) {
      path.setAttribute("data-state", st.state);
      ["current", "reported", "never"].forEach(function (name) {
        if (name === st.state) { L.DomUtil.addClass(path, "routes-leg-" + name); } else { L.DomUtil.removeClass(path, "routes-leg-" + name); }
      });
    }
    if (leg.hit) { leg.hit.setTooltipContent(el("span", null, leg.tooltip + " · " + st.text)); }
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // "2024-02-23" as "23 Feb 2024" (as the case model writes its dates; no locale).
  function dayLabel(iso) {
    return Number(iso.slice(8, 10)) + " " + MONTHS[Number(iso.slice(5, 7)) - 1] + " " + iso.slice(0, 4);
  }

  // The legend's rows of the leg states: one for each state drawn at the date, under the date
  // they are for (a PNG has no time control to say it; the all-dates rows say "at some date").
  function renderStateRows(rows, legs, iso) {
    if (!rows) { return; }
    if (rows.heading) {
      var heading = iso === null ? "" : "Legs on " + dayLabel(iso) + ":";
      if (rows.heading.textContent !== heading) { rows.heading.textContent = heading; }
      rows.heading.style.display = heading ? "" : "none";
    }
    var shown = {};
    legs.forEach(function (leg) { if (leg.currentState) { shown[leg.currentState.state] = true; } });
    Object.keys(rows).forEach(function (name) {
      if (name === "heading") { return; }
      var r = rows[name], text = iso === null ? r.allText : r.text;
      r.row.style.display = shown[name] && text ? "" : "none";
      r.row.setAttribute("data-state", name);
      if (text && r.label.textContent !== text) { r.label.textContent = text; }
    });
  }

  // Which claim sets each current leg's width, one row per claim (a PNG has no popups): "US Department
  // of State, 23 Feb 2024: Najin (Rajin) port → Dunay; Najin (Rajin) port → Vostochny".
  function renderWidthTable(table, legs) {
    if (!table) { return; }
    var groups = [], byShort = {};
    legs.forEach(function (leg) {
      if (!leg.group || !leg.group.hasLayer(leg.layers[0])) { return; }
      // A quiet leg's width comes from no claim: the legend's state rows say what it is.
      if (leg.currentState && leg.currentState.state !== "current") { return; }
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
        // Every leg stays on the map at every date; its state sets how it is drawn. Arrows
        // show on current legs only.
        setLegWidth(leg, iso);
        var on = leg.currentState.state === "current";
        leg.arrowLayers.forEach(function (m) { show(layers.arrows, m, on); });
      });
      renderStateRows(data.stateRows, data.legs, iso);
      data.events.forEach(function (ev) {
        if (ev.layer) { show(layers.events, ev.layer, iso === null || within(ev.span, iso)); }
      });
      (data.observed || []).forEach(function (ob) {
        if (ob.layer) { show(layers.observed, ob.layer, iso === null || within(ob.span, iso)); }
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
      visibleLegs: function () { return data.legs.filter(function (l) { return l.group.hasLayer(l.layers[0]); }).map(function (l) { return l.id; }); },
      // Each leg's state at the date shown (tests and the story use it): {id: "current"|"reported"|"never"}.
      legStates: function () { var out = {}; data.legs.forEach(function (l) { out[l.id] = l.currentState.state; }); return out; },
      currentLegs: function () { return data.legs.filter(function (l) { return l.currentState.state === "current"; }).map(function (l) { return l.id; }); }
    };
  }

  window.routesTime = {
    build: buildTimeControl, setLegWidth: setLegWidth, renderWidthTable: renderWidthTable, dashFor: dashFor,
    stateAt: stateAt, renderStateRows: renderStateRows
  };
  window.routesDashFor = dashFor;
})();
