"""A locator globe: the Earth seen from above the map's middle, with the map's area outlined,
for readers who do not know the region (``routes render --locator``).

The land is Natural Earth 1:110m (shipped, public domain) in the orthographic projection
centred on the area. Land on the far side of the globe is pressed onto the rim, so a
continent that runs over the horizon ends at it. Returns SVG path data in a square of
``size`` pixels; the page draws it (``routes.js``). No user text is involved.
"""

from __future__ import annotations

import functools
import math

import numpy

#: Points on a ring of the map's frame, per side.
_FRAME_STEPS = 24
#: A frame narrower than this on the globe (px) is marked by a ring round it as well.
_SPOT_PX = 8.0
#: A route whose extent has a shorter diagonal than this (km) spans less than a continent, and
#: a print layout adds the locator by default (``locator="auto"``). For scale (general
#: knowledge, rounded): Europe west of the Urals is about 4,000 km across, Asia about 8,500 km
#: east to west; the 9,000 km route from Najin to Tikhoretsk has a diagonal of about 6,300 km.
CONTINENT_KM = 8000.0


def wants_locator(extent: tuple[float, float, float, float], locator: bool | str) -> bool:
    """Whether a page of ``extent`` (west, south, east, north) gets the locator: ``True`` or
    ``False`` as asked, ``"auto"`` when the extent is smaller than a continent.

    >>> wants_locator((40.0, 42.0, 131.0, 56.0), "auto"), wants_locator((-170.0, -50.0, 170.0, 70.0), "auto")
    (True, False)
    """
    if locator not in (True, False, "auto"):
        raise ValueError(f"locator must be True, False or 'auto', not {locator!r}")
    if locator != "auto":
        return bool(locator)
    from routes.geo.geodesy import distance_km

    west, south, east, north = extent
    return east - west < 180.0 and distance_km((west, south), (east, north)) < CONTINENT_KM


def _orthographic(lon, lat, lon0: float, lat0: float):
    """Unit-sphere orthographic x, y (north up) and whether each point faces the viewer."""
    lam, phi = numpy.radians(lon) - math.radians(lon0), numpy.radians(lat)
    phi0 = math.radians(lat0)
    x = numpy.cos(phi) * numpy.sin(lam)
    y = math.cos(phi0) * numpy.sin(phi) - math.sin(phi0) * numpy.cos(phi) * numpy.cos(lam)
    near = math.sin(phi0) * numpy.sin(phi) + math.cos(phi0) * numpy.cos(phi) * numpy.cos(lam) >= 0
    return x, y, near


def _path(x, y, near, size: float, closed: bool) -> str:
    r = size / 2 - 1
    # A point behind the globe goes onto the rim, in its own direction from the centre.
    norm = numpy.hypot(x, y)
    scale = numpy.where(near, 1.0, 1.0 / numpy.maximum(norm, 1e-9))
    px, py = size / 2 + r * x * scale, size / 2 - r * y * scale
    if not near.any():
        return ""
    parts = [f"{'M' if i == 0 else 'L'}{a:.1f} {b:.1f}" for i, (a, b) in enumerate(zip(px, py))]
    return "".join(parts) + ("Z" if closed else "")


@functools.cache
def _land_rings() -> tuple[numpy.ndarray, ...]:
    from shapely.geometry import mapping

    from routes.load.naturalearth import load_geometry

    land = load_geometry("land-110m")
    rings = []
    for polygon in getattr(land, "geoms", [land]):
        for ring in mapping(polygon)["coordinates"]:
            rings.append(numpy.asarray(ring, dtype=float)[:, :2])
    return tuple(rings)


def locator(bounds: tuple[float, float, float, float], *, size: int = 120) -> dict:
    """SVG path data of a locator globe for a map spanning ``bounds`` (west, south, east, north).

    >>> globe = locator((38.0, 41.0, 135.0, 58.0))
    >>> globe["size"], globe["frame"].startswith("M"), len(globe["land"]) > 10
    (120, True, True)
    """
    west, south, east, north = bounds
    if east < west:
        east += 360.0
    lon0, lat0 = (west + east) / 2, (south + north) / 2
    land = []
    for ring in _land_rings():
        x, y, near = _orthographic(ring[:, 0], ring[:, 1], lon0, lat0)
        d = _path(x, y, near, size, True)
        if d:
            land.append(d)
    steps = numpy.linspace(0.0, 1.0, _FRAME_STEPS)
    lons = numpy.concatenate(
        [
            west + (east - west) * steps,
            numpy.full(_FRAME_STEPS, east),
            east - (east - west) * steps,
            numpy.full(_FRAME_STEPS, west),
        ]
    )
    lats = numpy.concatenate(
        [
            numpy.full(_FRAME_STEPS, south),
            south + (north - south) * steps,
            numpy.full(_FRAME_STEPS, north),
            north - (north - south) * steps,
        ]
    )
    x, y, near = _orthographic(lons, lats, lon0, lat0)
    # A frame a few pixels wide on the globe (a crossing's 13 km) would not show: a ring marks it.
    across = (size / 2 - 1) * max(float(numpy.ptp(x)), float(numpy.ptp(y)))
    return {
        "size": size,
        "land": land,
        "frame": _path(x, y, near, size, True),
        "centre": [round(lat0, 3), round(lon0, 3)],
        "spot": across < _SPOT_PX,
    }
