"""routes observe on 10 million AIS positions of 200 ships (issue 25: reduce them on this 2-core
machine, with time and peak memory).

Writes the project's synthetic AIS (routes.observe.synthetic: 200 ships along the bundled sea
lanes, one report every 10 s, with injected dark periods, a jump, an encounter and identity
changes) as one Parquet file, then runs ``routes observe`` on it in a fresh process and reports
its wall time, its peak resident memory (the child's ru_maxrss) and whether every injected
dark period was found.

    python benchmarks/observe.py [--ships 200] [--reports 50000] [--engine duckdb] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from routes.observe.items import iso
from routes.observe.synthetic import Truth, ship_reports


def write_positions(path: Path, ships: int, reports: int) -> tuple[int, Truth]:
    truth, rows, writer = Truth(), 0, None
    for frame in ship_reports(truth, ships, reports, step_s=10, seed=25):
        frame = frame.rename(columns={"t": "time"})
        frame["time"] = frame["time"].astype("datetime64[s]").dt.tz_localize("UTC")
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table)
        rows += len(frame)
    if writer is not None:
        writer.close()
    return rows, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ships", type=int, default=200)
    parser.add_argument(
        "--reports", type=int, default=51_700, help="reports a ship (51,700: just over 10 million in all)"
    )
    parser.add_argument("--engine", default="duckdb", choices=["duckdb", "dask"])
    parser.add_argument("--keep", type=Path, help="folder to keep the input and output in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="routes-observe-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source, out = folder / "positions.parquet", folder / "observed.parquet"
    started = time.perf_counter()
    rows, truth = write_positions(source, args.ships, args.reports)
    made = time.perf_counter() - started
    print(
        f"generated {rows:,} reports of {args.ships + 2} ships in {made:.1f} s ({source.stat().st_size / 1e6:.0f} MB Parquet)"
    )
    command = [sys.executable, "-m", "routes", "observe", str(source), "-o", str(out), "--engine", args.engine]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb, cpu_s = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    table = pq.read_table(out, columns=["feature_type", "kind", "mmsi", "start", "end"]).to_pylist()
    gaps = {(r["mmsi"], r["start"], r["end"]) for r in table if r["feature_type"] == "gap"}
    wanted = {(m, iso(a), iso(b)) for m, a, b in truth.gaps}
    counts: dict[str, int] = {}
    for r in table:
        counts[r["feature_type"]] = counts.get(r["feature_type"], 0) + 1
    print(json.dumps({"reports": rows, "engine": args.engine, "wall_s": round(wall, 1), "cpu_s": round(cpu_s, 1),
            "peak_rss_mb": round(peak_mb), "load_average": [round(v, 1) for v in os.getloadavg()],
                      "injected_gaps": len(wanted), "found_of_them": len(wanted & gaps), "items": counts}))  # fmt: skip


if __name__ == "__main__":
    main()
