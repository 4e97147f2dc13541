"""Sea routes between any two points at sea, over the world's shipping lanes (MARNET).

The lanes are the MARNET-based network that ships in the ``searoute`` package
(``searoute/data/marnet_searoute.geojson``; its credit and terms are :data:`CREDIT` and
:data:`TERMS`). routes reads only that data, once, into its own graph (networkx), with every
edge weighted by its geodesic length in km; it never calls searoute's routing.

:func:`world_sea_line` joins two points by way of the network (two points in open water
less than 1,000 km apart are joined straight):

- **Ends.** Each point joins the network at one of its :data:`SNAP_CANDIDATES` nearest
  vertices, or at the nearest point of a lane that meets them, within :data:`MAX_SNAP_KM`
  (farther from every lane there is no line): the way in that crosses least land, then
  gives the shortest route (A* over the lanes from every way in to every way out). MARNET is
  coarse near coasts: the nearest vertex is often behind a headland, or in the next sea.
- **Land.** An approach, or a lane, whose geodesic crosses land beyond the port's approach
  zone (:data:`APPROACH_KM`) is redrawn around it through open water: a search on a local
  grid (land dear, cells at the coast dearer than open water), then the fewest straight
  legs that stay clear of the exact land (:mod:`routes.geo.landcheck`); what still crosses land
  on the joined line is redrawn once more.
- **Inland waterways.** The Suez, Panama and Corinth canals, and lanes that run mostly over
  the 1:50m land polygons (rivers, lakes such as the Great Lakes), are waterways those
  polygons do not open: their length is :attr:`SeaLine.inland_km`, not land.
- **Land figures.** :attr:`SeaLine.over_land_km` is what remains over land (1:10m where
  shipped, else 1:50m) outside the approaches and the inland waterways.
- **Passages.** MARNET's Arctic lanes (``northwest``) are avoided by default, as searoute
  does; ``avoid`` takes any of :func:`world_passages`.

The network is loaded on first use (about a second) and kept; lines, ways into the network
and lanes redrawn round land are cached.
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from routes.geo.geodesy import GEOD, LonLat, distance_km, length_km, unwrap
from routes.geo.landcheck import Stretch, land_cells, land_stretches, longest_km, segment_stretches, total_km

#: Land within this distance of either end, along the line, is the port's approach and is
#: not counted: ports stand on the coast, often inside the 1:50m land or up an estuary.
APPROACH_KM = 15.0
#: A point farther than this from every vertex of the network has no sea line.
MAX_SNAP_KM = 500.0
#: How many of the nearest network vertices each end may join.
SNAP_CANDIDATES = 8
#: A lane over land for more than this share of its length is an inland waterway.
INLAND_SHARE = 0.5
#: Passages of MARNET that are canals (their land is an inland waterway).
CANALS = frozenset({"suez", "panama"})
#: Canals MARNET does not name, by the box (west, south, east, north) that holds them and
#: the land at their ends: a lane whose land lies all inside is an inland waterway, and is
#: named as a passage. The Corinth Canal: 6.4 km, 37°56′N 22°59′E (Wikipedia, "Corinth Canal").
CANAL_AREAS = {"corinth": (22.90, 37.88, 23.08, 38.00)}
#: Passages avoided unless asked otherwise: MARNET's Arctic lanes north of the Bering Strait
#: and through the Canadian archipelago (``northwest``), as in searoute.
AVOID = frozenset({"northwest"})

CREDIT = (
    "Sea lanes: MARNET network as shipped in searoute-py 1.6 (Gent Halili, Apache-2.0), "
    "derived from Eurostat's SeaRoute (EUPL-1.2) and the Oak Ridge National Laboratory "
    "CTA Global Shipping Lane Network (2000)"
)
TERMS = (
    "searoute-py, code and data, is licensed under the Apache License 2.0 "
    "(https://github.com/genthalili/searoute-py/blob/main/LICENCE.txt); its network comes from "
    "Eurostat's SeaRoute, licensed under the EUPL 1.2 (https://github.com/eurostat/searoute), whose "
    "network is based on Oak Ridge National Laboratory's Global Shipping Lane Network, World, 2000, "
    "enriched with lines from AIS data. Not for navigation. See LICENSES/searoute-MARNET-NOTICE.txt."
)

_EARTH_KM = 6371.0088  # mean radius, for the search's lower bound only
_LOWER_BOUND = 0.99  # geodesic / spherical distance is at least 0.994 on WGS84
_SNAP_LAND_PENALTY = 50.0  # km of route one km of land on an approach is worth, when choosing
_LANE_LAND_PENALTY = 2.0  # extra km per km of land on a lane, which is redrawn around it
_GRID_CELLS = 36  # cells along the longer side of a detour's search grid
_GRID_LAND_COST = 500.0  # a km through a land cell costs this many km through water
_GRID_COAST_COST = 3.0  # ... and through a water cell that touches land
_FREE_SHARE = 0.7  # share of the approach zone that the grid treats as free, as the crow flies
_LOCAL_KM = 150.0  # a line longer than this is redrawn only around its land
_NEAR_ZERO_KM = 1e-3
_DIRECT_MAX_KM = 1000.0  # two points closer than this may be joined straight, if no land is between
_REFINED_CANDIDATES = 2  # at most this many approaches behind land are redrawn (twice as many if none is clear)


@dataclass(frozen=True)
class SeaLine:
    """A sea line from ``start`` to ``end`` over the world's lanes.

    Attributes
    ----------
    coords
        ``(lon, lat)`` points from start to end, joined by geodesics; longitudes unwrapped
        (continuous: a line across 180° goes 179.5, 180.4), starting at the start's longitude.
    km
        Geodesic length.
    over_land_km, longest_land_km
        Land the line crosses (1:10m where shipped, else 1:50m), in all and its longest
        stretch, not counting the first and last :data:`APPROACH_KM` and the inland waterways.
    land
        Those stretches of land, in order (position along the line, km, representative point).
    inland_km
        Length of the canals, rivers and lakes the line follows (the land polygons do not open them).
    passages
        MARNET's names for the straits and canals passed, in order (``suez``, ``bosporus``, …).
    """

    coords: tuple[LonLat, ...]
    km: float
    over_land_km: float
    longest_land_km: float
    land: tuple[Stretch, ...]
    inland_km: float
    passages: tuple[str, ...]

    def __post_init__(self):
        if len(self.coords) < 2:
            raise ValueError(f"a sea line needs at least two points, got {len(self.coords)}")
        if not 0 <= self.longest_land_km <= self.over_land_km + _NEAR_ZERO_KM:
            raise ValueError(f"longest land stretch {self.longest_land_km} km exceeds the total {self.over_land_km} km")


@dataclass(frozen=True)
class NetworkSummary:
    """Size of the world sea network."""

    vertices: int
    edges: int
    lanes_km: float
    inland_edges: int

    def text(self) -> str:
        return (
            f"{self.vertices:,} vertices, {self.edges:,} lanes, {self.lanes_km:,.0f} km of lanes "
            f"({self.inland_edges:,} of them inland waterways)"
        )


def world_sea_line(start: LonLat, end: LonLat, *, avoid: Iterable[str] = AVOID) -> SeaLine | None:
    """The shortest sea line from ``start`` to ``end`` (``(lon, lat)``) over the world's lanes.

    ``avoid`` names MARNET passages the line must not use (see :func:`world_passages`); by
    default the Arctic lanes MARNET calls ``northwest``, ice-bound most of the year, as
    searoute itself does. Returns None when either point is more than :data:`MAX_SNAP_KM`
    from every lane.

    Examples
    --------
    >>> line = world_sea_line((53.37, 36.85), (47.52, 42.98))  # Amirabad -> Makhachkala
    >>> 700 < line.km < 900, line.over_land_km <= 2.0, line.passages
    (True, True, ())
    """
    for name, point in (("start", start), ("end", end)):
        lon, lat = point
        if not (math.isfinite(lon) and math.isfinite(lat) and -90.0 <= lat <= 90.0):
            raise ValueError(f"{name} {point!r} is not a (lon, lat) position; give longitude then latitude in degrees")
    return _route((float(start[0]), float(start[1])), (float(end[0]), float(end[1])), frozenset(avoid))


@functools.lru_cache(maxsize=1024)
def _route(start: LonLat, end: LonLat, avoid: frozenset[str]) -> SeaLine | None:
    network = _network()
    unknown = sorted(avoid - network.passages)
    if unknown:
        raise ValueError(
            f"unknown passage {unknown[0]!r} in avoid; MARNET's passages are {', '.join(sorted(network.passages))}"
        )
    starts, ends = network.snap(start), network.snap(end)
    if not starts or not ends:
        return None
    direct = _direct(start, end)
    found = network.search(starts, ends, end, avoid)
    if direct is not None and (found is None or direct[1] <= found[0]):
        return _sea_line(start, [start, end], [False, False], ())
    if found is None:  # pragma: no cover - the network is one connected component
        return None
    _, first, vertices, last = found
    points, into = list(first.coords), [False, *first.flags]
    passages: list[str] = []
    for u, v in pairwise(vertices):
        edge = network.edge(u, v)
        coords = network.edge_coords(u, v)
        points.extend(coords[1:])
        into.extend([edge.inland] * (len(coords) - 1))
        if edge.passage and (not passages or passages[-1] != edge.passage):
            passages.append(edge.passage)
    points.extend(reversed(last.coords[:-1]))
    into.extend(reversed(last.flags))
    return _sea_line(start, points, into, tuple(passages))


def world_passages() -> frozenset[str]:
    """The names MARNET gives its straits, canals and passages (for ``avoid``)."""
    return _network().passages


def world_network_summary() -> NetworkSummary:
    """The world network's size (loads it)."""
    network = _network()
    return NetworkSummary(
        network.graph.number_of_nodes(), network.graph.number_of_edges(), sum(network.km), sum(network.inland)
    )


