"""Time ``routes render`` of the default case, process start to written file.

Target (issue 2): under 2 s on the project's machine (2 cores). Runs the console script in
fresh processes, so imports count, and prints min and median over the runs.

    python benchmarks/render_default.py [--runs 5]
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

TARGET_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [shutil.which("routes") or sys.executable]
    if not command[0].endswith("routes"):
        command += ["-m", "routes"]
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "map.html"
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([*command, "render", "-q", "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        size = out.stat().st_size
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"routes render (default case): min {min(times):.2f} s, median {statistics.median(times):.2f} s "
          f"over {len(times)} runs; HTML {size:,} bytes; target < {TARGET_S} s")
    return 0 if min(times) < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
