"""The area a ship could have reached while dark: an ellipse on the ellipsoid, clipped to water.

With the last report before a gap at A, the first after it at B and ``dt`` hours between them,
a ship sailing at most ``v`` passes only through points P with d(A,P) + d(P,B) <= v·dt: the
"potential path area" of time geography (Miller 2005), an ellipse with foci A and B. Its
boundary is found along :data:`BEARINGS` geodesics from A (and the one through B) by bisection
on the distance r where r + d(P(r), B) = v·dt (the sum grows with r), all geodesic. The polygon
is cut at the antimeridian and land (Natural Earth, :func:`routes.geo.landcheck.water_part`) is
taken out of it. Both ends are in it (they are the foci) unless they lie on land themselves.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.affinity import translate

from routes.geo.geodesy import GEOD
from routes.geo.landcheck import water_part

BEARINGS = 120
#: Farthest budget v·dt drawn, in km; beyond it a polygon in degrees stops being meaningful.
MAX_BUDGET_KM = 5000.0
_STEPS = 40


def reachable_area(off: tuple[float, float], on: tuple[float, float], budget_km: float):
    """The water the ship could have reached between ``off`` and ``on`` (lon, lat), as a shapely
    (Multi)Polygon, or None when ``budget_km`` is over :data:`MAX_BUDGET_KM`. A budget shorter
    than the distance (an implied speed over the maximum) is widened to 1.05 times the distance."""
    distance_m = GEOD.inv(off[0], off[1], on[0], on[1])[2]
    budget_m = max(budget_km * 1000.0, distance_m * 1.05, 1.0)
    if budget_m > MAX_BUDGET_KM * 1000.0:
        return None
    to_on = GEOD.inv(off[0], off[1], on[0], on[1])[0] if distance_m > 0 else 0.0
    bearings = np.sort(np.append(np.linspace(-180.0, 180.0, BEARINGS, endpoint=False), to_on))
    low, high = np.zeros(len(bearings)), np.full(len(bearings), budget_m)
    lon0, lat0 = np.full(len(bearings), off[0]), np.full(len(bearings), off[1])
    for _ in range(_STEPS):
        middle = (low + high) / 2.0
        lons, lats, _ = GEOD.fwd(lon0, lat0, bearings, middle)
        onward = GEOD.inv(lons, lats, np.full(len(bearings), on[0]), np.full(len(bearings), on[1]))[2]
        inside = middle + onward <= budget_m
        low, high = np.where(inside, middle, low), np.where(inside, high, middle)
    lons, lats, _ = GEOD.fwd(lon0, lat0, bearings, low)
    lons = off[0] + (np.asarray(lons) - off[0] + 180.0) % 360.0 - 180.0  # continuous around A
    ring: shapely.Geometry = shapely.Polygon(np.column_stack([lons, lats]))
    if not shapely.is_valid(ring):
        ring = shapely.make_valid(ring)
    ends = shapely.MultiPoint([off, on]).buffer(1e-5)  # the foci, inside by construction
    area = shapely.union(ring, ends)
    return water_part(_wrapped(area))


def _wrapped(area):
    """``area`` with longitudes beyond ±180 moved back into range (cut at the antimeridian)."""
    parts = [shapely.clip_by_rect(area, -180.0, -90.0, 180.0, 90.0)]
    for shift in (360.0, -360.0):
        piece = shapely.clip_by_rect(translate(area, xoff=shift), -180.0, -90.0, 180.0, 90.0)
        if not piece.is_empty:
            parts.append(piece)
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]
