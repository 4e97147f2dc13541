"""Build ``data/labels/sea-anchors.json``: where each sea's and ocean's name may go, in its own water.

For every name in ``data/labels/seas.csv``, the Natural Earth 1:10m marine-area polygons of that
name (``geography_marine_polys``, public domain, https://www.naturalearthdata.com/, as converted
to GeoJSON by martynafford/natural-earth-geojson, CC0) less the land routes ships
(``data/naturalearth/land-50m.geojson``), and in that water a few label anchors
(:func:`routes.render.labelanchors.area_anchors`: centres of inscribed circles in Web Mercator,
each with its radius in metres, the largest first):

- a sea: up to :data:`SEA_MOST` anchors, spread over the sea, none under 0.15 of the
  largest's radius;
- an ocean (several polygons: "Pacific Ocean" is Natural Earth's NORTH and SOUTH PACIFIC
  OCEAN): the water cut into 10-degree cells and the largest circle of each cell, when its
  radius is at least :data:`OCEAN_SMALLEST_M`, so a regional map finds one near it (the
  Pacific east of Honshu on a map of the Sea of Japan, not the Sea of Japan itself).

A sea whose point seas.csv places by hand because Natural Earth's polygon is a sliver (the
Korea Strait) has that point as its one anchor, with the room to the nearest land.

A page names a sea only at one of these anchors (``static/labels.js``), never beside it.
Only points and radii are shipped, not the polygons.

Run from the repository root, with the shared Natural Earth files beside the checkout::

    python scripts/build_sea_anchors.py ../shared/data/naturalearth/ne_10m_geography_marine_polys.json

This is a maintainer script: the package reads the file it writes, never the source.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "labels" / "sea-anchors.json"
sys.path.insert(0, str(ROOT))  # this checkout's routes, not an installed one

#: seas.csv names whose Natural Earth polygons carry another name.
POLYGON_NAMES = {
    "Arctic Ocean": ("ARCTIC OCEAN",),
    "Atlantic Ocean": ("NORTH ATLANTIC OCEAN", "SOUTH ATLANTIC OCEAN"),
    "Indian Ocean": ("INDIAN OCEAN",),
    "Pacific Ocean": ("NORTH PACIFIC OCEAN", "SOUTH PACIFIC OCEAN"),
    "Sea of Japan (East Sea)": ("Sea of Japan",),
    "Bay of Campeche": ("Bahía de Campeche",),
}
#: Anchors a sea keeps at most, and the smallest radius (a share of its largest) kept.
SEA_MOST = 8
SEA_SMALLEST_SHARE = 0.15
#: A sea's next anchor lies outside this many times the last one's radius (closer than a
#: country's: a sea crossed by the route needs room between the legs).
SEA_SPACING = 1.4
#: An ocean's water is cut into cells this many degrees a side, one anchor a cell.
OCEAN_CELL_DEGREE = 10
#: An ocean's anchor needs at least this much room (radius, Web Mercator metres).
OCEAN_SMALLEST_M = 150_000


def _polygons(source: Path) -> dict[str, list]:
    import shapely

    collection = json.loads(source.read_text(encoding="utf-8"))
    by_name: dict[str, list] = {}
    for feature in collection["features"]:
        name = " ".join((feature["properties"].get("name") or "").split())
        if name:
            by_name.setdefault(name, []).append(shapely.geometry.shape(feature["geometry"]))
    return by_name


def _ocean_anchors(water) -> list[list[float]]:
    import shapely

    from routes.render.labelanchors import area_anchors

    west, south, east, north = water.bounds
    anchors = []
    step = OCEAN_CELL_DEGREE
    for lon in range(int(west // step) * step, int(east) + step, step):
        for lat in range(int(south // step) * step, int(north) + step, step):
            cell = water.intersection(shapely.box(lon, lat, lon + step, lat + step))
            if not cell.is_empty:
                anchors += area_anchors(cell, most=1, smallest_m=OCEAN_SMALLEST_M)
    return sorted(anchors, key=lambda a: (-a[2], a[0], a[1]))


def _hand_placed(row: dict, land) -> list[float]:
    """The one anchor of a sea whose point seas.csv places by hand: that point, with the room
    to the nearest land (Web Mercator metres)."""
    import shapely

    from routes.render.labelanchors import to_mercator

    point = shapely.Point(float(row["lon"]), float(row["lat"]))
    near = land.intersection(point.buffer(5.0))
    room = to_mercator(point).distance(to_mercator(near)) if not near.is_empty else 500_000.0
    return [float(row["lon"]), float(row["lat"]), float(round(room))]


def build(source: Path) -> dict:
    import shapely

    from routes.load.naturalearth import load_geometry
    from routes.render.labelanchors import area_anchors

    polygons = _polygons(source)
    land = load_geometry("land-50m")
    with (ROOT / "data" / "labels" / "seas.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    anchors: dict[str, list] = {}
    for row in rows:
        name = row["name"]
        if name in anchors:
            continue
        if row["kind"] == "sea" and row["source"].startswith("placed by hand"):
            anchors[name] = [_hand_placed(row, land)]  # Natural Earth's polygon is a sliver
            continue
        parts = [p for n in POLYGON_NAMES.get(name, (name,)) for p in polygons.get(n, [])]
        if not parts:
            raise SystemExit(f"{name!r}: no Natural Earth polygon of that name; add it to POLYGON_NAMES")
        water = shapely.make_valid(shapely.union_all(parts)).difference(land)
        if row["kind"] == "ocean":
            anchors[name] = _ocean_anchors(water)
        else:
            anchors[name] = area_anchors(water, most=SEA_MOST, smallest_share=SEA_SMALLEST_SHARE, spacing=SEA_SPACING)
    return anchors


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    anchors = build(Path(argv[0]))
    header = {
        "description": "Label anchors [lon, lat, radius_m (Web Mercator)] in each sea's own water, largest first; "
        "made by scripts/build_sea_anchors.py",
        "attribution": "Made with Natural Earth (public domain): 1:10m geography_marine_polys less land-50m",
    }
    lines = [json.dumps(header, ensure_ascii=False)[:-1] + ', "seas": {']
    names = sorted(anchors)
    lines += [
        json.dumps(name, ensure_ascii=False) + ": " + json.dumps(anchors[name]) + ("," if i < len(names) - 1 else "")
        for i, name in enumerate(names)
    ]
    text = "\n".join(lines) + "\n}}\n"
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(names)} seas, {sum(map(len, anchors.values()))} anchors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
