/* routes: a case's story (the scenario's [[story]]). A panel says which step this is, its
 * title and text and the claims it names; the map goes to the step's view, the time control
 * to its day, and legs that none of the step's claims name are dimmed. Arrow keys, Page
 * Up/Down, Space, Home/End and the panel's buttons move between steps (not while an image is
 * shown large); + and - zoom; the URL's #step-N opens one.
 * caption: "full" (all of that), "date" (only the day the map shows, for a slide that carries
 * the text), "none". Text reaches the DOM as text nodes only. */
(function () {
  "use strict";

  function el(tag, className, text) { return window.routesEl(tag, className, text); }

  window.routesStory = function (rm, steps, caption) {
    var map = rm.map, data = rm.data, index = 0;
    caption = caption || "full";
    if (map.keyboard) { map.keyboard.disable(); }  // the arrow keys step the story, not pan
    document.body.classList.add("routes-story-mode", "routes-story-page-" + caption);
    var parts = {};
    var Panel = L.Control.extend({
      options: {position: "topleft"},  // under the title block
      onAdd: function () {
        var box = el("div", "routes-panel routes-story routes-story-caption-" + caption);
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Story");
        parts.where = el("div", "routes-story-where");
        parts.title = el("div", "routes-story-title");
        parts.text = el("div", "routes-story-text");
        parts.title.dir = parts.text.dir = "auto";  // user text, isolated (page.js)
        parts.lines = el("ul", "routes-story-claims");
        parts.date = el("div", "routes-story-date");
        parts.images = el("div", "routes-story-images");
        var nav = el("div", "routes-story-nav");
        parts.prev = el("button", "routes-story-prev", "◀ Back");
        parts.next = el("button", "routes-story-next", "Next ▶");
        [parts.prev, parts.next].forEach(function (b) { b.type = "button"; nav.appendChild(b); });
        parts.prev.setAttribute("aria-label", "Previous step");
        parts.next.setAttribute("aria-label", "Next step");
        parts.prev.addEventListener("click", function () { go(index - 1, true); });
        parts.next.addEventListener("click", function () { go(index + 1, true); });
        [parts.where, parts.title, parts.text, parts.lines, parts.images, parts.date, nav].forEach(function (p) { box.appendChild(p); });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new Panel().addTo(map);

    function highlight(step) {
      var named = {};
      step.claims.forEach(function (id) { named[id] = true; });
      var anyLeg = data.legs.some(function (leg) { return leg.claims.some(function (id) { return named[id]; }); });
      data.legs.forEach(function (leg) {
        var on = !anyLeg || leg.claims.some(function (id) { return named[id]; });
        [leg.line, leg.tickLayer].forEach(function (layer) {
          var path = layer && layer.getElement && layer.getElement();
          if (path) { path.classList.toggle("routes-leg-dim", !on); }
        });
      });
      var hot = {};
      step.events.forEach(function (id) { hot[id] = true; });
      data.events.forEach(function (ev) {
        var path = ev.layer && ev.layer.getElement && ev.layer.getElement();
        if (path) { path.classList.toggle("routes-event-hot", Boolean(hot[ev.id])); }
      });
    }

    function go(i, animate) {
      index = Math.max(0, Math.min(steps.length - 1, i));
      var step = steps[index];
      parts.where.textContent = "Step " + step.n + " of " + steps.length;
      parts.title.textContent = step.title;
      parts.text.textContent = step.text || "";
      parts.text.hidden = !step.text;
      while (parts.lines.firstChild) { parts.lines.removeChild(parts.lines.firstChild); }
      step.lines.forEach(function (line) { parts.lines.appendChild(el("li", null, line)); });
      parts.lines.hidden = !step.lines.length;
      while (parts.images.firstChild) { parts.images.removeChild(parts.images.firstChild); }
      var pictures = window.routesEvidence.figures(step.images, "inset");
      if (pictures) { parts.images.appendChild(pictures); }
      parts.images.hidden = !pictures;
      parts.date.textContent = "Map shows " + (step.date_label || "all dates");
      parts.prev.disabled = index === 0;
      parts.next.disabled = index === steps.length - 1;
      if (rm.time) {
        if (step.date) { rm.time.setDate(step.date); } else { rm.time.showAll(); }
      }
      highlight(step);
      data.view = step.bounds || null;
      data.focus = step.claims;  // the print layout's claims table
      document.body.setAttribute("data-story-step", String(step.n));
      if (window.history && window.history.replaceState && window.location.protocol !== "about:") {
        try { window.history.replaceState(null, "", "#step-" + step.n); } catch (e) { /* a sandboxed frame */ }
      }
      if (document.body.classList.contains("routes-print")) { rm.print(); }  // footer of this step, and refit
      else { rm.refit(Boolean(animate)); }
      return step;
    }

    document.addEventListener("keydown", function (e) {
      var target = e.target && e.target.tagName;
      if (e.altKey || e.ctrlKey || e.metaKey || document.querySelector(".routes-lightbox")) { return; }
      if (target === "INPUT" || target === "SELECT" || target === "TEXTAREA") { return; }
      // +/- zoom as Leaflet's keyboard did (it is off: the arrow keys step the story).
      if (e.key === "+" || e.key === "=") { map.zoomIn(); return; }
      if (e.key === "-" || e.key === "_") { map.zoomOut(); return; }
      // Space on a button, a link or a summary presses it, as everywhere else.
      var pressable = target === "BUTTON" || target === "A" || target === "SUMMARY";
      var moves = {ArrowRight: index + 1, ArrowDown: index + 1, PageDown: index + 1,
                   ArrowLeft: index - 1, ArrowUp: index - 1, PageUp: index - 1, Home: 0, End: steps.length - 1};
      if (!pressable) { moves[" "] = index + 1; }
      if (!Object.prototype.hasOwnProperty.call(moves, e.key)) { return; }
      e.preventDefault();
      if (moves[e.key] !== index) { go(moves[e.key], true); }
    });

    var asked = /^#step-(\d+)$/.exec(window.location.hash || "");
    go(asked ? Number(asked[1]) - 1 : 0, false);
    return {go: go, index: function () { return index; }, count: steps.length};
  };
})();