def _direct(start: LonLat, end: LonLat) -> tuple[list[LonLat], float] | None:
    """The straight line, when it is short (at most :data:`_DIRECT_MAX_KM`) and crosses no
    land outside the approaches (at most a quarter of its length at each end)."""
    km = distance_km(start, end)
    if km > _DIRECT_MAX_KM:
        return None
    if total_km(land_stretches([start, end], skip_ends_km=min(APPROACH_KM, km / 4.0))) > 0:
        return None
    return [start, end], km


def _sea_line(start: LonLat, points: list[LonLat], into: list[bool], passages: tuple[str, ...]) -> SeaLine:
    """The line through ``points`` (``into[k]``: the step to ``points[k]`` follows an inland
    waterway), with what still crosses land redrawn around it, measured."""
    coords, flags = _joined(points, into)  # flags[i]: the step from coords[i] follows an inland waterway
    steps = _cumulative_km(coords)
    stretches = _stretches(coords, flags, steps)
    if stretches:
        for stretch in reversed(stretches):
            coords, flags = _repaired(coords, flags, stretch)
        steps = _cumulative_km(coords)
        stretches = _stretches(coords, flags, steps)
    inland_km = sum(b - a for a, b, flag in zip(steps, steps[1:], flags) if flag)
    return SeaLine(
        tuple(coords), steps[-1], total_km(stretches), longest_km(stretches), tuple(stretches), inland_km, passages
    )


