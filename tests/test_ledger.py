import csv
import io

from click.testing import CliRunner

from routes.cli import cli
from routes.outputs.ledger import ledger_csv, ledger_markdown


def test_csv_rows_by_date_with_words_and_sources(seed):
    rows = list(csv.DictReader(io.StringIO(ledger_csv(seed))))
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    wh = next(r for r in rows if r["id"] == "wh-2023-10-13")
    assert wh["quantity as worded"] == "more than 1,000 containers of military equipment and munitions"
    assert wh["period"].startswith("? – 13 Oct 2023")
    assert next(r for r in rows if r["id"] == "wh-2023-10-13-imagery")["period"].startswith("7 Sep 2023 – 1 Oct 2023")
    assert "Yonhap News Agency" in wh["sources"] and "https://en.yna.co.kr/view/AEN20231014000400315" in wh["sources"]
    assert not any("total" in k.lower() for k in rows[0])


def test_csv_defuses_formulas(mini):
    import routes

    mini.write_text(mini.read_text().replace('claimant = "Someone"', 'claimant = "=HYPERLINK(\\"http://x\\")"'))
    rows = list(csv.DictReader(io.StringIO(ledger_csv(routes.load_scenario(mini)))))
    assert rows[0]["claimant"].startswith("'=")


def test_markdown_escapes_pipes_and_markup(mini):
    import routes

    mini.write_text(mini.read_text().replace('claimant = "Someone"', 'claimant = "A | B <script>"'))
    text = ledger_markdown(routes.load_scenario(mini))
    assert "A \\| B &lt;script&gt;" in text and "never added up" in text


def test_ledger_command(tmp_path):
    out = tmp_path / "ledger.csv"
    result = CliRunner().invoke(cli, ["ledger", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("published,claimant,quantity as worded")
    md = CliRunner().invoke(cli, ["ledger"])
    assert md.stdout.startswith("# Claims ledger:")
