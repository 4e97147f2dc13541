"""routes brief: the story as one image per step and a PowerPoint deck, from one Chromium."""

import datetime as dt

import pytest
from click.testing import CliRunner

import routes
from routes.case import case_model
from routes.cli import cli
from routes.export import write_html
from tests.conftest import PageProbe


def test_a_story_step_opens_the_map_on_its_date(browser, tmp_path):
    case = routes.load_scenario("dprk-russia-2023")
    page_file = write_html(routes.render_map(case, offline=True, date=dt.date(2023, 9, 12)), tmp_path / "step.html")
    with PageProbe(browser, page_file) as probe:
        assert probe.page.locator(".routes-time-date").inner_text() == "2023-09-12"
        assert not probe.page.locator(".routes-time-all input").is_checked()
        # The map shows that day: the legs a claim current on it names (or that no claim names).
        day = dt.date(2023, 9, 12)
        model = case_model(case)
        expected = [leg for leg, f in model.leg_facts.items() if not f.spans or any(a <= day <= b for a, b in f.spans)]
        assert probe.page.evaluate("window.routesMap.time.visibleLegs()") == expected
        assert probe.errors == [] and probe.blocked == []


def test_routes_brief_writes_one_image_and_one_slide_per_step(browser, tmp_path):
    from pptx import Presentation

    case = routes.load_scenario("dprk-russia-2023")
    steps = len(case.story)
    assert 5 <= steps <= 8
    deck, folder = tmp_path / "deck.pptx", tmp_path / "slides"
    result = CliRunner().invoke(cli, ["brief", "dprk-russia-2023", "-o", str(deck), "--png", str(folder), "-q"])
    assert result.exit_code == 0, result.output
    pngs = sorted(folder.glob("step-*.png"))
    assert len(pngs) == steps and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    slides = list(Presentation(str(deck)).slides)
    assert len(slides) == steps + 2  # title, one per step, sources
    assert slides[0].shapes.title.text == case.title and slides[-1].shapes.title.text == "Sources"
    for step, slide in zip(case.story, slides[1:-1], strict=True):
        assert slide.shapes.title.text == step.title
        assert any(shape.shape_type == 13 for shape in slide.shapes)  # the step's map picture
        notes = slide.notes_slide.notes_text_frame.text
        claims = [c for c in case.claims if c.id in step.highlights]
        for claim in claims:
            assert claim.sources[0].publisher in notes


def test_a_deck_must_be_pptx(tmp_path):
    result = CliRunner().invoke(cli, ["brief", "dprk-russia-2023", "-o", str(tmp_path / "deck.pdf")])
    assert result.exit_code == 1 and "name it .pptx" in result.stderr
    assert not (tmp_path / "deck.pdf").exists()


@pytest.mark.parametrize("case_id", sorted(routes.bundled_scenarios()))
def test_every_bundled_case_has_a_story_whose_highlights_exist(case_id):
    case = routes.load_scenario(case_id)
    ids = {c.id for c in case.claims} | {e.id for e in case.events}
    assert 5 <= len(case.story) <= 8
    assert all(set(step.highlights) <= ids for step in case.story)
