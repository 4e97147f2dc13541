"""The page payload's entries of what was observed, apart from the claims: images taken (their
footprints) and counts at nodes. Each entry has a ``kind``, a ``span`` on the time control, the
caption every output writes, the sources (numbered with the claims') and the ids of the claims
and events it supports. ``static/observed.js`` draws them in their own layer and legend rows;
nothing here changes a claim's width, dates or arrows.

Text is prepared as plain strings; the page's script sets it as text.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from routes.model.formatting import day_label

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario
    from routes.render.entries import _SourceIndex

#: Legend rows of the observation kinds, in the order they are listed.
OBSERVED_LEGEND = {
    "image": "Image taken: its footprint, shown from the day it was acquired (observed, not a claim)",
    "count": "Count at a place on a date, by type (observed; contents not identifiable unless stated)",
}


def observation_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The days an observation of one day shows on the time control: as long as a one-day event
    (:data:`routes.load.scenario_story.EVENT_MIN_DAYS`), so that it can be seen."""
    from routes.load.scenario_story import EVENT_MIN_DAYS

    return day, day + dt.timedelta(days=EVENT_MIN_DAYS - 1)


def _rings(geometry, near) -> list[list[list[float]]]:
    """A polygon's (or multipolygon's) outer rings as ``[lat, lon]`` points around the centre."""
    polygons = getattr(geometry, "geoms", [geometry])
    return [[[round(y, 5), round(near(x), 5)] for x, y in polygon.exterior.coords] for polygon in polygons]


def observed_entries(scenario: Scenario, nodes, centre: float, sources: _SourceIndex) -> list[dict]:
    """One entry per image taken and per count, in date order (then id)."""
    from routes.render.entries import _near

    def near(lon: float) -> float:
        return _near(lon, centre)

    entries: list[dict[str, Any]] = []
    for image in scenario.images_taken:
        shape = image.footprint
        entry: dict[str, Any] = {
            "id": image.id,
            "kind": "image",
            "title": f"Image taken: {image.sensor}",
            "when": image.when,
            "caption": image.caption,
            "span": [d.isoformat() for d in observation_span(image.acquired.date())],
            "supports": list(image.supports),
            "sources": [sources.number(s) for s in image.sources],
            "note": image.note,
            "origin": image.origin,
        }
        if shape.geom_type == "Point":
            centre_of = shape.centroid  # the point itself
            entry["latlon"] = [round(centre_of.y, 5), round(near(centre_of.x), 5)]
        else:
            entry["rings"] = _rings(shape, near)
            centre_point = shape.representative_point()
            entry["latlon"] = [round(centre_point.y, 5), round(near(centre_point.x), 5)]
        if image.images:
            entry["images"] = [picture.as_entry() for picture in image.images]
        entries.append(entry)
    for count in scenario.counts:
        node = nodes.loc[count.node]
        day = count.date.first_day()
        entries.append(
            {
                "id": count.id,
                "kind": "count",
                "title": f"Count at {node['name']}",
                "when": count.date.label(),
                "caption": count.label,
                "rows": [[kind or count.unit.label, number] for kind, number in count.by_type],
                "unit": count.unit.label,
                "qualifier": count.qualifier,
                "provider": count.provider,
                "latlon": [round(node.geometry.y, 5), round(near(node.geometry.x), 5)],
                "span": [d.isoformat() for d in observation_span(day)],
                "supports": list(count.supports),
                "sources": [sources.number(s) for s in count.sources],
                "note": count.note,
            }
        )
    return sorted(entries, key=lambda e: (e["span"][0], e["id"]))


#: Legend rows of what ``routes observe`` found, in the order they are listed.
AIS_LEGEND = {
    "track": "Ship track (AIS, observed): thin, in its vessel's colour; grey dashed: a vessel this case does not name",
    "gap": "Dark period (no AIS for hours): dotted, with the area the ship could have reached",
    "port_call": "Port call (AIS, observed), dated",
    "encounter": "Encounter or loitering at sea (AIS, observed)",
    "anomaly": "AIS anomaly (a jump, an impossible speed, a position on land): flagged, not removed",
    "identity_change": "AIS identity change (a new IMO, name, call sign, flag or size; one IMO under two MMSIs): flagged",
}
#: How far a drawn track may stray from the reported positions (degrees, about 500 m).
TRACK_TOLERANCE_DEG = 0.005


def _day_span(item) -> list[str]:
    first, last = item.days
    return [first.isoformat(), max(last, first).isoformat()]


def _when(item) -> str:
    a, b = item.start, item.end
    if a.date() == b.date():
        return f"{day_label(a)} {a:%H:%M}–{b:%H:%M} UTC"
    return f"{day_label(a)} {a:%H:%M} – {day_label(b)} {b:%H:%M} UTC"


def ais_entries(model, nodes, centre: float) -> list[dict]:
    """One entry per item of the case's observation files (tracks simplified for drawing)."""
    from routes.model.palette import TRACK_COLOURS, UNLINKED_TRACK
    from routes.render.entries import _near

    seen = model.observations
    if seen is None:
        return []
    names = {v.id: v.name for v in model.scenario.vessels}
    order = {v.id: n for n, v in enumerate(model.scenario.vessels)}

    def who(mmsi: int) -> str:
        vessel = seen.vessel_of.get(mmsi)
        return f"{names[vessel]} (MMSI {mmsi})" if vessel else f"MMSI {mmsi} (not named in this case: unlinked)"

    def point(geometry) -> list[float]:
        p = geometry.representative_point() if geometry.geom_type != "Point" else geometry
        return [round(p.y, 5), round(_near(p.x, centre), 5)]

    entries: list[dict[str, Any]] = []
    for n, item in enumerate(seen.items):
        vessel = seen.vessel(item)
        base: dict[str, Any] = {
            "id": f"{item.feature_type}-{n + 1}",
            "kind": item.feature_type,
            "subkind": item.kind,
            "vessel": vessel,
            "linked": vessel is not None,
            "colour": TRACK_COLOURS[order[vessel] % len(TRACK_COLOURS)] if vessel else UNLINKED_TRACK,
            "span": _day_span(item),
            "when": _when(item),
            "rule": item.rule,
            "sources": [],
        }
        geometry = item.geometry
        if item.feature_type == "track" and geometry is not None and not geometry.is_empty:
            simple = geometry.simplify(TRACK_TOLERANCE_DEG)
            lines = getattr(simple, "geoms", [simple])
            base["lines"] = [
                [[round(y, 4), round(_near(x, centre), 4)] for x, y in line.coords]
                for line in lines
                if line.geom_type == "LineString"
            ]
            base["title"] = f"Track of {who(item.mmsi)}"
            base["caption"] = f"{item.details.get('positions', '?')} AIS positions, {_when(item)}"
        elif item.feature_type == "gap":
            off, on = item.details.get("off"), item.details.get("on")
            if off and on:
                base["ends"] = [
                    [round(off[1], 5), round(_near(off[0], centre), 5)],
                    [round(on[1], 5), round(_near(on[0], centre), 5)],
                ]
            if geometry is not None and not geometry.is_empty and geometry.geom_type in ("Polygon", "MultiPolygon"):
                base["rings"] = _rings(geometry, lambda lon: _near(lon, centre))
            base["title"] = f"Dark period of {who(item.mmsi)}"
            base["caption"] = (
                f"no AIS for {item.hours or 0:.1f} h over {item.km or 0:,.0f} km (implied {item.speed_kn or 0:.1f} kn), "
                f"{_when(item)}"
            )
        elif geometry is not None and not geometry.is_empty:
            base["latlon"] = point(geometry)
            if item.feature_type == "port_call":
                place = nodes.loc[item.node]["name"] if item.node in nodes.index else item.node
                base["title"] = f"{names.get(vessel, f'MMSI {item.mmsi}')} at {place}"
                base["caption"] = f"observed: {names.get(vessel, f'MMSI {item.mmsi}')} at {place} {_when(item)}, AIS"
            elif item.feature_type == "encounter":
                what = "Loitering" if item.kind == "loitering" else "Encounter"
                base["title"] = f"{what}: {who(item.mmsi)}" + (
                    f" and {who(item.mmsi_other)}" if item.mmsi_other else ""
                )
                base["caption"] = f"{_when(item)}, AIS"
            else:
                base["title"] = (
                    f"{item.feature_type.replace('_', ' ').capitalize()} ({item.kind.replace('_', ' ')}): {who(item.mmsi)}"
                ) + (f" and {who(item.mmsi_other)}" if item.mmsi_other else "")
                base["caption"] = f"{_when(item)}, AIS"
        else:
            base["title"] = f"{item.feature_type.replace('_', ' ').capitalize()}: {who(item.mmsi)}"
            base["caption"] = f"{_when(item)}, AIS"
        entries.append(base)
    return entries
