"""Lines through open water: a detour round land on a local grid, straightened
(part of :mod:`routes.geo.seaways`).

:func:`water_path` keeps a line off land where it can: the geodesic if it is clear, else a
search on a grid of cells in a local plane (land dear, cells at the coast dearer than open
water), then the fewest straight legs that cross no more land (:mod:`routes.geo.landcheck`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from itertools import pairwise

from routes.geo.geodesy import GEOD, LonLat, distance_km, length_km
from routes.geo.landcheck import land_cells, land_stretches, total_km

_GRID_CELLS = 36  # cells along the longer side of a detour's search grid
_GRID_LAND_COST = 500.0  # a km through a land cell costs this many km through water
_GRID_COAST_COST = 3.0  # ... and through a water cell that touches land
_FREE_SHARE = 0.7  # share of the approach zone that the grid treats as free, as the crow flies
_LOCAL_KM = 150.0  # a line longer than this is redrawn only around its land
_NEAR_ZERO_KM = 1e-3


def _counted_land(coords: Sequence[LonLat], free_km: float) -> float:
    """Land km along a line, not counting its first ``free_km``."""
    return total_km(land_stretches(coords, excluding=[(0.0, free_km)] if free_km > 0 else ()))


def water_path(a: LonLat, b: LonLat, *, free_km: float = 0.0) -> list[LonLat]:
    """A line from ``a`` to ``b`` that keeps off land where it can: the geodesic if it is
    clear, else a detour through open water (land within ``free_km`` of ``a`` along the line
    is allowed: a port's approach). A long line is redrawn only around its land."""
    total = distance_km(a, b)
    stretches = land_stretches([a, b], excluding=[(0.0, free_km)] if free_km > 0 else ())
    if not stretches:
        return [a, b]
    if total <= _LOCAL_KM:
        return _grid_path(a, b, free_km)
    azimuth = GEOD.inv(a[0], a[1], b[0], b[1])[0]

    def at(km: float) -> LonLat:
        lon, lat, _ = GEOD.fwd(a[0], a[1], azimuth, km * 1000.0)
        return (lon, lat)

    clusters: list[list[float]] = []
    for s in stretches:
        margin = max(15.0, s.km)
        low, high = max(0.0, s.start_km - margin), min(total, s.end_km + margin)
        if clusters and low <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], high)
        else:
            clusters.append([low, high])
    path = [a]
    for low, high in clusters:
        p, q = (a if low <= 0 else at(low)), (b if high >= total else at(high))
        path.extend(_grid_path(p, q, max(0.0, free_km - low))[int(low <= 0) :])
    if path[-1] != b:
        path.append(b)
    return path


