"""The page payload's entries: one plain dict per claim, leg, node and event, with the sources
numbered in order of first use and the coordinates placed around the map's centre longitude.

Text is prepared as plain strings; the page's script sets it as text. No folium here.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from routes.analysis.legstate import NEVER_TEXT
from routes.geo.geodesy import length_km, unwrap
from routes.model import palette
from routes.model.formatting import fmt_duration, fmt_km
from routes.model.vocabulary import ClaimKind, ClaimStatus, Confidence, GeometryBasis, Mode

if TYPE_CHECKING:  # pragma: no cover
    from routes.analysis.case import CaseModel
    from routes.model.records import Claim, Source


#: Colours (from :mod:`routes.model.palette`) and line weights per mode.
MODE_STYLES = {
    Mode.SEA: {"color": palette.MODE_COLOURS["sea"], "weight": 4, "label": "Sea leg"},
    Mode.RAIL: {"color": palette.MODE_COLOURS["rail"], "weight": 5, "label": "Rail leg", "ticks": True},
    Mode.ROAD: {"color": palette.MODE_COLOURS["road"], "weight": 3, "label": "Road leg"},
    Mode.AIR: {"color": palette.MODE_COLOURS["air"], "weight": 2, "label": "Air leg"},
}
_KIND_SIZES = {
    "port": (7, "Port"),
    "depot": (7, "Depot"),
    "station": (3, "Station"),
    "junction": (3, "Junction"),
    "border-crossing": (6, "Border crossing"),
    "airfield": (6, "Airfield"),
    "city": (4, "City"),
    "site": (6, "Site"),
}
#: Colour, shape (both from :mod:`routes.model.palette`), radius in px and label per node kind.
KIND_STYLES = {
    kind: {"color": palette.NODE_KINDS[kind][0], "shape": palette.NODE_KINDS[kind][1], "radius": radius, "label": label}
    for kind, (radius, label) in _KIND_SIZES.items()
}
#: The mark of a dated event at a place.
EVENT_STYLE = {"color": palette.EVENT[0], "shape": palette.EVENT[1], "radius": 12}
BASIS_LABELS = {
    GeometryBasis.REPORTED: "reported (a source shows this path)",
    GeometryBasis.ASSUMED: "assumed (nobody reported the actual path; standard corridor or ordinary sea track)",
    GeometryBasis.ROUTED: "routed (computed on a network)",
}


class _SourceIndex:
    """Numbers sources in order of first use, merging identical ones."""

    def __init__(self):
        self.items: list[dict] = []
        self._numbers: dict[tuple, int] = {}

    def number(self, source: Source) -> int:
        key = (source.publisher, source.title, str(source.date), source.url)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            label = source.label() + (f" — {source.note}" if source.note else "")
            self.items.append({"n": len(self.items) + 1, "label": label, "url": source.url})
        return self._numbers[key]


_KIND_LABELS = {
    ClaimKind.CUMULATIVE: "cumulative total",
    ClaimKind.FLOW: "flow in the period",
    ClaimKind.SNAPSHOT: "snapshot (one observation)",
    ClaimKind.SHARE: "share of a flow",
    ClaimKind.RESTATEMENT: "restatement of another claimant's figure (not a second data point)",
}


def _claim_entry(claim: Claim, sources: _SourceIndex, vessel_names: dict[str, str], span) -> dict:
    q = claim.quantity
    return {
        "id": claim.id,
        "headline": claim.headline,
        "summary": claim.summary if q else None,
        "claimant": claim.claimant,
        "published": claim.published.label(),
        "period": claim.period_label,
        "evidence": claim.evidence,
        "status": ClaimStatus(claim.status).label,
        "status_id": claim.status.value,
        "kind": _KIND_LABELS[claim.kind] if claim.kind else None,
        "attribution": claim.attribution,
        "quote": claim.quote,
        "note": claim.note,
        "vessels": ", ".join(vessel_names[v] for v in claim.vessels) or None,
        "sources": [sources.number(s) for s in claim.sources],
        "span": [d.isoformat() for d in span],
        "published_iso": claim.published.first_day().isoformat(),
        **({"images": [image.as_entry() for image in claim.images]} if claim.images else {}),
    }


def _coords(line, centre: float) -> list[list[float]]:
    """``[lat, lon]`` pairs for Leaflet, longitudes unwrapped and shifted by whole turns to lie
    near ``centre``, 5 decimals (about 1 m)."""
    points = unwrap(list(line.coords))
    shift = 360.0 * round((centre - points[0][0]) / 360.0)
    return [[round(lat, 5), round(lon + shift, 5)] for lon, lat in points]


def _near(lon: float, centre: float) -> float:
    """``lon`` plus whole turns, as close as possible to ``centre`` (for drawing across 180°)."""
    return lon + 360.0 * round((centre - lon) / 360.0)


def _centre_lon(legs) -> float:
    """A longitude to draw around: the middle of the first leg's unwrapped span."""
    if not len(legs):
        return 0.0
    points = unwrap(list(legs.geometry.iloc[0].coords))
    lons = [lon for lon, _ in points]
    return (min(lons) + max(lons)) / 2


