"""Routes between any two nodes over the bundled (or given) networks, across modes.

``find_route("najin", "tikhoretsk-depot")`` returns the fastest route at typical speeds, as
legs of one mode each (a transfer between modes costs time), with distances and estimated
durations. Nodes are found by id, name, alias or local name. The alternatives to the fastest
route are :mod:`routes.geo.alternatives`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from routes.errors import NoRouteError
from routes.geo.graph import RoutedLeg, RoutingGraph
from routes.model.speeds import Speeds
from routes.model.vocabulary import Mode

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.load.networks import Network, Segment
    from routes.load.scenario import Scenario


@dataclass(frozen=True)
class RoutePlan:
    """A routed journey: legs of one mode each, with the assumptions used."""

    start: str
    end: str
    legs: tuple[RoutedLeg, ...]
    speeds: Speeds = field(default_factory=Speeds)
    borders: frozenset[str] = frozenset()
    #: Per leg, the third countries its drawn line passes through (neither the country of its
    #: start nor of its end), from the Natural Earth country polygons: each costs two crossings.
    transits: tuple[tuple[str, ...], ...] = ()
    #: Per leg, its border crossings (:func:`routes.geo.borders.crossings`: border-crossing nodes
    #: passed, or changes of country along its line if more).
    leg_crossings: tuple[int, ...] = ()
    #: The network the route was found on (with any world sea lanes added for it).
    network: Network | None = field(default=None, compare=False, repr=False)

    def leg_transits(self, index: int) -> tuple[str, ...]:
        """The third countries leg ``index`` passes through (``("Kazakhstan",)``)."""
        return self.transits[index] if index < len(self.transits) else ()

    def leg_note(self, index: int) -> str:
        """``"via Kazakhstan (assumed)"`` for a leg through a third country, ``"world sea lanes
        through Suez (assumed)"`` for one on the world lanes, else ``""``."""
        from routes.geo.gaps import WORLD_SEA_FILE

        countries = self.leg_transits(index)
        notes = [f"via {', '.join(countries)} (assumed)"] if countries else []
        leg = self.legs[index]
        for a, b in pairwise(leg.path):
            found = self.network.find(leg.mode, a, b) if self.network is not None else None
            note = found[0].note if found is not None and found[0].file == WORLD_SEA_FILE else None
            if note and note not in notes:
                notes.append(note)
        return "; ".join(notes)

    @property
    def distance_km(self) -> float:
        return sum(leg.distance_km for leg in self.legs)

    def leg_hours(self, leg: RoutedLeg) -> float:
        """Estimated hours of a leg at the typical speed of its mode."""
        return leg.distance_km / self.speeds.typical_kmh[leg.mode]

    @property
    def transfers(self) -> int:
        return max(0, len(self.legs) - 1)

    @property
    def border_crossings(self) -> int:
        """How many border crossings the route passes."""
        if self.leg_crossings:
            return sum(self.leg_crossings)
        return sum(1 for leg in self.legs for node in leg.path if node in self.borders)

    @property
    def hours(self) -> float:
        """Estimated door-to-door hours, transfers and border crossings included."""
        return sum(self.leg_hours(leg) for leg in self.legs) + self.speeds.stop_hours(
            self.transfers, self.border_crossings
        )

    @property
    def stops(self) -> tuple[str, ...]:
        return (self.legs[0].start, *(leg.end for leg in self.legs)) if self.legs else ()


def bundled_network() -> Network:
    """Every network file shipped with routes, merged."""
    from routes.load.bundled import bundled_path
    from routes.load.networks import load_network, merge_networks

    return merge_networks([load_network(p) for p in sorted(bundled_path("networks").glob("*.toml"))])


def network_for(nodes: geopandas.GeoDataFrame, network: Network | None = None) -> Network:
    """The segments of ``network`` (default: the bundled networks) whose ends are among
    ``nodes`` or the network's junctions: the part of it a node file can route on."""
    from routes.load.networks import Network

    network = network if network is not None else bundled_network()
    known = set(nodes["id"]) | set(network.junctions)
    return Network(tuple(s for s in network.segments if s.start in known and s.end in known), network.junctions)


