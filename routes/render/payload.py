"""The data a map page carries: one JSON document, built from a scenario and its legs.

Everything the page shows as text is prepared here as plain strings (labels, numbers already
formatted), and the page's own script puts them into the DOM as text nodes. No folium here.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from routes.claims import claims_for_leg
from routes.formatting import fmt_duration, fmt_km
from routes.geodesy import distance_km, length_km, unwrap
from routes.vocabulary import ClaimStatus, Confidence, GeometryBasis, Mode

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.records import Claim, Source
    from routes.scenario import Scenario

#: Colour-blind-safe colours (Okabe-Ito) and line weights per mode.
MODE_STYLES = {
    Mode.SEA: {"color": "#0072B2", "weight": 4, "label": "Sea leg"},
    Mode.RAIL: {"color": "#D55E00", "weight": 4, "label": "Rail leg"},
    Mode.ROAD: {"color": "#009E73", "weight": 3, "label": "Road leg"},
    Mode.AIR: {"color": "#CC79A7", "weight": 2, "label": "Air leg"},
}
#: Dash pattern of lines whose path nobody reported.
DASH = "10 7"
KIND_STYLES = {
    "port": {"color": "#0072B2", "radius": 7, "label": "Port"},
    "depot": {"color": "#000000", "radius": 7, "label": "Depot"},
    "station": {"color": "#555555", "radius": 3, "label": "Station"},
    "junction": {"color": "#555555", "radius": 3, "label": "Junction"},
    "border-crossing": {"color": "#E69F00", "radius": 6, "label": "Border crossing"},
    "airfield": {"color": "#CC79A7", "radius": 6, "label": "Airfield"},
    "city": {"color": "#555555", "radius": 4, "label": "City"},
    "site": {"color": "#009E73", "radius": 6, "label": "Site"},
}
SPEED_LABELS = {Mode.SEA: "11 kn", Mode.RAIL: "900 km a day", Mode.ROAD: "50 km/h", Mode.AIR: "700 km/h"}
BASIS_LABELS = {
    GeometryBasis.REPORTED: "reported (a source shows this path)",
    GeometryBasis.ASSUMED: "assumed (nobody reported the actual path; standard corridor or ordinary sea track)",
    GeometryBasis.ROUTED: "routed (computed on a network)",
}
NOT_SUMMED = "Figures from different claimants cover overlapping periods: they are shown side by side, never added up."


class _SourceIndex:
    """Numbers sources in order of first use, merging identical ones."""

    def __init__(self):
        self.items: list[dict] = []
        self._numbers: dict[tuple, int] = {}

    def number(self, source: "Source") -> int:
        key = (source.publisher, source.title, str(source.date), source.url)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append({"n": len(self.items) + 1, "label": source.label(), "url": source.url})
        return self._numbers[key]


def _claim_entry(claim: "Claim", sources: _SourceIndex) -> dict:
    q = claim.quantity
    return {
        "id": claim.id,
        "headline": q.text if q else (claim.summary or "no quantity stated"),
        "summary": claim.summary if q else None,
        "claimant": claim.claimant,
        "published": claim.published.label(),
        "period": claim.period.label() + (f" (“{claim.period_text}”)" if claim.period_text else ""),
        "evidence": claim.evidence,
        "status": ClaimStatus(claim.status).label,
        "status_id": claim.status.value,
        "quote": claim.quote,
        "note": claim.note,
        "sources": [sources.number(s) for s in claim.sources],
    }


def _coords(line) -> list[list[float]]:
    """``[lat, lon]`` pairs for Leaflet, longitudes unwrapped, 5 decimals (about 1 m)."""
    return [[round(lat, 5), round(lon, 5)] for lon, lat in unwrap(list(line.coords))]


def _arrows(coords: list[list[float]], count: int) -> list[list[float]]:
    """Anchor points for direction arrows at even fractions of a line: [lat, lon, lat2, lon2]."""
    lonlat = [(lon, lat) for lat, lon in coords]
    total = length_km(lonlat)
    if total == 0:
        return []
    targets = [total * (i + 0.5) / count for i in range(count)]
    result, walked = [], 0.0
    for a, b in zip(lonlat, lonlat[1:]):
        step = length_km([a, b])
        while targets and walked + step >= targets[0]:
            result.append([a[1], a[0], b[1], b[0]])
            targets.pop(0)
        walked += step
    return result


def _label_side(node_id: str, stop_points: dict) -> str:
    """Put a stop's label on the left when another stop lies close to its east."""
    here = stop_points.get(node_id)
    if here is None:
        return "right"
    for other, there in stop_points.items():
        if other != node_id and there[0] > here[0] and distance_km(here, there) < 400:
            return "left"
    return "right"


