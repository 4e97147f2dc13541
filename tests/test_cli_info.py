from click.testing import CliRunner

from routes.cli import cli


def test_info_lists_legs_distances_and_claims():
    result = CliRunner().invoke(cli, ["info"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "najin-tikhoretsk/najin-dunay" in out and "sea" in out
    assert "assumed (low)" in out
    assert "more than 1,000 containers" in out
    assert "wh-2023-10-13-return" in out
    assert "never added up" in out


def test_scenarios_lists_bundled_ids():
    result = CliRunner().invoke(cli, ["scenarios"])
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "dprk-russia-2023",
        "dprk-russia-2023-2025",
        "iran-russia-caspian",
    ]


def test_python_dash_m_routes():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "routes", "--help"], capture_output=True, text=True, check=True)
    assert "Trustworthy maps of claimed logistics flows" in result.stdout


def test_info_keeps_each_claim_on_one_line(mini):
    mini.write_text(mini.read_text().replace('claimant = "Someone"', 'claimant = "Some\\none"'))
    result = CliRunner().invoke(cli, ["info", str(mini)])
    assert result.exit_code == 0, result.stderr
    assert any(line.startswith("c-1") and "Some one" in line for line in result.stdout.splitlines())
