from click.testing import CliRunner

import routes
from routes.cli import cli


def test_new_writes_a_scenario_that_validates_and_renders(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "my-case", "-d", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    scenario = tmp_path / "my-case.toml"
    assert result.stdout.splitlines() == [str(scenario), str(tmp_path / "my-case-nodes.geojson")]
    assert "# my-case: a routes scenario" in scenario.read_text()
    case = routes.load_scenario(scenario)
    assert case.id == "my-case"
    out = tmp_path / "my-case.html"
    assert runner.invoke(cli, ["render", str(scenario), "-o", str(out), "-q"]).exit_code == 0
    assert "REPLACE: what the map shows" in out.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite_and_bad_names(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["new", "case", "-d", str(tmp_path)]).exit_code == 0
    again = runner.invoke(cli, ["new", "case", "-d", str(tmp_path)])
    assert again.exit_code == 2 and "already exist; use --force" in again.stderr
    assert runner.invoke(cli, ["new", "case", "-d", str(tmp_path), "--force"]).exit_code == 0
    bad = runner.invoke(cli, ["new", "My Case", "-d", str(tmp_path)])
    assert bad.exit_code == 2 and "is not a slug" in bad.stderr
