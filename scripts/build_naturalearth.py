"""Build the Natural Earth layers shipped in ``data/naturalearth/``.

Natural Earth (https://www.naturalearthdata.com/) is in the public domain. We read the
TopoJSON redistribution in the npm package ``world-atlas`` 2.0.2 (Natural Earth 4.1.0),
decode it, cut polygons that cross the antimeridian (Russia, Fiji) or go round a pole (Antarctica)
at 180°, repair them with ``make_valid``, clip
where a layer is regional, and write GeoJSON rounded to 5 decimals (about 1 m).

Run from the repository root after ``npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz``::

    python scripts/build_naturalearth.py path/to/package

This is a maintainer script: the package reads the files it writes, never the TopoJSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely import make_valid, set_precision
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union

OUT = Path(__file__).resolve().parent.parent / "data" / "naturalearth"

#: Seas the seed legs cross (Sea of Japan, Peter the Great Gulf) get the 1:10m coastline.
DETAIL_BBOX = (120.0, 30.0, 150.0, 55.0)
#: Countries whose 1:10m borders the rail corridor runs along (for the border checks).
CORRIDOR_BBOX = (30.0, 38.0, 146.0, 62.0)
CORRIDOR_COUNTRIES = {"China", "Mongolia", "Kazakhstan", "North Korea", "Russia", "Ukraine"}


def _decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrap_ring(ring):
    """Make a ring's longitudes continuous; close a ring that goes round a pole via the pole."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        lon += 360.0 * round((out[-1][0] - lon) / 360.0)
        out.append((lon, lat))
    if abs(out[-1][0] - out[0][0]) > 180.0:  # encircles a pole (Antarctica)
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def _split_at_antimeridian(polygon):
    """Cut an unwrapped polygon into pieces inside [-180, 180], shifting each back."""
    polygon = make_valid(polygon)
    pieces = []
    for k in (-1, 0, 1):
        window = box(360.0 * k - 180.0, -90.0, 360.0 * k + 180.0, 90.0)
        part = polygon.intersection(window)
        if not part.is_empty:
            pieces.append(translate(part, xoff=-360.0 * k))
    return unary_union(pieces)


def _polygon(arcs, rings):
    rings = [_unwrap_ring(_ring(arcs, r)) for r in rings]
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return None
    shell, holes = rings[0], []
    centre = (min(x for x, _ in shell) + max(x for x, _ in shell)) / 2
    for hole in rings[1:]:
        mid = sum(x for x, _ in hole) / len(hole)
        shift = 360.0 * round((centre - mid) / 360.0)
        holes.append([(x + shift, y) for x, y in hole])
    return _split_at_antimeridian(Polygon(shell, holes))


def _geometry(arcs, geometry):
    kind = geometry.get("type")
    if kind == "Polygon":
        parts = [_polygon(arcs, geometry["arcs"])]
    elif kind == "MultiPolygon":
        parts = [_polygon(arcs, p) for p in geometry["arcs"]]
    else:
        return None
    parts = [p for p in parts if p is not None and not p.is_empty]
    return unary_union(parts) if parts else None


def _clean(geometry, clip=None):
    """Repair, clip and round a polygonal geometry; keep only its polygons."""
    geometry = make_valid(geometry)
    if clip is not None:
        geometry = geometry.intersection(box(*clip))
    geometry = make_valid(set_precision(geometry, 1e-5))
    polygons = []
    for part in getattr(geometry, "geoms", [geometry]):
        if isinstance(part, Polygon) and not part.is_empty:
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part.geoms)
    if not polygons:
        return None
    result = MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]
    assert result.is_valid, "repair failed"
    return result


