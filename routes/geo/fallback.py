"""routes' bundled networks as a fallback: the lines a leg follows when the case's own network
files do not join its stops (see :mod:`routes.geo.gaps`, which tries the case's network first).

A :class:`Fallback` is one bundled network file made ready to join a case: its segments renamed
``bundled/<id>``, the bundled nodes they join (``data/ports.geojson``) as junctions, except
those the case has under the same id within :data:`SAME_PLACE_KM` (the case's node is then that
place); a bundled node farther from the case's node of its id is renamed ``bundled-<id>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import pairwise

from routes.geo.gaps import Gap, attach_connectors
from routes.load.networks import Network, Segment, ShapePoint
from routes.model.vocabulary import Mode

#: Farthest a node of the case may lie from the bundled node of the same id and still be that
#: place, in km (a user's "makhachkala" from the gazetteer against routes' own); farther, the
#: bundled one is renamed ``bundled-<id>`` so the two are not confused.
SAME_PLACE_KM = 5.0


@dataclass(frozen=True)
class Fallback:
    """routes' bundled network of one mode, for the land legs the case's own networks do not
    join: its segments (ids ``bundled/<id>``) and, as junctions, the positions of the nodes
    they join that the case does not have."""

    mode: Mode
    #: The file, as messages name it ("bundled networks/rail.toml").
    file: str
    network: Network

    def follow(
        self, network: Network, positions: dict[str, tuple[float, float]], gap: Gap
    ) -> tuple[Network, str] | None:
        """The network with the segments of this fallback that join the gap's stops (and the
        connectors to them), and the one warning that says so; None if it does not reach both."""
        return _follow(self, network, positions, gap)


def bundled_fallback(
    mode: Mode, positions: Mapping[str, tuple[float, float]], used_files: set[str] | frozenset[str] = frozenset()
) -> Fallback | None:
    """routes' bundled network of ``mode`` made ready to join a case whose nodes are at
    ``positions``; None if there is none, or the case's network files include it already."""
    from routes.geo.geodesy import length_km
    from routes.load.bundled import bundled_path
    from routes.load.files import display_name
    from routes.load.networks import load_network, node_positions
    from routes.load.nodesources import NodeSource, load_node_sources

    path = bundled_path("networks", f"{mode.value}.toml")
    file = display_name(path)
    if not path.is_file() or file in used_files:
        return None
    network = load_network(path)
    nodes, _ = load_node_sources([NodeSource()])
    where = node_positions(nodes, network)
    points = dict(network.junctions)
    points.update(
        {n: ShapePoint(name, g.x, g.y, source) for n, name, g, source in zip(*(nodes[c] for c in _NODE_COLUMNS))}
    )
    renamed: dict[str, str] = {}
    junctions: dict[str, ShapePoint] = {}
    for node in sorted(network.node_ids()):
        ident = node
        if node in positions:
            if length_km([positions[node], where[node]]) <= SAME_PLACE_KM:
                continue  # the case's own node stands for it
            ident, number = f"bundled-{node}", 2
            while ident in positions:
                ident, number = f"bundled-{node}-{number}", number + 1
            renamed[node] = ident
        junctions[ident] = points[node]
    segments = tuple(
        replace(s, id=f"bundled/{s.id}", start=renamed.get(s.start, s.start), end=renamed.get(s.end, s.end))
        for s in network.segments
        if s.mode is mode
    )
    return Fallback(mode, file, Network(segments, junctions, network.source, network.licence))


#: The columns of the bundled nodes a fallback's junctions are made of.
_NODE_COLUMNS = ("id", "name", "geometry", "coord_source")


def _follow(
    fallback: Fallback, network: Network, positions: dict[str, tuple[float, float]], gap: Gap
) -> tuple[Network, str] | None:
    """The network with the segments of ``fallback`` that join the gap's stops (and the
    connectors to them), and the one warning that says so; None if the fallback does not
    reach both stops. A sea leg is never joined by a connector (a straight line may cross
    land): both its stops must be nodes of the fallback (routes' own ports, under their ids)."""
    from routes.geo.geodesy import length_km
    from routes.geo.graph import single_mode_path

    junctions = {**fallback.network.junctions, **network.junctions}
    trial = Network(network.segments + fallback.network.segments, junctions)
    reach = {**{j: (p.lon, p.lat) for j, p in fallback.network.junctions.items()}, **positions}
    if gap.mode is Mode.SEA:
        on_it = fallback.network.node_ids()
        connectors: list[Segment] | None = [] if {gap.start, gap.end} <= on_it else None
    else:
        connectors = attach_connectors(trial, reach, gap)
    if connectors is None:
        return None
    joined = Network(trial.segments + tuple(connectors), junctions)
    path = single_mode_path(joined, reach, gap.mode, gap.start, gap.end)
    if path is None:  # pragma: no cover - _attach found this path
        return None
    used = [
        s
        for a, b in pairwise(path)
        for s in fallback.network.segments
        if s.mode is gap.mode and {s.start, s.end} == {a, b}
    ]
    have = set(network.segments)
    new = tuple(dict.fromkeys(s for s in (*connectors, *used) if s not in have))
    ends = {n for s in new for n in (s.start, s.end)}
    extra = {j: p for j, p in fallback.network.junctions.items() if j in ends and j not in network.junctions}
    result = replace(network, segments=network.segments + new, junctions={**network.junctions, **extra})
    joins = [
        f"'{c.start}' to its node '{c.end}' ({length_km([reach[c.start], reach[c.end]]):,.1f} km)" for c in connectors
    ]
    lines = "an assumed straight line" if len(joins) == 1 else "assumed straight lines"
    how = f", joining {' and '.join(joins)} by {lines}" if joins else ""
    warning = (
        f"{gap.record}: no {gap.mode.value} network file joins '{gap.start}' and '{gap.end}'; the leg "
        f"follows routes' bundled {gap.mode.value} network ({fallback.file}){how}"
    )
    return result, warning
