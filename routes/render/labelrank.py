"""The label hierarchy: which name a crowded map keeps when two want the same room.

Every label on a case's map gets a ``priority`` (lower first); the page (``static/labels.js``)
places labels in that order and a later label never displaces an earlier one. The tiers, in
order (:data:`TIERS`):

===========  =====================================================================  ==========
tier         labels                                                                 dropped?
===========  =====================================================================  ==========
stop         the case's stops (a leg starts or ends there)                          never
site         other named nodes: ports, depots, sites, airfields, border crossings   never
route-note   "assumed path" written beside a dashed leg                             if no room
city         cities on the route (within :data:`ON_ROUTE_KM`), then capitals, then  if no room
             other cities, each by population, largest first
area         countries and seas: the orientation rank (countries by area, oceans,   if no room
             seas), then countries before seas
station      stations and junctions passed on the way                               if no room
===========  =====================================================================  ==========

A city the route runs through (Novosibirsk, Irkutsk, Khabarovsk on the Trans-Siberian) may show
from the overview's zoom (its ``min_zoom`` is lowered to :data:`ON_ROUTE_MIN_ZOOM`): it is the
name a reader uses to follow the line. Stations and junctions keep their own zoom (from 5),
where they have room.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

#: The tiers of the hierarchy, first (most important) first.
TIERS = ("stop", "site", "route-note", "city", "area", "station")
#: Priorities of one tier lie within this many of its first.
TIER_SPAN = 10_000
#: Node kinds that are stations and junctions (the lowest tier); every other kind is a named site.
STATION_KINDS = frozenset({"station", "junction"})
#: A city this close to a drawn leg is on the route.
ON_ROUTE_KM = 25.0
#: The zoom from which a city on the route may show.
ON_ROUTE_MIN_ZOOM = 2

_EARTH_RADIUS_KM = 6371.0088


def priority(tier: str, order: int = 0) -> int:
    """The priority of the ``order``-th label of a tier (lower is placed first).

    >>> priority("stop") < priority("site", 5) < priority("city") < priority("area") < priority("station")
    True
    """
    if tier not in TIERS:
        raise ValueError(f"label tier {tier!r} is not one of {', '.join(TIERS)}")
    if not 0 <= order < TIER_SPAN:
        raise ValueError(f"label order {order} must be between 0 and {TIER_SPAN - 1}")
    return TIERS.index(tier) * TIER_SPAN + order


def node_tier(node: dict) -> str:
    """``stop``, ``site`` or ``station`` for a node entry of the page (``stop``, ``kind``)."""
    if node["stop"]:
        return "stop"
    return "station" if node["kind"] in STATION_KINDS else "site"


def rank_nodes(nodes: Sequence[dict]) -> list[int]:
    """The label priority of each node entry, in the order given: by tier, then the order of
    the entries (the case's own order), so the same case always ranks alike."""
    counters = dict.fromkeys(TIERS, 0)
    out = []
    for node in nodes:
        tier = node_tier(node)
        out.append(priority(tier, counters[tier]))
        counters[tier] += 1
    return out


#: A station's label shows from this zoom (where stations have room), unless it names a city.
STATION_MIN_ZOOM = 5
#: A station or junction this close to a city of its name stands for that city.
SAME_PLACE_KM = 15.0


def name_cities_at_stations(nodes: Sequence[dict], places: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """One name for a city and the station named for it: ``(label fields per node, places)``.

    A station or junction whose name begins with a city's ("Saratov", "Ulyanovsk" beside the
    cities Saratov and Ulyanovsk) within :data:`SAME_PLACE_KM` takes that city's priority and
    zoom, and the city's own label is left out: the map wrote both names, side by side. Every
    other node gets its priority (:func:`rank_nodes`) and the zoom from which it may show: 0,
    or :data:`STATION_MIN_ZOOM` for stations and junctions.

    ``places`` are :func:`rank_places`' labels; the result's places keep their order.
    """
    fields = [
        {"label_priority": p, "label_min_zoom": STATION_MIN_ZOOM if node_tier(n) == "station" else 0}
        for n, p in zip(nodes, rank_nodes(nodes), strict=True)
    ]
    named = set()
    for node, field in zip(nodes, fields, strict=True):
        if node_tier(node) != "station":
            continue
        lat, lon = node["latlon"]
        for place in places:
            if place["kind"] not in ("city", "capital") or id(place) in named:
                continue
            if not (node["name"] == place["text"] or node["name"].startswith(place["text"] + " ")):
                continue
            if _min_km(place["lon"], place["lat"], [(lon, lat)]) <= SAME_PLACE_KM:
                field.update(label_priority=place["priority"], label_min_zoom=place["min_zoom"])
                named.add(id(place))
                break
    return fields, [p for p in places if id(p) not in named]


def _min_km(lon: float, lat: float, route: Sequence[tuple[float, float]]) -> float:
    """Great-circle distance (spherical Earth) from a point to the nearest route vertex, km."""
    best = math.inf
    lat_r, cos_lat = math.radians(lat), math.cos(math.radians(lat))
    for r_lon, r_lat in route:
        if abs(r_lat - lat) > 1.0:  # more than ~111 km apart: not near
            continue
        d_lat = math.radians(r_lat) - lat_r
        d_lon = math.radians(r_lon - lon)
        h = math.sin(d_lat / 2) ** 2 + cos_lat * math.cos(math.radians(r_lat)) * math.sin(d_lon / 2) ** 2
        best = min(best, 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))))
    return best


