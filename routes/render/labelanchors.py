"""Where an area's name may go: points well inside it, each with the room it has around it.

A country's or a sea's name is written centred on a point; that point must lie inside the
area (a sea's in its own water, a country's in the country), and where the map is crowded
(the route runs through the middle of the area, a panel covers it) the name needs somewhere
else to go that is still inside. :func:`area_anchors` gives those places: the centres of
circles inscribed in the area, found in Web Mercator (EPSG:3857, the page's projection) so
that "room" means room on screen. The first is the largest inscribed circle; each next one is
the largest circle in what remains once a disc of twice the last radius (or another
``spacing``) is taken out, so the
anchors spread over the area instead of crowding its middle. The page
(``static/labels.js``) tries them in order and takes the first where the name fits on screen,
clear of the route and of other labels; it never moves a name off its anchor.

Each anchor is ``(lon, lat, radius_m)``: ``radius_m`` in Web Mercator metres, which the page
turns into pixels at its zoom (256 * 2**zoom / 40,075,016.69 pixels a metre).
"""

from __future__ import annotations

import functools
import math

#: Web Mercator's extent (metres from the origin to the edge, EPSG:3857).
MERCATOR_HALF_M = 20_037_508.342789244
#: Latitudes beyond which Web Mercator is not used (it has no poles).
MERCATOR_LAT = 85.0


@functools.cache
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs(4326, 3857, always_xy=True)


def to_mercator(geometry):
    """A lon/lat shapely geometry in Web Mercator metres (clipped to +-85 degrees)."""
    import numpy
    import shapely

    transformer = _transformer()
    geometry = geometry.intersection(shapely.box(-180.0, -MERCATOR_LAT, 180.0, MERCATOR_LAT))
    return shapely.transform(geometry, lambda c: numpy.column_stack(transformer.transform(c[:, 0], c[:, 1])))


def from_mercator(x_m: float, y_m: float) -> tuple[float, float]:
    """``(lon, lat)`` of a Web Mercator point."""
    lon, lat = _transformer().transform(x_m, y_m, direction="INVERSE")
    return float(lon), float(lat)


def inscribed_circles(
    projected, *, most: int, smallest_share: float, smallest_m: float = 0.0, spacing: float = 2.0
) -> list:
    """``(x_m, y_m, radius_m)`` of up to ``most`` circles inscribed in a Web Mercator area.

    The first is the largest inscribed circle; each next one is the largest in what is left
    once a disc of ``spacing`` times the previous radius around the previous centre is taken out. Circles
    smaller than ``smallest_share`` of the first, or than ``smallest_m``, end the list.
    """
    import shapely

    circles: list[tuple[float, float, float]] = []
    left = shapely.make_valid(projected)
    while len(circles) < most and not left.is_empty:
        polygons = [g for g in getattr(left, "geoms", [left]) if g.geom_type == "Polygon" and g.area > 0]
        if not polygons:
            break
        best = None
        for polygon in sorted(polygons, key=lambda g: -g.area)[:12]:  # the largest pieces hold the largest circles
            tolerance = max(math.sqrt(polygon.area) / 400, 1.0)
            line = shapely.maximum_inscribed_circle(polygon, tolerance=tolerance)
            centre = line.coords[0]
            radius = line.length
            if best is None or radius > best[2]:
                best = (centre[0], centre[1], radius)
        if best is None or best[2] <= 0:
            break
        if circles and best[2] < smallest_share * circles[0][2]:
            break
        if best[2] < smallest_m:
            break
        circles.append(best)
        left = left.difference(shapely.Point(best[0], best[1]).buffer(spacing * best[2], quad_segs=8))
    return circles


def area_anchors(
    geometry, *, most: int = 5, smallest_share: float = 0.3, smallest_m: float = 0.0, spacing: float = 2.0
) -> list[list[float]]:
    """Anchors ``[lon, lat, radius_m]`` for an area given in lon/lat, largest room first.

    ``lon``/``lat`` are rounded to 4 decimals (about 10 m) and ``radius_m`` to whole metres,
    so the same area always gives the same bytes.

    >>> import shapely
    >>> two = shapely.MultiPolygon([shapely.Point(12, 42).buffer(2), shapely.Point(22, 42).buffer(1.5)])
    >>> [[round(v) for v in anchor[:2]] for anchor in area_anchors(two, most=3)]
    [[12, 42], [22, 42]]
    """
    projected = to_mercator(geometry)
    if projected.is_empty:
        return []
    circles = inscribed_circles(
        projected, most=most, smallest_share=smallest_share, smallest_m=smallest_m, spacing=spacing
    )
    anchors = []
    for x_m, y_m, radius_m in circles:
        lon, lat = from_mercator(x_m, y_m)
        anchors.append([round(lon, 4), round(lat, 4), float(round(radius_m))])
    return anchors
