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
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from routes.errors import ChartError
from routes.model.vocabulary import ClaimKind, Qualifier, Unit

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    from matplotlib.axes import Axes

    from routes.load.scenario import Scenario
    from routes.model.records import Claim, Quantity

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
LABEL_WIDTH = 30
#: The line from a label placed away from its point back to the point.
LEADER = {"arrowstyle": "-", "color": "#999999", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 5}


def chart_unit(scenario: Scenario) -> Unit:
    """The unit charted: the one most claims give a number in (:func:`routes.analysis.volumes.main_unit`)."""
    from routes.analysis.volumes import main_unit

    counted = [c for c in scenario.claims if c.quantity and c.quantity.value is not None and c.quantity.unit]
    if not counted:
        raise ChartError(f"no claim of '{scenario.id}' gives a number to chart")
    return main_unit(counted)


def is_restatement(claim: Claim) -> bool:
    """True for a claim that repeats another's figure (by kind or by ``restates``)."""
    return claim.kind is ClaimKind.RESTATEMENT or claim.restates is not None


@dataclass
class ChartPlan:
    """Which claims the chart draws where, and which it leaves out (and why)."""

    unit: Unit
    cumulative: list[Claim] = field(default_factory=list)
    other: list[Claim] = field(default_factory=list)
    restatements: list[Claim] = field(default_factory=list)
    left_out: list[Claim] = field(default_factory=list)


def _charted(claim: Claim) -> tuple[Quantity, float]:
    """The quantity of a claim the chart draws, and its value: :func:`chart_plan` draws only
    claims with a value."""
    q = claim.quantity
    if q is None or q.value is None:
        raise ValueError(f"claim '{claim.id}' has no quantity to chart")
    return q, q.value


def chart_plan(scenario: Scenario, unit: Unit | None = None) -> ChartPlan:
    """Sort the claims of a scenario into the chart's panels (each list by published date)."""
    plan = ChartPlan(unit or chart_unit(scenario))
    for claim in sorted(scenario.claims, key=lambda c: c.published_key):
        q = claim.quantity
        if is_restatement(claim):
            plan.restatements.append(claim)
        elif not (q and q.value is not None and q.unit is plan.unit):
            plan.left_out.append(claim)
        elif claim.kind is ClaimKind.CUMULATIVE:
            plan.cumulative.append(claim)
        else:
            plan.other.append(claim)
    return plan


def point_day(claim: Claim) -> dt.date:
    """Where a claim's point sits: the end of its period, never later than its publication;
    the published date when the period has no end."""
    published = claim.published.first_day()
    end = claim.period.last_day()
    return published if end is None else min(end, claim.published.last_day())


def whisker_start(claim: Claim) -> dt.date | None:
    """The period start, where the whisker begins (None when the start is not stated)."""
    start = claim.period.first_day()
    return start if start is not None and start < point_day(claim) else None


def source_numbers(scenario: Scenario) -> tuple[dict[str, list[int]], dict[int, str]]:
    """Each claim's source numbers and a short label per number (``publisher, date``),
    numbered as the ledger and the map number them."""
    from routes.outputs.ledger import LEDGER_COLUMNS, ledger_rows

    rows, _ = ledger_rows(scenario, timeline=False)
    id_column, sources_column = LEDGER_COLUMNS.index("id"), LEDGER_COLUMNS.index("sources")
    by_id = {c.id: c for c in scenario.claims}
    numbers: dict[str, list[int]] = {}
    labels: dict[int, str] = {}
    for row in rows:
        claim = by_id[row[id_column]]
        refs = [int(ref.strip("[]")) for ref in row[sources_column].split()]
        numbers[claim.id] = refs
        for source, n in zip(claim.sources, refs):
            labels.setdefault(n, source.publisher + (f", {source.date.label()}" if source.date else ""))
    return numbers, labels


