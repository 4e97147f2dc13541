"""KML for Google Earth: nodes as placemarks, legs as lines, claims in their descriptions.

Google Earth renders a placemark's description as HTML, so every user string is HTML-escaped
first and the XML writer escapes the result again: what reaches the balloon is text. Only
http(s) source URLs become links. Legs that cross 180° are split there. Names (plain text)
and descriptions show bidi controls and invisible characters as escapes (``<U+202E>``) and
isolate right-to-left text (:mod:`routes.model.hiddentext`).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from routes.geo.geodesy import split_antimeridian
from routes.load.licences import data_notices
from routes.model.formatting import fmt_km
from routes.model.hiddentext import html_isolated, isolated
from routes.model.records import check_url

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.analysis.case import CaseModel
    from routes.load.scenario import Scenario
    from routes.model.records import Claim

KML_NS = "http://www.opengis.net/kml/2.2"
#: Google's extensions: ``gx:Track`` (timestamped positions), which Google Earth animates.
GX_NS = "http://www.google.com/kml/ext/2.2"
#: KML colours are aabbggrr.
LINE_COLOURS = {"sea": "ffb27200", "rail": "ff005ed5", "road": "ff739e00", "air": "ffa779cc"}


def _e(text: object) -> str:
    """Text for a description (HTML): hidden characters as escapes, RTL text in ``<bdi>``."""
    return html_isolated(str(text))


def _link(url: str | None, label: str) -> str:
    try:
        return f'<a href="{html.escape(check_url(url), quote=True)}">{_e(label)}</a>' if url else _e(label)
    except ValueError:
        return _e(label)


def _claim_html(claim: Claim) -> str:
    rows = [
        f"<b>{_e(claim.headline)}</b>",
        f"Period: {_e(claim.period_label)}",
        f"Claimant: {_e(claim.claimant)}",
        f"Published: {_e(claim.published.label())}",
        f"Evidence: {_e(claim.evidence)}",
        f"Status: {_e(claim.status.label)}",
    ]
    rows += [f"Source: {_link(s.url, s.label())}" for s in claim.sources]
    return "<br/>".join(rows)


def _coords(points) -> str:
    return " ".join(f"{lon:.6f},{lat:.6f},0" for lon, lat in points)


def _observed_folder(doc, scenario: Scenario) -> None:
    """Images taken (footprints, dated with ``TimeStamp``) and counts (at their node, dated with a
    ``TimeSpan`` of their day) in a folder of their own: observations, not claims."""
    if not scenario.images_taken and not scenario.counts:
        return
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "Observations (not claims)"
    for image in sorted(scenario.images_taken, key=lambda i: i.id):
        mark = ET.SubElement(folder, "Placemark", id=f"image-{image.id}")
        ET.SubElement(mark, "name").text = isolated(f"Image taken: {image.sensor}")
        ET.SubElement(mark, "description").text = _e(f"Observation, not a claim. {image.caption}")
        stamp = ET.SubElement(mark, "TimeStamp")
        when = image.acquired.isoformat().replace("+00:00", "Z") if image.timed else str(image.acquired.date())
        ET.SubElement(stamp, "when").text = when
        shape = image.footprint
        if shape.geom_type == "Point":
            point = ET.SubElement(mark, "Point")
            ET.SubElement(point, "coordinates").text = _coords([(shape.centroid.x, shape.centroid.y)])
            continue
        multi = ET.SubElement(mark, "MultiGeometry")
        for polygon in getattr(shape, "geoms", [shape]):
            poly = ET.SubElement(multi, "Polygon")
            ring = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
            ET.SubElement(ring, "coordinates").text = _coords(polygon.exterior.coords)
    nodes = scenario.nodes.set_index("id")
    for count in sorted(scenario.counts, key=lambda c: c.id):
        node = nodes.loc[count.node]
        mark = ET.SubElement(folder, "Placemark", id=f"count-{count.id}")
        ET.SubElement(mark, "name").text = isolated(f"Count at {node['name']}")
        ET.SubElement(mark, "description").text = _e(f"Observation, not a claim. {count.label}")
        span = ET.SubElement(mark, "TimeSpan")
        ET.SubElement(span, "begin").text = str(count.date.first_day())
        ET.SubElement(span, "end").text = str(count.date.last_day())
        point = ET.SubElement(mark, "Point")
        ET.SubElement(point, "coordinates").text = _coords([(node.geometry.x, node.geometry.y)])


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ais_folder(doc, model: CaseModel) -> None:
    """What routes observe found: each track part a ``gx:Track`` (one ``when`` a drawn vertex,
    as the observe file keeps them), each event a placemark with its ``TimeSpan``; named by the
    case's vessel or as unlinked, with the rule that made it."""
    import datetime as dt

    seen = model.observations
    assert seen is not None
    names = {v.id: v.name for v in model.scenario.vessels}
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "Observed by AIS (not claims)"
    for n, item in enumerate(seen.items):
        vessel = seen.vessel(item)
        mmsi = item.mmsi if vessel is None or seen.vessel_of.get(item.mmsi) == vessel else item.mmsi_other
        who = f"{names[vessel]} (MMSI {mmsi})" if vessel else f"MMSI {mmsi} (not named in this case: unlinked)"
        mark = ET.SubElement(folder, "Placemark", id=f"observed-{n + 1}")
        ET.SubElement(mark, "name").text = isolated(f"{item.feature_type.replace('_', ' ')}: {who}")
        ET.SubElement(mark, "description").text = _e(f"Observation, not a claim. {item.kind}; rule: {item.rule}")
        span = ET.SubElement(mark, "TimeSpan")
        ET.SubElement(span, "begin").text = _when(item.start)
        ET.SubElement(span, "end").text = _when(item.end)
        geometry = item.geometry
        times = item.details.get("vertex_times") if item.feature_type == "track" else None
        if times and geometry is not None and hasattr(geometry, "geoms"):
            multi = ET.SubElement(mark, f"{{{GX_NS}}}MultiTrack")
            for line, stamps in zip(geometry.geoms, times, strict=False):
                track = ET.SubElement(multi, f"{{{GX_NS}}}Track")
                for stamp in stamps:
                    ET.SubElement(track, "when").text = _when(dt.datetime.fromtimestamp(int(stamp), dt.UTC))
                for x, y in line.coords:
                    ET.SubElement(track, f"{{{GX_NS}}}coord").text = f"{x:.6f} {y:.6f} 0"
        elif geometry is not None and not geometry.is_empty:
            p = geometry if geometry.geom_type == "Point" else geometry.representative_point()
            point = ET.SubElement(mark, "Point")
            ET.SubElement(point, "coordinates").text = _coords([(p.x, p.y)])


