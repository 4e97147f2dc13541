import pytest
from click.testing import CliRunner

import routes
from routes.chart import ChartError, chart_bytes, claims_figure
from routes.cli import cli
from tests.test_volumes import two_claims


def test_one_series_per_claimant_and_no_line_from_zero(mini):
    case = two_claims(mini, 1000, 5000)
    figure = claims_figure(case)
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_legend().get_texts()]
    assert labels == ["Someone", "Other"]
    # Points only: nothing joins claims, so nothing suggests a flow between them or a sum.
    assert axes.get_lines() == []
    texts = [t.get_text() for t in axes.texts]
    assert "more than 1,000 containers" in texts


def test_svg_is_deterministic_and_png_is_a_png(mini):
    case = two_claims(mini, 1000, 5000)
    assert chart_bytes(case, "svg") == chart_bytes(case, "svg")
    assert chart_bytes(case, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_nothing_to_chart(mini):
    mini.write_text(mini.read_text().replace("quantity = 1000\n", "").replace('unit = "containers"\n', "")
                    .replace('qualifier = "more than"\n', ""))
    with pytest.raises(ChartError, match="gives a number to chart"):
        claims_figure(routes.load_scenario(mini))


def test_chart_command(tmp_path):
    out = tmp_path / "claims.svg"
    result = CliRunner().invoke(cli, ["chart", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    bad = CliRunner().invoke(cli, ["chart", "-o", str(tmp_path / "claims.gif")])
    assert bad.exit_code == 2 and "does not end in .png or .svg" in bad.stderr
