"""The ``[[story]]`` steps of a scenario: what a briefer walks through, each step checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from routes.errors import Problems
from routes.load.evidence import evidence_images
from routes.model.fields import Fields, quote, suggest
from routes.model.records import Claim, Event, StoryStep

STORY_FIELDS = ("title", "text", "view", "date", "highlights", "images")
#: Events last at least this long on the time control (:mod:`routes.analysis.timeline`), so a one-day
#: event can be seen; a story step may be dated within that time too.
EVENT_MIN_DAYS = 14


def dated_range(claims: Iterable[Claim | None], events: Iterable[Event | None]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of anything dated in the records: the claims' periods (or their
    published dates where a period is open or unknown) and published dates, and the events,
    each shown at least :data:`EVENT_MIN_DAYS` (the range of :func:`routes.analysis.timeline.case_range`).

    Examples
    --------
    >>> from routes.model.periods import PartialDate, Period
    >>> event = Event("visit", "A visit", Period(PartialDate(2023, 9, 13), PartialDate(2023, 9, 13)))
    >>> [str(day) for day in dated_range([], [event])]
    ['2023-09-13', '2023-09-26']
    """
    days: list[dt.date] = []
    for claim in claims:
        if claim is None:
            continue
        published, period = claim.published, claim.period
        first = period.first_day() or period.last_day() or published.first_day()
        days += [first, published.first_day(), period.last_day() or max(published.last_day(), first)]
    for event in events:
        start = None if event is None else event.period.first_day() or event.period.last_day()
        if event is None or start is None:
            continue
        days += [start, event.period.last_day() or start, start + dt.timedelta(days=EVENT_MIN_DAYS - 1)]
    return (min(days), max(days)) if days else None


def read_story(
    problems: Problems, tables: list[dict], routes, node_ids: set[str], claims, events, folder: Path
) -> tuple[StoryStep, ...]:
    """The ``[[story]]`` steps, each checked: a view that exists, a date inside the case's
    dated claims and events, highlights that name claims or events of the case."""
    leg_ids = {leg.id for route in routes if route for leg in route.legs}
    record_ids = {c.id for c in claims if c} | {e.id for e in events if e}
    first, last = dated_range(claims, events) or (None, None)
    steps = []
    for number, table in enumerate(tables):
        fields = Fields(problems, f"story step {number + 1}", table, STORY_FIELDS)
        title, text = fields.text("title"), fields.text("text", required=False)
        date = fields.date("date", required=False)
        highlights = fields.text_list("highlights", slugs=True)
        view = _story_view(fields, table.get("view"), leg_ids, node_ids)
        images = evidence_images(fields, folder)
        if date is not None and first and last and (date.last_day() < first or date.first_day() > last):
            fields.add(
                "date",
                f"{date} is outside the case ({first} to {last})",
                "give a day inside the periods of the case's claims and events",
            )
        for ident in highlights:
            if ident not in record_ids:
                fields.add(
                    "highlights",
                    f"unknown claim or event '{ident}'",
                    suggest(ident, record_ids, "name a claim or event id of this case"),
                )
        if title is not None and view is not False:
            steps.append(StoryStep(title, text, view, date, tuple(highlights), images))
    return tuple(steps)


def _story_view(fields: Fields, value, leg_ids: set[str], node_ids: set[str]):
    """A step's view: None (the whole case), a leg or node id, or ``(west, south, east,
    north)``; False after a problem."""
    if value is None or value == "case":
        return None
    if isinstance(value, str):
        if value in leg_ids or value in node_ids:
            return value
        fields.add(
            "view",
            f"no leg or node is called {quote(value)}",
            suggest(
                value,
                leg_ids | node_ids,
                'write "case", a leg id ("route/from-to"), a node id or [west, south, east, north]',
            ),
        )
        return False
    numbers = value if isinstance(value, list) else []
    if len(numbers) == 4 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
        west, south, east, north = (float(v) for v in numbers)
        if -90 <= south < north <= 90 and west < east and east - west <= 360:
            return (west, south, east, north)
    fields.add(
        "view",
        f"{quote(value)} is not a view",
        'write "case", a leg id ("route/from-to"), a node id or [west, south, east, north] in degrees',
    )
    return False