def _stretches(coords: list[LonLat], flags: list[bool], steps: list[float] | None = None) -> list[Stretch]:
    """Land on a line outside its approaches and its inland waterways."""
    steps = steps or _cumulative_km(coords)
    excluded = [(a, b) for a, b, flag in zip(steps, steps[1:], flags) if flag]
    return land_stretches(coords, skip_ends_km=APPROACH_KM, excluding=excluded)


def _repaired(coords: list[LonLat], flags: list[bool], stretch: Stretch) -> tuple[list[LonLat], list[bool]]:
    """The line with the part around one stretch of land redrawn through water, if that
    crosses less land (never across an inland waterway)."""
    steps = _cumulative_km(coords)
    total = steps[-1]
    margin = max(15.0, stretch.km)
    low, high = max(0.0, stretch.start_km - margin), min(total, stretch.end_km + margin)
    first = next(i for i, km in enumerate(steps) if km > low)  # first vertex after low
    last = max(i for i, km in enumerate(steps) if km < high)  # last vertex before high
    if any(flags[first - 1 : last + 1]):
        return coords, flags
    p, q = _point_along(coords, steps, first - 1, low), _point_along(coords, steps, last, high)
    window = [p, *coords[first : last + 1], q]
    free_start, free_end = max(0.0, APPROACH_KM - low), max(0.0, APPROACH_KM - (total - high))
    if free_end > 0 and free_start <= 0:
        detour = list(reversed(water_path(q, p, free_km=free_end)))
    else:
        detour = water_path(p, q, free_km=free_start)
    free = [(0.0, free_start)] if free_start > 0 else []

    def land(line):
        length = length_km(line)
        cut = free + ([(length - free_end, length)] if free_end > 0 else [])
        return total_km(land_stretches(line, excluding=cut))

    if land(detour) >= land(window) - _NEAR_ZERO_KM:
        return coords, flags
    points = [*coords[:first], *unwrap([window[0], *detour[1:]]), *coords[last + 1 :]]
    into = [False, *flags[: first - 1], *[False] * (len(detour) + 1), *flags[last + 1 :]]
    return _joined(points, into)


