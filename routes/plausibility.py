"""Is a claimed timeline physically possible? Compare a claim's period with the fastest
transit of the legs it covers, at top speeds and minimum transfer times.

The period is read at its widest (partial dates run to the ends of their months or years),
so a claim is only called impossible when even the most generous reading cannot fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from routes.speeds import Speeds
from routes.vocabulary import Mode

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.records import Claim
    from routes.scenario import Scenario

#: A claim whose fastest transit takes more than this share of its period is "tight".
TIGHT_SHARE = 0.75


@dataclass(frozen=True)
class TimelineCheck:
    """The verdict on one claim's timeline."""

    claim: str
    verdict: str  # "plausible", "tight", "impossible" or "not checked"
    period_days: int | None
    min_transit_days: float | None
    reason: str

    @property
    def slack_days(self) -> float | None:
        if self.period_days is None or self.min_transit_days is None:
            return None
        return self.period_days - self.min_transit_days


def _min_hours(legs: list[dict], speeds: Speeds) -> float:
    hours = sum(leg["distance_km"] / speeds.top_kmh[Mode(leg["mode"])] for leg in legs)
    changes = sum(1 for a, b in zip(legs, legs[1:]) if a["mode"] != b["mode"])
    return hours + changes * speeds.min_transfer_hours


def check_claim(claim: "Claim", legs: "geopandas.GeoDataFrame", speeds: Speeds | None = None) -> TimelineCheck:
    """Check one claim against the legs it covers."""
    speeds = speeds or Speeds()
    rows = legs.sort_values(["route", "leg_index"]).to_dict("records")
    groups = []
    for target in claim.covers:
        covered = [r for r in rows if r["route"] == target or r["id"] == target]
        if covered:
            groups.append(covered)
    if not groups:
        return TimelineCheck(claim.id, "not checked", claim.period.days(), None, "the claim covers no leg")
    period_days = claim.period.days()
    fastest = max(_min_hours(group, speeds) for group in groups) / 24
    if period_days is None:
        return TimelineCheck(claim.id, "not checked", None, fastest,
                             f"no complete period to compare with (fastest transit {fastest:.1f} days)")
    if fastest > period_days:
        verdict = "impossible"
    elif fastest > TIGHT_SHARE * period_days:
        verdict = "tight"
    else:
        verdict = "plausible"
    reason = (f"fastest transit {fastest:.1f} days at top speeds (sea {speeds.top_kmh[Mode.SEA] / 1.852:.0f} kn, "
              f"rail {speeds.top_kmh[Mode.RAIL] * 24:,.0f} km a day, transfers {speeds.min_transfer_hours:g} h); "
              f"the period allows at most {period_days} days, slack {period_days - fastest:.1f} days")
    return TimelineCheck(claim.id, verdict, period_days, fastest, reason)


def check_timelines(scenario: "Scenario", legs: "geopandas.GeoDataFrame", speeds: Speeds | None = None) -> list[TimelineCheck]:
    """A :class:`TimelineCheck` for every claim, in published order.

    Examples
    --------
    >>> import routes
    >>> case = routes.load_scenario("dprk-russia-2023")
    >>> {c.claim: c.verdict for c in check_timelines(case, routes.build_legs(case))}["wh-2023-10-13"]
    'plausible'
    """
    claims = sorted(scenario.claims, key=lambda c: (c.published.first_day(), c.id))
    return [check_claim(c, legs, speeds) for c in claims]
