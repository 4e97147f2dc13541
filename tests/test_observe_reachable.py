"""The reachable area of a dark period: the ellipse of d(A,P) + d(P,B) <= v·dt, clipped to water."""

from __future__ import annotations

import pytest
import shapely

from routes.geo.geodesy import distance_km
from routes.geo.landcheck import water_part
from routes.observe.reachable import reachable_area


def test_an_area_near_a_coast_loses_the_land_and_keeps_both_ends():
    off, on = (131.5, 42.45), (132.1, 42.55)  # Peter the Great Gulf, 6 h apart at up to 12 kn
    area = reachable_area(off, on, 12 * 1.852 * 6)
    assert area.contains(shapely.Point(off)) and area.contains(shapely.Point(on))
    assert water_part(area).area == pytest.approx(area.area, rel=1e-9)
    west, south, east, north = area.bounds
    assert east - west < 3.0 and north - south < 2.0 and north < 43.3  # the coast cuts it off to the north


def test_every_boundary_point_is_within_the_budget():
    off, on = (135.0, 40.0), (136.0, 40.5)
    budget_km = 200.0
    area = reachable_area(off, on, budget_km)
    ring = max(getattr(area, "geoms", [area]), key=lambda g: g.area).exterior.coords
    sums = [distance_km(off, p) + distance_km(p, on) for p in ring]
    assert max(sums) <= budget_km * 1.0001 and min(sums) > budget_km * 0.99  # on the ellipse, open water


def test_an_area_across_the_antimeridian_is_cut_there_and_holds_both_ends():
    off, on = (179.6, 54.0), (-179.7, 54.1)  # open Bering Sea, north of the Aleutians
    area = reachable_area(off, on, 80.0)
    assert area.geom_type == "MultiPolygon"
    assert all(-180.0 <= x <= 180.0 for g in area.geoms for x, _ in g.exterior.coords)
    assert area.contains(shapely.Point(off)) and area.contains(shapely.Point(on))


def test_an_implied_speed_over_the_maximum_widens_the_budget_and_a_huge_one_draws_nothing():
    off, on = (135.0, 40.0), (136.0, 40.0)
    area = reachable_area(off, on, 10.0)  # 85 km apart, 10 km allowed
    assert area.contains(shapely.Point(on))
    assert reachable_area(off, on, 6000.0) is None
