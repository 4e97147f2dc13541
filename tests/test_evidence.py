"""Evidence images on claims, events and story steps: terms required, embedded as data: URLs,
shown in popups, the ledger, a larger view on click, and the story's print layout."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from PIL import Image

import routes
from routes.cli import cli
from routes.outputs.export import write_html
from tests.conftest import PageProbe


def _satellite_jpeg(path, *, gps: bool = True):
    """A small JPEG with camera and GPS metadata, as imagery downloads often have."""
    image = Image.new("RGB", (640, 400), (90, 110, 80))
    for x in range(100, 300, 20):
        image.paste((200, 60, 40), (x, 150, x + 14, 170))  # "containers"
    exif = Image.Exif()
    exif[0x010F] = "SatCam"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (42.0, 15.0, 0.0), 3: "E", 4: (130.0, 18.0, 0.0)}
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


IMAGE = (
    'images = [{ file = "najin.jpg", caption = "Containers on the quay at A port", '
    'credit = "Test Imaging", licence = "CC-BY-4.0", date = "2023-09-07", shows = "about 300 containers" }]'
)


def _with_images(mini, claim_image=IMAGE, story=True):
    text = mini.read_text(encoding="utf-8")
    text = text.replace('url = "https://example.org/a" }]\n', 'url = "https://example.org/a" }]\n' + claim_image + "\n")
    text += """
[[events]]
id = "quay"
title = "Containers on the quay"
date = "2023-09-07"
node = "a-port"
images = [{ file = "najin.jpg", caption = "The quay", credit = "Test Imaging", licence = "CC-BY-4.0" }]
"""
    if story:
        text += """
