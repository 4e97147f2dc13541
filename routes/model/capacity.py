"""What one trip of a vessel can carry: a range in one unit, with its basis and sources.

A capacity is never a claim: it bounds what a claim's quantity needs a trip
(:mod:`routes.analysis.throughput`). It is given by the case's author (``[[capacities]]``, see
docs/scenario-format.md), from a published figure or a stated estimate, and says which.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from routes.model.records import Source
from routes.model.vocabulary import Unit


@dataclass(frozen=True)
class Capacity:
    """``vessel`` carries ``low``–``high`` ``unit`` a trip (``low == high`` for one figure).

    ``basis`` says how the range was found, in one line a reader sees beside every verdict
    ("manifest of 12 Sep 2023", "estimate from length and beam"); ``sources`` where.
    """

    vessel: str
    unit: Unit
    low: float
    high: float
    basis: str
    sources: tuple[Source, ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        for name in ("low", "high"):
            value = getattr(self, name)
            if not math.isfinite(value) or value <= 0:
                raise ValueError(f"capacity {name} {value!r} must be a finite number above 0")
        if self.high < self.low:
            raise ValueError(f"capacity high {self.high:g} is below low {self.low:g}")

    @property
    def label(self) -> str:
        """``150–400 containers`` (or ``300 containers``)."""
        span = f"{self.low:,.0f}" if self.low == self.high else f"{self.low:,.0f}–{self.high:,.0f}"
        return f"{span} {self.unit.label or self.unit.value}"
