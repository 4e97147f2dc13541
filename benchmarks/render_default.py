"""Time ``routes render`` of the default case, process start to written file.

Targets: online HTML under 2 s (issue 2); offline HTML under 2.5 MB and PNG under 10 s
(issue 3), on the project's machine (2 cores). Each run is a fresh process, so imports
count. Prints min and median over the runs.

    python benchmarks/render_default.py [--runs 5] [--no-png]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float], target_s: float, extra: str = "") -> bool:
    ok = min(times) < target_s
    print(
        f"{label:<28} min {min(times):5.2f} s  median {statistics.median(times):5.2f} s  "
        f"({len(times)} runs; target < {target_s} s){extra}  {'ok' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-png", action="store_true", help="skip the PNG and PDF (no Chromium needed)")
    args = parser.parse_args()
    routes = shutil.which("routes")
    base = [routes] if routes else [sys.executable, "-m", "routes"]
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        online, offline = Path(folder) / "online.html", Path(folder) / "offline.html"
        ok &= report(
            "render (online HTML)",
            timed([*base, "render", "-q", "-o", str(online)], args.runs),
            2.0,
            f"; {online.stat().st_size:,} bytes",
        )
        ok &= report(
            "render --offline",
            timed([*base, "render", "-q", "--offline", "-o", str(offline)], args.runs),
            2.0,
            f"; {offline.stat().st_size:,} bytes (aim < 2,500,000)",
        )
        ok &= offline.stat().st_size < 2_500_000
        if not args.no_png:
            png, pdf = Path(folder) / "map.png", Path(folder) / "map.pdf"
            ok &= report(
                "render --png (1600x1000)",
                timed([*base, "render", "-q", "--png", str(png)], max(1, args.runs // 2)),
                10.0,
                f"; {png.stat().st_size:,} bytes",
            )
            ok &= report(
                "render --pdf", timed([*base, "render", "-q", "--pdf", str(pdf)], max(1, args.runs // 2)), 10.0
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
