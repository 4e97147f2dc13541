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

#: A slide of 16:9 in EMU (13.33 x 7.5 in) and in CSS pixels: the PDF's page is the same size
#: (96 px an inch), so a point is the same on both.
SLIDE_EMU = (12192000, 6858000)
PAGE_PX = (1280, 720)
PX_PER_IN = 96
#: Sources listed on one sources slide; more go on to the next.
SOURCES_PER_SLIDE = 20
#: The columns of a step's claims table, and the most rows it shows (the rest are named in a
#: line under it, and in full in the speaker notes).
TABLE_HEADER = ("Claimed", "By, published")
TABLE_ROWS = 4
#: Type on a slide, in points: read from the back of a room (nothing under 12 pt).
TITLE_PT, BODY_PT, BODY_MAX_PT, TABLE_PT, FOOT_PT = 30, 16, 20, 12, 12
#: The map picture is drawn this much smaller in CSS pixels (at a higher device scale), so its
#: labels are this much larger on the slide than on a page of the same size.
MAP_ZOOM = 1.25


@dataclass(frozen=True)
class Theme:
    """A deck's colours (hex ``RRGGBB``): the page, the text, small print, the table's header
    and rules. ``dark`` is for a dark room: light text on near black, the map picture as it is."""

    background: str
    text: str
    muted: str
    header: str
    rule: str


THEMES = {
    "light": Theme("FFFFFF", "111111", "444444", "F0F0F0", "BBBBBB"),
    "dark": Theme("15181C", "F2F2F2", "B8BEC6", "2A3038", "4A525C"),
}


def theme_named(name: str) -> Theme:
    """The :class:`Theme` called ``name`` (see :data:`THEMES`)."""
    if name not in THEMES:
        raise ValueError(f"{name!r} is not a deck theme; use one of {', '.join(THEMES)}")
    return THEMES[name]


@dataclass(frozen=True)
class Box:
    """A box on the slide, in inches from its top left corner."""

    left: float
    top: float
    width: float
    height: float

    def px(self) -> tuple[int, int, int, int]:
        """The box in the PDF page's CSS pixels."""
        return tuple(round(v * PX_PER_IN) for v in (self.left, self.top, self.width, self.height))  # type: ignore[return-value]


#: Where a step slide puts things: the title across the top, the map on the left, the step's
#: text, the day shown and the claims table on the right, one line of sources and credits at
#: the foot. The map fills its box's height and the text its column: no empty band.
TITLE_BOX = Box(0.4, 0.22, 12.53, 0.78)
MAP_BOX = Box(0.4, 1.05, 7.1, 5.9)
TEXT_BOX = Box(7.75, 1.05, 5.18, 5.9)
FOOT_BOX = Box(0.4, 7.02, 12.53, 0.36)


def map_picture_px() -> tuple[int, int]:
    """The CSS size a step's map picture is drawn at (see :data:`MAP_ZOOM`)."""
    return round(MAP_BOX.width * PX_PER_IN / MAP_ZOOM), round(MAP_BOX.height * PX_PER_IN / MAP_ZOOM)


def text_lines(text: str, width_in: float, points: float) -> int:
    """Lines ``text`` takes in a box ``width_in`` wide at ``points`` (an estimate that errs long:
    an average letter of 0.47 em, and words that do not split)."""
    per_line = max(8, int(width_in * 72 / (points * 0.47)))
    count, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            count, used = count + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return count


def row_height_in(row: tuple[str, ...]) -> float:
    """Height of a table row in inches (two columns, :data:`TABLE_PT`, cell margins)."""
    widths = (TEXT_BOX.width * 0.55 - 0.1, TEXT_BOX.width * 0.45 - 0.1)
    return max(text_lines(cell, w, TABLE_PT) for cell, w in zip(row, widths, strict=True)) * TABLE_PT * 1.2 / 72 + 0.1


