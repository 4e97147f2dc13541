"""The starter scenario ``routes new`` writes: commented, valid, ready to edit."""

from __future__ import annotations

import datetime as dt
import json
from itertools import pairwise

from routes.model.records import check_slug

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
  {{ publisher = "REPLACE: publisher", title = "REPLACE: title", date = "{today}" }},
  # add url = "https://..." only where it is the original publisher's address
]
"""

#: The starter scenario: a route between the two starter nodes, by air, and one claim.
STARTER = HEADER + NODES_AND_NETWORKS + ROUTE + CLAIMS


#: The node and network lines of a starter made from stops (``routes new --stops``), when some
#: stops are bundled nodes (with ``{own}``: the node file of the others, if any).
STOPS_BUNDLED_NODES_AND_NETWORKS = """# nodes: routes' bundled nodes, then your stops from the gazetteer: CHECK each
nodes = ["bundled"{own}]
networks = ["bundled"]          # legs between bundled nodes follow the bundled lines; other sea legs the
                                # world sea network; a land leg no network covers is drawn as an assumed line

"""

#: The node and network lines of a starter made from stops (``routes new --stops``).
STOPS_NODES_AND_NETWORKS = """nodes = "{name}-nodes.geojson"  # your stops, from the gazetteer: CHECK each one
networks = []                   # sea legs follow the world sea network; a land leg that no network
                                # file covers is drawn as an assumed line. Add files: ["rail.toml"]

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
    bundled: set[str] | frozenset[str] = frozenset(),
) -> dict[str, str]:
    """The files of a new case called ``name``: ``{file name: text}``.

    Without ``stops``, a route between two placeholder nodes. With ``stops`` (node features,
    as :func:`routes.gazetteer.places.node_feature` makes them, in route order; a stop may come back),
    a node file of those stops and one route joining them in order by ``modes`` (one per leg).
    Stops whose id is in ``bundled`` are routes' bundled nodes: the scenario names the bundled
    nodes and networks and the node file holds only the other stops (and is not written when
    there are none).
    """
    check_slug(name)
    today = today or dt.date.today()
    nodes: dict | None
    if stops is None:
        scenario, nodes = STARTER, STARTER_NODES
    else:
        route = stops_route(stops, list(modes or []))
        first_leg = f"main-route/{stops[0]['properties']['id']}-{stops[1]['properties']['id']}"
        claims = CLAIMS.replace("main-route/origin-port-destination-port", first_leg)
        unique = {stop["properties"]["id"]: stop for stop in stops if stop["properties"]["id"] not in bundled}
        nodes = {"type": "FeatureCollection", "features": list(unique.values())} if unique else None
        lines = STOPS_NODES_AND_NETWORKS
        if bundled:
            lines = STOPS_BUNDLED_NODES_AND_NETWORKS.replace("{own}", ', "{name}-nodes.geojson"' if unique else "")
        scenario = HEADER + lines + route.replace("{", "{{").replace("}", "}}") + claims
    files = {f"{name}.toml": scenario.format(name=name, today=today.isoformat())}
    if nodes is not None:
        files[f"{name}-nodes.geojson"] = json.dumps(nodes, ensure_ascii=False, indent=1) + "\n"
    return files
