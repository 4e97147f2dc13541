"""A claims chart of one claim: the value as worded, large, with who claimed it, when, the
period and the sources, then the chart's footer. One point on a date axis says no more and
reads worse (the seed case's chart was one point on a two-day axis with six-hour ticks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from routes.outputs.chart_plan import ChartInputs, _charted, claimant_styles
from routes.outputs.chart_text import FOOTER_LINE_IN, _refs, _wrap, draw_footer

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

#: The axes label of the card, and the prefix of its texts' gids (``single-value-<claim id>``
#: for the value, ``single-value-about`` for the lines below it).
SINGLE_GID = "single-value"
VALUE_PT, ABOUT_PT, TITLE_PT = 20, 10, 11


def _chars(width_in: float, points: float) -> int:
    """About how many characters of ``points`` type fit in ``width_in`` (0.6 em a character)."""
    return max(30, int((width_in - 0.6) * 72 / (points * 0.6)))


def single_value_figure(
    given: ChartInputs, footer: list[str], width_in: float, height_in: float
) -> matplotlib.figure.Figure:
    """The chart of the one claim ``given`` draws, no taller than ``height_in``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.offsetbox import AnchoredOffsetbox, TextArea, VPacker

    (claim,) = given.drawn
    colour, _ = claimant_styles([claim])[claim.claimant]
    title = _wrap(f"{given.scenario.title}: the one claim in {given.plan.unit.value}", _chars(width_in, TITLE_PT))
    value = _wrap(_charted(claim)[0].text, _chars(width_in, VALUE_PT))
    kind = "cumulative total" if claim in given.plan.cumulative else (claim.kind.value if claim.kind else "not stated")
    period = claim.period_label if claim.period.start or claim.period.end else "not stated"
    about = [
        f"claimed by {claim.claimant}, published {claim.published.label()} {_refs(given.numbers.get(claim.id, []))}",
        f"period: {period}; kind: {kind}",
        *(
            f"restated by {other.claimant}, {other.published.label()} {_refs(given.numbers.get(other.id, []))} "
            "(not a new point)"
            for other in given.restated_by.get(claim.id, [])
        ),
        f"No other claim gives a number in {given.plan.unit.value}, so no axis is drawn.",
    ]
    about_text = "\n".join(_wrap(line, _chars(width_in, ABOUT_PT)) for line in about)
    lines_in = (
        (title.count("\n") + 1) * TITLE_PT * 1.3
        + (value.count("\n") + 1) * VALUE_PT * 1.25
        + (about_text.count("\n") + 1) * ABOUT_PT * 1.45
    ) / 72
    foot_in = FOOTER_LINE_IN * len(footer) + 0.1
    height = min(height_in, lines_in + 0.6 + foot_in)
    figure = Figure(figsize=(width_in, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(2, 1, height_ratios=[height - foot_in, foot_in])
    card = figure.add_subplot(grid[0])
    card.set_label(SINGLE_GID)
    card.set_axis_off()
    card.set_title(title, fontsize=TITLE_PT, loc="left", pad=12)
    texts = VPacker(
        children=[
            TextArea(
                value,
                textprops={
                    "fontsize": VALUE_PT,
                    "fontweight": "bold",
                    "color": colour,
                    "gid": f"{SINGLE_GID}-{claim.id}",
                },
            ),
            TextArea(
                about_text,
                textprops={"fontsize": ABOUT_PT, "color": "#333333", "linespacing": 1.4, "gid": f"{SINGLE_GID}-about"},
            ),
        ],
        sep=10,
        align="left",
    )
    card.add_artist(
        AnchoredOffsetbox(
            "upper left",
            child=texts,
            frameon=False,
            pad=0,
            borderpad=0,
            bbox_to_anchor=(0, 1),
            bbox_transform=card.transAxes,
        )
    )
    draw_footer(figure.add_subplot(grid[1]), footer)
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure
