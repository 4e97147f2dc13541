"""The claims chart's words: each point's label, placed where it prints over no other label
or point, and the footer (as-of date and the numbered sources).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from routes.model.hiddentext import visible, visible_record
from routes.outputs.chart_plan import ChartPlan, _charted, point_day, whisker_start

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from routes.load.scenario import Scenario
    from routes.model.records import Claim


#: Matplotlib settings under which the chart is drawn and saved: text is never read as
#: mathematics (``$20 million, not $2 billion`` keeps its dollar signs) nor set by TeX.
VERBATIM_TEXT: dict[Any, Any] = {"text.parse_math": False, "text.usetex": False}

LABEL_WIDTH = 30
#: The footer's gid and axes label, the size of its type in points and its line height in inches.
FOOTER_GID, FOOTER_PT, FOOTER_LINE_IN = "chart-footer", 7.5, 0.16
#: The line from a label placed away from its point back to the point.
LEADER = {"arrowstyle": "-", "color": "#999999", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 5}


def verbatim_text(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw every string of the figure ``draw`` makes as it is written: no mathtext, no TeX
    (:data:`VERBATIM_TEXT` while it draws, and on every text after), and each bidi control or
    invisible character as an escape such as ``<U+202E>``: in the scenario's title and claims
    before they are laid out, and in every text after as a last net (matplotlib orders no
    text, so nothing else is needed; :mod:`routes.model.hiddentext`)."""

    @functools.wraps(draw)
    def drawn(scenario: Scenario, *args, **kwargs) -> Figure:
        import matplotlib
        from matplotlib.text import Text

        # The escapes go in before the labels are wrapped and placed, so they are measured.
        claims = visible_record(scenario.claims)
        title = visible(scenario.title)
        if claims is not scenario.claims or title != scenario.title:
            scenario = dataclasses.replace(scenario, title=title, claims=claims)
        with matplotlib.rc_context(VERBATIM_TEXT):
            figure = draw(scenario, *args, **kwargs)
        for text in figure.findobj(Text):
            text.set_parse_math(False)
            text.set_usetex(False)
            shown = visible(text.get_text())
            if shown != text.get_text():
                text.set_text(shown)
        return figure

    return drawn


