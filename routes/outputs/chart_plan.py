"""The claims chart's plan: the unit charted, which claims go in which panel (and which are
left out or only restate another), where each point and whisker sits, the sources' numbers,
and each claimant's colour and line style.

No drawing here (:mod:`routes.outputs.chart` draws the plan with matplotlib).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from routes.errors import ChartError
from routes.model.palette import LineStyle, claimant_style
from routes.model.vocabulary import ClaimKind, Unit

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario
    from routes.model.records import Claim, Quantity


def chart_unit(scenario: Scenario) -> Unit:
    """The unit charted: the one most claims give a number in; on a tie, the one most claims
    name at all (a unit without a number, "hundreds of containers", or the unit's word in the
    quantity as worded, "a limited number of drones"); then the unit of the earliest claim.

    >>> from routes import load_scenario
    >>> chart_unit(load_scenario("iran-russia-caspian")).value  # 3 in drones, 3 in shells; 5 name drones
    'drones'
    """
    counted = [
        c.quantity.unit
        for c in sorted(scenario.claims, key=lambda c: c.published_key)
        if c.quantity and c.quantity.value is not None and c.quantity.unit
    ]
    if not counted:
        raise ChartError(f"no claim of '{scenario.id}' gives a number to chart")
    numbers = Counter(counted)
    named = Counter(u for c in scenario.claims for u in numbers if _names(c, u))
    first = {unit: i for i, unit in reversed(list(enumerate(counted)))}  # each unit's earliest claim
    return min(numbers, key=lambda u: (-numbers[u], -named[u], first[u]))


def _names(claim: Claim, unit: Unit) -> bool:
    """Whether a claim's quantity is in ``unit`` or its words name the unit (singular or plural)."""
    q = claim.quantity
    if q is None:
        return False
    if q.unit == unit:
        return True
    words = {w.lower() for w in (unit.value, unit.label, *unit.aliases) if w}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return any(re.search(rf"\b{re.escape(w)}s?\b", q.text, re.IGNORECASE) for w in words)


def is_restatement(claim: Claim) -> bool:
    """True for a claim that repeats another's figure (by kind or by ``restates``)."""
    return claim.kind is ClaimKind.RESTATEMENT or claim.restates is not None


@dataclass
class ChartPlan:
    """Which claims the chart draws where, and which it leaves out (and why)."""

    unit: Unit
    cumulative: list[Claim] = field(default_factory=list)
    other: list[Claim] = field(default_factory=list)
    restatements: list[Claim] = field(default_factory=list)
    left_out: list[Claim] = field(default_factory=list)


def _charted(claim: Claim) -> tuple[Quantity, float]:
    """The quantity of a claim the chart draws, and its value: :func:`chart_plan` draws only
    claims with a value."""
    q = claim.quantity
    if q is None or q.value is None:
        raise ValueError(f"claim '{claim.id}' has no quantity to chart")
    return q, q.value


def chart_plan(scenario: Scenario, unit: Unit | None = None) -> ChartPlan:
    """Sort the claims of a scenario into the chart's panels (each list by published date)."""
    plan = ChartPlan(unit or chart_unit(scenario))
    for claim in sorted(scenario.claims, key=lambda c: c.published_key):
        q = claim.quantity
        if is_restatement(claim):
            plan.restatements.append(claim)
        elif not (q and q.value is not None and q.unit is plan.unit):
            plan.left_out.append(claim)
        elif claim.kind is ClaimKind.CUMULATIVE:
            plan.cumulative.append(claim)
        else:
            plan.other.append(claim)
    return plan


def point_day(claim: Claim) -> dt.date:
    """Where a claim's point sits: the end of its period, never later than its publication;
    the published date when the period has no end."""
    published = claim.published.first_day()
    end = claim.period.last_day()
    return published if end is None else min(end, claim.published.last_day())


def whisker_start(claim: Claim) -> dt.date | None:
    """The period start, where the whisker begins (None when the start is not stated)."""
    start = claim.period.first_day()
    return start if start is not None and start < point_day(claim) else None


def source_numbers(scenario: Scenario) -> tuple[dict[str, list[int]], dict[int, str]]:
    """Each claim's source numbers and a short label per number (``publisher, date``),
    numbered as the ledger and the map number them."""
    from routes.outputs.ledger import LEDGER_COLUMNS, ledger_rows

    rows, _ = ledger_rows(scenario, timeline=False)
    id_column, sources_column = LEDGER_COLUMNS.index("id"), LEDGER_COLUMNS.index("sources")
    by_id = {c.id: c for c in scenario.claims}
    numbers: dict[str, list[int]] = {}
    labels: dict[int, str] = {}
    for row in rows:
        claim = by_id[row[id_column]]
        refs = [int(ref.strip("[]")) for ref in row[sources_column].split()]
        numbers[claim.id] = refs
        for source, n in zip(claim.sources, refs):
            labels.setdefault(n, source.publisher + (f", {source.date.label()}" if source.date else ""))
    return numbers, labels


@dataclass(frozen=True)
class ChartInputs:
    """What every part of the figure reads: the plan, the sources' numbers, the restatements."""

    scenario: Scenario
    plan: ChartPlan
    numbers: dict[str, list[int]]
    source_labels: dict[int, str]
    restated_by: dict[str, list[Claim]]

    @property
    def drawn(self) -> list[Claim]:
        return self.plan.cumulative + self.plan.other

    @property
    def heading(self) -> str:
        return f"{self.scenario.title}: claimed {self.plan.unit.value} by claimant"


def chart_inputs(scenario: Scenario, unit: Unit | None = None) -> ChartInputs:
    """The plan of a scenario's chart with its sources' numbers and who restated whom."""
    plan = chart_plan(scenario, unit)
    numbers, source_labels = source_numbers(scenario)
    restated_by: dict[str, list[Claim]] = {}
    for claim in plan.restatements:
        if claim.restates:
            restated_by.setdefault(claim.restates, []).append(claim)
    return ChartInputs(scenario, plan, numbers, source_labels, restated_by)


def claimant_styles(claims: list[Claim]) -> dict[str, tuple[str, LineStyle]]:
    """Each claimant's colour and line style (:func:`routes.model.palette.claimant_style`), in
    order of first publication."""
    claimants = dict.fromkeys(c.claimant for c in sorted(claims, key=lambda c: c.published_key))
    return {name: claimant_style(i) for i, name in enumerate(claimants)}
