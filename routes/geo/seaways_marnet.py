"""The MARNET lanes as a graph, and the A* search over them (part of :mod:`routes.geo.seaways`).

The lanes are read once from ``searoute/data/marnet_searoute.geojson`` into a networkx graph
on integer vertices, each edge weighted by its geodesic length in km, with the land it
crosses and its passage (MARNET's name, or a canal of :data:`CANAL_AREAS`).
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from routes.geo.geodesy import GEOD, LonLat, distance_km
from routes.geo.seaways_detour import water_path
from routes.geo.seaways_figures import CANAL_AREAS, lane_figures, lane_land, marnet_bytes
from routes.geo.seaways_limits import gate_passages
from routes.geo.seaways_snap import _Approach, _Entry, _snap

#: A lane over land for more than this share of its length is an inland waterway.
INLAND_SHARE = 0.5
#: Passages of MARNET that are canals (their land is an inland waterway).
CANALS = frozenset({"suez", "panama"})

_EARTH_KM = 6371.0088  # mean radius, for the search's lower bound only
_LOWER_BOUND = 0.99  # geodesic / spherical distance is at least 0.994 on WGS84
_LANE_LAND_PENALTY = 2.0  # extra km per km of land on a lane, which is redrawn around it


@dataclass(frozen=True)
class _Edge:
    km: float
    land_km: float
    passage: str | None
    inland: bool
    strait: str | None = None


class _Network:
    """The MARNET lanes as a networkx graph on integer vertices, with arrays for the search."""

    def __init__(self, *, measure: bool = False):
        """Read the lanes; their land figures shipped (:mod:`routes.geo.seaways_figures`), or
        measured if ``measure``."""
        import json

        import networkx
        import numpy as np

        marnet = marnet_bytes()
        text = marnet.decode("utf-8")
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
        starts, ends = [self.points[a] for a, _ in pairs], [self.points[b] for _, b in pairs]
        land, canal = lane_land(starts, ends) if measure else lane_figures(marnet, starts, ends)
        gated = gate_passages(starts, ends)
        graph: networkx.Graph[int] = networkx.Graph()
        for i, (lon_i, lat_i) in enumerate(self.points):
            graph.add_node(i, lon=lon_i, lat=lat_i)
        self.km, self.inland = [], []
        for (a, b), passage, length, land_km, area, strait in zip(
            pairs, pairs.values(), km.tolist(), land, canal, gated
        ):
            passage = passage or area
            inland = land_km > INLAND_SHARE * length or (passage in CANALS.union(CANAL_AREAS) and land_km > 0)
            strait = None if passage else strait  # a strait of the draught table MARNET does not name
            graph.add_edge(a, b, km=length, land_km=land_km, passage=passage, inland=inland, strait=strait)
            self.km.append(length)
            self.inland.append(inland)
        self.graph = graph
        #: MARNET's passage names (and the canals of CANAL_AREAS), as SeaLine.passages gives them.
        self.passages = frozenset(d["passage"] for _, _, d in graph.edges(data=True) if d["passage"])
        #: The straits of the draught table that MARNET does not name, found by their gates.
        self.straits = frozenset(d["strait"] for _, _, d in graph.edges(data=True) if d["strait"])
        self._adjacent = [
            [
                (b, d["km"] + (0.0 if d["inland"] else _LANE_LAND_PENALTY * d["land_km"]), d["passage"] or d["strait"])
                for b, d in graph.adj[a].items()
            ]
            for a in range(len(self.points))
        ]

    def edge(self, u: int, v: int) -> _Edge:
        data = self.graph.edges[u, v]
        return _Edge(data["km"], data["land_km"], data["passage"], data["inland"], data["strait"])

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


@functools.lru_cache(maxsize=4096)
def _lane_detour(u: int, v: int) -> tuple[LonLat, ...]:
    network = _network()
    return tuple(water_path(network.points[u], network.points[v]))
