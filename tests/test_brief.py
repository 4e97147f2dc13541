"""routes brief: the story as one image per step, a PowerPoint deck, a PDF and an offline page."""

import datetime as dt
import functools

import pytest
from click.testing import CliRunner

import routes
from routes.analysis.case import case_model
from routes.cli import cli
from routes.outputs.export import write_html
from tests.conftest import REPO, PageProbe


def test_a_story_step_opens_the_map_on_its_date(browser, tmp_path):
    case = routes.load_scenario("dprk-russia-2023")
    page_file = write_html(routes.render_map(case, offline=True, date=dt.date(2023, 9, 12)), tmp_path / "step.html")
    with PageProbe(browser, page_file) as probe:
        assert probe.page.locator(".routes-time-date").inner_text() == "2023-09-12"
        assert not probe.page.locator(".routes-time-all input").is_checked()
        # The map shows that day: every leg, current where a claim current on it names the leg.
        day = dt.date(2023, 9, 12)
        model = case_model(case)
        expected = [leg for leg, f in model.leg_facts.items() if any(a <= day <= b for a, b in f.spans)]
        assert probe.page.evaluate("window.routesMap.time.currentLegs()") == expected
        assert probe.page.evaluate("window.routesMap.time.visibleLegs()") == list(model.leg_facts)
        assert probe.errors == [] and probe.blocked == []


def _appendix_slides(slides) -> int:
    """The claims and sources slides at the end of a deck (python-pptx slides)."""
    return sum(1 for s in slides if s.shapes.title.text.startswith(("Claims", "Sources")))


