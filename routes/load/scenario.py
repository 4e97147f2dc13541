"""Scenarios: a case's routes, claims, vessels and events, read from a TOML file.

The format is documented in ``docs/scenario-format.md``; :func:`read_scenario` checks a file
and every node and network file it names, and reports all problems of a file at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from routes.errors import Problem, Problems, ValidationError
from routes.load.bundled import bundled_path, resolve_scenario
from routes.load.files import display_name, read_toml
from routes.load.networks import Network, load_network, merge_networks, node_positions
from routes.load.nodesources import BUNDLED, NodeSource, load_node_sources, source_from_text
from routes.load.scenario_capacity import check_capacities, read_capacity
from routes.load.scenario_imagery import read_count, read_image_taken
from routes.load.scenario_records import leg_targets, read_claim, read_event, read_route, read_vessel
from routes.load.scenario_story import read_story
from routes.load.scenario_units import read_units
from routes.model.capacity import Capacity
from routes.model.counts import Count
from routes.model.fields import Fields, quote, suggest
from routes.model.imagery import ImageTaken
from routes.model.periods import PartialDate
from routes.model.records import Claim, Event, LegSpec, Route, StoryStep, Vessel
from routes.model.vocabulary import NodeKind, Unit

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

TOP_FIELDS = (
    "format_version",
    "id",
    "title",
    "summary",
    "as_of",
    "credit",
    "width_unit",
    "nodes",
    "networks",
    "routes",
    "claims",
    "vessels",
    "events",
    "story",
    "units",
    "capacities",
    "images_taken",
    "counts",
    "observations",
)

_R = TypeVar("_R")


@dataclass(frozen=True)
class Scenario:
    """A loaded, validated case.

    Attributes
    ----------
    nodes
        GeoDataFrame of the nodes (see :mod:`routes.load.nodes` for its schema).
    network
        The segments of the scenario's network files.
    """

    path: Path
    id: str
    title: str
    summary: str | None
    as_of: PartialDate | None
    credit: str | None
    nodes: geopandas.GeoDataFrame
    network: Network
    routes: tuple[Route, ...]
    claims: tuple[Claim, ...]
    vessels: tuple[Vessel, ...]
    events: tuple[Event, ...]
    #: Assumptions the map lists under its summary (a routed case's speeds and times).
    assumptions: tuple[str, ...] = ()
    #: The steps a briefer walks through (``[[story]]``, see docs/scenario-format.md), in order.
    story: tuple[StoryStep, ...] = ()
    #: What loading noticed but did not refuse (e.g. node records without a coordinate source,
    #: a leg drawn without a network); the command line prints them as warnings.
    warnings: tuple[str, ...] = ()
    #: The unit line widths encode (``width_unit = "containers"``); None: the unit most claims
    #: on legs share (:func:`routes.analysis.volumes.width_rule`).
    width_unit: Unit | None = None
    #: Images taken of the case's places (``[[images_taken]]``): observations, never claims.
    images_taken: tuple[ImageTaken, ...] = ()
    #: Counts of wagons (or vehicles, containers) at a node on a date (``[[counts]]``).
    counts: tuple[Count, ...] = ()
    #: Files of ``routes observe`` output the case draws (``observations = [...]``), checked to
    #: exist inside the scenario's folder; read by :func:`routes.observe.link.link_observations`.
    observation_files: tuple[Path, ...] = ()
    #: What one trip of a named vessel can carry (``[[capacities]]``), for the throughput check.
    capacities: tuple[Capacity, ...] = ()

    @property
    def legs_specs(self) -> tuple[LegSpec, ...]:
        """Every leg of every route, in scenario order."""
        return tuple(leg for route in self.routes for leg in route.legs)

    def positions(self) -> dict[str, tuple[float, float]]:
        """``(lon, lat)`` of every node and network junction, by id."""
        return node_positions(self.nodes, self.network)

    def claims_summary(self) -> str | None:
        """What the case's claims are, for the title block: "N claims by M claimants, published
        13 Oct 2023 – 29 May 2025". Never a union of the claimants' periods, which nobody claimed.

        Examples
        --------
        >>> read_scenario("dprk-russia-2023").claims_summary()
        '... claims by ... claimants, published ... 2023 – ... 2023'
        """
        if not self.claims:
            return None
        claimants = {c.claimant for c in self.claims}
        dates = sorted(self.claims, key=lambda c: c.published.first_day())
        first, last = dates[0].published, dates[-1].published
        when = first.label() if str(first) == str(last) else f"{first.label()} – {last.label()}"
        n, m = len(self.claims), len(claimants)
        return f"{n} claim{'s' if n != 1 else ''} by {m} claimant{'s' if m != 1 else ''}, published {when}"


def read_scenario(
    scenario: str | Path | None = None, *, nodes: str | Path | NodeSource | list[str | Path | NodeSource] | None = None
) -> Scenario:
    """Read and validate a scenario with its node and network files; draw nothing.

    The case's network is that of its network files: legs those files do not join are left
    to :func:`routes.geo.resolve.resolve_network` (:func:`routes.load_scenario` does both).

    Parameters
    ----------
    scenario
        A path to a ``.toml`` scenario, the id of a bundled one, or None for the default case.
    nodes
        Node files to use instead of those the scenario names: a path, ``"bundled"``, a
        :class:`routes.load.nodesources.NodeSource` (a file in another schema), or a list of them.

    Raises
    ------
    routes.ValidationError
        Listing every problem of the first file that has any.

    Examples
    --------
    >>> case = read_scenario("dprk-russia-2023")
    >>> [leg.id for leg in case.legs_specs]
    ['najin-tikhoretsk/najin-dunay', 'najin-tikhoretsk/dunay-tikhoretsk-depot']
    """
    path = resolve_scenario(scenario)
    file = display_name(path)
    data = read_toml(path)
    problems = Problems(file)
    top = Fields(problems, "", data, TOP_FIELDS)
    if type(data.get("format_version")) is not int or data.get("format_version") != 1:
        top.add(
            "format_version",
            f"{quote(data.get('format_version'))} is not a supported version",
            "write format_version = 1",
        )
    case_id, title = top.slug("id"), top.text("title")
    summary, credit = top.text("summary", required=False), top.text("credit", required=False)
    as_of = top.date("as_of", required=False)
    units = read_units(problems, data)  # routes' units and the scenario's own ([units.NAME])
    width_unit = top.choice("width_unit", units, required=False)
    node_sources = _node_sources(top, data, path.parent) if nodes is None else _given_sources(nodes)
    network_paths = _network_paths(top, path.parent)
    problems.raise_if_any()

    node_frame, warnings = load_node_sources(node_sources)
    network = merge_networks([load_network(p) for p in network_paths])
    node_ids = set(node_frame["id"])
    _check_network_nodes(network, node_ids, any(s.path is None for s in node_sources))

    vessels = tuple(read_vessel(problems, t, n) for n, t in enumerate(top.tables("vessels")))
    vessel_ids = {v.id for v in vessels if v}
    route_tables = top.tables("routes")
    junction_ids = set(network.junctions)
    routes = tuple(read_route(problems, t, n, node_ids, vessel_ids, junction_ids) for n, t in enumerate(route_tables))
    targets = leg_targets(route_tables)
    folder = path.parent
    claims = tuple(
        read_claim(problems, t, n, targets, vessel_ids, folder, units) for n, t in enumerate(top.tables("claims"))
    )
    events = tuple(read_event(problems, t, n, node_ids, folder) for n, t in enumerate(top.tables("events")))
    for kind, records in (("route", routes), ("claim", claims), ("vessel", vessels), ("event", events)):
        _check_unique(problems, kind, records)
    claim_ids = {c.id for c in claims if c}
    for claim in claims:
        if claim and claim.restates and claim.restates not in claim_ids:
            problems.add(
                f"claim '{claim.id}'",
                "restates",
                f"unknown claim '{claim.restates}'",
                suggest(claim.restates, claim_ids, "name the id of the claim whose figure it repeats"),
            )
    if not routes:
        top.add("routes", "no route is given", "add at least one [[routes]] table with legs")
    story = read_story(problems, top.tables("story"), routes, node_ids, claims, events, folder)
    known = claim_ids | {e.id for e in events if e}
    images_taken = tuple(
        read_image_taken(problems, t, n, known, folder) for n, t in enumerate(top.tables("images_taken"))
    )
    counts = tuple(read_count(problems, t, n, node_ids, known, units) for n, t in enumerate(top.tables("counts")))
    _check_unique(problems, "image taken", images_taken)
    _check_unique(problems, "count", counts)
    observation_files = _observation_files(top, folder)
    capacities = tuple(read_capacity(problems, t, n, vessel_ids, units) for n, t in enumerate(top.tables("capacities")))
    check_capacities(problems, capacities)
    problems.raise_if_any()
    # A required field or a record that came back None recorded a problem, so none is left here.
    assert case_id is not None and title is not None
    return Scenario(
        path,
        case_id,
        title,
        summary,
        as_of,
        credit,
        node_frame,
        network,
        _whole(routes),
        _whole(claims),
        _whole(vessels),
        _whole(events),
        story=story,
        warnings=(*warnings, *(str(w) for w in problems.warnings)),
        width_unit=width_unit,
        images_taken=_whole(images_taken),
        counts=_whole(counts),
        observation_files=observation_files,
        capacities=_whole(capacities),
    )


def _observation_files(top: Fields, folder: Path) -> tuple[Path, ...]:
    """``observations = ["observed.geojson", ...]``: files inside the scenario's folder."""
    from routes.load.evidence import inside_folder

    found = []
    for name in top.text_list("observations"):
        path = inside_folder(folder, name)
        if path is None:
            top.add(
                "observations", f"{quote(name)} is outside the scenario's folder", "copy it into the scenario's folder"
            )
        elif not path.is_file():
            top.add("observations", f"{quote(name)} is not a file", "run routes observe ... -o " + name + " first")
        else:
            found.append(path)
    return tuple(found)