def _grid_path(a: LonLat, b: LonLat, free_km: float) -> list[LonLat]:
    """The detour from ``a`` to ``b`` found on a grid of cells (water cheap, land dear),
    straightened; the straight line if the detour crosses more land."""
    best = [a, b]
    best_land = _counted_land(best, free_km)
    for cells, pad in ((_GRID_CELLS, 0.6), (_GRID_CELLS * 3 // 2, 1.0)):
        path = _grid_search(a, b, free_km, cells, pad)
        if path is None:
            continue
        path = _straighten(path, free_km)
        land = _counted_land(path, free_km)
        if land < best_land - _NEAR_ZERO_KM or (
            land <= best_land + _NEAR_ZERO_KM and length_km(path) < length_km(best)
        ):
            best, best_land = path, land
        if best_land <= _NEAR_ZERO_KM:
            break
    return best


def _grid_search(a: LonLat, b: LonLat, free_km: float, cells: int, pad: float) -> list[LonLat] | None:
    """Cheapest 8-connected path over a grid in a local plane around ``a`` and ``b``."""
    import numpy as np

    lon0, lat0 = a
    lon_b = lon0 + (b[0] - lon0 + 180.0) % 360.0 - 180.0
    kx = 111.32 * math.cos(math.radians((lat0 + b[1]) / 2.0))
    ky = 110.57
    bx, by = (lon_b - lon0) * kx, (b[1] - lat0) * ky
    span = max(abs(bx), abs(by), 1.0)
    margin = max(10.0, pad * math.hypot(bx, by))
    west, east = min(0.0, bx) - margin, max(0.0, bx) + margin
    south, north = min(0.0, by) - margin, max(0.0, by) + margin
    size = max(span + 2 * margin, 1.0) / cells
    nx_, ny_ = math.ceil((east - west) / size) + 1, math.ceil((north - south) / size) + 1
    xs, ys = west + size * np.arange(nx_), south + size * np.arange(ny_)
    gx, gy = np.meshgrid(xs, ys)
    lons, lats = lon0 + gx / kx, lat0 + gy / ky
    if np.any(np.abs(lats) > 89.5):
        return None
    dry, near = land_cells(lons.ravel(), lats.ravel(), size / 2.0 / kx, size / 2.0 / ky)
    cost = np.where(dry, _GRID_LAND_COST, np.where(near, _GRID_COAST_COST, 1.0))
    if free_km > 0:
        cost[np.hypot(gx, gy).ravel() <= _FREE_SHARE * free_km] = 1.0  # paths wind: stay inside it along them
    step_cost = cost.tolist()
    width = nx_

    def cell(x: float, y: float) -> int:
        i = min(max(round((x - west) / size), 0), nx_ - 1)
        j = min(max(round((y - south) / size), 0), ny_ - 1)
        return j * width + i

    source, target = cell(0.0, 0.0), cell(bx, by)
    tx, ty = target % width, target // width
    moves = [(di, dj, math.hypot(di, dj)) for di in (-1, 0, 1) for dj in (-1, 0, 1) if di or dj]
    best = {source: 0.0}
    came = {}
    heap = [(0.0, 0.0, source)]
    done = set()
    while heap:
        _, g, c = heapq.heappop(heap)
        if c == target:
            break
        if c in done:
            continue
        done.add(c)
        ci, cj = c % width, c // width
        for di, dj, length in moves:
            i, j = ci + di, cj + dj
            if 0 <= i < nx_ and 0 <= j < ny_:
                n = j * width + i
                g_n = g + length * (step_cost[c] + step_cost[n]) / 2.0
                if g_n < best.get(n, math.inf):
                    best[n] = g_n
                    came[n] = c
                    heapq.heappush(heap, (g_n + math.hypot(i - tx, j - ty), g_n, n))
    if target not in came and target != source:
        return None
    chain = [target]
    while chain[-1] != source:
        chain.append(came[chain[-1]])
    chain.reverse()
    lonlat = lons.ravel(), lats.ravel()
    return [a, *[(float(lonlat[0][c]), float(lonlat[1][c])) for c in chain[1:-1]], (lon_b, b[1])]


def _straighten(path: list[LonLat], free_km: float) -> list[LonLat]:
    """Fewest straight legs through the path's points that cross no more land than it does
    (each leg as far along as a clear geodesic reaches, found by doubling then halving)."""
    along = [0.0]
    for p, q in pairwise(path):
        along.append(along[-1] + distance_km(p, q))

    def clear(i: int, j: int) -> bool:
        return _counted_land([path[i], path[j]], max(0.0, free_km - along[i])) <= _NEAR_ZERO_KM

    result = [path[0]]
    i, last = 0, len(path) - 1
    while i < last:
        good = last if clear(i, last) else i + 1
        if good < last:
            bad, step = last, 1
            while good + step < bad and clear(i, good + step):
                good, step = good + step, step * 2
            bad = min(bad, good + step)
            while bad - good > 1:
                middle = (good + bad) // 2
                good, bad = (middle, bad) if clear(i, middle) else (good, middle)
        i = good
        result.append(path[i])
    return result
