"""AIS made independently of routes.observe.synthetic, for the "finds every injected item and
nothing else" test: plain Python (math, csv, random), spherical interpolation, the DMA CSV
layout, and its own port nodes in the open Sea of Japan, far from any coast.

Injected (and returned as the truth):
- ship A (111000001) shuttles W <-> E with a 8 h dark period and a 5 h one (under the 6 h
  threshold: must not be found);
- ship B (111000002) sails N -> E -> N; one report is spoofed 0.8 degrees east (a jump), and its
  call sign changes on the way back;
- ships C and D (111000003/4) sail from W, lie 3 h together (160 m apart, 0.3 kn), go on to N;
- ships E and F (111000005/6) lie together for only 1 h (no encounter, no loitering);
- IMO 9300001 is broadcast by 111000007 and, a day later and elsewhere, by 111000008.
"""

from __future__ import annotations

import csv
import json
import math
import random
from datetime import UTC, datetime
from pathlib import Path

PORTS = {"port-w": (134.0, 40.0), "port-e": (137.0, 40.8), "port-n": (135.5, 41.8)}
T0 = int(datetime(2024, 3, 1, tzinfo=UTC).timestamp())
STEP = 120  # seconds between reports
KNOT_M_S = 1852 / 3600
EARTH_M = 6371008.8


def _xyz(lon, lat):
    lo, la = math.radians(lon), math.radians(lat)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _arc_m(a, b):
    pa, pb = _xyz(*a), _xyz(*b)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(pa, pb, strict=True))))
    return math.acos(dot) * EARTH_M


def _slerp(a, b, f):
    pa, pb = _xyz(*a), _xyz(*b)
    omega = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(pa, pb, strict=True)))))
    if omega < 1e-12:
        return a
    s0, s1 = math.sin((1 - f) * omega) / math.sin(omega), math.sin(f * omega) / math.sin(omega)
    x, y, z = (s0 * u + s1 * v for u, v in zip(pa, pb, strict=True))
    return (math.degrees(math.atan2(y, x)), math.degrees(math.asin(z)))


class Ship:
    def __init__(self, mmsi, imo, name, callsign, start, rng):
        self.mmsi, self.imo, self.name, self.callsign = mmsi, imo, name, callsign
        self.now, self.rows, self.rng = start, [], rng
        self.here = None

    def _report(self, where, sog):
        lon = where[0] + self.rng.uniform(-2e-5, 2e-5)
        lat = where[1] + self.rng.uniform(-2e-5, 2e-5)
        self.rows.append([self.now, self.mmsi, lon, lat, sog, self.imo, self.name, self.callsign])
        self.now += STEP

    def stay(self, where, hours, sog=0.1):
        self.here = where
        end = self.now + hours * 3600
        while self.now < end:
            self._report(where, sog)

    def sail(self, to, knots):
        start, length = self.here, _arc_m(self.here, to)
        t_start, duration = self.now, length / (knots * KNOT_M_S)
        while self.now - t_start < duration:
            self._report(_slerp(start, to, (self.now - t_start) / duration), knots)
        self.here = to


