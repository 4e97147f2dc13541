"""How much of a line lies over land, or over open water, measured along its geodesics.

Land is Natural Earth's, as routes ships it: 1:10m where the shipped 1:10m layer covers the
line (``land-10m-east-asia``, lon 120–150, lat 30–55, :data:`DETAIL_BOX`) and 1:50m
everywhere else. A line is densified along geodesics (steps of at most :data:`STEP_KM`),
cut where it crosses 180° (longitudes beyond ±180, as in an unwrapped line, are fine) and
intersected exactly with the land polygons, which are cut at load into pieces of at most a
few hundred vertices and found through an STRtree. Positions along the line are geodesic
km from its first point.

>>> crossing = land_stretches([(50.0, 41.2), (50.2, 39.8)])  # across the Absheron peninsula
>>> [round(s.km) for s in crossing], crossing[0].where()
([25], '50.1 E 40.4 N')
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from routes.geo.geodesy import GEOD, LonLat

#: Where the 1:10m land is used (west, south, east, north); 1:50m land elsewhere.
DETAIL_BOX = (120.0, 30.0, 150.0, 55.0)
#: Largest step of the densified line, in km: between two of its points the straight line in
#: longitude and latitude stays within a metre of the geodesic.
STEP_KM = 2.0
_PIECE_VERTICES = 256  # land pieces are cut until they have at most this many vertices
_CHUNK_SEGMENTS = 64  # a line is queried in chunks of this many segments
_JOIN_KM = 1e-6  # intervals closer than this are one stretch (pieces meet at their cuts)

Interval = tuple[float, float]


@dataclass(frozen=True)
class Stretch:
    """A stretch of a line between two positions along it, in km from its first point.

    ``lon``, ``lat`` is the point halfway along the stretch (longitude in [-180, 180]), for a
    message such as "crosses 66 km of land near 49.9 E 40.4 N".
    """

    start_km: float
    end_km: float
    lon: float
    lat: float

    def __post_init__(self):
        if not self.start_km <= self.end_km:
            raise ValueError(f"stretch ends at {self.end_km} km, before its start at {self.start_km} km")

    @property
    def km(self) -> float:
        """Length of the stretch along the line, in km."""
        return self.end_km - self.start_km

    def where(self) -> str:
        """The representative point as text, e.g. ``'49.9 E 40.4 N'``."""
        return (
            f"{abs(self.lon):.1f} {'E' if self.lon >= 0 else 'W'} {abs(self.lat):.1f} {'N' if self.lat >= 0 else 'S'}"
        )


def land_stretches(
    coords: Sequence[LonLat], *, skip_ends_km: float = 0.0, excluding: Iterable[Interval] = ()
) -> list[Stretch]:
    """The stretches of a line that lie over land, in order along the line.

    Parameters
    ----------
    coords
        ``(lon, lat)`` points joined by geodesics; longitudes may be unwrapped (179.5, 180.4).
    skip_ends_km
        Land within this distance of either end, along the line, is not counted (a port's
        approach: a port stands on the coast, often inside the 1:50m land).
    excluding
        ``(start_km, end_km)`` positions along the line not to count either (a canal, which
        the 1:50m land does not open).
    """
    line = _Line(coords)
    return line.stretches(line.land(), skip_ends_km, excluding)


def water_stretches(
    coords: Sequence[LonLat], *, skip_ends_km: float = 0.0, excluding: Iterable[Interval] = ()
) -> list[Stretch]:
    """The stretches of a line that should stay on land (rail, road) but lie outside the land
    polygons: open sea, a strait, the Caspian. Options as in :func:`land_stretches`; inland
    lakes and rivers are land in Natural Earth's polygons and are never reported."""
    line = _Line(coords)
    return line.stretches(_subtract([(0.0, line.total_km)], line.land()), skip_ends_km, excluding)


