"""Build ``data/naturalearth/rivers-10m-corridor.geojson`` and ``lakes-10m-corridor.geojson``:
the rivers and lakes the offline basemap draws where a view is zoomed in (issue 23 item 4).

Natural Earth's 1:10m ``rivers_lake_centerlines`` and ``lakes`` (public domain,
https://www.naturalearthdata.com/) as converted to GeoJSON by martynafford/natural-earth-geojson
(CC0). A zoomed step shows the Kama at Alabuga, the Tumen at the Friendship Bridge, the Volga at
Astrakhan; an overview shows none of them. So, to keep the shipped size modest, we keep:

- only what lies in :data:`BOX`, the corridor of the bundled cases (the box of
  ``borders-10m-corridor.geojson``, which the basemap uses at the same zooms), clipped to it;
- only the geometry and ``name`` (the basemap draws no river names);
- each line simplified with a tolerance of :data:`TOLERANCE_DEGREE` (about 100 m, well under
  what a 1:10m line holds), coordinates rounded to 4 decimals (about 10 m).

Run from the repository root, with the shared Natural Earth files beside the checkout::

    PYTHONPATH=. python scripts/build_rivers.py ../shared/data/naturalearth

This is a maintainer script: the package reads the files it writes, never the source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "naturalearth"
#: The corridor of the bundled cases (west, south, east, north), as for the 1:10m borders.
BOX = (30.0, 38.0, 146.0, 62.0)
TOLERANCE_DEGREE = 0.001


def _rounded(geometry) -> dict:
    import shapely

    rounded = shapely.set_precision(geometry, 1e-4)
    return json.loads(shapely.to_geojson(rounded))


def build(source: Path, layer: str, kinds: tuple[str, ...]) -> dict:
    """The shipped collection of one Natural Earth layer (``ne_10m_<layer>.json`` in ``source``)."""
    from shapely.geometry import box, shape

    window = box(*BOX)
    collection = json.loads((source / f"ne_10m_{layer}.json").read_text(encoding="utf-8"))
    features = []
    for feature in collection["features"]:
        if not feature.get("geometry"):
            continue
        geometry = shape(feature["geometry"])
        if not geometry.intersects(window):
            continue
        piece = geometry.intersection(window).simplify(TOLERANCE_DEGREE, preserve_topology=True)
        if piece.is_empty or piece.geom_type not in kinds:
            continue
        name = " ".join(str(feature["properties"].get("name") or "").split()) or None
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": _rounded(piece)})
    features.sort(key=lambda f: (f["properties"]["name"] or "", json.dumps(f["geometry"])[:200]))
    return {
        "type": "FeatureCollection",
        "description": f"Natural Earth 1:10m {layer}, clipped to {list(BOX)} and simplified "
        f"({TOLERANCE_DEGREE} degree) by scripts/build_rivers.py",
        "attribution": "Made with Natural Earth (public domain), via martynafford/natural-earth-geojson (CC0)",
        "features": features,
    }


def main(source: Path) -> None:
    lines = ("LineString", "MultiLineString")
    polygons = ("Polygon", "MultiPolygon")
    for layer, name, kinds in (
        ("rivers_lake_centerlines", "rivers-10m-corridor", lines),
        ("lakes", "lakes-10m-corridor", polygons),
    ):
        out = OUT / f"{name}.geojson"
        out.write_text(json.dumps(build(source, layer, kinds), separators=(",", ":")) + "\n", encoding="utf-8")
        print(out, out.stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
