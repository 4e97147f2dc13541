"""Draw the README's pictures again (docs/images/), from the bundled cases.

    python scripts/readme_pictures.py

Needs Chromium and playwright, as PNG output does. The print-layout pictures are what
``routes render --png`` makes; the timeline picture is the interactive page at a date, with
the ledger open and filtered, as a reader sees it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
#: The deck page shown in the README: the seed case's third step.
DECK_PAGE = 3
sys.path.insert(0, str(ROOT))


def main() -> None:
    import routes
    from routes.outputs.chart import chart_bytes
    from routes.outputs.export import map_html, write_snapshot
    from routes.outputs.snapshots import SnapshotSession, find_chromium

    seed = routes.load_scenario("dprk-russia-2023")
    later = routes.load_scenario("dprk-russia-2023-2025")
    (IMAGES / "dprk-russia-2023-2025-claims.png").write_bytes(chart_bytes(later, "png"))
    with SnapshotSession() as session:
        write_snapshot(
            routes.render_map(seed, offline=True),
            IMAGES / "dprk-russia-2023.png",
            "png",
            session=session,
            width_px=1400,
            height_px=850,
        )
        write_snapshot(
            routes.render_map(later, offline=True),
            IMAGES / "dprk-russia-2023-2025.png",
            "png",
            session=session,
            width_px=1920,
            height_px=1080,
        )
        write_snapshot(
            routes.render_map(routes.load_scenario("iran-russia-caspian"), offline=True),
            IMAGES / "iran-russia-caspian.png",
            "png",
            session=session,
            width_px=1600,
            height_px=1000,
        )
        write_snapshot(
            routes.render_map(seed, offline=True, view="najin-tikhoretsk/najin-dunay"),
            IMAGES / "dprk-russia-2023-sea-leg.png",
            "png",
            session=session,
            width_px=1200,
            height_px=800,
        )
        # A page of the seed case's briefing deck (routes brief -o deck.pdf), for the README.
        from routes.analysis.case import case_model
        from routes.outputs.briefing import slide_pngs
        from routes.outputs.slidefiles import pdf_page_html
        from routes.outputs.slides import deck_slides

        model = case_model(seed)
        deck = pdf_page_html(deck_slides(model), slide_pngs(model, session=session))
    # The interactive page on 15 Jan 2024, the ledger filtered to one claimant.
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        page_file = Path(folder) / "map.html"
        page_file.write_text(map_html(routes.render_map(later, offline=True)), encoding="utf-8")
        browser = p.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(page_file.as_uri())
        page.wait_for_function("window.routesMap !== undefined")
        page.evaluate("() => window.routesMap.time.setDate('2024-01-15')")
        page.evaluate("""() => {
            const details = document.querySelector('.routes-ledger details'); details.open = true;
            const select = document.querySelector('.routes-ledger-filter-claimant');
            select.value = 'US Department of State'; select.dispatchEvent(new Event('change'));
        }""")
        page.wait_for_timeout(400)
        page.screenshot(path=str(IMAGES / "dprk-russia-2023-2025-timeline.png"))
        deck_file = Path(folder) / "deck.html"
        deck_file.write_text(deck, encoding="utf-8")
        slides = browser.new_page(viewport={"width": 1280, "height": 720}, device_scale_factor=0.75)
        slides.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        slides.goto(deck_file.as_uri())
        slides.locator("section").nth(DECK_PAGE).screenshot(path=str(IMAGES / "dprk-russia-2023-deck-page.png"))
        browser.close()
    for name in sorted(IMAGES.glob("*.png")):
        print(name.relative_to(ROOT))


if __name__ == "__main__":
    main()
