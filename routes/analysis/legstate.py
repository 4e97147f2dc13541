"""A leg's state at a date: current, reported before or after, or never reported.

The whole route a case describes stays on the map at every date; what a date changes is how
strongly each leg is drawn and what it says (``/work/shared/DESIGN.md``, "Time"):

- **current**: a claim that names the leg is current at the date (drawn in full);
- **reported** before or after: some claim names the leg, none at the date (drawn quiet, with
  "last reported 23 Feb 2024" or "first reported 7 Sep 2023");
- **never** reported: no claim names the leg, an assumed connector (quiet and dashed, at
  every date).

:func:`leg_states` cuts the case's range into the days of each state, with the words every
output shows; the map page, the PNG, the story and the deck read them from the
:class:`routes.analysis.case.CaseModel` and only look up the day.

Examples
--------
>>> d = dt.date
>>> states = leg_states(((d(2023, 9, 7), d(2023, 10, 1)),), (d(2023, 8, 1), d(2024, 2, 23)))
>>> [(s.first.isoformat(), s.state, s.text) for s in states]  # doctest: +NORMALIZE_WHITESPACE
[('2023-08-01', 'reported', 'first reported 7 Sep 2023'),
 ('2023-09-07', 'current', 'current: a claim naming this leg covers this date'),
 ('2023-10-02', 'reported', 'last reported 1 Oct 2023')]
>>> leg_state(states, d(2024, 1, 1)).text
'last reported 1 Oct 2023'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from routes.model.periods import PartialDate

Span = tuple[dt.date, dt.date]

CURRENT, REPORTED, NEVER = "current", "reported", "never"
#: Every state, in the order the legend lists them.
STATES = (CURRENT, REPORTED, NEVER)

CURRENT_TEXT = "current: a claim naming this leg covers this date"
NEVER_TEXT = "never reported: no claim names this leg (an assumed connector)"

#: The legend's row for each state. The all-dates view shows no date, so only "never reported"
#: is a state there (the other legs are drawn as the mode rows of the legend show them).
LEGEND = {
    CURRENT: "Current: a claim naming the leg covers the date (full width)",
    REPORTED: "Reported before or after the date, not at it: drawn quiet",
    NEVER: "Never reported: no claim names the leg (quiet, dashed)",
}
LEGEND_ALL_DATES = {NEVER: LEGEND[NEVER]}


@dataclass(frozen=True)
class LegState:
    """A leg's state from ``first`` to ``last`` (inclusive) and the words that say it."""

    first: dt.date
    last: dt.date
    state: str
    text: str


def day_label(day: dt.date) -> str:
    """``23 Feb 2024``."""
    return PartialDate(day.year, day.month, day.day).label()


def leg_states(spans: tuple[Span, ...], extent: Span | None) -> tuple[LegState, ...]:
    """The state of a leg on every day of ``extent`` (the case's range), given the merged, dated
    ``spans`` of the claims that name it (:func:`routes.analysis.timeline.leg_claim_spans`).
    Consecutive pieces cover the range without gaps; no range: no pieces."""
    if extent is None:
        return ()
    start, end = extent
    if not spans:
        return (LegState(start, end, NEVER, NEVER_TEXT),)
    pieces: list[LegState] = []
    day = start
    one = dt.timedelta(days=1)
    for i, (first, last) in enumerate(spans):
        if day < first:
            if i == 0:
                text = f"first reported {day_label(first)}"
            else:
                text = f"last reported {day_label(spans[i - 1][1])}; reported again from {day_label(first)}"
            pieces.append(LegState(day, min(first - one, end), REPORTED, text))
        if first <= end and last >= day:
            pieces.append(LegState(max(first, day), min(last, end), CURRENT, CURRENT_TEXT))
        day = max(day, last + one)
        if day > end:
            break
    if day <= end:
        pieces.append(LegState(day, end, REPORTED, f"last reported {day_label(spans[-1][1])}"))
    return tuple(p for p in pieces if p.first <= p.last)


def all_dates_state(spans: tuple[Span, ...]) -> LegState | None:
    """The leg's state in the all-dates view: current from its first to its last claimed day,
    or never reported (None: never reported and no day to date it by)."""
    if not spans:
        return None
    first, last = spans[0][0], spans[-1][1]
    when = day_label(first) if first == last else f"{day_label(first)} to {day_label(last)}"
    return LegState(first, last, CURRENT, f"reported {when}")


def leg_state(states: tuple[LegState, ...], day: dt.date) -> LegState | None:
    """The piece of ``states`` holding ``day`` (None outside the case's range)."""
    return next((s for s in states if s.first <= day <= s.last), None)