def _joined(points: list[LonLat], into: list[bool]) -> tuple[list[LonLat], list[bool]]:
    """Points without repeats, and the flags of the steps between them (``into[k]`` is the
    flag of the step that ends at ``points[k]``)."""
    coords, flags = [points[0]], []
    for point, flag in zip(points[1:], into[1:]):
        if distance_km(coords[-1], point) > 1e-6:
            coords.append(point)
            flags.append(flag)
    if len(coords) == 1:  # start and end are one point
        coords.append(points[-1])
        flags.append(False)
    return unwrap(coords), flags


def _point_along(coords: list[LonLat], steps: list[float], index: int, km: float) -> LonLat:
    """The point ``km`` from the line's start, on its step ``index`` (from coords[index])."""
    a, b = coords[index], coords[index + 1]
    offset = km - steps[index]
    if offset <= 1e-9:
        return a
    azimuth = GEOD.inv(a[0], a[1], b[0], b[1])[0]
    lon, lat, _ = GEOD.fwd(a[0], a[1], azimuth, offset * 1000.0)
    return (a[0] + (lon - a[0] + 180.0) % 360.0 - 180.0, lat)


def _cumulative_km(coords: Sequence[LonLat]) -> list[float]:
    import numpy as np

    xy = np.asarray(coords, dtype=float)
    km = GEOD.inv(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])[2] / 1000.0
    return np.concatenate([[0.0], np.cumsum(km)]).tolist()


@dataclass(frozen=True)
class _Edge:
    km: float
    land_km: float
    passage: str | None
    inland: bool


@dataclass(frozen=True)
class _Approach:
    """A way from a point into the network, ending at a vertex: straight or round land to
    the network, then perhaps along part of a lane. ``flags`` tells for each step whether it
    follows an inland waterway; ``land_km`` is the land counted off the network."""

    vertex: int
    coords: tuple[LonLat, ...]
    flags: tuple[bool, ...]
    km: float
    land_km: float

    @property
    def cost(self) -> float:
        return self.km + _SNAP_LAND_PENALTY * self.land_km


@dataclass(frozen=True)
class _Entry:
    """Where an approach meets the network (a vertex, or a point on a lane), and the ways
    on from there to vertices: ``(vertex, points after the entry, their flags)``."""

    point: LonLat
    km: float
    exits: tuple[tuple[int, tuple[LonLat, ...], tuple[bool, ...]], ...]


