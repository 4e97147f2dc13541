"""World sea lines over the MARNET lanes: the right passages, the short way, off the land."""

import importlib.resources
import json
import random

import numpy as np
import pytest

from routes.geo.geodesy import GEOD, distance_km, length_km
from routes.geo.landcheck import land_stretches, on_land, total_km
from routes.geo.seaways import (
    APPROACH_KM,
    AVOID,
    CREDIT,
    MAX_SNAP_KM,
    TERMS,
    SeaLine,
    water_path,
    world_network_summary,
    world_passages,
    world_sea_line,
)


def searoute_ports():
    """searoute's world port list (UN/LOCODE -> (lon, lat)), as shipped in its wheel."""
    text = (importlib.resources.files("searoute.data") / "ports.geojson").read_text(encoding="utf-8")
    return {f["properties"]["port"]: tuple(f["geometry"]["coordinates"]) for f in json.loads(text)["features"]}


PORTS = searoute_ports()
# Not in searoute's list: Amirabad and Makhachkala as issue 12 gives them; Tartus from Wikipedia
# ("Tartus", 34°53′N 35°53′E); Nome from Natural Earth's 1:10m ports (public domain).
AMIRABAD, MAKHACHKALA = (53.37, 36.85), (47.52, 42.98)
TARTUS, NOME = (35.88, 34.89), (-165.4251, 64.4983)


def route(a, b, **options):
    line = world_sea_line(a, b, **options)
    assert line is not None
    return line


def passes(line, point, within_km):
    return min(distance_km(point, c) for c in densify_line(line)) <= within_km


def densify_line(line):
    from routes.geo.geodesy import densify

    return densify(list(line.coords), 5.0)


def assert_at_sea(line, *, most_km=2.0):
    assert line.over_land_km <= most_km, [(round(s.km, 2), s.where()) for s in line.land]
    assert line.longest_land_km <= line.over_land_km + 1e-9
    # the figures are the land check's own, port approaches and inland waterways excepted
    assert line.over_land_km <= total_km(land_stretches(line.coords, skip_ends_km=APPROACH_KM)) + 1e-6


def assert_well_formed(line, start, end):
    assert line.coords[0] == pytest.approx(start)
    assert ((line.coords[-1][0] - end[0]) % 360.0) == pytest.approx(0.0, abs=1e-6) or (
        (line.coords[-1][0] - end[0]) % 360.0
    ) == pytest.approx(360.0, abs=1e-6)
    assert line.coords[-1][1] == pytest.approx(end[1])
    steps = np.diff([lon for lon, _ in line.coords])
    assert np.all(np.abs(steps) < 180)  # unwrapped: longitudes continuous
    assert line.km == pytest.approx(length_km(line.coords), rel=1e-9)
    assert line.km >= distance_km(start, end) - 1e-6


def test_a_caspian_crossing_stays_in_the_caspian():
    line = route(AMIRABAD, MAKHACHKALA)
    assert_well_formed(line, AMIRABAD, MAKHACHKALA)
    assert_at_sea(line)
    assert all(46.5 < lon < 55.0 and 36.5 < lat < 47.2 for lon, lat in line.coords)  # the Caspian's box
    assert line.km < 1.3 * distance_km(AMIRABAD, MAKHACHKALA)
    assert line.passages == () and line.inland_km == 0


def test_rotterdam_to_singapore_goes_by_suez():
    start, end = PORTS["NLRTM"], PORTS["SGSIN"]
    line = route(start, end)
    assert_well_formed(line, start, end)
    assert_at_sea(line)
    assert passes(line, (32.35, 30.6), 15) and passes(line, (43.4, 12.6), 30)  # the canal; Bab-el-Mandeb
    assert {"gibraltar", "suez", "babalmandab", "malacca"} <= set(line.passages)
    assert 14_500 < line.km < 16_500  # about 8,300 nautical miles by Suez
    assert 100 < line.inland_km < 250  # the Suez Canal, about 190 km, which the 1:50m land closes


def test_novorossiysk_to_tartus_goes_through_the_bosporus_and_dardanelles():
    start = PORTS["RUNVS"]
    line = route(start, TARTUS)
    assert_well_formed(line, start, TARTUS)
    assert_at_sea(line)
    assert passes(line, (29.06, 41.12), 5) and passes(line, (26.40, 40.15), 5)  # Istanbul; Çanakkale narrows
    assert line.passages[:2] == ("bosporus", "dardanelles")
    assert line.km < 2.5 * distance_km(start, TARTUS)


