"""The slides of a briefing pack, and the two files they are written as.

:func:`deck_slides` says what each slide holds (a title slide, one slide per story step with
its map picture, text and the claims it names, a sources slide; each step's sources for its
speaker notes); :func:`pptx_bytes` lays them out as a PowerPoint deck (python-pptx, the
``brief`` extra) and :func:`pdf_page_html` as one HTML document of 16:9 pages that Chromium
prints to a PDF with the same pages (text stays text). Every string reaches the HTML escaped.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from routes._errors import RoutesError

if TYPE_CHECKING:  # pragma: no cover
    from routes.case import CaseModel

#: A slide of 16:9 in EMU (13.33 x 7.5 in) and in CSS pixels (the PDF's page).
SLIDE_EMU = (12192000, 6858000)
PAGE_PX = (1920, 1080)
NOT_SUMMED = "Figures from different claimants are never added up."
#: Sources listed on one sources slide; more go on to the next.
SOURCES_PER_SLIDE = 16


class SlidesError(RoutesError, ValueError):
    """Slides cannot be written (python-pptx is missing)."""


@dataclass(frozen=True)
class Slide:
    """One slide: its kind (``"title"``, ``"step"``, ``"sources"``), title, text, the lines
    under it (a step's claims, the sources), its speaker notes, for a step which image, and
    small print shown at its foot (the data licences on the sources slides)."""

    kind: str
    title: str
    text: str = ""
    lines: tuple[str, ...] = ()
    notes: str = ""
    image: int | None = None
    footer: str = ""


def _source_label(source) -> str:
    return source.label() + (f" <{source.url}>" if source.url else "")


def deck_slides(model: CaseModel) -> list[Slide]:
    """The slides of the case's story, in order (see the module docstring)."""
    from routes.briefing import step_claims, story_steps
    from routes.render.story import step_day

    case = model.scenario
    subtitle = " · ".join(
        t for t in (case.claims_summary(), f"As of {case.as_of.label()}" if case.as_of else None) if t
    )
    slides = [Slide("title", case.title, subtitle, (case.summary,) if case.summary else ())]
    for number, step in enumerate(story_steps(case)):
        claims = step_claims(model, step)
        sources = dict.fromkeys(_source_label(s) for c in claims for s in c.sources)
        day = step_day(model, step)
        shown = f"Map shows {day.day} {day:%b %Y}" if day else "Map shows all dates"
        notes = ("Sources:\n" + "\n".join(sources)) if sources else "Sources: see the sources slide."
        lines = tuple(f"{c.headline} — {c.claimant}, {c.published.label()}" for c in claims)
        slides.append(Slide("step", step.title, step.text or "", (*lines, shown), notes, number))
    every = list(dict.fromkeys(_source_label(s) for c in model.claims_in_order() for s in c.sources))
    chunks = [every[i : i + SOURCES_PER_SLIDE] for i in range(0, len(every), SOURCES_PER_SLIDE)] or [[]]
    licences = _licence_text(model)
    for number, chunk in enumerate(chunks, 1):
        title = "Sources" if len(chunks) == 1 else f"Sources ({number} of {len(chunks)})"
        slides.append(Slide("sources", title, NOT_SUMMED, tuple(chunk), licences, footer=licences))
    return slides


def _licence_text(model: CaseModel) -> str:
    from routes.licences import data_notices

    return "\n".join(n.text() for n in data_notices(model.scenario, basemap=True, place_names=True))


def pptx_bytes(slides: list[Slide], images: list[bytes]) -> bytes:
    """The slides as a PowerPoint file (``.pptx``)."""
    try:
        from pptx import Presentation
        from pptx.util import Emu, Pt
    except ImportError:  # pragma: no cover - the brief extra is missing
        raise SlidesError("PowerPoint output needs python-pptx: pip install 'routes-map[brief]'") from None
    width, height = SLIDE_EMU
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(width), Emu(height)
    for slide in slides:
        if slide.kind == "title":
            page = deck.slides.add_slide(deck.slide_layouts[0])
            page.shapes.title.text = slide.title
            page.placeholders[1].text = slide.text
        elif slide.kind == "step":
            page = deck.slides.add_slide(deck.slide_layouts[5])  # title only
            page.shapes.title.text = slide.title
            picture_height = int(height * 0.62)
            picture_width = int(picture_height * PAGE_PX[0] / PAGE_PX[1])
            assert slide.image is not None
            page.shapes.add_picture(
                io.BytesIO(images[slide.image]),
                int((width - picture_width) / 2),
                int(height * 0.2),
                picture_width,
                picture_height,
            )
            box = page.shapes.add_textbox(int(width * 0.05), int(height * 0.83), int(width * 0.9), int(height * 0.15))
            frame = box.text_frame
            frame.word_wrap = True
            frame.text = slide.text
            frame.paragraphs[0].font.size = Pt(14)
            for line in slide.lines:
                paragraph = frame.add_paragraph()
                paragraph.text = line
                paragraph.font.size = Pt(12)
        else:
            page = deck.slides.add_slide(deck.slide_layouts[1])
            page.shapes.title.text = slide.title
            body = page.placeholders[1].text_frame
            body.text = slide.text
            for line in slide.lines:
                paragraph = body.add_paragraph()
                paragraph.text = line
                paragraph.font.size = Pt(12)
        if slide.footer:
            small = page.shapes.add_textbox(int(width * 0.05), int(height * 0.9), int(width * 0.9), int(height * 0.08))
            small.text_frame.word_wrap = True
            small.text_frame.text = slide.footer
            for paragraph in small.text_frame.paragraphs:
                paragraph.font.size = Pt(9)
        page.notes_slide.notes_text_frame.text = slide.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


_PAGE_CSS = """
@page { size: 1920px 1080px; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; color: #111; }
section { width: 1920px; height: 1080px; padding: 48px 80px; overflow: hidden; page-break-after: always;
  break-after: page; display: flex; flex-direction: column; }
section:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 44px; margin: 0 0 16px 0; }
.title h1 { font-size: 60px; margin-top: 300px; }
.sub { font-size: 26px; color: #333; margin-bottom: 18px; }
.text { font-size: 24px; line-height: 1.35; }
img { display: block; height: 640px; width: 1138px; margin: 0 auto 18px auto; border: 1px solid #999; }
ul { margin: 6px 0 0 0; padding-left: 28px; font-size: 20px; line-height: 1.35; }
.sources ul { font-size: 19px; }
.notes { margin-top: auto; font-size: 15px; color: #444; white-space: pre-line; }
"""


def pdf_page_html(slides: list[Slide], images: list[bytes]) -> str:
    """One HTML document with a 1920x1080 page per slide (pictures as ``data:`` URLs), for
    Chromium to print as the PDF deck. Escapes every string."""
    esc = html.escape
    sections = []
    for slide in slides:
        parts = [f"<h1>{esc(slide.title)}</h1>"]
        if slide.kind == "title":
            parts.append(f'<div class="sub">{esc(slide.text)}</div>')
            parts += [f'<div class="text">{esc(line)}</div>' for line in slide.lines]
        elif slide.kind == "step":
            assert slide.image is not None
            data = base64.b64encode(images[slide.image]).decode("ascii")
            parts.append(f'<img alt="{esc(slide.title)}: map" src="data:image/png;base64,{data}">')
            if slide.text:
                parts.append(f'<div class="text">{esc(slide.text)}</div>')
            parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in slide.lines) + "</ul>")
        else:
            parts.append(f'<div class="sub">{esc(slide.text)}</div>')
            parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in slide.lines) + "</ul>")
        if slide.footer:
            parts.append(f'<div class="notes">{esc(slide.footer)}</div>')
        sections.append(f'<section class="{slide.kind}">{"".join(parts)}</section>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>'
        f"{esc(slides[0].title)}</title><style>{_PAGE_CSS}</style></head><body>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )
