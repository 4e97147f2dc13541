"""Volume you can see: the rule that sets a leg's line width from a claimed quantity.

A leg's width follows **one** claim: the largest single quantity, in the case's volume unit,
among the claims that **name** the leg (see :meth:`routes.model.records.Claim.names`). At a date of
the time control only the claims current then count; in the all-dates view, every claim that
names the leg. Claims are never added up; claims in other units (trips, tons, rounds), claims
the data's author only attributed to the leg, restatements of another claimant's figure and
shares (percent) set no width. A leg no such claim names is drawn at the thinnest stroke
("no count claimed").
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
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
    """A claim that can set a leg's width: its quantity and the days it is current."""

    claim: str
    quantity: float
    span: tuple[dt.date, dt.date]


@dataclass(frozen=True)
class WidthRule:
    """Which unit sets widths, and for each leg the claims that may drive it (largest first)."""

    unit: Unit | None
    drivers: dict[str, tuple[WidthDriver, ...]]  # leg id -> candidates, largest quantity first

    @property
    def top(self) -> float:
        return max((d.quantity for ds in self.drivers.values() for d in ds), default=0.0)

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
        top = self.top
        share = math.sqrt(quantity / top) if top else 1.0
        return round(MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * share, 2)

    def width_px(self, leg_id: str, on: dt.date | None = None) -> float:
        """Line width of a leg on a date (None: all dates)."""
        found = self.driver(leg_id, on)
        return self.px(found.quantity if found else None)

    @property
    def no_count_label(self) -> str:
        """The legend's words for a leg no claim gives a count for."""
        return NO_COUNT_LABEL

    def legend(self) -> str | None:
        """The rule in words, for the legend."""
        if self.unit is None:
            return None
        return (
            f"Line width: the largest single claim in {self.unit.label} that names the leg and is "
            "current at the date shown (named in its popup); claims are never added up, and claims "
            "only attributed to a leg set no width"
        )


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


def main_unit(claims) -> Unit:
    """The unit most of ``claims`` (each with a counted quantity) are counted in; ties go to
    the unit listed first in :meth:`routes.model.vocabulary.Unit.builtin` (containers first),
    then to a scenario's own units by name.

    >>> from routes import load_scenario
    >>> main_unit([c for c in load_scenario("dprk-russia-2023-2025").claims if c.quantity and c.quantity.unit]).value
    'containers'
    """
    units = Counter(c.quantity.unit for c in claims)
    order = {unit: n for n, unit in enumerate(Unit.builtin())}
    return min(units, key=lambda u: (-units[u], order.get(u, len(order)), u.value))


def width_rule(scenario: Scenario) -> WidthRule:
    """The width rule of a case: its volume unit is containers if any claim naming a leg counts
    them, else the unit most such claims use.

    Examples
    --------
    >>> from routes import load_scenario
    >>> rule = width_rule(load_scenario("dprk-russia-2023"))
    >>> rule.unit.value  # no claim naming a leg of the seed counts containers
    'trips'
    """
    legs = scenario.legs_specs
    counted = [c for c in scenario.claims if _counts(c) and any(c.names(leg.id) for leg in legs)]
    if not counted:
        return WidthRule(None, {})
    unit = main_unit(counted)
    drivers: dict[str, tuple[WidthDriver, ...]] = {}
    for leg in legs:
        found = [
            WidthDriver(c.id, q.value, claim_span(c))
            for c in counted
            if (q := c.quantity) is not None and q.value is not None and q.unit is unit and c.names(leg.id)
        ]
        if found:
            drivers[leg.id] = tuple(sorted(found, key=lambda d: (-d.quantity, d.claim)))
    return WidthRule(unit, drivers)
