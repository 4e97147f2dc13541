"""Build ``data/labels/countries.json``: every Natural Earth country's label point, geodesic
area and bounding box (:func:`routes.render.countrylabels.compute_table`), computed once here instead
of on every map.

The file records the SHA-256 of the polygons it was computed from
(``data/naturalearth/countries-50m.geojson``); routes computes the table itself when that
hash no longer matches, and ``tests/test_countrylabels.py`` fails until the file is rebuilt.
Natural Earth is in the public domain. (The city index, made from GeoNames, is not shipped:
routes keeps it in the user cache directory, see :func:`routes.render.orientation.city_index`.)

Run from the repository root whenever the country polygons or the label-point rules change::

    python scripts/build_labels.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "labels" / "countries.json"
sys.path.insert(0, str(ROOT))  # this checkout's routes, not an installed one


def table_text(table: dict) -> str:
    """The table as JSON, its header first and one row a line (readable diffs); floats as
    Python prints them, so they read back exactly."""
    rows = table["rows"]
    header = {
        "description": "Natural Earth country label points (lon, lat), geodesic areas (km2) and bounds; "
        "made by scripts/build_labels.py",
        "attribution": "Made with Natural Earth (public domain), version 4.1.0, via world-atlas 2.0.2",
        **{k: v for k, v in table.items() if k != "rows"},
    }
    lines = [json.dumps(header, ensure_ascii=False)[:-1] + ', "rows": [']
    lines += [json.dumps(row, ensure_ascii=False) + ("," if i < len(rows) - 1 else "") for i, row in enumerate(rows)]
    return "\n".join(lines) + "\n]}\n"


def main() -> int:
    from routes.render.countrylabels import compute_table

    text = table_text(compute_table())
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 2} countries, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
