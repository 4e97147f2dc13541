"""The data a map page carries: one JSON document, built from a scenario and its legs.

Everything the page shows as text is prepared here as plain strings (labels, numbers already
formatted), and the page's own script puts them into the DOM as text nodes. No folium here.
The entries of claims, legs, nodes and events are made in :mod:`routes.render.entries`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from routes.analysis.legstate import LEGEND as STATE_LEGEND
from routes.analysis.legstate import LEGEND_ALL_DATES as STATE_LEGEND_ALL_DATES
from routes.analysis.story import story_steps, view_bounds
from routes.load.licences import data_notices
from routes.model.formatting import NOT_SUMMED
from routes.model.hiddentext import visible_strings
from routes.model.palette import OBSERVED
from routes.model.vocabulary import Mode
from routes.render.entries import (
    EVENT_STYLE,
    KIND_STYLES,
    MODE_STYLES,
    _centre_lon,
    _claim_entries,
    _event_entries,
    _leg_entries,
    _node_entries,
    _SourceIndex,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.analysis.case import CaseModel
    from routes.load.scenario import Scenario


def build_payload(
    case: Scenario | CaseModel,
    legs: geopandas.GeoDataFrame | None = None,
    *,
    offline: bool = False,
    banner: str | None = None,
    view=None,
    places: bool = True,
    locator: bool | str = False,
    speeds=None,
    projection: str = "mercator",
    date=None,
    story_caption: str | None = None,
) -> dict:
    """The page's JSON document for a case (plain, JSON-able values only): a
    :class:`routes.analysis.case.CaseModel`, or a scenario and its legs, modelled with ``speeds``.

    Every analytic fact (claims per leg, spans, widths, verdicts) comes from the model; this
    only formats and serialises it.

    ``offline`` adds the vector basemap; ``banner`` is a handling marking shown at the top
    (e.g. "DRAFT"); ``view`` sets the initial view (see :func:`routes.analysis.story.view_bounds`); ``places`` adds
    the names of countries, seas and cities around the route (:mod:`routes.render.orientation`);
    ``locator`` a small globe with the map's area outlined (:mod:`routes.render.locator`; ``"auto"``:
    when the route spans less than a continent); ``projection`` the page's projection
    (:mod:`routes.render.projection`: ``"mercator"``, ``"conic"``, or ``"auto"``); ``speeds``
    (:class:`routes.model.speeds.Speeds`) the assumptions of the durations and verdicts shown;
    ``date`` (a :class:`datetime.date`) the day the time control opens on; ``story_caption``
    (``"full"``, ``"date"``, ``"none"``; None: no story) adds the case's story steps
    (:mod:`routes.render.story`). Evidence images are held once, in ``images``.
    """
    from routes.analysis.case import CaseModel, case_model
    from routes.model.speeds import Speeds
    from routes.observe.link import leg_text
    from routes.render.basemap import basemap_levels
    from routes.render.labelrank import name_cities_at_stations, priority, rank_places
    from routes.render.locator import locator as locator_globe
    from routes.render.locator import wants_locator
    from routes.render.observed import AIS_LEGEND, OBSERVED_LEGEND, ais_entries, observed_entries
    from routes.render.orientation import orientation_labels
    from routes.render.projection import page_projection
    from routes.render.tracks import shared_tracks

    model = case if isinstance(case, CaseModel) else case_model(case, legs, speeds or Speeds())
    scenario, legs, speeds = model.scenario, model.legs, model.speeds
    sources = _SourceIndex()
    nodes = scenario.nodes.set_index("id")
    centre = _centre_lon(legs)
    claims_sorted = model.claims_in_order()
    # Sources are numbered in order of first use: claims, then the legs' vessels, then events.
    claim_entries = _claim_entries(model, sources)
    leg_entries = _leg_entries(model, nodes, centre, claim_entries, sources)
    for leg, track in zip(leg_entries, shared_tracks([leg["coords"] for leg in leg_entries])):
        if track is not None:  # legs on a track of their own keep the entry they had
            leg["track"] = track
    node_entries = _node_entries(model, nodes, centre)
    event_entries = _event_entries(model, nodes, centre, sources)
    observed = observed_entries(scenario, nodes, centre, sources) + ais_entries(model, nodes, centre)
    if model.observations is not None:
        vessel_names = {v.id: v.name for v in scenario.vessels}
        for leg in leg_entries:
            found = model.observations.legs.get(leg["id"])
            if found is not None:
                leg["observed"] = leg_text(found, vessel_names)
    widths = model.width

    on_legs = {claim_id for leg in leg_entries for claim_id in leg["claims"]}
    unattached = [claim_entries[c.id]["id"] for c in claims_sorted if c.id not in on_legs]
    points = [p for leg in leg_entries for p in leg["coords"]] + [n["latlon"] for n in node_entries]
    extent = west, south, east, north = _extent(points)
    # Every label's priority and zoom (render/labelrank.py); a station named for a city names it.
    place_labels = rank_places(orientation_labels(extent), _route_lines(leg_entries)) if places else []
    node_labels, place_labels = name_cities_at_stations(node_entries, place_labels)
    for node, fields in zip(node_entries, node_labels, strict=True):
        node.update(fields)
    modes_used = sorted({leg["mode"] for leg in leg_entries}, key=[m.value for m in Mode].index)
    payload = {
        "title": scenario.title,
        "period": scenario.claims_summary(),
        "as_of": f"As of {scenario.as_of.label()}" if scenario.as_of else None,
        "summary": scenario.summary,
        "assumptions": list(scenario.assumptions),
        "credit": scenario.credit or "Made with routes",
        "licences": [n.as_dict() for n in data_notices(scenario, basemap=offline, place_names=places)],
        "not_summed": NOT_SUMMED,
        "legs": leg_entries,
        "nodes": node_entries,
        "events": event_entries,
        "observed": observed,
        "claims": {c["id"]: c for c in claim_entries.values()},
        "unattached_claims": unattached,
        "sources": sources.items,
        "styles": {
            "modes": {m.value: {k: v for k, v in MODE_STYLES[m].items()} for m in Mode},
            "kinds": KIND_STYLES,
            "event": EVENT_STYLE,
            "observed": dict(OBSERVED),
        },
        "legend": {
            "modes": modes_used,
            "kinds": sorted({n["kind"] for n in node_entries}),
            "lines": [["solid", "Path reported by a source"], ["dashed", "Path assumed or routed: nobody reported it"]],
            "low": "Dashed outline: location approximate (low confidence)",
            "arrow": "Direction of movement",
            "width": widths.legend(),
            "no_count": [widths.px(None), widths.no_count_label],
            "width_key": [[label, px] for label, px in widths.key()],
            "states": dict(STATE_LEGEND),
            "states_all": dict(STATE_LEGEND_ALL_DATES),
            "observed": [
                [k, text]
                for k, text in {**OBSERVED_LEGEND, **AIS_LEGEND}.items()
                if any(o["kind"] == k for o in observed)
            ],
        },
        "time": _time(model.time_range, date),
        "ledger": [c.id for c in claims_sorted],
        "bounds": [[south, west], [north, east]],
        "banner": banner,
        "view": (shown := view_bounds(scenario, legs, view)),
        "basemap": basemap_levels(extent) if offline else None,
        "places": place_labels,
        "label_priorities": {"basis": priority("route-note")},
        # The locator outlines what the map opens on: the view asked for, else the route.
        "locator": locator_globe(seen) if wants_locator(seen := _view_extent(shown, extent), locator) else None,
    }
    projected = page_projection(extent, projection)
    if projected is not None:  # a Web Mercator page keeps its bytes
        payload["projection"] = projected
    if story_caption is not None:
        from routes.render.story import CAPTIONS, story_entries

        if story_caption not in CAPTIONS:
            raise ValueError(f"story_caption {story_caption!r} is not one of {', '.join(CAPTIONS)}")
        payload["story"] = story_entries(model, story_steps(scenario))
        payload["story_caption"] = story_caption
    # Hidden characters of user text show as escapes on every page (routes.model.hiddentext).
    return visible_strings(_pool_images(payload), _NOT_TEXT)


#: Payload keys that hold no user text (numbers, geometry, pictures, routes' own labels).
_NOT_TEXT = frozenset({"basemap", "locator", "places", "images", "coords", "bounds", "view", "styles", "track"})


def _time(found, date=None) -> dict | None:
    """The time control's range, and the day it opens on (None: all dates)."""
    if found is None or found[0] == found[1]:
        return None
    time = {"first": found[0].isoformat(), "last": found[1].isoformat()}
    if date is not None:
        time["date"] = min(max(date, found[0]), found[1]).isoformat()
    return time


