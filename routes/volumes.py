"""Volume you can see: the rule that sets a leg's line width from a claimed quantity.

The width of a leg follows **one** claim: the largest single quantity, in the case's volume
unit, among the claims that cover the leg. Claims are never added up, and claims in other
units (trips, tons, rounds) do not set widths.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from routes.vocabulary import Unit

if TYPE_CHECKING:  # pragma: no cover
    from routes.scenario import Scenario

MIN_WIDTH_PX, MAX_WIDTH_PX = 3.0, 10.0


@dataclass(frozen=True)
class WidthRule:
    """Which unit sets widths, and for each leg the claim and quantity that drive it."""

    unit: Unit | None
    driver: dict[str, tuple[str, float]]  # leg id -> (claim id, quantity)

    def width_px(self, leg_id: str, default: float) -> float:
        """Line width of a leg: area-true (square root) between the min and max widths."""
        if leg_id not in self.driver:
            return default
        top = max(q for _, q in self.driver.values())
        share = math.sqrt(self.driver[leg_id][1] / top) if top else 1.0
        return round(MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * share, 2)

    def legend(self) -> str | None:
        """The rule in words, for the legend."""
        if self.unit is None:
            return None
        return (f"Line width: the largest single claim in {self.unit.value} that covers the leg "
                "(named in its popup); claims are never added up")


def width_rule(scenario: "Scenario") -> WidthRule:
    """The width rule of a case: its volume unit is containers if any claim counts them, else
    the unit most claims on legs use."""
    counted = [c for c in scenario.claims if c.covers and c.quantity and c.quantity.value is not None and c.quantity.unit]
    if not counted:
        return WidthRule(None, {})
    units = Counter(c.quantity.unit for c in counted)
    unit = Unit.CONTAINERS if Unit.CONTAINERS in units else units.most_common(1)[0][0]
    driver: dict[str, tuple[str, float]] = {}
    for leg in scenario.legs_specs:
        best = None
        for claim in counted:
            if claim.quantity.unit is unit and claim.names(leg.id):
                if best is None or claim.quantity.value > best[1] or (claim.quantity.value == best[1] and claim.id < best[0]):
                    best = (claim.id, claim.quantity.value)
        if best is not None:
            driver[leg.id] = best
    return WidthRule(unit, driver)
