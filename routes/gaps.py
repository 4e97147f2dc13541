"""Legs the scenario's networks do not join: world sea lanes, or an assumed line with a warning.

A scenario's network files come first (the bundled regional lanes follow coasts and fairways
placed by hand). Where they hold no path between two consecutive stops of a leg:

- a **sea** leg follows the world maritime network (:mod:`routes.seaways`): a segment joining
  the two stops directly is added, with the lanes' points, confidence ``low``;
- a **land** leg (rail, road) is drawn as a geodesic between the stops, confidence ``low``,
  with a warning that names the missing network: the drawing says where, not how.

Both are segments like any other (file names say where they come from), so the legs, the
search, the exports and the map treat them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from routes._errors import Problem
from routes.networks import Network, Segment, ShapePoint
from routes.vocabulary import Confidence, Mode

#: The ``file`` of segments the world maritime network supplies.
WORLD_SEA_FILE = "world sea lanes (MARNET via searoute)"
#: The ``file`` of segments drawn without a network.
NO_NETWORK_FILE = "no network (assumed line)"


@dataclass(frozen=True)
class Gap:
    """Two consecutive stops of a leg that the networks do not join."""

    mode: Mode
    start: str
    end: str
    file: str
    record: str


def world_sea_segment(start: str, end: str, positions: dict[str, tuple[float, float]]) -> Segment | None:
    """A sea segment from ``start`` to ``end`` over the world lanes, or None if a stop is
    too far from every lane."""
    from routes.seaways import SOURCE, world_sea_line

    line = world_sea_line(positions[start], positions[end])
    if line is None:
        return None
    inner = [ShapePoint("sea lane", _lon(lon), lat, SOURCE) for lon, lat in line.coords[1:-1]]
    return Segment(f"world-sea/{start}-{end}", Mode.SEA, start, end, Confidence.LOW, tuple(inner), WORLD_SEA_FILE,
                   f"world maritime lanes, {line.km:,.0f} km")


def assumed_segment(mode: Mode, start: str, end: str) -> Segment:
    """A segment with no shape points: drawn as the geodesic between the stops."""
    return Segment(f"assumed/{start}-{end}", mode, start, end, Confidence.LOW, (), NO_NETWORK_FILE,
                   f"no {mode.value} network joins these stops: a geodesic, not a track")


def fill_gaps(network: Network, positions: dict[str, tuple[float, float]], gaps: list[Gap]
              ) -> tuple[Network, tuple[str, ...], list[Problem]]:
    """The network with a segment for every gap, the warnings to show, and the gaps that stay
    open (a sea stop too far from any lane) as problems."""
    from routes.geodesy import length_km

    added: dict[tuple[Mode, frozenset], Segment] = {}
    warnings: list[str] = []
    problems: list[Problem] = []
    for gap in gaps:
        key = (gap.mode, frozenset((gap.start, gap.end)))
        if key in added:
            continue
        if gap.mode is Mode.SEA:
            segment = world_sea_segment(gap.start, gap.end, positions)
            if segment is None:
                problems.append(Problem(gap.file, gap.record, "to", f"no sea lane reaches '{gap.start}' or '{gap.end}'",
                                        "check that both are ports on the coast, or add a sea network file joining them"))
                continue
        else:
            segment = assumed_segment(gap.mode, gap.start, gap.end)
            km = length_km([positions[gap.start], positions[gap.end]])
            warnings.append(f"{gap.record}: no {gap.mode.value} network joins '{gap.start}' and '{gap.end}'; drawn as an "
                            f"assumed straight line ({km:,.0f} km, shorter than any track). Add a {gap.mode.value} network "
                            f"file (e.g. 'routes network import') to follow the line")
        added[key] = segment
    if not added:
        return network, tuple(warnings), problems
    return Network(network.segments + tuple(added.values()), network.junctions), tuple(warnings), problems


def _lon(lon: float) -> float:
    """A longitude in [-180, 180] (world lanes may come unwrapped across 180°)."""
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon
