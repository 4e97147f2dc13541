"""Geometry of the seed legs, checked against sourced towns, Natural Earth land and borders."""

import itertools

import pytest
from shapely.geometry import LineString, Point

from routes.geo.geodesy import densify, distance_km, length_km
from routes.geo.legs import MAX_STEP_KM
from routes.load.naturalearth import load_layer

SEA = "najin-tikhoretsk/najin-dunay"
RAIL = "najin-tikhoretsk/dunay-tikhoretsk-depot"
NAJIN, DUNAY = (130.300, 42.250), (132.3375, 42.8803)


@pytest.fixture(scope="module")
def metric():
    """A local-metric helper: km of a line inside a polygon layer, measured on 1 km steps."""

    def km_inside(coords, polygon, skip_near=(), skip_km=0.0):
        total = 0.0
        dense = densify(coords, 1.0)
        for a, b in itertools.pairwise(dense):
            mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            if any(distance_km(mid, p) < skip_km for p in skip_near):
                continue
            if polygon.contains(Point(mid)):
                total += distance_km(a, b)
        return total

    return km_inside


def coords(legs, leg_id):
    return list(legs.loc[leg_id, "geometry"].coords)


def test_legs_join_consecutive_stops(seed_legs):
    assert list(seed_legs["from"]) == ["najin", "dunay"]
    assert list(seed_legs["to"]) == ["dunay", "tikhoretsk-depot"]
    assert list(seed_legs["mode"]) == ["sea", "rail"]
    assert seed_legs.crs.to_epsg() == 4326


def test_both_paths_are_marked_assumed(seed_legs):
    assert set(seed_legs["geometry_basis"]) == {"assumed"}
    assert set(seed_legs["geometry_confidence"]) == {"low"}


def test_reported_length_is_the_geodesic_length_of_the_drawn_line(seed_legs):
    for leg in seed_legs.itertuples():
        line = list(leg.geometry.coords)
        assert leg.distance_km == pytest.approx(length_km(line), rel=1e-9)
        steps = [distance_km(a, b) for a, b in itertools.pairwise(line)]
        assert max(steps) <= MAX_STEP_KM + 1e-6


def test_sea_leg_length(seed_legs):
    assert 170 <= seed_legs.loc[SEA, "distance_km"] <= 260


def test_sea_leg_starts_and_ends_at_the_ports(seed_legs):
    line = coords(seed_legs, SEA)
    assert line[0] == NAJIN and line[-1] == DUNAY


def test_sea_leg_stays_at_sea_against_the_10m_coast(seed_legs, metric):
    land = load_layer("land-10m-east-asia").geometry.union_all()
    over_land = metric(coords(seed_legs, SEA), land, skip_near=(NAJIN, DUNAY), skip_km=5.0)
    assert over_land <= 2.0


def test_straight_sea_line_would_cross_land(metric):
    # The reason for the track: the straight line crosses land at both ends and near the Tumen mouth.
    land = load_layer("land-10m-east-asia").geometry.union_all()
    assert metric([NAJIN, DUNAY], land, skip_near=(NAJIN, DUNAY), skip_km=5.0) > 10


def test_rail_leg_length(seed_legs):
    assert 8500 <= seed_legs.loc[RAIL, "distance_km"] <= 11500


@pytest.mark.parametrize(
    "town, lon, lat",
    [
        # facts.md §5 rows 4-13 (hflabs/city town centres) and the variant B towns (the fastest
        # line at typical speeds once border time counts: it stays in Russia).
        ("Ussuriysk", 131.9518, 43.7972),
        ("Khabarovsk", 135.0599, 48.4647),
        ("Birobidzhan", 132.9217, 48.7946),
        ("Belogorsk", 128.4739, 50.9213),
        ("Skovorodino", 123.9437, 53.9871),
        ("Chita", 113.4994, 52.0340),
        ("Ulan-Ude", 107.5842, 51.8336),
        ("Irkutsk", 104.2807, 52.2864),
        ("Tayshet", 98.0030, 55.9405),
        ("Krasnoyarsk", 92.8525, 56.0094),
        ("Novosibirsk", 82.9211, 55.0282),
        ("Omsk", 73.3675, 54.9849),
        ("Tyumen", 65.5344, 57.1530),
        ("Yekaterinburg", 60.6055, 56.8385),
        ("Kazan", 49.1115, 55.7944),
        ("Penza", 45.0349, 53.1753),
        ("Rtishchevo", 43.7842, 52.2616),
        ("Povorino", 42.2473, 51.1954),
        ("Rostov", 39.7188, 47.2225),
        ("Bataysk", 39.7507, 47.1383),
        ("Tikhoretsk", 40.1260, 45.8546),
    ],
)
def test_rail_leg_passes_the_corridor_towns(seed_legs, town, lon, lat):
    line = LineString(coords(seed_legs, RAIL))
    nearest = line.interpolate(line.project(Point(lon, lat)))
    assert distance_km((nearest.x, nearest.y), (lon, lat)) <= 30, town


def test_rail_leg_shape_points_are_at_most_50_km_apart(seed):
    from routes.geo.legs import leg_coordinates

    leg = next(leg for leg in seed.legs_specs if leg.mode.value == "rail")
    points, _ = leg_coordinates(seed, leg)
    gaps = [distance_km(a, b) for a, b in itertools.pairwise(points)]
    assert max(gaps) <= 50.0


def test_rail_leg_stays_out_of_china_and_mongolia(seed_legs, metric):
    countries = load_layer("countries-10m-corridor").set_index("name")
    line = coords(seed_legs, RAIL)
    for name in ("China", "Mongolia"):
        polygon = countries.loc[name, "geometry"]
        deepest = 0.0
        for lon, lat in densify(line, 1.0):
            if polygon.contains(Point(lon, lat)):
                boundary = polygon.boundary
                edge = boundary.interpolate(boundary.project(Point(lon, lat)))
                deepest = max(deepest, distance_km((lon, lat), (edge.x, edge.y)))
        assert deepest <= 10.0, f"{deepest:.1f} km inside {name}"


def test_rail_leg_stays_out_of_kazakhstan_at_the_default_border_time(seed_legs, metric):
    # The Omsk - Petropavl - Kurgan line is 420 km shorter, but its two crossings at 72 h
    # make it slower than the all-Russia line through Tyumen.
    kazakhstan = load_layer("countries-10m-corridor").set_index("name").loc["Kazakhstan", "geometry"]
    inside = [p for p in densify(coords(seed_legs, RAIL), 2.0) if kazakhstan.contains(Point(p))]
    assert not inside
    assert seed_legs.set_index("id").at[RAIL, "border_crossings"] == 0


def test_rail_leg_never_in_north_korea_or_ukraine(seed_legs, metric):
    countries = load_layer("countries-10m-corridor").set_index("name")
    line = coords(seed_legs, RAIL)
    for name in ("North Korea", "Ukraine"):
        assert metric(line, countries.loc[name, "geometry"]) == 0.0


def test_rail_leg_never_over_sea(seed_legs):
    detail = load_layer("land-10m-east-asia").geometry.union_all()  # lon 120-150: the Primorye coast
    world = load_layer("land-50m").geometry.union_all()
    dense = densify(coords(seed_legs, RAIL), 1.0)
    over_sea = 0.0
    for a, b in itertools.pairwise(dense):
        mid = Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        land = detail if 120.0 <= mid.x <= 150.0 else world
        if not land.contains(mid):
            over_sea += distance_km(a, b)
    assert over_sea <= 1.0