def _whole(records: tuple[_R | None, ...]) -> tuple[_R, ...]:
    """The records of a file without problems: each record that is None recorded a problem."""
    present = tuple(record for record in records if record is not None)
    assert len(present) == len(records), "a record was dropped without recording a problem"
    return present


def _check_unique(problems: Problems, kind: str, records) -> None:
    seen = set()
    for record in records:
        if record is None:
            continue
        if record.id in seen:
            problems.add(f"{kind} '{record.id}'", "id", f"duplicate id '{record.id}'", f"give each {kind} its own id")
        seen.add(record.id)


def _node_sources(top: Fields, data: dict, base: Path) -> list[NodeSource]:
    """The node files a scenario's ``nodes`` names: a path, ``"bundled"``, or a list of those
    and of tables ``{ file = ..., id_field = ..., name_field = ..., kind = ... }``."""
    value = data.get("nodes")
    if isinstance(value, str):
        text = top.text("nodes")
        return [source_from_text(text, base=base)] if text else []
    if not isinstance(value, list) or not value:
        top.add(
            "nodes",
            f"{quote(value)} is not a node file or a list of them" if value is not None else "missing",
            'write nodes = "ports.geojson" or nodes = ["bundled", "my-nodes.geojson"]',
        )
        return []
    sources = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            sources.append(source_from_text(item.strip(), base=base))
            continue
        if not isinstance(item, dict):
            top.add(
                "nodes",
                f"entry {index + 1} {quote(item)} is neither a file name nor a table",
                'write "file.geojson" or { file = "file.csv", id_field = "code" }',
            )
            continue
        fields = Fields(top.problems, f"nodes entry {index + 1}", item, ("file", "id_field", "name_field", "kind"))
        file, id_field, name_field = (
            fields.text("file"),
            fields.text("id_field", required=False),
            fields.text("name_field", required=False),
        )
        kind = fields.choice("kind", NodeKind, required=False)
        if file:
            sources.append(
                source_from_text(
                    file, id_field=id_field, name_field=name_field, kind=kind.value if kind else None, base=base
                )
            )
    return sources


