"""Synthetic AIS with known truth, sailed along the bundled sea lanes (data/networks/sea.toml).

Every ship shuttles between two of the lanes' ports (Najin, Dunay, Vladivostok, Nakhodka,
Vostochny) at 9-13 kn, staying 10-30 h in port, reporting every ``step_s`` seconds with a few
metres of noise. Injected, and listed in the returned :class:`Truth`:

- a dark period of 8-14 h at sea on every third ship (its reports removed);
- the port calls of every ship;
- an encounter: two extra ships sail from Najin to a point in open water 60 km south of
  Cape Gamov, lie there 3 h within 200 m of each other at under 1 kn, and sail on;
- a spoofed jump: one report of ship 1 moved 1 degree south;
- identity changes: ship 2 changes its name; ship 4 stops and goes on under a new MMSI with
  the same IMO (one IMO under two MMSIs).

Nothing here is real. Writers give the DMA and NOAA CSV layouts, NMEA (through pyais) and
Parquet. ``python scripts/synthetic_ais.py --help`` writes files.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from routes.geo.geodesy import GEOD
from routes.load.bundled import bundled_path
from routes.load.networks import load_network
from routes.observe.layouts import COLUMNS

PORTS = ("najin", "dunay", "vladivostok", "vostochny")  # nodes of kind "port" in data/ports.geojson
MEETING = (131.25, 41.90)  # open water south of Cape Gamov
START_S = 1_693_526_400  # 2023-09-01T00:00:00Z
NAMES = ("SYNTH ALPHA", "SYNTH BRAVO", "SYNTH CHARLIE", "SYNTH DELTA", "SYNTH ECHO", "SYNTH FOXTROT")


@dataclass
class Truth:
    """What was injected: each a list of tuples (see the module docstring)."""

    gaps: list[tuple[int, int, int]] = field(default_factory=list)  # mmsi, last report before, first after
    port_calls: list[tuple[int, str, int, int]] = field(default_factory=list)  # mmsi, node, stay start, stay end
    encounters: list[tuple[int, int, int, int]] = field(default_factory=list)  # mmsi, mmsi, start, end
    jumps: list[tuple[int, int]] = field(default_factory=list)  # mmsi, time
    identity: list[tuple[int, str]] = field(default_factory=list)  # mmsi (the later one), kind


def _lanes():
    network = load_network(bundled_path("networks", "sea.toml"))
    with open(bundled_path("ports.geojson"), encoding="utf-8") as handle:
        nodes = {f["properties"]["id"]: tuple(f["geometry"]["coordinates"]) for f in json.load(handle)["features"]}
    nodes.update({k: (v.lon, v.lat) for k, v in network.junctions.items()})
    graph: nx.Graph = nx.Graph()
    for segment in network.segments:
        line = [nodes[segment.start], *[(p.lon, p.lat) for p in segment.points], nodes[segment.end]]
        graph.add_edge(segment.start, segment.end, line=line, start=segment.start)
    return graph, nodes


def lane(a: str, b: str) -> np.ndarray:
    """The lane polyline from port ``a`` to port ``b`` as an (n, 2) array of lon, lat."""
    graph, _ = _lanes()
    path = nx.shortest_path(graph, a, b)
    coords: list[tuple[float, float]] = []
    for u, v in pairwise(path):
        data = graph.edges[u, v]
        line = data["line"] if data["start"] == u else data["line"][::-1]
        coords.extend(line if not coords else line[1:])
    return np.array(coords)


def _along(line: np.ndarray, km: np.ndarray) -> np.ndarray:
    """Points ``km`` along ``line`` (interpolated in degrees within each geodesic segment)."""
    steps = np.asarray(GEOD.inv(line[:-1, 0], line[:-1, 1], line[1:, 0], line[1:, 1])[2]) / 1000.0
    cumulative = np.concatenate([[0.0], np.cumsum(steps)])
    return np.column_stack([np.interp(km, cumulative, line[:, 0]), np.interp(km, cumulative, line[:, 1])])


def _length_km(line: np.ndarray) -> float:
    return float(GEOD.line_length(line[:, 0], line[:, 1]) / 1000.0)


def _voyage(plan: list[tuple[str, object, float]], start_s: int, step_s: int, rng) -> pd.DataFrame:
    """Reports for a plan of ("stay", (lon, lat), hours) and ("sail", line, knots) legs."""
    frames, now = [], float(start_s)
    for kind, where, value in plan:
        if kind == "stay":
            hours = float(value)
            times = np.arange(now, now + hours * 3600, step_s)
            xy = np.tile(np.asarray(where, float), (len(times), 1))
            sog = np.full(len(times), 0.1)
        else:
            line = np.asarray(where, float)
            hours = _length_km(line) / (float(value) * 1.852)
            times = np.arange(now, now + hours * 3600, step_s)
            xy = _along(line, (times - now) / 3600.0 * float(value) * 1.852)
            sog = np.full(len(times), float(value))
        frames.append(pd.DataFrame({"t": times.astype(np.int64), "lon": xy[:, 0], "lat": xy[:, 1], "sog": sog}))
        now += hours * 3600
    frame = pd.concat(frames, ignore_index=True)
    noise = rng.normal(0.0, 0.00003, size=(len(frame), 2))  # a few metres
    frame["lon"] += noise[:, 0]
    frame["lat"] += noise[:, 1]
    return frame


def _stays(frame: pd.DataFrame) -> list[tuple[int, int]]:
    slow = (frame["sog"] < 1).to_numpy()
    edges = np.flatnonzero(np.diff(np.concatenate([[0], slow.astype(np.int8), [0]])))
    return [
        (int(_cell(frame, "t", a)), int(_cell(frame, "t", b - 1))) for a, b in zip(edges[::2], edges[1::2], strict=True)
    ]


def generate(
    ships: int = 12, reports_per_ship: int = 8000, step_s: int = 60, seed: int = 25
) -> tuple[pd.DataFrame, Truth]:
    """Reports of ``ships`` shuttling ships plus the two that meet (columns :data:`COLUMNS`)."""
    truth = Truth()
    positions = pd.concat(list(ship_reports(truth, ships, reports_per_ship, step_s, seed)), ignore_index=True)
    return positions.sort_values(["t", "mmsi"], kind="mergesort", ignore_index=True), truth


def ship_reports(
    truth: Truth, ships: int, reports_per_ship: int, step_s: int = 60, seed: int = 25
) -> Iterator[pd.DataFrame]:
    """The reports one ship at a time (columns :data:`COLUMNS`; the meeting pair last), adding
    what each injects to ``truth``: for files too big to hold at once."""
    rng = np.random.default_rng(seed)
    _, nodes = _lanes()
    horizon = START_S + reports_per_ship * step_s
    for n in range(ships):
        a, b = rng.choice(len(PORTS), size=2, replace=False)
        home, away = PORTS[a], PORTS[b]
        out, back = lane(home, away), lane(away, home)
        knots = float(rng.uniform(9, 13))
        plan: list[tuple[str, object, float]] = []
        while sum(h for k, _, h in plan if k == "stay") * 3600 + len(plan) * 3600 * 4 < reports_per_ship * step_s:
            plan += [("stay", nodes[home], rng.uniform(10, 30)), ("sail", out, knots)]
            plan += [("stay", nodes[away], rng.uniform(10, 30)), ("sail", back, knots)]
        frame = _voyage(plan, START_S + int(rng.integers(0, 3600)), step_s, rng)
        frame = frame[frame["t"] < horizon].reset_index(drop=True)
        mmsi = 273_000_000 + 1000 * n + 1
        frame["mmsi"], frame["imo"] = mmsi, f"{9_100_000 + n * 7:07d}"
        frame["name"], frame["callsign"] = NAMES[n % len(NAMES)] + f" {n}", f"SYN{n:03d}"
        frame["flag"], frame["length_m"], frame["width_m"] = None, 100.0 + n, 16.0
        ends = _stays(frame)
        if n % 3 == 0:
            frame = _dark(frame, ends, rng, truth, mmsi)
        if n == 1:
            k = len(frame) // 2 + 7
            lat = frame["lat"].to_numpy(copy=True)
            lat[k] -= 1.0  # south, into the open Sea of Japan
            frame["lat"] = lat
            truth.jumps.append((mmsi, int(_cell(frame, "t", k))))
        if n == 2:
            frame.loc[len(frame) // 2 :, "name"] = "SYNTH RENAMED"
            truth.identity.append((mmsi, "name"))
        if n == 4:
            at_sea = np.flatnonzero(frame["sog"].to_numpy()[len(frame) // 2 :] >= 1)
            later = frame.index >= len(frame) // 2 + int(at_sea[0]) + 3600 // step_s  # at sea, an hour out
            frame.loc[later, "mmsi"] = mmsi + 500
            truth.identity.append((mmsi + 500, "imo_two_mmsi"))
        for (start, end), node in zip(_stays(frame), _stay_nodes(frame, nodes), strict=True):
            truth.port_calls.append((int(frame.loc[frame["t"] == start, "mmsi"].to_numpy()[0]), node, start, end))
        yield frame[list(COLUMNS)]
    for frame in _meeting(nodes, step_s, rng, truth):
        yield frame[list(COLUMNS)]


def _stay_nodes(frame: pd.DataFrame, nodes: dict) -> list[str]:
    names = []
    for start, _ in _stays(frame):
        row = frame.loc[frame["t"] == start].iloc[0]
        names.append(min(PORTS, key=lambda p: (nodes[p][0] - row["lon"]) ** 2 + (nodes[p][1] - row["lat"]) ** 2))
    return names


def _dark(frame: pd.DataFrame, stays: list[tuple[int, int]], rng, truth: Truth, mmsi: int) -> pd.DataFrame:
    """Remove 8-14 h of reports from an hour after the ship leaves a port (it may come back on in
    the next port, as long as it is seen there before it leaves)."""
    for (_, left), (_, leaves) in pairwise(stays):
        hours = float(rng.uniform(8, 14))
        if leaves - left > (hours + 2) * 3600:
            off = left + 1 * 3600
            keep = (frame["t"] < off) | (frame["t"] > off + hours * 3600)
            before, after = (
                frame.loc[frame["t"] < off, "t"].to_numpy()[-1],
                frame.loc[frame["t"] > off + hours * 3600, "t"].to_numpy()[0],
            )
            truth.gaps.append((mmsi, int(before), int(after)))
            return frame[keep].reset_index(drop=True)
    return frame


def _meeting(nodes: dict, step_s: int, rng, truth: Truth) -> list[pd.DataFrame]:
    """Two ships from Najin to :data:`MEETING`, 3 h side by side there, then on to Vladivostok."""
    frames = []
    start = START_S + 6 * 3600
    for k, offset in enumerate((0.0, 0.0015)):  # 0.0015 degrees of latitude: about 170 m apart
        point = (MEETING[0], MEETING[1] + offset)
        there = np.vstack([lane("najin", "sea-off-tumen"), [point]])
        onward = np.vstack([[point], lane("sea-off-gamov", "vladivostok")])
        plan: list[tuple[str, object, float]] = [("sail", there, 10.0), ("stay", point, 3.0), ("sail", onward, 10.0)]
        frame = _voyage(plan, start, step_s, rng)
        mmsi = 273_900_001 + k
        frame["mmsi"], frame["imo"], frame["name"] = mmsi, f"{9_800_000 + k * 7:07d}", f"SYNTH MEET {k}"
        frame["callsign"], frame["flag"], frame["length_m"], frame["width_m"] = f"MEET{k}", None, 120.0, 18.0
        frames.append(frame)
        first, last = int(_cell(frame, "t", 0)), int(_cell(frame, "t", -1))
        truth.port_calls += [(mmsi, "najin", first, first), (mmsi, "vladivostok", last, last)]
    (a_start, a_end), (b_start, b_end) = (_stays(f)[0] for f in frames)
    truth.encounters.append((273_900_001, 273_900_002, max(a_start, b_start), min(a_end, b_end)))
    return frames


def write_csv(frame: pd.DataFrame, path: Path, layout: str = "noaa") -> Path:
    """The reports as a CSV in the NOAA MarineCadastre or DMA layout."""
    times = pd.to_datetime(frame["t"], unit="s", utc=True)
    if layout == "dma":
        out = pd.DataFrame(
            {
                "# Timestamp": times.dt.strftime("%d/%m/%Y %H:%M:%S"),
                "Type of mobile": "Class A",
                "MMSI": frame["mmsi"],
                "Latitude": frame["lat"].round(6),
                "Longitude": frame["lon"].round(6),
                "SOG": frame["sog"].round(1),
                "IMO": frame["imo"].fillna("Unknown"),
                "Callsign": frame["callsign"],
                "Name": frame["name"],
                "Width": frame["width_m"],
                "Length": frame["length_m"],
            }
        )
    else:
        out = pd.DataFrame(
            {
                "MMSI": frame["mmsi"],
                "BaseDateTime": times.dt.strftime("%Y-%m-%dT%H:%M:%S"),
                "LAT": frame["lat"].round(6),
                "LON": frame["lon"].round(6),
                "SOG": frame["sog"].round(1),
                "VesselName": frame["name"],
                "IMO": "IMO" + frame["imo"].astype(str),
                "CallSign": frame["callsign"],
                "Length": frame["length_m"],
                "Width": frame["width_m"],
            }
        )
    out.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return path


def write_nmea(frame: pd.DataFrame, path: Path) -> Path:
    """The reports as NMEA: a type 1 report each, and a type 5 static report at each ship's first
    report and wherever its identity changes; each line with a tag block of its time."""
    from pyais.encode import encode_dict

    lines: list[str] = []
    last: dict[int, tuple] = {}
    rows: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    for row in rows:
        identity = (row["imo"], row["name"], row["callsign"], row["length_m"], row["width_m"])
        if last.get(row["mmsi"]) != identity:
            last[row["mmsi"]] = identity
            static = {
                "type": 5,
                "mmsi": row["mmsi"],
                "imo": int(row["imo"]),
                "shipname": row["name"],
                "callsign": row["callsign"],
                "to_bow": int(row["length_m"]) // 2,
                "to_stern": int(row["length_m"]) - int(row["length_m"]) // 2,
                "to_port": int(row["width_m"]) // 2,
                "to_starboard": int(row["width_m"]) - int(row["width_m"]) // 2,
            }
            lines += [_tagged(s, row["t"]) for s in encode_dict(static, talker_id="AI", sentence_type="VDM", seq_id=1)]
        position = {"type": 1, "mmsi": row["mmsi"], "lon": row["lon"], "lat": row["lat"], "speed": row["sog"]}
        lines += [_tagged(s, row["t"]) for s in encode_dict(position, talker_id="AI", sentence_type="VDM")]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def _cell(frame: pd.DataFrame, column: str, row: int) -> Any:
    """One value of a column by position."""
    return frame[column].to_numpy()[row]


def _tagged(sentence: str, seconds: int) -> str:
    body = f"c:{int(seconds)}"
    checksum = 0
    for char in body.encode("ascii"):
        checksum ^= char
    return f"\\{body}*{checksum:02X}\\{sentence}"