class _Network:
    """The MARNET lanes as a networkx graph on integer vertices, with arrays for the search."""

    def __init__(self):
        import importlib.resources
        import json

        import networkx
        import numpy as np

        text = (importlib.resources.files("searoute.data") / "marnet_searoute.geojson").read_text(encoding="utf-8")
        index: dict[LonLat, int] = {}
        pairs: dict[tuple[int, int], str | None] = {}
        for feature in json.loads(text)["features"]:
            geometry = feature["geometry"]
            lines = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
            passage = (feature.get("properties") or {}).get("passage")
            for line in lines:
                ids = [index.setdefault(_key(point), len(index)) for point in line]
                for u, v in pairwise(ids):
                    if u != v:
                        pair = (min(u, v), max(u, v))
                        if pairs.get(pair) is None:
                            pairs[pair] = passage
        self.points = list(index)
        xy = np.asarray(self.points, dtype=float)
        lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
        self.xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
        self._xyz = [tuple(row) for row in self.xyz.tolist()]
        first = np.array([p[0] for p in pairs])
        second = np.array([p[1] for p in pairs])
        km = GEOD.inv(xy[first, 0], xy[first, 1], xy[second, 0], xy[second, 1])[2] / 1000.0
        land, canal = _lane_land(xy[first], xy[second])
        graph: networkx.Graph[int] = networkx.Graph()
        for i, (lon_i, lat_i) in enumerate(self.points):
            graph.add_node(i, lon=lon_i, lat=lat_i)
        self.km, self.inland = [], []
        for (a, b), passage, length, land_km, area in zip(pairs, pairs.values(), km.tolist(), land, canal):
            passage = passage or area
            inland = land_km > INLAND_SHARE * length or (passage in CANALS.union(CANAL_AREAS) and land_km > 0)
            graph.add_edge(a, b, km=length, land_km=land_km, passage=passage, inland=inland)
            self.km.append(length)
            self.inland.append(inland)
        self.graph = graph
        self.passages = frozenset(d["passage"] for _, _, d in graph.edges(data=True) if d["passage"])
        self._adjacent = [
            [
                (b, d["km"] + (0.0 if d["inland"] else _LANE_LAND_PENALTY * d["land_km"]), d["passage"])
                for b, d in graph.adj[a].items()
            ]
            for a in range(len(self.points))
        ]

    def edge(self, u: int, v: int) -> _Edge:
        data = self.graph.edges[u, v]
        return _Edge(data["km"], data["land_km"], data["passage"], data["inland"])

    def edge_coords(self, u: int, v: int) -> list[LonLat]:
        """The lane from vertex ``u`` to ``v``: straight, or redrawn around the land it crosses."""
        data = self.graph.edges[u, v]
        if data["inland"] or data["land_km"] <= 0:
            return [self.points[u], self.points[v]]
        coords = _lane_detour(min(u, v), max(u, v))
        return list(coords) if u < v else list(reversed(coords))

    def nearest(self, point: LonLat, count: int) -> list[tuple[int, float]]:
        import numpy as np

        lon, lat = math.radians(point[0]), math.radians(point[1])
        target = np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)])
        dots = self.xyz @ target
        best = np.argpartition(-dots, count)[:count]
        return [(int(i), distance_km(point, self.points[i])) for i in best[np.argsort(-dots[best])]]

    def lane_entries(self, point: LonLat, vertices: list[int], nearest_km: float) -> list[_Entry]:
        """The nearest points of the lanes that meet ``vertices``, where nearer than
        ``nearest_km`` (the nearest vertex) and inside the lane; lanes redrawn round land
        are left out."""
        import numpy as np

        lanes = sorted({(min(a, b), max(a, b)) for a in vertices for b in self.graph.adj[a]})
        lanes = [(a, b) for a, b in lanes if self.graph.edges[a, b]["inland"] or self.graph.edges[a, b]["land_km"] <= 0]
        if not lanes:
            return []
        xy = np.asarray(self.points, dtype=float)
        a, b = xy[[p[0] for p in lanes]], xy[[p[1] for p in lanes]]
        azimuth, _, metres = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
        low, high = np.zeros(len(lanes)), np.ones(len(lanes))
        samples = 17
        for _ in range(3):
            t = low[:, None] + (high - low)[:, None] * np.linspace(0.0, 1.0, samples)[None, :]
            n = t.size
            lon, lat, _ = GEOD.fwd(
                np.repeat(a[:, 0], samples),
                np.repeat(a[:, 1], samples),
                np.repeat(azimuth, samples),
                (t * metres[:, None]).ravel(),
            )
            d = GEOD.inv(np.full(n, point[0]), np.full(n, point[1]), lon, lat)[2].reshape(t.shape)
            k = np.argmin(d, axis=1)
            step = (high - low) / (samples - 1)
            best = t[np.arange(len(lanes)), k]
            low, high = np.maximum(0.0, best - step), np.minimum(1.0, best + step)
        km = d[np.arange(len(lanes)), k] / 1000.0
        entries = []
        for (u, v), f, dist, x, y in zip(
            lanes,
            best,
            km,
            lon.reshape(t.shape)[np.arange(len(lanes)), k],
            lat.reshape(t.shape)[np.arange(len(lanes)), k],
        ):
            if 0.001 < f < 0.999 and dist < nearest_km - 1.0:
                inland = self.graph.edges[u, v]["inland"]
                entries.append(
                    _Entry(
                        (float(x), float(y)),
                        float(dist),
                        ((u, (self.points[u],), (inland,)), (v, (self.points[v],), (inland,))),
                    )
                )
        return entries

    def snap(self, point: LonLat) -> list[_Approach]:
        return _snap(self, (round(point[0], 6), round(point[1], 6)))

    def search(self, starts: list[_Approach], ends: list[_Approach], goal: LonLat, avoid: frozenset[str]):
        """A* from the start approaches to the end approaches; ``(cost, first, vertices, last)``."""
        lon, lat = math.radians(goal[0]), math.radians(goal[1])
        gx, gy, gz = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
        scale = _LOWER_BOUND * _EARTH_KM
        xyz = self._xyz

        def bound(i: int) -> float:
            x, y, z = xyz[i]
            return scale * math.acos(max(-1.0, min(1.0, x * gx + y * gy + z * gz)))

        exits: dict[int, _Approach] = {}
        for approach in ends:
            if approach.vertex not in exits or approach.cost < exits[approach.vertex].cost:
                exits[approach.vertex] = approach
        cost: dict[int, float] = {}
        came: dict[int, int | _Approach] = {}
        heap: list[tuple[float, float, int]] = []
        for approach in starts:
            if approach.cost < cost.get(approach.vertex, math.inf):
                cost[approach.vertex] = approach.cost
                came[approach.vertex] = approach
                heapq.heappush(heap, (approach.cost + bound(approach.vertex), approach.cost, approach.vertex))
        best, best_vertex = math.inf, None
        done = set()
        adjacent = self._adjacent
        while heap:
            f, g, u = heapq.heappop(heap)
            if f >= best:
                break
            if u in done:
                continue
            done.add(u)
            if u in exits and g + exits[u].cost < best:
                best, best_vertex = g + exits[u].cost, u
            for v, w, passage in adjacent[u]:
                if passage is not None and passage in avoid:
                    continue
                g_v = g + w
                if g_v < cost.get(v, math.inf):
                    cost[v] = g_v
                    came[v] = u
                    heapq.heappush(heap, (g_v + bound(v), g_v, v))
        if best_vertex is None:
            return None
        vertices = [best_vertex]
        step = came[best_vertex]
        while not isinstance(step, _Approach):
            vertices.append(step)
            step = came[step]
        first = step
        vertices.reverse()
        return best, first, vertices, exits[best_vertex]