def resolve_node(nodes: geopandas.GeoDataFrame, text: str) -> str:
    """The id of the node called ``text`` (id, name, alias or local name; case- and
    NFC-insensitive). Raises :class:`NoRouteError` naming close matches."""
    from routes.load.nodes import name_key
    from routes.model.fields import suggest

    ids = list(nodes["id"])
    if text in ids:
        return text
    key = name_key(text)
    for row in nodes.itertuples(index=False):
        names = [row.id, row.name, *row.aliases, *row.local_names.values()]
        if any(name_key(n) == key for n in names):
            return row.id
    everything = ids + list(nodes["name"]) + [a for aliases in nodes["aliases"] for a in aliases]
    hint = suggest(text, everything, "list the nodes with 'routes nodes'")
    raise NoRouteError(f"no node is called {text!r}; {hint}")


def find_route(
    start: str,
    end: str,
    *,
    via: tuple[str, ...] = (),
    modes: set[Mode] | None = None,
    speeds: Speeds | None = None,
    nodes: geopandas.GeoDataFrame | None = None,
    network: Network | None = None,
    draught_m: float | None = None,
) -> RoutePlan:
    """The fastest route from ``start`` to ``end`` (through ``via`` in order) over the network.

    Parameters
    ----------
    start, end, via
        Node ids, names or aliases.
    modes
        Modes allowed (default: every mode the network has).
    speeds
        Speed assumptions (default :class:`routes.model.speeds.Speeds`).
    nodes, network
        Default: the bundled node file and every bundled network file.
    draught_m
        The ship's draught in metres: sea legs on the world lanes keep out of the straits and
        canals shallower than that (:mod:`routes.geo.seaways_limits`), and their note says so.

    Examples
    --------
    >>> plan = find_route("Rajin", "Ussuriysk", modes={Mode.RAIL})
    >>> plan.stops[0], plan.stops[-1], [leg.mode.value for leg in plan.legs]
    ('najin', 'ussuriysk', ['rail'])
    """
    from routes.load.bundled import bundled_path
    from routes.load.networks import node_positions
    from routes.load.nodes import load_nodes

    speeds = speeds or Speeds()
    nodes = nodes if nodes is not None else load_nodes(bundled_path("ports.geojson"))
    network = network if network is not None else bundled_network()
    waypoints = [resolve_node(nodes, name) for name in (start, *via, end)]
    positions = node_positions(nodes, network)
    sea_allowed = modes is None or Mode.SEA in modes
    kinds = dict(zip(nodes["id"], nodes["kind"]))
    if sea_allowed:
        network = with_world_sea(
            network, nodes, positions, waypoints, sea_only=modes == {Mode.SEA}, draught_m=draught_m
        )
    borders = set(nodes.loc[nodes["kind"] == "border-crossing", "id"])
    graph = RoutingGraph(network, positions, speeds, modes, borders)
    legs: list[RoutedLeg] = []
    for a, b in pairwise(waypoints):
        if a == b:
            continue
        if not graph.has_node(a) or not graph.has_node(b):
            missing = a if not graph.has_node(a) else b
            allowed = ", ".join(sorted(m.value for m in graph.modes | ({Mode.SEA} if sea_allowed else set())))
            if sea_allowed and (modes == {Mode.SEA} or kinds.get(missing) == "port"):
                stranded = [n for n in (a, b) if not graph.has_node(n)]
                which = (
                    f"'{stranded[0]}' is on no network of the modes allowed ({allowed}), and is"
                    if len(stranded) == 1
                    else f"neither is on a network of the modes allowed ({allowed}), and one of them is"
                )
                from routes.geo.terrain import MAX_RIVER_KM

                raise NoRouteError(
                    f"no sea line joins '{a}' and '{b}': {which} far from every sea lane or more than "
                    f"{MAX_RIVER_KM:.0f} km "
                    "inland (a river port the lanes do not reach?); allow more --modes or add a network file"
                )
            raise NoRouteError(
                f"node '{missing}' is on no {allowed} network; pick a node on the network "
                "(a port, station or junction) or allow more --modes"
            )
        found = graph.shortest(a, b)
        if found is None:
            raise NoRouteError(
                f"no path from '{a}' to '{b}' with modes {', '.join(sorted(m.value for m in graph.modes))}; "
                "allow more --modes or add segments to a network file"
            )
        for leg in found:
            if legs and legs[-1].mode is leg.mode and legs[-1].end == leg.start:
                legs[-1] = RoutedLeg(leg.mode, legs[-1].path + leg.path[1:], legs[-1].distance_km + leg.distance_km)
            else:
                legs.append(leg)
    from routes.geo import borders as _borders

    lines = [leg_line(network, positions, leg) for leg in legs]
    transits = tuple(
        _borders.third_countries(line) if _borders.crosses_on_land(leg.mode) else () for leg, line in zip(legs, lines)
    )
    crossings = tuple(
        _borders.crossings(line, sum(n in borders for n in leg.path), leg.mode) for leg, line in zip(legs, lines)
    )
    return RoutePlan(waypoints[0], waypoints[-1], tuple(legs), speeds, frozenset(borders), transits, crossings, network)


