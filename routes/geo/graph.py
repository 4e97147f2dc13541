"""Routing on the network: shortest paths within one mode, and multimodal routes.

The graph's vertices are (node, mode) pairs; an edge of a mode joins the two ends of a
segment and weighs its geodesic length divided by the mode's speed. A node that two modes
share (a port on sea and rail) gets a transfer edge that costs time, and crossing a border
costs time too: at a border-crossing node, or wherever a segment's line changes country
(:mod:`routes.geo.borders`), so the search weighs a shorter line through a third country against
its two borders. networkx runs Dijkstra on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from routes.geo.geodesy import length_km
from routes.model.vocabulary import Mode

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.networks import Network
    from routes.model.speeds import Speeds

_SOURCE, _TARGET = ("<source>", None), ("<target>", None)


def segment_coordinates(network: Network, positions: dict[str, tuple[float, float]], segment, reverse=False):
    """All points of a segment, ends included, in travel order."""
    start = positions[segment.start]
    end = positions[segment.end]
    points = [start, *((p.lon, p.lat) for p in segment.points), end]
    return points[::-1] if reverse else points


def segment_km_and_changes(network: Network, positions: dict[str, tuple[float, float]], segment) -> tuple[float, int]:
    """A segment's geodesic length and, on land, how often the country under it changes (cached)."""
    from routes.geo.borders import country_changes, crosses_on_land

    start, end = positions[segment.start], positions[segment.end]
    key = ("segment-km-changes", segment.id, segment.start, segment.end, start, end)
    found = network.cache.get(key)
    if found is None:
        coordinates = segment_coordinates(network, positions, segment)
        changes = country_changes(coordinates) if crosses_on_land(segment.mode) else 0
        found = network.cache[key] = (length_km(coordinates), changes)
    return found


def segment_hours(
    network: Network,
    positions: dict[str, tuple[float, float]],
    segment,
    speeds: Speeds,
    border_nodes: set[str] | frozenset[str] = frozenset(),
) -> tuple[float, float]:
    """``(km, hours)`` of a segment at typical speed, border time included: half the border
    time at each end that is a border-crossing node (passing one, in and out, costs it whole),
    or else the whole border time for each change of country along the segment."""
    km, changes = segment_km_and_changes(network, positions, segment)
    hours = km / speeds.typical_kmh[segment.mode]
    at_nodes = sum(n in border_nodes for n in (segment.start, segment.end))
    hours += speeds.stop_hours(borders=at_nodes) / 2 if at_nodes else speeds.stop_hours(borders=changes)
    return km, hours


@dataclass(frozen=True)
class RoutedLeg:
    """A stretch of a route in one mode between two stops, through ``path`` (ends included)."""

    mode: Mode
    path: tuple[str, ...]
    distance_km: float

    @property
    def start(self) -> str:
        return self.path[0]

    @property
    def end(self) -> str:
        return self.path[-1]


class RoutingGraph:
    """The multimodal graph of a network, with node positions (nodes and junctions)."""

    def __init__(
        self,
        network: Network,
        positions: dict[str, tuple[float, float]],
        speeds: Speeds,
        modes: set[Mode] | None = None,
        border_nodes: set[str] | frozenset[str] = frozenset(),
    ):
        import networkx

        self.network, self.positions, self.speeds = network, positions, speeds
        self.modes = set(modes) if modes else network.modes()
        # Nodes are (node id, mode); the search's own source and target have no mode.
        self.graph: networkx.DiGraph[tuple[str, Mode | None]] = networkx.DiGraph()
        for segment in network.segments:
            if segment.mode not in self.modes:
                continue
            km, hours = segment_hours(network, positions, segment, speeds, border_nodes)
            a, b = (segment.start, segment.mode), (segment.end, segment.mode)
            for u, v in ((a, b), (b, a)):
                old = self.graph.get_edge_data(u, v)
                if old is None or old["hours"] > hours:
                    self.graph.add_edge(u, v, hours=hours, km=km, segment=segment.id)
        by_node: dict[str, set[Mode]] = {}
        for node, mode in list(self.graph.nodes):
            if mode is not None:  # (always: the search's source and target are only there during a search)
                by_node.setdefault(node, set()).add(mode)
        for node, node_modes in by_node.items():
            for m1 in node_modes:
                for m2 in node_modes:
                    if m1 is not m2:
                        self.graph.add_edge(
                            (node, m1), (node, m2), hours=speeds.stop_hours(transfers=1), km=0.0, segment=None
                        )

    def has_node(self, node: str) -> bool:
        return any(n == node for n, _ in self.graph.nodes)

    def shortest(self, start: str, end: str) -> list[RoutedLeg] | None:
        """The fastest route from ``start`` to ``end`` as legs of one mode each; None if none."""
        import networkx

        graph = self.graph
        starts = [v for v in graph.nodes if v[0] == start]
        ends = [v for v in graph.nodes if v[0] == end]
        if not starts or not ends:
            return None
        graph.add_edges_from(((_SOURCE, v) for v in starts), hours=0.0, km=0.0, segment=None)
        graph.add_edges_from(((v, _TARGET) for v in ends), hours=0.0, km=0.0, segment=None)
        try:
            vertices = networkx.shortest_path(graph, _SOURCE, _TARGET, weight="hours")
        except networkx.NetworkXNoPath:
            return None
        finally:
            graph.remove_nodes_from([_SOURCE, _TARGET])
        return _legs(graph, vertices[1:-1])


def _legs(graph, vertices) -> list[RoutedLeg]:
    legs: list[RoutedLeg] = []
    path: list[str] = [vertices[0][0]]
    mode = vertices[0][1]
    km = 0.0
    for u, v in pairwise(vertices):
        if u[1] != v[1]:  # transfer
            if len(path) > 1:
                legs.append(RoutedLeg(mode, tuple(path), km))
            path, mode, km = [v[0]], v[1], 0.0
            continue
        path.append(v[0])
        km += graph.edges[u, v]["km"]
    if len(path) > 1:
        legs.append(RoutedLeg(mode, tuple(path), km))
    return legs


def single_mode_path(
    network: Network,
    positions: dict[str, tuple[float, float]],
    mode: Mode,
    start: str,
    end: str,
    *,
    speeds: Speeds | None = None,
    border_nodes: set[str] | frozenset[str] = frozenset(),
) -> tuple[str, ...] | None:
    """The fastest path of one mode between two nodes (ends included) at typical speed, border
    time included (as :class:`RoutingGraph`), or None."""
    import networkx

    from routes.model.speeds import Speeds

    speeds = speeds or Speeds()
    key = (
        "mode-graph",
        mode,
        speeds.typical_kmh[mode],
        speeds.border_hours,
        frozenset(border_nodes),
        hash(tuple(sorted(positions.items()))),
    )
    graph = network.cache.get(key)
    if graph is None:
        graph = networkx.Graph()
        for segment in network.segments:
            if segment.mode is mode and segment.start in positions and segment.end in positions:
                _, hours = segment_hours(network, positions, segment, speeds, border_nodes)
                if (
                    not graph.has_edge(segment.start, segment.end)
                    or graph.edges[segment.start, segment.end]["hours"] > hours
                ):
                    graph.add_edge(segment.start, segment.end, hours=hours)
        network.cache[key] = graph
    if start not in graph or end not in graph:
        return None
    try:
        return tuple(networkx.shortest_path(graph, start, end, weight="hours"))
    except networkx.NetworkXNoPath:
        return None
