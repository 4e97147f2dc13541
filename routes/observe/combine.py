"""What only several ships' reports together show: encounters (and loitering, a slow ship with
no other near it), one IMO under two MMSIs; and the final, deterministic order of all items.

Encounters are found on the ``_slow`` items of :func:`routes.observe.vessel.reduce_vessel`: each
ship's mean position in every time bin where it is slow and far from ports. In each bin the
ships within ``encounter_m`` of each other are paired (an STRtree in degrees, then the
geodesic distance); a pair's run of consecutive bins spanning at least ``encounter_hours`` (from
the first bin's start to the last bin's start) is an encounter. The input is small (a few bins a
slow ship), so this step runs in one process whatever engine reduced the positions.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely

from routes.geo.geodesy import GEOD
from routes.observe.identity import imo_changes
from routes.observe.items import item
from routes.observe.params import Thresholds
from routes.observe.ports import KM_PER_DEGREE

ORDER = ("track", "gap", "port_call", "encounter", "anomaly", "identity_change")


def combine(items: list[dict], t: Thresholds) -> list[dict]:
    """The final items: the per-vessel ones, plus encounters, loitering and IMO changes, sorted."""
    slow = [i for i in items if i["feature_type"] == "_slow"]
    imos = [i for i in items if i["feature_type"] == "_imo"]
    result = [i for i in items if not i["feature_type"].startswith("_")]
    encounters, met = _encounters(slow, t)
    result += encounters + _loitering(slow, met, t) + imo_changes(imos, t)
    return sorted(result, key=sort_key)


def sort_key(entry: dict) -> tuple:
    return (
        ORDER.index(entry["feature_type"]),
        entry["mmsi"],
        entry["start"],
        entry["end"],
        entry["kind"],
        entry.get("mmsi_other") or 0,
        entry.get("node") or "",
    )


def _frame(slow: list[dict]) -> pd.DataFrame:
    if not slow:
        return pd.DataFrame({"mmsi": [], "bin": [], "lon": [], "lat": [], "imo": []})
    return pd.concat(
        [
            pd.DataFrame({"mmsi": s["mmsi"], "bin": s["bins"], "lon": s["lon"], "lat": s["lat"], "imo": s.get("imo")})
            for s in slow
        ],
        ignore_index=True,
    ).sort_values(["bin", "mmsi"], kind="mergesort", ignore_index=True)


def _runs(bins: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive integers in sorted ``bins``: (first, last) pairs."""
    if not len(bins):
        return []
    breaks = np.flatnonzero(np.diff(bins) != 1)
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [len(bins) - 1]])
    return [(int(bins[a]), int(bins[b])) for a, b in zip(starts, ends, strict=True)]


def _encounters(slow: list[dict], t: Thresholds) -> tuple[list[dict], set[tuple[int, int]]]:
    """Encounter items, and the (mmsi, bin) pairs that are part of one."""
    frame = _frame(slow)
    bin_s = t.bin_minutes * 60
    close: dict[tuple[int, int], list[tuple[int, float, float, float]]] = {}
    for value, group in frame.groupby("bin", sort=True):
        if len(group) < 2:
            continue
        lons, lats, mmsis = group["lon"].to_numpy(), group["lat"].to_numpy(), group["mmsi"].to_numpy()
        top = min(89.0, float(np.max(np.abs(lats))) + 0.01)
        radius_deg = t.encounter_m / 1000.0 / (KM_PER_DEGREE * math.cos(math.radians(top))) * 1.01
        points = np.asarray(shapely.points(lons, lats))
        pairs = shapely.STRtree(points).query(points, predicate="dwithin", distance=radius_deg)
        for a, b in sorted({(int(a), int(b)) for a, b in pairs.T if a < b}):
            metres = GEOD.inv(lons[a], lats[a], lons[b], lats[b])[2]
            if metres <= t.encounter_m:
                key = (int(min(mmsis[a], mmsis[b])), int(max(mmsis[a], mmsis[b])))
                middle = ((lons[a] + lons[b]) / 2.0, (lats[a] + lats[b]) / 2.0)
                close.setdefault(key, []).append((int(str(value)), middle[0], middle[1], metres))
    imos = dict(zip(frame["mmsi"], frame["imo"], strict=True)) if len(frame) else {}
    items: list[dict] = []
    met: set[tuple[int, int]] = set()
    for (first_ship, second_ship), entries in sorted(close.items()):
        bins = np.array([e[0] for e in entries])
        for first, last in _runs(bins):
            if (last - first) * bin_s < t.encounter_hours * 3600:
                continue
            inside = [e for e in entries if first <= e[0] <= last]
            met.update((ship, b) for ship in (first_ship, second_ship) for b in range(first, last + 1))
            point = shapely.Point(float(np.mean([e[1] for e in inside])), float(np.mean([e[2] for e in inside])))
            extra = {"imo": imos[first_ship]} if imos.get(first_ship) else {}
            items.append(
                item(
                    "encounter",
                    "pair",
                    first_ship,
                    first * bin_s,
                    (last + 1) * bin_s,
                    point,
                    t,
                    mmsi_other=second_ship,
                    hours=round((last + 1 - first) * bin_s / 3600.0, 4),
                    details={
                        "bins": last - first + 1,
                        "closest_m": round(min(e[3] for e in inside), 1),
                        "other_imo": imos.get(second_ship),
                    },
                    **extra,
                )
            )
    return items, met


def _loitering(slow: list[dict], met: set[tuple[int, int]], t: Thresholds) -> list[dict]:
    bin_s = t.bin_minutes * 60
    items = []
    for entry in slow:
        mmsi = entry["mmsi"]
        keep = np.array([(mmsi, int(b)) not in met for b in entry["bins"]], dtype=bool)
        bins, lons, lats = entry["bins"][keep], entry["lon"][keep], entry["lat"][keep]
        for first, last in _runs(bins):
            if (last - first) * bin_s < t.encounter_hours * 3600:
                continue
            inside = (bins >= first) & (bins <= last)
            extra = {"imo": entry["imo"]} if entry.get("imo") else {}
            items.append(
                item(
                    "encounter",
                    "loitering",
                    mmsi,
                    first * bin_s,
                    (last + 1) * bin_s,
                    shapely.Point(float(lons[inside].mean()), float(lats[inside].mean())),
                    t,
                    hours=round((last + 1 - first) * bin_s / 3600.0, 4),
                    details={"bins": last - first + 1},
                    **extra,
                )
            )
    return items
