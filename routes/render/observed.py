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
