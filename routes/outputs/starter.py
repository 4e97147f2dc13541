"""The starter scenario ``routes new`` writes (commented, ready to edit), and the placeholders
left in it: every value still starting with :data:`PLACEHOLDER` is a problem for ``routes validate``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from routes.model.records import check_slug

if TYPE_CHECKING:  # pragma: no cover
    from routes.errors import Problem
    from routes.load.nodesources import NodeSource

#: How a value the user has to write begins in the starter files.
PLACEHOLDER = "REPLACE:"

STARTER_NODES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [130.3, 42.25]},
            "properties": {
                "id": "origin-port",
                "name": "Origin port",
                "aliases": [],
                "kind": "port",
                "country": "KP",
                "coord_confidence": "medium",
                "coord_source": "REPLACE: where this coordinate comes from",
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [132.3375, 42.8803]},
            "properties": {
                "id": "destination-port",
                "name": "Destination port",
                "aliases": [],
                "kind": "port",
                "country": "RU",
                "coord_confidence": "medium",
                "coord_source": "REPLACE: where this coordinate comes from",
            },
        },
    ],
}

HEADER = """# {name}: a routes scenario. Format: docs/scenario-format.md (JSON Schema: docs/scenario.schema.json).
# Check it with `routes validate {name}.toml`, draw it with `routes render {name}.toml`.
#
# Ids are slugs (lower-case letters, digits, '-'). Dates are ISO 8601: "2023-09-07", or
# "2023-09" / "2023" when that is all a source says. Periods include both ends.
format_version = 1
id = "{name}"
title = "REPLACE: what the map shows"
summary = "REPLACE: two or three sentences for the title block."
as_of = "{today}"               # the date your information is current to
"""

NODES_AND_NETWORKS = """nodes = "{name}-nodes.geojson"  # ports, stations, depots: a GeoJSON file beside this one
networks = []                   # rail or sea network files the legs follow, e.g. ["rail.toml"]

"""

ROUTE = """[[routes]]
id = "main-route"
name = "Origin port → Destination port"

  [[routes.legs]]
  from = "origin-port"
  to = "destination-port"
  mode = "air"                  # sea, rail, road or air; sea and rail legs follow a network file
  geometry_basis = "assumed"    # reported (a source shows the path), assumed or routed
  note = "REPLACE: what is reported about this leg, and what is not."

"""

CLAIMS = """[[claims]]
id = "first-claim"
claimant = "REPLACE: who says so"
published = "{today}"
period_start = "2023-09-07"     # leave out what is not known
period_end = "2023-10-01"
period_text = "REPLACE: the period as worded"
quantity_text = "REPLACE: the quantity as worded, e.g. more than 1,000 containers"
quantity = 1000                 # the number in the words, as a number; leave out for "hundreds"
unit = "containers"
qualifier = "more than"         # exactly, more than, at least, about, up to, between
covers = ["main-route"]         # route ids, or leg ids like "main-route/origin-port-destination-port"
evidence = "REPLACE: what the claim rests on"
status = "claimed"              # claimed, assessed, observed (in imagery or data) or unverified
sources = [
  {{ publisher = "REPLACE: the publisher", title = "REPLACE: the title as published", date = "{today}" }},
  # add url = "https://..." only where it is the original publisher's address
]
"""

#: The starter scenario: a route between the two starter nodes, by air, and one claim.
STARTER = HEADER + NODES_AND_NETWORKS + ROUTE + CLAIMS


#: The node and network lines of a starter made from stops (``routes new --stops``).
STOPS_NODES_AND_NETWORKS = """nodes = "{name}-nodes.geojson"  # your stops, from the gazetteer: CHECK each one
networks = []                   # none needed: rail legs follow routes' bundled rail lines where they reach,
                                # sea legs its sea lanes between its ports, else the world sea lanes; a
                                # land leg no network reaches is an assumed line. Add files: ["rail.toml"]

"""

_LEG = """  [[routes.legs]]
  from = {start}
  to = {end}
  mode = {mode}{mode_comment}
  geometry_basis = "assumed"    # nobody reported the path; write "reported" if a source shows it
  note = "REPLACE: what is reported about this leg, and what is not."

