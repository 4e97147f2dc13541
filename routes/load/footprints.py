"""Footprint files of images taken, read as they come from a catalogue or a tracker: a STAC item
(JSON), a KML placemark (Bellingcat's Umbra tracker publishes these), or a GeoJSON feature.

Each reader returns a :class:`Footprint`: the geometry and whatever of the acquisition time,
sensor, provider and licence the file states; the scenario's own fields fill or override the
rest (:mod:`routes.load.scenario_imagery`). XML is parsed with ``defusedxml``, which refuses
entity declarations (a "billion laughs" file costs nothing); every file is size-capped before it
is parsed and every geometry checked for range, validity and vertex count. A problem is one
line naming the file and what to fix.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from routes.errors import Problems
from routes.load.files import display_name, read_json, read_text

#: The largest footprint file read (a STAC item or a KML placemark is a few kB).
MAX_FOOTPRINT_BYTES = 2_000_000
#: The most vertices a footprint may have (a scene outline has tens).
MAX_VERTICES = 10_000
_KML = "{http://www.opengis.net/kml/2.2}"


@dataclass(frozen=True)
class Footprint:
    """A footprint read from a file, and what the file says about the image."""

    geometry: Any
    acquired: str | None = None
    sensor: str | None = None
    provider: str | None = None
    licence: str | None = None


def parse_time(value: object) -> tuple[dt.datetime, bool] | None:
    """An acquisition time in UTC and whether it has a time of day, from an ISO 8601 string
    (``2023-09-07T02:14:00Z``, ``2023-09-07``) or a TOML date/datetime; None if unreadable or
    a time of day without a zone (which would be read differently on every machine)."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC), True) if value.tzinfo else None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC), False
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), False
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return (parsed.astimezone(dt.UTC), True) if parsed.tzinfo else None


def geometry_problem(geometry) -> str | None:
    """Why a footprint cannot be drawn, or None: coordinates out of range, too many vertices,
    not a point or polygon, an invalid ring."""
    from shapely import get_coordinates

    if geometry.geom_type not in ("Point", "Polygon", "MultiPolygon"):
        return f"is a {geometry.geom_type}; a footprint is a Polygon (or a Point where only the centre is known)"
    coords = get_coordinates(geometry)
    if len(coords) > MAX_VERTICES:
        return f"has {len(coords):,} vertices, over the limit of {MAX_VERTICES:,}"
    for lon, lat in coords:
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            return f"has a position ({lon}, {lat}) outside longitude -180..180, latitude -90..90"
    if geometry.is_empty:
        return "is empty"
    if not geometry.is_valid:
        return "is not a valid polygon (its ring crosses itself?)"
    return None


def footprint_from_coords(value: object) -> Any | None:
    """A polygon from ``[[lon, lat], ...]`` (closed if open) or a point from ``[lon, lat]``;
    None if the value is neither."""
    from shapely.geometry import Point, Polygon

    def pair(item: object) -> bool:
        return (
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in item)
        )

    if pair(value) and isinstance(value, list):
        return Point(float(value[0]), float(value[1]))
    if isinstance(value, list) and len(value) >= 3 and all(pair(item) for item in value):
        return Polygon(value)
    return None


def read_footprint(path: Path) -> Footprint:
    """The footprint in a STAC item (``.json``), KML (``.kml``) or GeoJSON (``.geojson``) file.

    Raises :class:`routes.errors.ValidationError` with one line a problem."""
    problems = Problems(display_name(path))
    suffix = path.suffix.lower()
    if suffix not in (".json", ".kml", ".geojson"):
        problems.add("", "", f"'{path.suffix}' is not a footprint file", "give a STAC item (.json), .kml or .geojson")
        problems.raise_all()
    if path.exists() and path.stat().st_size > MAX_FOOTPRINT_BYTES:
        problems.add(
            "",
            "",
            f"file is {path.stat().st_size:,} bytes, over the limit of {MAX_FOOTPRINT_BYTES:,} for a footprint",
            "give the one item or placemark of the image",
        )
        problems.raise_all()
    found = _read_kml(path, problems) if suffix == ".kml" else _read_json(path, problems)
    if found is not None and (why := geometry_problem(found.geometry)) is not None:
        problems.add("", "geometry", f"the footprint {why}", "give the image's outline in lon/lat (EPSG:4326)")
    problems.raise_if_any()
    assert found is not None  # a reader that found nothing recorded a problem
    return found


