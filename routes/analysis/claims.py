"""Claims as tables, and which claims cover which leg.

Claims are never added up: two claimants' numbers for overlapping periods are two rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from routes.model.records import claims_covering

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from routes.load.scenario import Scenario
    from routes.model.records import Claim

CLAIM_COLUMNS = (
    "id",
    "claimant",
    "published",
    "period_start",
    "period_end",
    "period",
    "period_text",
    "quantity_text",
    "quantity",
    "quantity_max",
    "unit",
    "qualifier",
    "status",
    "evidence",
    "covers",
    "vessels",
    "sources",
)


def claims_for_leg(scenario: Scenario, leg_id: str) -> list[Claim]:
    """The claims that cover a leg, directly or through its route, in published order."""
    return claims_covering(scenario.claims, leg_id)


def directed_legs(scenario: Scenario) -> set[str]:
    """Legs whose direction a claim states: a named claim that does not say the direction was
    unknown. Arrows are drawn on these legs only (nobody reported the direction of the others).
    """
    return {
        leg.id for leg in scenario.legs_specs if any(c.names(leg.id) and c.direction_known for c in scenario.claims)
    }


def claims_frame(scenario: Scenario) -> pandas.DataFrame:
    """One row per claim, sorted by published date then id (columns: :data:`CLAIM_COLUMNS`).

    Examples
    --------
    >>> from routes import load_scenario
    >>> frame = claims_frame(load_scenario("dprk-russia-2023"))
    >>> frame.set_index("id").loc["wh-2023-10-13", "quantity_text"]
    'more than 1,000 containers of military equipment and munitions'
    """
    import pandas

    rows = []
    for c in sorted(scenario.claims, key=lambda c: c.published_key):
        q = c.quantity
        rows.append(
            {
                "id": c.id,
                "claimant": c.claimant,
                "published": str(c.published),
                "period_start": str(c.period.start) if c.period.start else None,
                "period_end": str(c.period.end) if c.period.end else None,
                "period": c.period.label(),
                "period_text": c.period_text,
                "quantity_text": q.text if q else None,
                "quantity": q.value if q else None,
                "quantity_max": q.value_max if q else None,
                "unit": q.unit.value if q and q.unit else None,
                "qualifier": q.qualifier.value if q and q.qualifier else None,
                "status": c.status.value,
                "evidence": c.evidence,
                "covers": list(c.covers),
                "vessels": list(c.vessels),
                "sources": [s.label() for s in c.sources],
            }
        )
    return pandas.DataFrame(rows, columns=list(CLAIM_COLUMNS))
