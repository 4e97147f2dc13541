"""Text reads as written (issue 24 item 2): bidi controls and invisible characters are reported
by validate and shown as escapes, isolated, in every output; the chart draws '$' as written."""

import csv
import io
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

import routes
from routes.cli import cli
from routes.model.hiddentext import (
    BIDI_CONTROLS,
    FSI,
    INVISIBLE,
    PDI,
    VISIBLE_FORMAT,
    hidden_characters,
    hidden_note,
    html_isolated,
    isolated,
    visible,
)
from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO, PageProbe, write

# Each hostile text, the field it goes into, and how every output must show it.
CLAIMANT = "Social-media post \u202e(not verified)"
QUANTITY = "worth $20 million, not $2 billion \u2066(est.)\u2069"
TITLE = "Hostile \u202ecase\u202c"
PUBLISHER = "Pub\U000e0041\u00adlisher\ufeff"
SOURCE_TITLE = "Title \u200f2023"
NODE_NAME = "A\u200bport"
STEP_TITLE = "Step \u2067one\u2069"
EVIDENCE = "statement \u05d0\u05d1\u05d2 (12)"  # right-to-left letters, no hidden character
HIDDEN = {
    ("", "title"): TITLE,
    ("claim 'c-1'", "claimant"): CLAIMANT,
    ("claim 'c-1'", "quantity_text"): QUANTITY,
    ("claim 'c-1' source 1", "publisher"): PUBLISHER,
    ("claim 'c-1' source 1", "title"): SOURCE_TITLE,
    ("story step 1", "title"): STEP_TITLE,
}
SHOWN = [visible(text) for text in (*HIDDEN.values(), NODE_NAME)]
RAW = BIDI_CONTROLS | INVISIBLE


@pytest.fixture
def hostile(tmp_path):
    """The minimal case with a hostile text in each of eight fields, and a story step."""
    write(tmp_path / "nodes.geojson", MINIMAL_NODES.replace('"name": "A port"', f'"name": "{NODE_NAME}"'))
    text = (
        MINIMAL_SCENARIO.replace('title = "Minimal case"', f'title = "{TITLE}"')
        .replace('claimant = "Someone"', f'claimant = "{CLAIMANT}"')
        .replace('quantity_text = "more than 1,000 containers"', f'quantity_text = "{QUANTITY}"')
        .replace('evidence = "statement"', f'evidence = "{EVIDENCE}"')
        .replace('publisher = "Pub", title = "Title"', f'publisher = "{PUBLISHER}", title = "{SOURCE_TITLE}"')
    ) + f'\n[[story]]\ntitle = "{STEP_TITLE}"\ntext = "{CLAIMANT} says so"\nhighlights = ["c-1"]\n'

    return write(tmp_path / "mini.toml", text)


def no_raw_hidden(text: str) -> bool:
    return not any(c in RAW - {FSI, PDI} for c in text)


def test_every_format_character_is_hidden_or_drawn():
    format_characters = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    assert format_characters <= BIDI_CONTROLS | INVISIBLE | VISIBLE_FORMAT
    assert not (VISIBLE_FORMAT & (BIDI_CONTROLS | INVISIBLE))


@pytest.mark.parametrize(
    "text, found",
    [
        ("plain text, 1,000 containers", []),
        ("a\u202eb", [(1, "\u202e")]),
        ("\u2066x\u2069", [(0, "\u2066"), (2, "\u2069")]),
        ("1\u200b000", [(1, "\u200b")]),
        ("soft\u00adhyphen", [(4, "\u00ad")]),
        ("tag\U000e0041", [(3, "\U000e0041")]),
        ("\ufeffBOM", [(0, "\ufeff")]),
        ("\u0645\u06cc\u200c\u0634\u0648\u062f", []),  # Persian: the non-joiner is spelling
        ("\U0001f469\u200d\U0001f52c", []),  # an emoji sequence
        ("word\u200c ", [(4, "\u200c")]),  # a joiner at a word's end joins nothing
        ("\u200dstart", [(0, "\u200d")]),
    ],
)
def test_hidden_characters(text, found):
    assert hidden_characters(text) == found


def test_visible_and_isolated_keep_ordinary_text_as_it_is():
    assert visible("Najin → Dunay, 1,000 containers") == "Najin → Dunay, 1,000 containers"
    assert isolated("plain") == "plain" and html_isolated("a < b") == "a &lt; b"
    assert visible(CLAIMANT) == "Social-media post <U+202E>(not verified)"
    assert isolated(EVIDENCE) == FSI + EVIDENCE + PDI
    assert html_isolated(CLAIMANT) == "<bdi>Social-media post &lt;U+202E&gt;(not verified)</bdi>"
    assert hidden_note("clean") is None
    assert "U+202E RIGHT-TO-LEFT OVERRIDE (bidi control) at character 19" in hidden_note(CLAIMANT)


