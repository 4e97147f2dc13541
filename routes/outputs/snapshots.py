"""PNG and PDF snapshots of a map page, taken in headless Chromium through playwright.

Debian's ``chromium`` is driven with ``executable_path`` (playwright's own browser download
is not needed). The page is opened from a temporary file with every request that is not
``file:``/``data:`` blocked, so a snapshot never touches the network; render the map offline
for a basemap. This module returns bytes; :mod:`routes.outputs.export` writes them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Self

from routes.errors import BrowserMissingError

if TYPE_CHECKING:  # pragma: no cover
    from playwright.sync_api import Browser, Playwright

#: Chromium flags for a quiet headless run on a machine without a network or a sandbox.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
)
INSTALL_HINT = (
    "install Debian's Chromium ('sudo apt-get install chromium fonts-noto-cjk') "
    "or set ROUTES_CHROMIUM=/path/to/chromium"
)


@dataclass(frozen=True)
class SnapshotOptions:
    """Size of a snapshot: CSS pixels, and the device scale factor (2 for sharp slides)."""

    width_px: int = 1600
    height_px: int = 1000
    scale: float = 1.0

    def __post_init__(self) -> None:
        if not (200 <= self.width_px <= 8000 and 200 <= self.height_px <= 8000):
            raise ValueError(f"size {self.width_px}x{self.height_px} must be between 200 and 8000 pixels a side")
        if not 0.5 <= self.scale <= 4:
            raise ValueError(f"scale {self.scale} must be between 0.5 and 4")


#: Page sizes briefers use, in CSS pixels: name -> (width, height, what it is for).
PRESETS: dict[str, tuple[int, int, str]] = {
    "slide-16x9": (1920, 1080, "a 16:9 slide, Full HD"),
    "slide-4x3": (1440, 1080, "a 4:3 slide"),
    "a4-landscape": (1754, 1240, "an A4 page, landscape, at 150 dpi"),
    "a4-portrait": (1240, 1754, "an A4 page, portrait, at 150 dpi"),
    "social": (1200, 675, "a social-media card, 16:9"),
}


def preset_options(name: str, scale: float = 1.0) -> SnapshotOptions:
    """The :class:`SnapshotOptions` of a preset (see :data:`PRESETS`).

    >>> preset_options("slide-16x9")
    SnapshotOptions(width_px=1920, height_px=1080, scale=1.0)
    """
    if name not in PRESETS:
        raise ValueError(f"{name!r} is not a preset; use one of {', '.join(PRESETS)}")
    width, height, _ = PRESETS[name]
    return SnapshotOptions(width, height, scale)


def find_chromium() -> str:
    """The Chromium executable: ``ROUTES_CHROMIUM``, else ``chromium`` on the PATH.

    Raises
    ------
    BrowserMissingError
        Naming the install command.
    """
    configured = os.environ.get("ROUTES_CHROMIUM")
    if configured:
        if Path(configured).is_file():
            return configured
        raise BrowserMissingError(f"ROUTES_CHROMIUM={configured} is not a file; {INSTALL_HINT}")
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissingError(f"PNG and PDF output need Chromium, which was not found; {INSTALL_HINT}")


def require_playwright():
    """playwright's ``sync_playwright``, or :class:`BrowserMissingError` naming the install command."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissingError(
            "PNG and PDF output need playwright; install it with: pip install playwright "
            "(or, from a checkout of routes: pip install '.[browser]')"
        ) from None
    return sync_playwright


class SnapshotSession:
    """One headless Chromium for many snapshots (presets, detail views, a deck's pages).

    Starting Chromium is most of the cost of one snapshot; a session starts it once. All
    playwright calls run in one worker thread of the session's own, so a session also works
    where an event loop is already running (Jupyter, or another playwright session).

    Examples
    --------
    >>> with SnapshotSession() as session:                          # doctest: +SKIP
    ...     slides = [session.take(html, "png", SnapshotOptions(1920, 1080)) for html in pages]
    """

    def __init__(self, *, timeout_s: float = 30.0):
        from concurrent.futures import ThreadPoolExecutor

        self.timeout_s = timeout_s
        self._executable = find_chromium()
        self._sync_playwright = require_playwright()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="routes-snapshot")
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._pages = _Pages()
        self.taken = 0
        try:
            self._pool.submit(self._start).result()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        self._playwright = playwright = self._sync_playwright().start()
        try:
            self._browser = playwright.chromium.launch(executable_path=self._executable, args=list(CHROMIUM_ARGS))
        except Exception as exc:  # playwright raises its own Error type
            raise BrowserMissingError(f"Chromium at {self._executable} did not start ({exc}); {INSTALL_HINT}") from exc

    def take(self, html: str, kind: str = "png", options: SnapshotOptions = SnapshotOptions()) -> bytes:
        """A PNG or a one-page PDF of a map page (see :func:`snapshot`)."""
        return self.take_each(html, [None], kind, options)[0]

    def take_each(
        self,
        html: str,
        scripts: list[str | None],
        kind: str = "png",
        options: SnapshotOptions = SnapshotOptions(),
    ) -> list[bytes]:
        """Open a map page once and take one snapshot after each script (a JavaScript function
        source, run in the page: e.g. ``"() => routesMap.story.go(2)"``; None for none); a
        deck's steps."""
        if kind not in ("png", "pdf"):
            raise ValueError(f"kind {kind!r} is not 'png' or 'pdf'")
        shots = []
        for script in scripts:
            shots.append(self._run(_take, html, kind, options, self.timeout_s, script))
            self.taken += 1
        return shots

    def print_document(self, html: str, width_px: int, height_px: int) -> bytes:
        """A PDF of every page of an HTML document (not a map page: a deck's slides), each page
        ``width_px`` by ``height_px``; nothing but ``file:`` and ``data:`` is loaded."""
        return self._run(_print_document, html, width_px, height_px, self.timeout_s)

    def _run(self, function, *args):
        """``function(browser, pages, *args)`` in the session's worker thread."""
        if self._browser is None:
            raise RuntimeError("this snapshot session is closed")
        return self._pool.submit(function, self._browser, self._pages, *args).result()

    def close(self) -> None:
        """Close Chromium and the worker thread (also on leaving a ``with`` block)."""

        def stop():
            self._pages.close()
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
            self._browser = self._playwright = None

        try:
            self._pool.submit(stop).result()
        finally:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def snapshot(
    html: str,
    kind: str = "png",
    options: SnapshotOptions = SnapshotOptions(),
    *,
    timeout_s: float = 30.0,
    session: SnapshotSession | None = None,
) -> bytes:
    """Open a map page in headless Chromium and return a PNG or a one-page PDF of it.

    The page switches to its print layout (``routesMap.print()``): sources, a table of the
    claims on the drawn legs and the credits in a footer band, no zoom, layer or time control.
    Give a :class:`SnapshotSession` to reuse its browser for many snapshots; without one, a
    browser is started for this snapshot alone.
    """
    if kind not in ("png", "pdf"):
        raise ValueError(f"kind {kind!r} is not 'png' or 'pdf'")
    with session_or_own(session, timeout_s=timeout_s) as used:
        return used.take(html, kind, options)


