"""The locator globe's geometry: the map's area on the visible side, land drawn, far side on the rim."""

import math

from routes.render.locator import _orthographic, locator


def test_the_centre_of_the_area_is_the_centre_of_the_globe():
    x, y, near = _orthographic([86.5], [49.5], 86.5, 49.5)
    assert abs(x[0]) < 1e-12 and abs(y[0]) < 1e-12 and near[0]


def test_the_antipode_is_behind_the_globe():
    _, _, near = _orthographic([86.5 - 180.0], [-49.5], 86.5, 49.5)
    assert not near[0]


def test_every_point_stays_on_the_disc():
    globe = locator((38.0, 41.0, 135.0, 58.0), size=120)
    numbers = [float(v) for d in globe["land"] for v in d.replace("M", " ").replace("L", " ").replace("Z", " ").split()]
    assert numbers and all(0 <= v <= 120 for v in numbers)
    xs, ys = numbers[0::2], numbers[1::2]
    assert all(math.hypot(a - 60, b - 60) <= 59.1 for a, b in zip(xs, ys))  # rim radius 59, 0.1 px rounding


def test_the_frame_sits_around_the_centre():
    globe = locator((129.0, 41.0, 133.0, 44.0), size=100)
    points = [float(v) for v in globe["frame"].replace("M", " ").replace("L", " ").replace("Z", " ").split()]
    xs, ys = points[0::2], points[1::2]
    assert min(xs) < 50 < max(xs) and min(ys) < 50 < max(ys)
    assert max(xs) - min(xs) < 20  # a small area is a small frame


def test_a_small_frame_gets_a_ring_and_a_large_one_does_not():
    from routes.render.locator import locator

    assert locator((130.56, 42.37, 130.72, 42.46))["spot"]  # the Tumen crossing, 13 km
    assert not locator((38.0, 41.0, 135.0, 58.0))["spot"]
