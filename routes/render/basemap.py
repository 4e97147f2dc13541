"""The offline vector basemap: land, sea and land borders from the shipped Natural Earth data.

For a map window, :func:`basemap_levels` clips and simplifies the polygons at three levels of
detail (overview, regional, detail), each for a range of zoom levels, and encodes them
compactly in the pages' one encoding (:mod:`routes.model.encoding`: quantised ``[lon, lat]``
deltas as base64 varints). The page's script draws the level that fits the zoom. No folium here, and no network anywhere.
The result depends only on the bounds and the shipped data, so it is kept in the user cache
directory and cut once per extent (:func:`basemap_levels`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from routes.load.naturalearth import ATTRIBUTION, load_geometry
from routes.model.encoding import delta_ints, varint_text

#: Colours of the offline basemap: light and print-friendly.
COLOURS = {"sea": "#dfe9f0", "land": "#f6f4ee", "border": "#8c8c8c", "coast": "#b9c3c9", "river": "#9dbdd3"}

_DETAIL_BOX = (120.0, 30.0, 150.0, 55.0)  # where land-10m-east-asia exists
_CORRIDOR_BOX = (30.0, 38.0, 146.0, 62.0)  # where borders-10m-corridor exists


@dataclass(frozen=True)
class Level:
    """One level of detail of the basemap."""

    name: str
    min_zoom: int
    max_zoom: int
    tolerance_degree: float
    quantum_degree: float
    pad_degree: float


LEVELS = (
    Level("overview", 0, 4, 0.05, 0.01, 60.0),
    Level("regional", 5, 6, 0.01, 0.001, 12.0),
    Level("detail", 7, 19, 0.0008, 0.0001, 4.0),
)


def _window(bounds: tuple[float, float, float, float], pad: float, lat_pad: float | None = None):
    from shapely.geometry import box

    west, south, east, north = bounds
    lat_pad = pad / 2 if lat_pad is None else lat_pad
    return box(west - pad, max(-85.0, south - lat_pad), east + pad, min(85.0, north + lat_pad))


def _shifted(geometry, window):
    """``geometry`` (longitudes in [-180, 180]) cut to a window that may reach past 180°,
    as a list of pieces (no union: the pieces of the copies do not overlap)."""
    from shapely.affinity import translate

    west, _, east, _ = window.bounds
    parts = []
    for turns in (-1, 0, 1):
        shift = 360.0 * turns
        if east >= shift - 180.0 and west <= shift + 180.0:
            moved = translate(geometry, xoff=shift) if turns else geometry
            part = moved.intersection(window)
            if not part.is_empty:
                parts.append(part)
    return parts


def _with_detail(coarse: str, fine: str, fine_box: tuple, window) -> list:
    """Pieces of a ``coarse`` layer, replaced by the ``fine`` layer inside ``fine_box``."""
    from shapely.geometry import box

    detail_box = box(*fine_box)
    inside = window.intersection(detail_box)
    detail = _shifted(load_geometry(fine), inside) if not inside.is_empty else []
    outside = _shifted(load_geometry(coarse), window)
    if detail:
        outside = [piece.difference(detail_box) for piece in outside]
    return [piece for piece in outside + detail if not piece.is_empty]


def _land(level: Level, window) -> list:
    """Land pieces for a level: 1:10m inside its box at the detail level, coarser elsewhere."""
    if level.name == "overview":
        return _shifted(load_geometry("land-110m"), window)
    if level.name == "regional":
        return _shifted(load_geometry("land-50m"), window)
    return _with_detail("land-50m", "land-10m-east-asia", _DETAIL_BOX, window)


def _borders(level: Level, window) -> list:
    """Border pieces for a level: 1:10m in the corridor box at the detail level."""
    if level.name != "detail":
        return _shifted(load_geometry("borders-50m"), window)
    return _with_detail("borders-50m", "borders-10m-corridor", _CORRIDOR_BOX, window)


def _water(level: Level, window) -> tuple[list, list]:
    """Rivers (lines) and lakes (polygons) of a level: 1:10m in the corridor box, at the detail
    level only (a zoomed step: the Kama at Alabuga, the Tumen at the Friendship Bridge)."""
    if level.name != "detail":
        return [], []
    inside = window.intersection(_box(_CORRIDOR_BOX))
    if inside.is_empty:
        return [], []
    rivers = [
        piece.simplify(level.tolerance_degree) for piece in _shifted(load_geometry("rivers-10m-corridor"), inside)
    ]
    lakes = [
        piece.simplify(level.tolerance_degree, preserve_topology=True)
        for piece in _shifted(load_geometry("lakes-10m-corridor"), inside)
    ]
    return rivers, lakes


def _box(bounds: tuple):
    from shapely.geometry import box

    return box(*bounds)


def _polygons(geometry) -> list:
    if geometry is None or geometry.is_empty:
        return []
    return [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon" and not g.is_empty]


def _lines(geometry) -> list:
    if geometry is None or geometry.is_empty:
        return []
    found = []
    for g in getattr(geometry, "geoms", [geometry]):
        if g.geom_type == "LineString":
            found.append(g)
        elif g.geom_type == "MultiLineString":
            found.extend(g.geoms)
    return found


#: How many maps' basemaps the user cache keeps (a wide map's take 1-2 MB).
CACHE_KEEP = 64
_SOURCES = (
    "land-110m",
    "land-50m",
    "land-10m-east-asia",
    "borders-50m",
    "borders-10m-corridor",
    "rivers-10m-corridor",
    "lakes-10m-corridor",
)


@functools.cache
def _cache_key_base() -> dict:
    """What every basemap depends on besides its bounds: the Natural Earth files, the code
    that cuts and encodes them (this module, :mod:`routes.model.encoding`, :mod:`routes.load.naturalearth`)
    and the GEOS that does the geometry."""
    from pathlib import Path

    import shapely

    from routes.load import naturalearth
    from routes.load.bundled import bundled_path
    from routes.load.cache import digest
    from routes.model import encoding

    return {
        "sources": {name: digest(bundled_path("naturalearth", f"{name}.geojson").read_bytes()) for name in _SOURCES},
        "code": digest(*(Path(module).read_bytes() for module in (__file__, encoding.__file__, naturalearth.__file__))),
        "geos": shapely.geos_version_string,
    }


def basemap_levels(bounds: tuple[float, float, float, float]) -> dict:
    """The encoded basemap for a map whose content spans ``bounds`` (west, south, east, north;
    longitudes may run past 180°).

    Returns a JSON-able dict: colours, attribution, and per level its zoom range, quantum,
    land polygons (lists of encoded rings) and border lines (encoded lines). Cutting the
    land to a window and joining the levels' seams takes a second or more for a wide map,
    and depends only on the bounds and the shipped data: it is done once per extent and
    kept in the user cache directory (:mod:`routes.load.cache`, the last :data:`CACHE_KEEP`).
    """
    from routes.load.cache import cached

    west, south, east, north = (float(v) for v in bounds)
    key = {"bounds": [west, south, east, north], **_cache_key_base()}
    return cached("basemap", key, lambda: compute_levels((west, south, east, north)), keep=CACHE_KEEP)


def _encoded_polygons(pieces: list, quantum: float, minimum_area: float) -> list:
    polygons = []
    for piece in pieces:
        for p in _polygons(piece):
            rings = [delta_ints(list(r.coords), quantum) for r in (p.exterior, *p.interiors) if len(r.coords) >= 4]
            if p.area >= minimum_area and rings and len(rings[0]) >= 6:  # three points or more
                polygons.append([varint_text(r) for r in rings])
    return polygons


def _encoded_lines(pieces: list, quantum: float) -> list:
    lines = [delta_ints(list(line.coords), quantum) for piece in pieces for line in _lines(piece)]
    return [varint_text(line) for line in lines if len(line) >= 4]


def compute_levels(bounds: tuple[float, float, float, float]) -> dict:
    """:func:`basemap_levels` without the cache."""
    import shapely

    levels = []
    overview = LEVELS[0]
    # The overview reaches as far north and south as east and west: a route fitted beside
    # tall panels (a story's step) is drawn at a low zoom that shows much more latitude.
    wide = _window(bounds, overview.pad_degree, overview.pad_degree)
    for level in LEVELS:
        window = wide if level is overview else _window(bounds, level.pad_degree)
        minimum_area = (level.quantum_degree * 4) ** 2
        land = [piece.simplify(level.tolerance_degree, preserve_topology=True) for piece in _land(level, window)]
        borders = [piece.simplify(level.tolerance_degree) for piece in _borders(level, window)]
        if level is not overview:
            # Around a finer level's window, the overview's land and borders, so that a wide
            # or tall page (a 16:9 slide of a north-south route) shows no empty sea at its sides.
            surround = wide.difference(window)
            outer = [
                piece.simplify(overview.tolerance_degree, preserve_topology=True) for piece in _land(overview, surround)
            ]
            # One union, so that no coastline is stroked along the seam between the two.
            land = [shapely.union_all(land + outer, grid_size=level.quantum_degree)]
            borders += [piece.simplify(overview.tolerance_degree) for piece in _borders(overview, surround)]
        polygons = _encoded_polygons(land, level.quantum_degree, minimum_area)
        lines = [delta_ints(list(line.coords), level.quantum_degree) for piece in borders for line in _lines(piece)]
        entry = {
            "name": level.name,
            "min_zoom": level.min_zoom,
            "max_zoom": level.max_zoom,
            "quantum": level.quantum_degree,
            "land": polygons,
            "borders": [varint_text(line) for line in lines if len(line) >= 4],
        }
        rivers, lakes = _water(level, window)
        if rivers or lakes:
            entry["rivers"] = _encoded_lines(rivers, level.quantum_degree)
            entry["lakes"] = _encoded_polygons(lakes, level.quantum_degree, minimum_area)
        levels.append(entry)
    return {"colours": COLOURS, "attribution": ATTRIBUTION, "levels": levels}
