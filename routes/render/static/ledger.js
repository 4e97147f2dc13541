/* routes: the claims ledger panel of a case's map: every claim in published order, filtered by
 * claimant and status, and marked when its period is past at the date the map shows.
 * Load order: after page.js and popups.js; defines window.routesLedger. */
(function () {
  "use strict";

  var el = window.routesPage.el, control = window.routesPage.control;
  var claimBlock = window.routesPopups.claimBlock;

  function option(select, value, label) {
    var o = el("option", null, label);
    o.value = value;
    select.appendChild(o);
  }

  function buildLedger(map, data) {
    var rows = [];
    var claimants = [], statuses = [];
    data.ledger.forEach(function (id) {
      var c = data.claims[id];
      if (claimants.indexOf(c.claimant) < 0) { claimants.push(c.claimant); }
      if (statuses.indexOf(c.status_id) < 0) { statuses.push(c.status_id); }
    });
    var state = {claimant: "", status: ""};
    var box;
    control("topright", "routes-ledger", function (panel) {
      box = panel;
      var det = el("details", "routes-ledger-details");
      det.appendChild(el("summary", null, "Claims ledger (" + data.ledger.length + ")"));
      var filters = el("div", "routes-ledger-filters");
      [["claimant", "Claimant", claimants], ["status", "Status", statuses]].forEach(function (f) {
        var label = el("label", null, f[1] + " ");
        var select = el("select", "routes-ledger-filter-" + f[0]);
        select.setAttribute("aria-label", "Filter the claims ledger by " + f[1].toLowerCase());
        option(select, "", "all");
        f[2].forEach(function (v) { option(select, v, v); });
        select.addEventListener("change", function () { state[f[0]] = select.value; apply(); });
        label.appendChild(select);
        filters.appendChild(label);
      });
      det.appendChild(filters);
      var list = el("ol", "routes-ledger-list");
      data.ledger.forEach(function (id) {
        var c = data.claims[id];
        var item = el("li", "routes-ledger-row routes-status-" + c.status_id);
        item.setAttribute("data-claim", id);
        // A row is two lines (when and who, what was claimed); the whole claim opens under it,
        // so a small screen shows several rows at once.
        var head = el("button", "routes-ledger-head");
        head.type = "button";
        head.setAttribute("aria-expanded", "false");
        head.appendChild(el("span", "routes-ledger-when", c.published + " · " + c.claimant));
        head.appendChild(el("span", "routes-ledger-headline", c.headline));
        var block = claimBlock(c);
        block.hidden = true;
        head.addEventListener("click", function () {
          block.hidden = !block.hidden;
          head.setAttribute("aria-expanded", String(!block.hidden));
        });
        item.appendChild(head);
        item.appendChild(block);
        list.appendChild(item);
        rows.push({item: item, claim: c});
      });
      det.appendChild(list);
      det.appendChild(el("div", "routes-note", data.not_summed));
      var seen = window.routesObserved ? window.routesObserved.ledgerRows(data) : [];
      if (seen.length) {  // observations are listed apart: they are not claims
        var obs = el("details", "routes-ledger-observed");
        obs.appendChild(el("summary", null, "Observed (" + seen.length + "): not claims"));
        var olist = el("ol", "routes-ledger-observed-list");
        seen.forEach(function (r) {
          var li = el("li", "routes-ledger-observed-row", r.text);
          li.setAttribute("data-observed", r.id);
          olist.appendChild(li);
        });
        obs.appendChild(olist);
        det.appendChild(obs);
      }
      panel.appendChild(det);
    }).addTo(map);
    var current = null;
    function apply() {
      rows.forEach(function (r) {
        var show = (!state.claimant || r.claim.claimant === state.claimant) && (!state.status || r.claim.status_id === state.status);
        r.item.hidden = !show;
        var now = current === null || (r.claim.span[0] <= current && current <= r.claim.span[1]);
        r.item.classList.toggle("routes-ledger-past", !now);
      });
    }
    return {
      setDate: function (iso) { current = iso; apply(); },
      visibleIds: function () { return rows.filter(function (r) { return !r.item.hidden; }).map(function (r) { return r.claim.id; }); },
      element: function () { return box; }
    };
  }

  window.routesLedger = {build: buildLedger};
})();
