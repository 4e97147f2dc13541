"""The land check: how much of a line lies over land or water, measured along its geodesics."""

import itertools
import random

import numpy as np
import pytest
import shapely

from routes.geo.geodesy import densify, distance_km, length_km
from routes.geo.landcheck import (
    DETAIL_BOX,
    STEP_KM,
    Stretch,
    _Line,
    land_cells,
    land_stretches,
    longest_km,
    on_land,
    segment_stretches,
    total_km,
    water_stretches,
)
from routes.load.naturalearth import load_geometry

ABSHERON = [(50.0, 41.2), (50.2, 39.8)]  # north to south across the Absheron peninsula, Caspian to Caspian
WRANGEL = [(178.0, 71.2), (183.0, 71.2)]  # across Wrangel Island, which straddles 180°


def sampled_land_km(coords, step_km=0.1):
    """Reference: km of steps of a finely densified line whose middle is on land (1:10m in its box,
    1:50m elsewhere), tested point by point."""
    fine, coarse = load_geometry("land-10m-east-asia"), load_geometry("land-50m")
    shapely.prepare(fine)
    shapely.prepare(coarse)
    line = densify(coords, step_km)
    total = 0.0
    west, south, east, north = DETAIL_BOX
    for a, b in itertools.pairwise(line):
        lon = ((a[0] + b[0]) / 2 + 180) % 360 - 180 if abs(a[0] - b[0]) < 180 else a[0]
        lat = (a[1] + b[1]) / 2
        land = fine if west <= lon <= east and south <= lat <= north else coarse
        if shapely.contains_xy(land, lon, lat):
            total += distance_km(a, b)
    return total


def test_a_line_across_the_absheron_peninsula_crosses_its_land():
    stretches = land_stretches(ABSHERON)
    assert len(stretches) == 1
    (stretch,) = stretches
    assert stretch.km == pytest.approx(sampled_land_km(ABSHERON), abs=0.3)
    assert 40.2 < stretch.lat < 40.6 and 49.9 < stretch.lon < 50.3  # halfway across the land
    assert stretch.where() == "50.1 E 40.4 N"
    assert 0 < stretch.start_km < stretch.end_km < length_km(ABSHERON)


def test_land_and_water_add_up_to_the_line():
    land, water = land_stretches(ABSHERON), water_stretches(ABSHERON)
    assert total_km(land) + total_km(water) == pytest.approx(length_km(ABSHERON), rel=1e-9)
    assert next(s.start_km for s in water) == 0.0 and water[-1].end_km == pytest.approx(length_km(ABSHERON))