def _lat_lon_label(lon: float, lat: float) -> str:
    """``42.2500° N, 130.3000° E`` with the right hemispheres."""
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"


def _arrows(coords: list[list[float]], count: int) -> list[list[float]]:
    """Anchor points for direction arrows at even fractions of a line: [lat, lon, lat2, lon2]."""
    lonlat = [(lon, lat) for lat, lon in coords]
    total = length_km(lonlat)
    if total == 0:
        return []
    targets = [total * (i + 0.5) / count for i in range(count)]
    result, walked = [], 0.0
    for a, b in pairwise(lonlat):
        step = length_km([a, b])
        while targets and walked + step >= targets[0]:
            result.append([a[1], a[0], b[1], b[0]])
            targets.pop(0)
        walked += step
    return result


def _width_entries(widths, leg_id: str, claim_entries: dict, titles: dict[str, str]) -> dict:
    """A leg's width in the all-dates view, the claim that sets it, the candidates the page
    picks from at a date of the time control (largest first, each with its span), and the
    counts in other units, listed and never drawn."""

    def short(claim_id: str) -> str:
        entry = claim_entries[claim_id]
        return f"{entry['claimant']}, {entry['published']}"

    def named(driver) -> str:
        text = f"{claim_entries[driver.claim]['headline']} ({short(driver.claim)})"
        if len(driver.legs) > 1:  # one figure for several legs: said, so it is not read twice
            together = "; ".join(titles[leg] for leg in driver.legs)
            text += f"; one figure for {len(driver.legs)} legs together ({together}), not each"
        return text

    def shared(driver) -> str:
        return f" (shared by {len(driver.legs)} legs)" if len(driver.legs) > 1 else ""

    unit = widths.unit.value if widths.unit else None
    others = widths.others.get(leg_id, ())
    also = "also claimed: " + "; ".join(o.text for o in others) if others else None
    no_count = f"no count in {unit} claimed" if unit else "no count claimed"
    found = widths.driver(leg_id)
    return {
        "width": widths.width_px(leg_id),
        "width_from": f"Width drawn from: {named(found)}"
        if found
        else (
            f"Counted in other units than {unit}, listed and not drawn (thinnest line): "
            + "; ".join(o.text for o in others)
            if others
            else f"{no_count.capitalize()} for this leg: thinnest line"
        ),
        "width_by_date": [
            {
                "px": widths.px(d.quantity),
                "span": [d.span[0].isoformat(), d.span[1].isoformat()],
                "from": f"Width drawn from: {named(d)}",
                "short": short(d.claim) + shared(d),
            }
            for d in widths.drivers.get(leg_id, ())
        ],
        "width_short": short(found.claim) + shared(found) if found else (also or no_count),
        "also": [{"text": o.text, "span": [o.span[0].isoformat(), o.span[1].isoformat()]} for o in others],
        "no_count_text": no_count,
        "unit": unit,
    }


def _claim_entries(model: CaseModel, sources: _SourceIndex) -> dict[str, dict]:
    """The page's entry of every claim, in published order, with its timeline verdict and its
    place in short lists (``rank``, ``keep``: :mod:`routes.analysis.prominence`)."""
    from routes.analysis.prominence import claim_prominence

    vessel_names = {v.id: v.name for v in model.scenario.vessels}
    entries = {c.id: _claim_entry(c, sources, vessel_names, model.claim_spans[c.id]) for c in model.claims_in_order()}
    for claim_id, place in claim_prominence(model).items():  # the order of short lists (print footer)
        entries[claim_id]["rank"], entries[claim_id]["keep"] = place.rank, place.keep
    for claim_id, check in model.verdicts.items():
        entries[claim_id]["timeline"] = {"verdict": check.verdict, "text": f"{check.verdict}: {check.reason}"}
    return entries


def _vessel_entry(vessel, sources: _SourceIndex) -> dict:
    """A vessel as a leg's popup lists it: name, particulars, sanctions, sources."""
    v = vessel
    bits = [b for b in (v.flag and f"{v.flag}-flagged", v.vessel_type, v.operator and f"operator: {v.operator}") if b]
    if v.imo:
        bits.append(f"IMO {v.imo}" + (f" ({v.imo_confidence.value} confidence)" if v.imo_confidence else ""))
    if v.sanctions:
        bits.append(v.sanctions)
    if v.note:
        bits.append(v.note)
    return {"name": v.name, "detail": "; ".join(bits), "sources": [sources.number(s) for s in v.sources]}