def test_primorsk_to_mumbai_leaves_the_baltic_and_goes_by_suez():
    start, end = PORTS["RUPRI"], PORTS["INBOM"]
    line = route(start, end)
    assert_well_formed(line, start, end)
    assert_at_sea(line)
    first_100_km = [
        c for c, km in zip(line.coords, np.cumsum([0, *map(distance_km, line.coords, line.coords[1:])])) if km < 100
    ]
    assert all(22 < lon < 30 and 59 < lat < 60.8 for lon, lat in first_100_km)  # into the Gulf of Finland
    assert passes(line, (12.7, 56.0), 40) or passes(line, (10.9, 55.5), 40)  # the Sound or the Great Belt
    assert passes(line, (-5.6, 35.95), 20) and passes(line, (32.35, 30.6), 15)  # Gibraltar, Suez
    assert line.km < 2.6 * distance_km(start, end)


def test_vladivostok_petropavlovsk_nome_the_short_way_across_180():
    vladivostok, petropavlovsk = PORTS["RUVVO"], PORTS["RUPKC"]
    first = route(vladivostok, petropavlovsk)
    assert_well_formed(first, vladivostok, petropavlovsk)
    assert_at_sea(first)
    assert first.km < 1.4 * distance_km(vladivostok, petropavlovsk)
    second = route(petropavlovsk, NOME)
    assert_well_formed(second, petropavlovsk, NOME)
    assert_at_sea(second)
    assert second.coords[-1][0] == pytest.approx(NOME[0] + 360.0)  # east across 180, not back round the world
    assert max(lon for lon, _ in second.coords) < 200 and min(lon for lon, _ in second.coords) > 150
    assert second.km < 1.3 * distance_km(petropavlovsk, NOME)


def test_balboa_to_colon_through_the_panama_canal():
    start, end = PORTS["PABLB"], PORTS["PAONX"]
    line = route(start, end)
    assert_well_formed(line, start, end)
    assert_at_sea(line)
    assert line.passages == ("panama",)
    assert 40 < line.inland_km < line.km < 130  # the canal is about 80 km


def test_shanghai_to_new_york_by_panama_unless_the_arctic_is_open():
    start, end = PORTS["CNSHA"], PORTS["USNYC"]
    line = route(start, end)
    assert_well_formed(line, start, end)
    assert_at_sea(line)
    assert "panama" in line.passages and "northwest" not in line.passages
    assert passes(line, (-79.7, 9.15), 20)
    assert 18_500 < line.km < 21_000  # about 10,600 nautical miles
    arctic = route(start, end, avoid=())
    assert "northwest" in arctic.passages and arctic.km < line.km
    assert AVOID == {"northwest"} and AVOID <= world_passages()


def test_canals_and_lakes_the_land_does_not_open_are_inland_waterways():
    patras, piraeus = (21.73, 38.25), (23.63, 37.94)  # Wikipedia: 38°15′N 21°44′E; 37°56′N 23°38′E
    corinth = route(patras, piraeus)
    assert corinth.passages == ("corinth",) and corinth.inland_km > 6 and corinth.km < 250
    assert_at_sea(corinth)
    lakes = route(PORTS["USCHI"], PORTS["CAMTR"])  # Chicago to Montreal: the Great Lakes, the St Lawrence
    assert lakes.inland_km > 0.8 * lakes.km
    assert_at_sea(lakes)


def test_far_from_every_lane_there_is_no_sea_line():
    yining = PORTS["CNYIN"]  # in the Ili valley, more than 2,000 km from any lane
    assert world_sea_line(yining, PORTS["NLRTM"]) is None
    assert world_sea_line(PORTS["NLRTM"], yining) is None
    assert MAX_SNAP_KM < 2000


def test_two_points_in_open_water_are_joined_straight():
    a, b = (-40.0, 35.0), (-35.0, 33.0)  # the open Atlantic, west of the Azores
    line = route(a, b)
    assert len(line.coords) == 2 and line.km == pytest.approx(distance_km(a, b))
    across = route((50.0, 41.2), (50.2, 39.8))  # across the Absheron peninsula: round it instead
    assert len(across.coords) > 2 and across.over_land_km <= 2.0


def test_a_point_to_itself_is_a_line_of_no_length():
    line = route((-30.0, 40.0), (-30.0, 40.0))
    assert line.coords == ((-30.0, 40.0), (-30.0, 40.0)) and line.km == 0 and line.over_land_km == 0


def test_the_start_may_be_given_unwrapped():
    plain, shifted = route((-160.0, -20.0), (178.9, -18.0)), route((200.0, -20.0), (178.9, -18.0))
    assert shifted.km == pytest.approx(plain.km) and shifted.coords[0] == (200.0, -20.0)
    assert [lon - 360.0 for lon, _ in shifted.coords] == pytest.approx([lon for lon, _ in plain.coords])


