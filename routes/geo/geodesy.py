"""Geodesic geometry on the WGS84 ellipsoid: densifying, measuring, the antimeridian.

Every length in routes is geodesic (:class:`pyproj.Geod`), never in degrees or Web Mercator
metres. Lines are densified along geodesics so that the line measured, tested and drawn is
the same. Longitudes stay in [-180, 180] in data; :func:`unwrap` (for drawing) and
:func:`split_antimeridian` (for RFC 7946 output) are the only places that handle the 180th
meridian.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from pyproj import Geod

#: The ellipsoid every measurement uses.
GEOD = Geod(ellps="WGS84")

LonLat = tuple[float, float]


def distance_km(a: LonLat, b: LonLat) -> float:
    """Geodesic distance between two ``(lon, lat)`` points, in km."""
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def length_km(coords: Sequence[LonLat]) -> float:
    """Geodesic length of a line through ``(lon, lat)`` points, in km."""
    if len(coords) < 2:
        return 0.0
    lons, lats = zip(*coords)
    return GEOD.line_length(lons, lats) / 1000.0


def densify(coords: Sequence[LonLat], max_step_km: float) -> list[LonLat]:
    """Insert points along the geodesics between ``coords`` so no step exceeds ``max_step_km``.

    The original points are kept; inserted points lie on the geodesic, so the length is
    unchanged.

    Examples
    --------
    >>> line = densify([(130.0, 42.0), (132.0, 43.0)], 10.0)
    >>> round(length_km(line), 3) == round(distance_km((130.0, 42.0), (132.0, 43.0)), 3)
    True
    """
    if max_step_km <= 0:
        raise ValueError("max_step_km must be positive")
    result: list[LonLat] = []
    for a, b in pairwise(coords):
        result.append((a[0], a[1]))
        step = distance_km(a, b)
        extra = math.ceil(step / max_step_km) - 1
        if extra > 0:
            result.extend(GEOD.npts(a[0], a[1], b[0], b[1], extra))
    if coords:
        result.append((coords[-1][0], coords[-1][1]))
    return result


def unwrap(coords: Sequence[LonLat]) -> list[LonLat]:
    """Make longitudes continuous (e.g. 179 then 181) so a line is drawn the short way.

    Web maps draw a segment from 179° to -179° across the whole world; after unwrapping it
    runs from 179° to 181°.
    """
    result: list[LonLat] = []
    for lon, lat in coords:
        if result:
            previous = result[-1][0]
            lon += 360.0 * round((previous - lon) / 360.0)
        result.append((lon, lat))
    return result


def split_antimeridian(coords: Sequence[LonLat]) -> list[list[LonLat]]:
    """Split a line where it crosses 180°, as RFC 7946 asks; longitudes end in [-180, 180].

    A point exactly on 180° ends one part and starts the next, with the sign of each side.
    Returns one part per side crossed (one part if the line never crosses).
    """
    line = unwrap(coords)
    if len(line) < 2:
        return [[(_wrap(x), y) for x, y in line]]
    parts: list[list[LonLat]] = [[]]
    for index, (lon, lat) in enumerate(line):
        if index:
            lon0, lat0 = line[index - 1]
            edge = _crossed_meridian(lon0, lon)
            if edge is not None:
                lat_edge = _crossing_latitude((lon0, lat0), (lon, lat), edge)
                parts[-1].append((_wrap(edge, side=lon0), lat_edge))
                parts.append([(_wrap(edge, side=lon), lat_edge)])
        if (
            _on_edge(lon)
            and 0 < index < len(line) - 1
            and _side(line[index - 1][0], lon) != _side(line[index + 1][0], lon)
        ):
            parts[-1].append((_wrap(lon, side=line[index - 1][0]), lat))
            parts.append([(_wrap(lon, side=line[index + 1][0]), lat)])
            continue
        neighbour = line[index - 1][0] if index else line[index + 1][0]
        parts[-1].append((_wrap(lon, side=neighbour if _on_edge(lon) else None), lat))
    return [p for p in parts if len(p) >= 2]


def _crossing_latitude(a: LonLat, b: LonLat, edge: float) -> float:
    """The latitude at which the geodesic from ``a`` to ``b`` (unwrapped longitudes) meets the
    meridian ``edge``.

    Found on the geodesic itself, by bisection along it: a straight line in longitude and
    latitude would put the crossing tens of km off the geodesic near a pole, and the parts
    would no longer add up to the line.
    """
    azimuth, _, metres = GEOD.inv(a[0], a[1], b[0], b[1])
    low, high = 0.0, metres
    lat = a[1] + (b[1] - a[1]) * (edge - a[0]) / (b[0] - a[0])
    for _ in range(60):
        middle = (low + high) / 2.0
        lon, lat, _ = GEOD.fwd(a[0], a[1], azimuth, middle)
        # Longitude changes monotonically along a geodesic; unwrap it next to a's.
        lon = a[0] + (lon - a[0] + 180.0) % 360.0 - 180.0
        if (lon - edge) * (b[0] - a[0]) < 0:
            low = middle
        else:
            high = middle
        if high - low < 1e-3:
            break
    return lat


def _on_edge(lon: float) -> bool:
    return abs((lon + 180.0) % 360.0) < 1e-9 or abs((lon + 180.0) % 360.0 - 360.0) < 1e-9


def _side(neighbour: float, edge: float) -> int:
    """-1 if ``neighbour`` lies west of the edge meridian ``edge``, +1 if east."""
    return -1 if neighbour < edge else 1


def _crossed_meridian(lon0: float, lon1: float) -> float | None:
    """The odd multiple of 180 between two unwrapped longitudes, if any."""
    low, high = sorted((lon0, lon1))
    k = math.floor((high + 180.0) / 360.0)
    edge = 360.0 * k - 180.0
    return edge if low < edge < high else None


def _wrap(lon: float, side: float | None = None) -> float:
    """A longitude in [-180, 180]; on the 180 line, ``side`` (a neighbouring longitude in the
    same unwrapped frame) says which sign it takes."""
    wrapped = (lon + 180.0) % 360.0 - 180.0
    if _on_edge(lon):
        if side is None:
            return 180.0 if lon > 0 else -180.0
        return 180.0 if side < lon else -180.0
    return wrapped
