"""The briefing pack: a case's story (``[[story]]``) as one map image per step, and as slides.

:func:`story_pngs` renders every step of the story (its view, its date on the time control)
in the print layout, all from one headless Chromium session; :func:`write_deck` puts them in a
PowerPoint deck (python-pptx, the ``brief`` extra): a title slide, one slide per step with
its map, title, text and the claims it highlights, and a sources slide; each step slide lists
the sources of its claims in its speaker notes. A case without a story gets one step: the
whole case.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from routes._errors import RoutesError
from routes.records import StoryStep

if TYPE_CHECKING:  # pragma: no cover
    from routes.case import CaseModel
    from routes.scenario import Scenario

#: Slides and step images are 16:9.
WIDTH_PX, HEIGHT_PX = 1920, 1080


class BriefError(RoutesError, ValueError):
    """A deck cannot be made (python-pptx missing, a bad output name)."""


def story_steps(case: Scenario) -> tuple[StoryStep, ...]:
    """The case's story, or one step showing the whole case when it has none."""
    return case.story or (StoryStep(case.title, case.summary),)


def story_pngs(model: CaseModel, *, width_px: int = WIDTH_PX, height_px: int = HEIGHT_PX, progress=None) -> list[bytes]:
    """One PNG per story step (its view and date, the print layout), from one Chromium."""
    from routes.export import map_html
    from routes.render import render_map
    from routes.snapshots import SnapshotOptions, SnapshotSession

    steps = story_steps(model.scenario)
    images = []
    with SnapshotSession() as session:
        for number, step in enumerate(steps, 1):
            if progress:
                progress(f"Step {number} of {len(steps)}: {step.title}")
            fmap = render_map(model, offline=True, view=step.view, date=step.date.first_day() if step.date else None)
            images.append(session.take(map_html(fmap), "png", SnapshotOptions(width_px, height_px)))
    return images


def step_claims(model: CaseModel, step: StoryStep) -> list:
    """The claims a step highlights, in published order."""
    ids = set(step.highlights)
    return [c for c in model.claims_in_order() if c.id in ids]


def write_deck(model: CaseModel, images: list[bytes], path: str | Path) -> Path:
    """A PowerPoint deck of the story (see the module docstring), written atomically."""
    import io

    try:
        from pptx import Presentation
        from pptx.util import Emu, Pt
    except ImportError:  # pragma: no cover - the brief extra is missing
        raise BriefError("PowerPoint output needs python-pptx: pip install 'routes-map[brief]'") from None
    from routes.export import write_atomic

    case = model.scenario
    steps = story_steps(case)
    deck = Presentation()
    width, height = 12192000, 6858000  # EMU: 16:9, 13.33 x 7.5 in
    deck.slide_width, deck.slide_height = Emu(width), Emu(height)
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = case.title
    title_slide.placeholders[1].text = " · ".join(
        t for t in (case.claims_summary(), f"As of {case.as_of.label()}" if case.as_of else None) if t
    )
    for step, image in zip(steps, images, strict=True):
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = step.title
        picture_height = int(height * 0.62)
        picture_width = int(picture_height * WIDTH_PX / HEIGHT_PX)
        slide.shapes.add_picture(
            io.BytesIO(image), int((width - picture_width) / 2), int(height * 0.2), picture_width, picture_height
        )
        claims = step_claims(model, step)
        box = slide.shapes.add_textbox(int(width * 0.05), int(height * 0.83), int(width * 0.9), int(height * 0.15))
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = step.text or ""
        for claim in claims:
            run = frame.add_paragraph()
            run.text = f"{claim.headline} — {claim.claimant}, {claim.published.label()}"
            run.font.size = Pt(12)
        frame.paragraphs[0].font.size = Pt(14)
        sources = [s.label() + (f" <{s.url}>" if s.url else "") for c in claims for s in c.sources]
        slide.notes_slide.notes_text_frame.text = (
            "Sources:\n" + "\n".join(dict.fromkeys(sources)) if sources else ("Sources: see the sources slide.")
        )
    last = deck.slides.add_slide(deck.slide_layouts[1])
    last.shapes.title.text = "Sources"
    body = last.placeholders[1].text_frame
    labels = [s.label() + (f" <{s.url}>" if s.url else "") for c in model.claims_in_order() for s in c.sources]
    body.text = "Figures from different claimants are never added up."
    for label in dict.fromkeys(labels):
        paragraph = body.add_paragraph()
        paragraph.text = label
        paragraph.font.size = Pt(10)
    buffer = io.BytesIO()
    deck.save(buffer)
    return write_atomic(path, buffer.getvalue())
