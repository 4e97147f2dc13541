"""Everything one ship's reports say on their own: its track, dark periods, port calls,
anomalies and identity changes, plus what the cross-ship step needs (slow time bins, IMOs).

:func:`reduce_vessel` is the one function both engines run (DuckDB's stream of vessel groups and
Dask's partitions): a pandas frame of one MMSI's rows in, a list of items (plain dicts with a
shapely ``geometry``) out. It sorts its input itself, so the engines' row orders do not matter.
Items whose ``feature_type`` starts with ``_`` are intermediate: :mod:`routes.observe.combine`
consumes them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from routes.geo.geodesy import GEOD
from routes.geo.landcheck import on_land_xy
from routes.observe.identity import identity_items
from routes.observe.items import item
from routes.observe.layouts import COLUMNS
from routes.observe.params import Thresholds
from routes.observe.ports import Ports
from routes.observe.reachable import reachable_area

MAX_RUN_POINTS = 200  # positions kept in the geometry of one on-land run


def reduce_vessel(frame: pd.DataFrame, ports: Ports, t: Thresholds) -> list[dict]:
    """The items of one vessel (``frame`` holds the rows of one MMSI, columns :data:`COLUMNS`)."""
    frame = frame.sort_values(list(COLUMNS[1:]), kind="mergesort", na_position="last", ignore_index=True)
    mmsi = int(frame["mmsi"].iloc[0])
    items = identity_items(frame, mmsi, t)
    pos = frame[frame["lon"].notna() & frame["lat"].notna()].drop_duplicates("t", keep="first")
    if pos.empty:
        return items
    times = pos["t"].to_numpy(np.int64)
    lons, lats = pos["lon"].to_numpy(float), pos["lat"].to_numpy(float)
    sog = pos["sog"].to_numpy(float)
    dt = np.diff(times)
    km = np.asarray(GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])[2]) / 1000.0 if len(times) > 1 else np.zeros(0)
    speed_kn = km / 1.852 / np.maximum(dt, 1) * 3600.0
    gaps = np.flatnonzero(dt >= t.gap_s)
    parts = np.split(np.arange(len(times)), gaps + 1)
    port_index, port_km = ports.nearest(lons, lats, max(t.port_leave_km, t.away_from_port_km) * 1.01)
    imo = next(iter(frame["imo"].dropna()), None)
    extra = {"imo": imo} if imo else {}
    for i in gaps:
        items.append(_gap(mmsi, times, lons, lats, km, i, t, extra))
    over = (speed_kn > t.max_speed_kn) & (km >= t.jump_min_km)
    jumps = np.flatnonzero(over[:-1] & over[1:]) + 1  # a position reached and left too fast
    calls = _port_calls(mmsi, times, parts, port_index, port_km, jumps, ports, t, extra)
    items.extend(calls)
    items.extend(_anomalies(mmsi, times, lons, lats, km, speed_kn, over, jumps, port_km, t, extra))
    items.append(_track(mmsi, times, lons, lats, parts, calls, t, extra))
    for slow in _slow_bins(mmsi, times, lons, lats, sog, speed_kn, port_km, parts, t):
        items.append({**slow, **extra})
    return items


def _gap(mmsi, times, lons, lats, km, i, t: Thresholds, extra) -> dict:
    hours = (times[i + 1] - times[i]) / 3600.0
    off, on = (float(lons[i]), float(lats[i])), (float(lons[i + 1]), float(lats[i + 1]))
    area = reachable_area(off, on, t.max_speed_kmh * hours)
    implied = float(km[i]) / 1.852 / hours
    return item(
        "gap",
        "dark_period",
        mmsi,
        times[i],
        times[i + 1],
        area,
        t,
        hours=round(hours, 4),
        km=round(float(km[i]), 3),
        speed_kn=round(implied, 3),
        details={
            "off": [round(off[0], 6), round(off[1], 6)],
            "on": [round(on[0], 6), round(on[1], 6)],
            "reachable_area": "none: budget over 5000 km" if area is None else "ellipse clipped to water",
        },
        **extra,
    )


def _port_calls(mmsi, times, parts, port_index, port_km, jumps, ports: Ports, t: Thresholds, extra) -> list[dict]:
    """Calls: a run of positions from the first within ``port_enter_km`` of a port to the last
    before one beyond ``port_leave_km`` (or before a dark period, or the end of the data). A
    jump (a spoofed position, flagged as an anomaly) neither starts nor ends a call."""
    codes = np.where(port_km <= t.port_enter_km, 1.0, np.where(port_km > t.port_leave_km, 0.0, np.nan))
    codes[jumps] = np.nan
    state = pd.Series(codes)
    calls = []
    for part in parts:
        inside = state.iloc[part].ffill().fillna(0.0).to_numpy() == 1.0
        edges = np.flatnonzero(np.diff(np.concatenate([[False], inside, [False]]).astype(np.int8)))
        for first, last in zip(edges[::2], edges[1::2] - 1, strict=True):
            a, b = part[first], part[last]
            node = int(port_index[a])
            calls.append(
                item(
                    "port_call",
                    "port_call",
                    mmsi,
                    times[a],
                    times[b],
                    shapely.Point(ports.position(node)),
                    t,
                    node=ports.ids[node],
                    hours=round((times[b] - times[a]) / 3600.0, 4),
                    details={
                        "positions": int(last - first + 1),
                        "arrived": "seen arriving" if first > 0 else "in port at first report",
                        "left": "seen leaving" if last < len(part) - 1 else "in port at last report",
                    },
                    **extra,
                )
            )
    return calls


def _anomalies(mmsi, times, lons, lats, km, speed_kn, over, jumps, port_km, t: Thresholds, extra) -> list[dict]:
    items = []
    used = np.zeros(len(over), dtype=bool)
    for k in jumps:
        used[k - 1] = used[k] = True
        line = shapely.LineString([(lons[k - 1], lats[k - 1]), (lons[k], lats[k]), (lons[k + 1], lats[k + 1])])
        items.append(
            item(
                "anomaly",
                "jump",
                mmsi,
                times[k],
                times[k],
                line,
                t,
                km=round(float(km[k - 1]), 3),
                speed_kn=round(float(max(speed_kn[k - 1], speed_kn[k])), 3),
                details={"position": [round(float(lons[k]), 6), round(float(lats[k]), 6)]},
                **extra,
            )
        )
    for i in np.flatnonzero(over & ~used):
        line = shapely.LineString([(lons[i], lats[i]), (lons[i + 1], lats[i + 1])])
        items.append(
            item(
                "anomaly",
                "speed",
                mmsi,
                times[i],
                times[i + 1],
                line,
                t,
                km=round(float(km[i]), 3),
                speed_kn=round(float(speed_kn[i]), 3),
                **extra,
            )
        )
    away = np.flatnonzero(port_km > t.port_leave_km)
    if len(away):
        land = np.zeros(len(times), dtype=bool)
        land[away] = on_land_xy(lons[away], lats[away])
        edges = np.flatnonzero(np.diff(np.concatenate([[False], land, [False]]).astype(np.int8)))
        for first, last in zip(edges[::2], edges[1::2] - 1, strict=True):
            keep = np.unique(np.linspace(first, last, min(MAX_RUN_POINTS, last - first + 1)).astype(int))
            points = shapely.MultiPoint(np.column_stack([lons[keep], lats[keep]]))
            items.append(
                item(
                    "anomaly",
                    "on_land",
                    mmsi,
                    times[first],
                    times[last],
                    points,
                    t,
                    details={"positions": int(last - first + 1)},
                    **extra,
                )
            )
    return items


def _track(mmsi, times, lons, lats, parts, calls, t: Thresholds, extra) -> dict:
    step = t.track_step_minutes * 60
    lines, vertex_times = [], []
    for part in parts:
        bucket = (times[part] - times[part[0]]) // step
        keep = part[np.unique(bucket, return_index=True)[1]]
        if keep[-1] != part[-1]:
            keep = np.append(keep, part[-1])
        if len(keep) < 2:
            continue
        lines.append(np.column_stack([lons[keep], lats[keep]]))
        vertex_times.append([int(s) for s in times[keep]])
    geometry = shapely.MultiLineString(lines) if lines else shapely.MultiPoint(np.column_stack([lons, lats])[:1])
    nodes = [c["node"] for c in calls]
    visits = [n for i, n in enumerate(nodes) if i == 0 or n != nodes[i - 1]]
    round_trips = sum(1 for i, n in enumerate(visits) if i > 0 and n == visits[0])
    return item(
        "track",
        "track",
        mmsi,
        times[0],
        times[-1],
        geometry,
        t,
        details={
            "positions": len(times),
            "parts": len(parts),
            "vertex_times": vertex_times,
            "port_calls": len(calls),
            "voyages": max(len(visits) - 1, 0),
            "round_trips": round_trips,
            "round_trip_from": visits[0] if visits else None,
        },
        **extra,
    )


def _slow_bins(mmsi, times, lons, lats, sog, speed_kn, port_km, parts, t: Thresholds) -> list[dict]:
    """Time bins where the ship is slow and far from ports: its mean position in each."""
    implied = np.full(len(times), np.nan)
    for part in parts:  # a position's implied speed: the mean of its segments within its part
        if len(part) > 1:
            seg = speed_kn[part[:-1]]
            implied[part] = np.concatenate([[seg[0]], (seg[:-1] + seg[1:]) / 2.0, [seg[-1]]])
    speed = np.where(np.isnan(sog), implied, sog)
    frame = pd.DataFrame(
        {"bin": times // (t.bin_minutes * 60), "lon": lons, "lat": lats, "speed": speed, "port_km": port_km}
    )
    grouped = frame.groupby("bin", sort=True).agg(
        lon=("lon", "mean"), lat=("lat", "mean"), speed=("speed", "median"), port_km=("port_km", "min")
    )
    slow = grouped[(grouped["speed"] < t.slow_kn) & (grouped["port_km"] > t.away_from_port_km)]
    if slow.empty:
        return []
    return [
        {
            "feature_type": "_slow",
            "mmsi": mmsi,
            "bins": slow.index.to_numpy(np.int64),
            "lon": slow["lon"].to_numpy(float),
            "lat": slow["lat"].to_numpy(float),
        }
    ]