def segment_stretches(
    starts: Sequence[LonLat], ends: Sequence[LonLat], *, skip_start_km: float = 0.0
) -> list[list[Stretch]]:
    """:func:`land_stretches` of many geodesic segments ``starts[i] -> ends[i]`` at once, not
    counting the first ``skip_start_km`` of each: one fast screen of them all (densified to
    10 km, against the land pieces' tree), then the exact measure of those that touch land."""
    import numpy as np
    import shapely

    if not len(starts):
        return []
    a, b = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    azimuth, _, metres = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    km = metres / 1000.0
    skip = np.minimum(skip_start_km, km)
    steps = np.maximum(1, np.ceil((km - skip) / 10.0)).astype(int)
    owner = np.repeat(np.arange(len(km)), steps + 1)
    fraction = np.concatenate([np.arange(n + 1) / n for n in steps])
    along = skip[owner] + fraction * (km - skip)[owner]
    lon, lat, _ = GEOD.fwd(a[owner, 0], a[owner, 1], azimuth[owner], along * 1000.0)
    first = lon[np.concatenate([[0], np.cumsum(steps + 1)[:-1]])][owner]
    lon = first + (lon - first + 180.0) % 360.0 - 180.0
    crossing = np.zeros(len(km), dtype=bool)
    np.logical_or.at(crossing, owner, np.abs(lon) > 180.0)
    lines = shapely.linestrings(np.column_stack([lon, lat]), indices=owner)
    touching = set(_land().tree.query(lines, predicate="intersects")[0].tolist()) | set(
        np.flatnonzero(crossing).tolist()
    )
    excluding = [(0.0, skip_start_km)] if skip_start_km > 0 else []
    return [
        land_stretches([tuple(a[i]), tuple(b[i])], excluding=excluding)
        if i in touching and km[i] > skip_start_km
        else []
        for i in range(len(km))
    ]


def total_km(stretches: Iterable[Stretch]) -> float:
    """The summed length of stretches, in km."""
    return sum(s.km for s in stretches)


def longest_km(stretches: Iterable[Stretch]) -> float:
    """The length of the longest stretch, in km (0 for none)."""
    return max((s.km for s in stretches), default=0.0)


def on_land(points: Sequence[LonLat]) -> list[bool]:
    """Whether each ``(lon, lat)`` point lies on land (any longitude; on a coast counts as land)."""
    import numpy as np
    import shapely

    if not len(points):
        return []
    xy = np.asarray(points, dtype=float)
    xy[:, 0] = (xy[:, 0] + 180.0) % 360.0 - 180.0
    hits = _land().tree.query(shapely.points(xy), predicate="intersects")
    inside = np.zeros(len(xy), dtype=bool)
    inside[hits[0]] = True
    return inside.tolist()


def land_cells(lons, lats, half_width: float, half_height: float):
    """For cells of a grid (centres ``lons``, ``lats``, half sizes in degrees; numpy arrays):
    whether each centre is on land, and whether each cell touches land. Two boolean arrays."""
    import numpy as np
    import shapely

    lons = (np.asarray(lons, dtype=float) + 180.0) % 360.0 - 180.0
    lats = np.asarray(lats, dtype=float)
    cells = shapely.box(lons - half_width, lats - half_height, lons + half_width, lats + half_height)
    land = _land()
    if lons.max() - lons.min() > 180.0:  # the grid crosses 180°: ask the tree cell by cell
        centre, touching = np.zeros(len(lons), dtype=bool), np.zeros(len(lons), dtype=bool)
        centre[land.tree.query(shapely.points(lons, lats), predicate="intersects")[0]] = True
        touching[land.tree.query(cells, predicate="intersects")[0]] = True
        return centre, touching
    area = shapely.box(
        lons.min() - half_width, lats.min() - half_height, lons.max() + half_width, lats.max() + half_height
    )
    local = shapely.multipolygons(land.pieces[land.tree.query(area, predicate="intersects")])
    shapely.prepare(local)
    return shapely.contains_xy(local, lons, lats) | shapely.touches(
        local, shapely.points(lons, lats)
    ), shapely.intersects(local, cells)


class _Land:
    """The land polygons in small pieces, with an STRtree over them."""

    def __init__(self):
        import shapely
        from shapely.geometry import box

        from routes.load.naturalearth import load_geometry

        detail_box = box(*DETAIL_BOX)
        pieces = []
        for part in _parts(load_geometry("land-50m")):
            if part.intersects(detail_box):
                part = part.difference(detail_box)
            pieces.extend(_subdivide(part))
        for part in _parts(load_geometry("land-10m-east-asia")):
            pieces.extend(_subdivide(part))
        pieces = [p if p.is_valid else shapely.make_valid(p) for p in pieces]
        self.pieces = shapely.get_parts(shapely.get_parts(pieces))  # make_valid may return collections
        self.pieces = self.pieces[shapely.get_type_id(self.pieces) == 3]  # polygons only
        shapely.prepare(self.pieces)
        self.tree = shapely.STRtree(self.pieces)


