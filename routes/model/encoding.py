"""The one coordinate encoding pages carry: quantised deltas as zigzag LEB128 varints, base64.

A line ``[(lon, lat), ...]`` becomes integers in units of a quantum (1e-5 degree for line
files, coarser for the basemap's levels), each point the difference from the one before
(the first from zero), then zigzag varints (most steps take one or two bytes), then base64
text. The page decodes it with one function, ``routesCodec`` in ``static/codec.js``.

>>> delta_ints([(130.3, 42.25), (130.31, 42.2)], 0.01)
[13030, 4225, 1, -5]
>>> varint_text([13030, 4225, 1, -5])
'zMsBgkICCQ=='
"""

from __future__ import annotations

import base64


def delta_ints(coords, quantum: float) -> list[int]:
    """Quantise and delta-encode a line: ``[x0, y0, dx1, dy1, ...]`` in units of ``quantum``;
    points that quantise to the one before are dropped."""
    out: list[int] = []
    last_x = last_y = 0
    for x, y in coords:
        qx, qy = round(x / quantum), round(y / quantum)
        if out and qx == last_x and qy == last_y:
            continue
        out += [qx - last_x, qy - last_y]
        last_x, last_y = qx, qy
    return out


def varint_bytes(values) -> bytes:
    """Zigzag + LEB128 varint encoding of signed integers, vectorised with numpy.

    >>> varint_bytes(__import__("numpy").array([0, -1, 1, 300]))
    b'\\x00\\x01\\x02\\xd8\\x04'
    """
    import numpy

    values = numpy.asarray(values, dtype=numpy.int64)
    zigzag = ((values << 1) ^ (values >> 63)).astype(numpy.uint64)
    lengths = numpy.ones(len(zigzag), dtype=numpy.int64)
    rest = zigzag >> numpy.uint64(7)
    while rest.any():
        lengths += rest > 0
        rest = rest >> numpy.uint64(7)
    out = numpy.zeros(int(lengths.sum()), dtype=numpy.uint8)
    offsets = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
    remaining = zigzag.copy()
    for byte in range(int(lengths.max()) if len(lengths) else 0):
        active = lengths > byte
        chunk = (remaining[active] & numpy.uint64(0x7F)).astype(numpy.uint8)
        more = (lengths[active] > byte + 1).astype(numpy.uint8) << 7
        out[offsets[active] + byte] = chunk | more
        remaining[active] = remaining[active] >> numpy.uint64(7)
    return out.tobytes()


def varint_text(values) -> str:
    """Integers as the page reads them: zigzag varints in base64 text."""
    return base64.b64encode(varint_bytes(values)).decode("ascii")
