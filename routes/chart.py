"""The claims chart: claimed volume over time, one series per claimant, never added up.

Each claim with a number is a point at its published date, marked by its qualifier (an
upward triangle for "more than" / "at least", a circle for "about", a diamond for a stated
number); a range is a vertical bar. Points are not joined, not even within one claimant: two
claims of one claimant can differ in scope (one ship, all shipments), and a line would suggest
a flow between them; nothing starts from zero. matplotlib draws it; PNG and SVG, deterministic.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from routes._errors import RoutesError
from routes.vocabulary import Qualifier, Unit

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

    from routes.scenario import Scenario

#: Okabe-Ito colours, then greys, for claimant series.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#666666")
MARKERS = {Qualifier.MORE_THAN: "^", Qualifier.AT_LEAST: "^", Qualifier.ABOUT: "o", Qualifier.UP_TO: "v",
           Qualifier.BETWEEN: "s", Qualifier.EXACTLY: "D", None: "D"}


class ChartError(RoutesError, ValueError):
    """Nothing to chart, or matplotlib is missing."""


def chart_unit(scenario: "Scenario") -> Unit:
    """The unit charted: containers if any claim counts them, else the most used unit."""
    from collections import Counter

    units = Counter(c.quantity.unit for c in scenario.claims if c.quantity and c.quantity.value is not None and c.quantity.unit)
    if not units:
        raise ChartError(f"no claim of '{scenario.id}' gives a number to chart")
    return Unit.CONTAINERS if Unit.CONTAINERS in units else units.most_common(1)[0][0]


def claims_figure(scenario: "Scenario", *, unit: Unit | None = None, width_in: float = 11.0,
                  height_in: float = 7.0) -> "matplotlib.figure.Figure":
    """The claims chart of a scenario as a matplotlib Figure (shows inline in Jupyter)."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    unit = unit or chart_unit(scenario)
    claims = sorted((c for c in scenario.claims if c.quantity and c.quantity.value is not None and c.quantity.unit is unit),
                    key=lambda c: (c.published.first_day(), c.id))
    figure = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    claimants = list(dict.fromkeys(c.claimant for c in claims))
    order = {c.id: i for i, c in enumerate(claims)}
    for index, claimant in enumerate(claimants):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        own = [c for c in claims if c.claimant == claimant]
        for claim in own:
            day = _day(claim)
            q = claim.quantity
            if q.value_max is not None:
                axes.vlines(day, q.value, q.value_max, color=colour, linewidth=4, alpha=0.8, zorder=2)
            axes.scatter([day], [q.value], marker=MARKERS.get(q.qualifier, "D"), s=60, color=colour,
                         edgecolors="white", linewidths=0.8, zorder=3, label=claimant if claim is own[0] else None)
            # Alternate label heights so neighbouring claims do not print over each other.
            axes.annotate(_label(q), (day, q.value_max or q.value), xytext=(6, 7 if order[claim.id] % 2 else -13),
                          textcoords="offset points", fontsize=8, color="#222222")
    axes.set_ylim(bottom=0)
    axes.set_ylabel(f"claimed {unit.value} (cumulative, as stated by each claimant)")
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(True, color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_title(f"{scenario.title}: claimed {unit.value} by claimant", fontsize=11, loc="left")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8, frameon=False,
                title="claimant (▲ more than / at least, ● about, ◆ stated, bar: range)", title_fontsize=8)
    axes.set_xlabel("published date. Each point is one claim, labelled as worded; estimates overlap in time and "
                    "are never added up.", fontsize=8, color="#444444")
    return figure


def _day(claim) -> dt.date:
    return claim.published.first_day()


def _label(quantity) -> str:
    text = " ".join(quantity.text.split())
    return text if len(text) <= 40 else text[:38] + "…"


def chart_bytes(scenario: "Scenario", kind: str = "png", **options) -> bytes:
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