@functools.cache
def _land() -> _Land:
    return _Land()


def _parts(geometry) -> list:
    return list(getattr(geometry, "geoms", [geometry]))


def _subdivide(polygon) -> list:
    """Cut a polygon in halves across its longer side until each piece is small."""
    import shapely

    if polygon.is_empty:
        return []
    if shapely.get_num_coordinates(polygon) <= _PIECE_VERTICES:
        return [polygon]
    west, south, east, north = polygon.bounds
    if east - west >= north - south:
        middle = (west + east) / 2.0
        halves = ((west, south, middle, north), (middle, south, east, north))
    else:
        middle = (south + north) / 2.0
        halves = ((west, south, east, middle), (west, middle, east, north))
    result = []
    for half in halves:
        for part in _parts(shapely.clip_by_rect(polygon, *half)):
            if part.geom_type == "Polygon":
                result.extend(_subdivide(part))
    return result


class _Line:
    """A line densified along geodesics, with the km of each point from the first."""

    def __init__(self, coords: Sequence[LonLat]):
        import numpy as np

        if len(coords) < 2:
            raise ValueError(f"a line needs at least two points, got {len(coords)}")
        self.xy, self.km = _densify(np.asarray(coords, dtype=float))
        self.total_km = float(self.km[-1])

    def point_at(self, km: float) -> LonLat:
        import numpy as np

        lon = float(np.interp(km, self.km, self.xy[:, 0]))
        lat = float(np.interp(km, self.km, self.xy[:, 1]))
        return ((lon + 180.0) % 360.0 - 180.0, lat)

    def land(self) -> list[Interval]:
        """The positions along the line (km) that lie over land, merged and in order."""
        import numpy as np
        import shapely

        chunks, chunk_km = [], []
        for xy, km in self._parts():
            for first in range(0, len(xy) - 1, _CHUNK_SEGMENTS):
                last = min(first + _CHUNK_SEGMENTS, len(xy) - 1) + 1
                chunks.append(xy[first:last])
                chunk_km.append(km[first:last])
        sizes = [len(c) for c in chunks]
        # One line per chunk (given indices, linestrings returns an array; its stubs cannot tell).
        lines = cast(
            "np.typing.NDArray[np.object_]",
            shapely.linestrings(np.concatenate(chunks), indices=np.repeat(np.arange(len(chunks)), sizes)),
        )
        land = _land()
        line_index, piece_index = land.tree.query(lines, predicate="intersects")
        if not len(line_index):
            return []
        overlaps = shapely.intersection(lines[line_index], land.pieces[piece_index])
        parts, owner = shapely.get_parts(overlaps, return_index=True)
        keep = shapely.get_type_id(parts) == 1  # line pieces; single touching points are not land
        parts, owner = parts[keep], line_index[owner[keep]]
        if not len(parts):
            return []
        starts = shapely.line_locate_point(lines[owner], shapely.get_point(parts, 0))
        ends = shapely.line_locate_point(lines[owner], shapely.get_point(parts, -1))
        intervals = []
        for index, a, b in zip(owner, starts, ends):
            xy, km = chunks[index], chunk_km[index]
            along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
            low, high = sorted((float(np.interp(a, along, km)), float(np.interp(b, along, km))))
            if high > low:
                intervals.append((low, high))
        return _merge(intervals)

    def _parts(self):
        """The line cut where it crosses an odd multiple of 180°, each part shifted into
        [-180, 180]: ``(xy, km)`` arrays, the cut point ending one part and starting the next."""
        import numpy as np

        turns = np.floor((self.xy[:, 0] + 180.0) / 360.0)
        head = None
        start = 0
        for index in [*(np.flatnonzero(np.diff(turns)) + 1), len(self.xy)]:
            shift = 360.0 * turns[start]
            xy, km = self.xy[start:index] - [shift, 0.0], self.km[start:index]
            if head is not None:
                xy, km = np.vstack([[head[:2]], xy]), np.concatenate([[head[2]], km])
            if index < len(self.xy):
                (lon0, lat0), (lon1, lat1) = self.xy[index - 1], self.xy[index]
                edge = 360.0 * max(turns[index - 1], turns[index]) - 180.0
                t = (edge - lon0) / (lon1 - lon0)
                lat = lat0 + t * (lat1 - lat0)
                at = self.km[index - 1] + t * (self.km[index] - self.km[index - 1])
                xy, km = np.vstack([xy, [[edge - shift, lat]]]), np.concatenate([km, [at]])
                head = (edge - 360.0 * turns[index], lat, at)
            yield xy, km
            start = index

    def stretches(self, intervals: list[Interval], skip_ends_km: float, excluding: Iterable[Interval]) -> list[Stretch]:
        if skip_ends_km < 0 or math.isnan(skip_ends_km):
            raise ValueError(f"skip_ends_km must be 0 or more, got {skip_ends_km}")
        removed = [(0.0, skip_ends_km), (self.total_km - skip_ends_km, self.total_km), *excluding]
        result = []
        for low, high in _subtract(intervals, _merge([(a, b) for a, b in removed if b > a])):
            lon, lat = self.point_at((low + high) / 2.0)
            result.append(Stretch(low, high, lon, lat))
        return result