@functools.cache
def _network() -> _Network:
    return _Network()


def _key(point: Sequence[float]) -> LonLat:
    """A vertex's position with its longitude in (-180, 180], so 180 and -180 are one vertex."""
    lon = round((point[0] + 180.0) % 360.0 - 180.0, 6)
    return (180.0 if lon == -180.0 else lon, round(point[1], 6))


def _lane_land(a, b) -> tuple[list[float], list[str | None]]:
    """Land km on each lane ``a[i] -> b[i]``, and the canal of :data:`CANAL_AREAS` that holds
    all of it (or None)."""
    land, canal = [], []
    for stretches in segment_stretches(a, b):
        land.append(total_km(stretches))
        canal.append(
            next(
                (
                    name
                    for name, (west, south, east, north) in CANAL_AREAS.items()
                    if stretches and all(west <= s.lon <= east and south <= s.lat <= north for s in stretches)
                ),
                None,
            )
        )
    return land, canal


@functools.lru_cache(maxsize=4096)
def _snap(network: _Network, point: LonLat) -> list[_Approach]:
    """The ways from ``point`` into the network, cheapest first (cached: ports recur).

    Entries are the :data:`SNAP_CANDIDATES` nearest vertices and the nearest points of the
    lanes that meet them, when nearer than any vertex. Approaches that cross land beyond the
    port's approach zone and are shorter than every clear one are redrawn round the land."""
    near = [(v, km) for v, km in network.nearest(point, 4 * SNAP_CANDIDATES) if km <= MAX_SNAP_KM]
    if not near:
        return []
    entries = [_Entry(network.points[v], km, ((v, (), ()),)) for v, km in near[:SNAP_CANDIDATES]]
    entries += network.lane_entries(point, [v for v, _ in near[:SNAP_CANDIDATES]], near[0][1])
    lands = _approach_land(point, entries)
    if all(land > 0 for land in lands):  # all behind land: look farther, for a clear way out
        farther = [_Entry(network.points[v], km, ((v, (), ()),)) for v, km in near[SNAP_CANDIDATES:]]
        entries += farther
        lands += _approach_land(point, farther)
    clear = min((e.km for e, land in zip(entries, lands) if land <= 0), default=math.inf)
    behind = sorted((e.km, i) for i, (e, land) in enumerate(zip(entries, lands)) if land > 0 and e.km < clear)
    ways: dict[int, tuple[tuple[LonLat, ...], float, float]] = {
        i: ((point, e.point), e.km, land) for i, (e, land) in enumerate(zip(entries, lands))
    }
    found = clear  # the shortest clear way in so far; a way redrawn round land is no shorter than straight
    for km, i in behind[: _REFINED_CANDIDATES if clear < math.inf else 2 * _REFINED_CANDIDATES]:
        if km >= found:
            break
        coords = tuple(water_path(point, entries[i].point, free_km=APPROACH_KM))
        ways[i] = (coords, length_km(coords), _counted_land(coords, APPROACH_KM))
        if ways[i][2] <= 0:
            found = min(found, ways[i][1])
    approaches = []
    for i, entry in enumerate(entries):
        coords, km, land = ways[i]
        for vertex, tail, flags in entry.exits:
            line = (*coords, *tail)
            approaches.append(
                _Approach(
                    vertex,
                    line,
                    (False,) * (len(coords) - 1) + flags,
                    km + (length_km([coords[-1], *tail]) if tail else 0.0),
                    land,
                )
            )
    return sorted(approaches, key=lambda a: a.cost)


