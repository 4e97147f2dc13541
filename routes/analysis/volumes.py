"""Volume you can see: the rule that sets a leg's line width from a claimed quantity.

A leg's width follows **one** claim: the largest single quantity, in the case's volume unit,
among the claims that **name** the leg (see :meth:`routes.model.records.Claim.names`). At a date of
the time control only the claims current then count; in the all-dates view, every claim that
names the leg. Claims are never added up; claims in other units (trips, tons, rounds), claims
the data's author only attributed to the leg, restatements of another claimant's figure
and shares (percent) set no width. A leg no such claim names is drawn at the thinnest stroke; its counts in other
units are listed ("also claimed: around 220 missiles"), never called "no count". The unit is
the scenario's ``width_unit``, else the unit most claims on legs share (never the order of a
vocabulary). A cumulative total sets widths from its publication on; a figure for several
legs is marked as one figure for them together; a lone count is drawn at the middle width
(there is nothing to compare it with).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from routes.analysis.timeline import claim_span
from routes.model.vocabulary import ClaimKind, Unit, UnitKind

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario
    from routes.model.records import Claim

MIN_WIDTH_PX, MAX_WIDTH_PX = 3.0, 10.0
#: The stroke of a leg that no claim naming it gives a count for: thinner than any counted leg.
NO_COUNT_PX = 2.0
NO_COUNT_LABEL = "Thinnest line: no count claimed for the leg"


@dataclass(frozen=True)
class WidthDriver:
    """A claim that can set a leg's width: its quantity and the days it sets it (a cumulative
    total from its publication on, never before it was reached)."""

    claim: str
    quantity: float
    span: tuple[dt.date, dt.date]
    #: Every leg the claim names: more than one is one figure for them together, not each.
    legs: tuple[str, ...] = ()


@dataclass(frozen=True)
class OtherCount:
    """A count in another unit than the width's, claimed for a leg: listed, never drawn."""

    claim: str
    text: str
    span: tuple[dt.date, dt.date]


@dataclass(frozen=True)
class WidthRule:
    """Which unit sets widths, and for each leg the claims that may drive it (largest first)."""

    unit: Unit | None
    drivers: dict[str, tuple[WidthDriver, ...]]  # leg id -> candidates, largest quantity first
    #: Counts in other units claimed for each leg (by claims naming it), in published order.
    others: dict[str, tuple[OtherCount, ...]] = field(default_factory=dict)
    #: Where the unit comes from: "scenario" (its ``width_unit``) or "claims" (most share it).
    unit_from: str = "claims"

    # Both are read for every width drawn: worked out once (a case of 10,000 claims drew 1,400).
    @cached_property
    def top(self) -> float:
        return max((d.quantity for ds in self.drivers.values() for d in ds), default=0.0)

    @cached_property
    def single(self) -> bool:
        """Whether one count is all there is: it is drawn at a middle width, not the maximum."""
        return len({d.quantity for ds in self.drivers.values() for d in ds}) == 1

    def driver(self, leg_id: str, on: dt.date | None = None) -> WidthDriver | None:
        """The claim that sets a leg's width on a date (None: the all-dates view)."""
        for candidate in self.drivers.get(leg_id, ()):
            if on is None or candidate.span[0] <= on <= candidate.span[1]:
                return candidate
        return None

    def px(self, quantity: float | None) -> float:
        """Line width for a quantity: area-true (square root) between the min and max widths."""
        if quantity is None:
            return NO_COUNT_PX
        if self.single:  # nothing to compare it with
            return round((MIN_WIDTH_PX + MAX_WIDTH_PX) / 2, 2)
        top = self.top
        share = math.sqrt(quantity / top) if top else 1.0
        return round(MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * share, 2)

    def width_px(self, leg_id: str, on: dt.date | None = None) -> float:
        """Line width of a leg on a date (None: all dates)."""
        found = self.driver(leg_id, on)
        return self.px(found.quantity if found else None)

    @property
    def no_count_label(self) -> str:
        """The legend's words for a leg no claim gives a count in the width's unit for."""
        if self.unit is None:
            return NO_COUNT_LABEL
        return f"Thinnest line: no count in {self.unit.label} (others listed)"

    def legend(self) -> str | None:
        """The rule in words, for the legend."""
        if self.unit is None:
            return None
        chosen = "chosen for this case" if self.unit_from == "scenario" else "most claims on legs count in it"
        single = "; the only count on a leg: its width compares nothing" if self.single else ""
        return (
            f"Line width: {self.unit.label} ({chosen}), the largest single claim naming the leg "
            f"at the date shown, never added up{single}"
        )

    def key(self) -> list[tuple[str, float]]:
        """The legend's numeric key: the largest and smallest counts drawn, with their widths."""
        if self.unit is None:
            return []
        quantities = sorted({d.quantity for ds in self.drivers.values() for d in ds}, reverse=True)
        shown = quantities[:1] + quantities[-1:] if len(quantities) > 1 else quantities
        return [(f"{q:,.0f} {self.unit.label}", self.px(q)) for q in shown]


