/* routes codec: the one coordinate encoding of every page (routes/model/encoding.py). Integers arrive
 * as base64 text of zigzag LEB128 varints; a line is its points' deltas in units of a quantum,
 * [x0, y0, dx1, dy1, ...] in lon, lat order. Both page kinds decode with these two functions. */
(function () {
  "use strict";

  // base64 -> bytes -> zigzag varints -> signed integers (an Int32Array of count, if given).
  function varints(b64, count) {
    var raw = atob(b64), out = count === undefined ? [] : new Int32Array(count), value = 0, shift = 0, n = 0;
    for (var i = 0; i < raw.length; i++) {
      var byte = raw.charCodeAt(i);
      value += (byte & 0x7F) * Math.pow(2, shift);
      if (byte & 0x80) { shift += 7; continue; }
      out[n++] = (value % 2) ? -(value + 1) / 2 : value / 2;
      value = 0; shift = 0;
    }
    return out;
  }

  // An encoded line as Leaflet's [lat, lon] points.
  function line(b64, quantum) {
    var deltas = varints(b64), out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < deltas.length; i += 2) {
      x += deltas[i]; y += deltas[i + 1];
      out.push([y * quantum, x * quantum]);
    }
    return out;
  }

  window.routesCodec = {varints: varints, line: line};
})();
