"""Where the writing commands write (issue 24 item 5): --mkdir, links, one line when refused."""

from click.testing import CliRunner

from routes.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_missing_output_folder_is_one_line_and_not_created(mini, tmp_path):
    out = tmp_path / "reports" / "ledger.md"
    result = run("ledger", mini, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"routes: error: {out.parent}: no such folder for the output {out}; create it, or add --mkdir to create it\n"
    )
    assert not out.parent.exists()


def test_mkdir_creates_it(mini, tmp_path):
    out = tmp_path / "reports" / "2026" / "case.geojson"
    result = run("export", mini, "-o", out, "--mkdir", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n" and out.read_text(encoding="utf-8").startswith("{")


def test_every_writing_command_takes_mkdir():
    for command in (["render"], ["export"], ["ledger"], ["chart"], ["brief"], ["network", "import"], ["observe"]):
        result = run(*command, "--help")
        assert "--mkdir" in result.stdout, command
        assert "symbolic link stays one" in " ".join(result.stdout.split()), command


def test_brief_png_folder_needs_mkdir(mini, tmp_path):
    result = run("brief", mini, "--png", tmp_path / "slides", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"routes: error: {tmp_path / 'slides'}: no such folder for the output ")
    assert not (tmp_path / "slides").exists()


def test_render_writes_through_a_link(mini, tmp_path):
    (tmp_path / "site").mkdir()
    page = tmp_path / "site" / "case.html"
    page.write_text("old")
    (tmp_path / "case.html").symlink_to(page)
    result = run("render", mini, "-o", tmp_path / "case.html", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "case.html").is_symlink()
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_creates_its_default_folder_and_says_so(mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", mini)
    assert result.exit_code == 0, result.output
    assert "Creating the folder maps for the page" in result.stderr
    assert (tmp_path / "maps" / "mini.html").exists()


def test_new_and_route_need_mkdir_too(tmp_path):
    folder = tmp_path / "cases"
    refused = run("new", "my-case", "-d", folder)
    assert refused.exit_code == 1 and "add --mkdir to create it" in refused.stderr
    assert not folder.exists()
    assert run("new", "my-case", "-d", folder, "--mkdir").exit_code == 0
    assert (folder / "my-case.toml").exists()
    out = tmp_path / "routes" / "najin-dunay.geojson"
    refused = run("route", "najin", "dunay", "-o", out, "-q")
    assert refused.exit_code == 1 and refused.stderr.endswith("add --mkdir to create it\n")
    assert run("route", "najin", "dunay", "-o", out, "--mkdir", "-q").exit_code == 0 and out.exists()
