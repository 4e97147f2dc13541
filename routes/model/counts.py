"""Counts of vehicles at a place on a date, as imagery analysts publish them: wagons (or
containers, vehicles) by type at a node, with the source and what the count cannot say.

CSIS, for example, counted "about 73 railcars" at Tumangang on 5 Oct 2023 and 175 ore cars, 14
box cars and 66 tank cars on 17 Jun 2024. A count is an observation, never a claim of a flow: it
is drawn as a small dated chart at its node and is never added to any claim's quantity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from routes.model.periods import PartialDate
from routes.model.records import Source, check_slug
from routes.model.vocabulary import Unit

#: What a count from imagery cannot say unless the record states otherwise.
DEFAULT_QUALIFIER = "contents not identifiable"


@dataclass(frozen=True)
class Count:
    """``by_type`` (type -> number, in the record's order) of ``unit`` at ``node`` on ``date``."""

    id: str
    node: str
    date: PartialDate
    unit: Unit
    by_type: tuple[tuple[str, float], ...]
    sources: tuple[Source, ...]
    qualifier: str = DEFAULT_QUALIFIER
    provider: str | None = None
    supports: tuple[str, ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        check_slug(self.id)
        if not self.by_type:
            raise ValueError(f"count {self.id!r} gives no number")
        for kind, number in self.by_type:
            if not math.isfinite(number) or number < 0:
                raise ValueError(f"count {self.id!r}: {kind} {number!r} must be a finite number >= 0")
        if not self.sources:
            raise ValueError(f"count {self.id!r} needs at least one source")

    @property
    def label(self) -> str:
        """``175 ore, 14 box and 66 tank railcars on 17 Jun 2024 (contents not identifiable)``;
        the types are listed, never totalled."""
        parts = [f"{n:,.0f} {kind}".rstrip() for kind, n in self.by_type]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"{listed} {self.unit.label} on {self.date.label()} ({self.qualifier})"
