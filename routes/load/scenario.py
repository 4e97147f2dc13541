"""Scenarios: a case's routes, claims, vessels and events, read from a TOML file.

The format is documented in ``docs/scenario-format.md``; :func:`load_scenario` checks a file
and every node and network file it names, and reports all problems of a file at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from routes.errors import Problem, Problems, ValidationError
from routes.geo.gaps import Gap, fill_gaps
from routes.load.bundled import bundled_path, resolve_scenario
from routes.load.evidence import evidence_images
from routes.load.files import display_name, read_toml
from routes.load.networks import Network, load_network, merge_networks, node_positions
from routes.load.nodesources import BUNDLED, NodeSource, load_node_sources, source_from_text
from routes.model.fields import Fields, quote, suggest
from routes.model.periods import PartialDate, Period
from routes.model.records import (
    Claim,
    Event,
    LegSpec,
    Quantity,
    Route,
    Source,
    StoryStep,
    Vessel,
    check_draught_m,
)
from routes.model.vocabulary import ClaimKind, ClaimStatus, Confidence, GeometryBasis, Mode, NodeKind, Qualifier, Unit

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

TOP_FIELDS = (
    "format_version",
    "id",
    "title",
    "summary",
    "as_of",
    "credit",
    "nodes",
    "networks",
    "routes",
    "claims",
    "vessels",
    "events",
    "story",
)
STORY_FIELDS = ("title", "text", "view", "date", "highlights", "images")
ROUTE_FIELDS = ("id", "name", "note", "legs")
LEG_FIELDS = ("from", "to", "mode", "geometry_basis", "via", "vessels", "note", "draught_m")
CLAIM_FIELDS = (
    "id",
    "claimant",
    "published",
    "period_start",
    "period_end",
    "period_text",
    "quantity_text",
    "quantity",
    "quantity_max",
    "unit",
    "qualifier",
    "covers",
    "attributed",
    "attribution",
    "kind",
    "restates",
    "direction_known",
    "evidence",
    "status",
    "vessels",
    "quote",
    "summary",
    "note",
    "sources",
    "images",
)
VESSEL_FIELDS = (
    "id",
    "name",
    "flag",
    "imo",
    "imo_confidence",
    "type",
    "operator",
    "sanctions",
    "note",
    "sources",
    "draught_m",
)
EVENT_FIELDS = ("id", "title", "date", "period_start", "period_end", "node", "description", "sources", "images")
SOURCE_FIELDS = ("publisher", "title", "date", "url", "note")

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
        >>> load_scenario("dprk-russia-2023").claims_summary()
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


def load_scenario(
    scenario: str | Path | None = None, *, nodes: str | Path | NodeSource | list[str | Path | NodeSource] | None = None
) -> Scenario:
    """Load and validate a scenario with its node and network files.

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
    >>> case = load_scenario("dprk-russia-2023")
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
    node_sources = _node_sources(top, data, path.parent) if nodes is None else _given_sources(nodes)
    network_paths = _network_paths(top, path.parent)
    problems.raise_if_any()

    node_frame, warnings = load_node_sources(node_sources)
    network = merge_networks([load_network(p) for p in network_paths])
    node_ids = set(node_frame["id"])
    _check_network_nodes(network, node_ids, any(s.path is None for s in node_sources))
    positions = node_positions(node_frame, network)

    vessels = tuple(_vessel(problems, t, n) for n, t in enumerate(top.tables("vessels")))
    vessel_ids = {v.id: v.draught_m for v in vessels if v}  # id -> draught (m) for the sea legs' lines
    route_tables = top.tables("routes")
    gaps: list[Gap] = []
    routes = tuple(
        _route(problems, t, n, node_ids, vessel_ids, network, positions, gaps) for n, t in enumerate(route_tables)
    )
    if gaps and not problems:
        network, gap_warnings, open_gaps = fill_gaps(network, positions, gaps)
        warnings += gap_warnings
        problems.extend(open_gaps)
    targets = _targets(route_tables)
    folder = path.parent
    claims = tuple(_claim(problems, t, n, targets, vessel_ids, folder) for n, t in enumerate(top.tables("claims")))
    events = tuple(_event(problems, t, n, node_ids, folder) for n, t in enumerate(top.tables("events")))
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
    story = _story(problems, top.tables("story"), routes, node_ids, claims, events, folder)
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
        warnings=warnings,
    )


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
    """``nodes`` as given to :func:`load_scenario`: a path, a :class:`NodeSource`, or a list."""
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


