"""The claims chart: claimed volume over time, one colour per claimant, never added up.

Only cumulative totals ("more than 10,000 since September 2023") share the top panel's
cumulative axis. Figures of other kinds (a flow in a period, a snapshot, a share of a flow) and
figures whose kind is not stated sit in a panel of their own below it, one marker per kind: they
count something else and are not comparable with the totals. A restatement (another claimant's
figure repeated) is never a new point: the claim it repeats says "restated by …" instead.

Each point sits at the end of the claimed period (the published date when the period is open or
not stated) and its whisker runs from the period start to the point. In the top panel the marker
is the qualifier (an upward triangle for "more than" / "at least", a circle for "about", a
diamond for a stated number); a range is a vertical bar. Points are not joined, not even within
one claimant, and nothing starts from zero. Labels are the quantity as worded, wrapped, never
cut, with the numbers of their sources; the footer carries the as-of date and those sources,
numbered as in the map and the ledger. matplotlib draws it; PNG and SVG, deterministic.

This module draws; which claims go where is :mod:`routes.outputs.chart_plan`, the labels and
the footer :mod:`routes.outputs.chart_text`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from routes.errors import ChartError
from routes.model.palette import LineStyle
from routes.model.vocabulary import ClaimKind, Qualifier, Unit
from routes.outputs.chart_plan import ChartInputs, _charted, chart_inputs, claimant_styles, point_day, whisker_start
from routes.outputs.chart_text import (
    FOOTER_GID,
    FOOTER_LINE_IN,
    VERBATIM_TEXT,
    _footer_lines,
    _label_text,
    _place_labels,
    _wrap,
    draw_footer,
    verbatim_text,
)
from routes.outputs.chart_value import SINGLE_GID, single_value_figure

__all__ = [
    "CUMULATIVE_GID",
    "FOOTER_GID",
    "KEY_GID",
    "OTHER_GID",
    "SINGLE_GID",
    "ChartError",
    "chart_bytes",
    "claimant_styles",
    "claims_figure",
]

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    from matplotlib.axes import Axes

    from routes.load.scenario import Scenario
    from routes.model.records import Claim


#: Markers of the cumulative panel: the qualifier.
MARKERS = {
    Qualifier.MORE_THAN: "^",
    Qualifier.AT_LEAST: "^",
    Qualifier.ABOUT: "o",
    Qualifier.UP_TO: "v",
    Qualifier.BETWEEN: "s",
    Qualifier.EXACTLY: "D",
    None: "D",
}
#: The group of claims with no stated kind.
NOT_STATED = "kind not stated"
#: Groups of the lower panel, in legend order: a kind (or none), its marker and its label.
OTHER_GROUPS = (
    (ClaimKind.FLOW, "P", "flow in a stated period"),
    (ClaimKind.SNAPSHOT, "X", "snapshot (one observation)"),
    (ClaimKind.SHARE, "p", "share (one vessel's or route's part of a flow)"),
    (None, "h", NOT_STATED),
)
#: Gids (and axes labels) tests and readers may look for: the panels, the key column holding
#: the legends, the footer, and the one value a chart of a single claim shows instead of axes.
CUMULATIVE_GID, OTHER_GID, KEY_GID = "cumulative-totals", "other-kinds", "chart-key"
#: Width of the key column (the legends) in inches, and the least span of the date axis in days
#: (a shorter span ticks hours, which no claim is dated to).
KEY_WIDTH_IN, MIN_SPAN_DAYS = 2.7, 60


@verbatim_text
def claims_figure(
    scenario: Scenario, *, unit: Unit | None = None, width_in: float = 11.0, height_in: float = 9.0
) -> matplotlib.figure.Figure:
    """The claims chart of a scenario as a matplotlib Figure (shows inline in Jupyter).

    ``figure.axes`` holds the cumulative panel (its label is ``cumulative-totals``) if any claim
    is a cumulative total, the panel of other kinds (``other-kinds``) if any claim is not, the
    key column with the legends (``chart-key``), then the footer (``chart-footer``). Each
    claim's point is a collection whose gid is ``point-<claim id>``; its whisker
    ``whisker-<claim id>``. A chart of one claim is that claim's value, worded, with its
    claimant, period and sources (an axes labelled ``single-value``): one point on an axis
    says no more and reads worse.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    given = chart_inputs(scenario, unit)
    footer = _footer_lines(scenario, given.plan, given.numbers, given.source_labels, width_in)
    if len(given.drawn) == 1:
        return single_value_figure(given, footer, width_in, height_in)
    styles = claimant_styles(given.drawn)
    groups = ([(CUMULATIVE_GID, given.plan.cumulative)] if given.plan.cumulative else []) + (
        [(OTHER_GID, given.plan.other)] if given.plan.other else []
    )
    groups = groups or [(CUMULATIVE_GID, [])]
    figure = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)  # a renderer, to measure labels while placing them
    panels, key = _layout(figure, given, groups, footer)
    for axes, (name, claims) in zip(panels, groups):
        for claim in claims:
            _draw_claim(axes, claim, styles[claim.claimant], cumulative=name == CUMULATIVE_GID)
        _dress_panel(axes, name, claims, given)
    _title(panels[0], given)
    _legends(key, panels, groups, styles, given)
    _set_dates(panels[0], given.drawn)  # the panels share their date axis
    _date_axis(panels)
    panels[-1].set_xlabel(
        "end of the claimed period (the published date when the period is open or not stated); "
        "whisker: from the period start",
        fontsize=8,
        color="#444444",
    )
    figure.draw_without_rendering()  # lay the figure out, then place labels where they fit
    for axes, (_name, claims) in zip(panels, groups):
        _place_labels(figure, axes, claims, given.numbers, given.restated_by)
    figure.set_layout_engine("none")  # keep the layout the labels were placed in
    return figure


