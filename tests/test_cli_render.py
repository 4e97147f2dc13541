import pytest
from click.testing import CliRunner

import routes
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
    mini.write_text(
        text.replace('status = "claimed"', 'status = "rumoured"').replace('unit = "containers"', 'unit = "boxes"')
    )
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
    # Without --debug the CLI prints one line and exits 1 (click's runner then records SystemExit(1));
    # with it the error itself propagates, traceback and all.
    result = runner.invoke(cli, ["--debug", "render", "nope"])
    assert result.exit_code != 0
    assert isinstance(result.exception, routes.UnknownScenarioError)
    assert isinstance(runner.invoke(cli, ["render", "nope"]).exception, SystemExit)


def test_help_has_examples(runner):
    result = runner.invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    assert "routes render dprk-russia-2023 -o briefing.html" in result.output


def test_offline_render_with_banner_and_view(runner, tmp_path):
    out = tmp_path / "offline.html"
    result = runner.invoke(
        cli,
        [
            "render",
            "-o",
            str(out),
            "--offline",
            "--banner",
            "DRAFT  not for release",
            "--view",
            "najin-tikhoretsk/najin-dunay",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert '"banner":"DRAFT not for release"' in html and '"basemap":{' in html
    assert "arcgisonline" not in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bounds", "1,2,3"], "is not WEST,SOUTH,EAST,NORTH"),
        (["--bounds", "10,50,5,40"], "need west < east and south < north"),
        (["--banner", "   "], "give 1-200 printable characters"),
        (["--view", "najin-dunay"], "view 'najin-dunay' is neither a leg nor a node"),
        (["--bounds", "1,2,3,4", "--view", "najin"], "give --bounds or --view, not both"),
    ],
)
def test_bad_view_options(runner, tmp_path, args, message):
    result = runner.invoke(cli, ["render", "-o", str(tmp_path / "x.html"), *args])
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_png_without_chromium_is_one_clear_error(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("ROUTES_CHROMIUM", str(tmp_path / "missing"))
    result = runner.invoke(cli, ["render", "--png", str(tmp_path / "map.png")])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("routes: error: ") and "apt-get install chromium" in line
    assert list(tmp_path.iterdir()) == []


def test_embed_fragment_keeps_the_page_in_a_sandboxed_iframe(runner, tmp_path):
    import html
    from html.parser import HTMLParser

    out = tmp_path / "fragment.html"
    result = runner.invoke(
        cli, ["render", "--offline", "--embed", str(out), "--width", "1200", "--height", "600", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    fragment = out.read_text(encoding="utf-8")

    class Frames(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                self.found.append(dict(attrs))

    parser = Frames()
    parser.feed(fragment)
    [frame] = parser.found
    assert frame["srcdoc"].startswith("<!DOCTYPE html>") and "routesInit" in frame["srcdoc"]
    assert "allow-same-origin" not in frame["sandbox"]
    assert "padding-top:50.0000%" in fragment
    assert html.unescape(frame["title"]) == routes.load_scenario("dprk-russia-2023").title


@pytest.mark.browser
def test_png_from_the_command_line(runner, tmp_path, browser):
    out = tmp_path / "map.png"
    result = runner.invoke(cli, ["render", "--png", str(out), "--width", "1000", "--height", "700", "-q"])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_a_preset_sets_the_page_size(runner, tmp_path, browser):
    import struct

    out = tmp_path / "card.png"
    result = runner.invoke(cli, ["render", "--png", str(out), "--preset", "social", "-q"])
    assert result.exit_code == 0, result.stderr
    width, height = struct.unpack(">II", out.read_bytes()[16:24])  # the PNG's IHDR
    assert (width, height) == (1200, 675)


def test_a_preset_and_a_size_together_are_refused(runner, tmp_path):
    result = runner.invoke(
        cli, ["render", "--png", str(tmp_path / "x.png"), "--preset", "slide-16x9", "--width", "800"]
    )
    assert result.exit_code == 2 and "--preset or --width/--height" in result.stderr
    unknown = runner.invoke(cli, ["render", "--png", str(tmp_path / "x.png"), "--preset", "poster"])
    assert unknown.exit_code == 2 and "slide-16x9" in unknown.stderr


def test_print_defaults_to_the_conic_projection_and_the_locator_and_the_page_does_not(runner, tmp_path, monkeypatch):
    """`render --png` draws a large extent in the conic projection with the locator; the HTML
    page of the same run stays Web Mercator without it; --projection mercator --no-locator
    give the old picture. (The snapshot itself is replaced: what is checked is the map it gets.)"""
    import routes.outputs.export
    import routes.outputs.snapshots

    taken = []

    class Session:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

    def fake_snapshot(fmap, path, kind, **kwargs):
        taken.append(fmap.get_root().render())
        path.write_bytes(b"")
        return path

    monkeypatch.setattr(routes.outputs.snapshots, "SnapshotSession", Session)
    monkeypatch.setattr(routes.outputs.snapshots, "find_chromium", lambda: "chromium")
    monkeypatch.setattr(routes.outputs.snapshots, "require_playwright", lambda: None)
    monkeypatch.setattr(routes.outputs.export, "write_snapshot", fake_snapshot)
    page = tmp_path / "page.html"
    result = runner.invoke(cli, ["render", "--offline", "-o", str(page), "--png", str(tmp_path / "a.png"), "-q"])
    assert result.exit_code == 0, result.output
    assert '"code":"ROUTES:LCC"' in taken[0] and '"locator":{' in taken[0]
    html = page.read_text(encoding="utf-8")
    assert "ROUTES:LCC" not in html and '"locator":null' in html
    args = ["render", "--png", str(tmp_path / "b.png"), "--projection", "mercator", "--no-locator", "-q"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "ROUTES:LCC" not in taken[1] and '"locator":null' in taken[1]
