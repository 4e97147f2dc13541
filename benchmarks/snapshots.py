"""One PNG against five PNGs taken in one Chromium session (issue 11: five in at most twice
the time of one).

Each measurement renders the default case offline once, then takes the images: ``one`` starts
a browser for a single PNG (as ``routes render --png`` did before sessions), ``five`` takes
five views (the whole case and four sizes) with one :class:`routes.SnapshotSession`. Prints
min and median over the runs.

    python benchmarks/snapshots.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import routes
from routes.outputs.export import map_html
from routes.outputs.snapshots import SnapshotOptions, SnapshotSession, snapshot

SIZES = [(1600, 1000), (1920, 1080), (1024, 768), (1200, 675), (1400, 850)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    html = map_html(routes.render_map(routes.load_scenario(), offline=True))
    one, five = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        snapshot(html, "png", SnapshotOptions(*SIZES[0]))
        one.append(time.perf_counter() - start)
        start = time.perf_counter()
        with SnapshotSession() as session:
            for width, height in SIZES:
                session.take(html, "png", SnapshotOptions(width, height))
        five.append(time.perf_counter() - start)
    for name, times in (("one PNG, own browser", one), ("five PNGs, one session", five)):
        print(f"{name:24s} min {min(times):.2f} s  median {statistics.median(times):.2f} s")
    ratio = statistics.median(five) / statistics.median(one)
    print(f"five / one: {ratio:.2f} (target at most 2.0)")


if __name__ == "__main__":
    main()
