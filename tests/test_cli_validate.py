from click.testing import CliRunner

import routes
from routes import bundled_path
from routes.cli import cli


def test_validate_bundled_files():
    result = CliRunner().invoke(
        cli,
        [
            "validate",
            "dprk-russia-2023",
            str(bundled_path("ports.geojson")),
            str(bundled_path("networks", "rail.toml")),
        ],
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    claims = len(routes.load_scenario("dprk-russia-2023").claims)
    assert lines[0].startswith("ok: ") and f"(scenario: 1 routes, 2 legs, {claims} claims)" in lines[0]
    assert "(nodes: " in lines[1] and "(network: " in lines[2]


def test_validate_reports_every_file_and_exits_1(tmp_path, mini):
    bad_nodes = tmp_path / "bad.geojson"
    bad_nodes.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"geometry": {"type": "Point", "coordinates": [42.25, 130.3]}, "properties": {"id": "x"}}]}'
    )
    result = CliRunner().invoke(cli, ["validate", str(mini), str(bad_nodes), str(tmp_path / "missing.toml")])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"ok: {mini}")
    errors = result.stderr.splitlines()
    assert any("look swapped" in e for e in errors)
    assert any("field 'name': missing; add it" in e for e in errors)
    assert any("missing.toml: file not found" in e for e in errors)
    assert all(e.startswith("routes: error: ") for e in errors)
    assert "Traceback" not in result.stderr


def test_validate_binary_garbage(tmp_path):
    garbage = tmp_path / "case.toml"
    garbage.write_bytes(b"\x00\xff" * 100)
    result = CliRunner().invoke(cli, ["validate", str(garbage)])
    assert result.exit_code == 1
    assert result.stderr == f"routes: error: {garbage}: is a binary file, not text; give a UTF-8 text file\n"
