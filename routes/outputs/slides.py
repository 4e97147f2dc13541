"""The slides of a briefing pack: what each one holds.

:func:`deck_slides` says what each slide holds (a title slide, one slide per story step with
its map picture, text and the claims it names, a sources slide; each step's sources for its
speaker notes); :mod:`routes.outputs.slidefiles` writes them as a PowerPoint deck and as the
pages of a PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from routes.analysis.story import step_claims, step_day, story_steps
from routes.model.formatting import NOT_SUMMED

if TYPE_CHECKING:  # pragma: no cover
    from routes.analysis.case import CaseModel

#: A slide of 16:9 in EMU (13.33 x 7.5 in) and in CSS pixels (the PDF's page).
SLIDE_EMU = (12192000, 6858000)
PAGE_PX = (1920, 1080)
#: Sources listed on one sources slide; more go on to the next.
SOURCES_PER_SLIDE = 16
#: The columns of a step's claims table, and the most rows it shows (the rest: in the notes).
TABLE_HEADER = ("Claimant", "Quantity as worded", "Period", "Published")
TABLE_ROWS = 5


@dataclass(frozen=True)
class Slide:
    """One slide: its kind (``"title"``, ``"step"``, ``"sources"``), title, text, the lines
    under it (the day a step's map shows, the sources), its speaker notes, for a step which
    image, small print at its foot (the data licences on the sources slides) and a step's
    claims as a short table (:data:`TABLE_HEADER`)."""

    kind: str
    title: str
    text: str = ""
    lines: tuple[str, ...] = ()
    notes: str = ""
    image: int | None = None
    footer: str = ""
    table: tuple[tuple[str, ...], ...] = ()


def _source_label(source) -> str:
    return source.label() + (f" <{source.url}>" if source.url else "")


def pack_day(model: CaseModel) -> dt.date | None:
    """The date a pack's files carry: the case's as-of date, else its latest publication."""
    case = model.scenario
    if case.as_of is not None:
        return case.as_of.first_day()
    return max((c.published.first_day() for c in case.claims), default=None)


def deck_slides(model: CaseModel) -> list[Slide]:
    """The slides of the case's story, in order (see the module docstring)."""
    from routes.model.periods import PartialDate

    case = model.scenario
    subtitle = " · ".join(
        t for t in (case.claims_summary(), f"As of {case.as_of.label()}" if case.as_of else None) if t
    )
    slides = [Slide("title", case.title, subtitle, (case.summary,) if case.summary else ())]
    events = {e.id: e for e in case.events}
    vessels = {v.id: v for v in case.vessels}
    for number, step in enumerate(story_steps(case)):
        claims = step_claims(model, step)
        named_events = [events[i] for i in step.highlights if i in events]
        if step.highlights:
            records = [*claims, *(vessels[v] for c in claims for v in c.vessels if v in vessels), *named_events]
        else:  # the whole case: every source
            records = [*model.claims_in_order(), *case.vessels, *case.events]
        sources = dict.fromkeys(_source_label(s) for r in records for s in r.sources)
        images = [*step.images, *(i for r in (*claims, *named_events) for i in r.images)]
        credits = dict.fromkeys(f"{i.caption}: {i.credit_line()}" for i in images)
        day = step_day(model, step)
        shown = f"Map shows {PartialDate.parse(day).label()}" if day else "Map shows all dates"
        notes = ("Sources:\n" + "\n".join(sources)) if sources else "No source is named for this step."
        if credits:
            notes += "\n\nImages:\n" + "\n".join(credits)
        rows = [(c.claimant, c.headline, c.period_label, c.published.label()) for c in claims]
        if len(rows) > TABLE_ROWS:
            extra = len(rows) - TABLE_ROWS + 1
            rows = [*rows[: TABLE_ROWS - 1], (f"and {extra} more claims: see the notes", "", "", "")]
            notes += "\n\nClaims:\n" + "\n".join(c.byline for c in claims)
        table = (TABLE_HEADER, *rows) if rows else ()
        slides.append(Slide("step", step.title, step.text or "", (shown,), notes, number, table=table))
    records = [*model.claims_in_order(), *case.vessels, *case.events]
    every = list(dict.fromkeys(_source_label(s) for r in records for s in r.sources))
    chunks = [every[i : i + SOURCES_PER_SLIDE] for i in range(0, len(every), SOURCES_PER_SLIDE)] or [[]]
    licences = _licence_text(model)
    for number, chunk in enumerate(chunks, 1):
        title = "Sources" if len(chunks) == 1 else f"Sources ({number} of {len(chunks)})"
        slides.append(Slide("sources", title, NOT_SUMMED, tuple(chunk), licences, footer=licences))
    return slides


def _licence_text(model: CaseModel) -> str:
    from routes.load.licences import data_notices

    return "\n".join(n.text() for n in data_notices(model.scenario, basemap=True, place_names=True))
