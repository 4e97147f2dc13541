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
