"""Where a country's name goes: label points of the Natural Earth countries routes ships.

The Natural Earth admin-0 polygons (``countries-50m``, public domain) carry Natural Earth's
short names ("North Korea", "Bosnia and Herz."). A country's label point is the centre of the
largest inscribed circle of its largest part (by geodesic area), found in Web Mercator
(EPSG:3857, the page's projection) so it sits where the name has most room on screen, and
never outside the country as a bounding-box centre can. On a given map,
:func:`country_anchors` gives the places the name may go: centres of circles inscribed in the
country's pieces inside the view (Russia's on a map of the Caspian), unless they are slivers. Crimea, which
the shipped Natural Earth 4.1 polygons draw inside Russia, never carries the name "Russia".

The label points depend only on the shipped polygons, so ``scripts/build_labels.py`` computes
them once and ships them (``data/labels/countries.json``, with the polygons' SHA-256);
:func:`country_table` reads that file and computes afresh only if the polygons changed.
Which countries a map names, and how prominently, is :mod:`routes.render.orientation`'s business.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from shapely.geometry.base import BaseGeometry

#: The polygons the shipped table is computed from, and its columns.
TABLE_SOURCE = "naturalearth/countries-50m.geojson"
TABLE_COLUMNS = ("name", "lon", "lat", "area_km2", "west", "south", "east", "north")


def country_geometry(name: str) -> BaseGeometry:
    """A Natural Earth country's polygons, by its name (Natural Earth's names are unique)."""
    from routes.load.naturalearth import feature_geometry

    return feature_geometry("countries-50m", name)


def country_names() -> list[str]:
    """The Natural Earth countries' names, in the shipped file's order."""
    from routes.load.naturalearth import feature_names

    return feature_names("countries-50m")


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


def compute_label_point(name: str) -> tuple[float, float, float]:
    """``(lon, lat, area_km2)`` of a Natural Earth country, computed from its polygons.

    The point is the centre of the largest circle inscribed, in Web Mercator, in the country's
    largest part; the area is geodesic over all its parts. :func:`country_label_point` reads
    the same figures from the shipped table.
    """
    from pyproj import Geod

    geometry = country_geometry(name)
    geod = Geod(ellps="WGS84")
    parts = list(getattr(geometry, "geoms", [geometry]))
    areas = [abs(geod.geometry_area_perimeter(part)[0]) for part in parts]
    lon, lat, _ = _inscribed_centre(parts[areas.index(max(areas))])
    return lon, lat, sum(areas) / 1e6


def compute_table() -> dict:
    """The shipped table (``data/labels/countries.json``) as :func:`country_table` reads it:
    every country's label point, geodesic area and bounding box, with the hash of the
    polygons they come from. ``scripts/build_labels.py`` writes it."""
    return {
        "source": TABLE_SOURCE,
        "source_sha256": source_sha256(),
        "columns": list(TABLE_COLUMNS),
        "rows": [
            [name, *compute_label_point(name), *(float(v) for v in country_geometry(name).bounds)]
            for name in country_names()
        ],
    }


def source_sha256() -> str:
    """SHA-256 of the shipped country polygons (:data:`TABLE_SOURCE`)."""
    import hashlib

    from routes.load.bundled import bundled_path

    return hashlib.sha256(bundled_path(*TABLE_SOURCE.split("/")).read_bytes()).hexdigest()


@functools.cache
def country_table() -> dict[str, tuple[float, ...]]:
    """``{name: (lon, lat, area_km2, west, south, east, north)}`` for every Natural Earth country.

    Read from ``data/labels/countries.json``, which ``scripts/build_labels.py`` computes from
    the polygons once; computed here instead (about a second) if that file is missing or was
    made from other polygons than those shipped (its ``source_sha256`` differs).
    """
    import json

    from routes.load.bundled import bundled_path

    try:
        shipped = json.loads(bundled_path("labels", "countries.json").read_text(encoding="utf-8"))
        fresh = shipped["source_sha256"] == source_sha256() and shipped["columns"] == list(TABLE_COLUMNS)
    except (OSError, ValueError, KeyError, TypeError):
        fresh = False
    table = shipped if fresh else compute_table()
    return {str(row[0]): tuple(float(v) for v in row[1:]) for row in table["rows"]}


def country_label_point(name: str) -> tuple[float, float, float]:
    """``(lon, lat, area_km2)`` of a Natural Earth country: where its name goes, and its size.

    The point is the centre of the largest circle inscribed, in Web Mercator, in the country's
    largest part; the area is geodesic over all its parts (:func:`compute_label_point`, done
    once when the data is built: see :func:`country_table`).

    >>> lon, lat, area_km2 = country_label_point("Norway")
    >>> 8 < lon < 13 and 60 < lat < 66, 300_000 < area_km2 < 400_000
    (True, True)
    """
    lon, lat, area_km2 = country_table()[name][:3]
    return lon, lat, area_km2


def country_bounds(name: str) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a Natural Earth country's polygons, in degrees."""
    west, south, east, north = country_table()[name][3:]
    return west, south, east, north