def _view_extent(view, extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a view ``[[south, west], [north, east]]``, or ``extent``."""
    if not view:
        return extent
    (south, west), (north, east) = view
    return (west, south, east, north)


def _extent(points: list[list[float]]) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of ``[lat, lon]`` points (longitudes as drawn, unwrapped)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lons), min(lats), max(lons), max(lats))


def _route_lines(leg_entries: list[dict]) -> list[list[tuple[float, float]]]:
    """The drawn legs as ``(lon, lat)`` lines, in the frame the place labels use."""
    return [[(lon, lat) for lat, lon in leg["coords"]] for leg in leg_entries]


def _pool_images(payload: dict) -> dict:
    """Each evidence image's data once: the entries of claims, events and story steps name it
    by ``ref`` in ``payload["images"]`` (one file may serve a claim, an event and a step)."""
    import hashlib

    pool: dict[str, str] = {}
    entries = [*payload["claims"].values(), *payload["events"], *payload["observed"], *(payload.get("story") or [])]
    for entry in entries:
        for image in entry.get("images", ()):
            src = image.pop("src")
            ref = hashlib.sha256(src.encode("ascii")).hexdigest()[:16]
            pool[ref] = src
            image["ref"] = ref
    if pool:
        payload["images"] = dict(sorted(pool.items()))
    return payload