def _targets(route_tables: list[dict]) -> set[str]:
    """Route and leg ids a claim may cover, read from the tables as written (so that one bad
    leg does not also make every claim on its route 'unknown')."""
    targets = set()
    for route in route_tables:
        if not isinstance(route.get("id"), str):
            continue
        targets.add(route["id"])
        for leg in route.get("legs", []) if isinstance(route.get("legs"), list) else []:
            if isinstance(leg, dict) and isinstance(leg.get("from"), str) and isinstance(leg.get("to"), str):
                targets.add(f"{route['id']}/{leg['from']}-{leg['to']}")
    return targets


def _record(kind: str, number: int, table: dict) -> str:
    ident = table.get("id")
    return f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} {number}"


def _sources(fields: Fields, required: bool) -> tuple[Source, ...]:
    result = []
    tables = fields.tables("sources")
    if required and not tables:
        fields.add("sources", "no source is given", "add sources = [{ publisher = ..., title = ..., date = ... }]")
    for index, table in enumerate(tables):
        sf = Fields(fields.problems, f"{fields.record} source {index + 1}", table, SOURCE_FIELDS)
        publisher, title = sf.text("publisher"), sf.text("title", required=False)
        date, url, note = sf.date("date", required=False), sf.url("url"), sf.text("note", required=False)
        if publisher:
            result.append(Source(publisher, title or "", date, url, note))
    return tuple(result)


def _vessel(problems: Problems, table: dict, number: int) -> Vessel | None:
    fields = Fields(problems, _record("vessel", number, table), table, VESSEL_FIELDS)
    ident, name = fields.slug("id"), fields.text("name")
    imo = table.get("imo")
    if imo is not None and not (isinstance(imo, str) and re.fullmatch(r"[0-9]{7}", imo)):
        fields.add(
            "imo",
            f"{quote(imo)} is not a 7-digit IMO number",
            'write it as a quoted string, e.g. "9179842", or leave it out',
        )
        imo = None
    # Every field is read (and its problems recorded) before deciding whether the vessel is whole.
    flag = fields.text("flag", required=False)
    imo_confidence = fields.choice("imo_confidence", Confidence, required=False)
    vessel_type = fields.text("type", required=False)
    operator = fields.text("operator", required=False)
    sanctions = fields.text("sanctions", required=False)
    note = fields.text("note", required=False)
    sources = _sources(fields, required=False)
    draught_m = _draught_m(fields, table)
    if not (ident and name):
        return None
    return Vessel(
        ident,
        name,
        flag=flag,
        imo=imo,
        imo_confidence=imo_confidence,
        vessel_type=vessel_type,
        operator=operator,
        sanctions=sanctions,
        note=note,
        sources=sources,
        draught_m=draught_m,
    )


def _draught_m(fields: Fields, table: dict) -> float | None:
    """The optional ``draught_m`` of a vessel or a leg: a positive number of metres."""
    value = table.get("draught_m")
    if value is None:
        return None
    try:
        return check_draught_m(value)
    except ValueError as exc:
        message, _, fix = str(exc).partition("; ")
        fields.add("draught_m", message, fix)
        return None