def test_the_1_10m_land_is_used_inside_its_box_and_1_50m_outside():
    # Peter the Great Gulf, across the Muravyov-Amursky peninsula and Russky Island (lon 131-132: 1:10m)
    detail = [(131.70, 43.30), (132.10, 42.90)]
    assert total_km(land_stretches(detail)) == pytest.approx(sampled_land_km(detail), abs=0.3)
    coarse_only = load_geometry("land-50m")
    line = densify(detail, 0.1)
    at_50m = sum(
        distance_km(a, b)
        for a, b in itertools.pairwise(line)
        if coarse_only.contains(shapely.Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    )
    assert abs(at_50m - total_km(land_stretches(detail))) > 0.05  # the two scales do differ here


def test_a_line_across_180_measures_the_same_wrapped_unwrapped_or_shifted():
    unwrapped = land_stretches(WRANGEL)
    wrapped = land_stretches([(178.0, 71.2), (-177.0, 71.2)])
    shifted = land_stretches([(-182.0, 71.2), (-177.0, 71.2)])
    assert total_km(unwrapped) > 50  # Wrangel Island is about 125 km across
    assert total_km(unwrapped) == pytest.approx(sampled_land_km(WRANGEL), abs=0.5)
    for other in (wrapped, shifted):
        assert [(round(s.start_km, 3), round(s.end_km, 3)) for s in other] == [
            (round(s.start_km, 3), round(s.end_km, 3)) for s in unwrapped
        ]
    assert all(-180 <= s.lon <= 180 for s in unwrapped)


def test_skip_ends_and_excluded_positions_are_not_counted():
    from_land = [(49.85, 40.40), (50.60, 40.90)]  # starts on the peninsula, ends at sea
    whole = total_km(land_stretches(from_land))
    assert whole > 3
    skipped = land_stretches(from_land, skip_ends_km=2.0)
    assert total_km(skipped) == pytest.approx(whole - 2.0, abs=1e-6)
    assert skipped[0].start_km == pytest.approx(2.0)
    stretch = land_stretches(ABSHERON)[0]
    middle = (stretch.start_km + stretch.end_km) / 2
    excluded = land_stretches(ABSHERON, excluding=[(middle, stretch.end_km + 5)])
    assert total_km(excluded) == pytest.approx(middle - stretch.start_km, abs=1e-6)


def test_skipping_the_ends_skips_the_last_km_of_a_line_that_ends_on_land():
    to_land = [(50.60, 40.90), (49.85, 40.40)]  # starts at sea, ends on the Absheron peninsula
    whole = land_stretches(to_land)
    assert total_km(whole) > 3 and whole[-1].end_km == pytest.approx(length_km(to_land))
    skipped = land_stretches(to_land, skip_ends_km=2.0)
    assert total_km(skipped) == pytest.approx(total_km(whole) - 2.0, abs=1e-6)
    assert skipped[-1].end_km == pytest.approx(length_km(to_land) - 2.0)


def test_the_pieces_of_one_landmass_crossed_make_one_stretch():
    # Across Africa near the equator, Gulf of Guinea to the Indian Ocean: the land is cut into many
    # pieces (for speed) that meet at their cuts; the line crosses one continent, so one stretch.
    across = land_stretches([(8.0, 0.5), (43.0, 0.5)])
    assert len(across) == 1 and longest_km(across) > 3_500


def test_segments_screened_at_once_measure_as_each_line_alone():
    from_land = ((49.85, 40.40), (50.60, 40.90))  # starts on the Absheron peninsula, ends at sea
    at_sea = ((51.0, 42.0), (51.5, 42.5))  # the middle Caspian
    across = (ABSHERON[0], ABSHERON[1])
    segments = [from_land, at_sea, across]
    starts, ends = [a for a, _ in segments], [b for _, b in segments]
    assert segment_stretches(starts, ends) == [land_stretches(list(s)) for s in segments]
    skipped = segment_stretches(starts, ends, skip_start_km=2.0)
    assert skipped == [land_stretches(list(s), excluding=[(0.0, 2.0)]) for s in segments]
    assert total_km(skipped[0]) == pytest.approx(total_km(land_stretches(list(from_land))) - 2.0, abs=1e-6)
    assert skipped[1] == [] and segment_stretches([], []) == []


def test_lines_are_measured_in_geodesic_steps_of_at_most_step_km():
    line = _Line([(21.0, 64.0), (41.0, 64.0)])  # 975 km along the parallel's great circle
    assert np.diff(line.km).max() <= STEP_KM
    assert line.total_km == pytest.approx(distance_km((21.0, 64.0), (41.0, 64.0)), rel=1e-9)


def test_water_under_a_line_that_should_stay_on_land():
    baku_turkmenbashi = [(49.87, 40.38), (52.97, 40.02)]  # straight across the Caspian
    water = water_stretches(baku_turkmenbashi, skip_ends_km=10)
    assert longest_km(water) > 200
    assert water_stretches([(37.6, 55.75), (39.7, 47.23)]) == []  # Moscow to Rostov-on-Don stays on land


def test_random_lines_agree_with_point_sampling():
    rng = random.Random(20261203)
    for _ in range(12):
        lon, lat = rng.uniform(-180, 180), rng.uniform(-60, 70)
        line = [(lon, lat), (lon + rng.uniform(-3, 3), lat + rng.uniform(-2, 2))]
        measured = total_km(land_stretches(line))
        assert measured == pytest.approx(sampled_land_km(line, 0.1), abs=0.5 + 0.01 * length_km(line)), line


def test_points_on_land_any_longitude():
    assert on_land([(50.0, 40.45), (50.0, 41.0), (410.0, 40.45), (-310.0, 40.45)]) == [True, False, True, True]
    assert on_land([]) == []


def test_cells_on_land_and_touching_land():
    lons, lats = np.array([50.0, 50.0, 50.45]), np.array([40.45, 41.5, 40.25])
    centre, touching = land_cells(lons, lats, 0.05, 0.05)
    assert centre.tolist() == [True, False, False]
    assert touching.tolist()[:2] == [True, False]
    crossing = land_cells(np.array([179.99, -179.0]), np.array([71.2, 0.0]), 0.05, 0.05)
    assert crossing[0].tolist() == [True, False]


def test_a_stretch_refuses_to_end_before_it_starts():
    with pytest.raises(ValueError, match="before its start"):
        Stretch(5.0, 4.0, 0.0, 0.0)
    assert Stretch(1.0, 3.5, -71.25, -33.0).where() == "71.2 W 33.0 S"
    with pytest.raises(ValueError, match="skip_ends_km"):
        land_stretches(ABSHERON, skip_ends_km=-1)
    with pytest.raises(ValueError, match="at least two points"):
        land_stretches([(1.0, 2.0)])