def fit_step(text: str, lines: tuple[str, ...], rows: list[tuple[str, str]], more) -> tuple[int, int]:
    """The body size (points) and the number of table rows a step slide's column holds: the
    largest size from :data:`BODY_MAX_PT` down to :data:`BODY_PT` at which the text, the
    lines under it and the first :data:`TABLE_ROWS` rows fit; else :data:`BODY_PT` and as
    many rows as fit. ``more(shown)`` is the line under the table naming the rest."""

    def height(points: int, shown: int) -> float:
        column = TEXT_BOX.width - 0.1
        used = sum(text_lines(t, column, points) for t in (text, *lines) if t) * points * 1.25 / 72 + 0.12
        if shown:
            used += sum(row_height_in(r) for r in (TABLE_HEADER, *rows[:shown])) + 0.1
        if shown < len(rows):
            used += text_lines(more(shown), column, TABLE_PT) * TABLE_PT * 1.25 / 72
        return used

    most = min(len(rows), TABLE_ROWS)
    for points in range(BODY_MAX_PT, BODY_PT - 1, -2):
        if height(points, most) <= TEXT_BOX.height:
            return points, most
    shown = most
    while shown > 0 and height(BODY_PT, shown) > TEXT_BOX.height:
        shown -= 1
    return BODY_PT, shown


@dataclass(frozen=True)
class Slide:
    """One slide: its kind (``"title"``, ``"step"``, ``"claims"``, ``"sources"``), title, text,
    the lines under it (the day a step's map shows, the claims, the sources), its speaker notes, for a step which
    image, small print at its foot (a step's sources and credits in one line; the data
    licences on the last sources slide), a step's claims as a short table
    (:data:`TABLE_HEADER`) with the claims it has no room for named in ``more``, and the
    body's size in points (:func:`fit_step`)."""

    kind: str
    title: str
    text: str = ""
    lines: tuple[str, ...] = ()
    notes: str = ""
    image: int | None = None
    footer: str = ""
    table: tuple[tuple[str, ...], ...] = ()
    more: str = ""
    body_pt: int = BODY_PT


def _source_label(source) -> str:
    return source.label() + (f" <{source.url}>" if source.url else "")


def pack_day(model: CaseModel) -> dt.date | None:
    """The date a pack's files carry: the case's as-of date, else its latest publication."""
    case = model.scenario
    if case.as_of is not None:
        return case.as_of.first_day()
    return max((c.published.first_day() for c in case.claims), default=None)


def _also(claims) -> str:
    """The claims a step's table has no room for, in one line under it."""
    if not claims:
        return ""
    names = "; ".join(dict.fromkeys(c.claimant.split(" (")[0] for c in claims))
    count = f"{len(claims)} more claim{'s' if len(claims) != 1 else ''}"
    return f"And {count} at this step, by {names}; every claim is listed at the end."


def _foot(publishers: list[str], credits: list[str], data: list[str]) -> str:
    """A step's sources and credits as one line at the slide's foot (:data:`FOOT_PT` across
    :data:`FOOT_BOX`): as many publishers as fit, then how many more the sources slides list."""
    tail = " · ".join(t for t in (f"Images: {'; '.join(credits)}" if credits else "", f"Map: {'; '.join(data)}") if t)
    for shown in range(len(publishers), -1, -1):
        more = len(publishers) - shown
        named = "; ".join(publishers[:shown]) + (
            f" and {more} more (listed at the end)" if more and shown else f"{more}, listed at the end" if more else ""
        )
        line = (f"Sources: {named} · " if publishers else "") + tail
        if text_lines(line, FOOT_BOX.width, FOOT_PT) == 1:
            return line
    return tail


