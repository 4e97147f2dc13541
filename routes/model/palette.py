"""The one palette of every output: colours and shapes of the map's legs, node kinds and
events, the claims chart's claimants and a bulk page's categories.

Colour is never the only cue: each node kind and the event mark has a shape of its own, and
each claimant in the chart a line style as well as a colour. The colours are Okabe & Ito's
("Color Universal Design", 2008, https://jfly.uni-koeln.de/color/) and Paul Tol's
(https://personal.sron.nl/~pault/), chosen so that any two different colours here stay at
least 10 apart in CAM02-UCS (Luo, Cui & Li 2006) in normal vision and under full-severity
deuteranopia, protanopia and tritanopia as simulated by Machado, Oliveira & Fernandes (2009)
within each legend: the map's (:func:`map_colours`), the chart's claimants and a bulk page's
categories. ``tests/test_palette.py`` checks it with colorspacious.

Shape names are drawn by ``render/static/page.js`` (``routesPage.shapePath``) on the map and
in its legend, and by :data:`MPL_MARKERS` in matplotlib.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

BLUE = "#0072B2"  # Okabe-Ito blue
VERMILION = "#D55E00"  # Okabe-Ito vermilion
GREEN = "#009E73"  # Okabe-Ito bluish green
PINK = "#CC79A7"  # Okabe-Ito reddish purple
ORANGE = "#E69F00"  # Okabe-Ito orange
SKY = "#56B4E9"  # Okabe-Ito sky blue
BLACK = "#000000"
GREY = "#555555"  # minor places: stations, junctions, cities
INDIGO = "#332288"  # Tol muted indigo
WINE = "#882255"  # Tol muted wine
GOLD = "#DDAA33"  # Tol high-contrast yellow
BROWN = "#8C564B"
SALMON = "#F97B72"
PURPLE = "#AA3377"  # Tol bright purple
PALE_GREY = "#999999"

#: Every shape the map and the chart draw, each a filled mark but ``star``, drawn hollow.
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "pentagon", "hexagon", "plus", "star")
#: The matplotlib marker of each shape.
MPL_MARKERS = MappingProxyType(
    {
        "circle": "o",
        "square": "s",
        "diamond": "D",
        "triangle": "^",
        "triangle-down": "v",
        "pentagon": "p",
        "hexagon": "h",
        "plus": "P",
        "star": "*",
    }
)

#: Legs by mode (keyed by :class:`routes.model.vocabulary.Mode` value): a port is drawn in its
#: sea legs' blue and an airfield in its air legs' pink on purpose.
MODE_COLOURS = MappingProxyType({"sea": BLUE, "rail": VERMILION, "road": GREEN, "air": PINK})

#: Node kinds: colour and shape (each shape used by one kind only, and not by the event mark).
NODE_KINDS = MappingProxyType(
    {
        "port": (BLUE, "circle"),
        "depot": (BLACK, "square"),
        "station": (GREY, "triangle-down"),
        "junction": (GREY, "plus"),
        "border-crossing": (ORANGE, "diamond"),
        "airfield": (PINK, "triangle"),
        "city": (GREY, "hexagon"),
        "site": (INDIGO, "pentagon"),
    }
)
#: A dated event at a place: a hollow star, solid (a dashed outline means "location approximate").
EVENT = (SKY, "star")

#: What was observed, apart from the claims: an image taken (its footprint, dotted; a dotted
#: square where only its point is known) and a count (small bars).
OBSERVED = MappingProxyType({"image": PURPLE, "count": BLACK, "track": GREEN, "gap": GREY, "anomaly": VERMILION})
#: A track of a vessel the case does not name (drawn dashed as well).
UNLINKED_TRACK = GREY
#: Observed ship tracks, by the vessel's place in the case (told apart on the map by their
#: popups and the legend's vessel names, not by colour alone).
TRACK_COLOURS = (GREEN, INDIGO, WINE, BROWN, GOLD, SKY)

#: Claimants of the chart, in order of first publication: colour and line style together, so a
#: reader who cannot tell two colours apart still tells the whiskers and legend rows apart. In
#: this order the colours that share a line style (every fourth) stay at least 29 apart in
#: CAM02-UCS for every reader (vermilion and gold, 10 apart under deuteranopia, do not share one).
CLAIMANT_COLOURS = (BLUE, VERMILION, SKY, BLACK, GOLD, INDIGO, WINE, PURPLE, BROWN, PALE_GREY, SALMON)
LineStyle = Literal["solid", "dashed", "dotted", "dashdot"]
CLAIMANT_LINESTYLES: tuple[LineStyle, ...] = ("solid", "dashed", "dotted", "dashdot")


def claimant_style(index: int) -> tuple[str, LineStyle]:
    """The colour and the matplotlib line style of the ``index``-th claimant: colours first,
    then each colour again with the next line style (unique for 44 claimants, then repeating).

    >>> claimant_style(0), claimant_style(1), claimant_style(len(CLAIMANT_COLOURS))
    (('#0072B2', 'solid'), ('#D55E00', 'dashed'), ('#0072B2', 'dashed'))
    """
    n = len(CLAIMANT_COLOURS)
    styles = len(CLAIMANT_LINESTYLES)
    return CLAIMANT_COLOURS[index % n], CLAIMANT_LINESTYLES[((index % n) % styles + index // n) % styles]


#: A bulk page's categories, in order, and the colour of "other".
CATEGORY_COLOURS = tuple(c for c in CLAIMANT_COLOURS if c != PALE_GREY)
OTHER_COLOUR = PALE_GREY


def map_colours() -> tuple[str, ...]:
    """The colours of a case map's legend (legs, node kinds, the event mark, observations), each once."""
    named = [*MODE_COLOURS.values(), *(c for c, _ in NODE_KINDS.values()), EVENT[0], *OBSERVED.values()]
    return tuple(dict.fromkeys(named))
