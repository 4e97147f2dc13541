/* routes: evidence images (a claim's, an event's, a story step's). Each is a figure: the
 * picture from its data: URL (nothing else is ever loaded), its caption, what it shows and its
 * credit line (credit, licence, date). A click on a picture opens a larger view; a click or
 * Escape closes it. Text reaches the DOM as text nodes only. */
(function () {
  "use strict";

  function el(tag, className, text) { return window.routesEl(tag, className, text); }

  var pool = {};  // the page's images, each once: ref -> data URL (routesEvidence.use)

  function safeSrc(image) {
    var src = image && pool[image.ref];
    return typeof src === "string" && /^data:image\/(jpeg|png);base64,[A-Za-z0-9+\/=]+$/.test(src) ? src : null;
  }

  function closeLightbox() {
    var open = document.querySelector(".routes-lightbox");
    if (open) { open.parentNode.removeChild(open); }
    document.removeEventListener("keydown", onKey, true);
  }

  function onKey(e) {
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); closeLightbox(); }
  }

  function openLightbox(image) {
    closeLightbox();
    var box = el("div", "routes-lightbox");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", image.caption);
    var figure = el("figure", "routes-lightbox-figure");
    var img = el("img");
    img.src = safeSrc(image);
    img.alt = image.caption;
    figure.appendChild(img);
    figure.appendChild(caption(image));
    box.appendChild(figure);
    box.addEventListener("click", closeLightbox);
    document.body.appendChild(box);
    document.addEventListener("keydown", onKey, true);
  }

  function caption(image) {
    var text = el("figcaption", null);
    text.appendChild(el("span", "routes-evidence-caption", image.caption));
    if (image.shows) { text.appendChild(el("span", "routes-evidence-shows", " — " + image.shows)); }
    text.appendChild(el("span", "routes-evidence-credit", " (" + image.credit + ")"));
    return text;
  }

  // A figure per image; size "thumb" (popups, ledger) or "inset" (a story step).
  function figures(images, size) {
    var box = el("div", "routes-evidence routes-evidence-" + size);
    (images || []).forEach(function (image) {
      var src = safeSrc(image);
      if (!src) { return; }
      var figure = el("figure", null);
      var img = el("img");
      img.src = src;
      img.alt = image.caption;
      img.width = image.w; img.height = image.h;  // the box is known before it decodes
      img.title = "Click for a larger view";
      img.addEventListener("click", function (e) { e.stopPropagation(); openLightbox(image); });
      figure.appendChild(img);
      figure.appendChild(caption(image));
      box.appendChild(figure);
    });
    return box.childNodes.length ? box : null;
  }

  window.routesEvidence = {figures: figures, close: closeLightbox,
                           use: function (images) { pool = images || {}; }};
})();