def _approach_land(point: LonLat, entries: list[_Entry]) -> list[float]:
    """Land km on the straight way from ``point`` to each entry, beyond the approach zone."""
    found = segment_stretches([point] * len(entries), [e.point for e in entries], skip_start_km=APPROACH_KM)
    return [total_km(stretches) for stretches in found]


@functools.lru_cache(maxsize=4096)
def _lane_detour(u: int, v: int) -> tuple[LonLat, ...]:
    network = _network()
    return tuple(water_path(network.points[u], network.points[v]))


def _counted_land(coords: Sequence[LonLat], free_km: float) -> float:
    """Land km along a line, not counting its first ``free_km``."""
    return total_km(land_stretches(coords, excluding=[(0.0, free_km)] if free_km > 0 else ()))


def water_path(a: LonLat, b: LonLat, *, free_km: float = 0.0) -> list[LonLat]:
    """A line from ``a`` to ``b`` that keeps off land where it can: the geodesic if it is
    clear, else a detour through open water (land within ``free_km`` of ``a`` along the line
    is allowed: a port's approach). A long line is redrawn only around its land."""
    total = distance_km(a, b)
    stretches = land_stretches([a, b], excluding=[(0.0, free_km)] if free_km > 0 else ())
    if not stretches:
        return [a, b]
    if total <= _LOCAL_KM:
        return _grid_path(a, b, free_km)
    azimuth = GEOD.inv(a[0], a[1], b[0], b[1])[0]

    def at(km: float) -> LonLat:
        lon, lat, _ = GEOD.fwd(a[0], a[1], azimuth, km * 1000.0)
        return (lon, lat)

    clusters: list[list[float]] = []
    for s in stretches:
        margin = max(15.0, s.km)
        low, high = max(0.0, s.start_km - margin), min(total, s.end_km + margin)
        if clusters and low <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], high)
        else:
            clusters.append([low, high])
    path = [a]
    for low, high in clusters:
        p, q = (a if low <= 0 else at(low)), (b if high >= total else at(high))
        path.extend(_grid_path(p, q, max(0.0, free_km - low))[int(low <= 0) :])
    if path[-1] != b:
        path.append(b)
    return path


