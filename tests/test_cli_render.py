import pytest
from click.testing import CliRunner

from routes.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def test_render_default_case_into_maps_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "maps/dprk-russia-2023.html"
    html = (tmp_path / "maps" / "dprk-russia-2023.html").read_text(encoding="utf-8")
    assert "more than 1,000 containers" in html
    assert "Loading scenario" in result.stderr  # progress goes to stderr


def test_render_to_a_named_file_quietly(runner, tmp_path):
    out = tmp_path / "briefing.html"
    result = runner.invoke(cli, ["render", "dprk-russia-2023", "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert out.exists()


def test_render_error_is_one_line_per_problem_and_writes_nothing(runner, tmp_path, mini):
    text = mini.read_text()
    mini.write_text(text.replace('status = "claimed"', 'status = "rumoured"').replace('unit = "containers"', 'unit = "boxes"'))
    out = tmp_path / "out.html"
    result = runner.invoke(cli, ["render", str(mini), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("routes: error:")]
    assert len(errors) == 2
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()


def test_failed_render_leaves_existing_output(runner, tmp_path, mini):
    out = tmp_path / "out.html"
    out.write_text("previous map")
    mini.write_text(mini.read_text().replace('published = "2023-10-13"', 'published = "13/10/2023"'))
    result = runner.invoke(cli, ["render", str(mini), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text() == "previous map"


def test_unknown_scenario(runner):
    result = runner.invoke(cli, ["render", "nope"])
    assert result.exit_code == 1
    assert "'nope' is neither a scenario file nor a bundled scenario" in result.stderr


def test_debug_shows_the_traceback(runner):
    result = runner.invoke(cli, ["--debug", "render", "nope"])
    assert result.exit_code != 0
    assert result.exception is not None


def test_help_has_examples(runner):
    result = runner.invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    assert "routes render dprk-russia-2023 -o briefing.html" in result.output