def _route(problems, table, number, node_ids, vessel_ids, network, positions, gaps: list[Gap]) -> Route | None:
    fields = Fields(problems, _record("route", number, table), table, ROUTE_FIELDS)
    ident, name, note = fields.slug("id"), fields.text("name"), fields.text("note", required=False)
    legs: list[LegSpec] = []
    raw_legs = fields.tables("legs")
    if not raw_legs:
        fields.add("legs", "the route has no legs", "add [[routes.legs]] tables with from, to and mode")
    for index, leg_table in enumerate(raw_legs):
        lf = Fields(problems, f"{fields.record} leg {index + 1}", leg_table, LEG_FIELDS)
        start, end, mode = lf.slug("from"), lf.slug("to"), lf.choice("mode", Mode)
        basis = lf.choice("geometry_basis", GeometryBasis)
        via, vessels = lf.text_list("via", slugs=True), lf.text_list("vessels", slugs=True)
        leg_note = lf.text("note", required=False)
        leg_draught = _draught_m(lf, leg_table)
        if leg_draught is not None and mode is not None and mode is not Mode.SEA:
            lf.add("draught_m", f"a {mode.value} leg has no draught", "give draught_m on sea legs only, or remove it")
        for field, node in [("from", start), ("to", end), *(("via", v) for v in via)]:
            if node is not None and node not in node_ids and not (field == "via" and node in network.junctions):
                lf.add(
                    field, f"unknown node '{node}'", suggest(node, node_ids, "add it to the node file or fix the id")
                )
        for vessel in vessels:
            if vessel not in vessel_ids:
                lf.add(
                    "vessels",
                    f"unknown vessel '{vessel}'",
                    suggest(vessel, vessel_ids, "add a [[vessels]] table or fix the id"),
                )
        if legs and start is not None and legs[-1].end != start:
            lf.add(
                "from",
                f"leg starts at '{start}' but the previous leg ends at '{legs[-1].end}'",
                "legs of a route must join; start this leg where the last one ended",
            )
            continue
        if start is not None and start == end:
            lf.add("to", f"leg starts and ends at '{start}'", "a leg joins two different stops")
            continue
        if ident is None or start is None or end is None or mode is None or basis is None:
            continue
        spec = LegSpec(ident, index, start, end, mode, basis, tuple(via), tuple(vessels), leg_note, leg_draught)
        # A sea leg's line: the leg's draught, else the deepest of its vessels'.
        draught = leg_draught or max((vessel_ids[v] for v in vessels if vessel_ids.get(v)), default=None)
        if any(leg.id == spec.id for leg in legs):
            lf.add(
                "to", f"a second leg with id '{spec.id}'", "join each pair of stops once in a route, or split the route"
            )
            continue
        path = spec.path
        if all(n in positions for n in path) and mode is not Mode.AIR:
            from routes.geo.graph import single_mode_path

            for a, b in pairwise(path):
                if network.find(mode, a, b) is None and single_mode_path(network, positions, mode, a, b) is None:
                    gaps.append(Gap(mode, a, b, problems.file, lf.record, draught if mode is Mode.SEA else None))
        legs.append(spec)
    if ident is None or name is None or len(legs) != len(raw_legs):
        return None
    return Route(ident, name, tuple(legs), note)