def _layout(figure, given: ChartInputs, groups, footer: list[str]) -> tuple[list[Axes], Axes]:
    """The grid: a panel a group (sharing the date axis) beside the key column, the footer below."""
    width_in, height_in = figure.get_size_inches()
    # Room for each panel's points and for its wrapped labels (a restated claim's label is tall).
    shares = [
        0.6
        + max(len(claims), sum(_label_text(c, given.numbers, given.restated_by).count("\n") + 1 for c in claims) / 2.5)
        for _, claims in groups
    ]
    body = max(height_in * 0.5, height_in - 1.6 - FOOTER_LINE_IN * len(footer))
    ratios = [body * share / sum(shares) for share in shares] + [FOOTER_LINE_IN * len(footer) + 0.1]
    grid = figure.add_gridspec(
        len(ratios), 2, height_ratios=ratios, width_ratios=[width_in - KEY_WIDTH_IN, KEY_WIDTH_IN]
    )
    panels: list[Axes] = []
    for row, (name, _claims) in enumerate(groups):
        axes = figure.add_subplot(grid[row, 0], sharex=panels[0] if panels else None)
        axes.set_label(name)
        panels.append(axes)
    key = figure.add_subplot(grid[: len(groups), 1])
    key.set_label(KEY_GID)
    key.set_axis_off()
    draw_footer(figure.add_subplot(grid[-1, :]), footer)
    return panels, key


def _draw_claim(axes, claim: Claim, style: tuple[str, LineStyle], *, cumulative: bool) -> None:
    """A claim's point, its whisker from the period start (in the claimant's line style) and
    its range bar."""
    import numpy

    colour, linestyle = style
    # Dates go to matplotlib as numpy datetime64, which its date axis converts like dates and
    # its type hints accept.
    day, (q, value) = numpy.datetime64(point_day(claim)), _charted(claim)
    start = whisker_start(claim)
    if start is not None:
        axes.hlines(
            value,
            numpy.datetime64(start),
            day,
            color=colour,
            linewidth=1.4,
            linestyles=linestyle,
            alpha=0.85,
            zorder=2,
            gid=f"whisker-{claim.id}",
        )
        axes.plot(
            numpy.array([start], dtype="datetime64[D]"),
            [value],
            marker="|",
            markersize=9,
            color=colour,
            linestyle="none",
            zorder=2,
            gid=f"whisker-start-{claim.id}",
        )
    if q.value_max is not None:
        axes.vlines(day, value, q.value_max, color=colour, linewidth=4, alpha=0.8, zorder=2, gid=f"range-{claim.id}")
    marker = MARKERS.get(q.qualifier, "D") if cumulative else _MARKER_OF_KIND.get(claim.kind, "h")
    axes.scatter(
        numpy.array([day]),
        [value],
        marker=marker,
        s=64,
        color=colour,
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
        gid=f"point-{claim.id}",
    )


_MARKER_OF_KIND = {kind: marker for kind, marker, _ in OTHER_GROUPS}