"""


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def stops_route(stops: list[dict], modes: list[str]) -> str:
    """The ``[[routes]]`` table of a route through ``stops`` (node features, in order) by ``modes``."""
    from routes.model.vocabulary import Mode

    ids = [stop["properties"]["id"] for stop in stops]
    if len(ids) < 2:
        raise ValueError("a route needs at least two stops")
    if len(modes) != len(ids) - 1:
        raise ValueError(
            f"{len(ids)} stops make {len(ids) - 1} legs, but {len(modes)} modes are given; "
            "give one mode per leg, or one for all"
        )
    for a, b in pairwise(ids):
        if a == b:
            raise ValueError(f"stop '{a}' follows itself; a leg joins two different stops")
    names = " → ".join(stop["properties"]["name"] for stop in stops)
    text = f'[[routes]]\nid = "main-route"\nname = {_toml_string(names)}\n\n'
    for number, (a, b, mode) in enumerate(zip(ids, ids[1:], modes)):
        comment = "                  # sea, rail, road or air" if number == 0 else ""
        text += _LEG.format(
            start=_toml_string(a), end=_toml_string(b), mode=_toml_string(str(Mode.parse(mode))), mode_comment=comment
        )
    return text


def starter_files(
    name: str,
    *,
    today: dt.date | None = None,
    stops: list[dict] | None = None,
    modes: list[str] | None = None,
) -> dict[str, str]:
    """The files of a new case called ``name``: ``{file name: text}``, the scenario and its
    node file.

    Without ``stops``, a route between two placeholder nodes. With ``stops`` (node features,
    as :func:`routes.gazetteer.places.node_feature` makes them, in route order; a stop may come back),
    a node file of those stops and one route joining them in order by ``modes`` (one per leg).
    """
    check_slug(name)
    today = today or dt.date.today()
    if stops is None:
        scenario, nodes = STARTER, STARTER_NODES
    else:
        route = stops_route(stops, list(modes or []))
        first_leg = f"main-route/{stops[0]['properties']['id']}-{stops[1]['properties']['id']}"
        claims = CLAIMS.replace("main-route/origin-port-destination-port", first_leg)
        unique = {stop["properties"]["id"]: stop for stop in stops}
        nodes = {"type": "FeatureCollection", "features": list(unique.values())}
        scenario = HEADER + STOPS_NODES_AND_NETWORKS + route.replace("{", "{{").replace("}", "}}") + claims
    return {
        f"{name}.toml": scenario.format(name=name, today=today.isoformat()),
        f"{name}-nodes.geojson": json.dumps(nodes, ensure_ascii=False, indent=1) + "\n",
    }


def placeholder_problems(scenario: str | Path | None, nodes: Iterable[NodeSource] | None = None) -> list[Problem]:
    """One problem for each value of a scenario and its node files (``nodes``, else those the
    scenario names; no scenario: ``nodes`` alone) that is still a placeholder of ``routes new``:
    file, record, field, and what to write. Files that cannot be read give none (loading
    reports them).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for file, text in starter_files("my-case").items():
    ...     _ = (folder / file).write_text(text, encoding="utf-8")
    >>> problems = placeholder_problems(folder / "my-case.toml")
    >>> problems[0].record, problems[0].field, problems[0].message, problems[0].fix
    ('', 'title', "'REPLACE: what the map shows' is a placeholder of 'routes new'", 'write what the map shows')
    >>> sorted({p.record for p in problems})
    ['', "claim 'first-claim'", "claim 'first-claim' source 1", "feature 0 'origin-port'", "feature 1 'destination-port'", "route 'main-route' leg 1"]
    """
    from routes.errors import RoutesError
    from routes.load.files import display_name, read_toml
    from routes.load.nodesources import source_from_text

    found: list[tuple[str, str, str, str]] = []
    data: dict = {}
    if scenario is not None:
        path = Path(scenario)
        try:
            data = read_toml(path)
        except RoutesError:
            return []
        _walk_table(data, "", lambda record, field, value: found.append((display_name(path), record, field, value)))
    if nodes is None and scenario is not None:
        named = data.get("nodes")
        entries = named if isinstance(named, list) else [named]
        texts = [e.get("file") if isinstance(e, dict) else e for e in entries]
        nodes = [source_from_text(text, base=path.parent) for text in texts if isinstance(text, str) and text.strip()]
    for source in nodes or ():
        found += _node_placeholders(source.path) if source.path is not None else []
    return [_problem(*item) for item in found]


def _node_placeholders(path: Path) -> list[tuple[str, str, str, str]]:
    from routes.load.files import display_name

    if path.suffix.lower() not in (".geojson", ".json"):
        return []
    try:
        features = json.loads(path.read_text(encoding="utf-8")).get("features", [])
    except (OSError, ValueError, AttributeError):
        return []
    found: list[tuple[str, str, str, str]] = []
    for number, feature in enumerate(features if isinstance(features, list) else []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict):
            ident = props.get("id")
            record = f"feature {number}" + (f" '{ident}'" if isinstance(ident, str) else "")
            _walk_table(props, record, lambda r, f, v: found.append((display_name(path), r, f, v)))
    return found


#: The record kinds of a scenario's arrays of tables, and of the tables nested in them.
_KINDS = {"routes": "route", "claims": "claim", "vessels": "vessel", "events": "event"}
_NESTED = {"legs": "leg", "sources": "source", "images": "image"}


def _walk_table(table: dict, record: str, report) -> None:
    for field, value in table.items():
        _walk(value, record, field, report)


def _walk(value, record: str, field: str, report) -> None:
    if isinstance(value, str):
        if value.lstrip().startswith(PLACEHOLDER):
            report(record, field, value)
    elif isinstance(value, dict):
        _walk_table(value, record, report)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                _walk_table(item, _child(record, field, index, item), report)
            else:
                _walk(item, record, field, report)


def _child(record: str, field: str, index: int, table: dict) -> str:
    """A nested record's name, as loading names it: "claim 'c-1'", "route 'r' leg 2", "story step 1"."""
    from routes.load.scenario_records import record_name

    if record:
        return f"{record} {_NESTED.get(field, field)} {index + 1}"
    if field in _KINDS:
        return record_name(_KINDS[field], index, table)
    return f"story step {index + 1}" if field == "story" else f"{field} entry {index + 1}"


def _problem(file: str, record: str, field: str, value: str) -> Problem:
    from routes.errors import Problem
    from routes.model.fields import quote

    what = value.lstrip()[len(PLACEHOLDER) :].strip() or "the value"
    return Problem(file, record, field, f"{quote(value)} is a placeholder of 'routes new'", f"write {what}")
