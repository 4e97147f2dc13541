"""How deep a ship each strait and canal takes (part of :mod:`routes.geo.seaways`).

The table is ``data/world-sea/passage-limits.csv``: one row a passage, with its greatest
draught in metres (empty where no limit is set), a note and the published source of the
figure. A passage is either one MARNET names (``marnet``: ``suez``, ``panama`` …) or a
*gate*, a line across a strait MARNET does not name (the Øresund, the Great Belt, the Kerch
Strait): every lane that crosses the gate belongs to the passage. A gate runs from land to
land across the strait, so that a port's way into the network that crosses the strait (or the
land beside it, before that is redrawn through water) is caught too. A ship whose draught is
over a passage's limit keeps out of it (:func:`too_shallow`).

>>> limit("oresund").max_draught_m, limit("great_belt").max_draught_m
(7.7, 15.0)
>>> sorted(too_shallow(15.0))
['kerch', 'kiel', 'oresund']
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from routes.geo.geodesy import LonLat
from routes.model.records import check_draught_m

__all__ = ["check_draught_m", "draught_note", "gate_passages", "limit", "passage_limits", "too_shallow"]

#: The table, under the bundled data folder.
LIMITS_FILE = ("world-sea", "passage-limits.csv")


@dataclass(frozen=True)
class PassageLimit:
    """One row of the table: ``max_draught_m`` None where no limit is set."""

    passage: str
    name: str
    max_draught_m: float | None
    marnet: str | None
    gate: tuple[LonLat, LonLat] | None
    note: str
    source: str

    def __post_init__(self):
        if (self.marnet is None) == (self.gate is None):
            raise ValueError(f"passage {self.passage!r}: give either a MARNET name or a gate, not both or neither")
        if not self.source.strip():
            raise ValueError(f"passage {self.passage!r}: the limit has no source")


@functools.cache
def passage_limits() -> dict[str, PassageLimit]:
    """The table, by passage name."""
    from routes.load.bundled import bundled_path

    rows = {}
    with bundled_path(*LIMITS_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            gate = None
            if row["gate_lon_1"]:
                gate = (
                    (float(row["gate_lon_1"]), float(row["gate_lat_1"])),
                    (float(row["gate_lon_2"]), float(row["gate_lat_2"])),
                )
            rows[row["passage"]] = PassageLimit(
                row["passage"],
                row["name"],
                float(row["max_draught_m"]) if row["max_draught_m"] else None,
                row["marnet"] or None,
                gate,
                row["note"],
                row["source"],
            )
    return rows


def limit(passage: str) -> PassageLimit:
    """The row of ``passage`` (KeyError if the table has none)."""
    return passage_limits()[passage]


def too_shallow(draught_m: float) -> frozenset[str]:
    """The passages a ship of ``draught_m`` cannot take (their limit is below it)."""
    return frozenset(
        p.passage for p in passage_limits().values() if p.max_draught_m is not None and p.max_draught_m < draught_m
    )


def gate_passages(starts: Sequence[LonLat], ends: Sequence[LonLat]) -> list[str | None]:
    """For each lane ``starts[i] -> ends[i]``, the gated passage whose gate it crosses (or None).

    Lanes and gates are short (tens of km), so they are crossed as straight lines in longitude
    and latitude; longitudes are taken relative to the gate's first end."""
    import numpy as np

    found: list[str | None] = [None] * len(starts)
    if not len(starts):
        return found
    a, b = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    for row in passage_limits().values():
        if row.gate is None:
            continue
        (x1, y1), (x2, y2) = row.gate
        ax, bx = _near(a[:, 0], x1), _near(b[:, 0], x1)
        ay, by = a[:, 1], b[:, 1]
        gx, gy = x2 - x1, y2 - y1
        lx, ly = bx - ax, by - ay
        denominator = lx * gy - ly * gx
        with np.errstate(divide="ignore", invalid="ignore"):
            t = ((x1 - ax) * gy - (y1 - ay) * gx) / denominator  # along the lane
            u = ((x1 - ax) * ly - (y1 - ay) * lx) / denominator  # along the gate
        crossing = (denominator != 0) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
        for i in np.flatnonzero(crossing).tolist():
            found[i] = found[i] or row.passage
    return found


def _near(lon, reference: float):
    """Longitudes shifted by whole turns to within 180° of ``reference``."""
    return reference + (lon - reference + 180.0) % 360.0 - 180.0


def draught_note(draught_m: float, passed: Sequence[str], shortest: Sequence[str]) -> str:
    """What a ship's draught did to its line, for a leg's note: the limited passages it goes
    through (``passed``) and those of the line a shallower ship would take (``shortest``)
    that it keeps out of.

    >>> draught_note(15.0, ["great_belt", "suez"], ["oresund", "suez"])
    'draught 15 m: through the Great Belt (limit 15 m) and the Suez Canal (limit 20.1 m), not the Øresund (limit 7.7 m)'
    """
    table = passage_limits()

    def limited(names: Sequence[str]) -> list[PassageLimit]:
        return [table[p] for p in dict.fromkeys(names) if p in table and table[p].max_draught_m is not None]

    def listed(rows: list[PassageLimit], word: str) -> str:
        items = [f"{row.name} (limit {row.max_draught_m:g} m)" for row in rows]
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"

    through = limited(passed)
    kept_out = [row for row in limited(shortest) if row.passage not in passed and row.passage in too_shallow(draught_m)]
    text = f"draught {draught_m:g} m"
    if through:
        text += f": through {listed(through, 'and')}"
    if kept_out:
        text += f"{', not' if through else ': not'} {listed(kept_out, 'or')}"
    return text