def _features(topology, name, clip=None, keep=None):
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        props = geometry.get("properties") or {}
        if keep is not None and props.get("name") not in keep:
            continue
        shape = _geometry(arcs, geometry)
        if shape is None:
            continue
        shape = _clean(shape, clip)
        if shape is None:
            continue
        properties = {"name": props.get("name", "land")}
        if "id" in geometry:
            properties["iso_n3"] = geometry["id"]
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(shape)})
    features.sort(key=lambda f: (f["properties"]["name"], f["properties"].get("iso_n3", "")))
    return features


def _borders(topology, clip=None, keep=None):
    """Land borders: the arcs two countries share (an arc used once is coast)."""
    from collections import Counter

    from shapely.geometry import LineString, MultiLineString

    arcs = _decode_arcs(topology)
    used = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        if keep is not None and (geometry.get("properties") or {}).get("name") not in keep:
            continue
        rings = (
            geometry["arcs"] if geometry.get("type") == "Polygon" else [r for p in geometry.get("arcs", []) for r in p]
        )
        for index in {i if i >= 0 else ~i for ring in rings for i in ring}:
            used[index] += 1
    lines = []
    for index, count in sorted(used.items()):
        if count < 2:
            continue
        points = _unwrap_ring(arcs[index]) if len(arcs[index]) > 1 else arcs[index]
        points = [(x - 360.0 * round(points[0][0] / 360.0), y) for x, y in points]
        if len(points) >= 2:
            lines.append(LineString(points))
    shape = MultiLineString(lines)
    if clip is not None:
        shape = shape.intersection(box(*clip))
    shape = set_precision(shape, 1e-5)
    return [{"type": "Feature", "properties": {"name": "land borders"}, "geometry": mapping(shape)}]


def _write(path, features, description):
    collection = {
        "type": "FeatureCollection",
        "description": description,
        "attribution": "Made with Natural Earth (public domain), version 4.1.0, via world-atlas 2.0.2",
        "features": features,
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # Round coordinates to 5 decimals in the text itself: json.dumps prints float noise.
    path.write_text(_round_floats(text), encoding="utf-8")
    print(f"{path.relative_to(OUT.parent.parent)}: {len(features)} features, {path.stat().st_size:,} bytes")


def _round_floats(text):
    import re

    return re.sub(r"-?\d+\.\d{6,}", lambda m: f"{float(m.group()):.5f}".rstrip("0").rstrip("."), text)


def main(package_dir):
    package = Path(package_dir)
    load = lambda name: json.loads((package / name).read_text())
    OUT.mkdir(parents=True, exist_ok=True)
    _write(
        OUT / "land-10m-east-asia.geojson",
        _features(load("land-10m.json"), "land", DETAIL_BBOX),
        f"Natural Earth 1:10m land, clipped to lon/lat box {DETAIL_BBOX}",
    )
    _write(OUT / "land-50m.geojson", _features(load("land-50m.json"), "land"), "Natural Earth 1:50m land, whole world")
    _write(
        OUT / "land-110m.geojson", _features(load("land-110m.json"), "land"), "Natural Earth 1:110m land, whole world"
    )
    _write(
        OUT / "countries-50m.geojson",
        _features(load("countries-50m.json"), "countries"),
        "Natural Earth 1:50m admin-0 countries, whole world",
    )
    _write(
        OUT / "borders-50m.geojson",
        _borders(load("countries-50m.json")),
        "Natural Earth 1:50m land borders between countries (arcs shared by two countries), whole world",
    )
    _write(
        OUT / "borders-10m-corridor.geojson",
        _borders(load("countries-10m.json"), CORRIDOR_BBOX),
        f"Natural Earth 1:10m land borders between countries, clipped to {CORRIDOR_BBOX}",
    )
    _write(
        OUT / "countries-10m-corridor.geojson",
        _features(load("countries-10m.json"), "countries", CORRIDOR_BBOX, CORRIDOR_COUNTRIES),
        f"Natural Earth 1:10m admin-0 countries {sorted(CORRIDOR_COUNTRIES)}, clipped to {CORRIDOR_BBOX}",
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "world-atlas/package")