def _counts(claim: Claim) -> bool:
    """Whether a claim's number may set a width: not a restatement, and not a share (a
    percent of an unstated whole is no volume of its own)."""
    q = claim.quantity
    return bool(
        q
        and q.value is not None
        and q.unit
        and q.unit.kind is not UnitKind.SHARE
        and claim.kind is not ClaimKind.RESTATEMENT
    )


def main_unit(claims, case_claims=()) -> Unit:
    """The unit most of ``claims`` (each with a counted quantity) are counted in. A tie goes to
    the unit more of ``case_claims`` count in (all the case's counted claims), then to the unit
    of the earliest published of the tied claims: never to the order of a vocabulary.

    >>> from routes import load_scenario
    >>> main_unit([c for c in load_scenario("dprk-russia-2023-2025").claims if c.quantity and c.quantity.unit]).value
    'containers'
    """
    units = Counter(c.quantity.unit for c in claims)
    in_case = Counter(c.quantity.unit for c in case_claims if c.quantity and c.quantity.value is not None)
    first: dict[Unit, int] = {}
    for claim in sorted(claims, key=lambda c: (c.published_key, c.id)):
        first.setdefault(claim.quantity.unit, len(first))
    return min(units, key=lambda u: (-units[u], -in_case[u], first[u]))


def width_rule(scenario: Scenario) -> WidthRule:
    """The width rule of a case: its volume unit is the scenario's ``width_unit``, else the unit
    most claims naming a leg count in (:func:`main_unit`). Counts in other units are kept per
    leg (:attr:`WidthRule.others`) to be listed, never drawn.

    Examples
    --------
    >>> from routes import load_scenario
    >>> rule = width_rule(load_scenario("dprk-russia-2023"))
    >>> rule.unit.value  # no claim naming a leg of the seed counts containers
    'trips'
    """
    legs = scenario.legs_specs
    counted = [c for c in scenario.claims if _counts(c) and any(c.names(leg.id) for leg in legs)]
    chosen = scenario.width_unit
    if not counted and chosen is None:
        return WidthRule(None, {})
    unit = chosen or main_unit(counted, [c for c in scenario.claims if _counts(c)])
    drivers: dict[str, tuple[WidthDriver, ...]] = {}
    others: dict[str, tuple[OtherCount, ...]] = {}
    for leg in legs:
        naming = [c for c in counted if c.names(leg.id)]
        found = [
            WidthDriver(c.id, q.value, _width_span(c), tuple(x.id for x in legs if c.names(x.id)))
            for c in naming
            if (q := c.quantity) is not None and q.value is not None and q.unit is unit
        ]
        if found:
            drivers[leg.id] = tuple(sorted(found, key=lambda d: (-d.quantity, d.claim)))
        other = [
            OtherCount(c.id, c.headline, claim_span(c))
            for c in sorted(naming, key=lambda c: (c.published_key, c.id))
            if c.quantity is not None and c.quantity.unit is not unit
        ]
        if other:
            others[leg.id] = tuple(other)
    return WidthRule(unit, drivers, others, "scenario" if chosen else "claims")


def _width_span(claim: Claim) -> tuple[dt.date, dt.date]:
    """The days a claim sets a width: its span, but a cumulative total only from the day it was
    published (a total reached by Feb 2024 does not widen the leg in Oct 2023)."""
    first, last = claim_span(claim)
    if claim.kind is ClaimKind.CUMULATIVE:
        first = min(max(first, claim.published.first_day()), last)
    return first, last