def test_routes_brief_writes_a_deck_a_pdf_and_one_image_per_step(browser, tmp_path):
    import pypdf
    from pptx import Presentation

    from routes.outputs.slides import TABLE_HEADER, TABLE_ROWS

    case = routes.load_scenario("dprk-russia-2023")
    steps = len(case.story)
    assert 5 <= steps <= 8
    deck, pdf, folder = tmp_path / "deck.pptx", tmp_path / "deck.pdf", tmp_path / "slides"
    args = ["brief", "dprk-russia-2023", "-o", str(deck), "-o", str(pdf), "--png", str(folder), "--mkdir", "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    pngs = sorted(folder.glob("step-*.png"))
    assert len(pngs) == steps and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert len({p.read_bytes() for p in pngs}) == steps  # each step is its own picture
    presentation = Presentation(str(deck))
    slides = list(presentation.slides)
    assert len(slides) == steps + 1 + _appendix_slides(slides)  # title, one per step, claims, sources
    assert slides[steps + 1].shapes.title.text.startswith("Claims")
    for slide in slides:  # every box on the 16:9 slide, none over another
        boxes = [(s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes]
        assert all(
            0 <= a and 0 <= b and c <= presentation.slide_width and d <= presentation.slide_height
            for a, b, c, d in boxes
        )
        for i, one in enumerate(boxes):
            for other in boxes[i + 1 :]:
                assert one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
    assert slides[0].shapes.title.text == case.title and slides[-1].shapes.title.text.startswith("Sources")
    for step, slide in zip(case.story, slides[1 : steps + 1], strict=True):
        assert slide.shapes.title.text == step.title
        assert any(shape.shape_type == 13 for shape in slide.shapes)  # the step's map picture
        notes = slide.notes_slide.notes_text_frame.text
        claims = [c for c in case.claims if c.id in step.highlights]
        events = [e for e in case.events if e.id in step.highlights]
        for record in [*claims, *events]:  # every source of what the step names
            assert all(source.label() in notes for source in record.sources), (step.title, record.id)
        # The claims it highlights, as a short table (what was claimed; by whom, when), lead claims first.
        tables = [shape.table for shape in slide.shapes if shape.has_table]
        assert len(tables) <= (1 if claims else 0)
        if tables:
            rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
            assert tuple(rows[0]) == TABLE_HEADER and 2 <= len(rows) <= 1 + min(len(claims), TABLE_ROWS)
            assert all(any(row[1].startswith(c.claimant) for c in claims) for row in rows[1:])
    # The licences are on the last slide, not only in the notes.
    last = " ".join(shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame)
    assert "OpenStreetMap" in last and "ODbL" in last
    # The PDF has the same pages, with the steps' titles and text as text.
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == len(slides)
    for step, page in zip(case.story, reader.pages[1 : steps + 1], strict=True):
        text = " ".join(page.extract_text().split())
        assert step.title in text
        assert page.images, "the step's map is on its page"
    assert round(float(reader.pages[0].mediabox.width) / float(reader.pages[0].mediabox.height), 2) == 1.78


def test_a_deck_name_must_say_what_to_write(tmp_path):
    result = CliRunner().invoke(cli, ["brief", "dprk-russia-2023", "-o", str(tmp_path / "deck.docx")])
    assert result.exit_code == 1
    assert "end it in .pptx" in result.stderr and ".pdf" in result.stderr and ".html" in result.stderr
    assert not (tmp_path / "deck.docx").exists()


def test_the_story_page_steps_through_every_view_offline(browser, tmp_path):
    from routes.analysis.story import view_bounds

    case = routes.load_scenario("dprk-russia-2023-2025")
    page = tmp_path / "story.html"
    result = CliRunner().invoke(cli, ["brief", "dprk-russia-2023-2025", "-o", str(page), "-q"])
    assert result.exit_code == 0, result.output
    model = case_model(case)
    with PageProbe(browser, page) as probe:
        seen = []
        for number, step in enumerate(case.story, 1):
            if number > 1:
                probe.page.keyboard.press("ArrowRight")
                probe.page.wait_for_function(f"document.body.dataset.storyStep === '{number}'")
                probe.page.wait_for_timeout(1000)  # the flight to the view
            panel = probe.page.locator(".routes-story")
            assert panel.locator(".routes-story-where").text_content() == f"Step {number} of {len(case.story)}"
            assert panel.locator(".routes-story-title").inner_text() == step.title
            shown = probe.page.locator(".routes-time-date").inner_text()
            day = step.date.first_day() if step.date else None
            if day:
                first, last = model.time_range
                assert shown == min(max(day, first), last).isoformat()
            else:
                assert shown == "all dates"
            bounds = probe.page.evaluate("window.routesMap.map.getBounds().toBBoxString()")
            # The step's view (a leg's, a node's or a box's bounds; the whole route for the
            # case) is on the map, and it fills a fair part of it.
            box = probe.page.evaluate(
                f"(() => {{ const s = window.routesMap.data.story[{number - 1}]; return s.bounds || window.routesMap.data.bounds; }})()"
            )
            inside = probe.page.evaluate(f"window.routesMap.map.getBounds().pad(0.02).contains(L.latLngBounds({box}))")
            assert inside, (step.title, bounds, box)
            if step.view is not None:
                b = [float(v) for v in bounds.split(",")]
                (south, west), (north, east) = box
                filled = max((east - west) / (b[2] - b[0]), (north - south) / (b[3] - b[1]))
                assert filled >= 0.3, f"zoomed to the step's view ({filled:.2f} of the map)"
            if isinstance(step.view, str) and step.view in {leg.id for r in case.routes for leg in r.legs}:
                assert box == view_bounds(case, model.legs, step.view)
            seen.append((bounds, shown))
        assert len(set(seen)) == len(seen), "every step changes the view or the date"
        probe.page.keyboard.press("ArrowLeft")
        probe.page.wait_for_function(f"document.body.dataset.storyStep === '{len(case.story) - 1}'")
        probe.page.keyboard.press("Home")
        probe.page.wait_for_function("document.body.dataset.storyStep === '1'")
        assert probe.page.locator(".routes-story-prev").is_disabled()
        probe.page.locator(".routes-story-next").click()
        probe.page.wait_for_function("document.body.dataset.storyStep === '2'")
        assert probe.errors == [] and probe.blocked == []


def test_story_text_reaches_the_page_as_text(browser, tmp_path):
    import dataclasses

    from routes.model.records import StoryStep

    case = routes.load_scenario("dprk-russia-2023")
    hostile = '<img src=x onerror="alert(1)"></script><b>bold</b>'
    case = dataclasses.replace(case, story=(StoryStep(hostile, hostile), *case.story[1:]))
    page_file = write_html(routes.render_map(case, offline=True, story=True), tmp_path / "story.html")
    assert "<img src=x" not in page_file.read_text(encoding="utf-8")
    with PageProbe(browser, page_file) as probe:
        assert probe.page.locator(".routes-story-title").inner_text() == hostile
        assert probe.page.locator(".routes-story img, .routes-story b").count() == 0
        assert probe.dialogs == [] and probe.errors == []


@pytest.mark.parametrize("case_id", sorted(routes.bundled_scenarios()))
def test_every_bundled_case_has_a_story_whose_highlights_exist(case_id):
    case = routes.load_scenario(case_id)
    ids = {c.id for c in case.claims} | {e.id for e in case.events}
    assert 5 <= len(case.story) <= 8
    assert all(set(step.highlights) <= ids for step in case.story)


def test_routes_brief_in_a_notebook_shows_the_story_and_saves_the_page(tmp_path):
    import base64
    import html as html_lib
    import re

    pack = routes.brief("dprk-russia-2023")
    case = routes.load_scenario("dprk-russia-2023")
    assert len(pack.steps) == len(case.story) and "6 step(s)" in repr(pack)
    shown = pack._repr_html_()
    # Jupyter gets the story page in a frame (folium's): the steps' titles are in it.
    inner = re.search(r'src="data:text/html;charset=utf-8;base64,([^"]+)"', shown)
    page = base64.b64decode(inner.group(1)).decode("utf-8") if inner else html_lib.unescape(shown)
    assert "routesStory" in page and all(json_text(step.title) in page for step in case.story)
    saved = pack.save(tmp_path / "story.html")
    assert saved.read_text(encoding="utf-8").count('"story":[') == 1


def json_text(text: str) -> str:
    from routes.render.map import script_json

    return script_json(text)[1:-1]


def test_a_brief_saves_a_deck_and_a_pdf_from_one_set_of_pictures(browser, tmp_path):
    import pypdf
    from pptx import Presentation

    pack = routes.brief(case_model(routes.load_scenario("iran-russia-caspian")))  # a model will do
    deck = pack.save(tmp_path / "deck.pptx")
    pictures = pack.images()
    pdf = pack.save(tmp_path / "deck.pdf")
    assert pack.images() is pictures  # taken once
    # The same pack gives the same bytes (the files are dated with the case's as-of date).
    assert pack.save(tmp_path / "again.pptx").read_bytes() == deck.read_bytes()
    assert pack.save(tmp_path / "again.pdf").read_bytes() == pdf.read_bytes()
    assert b"D:20250822000000" in pdf.read_bytes()  # as_of = 2025-08-22
    slides = list(Presentation(str(deck)).slides)
    assert len(slides) == len(pypdf.PdfReader(str(pdf)).pages) == len(pack.steps) + 1 + _appendix_slides(slides)


def test_the_story_page_renders_the_same_bytes_twice():
    from routes.outputs.briefing import story_map
    from routes.outputs.export import map_html

    model = case_model(routes.load_scenario("iran-russia-caspian"))
    first, second = map_html(story_map(model)), map_html(story_map(model))
    assert first == second and '"story":[' in first


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 220, 240)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_deck_is_a_whole_office_package():
    # What PowerPoint and LibreOffice refuse a .pptx for, checked without either: a part that is not
    # well-formed XML, a part with no content type, a relationship pointing at a missing part. The
    # deck is rewritten by stable_zip after python-pptx saves it, so this is not python-pptx's promise.
    import posixpath
    import zipfile
    from io import BytesIO
    from xml.etree import ElementTree

    from pptx import Presentation

    from routes.outputs.slidefiles import pptx_bytes
    from routes.outputs.slides import deck_slides, pack_day

    model = case_model(routes.load_scenario("dprk-russia-2023"))
    slides = deck_slides(model)
    images = [_png(1200, 900)] * sum(1 for s in slides if s.image is not None)
    data = pptx_bytes(slides, images, pack_day(model))
    package = zipfile.ZipFile(BytesIO(data))
    assert package.testzip() is None
    names = package.namelist()
    assert len(names) == len(set(names)) and names[0] == "[Content_Types].xml"
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    types = ElementTree.fromstring(package.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.iter(ns + "Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(ns + "Override")}
    assert overrides <= set(names)
    for name in names:
        if name.endswith((".xml", ".rels")):
            root = ElementTree.fromstring(package.read(name))  # raises on XML that is not well formed
        if name == "[Content_Types].xml":
            continue
        assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name} has no content type"
        if name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))  # _rels/ sits beside the part it describes
            for link in root:
                if link.get("TargetMode") == "External":
                    continue
                target = link.get("Target")
                part = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                assert part in names, f"{name} points at {target}, which the deck lacks"
    deck = Presentation(BytesIO(data))
    assert [slide.shapes.title.text for slide in deck.slides] == [s.title for s in slides]


