import io

import pytest

import routes
from routes.outputs.export import write_snapshot
from routes.outputs.snapshots import BrowserMissingError, SnapshotOptions, SnapshotSession, find_chromium


@pytest.fixture(scope="module")
def offline_map(seed):
    return routes.render_map(seed, offline=True)


@pytest.mark.browser
def test_png_has_the_requested_size_and_route_coloured_pixels_along_the_rail_line(browser, offline_map, tmp_path, seed):
    from PIL import Image

    path = write_snapshot(offline_map, tmp_path / "map.png", "png")
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    assert image.size == (1600, 1000)
    # Vermillion (#D55E00) is the rail colour; count pixels close to it.
    pixels = image.load()
    rail = sum(
        1
        for x in range(0, 1600, 2)
        for y in range(0, 1000, 2)
        if abs(pixels[x, y][0] - 0xD5) < 30 and abs(pixels[x, y][1] - 0x5E) < 30 and pixels[x, y][2] < 40
    )
    assert rail > 150  # the rail leg is drawn at the thinnest stroke: no claim naming it gives a count
    # Both the sea and the land colours of the offline basemap are there.
    colours = image.getcolors(maxcolors=1_000_000)
    counts = {rgb: n for n, rgb in colours}
    assert counts.get((0xDF, 0xE9, 0xF0), 0) > 10_000 and counts.get((0xF6, 0xF4, 0xEE), 0) > 10_000


@pytest.mark.browser
def test_png_scale_doubles_the_pixels(browser, offline_map, tmp_path):
    from PIL import Image

    path = write_snapshot(offline_map, tmp_path / "map.png", "png", width_px=800, height_px=500, scale=2)
    with Image.open(path) as image:
        assert image.size == (1600, 1000)


@pytest.mark.browser
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


@pytest.mark.browser
def test_one_session_takes_many_images_and_closes(browser, offline_map, tmp_path):
    from PIL import Image

    with SnapshotSession() as session:
        paths = [
            write_snapshot(offline_map, tmp_path / f"map-{w}.png", "png", session=session, width_px=w, height_px=400)
            for w in (400, 600, 800)
        ]
        pdf = write_snapshot(offline_map, tmp_path / "map.pdf", "pdf", session=session)
        assert session.taken == 4
    for path, width in zip(paths, (400, 600, 800)):
        with Image.open(path) as image:
            assert image.size == (width, 400)
    assert pdf.read_bytes().startswith(b"%PDF-")
    with pytest.raises(RuntimeError, match="closed"):
        session.take("<html></html>")


@pytest.mark.browser
def test_a_map_taken_again_at_another_size_matches_a_fresh_page(browser, offline_map):
    """The session reuses the open page for the same map: resized and refitted, it shows what
    a freshly loaded page of that size shows."""
    from PIL import Image, ImageChops

    from routes.outputs.export import map_html

    html = map_html(offline_map)
    with SnapshotSession() as session:
        session.take(html, "png", SnapshotOptions(1600, 1000))
        reused = session.take(html, "png", SnapshotOptions(1024, 768))
    with SnapshotSession() as session:
        fresh = session.take(html, "png", SnapshotOptions(1024, 768))
    a = Image.open(io.BytesIO(reused)).convert("RGB")
    b = Image.open(io.BytesIO(fresh)).convert("RGB")
    assert a.size == b.size == (1024, 768)
    import numpy

    diff = numpy.asarray(ImageChops.difference(a, b).convert("L"))
    assert (diff > 40).mean() < 0.01