def session_or_own(session: SnapshotSession | None, *, timeout_s: float = 30.0):
    """A ``with`` block's session: ``session`` itself (left open), or a new one closed at
    the block's end."""
    from contextlib import nullcontext

    return nullcontext(session) if session is not None else SnapshotSession(timeout_s=timeout_s)


class _Pages:
    """The session's open page, kept while the same map is taken again at another size."""

    def __init__(self):
        self.page = None
        self.key = None
        self.size: tuple[int, int] | None = None
        self.folder = tempfile.TemporaryDirectory(prefix="routes-")

    def close(self) -> None:
        if self.page is not None:
            self.page.close()
        self.page = self.key = None
        self.folder.cleanup()


def _take(browser, pages: _Pages, html, kind, options, timeout_s, script: str | None = None) -> bytes:
    import hashlib

    key = (hashlib.sha256(html.encode("utf-8")).hexdigest(), options.scale)
    if (
        pages.page is not None
        and pages.key == key
        and script is not None
        and pages.size == (options.width_px, options.height_px)
    ):
        page = pages.page  # the next step of a story: the page is already laid out at this size
    elif pages.page is not None and pages.key == key:
        page = pages.page
        page.set_viewport_size({"width": options.width_px, "height": options.height_px})
        pages.size = (options.width_px, options.height_px)
        page.evaluate("""() => {
            if (window.routesMap && window.routesMap.print) { window.routesMap.print(); }
            else if (window.routesBulk && window.routesBulk.layer) { window.routesBulk.layer._map.invalidateSize(false); }
        }""")
    else:
        if pages.page is not None:
            pages.page.close()
            pages.page = pages.key = None
        page_file = Path(pages.folder.name) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        page = browser.new_page(
            viewport={"width": options.width_px, "height": options.height_px}, device_scale_factor=options.scale
        )
        pages.page, pages.key = page, key
        pages.size = (options.width_px, options.height_px)
        _local_only(page)
        page.goto(page_file.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        page.wait_for_function(
            "window.routesMap !== undefined || window.routesBulk !== undefined", timeout=timeout_s * 1000
        )
        # The page's typeface (inlined, render/assets.py font_css) is loaded before the print
        # layout measures any text, so every machine lays the page out in the same font.
        page.evaluate("() => window.routesType ? window.routesType.ready.then(() => true) : true")
        page.evaluate("""() => {
            if (window.routesMap && window.routesMap.print) { window.routesMap.print(); return; }
            document.body.classList.add("routes-print");
            document.querySelectorAll(".routes-sources details").forEach(d => { d.open = true; });
        }""")
    if script is not None:
        page.evaluate(script)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # Canvas layers (a bulk map's lines) settle after the last frame; a story's next step
    # redraws SVG only, which the two frames above have painted.
    page.wait_for_timeout(250 if script is None else 50)
    if kind == "png":
        return page.screenshot(type="png", full_page=False)
    page.emulate_media(media="screen")
    return page.pdf(
        width=f"{options.width_px}px",
        height=f"{options.height_px}px",
        print_background=True,
        page_ranges="1",
        margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
    )


def _print_document(browser, pages: _Pages, html: str, width_px: int, height_px: int, timeout_s: float) -> bytes:
    page_file = Path(pages.folder.name) / "document.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width_px, "height": height_px})
    try:
        _local_only(page)
        page.goto(page_file.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        page.emulate_media(media="print")
        # Lay the document out, then wait for the faces its text asked for (a data URI each),
        # and for a document that says it is not ready (window.routesReady === false) to be so.
        page.evaluate("() => { void document.body.offsetHeight; return document.fonts.ready.then(() => true); }")
        page.wait_for_function("window.routesReady !== false", timeout=timeout_s * 1000)
        return page.pdf(
            width=f"{width_px}px",
            height=f"{height_px}px",
            print_background=True,
            prefer_css_page_size=True,
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
        )
    finally:
        page.close()


def _local_only(page) -> None:
    """Let ``page`` load ``file:`` and ``data:`` URLs only: a snapshot never reaches the network."""
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
    )
