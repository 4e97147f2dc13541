"""Ways from a point into the world sea network (part of :mod:`routes.geo.seaways`).

A point joins the network at one of its :data:`SNAP_CANDIDATES` nearest vertices, or at the
nearest point of a lane that meets them, within :data:`MAX_SNAP_KM`: the way in that crosses
least land beyond the port's approach zone (:data:`APPROACH_KM`) is preferred, and a short way
behind land is redrawn round it (:func:`routes.geo.seaways_detour.water_path`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Protocol

from routes.geo.geodesy import LonLat, length_km
from routes.geo.landcheck import segment_stretches, total_km
from routes.geo.seaways_detour import _counted_land, water_path

#: Land within this distance of either end, along the line, is the port's approach and is
#: not counted: ports stand on the coast, often inside the 1:50m land or up an estuary.
APPROACH_KM = 15.0
#: A point farther than this from every vertex of the network has no sea line.
MAX_SNAP_KM = 500.0
#: How many of the nearest network vertices each end may join.
SNAP_CANDIDATES = 8
_SNAP_LAND_PENALTY = 50.0  # km of route one km of land on an approach is worth, when choosing
_REFINED_CANDIDATES = 2  # at most this many approaches behind land are redrawn (twice as many if none is clear)


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


class _Lanes(Protocol):
    """What :func:`_snap` reads of the network (:class:`routes.geo.seaways_marnet._Network`)."""

    points: list[LonLat]

    def nearest(self, point: LonLat, count: int) -> list[tuple[int, float]]: ...

    def lane_entries(self, point: LonLat, vertices: list[int], nearest_km: float) -> list[_Entry]: ...


@functools.lru_cache(maxsize=4096)
def _snap(network: _Lanes, point: LonLat) -> list[_Approach]:
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
