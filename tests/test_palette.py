"""The palette (routes/model/palette.py): colours that stay apart for every reader, one shape a
node kind.

Colour distance is CAM02-UCS ΔE (Luo, Cui & Li 2006) throughout, computed by colorspacious;
colour vision deficiencies are simulated with its Machado, Oliveira & Fernandes (2009) matrices
at full severity (severity 100), applied in linear sRGB.
"""

import itertools

import numpy
import pytest

from routes.model import palette
from routes.render.entries import EVENT_STYLE, KIND_STYLES, MODE_STYLES

colorspacious = pytest.importorskip("colorspacious")

#: The smallest CAM02-UCS distance between two colours of one legend (issue 23 item 6).
MIN_DELTA_E = 10.0
VISIONS = ("normal", "deuteranomaly", "protanomaly", "tritanomaly")


def seen(colour: str, vision: str) -> numpy.ndarray:
    """A colour as CAM02-UCS coordinates, as a reader with ``vision`` sees it."""
    rgb = numpy.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    if vision != "normal":
        space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = numpy.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def closest_pair(colours, vision: str) -> tuple[float, str, str]:
    return min(
        (float(numpy.linalg.norm(seen(a, vision) - seen(b, vision))), a, b)
        for a, b in itertools.combinations(dict.fromkeys(colours), 2)
    )


def test_the_simulation_merges_what_the_desk_saw_merge():
    # The desk review (section 12) saw Okabe-Ito green and pink turn one grey under deuteranopia:
    # far apart in normal vision, much closer simulated, so the check measures what it claims to.
    normal = closest_pair(["#009E73", "#CC79A7"], "normal")[0]
    deuteranopia = closest_pair(["#009E73", "#CC79A7"], "deuteranomaly")[0]
    assert normal > 40 and deuteranopia < normal / 2


LEGENDS = {
    "map": palette.map_colours(),
    "chart claimants": palette.CLAIMANT_COLOURS,
    "bulk categories": (*palette.CATEGORY_COLOURS, palette.OTHER_COLOUR),
}


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("legend", sorted(LEGENDS))
def test_the_colours_of_each_legend_stay_apart(legend, vision):
    distance, a, b = closest_pair(LEGENDS[legend], vision)
    assert distance >= MIN_DELTA_E, f"{legend}: {a} and {b} are {distance:.1f} apart ({vision})"


def test_the_map_draws_its_colours_from_the_palette():
    used = {s["color"] for s in KIND_STYLES.values()} | {s["color"] for s in MODE_STYLES.values()}
    assert used | {EVENT_STYLE["color"], *palette.OBSERVED.values()} == set(palette.map_colours())


def test_every_node_kind_and_the_event_have_a_shape_of_their_own():
    shapes = [shape for _, shape in palette.NODE_KINDS.values()] + [palette.EVENT[1]]
    assert len(set(shapes)) == len(shapes)
    assert set(shapes) <= set(palette.SHAPES) == set(palette.MPL_MARKERS)
    assert len(set(palette.MPL_MARKERS.values())) == len(palette.SHAPES)
    assert set(KIND_STYLES) == set(palette.NODE_KINDS)


def test_claimants_differ_in_colour_or_line_style():
    styles = [palette.claimant_style(i) for i in range(len(palette.CLAIMANT_COLOURS) * 4)]
    assert len(set(styles)) == len(styles)
    # Neighbours in the legend differ in line style too, so two colours that merge stay apart.
    assert all(a[1] != b[1] for a, b in itertools.pairwise(styles))


@pytest.mark.parametrize("vision", VISIONS)
def test_claimants_that_share_a_line_style_are_far_apart_in_colour(vision):
    styles = [palette.claimant_style(i) for i in range(len(palette.CLAIMANT_COLOURS))]
    for linestyle in palette.CLAIMANT_LINESTYLES:
        same = [colour for colour, style in styles if style == linestyle]
        if len(same) > 1:
            distance, a, b = closest_pair(same, vision)
            assert distance >= 25, f"{a} and {b} share {linestyle} and are {distance:.1f} apart ({vision})"
