"""The page's entries of a case's story (``[[story]]``): what ``static/story.js`` steps through.

Each step's view is resolved to bounds (the same rule as a map's ``view``), its date to the
day the time control shows (inside the case's time range), both by :mod:`routes.analysis.story`,
and its highlights split into the claims and the events they name. Plain, JSON-able values only; the page escapes nothing
because it only ever sets text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from routes.analysis.story import step_day, view_bounds
from routes.model.periods import PartialDate

if TYPE_CHECKING:  # pragma: no cover
    from routes.analysis.case import CaseModel
    from routes.model.records import StoryStep

#: What a story page shows of a step: its whole caption (title, text, the claims it names:
#: a page or an image on its own), only the day the map shows (a slide that has the text),
#: nothing, or ``"slide"``: a slide's picture, with no caption, no title block and no footer
#: in print, and a compact legend of what the step's view shows.
CAPTIONS = ("full", "date", "none", "slide")


def story_entries(model: CaseModel, steps: tuple[StoryStep, ...]) -> list[dict]:
    """One entry per step: title, text, bounds, the day shown, highlighted claims and events."""
    scenario = model.scenario
    claims = {c.id: c for c in scenario.claims}
    events = {e.id: e for e in scenario.events}
    entries = []
    for number, step in enumerate(steps, 1):
        day = step_day(model, step)
        named = [claims[i] for i in step.highlights if i in claims]
        entries.append(
            {
                "n": number,
                "title": step.title,
                "text": step.text,
                "bounds": view_bounds(scenario, model.legs, step.view),
                "date": day.isoformat() if day else None,
                "date_label": PartialDate.parse(day).label() if day else None,
                "claims": [c.id for c in named],
                "events": [i for i in step.highlights if i in events],
                "lines": [c.byline for c in named],
                "images": [image.as_entry() for image in step.images],
            }
        )
    return entries
