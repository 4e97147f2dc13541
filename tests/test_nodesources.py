"""Node files composed and read in other schemas: "bundled" next to the user's, foreign files by field names."""

import json

import pytest
from click.testing import CliRunner

from routes import ValidationError, load_scenario
from routes.cli import cli
from routes.load.nodesources import NodeSource, load_node_sources, slug_of, source_from_text
from tests.conftest import MINIMAL_SCENARIO, write


def feature(lon, lat, **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def own(node_id, lon, lat, *, name=None, kind="port", country="RU"):
    """A node record in the routes schema (the user's own file)."""
    return feature(
        lon,
        lat,
        id=node_id,
        name=name or node_id.replace("-", " ").title(),
        aliases=[],
        kind=kind,
        country=country,
        coord_confidence="low",
        coord_source="test position",
    )


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


@pytest.fixture
def foreign_ports(tmp_path):
    """Three ports keyed by UN/LOCODE, as another tool writes them (no provenance, no ISO code)."""
    return write(
        tmp_path / "ports.geojson",
        collection(
            feature(4.28, 51.95, port="NLRTM", name="Rotterdam", cty="Netherlands"),
            feature(103.85, 1.26, port="SGSIN", name="Singapore"),
            feature(
                47.52,
                42.98,
                port="RUMCX",
                name="Makhachkala",
                coord_source="Makhachkala port authority",
                coord_confidence="medium",
            ),
        ),
    )


def test_foreign_file_by_field_names(foreign_ports):
    frame, warnings = load_node_sources(
        [source_from_text(foreign_ports, id_field="port", name_field="name", kind="port")]
    )
    rows = frame.set_index("id")
    assert list(rows.index) == ["nlrtm", "rumcx", "sgsin"]
    assert rows.loc["nlrtm", "aliases"] == ["NLRTM"] and rows.loc["nlrtm", "name"] == "Rotterdam"
    # Countries come from the Natural Earth polygon each point lies in or next to.
    assert rows["country"].to_dict() == {"nlrtm": "NL", "rumcx": "RU", "sgsin": "SG"}
    assert set(rows["kind"]) == {"port"}
    # Provenance: unstated ones are marked so and low, said once; stated ones are kept.
    assert rows.loc["sgsin", "coord_source"] == "unstated" and rows.loc["sgsin", "coord_confidence"] == "low"
    assert (
        rows.loc["rumcx", "coord_source"] == "Makhachkala port authority"
        and rows.loc["rumcx", "coord_confidence"] == "medium"
    )
    assert len([w for w in warnings if "state no coordinate source" in w]) == 1
    assert "2 of 3 records" in warnings[0]


def test_wrong_id_field_is_one_line_with_a_suggestion(foreign_ports):
    with pytest.raises(ValidationError) as caught:
        load_node_sources([source_from_text(foreign_ports, id_field="prt")])
    (problem,) = caught.value.problems
    assert "no record has the field 'prt'" in str(problem) and "did you mean 'port'?" in str(problem)


def test_repeated_foreign_keys_are_numbered_with_a_warning(tmp_path):
    path = write(
        tmp_path / "p.geojson",
        collection(
            feature(125.6, 7.1, port="PHDVO", name="Davao"), feature(125.7, 7.0, port="PHDVO", name="Davao, Mindanao")
        ),
    )
    frame, warnings = load_node_sources([NodeSource(path, id_field="port")])
    assert sorted(frame["id"]) == ["phdvo", "phdvo-2"]
    assert any("1 records repeat the port" in w for w in warnings)


def test_csv_with_lon_lat_columns(tmp_path):
    path = write(
        tmp_path / "stations.csv", "code,Name,Longitude,Latitude\nYEL,Yelabuga,52.05,55.76\nKZN,Kazan,49.11,55.79\n"
    )
    frame, _ = load_node_sources([source_from_text(path, id_field="code", name_field="Name", kind="station")])
    assert (
        sorted(frame["id"]) == ["kzn", "yel"] and set(frame["country"]) == {"RU"} and set(frame["kind"]) == {"station"}
    )
    bad = write(tmp_path / "bad.csv", "code,x_coord\nA,1\n")
    with pytest.raises(ValidationError, match="no longitude/latitude columns"):
        load_node_sources([source_from_text(bad, id_field="code")])


def test_bundled_next_to_own_nodes_and_duplicate_ids_once(tmp_path):
    mine = write(
        tmp_path / "mine.geojson",
        collection(
            own("yelabuga-x", 52.05, 55.76, kind="site"),
            own("najin", 130.3, 42.25, name="My Najin", country="KP"),
        ),
    )
    with pytest.raises(ValidationError) as caught:
        load_node_sources([NodeSource(), NodeSource(mine)])
    (problem,) = caught.value.problems  # one line for the one repeated id
    assert "mine.geojson" in str(problem) and "id 'najin' is also in the bundled node file" in str(problem)


def test_scenario_names_bundled_and_its_own_file(tmp_path):
    write(
        tmp_path / "nodes.geojson",
        collection(own("my-site", 62.0, 66.0, name="My site", kind="site")),
    )
    text = (
        MINIMAL_SCENARIO.replace('nodes = "nodes.geojson"', 'nodes = ["bundled", "nodes.geojson"]')
        .replace("networks = []", 'networks = ["bundled:rail"]')
        .replace('from = "a-port"', 'from = "kazan"')
        .replace('to = "b-port"', 'to = "my-site"')
        .replace('mode = "air"', 'mode = "rail"')
    )
    case = load_scenario(write(tmp_path / "case.toml", text))
    assert {"najin", "my-site"} <= set(case.nodes["id"])
    assert any("no rail network joins 'kazan' and 'my-site'" in w for w in case.warnings)


def test_bundled_network_with_own_nodes_only_says_how_to_merge(tmp_path):
    write(
        tmp_path / "nodes.geojson",
        collection(
            own("a-port", 52.05, 55.76, name="A"),
            own("b-port", 53.05, 55.76, name="B"),
        ),
    )
    text = MINIMAL_SCENARIO.replace("networks = []", 'networks = ["bundled"]')
    with pytest.raises(ValidationError) as caught:
        load_scenario(write(tmp_path / "case.toml", text))
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 2  # one per bundled network file, not one per segment end
    assert all('nodes = ["bundled", "my-nodes.geojson"]' in line for line in lines)


def test_unknown_bundled_network_name(tmp_path):
    write(
        tmp_path / "nodes.geojson",
        collection(own("a-port", 52.05, 55.76, name="A")),
    )
    text = MINIMAL_SCENARIO.replace("networks = []", 'networks = ["bundled:ferry"]')
    with pytest.raises(ValidationError, match="no bundled network is called 'ferry'"):
        load_scenario(write(tmp_path / "case.toml", text))


def test_nodes_command_reads_a_foreign_file(foreign_ports):
    result = CliRunner().invoke(
        cli, ["nodes", "--nodes", str(foreign_ports), "--id-field", "port", "--node-kind", "port"]
    )
    assert result.exit_code == 0, result.output
    assert "rumcx" in result.stdout and "Makhachkala (RUMCX)" in result.stdout
    assert "routes: warning:" in result.stderr and "state no coordinate source" in result.stderr


def test_slug_of_keeps_letters_and_digits():
    assert slug_of("  Bandar-e Anzali ") == "bandar-e-anzali" and slug_of("ÅLESUND") == "alesund"
