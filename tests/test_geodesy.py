import itertools
import math

import pytest

from routes.geo.geodesy import densify, distance_km, length_km, split_antimeridian, unwrap

NAJIN, DUNAY = (130.300, 42.250), (132.3375, 42.8803)


def test_great_circle_najin_dunay_matches_facts_sheet():
    # facts.md §4: 181 km great circle (haversine); the ellipsoid differs by well under 1%.
    assert distance_km(NAJIN, DUNAY) == pytest.approx(181, rel=0.01)


def test_densify_keeps_length_and_ends_and_bounds_the_step():
    line = [(40.0, 45.0), (60.0, 55.0), (100.0, 52.0)]
    dense = densify(line, 10.0)
    assert dense[0] == line[0] and dense[-1] == line[-1]
    assert length_km(dense) == pytest.approx(length_km(line), rel=1e-9)
    assert max(distance_km(a, b) for a, b in itertools.pairwise(dense)) <= 10.0 + 1e-6


def test_densified_points_lie_on_the_geodesic_not_on_a_straight_degree_line():
    dense = densify([(0.0, 60.0), (90.0, 60.0)], 50.0)
    middle = dense[len(dense) // 2]
    assert middle[1] > 65  # the geodesic bows towards the pole; a line in degrees would stay at 60


def test_length_is_not_in_degrees():
    # One degree of longitude at 60 N is about 55.8 km, not 111 km.
    assert length_km([(0.0, 60.0), (1.0, 60.0)]) == pytest.approx(55.8, abs=0.2)


def test_densify_refuses_non_positive_step():
    with pytest.raises(ValueError):
        densify([(0, 0), (1, 1)], 0)


def test_unwrap_goes_the_short_way():
    assert unwrap([(179.0, 50.0), (-179.0, 51.0), (-170.0, 52.0)]) == [(179.0, 50.0), (181.0, 51.0), (190.0, 52.0)]


def test_split_antimeridian_for_rfc7946():
    parts = split_antimeridian([(170.0, 50.0), (179.0, 51.0), (-179.0, 52.0), (-170.0, 53.0)])
    assert len(parts) == 2
    # The crossing lies on the geodesic, which bows poleward of the straight line in degrees (51.5).
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == parts[1][0][1] == pytest.approx(51.5098, abs=1e-4)
    assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)


def test_split_leaves_ordinary_lines_alone():
    assert split_antimeridian([(10.0, 50.0), (20.0, 51.0)]) == [[(10.0, 50.0), (20.0, 51.0)]]


def test_split_length_equals_the_short_way():
    line = [(175.0, 60.0), (-175.0, 60.0)]
    parts = split_antimeridian(densify(line, 5))
    total = sum(length_km(p) for p in parts)
    assert total == pytest.approx(distance_km(*line), rel=1e-3)
    assert total < 1000 and math.isfinite(total)


@pytest.mark.parametrize(
    "line, expected",
    [
        ([(170.0, 0.0), (180.0, 0.0), (-170.0, 0.0)], [[(170.0, 0.0), (180.0, 0.0)], [(-180.0, 0.0), (-170.0, 0.0)]]),
        ([(-170.0, 0.0), (-180.0, 0.0), (170.0, 0.0)], [[(-170.0, 0.0), (-180.0, 0.0)], [(180.0, 0.0), (170.0, 0.0)]]),
        ([(179.0, 0.0), (180.0, 0.0)], [[(179.0, 0.0), (180.0, 0.0)]]),
        ([(-179.0, 0.0), (-180.0, 0.0)], [[(-179.0, 0.0), (-180.0, 0.0)]]),
    ],
)
def test_split_with_a_point_exactly_on_180(line, expected):
    assert split_antimeridian(line) == expected
