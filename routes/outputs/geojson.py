"""The GeoJSON export: one RFC 7946 FeatureCollection with nodes, legs, claims, vessels, events.

The format is public and versioned (:data:`FORMAT_VERSION`); ``docs/export.schema.json``
checks it. Output is a pure function of the input: features are sorted, ids are stable and
there is no timestamp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from routes.geo.geodesy import split_antimeridian
from routes.load.licences import data_notices

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.analysis.case import CaseModel
    from routes.load.scenario import Scenario
    from routes.model.records import Claim, Event, Source, Vessel

FORMAT_VERSION = "1.0"


def source_dict(source: Source) -> dict:
    """A source as exported."""
    return {
        "publisher": source.publisher,
        "title": source.title or None,
        "date": str(source.date) if source.date else None,
        "url": source.url,
        "note": source.note,
    }


def claim_dict(claim: Claim, verdict: str | None = None) -> dict:
    """A claim as exported: the fields of the scenario format, dates as ISO strings, and the
    verdict of its timeline check (:mod:`routes.analysis.plausibility`) when it was checked."""
    q = claim.quantity
    return {
        "id": claim.id,
        "claimant": claim.claimant,
        "published": str(claim.published),
        "period_start": str(claim.period.start) if claim.period.start else None,
        "period_end": str(claim.period.end) if claim.period.end else None,
        "period_end_inclusive": True,
        "period_text": claim.period_text,
        "quantity_text": q.text if q else None,
        "quantity": q.value if q else None,
        "quantity_max": q.value_max if q else None,
        "unit": q.unit.value if q and q.unit else None,
        "qualifier": q.qualifier.value if q and q.qualifier else None,
        "covers": list(claim.covers),
        "attributed": list(claim.attributed),
        "attribution": claim.attribution,
        "kind": claim.kind.value if claim.kind else None,
        "restates": claim.restates,
        "direction_known": claim.direction_known,
        "evidence": claim.evidence,
        "status": claim.status.value,
        "vessels": list(claim.vessels),
        "quote": claim.quote,
        "summary": claim.summary,
        "note": claim.note,
        "sources": [source_dict(s) for s in claim.sources],
        "timeline_verdict": verdict,
    }


def vessel_dict(vessel: Vessel) -> dict:
    """A vessel as exported."""
    return {
        "id": vessel.id,
        "name": vessel.name,
        "flag": vessel.flag,
        "imo": vessel.imo,
        "imo_confidence": vessel.imo_confidence.value if vessel.imo_confidence else None,
        "type": vessel.vessel_type,
        "operator": vessel.operator,
        "sanctions": vessel.sanctions,
        "note": vessel.note,
        "sources": [source_dict(s) for s in vessel.sources],
    }


def event_dict(event: Event) -> dict:
    """An event as exported."""
    return {
        "id": event.id,
        "title": event.title,
        "period_start": str(event.period.start) if event.period.start else None,
        "period_end": str(event.period.end) if event.period.end else None,
        "node": event.node,
        "description": event.description,
        "sources": [source_dict(s) for s in event.sources],
    }


def observed_features(scenario: Scenario) -> list[dict]:
    """Images taken and counts as features of their own (``feature_type`` ``image_taken`` and
    ``count``), never merged into the claims: each says it is an observation."""
    from shapely.geometry import mapping

    def rounded(value):
        return [rounded(v) for v in value] if isinstance(value, (list, tuple)) else round(value, 6)

    features = []
    for image in sorted(scenario.images_taken, key=lambda i: i.id):
        geometry = mapping(image.footprint)
        features.append(
            {
                "type": "Feature",
                "id": f"image_taken/{image.id}",
                "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
                "properties": {
                    "feature_type": "image_taken",
                    "observed": True,
                    "id": image.id,
                    "acquired": image.acquired.isoformat().replace("+00:00", "Z")
                    if image.timed
                    else str(image.acquired.date()),
                    "sensor": image.sensor,
                    "provider": image.provider,
                    "licence": image.licence,
                    "supports": list(image.supports),
                    "sources": [source_dict(s) for s in image.sources],
                    "note": image.note,
                },
            }
        )
    nodes = scenario.nodes.set_index("id")
    for count in sorted(scenario.counts, key=lambda c: c.id):
        node = nodes.loc[count.node]
        features.append(
            {
                "type": "Feature",
                "id": f"count/{count.id}",
                "geometry": {"type": "Point", "coordinates": [round(node.geometry.x, 6), round(node.geometry.y, 6)]},
                "properties": {
                    "feature_type": "count",
                    "observed": True,
                    "id": count.id,
                    "node": count.node,
                    "date": str(count.date),
                    "unit": count.unit.value,
                    "by_type": {kind or count.unit.value: number for kind, number in count.by_type},
                    "qualifier": count.qualifier,
                    "provider": count.provider,
                    "supports": list(count.supports),
                    "sources": [source_dict(s) for s in count.sources],
                    "note": count.note,
                },
            }
        )
    return features


def ais_features(model: CaseModel) -> list[dict]:
    """What routes observe found, for the case's observation files: one feature per item
    (``feature_type`` ``observed_track``, ``observed_gap``, ``observed_port_call``, ...,
    ``observed: true``), with the case's vessel id or null (unlinked) and the rule that made it.
    Never merged into the claims."""
    from shapely.geometry import mapping

    seen = model.observations
    if seen is None:
        return []

    def rounded(value):
        return [rounded(v) for v in value] if isinstance(value, (list, tuple)) else round(value, 6)

    def iso(moment) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    features = []
    for n, item in enumerate(seen.items):
        geometry = None
        if item.geometry is not None and not item.geometry.is_empty:
            shape = mapping(item.geometry)
            geometry = {"type": shape["type"], "coordinates": rounded(shape["coordinates"])}
        features.append(
            {
                "type": "Feature",
                "id": f"observed/{n + 1}",
                "geometry": geometry,
                "properties": {
                    "feature_type": f"observed_{item.feature_type}",
                    "observed": True,
                    "kind": item.kind,
                    "vessel": seen.vessel(item),
                    "mmsi": item.mmsi,
                    "mmsi_other": item.mmsi_other,
                    "imo": item.imo,
                    "start": iso(item.start),
                    "end": iso(item.end),
                    "node": item.node,
                    "rule": item.rule,
                },
            }
        )
    return features


def _round(coords) -> list[list[float]]:
    return [[round(x, 6), round(y, 6)] for x, y in coords]


def to_geojson(scenario: Scenario, legs: geopandas.GeoDataFrame, model: CaseModel | None = None) -> dict:
    """The export document of a scenario and its legs (claims per leg, width claims and
    verdicts from its :class:`routes.analysis.case.CaseModel`, built if not given).

    Legs that cross 180° become MultiLineStrings split at the antimeridian (RFC 7946 §3.1.9).
    """
    from routes.analysis.case import case_model

    model = model or case_model(scenario, legs)
    verdicts = {claim_id: check.verdict for claim_id, check in model.verdicts.items()}
    claims = {c.id: c for c in scenario.claims}
    used = set(model.nodes_used)
    features = []
    for node in scenario.nodes.sort_values("id").itertuples(index=False):
        if node.id not in used:
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"node/{node.id}",
                "geometry": {"type": "Point", "coordinates": [round(node.geometry.x, 6), round(node.geometry.y, 6)]},
                "properties": {
                    "feature_type": "node",
                    "id": node.id,
                    "name": node.name,
                    "aliases": list(node.aliases),
                    "local_names": dict(sorted(node.local_names.items())),
                    "kind": node.kind,
                    "country": node.country,
                    "coord_confidence": node.coord_confidence,
                    "coord_source": node.coord_source,
                    "note": node.note,
                },
            }
        )
    for leg in legs.sort_values("id").to_dict("records"):
        parts = split_antimeridian(list(leg["geometry"].coords))
        geometry = (
            {"type": "LineString", "coordinates": _round(parts[0])}
            if len(parts) == 1
            else {"type": "MultiLineString", "coordinates": [_round(p) for p in parts]}
        )
        features.append(
            {
                "type": "Feature",
                "id": f"leg/{leg['id']}",
                "geometry": geometry,
                "properties": {
                    "feature_type": "leg",
                    "id": leg["id"],
                    "route": leg["route"],
                    "from": leg["from"],
                    "to": leg["to"],
                    "mode": leg["mode"],
                    "via": list(leg["via"]),
                    "distance_km": round(leg["distance_km"], 3),
                    "duration_hours_estimate": round(leg["duration_hours"], 2),
                    "border_crossings_estimate": int(leg["border_crossings"]),
                    "geometry_basis": leg["geometry_basis"],
                    "geometry_confidence": leg["geometry_confidence"],
                    "vessels": list(leg["vessels"]),
                    "claims": [claim_dict(claims[c], verdicts.get(c)) for c in model.leg(leg["id"]).claims],
                    "claim_coverage": dict(model.leg(leg["id"]).coverage),
                    "width_claim": driver.claim if (driver := model.leg(leg["id"]).width_driver) else None,
                },
            }
        )
    features += observed_features(scenario)
    features += ais_features(model)
    return {
        "type": "FeatureCollection",
        "format_version": FORMAT_VERSION,
        "scenario": {
            "id": scenario.id,
            "title": scenario.title,
            "summary": scenario.summary,
            "as_of": str(scenario.as_of) if scenario.as_of else None,
            "credit": scenario.credit,
        },
        "license": [n.as_dict() for n in data_notices(scenario)],
        "claims": [claim_dict(c, verdicts.get(c.id)) for c in model.claims_in_order()],
        "vessels": [vessel_dict(v) for v in sorted(scenario.vessels, key=lambda v: v.id)],
        "events": [event_dict(e) for e in sorted(scenario.events, key=lambda e: e.id)],
        "features": features,
    }