def test_validate_warns_about_each_hidden_text_naming_file_record_and_field(hostile):
    result = CliRunner().invoke(cli, ["validate", str(hostile)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "hidden character" in line]
    assert len(warnings) == len(HIDDEN) + 2, warnings  # the step's text, the node's name
    for (record, field), text in HIDDEN.items():
        where = f"mini.toml: {record}, field '{field}': " if record else f"mini.toml: field '{field}': "
        line = next(w for w in warnings if where in w)
        assert hidden_characters(text)[0][1] not in line  # the warning itself shows no hidden character
        assert f"U+{ord(hidden_characters(text)[0][1]):04X}" in line
    assert any("nodes.geojson: feature 0 'a-port', field 'name': " in w and "U+200B" in w for w in warnings)
    assert all(no_raw_hidden(line) for line in result.output.splitlines())


def test_an_id_with_a_hidden_character_is_an_error_naming_it(mini):
    mini.write_text(mini.read_text(encoding="utf-8").replace('id = "c-1"', 'id = "c\u200b-1"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "is not a slug (it holds the hidden character U+200B ZERO WIDTH SPACE)" in result.stderr


def test_the_ledger_shows_hidden_characters_and_isolates_right_to_left_text(hostile):
    from routes.outputs.ledger import ledger_csv, ledger_markdown

    case = routes.load_scenario(hostile)
    header, row = list(csv.reader(io.StringIO(ledger_csv(case))))
    cells = dict(zip(header, row))
    assert cells["claimant"] == visible(CLAIMANT)
    assert cells["quantity as worded"] == visible(QUANTITY)
    assert cells["evidence"] == FSI + EVIDENCE + PDI
    assert visible(PUBLISHER) in cells["sources"] and visible(SOURCE_TITLE) in cells["sources"]
    markdown = ledger_markdown(case)
    assert no_raw_hidden(markdown)
    for text in (CLAIMANT, QUANTITY, TITLE, PUBLISHER):
        assert visible(text).replace("<", "&lt;").replace(">", "&gt;") in markdown


def test_kml_shows_hidden_characters(hostile):
    from routes.outputs.kml import to_kml

    case = routes.load_scenario(hostile)
    data = to_kml(case, routes.build_legs(case)).decode("utf-8")
    assert no_raw_hidden(data)
    root = ET.fromstring(data)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert root.find("k:Document/k:name", ns).text == visible(TITLE)
    names = [n.text for n in root.iterfind(".//k:Placemark/k:name", ns)]
    assert visible(NODE_NAME) in names
    descriptions = " ".join(d.text for d in root.iterfind(".//k:Placemark/k:description", ns))
    assert "<bdi>Social-media post &lt;U+202E&gt;(not verified)</bdi>" in descriptions
    assert f"<bdi>{EVIDENCE}</bdi>" in descriptions


def test_the_chart_draws_every_string_as_written(hostile):
    import matplotlib
    from matplotlib.text import Text

    from routes.outputs.chart import chart_bytes, claims_figure

    case = routes.load_scenario(hostile)
    figure = claims_figure(case)
    texts = [t for t in figure.findobj(Text) if t.get_text()]
    assert texts and all(not t.get_usetex() for t in texts)
    assert all(t._parse_math is False for t in texts)  # no public getter
    drawn = " ".join(" ".join(t.get_text() for t in texts).split())  # labels are wrapped
    assert no_raw_hidden(drawn)
    assert "worth $20 million, not $2 billion <U+2066>(est.)<U+2069>" in drawn
    assert visible(CLAIMANT) in drawn and visible(TITLE) in drawn and visible(PUBLISHER) in drawn
    # Saved with text as text, the SVG holds the strings with their dollar signs.
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "text.parse_math": True}):
        figure.savefig(out, format="svg")
    svg = out.getvalue().decode("utf-8")
    assert "worth $20 million," in svg and "&lt;U+202E&gt;" in svg
    assert chart_bytes(case, "svg") == chart_bytes(case, "svg")


def test_the_page_payload_holds_no_hidden_character(hostile):
    from routes.render.payload import build_payload

    payload = build_payload(routes.load_scenario(hostile))
    text = repr(payload)
    assert "\\u202e" not in text and "\\u200b" not in text and "\\U000e0041" not in text
    (claim,) = payload["claims"].values()
    assert claim["claimant"] == visible(CLAIMANT) and claim["headline"] == visible(QUANTITY)
    assert payload["title"] == visible(TITLE)


@pytest.mark.browser
def test_every_output_of_a_hostile_case_shows_the_text_as_written(browser, hostile, tmp_path):
    """The map page, the story page, the deck and the PDF, read back."""
    import pypdf
    from pptx import Presentation

    page_file, deck, pdf, story = (tmp_path / n for n in ("map.html", "deck.pptx", "deck.pdf", "story.html"))
    result = CliRunner().invoke(cli, ["render", str(hostile), "-o", str(page_file), "-q"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["brief", str(hostile), "-o", str(deck), "-o", str(pdf), "-o", str(story), "-q"])
    assert result.exit_code == 0, result.output

    frames = [
        frame
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        for frame in (
            [shape.text_frame]
            if shape.has_text_frame
            else [c.text_frame for c in shape.table.iter_cells()]
            if shape.has_table
            else []
        )
    ]
    slides_text = "\n".join(paragraph.text for frame in frames for paragraph in frame.paragraphs)
    pdf_text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    for text in (slides_text, pdf_text):
        assert no_raw_hidden(text)
        flat = " ".join(text.split())
        assert visible(TITLE) in text and visible(STEP_TITLE) in flat and visible(CLAIMANT) in flat

    for file in (page_file, story):
        probe = PageProbe(browser, file)
        try:
            page = probe.page
            page.evaluate(
                """() => { const rm = window.routesMap;
                rm.map.eachLayer(l => { if (l.getPopup && l.getPopup()) { l.openPopup(); } });
                document.querySelectorAll("details").forEach(d => d.open = true); }"""
            )
            shown = page.evaluate("document.body.innerText")
            assert no_raw_hidden(shown)
            assert visible(TITLE) in shown and visible(CLAIMANT) in shown
            # Every element holding user text is isolated.
            isolated_elements = page.evaluate(
                """(wanted) => Array.from(document.querySelectorAll("body *"))
                    .filter(e => e.childNodes.length === 1 && e.firstChild.nodeType === 3
                            && e.textContent.includes(wanted))
                    .map(e => e.closest("[dir=auto]") !== null)""",
                visible(CLAIMANT),
            )
            assert isolated_elements and all(isolated_elements)
            assert [e for e in probe.errors if "pageerror" in e] == []
        finally:
            probe.close()


def _text_values(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _text_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _text_values(item)


def test_the_corpus_in_every_text_field_is_warned_about_once_a_field_and_shown(case_dir, xss_payloads):
    """The project's hostile corpus (tests/data/hostile-strings.txt, and the shared one) in every
    text field of a scenario and its node file: validate warns once for each value holding a
    hidden character, and the ledger, KML and chart hold none of them."""
    import json
    import tomllib

    from routes.outputs.chart import claims_figure
    from routes.outputs.kml import to_kml
    from routes.outputs.ledger import ledger_csv, ledger_markdown
    from tests.test_xss import poison

    scenario = poison(case_dir, xss_payloads, 0)
    # The "$" string in a field every ledger shows (which fields the corpus's lines land in
    # depends on the corpus's order): a quantity as worded.
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(
        text.replace('quantity_text = "', 'quantity_text = "worth $20 million, not $2 billion $\\\\alpha$ ', 1),
        encoding="utf-8",
    )
    values = [
        *_text_values(tomllib.loads(scenario.read_text(encoding="utf-8"))),
        *_text_values(json.loads((case_dir / "ports.geojson").read_text(encoding="utf-8"))),
    ]
    hidden = [v for v in values if hidden_characters(v)]
    assert len(hidden) >= 20  # the corpus's hidden characters reach many fields
    result = CliRunner().invoke(cli, ["validate", str(scenario)])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "hidden character" in line]
    assert len(warned) == len(hidden)
    case = routes.load_scenario(scenario)
    legs = routes.build_legs(case)
    outputs = [ledger_csv(case), ledger_markdown(case), to_kml(case, legs).decode("utf-8")]
    outputs.append(" ".join(t.get_text() for t in claims_figure(case).findobj(lambda a: hasattr(a, "get_text"))))
    assert all(no_raw_hidden(text) for text in outputs)
    assert "not $2 billion $\\alpha$" in " ".join(" ".join(outputs).split())  # verbatim: no mathtext, no TeX


def test_a_node_file_in_another_schema_warns_about_hidden_characters_in_ids_and_names(tmp_path):
    from routes.load.nodesources import load_node_sources, source_from_text

    path = write(tmp_path / "stations.csv", "code,Name,Longitude,Latitude\nYEL\u200b,Yela\u202ebuga,52.05,55.76\n")
    frame, warnings = load_node_sources([source_from_text(str(path), id_field="code", name_field="Name")])
    assert list(frame["id"]) == ["yel"]
    assert [w.split(": ")[1] for w in warnings if "hidden character" in w] == [
        "line 2, field 'code'",
        "line 2, field 'Name'",
    ]
