import io

import pytest

import routes
from routes.export import write_snapshot
from routes.snapshots import BrowserMissingError, SnapshotOptions, find_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_map(seed):
    return routes.render_map(seed, offline=True)


def test_png_has_the_requested_size_and_route_coloured_pixels_along_the_rail_line(browser, offline_map, tmp_path, seed):
    from PIL import Image

    path = write_snapshot(offline_map, tmp_path / "map.png", "png")
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    assert image.size == (1600, 1000)
    # Vermillion (#D55E00) is the rail colour; count pixels close to it.
    pixels = image.load()
    rail = sum(1 for x in range(0, 1600, 2) for y in range(0, 1000, 2)
               if abs(pixels[x, y][0] - 0xD5) < 30 and abs(pixels[x, y][1] - 0x5E) < 30 and pixels[x, y][2] < 40)
    assert rail > 300
    # Both the sea and the land colours of the offline basemap are there.
    colours = image.getcolors(maxcolors=1_000_000)
    counts = {rgb: n for n, rgb in colours}
    assert counts.get((0xDF, 0xE9, 0xF0), 0) > 10_000 and counts.get((0xF6, 0xF4, 0xEE), 0) > 10_000


def test_png_scale_doubles_the_pixels(browser, offline_map, tmp_path):
    from PIL import Image

    path = write_snapshot(offline_map, tmp_path / "map.png", "png", width_px=800, height_px=500, scale=2)
    with Image.open(path) as image:
        assert image.size == (1600, 1000)


def test_pdf_is_one_page(browser, offline_map, tmp_path):
    import re

    data = write_snapshot(offline_map, tmp_path / "map.pdf", "pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1


def test_missing_chromium_names_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setenv("ROUTES_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(BrowserMissingError, match=r"apt-get install chromium"):
        find_chromium()


def test_size_limits():
    with pytest.raises(ValueError, match="between 200 and 8000"):
        SnapshotOptions(width_px=100)
    with pytest.raises(ValueError, match="scale"):
        SnapshotOptions(scale=10)
