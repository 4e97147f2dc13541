"""Claims benchmark: how validate, render, ledger and chart grow with the number of claims.

Issue 24 item 4: a scenario of 10,000 claims (the seed case's claims repeated) validated in
65.7 s and rendered in 685.6 s. This writes scenarios of 1,000, 3,000 and 10,000 claims made
by repeating the seven claims of the seed case ``dprk-russia-2023`` (each copy's id and
``restates`` get a suffix, everything else is as written), times each command as a fresh
process (wall and CPU time, peak memory) and prints a Markdown table with the growth from one
size to the next (CPU time ratio over size ratio: 1.0 is linear).

    python benchmarks/claims_scale.py [--sizes 1000,3000,10000] [--runs 1]

Run it from the repository root: ``python -m routes`` then imports this checkout. Nothing
here runs in the test suite.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "data" / "scenarios" / "dprk-russia-2023.toml"
DOC = ROOT / "docs" / "benchmarks.md"
PEAK = """import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)"""


def write_claims_case(path: Path, claims: int) -> Path:
    """Write the seed case with its claims repeated until there are ``claims`` of them.

    The seed file is copied as written up to its first claim; the claims follow, copy after
    copy, the first copy unchanged and each later one with ``-cN`` after its id and after the
    id it restates; then the rest of the file (vessels, events, story). The seed's paths
    (nodes, networks) are made absolute so the copy reads the same files."""
    text = SEED.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=\[\[|\[)", text)
    claim_blocks = [b for b in blocks if b.startswith("[[claims]]")]
    head = "".join(b for b in blocks[: blocks.index(claim_blocks[0])])
    tail = "".join(b for b in blocks[blocks.index(claim_blocks[-1]) + 1 :])
    seed_ids = [tomllib.loads(b)["claims"][0]["id"] for b in claim_blocks]
    out = [head]
    copy = 0
    while len(out) - 1 < claims:
        for block, ident in zip(claim_blocks, seed_ids):
            if len(out) - 1 >= claims:
                break
            if copy:
                block = re.sub(r'(?m)^(id|restates) = "([^"]+)"', rf'\1 = "\2-c{copy}"', block)
            out.append(block)
        copy += 1
    out.append(tail)
    body = "".join(out)
    body = body.replace('"../', f'"{SEED.parent.parent}/')
    path.write_text(body, encoding="utf-8")
    return path


def run(command: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak resident memory (MB) of one process.

    On a shared machine the wall time moves with the load; the CPU time much less."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *command], check=True, capture_output=True, text=True, env=env)
    peak_kb, cpu_s = out.stdout.split()
    return time.perf_counter() - start, float(cpu_s), int(peak_kb) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    base = [sys.executable, "-m", "routes"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ROUTES_CACHE_DIR": str(folder / "cache")}
        subprocess.run([*base, "render", str(SEED), "-o", str(folder / "warm.html")], check=True, env=env)
        commands = {
            "validate": lambda case, out: [*base, "validate", str(case)],
            "render": lambda case, out: [*base, "render", str(case), "-o", str(out / "map.html")],
            "ledger": lambda case, out: [*base, "ledger", str(case), "-o", str(out / "ledger.csv")],
            "chart": lambda case, out: [*base, "chart", str(case), "-o", str(out / "chart.svg")],
        }
        rows: dict[tuple[str, int], tuple[float, float, float]] = {}
        sizes_mb = {}
        for size in sizes:
            case = write_claims_case(folder / f"claims-{size}.toml", size)
            sizes_mb[size] = case.stat().st_size / 1e6
            for name, command in commands.items():
                results = [run(command(case, folder), env) for _ in range(args.runs)]
                rows[name, size] = (
                    statistics.median(r[0] for r in results),
                    statistics.median(r[1] for r in results),
                    max(r[2] for r in results),
                )
                wall, cpu, peak = rows[name, size]
                print(
                    f"{name:9} {size:6} claims  {wall:7.2f} s wall  {cpu:7.2f} s CPU  {peak:6.0f} MB "
                    f"(load average {os.getloadavg()[0]:.1f})",
                    file=sys.stderr,
                )
    load = os.getloadavg()
    lines = [
        (
            f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.python_implementation()} "
            f"{platform.python_version()}; load average {load[0]:.1f} at the end (shared with other jobs). "
            f"Each cell: median of {args.runs} fresh process(es), imports included: wall time, CPU time "
            "(user + system) and peak memory; growth = CPU time ratio / claims ratio from the previous "
            "size (1.0 is linear)."
        ),
        "",
        "| command | " + " | ".join(f"{s:,} claims ({sizes_mb[s]:.1f} MB)" for s in sizes) + " | growth |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for name in commands:
        cells = [f"{rows[name, s][0]:.1f} s ({rows[name, s][1]:.1f} s CPU), {rows[name, s][2]:.0f} MB" for s in sizes]
        growth = [f"{(rows[name, b][1] / rows[name, a][1]) / (b / a):.2f}" for a, b in itertools.pairwise(sizes)]
        lines.append(f"| {name} | " + " | ".join(cells) + " | " + ", ".join(growth) + " |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
