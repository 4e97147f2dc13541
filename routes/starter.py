"""The starter scenario ``routes new`` writes: commented, valid, ready to edit."""

from __future__ import annotations

import datetime as dt
import json

from routes.records import check_slug

STARTER_NODES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.3, 42.25]},
         "properties": {"id": "origin-port", "name": "Origin port", "aliases": [], "kind": "port", "country": "KP",
                        "coord_confidence": "medium", "coord_source": "REPLACE: where this coordinate comes from"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [132.3375, 42.8803]},
         "properties": {"id": "destination-port", "name": "Destination port", "aliases": [], "kind": "port",
                        "country": "RU", "coord_confidence": "medium",
                        "coord_source": "REPLACE: where this coordinate comes from"}},
    ],
}

STARTER = '''# {name}: a routes scenario. Format: docs/scenario-format.md (JSON Schema: docs/scenario.schema.json).
# Check it with `routes validate {name}.toml`, draw it with `routes render {name}.toml`.
#
# Ids are slugs (lower-case letters, digits, '-'). Dates are ISO 8601: "2023-09-07", or
# "2023-09" / "2023" when that is all a source says. Periods include both ends.
format_version = 1
id = "{name}"
title = "REPLACE: what the map shows"
summary = "REPLACE: two or three sentences for the title block."
as_of = "{today}"               # the date your information is current to
nodes = "{name}-nodes.geojson"  # ports, stations, depots: a GeoJSON file beside this one
networks = []                   # rail or sea network files the legs follow, e.g. ["rail.toml"]

[[routes]]
id = "main-route"
name = "Origin port → Destination port"

  [[routes.legs]]
  from = "origin-port"
  to = "destination-port"
  mode = "air"                  # sea, rail, road or air; sea and rail legs follow a network file
  geometry_basis = "assumed"    # reported (a source shows the path), assumed or routed
  note = "REPLACE: what is reported about this leg, and what is not."

[[claims]]
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
'''


def starter_files(name: str, *, today: dt.date | None = None) -> dict[str, str]:
    """The files of a new case called ``name``: ``{file name: text}``."""
    check_slug(name)
    today = today or dt.date.today()
    return {
        f"{name}.toml": STARTER.format(name=name, today=today.isoformat()),
        f"{name}-nodes.geojson": json.dumps(STARTER_NODES, ensure_ascii=False, indent=1) + "\n",
    }
