"""Nodes: ports, stations, junctions, border crossings and depots, read from GeoJSON.

A node file is an RFC 7946 FeatureCollection of Points in WGS84 ``[lon, lat]``. Every node
says where its coordinate comes from and how confident it is. The schema of the
properties, and of the GeoDataFrame :func:`load_nodes` returns (one row per node, sorted by id,
EPSG:4326):

===================  ======================================================================
``id``               slug, unique (``najin``, ``tikhoretsk-depot``)
``name``             display name
``aliases``          list of other names; unique across all nodes (case- and NFC-insensitive)
``local_names``      mapping of language code to name in local script (``{"ru": "Дунай"}``)
``kind``             :class:`~routes.model.vocabulary.NodeKind`
``country``          ISO 3166-1 alpha-2 code
``coord_confidence`` :class:`~routes.model.vocabulary.Confidence` of the coordinate
``coord_source``     where the coordinate comes from
``note``             optional remark
===================  ======================================================================
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from routes.errors import Problems
from routes.load.files import display_name, read_json
from routes.model.fields import Fields, bad_character, normalise_text, quote
from routes.model.vocabulary import Confidence, NodeKind

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

NODE_FIELDS = ("id", "name", "aliases", "local_names", "kind", "country", "coord_confidence", "coord_source", "note")
NODE_COLUMNS = NODE_FIELDS + ("geometry",)
_WGS84_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:ogc::crs84",
    "epsg:4326",
    "urn:ogc:def:crs:epsg::4326",
    "crs84",
    "ogc:crs84",
}


def name_key(name: str) -> str:
    """The key names are matched by: NFC-normalised, case-folded, spaces collapsed."""
    return re.sub(r"\s+", " ", normalise_text(name)).casefold()


def check_lon_lat(problems: Problems, record: str, field: str, position: object) -> tuple[float, float] | None:
    """Check one ``[lon, lat]`` position; return it or None after recording a problem."""
    if not isinstance(position, list) or len(position) not in (2, 3):
        problems.add(
            record, field, f"{quote(position)} is not a [lon, lat] position", "write [lon, lat] in decimal degrees"
        )
        return None
    lon, lat = position[0], position[1]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position):
        problems.add(
            record, field, f"{quote(position)} holds a value that is not a number", "write [lon, lat] as numbers"
        )
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        problems.add(record, field, f"{quote(position)} is not finite", "give real coordinates")
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        fix = "give [lon, lat] in decimal degrees"
        if -90 <= lon <= 90 and -180 <= lat <= 180:
            fix = f"longitude and latitude look swapped; GeoJSON order is [lon, lat]: write [{lat}, {lon}]"
        what = "latitude" if not -90 <= lat <= 90 else "longitude"
        limit = "±90" if what == "latitude" else "±180"
        problems.add(record, field, f"{what} out of range in {quote(position)} (must be within {limit})", fix)
        return None
    return float(lon), float(lat)


def check_crs(problems: Problems, collection: dict) -> None:
    """Refuse a GeoJSON ``crs`` member that is not WGS84 longitude/latitude."""
    crs = collection.get("crs")
    if crs is None:
        return
    name = (
        crs.get("properties", {}).get("name")
        if isinstance(crs, dict) and isinstance(crs.get("properties"), dict)
        else None
    )
    if not isinstance(name, str) or name.strip().lower() not in _WGS84_NAMES:
        problems.add(
            "",
            "crs",
            f"coordinate reference system {quote(name or crs)} is not WGS84 longitude/latitude",
            "reproject the file to WGS84 (e.g. ogr2ogr -t_srs EPSG:4326) and remove the 'crs' member",
        )


def features_of(problems: Problems, data: object) -> list:
    """The features of a parsed GeoJSON FeatureCollection, after checking its shape and CRS."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problems.add(
            "",
            "type",
            "is not a GeoJSON FeatureCollection",
            'the top level must be {"type": "FeatureCollection", "features": [...]}',
        )
        return []
    features = data.get("features")
    if not isinstance(features, list):
        problems.add("", "features", "is missing or not a list", "add a 'features' list")
        return []
    if not features:
        problems.add("", "features", "is empty", "add at least one node")
    check_crs(problems, data)
    return features