def _densify(xy):
    """Points along the geodesics between ``xy`` (steps of at most :data:`STEP_KM`) with
    continuous longitudes, and the km of each from the first."""
    import numpy as np

    azimuth, _, metres = GEOD.inv(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])
    km = metres / 1000.0
    steps = np.maximum(1, np.ceil(km / STEP_KM)).astype(int)
    owner = np.repeat(np.arange(len(km)), steps)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(steps) - steps, steps)
    along = offset / steps[owner] * km[owner]
    lon, lat, _ = GEOD.fwd(xy[owner, 0], xy[owner, 1], azimuth[owner], along * 1000.0)
    lon = np.append(lon, xy[-1, 0])
    lat = np.append(lat, xy[-1, 1])
    lon[0] = xy[0, 0]
    lon[1:] = lon[0] + np.cumsum((np.diff(lon) + 180.0) % 360.0 - 180.0)
    start_km = np.concatenate([[0.0], np.cumsum(km)])
    return np.column_stack([lon, lat]), np.append(start_km[owner] + along, start_km[-1])


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[list[float]] = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1] + _JOIN_KM:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(a, b) for a, b in merged]


def _subtract(intervals: list[Interval], removed: list[Interval]) -> list[Interval]:
    """``intervals`` minus ``removed`` (both merged and sorted); pieces of zero length dropped."""
    result = []
    for low, high in intervals:
        pieces = [(low, high)]
        for cut_low, cut_high in removed:
            pieces = [p for a, b in pieces for p in ((a, min(b, cut_low)), (max(a, cut_high), b)) if p[1] > p[0]]
        result.extend(pieces)
    return result


def water_part(area):
    """The part of a shapely polygon (lon/lat degrees, within -180..180) that is not land."""
    import shapely

    land = _land()
    hits = land.tree.query(area, predicate="intersects")
    if not len(hits):
        return area
    return shapely.difference(area, shapely.union_all(land.pieces[hits]))


def on_land_xy(lons, lats):
    """Whether each position (numpy arrays of lon and lat) lies on land, for many positions at
    once: the land pieces near them joined and prepared, then tested without making points (a
    position exactly on the coastline may count either way). A boolean array."""
    import numpy as np
    import shapely

    lons = (np.asarray(lons, dtype=float) + 180.0) % 360.0 - 180.0
    lats = np.asarray(lats, dtype=float)
    if not len(lons):
        return np.zeros(0, dtype=bool)
    if lons.max() - lons.min() > 180.0:  # around the antimeridian: one point at a time
        return np.asarray(on_land(np.column_stack([lons, lats])), dtype=bool)  # type: ignore[arg-type]
    land = _land()
    area = shapely.box(lons.min(), lats.min(), lons.max(), lats.max())
    near = land.pieces[land.tree.query(area, predicate="intersects")]
    if not len(near):
        return np.zeros(len(lons), dtype=bool)
    local = shapely.multipolygons(near)
    shapely.prepare(local)
    return shapely.contains_xy(local, lons, lats)
