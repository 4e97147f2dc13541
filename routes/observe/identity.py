"""Identity as broadcast: a change of name, call sign, flag, IMO or dimensions under one MMSI,
with the two reports that conflict; and each IMO an MMSI used (the cross-ship step finds one IMO
under two MMSIs).

A report that leaves a field empty says nothing about it: only a value that differs from the
ship's previous value of the same field is a change.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
import shapely

from routes.observe.items import iso, item
from routes.observe.params import Thresholds

FIELDS = ("imo", "name", "callsign", "flag", "dimensions")
RECORD_FIELDS = ("mmsi", "imo", "name", "callsign", "flag", "length_m", "width_m")


def _cell(frame: pd.DataFrame, column: str, row: int) -> Any:
    """One value of a column by position."""
    return frame[column].to_numpy()[row]


def record(frame: pd.DataFrame, row: int) -> dict:
    """One report as quoted in an identity change: its time and identity fields."""
    values: dict[str, Any] = {"time": iso(_cell(frame, "t", row))}
    for name in RECORD_FIELDS:
        value = frame[name].iat[row]
        if isinstance(value, float) and math.isnan(value):
            value = None
        elif isinstance(value, (np.integer, np.floating)):
            value = value.item()
        values[name] = None if value is pd.NA else value
    return values


def _values(frame: pd.DataFrame, name: str) -> pd.Series:
    """The field's values (dimensions as one complex number, length + width·i; NaN where unknown)."""
    if name != "dimensions":
        return frame[name]
    length, width = frame["length_m"].to_numpy(float), frame["width_m"].to_numpy(float)
    both = ~(np.isnan(length) | np.isnan(width))
    return pd.Series(np.where(both, length + 1j * width, np.nan + 0j), index=frame.index)


def _shown(name: str, value):
    if name != "dimensions":
        return value
    return f"{value.real:g} x {value.imag:g}"


def identity_items(frame: pd.DataFrame, mmsi: int, t: Thresholds) -> list[dict]:
    """The identity changes of one MMSI's reports (``frame`` sorted by time), and one ``_imo``
    item a distinct IMO it broadcast."""
    items = []
    positions = frame["lon"].notna().to_numpy()
    for name in FIELDS:
        codes, uniques = pd.factorize(_values(frame, name))  # -1 where the report leaves it empty
        known = np.flatnonzero(codes >= 0)
        if len(known) < 2 or len(uniques) < 2:
            continue
        series = codes[known]
        for k in np.flatnonzero(series[1:] != series[:-1]) + 1:
            old, new = int(known[k - 1]), int(known[k])
            items.append(
                item(
                    "identity_change",
                    name,
                    mmsi,
                    _cell(frame, "t", old),
                    _cell(frame, "t", new),
                    _where(frame, positions, new),
                    t,
                    imo=_cell(frame, "imo", new) if name == "imo" else _imo(frame),
                    details={
                        "field": name,
                        "before": _shown(name, uniques[series[k - 1]]),
                        "after": _shown(name, uniques[series[k]]),
                        "records": [record(frame, old), record(frame, new)],
                    },
                )
            )
    imos = frame["imo"].dropna()
    for imo in sorted(imos.unique()):
        rows = np.flatnonzero((frame["imo"] == imo).fillna(False).to_numpy())
        items.append(
            {
                "feature_type": "_imo",
                "mmsi": mmsi,
                "imo": imo,
                "first": int(_cell(frame, "t", rows[0])),
                "last": int(_cell(frame, "t", rows[-1])),
                "records": [record(frame, int(rows[0])), record(frame, int(rows[-1]))],
                "where": _where(frame, positions, int(rows[0])),
            }
        )
    return items


def _imo(frame: pd.DataFrame):
    return next(iter(frame["imo"].dropna()), None)


def _where(frame: pd.DataFrame, positions: np.ndarray, row: int):
    """The ship's position at report ``row``, or its last one before it, or its first one (None
    when it reported none)."""
    before = np.flatnonzero(positions[: row + 1])
    chosen = before[-1] if len(before) else next(iter(np.flatnonzero(positions)), None)
    if chosen is None:
        return None
    return shapely.Point(float(_cell(frame, "lon", int(chosen))), float(_cell(frame, "lat", int(chosen))))


def imo_changes(imo_items: list[dict], t: Thresholds) -> list[dict]:
    """One IMO under two MMSIs: an item for each MMSI after the first that broadcast it, from the
    last report of the MMSI before it to the first of its own, or, when the two broadcast it at
    the same time (a cloned identity), from its first report to the other's last; ``details``
    says which (``broadcast``: ``one after the other`` or ``concurrently``)."""
    by_imo: dict[str, list[dict]] = {}
    for entry in imo_items:
        by_imo.setdefault(entry["imo"], []).append(entry)
    items = []
    for imo, entries in sorted(by_imo.items()):
        entries.sort(key=lambda e: (e["first"], e["mmsi"]))
        for before, after in pairwise(entries):
            items.append(
                item(
                    "identity_change",
                    "imo_two_mmsi",
                    after["mmsi"],
                    min(before["last"], after["first"]),
                    max(before["last"], after["first"]),
                    after["where"],
                    t,
                    imo=imo,
                    mmsi_other=before["mmsi"],
                    details={
                        "field": "mmsi",
                        "before": str(before["mmsi"]),
                        "after": str(after["mmsi"]),
                        "broadcast": "concurrently" if after["first"] <= before["last"] else "one after the other",
                        "records": [before["records"][1], after["records"][0]],
                    },
                )
            )
    return items
