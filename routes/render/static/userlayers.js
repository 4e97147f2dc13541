// Layers a notebook adds to routes' map with folium (markers, GeoJSON, its own LayerControl).
// The page includes this script only when the map has such layers, and calls it before routesInit.
(function () {
  "use strict";

  window.routesUserLayers = function (icons) {
    // Leaflet's default marker looks for its images beside leaflet.css, which an inlined page
    // does not have (a broken image, and a request): the images come with the page instead.
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions(icons);

    // One layer switcher. The first made is routes' own; a second, the notebook's LayerControl,
    // replaces it and lists routes' layers first, then its own.
    var make = L.control.layers;
    var own = null;
    L.control.layers = function (baseLayers, overlays, options) {
      if (own === null) {
        own = {control: make(baseLayers, overlays, options), overlays: overlays || {}};
        return own.control;
      }
      own.control.remove();
      var merged = {};
      Object.keys(own.overlays).forEach(function (name) { merged[name] = own.overlays[name]; });
      Object.keys(overlays || {}).forEach(function (name) { merged[name] = overlays[name]; });
      return make(baseLayers, merged, options);
    };
  };
})();
