"""The thresholds of ``routes observe``: every derived item names the rule and numbers that made it.

Defaults follow Global Fishing Watch's published definitions where one exists (port entry within
3 km of an anchorage, exit beyond 4 km; encounters within 500 m for at least 2 h under 2 kn,
more than 10 km from an anchorage: docs/observations.md gives the pages); the rest are
assumptions, said back in the output's metadata so a reader can redo them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

KNOT_KMH = 1.852
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|min|m|h|d)?\s*", re.IGNORECASE)
_SECONDS = {"s": 1, "min": 60, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Thresholds:
    """The numbers the per-vessel and cross-vessel rules use (units in the names)."""

    #: A dark period: two consecutive reports of one ship at least this far apart in time.
    gap_hours: float = 6.0
    #: The fastest a ship is taken to sail: over it an implied speed is an anomaly, and the
    #: reachable area of a gap is the ellipse of points within ``max_speed_kn * hours``.
    max_speed_kn: float = 30.0
    #: An implied speed over ``max_speed_kn`` counts only over at least this distance (AIS
    #: positions jitter by tens of metres between reports seconds apart).
    jump_min_km: float = 1.0
    port_enter_km: float = 3.0
    port_leave_km: float = 4.0
    encounter_m: float = 500.0
    encounter_hours: float = 2.0
    slow_kn: float = 2.0
    #: Encounters and loitering count only this far from every port.
    away_from_port_km: float = 10.0
    #: Positions are grouped into bins of this many minutes to find ships that meet.
    bin_minutes: int = 10
    #: A track keeps one position at most every this many minutes (plus the ends of each part).
    track_step_minutes: int = 15

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not value > 0:
                raise ValueError(f"{name} must be positive, not {value!r}")
        if self.port_leave_km < self.port_enter_km:
            raise ValueError("port_leave_km must be at least port_enter_km")

    @property
    def gap_s(self) -> int:
        return round(self.gap_hours * 3600)

    @property
    def max_speed_kmh(self) -> float:
        return self.max_speed_kn * KNOT_KMH

    def metadata(self) -> dict:
        """The thresholds as written into an output file's metadata."""
        return asdict(self)


def parse_duration_hours(text: str) -> float:
    """``'6h'``, ``'90min'``, ``'1.5d'`` or a bare number of hours, in hours.

    >>> parse_duration_hours("6h"), parse_duration_hours("90min"), parse_duration_hours("2")
    (6.0, 1.5, 2.0)
    """
    match = _DURATION.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration; write e.g. 6h, 90min or 1.5d")
    number, unit = float(match.group(1)), (match.group(2) or "h").lower()
    return number * _SECONDS[unit] / 3600.0


def parse_speed_kn(text: str) -> float:
    """``'30kn'``, ``'50km/h'`` or a bare number of knots, in knots.

    >>> parse_speed_kn("30kn"), round(parse_speed_kn("55.56km/h"), 2)
    (30.0, 30.0)
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(kn|km/h)?\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"{text!r} is not a speed; write e.g. 30kn or 55km/h")
    number = float(match.group(1))
    return number / KNOT_KMH if (match.group(2) or "").lower() == "km/h" else number


def rule_text(kind: str, t: Thresholds) -> str:
    """The rule that made an item of ``kind``, with its numbers (an identity field's name, such
    as ``name``, gives the identity rule)."""
    rules = {
        "dark_period": f"no report for at least {t.gap_hours:g} h; reachable area: points P with "
        f"d(off,P)+d(P,on) <= {t.max_speed_kn:g} kn x hours, geodesic, clipped to water",
        "port_call": f"within {t.port_enter_km:g} km of a port node to enter, beyond {t.port_leave_km:g} km to leave; "
        f"a call is split where the ship is dark for {t.gap_hours:g} h or more",
        "pair": f"two ships within {t.encounter_m:g} m for at least {t.encounter_hours:g} h, both under "
        f"{t.slow_kn:g} kn, more than {t.away_from_port_km:g} km from every port ({t.bin_minutes} min bins)",
        "loitering": f"one ship under {t.slow_kn:g} kn for at least {t.encounter_hours:g} h, more than "
        f"{t.away_from_port_km:g} km from every port, with no other ship within {t.encounter_m:g} m",
        "speed": f"implied speed over {t.max_speed_kn:g} kn over at least {t.jump_min_km:g} km",
        "jump": f"a position reached and left at implied speeds over {t.max_speed_kn:g} kn "
        f"(over at least {t.jump_min_km:g} km each way)",
        "on_land": f"positions on land (Natural Earth), more than {t.port_leave_km:g} km from every port",
        "track": f"one position at most every {t.track_step_minutes} min, split at dark periods",
        "identity": "a broadcast identity field differs from the ship's previous value for it",
        "imo_two_mmsi": "one IMO number broadcast under two MMSIs",
    }
    return rules.get(kind, rules["identity"])
