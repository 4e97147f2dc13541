"""What an import is asked (:class:`ImportOptions`) and what it gives back (:class:`ImportResult`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from routes.model.vocabulary import Mode

#: Coordinates are written with this many decimals (1e-5 degree: about 1 m).
DECIMALS = 5


@dataclass(frozen=True)
class ImportOptions:
    """How lines become a network: tolerances in metres or km, and what the file records."""

    mode: Mode
    source: str
    licence: str
    snap_m: float = 50.0
    simplify_m: float = 200.0
    attach_km: float = 5.0
    prefix: str = "net"
    layer: str | None = None
    name_field: str | None = None

    def __post_init__(self):
        for name in ("snap_m", "simplify_m", "attach_km"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")


@dataclass(frozen=True)
class Component:
    """A connected part of the network: its size and bounding box (west, south, east, north)."""

    segments: int
    km: float
    bounds: tuple[float, float, float, float]


@dataclass(frozen=True)
class ImportResult:
    """A built network file (``text``, TOML) and what it holds."""

    text: str
    lines_read: int
    parts: int
    skipped_empty: int
    dropped_short: int
    junctions: int
    segments: int
    km: float
    components: tuple[Component, ...]
    attached: tuple[tuple[str, float], ...] = ()
    unattached: tuple[tuple[str, float | None], ...] = ()
    assumed_crs: bool = False

    def report(self) -> list[str]:
        """The summary lines for stderr."""
        lines = [
            f"{self.lines_read:,} lines read ({self.parts:,} line pieces"
            + (f", {self.skipped_empty:,} features without geometry skipped" if self.skipped_empty else "")
            + (f", {self.dropped_short:,} pieces shorter than the snap tolerance dropped" if self.dropped_short else "")
            + ")",
            f"{self.junctions:,} junctions, {self.segments:,} segments, {self.km:,.0f} km of line",
        ]
        if self.assumed_crs:
            lines.insert(0, "the file has no CRS; its coordinates are degrees, read as WGS84 longitude/latitude")
        total = sum(c.km for c in self.components) or 1.0
        if self.components:
            lines.append(
                f"{len(self.components):,} connected component(s); the largest holds "
                f"{100 * self.components[0].km / total:.1f} % of the km"
            )
        for number, comp in enumerate(self.components[:5], 1):
            w, s, e, n = comp.bounds
            lines.append(
                f"  component {number}: {comp.segments:,} segments, {comp.km:,.0f} km, "
                f"bounds {w:.3f},{s:.3f} to {e:.3f},{n:.3f} (lon,lat)"
            )
        if self.attached:
            lines.append(
                f"{len(self.attached)} node(s) attached: " + ", ".join(f"{n} ({km:.2f} km)" for n, km in self.attached)
            )
        for node, km in self.unattached:
            why = f"nearest line {km:.1f} km away" if km is not None else "no line within the search radius"
            lines.append(f"node '{node}' not attached: {why}; raise --attach-km or add the line it stands on")
        return lines
