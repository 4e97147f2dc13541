"""Time spans of a case: when each leg, claim and event is current, and the case's range.

A leg is current while a claim that names it is (unknown ends take the claim's published
date); on other days it is drawn quiet, and a leg no claim names is never reported
(:mod:`routes.analysis.legstate`). Periods are inclusive.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from routes.load.scenario_story import EVENT_MIN_DAYS

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario
    from routes.model.records import Claim


def claim_span(claim: Claim) -> tuple[dt.date, dt.date]:
    """First and last day a claim is current: its period, or its published date where the
    period is open or unknown."""
    published = claim.published
    first = claim.period.first_day() or claim.period.last_day() or published.first_day()
    last = claim.period.last_day() or max(published.last_day(), first)
    return first, max(first, last)


def leg_spans(scenario: Scenario) -> dict[str, tuple[dt.date, dt.date] | None]:
    """For each leg id, the first and last day of the claims that name it, or None if none does
    (the extent of the leg on the time control; not a claimed period)."""
    spans: dict[str, tuple[dt.date, dt.date] | None] = {}
    for leg_id, current in leg_claim_spans(scenario).items():
        spans[leg_id] = (min(s[0] for s in current), max(s[1] for s in current)) if current else None
    return spans


def leg_claim_spans(scenario: Scenario) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """For each leg id, the span of each claim that names it, merged where they touch or
    overlap, in date order. The leg is current on a day inside one of them: a gap between two
    claimants' periods is a gap, not a period anybody claimed (the leg is drawn quiet then)."""
    result: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for leg in scenario.legs_specs:
        merged: list[tuple[dt.date, dt.date]] = []
        for first, last in sorted(claim_span(c) for c in scenario.claims if c.names(leg.id)):
            if merged and first <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        result[leg.id] = merged
    return result


def event_span(event) -> tuple[dt.date, dt.date]:
    """First and last day an event shows on the time control (at least :data:`EVENT_MIN_DAYS`)."""
    first = event.period.first_day() or event.period.last_day()
    last = event.period.last_day() or first
    return first, max(last, first + dt.timedelta(days=EVENT_MIN_DAYS - 1))


def case_range(scenario: Scenario) -> tuple[dt.date, dt.date] | None:
    """The first and last day of anything dated in the case (claims, published dates, events,
    images taken and counts)."""
    days = [d for c in scenario.claims for d in (*claim_span(c), c.published.first_day())]
    days += [d for e in scenario.events for d in event_span(e)]
    days += [image.acquired.date() for image in scenario.images_taken]
    days += [count.date.first_day() for count in scenario.counts]
    return (min(days), max(days)) if days else None