def test_bad_input_is_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"not a \(lon, lat\) position; give longitude then latitude"):
        world_sea_line((36.9, 95.0), (30.0, 40.0))
    with pytest.raises(ValueError, match="unknown passage 'suezz' in avoid; the passages are .*suez"):
        world_sea_line(PORTS["NLRTM"], PORTS["SGSIN"], avoid=["suezz"])
    with pytest.raises(ValueError, match="at least two points"):
        SeaLine(((0.0, 0.0),), 0.0, 0.0, 0.0, (), 0.0, ())


def test_avoiding_suez_goes_round_africa():
    line = route(PORTS["NLRTM"], PORTS["SGSIN"], avoid={"suez", "northwest"})
    assert "suez" not in line.passages
    assert min(lat for _, lat in line.coords) < -33  # round the Cape of Good Hope
    assert_at_sea(line)


@pytest.mark.parametrize(
    ("a", "b", "most"),
    [
        ((50.0, 41.2), (50.2, 39.8), 5),  # round the Absheron peninsula, north to south
        ((49.6, 40.2), (50.6, 40.6), 3),  # round the Absheron peninsula, west to east
        ((131.70, 43.30), (132.10, 42.90), 5),  # Peter the Great Gulf, round Russky Island
        ((10.6, 57.8), (12.6, 56.0), 8),  # the Kattegat, round Skagen and the Swedish coast
    ],
)
def test_a_detour_round_land_takes_no_more_vertices_than_it_needs(a, b, most):
    # Each straight leg reaches as far along the detour as a clear line goes, the end included.
    path = water_path(a, b)
    assert land_stretches([a, b]) and path[0] == pytest.approx(a) and path[-1] == pytest.approx(b)
    assert len(path) <= most


def test_approaches_behind_land_are_redrawn():
    # searoute's ROMAG to USFHV: the lanes' ends lie behind land; redrawn, the approaches cross less of it
    # (112.8 km; 129.1 km when no approach is redrawn).
    assert world_sea_line(PORTS["ROMAG"], PORTS["USFHV"]).over_land_km < 120


def test_the_network_is_weighted_in_geodesic_km():
    from routes.geo.seaways import _network

    network = _network()
    rng = random.Random(3)
    edges = list(network.graph.edges(data=True))
    for u, v, data in rng.sample(edges, 50):
        a, b = network.points[u], network.points[v]
        assert data["km"] == pytest.approx(GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0)
    summary = world_network_summary()
    assert summary.vertices == network.graph.number_of_nodes() > 9000
    assert summary.edges == network.graph.number_of_edges() > 15000
    assert summary.lanes_km == pytest.approx(sum(d["km"] for _, _, d in edges))
    assert f"{summary.vertices:,} vertices" in summary.text()
    assert "searoute" in CREDIT and "Eurostat" in CREDIT and "Oak Ridge" in CREDIT
    assert "Apache" in TERMS and "EUPL" in TERMS


def coastal(point, ring_km=5.0):
    """A port at the coast: at sea, or with water within ``ring_km`` (1:50m/1:10m land)."""
    if not on_land([point])[0]:
        return True
    azimuths = np.arange(0.0, 360.0, 22.5)
    lons, lats, _ = GEOD.fwd(np.full(16, point[0]), np.full(16, point[1]), azimuths, np.full(16, ring_km * 1000.0))
    return not all(on_land(list(zip(lons, lats))))


def test_random_pairs_of_searoute_ports_stay_off_the_land():
    rng = random.Random(12)
    codes = sorted(PORTS)
    sea_ports = [c for c in codes if coastal(PORTS[c])]
    assert len(sea_ports) > 2000
    figures = []
    for _ in range(40):
        a, b = rng.sample(sea_ports, 2)
        line = world_sea_line(PORTS[a], PORTS[b])
        if line is None:  # a coastal port far from every lane (a remote island)
            continue
        assert_well_formed(line, PORTS[a], PORTS[b])
        figures.append((line.over_land_km, a, b))
    assert len(figures) >= 36
    worst = max(figures)
    assert worst[0] <= 5.0, worst
    assert sum(land <= 2.0 for land, _, _ in figures) >= 0.9 * len(figures)


def test_the_notice_for_exports_credits_the_lanes_and_leaves_other_cases_alone(mini):
    import routes
    from routes.load.licences import SEA_LANES, data_notices
    from tests.conftest import REPO

    case = routes.load_scenario(mini)
    assert data_notices(case) == []
    assert data_notices(case, world_sea=True) == [SEA_LANES]
    assert data_notices(case, basemap=True, world_sea=True)[-1] == SEA_LANES
    assert "Apache-2.0" in SEA_LANES.licence and "EUPL-1.2" in SEA_LANES.licence
    notice = (REPO / "LICENSES" / "searoute-MARNET-NOTICE.txt").read_text(encoding="utf-8")
    for fact in ("Apache License", "EUPL", "Oak Ridge", "Eurostat", "marnet_searoute.geojson", CREDIT.split(" (")[0]):
        assert fact in notice, fact
