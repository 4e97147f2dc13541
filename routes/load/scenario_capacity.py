"""``[[capacities]]`` tables of a scenario: what one trip of a named vessel can carry.

Each row names a vessel of the case, a unit, a range (``low``, ``high``; one figure: ``low``
only), the basis of the range in one line and its sources. Used only by the throughput check
(:mod:`routes.analysis.throughput`); nothing is drawn from it.
"""

from __future__ import annotations

from routes.errors import Problems
from routes.load.scenario_records import read_sources
from routes.model.capacity import Capacity
from routes.model.fields import Fields, quote, suggest
from routes.model.vocabulary import UnitSet

CAPACITY_FIELDS = ("vessel", "unit", "low", "high", "basis", "sources", "note")


def check_capacities(problems: Problems, rows) -> None:
    """One problem a vessel and unit given twice (two ranges: say which holds, or give the widest
    with both sources in one row)."""
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if row is None:
            continue
        key = (row.vessel, row.unit.value)
        if key in seen:
            problems.add(
                f"capacity of '{row.vessel}' in {row.unit.value}",
                "vessel",
                "is given twice",
                "keep one row; give the widest range with both sources if two sources differ",
            )
        seen.add(key)


def read_capacity(
    problems: Problems, table: dict, number: int, vessel_ids: set[str], units: UnitSet
) -> Capacity | None:
    """One ``[[capacities]]`` table, or None after recording its problems."""
    vessel = table.get("vessel")
    record = f"capacity {number + 1}" + (f" (vessel '{vessel}')" if isinstance(vessel, str) else "")
    fields = Fields(problems, record, table, CAPACITY_FIELDS)
    vessel = fields.slug("vessel")
    if vessel is not None and vessel not in vessel_ids:
        fields.add(
            "vessel", f"unknown vessel '{vessel}'", suggest(vessel, vessel_ids, "add a [[vessels]] table or fix the id")
        )
        vessel = None
    unit = fields.choice("unit", units)
    low, high = fields.number("low"), fields.number("high")
    if "low" not in table:
        fields.add("low", "missing", "give what one trip carries, e.g. low = 150 (and high = 400 for a range)")
    elif low is not None and low <= 0:
        fields.add("low", f"{quote(low)} is not above 0", "give what one trip carries, a number above 0")
        low = None
    if high is None and "high" not in table:
        high = low
    elif high is not None and low is not None and high < low:
        fields.add(
            "high", f"{quote(high)} is below low {quote(low)}", "give the range as low (smallest) and high (largest)"
        )
        high = None
    basis = fields.text("basis")
    note = fields.text("note", required=False)
    sources = read_sources(fields, required=True)
    if vessel is None or unit is None or low is None or high is None or basis is None or not sources:
        return None
    return Capacity(vessel, unit, low, high, basis, sources, note)
