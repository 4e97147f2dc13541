"""Time ``routes place``, each call a fresh process: the first build of the index, then lookups.

Target (issue 21): after the first build, ``routes place Makhachkala`` (a hit), ``routes place
Bosporus`` (a strait) and a miss each answer in under 2 s, imports included. The index is built
in a new temporary cache folder (``ROUTES_CACHE_DIR``), so the first call measures the cold
build; ``--cache DIR`` reuses a folder instead. Also times 'did you mean' (difflib over the
index's keys) for ten misspellings, in one process, and rapidfuzz on the same pool when it is
installed, to say whether a fuzzy-matching library would pay.

    python benchmarks/gazetteer.py [--runs 5] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = {"hit": ["Makhachkala"], "strait": ["Bosporus"], "miss": ["Qwertzuiopland"]}
TARGET_S = 2.0
#: The review's misspellings (code-review-2026-12.md §4).
MISSPELLINGS = (
    "Makhachkalla",
    "Novorosiysk",
    "Wladiwostok",
    "Tschita",
    "Jelabuga",
    "Astrachan",
    "Bandar Anzaly",
    "Ussurijsk",
    "Rostow am Don",
    "Chabarowsk",
)


def place(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "routes", "place", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,  # a miss exits 1
    )
    return time.perf_counter() - start


def spellings(folder: str) -> None:
    """'Did you mean' in one process: difflib as routes does it, and rapidfuzz if installed."""
    os.environ["ROUTES_CACHE_DIR"] = folder
    sys.path.insert(0, str(REPO))
    import difflib

    from routes.gazetteer.index import keys_like, place_key
    from routes.gazetteer.places import nearest_spellings
    from routes.gazetteer.search import _index

    nearest_spellings("warm up")
    start = time.perf_counter()
    answers = [nearest_spellings(name)[:1] for name in MISSPELLINGS]
    took = (time.perf_counter() - start) / len(MISSPELLINGS)
    print(f"{'did you mean (nearest_spellings)':<34} {took * 1000:6.0f} ms a name; first answers: {answers}")
    pools = [(place_key(n), keys_like(_index(), place_key(n), 3, None, None)) for n in MISSPELLINGS]
    start = time.perf_counter()
    for key, pool in pools:
        difflib.get_close_matches(key, pool, n=20, cutoff=0.8)
    took = (time.perf_counter() - start) / len(pools)
    sizes = [len(pool) for _, pool in pools]
    print(f"{'  difflib on the pool':<34} {took * 1000:6.0f} ms a name (pools of {min(sizes)}-{max(sizes)} keys)")
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        print("  rapidfuzz: not installed (pip install rapidfuzz to compare)")
        return
    start = time.perf_counter()
    for key, pool in pools:
        process.extract(key, pool, scorer=fuzz.ratio, limit=20, score_cutoff=80)
    took = (time.perf_counter() - start) / len(pools)
    print(f"{'  rapidfuzz on the pool':<34} {took * 1000:6.0f} ms a name")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", help="the cache folder to use (default: a new temporary one)")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.cache or temporary
        env = {**os.environ, "ROUTES_CACHE_DIR": folder}
        print(f"{'first call (builds the index)':<34} {place(['Makhachkala'], env):6.2f} s")
        ok = True
        for label, query in QUERIES.items():
            times = [place(query, env) for _ in range(args.runs)]
            ok &= max(times) < TARGET_S
            print(
                f"{label + ': routes place ' + ' '.join(query):<34} min {min(times):5.2f} s  median "
                f"{statistics.median(times):5.2f} s  max {max(times):5.2f} s  ({args.runs} fresh processes; "
                f"target < {TARGET_S} s)  {'ok' if max(times) < TARGET_S else 'MISSED'}"
            )
        spellings(folder)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