@functools.cache
def _later_deck():
    from routes.outputs.slides import deck_slides

    model = case_model(routes.load_scenario("dprk-russia-2023-2025"))
    return model, deck_slides(model)


def test_a_step_with_more_claims_than_the_table_holds_says_how_many_more():
    from routes.analysis.story import step_claims, story_steps

    model, slides = _later_deck()
    steps = [s for s in slides if s.kind == "step"]
    listed = "\n".join(line for s in slides if s.kind == "claims" for line in s.lines)
    full = 0
    for step, slide in zip(story_steps(model.scenario), steps, strict=True):
        claims = step_claims(model, step)
        assert all(claim.byline in slide.notes for claim in claims)  # in the notes, and
        assert all(claim.byline in listed for claim in claims)  # on the claims slides, in the PDF too
        shown = len(slide.table) - 1 if slide.table else 0
        if shown == len(claims):
            assert slide.more == ""
            continue
        full += 1
        extra = len(claims) - shown
        assert slide.more.startswith(f"And {extra} more claim{'s' if extra != 1 else ''} at this step, by ")
        assert "notes" not in slide.more
    assert full >= 1  # "Estimates grow, claimant by claimant" names six


def test_the_sources_slides_give_every_sources_url():
    model, slides = _later_deck()
    listed = "\n".join(line for s in slides if s.kind == "sources" for line in s.lines)
    case = model.scenario
    urls = {source.url for record in (*case.claims, *case.vessels, *case.events) for source in record.sources}
    assert urls - {None, ""}
    for url in urls - {None, ""}:
        assert f"<{url}>" in listed, url