def _given_sources(nodes) -> list[NodeSource]:
    """``nodes`` as given to :func:`read_scenario`: a path, a :class:`NodeSource`, or a list."""
    items = nodes if isinstance(nodes, (list, tuple)) else [nodes]
    return [item if isinstance(item, NodeSource) else source_from_text(item) for item in items]


def _network_paths(top: Fields, base: Path) -> list[Path]:
    """The network files a scenario names; ``"bundled"`` stands for every bundled network
    file, ``"bundled:sea"`` (or another mode) for one."""
    paths: list[Path] = []
    bundled = {p.stem: p for p in sorted(bundled_path("networks").glob("*.toml"))}
    for ref in top.text_list("networks"):
        if ref == BUNDLED:
            paths.extend(bundled.values())
        elif ref.startswith(BUNDLED + ":"):
            name = ref.split(":", 1)[1]
            if name in bundled:
                paths.append(bundled[name])
            else:
                top.add(
                    "networks",
                    f"no bundled network is called {name!r}",
                    f'write one of {", ".join(repr(BUNDLED + ":" + n) for n in bundled)}, or "bundled" for all',
                )
        else:
            paths.append(base / ref)
    return list(dict.fromkeys(paths))


def _check_network_nodes(network: Network, node_ids: set[str], has_bundled_nodes: bool = False) -> None:
    by_file: dict[str, list[tuple[str, str, str]]] = {}
    known = node_ids | set(network.junctions)
    for segment in network.segments:
        for field, node in (("from", segment.start), ("to", segment.end)):
            if node not in known:
                by_file.setdefault(segment.file, []).append((segment.id, field, node))
    problems: list = []
    bundled_files = {display_name(p) for p in bundled_path("networks").glob("*.toml")}
    for file, missing in by_file.items():
        unknown = sorted({node for _, _, node in missing})
        if file in bundled_files and not has_bundled_nodes:
            # One line, not one per segment end: the bundled networks join the bundled nodes.
            problems.append(
                Problem(
                    file,
                    "",
                    "nodes",
                    f"the bundled network joins {len(unknown)} nodes that are not in "
                    f"the node files ({', '.join(unknown[:4])}{' …' if len(unknown) > 4 else ''})",
                    'use the bundled nodes too: nodes = ["bundled", "my-nodes.geojson"] in the scenario, '
                    "or --nodes bundled --nodes my-nodes.geojson",
                )
            )
            continue
        for segment_id, field, node in missing:
            problems.append(
                Problem(
                    file,
                    f"segment '{segment_id}'",
                    field,
                    f"unknown node '{node}'",
                    "add the node to the node file or fix the id",
                )
            )
    if problems:
        raise ValidationError(problems)
