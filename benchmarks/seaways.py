"""Time loading the world sea network, answering world sea-route queries and checking lines
against the land; measure the land the lines cross.

Target (issue 12): a world route query under 50 ms once the network is loaded; (issue 21) the
first line in a fresh process well under 2 s, with the lanes' land figures shipped
(``data/world-sea/lane-land.json``) rather than measured at load, as before. Queries join
random pairs of searoute's coastal ports (seeded; a port is coastal when it is at sea or has
water within 5 km): every query after the first at a port reuses that port's way into the
network, and a repeated pair is answered from a cache, so three figures are given: each pair
asked once (ports mostly new), the same pairs again (cached), and the land the lines cross.

    python benchmarks/seaways.py [--pairs 300] [--seed 12] [--write]

With --write the section between the ``seaways`` markers of docs/benchmarks.md is replaced.
Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
LOAD = """import time
t = time.perf_counter()
from routes.geo.seaways import _network, world_network_summary
_network()
print(time.perf_counter() - t)"""
#: Import, load the lanes and draw one line (Primorsk -> Sikka) in a fresh process, with the
#: shipped land figures, or measuring them as loading did before they were shipped.
FIRST = """import sys, time
t = time.perf_counter()
import routes.geo.seaways as seaways
import routes.geo.seaways_marnet as marnet
if sys.argv[1] == "measured":
    network = marnet._Network(measure=True)
    seaways._network = marnet._network = lambda: network
seaways.world_sea_line((28.68, 60.35), (69.6, 22.4))
print(time.perf_counter() - t)"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def coastal_ports() -> list[tuple[str, tuple[float, float]]]:
    import numpy as np

    from routes.geo.geodesy import GEOD
    from routes.geo.landcheck import on_land

    text = (importlib.resources.files("searoute.data") / "ports.geojson").read_text(encoding="utf-8")
    ports = [(f["properties"]["port"], tuple(f["geometry"]["coordinates"])) for f in json.loads(text)["features"]]
    ring = np.arange(0.0, 360.0, 22.5)
    result = []
    for code, point in ports:
        if on_land([point])[0]:
            lons, lats, _ = GEOD.fwd(np.full(16, point[0]), np.full(16, point[1]), ring, np.full(16, 5000.0))
            if all(on_land(list(zip(lons, lats)))):
                continue
        result.append((code, point))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes for the first-line figures")
    parser.add_argument("--write", action="store_true", help=f"write the section into {DOC.name}")
    args = parser.parse_args()

    loads = [
        float(subprocess.run([sys.executable, "-c", LOAD], check=True, capture_output=True, text=True).stdout)
        for _ in range(3)
    ]
    firsts: dict[str, list[float]] = {"shipped": [], "measured": []}
    for _ in range(args.runs):  # alternating, so both see the same load
        for how, times in firsts.items():
            run = subprocess.run([sys.executable, "-c", FIRST, how], check=True, capture_output=True, text=True)
            times.append(float(run.stdout))
    load_average = os.getloadavg()[0]
    from routes.geo.seaways import _network, world_network_summary, world_sea_line

    _network()
    summary = world_network_summary()
    ports = coastal_ports()
    rng = random.Random(args.seed)
    pairs = [tuple(rng.sample(ports, 2)) for _ in range(args.pairs)]
    first, again, lines = [], [], []
    for (code_a, a), (code_b, b) in pairs:
        t0 = time.perf_counter()
        line = world_sea_line(a, b)
        first.append(time.perf_counter() - t0)
        lines.append((line, code_a, code_b))
    for (_, a), (_, b) in pairs:
        t0 = time.perf_counter()
        world_sea_line(a, b)
        again.append(time.perf_counter() - t0)
    from routes.geo.landcheck import land_stretches

    checks = []
    for line, _, _ in lines:
        if line is not None:
            t0 = time.perf_counter()
            land_stretches(line.coords)
            checks.append((time.perf_counter() - t0, line.km))
    found = [(line.over_land_km, line.longest_land_km, a, b, line) for line, a, b in lines if line is not None]
    worst = max(found, key=lambda f: f[0])
    over = sum(f[0] > 2.0 for f in found)
    ms = [t * 1000 for t in first]
    cached = [t * 1000 for t in again]
    where = ", ".join(f"{s.km:.1f} km near {s.where()}" for s in worst[4].land) or "none"
    rows = [
        (
            f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
            f"searoute {importlib.metadata.version('searoute')}. Made by `python benchmarks/seaways.py --write` "
            f"({args.pairs} pairs of searoute's {len(ports):,} coastal ports, seed {args.seed})."
        ),
        "",
        "| measure | figure |",
        "|---|---|",
        f"| network | {summary.text()} |",
        (
            f"| load (read the lanes, weigh them, check them against the land; a fresh process) | "
            f"{statistics.median(loads) * 1000:.0f} ms median of 3 (Natural Earth land included) |"
        ),
        (
            f"| first line in a fresh process (import, load, Primorsk → Sikka), land figures shipped | "
            f"{statistics.median(firsts['shipped']):.2f} s median of {args.runs} "
            f"({min(firsts['shipped']):.2f}–{max(firsts['shipped']):.2f} s) |"
        ),
        (
            f"| the same, land figures measured at load (as before they were shipped) | "
            f"{statistics.median(firsts['measured']):.2f} s median of {args.runs} "
            f"({min(firsts['measured']):.2f}–{max(firsts['measured']):.2f} s); load average {load_average:.1f} |"
        ),
        (
            f"| query, each pair once (most ports new) | median {statistics.median(ms):.1f} ms, "
            f"95th percentile {percentile(ms, 0.95):.1f} ms, max {max(ms):.0f} ms |"
        ),
        f"| query, the same pairs again (cached) | median {statistics.median(cached) * 1000:.1f} µs |",
        (
            f"| land check of a whole line (`landcheck.land_stretches`) | median {statistics.median(c[0] for c in checks) * 1000:.1f} ms "
            f"for lines of median {statistics.median(c[1] for c in checks):,.0f} km; "
            f"{sum(c[0] for c in checks) / sum(c[1] for c in checks) * 1e6:.2f} ms per 1,000 km |"
        ),
        f"| lines found | {len(found)} of {args.pairs} (the rest: a port more than 500 km from every lane) |",
        (
            f"| over land, worst line (approaches and inland waterways excepted) | {worst[0]:.2f} km "
            f"({worst[2]} → {worst[3]}: {where}) |"
        ),
        f"| lines over 2 km of land | {over} of {len(found)} |",
    ]
    section = "\n".join(rows)
    print(section)
    if args.write:
        text = DOC.read_text(encoding="utf-8")
        block = f"<!-- seaways -->\n{section}\n<!-- /seaways -->"
        if "<!-- seaways -->" in text:
            text = re.sub(r"<!-- seaways -->.*?<!-- /seaways -->", lambda _: block, text, flags=re.DOTALL)
        else:
            text = text.rstrip("\n") + f"\n\n# World sea routes\n\n{block}\n"
        DOC.write_text(text, encoding="utf-8")
    return 0 if statistics.median(ms) < 50 else 1


if __name__ == "__main__":
    import importlib.metadata

    sys.exit(main())
