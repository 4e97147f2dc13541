"""Read the PNGs back with OCR (tesseract): a reader of the slide finds the title, the
countries the route crosses and a sea, in the image itself, not only in the page's DOM."""

import os
import shutil
import subprocess

import pytest

import routes
from routes.outputs.export import map_html

WANTED = ("china", "mongolia", "kazakhstan")
SEAS = ("sea of japan", "sea of okhotsk", "black sea", "caspian sea", "pacific ocean", "yellow sea")


@pytest.fixture(scope="module")
def tesseract():
    found = shutil.which("tesseract")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tesseract is missing in CI: scripts/install-chromium.sh must install tesseract-ocr")
        pytest.skip("no tesseract: apt-get install tesseract-ocr")
    return found


@pytest.fixture(scope="module")
def session(browser):
    from routes.outputs.snapshots import SnapshotSession

    with SnapshotSession() as own:
        yield own


def read(tesseract, png: bytes, tmp_path) -> str:
    """Text tesseract finds: its page layout mode and its sparse-text mode together (a map's
    labels are scattered words, which the page mode can merge with lines nearby)."""
    image = tmp_path / "page.png"
    image.write_bytes(png)
    # One thread: tesseract's own threading is several times slower on a small machine.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    texts = [
        subprocess.run(
            [tesseract, str(image), "stdout", "--psm", psm],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env=env,
        ).stdout
        for psm in ("3", "11")
    ]
    return " ".join(" ".join(texts).split()).lower()


@pytest.mark.parametrize("case", ["dprk-russia-2023", "dprk-russia-2023-2025"])
# Scale 1 is what `routes render --png --width W --height H` writes (the desk review found no
# "China" there in the seed case); 2 and 3 are sharp slides.
@pytest.mark.parametrize("size, scale", [((1920, 1080), 1), ((1024, 768), 1), ((1920, 1080), 2), ((1024, 768), 3)])
def test_ocr_finds_the_title_the_countries_and_a_sea(tesseract, session, case, size, scale, tmp_path):
    from routes.outputs.snapshots import SnapshotOptions

    scenario = routes.load_scenario(case)
    png = session.take(map_html(routes.render_map(scenario, offline=True)), "png", SnapshotOptions(*size, scale))
    text = read(tesseract, png, tmp_path)
    assert "north korean munitions to russia" in text
    missing = [name for name in WANTED if name not in text]
    assert not missing, (missing, text[:2000])
    assert any(sea in text for sea in SEAS), text[:2000]


def _plain(text: str) -> str:
    """Lower-case letters and digits only: OCR's spaces, dashes and quotes vary."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


COUNTRIES = ("russia", "china", "kazakhstan", "mongolia", "iran", "azerbaijan", "turkmenistan", "ukraine", "georgia")


@pytest.mark.parametrize("case", sorted(routes.bundled_scenarios()))
def test_a_deck_slide_reads_on_a_projector(tesseract, case, tmp_path):
    # Issue 23 item 1: the slide of a step, as a 1280x720 picture of the PDF's page (pdftoppm), gives
    # its title, and its map picture a country and a stop; the PPTX has no text under 12 pt.
    from click.testing import CliRunner
    from PIL import Image
    from pptx import Presentation
    from pptx.util import Pt

    from routes.cli import cli
    from routes.outputs.slides import MAP_BOX

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("no pdftoppm: apt-get install poppler-utils")
    deck, pdf = tmp_path / "deck.pptx", tmp_path / "deck.pdf"
    result = CliRunner().invoke(cli, ["brief", case, "-o", str(deck), "-o", str(pdf), "-q"])
    assert result.exit_code == 0, result.output
    presentation = Presentation(str(deck))
    for number, slide in enumerate(presentation.slides):
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        frames += [c.text_frame for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    size = run.font.size or paragraph.font.size
                    assert not run.text.strip() or (size is not None and size >= Pt(12)), (number, run.text, size)
        assert slide.shapes.title.text_frame.paragraphs[0].font.size >= Pt(28)
    scenario = routes.load_scenario(case)
    step = scenario.story[0] if scenario.story else None
    title = step.title if step else scenario.title
    subprocess.run(
        [pdftoppm, "-r", "96", "-f", "2", "-l", "2", "-singlefile", "-png", str(pdf), str(tmp_path / "slide")],
        check=True,
        timeout=120,
    )
    slide_png = tmp_path / "slide.png"
    assert _plain(title) in _plain(read(tesseract, slide_png.read_bytes(), tmp_path))
    # The map picture alone, enlarged for tesseract as the other OCR tests take theirs at scale 2-3.
    left, top, width, height = MAP_BOX.px()
    with Image.open(slide_png) as picture:
        assert picture.size == (1280, 720)
        crop = picture.crop((left, top, left + width, top + height))
        crop.resize((width * 3, height * 3), Image.Resampling.LANCZOS).save(tmp_path / "map.png")
    text = _plain(read(tesseract, (tmp_path / "map.png").read_bytes(), tmp_path))
    assert any(country in text for country in COUNTRIES), text[:2000]
    ends = {n for leg in scenario.legs_specs for n in (leg.start, leg.end)}
    names = scenario.nodes.set_index("id").loc[sorted(ends), "name"]
    stops = {_plain(name.split(" (")[0].split()[0]) for name in names}
    assert any(stop in text for stop in stops), (sorted(stops), text[:2000])


@pytest.mark.parametrize("size", [(1024, 768), (1200, 675)])
def test_the_seed_footer_keeps_the_white_house_figure(tesseract, session, size, tmp_path):
    # Issue 23 item 5: at 1024x768 and on the social card (1200x675) the footer names the White
    # House's "more than 1,000 containers", the claim the title names, not only smaller claims.
    from routes.outputs.snapshots import SnapshotOptions

    scenario = routes.load_scenario("dprk-russia-2023")
    png = session.take(map_html(routes.render_map(scenario, offline=True)), "png", SnapshotOptions(*size, 2))
    text = read(tesseract, png, tmp_path)
    assert "more than 1,000 containers" in text, text[-2500:]