def _grid_path(a: LonLat, b: LonLat, free_km: float) -> list[LonLat]:
    """The detour from ``a`` to ``b`` found on a grid of cells (water cheap, land dear),
    straightened; the straight line if the detour crosses more land."""
    best = [a, b]
    best_land = _counted_land(best, free_km)
    for cells, pad in ((_GRID_CELLS, 0.6), (_GRID_CELLS * 3 // 2, 1.0)):
        path = _grid_search(a, b, free_km, cells, pad)
        if path is None:
            continue
        path = _straighten(path, free_km)
        land = _counted_land(path, free_km)
        if land < best_land - _NEAR_ZERO_KM or (
            land <= best_land + _NEAR_ZERO_KM and length_km(path) < length_km(best)
        ):
            best, best_land = path, land
        if best_land <= _NEAR_ZERO_KM:
            break
    return best


def _grid_search(a: LonLat, b: LonLat, free_km: float, cells: int, pad: float) -> list[LonLat] | None:
    """Cheapest 8-connected path over a grid in a local plane around ``a`` and ``b``."""
    import numpy as np

    lon0, lat0 = a
    lon_b = lon0 + (b[0] - lon0 + 180.0) % 360.0 - 180.0
    kx = 111.32 * math.cos(math.radians((lat0 + b[1]) / 2.0))
    ky = 110.57
    bx, by = (lon_b - lon0) * kx, (b[1] - lat0) * ky
    span = max(abs(bx), abs(by), 1.0)
    margin = max(10.0, pad * math.hypot(bx, by))
    west, east = min(0.0, bx) - margin, max(0.0, bx) + margin
    south, north = min(0.0, by) - margin, max(0.0, by) + margin
    size = max(span + 2 * margin, 1.0) / cells
    nx_, ny_ = math.ceil((east - west) / size) + 1, math.ceil((north - south) / size) + 1
    xs, ys = west + size * np.arange(nx_), south + size * np.arange(ny_)
    gx, gy = np.meshgrid(xs, ys)
    lons, lats = lon0 + gx / kx, lat0 + gy / ky
    if np.any(np.abs(lats) > 89.5):
        return None
    dry, near = land_cells(lons.ravel(), lats.ravel(), size / 2.0 / kx, size / 2.0 / ky)
    cost = np.where(dry, _GRID_LAND_COST, np.where(near, _GRID_COAST_COST, 1.0))
    if free_km > 0:
        cost[np.hypot(gx, gy).ravel() <= _FREE_SHARE * free_km] = 1.0  # paths wind: stay inside it along them
    step_cost = cost.tolist()
    width = nx_

    def cell(x: float, y: float) -> int:
        i = min(max(round((x - west) / size), 0), nx_ - 1)
        j = min(max(round((y - south) / size), 0), ny_ - 1)
        return j * width + i

    source, target = cell(0.0, 0.0), cell(bx, by)
    tx, ty = target % width, target // width
    moves = [(di, dj, math.hypot(di, dj)) for di in (-1, 0, 1) for dj in (-1, 0, 1) if di or dj]
    best = {source: 0.0}
    came = {}
    heap = [(0.0, 0.0, source)]
    done = set()
    while heap:
        _, g, c = heapq.heappop(heap)
        if c == target:
            break
        if c in done:
            continue
        done.add(c)
        ci, cj = c % width, c // width
        for di, dj, length in moves:
            i, j = ci + di, cj + dj
            if 0 <= i < nx_ and 0 <= j < ny_:
                n = j * width + i
                g_n = g + length * (step_cost[c] + step_cost[n]) / 2.0
                if g_n < best.get(n, math.inf):
                    best[n] = g_n
                    came[n] = c
                    heapq.heappush(heap, (g_n + math.hypot(i - tx, j - ty), g_n, n))
    if target not in came and target != source:
        return None
    chain = [target]
    while chain[-1] != source:
        chain.append(came[chain[-1]])
    chain.reverse()
    lonlat = lons.ravel(), lats.ravel()
    return [a, *[(float(lonlat[0][c]), float(lonlat[1][c])) for c in chain[1:-1]], (lon_b, b[1])]


def _straighten(path: list[LonLat], free_km: float) -> list[LonLat]:
    """Fewest straight legs through the path's points that cross no more land than it does
    (each leg as far along as a clear geodesic reaches, found by doubling then halving)."""
    along = [0.0]
    for p, q in pairwise(path):
        along.append(along[-1] + distance_km(p, q))

    def clear(i: int, j: int) -> bool:
        return _counted_land([path[i], path[j]], max(0.0, free_km - along[i])) <= _NEAR_ZERO_KM

    result = [path[0]]
    i, last = 0, len(path) - 1
    while i < last:
        good = last if clear(i, last) else i + 1
        if good < last:
            bad, step = last, 1
            while good + step < bad and clear(i, good + step):
                good, step = good + step, step * 2
            bad = min(bad, good + step)
            while bad - good > 1:
                middle = (good + bad) // 2
                good, bad = (middle, bad) if clear(i, middle) else (good, middle)
        i = good
        result.append(path[i])
    return result
