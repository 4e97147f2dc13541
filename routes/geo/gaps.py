"""Legs the scenario's networks do not join: world sea lanes, routes' bundled networks, or an
assumed line, each with one warning naming the leg.

A scenario's network files come first (the bundled regional lanes follow coasts and fairways
placed by hand). Where they hold no path between two consecutive stops of a leg:

- a **sea** leg between two of routes' own ports (under their ids) follows the bundled sea
  lanes (:class:`routes.geo.fallback.Fallback`); any other follows the world maritime lanes (MARNET, as shipped in
  searoute; :mod:`routes.geo.seaways`): a segment joining the two stops directly is added, with the
  lanes' points, confidence ``low``;
- a **land** leg (rail, road) whose stops are off the case's network but within
  :data:`ATTACH_KM` of a node on it (a user's own "Makhachkala" next to their station) is joined
  to the nearest such node by a short connector, and then follows the network;
- else it follows routes' bundled network of its mode (:mod:`routes.geo.fallback`, ``data/networks``)
  where its stops lie on it or within :data:`ATTACH_KM` of its nodes, joined the same way: a
  newcomer's three places get the bundled rail lines without naming them;
- any other land leg is drawn as a geodesic between the stops, confidence ``low``, with a
  warning that names the missing network and the open water the line crosses: the drawing says
  where, not how.

All are segments like any other (file names say where they come from), so the legs, the
search, the exports and the map treat them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from routes.errors import Problem
from routes.geo.origins import CONNECTOR_FILE, NO_NETWORK_FILE, WORLD_SEA_FILE
from routes.load.networks import Network, Segment, ShapePoint
from routes.model.vocabulary import Confidence, Mode

#: The ``source`` of the world lanes' shape points.
WORLD_SEA_SOURCE = "MARNET world sea lanes, as shipped in searoute-py 1.6"
#: Names of the straits and canals the world lanes tag (MARNET's ``passage`` values).
PASSAGE_NAMES = {
    "babalmandab": "Bab-el-Mandeb",
    "bosporus": "the Bosporus",
    "dardanelles": "the Dardanelles",
    "gibraltar": "Gibraltar",
    "malacca": "Malacca",
    "ormuz": "Hormuz",
    "panama": "the Panama Canal",
    "suez": "the Suez Canal",
    "sunda": "Sunda",
    "south_africa": "the Cape of Good Hope",
    "northwest": "the Northwest Passage",
    "bering": "the Bering Strait",
    "chili": "the passage round South America",
}
#: Land a world sea line may cross before loading warns, in km (as :data:`routes.geo.terrain.MAX_LAND_KM`).
MAX_WORLD_LAND_KM = 2.0
#: Farthest a stop off a land network is joined to its nearest node, in km.
ATTACH_KM = 25.0
#: How the world lanes are named in warnings (as in docs/scenario-format.md and the README).
WORLD_LANES = "the world maritime lanes (MARNET, as shipped in searoute)"


@dataclass(frozen=True)
class Gap:
    """Two consecutive stops of a leg that the networks do not join."""

    mode: Mode
    start: str
    end: str
    file: str
    record: str
    #: For a sea gap: the ship's draught in metres, which keeps it out of shallower straits.
    draught_m: float | None = None


@dataclass(frozen=True)
class WorldSeaSegment(Segment):
    """A segment over the world lanes, with the land its line still crosses outside the ports'
    approaches and the canals (:attr:`routes.geo.seaways.SeaLine.over_land_km`)."""

    land_km: float = 0.0


class Follows(Protocol):
    """Lines a leg may follow where the case's network does not join its stops (routes'
    bundled networks: :class:`routes.geo.fallback.Fallback`)."""

    def follow(
        self, network: Network, positions: dict[str, tuple[float, float]], gap: Gap
    ) -> tuple[Network, str] | None:
        """The network with what joins the gap's stops added, and the one warning that says so;
        None if these lines do not reach both stops."""
        ...


def world_sea_segment(
    start: str, end: str, positions: dict[str, tuple[float, float]], *, draught_m: float | None = None
) -> WorldSeaSegment | None:
    """A sea segment from ``start`` to ``end`` over the world lanes, or None if a stop is
    too far from every lane (or, for a ship of ``draught_m``, every way is too shallow). With
    a draught, the note says what it did (:func:`routes.geo.seaways_limits.draught_note`)."""
    from routes.geo.landcheck import longest_km
    from routes.geo.seaways import world_sea_line
    from routes.geo.terrain import MAX_RIVER_KM, sea_land

    line = world_sea_line(positions[start], positions[end], draught_m=draught_m)
    if line is None:
        return None  # a stop far from every lane
    between, approaches = sea_land(line.coords, line.land, line.km)
    if longest_km(approaches) > MAX_RIVER_KM:
        return None  # a stop far inland (a river port the lanes do not reach, or no port at all)
    inner = [ShapePoint("sea lane", _lon(lon), lat, WORLD_SEA_SOURCE) for lon, lat in line.coords[1:-1]]
    land_km = sum(s.km for s in between)
    names = [PASSAGE_NAMES.get(p, p.replace("_", " ").title()) for p in line.passages]
    through = (
        f" through {', '.join(names[:-1])} and {names[-1]}"
        if len(names) > 1
        else (f" through {names[0]}" if names else "")
    )
    note = f"world sea lanes{through} (assumed)"
    if draught_m is not None:
        from routes.geo.seaways_limits import draught_note

        shortest = world_sea_line(positions[start], positions[end])
        note += f"; {draught_note(draught_m, line.straits, shortest.straits if shortest else ())}"
    return WorldSeaSegment(
        f"world-sea/{start}-{end}",
        Mode.SEA,
        start,
        end,
        Confidence.LOW,
        tuple(inner),
        WORLD_SEA_FILE,
        note,
        land_km,
    )


def assumed_segment(mode: Mode, start: str, end: str) -> Segment:
    """A segment with no shape points: drawn as the geodesic between the stops."""
    return Segment(
        f"assumed/{start}-{end}",
        mode,
        start,
        end,
        Confidence.LOW,
        (),
        NO_NETWORK_FILE,
        f"no {mode.value} network joins these stops: a geodesic, not a track",
    )


def fill_gaps(
    network: Network,
    positions: dict[str, tuple[float, float]],
    gaps: list[Gap],
    fallbacks: Mapping[Mode, Follows] | None = None,
) -> tuple[Network, tuple[str, ...], list[Problem]]:
    """The network with a segment for every gap, one warning for each, and the gaps that stay
    open (a sea stop too far from any lane) as problems. ``fallbacks`` are routes' bundled
    networks, which legs follow where the network does not join their stops
    (:func:`routes.geo.fallback.bundled_fallback`)."""
    added: dict[tuple[Mode, frozenset], Segment | None] = {}
    warnings: list[str] = []
    problems: list[Problem] = []
    deepest: dict[tuple[Mode, frozenset], float] = {}  # legs joining the same stops: the deepest ship's line
    for gap in gaps:
        if gap.draught_m is not None:
            key = (gap.mode, frozenset((gap.start, gap.end)))
            deepest[key] = max(deepest.get(key, 0.0), gap.draught_m)
    for gap in gaps:
        key = (gap.mode, frozenset((gap.start, gap.end)))
        if key in added:
            continue
        segment: Segment | None
        fallback = (fallbacks or {}).get(gap.mode)
        if gap.mode is Mode.SEA:
            followed = fallback.follow(network, positions, gap) if fallback is not None else None
            if followed is not None:
                network, warning = followed
                warnings.append(warning)
                added[key] = None
                continue
            draught_m = deepest.get(key)
            segment = world_sea_segment(gap.start, gap.end, positions, draught_m=draught_m)
            if segment is None and draught_m is not None and world_sea_segment(gap.start, gap.end, positions):
                problems.append(_too_deep(gap, draught_m, positions))
                continue
            if segment is None:
                problems.append(_no_sea_line(gap))
                continue
            warnings.append(_world_sea_warning(gap, segment, positions))
        else:
            connectors = attach_connectors(network, positions, gap)
            if connectors is not None:
                for connector in connectors:
                    joined = (gap.mode, frozenset((connector.start, connector.end)))
                    if joined in added:  # a stop of two legs is joined once
                        continue
                    added[joined] = connector
                    network = replace(network, segments=network.segments + (connector,))
                    warnings.append(
                        f"{gap.record}: '{connector.start}' is not on the {gap.mode.value} network; joined to "
                        f"'{connector.end}', {connector.note}"
                    )
                added[key] = None
                continue
            followed = fallback.follow(network, positions, gap) if fallback is not None else None
            if followed is not None:
                network, warning = followed
                warnings.append(warning)
                added[key] = None
                continue
            segment = assumed_segment(gap.mode, gap.start, gap.end)
            warnings.append(_assumed_warning(gap, positions))
        added[key] = segment
    new = tuple(segment for segment in added.values() if segment is not None and segment not in network.segments)
    if not new:
        return network, tuple(warnings), problems
    return replace(network, segments=network.segments + new), tuple(warnings), problems


def _too_deep(gap: Gap, draught_m: float, positions: dict[str, tuple[float, float]]) -> Problem:
    """The problem of a sea gap every way of which is too shallow for the ship."""
    from routes.geo.seaways import AVOID, world_sea_line
    from routes.geo.seaways_limits import passage_limits, too_shallow

    table, shallow = passage_limits(), too_shallow(draught_m)
    blocking: list[str] = []  # the shallow passages of the shortest way, then of the next way round them ...
    line = world_sea_line(positions[gap.start], positions[gap.end])
    while line is not None and len(blocking) < len(shallow):
        new = [p for p in line.straits if p in shallow and p not in blocking]
        if not new:  # pragma: no cover - a way round every shallow passage would have been found
            break
        blocking += new
        line = world_sea_line(positions[gap.start], positions[gap.end], avoid=AVOID | set(blocking))
    names = [f"{table[p].name} (limit {table[p].max_draught_m:g} m)" for p in blocking]
    return Problem(
        gap.file,
        gap.record,
        "draught_m",
        f"no sea line from '{gap.start}' to '{gap.end}' takes a draught of {draught_m:g} m"
        + (f": every way passes {' or '.join(names)}" if names else ""),
        "check the draught (in metres), or split the voyage where the cargo is moved to a shallower ship",
    )


def _no_sea_line(gap: Gap) -> Problem:
    from routes.geo.terrain import MAX_RIVER_KM

    return Problem(
        gap.file,
        gap.record,
        "to",
        f"no sea line joins '{gap.start}' and '{gap.end}': "
        f"one of them is far from every sea lane or more than {MAX_RIVER_KM:.0f} km inland",
        "check that both are ports on the coast (or on a river the lanes reach), "
        "draw the leg as another mode, or add a sea network file joining them",
    )


def _world_sea_warning(gap: Gap, segment: WorldSeaSegment, positions: dict[str, tuple[float, float]]) -> str:
    """One line: the leg, the lanes it follows (and their passages), its length, what a draught
    made it do, and the land the lanes cross outside the ports' approaches when that is over
    :data:`MAX_WORLD_LAND_KM`."""
    from routes.geo.geodesy import length_km

    km = length_km([positions[gap.start], *((p.lon, p.lat) for p in segment.points), positions[gap.end]])
    # The note reads "world sea lanes[ through ...] (assumed)[; draught ...]".
    through, _, draught = (segment.note or "").removeprefix("world sea lanes").partition(" (assumed)")
    text = (
        f"{gap.record}: no sea network file joins '{gap.start}' and '{gap.end}'; the leg follows "
        f"{WORLD_LANES}{through}, {km:,.0f} km, an assumed track{draught}"
    )
    if segment.land_km > MAX_WORLD_LAND_KM:
        text += (
            f"; the lanes cross {segment.land_km:,.1f} km of land outside the ports' approaches (coarse "
            "lanes, or a port up a channel the 1:50m land closes): add a sea network file to draw it exactly"
        )
    return text


def _assumed_warning(gap: Gap, positions: dict[str, tuple[float, float]]) -> str:
    """One line: the leg, its length as a straight line, and the open water it crosses."""
    from routes.geo.geodesy import length_km
    from routes.geo.terrain import water_crossed

    line = [positions[gap.start], positions[gap.end]]
    crossed = water_crossed(line)
    water = f", across {crossed}" if crossed else ""
    return (
        f"{gap.record}: no {gap.mode.value} network joins '{gap.start}' and '{gap.end}'; drawn as an assumed "
        f"straight line ({length_km(line):,.0f} km, shorter than any track{water}). Add a {gap.mode.value} "
        "network file (e.g. 'routes network import') to follow the line"
    )


def attach_connectors(network: Network, positions: dict[str, tuple[float, float]], gap: Gap) -> list[Segment] | None:
    """Connectors joining a gap's stops that are off the network to its nearest node of the
    gap's mode within :data:`ATTACH_KM`, if the network then joins them; else None."""
    from routes.geo.geodesy import length_km
    from routes.geo.graph import single_mode_path

    on_network = {n for s in network.segments if s.mode is gap.mode for n in (s.start, s.end) if n in positions}
    ends: list[tuple[str, str | None]] = []
    for stop in (gap.start, gap.end):
        if stop in on_network:
            ends.append((stop, None))
            continue
        nearest = min(on_network, key=lambda n: length_km([positions[stop], positions[n]]), default=None)
        if nearest is None or length_km([positions[stop], positions[nearest]]) > ATTACH_KM:
            return None
        ends.append((stop, nearest))
    a = ends[0][1] or gap.start
    b = ends[1][1] or gap.end
    trial = Network(network.segments, network.junctions)
    if a == b or single_mode_path(trial, positions, gap.mode, a, b) is None:
        return None
    connectors: list[Segment] = []
    for stop, nearest in ends:
        if nearest is not None:
            km = length_km([positions[stop], positions[nearest]])
            connectors.append(
                Segment(
                    f"connector/{stop}-{nearest}",
                    gap.mode,
                    stop,
                    nearest,
                    Confidence.LOW,
                    (),
                    CONNECTOR_FILE,
                    f"{km:,.1f} km away, by an assumed straight line",
                )
            )
    return connectors


def _lon(lon: float) -> float:
    """A longitude in [-180, 180] (world lanes may come unwrapped across 180°)."""
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon
