"""A user's network is checked on the map: sea lines at sea, rail lines on land."""

import json

import pytest
from click.testing import CliRunner

from routes import load_scenario
from routes.cli import cli
from routes.geo.terrain import MAX_LAND_KM, terrain_findings
from tests.conftest import write

NODES = [
    ("west", 49.9, 40.2, "port"),
    ("east", 50.0, 40.8, "port"),  # at sea south and north of Absheron
    ("makhach", 47.52, 42.98, "port"),
    ("aktau", 51.17, 43.65, "port"),
]


def case(tmp_path, mode, a, b, points=""):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": i,
                "name": i.title(),
                "aliases": [],
                "kind": k,
                "country": "AZ",
                "coord_confidence": "low",
                "coord_source": "test",
            },
        }
        for i, lon, lat, k in NODES
    ]
    write(tmp_path / "nodes.geojson", json.dumps({"type": "FeatureCollection", "features": features}))
    write(
        tmp_path / "net.toml",
        f'format_version = 1\nmode = "{mode}"\n[[segments]]\nid = "{a}-{b}"\nfrom = "{a}"\n'
        f'to = "{b}"\ngeometry_confidence = "low"\npoints = [{points}]\n',
    )
    return write(
        tmp_path / "case.toml",
        f'format_version = 1\nid = "t"\ntitle = "T"\nnodes = "nodes.geojson"\n'
        f'networks = ["net.toml"]\n[[routes]]\nid = "r"\nname = "R"\n'
        f'  [[routes.legs]]\n  from = "{a}"\n  to = "{b}"\n  mode = "{mode}"\n'
        f'  geometry_basis = "assumed"\n',
    )


def test_a_straight_sea_segment_across_the_absheron_peninsula_is_reported(tmp_path):
    path = case(tmp_path, "sea", "west", "east")
    (finding,) = terrain_findings(load_scenario(path))
    assert 20 < finding.km < 35 and finding.km > MAX_LAND_KM and not finding.drawn_by_routes  # the peninsula's width
    line = str(finding.problem())
    assert line.endswith(
        "net.toml: segment 'west-east', field 'points': the sea line crosses 27 km of land near 49.9 E 40.5 N; "
        "add shape points that keep it at sea (follow the coast and the fairways)"
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1 and "km of land near" in result.stderr and "ok:" not in result.stdout


def test_the_same_leg_kept_at_sea_passes(tmp_path):
    # Round the peninsula's eastern tip, at sea.
    points = '{ name = "south-east of Absheron", lon = 50.6, lat = 40.3, source = "test" }, { name = "off the tip", lon = 50.7, lat = 40.6, source = "test" }'
    path = case(tmp_path, "sea", "west", "east", points)
    assert terrain_findings(load_scenario(path)) == []
    assert CliRunner().invoke(cli, ["validate", str(path)]).exit_code == 0


def test_a_rail_segment_across_the_caspian_is_reported(tmp_path):
    path = case(tmp_path, "rail", "makhach", "aktau")
    (finding,) = terrain_findings(load_scenario(path))
    assert finding.km == pytest.approx(300, abs=60)  # the Caspian is about 300 km wide here
    assert "km of open water near" in str(finding.problem())


def test_the_bundled_cases_stay_in_their_elements():
    for scenario in ("dprk-russia-2023", "dprk-russia-2023-2025"):
        assert terrain_findings(load_scenario(scenario)) == []
