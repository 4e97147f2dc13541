"""The briefing pack: a case's story (``[[story]]``) as images, slides, a PDF and one page.

:func:`story_pngs` renders every step of the story (its view, its day on the time control)
in the print layout, from one page in one headless Chromium session; :func:`write_deck`
writes them as a PowerPoint deck, a PDF of the same pages, or the offline story page that
steps through the views (arrow keys, buttons). :func:`brief` gives a notebook the story to
step through inline and to save. A case without a story gets one step: the whole case.

Examples
--------
>>> import routes
>>> pack = routes.brief("dprk-russia-2023")                 # doctest: +SKIP
>>> pack.save("deck.pptx"); pack.save("deck.pdf"); pack.save("story.html")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from routes.analysis.story import story_steps
from routes.errors import BriefError

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from routes.analysis.case import CaseModel

#: Slides and step images are 16:9.
WIDTH_PX, HEIGHT_PX = 1920, 1080
#: What :func:`write_deck` writes, by file suffix.
DECK_KINDS = {".pptx": "PowerPoint deck", ".pdf": "PDF of the same pages", ".html": "offline story page"}


def story_map(model: CaseModel, caption: str = "full") -> folium.Map:
    """The offline story page: the case's map with the story panel (see :func:`routes.render_map`)."""
    from routes.render import render_map

    return render_map(model, offline=True, story=True, story_caption=caption)


def story_pngs(
    model: CaseModel,
    *,
    width_px: int = WIDTH_PX,
    height_px: int = HEIGHT_PX,
    caption: str = "full",
    scale: float = 1.0,
    progress=None,
    session=None,
) -> list[bytes]:
    """One PNG per story step (its view and its day, the print layout).

    The story page is opened once in one Chromium (``session``, a
    :class:`routes.SnapshotSession`, or one of its own) and stepped through; ``caption`` is
    what its story panel shows (``"full"``: title, text and claims; ``"date"``: the day the
    map shows; ``"slide"``: a slide's picture, see :func:`slide_pngs`); ``scale`` the device
    scale factor.
    """
    from routes.outputs.export import map_html
    from routes.outputs.snapshots import SnapshotOptions, session_or_own

    steps = story_steps(model.scenario)
    html = map_html(story_map(model, caption))
    scripts = [f"() => {{ window.routesMap.story.go({number}); }}" for number in range(len(steps))]
    if progress:
        progress(f"Taking {len(steps)} step image{'s' if len(steps) != 1 else ''} in Chromium")
    with session_or_own(session) as used:
        return used.take_each(html, scripts, "png", SnapshotOptions(width_px, height_px, scale))


def slide_pngs(model: CaseModel, *, progress=None, session=None) -> list[bytes]:
    """One map picture per step for the deck's slides: drawn for the slide's map box (its CSS
    size :func:`routes.outputs.slides.map_picture_px`, sharp on a projector), with no title
    block, footer or credits in it (the slide carries those) and a compact legend of what the
    step's view shows (story caption ``"slide"``)."""
    from routes.outputs.slides import MAP_ZOOM, map_picture_px

    width, height = map_picture_px()
    return story_pngs(
        model, width_px=width, height_px=height, scale=2 * MAP_ZOOM, caption="slide", progress=progress, session=session
    )


def deck_kind(path: str | Path) -> str:
    """The suffix of a deck's file name (``.pptx``, ``.pdf``, ``.html``), or :class:`BriefError`."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in DECK_KINDS:
        kinds = ", ".join(f"{k} ({v})" for k, v in DECK_KINDS.items())
        raise BriefError(f"{path}: cannot tell what to write from its name; end it in {kinds}")
    return suffix


def write_deck(
    model: CaseModel, images: list[bytes] | None, path: str | Path, *, session=None, theme: str = "light"
) -> Path:
    """Write the briefing pack to ``path``, atomically; what by its suffix (:data:`DECK_KINDS`).

    ``images`` are the steps' pictures for a ``.pptx`` or ``.pdf`` (:func:`slide_pngs`: the
    slide carries the text); taken here when None. A ``.pdf`` is
    printed by Chromium (``session`` reuses one). ``theme``: the slides' colours, ``"light"``
    or ``"dark"`` (for a dark room; :data:`routes.outputs.slides.THEMES`).
    """
    from routes.outputs.export import write_atomic, write_html
    from routes.outputs.slidefiles import pdf_page_html, pptx_bytes, stable_pdf
    from routes.outputs.slides import PAGE_PX, deck_slides, pack_day, theme_named
    from routes.outputs.snapshots import session_or_own

    kind = deck_kind(path)
    theme_named(theme)  # a wrong name fails before any work
    if kind == ".html":
        return write_html(story_map(model), path)
    day = pack_day(model)
    if kind == ".pptx" and images is not None:
        return write_atomic(path, pptx_bytes(deck_slides(model), images, day, theme))
    with session_or_own(session) as used:  # pictures to take, or a PDF to print
        if images is None:
            images = slide_pngs(model, session=used)
        slides = deck_slides(model)
        if kind == ".pptx":
            return write_atomic(path, pptx_bytes(slides, images, day, theme))
        document = pdf_page_html(slides, images, theme)
        return write_atomic(path, stable_pdf(used.print_document(document, *PAGE_PX), day))


class Brief:
    """A case's briefing pack in a notebook: shows the story page inline (back and next
    buttons, arrow keys) and saves it as a deck, a PDF or the page (:meth:`save`)."""

    def __init__(self, model: CaseModel):
        self.model = model
        self.steps = story_steps(model.scenario)
        self._images: list[bytes] | None = None

    def __repr__(self) -> str:
        return f"<Brief of '{self.model.scenario.id}': {len(self.steps)} step(s)>"

    def map(self) -> folium.Map:
        """The story page as a folium map."""
        return story_map(self.model)

    def _repr_html_(self) -> str:
        return self.map()._repr_html_()

    def images(self) -> list[bytes]:
        """The steps' pictures for slides (taken once, in Chromium)."""
        if self._images is None:
            self._images = slide_pngs(self.model)
        return self._images

    def save(self, path: str | Path, *, theme: str = "light") -> Path:
        """Write the pack: ``.pptx``, ``.pdf`` or ``.html`` (see :func:`write_deck`). The
        pictures are taken once; a PDF is printed in the same Chromium that takes them.
        ``theme="dark"`` gives light type on a dark slide, for a dark room."""
        from routes.outputs.export import check_writable
        from routes.outputs.snapshots import session_or_own

        kind = deck_kind(path)
        check_writable(path)
        if kind == ".html" or (kind == ".pptx" and self._images is not None):
            return write_deck(self.model, self._images, path, theme=theme)
        with session_or_own(None) as session:
            if self._images is None:
                self._images = slide_pngs(self.model, session=session)
            return write_deck(self.model, self._images, path, session=session, theme=theme)


def brief(case, *, nodes=None, speeds=None) -> Brief:
    """The briefing pack of a case: a bundled case id, a scenario file, a loaded scenario or
    its :class:`routes.analysis.case.CaseModel`.

    Displays the story inline in Jupyter; ``.save("deck.pptx")`` (or ``.pdf``, ``.html``)
    writes it.
    """
    from routes.analysis.case import CaseModel, case_model
    from routes.geo.resolve import load_scenario
    from routes.load.scenario import Scenario

    if isinstance(case, CaseModel):
        return Brief(case)
    scenario = case if isinstance(case, Scenario) else load_scenario(case, nodes=nodes)
    return Brief(case_model(scenario, None, speeds))
