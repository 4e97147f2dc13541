"""Node records from the gazetteer's candidates: :func:`node_feature` makes one, :func:`add_node`
appends it to a node file (see :mod:`routes.load.nodes`)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from routes.errors import Problems
from routes.gazetteer.index import place_key
from routes.gazetteer.search import Place


def slugify(name: str) -> str:
    """A node id from a place name: ASCII letters and digits joined by '-' ('' if none).

    >>> slugify("Bandar-e Anzalī"), slugify("Елабуга")
    ('bandar-e-anzali', '')
    """
    text = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower().encode("ascii", "ignore").decode()).strip("-")


# --- node records ------------------------------------------------------------------------------

#: The node kind each kind of candidate is; any other kind it stands in for only roughly.
_EXACT_KIND = {"city": "city", "port": "port", "site": "site"}


def node_feature(
    place: Place,
    *,
    node_id: str | None = None,
    kind: str | None = None,
    query: str | None = None,
    note: str | None = None,
) -> dict:
    """A node record (a GeoJSON Feature, see :mod:`routes.load.nodes`) for ``place``.

    ``kind`` is the node's kind (default: ``port`` for a port, ``city`` for a town, ``site`` for
    a sea, strait or anchorage). The coordinate's confidence is ``medium`` (one good source)
    when the record is what the node is, and ``low`` when a town centre stands in for a port or
    a station, or a port for something else, and for every site (an area, of which the point is
    one place inside); the ``note`` then says so. ``query`` (the name the user typed) becomes an
    alias when it is spelled differently from the place's name.

    >>> from routes.gazetteer.places import Place
    >>> town = Place("Yelabuga", "city", 52.04425, 55.76232, "RU", "GeoNames", "GeoNames 468082", population=72643)
    >>> props = node_feature(town, kind="station")["properties"]
    >>> props["id"], props["coord_confidence"], props["note"].split(":")[0]
    ('yelabuga', 'low', 'Town centre (GeoNames 468082), not the station')
    """
    from routes.model.records import check_slug
    from routes.model.vocabulary import NodeKind

    if place.node is not None:
        return _bundled_feature(place, place.node, node_id=node_id, kind=kind, note=note)
    kind = str(NodeKind.parse(kind)) if kind is not None else _EXACT_KIND[place.kind]
    if node_id is None:
        node_id = slugify(place.name) or slugify(query or "")
        if not node_id:
            raise ValueError(f"no id can be made from {place.name!r} (no ASCII letters); give one, e.g. 'my-port'")
    check_slug(node_id)
    if place.country is None:
        where = " (it lies beyond or between countries' waters)" if place.kind == "site" else ""
        raise ValueError(
            f"{place.record} has no country{where}; pick another candidate or write the node by hand "
            "with the country you mean"
        )
    exact = _EXACT_KIND[place.kind] == kind and place.kind != "site"
    remarks = []
    if place.kind == "site":
        remarks.append(
            f"A point inside the {place.what or 'area'} '{place.name}' ({place.record}): an area, not a point; "
            "replace it with the position you know (e.g. of the transfer or the anchorage berth)."
        )
    elif not exact:
        what = "Town centre" if place.kind == "city" else "Port position"
        remarks.append(
            f"{what} ({place.record}), not the {kind}: replace it with the {kind}'s own position when you know it."
        )
    remarks.append(note or "From the gazetteer ('routes place'); check the position.")
    aliases = [query.strip()] if query and place_key(query) != place_key(place.name) and query.strip() else []
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "id": node_id,
            "name": place.name,
            "aliases": aliases,
            "kind": kind,
            "country": place.country,
            "coord_confidence": "medium" if exact else "low",
            "coord_source": place.coord_source,
            "note": " ".join(remarks),
        },
    }


def _bundled_feature(place: Place, node: dict, *, node_id: str | None, kind: str | None, note: str | None) -> dict:
    """A copy of a bundled node: its own source, confidence and note, unless it stands in for
    another kind of node (then confidence ``low``, and the note says so). ``node`` is the
    place's bundled node properties."""
    from routes.model.records import check_slug
    from routes.model.vocabulary import NodeKind

    props = {key: value for key, value in node.items() if value is not None}
    props["id"] = check_slug(node_id if node_id is not None else node["id"])
    copied = f"Copied from routes' bundled node '{node['id']}' (data/ports.geojson)."
    if kind is not None and str(NodeKind.parse(kind)) != node["kind"]:
        props["kind"], props["coord_confidence"] = str(NodeKind.parse(kind)), "low"
        copied = (
            f"Position of routes' bundled node '{node['id']}' (a {node['kind']}), not the "
            f"{props['kind']}: replace it with the {props['kind']}'s own position when you know it."
        )
    props["note"] = " ".join(part for part in (copied, note, node.get("note")) if part)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": props,
    }


def add_node(path: str | Path, feature: dict) -> Path:
    """Append a node record to a node file (created if missing), checked and written atomically.

    Raises
    ------
    routes.ValidationError
        For a node whose id is already in the file, or a file that would not load as a node file
        (the file is then left as it was).
    """
    from routes.load.files import display_name, read_json
    from routes.load.nodes import parse_nodes
    from routes.outputs.export import write_atomic

    path = Path(path)
    file = display_name(path)
    data = read_json(path) if path.exists() else {"type": "FeatureCollection", "features": []}
    problems = Problems(file)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(features, list):
        problems.add(
            "", "features", "is not a node file (no 'features' list)", "give a node GeoJSON file or a new file name"
        )
        problems.raise_all()
    node_id = feature["properties"]["id"]
    for number, other in enumerate(features):
        props = other.get("properties") if isinstance(other, dict) else None
        if isinstance(props, dict) and props.get("id") == node_id:
            problems.add(
                f"feature {number} '{node_id}'",
                "id",
                f"node '{node_id}' is already in the file",
                "give the new node another id with --id, or remove the old one",
            )
    problems.raise_if_any()
    data = {**data, "features": [*features, feature]}
    parse_nodes(data, file)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return write_atomic(path, text.encode("utf-8"), replaces_input=True)