def deck_slides(model: CaseModel) -> list[Slide]:
    """The slides of the case's story, in order (see the module docstring)."""
    from routes.analysis.prominence import most_prominent
    from routes.load.licences import data_notices
    from routes.model.periods import PartialDate

    case = model.scenario
    subtitle = " · ".join(
        t for t in (case.claims_summary(), f"As of {case.as_of.label()}" if case.as_of else None) if t
    )
    slides = [Slide("title", case.title, subtitle, (case.summary,) if case.summary else ())]
    events = {e.id: e for e in case.events}
    vessels = {v.id: v for v in case.vessels}
    notices = data_notices(case, basemap=True, place_names=True)
    data = list(dict.fromkeys(n.attribution.split(" (")[0] for n in notices))
    licences = "\n".join(n.text() for n in notices)
    for number, step in enumerate(story_steps(case)):
        claims = most_prominent(model, step_claims(model, step))  # lead and official claims first
        named_events = [events[i] for i in step.highlights if i in events]
        records: list  # claims, vessels and events: each has sources
        if step.highlights:
            records = [*claims, *(vessels[v] for c in claims for v in c.vessels if v in vessels), *named_events]
        else:  # the whole case: every source
            records = [*model.claims_in_order(), *case.vessels, *case.events]
        sources = dict.fromkeys(_source_label(s) for r in records for s in r.sources)
        publishers = list(dict.fromkeys(s.publisher for r in records for s in r.sources))
        pictured: list = [*claims, *named_events]
        images = [*step.images, *(i for r in pictured for i in r.images)]
        credits = dict.fromkeys(f"{i.caption}: {i.credit_line()}" for i in images)
        day = step_day(model, step)
        shown = f"Map shows {PartialDate.parse(day).label()}" if day else "Map shows all dates"
        notes = ("Sources:\n" + "\n".join(sources)) if sources else "No source is named for this step."
        if credits:
            notes += "\n\nImages:\n" + "\n".join(credits)
        if claims:
            notes += "\n\nClaims:\n" + "\n".join(f"{c.byline} ({c.period_label})" for c in claims)
        notes += "\n\nMap data:\n" + licences
        rows = [(c.headline, f"{c.claimant}, {c.published.label()}") for c in claims]
        body_pt, fitted = fit_step(step.text or "", (shown,), rows, lambda n, claims=claims: _also(claims[n:]))
        table = (TABLE_HEADER, *rows[:fitted]) if fitted else ()
        foot = _foot(publishers, [i.credit_line() for i in images], data)
        slides.append(
            Slide(
                "step",
                step.title,
                step.text or "",
                (shown,),
                notes,
                number,
                foot,
                table,
                _also(claims[fitted:]),
                body_pt,
            )
        )
    # Every claim, with its period and claimant (what a step's table has no room for is here).
    listed = [f"{c.byline} ({c.period_label})" for c in model.claims_in_order()]
    parts = _source_chunks(listed, "") if listed else []
    for number, chunk in enumerate(parts, 1):
        title = "Claims" if len(parts) == 1 else f"Claims ({number} of {len(parts)})"
        slides.append(Slide("claims", title, NOT_SUMMED, tuple(chunk)))
    every_record: list = [*model.claims_in_order(), *case.vessels, *case.events]
    every = list(dict.fromkeys(_source_label(s) for r in every_record for s in r.sources))
    chunks = _source_chunks(every, licences)
    for number, chunk in enumerate(chunks, 1):
        title = "Sources" if len(chunks) == 1 else f"Sources ({number} of {len(chunks)})"
        last = number == len(chunks)
        slides.append(Slide("sources", title, NOT_SUMMED, tuple(chunk), licences, footer=licences if last else ""))
    return slides


def _source_chunks(every: list[str], licences: str) -> list[list[str]]:
    """Lines (sources, claims) in slides of at most :data:`SOURCES_PER_SLIDE` that fit a
    slide at :data:`TABLE_PT` (the last one also holds the licences, if any)."""
    room = SLIDE_EMU[1] / 914400 - MAP_BOX.top - 0.55 - 0.4  # under the title and the note, above the margin
    width = FOOT_BOX.width

    def height(items: list[str], last: bool) -> float:
        text = [*items, *(licences.splitlines() if last else [])]
        return sum(text_lines(t, width, TABLE_PT) * TABLE_PT * 1.25 / 72 + 0.06 for t in text)

    chunks: list[list[str]] = [[]]
    for item in every:
        if len(chunks[-1]) >= SOURCES_PER_SLIDE or height([*chunks[-1], item], False) > room:
            chunks.append([])
        chunks[-1].append(item)
    if licences and chunks[-1] and height(chunks[-1], True) > room:  # the licences get a slide of their own
        chunks.append([])
    return chunks
