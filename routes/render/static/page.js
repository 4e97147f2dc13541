/* routes page library: what both page kinds (a case's map, a bulk line file) build their panels
 * with. Every piece of text reaches the DOM as a text node (textContent), in an element with
 * dir="auto": the text is isolated, so right-to-left words in it cannot reorder the words
 * around it (bidi controls and invisible characters arrive as visible escapes such as <U+202E>,
 * routes/model/hiddentext.py); links only get http(s) URLs. No innerHTML, no template
 * literals, no eval. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); node.dir = "auto"; }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function safeHref(url) {
    return (typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url)) ? url : null;
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = String(text);
    return div.innerHTML;
  }

  function field(parent, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var row = el("div", "routes-field");
    row.appendChild(el("span", "routes-field-label", label + ": "));
    if (value instanceof Node) { row.appendChild(value); } else { row.appendChild(el("span", null, value)); }
    parent.appendChild(row);
  }

  function control(position, className, build) {
    var Ctl = L.Control.extend({
      options: {position: position},
      onAdd: function () {
        var box = el("div", "routes-panel " + className);
        build(box);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    return new Ctl();
  }

  function legendRow(box, sample, text) {
    var row = el("div", "routes-legend-row");
    row.appendChild(sample);
    row.appendChild(el("span", null, text));
    box.appendChild(row);
    return row;
  }

  window.routesPage = {el: el, svg: svg, safeHref: safeHref, escapeHtml: escapeHtml, field: field,
                       control: control, legendRow: legendRow};
  window.routesEl = el;  // the name inset.js and print.js use
})();