def _claim(problems, table, number, targets, vessel_ids, folder: Path) -> Claim | None:
    fields = Fields(problems, _record("claim", number, table), table, CLAIM_FIELDS)
    ident, claimant = fields.slug("id"), fields.text("claimant")
    published = fields.date("published")
    start, end = fields.date("period_start", required=False), fields.date("period_end", required=False)
    period = None
    if (start is not None or "period_start" not in table) and (end is not None or "period_end" not in table):
        try:
            period = Period(start, end)
        except ValueError:
            fields.add("period_end", f"{end} is before period_start {start}", "swap them or fix the date")
    status, evidence = fields.choice("status", ClaimStatus), fields.text("evidence")
    quantity = _quantity(fields, table)
    covers, attributed = fields.text_list("covers"), fields.text_list("attributed")
    for name, listed in (("covers", covers), ("attributed", attributed)):
        for target in listed:
            if target not in targets:
                fields.add(
                    name,
                    f"unknown route or leg '{target}'",
                    suggest(target, targets, "name a route id or a leg id 'route/from-to'"),
                )
    for target in set(covers) & set(attributed):
        fields.add(
            "attributed",
            f"'{target}' is also in covers",
            "list a leg in covers if the claimant named it, in attributed if you linked it; not both",
        )
    attribution = fields.text("attribution", required=False)
    if attributed and attribution is None and "attribution" not in table:
        fields.add(
            "attribution",
            "missing: attributed legs need a reason",
            'say in one line why the claim concerns them, e.g. attribution = "the only sea route reported then"',
        )
    kind = fields.choice("kind", ClaimKind, required=False)
    restates = fields.slug("restates", required=False)
    if kind is ClaimKind.RESTATEMENT and restates is None and "restates" not in table:
        fields.add("restates", "missing: a restatement names the claim it repeats", 'add restates = "<claim id>"')
    if restates is not None and kind is not None and kind is not ClaimKind.RESTATEMENT:
        fields.add("kind", f"'{kind.value}' with restates", 'a claim that restates another has kind = "restatement"')
    vessels = fields.text_list("vessels", slugs=True)
    for vessel in vessels:
        if vessel not in vessel_ids:
            fields.add(
                "vessels",
                f"unknown vessel '{vessel}'",
                suggest(vessel, vessel_ids, "add a [[vessels]] table or fix the id"),
            )
    direction_known = table.get("direction_known", True)
    if not isinstance(direction_known, bool):
        fields.add(
            "direction_known",
            f"{quote(direction_known)} is not true or false",
            "write direction_known = false when the claimant could not tell the direction, else leave it out",
        )
    optional = {name: fields.text(name, required=False) for name in ("period_text", "quote", "summary", "note")}
    sources = _sources(fields, required=True)
    images = evidence_images(fields, folder)
    if (
        ident is None
        or claimant is None
        or published is None
        or period is None
        or status is None
        or evidence is None
        or not sources
        or quantity is False
    ):
        return None
    if attributed and attribution is None:
        return None
    return Claim(
        ident,
        claimant,
        published,
        period,
        status,
        evidence,
        sources,
        optional["period_text"],
        quantity,
        tuple(covers),
        tuple(vessels),
        optional["quote"],
        optional["summary"],
        optional["note"],
        tuple(attributed),
        attribution,
        kind,
        restates,
        direction_known is not False,
        images,
    )


def _quantity(fields: Fields, table: dict) -> Quantity | None | Literal[False]:
    """The claim's quantity; None when it states none, False after a problem."""
    text = fields.text("quantity_text", required=False)
    value, value_max = fields.number("quantity"), fields.number("quantity_max")
    unit = fields.choice("unit", Unit, required=False)
    qualifier = fields.choice("qualifier", Qualifier, required=False)
    parsed = {"quantity": value, "quantity_max": value_max, "unit": unit, "qualifier": qualifier}
    given = [name for name in parsed if table.get(name) is not None]
    if any(parsed[name] is None for name in given):
        return False  # the problem is already recorded
    if text is None:
        if given:
            fields.add(
                "quantity_text",
                "missing while a quantity is given",
                'copy the quantity as worded by the source, e.g. "more than 1,000 containers"',
            )
            return False
        return None
    if value is not None and unit is None:
        fields.add("unit", "missing while quantity is given", f"use one of {Unit.choices()}")
        return False
    if value_max is not None and (value is None or value_max < value):
        fields.add(
            "quantity_max",
            f"{quote(value_max)} is below quantity {quote(value)} or has no quantity",
            "give the range as quantity (low) and quantity_max (high)",
        )
        return False
    return Quantity(text, value, value_max, unit, qualifier)