#: A country piece inside the map whose inscribed circle is smaller than this share of the
#: map's smaller side (in Web Mercator) is a sliver at the edge and gets no name.
SLIVER = 0.03


#: Parts of a country's Natural Earth polygon that never carry its name: Natural Earth 4.1 (the
#: shipped world-atlas polygons) draws Crimea, annexed in 2014, inside Russia; a map of claims
#: about Russia must not write "Russia" across it. (west, south, east, north) in degrees.
_NOT_NAMED = {"Russia": (32.0, 44.0, 36.8, 46.3)}


def _named_geometry(name: str):
    """A country's polygons less the parts that never carry its name (:data:`_NOT_NAMED`)."""
    import shapely

    geometry = country_geometry(name)
    if name in _NOT_NAMED:  # leave out the parts whose claim routes does not label
        keep = [
            part
            for part in getattr(geometry, "geoms", [geometry])
            if not shapely.box(*_NOT_NAMED[name]).contains(part.representative_point())
        ]
        geometry = shapely.MultiPolygon(keep) if keep else shapely.Polygon()
    return geometry


def _pieces_in_view(
    name: str, west_lon_degree: float, width_lon_degree: float, south_lat_degree: float, north_lat_degree: float
) -> list:
    """The polygons of a country inside a view, each in the -180..180 frame (a view across the
    antimeridian is cut there)."""
    import shapely

    geometry = _named_geometry(name)
    pieces = []
    for turn in (-360.0, 0.0, 360.0):
        west = max(west_lon_degree + turn, -180.0)
        east = min(west_lon_degree + width_lon_degree + turn, 180.0)
        if west < east:
            piece = geometry.intersection(shapely.box(west, south_lat_degree, east, north_lat_degree))
            pieces += [g for g in getattr(piece, "geoms", [piece]) if g.geom_type == "Polygon" and g.area > 0]
    return pieces


#: Anchors a country's name may take on one map (see :func:`country_anchors`).
ANCHORS_MOST = 6


@functools.cache
def country_anchors(
    name: str, west_lon_degree: float, width_lon_degree: float, south_lat_degree: float, north_lat_degree: float
) -> tuple[tuple[float, float, float], ...]:
    """Where a country's name may go on a map of the given view: ``(lon, lat, radius_m)``, largest room first.

    The centres of circles inscribed, in Web Mercator, in the country's pieces inside the view
    (:func:`routes.render.labelanchors.area_anchors`), so the name always sits inside the
    country; where the view cuts the country, pieces that are slivers at the map's edge (a
    circle under :data:`SLIVER` of the view's smaller side) give none. Longitudes are in the -180..180 frame.
    """
    import shapely

    from routes.render.labelanchors import area_anchors

    pieces = _pieces_in_view(name, west_lon_degree, width_lon_degree, south_lat_degree, north_lat_degree)
    if not pieces:
        return ()
    # Only a country the view cuts can leave a sliver: a small country wholly inside keeps its name.
    whole = sum(p.area for p in pieces) >= 0.999 * _named_geometry(name).area
    smallest_m = 0.0 if whole else SLIVER * _view_side_m(width_lon_degree, south_lat_degree, north_lat_degree)
    anchors = area_anchors(shapely.MultiPolygon(pieces), most=ANCHORS_MOST, smallest_share=0.15, smallest_m=smallest_m)
    return tuple((a[0], a[1], a[2]) for a in anchors)


def _view_side_m(width_lon_degree: float, south_lat_degree: float, north_lat_degree: float) -> float:
    """The smaller side of a view, in Web Mercator metres."""
    y_south, y_north = (
        _mercator().transform(0.0, max(-85.0, min(85.0, lat)))[1] for lat in (south_lat_degree, north_lat_degree)
    )
    return min(width_lon_degree / 360 * 2 * 20_037_508.34, y_north - y_south)