def _leg_entries(model: CaseModel, nodes, centre: float, claim_entries: dict, sources: _SourceIndex) -> list[dict]:
    """The page's entry of every leg: its line, texts, claims, widths and arrows."""
    scenario, speeds = model.scenario, model.speeds
    vessels = {v.id: v for v in scenario.vessels}
    route_notes = {r.id: r.note for r in scenario.routes}
    leg_notes = {leg.id: leg.note for leg in scenario.legs_specs}
    entries = []
    titles = {r["id"]: f"{nodes.at[r['from'], 'name']} → {nodes.at[r['to'], 'name']}" for _, r in model.legs.iterrows()}
    for row in model.legs.to_dict("records"):
        mode = Mode(row["mode"])
        basis = GeometryBasis(row["geometry_basis"])
        coords = _coords(row["geometry"], centre)
        from_name, to_name = nodes.at[row["from"], "name"], nodes.at[row["to"], "name"]
        distance, leg_id = row["distance_km"], row["id"]
        facts = model.leg(leg_id)
        leg_vessels = [_vessel_entry(vessels[vid], sources) for vid in row["vessels"]]
        entries.append(
            {
                "id": leg_id,
                "mode": mode.value,
                "dashed": basis is not GeometryBasis.REPORTED,
                "basis_id": basis.value,
                "title": f"{from_name} → {to_name}",
                "subtitle": f"{MODE_STYLES[mode]['label']} · {fmt_km(distance)} · {fmt_duration(row['duration_hours'])} at {speeds.typical_label(mode)} (estimate)",
                "basis": f"Path {BASIS_LABELS[basis]}; confidence {row['geometry_confidence']}",
                "note": leg_notes.get(leg_id),
                "route_note": route_notes.get(row["route"]),
                "tooltip": f"{from_name} → {to_name} · {mode.value} · {fmt_km(distance)} · path {basis.value}",
                "vessels": leg_vessels,
                "claims": list(facts.claims),
                "width_claim": facts.width_driver.claim if facts.width_driver else None,
                "coverage": dict(facts.coverage),
                "coords": coords,
                # the leg's extent on the time control is its first to its last claim's day
                "span": [facts.spans[0][0].isoformat(), facts.spans[-1][1].isoformat()] if facts.spans else None,
                "spans": [[a.isoformat(), b.isoformat()] for a, b in facts.spans],
                # the leg's state on each day of the case's range, and in the all-dates view
                "states": [[s.first.isoformat(), s.last.isoformat(), s.state, s.text] for s in facts.states],
                "state_all": _state_all(facts),
                **_width_entries(model.width, leg_id, claim_entries, titles),
                "arrows": (
                    _arrows(coords, 1 if distance < 1000 else max(2, min(8, math.ceil(distance / 1500))))
                    if facts.directed
                    else []
                ),
            }
        )
    return entries


def _state_all(facts) -> list[str]:
    """``[state, words]`` of a leg in the all-dates view."""
    found = facts.state(None)
    return [found.state, found.text] if found else ["never", NEVER_TEXT]


def _node_entries(model: CaseModel, nodes, centre: float) -> list[dict]:
    """The page's entry of every node the case draws (stops, nodes passed, events' nodes)."""
    scenario = model.scenario
    stops = {n for leg in scenario.legs_specs for n in (leg.start, leg.end)}
    node_entries = []
    for node_id in model.nodes_used:
        node = nodes.loc[node_id]
        low = node["coord_confidence"] == Confidence.LOW.value
        local = " · ".join(node["local_names"].values())
        node_entries.append(
            {
                "id": node_id,
                "name": node["name"],
                "stop": node_id in stops,
                "kind": node["kind"],
                "low": low,
                "label": node["name"] + (" (location approximate)" if low and node_id in stops else ""),
                "latlon": [round(node.geometry.y, 5), round(_near(node.geometry.x, centre), 5)],
                "details": [
                    d
                    for d in (
                        local and f"Local names: {local}",
                        node["aliases"] and f"Also called: {', '.join(node['aliases'])}",
                        f"{KIND_STYLES[node['kind']]['label']}, {node['country']}",
                        f"Coordinate {_lat_lon_label(node.geometry.x, node.geometry.y)} — {node['coord_confidence']} confidence"
                        + (" (location approximate)" if low else ""),
                        f"Source: {node['coord_source']}",
                        node["note"],
                    )
                    if d
                ],
            }
        )
    return node_entries


def _event_entries(model: CaseModel, nodes, centre: float, sources: _SourceIndex) -> list[dict]:
    """The page's entry of every event, with the checks of dated pairs on the later event."""
    scenario = model.scenario
    event_entries: list[dict[str, Any]] = []
    for event in sorted(scenario.events, key=lambda e: (e.period.first_day() or e.period.last_day(), e.id)):
        latlon = None
        if event.node is not None:
            node = nodes.loc[event.node]
            latlon = [round(node.geometry.y, 5), round(_near(node.geometry.x, centre), 5)]
        event_entries.append(
            {
                "id": event.id,
                "title": event.title,
                "when": event.period.label(),
                "description": event.description,
                "latlon": latlon,
                "sources": [sources.number(s) for s in event.sources],
                "span": [d.isoformat() for d in model.event_spans[event.id]],
                **({"images": [image.as_entry() for image in event.images]} if event.images else {}),
            }
        )
    by_event = {e["id"]: e for e in event_entries}
    for check in model.event_checks:  # shown on the later event of each pair
        entry = by_event[check.claim.split(" -> ")[1]]
        text = f"Timeline from {check.claim.split(' -> ')[0]}: {check.verdict}: {check.reason}"
        entry["description"] = f"{entry['description']} {text}" if entry["description"] else text
        entry.setdefault("timelines", []).append({"verdict": check.verdict, "text": text})
    return event_entries
