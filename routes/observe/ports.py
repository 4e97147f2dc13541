"""Port nodes, and the nearest one to many positions at once.

The nearest port is found on the unit sphere (a KD-tree over 3-D unit vectors) and its distance
is then measured geodesically on WGS84, so thresholds in km are geodesic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from routes.geo.geodesy import GEOD

EARTH_RADIUS_KM = 6371.0088


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

    def nearest(self, lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each position: the index of the nearest port and its geodesic distance in km
        (index -1 and distance inf where there is no port)."""
        count = len(lons)
        if not len(self.ids) or not count:
            return np.full(count, -1), np.full(count, np.inf)
        tree = self.tree
        _, index = tree.query(_unit(lons, lats))
        index = np.asarray(index, dtype=np.int64)
        distance_m = GEOD.inv(lons, lats, self.lons[index], self.lats[index])[2]
        return index, np.asarray(distance_m) / 1000.0

    @functools.cached_property
    def tree(self):
        """A KD-tree over the ports' unit vectors (built once, on first use)."""
        from scipy.spatial import cKDTree

        return cKDTree(_unit(self.lons, self.lats))

    def position(self, index: int) -> tuple[float, float]:
        return float(self.lons[index]), float(self.lats[index])


def _unit(lons, lats) -> np.ndarray:
    lon, lat = np.radians(np.asarray(lons, float)), np.radians(np.asarray(lats, float))
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def chord_of_km(km: float) -> float:
    """The straight-line distance between two points of the unit sphere ``km`` apart on it."""
    return 2.0 * np.sin(km / EARTH_RADIUS_KM / 2.0)


unit_vectors = _unit
