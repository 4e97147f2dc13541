"""Global Fishing Watch event JSON (API v3 ``/events``, as its Python client returns it) as items.

GFW publishes events, not positions: a file holds ``entries`` (or is a list of them), each with
``type`` (``gap``, ``port_visit``, ``encounter``, ``loitering``), ``start``, ``end``,
``position`` and ``vessel.ssvid`` (the MMSI), plus a block named for its type (``gap.offPosition``
and ``onPosition``, ``encounter.vessel``, ``port_visit.startAnchorage``). Each becomes the item
of the same kind, its rule saying it is GFW's definition, not ours; a gap gets our reachable
area between its off and on positions. Other event types (fishing) are skipped and counted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import shapely

from routes.errors import Problems
from routes.model.fields import bad_character
from routes.observe.items import iso
from routes.observe.params import Thresholds
from routes.observe.reachable import reachable_area

MAX_BYTES = 200_000_000
TYPES = {
    "gap": ("gap", "dark_period"),
    "port_visit": ("port_call", "port_call"),
    "encounter": ("encounter", "pair"),
    "loitering": ("encounter", "loitering"),
}
RULE = "Global Fishing Watch {kind} event, by GFW's definition (see docs/observations.md), as published"


def read_gfw_events(path: Path, t: Thresholds, problems: Problems) -> list[dict]:
    """The items of one GFW events file (problems recorded, none raised)."""
    if path.stat().st_size > MAX_BYTES:
        problems.add("", "", f"is over {MAX_BYTES // 10**6} MB", "split it")
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:120]
        problems.add("", "", f"is not JSON ({why})", "give the JSON the GFW events API returned")
        return []
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        problems.add("", "entries", "holds no list of events", "give the JSON the GFW events API returned")
        return []
    items = []
    for number, entry in enumerate(entries):
        record = f"event {number}" + (
            f" {str(entry.get('id'))[:40]!r}" if isinstance(entry, dict) and entry.get("id") else ""
        )
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str) or entry["type"] not in TYPES:
            continue
        made = _item(entry, record, t, problems)
        if made is not None:
            items.append(made)
    return items


def _seconds(value, record: str, name: str, problems: Problems) -> int | None:
    try:
        stamp = pd.Timestamp(str(value)[:40])
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        return int(stamp.timestamp())
    except (ValueError, TypeError):
        problems.add(record, name, f"{str(value)[:40]!r} is not a time", "ISO 8601, e.g. 2023-09-12T10:00:00Z")
        return None


def _mmsi(value, record: str, name: str, problems: Problems) -> int | None:
    text = str(value)[:20]
    if not (text.isdigit() and len(text) == 9):
        problems.add(record, name, f"{text!r} is not a 9-digit MMSI", "keep the ssvid GFW gives")
        return None
    return int(text)


def _block(entry: dict, name: str) -> dict:
    """A nested object of an event, or an empty one where the file holds something else there."""
    value = entry.get(name)
    return value if isinstance(value, dict) else {}


def _text(value, record: str, name: str, problems: Problems) -> str | None:
    """A text field GFW gives (an id, an anchorage's name), cut to 80 characters; None, after a
    problem, where it holds a control character (as the AIS text fields, tab included)."""
    text = "" if value is None else str(value)[:80]
    bad = bad_character(text) or next((f"U+{ord(c):04X}" for c in text if c in "\t\n\r"), None)
    if bad:
        problems.add(record, name, f"{text[:40]!r} holds the control character {bad}", "remove it")
        return None
    return text


def _point(value) -> tuple[float, float] | None:
    try:
        lon, lat = float(value["lon"]), float(value["lat"])
    except (TypeError, KeyError, ValueError):
        return None
    return (lon, lat) if -180 <= lon <= 180 and -90 <= lat <= 90 else None


def _item(entry: dict, record: str, t: Thresholds, problems: Problems) -> dict | None:
    feature_type, kind = TYPES[entry["type"]]
    start = _seconds(entry.get("start"), record, "start", problems)
    end = _seconds(entry.get("end"), record, "end", problems)
    mmsi = _mmsi(_block(entry, "vessel").get("ssvid"), record, "vessel.ssvid", problems)
    event_id = _text(entry.get("id"), record, "id", problems)
    where = _point(entry.get("position"))
    if where is None:
        problems.add(record, "position", "has no lon/lat in range", "keep the position GFW gives")
    block = _block(entry, entry["type"])
    anchorage = _text(_block(block, "startAnchorage").get("name"), record, "port_visit.startAnchorage.name", problems)
    if None in (start, end, mmsi, where, event_id, anchorage):
        return None
    assert start is not None and end is not None and where is not None
    result: dict[str, Any] = {
        "feature_type": feature_type,
        "kind": kind,
        "mmsi": mmsi,
        "start": iso(start),
        "end": iso(end),
        "rule": RULE.format(kind=entry["type"]),
        "geometry": shapely.Point(where),
        "details": {"source": "Global Fishing Watch", "event_id": event_id},
    }
    if entry["type"] == "gap":
        off, on = _point(block.get("offPosition")), _point(block.get("onPosition"))
        if off is None or on is None:
            problems.add(record, "gap", "has no offPosition/onPosition", "keep the gap block GFW gives")
            return None
        hours = (end - start) / 3600.0
        result["geometry"] = reachable_area(off, on, t.max_speed_kmh * hours)
        result["details"].update(
            {"off": list(off), "on": list(on), "intentional_disabling": block.get("intentionalDisabling") is True}
        )
        result["hours"] = round(hours, 4)
        for name, key in (("km", "distanceKm"), ("speed_kn", "impliedSpeedKnots")):
            if isinstance(block.get(key), (int, float)):
                result[name] = round(float(block[key]), 3)
    elif entry["type"] == "encounter":
        other = _mmsi(_block(block, "vessel").get("ssvid"), record, "encounter.vessel.ssvid", problems)
        if other is None:
            return None
        result["mmsi_other"] = other
    elif entry["type"] == "port_visit":
        result["details"]["anchorage"] = anchorage
    return result
