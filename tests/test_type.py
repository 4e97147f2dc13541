"""The page's type (render/static/type.js, render/assets.py font_css): one typeface carried in
the page, and one type scale that grows every label, marker and line with a print page."""

import hashlib
import json
import re

import pytest

import routes
from routes.load.bundled import bundled_path
from routes.outputs.export import write_html
from routes.outputs.snapshots import PRESETS
from routes.render.assets import font_css
from tests.conftest import PageProbe

SLIDE = PRESETS["slide-16x9"][:2]


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("type") / "seed.html"
    write_html(routes.render_map(routes.load_scenario("dprk-russia-2023"), offline=True), path)
    return path


def test_the_font_files_are_the_ones_the_manifest_names():
    folder = bundled_path("fonts", "noto-sans")
    manifest = json.loads((folder / "fonts.json").read_text(encoding="utf-8"))
    assert manifest["license"] == "OFL-1.1"
    assert {face["subset"] for face in manifest["faces"]} == {"latin", "latin-ext", "cyrillic"}
    for face in manifest["faces"]:
        data = (folder / face["file"]).read_bytes()
        assert data[:4] == b"wOF2", face["file"]
        assert hashlib.sha256(data).hexdigest() == face["sha256"], face["file"]


def test_the_page_carries_its_typeface_with_its_licence(seed_page):
    css = font_css()
    assert "SIL Open Font License 1.1" in css and "The Noto Project Authors" in css
    faces = re.findall(r"@font-face\{([^}]*)\}", css)
    assert len(faces) == 9
    for face in faces:
        assert 'font-family:"Noto Sans"' in face and "unicode-range:U+" in face
        # Nothing but a data URI: the page requests no font.
        assert re.findall(r"url\(([^)]*)\)", face)[0].startswith("data:font/woff2;base64,")
    html = seed_page.read_text(encoding="utf-8")
    assert html.count(css) == 1


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really drew a node's text with (DevTools' CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        cdp.send("CSS.enable")
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


def test_labels_and_panels_are_drawn_in_the_carried_noto_sans(browser, seed_page):
    with PageProbe(browser, seed_page, viewport=SLIDE) as probe:
        page = probe.page
        page.evaluate("() => window.routesType.ready")
        page.evaluate("() => window.routesMap.print()")
        status = page.evaluate(
            "() => Array.from(document.fonts).filter(f => f.family.replace(/\"/g, '') === 'Noto Sans')"
            ".map(f => f.status)"
        )
        assert status == ["loaded"] * 9
        for selector, postscript in (
            (".routes-place-country", "NotoSans-Regular"),
            (".routes-place-sea", "NotoSans-Italic"),
            (".routes-map-label-stop span", "NotoSans-SemiBold"),
            (".routes-title-text", "NotoSans-SemiBold"),
            (".routes-footer-claims td", "NotoSans-Regular"),
        ):
            fonts = platform_fonts(page, selector)
            # Every glyph of the node came from the page's own font, none from the machine's.
            assert [(f["postScriptName"], f["isCustomFont"]) for f in fonts] == [(postscript, True)], (selector, fonts)
        assert probe.errors == [] and probe.blocked == []


LABEL_SIZES = """() => {
  const shown = sel => Array.from(document.querySelectorAll(sel))
    .filter(e => e.style.display !== 'none' && e.offsetParent !== null)
    .map(e => ({text: e.textContent, h: e.getBoundingClientRect().height, px: parseFloat(getComputedStyle(e).fontSize)}));
  return {k: window.routesType.k(), cities: shown('.routes-place-city, .routes-place-capital'),
          stops: shown('.routes-map-label-stop'), labels: shown('.routes-map-label, .routes-place')};
}"""


def test_map_labels_scale_with_a_slide(browser, seed_page):
    with PageProbe(browser, seed_page, viewport=SLIDE) as probe:
        page = probe.page
        screen = page.evaluate(LABEL_SIZES)
        # On a screen the scale is 1: a city name is 11 px, as it always was.
        assert screen["k"] == 1 and {c["px"] for c in screen["cities"]} == {11}
        screen_marker = page.evaluate(
            "() => window.routesMap.layers.stops.getLayers().find(m => m._path)._path.getBBox().width"
        )
        page.evaluate("() => window.routesMap.print()")
        slide = page.evaluate(LABEL_SIZES)
        assert slide["k"] == pytest.approx(16 / 11, abs=1e-3)
        assert slide["cities"] and slide["stops"]
        # Every map label on a 1920 x 1080 slide is at least 16 px high; a city name is set in
        # 16 px type and a stop's name larger.
        for label in slide["labels"]:
            assert label["h"] >= 16, label
        assert min(c["px"] for c in slide["cities"]) >= 16
        assert min(s["px"] for s in slide["stops"]) > max(c["px"] for c in slide["cities"])
        # Lines and markers grow by the same factor: a leg's line, and a stop's marker (whatever
        # its shape) measured against its size on the screen.
        drawn = page.evaluate(
            """() => {
              const leg = window.routesMap.data.legs.find(l => l.line && l.line._path);
              const stop = window.routesMap.layers.stops.getLayers().find(m => m._path);
              return {weight: leg.line.options.weight, width: parseFloat(leg.line._path.getAttribute('stroke-width')),
                      marker: stop._path.getBBox().width};
            }"""
        )
        assert drawn["width"] == pytest.approx(drawn["weight"] * slide["k"], rel=1e-3)
        assert drawn["marker"] == pytest.approx(screen_marker * slide["k"], rel=0.08)
        report = page.evaluate("() => window.routesMap.measure()")
        assert report["overlapping_labels"] == [] and report["cut_labels"] == []
        assert probe.errors == []


@pytest.mark.parametrize("preset", ["a4-landscape", "a4-portrait"])
def test_a_printed_page_sets_its_labels_at_seven_points_or_more(browser, seed_page, preset):
    width, height, _ = PRESETS[preset]
    with PageProbe(browser, seed_page, viewport=(width, height)) as probe:
        probe.page.evaluate("() => window.routesMap.print()")
        sizes = probe.page.evaluate(LABEL_SIZES)
        # 150 dpi: 7 pt is 14.6 px.
        assert min(c["px"] for c in sizes["cities"]) >= 7 / 72 * 150


def test_a_printed_document_embeds_the_carried_faces(browser):
    import io

    import pypdf

    from routes.outputs.snapshots import SnapshotSession

    html = (
        f"<!DOCTYPE html><html><head><style>{font_css()}</style></head>"
        "<body style=\"font-family: 'Noto Sans', Arial\"><p>Kazan, Mawşil</p><p><i>Caspian Sea</i></p>"
        "<p><b>Тихорецк</b></p></body></html>"
    )
    with SnapshotSession() as session:
        pdf = session.print_document(html, 800, 600)
    fonts = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    # The deck's PDF (outputs/slides.py puts font_css() in its head) prints in the page's faces.
    assert fonts == {"NotoSans-Regular", "NotoSans-Italic", "NotoSans-SemiBold"}, fonts
