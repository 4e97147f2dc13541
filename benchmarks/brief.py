"""A deck of a story's steps against one PNG (issue 14: eight steps in under 2.5 times one PNG).

Each run times, from a loaded case: ``one``, rendering the map offline and taking a single
1920x1080 PNG in a browser of its own (what ``routes render --png`` does); ``deck``, rendering
the story page and taking every step's PNG in one Chromium session, then writing the
PowerPoint deck (what ``routes brief -o deck.pptx`` does). The case is the eight-step
``dprk-russia-2023-2025``. Prints min and median over the runs.

    python benchmarks/brief.py [--runs 3] [--case dprk-russia-2023-2025]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import routes
from routes.analysis.case import case_model
from routes.analysis.story import story_steps
from routes.outputs.briefing import story_pngs, write_deck
from routes.outputs.export import map_html
from routes.outputs.snapshots import SnapshotOptions, snapshot


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", default="dprk-russia-2023-2025")
    args = parser.parse_args()
    model = case_model(routes.load_scenario(args.case))
    steps = len(story_steps(model.scenario))
    one, deck = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            start = time.perf_counter()
            snapshot(map_html(routes.render_map(model, offline=True)), "png", SnapshotOptions(1920, 1080))
            one.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_deck(model, story_pngs(model, caption="date"), Path(folder) / "deck.pptx")
            deck.append(time.perf_counter() - start)
    for name, times in (("one PNG, own browser", one), (f"deck of {steps} steps", deck)):
        print(f"{name:24s} min {min(times):.2f} s  median {statistics.median(times):.2f} s")
    ratio = statistics.median(deck) / statistics.median(one)
    print(f"deck / one: {ratio:.2f} (target under 2.5 for eight steps)")


if __name__ == "__main__":
    main()
