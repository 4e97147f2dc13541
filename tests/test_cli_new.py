import re
import tomllib

import pytest
from click.testing import CliRunner

import routes
from routes.cli import cli
from routes.gazetteer.places import find_places


def test_new_writes_a_scenario_that_renders_and_validate_lists_its_placeholders(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "my-case", "-d", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    scenario = tmp_path / "my-case.toml"
    assert result.stdout.splitlines() == [str(scenario), str(tmp_path / "my-case-nodes.geojson")]
    assert "# my-case: a routes scenario" in scenario.read_text()
    case = routes.load_scenario(scenario)
    assert case.id == "my-case"
    out = tmp_path / "my-case.html"
    rendered = runner.invoke(cli, ["render", str(scenario), "-o", str(out), "-q"])
    assert rendered.exit_code == 0
    assert "REPLACE: what the map shows" in out.read_text(encoding="utf-8")
    warning = (
        f"routes: warning: 11 placeholders of 'routes new' left ({scenario}: 'REPLACE: what the map shows', ...); "
        "'routes validate my-case.toml' lists them"
    )
    assert rendered.stderr.splitlines() == [warning]
    # Untouched, the starter does not validate: one line a placeholder, with file, record, field and fix.
    validated = runner.invoke(cli, ["validate", str(scenario)])
    assert validated.exit_code == 1 and "ok:" not in validated.stdout
    errors = validated.stderr.splitlines()
    texts = {path: path.read_text(encoding="utf-8") for path in tmp_path.glob("my-case*.*") if path != out}
    assert len(errors) == sum(text.count("REPLACE:") for text in texts.values()) == 11
    assert errors[0] == (
        f"routes: error: {scenario}: field 'title': 'REPLACE: what the map shows' is a placeholder of "
        "'routes new'; write what the map shows"
    )
    assert (
        f"routes: error: {scenario}: claim 'first-claim' source 1, field 'publisher': 'REPLACE: the publisher' "
        "is a placeholder of 'routes new'; write the publisher"
    ) in errors
    assert (
        f"routes: error: {tmp_path / 'my-case-nodes.geojson'}: feature 1 'destination-port', field "
        "'coord_source': 'REPLACE: where this coordinate comes from' is a placeholder of 'routes new'; "
        "write where this coordinate comes from"
    ) in errors
    # The node file alone says the same of its own placeholders.
    nodes_only = runner.invoke(cli, ["validate", str(tmp_path / "my-case-nodes.geojson")])
    assert nodes_only.exit_code == 1 and len(nodes_only.stderr.splitlines()) == 2
    # Each value written, the case validates and renders without a word.
    for path, text in texts.items():
        path.write_text(re.sub(r"REPLACE: ?", "Filled in: ", text), encoding="utf-8")
    done = runner.invoke(cli, ["validate", str(scenario)])
    assert done.exit_code == 0 and done.stderr == "", done.output
    assert runner.invoke(cli, ["render", str(scenario), "-o", str(out), "-q"]).stderr == ""


def test_new_refuses_to_overwrite_and_bad_names(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["new", "case", "-d", str(tmp_path)]).exit_code == 0
    again = runner.invoke(cli, ["new", "case", "-d", str(tmp_path)])
    assert again.exit_code == 2 and "already exist; use --force" in again.stderr
    assert runner.invoke(cli, ["new", "case", "-d", str(tmp_path), "--force"]).exit_code == 0
    bad = runner.invoke(cli, ["new", "My Case", "-d", str(tmp_path)])
    assert bad.exit_code == 2 and "is not a slug" in bad.stderr


# --- routes new --stops ---------------------------------------------------------------------------

#: What load_scenario may still say of a starter made from stops: only that a network is missing
#: for a leg (the world sea network and assumed land lines take those over; see issue 12).
NETWORK_GAPS = re.compile(r"no (sea|rail) (path|lane|network)")


def new_with_stops(tmp_path, *args):
    result = CliRunner().invoke(cli, ["new", "case", "-d", str(tmp_path), *args])
    toml = tmp_path / "case.toml"
    nodes = tmp_path / "case-nodes.geojson"
    return result, toml, nodes


def legs_of(toml):
    [route] = tomllib.loads(toml.read_text(encoding="utf-8"))["routes"]
    return route, [(leg["from"], leg["to"], leg["mode"], leg["geometry_basis"]) for leg in route["legs"]]


def check_loads(toml, leg_ids):
    try:
        case = routes.load_scenario(toml)
    except routes.ValidationError as exc:  # only a missing network may stop it
        assert all(NETWORK_GAPS.search(p.message) for p in exc.problems), [str(p) for p in exc.problems]
    else:
        assert [leg.id for leg in case.legs_specs] == leg_ids


def test_new_with_stops_writes_their_nodes_and_a_route_through_them(tmp_path):
    result, toml, nodes = new_with_stops(tmp_path, "--stops", "Novorossiysk, Tartus, Homs")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(toml), str(nodes)]
    frame = routes.load_nodes(nodes).set_index("id")
    # The ids are what the user typed: "Tartus" is tartus, though GeoNames and UN/LOCODE spell it Tartous.
    assert sorted(frame.index) == ["homs", "novorossiysk", "tartus"]
    for stop, node_id in (("Novorossiysk", "novorossiysk"), ("Tartus", "tartus"), ("Homs", "homs")):
        best = find_places(stop)[0]
        node = frame.loc[node_id]
        assert (node.geometry.x, node.geometry.y) == (best.lon, best.lat)
        assert node["coord_source"] == best.coord_source and "check it with 'routes place" in node["note"]
    assert frame.loc["homs", "kind"] == "station" and frame.loc["homs", "coord_confidence"] == "low"
    assert frame.loc["tartus", "name"] == find_places("Tartus")[0].name != "Tartus"
    assert frame.loc["tartus", "aliases"] == ["Tartus"]
    route, legs = legs_of(toml)
    assert legs == [("novorossiysk", "tartus", "sea", "assumed"), ("tartus", "homs", "rail", "assumed")]
    assert route["name"] == f"Novorossiysk → {find_places('Tartus')[0].name} → Homs"
    assert "default: sea where both ends are ports, else rail" in result.stderr
    text = toml.read_text(encoding="utf-8")
    assert 'nodes = "case-nodes.geojson"  # your stops, from the gazetteer: CHECK each one' in text
    check_loads(toml, ["main-route/novorossiysk-tartus", "main-route/tartus-homs"])


def test_stops_that_are_bundled_nodes_are_copied_under_routes_ids(tmp_path):
    result, toml, nodes = new_with_stops(tmp_path, "--stops", "Amirabad, Makhachkala, Yelabuga")
    assert result.exit_code == 0, result.stderr
    assert "a copy of routes' bundled node 'amirabad' (port, confidence medium)" in result.stderr
    data = tomllib.loads(toml.read_text(encoding="utf-8"))
    assert data["nodes"] == "case-nodes.geojson" and data["networks"] == []
    frame = routes.load_nodes(nodes).set_index("id")
    assert list(frame.index) == ["amirabad", "makhachkala", "yelabuga"]
    bundled = routes.load_nodes(routes.bundled_path("ports.geojson")).set_index("id")
    for node in ("amirabad", "makhachkala"):
        assert frame.loc[node, "geometry"] == bundled.loc[node, "geometry"]
        assert frame.loc[node, "coord_source"] == bundled.loc[node, "coord_source"]
    assert legs_of(toml)[1] == [
        ("amirabad", "makhachkala", "sea", "assumed"),
        ("makhachkala", "yelabuga", "rail", "assumed"),
    ]
    check_loads(toml, ["main-route/amirabad-makhachkala", "main-route/makhachkala-yelabuga"])
    # No network named: the rail leg follows routes' bundled rail lines, and loading says so.
    rail = routes.load_scenario(toml).warnings[1]
    assert "the leg follows routes' bundled rail network (bundled networks/rail.toml)" in rail
    # Every stop bundled: the node file its --help promises is still written, and used.
    only_bundled, toml2, nodes2 = new_with_stops(tmp_path / "b", "--stops", "Makhachkala, Alabuga", "--mkdir")
    assert only_bundled.exit_code == 0, only_bundled.stderr
    assert only_bundled.stdout.splitlines() == [str(toml2), str(nodes2)]
    assert sorted(routes.load_nodes(nodes2)["id"]) == ["alabuga", "makhachkala"]
    assert tomllib.loads(toml2.read_text(encoding="utf-8"))["nodes"] == "case-nodes.geojson"
    check_loads(toml2, ["main-route/makhachkala-alabuga"])
    assert (
        "Write NAME.toml (a commented starter scenario) and NAME-nodes.geojson."
        in CliRunner().invoke(cli, ["new", "--help"]).stdout
    )


def test_new_with_stops_takes_modes_and_countries(tmp_path):
    result, toml, nodes = new_with_stops(tmp_path, "--stops", "Rotterdam (US), Kazan (TR)", "--modes", "road")
    assert result.exit_code == 0, result.stderr
    frame = routes.load_nodes(nodes).set_index("id")
    assert frame.loc["rotterdam", "country"] == "US" and frame.loc["kazan", "country"] == "TR"
    assert set(frame["kind"]) == {"site"} and set(frame["coord_confidence"]) == {"low"}
    assert "Town centre (GeoNames" in frame.loc["kazan", "note"]
    assert [leg[2] for leg in legs_of(toml)[1]] == ["road"]
    assert "(--modes)" in result.stderr


def test_new_with_stops_warns_when_a_name_is_in_several_countries(tmp_path):
    result, _, nodes = new_with_stops(tmp_path, "--stops", "Rotterdam, Kazan (TR)", "--modes", "rail")
    assert result.exit_code == 0, result.stderr
    assert re.search(
        r"stop 1 'Rotterdam': Rotterdam, NL, .*candidates in NL, US: write 'Rotterdam \(CC\)'", result.stderr
    )
    assert routes.load_nodes(nodes).set_index("id").loc["rotterdam", "country"] == "NL"


def test_a_route_may_come_back_to_a_stop(tmp_path):
    result, toml, nodes = new_with_stops(tmp_path, "--stops", "Makhachkala, Yelabuga, Makhachkala", "--modes", "rail")
    assert result.exit_code == 0, result.stderr
    assert list(routes.load_nodes(nodes)["id"]) == ["makhachkala", "yelabuga"]
    assert [(a, b) for a, b, *_ in legs_of(toml)[1]] == [("makhachkala", "yelabuga"), ("yelabuga", "makhachkala")]


@pytest.mark.parametrize(
    "args, status, message",
    [
        (["--stops", "Makhachkala, Makhachkalla"], 1, "no place called 'Makhachkalla'"),
        (["--stops", "Makhachkala, Yelabuga", "--modes", "sea,rail"], 2, "2 modes for 1 legs"),
        (["--stops", "Makhachkala, Yelabuga", "--modes", "boat"], 2, "'boat' is not one of"),
        (["--stops", "Makhachkala, Makhachkala"], 2, "follows itself"),
        (["--stops", "Makhachkala"], 2, "at least two stops"),
        (["--stops", "Makhachkala,,Yelabuga"], 2, "has an empty stop"),
        (["--modes", "rail"], 2, "--modes needs --stops"),
    ],
)
def test_new_with_bad_stops_says_what_is_wrong(tmp_path, args, status, message):
    result, toml, nodes = new_with_stops(tmp_path, *args)
    assert result.exit_code == status and message in result.stderr
    assert not toml.exists() and not nodes.exists()
