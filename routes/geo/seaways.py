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
- **Draught.** A ship of ``draught_m`` keeps out of the straits and canals whose limit is
  below it (:mod:`routes.geo.seaways_limits`: a sourced table; the Øresund, the Great Belt
  and the Kerch Strait, which MARNET does not name, are found by a gate across them).

The network is loaded on first use (about half a second: the land each lane crosses is
shipped, :mod:`routes.geo.seaways_figures`) and kept; lines, ways into the network and lanes
redrawn round land are cached.

This module joins the line and measures it; the graph and its search are in
:mod:`routes.geo.seaways_marnet`, the ways into the network in :mod:`routes.geo.seaways_snap`, and
the detours round land in :mod:`routes.geo.seaways_detour`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from routes.geo.geodesy import GEOD, LonLat, distance_km, length_km, unwrap
from routes.geo.landcheck import Stretch, land_stretches, longest_km, total_km
from routes.geo.seaways_detour import _NEAR_ZERO_KM, water_path
from routes.geo.seaways_limits import check_draught_m, gate_passages, passage_limits, too_shallow
from routes.geo.seaways_marnet import CANAL_AREAS, CANALS, INLAND_SHARE, _network
from routes.geo.seaways_snap import APPROACH_KM, MAX_SNAP_KM, SNAP_CANDIDATES

__all__ = [
    "APPROACH_KM",
    "AVOID",
    "CANALS",
    "CANAL_AREAS",
    "CREDIT",
    "INLAND_SHARE",
    "MAX_SNAP_KM",
    "SNAP_CANDIDATES",
    "TERMS",
    "NetworkSummary",
    "SeaLine",
    "water_path",
    "world_network_summary",
    "world_passages",
    "world_sea_line",
]

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

_DIRECT_MAX_KM = 1000.0  # two points closer than this may be joined straight, if no land is between


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
    straits
        The straits and canals of the draught table (:mod:`routes.geo.seaways_limits`) passed,
        in order, whether MARNET names them (``suez``) or not (``oresund``, ``great_belt``).
    """

    coords: tuple[LonLat, ...]
    km: float
    over_land_km: float
    longest_land_km: float
    land: tuple[Stretch, ...]
    inland_km: float
    passages: tuple[str, ...]
    straits: tuple[str, ...] = ()

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


def world_sea_line(
    start: LonLat, end: LonLat, *, avoid: Iterable[str] = AVOID, draught_m: float | None = None
) -> SeaLine | None:
    """The shortest sea line from ``start`` to ``end`` (``(lon, lat)``) over the world's lanes.

    ``avoid`` names passages the line must not use (see :func:`world_passages`); by default
    the Arctic lanes MARNET calls ``northwest``, ice-bound most of the year, as searoute
    itself does. A ship of ``draught_m`` metres also keeps out of every passage whose limit
    is below it (:func:`routes.geo.seaways_limits.too_shallow`: the Øresund for a laden
    Aframax, which takes the Great Belt). Returns None when either point is more than
    :data:`MAX_SNAP_KM` from every lane.

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
    avoid = frozenset(avoid)
    if draught_m is not None:
        network = _network()
        avoid |= too_shallow(check_draught_m(draught_m)) & (network.passages | network.straits)
    return _route((float(start[0]), float(start[1])), (float(end[0]), float(end[1])), avoid)


@functools.lru_cache(maxsize=1024)
def _route(start: LonLat, end: LonLat, avoid: frozenset[str]) -> SeaLine | None:
    network = _network()
    known = network.passages | network.straits
    unknown = sorted(avoid - known)
    if unknown:
        raise ValueError(f"unknown passage {unknown[0]!r} in avoid; the passages are {', '.join(sorted(known))}")
    starts, ends = network.snap(start), network.snap(end)
    gated = avoid & network.straits
    if gated:  # a way into the network may cross a strait too (a port beside it)
        starts, ends = (
            [a for a in starts if not _crosses(a.coords, gated)],
            [a for a in ends if not _crosses(a.coords, gated)],
        )
    if not starts or not ends:
        return None
    direct = _direct(start, end)
    crossed = tuple(p for p in gate_passages([start], [end]) if p)  # a straight line through a gated strait
    if direct is not None and set(crossed) & avoid:
        direct = None  # ... that the ship keeps out of
    found = network.search(starts, ends, end, avoid)
    if direct is not None and (found is None or direct[1] <= found[0]):
        return _sea_line(start, [start, end], [False, False], (), crossed)
    if found is None:  # pragma: no cover - the network is one connected component
        return None
    _, first, vertices, last = found
    points, into = list(first.coords), [False, *first.flags]
    passages: list[str] = []
    straits: list[str] = []
    limited = passage_limits()
    for u, v in pairwise(vertices):
        edge = network.edge(u, v)
        coords = network.edge_coords(u, v)
        points.extend(coords[1:])
        into.extend([edge.inland] * (len(coords) - 1))
        if edge.passage and (not passages or passages[-1] != edge.passage):
            passages.append(edge.passage)
        strait = edge.passage or edge.strait
        if strait in limited and (not straits or straits[-1] != strait):
            straits.append(strait)
    points.extend(reversed(last.coords[:-1]))
    into.extend(reversed(last.flags))
    return _sea_line(start, points, into, tuple(passages), tuple(straits))


def world_passages() -> frozenset[str]:
    """The names MARNET gives its straits, canals and passages, and the straits of the
    draught table it does not name (``oresund``, ``great_belt``, ``kerch``), for ``avoid``."""
    network = _network()
    return network.passages | network.straits


def world_network_summary() -> NetworkSummary:
    """The world network's size (loads it)."""
    network = _network()
    return NetworkSummary(
        network.graph.number_of_nodes(), network.graph.number_of_edges(), sum(network.km), sum(network.inland)
    )


def _crosses(coords: Sequence[LonLat], straits: frozenset[str]) -> bool:
    """Whether a line crosses the gate of one of ``straits``."""
    return bool(set(gate_passages(coords[:-1], coords[1:])) & straits)


def _direct(start: LonLat, end: LonLat) -> tuple[list[LonLat], float] | None:
    """The straight line, when it is short (at most :data:`_DIRECT_MAX_KM`) and crosses no
    land outside the approaches (at most a quarter of its length at each end)."""
    km = distance_km(start, end)
    if km > _DIRECT_MAX_KM:
        return None
    if total_km(land_stretches([start, end], skip_ends_km=min(APPROACH_KM, km / 4.0))) > 0:
        return None
    return [start, end], km


def _sea_line(
    start: LonLat, points: list[LonLat], into: list[bool], passages: tuple[str, ...], straits: tuple[str, ...] = ()
) -> SeaLine:
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
        tuple(coords),
        steps[-1],
        total_km(stretches),
        longest_km(stretches),
        tuple(stretches),
        inland_km,
        passages,
        straits,
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
