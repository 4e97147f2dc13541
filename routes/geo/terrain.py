"""Do a case's lines stay where their mode can go? Sea segments at sea, land segments on land.

Every segment a leg uses is measured against the Natural Earth land (:mod:`routes.geo.landcheck`):
a sea segment that crosses more than :data:`MAX_LAND_KM` of land outside its ports'
approaches (land running on from an approach counts as a river port's channel up to
:data:`MAX_RIVER_KM`), or a rail or road segment that crosses more than :data:`MAX_WATER_KM` of open
water in one stretch (longer than any bridge on the bundled lines), is reported. Segments of
the user's network files are problems (``routes validate`` fails); the lines routes drew
itself (assumed straight lines, connectors) are warnings, since only the user can give a better
line. World sea lines are measured when they are drawn, canals excepted, and an assumed line's
open water is said in its loading warning (:func:`water_crossed`, :mod:`routes.geo.gaps`).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from routes.errors import Problem
from routes.model.vocabulary import Mode

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario

#: Land a sea segment may cross outside its ports' approaches, in km (a coarse coast).
MAX_LAND_KM = 2.0
#: Distance from a port, along the line, within which land does not count, in km: a port
#: stands on the coast, and often inside the 1:50m land polygon.
APPROACH_KM = 15.0
#: Longest approach over land a port inland may have, in km: a river port's channel, which the
#: 1:50m land does not open (Astrakhan is some 90 km up the Volga delta).
MAX_RIVER_KM = 150.0
#: Longest stretch of open water a rail or road segment may cross, in km.
MAX_WATER_KM = 5.0
#: Farthest a sea's label point (``data/labels/seas.csv``) may be from a stretch of open water
#: for the stretch to be named after it, in km: the nearest label names the water, no polygon
#: is tested, so the name says "nearest".
WATER_NAME_KM = 600.0


@dataclass(frozen=True)
class TerrainFinding:
    """A segment that leaves its element: where, how much, and whether routes drew it."""

    file: str
    segment: str
    mode: Mode
    km: float
    where: str
    drawn_by_routes: bool

    def problem(self) -> Problem:
        """The finding as one line naming the file, the segment and the fix."""
        if self.mode is Mode.SEA:
            what = f"the sea line crosses {self.km:,.0f} km of land near {self.where}"
            fix = "add shape points that keep it at sea (follow the coast and the fairways)"
        else:
            what = f"the {self.mode.value} line crosses {self.km:,.0f} km of open water near {self.where}"
            fix = "add the stations or junctions the line passes on land, or draw that leg by sea"
        return Problem(self.file, f"segment '{self.segment}'", "points", what, fix)


def sea_land(coords, stretches=None, total: float | None = None) -> tuple[list, list]:
    """The land a sea line crosses: the stretches between its approaches, and those that run
    from a port's approach inland (a river port's channel), measured along the line.

    ``stretches`` and ``total`` (its length) are measured from ``coords`` unless given (a
    world sea line brings its own, inland waterways excepted)."""
    from routes.geo.geodesy import length_km
    from routes.geo.landcheck import land_stretches, on_land

    total = length_km(coords) if total is None else total
    stretches = land_stretches(coords, skip_ends_km=APPROACH_KM) if stretches is None else list(stretches)
    start_inland, end_inland = on_land([coords[0], coords[-1]])
    # Land that runs on without a break from a port standing on land: its channel.
    at_ends = [
        s
        for s in stretches
        if (start_inland and s.start_km <= APPROACH_KM + 1e-3)
        or (end_inland and s.end_km >= total - APPROACH_KM - 1e-3)
    ]
    return [s for s in stretches if s not in at_ends], at_ends


def water_crossed(coords) -> str | None:
    """Where a land line (rail, road) crosses open water, as words for a message: the km over
    water and the place of its longest stretch, with the nearest sea's name; None if no
    stretch is over :data:`MAX_WATER_KM`.

    >>> water_crossed([(47.50, 42.98), (52.05, 55.76)])  # Makhachkala to Yelabuga, straight
    '... km of open water (the longest stretch ... km near ... E ... N, nearest named water: the Caspian Sea)'
    """
    from routes.geo.landcheck import longest_km, total_km, water_stretches

    stretches = water_stretches(coords)
    if longest_km(stretches) <= MAX_WATER_KM:
        return None
    worst = max(stretches, key=lambda s: s.km)
    name = water_name(worst.lon, worst.lat)
    named = f", nearest named water: {name}" if name else ""
    return (
        f"{total_km(stretches):,.0f} km of open water (the longest stretch {worst.km:,.0f} km near "
        f"{worst.where()}{named})"
    )


def water_name(lon: float, lat: float) -> str | None:
    """The name of the sea or ocean whose label point (``data/labels/seas.csv``, Natural Earth)
    is nearest to ``(lon, lat)`` within :data:`WATER_NAME_KM`, with "the": "the Caspian Sea"."""
    from routes.geo.geodesy import length_km

    near = [(length_km([(lon, lat), point]), name) for name, point in _sea_labels()]
    km, name = min(near, default=(None, None))
    if km is None or km > WATER_NAME_KM:
        return None
    return f"the {name}"


@functools.cache
def _sea_labels() -> tuple[tuple[str, tuple[float, float]], ...]:
    from routes.load.bundled import bundled_path

    with bundled_path("labels", "seas.csv").open(encoding="utf-8", newline="") as handle:
        return tuple((row["name"], (float(row["lon"]), float(row["lat"]))) for row in csv.DictReader(handle))


def terrain_findings(case: Scenario) -> list[TerrainFinding]:
    """Every segment used by a leg of ``case`` that leaves its element, in scenario order."""
    from routes.geo.graph import segment_coordinates
    from routes.geo.landcheck import longest_km, total_km, water_stretches
    from routes.geo.legs import leg_path
    from routes.geo.origins import CONNECTOR_FILE, NO_NETWORK_FILE, WORLD_SEA_FILE

    positions = case.positions()
    findings: list[TerrainFinding] = []
    seen: set[str] = set()
    for leg in case.legs_specs:
        if leg.mode is Mode.AIR:
            continue
        path = leg_path(case, leg, positions)
        for a, b in pairwise(path):
            found = case.network.find(leg.mode, a, b)
            if found is None or found[0].id in seen:
                continue
            segment = found[0]
            seen.add(segment.id)
            if segment.file == WORLD_SEA_FILE:
                continue  # measured where it was drawn, canals excepted (routes.geo.gaps warns)
            coords = segment_coordinates(case.network, positions, segment)
            if leg.mode is Mode.SEA:
                stretches, approaches = sea_land(coords)
                if longest_km(approaches) > MAX_RIVER_KM:
                    stretches = stretches + approaches
                km, limit = total_km(stretches), MAX_LAND_KM
            else:
                stretches = water_stretches(coords)
                km, limit = longest_km(stretches), MAX_WATER_KM
            if km > limit:
                worst = max(stretches, key=lambda s: s.km)
                findings.append(
                    TerrainFinding(
                        segment.file,
                        segment.id,
                        leg.mode,
                        km,
                        worst.where(),
                        segment.file in (WORLD_SEA_FILE, NO_NETWORK_FILE, CONNECTOR_FILE),
                    )
                )
    return findings
