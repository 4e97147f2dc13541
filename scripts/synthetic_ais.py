"""Write the project's synthetic AIS (routes.observe.synthetic) as files, with its truth as JSON.

Nothing in it is real: ships shuttling along the bundled sea lanes with injected dark periods,
port calls, an encounter, a spoofed jump and identity changes.

    python scripts/synthetic_ais.py OUT.csv [--layout noaa|dma] [--ships 12] [--reports 8000] [--step 60]
    python scripts/synthetic_ais.py OUT.nmea      # NMEA sentences with time tag blocks (needs pyais)
    python scripts/synthetic_ais.py OUT.parquet   # the routes layout

The truth goes to OUT.truth.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from routes.observe.synthetic import generate, write_csv, write_nmea


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--layout", choices=["noaa", "dma"], default="noaa", help="CSV layout")
    parser.add_argument("--ships", type=int, default=12)
    parser.add_argument("--reports", type=int, default=8000, help="reports a ship")
    parser.add_argument("--step", type=int, default=60, help="seconds between reports")
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args()
    frame, truth = generate(args.ships, args.reports, args.step, args.seed)
    suffix = args.output.suffix.lower()
    if suffix == ".nmea":
        write_nmea(frame, args.output)
    elif suffix == ".parquet":
        frame.rename(columns={"t": "time"}).assign(
            time=lambda f: f["time"].astype("datetime64[s]").dt.tz_localize("UTC")
        ).to_parquet(args.output, index=False)
    else:
        write_csv(frame, args.output, args.layout)
    truth_path = args.output.with_name(args.output.name + ".truth.json")
    truth_path.write_text(json.dumps(dataclasses.asdict(truth), indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(frame):,} reports of {frame['mmsi'].nunique()} MMSIs; truth in {truth_path}")


if __name__ == "__main__":
    main()
