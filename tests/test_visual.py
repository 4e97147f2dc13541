"""Reference pictures: the PNGs of both bundled cases at three sizes, compared with stored
references at a coarse scale, so a regression in layout (a panel over the map, the basemap or
the route missing, a footer that grows over the map) fails while anti-aliasing and small font
differences between machines do not.

The references live in ``tests/data/visual/`` at an eighth of the page size. After a change
to the layout that you have looked at and want to keep, write them again with::

    ROUTES_UPDATE_VISUAL=1 pytest tests/test_visual.py
"""

import io
import os
from pathlib import Path

import pytest

import routes
from routes.outputs.export import map_html

REFERENCES = Path(__file__).parent / "data" / "visual"
SIZES = [(1024, 768), (1600, 1000), (1920, 1080)]
CASES = ["dprk-russia-2023", "dprk-russia-2023-2025"]
#: The page is compared at 1/8 of its size ...
SHRINK = 8
#: ... and may differ from its reference by at most this mean per channel (0-255) ...
MAX_MEAN_DIFFERENCE = 12.0
#: ... with at most this share of its pixels changed by more than CHANGED_BY in a channel.
#: Measured at 1600x1000: another font family changes 4.5 %, all panel text 1 px larger 11 %,
#: the map shifted 30 px 5.6 %; a title block grown over the map 36 %, no basemap 47 %.
MAX_CHANGED_SHARE = 0.15
CHANGED_BY = 16


def thumbnail(png: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.resize((image.width // SHRINK, image.height // SHRINK), Image.Resampling.BOX)


def difference(a, b) -> tuple[float, float]:
    """Mean absolute difference per channel, and the share of pixels that changed visibly
    (by more than :data:`CHANGED_BY` in some channel)."""
    import numpy

    if a.size != b.size:
        return 255.0, 1.0
    diff = numpy.abs(numpy.asarray(a, dtype=numpy.int16) - numpy.asarray(b, dtype=numpy.int16))
    return float(diff.mean()), float((diff.max(axis=2) > CHANGED_BY).mean())


@pytest.fixture(scope="module")
def session(browser):
    from routes.outputs.snapshots import SnapshotSession

    with SnapshotSession() as own:
        yield own


@pytest.fixture(scope="module")
def pages():
    return {case: map_html(routes.render_map(routes.load_scenario(case), offline=True)) for case in CASES}


def take(session, html, size):
    from routes.outputs.snapshots import SnapshotOptions

    return thumbnail(session.take(html, "png", SnapshotOptions(*size)))


@pytest.mark.parametrize("case", CASES)
def test_the_pictures_match_their_references(session, pages, case, tmp_path):
    from PIL import Image

    for size in SIZES:
        reference = REFERENCES / f"{case}-{size[0]}x{size[1]}.png"
        picture = take(session, pages[case], size)
        if os.environ.get("ROUTES_UPDATE_VISUAL"):
            reference.parent.mkdir(parents=True, exist_ok=True)
            picture.save(reference, optimize=True)
            continue
        assert reference.is_file(), f"no reference {reference.name}: run ROUTES_UPDATE_VISUAL=1 pytest {__file__}"
        mean, changed = difference(picture, Image.open(reference).convert("RGB"))
        if mean > MAX_MEAN_DIFFERENCE or changed > MAX_CHANGED_SHARE:
            picture.save(tmp_path / reference.name)
        assert mean <= MAX_MEAN_DIFFERENCE and changed <= MAX_CHANGED_SHARE, (
            f"{reference.name}: mean difference {mean:.1f}, {changed:.1%} of pixels changed; "
            f"the new picture is in {tmp_path}"
        )


def test_a_layout_regression_is_caught(session, pages):
    """The comparison is not blind: a title block grown over the map fails it."""
    from PIL import Image

    if os.environ.get("ROUTES_UPDATE_VISUAL"):
        pytest.skip("writing references")
    broken = pages["dprk-russia-2023"].replace(
        "</head>", "<style>.routes-title { min-height: 520px; min-width: 900px; }</style></head>", 1
    )
    size = SIZES[1]
    reference = Image.open(REFERENCES / f"dprk-russia-2023-{size[0]}x{size[1]}.png").convert("RGB")
    mean, changed = difference(take(session, broken, size), reference)
    assert mean > MAX_MEAN_DIFFERENCE or changed > MAX_CHANGED_SHARE, (mean, changed)
