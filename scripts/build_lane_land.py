"""Measure the land every world sea lane crosses and write ``data/world-sea/lane-land.json``.

routes loads the world lanes (searoute's MARNET, :mod:`routes.geo.seaways`) with these figures
instead of measuring 15,933 lanes against the land in every new process. The file records the
SHA-256 of its sources (searoute's ``marnet_searoute.geojson``, the 1:50m and 1:10m land in
``data/naturalearth/``, the canal boxes); when any of them changes, routes measures afresh
(slower, never wrong) until this script is run again. ``tests/test_seaways_figures.py``
fails while the file is stale, and recomputes a sample of lanes to check the figures.

Run from the repository root (about a second on a quiet machine)::

    python scripts/build_lane_land.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "world-sea" / "lane-land.json"


def main() -> int:
    from routes.geo.seaways_figures import figures_document, marnet_bytes
    from routes.geo.seaways_marnet import _Network

    network = _Network(measure=True)  # only for the lanes' ends; the figures are measured below
    lanes = sorted((min(a, b), max(a, b)) for a, b in network.graph.edges())  # measured as loading measures them
    starts, ends = [network.points[a] for a, _ in lanes], [network.points[b] for _, b in lanes]
    document = figures_document(marnet_bytes(), starts, ends)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lanes = ",\n".join(json.dumps(lane) for lane in document.pop("lanes"))
    head = json.dumps(document, indent=1)[:-2]  # without the closing brace: the lanes follow, one a line
    OUT.write_text(f'{head},\n "lanes": [\n{lanes}\n ]\n}}\n', encoding="utf-8")
    print(f"{OUT}: {lanes.count(chr(10)) + 1:,} of {len(starts):,} lanes cross land")
    return 0


if __name__ == "__main__":
    sys.exit(main())