def test_a_pdf_page_escapes_its_text_and_its_column_holds_it(browser, tmp_path):
    from routes.outputs.slidefiles import pdf_page_html
    from routes.outputs.slides import PAGE_PX, Slide

    png = (REPO / "docs" / "images" / "dprk-russia-2023.png").read_bytes()
    _, slides = _later_deck()
    step = next(s for s in slides if s.kind == "step" and s.more)  # a full column
    hostile = Slide("step", "<b>One</b> step", "<b>Imagery</b> shows trains.", ("Map shows 1 Oct 2023",), image=0)
    pages = [slides[0], step, hostile, *[s for s in slides if s.kind != "step"][1:3]]
    document = tmp_path / "deck.html"
    document.write_text(pdf_page_html(pages, [png] * (1 + max(s.image or 0 for s in pages))), encoding="utf-8")
    assert "<b>Imagery</b>" not in document.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": PAGE_PX[0], "height": PAGE_PX[1]})
    try:
        page.goto(document.as_uri())
        for selector in (".column", ".list"):  # nothing runs out of its box
            fits = page.evaluate(
                f"Array.from(document.querySelectorAll('{selector}')).every(b => b.scrollHeight <= b.clientHeight + 1)"
            )
            assert fits, selector
        assert page.locator(".column").nth(1).inner_text().startswith("<b>Imagery</b> shows trains")
        assert "see the notes" not in page.locator("body").inner_text()
    finally:
        page.close()


