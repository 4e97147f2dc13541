"""Speed assumptions: typical speeds for duration estimates, top speeds for what is possible.

Every number here is an assumption with its basis, shown to the user and overridable
(``routes route --speed rail=1000km/d``). Durations from them are estimates, never reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from routes.model.vocabulary import Mode

KNOT_KMH = 1.852

#: Typical speeds (km/h) for duration estimates, with their basis.
TYPICAL_KMH = {
    Mode.SEA: 11 * KNOT_KMH,  # 10-12 kn for Rajin -> Dunai (facts.md §4)
    Mode.RAIL: 750 / 24,  # conventional "fast" container service, 11-14 days for ~9,300 km (facts.md §4)
    Mode.ROAD: 50.0,
    Mode.AIR: 700.0,
}
#: Top speeds (km/h) for the fastest plausible transit, with their basis.
TOP_KMH = {
    Mode.SEA: 16 * KNOT_KMH,  # a fast Ro-Ro cargo ship; Angara is a ~7,300 dwt Ro-Ro (assumption)
    Mode.RAIL: 1340 / 24,  # express container train Nakhodka -> Moscow, 9,361 km in 7 days non-stop (facts.md §4)
    Mode.ROAD: 80.0,
    Mode.AIR: 850.0,
}
BASIS = {
    Mode.SEA: "sea: typical 11 kn (facts sheet: 10-12 kn Rajin-Dunai), top 16 kn (assumed for a Ro-Ro cargo ship)",
    Mode.RAIL: "rail: typical 750 km a day (conventional fast service, 11-14 days for ~9,300 km), "
    "top 1,340 km a day (express container train, 9,361 km in 7 days)",
    Mode.ROAD: "road: typical 50 km/h, top 80 km/h (assumed)",
    Mode.AIR: "air: typical 700 km/h, top 850 km/h (assumed)",
}
#: Hours to move cargo between modes at a port or a border crossing.
TYPICAL_TRANSFER_HOURS = 48.0
MIN_TRANSFER_HOURS = 12.0
#: Hours to take a train through a border crossing (customs, inspection; e.g. Tumangang-Khasan,
#: where CSIS counted some 73 railcars waiting on 5 Oct 2023). An assumption.
BORDER_HOURS = 72.0
#: The least a border crossing can take (a sealed transit train with papers in order). An assumption.
MIN_BORDER_HOURS = 6.0


@dataclass(frozen=True)
class Speeds:
    """Typical and top speeds by mode (km/h) and transfer times (hours)."""

    typical_kmh: dict[Mode, float] = field(default_factory=lambda: dict(TYPICAL_KMH))
    top_kmh: dict[Mode, float] = field(default_factory=lambda: dict(TOP_KMH))
    transfer_hours: float = TYPICAL_TRANSFER_HOURS
    min_transfer_hours: float = MIN_TRANSFER_HOURS
    border_hours: float = BORDER_HOURS
    min_border_hours: float = MIN_BORDER_HOURS

    def with_overrides(self, specs: list[str]) -> Speeds:
        """Apply ``MODE=VALUE`` overrides of the typical speed (``rail=1000km/d``, ``sea=12kn``,
        ``road=60km/h``; ``top-rail=...`` for a top speed; ``transfer=24h``; ``border=48h``)."""
        typical, top = dict(self.typical_kmh), dict(self.top_kmh)
        transfer, border = self.transfer_hours, self.border_hours
        min_transfer, min_border = self.min_transfer_hours, self.min_border_hours
        for spec in specs:
            key, _, value = spec.partition("=")
            key = key.strip().lower()
            if key == "transfer":
                transfer = parse_hours(value)
                min_transfer = min(min_transfer, transfer)
                continue
            if key == "border":
                border = parse_hours(value)
                min_border = min(min_border, border)
                continue
            if key == "min-transfer":
                min_transfer = parse_hours(value)
                continue
            if key == "min-border":
                min_border = parse_hours(value)
                continue
            target = top if key.startswith("top-") else typical
            mode = Mode.parse(key.removeprefix("top-"))
            target[mode] = parse_speed(value)
        return replace(
            self,
            typical_kmh=typical,
            top_kmh=top,
            transfer_hours=transfer,
            border_hours=border,
            min_transfer_hours=min_transfer,
            min_border_hours=min_border,
        )

    def stop_hours(self, transfers: int = 0, borders: int = 0, *, fastest: bool = False) -> float:
        """Hours spent at ``transfers`` changes of mode and ``borders`` border crossings: the
        typical times, or with ``fastest`` the least (the one place these costs are added).

        >>> Speeds().stop_hours(1, 2) == Speeds().transfer_hours + 2 * Speeds().border_hours
        True
        """
        if fastest:
            return transfers * self.min_transfer_hours + borders * self.min_border_hours
        return transfers * self.transfer_hours + borders * self.border_hours

    def typical_label(self, mode: Mode) -> str:
        """The typical speed of ``mode`` as a reader would say it ("11 kn", "750 km a day").

        >>> Speeds().typical_label(Mode.SEA), Speeds().with_overrides(["rail=1000km/d"]).typical_label(Mode.RAIL)
        ('11 kn', '1,000 km a day')
        """
        kmh = self.typical_kmh[mode]
        if mode is Mode.SEA:
            return f"{kmh / KNOT_KMH:.3g} kn"
        if mode is Mode.RAIL:
            return f"{kmh * 24:,.0f} km a day"
        return f"{kmh:,.0f} km/h"

    def describe(self) -> list[str]:
        """The assumptions, one line per mode, as readers should see them."""
        lines = []
        for mode in Mode:
            typical, top = self.typical_kmh[mode], self.top_kmh[mode]
            if typical == TYPICAL_KMH[mode] and top == TOP_KMH[mode]:
                lines.append(BASIS[mode])
            else:
                lines.append(
                    f"{mode.value}: typical {typical:.1f} km/h, top {top:.1f} km/h (given on the command line)"
                )
        lines.append(
            f"transfer between modes: typical {self.transfer_hours:g} h, at least {self.min_transfer_hours:g} h"
        )
        lines.append(
            f"through a border crossing: typical {self.border_hours:g} h, at least {self.min_border_hours:g} h "
            "(customs and inspection; assumed)"
        )
        return lines


_SPEED = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(kn|knots?|km/h|kmh|km/d|km/day)\s*$", re.IGNORECASE)
_HOURS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(h|hours?|d|days?)\s*$", re.IGNORECASE)


def parse_speed(text: str) -> float:
    """``12kn``, ``30km/h`` or ``900km/d`` in km/h.

    >>> round(parse_speed("12kn"), 3), parse_speed("900km/d")
    (22.224, 37.5)
    """
    match = _SPEED.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a speed; write e.g. 12kn, 30km/h or 900km/d")
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit.startswith("kn"):  # kn, knot, knots
        return number * KNOT_KMH
    if unit in ("km/d", "km/day"):
        return number / 24
    return number


def parse_hours(text: str) -> float:
    """``24h`` or ``2d`` in hours."""
    match = _HOURS.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration; write e.g. 24h or 2d")
    number = float(match.group(1))
    return number * 24 if match.group(2).lower().startswith("d") else number
