"""Time ``routes render`` of the default case, process start to written file.

Targets: online HTML under 1.5 s on a quiet machine (issue 21; 2 s in issue 2); offline HTML
under 2.5 MB and PNG under 10 s (issue 3), on the project's machine (2 cores). Each run is a
fresh process, so imports count. Prints min and median over the runs.

routes keeps work that depends only on its data (the offline basemap's levels, the place
labels, the city index) in its user cache; these runs use a cache folder of their own,
warmed by one untimed render first (``--cold``: emptied before every run, as on a first
render after installing). Run it from the repository root: ``python -m routes`` then
imports this checkout.

    python benchmarks/render_default.py [--runs 5] [--no-png] [--cold]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], runs: int, cache: Path, cold: bool) -> list[float]:
    env = {**os.environ, "ROUTES_CACHE_DIR": str(cache)}
    if not cold:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
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
    parser.add_argument("--cold", action="store_true", help="empty routes' user cache before every run")
    args = parser.parse_args()
    base = [sys.executable, "-m", "routes"]
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"routes' user cache: {'emptied before every run' if args.cold else 'warmed by one untimed render'}")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        online, offline = Path(folder) / "online.html", Path(folder) / "offline.html"
        cache = Path(folder) / "cache"
        ok &= report(
            "render (online HTML)",
            timed([*base, "render", "-q", "-o", str(online)], args.runs, cache, args.cold),
            1.5,
            f"; {online.stat().st_size:,} bytes",
        )
        ok &= report(
            "render --offline",
            timed([*base, "render", "-q", "--offline", "-o", str(offline)], args.runs, cache, args.cold),
            2.0,
            f"; {offline.stat().st_size:,} bytes (aim < 2,500,000)",
        )
        ok &= offline.stat().st_size < 2_500_000
        if not args.no_png:
            png, pdf = Path(folder) / "map.png", Path(folder) / "map.pdf"
            ok &= report(
                "render --png (1600x1000)",
                timed([*base, "render", "-q", "--png", str(png)], max(1, args.runs // 2), cache, args.cold),
                10.0,
                f"; {png.stat().st_size:,} bytes",
            )
            ok &= report(
                "render --pdf",
                timed([*base, "render", "-q", "--pdf", str(pdf)], max(1, args.runs // 2), cache, args.cold),
                10.0,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