[[story]]
title = "The quay on 7 September"
text = "Containers wait at A port."
date = "2023-09-07"
highlights = ["c-1", "quay"]
images = [{ file = "najin.jpg", caption = "A port, 7 Sep 2023", credit = "Test Imaging", licence = "CC-BY-4.0" }]
"""
    mini.write_text(text, encoding="utf-8")
    return mini


def test_an_image_is_embedded_reencoded_without_its_metadata(mini):
    _satellite_jpeg(mini.parent / "najin.jpg")
    case = routes.load_scenario(_with_images(mini))
    image = case.claims[0].images[0]
    assert image.data_url.startswith("data:image/jpeg;base64,")
    assert image.credit_line() == "Test Imaging, CC-BY-4.0, 7 Sep 2023"
    import base64

    decoded = Image.open(io.BytesIO(base64.b64decode(image.data_url.split(",", 1)[1])))
    assert decoded.size == (640, 400) and not decoded.getexif()
    assert case.events[0].images[0].caption == "The quay" and case.story[0].images[0].licence == "CC-BY-4.0"
    html = routes.render_map(case, offline=True).get_root().render()
    assert image.data_url in html and "SatCam" not in html


def test_images_without_terms_or_file_are_refused_all_at_once(mini):
    (mini.parent / "notes.jpg").write_text("not an image", encoding="utf-8")
    bad = (
        'images = [{ file = "missing.jpg", caption = "c", credit = "x", licence = "CC-BY-4.0" }, '
        '{ file = "notes.jpg", caption = "c", credit = "x", licence = "CC-BY-4.0" }, '
        '{ file = "najin.jpg", caption = "c", credit = "x" }]'
    )
    _satellite_jpeg(mini.parent / "najin.jpg")
    _with_images(mini, bad, story=False)
    result = CliRunner().invoke(cli, ["validate", str(mini)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "image" in line]
    assert len(lines) == 3, result.stderr
    assert all("mini.toml: claim 'c-1' image" in line and line.startswith("routes: error: ") for line in lines)
    missing, unreadable, unlicensed = lines
    assert "field 'file'" in missing and "missing.jpg" in missing
    assert "field 'file'" in unreadable and "not an image" in unreadable
    assert "field 'licence'" in unlicensed and "terms" in unlicensed
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["../../etc/passwd", "/dev/zero", "."])
def test_a_file_that_is_not_an_image_file_is_one_problem(mini, name):
    _with_images(mini, f'images = [{{ file = "{name}", caption = "c", credit = "x", licence = "CC0" }}]', story=False)
    with pytest.raises(routes.ValidationError) as caught:
        routes.load_scenario(mini)
    problems = [p for p in caught.value.problems if p.field == "file" and p.record.startswith("claim")]
    assert len(problems) == 1 and "\n" not in str(problems[0])


def test_popups_ledger_and_story_show_the_image_from_a_data_url(browser, mini, tmp_path):
    _satellite_jpeg(mini.parent / "najin.jpg")
    case = routes.load_scenario(_with_images(mini))
    page_file = write_html(routes.render_map(case, offline=True, story=True), tmp_path / "case.html")
    with PageProbe(browser, page_file) as probe:
        page = probe.page
        # The story panel shows the step's image, captioned with its terms.
        story = page.locator(".routes-story .routes-evidence img")
        assert story.count() == 1 and story.get_attribute("src").startswith("data:image/jpeg;base64,")
        assert "Test Imaging, CC-BY-4.0" in page.locator(".routes-story .routes-evidence").inner_text()
        # The claim's popup shows a thumbnail.
        page.evaluate("window.routesMap.legs[0].openPopup()")
        thumb = page.locator(".leaflet-popup .routes-evidence img")
        assert thumb.count() == 1 and thumb.get_attribute("src").startswith("data:image/jpeg")
        assert "Containers on the quay at A port" in page.locator(".leaflet-popup").inner_text()
        assert "about 300 containers" in page.locator(".leaflet-popup").inner_text()
        # Clicking it opens the larger view; Escape closes it.
        thumb.click()
        large = page.locator(".routes-lightbox img")
        assert large.is_visible() and large.get_attribute("src") == thumb.get_attribute("src")
        assert large.bounding_box()["width"] > thumb.bounding_box()["width"] * 2
        page.keyboard.press("Escape")
        assert page.locator(".routes-lightbox").count() == 0
        # The ledger's row of the claim has its thumbnail.
        page.locator(".routes-ledger summary").click()
        assert page.locator(".routes-ledger-row .routes-evidence img").count() == 1
        assert probe.errors == [] and probe.blocked == []


def test_the_print_layout_shows_the_steps_image_as_a_captioned_inset(browser, mini, tmp_path):
    _satellite_jpeg(mini.parent / "najin.jpg")
    case = routes.load_scenario(_with_images(mini))
    page_file = write_html(routes.render_map(case, offline=True, story=True, story_caption="date"), tmp_path / "p.html")
    with PageProbe(browser, page_file, viewport=(1920, 1080)) as probe:
        probe.page.evaluate("window.routesMap.print()")
        figure = probe.page.locator(".routes-story .routes-evidence")
        assert figure.is_visible()
        box = figure.locator("img").bounding_box()
        assert box["width"] >= 200  # an inset, not a thumbnail
        assert "A port, 7 Sep 2023" in figure.inner_text() and "CC-BY-4.0" in figure.inner_text()
        assert not probe.page.locator(".routes-story-title").is_visible()  # the slide carries the text
        # The page's own classes style nothing but their elements (a class of the body once
        # matched the date line's rule and made the whole page bold).
        assert probe.page.evaluate("getComputedStyle(document.body).fontWeight") == "400"


@pytest.mark.parametrize("licence", ['""', '"   "'])
def test_an_empty_licence_is_refused_not_dropped(mini, licence):
    _satellite_jpeg(mini.parent / "najin.jpg")
    image = f'images = [{{ file = "najin.jpg", caption = "c", credit = "x", licence = {licence} }}]'
    _with_images(mini, image, story=False)
    with pytest.raises(routes.ValidationError) as caught:
        routes.load_scenario(mini)
    assert [p.field for p in caught.value.problems if p.record.startswith("claim")] == ["licence"]


@pytest.mark.parametrize("name", ["../outside.jpg", "/tmp/outside.jpg", "sub/../../outside.jpg"])
def test_an_image_outside_the_scenarios_folder_is_refused(mini, name):
    (mini.parent / "sub").mkdir()
    _satellite_jpeg(mini.parent.parent / "outside.jpg")  # exists, one folder up
    _with_images(mini, f'images = [{{ file = "{name}", caption = "c", credit = "x", licence = "CC0" }}]', story=False)
    with pytest.raises(routes.ValidationError) as caught:
        routes.load_scenario(mini)
    problems = [p for p in caught.value.problems if p.record.startswith("claim")]
    assert len(problems) == 1 and "outside the scenario's folder" in problems[0].message


def test_an_image_in_a_folder_below_the_scenario_is_used(mini):
    (mini.parent / "imagery").mkdir()
    _satellite_jpeg(mini.parent / "imagery" / "najin.jpg")
    _satellite_jpeg(mini.parent / "najin.jpg")  # the event's
    image = 'images = [{ file = "imagery/najin.jpg", caption = "c", credit = "x", licence = "CC0" }]'
    case = routes.load_scenario(_with_images(mini, image, story=False))
    assert case.claims[0].images[0].data_url.startswith("data:image/jpeg")


def test_one_file_is_embedded_once_however_many_records_show_it(mini):
    _satellite_jpeg(mini.parent / "najin.jpg")
    case = routes.load_scenario(_with_images(mini))  # the claim, the event and the step share it
    html = routes.render_map(case, offline=True, story=True).get_root().render()
    assert html.count(case.claims[0].images[0].data_url) == 1
