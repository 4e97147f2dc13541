"""Port nodes, and the nearest one to many positions at once (within a radius).

Candidates are found with a shapely STRtree in degrees, with a radius wide enough at the
batch's highest latitude; each candidate's distance is then measured geodesically on WGS84, so
thresholds in km are geodesic. Ports across the antimeridian from a position are not seen.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import shapely

from routes.geo.geodesy import GEOD

KM_PER_DEGREE = 111.32  # of latitude, about; of longitude at the equator


@dataclass(frozen=True, eq=False)
class Ports:
    """Port nodes: ids and positions, in one order (sorted by id)."""

    ids: tuple[str, ...]
    lons: np.ndarray
    lats: np.ndarray

    @classmethod
    def of(cls, points: dict[str, tuple[float, float]]) -> Ports:
        ids = tuple(sorted(points))
        return cls(ids, np.array([points[i][0] for i in ids], float), np.array([points[i][1] for i in ids], float))

    def __len__(self) -> int:
        return len(self.ids)

    @functools.cached_property
    def tree(self) -> shapely.STRtree:
        """An STRtree over the ports' points (built once, on first use)."""
        return shapely.STRtree(np.asarray(shapely.points(self.lons, self.lats)))

    def nearest(self, lons: np.ndarray, lats: np.ndarray, within_km: float) -> tuple[np.ndarray, np.ndarray]:
        """For each position: the index of the nearest port within ``within_km`` and its geodesic
        distance in km (index -1 and distance inf where no port is that near)."""
        count = len(lons)
        index, distance_km = np.full(count, -1), np.full(count, np.inf)
        if not len(self.ids) or not count:
            return index, distance_km
        top = min(89.0, float(np.max(np.abs(lats))) + within_km / KM_PER_DEGREE)
        radius_deg = within_km / (KM_PER_DEGREE * math.cos(math.radians(top)))
        points, candidates = self.tree.query(shapely.points(lons, lats), predicate="dwithin", distance=radius_deg)
        if not len(points):
            return index, distance_km
        metres = np.asarray(GEOD.inv(lons[points], lats[points], self.lons[candidates], self.lats[candidates])[2])
        order = np.lexsort((candidates, metres, points))  # by position, then distance, then port
        first = np.unique(points[order], return_index=True)[1]
        chosen = order[first]
        near = metres[chosen] <= within_km * 1000.0
        index[points[chosen][near]] = candidates[chosen][near]
        distance_km[points[chosen][near]] = metres[chosen][near] / 1000.0
        return index, distance_km

    def position(self, index: int) -> tuple[float, float]:
        return float(self.lons[index]), float(self.lats[index])