def _dress_panel(axes, name: str, claims: list[Claim], given: ChartInputs) -> None:
    """A panel's limits, grid, axis label and note."""
    unit = given.plan.unit.value
    _set_limits(axes, claims)
    axes.grid(True, color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.yaxis.set_major_formatter(_thousands())
    if name == CUMULATIVE_GID:
        axes.set_ylabel(f"claimed {unit}:\ncumulative totals only", fontsize=9)
        if not claims:
            axes.text(
                0.5,
                0.5,
                f"no claim in {unit} to chart",
                transform=axes.transAxes,
                ha="center",
                va="center",
                fontsize=9,
                color="#666666",
            )
        return
    axes.set_ylabel(f"claimed {unit}:\nother kinds, not\ncomparable with totals", fontsize=9)
    note = "Other kinds: each figure counts its own period, observation or part; not a running total"
    if not given.plan.cumulative:
        note = f"No claim in {unit} is stated to be a cumulative total: none is drawn on a cumulative axis.\n" + note
    axes.set_title(note, fontsize=9, loc="left", color="#333333")


def _title(first, given: ChartInputs) -> None:
    """The chart's title, above the first panel's note if it has one."""
    if first.get_title(loc="left"):
        first.set_title(_wrap(given.heading, 100) + "\n" + first.get_title(loc="left"), fontsize=9, loc="left")
    else:
        first.set_title(_wrap(given.heading, 90), fontsize=11, loc="left")


def _legends(key, panels, groups, styles: dict[str, tuple[str, LineStyle]], given: ChartInputs) -> None:
    """The key column: the claimants (colour and line style) at the top, the kinds of the other
    panel (their markers) at the foot, level with that panel."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    common: dict[str, Any] = {
        "fontsize": 7.5,
        "frameon": False,
        "title_fontsize": 7.5,
        "alignment": "left",
        "borderaxespad": 0.0,
    }
    if styles:
        title = "claimant (colour and line)"
        if given.plan.cumulative:
            title += "\ncumulative panel: ▲ more than / at least,\n● about, ◆ stated, bar: range"
        handles = [
            Line2D([], [], color=colour, linestyle=linestyle, linewidth=1.6, marker="o", markersize=6)
            for colour, linestyle in styles.values()
        ]
        key.legend(
            handles,
            [_wrap(n, 30) for n in styles],
            loc="upper left",
            bbox_to_anchor=(0.0, 1.0),
            handlelength=3.2,
            title=title,
            **common,
        )
    other = dict(groups).get(OTHER_GID)
    if other:
        present = {c.kind if c.kind in _MARKER_OF_KIND else None for c in other}
        kinds = [(marker, label) for kind, marker, label in OTHER_GROUPS if kind in present]
        # Level with the foot of the other panel (the last), in the key's axes coordinates.
        bottom = key.transAxes.inverted().transform(panels[-1].transAxes.transform((0, 0)))[1]
        legend = Legend(
            key,
            [Line2D([], [], marker=m, linestyle="none", color="#555555", markersize=7) for m, _ in kinds],
            [_wrap(label, 34) for _, label in kinds],
            loc="lower left",
            bbox_to_anchor=(0.0, max(0.0, bottom)),
            title="kind (marker)",
            **common,
        )
        key.add_artist(legend)


def _thousands():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: f"{value:,.0f}")


def _date_axis(panels) -> None:
    """Every tick label carries its year."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=4, maxticks=10)
    formats = ["%Y", "%b\n%Y", "%d %b\n%Y", "%d %b %H:%M", "%H:%M", "%S.%f"]
    formatter = ConciseDateFormatter(locator, formats=formats, zero_formats=formats, show_offset=False)
    for axes in panels:
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(formatter)
    for axes in panels[:-1]:
        axes.tick_params(labelbottom=False)


def _set_limits(axes, claims) -> None:
    """Room above the highest figure for its label; the date range of every drawn claim."""
    if not claims:
        return
    axes.set_ylim(bottom=0, top=max(c.quantity.value_max or c.quantity.value for c in claims) * 1.22)


def _set_dates(axes, claims) -> None:
    """The dates of every drawn claim, with a margin, over at least :data:`MIN_SPAN_DAYS`."""
    days = [point_day(c) for c in claims] + [d for c in claims if (d := whisker_start(c))]
    if days:
        span = (max(days) - min(days)).days
        margin = max(span * 0.04, (MIN_SPAN_DAYS - span) / 2)
        axes.set_xlim(min(days) - dt.timedelta(days=margin), max(days) + dt.timedelta(days=margin))


def chart_bytes(scenario: Scenario, kind: str = "png", **options) -> bytes:
    """The chart as PNG or SVG bytes, the same bytes for the same input."""
    import io

    try:
        import matplotlib
    except ImportError:
        raise ChartError("the claims chart needs matplotlib; install it with: pip install matplotlib") from None
    if kind not in ("png", "svg"):
        raise ValueError(f"kind {kind!r} is not 'png' or 'svg'")
    figure = claims_figure(scenario, **options)
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "routes", "svg.fonttype": "path", **VERBATIM_TEXT}):
        figure.savefig(out, format=kind, metadata={"Date": None} if kind == "svg" else {"Software": None})
    return out.getvalue()
