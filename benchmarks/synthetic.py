"""Synthetic route sets for the scale benchmarks and tests: random-walk lines over Eurasia.

python benchmarks/synthetic.py 10000 50 out.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def write_lines(path: str | Path, legs: int, vertices: int, seed: int = 0) -> Path:
    """Write ``legs`` LineStrings of ``vertices`` points each, with a category, a number, a
    date and a name column, as GeoJSON (deterministic for a seed)."""
    import numpy

    rng = numpy.random.default_rng(seed)
    starts = numpy.c_[rng.uniform(20, 140, legs), rng.uniform(30, 65, legs)]
    steps = rng.normal(0, 0.08, (legs, vertices, 2)).cumsum(axis=1)
    coords = numpy.round(starts[:, None, :] + steps, 6)
    volumes = rng.uniform(1, 1000, legs).round(1)
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for i in range(legs):
            feature = {
                "type": "Feature",
                "properties": {
                    "kind": f"type-{i % 7}",
                    "volume": float(volumes[i]),
                    "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "name": f"leg {i}",
                },
                "geometry": {"type": "LineString", "coordinates": coords[i].tolist()},
            }
            out.write(("," if i else "") + json.dumps(feature, separators=(",", ":")) + "\n")
        out.write("]}\n")
    return path


if __name__ == "__main__":
    write_lines(sys.argv[3], int(sys.argv[1]), int(sys.argv[2]))