def _refs(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Full text, wrapped; never cut."""
    return (
        "\n".join(textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)) or text
    )


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


def _label_text(claim: Claim, numbers: dict[str, list[int]], restated_by: dict[str, list[Claim]]) -> str:
    text = _wrap(_charted(claim)[0].text) + " " + _refs(numbers.get(claim.id, []))
    if claim.period.start is None:
        text += "\n(period start not stated)"
    for other in restated_by.get(claim.id, []):
        text += "\n" + _wrap(
            f"restated by {other.claimant}, {other.published.label()} "
            f"{_refs(numbers.get(other.id, []))} (not a new point)"
        )
    return text


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


def _place_labels(figure, axes, claims, numbers, restated_by) -> None:
    """Label each point, trying positions so that labels print over no other label or point."""
    from matplotlib.dates import date2num

    if not claims:
        return
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    points = []
    whiskers = []
    for claim in claims:
        q = claim.quantity
        x, y = axes.transData.transform((date2num(point_day(claim)), q.value))
        points.append(_Box(x - 6, y - 6, x + 6, y + 6))
        start = whisker_start(claim)
        if start is not None:
            x0, _ = axes.transData.transform((date2num(start), q.value))
            whiskers.append(_Box(x0, y - 1.5, x, y + 1.5))
    # The legends beside the axes are text too: no label may print over them.
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    placed: list = [
        _Box(*artist.get_window_extent(renderer).extents)
        for ax in figure.axes
        for artist in (*ax.artists, ax.get_legend())
        if isinstance(artist, Legend)
    ]
    offsets = [(dx, dy) for dx in (6, -6, 40, -40) for dy in (5, -5, 0, 18, -18, 34, -34, 52, -52, 70, -70, 90)]
    for claim in sorted(claims, key=lambda c: (point_day(c), c.id)):
        q = claim.quantity
        anchor = (point_day(claim), q.value_max or q.value)
        text = _label_text(claim, numbers, restated_by)
        best = None
        for dx, dy in offsets:
            label = axes.annotate(
                text,
                anchor,
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx > 0 else "right",
                va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                fontsize=7.5,
                color="#222222",
                gid=f"label-{claim.id}",
                annotation_clip=False,
                arrowprops=LEADER if abs(dy) > 10 or abs(dx) > 10 else None,
            )
            label.xyann = (dx * 1.5, dy) if dy == 0 else (dx, dy)
            label.set_in_layout(False)
            # The text's own box: an Annotation's extent would include its leader line.
            label.update_positions(renderer)
            box = Text.get_window_extent(label, renderer)
            # Text over text is the worst: it cannot be read at all.
            cost = (
                100 * sum(_overlap(box, other) for other in placed)
                + sum(_overlap(box, other) for other in points)
                + 0.3 * sum(_overlap(box, other) for other in whiskers)
            )
            outside = (
                max(0.0, frame.x0 - box.x0)
                + max(0.0, box.x1 - frame.x1)
                + max(0.0, box.y1 - frame.y1)
                + max(0.0, frame.y0 - box.y0)
            )
            cost += outside * box.height * 4 + abs(dy) * 0.01 + abs(dx) * 0.02
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, label, box)
            else:
                label.remove()
        assert best is not None  # offsets is not empty, so the first position was kept
        placed.append(best[2])


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float


def _overlap(a, b) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _footer_lines(
    scenario: Scenario, plan: ChartPlan, numbers: dict[str, list[int]], source_labels: dict[int, str], width_in: float
) -> list[str]:
    """The footer: as-of date, what is drawn where, what is left out, and the numbered sources."""
    width = max(60, int((width_in * 100 - 160) / 5.6))
    drawn = plan.cumulative + plan.other
    if scenario.as_of:
        as_of = f"As of {scenario.as_of.label()}."
    else:
        last = max(scenario.claims, key=lambda c: c.published_key) if scenario.claims else None
        latest = last.published.label() if last else "not stated"
        as_of = f"As-of date not stated (latest claim published {latest})."
    claimants = len({c.claimant for c in drawn})
    text = [
        f"{as_of} {len(drawn)} claims in {plan.unit.value} by {claimants} claimants; figures overlap in time and "
        "are never added up. Only cumulative totals are on the cumulative axis"
        + ("; other kinds, and claims whose kind is not stated, are drawn apart." if plan.other else ".")
    ]
    if plan.restatements:
        parts = []
        for claim in plan.restatements:
            target = next((c for c in scenario.claims if c.id == claim.restates), None)
            whose = f" repeats {target.claimant}, {target.published.label()}" if target else ""
            parts.append(f"{claim.claimant}, {claim.published.label()} {_refs(numbers.get(claim.id, []))}{whose}")
        text.append("Restatements, not plotted as new points: " + "; ".join(parts) + ".")
    if plan.left_out:
        text.append(
            f"Not charted: {len(plan.left_out)} claims with no number in {plan.unit.value} "
            "(see the ledger: routes ledger)."
        )
    used = sorted({n for c in drawn + plan.restatements for n in numbers.get(c.id, [])})
    text.append("Sources: " + "; ".join(f"[{n}] {source_labels[n]}" for n in used) + ".")
    lines = []
    for paragraph in text:
        lines += textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
    return lines


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