def build(folder: Path) -> tuple[Path, Path, dict]:
    """Write ``ais.csv`` (DMA layout) and ``ports.geojson`` into ``folder``; return them and the truth."""
    rng = random.Random(7)
    truth: dict = {"gaps": [], "calls": [], "encounters": [], "jumps": [], "identity": []}
    w, e, n = PORTS["port-w"], PORTS["port-e"], PORTS["port-n"]
    ships = []

    a = Ship(111000001, "9300011", "FIXTURE A", "FXA1", T0, rng)
    a.stay(w, 4)
    a.sail(e, 10)
    a.stay(e, 6)
    a.sail(w, 10)
    a.stay(w, 6)
    a.sail(e, 10)
    a.stay(e, 3)
    truth["calls"] += [(a.mmsi, "port-w"), (a.mmsi, "port-e"), (a.mmsi, "port-w"), (a.mmsi, "port-e")]
    offs = [a.rows[first + 60][0] for first, _ in _sailing_runs(a.rows)[:2]]  # two hours out of port
    for off, hours, found in zip(offs, (8, 5), (True, False), strict=True):
        kept = [r for r in a.rows if not off < r[0] < off + hours * 3600]
        before = max(r[0] for r in kept if r[0] <= off)
        after = min(r[0] for r in kept if r[0] >= off + hours * 3600)
        a.rows = kept
        if found:
            truth["gaps"].append((a.mmsi, before, after))
    ships.append(a)

    b = Ship(111000002, "9300022", "FIXTURE B", "FXB2", T0 + 1800, rng)
    b.stay(n, 3)
    b.sail(e, 11)
    b.stay(e, 5)
    b.callsign = "FXB9"
    b.sail(n, 11)
    b.stay(n, 2)
    truth["calls"] += [(b.mmsi, "port-n"), (b.mmsi, "port-e"), (b.mmsi, "port-n")]
    k = _sailing_runs(b.rows)[0][0] + 200
    b.rows[k][2] += 0.8
    truth["jumps"].append((b.mmsi, b.rows[k][0]))
    truth["identity"].append((b.mmsi, "callsign"))
    ships.append(b)

    meet = (135.5, 40.6)
    pair = []
    for mmsi, offset in ((111000003, 0.0), (111000004, 0.00145)):
        s = Ship(mmsi, str(9300000 + mmsi % 1000 * 33), f"FIXTURE {mmsi % 10}", f"FXM{mmsi % 10}", T0 + 3600, rng)
        spot = (meet[0], meet[1] + offset)
        s.stay(w, 2)
        s.sail(spot, 9)
        arrived = s.now
        s.stay(spot, 3.0, sog=0.3)
        s.sail(n, 9)
        s.stay(n, 2)
        pair.append((arrived, s.now))
        truth["calls"] += [(mmsi, "port-w"), (mmsi, "port-n")]
        ships.append(s)
    truth["encounters"].append((111000003, 111000004, max(p[0] for p in pair), pair[0][0] + 3 * 3600))

    for mmsi, offset in ((111000005, 0.0), (111000006, 0.001)):
        s = Ship(mmsi, None, f"FIXTURE {mmsi % 10}", f"FXP{mmsi % 10}", T0 + 7200, rng)
        spot = (136.2, 41.2 + offset)
        s.stay(e, 2)
        s.sail(spot, 12)
        s.stay(spot, 1.0, sog=0.5)
        s.sail(e, 12)
        s.stay(e, 2)
        truth["calls"] += [(mmsi, "port-e"), (mmsi, "port-e")]
        ships.append(s)

    first = Ship(111000007, "9300001", "FIXTURE OLD", "FXO7", T0, rng)
    first.here = (135.0, 40.3)
    first.sail((135.6, 40.2), 8)
    second = Ship(111000008, "9300001", "FIXTURE NEW", "FXN8", T0 + 86400, rng)
    second.here = (136.4, 41.5)
    second.sail((136.0, 41.4), 8)
    truth["identity"].append((111000008, "imo_two_mmsi"))
    ships += [first, second]

    path = folder / "ais.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["# Timestamp", "Type of mobile", "MMSI", "Latitude", "Longitude", "SOG", "IMO", "Callsign", "Name"]
        )
        rows = sorted((r for s in ships for r in s.rows), key=lambda r: (r[0], r[1]))
        for t, mmsi, lon, lat, sog, imo, name, callsign in rows:
            stamp = datetime.fromtimestamp(t, UTC).strftime("%d/%m/%Y %H:%M:%S")
            out.writerow(
                [stamp, "Class A", mmsi, f"{lat:.6f}", f"{lon:.6f}", f"{sog:.1f}", imo or "Unknown", callsign, name]
            )
    ports = folder / "ports.geojson"
    ports.write_text(json.dumps(_nodes()), encoding="utf-8")
    return path, ports, truth


def _sailing_runs(rows):
    runs, start = [], None
    for i, row in enumerate(rows):
        if row[4] >= 1 and start is None:
            start = i
        if row[4] < 1 and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def _nodes() -> dict:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": list(xy)},
            "properties": {
                "id": ident,
                "name": f"Fixture {ident}",
                "kind": "port",
                "country": "JP",
                "coord_confidence": "high",
                "coord_source": "made up for the test",
            },
        }
        for ident, xy in PORTS.items()
    ]
    return {"type": "FeatureCollection", "features": features}
