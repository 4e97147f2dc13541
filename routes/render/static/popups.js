/* routes: the popups of a case's map (a leg with the claims covering it, a node, an event),
 * the claim block the ledger and the title block reuse, and popups that fit the screen.
 * Every piece of text reaches the DOM as a text node.
 * Load order: after page.js and evidence.js; defines window.routesPopups. */
(function () {
  "use strict";

  var page = window.routesPage;
  var el = page.el, field = page.field;

  function sourceRefs(numbers) {
    var span = el("span", "routes-refs");
    numbers.forEach(function (n, i) {
      if (i) { span.appendChild(document.createTextNode(" ")); }
      span.appendChild(el("span", "routes-ref", "[" + n + "]"));
    });
    return span;
  }

  // How a claim is known to concern the leg whose popup shows it.
  function coverageText(claim, coverage) {
    if (coverage === "named") { return "named by the claimant (sets this leg's width and dates)"; }
    if (coverage === "attributed") {
      return "attributed by the data's author" + (claim.attribution ? ": " + claim.attribution : "") +
        " (the claimant named no leg; not drawn as volume)";
    }
    return null;
  }

  function claimBlock(claim, coverage) {
    var box = el("div", "routes-claim routes-status-" + claim.status_id);
    box.appendChild(el("div", "routes-claim-headline", claim.headline));
    if (claim.summary) { box.appendChild(el("div", "routes-claim-summary", claim.summary)); }
    field(box, "Coverage", coverageText(claim, coverage));
    field(box, "Kind", claim.kind);
    field(box, "Period", claim.period);
    field(box, "Claimant", claim.claimant);
    field(box, "Published", claim.published);
    field(box, "Evidence", claim.evidence);
    field(box, "Status", claim.status);
    field(box, "Vessels", claim.vessels);
    if (claim.timeline) {
      var t = el("div", "routes-field routes-timeline routes-timeline-" + claim.timeline.verdict);
      t.appendChild(el("span", "routes-field-label", "Timeline: "));
      t.appendChild(el("span", null, claim.timeline.text));
      box.appendChild(t);
    }
    if (claim.quote) { box.appendChild(el("blockquote", "routes-quote", "“" + claim.quote + "”")); }
    if (claim.note) { box.appendChild(el("div", "routes-note", claim.note)); }
    var pictures = window.routesEvidence.figures(claim.images, "thumb");
    if (pictures) { box.appendChild(pictures); }
    field(box, "Sources", sourceRefs(claim.sources));
    return box;
  }

  // Claims in a popup: what was seen in imagery or assessed first, then claims, unverified
  // posts last; within each, claims that name the leg before attributed ones, then by date.
  var STATUS_ORDER = {observed: 0, assessed: 1, claimed: 2, unverified: 3};
  function orderedClaims(ids, data, coverage) {
    return ids.slice().sort(function (a, b) {
      var ca = data.claims[a], cb = data.claims[b];
      var sa = STATUS_ORDER[ca.status_id], sb = STATUS_ORDER[cb.status_id];
      if (sa !== sb) { return (sa === undefined ? 9 : sa) - (sb === undefined ? 9 : sb); }
      if (ca.published_iso !== cb.published_iso) { return ca.published_iso < cb.published_iso ? -1 : 1; }
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }

  function legPopup(leg, data) {
    var box = el("div", "routes-popup");
    box.appendChild(el("div", "routes-popup-title", leg.title));
    box.appendChild(el("div", "routes-popup-subtitle", leg.subtitle));
    box.appendChild(el("div", "routes-basis", leg.basis));
    if (leg.note) { box.appendChild(el("div", "routes-note", leg.note)); }
    if (leg.route_note) { box.appendChild(el("div", "routes-note", leg.route_note)); }
    // The leg's state at the date shown (decided in the case model): current, reported before
    // or after ("last reported 23 Feb 2024"), or never reported.
    var st = leg.currentState || {state: leg.state_all[0], text: leg.state_all[1]};
    var when = leg.currentDate ? "On " + leg.currentDate + ": " : "All dates: ";
    var stateLine = el("div", "routes-leg-state routes-leg-state-" + st.state, when + st.text);
    stateLine.setAttribute("data-state", st.state);
    box.appendChild(stateLine);
    // A leg on a shared track (tracks.js draws it beside the others) names every leg running beside it.
    if (leg.track) {
      var beside = [leg].concat(leg.track.beside.map(function (i) { return data.legs[i]; }));
      box.appendChild(el("div", "routes-note routes-shared-track", "On a shared track, drawn side by side (" + beside.length +
        " legs): " + beside.map(function (other) { return other.title + (other === leg ? " (this leg)" : ""); }).join("; ")));
    }
    // What was observed on the leg (AIS port calls), apart from the claims: never a claim.
    if (leg.observed) { box.appendChild(el("div", "routes-note routes-leg-observed", "Observed: " + leg.observed)); }
    var widthNote = leg.currentWidthFrom || leg.width_from;
    if (widthNote) { box.appendChild(el("div", "routes-note routes-width-from", widthNote)); }
    leg.vessels.forEach(function (v) {
      var row = el("div", "routes-field");
      row.appendChild(el("span", "routes-field-label", "Vessel: "));
      row.appendChild(el("span", null, v.name + (v.detail ? " — " + v.detail : "") + " "));
      row.appendChild(sourceRefs(v.sources));
      box.appendChild(row);
    });
    if (leg.claims.length) {
      box.appendChild(el("div", "routes-section", "Claims covering this leg (" + leg.claims.length + ")"));
      orderedClaims(leg.claims, data).forEach(function (id) { box.appendChild(claimBlock(data.claims[id], leg.coverage[id])); });
      box.appendChild(el("div", "routes-note", data.not_summed));
    } else {
      box.appendChild(el("div", "routes-note", "No claim covers this leg."));
    }
    return box;
  }

  function nodePopup(node) {
    var box = el("div", "routes-popup");
    box.appendChild(el("div", "routes-popup-title", node.name));
    node.details.forEach(function (d) { box.appendChild(el("div", "routes-field", d)); });
    return box;
  }

  function eventPopup(ev) {
    var box = el("div", "routes-popup");
    box.appendChild(el("div", "routes-popup-title", ev.title));
    box.appendChild(el("div", "routes-popup-subtitle", ev.when));
    if (ev.description) { box.appendChild(el("div", "routes-field", ev.description)); }
    var pictures = window.routesEvidence.figures(ev.images, "thumb");
    if (pictures) { box.appendChild(pictures); }
    field(box, "Sources", sourceRefs(ev.sources));
    return box;
  }

  // A popup fits the screen (a phone too) and is drawn above every panel while it is open.
  function fitPopups(map) {
    map.on("popupopen", function (e) {
      var c = map.getContainer();
      e.popup.options.maxWidth = Math.min(440, c.clientWidth - 80);  // the frame and its margins take about 50 px
      e.popup.options.minWidth = Math.min(220, c.clientWidth - 60);
      e.popup.options.maxHeight = Math.max(120, c.clientHeight - 90);
      e.popup.options.autoPanPadding = L.point(12, 12);
      e.popup.update();
      c.classList.add("routes-popup-open");
    });
    map.on("popupclose", function () { map.getContainer().classList.remove("routes-popup-open"); });
  }

  window.routesPopups = {
    claimBlock: claimBlock, legPopup: legPopup, nodePopup: nodePopup, eventPopup: eventPopup, fitPopups: fitPopups
  };
})();