def _refs(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _count(n: int, noun: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Full text, wrapped; never cut."""
    return (
        "\n".join(textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)) or text
    )


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


def _place_labels(figure, axes, claims, numbers, restated_by) -> None:
    """Label each point, trying positions so that labels print over no other label or point."""
    from matplotlib.dates import date2num

    if not claims:
        return
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    points = _BoxIndex()
    whiskers = _BoxIndex()
    for claim in claims:
        q = claim.quantity
        x, y = axes.transData.transform((date2num(point_day(claim)), q.value))
        points.add(_Box(x - 6, y - 6, x + 6, y + 6))
        start = whisker_start(claim)
        if start is not None:
            x0, _ = axes.transData.transform((date2num(start), q.value))
            whiskers.add(_Box(x0, y - 1.5, x, y + 1.5))
    # The legends beside the axes are text too: no label may print over them.
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    placed = _BoxIndex(
        _Box(*artist.get_window_extent(renderer).extents)
        for ax in figure.axes
        for artist in (*ax.artists, ax.get_legend())
        if isinstance(artist, Legend)
    )
    offsets = [(dx, dy) for dx in (6, -6, 40, -40) for dy in (5, -5, 0, 18, -18, 34, -34, 52, -52, 70, -70, 90)]
    for claim in sorted(claims, key=lambda c: (point_day(c), c.id)):
        q = claim.quantity
        anchor = (point_day(claim), q.value_max or q.value)
        text = _label_text(claim, numbers, restated_by)
        # One text is moved through the positions to measure them (its box is the same as the
        # label's: the leader line is not part of it); the label is made once, where it goes.
        probe = axes.annotate(
            text, anchor, xytext=(0, 0), textcoords="offset points", fontsize=7.5, annotation_clip=False
        )
        best: tuple[float, tuple[int, int], _Box] | None = None
        for dx, dy in offsets:
            probe.xyann = (dx * 1.5, dy) if dy == 0 else (dx, dy)
            probe.set_horizontalalignment("left" if dx > 0 else "right")
            probe.set_verticalalignment("bottom" if dy > 0 else "top" if dy < 0 else "center")
            probe.update_positions(renderer)
            box = _Box(*Text.get_window_extent(probe, renderer).extents)
            # Text over text is the worst: it cannot be read at all.
            cost = 100 * placed.overlap(box) + points.overlap(box) + 0.3 * whiskers.overlap(box)
            outside = (
                max(0.0, frame.x0 - box.x0)
                + max(0.0, box.x1 - frame.x1)
                + max(0.0, box.y1 - frame.y1)
                + max(0.0, frame.y0 - box.y0)
            )
            cost += outside * (box.y1 - box.y0) * 4 + abs(dy) * 0.01 + abs(dx) * 0.02
            if best is None or cost < best[0]:
                best = (cost, (dx, dy), box)
        probe.remove()
        assert best is not None  # offsets is not empty
        dx, dy = best[1]
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
        placed.add(best[2])


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float


class _BoxIndex:
    """Boxes in a grid of square cells, so that the overlap of a box with all of them reads only
    the boxes in the cells it touches: placing n labels costs about n, not n squared (a chart
    of 3,000 claims took 132 s). A box added again (claims at the same point) is counted, not
    stored again.

    :meth:`overlap` sums the overlaps in the order the boxes were added, as a sum over a list
    of them would, so the placement, and the chart's bytes, are what they were before the index.
    """

    CELL_PX = 64.0

    def __init__(self, boxes: Iterable[_Box] = ()):
        self._boxes: dict[tuple[float, float, float, float], list] = {}  # corners: [order, box, count]
        self._cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        for box in boxes:
            self.add(box)

    def _cells_of(self, box) -> Iterator[tuple[int, int]]:
        size = self.CELL_PX
        for i in range(math.floor(box.x0 / size), math.floor(box.x1 / size) + 1):
            for j in range(math.floor(box.y0 / size), math.floor(box.y1 / size) + 1):
                yield i, j

    def add(self, box: _Box) -> None:
        key = (box.x0, box.y0, box.x1, box.y1)
        entry = self._boxes.get(key)
        if entry is not None:
            entry[2] += 1
            return
        self._boxes[key] = [len(self._boxes), box, 1]
        for cell in self._cells_of(box):
            self._cells.setdefault(cell, []).append(key)

    def overlap(self, box) -> float:
        """The sum of the overlaps (px²) of ``box`` with every box added, each as often as added."""
        near = {key for cell in self._cells_of(box) for key in self._cells.get(cell, ())}
        total = 0.0
        for _, other, count in sorted((self._boxes[key] for key in near), key=lambda entry: entry[0]):
            total += _overlap(box, other) * count
        return total


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
    if len(drawn) == 1:
        text = [f"{as_of} 1 claim in {plan.unit.value}."]
    else:
        text = [
            f"{as_of} {len(drawn)} claims in {plan.unit.value} by {_count(claimants, 'claimant')}; figures overlap "
            "in time and are never added up. Only cumulative totals are on the cumulative axis"
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
            f"Not charted: {_count(len(plan.left_out), 'claim')} with no number in {plan.unit.value} "
            "(see the ledger: routes ledger)."
        )
    used = sorted({n for c in drawn + plan.restatements for n in numbers.get(c.id, [])})
    text.append("Sources: " + "; ".join(f"[{n}] {source_labels[n]}" for n in used) + ".")
    lines = []
    for paragraph in text:
        lines += textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
    return lines


def draw_footer(foot, footer: list[str]) -> None:
    """The footer's lines in the axes ``foot`` (labelled and with the gid ``chart-footer``)."""
    foot.set_label(FOOTER_GID)
    foot.set_axis_off()
    foot.text(
        0,
        1,
        "\n".join(footer),
        transform=foot.transAxes,
        va="top",
        ha="left",
        fontsize=FOOTER_PT,
        color="#333333",
        gid=FOOTER_GID,
        linespacing=1.35,
    )
