"""Where a country's name goes: label points of the Natural Earth countries routes ships.

The Natural Earth admin-0 polygons (``countries-50m``, public domain) carry Natural Earth's
short names ("North Korea", "Bosnia and Herz."). A country's label point is the centre of the
largest inscribed circle of its largest part (by geodesic area), found in Web Mercator
(EPSG:3857, the page's projection) so it sits where the name has most room on screen, and
never outside the country as a bounding-box centre can. When that point is off the map
(Russia's on a map of the Caspian), :func:`clipped_label_point` gives the same kind of centre
of the country's largest piece inside the view, unless that piece is a sliver. Crimea, which
the shipped Natural Earth 4.1 polygons draw inside Russia, never carries the name "Russia".
Which countries a map names, and how prominently, is :mod:`routes.render.orientation`'s business.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from shapely.geometry.base import BaseGeometry


@functools.cache
def country_geometries() -> dict[str, BaseGeometry]:
    """Natural Earth country polygons by name (Natural Earth's names are unique)."""
    from routes.load.naturalearth import load_layer

    layer = load_layer("countries-50m")
    return {str(name): geometry for name, geometry in zip(layer["name"], layer.geometry)}


@functools.cache
def _mercator():
    from pyproj import Transformer

    return Transformer.from_crs(4326, 3857, always_xy=True)


def _inscribed_centre(polygon) -> tuple[float, float, float]:
    """``(lon, lat, radius_m)`` of the largest circle inscribed in a lon/lat polygon, in Web Mercator."""
    import numpy
    import shapely

    transformer = _mercator()
    # Web Mercator has no poles: keep to its latitudes (only Antarctica reaches past them).
    polygon = polygon.intersection(shapely.box(-180, -85, 180, 85))
    projected = shapely.transform(polygon, lambda c: numpy.column_stack(transformer.transform(c[:, 0], c[:, 1])))
    if projected.geom_type != "Polygon":  # the clip can split a part
        projected = max((g for g in projected.geoms if g.geom_type == "Polygon"), key=lambda g: g.area)
    circle = shapely.maximum_inscribed_circle(projected, tolerance=max(math.sqrt(projected.area) / 500, 1.0))
    lon, lat = transformer.transform(*circle.coords[0], direction="INVERSE")
    return float(lon), float(lat), float(circle.length)


@functools.cache
def country_label_point(name: str) -> tuple[float, float, float]:
    """``(lon, lat, area_km2)`` of a Natural Earth country: where its name goes, and its size.

    The point is the centre of the largest circle inscribed, in Web Mercator, in the country's
    largest part; the area is geodesic over all its parts. Cached per country.

    >>> lon, lat, area_km2 = country_label_point("Norway")
    >>> 8 < lon < 13 and 60 < lat < 66, 300_000 < area_km2 < 400_000
    (True, True)
    """
    from pyproj import Geod

    geometry = country_geometries()[name]
    geod = Geod(ellps="WGS84")
    parts = list(getattr(geometry, "geoms", [geometry]))
    areas = [abs(geod.geometry_area_perimeter(part)[0]) for part in parts]
    lon, lat, _ = _inscribed_centre(parts[areas.index(max(areas))])
    return lon, lat, sum(areas) / 1e6


#: A country piece inside the map whose inscribed circle is smaller than this share of the
#: map's smaller side (in Web Mercator) is a sliver at the edge and gets no name.
SLIVER = 0.03


#: Parts of a country's Natural Earth polygon that never carry its name: Natural Earth 4.1 (the
#: shipped world-atlas polygons) draws Crimea, annexed in 2014, inside Russia; a map of claims
#: about Russia must not write "Russia" across it. (west, south, east, north) in degrees.
_NOT_NAMED = {"Russia": (32.0, 44.0, 36.8, 46.3)}


@functools.cache
def clipped_label_point(
    name: str, west_lon_degree: float, width_lon_degree: float, south_lat_degree: float, north_lat_degree: float
) -> tuple[float, float] | None:
    """Where a country's name goes on a map showing only the given view, or None.

    The view runs east from ``west_lon_degree`` over ``width_lon_degree`` (which may wrap the
    antimeridian), between the two latitudes.

    For a country whose own label point is off the map (Russia's lies north of a map of its
    southern border): the centre of the largest circle inscribed, in Web Mercator, in the
    largest piece of the country inside the view; None for a sliver (see :data:`SLIVER`).
    """
    import shapely

    geometry = country_geometries()[name]
    if name in _NOT_NAMED:  # leave out the parts whose claim routes does not label
        keep = [
            part
            for part in getattr(geometry, "geoms", [geometry])
            if not shapely.box(*_NOT_NAMED[name]).contains(part.representative_point())
        ]
        geometry = shapely.MultiPolygon(keep) if keep else shapely.Polygon()
    pieces = []
    for turn in (-360.0, 0.0, 360.0):  # the view in the frame of -180..180, cut at the antimeridian
        west = max(west_lon_degree + turn, -180.0)
        east = min(west_lon_degree + width_lon_degree + turn, 180.0)
        if west < east:
            piece = geometry.intersection(shapely.box(west, south_lat_degree, east, north_lat_degree))
            pieces += [g for g in getattr(piece, "geoms", [piece]) if g.geom_type == "Polygon" and g.area > 0]
    if not pieces:
        return None
    y_south, y_north = (
        _mercator().transform(0.0, max(-85.0, min(85.0, lat)))[1] for lat in (south_lat_degree, north_lat_degree)
    )
    side_m = min(width_lon_degree / 360 * 2 * 20_037_508.34, y_north - y_south)
    best = None
    for piece in pieces:
        try:
            candidate = _inscribed_centre(piece)
        except ValueError:  # a piece entirely beyond 85 degrees
            continue
        if best is None or candidate[2] > best[2]:
            best = candidate
    if best is None or best[2] < SLIVER * side_m:
        return None
    return best[0], best[1]
