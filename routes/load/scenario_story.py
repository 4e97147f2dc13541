"""The ``[[story]]`` steps of a scenario: what a briefer walks through, each step checked."""

from __future__ import annotations

from pathlib import Path

from routes.errors import Problems
from routes.load.evidence import evidence_images
from routes.model.fields import Fields, quote, suggest
from routes.model.records import StoryStep

STORY_FIELDS = ("title", "text", "view", "date", "highlights", "images")


def read_story(
    problems: Problems, tables: list[dict], routes, node_ids: set[str], claims, events, folder: Path
) -> tuple[StoryStep, ...]:
    """The ``[[story]]`` steps, each checked: a view that exists, a date inside the case's
    dated claims and events, highlights that name claims or events of the case."""
    from routes.analysis.timeline import claim_span, event_span

    leg_ids = {leg.id for route in routes if route for leg in route.legs}
    record_ids = {c.id for c in claims if c} | {e.id for e in events if e}
    days = [d for c in claims if c for d in (*claim_span(c), c.published.first_day())]
    days += [d for e in events if e for d in event_span(e)]
    first, last = (min(days), max(days)) if days else (None, None)
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