def _densified(route: Iterable[Sequence[Sequence[float]]], step_km: float = 10.0) -> list[tuple[float, float]]:
    """The routes' vertices ``(lon, lat)``, with points added so none is more than about
    ``step_km`` from the next (a straight sea leg has few vertices)."""
    out: list[tuple[float, float]] = []
    for line in route:
        points = [(float(lon), float(lat)) for lon, lat in line]
        for (lon0, lat0), (lon1, lat1) in itertools.pairwise(points):
            span_km = math.hypot(
                (lon1 - lon0) * 111.3 * math.cos(math.radians((lat0 + lat1) / 2)), (lat1 - lat0) * 111.3
            )
            steps = max(1, math.ceil(span_km / step_km))
            out += [(lon0 + (lon1 - lon0) * k / steps, lat0 + (lat1 - lat0) * k / steps) for k in range(steps)]
        out += points[-1:]
    return out


def rank_places(places: Sequence[dict], route: Iterable[Sequence[Sequence[float]]]) -> list[dict]:
    """The orientation labels (:func:`routes.render.orientation.orientation_labels`) with a
    ``priority`` each, cities on the route marked ``on_route`` and shown from
    :data:`ON_ROUTE_MIN_ZOOM`; sorted by priority.

    ``route`` is the drawn lines, each a sequence of ``(lon, lat)`` in the places' frame.
    The input is not changed.
    """
    vertices = _densified(route)
    cities, areas = [], []
    for place in places:
        place = dict(place)
        if place["kind"] in ("city", "capital"):
            place["on_route"] = _min_km(place["lon"], place["lat"], vertices) <= ON_ROUTE_KM
            if place["on_route"]:
                place["min_zoom"] = min(place["min_zoom"], ON_ROUTE_MIN_ZOOM)
            cities.append(place)
        else:
            areas.append(place)
    cities.sort(key=lambda p: (not p["on_route"], p["kind"] != "capital", -p["population"], p["text"]))
    areas.sort(key=lambda p: (p["rank"], p["kind"] != "country", p["text"], p["lon"], p["lat"]))
    for order, place in enumerate(cities):
        place["priority"] = priority("city", order)
    for order, place in enumerate(areas):
        place["priority"] = priority("area", order)
    return cities + areas