def test_story_keys_do_not_fight_buttons_images_or_zoom(browser, tmp_path):
    page_file = write_html(
        routes.render_map(routes.load_scenario("dprk-russia-2023"), offline=True, story=True), tmp_path / "s.html"
    )
    with PageProbe(browser, page_file) as probe:
        page = probe.page
        step = "document.body.dataset.storyStep"
        page.locator(".routes-time-play").focus()
        page.keyboard.press(" ")  # presses Play, does not step
        assert page.evaluate(step) == "1" and page.locator(".routes-time-play").get_attribute("aria-pressed") == "true"
        page.locator(".routes-time-play").click()  # pause
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press(" ")
        page.wait_for_function(f"{step} === '2'")
        zoom = page.evaluate("window.routesMap.map.getZoom()")
        page.keyboard.press("+")
        page.wait_for_function(f"window.routesMap.map.getZoom() > {zoom}")
        assert page.evaluate(step) == "2"
        probe.errors.clear()


def test_a_place_that_cannot_be_written_fails_before_any_picture(tmp_path, monkeypatch):
    import routes.outputs.briefing

    def no_pictures(*args, **kwargs):
        raise AssertionError("pictures were taken before the outputs were checked")

    monkeypatch.setattr(routes.outputs.briefing, "story_pngs", no_pictures)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for args in (["--png", str(blocker / "slides")], ["-o", str(blocker / "deck.pptx")]):
        result = CliRunner().invoke(cli, ["brief", "dprk-russia-2023", *args])
        assert result.exit_code == 1, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(blocker) in lines[0] and "Traceback" not in result.output


def test_a_noncharacter_in_a_story_is_one_problem(mini):
    text = mini.read_text(encoding="utf-8") + '\n[[story]]\ntitle = "Step \\uFFFF one"\n'
    mini.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "story step 1, field 'title'" in result.stderr and "U+FFFF" in result.stderr


@pytest.mark.parametrize("case_id", sorted(routes.bundled_scenarios()))
def test_no_step_picture_cuts_the_title_or_the_step(browser, tmp_path, case_id):
    page_file = write_html(
        routes.render_map(routes.load_scenario(case_id), offline=True, story=True), tmp_path / "s.html"
    )
    with PageProbe(browser, page_file, viewport=(1920, 1080)) as probe:
        probe.page.evaluate("window.routesMap.print()")
        for index in range(probe.page.evaluate("window.routesMap.story.count")):
            probe.page.evaluate(f"window.routesMap.story.go({index})")
            for panel in (".routes-title", ".routes-story"):
                cut = probe.page.evaluate(
                    f"(() => {{ const p = document.querySelector('{panel}'); return p.classList.contains('routes-capped') || p.scrollHeight > p.clientHeight + 1; }})()"
                )
                assert not cut, (case_id, index + 1, panel)


def test_a_dark_deck_has_light_type_on_a_dark_slide():
    from io import BytesIO

    from pptx import Presentation

    from routes.outputs.slidefiles import pdf_page_html, pptx_bytes
    from routes.outputs.slides import THEMES, deck_slides, pack_day

    model = case_model(routes.load_scenario("dprk-russia-2023"))
    slides = deck_slides(model)
    images = [_png(1200, 900)] * sum(1 for s in slides if s.image is not None)
    dark = THEMES["dark"]
    deck = Presentation(BytesIO(pptx_bytes(slides, images, pack_day(model), "dark")))
    for slide in deck.slides:
        assert str(slide.background.fill.fore_color.rgb) == dark.background
        title = slide.shapes.title.text_frame.paragraphs[0]
        assert str(title.font.color.rgb) == dark.text
    assert f"background: #{dark.background}" in pdf_page_html(slides, images, "dark")
    assert f"background: #{dark.background}" not in pdf_page_html(slides, images)
    with pytest.raises(ValueError, match="'sepia' is not a deck theme; use one of light, dark"):
        pdf_page_html(slides, images, "sepia")
    result = CliRunner().invoke(cli, ["brief", "dprk-russia-2023", "-o", "x.pdf", "--theme", "sepia"])
    assert result.exit_code == 2 and "'sepia' is not one of 'light', 'dark'" in result.output
