"""No output over an input (issue 24 item 1): ``routes.load.reads`` and every writing command."""

import os

import pytest
from click.testing import CliRunner

from routes.cli import cli
from routes.errors import OutputError
from routes.load.reads import input_clash, note_read, tracking_reads
from routes.outputs.export import check_outputs, write_atomic

LINES = (
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "a"}, '
    '"geometry": {"type": "LineString", "coordinates": [[130.3, 42.25], [132.3, 42.88]]}}]}\n'
)


def test_same_file_by_any_name_link_or_hard_link(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text("a = 1\n")
    (tmp_path / "link.toml").symlink_to(case)
    os.link(case, tmp_path / "hard.toml")
    (tmp_path / "other.toml").write_text("a = 1\n")  # the same bytes, another file
    (tmp_path / "sub").mkdir()
    with tracking_reads():
        note_read(case)
        assert input_clash(tmp_path / "sub" / ".." / "case.toml") == str(case)
        assert input_clash(tmp_path / "link.toml") == str(case)
        assert input_clash(tmp_path / "hard.toml") == str(case)
        assert input_clash(tmp_path / "other.toml") is None
        assert input_clash(tmp_path / "new.toml") is None


def test_nothing_is_tracked_outside_a_block_and_blocks_start_fresh(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text("a = 1\n")
    note_read(case)
    assert input_clash(case) is None
    with tracking_reads():
        note_read(case)
        with tracking_reads():
            assert input_clash(case) is None
        assert input_clash(case) == str(case)
    assert input_clash(case) is None


def test_write_atomic_refuses_an_input_unless_it_is_meant_to_replace_it(tmp_path):
    nodes = tmp_path / "nodes.geojson"
    nodes.write_bytes(b"old")
    with tracking_reads():
        note_read(nodes)
        with pytest.raises(
            OutputError, match=r"^output .*nodes.geojson is the input .*nodes.geojson \(the same file\)"
        ):
            write_atomic(nodes, b"new")
        assert nodes.read_bytes() == b"old"
        write_atomic(nodes, b"new", replaces_input=True)  # routes place --add
    assert nodes.read_bytes() == b"new"


def test_check_outputs_refuses_before_creating_any_folder(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text("a = 1\n")
    with tracking_reads():
        note_read(case)
        with pytest.raises(OutputError, match="is the input"):
            check_outputs([tmp_path / "new" / "a.html", case], mkdir=True)
    assert not (tmp_path / "new").exists()


def _refused(args, inputs, tmp_path):
    """Run ``routes ARGS``: one error line naming the output and the input, exit 1, every
    input unchanged byte for byte, and no new file."""
    before = {p: p.read_bytes() for p in inputs}
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(cli, [str(a) for a in args])
    lines = result.stderr.splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 1 and lines[0].startswith("routes: error: output "), lines
    assert "is the input" in lines[0] and "nothing was written" in lines[0]
    assert {p: p.read_bytes() for p in inputs} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    return lines[0]


def test_render_refuses_its_scenario(mini, tmp_path):
    line = _refused(["render", mini, "-o", mini, "-q"], [mini], tmp_path)
    assert line.count("mini.toml") == 2


def test_render_refuses_its_node_file(mini, tmp_path):
    nodes = tmp_path / "nodes.geojson"
    _refused(["render", mini, "-o", nodes, "-q"], [mini, nodes], tmp_path)


def test_render_refuses_an_input_as_any_of_its_outputs(mini, tmp_path):
    nodes = tmp_path / "nodes.geojson"
    _refused(["render", mini, "-o", tmp_path / "map.html", "--embed", nodes, "-q"], [mini, nodes], tmp_path)


def test_render_of_a_line_file_refuses_it(tmp_path):
    lines = tmp_path / "lines.geojson"
    lines.write_text(LINES)
    _refused(["render", lines, "-o", lines, "-q"], [lines], tmp_path)


def test_export_refuses_its_node_file(mini, tmp_path):
    nodes = tmp_path / "nodes.geojson"
    _refused(["export", mini, "-o", nodes, "-q"], [mini, nodes], tmp_path)


def test_export_refuses_a_link_to_its_scenario(mini, tmp_path):
    (tmp_path / "link.geojson").symlink_to(mini)
    line = _refused(["export", mini, "-o", tmp_path / "link.geojson", "-q"], [mini], tmp_path)
    assert "link.geojson is the input" in line and line.count("mini.toml") == 1
    assert (tmp_path / "link.geojson").is_symlink()


def test_ledger_refuses_its_scenario(mini, tmp_path):
    _refused(["ledger", mini, "-o", mini], [mini], tmp_path)


def test_chart_refuses_a_hard_link_to_its_node_file(mini, tmp_path):
    nodes = tmp_path / "nodes.geojson"
    os.link(nodes, tmp_path / "chart.svg")
    _refused(["chart", mini, "-o", tmp_path / "chart.svg"], [mini, nodes], tmp_path)


def test_brief_refuses_its_scenario_behind_a_deck_name(mini, tmp_path):
    (tmp_path / "deck.html").symlink_to(mini)
    _refused(["brief", mini, "-o", tmp_path / "deck.html", "-q"], [mini], tmp_path)


def test_brief_refuses_an_input_among_its_step_pictures(mini, tmp_path):
    (tmp_path / "steps").mkdir()
    (tmp_path / "steps" / "step-01.png").symlink_to(tmp_path / "nodes.geojson")
    _refused(["brief", mini, "--png", tmp_path / "steps", "-q"], [mini, tmp_path / "nodes.geojson"], tmp_path)


def test_network_import_refuses_its_line_file(tmp_path):
    lines = tmp_path / "lines.geojson"
    lines.write_text(LINES)
    args = ["network", "import", lines, "--mode", "rail", "--source", "test", "--licence", "CC0-1.0", "-o", lines]
    _refused([*args, "-q"], [lines], tmp_path)


def test_network_import_refuses_its_node_file(mini, tmp_path):
    lines, nodes = tmp_path / "lines.geojson", tmp_path / "nodes.geojson"
    lines.write_text(LINES)
    args = ["network", "import", lines, "--mode", "rail", "--source", "test", "--licence", "CC0-1.0"]
    _refused([*args, "--nodes", nodes, "-o", nodes, "-q"], [lines, nodes], tmp_path)


def test_a_command_may_write_where_an_earlier_one_read(mini, tmp_path):
    """Each command has its own record: validating a file does not bar a later export to it."""
    out = tmp_path / "case.geojson"
    assert CliRunner().invoke(cli, ["export", str(mini), "-o", str(out), "-q"]).exit_code == 0
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code in (0, 1)
    result = CliRunner().invoke(cli, ["export", str(mini), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