def parse_nodes(data: object, file: str, warnings: list[str] | None = None) -> list[dict]:
    """Check the parsed JSON of a node file; return one dict per node (without geometry objects).
    What is worth a warning (hidden characters in a name) goes to ``warnings`` when given."""
    problems = Problems(file)
    rows: list[dict] = []
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for number, feature in enumerate(features_of(problems, data)):
        record = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add(
                record,
                "type",
                "is not a GeoJSON Feature",
                'write {"type": "Feature", "geometry": ..., "properties": ...}',
            )
            continue
        props = feature.get("properties")
        if not isinstance(props, dict):
            problems.add(record, "properties", "missing or not an object", "add the node's properties")
            continue
        if isinstance(props.get("id"), str):
            record = f"feature {number} '{props['id']}'"
        fields = Fields(problems, record, props, NODE_FIELDS)
        row = {
            "id": fields.slug("id"),
            "name": fields.text("name"),
            "aliases": fields.text_list("aliases"),
            "kind": fields.choice("kind", NodeKind),
            "country": fields.text("country"),
            "coord_confidence": fields.choice("coord_confidence", Confidence),
            "coord_source": fields.text("coord_source"),
            "note": fields.text("note", required=False),
        }
        local = fields.table("local_names") or {}
        row["local_names"] = {}
        for lang, local_name in local.items():
            if isinstance(local_name, str) and bad_character(local_name + str(lang)):
                fields.add(
                    "local_names",
                    f"{lang!r} holds the control or invalid character {bad_character(local_name + str(lang))}",
                    "remove it",
                )
            elif isinstance(local_name, str) and normalise_text(local_name):
                fields.warn_hidden("local_names", local_name)
                row["local_names"][str(lang)] = normalise_text(local_name)
            else:
                fields.add("local_names", f"{lang!r} is {quote(local_name)}, not a name", "give the name as text")
        if row["country"] is not None and not re.fullmatch(r"[A-Z]{2}", row["country"]):
            fields.add(
                "country",
                f"{quote(row['country'])} is not an ISO 3166-1 alpha-2 code",
                "use two capital letters, e.g. 'RU', 'KP'",
            )
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            problems.add(record, "geometry", "missing or null", 'give {"type": "Point", "coordinates": [lon, lat]}')
        elif geometry.get("type") != "Point":
            problems.add(
                record,
                "geometry",
                f"type {quote(geometry.get('type'))} is not Point",
                "a node is one Point; put lines in a network file",
            )
        elif geometry.get("coordinates") in (None, []):
            problems.add(record, "geometry", "is empty", "give the node's [lon, lat]")
        else:
            row["lon_lat"] = check_lon_lat(problems, record, "geometry", geometry.get("coordinates"))
        node_id = row["id"]
        if node_id is not None:
            if node_id in seen_ids:
                problems.add(
                    record, "id", f"duplicate id '{node_id}' (also {seen_ids[node_id]})", "give each node its own id"
                )
            seen_ids.setdefault(node_id, record)
        me = node_id or record
        for label in {name_key(n): n for n in [row["name"], *row["aliases"]] if n}.values():
            key = name_key(label)
            owner = seen_names.setdefault(key, me)
            if owner != me:
                problems.add(
                    record,
                    "aliases",
                    f"name {label!r} is already used by node '{owner}'",
                    "names and aliases must point to one node; remove it from one of them",
                )
        rows.append(row)
    problems.raise_if_any()
    if warnings is not None:
        warnings.extend(str(w) for w in problems.warnings)
    return rows


def load_nodes(path: str | Path) -> geopandas.GeoDataFrame:
    """Load and validate a node file.

    Parameters
    ----------
    path
        A GeoJSON FeatureCollection of Points (see the module docstring for the properties).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per node, sorted by ``id``, in EPSG:4326.

    Raises
    ------
    routes.ValidationError
        Listing every problem of the file.

    Examples
    --------
    >>> from routes import bundled_path
    >>> nodes = load_nodes(bundled_path("ports.geojson"))
    >>> nodes.set_index("id").loc["najin", "name"]
    'Najin (Rajin) port'
    """
    path = Path(path)
    rows = parse_nodes(read_json(path), display_name(path))
    return nodes_frame(rows)


def nodes_frame(rows: list[dict]) -> geopandas.GeoDataFrame:
    """Build the nodes GeoDataFrame from checked rows."""
    import geopandas
    import pandas
    from shapely.geometry import Point

    rows = sorted(rows, key=lambda r: r["id"])
    # object dtype keeps None as None (a str dtype would turn a missing note into NaN).
    return geopandas.GeoDataFrame(
        {column: pandas.Series([r[column] for r in rows], dtype=object) for column in NODE_FIELDS},
        geometry=[Point(r["lon_lat"]) for r in rows],
        crs="EPSG:4326",
    )
