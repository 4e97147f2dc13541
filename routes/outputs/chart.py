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
from typing import TYPE_CHECKING

from routes.errors import ChartError
from routes.model.vocabulary import ClaimKind, Qualifier, Unit
from routes.outputs.chart_plan import _charted, chart_plan, point_day, source_numbers, whisker_start
from routes.outputs.chart_text import _footer_lines, _label_text, _place_labels, _wrap

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    from matplotlib.axes import Axes

    from routes.load.scenario import Scenario
    from routes.model.records import Claim


#: Okabe-Ito colours, then greys, for claimant series.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#666666")
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
#: Gids of the artists tests and readers may look for in the SVG.
CUMULATIVE_GID, OTHER_GID, FOOTER_GID = "cumulative-totals", "other-kinds", "chart-footer"


def claims_figure(
    scenario: Scenario, *, unit: Unit | None = None, width_in: float = 11.0, height_in: float = 9.0
) -> matplotlib.figure.Figure:
    """The claims chart of a scenario as a matplotlib Figure (shows inline in Jupyter).

    ``figure.axes`` holds the cumulative panel (its label is ``cumulative-totals``) if any claim
    is a cumulative total, the panel of other kinds (``other-kinds``) if any claim is not, then
    the footer (``chart-footer``). Each claim's point is a collection whose gid is
    ``point-<claim id>``; its whisker ``whisker-<claim id>``.
    """
    import numpy
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    plan = chart_plan(scenario, unit)
    unit = plan.unit
    numbers, source_labels = source_numbers(scenario)
    drawn = plan.cumulative + plan.other
    claimants = list(dict.fromkeys(c.claimant for c in sorted(drawn, key=lambda c: c.published_key)))
    colours = {name: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, name in enumerate(claimants)}
    restated_by: dict[str, list[Claim]] = {}
    for claim in plan.restatements:
        if claim.restates:
            restated_by.setdefault(claim.restates, []).append(claim)

    footer = _footer_lines(scenario, plan, numbers, source_labels, width_in)
    figure = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)  # a renderer, to measure labels while placing them
    groups = ([(CUMULATIVE_GID, plan.cumulative)] if plan.cumulative else []) + (
        [(OTHER_GID, plan.other)] if plan.other else []
    )
    groups = groups or [(CUMULATIVE_GID, [])]
    # Room for each panel's points and for its wrapped labels (a restated claim's label is tall).
    shares = [
        0.6 + max(len(claims), sum(_label_text(c, numbers, restated_by).count("\n") + 1 for c in claims) / 2.5)
        for _, claims in groups
    ]
    body = max(height_in * 0.5, height_in - 1.6 - 0.16 * len(footer))
    ratios = [body * share / sum(shares) for share in shares] + [0.16 * len(footer) + 0.1]
    grid = figure.add_gridspec(len(ratios), 1, height_ratios=ratios)
    panels: list[Axes] = []
    for row, (name, _claims) in enumerate(groups):
        axes = figure.add_subplot(grid[row], sharex=panels[0] if panels else None)
        axes.set_label(name)
        panels.append(axes)
    foot = figure.add_subplot(grid[-1])
    foot.set_label(FOOTER_GID)
    foot.set_axis_off()
    foot.text(
        0,
        1,
        "\n".join(footer),
        transform=foot.transAxes,
        va="top",
        ha="left",
        fontsize=7.5,
        color="#333333",
        gid=FOOTER_GID,
        linespacing=1.35,
    )

    marker_of_kind = {kind: marker for kind, marker, _ in OTHER_GROUPS}
    for axes, (name, claims) in zip(panels, groups):
        cumulative = name == CUMULATIVE_GID
        for claim in claims:
            colour = colours[claim.claimant]
            # Dates go to matplotlib as numpy datetime64, which its date axis converts like dates
            # and its type hints accept.
            day, (q, value) = numpy.datetime64(point_day(claim)), _charted(claim)
            start = whisker_start(claim)
            if start is not None:
                axes.hlines(
                    value,
                    numpy.datetime64(start),
                    day,
                    color=colour,
                    linewidth=1.4,
                    alpha=0.75,
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
                axes.vlines(
                    day, value, q.value_max, color=colour, linewidth=4, alpha=0.8, zorder=2, gid=f"range-{claim.id}"
                )
            marker = MARKERS.get(q.qualifier, "D") if cumulative else marker_of_kind.get(claim.kind, "h")
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
        _set_limits(axes, claims)
        axes.grid(True, color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.yaxis.set_major_formatter(_thousands())
        if cumulative:
            axes.set_ylabel(f"claimed {unit.value}:\ncumulative totals only", fontsize=9)
            if not claims:
                axes.text(
                    0.5,
                    0.5,
                    f"no claim in {unit.value} to chart",
                    transform=axes.transAxes,
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="#666666",
                )
        else:
            axes.set_ylabel(f"claimed {unit.value}:\nother kinds, not\ncomparable with totals", fontsize=9)
            note = "Other kinds: each figure counts its own period, observation or part; not a running total"
            if not plan.cumulative:
                note = (
                    f"No claim in {unit.value} is stated to be a cumulative total: none is drawn on a cumulative "
                    "axis.\n" + note
                )
            axes.set_title(note, fontsize=9, loc="left", color="#333333")
            present = {c.kind if c.kind in marker_of_kind else None for c in claims}
            kinds = [(marker, label) for kind, marker, label in OTHER_GROUPS if kind in present]
            legend = Legend(
                axes,
                [Line2D([], [], marker=m, linestyle="none", color="#555555", markersize=7) for m, _ in kinds],
                [_wrap(label, 34) for _, label in kinds],
                loc="lower left",
                bbox_to_anchor=(1.01, 0.0),
                fontsize=7.5,
                frameon=False,
                title="kind (marker)",
                title_fontsize=7.5,
                alignment="left",
            )
            axes.add_artist(legend)

    first = panels[0]
    if first.get_title(loc="left"):
        first.set_title(
            _wrap(f"{scenario.title}: claimed {unit.value} by claimant", 100) + "\n" + first.get_title(loc="left"),
            fontsize=9,
            loc="left",
        )
        first.title.set_fontsize(9)
    else:
        first.set_title(_wrap(f"{scenario.title}: claimed {unit.value} by claimant", 90), fontsize=11, loc="left")
    if claimants:
        title = "claimant"
        if plan.cumulative:
            title += "\n(cumulative panel: ▲ more than / at least,\n● about, ◆ stated, bar: range)"
        handles = [Line2D([], [], marker="o", linestyle="none", color=colours[n], markersize=7) for n in claimants]
        legend = first.legend(
            handles,
            [_wrap(n, 28) for n in claimants],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=7.5,
            frameon=False,
            title=title,
            title_fontsize=7.5,
            alignment="left",
        )
    _set_dates(panels[0], drawn)  # the panels share their date axis
    _date_axis(panels)
    panels[-1].set_xlabel(
        "end of the claimed period (the published date when the period is open or not stated); "
        "whisker: from the period start",
        fontsize=8,
        color="#444444",
    )
    figure.draw_without_rendering()  # lay the figure out, then place labels where they fit
    for axes, (_name, claims) in zip(panels, groups):
        _place_labels(figure, axes, claims, numbers, restated_by)
    figure.set_layout_engine("none")  # keep the layout the labels were placed in
    return figure


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
    days = [point_day(c) for c in claims] + [d for c in claims if (d := whisker_start(c))]
    if days:
        span = max((max(days) - min(days)).days, 30)
        axes.set_xlim(min(days) - dt.timedelta(days=span * 0.04), max(days) + dt.timedelta(days=span * 0.04))


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
    with matplotlib.rc_context({"svg.hashsalt": "routes", "svg.fonttype": "path"}):
        figure.savefig(out, format=kind, metadata={"Date": None} if kind == "svg" else {"Software": None})
    return out.getvalue()