def to_kml(scenario: Scenario, legs: geopandas.GeoDataFrame, model: CaseModel | None = None) -> bytes:
    """The KML document (UTF-8 bytes) of a scenario and its legs: the legs with the claims
    that cover them, and the nodes the GeoJSON export carries (stops, nodes passed, events'
    nodes), all from the case model (built if not given)."""
    from routes.analysis.case import case_model

    model = model or case_model(scenario, legs)
    claims = {c.id: c for c in scenario.claims}
    ET.register_namespace("", KML_NS)
    ET.register_namespace("gx", GX_NS)
    root = ET.Element(f"{{{KML_NS}}}kml")
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = isolated(scenario.title)
    notices = " ".join(n.text() + "." for n in data_notices(scenario))
    ET.SubElement(doc, "description").text = _e(
        (scenario.summary or "")
        + " Figures from different claimants are never added up."
        + (f" Data: {notices}" if notices else "")
    )
    for mode, colour in LINE_COLOURS.items():
        style = ET.SubElement(doc, "Style", id=f"leg-{mode}")
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = colour
        ET.SubElement(line, "width").text = "4"
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "Legs"
    for leg in legs.sort_values("id").to_dict("records"):
        mark = ET.SubElement(folder, "Placemark", id=f"leg-{leg['id'].replace('/', '--')}")
        ET.SubElement(mark, "name").text = f"{leg['from']} → {leg['to']} ({leg['mode']})"
        parts = [
            (
                f"{_e(leg['mode'])} leg, {fmt_km(leg['distance_km'])}; path {_e(leg['geometry_basis'])} "
                f"(confidence {_e(leg['geometry_confidence'])})"
            )
        ]
        parts += [_claim_html(claims[c]) for c in model.leg(leg["id"]).claims]
        ET.SubElement(mark, "description").text = "<hr/>".join(parts)
        ET.SubElement(mark, "styleUrl").text = f"#leg-{leg['mode']}"
        multi = ET.SubElement(mark, "MultiGeometry")
        for part in split_antimeridian(list(leg["geometry"].coords)):
            line = ET.SubElement(multi, "LineString")
            ET.SubElement(line, "tessellate").text = "1"
            ET.SubElement(line, "coordinates").text = _coords(part)
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "Nodes"
    nodes = scenario.nodes.set_index("id")
    for node_id in model.nodes_used:
        node = nodes.loc[node_id]
        mark = ET.SubElement(folder, "Placemark", id=f"node-{node_id}")
        ET.SubElement(mark, "name").text = isolated(node["name"])
        ET.SubElement(mark, "description").text = (
            f"{_e(node['kind'])}, {_e(node['country'])}; coordinate confidence {_e(node['coord_confidence'])}"
            f"<br/>Source: {_e(node['coord_source'])}"
        )
        point = ET.SubElement(mark, "Point")
        ET.SubElement(point, "coordinates").text = _coords([(node.geometry.x, node.geometry.y)])
    _observed_folder(doc, scenario)
    if model.observations is not None:
        _ais_folder(doc, model)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