def _read_json(path: Path, problems: Problems) -> Footprint | None:
    from shapely.errors import ShapelyError
    from shapely.geometry import shape

    data = read_json(path)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or len(features) != 1:
            problems.add("", "features", "a footprint file holds one feature", "give one file an image")
            return None
        data = features[0]
    if not isinstance(data, dict) or data.get("type") != "Feature" or not isinstance(data.get("geometry"), dict):
        problems.add(
            "", "", "is not a STAC item or a GeoJSON feature", "give a file with a 'geometry' and 'properties'"
        )
        return None
    try:
        geometry = shape(data["geometry"])
    except (ShapelyError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        problems.add("", "geometry", f"cannot be read ({type(exc).__name__})", "give a GeoJSON Polygon or Point")
        return None
    found = data.get("properties")
    props: dict = found if isinstance(found, dict) else {}
    sensor = _text(props.get("platform")) or _text(props.get("constellation"))
    instruments = props.get("instruments")
    if sensor and isinstance(instruments, list) and instruments and all(isinstance(i, str) for i in instruments):
        sensor = f"{sensor} ({', '.join(instruments[:3])})"
    providers = props.get("providers")
    provider = _text(props.get("provider"))
    if provider is None and isinstance(providers, list) and providers and isinstance(providers[0], dict):
        provider = _text(providers[0].get("name"))
    licence = _text(props.get("license")) or _text(props.get("licence"))
    acquired = _text(props.get("datetime")) or _text(props.get("start_datetime"))
    return Footprint(geometry, acquired, sensor, provider, licence)


def _read_kml(path: Path, problems: Problems) -> Footprint | None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring
    from shapely.geometry import Point, Polygon

    text = read_text(path, limit=MAX_FOOTPRINT_BYTES)
    try:
        root = fromstring(text)
    except DefusedXmlException:
        problems.add("", "", "declares XML entities or a DTD, which a footprint never needs", "remove the declarations")
        return None
    except ParseError as exc:
        problems.add("", "", f"is not well-formed KML ({exc})", "export the placemark again")
        return None
    placemarks = list(root.iter(f"{_KML}Placemark"))
    if len(placemarks) != 1:
        problems.add("", "Placemark", f"holds {len(placemarks)} placemarks", "give one placemark (one image) a file")
        return None
    mark = placemarks[0]
    ring = mark.find(f".//{_KML}Polygon/{_KML}outerBoundaryIs/{_KML}LinearRing/{_KML}coordinates")
    point = mark.find(f".//{_KML}Point/{_KML}coordinates")
    node = ring if ring is not None else point
    if node is None or not (node.text or "").strip():
        problems.add("", "coordinates", "the placemark has no Polygon or Point", "give the image's outline")
        return None
    try:
        pairs = [tuple(float(x) for x in item.split(",")[:2]) for item in (node.text or "").split()]
    except ValueError:
        problems.add("", "coordinates", "are not 'lon,lat' numbers", "write 'lon,lat[,alt]' separated by spaces")
        return None
    if len(pairs) > MAX_VERTICES or any(len(p) != 2 for p in pairs):
        problems.add("", "coordinates", "are not a list of 'lon,lat' pairs within the vertex limit", "simplify")
        return None
    geometry = Polygon(pairs) if ring is not None and len(pairs) >= 3 else Point(pairs[0])
    when = mark.find(f".//{_KML}TimeStamp/{_KML}when")
    begin = mark.find(f".//{_KML}TimeSpan/{_KML}begin")
    acquired = _text(when.text if when is not None else begin.text if begin is not None else None)
    return Footprint(geometry, acquired)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