def _event(problems, table, number, node_ids, folder: Path) -> Event | None:
    fields = Fields(problems, _record("event", number, table), table, EVENT_FIELDS)
    ident, title = fields.slug("id"), fields.text("title")
    date = fields.date("date", required=False)
    start, end = fields.date("period_start", required=False), fields.date("period_end", required=False)
    if "date" in table and ("period_start" in table or "period_end" in table):
        fields.add("date", "given together with period_start/period_end", "give either a date or a period, not both")
        return None
    if not any(name in table for name in ("date", "period_start", "period_end")):
        fields.add("date", "missing: an event needs a date", 'give date = "YYYY-MM-DD" or period_start/period_end')
        return None
    if date is not None:
        start = end = date
    period = None
    try:
        period = Period(start, end)
    except ValueError:
        fields.add("period_end", f"{end} is before period_start {start}", "swap them or fix the date")
    node = fields.slug("node", required=False)
    if node is not None and node not in node_ids:
        fields.add("node", f"unknown node '{node}'", suggest(node, node_ids, "add it to the node file or fix the id"))
        node = None
    description = fields.text("description", required=False)
    sources = _sources(fields, required=False)
    images = evidence_images(fields, folder)
    if ident is None or title is None or period is None:
        return None
    return Event(ident, title, period, node, description, sources, images)


def _story(
    problems: Problems, tables: list[dict], routes, node_ids: set[str], claims, events, folder: Path
) -> tuple[StoryStep, ...]:
    """The ``[[story]]`` steps, each checked: a view that exists, a date inside the case's
    dated claims and events, highlights that name claims or events of the case."""
    from routes.analysis.timeline import claim_span, event_span

    leg_ids = {leg.id for route in routes if route for leg in route.legs}
    record_ids = {c.id for c in claims if c} | {e.id for e in events if e}
    days = [d for c in claims if c for d in (*claim_span(c), c.published.first_day())]
    days += [d for e in events if e for d in event_span(e)]
    first, last = (min(days), max(days)) if days else (None, None)
    steps = []
    for number, table in enumerate(tables):
        fields = Fields(problems, f"story step {number + 1}", table, STORY_FIELDS)
        title, text = fields.text("title"), fields.text("text", required=False)
        date = fields.date("date", required=False)
        highlights = fields.text_list("highlights", slugs=True)
        view = _story_view(fields, table.get("view"), leg_ids, node_ids)
        images = evidence_images(fields, folder)
        if date is not None and first and last and (date.last_day() < first or date.first_day() > last):
            fields.add(
                "date",
                f"{date} is outside the case ({first} to {last})",
                "give a day inside the periods of the case's claims and events",
            )
        for ident in highlights:
            if ident not in record_ids:
                fields.add(
                    "highlights",
                    f"unknown claim or event '{ident}'",
                    suggest(ident, record_ids, "name a claim or event id of this case"),
                )
        if title is not None and view is not False:
            steps.append(StoryStep(title, text, view, date, tuple(highlights), images))
    return tuple(steps)


def _story_view(fields: Fields, value, leg_ids: set[str], node_ids: set[str]):
    """A step's view: None (the whole case), a leg or node id, or ``(west, south, east,
    north)``; False after a problem."""
    if value is None or value == "case":
        return None
    if isinstance(value, str):
        if value in leg_ids or value in node_ids:
            return value
        fields.add(
            "view",
            f"no leg or node is called {quote(value)}",
            suggest(
                value,
                leg_ids | node_ids,
                'write "case", a leg id ("route/from-to"), a node id or [west, south, east, north]',
            ),
        )
        return False
    numbers = value if isinstance(value, list) else []
    if len(numbers) == 4 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
        west, south, east, north = (float(v) for v in numbers)
        if -90 <= south < north <= 90 and west < east and east - west <= 360:
            return (west, south, east, north)
    fields.add(
        "view",
        f"{quote(value)} is not a view",
        'write "case", a leg id ("route/from-to"), a node id or [west, south, east, north] in degrees',
    )
    return False
