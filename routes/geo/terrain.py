"""Do a case's lines stay where their mode can go? Sea segments at sea, land segments on land.

Every segment a leg uses is measured against the Natural Earth land (:mod:`routes.geo.landcheck`):
a sea segment that crosses more than :data:`MAX_LAND_KM` of land outside its ports'
approaches (land running on from an approach counts as a river port's channel up to
:data:`MAX_RIVER_KM`), or a rail or road segment that crosses more than :data:`MAX_WATER_KM` of open
water in one stretch (longer than any bridge on the bundled lines), is reported. Segments of
the user's network files are problems (``routes validate`` fails); the lines routes drew
itself (assumed straight lines) are warnings, since only the user can give a better line;
world sea lines are measured when they are drawn, canals excepted (:mod:`routes.geo.gaps`).
"""

from __future__ import annotations

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


def terrain_findings(case: Scenario) -> list[TerrainFinding]:
    """Every segment used by a leg of ``case`` that leaves its element, in scenario order."""
    from routes.geo.gaps import NO_NETWORK_FILE, WORLD_SEA_FILE
    from routes.geo.graph import segment_coordinates
    from routes.geo.landcheck import longest_km, total_km, water_stretches
    from routes.geo.legs import leg_path

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
                        segment.file in (WORLD_SEA_FILE, NO_NETWORK_FILE),
                    )
                )
    return findings
