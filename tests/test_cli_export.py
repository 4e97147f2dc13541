import json

from click.testing import CliRunner

from routes.cli import cli


def test_export_writes_geojson(tmp_path):
    out = tmp_path / "case.geojson"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "wh-2023-10-13" in {c["id"] for c in data["claims"]}


def test_export_to_stdout():
    result = CliRunner().invoke(cli, ["export", "dprk-russia-2023", "-o", "-", "-q"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["format_version"] == "1.0"


def test_export_needs_an_output():
    result = CliRunner().invoke(cli, ["export"])
    assert result.exit_code == 2
    assert "Missing option '-o'" in result.stderr


def test_export_kml_by_flag_or_extension(tmp_path):
    import xml.etree.ElementTree as ET

    for args, name in ((["--kml"], "a.xml"), ([], "b.kml")):
        out = tmp_path / name
        result = CliRunner().invoke(cli, ["export", *args, "-o", str(out), "-q"])
        assert result.exit_code == 0, result.stderr
        assert ET.parse(out).getroot().tag == "{http://www.opengis.net/kml/2.2}kml"