def build_payload(scenario: "Scenario", legs: "geopandas.GeoDataFrame") -> dict:
    """The page's JSON document for a scenario and its legs (plain, JSON-able values only)."""
    sources = _SourceIndex()
    nodes = scenario.nodes.set_index("id")
    vessels = {v.id: v for v in scenario.vessels}
    claims_sorted = sorted(scenario.claims, key=lambda c: (c.published.first_day(), c.id))
    claim_entries = {c.id: _claim_entry(c, sources) for c in claims_sorted}

    leg_entries = []
    for row in legs.to_dict("records"):
        mode = Mode(row["mode"])
        basis = GeometryBasis(row["geometry_basis"])
        coords = _coords(row["geometry"])
        from_name, to_name = nodes.at[row["from"], "name"], nodes.at[row["to"], "name"]
        distance, leg_id = row["distance_km"], row["id"]
        leg_vessels = []
        for vid in row["vessels"]:
            v = vessels[vid]
            bits = [b for b in (v.flag and f"{v.flag}-flagged", v.vessel_type) if b]
            if v.imo:
                bits.append(f"IMO {v.imo}" + (f" ({v.imo_confidence.value} confidence)" if v.imo_confidence else ""))
            if v.sanctions:
                bits.append(v.sanctions)
            leg_vessels.append({"name": v.name, "detail": "; ".join(bits), "sources": [sources.number(s) for s in v.sources]})
        leg_entries.append({
            "id": leg_id,
            "mode": mode.value,
            "dashed": basis is not GeometryBasis.REPORTED,
            "title": f"{from_name} → {to_name}",
            "subtitle": f"{MODE_STYLES[mode]['label']} · {fmt_km(distance)} · {fmt_duration(row['duration_hours'])} at {SPEED_LABELS[mode]} (estimate)",
            "basis": f"Path {BASIS_LABELS[basis]}; confidence {row['geometry_confidence']}",
            "tooltip": f"{from_name} → {to_name} · {mode.value} · {fmt_km(distance)} · path {basis.value}",
            "vessels": leg_vessels,
            "claims": [claim_entries[c.id]["id"] for c in claims_for_leg(scenario, leg_id)],
            "coords": coords,
            "arrows": _arrows(coords, 1 if distance < 1000 else max(2, min(8, math.ceil(distance / 1500)))),
        })

    stops = {n for leg in scenario.legs_specs for n in (leg.start, leg.end)}
    shown = stops | {n for leg in scenario.legs_specs for n in leg.via} | {e.node for e in scenario.events if e.node}
    stop_points = {n: (nodes.at[n, "geometry"].x, nodes.at[n, "geometry"].y) for n in stops}
    node_entries = []
    for node_id in sorted(shown):
        node = nodes.loc[node_id]
        low = node["coord_confidence"] == Confidence.LOW.value
        local = " · ".join(node["local_names"].values())
        node_entries.append({
            "id": node_id,
            "name": node["name"],
            "stop": node_id in stops,
            "kind": node["kind"],
            "low": low,
            "label": node["name"] + (" (location approximate)" if low and node_id in stops else ""),
            "label_side": _label_side(node_id, stop_points),
            "latlon": [round(node.geometry.y, 5), round(node.geometry.x, 5)],
            "details": [d for d in (
                local and f"Local names: {local}",
                node["aliases"] and f"Also called: {', '.join(node['aliases'])}",
                f"{KIND_STYLES[node['kind']]['label']}, {node['country']}",
                f"Coordinate {node.geometry.y:.4f}° N, {node.geometry.x:.4f}° E — {node['coord_confidence']} confidence"
                + (" (location approximate)" if low else ""),
                f"Source: {node['coord_source']}",
                node["note"],
            ) if d],
        })

    event_entries = []
    for event in sorted(scenario.events, key=lambda e: (e.period.first_day() or e.period.last_day(), e.id)):
        if event.node is None:
            continue
        node = nodes.loc[event.node]
        event_entries.append({
            "id": event.id, "title": event.title, "when": event.period.label(), "description": event.description,
            "latlon": [round(node.geometry.y, 5), round(node.geometry.x, 5)],
            "sources": [sources.number(s) for s in event.sources],
        })

    unattached = [claim_entries[c.id]["id"] for c in claims_sorted
                  if not any(c.id in leg["claims"] for leg in leg_entries)]
    period = scenario.period()
    bounds = legs.total_bounds if len(legs) else scenario.nodes.total_bounds
    modes_used = sorted({leg["mode"] for leg in leg_entries}, key=[m.value for m in Mode].index)
    return {
        "title": scenario.title,
        "period": f"Claimed period: {period.label()}" if period else None,
        "as_of": f"As of {scenario.as_of.label()}" if scenario.as_of else None,
        "summary": scenario.summary,
        "credit": scenario.credit or "Made with routes",
        "not_summed": NOT_SUMMED,
        "legs": leg_entries,
        "nodes": node_entries,
        "events": event_entries,
        "claims": {c["id"]: c for c in claim_entries.values()},
        "unattached_claims": unattached,
        "sources": sources.items,
        "styles": {
            "modes": {m.value: {k: v for k, v in MODE_STYLES[m].items()} for m in Mode},
            "kinds": KIND_STYLES,
            "dash": DASH,
        },
        "legend": {
            "modes": modes_used,
            "kinds": sorted({n["kind"] for n in node_entries}),
            "lines": [["solid", "Path reported by a source"], ["dashed", "Path assumed or routed: nobody reported it"]],
            "low": "Dashed ring: location approximate (low confidence)",
            "arrow": "Direction of movement",
        },
        "bounds": [[round(bounds[1], 5), round(bounds[0], 5)], [round(bounds[3], 5), round(bounds[2], 5)]],
    }