def with_world_sea(
    network: Network,
    nodes: geopandas.GeoDataFrame,
    positions: dict[str, tuple[float, float]],
    waypoints: list[str],
    *,
    sea_only: bool = False,
    draught_m: float | None = None,
) -> Network:
    """The network with world sea lanes (:mod:`routes.geo.gaps`) from each port among the
    waypoints (any waypoint when only sea is allowed) to the other waypoints and to every port
    the network reaches, wherever its own lanes do not join them (for a ship of ``draught_m``:
    raises :class:`NoRouteError` when no way between two waypoints is deep enough)."""
    from routes.geo.gaps import Gap, fill_gaps
    from routes.geo.graph import single_mode_path

    kinds = dict(zip(nodes["id"], nodes["kind"]))
    # Only sea allowed: any waypoint may be a port (another tool's file says no kind); a place
    # far inland gets no sea line (routes.geo.gaps).
    ports = [w for w in dict.fromkeys(waypoints) if sea_only or kinds.get(w) == "port"]
    if not ports:
        return network
    on_network = sorted(n for n in network.node_ids() if kinds.get(n) == "port")
    gaps = []
    for a in ports:
        for b in dict.fromkeys([*ports, *on_network]):
            if (
                a != b
                and network.find(Mode.SEA, a, b) is None
                and single_mode_path(network, positions, Mode.SEA, a, b) is None
            ):
                gaps.append(Gap(Mode.SEA, a, b, "", f"{a} → {b}", draught_m))
    network, _, problems = fill_gaps(network, positions, gaps)  # a port far from every lane stays unjoined
    for problem in problems:
        if problem.field == "draught_m" and all(w in waypoints for w in problem.record.split(" → ")):
            raise NoRouteError(f"{problem.message}; {problem.fix}")
    return network


def leg_line(network: Network, positions: dict[str, tuple[float, float]], leg: RoutedLeg) -> list[tuple[float, float]]:
    """The drawn points of a routed leg: its segments' points, in travel order."""
    from routes.geo.graph import segment_coordinates

    by_ends: dict[frozenset, Segment] = {}
    for segment in network.segments:
        if segment.mode is leg.mode:
            by_ends.setdefault(frozenset((segment.start, segment.end)), segment)
    coordinates: list[tuple[float, float]] = []
    for a, b in pairwise(leg.path):
        found = by_ends.get(frozenset((a, b)))
        if found is None or a not in positions or b not in positions:
            continue
        coordinates += segment_coordinates(network, positions, found, reverse=found.start != a)
    return coordinates


def plan_scenario(
    plan: RoutePlan, *, nodes: geopandas.GeoDataFrame | None = None, network: Network | None = None
) -> Scenario:
    """A scenario holding one routed route (``geometry_basis: routed``), to render or export."""
    from routes.load.bundled import bundled_path
    from routes.load.nodes import load_nodes
    from routes.load.scenario import Scenario
    from routes.model.records import LegSpec, Route
    from routes.model.vocabulary import GeometryBasis

    nodes = nodes if nodes is not None else load_nodes(bundled_path("ports.geojson"))
    network = network if network is not None else (plan.network or bundled_network())
    route_id = f"{plan.start}-to-{plan.end}"
    names = nodes.set_index("id")["name"]
    specs = tuple(
        LegSpec(route_id, i, leg.start, leg.end, leg.mode, GeometryBasis.ROUTED, tuple(leg.path[1:-1]))
        for i, leg in enumerate(plan.legs)
    )
    route = Route(
        route_id,
        f"{names[plan.start]} → {names[plan.end]} (routed)",
        specs,
        "Computed on the routes networks: a plausible path, not a reported one.",
    )
    title = f"Routed: {names[plan.start]} → {names[plan.end]}"
    summary = (
        f"Nobody reported this path: it is the fastest on the routes networks at typical speeds, "
        f"{plan.distance_km:,.0f} km, about {plan.hours / 24:.1f} days with {plan.transfers} transfer(s) "
        f"and {plan.border_crossings} border crossing(s), under these assumptions:"
    )
    return Scenario(
        Path(f"{route_id}.toml"),
        route_id,
        title,
        summary,
        None,
        "routes · routed on its networks",
        nodes,
        network,
        (route,),
        (),
        (),
        (),
        tuple(plan.speeds.describe()),
    )
