"""Could the named vessels have carried what a claim says? Quantity over trips against what a
trip can carry, with the arithmetic shown.

For a claim with a number, a period and vessels (its own ``vessels``, else those of the sea legs
it names), two bounds are set against the vessels' capacities (``[[capacities]]``):

* the **least load a trip** needs: the quantity over the most trips the vessels could have made
  in the period, read at its widest (a ship under way may deliver on its first day, then once
  every fastest round trip with loading and unloading at the minimum transfer time;
  :mod:`routes.model.speeds`);
* the **most load a trip** needs: the quantity over the fewest trips known, from observed voyages
  of its vessels along the legs it names (``observed``, e.g. port calls derived from AIS, each
  voyage counted once) or from another claim that counts trips of the same vessels on a leg it
  names, inside the period (the larger, and the verdict names it).

The verdict is ``impossible`` when even the least load exceeds the largest capacity, ``tight``
when it exceeds the smallest capacity or the known trips alone could not carry the quantity,
else ``consistent``. Only a window is read: a period that dates one event (a departure, an
arrival, a sighting, an "as of", one day with no kind) is not applicable, as in the timeline
check (:func:`routes.analysis.plausibility.dates_one_event`). Figures of different claimants are divided, never added: the trips of one
claim are a denominator for another only when the verdict says whose they are. A claim is not
checked when it has no number, no start, no vessel or a vessel with no capacity in its unit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from routes.model.speeds import Speeds
from routes.model.vocabulary import Mode, Qualifier, Unit

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.load.scenario import Scenario
    from routes.model.capacity import Capacity
    from routes.model.records import Claim

#: Units that count trips: a claim in one of them can be the denominator of another's quantity.
TRIP_UNITS = (Unit.TRIPS, Unit.ROUND_TRIPS, Unit.VOYAGES)
#: Claim kinds whose quantity is not a flow carried in its period.
_NOT_CARRIED = {"snapshot", "restatement"}
#: Qualifiers whose number is a floor (the quantity may be larger), or a ceiling.
_FLOOR = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
_CEILING = {Qualifier.UP_TO}


@dataclass(frozen=True)
class ThroughputCheck:
    """The throughput verdict on one claim, with the arithmetic in words (``reason``)."""

    claim: str
    verdict: str  # "consistent", "tight", "impossible", "not applicable" or "not checked"
    reason: str
    #: The least and most a trip must carry on average (None where no bound could be set).
    least_per_trip: float | None = None
    most_per_trip: float | None = None
    #: The most trips possible in the period and the fewest known, with whose count it is.
    trips_possible: int | None = None
    trips_known: int | None = None
    trips_basis: str | None = None
    #: What a trip of the named vessels carries: smallest and largest capacity.
    capacity: tuple[float, float] | None = None


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _many(n: int, word: str) -> str:
    """``1 trip``, ``2 trips``, ``1,456 trips``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def claim_vessels(claim: Claim, scenario: Scenario) -> tuple[str, ...]:
    """The vessels a claim concerns: its own, else those of the sea legs it names, in order."""
    if claim.vessels:
        return tuple(claim.vessels)
    found: list[str] = []
    for leg in scenario.legs_specs:
        if leg.mode is Mode.SEA and claim.names(leg.id):
            found += [v for v in leg.vessels if v not in found]
    return tuple(found)


def _round_trip_hours(claim: Claim, legs: geopandas.GeoDataFrame, speeds: Speeds) -> tuple[float, float, str] | None:
    """Hours of the fastest crossing and of the fastest round trip on the shortest sea leg the
    claim names (loading and unloading at the minimum transfer time), and the leg's id."""
    best = None
    for row in legs.to_dict("records"):
        if row["mode"] != Mode.SEA.value or not claim.names(row["id"]):
            continue
        crossing = row["distance_km"] / speeds.top_kmh[Mode.SEA]
        if best is None or crossing < best[0]:
            best = (crossing, row["id"])
    if best is None:
        return None
    crossing, leg_id = best
    return crossing, 2 * crossing + 2 * speeds.min_transfer_hours, leg_id


def _possible_trips(hours: float, round_trip: float, ships: int) -> int:
    """Deliveries ``ships`` vessels can make in ``hours`` at the widest reading: a ship already
    under way delivers at the start, then once every round trip."""
    return ships * (1 + math.floor(hours / round_trip))


def _known_trips(
    claim: Claim,
    scenario: Scenario,
    vessels: Sequence[str],
    span: tuple[dt.date, dt.date],
    observed: Mapping[str, Mapping[str, Sequence[dt.datetime]]],
) -> tuple[int, str] | None:
    """The fewest trips known to have been made in the claim's span: observed voyages of its
    vessels along the legs it names (each voyage once), or a trip count of another claim of the
    same vessels on a leg this one names, inside the span."""
    from routes.analysis.plausibility import dates_one_event
    from routes.analysis.timeline import claim_span

    first, last = span
    candidates: list[tuple[int, str]] = []
    named = {leg.id for leg in scenario.legs_specs if claim.names(leg.id)}
    arrivals = {
        (vessel, moment)
        for leg in named
        for vessel in vessels
        for moment in observed.get(leg, {}).get(vessel, ())
        if first <= moment.date() <= last
    }
    if arrivals:
        candidates.append((len(arrivals), f"{_many(len(arrivals), 'voyage')} observed (AIS port calls)"))
    for other in scenario.claims:
        q = other.quantity
        if other is claim or q is None or q.value is None or q.unit not in TRIP_UNITS or q.qualifier in _CEILING:
            continue
        if not any(other.names(leg) for leg in named) or other.period.first_day() is None:
            continue
        if dates_one_event(other) is not None or not set(claim_vessels(other, scenario)) <= set(vessels):
            continue  # trips dated by one event, or made by other ships, bound nothing here
        o_first, o_last = claim_span(other)
        if first <= o_first and o_last <= last:
            count = int(q.value)
            candidates.append((count, f"{q.text}, {other.claimant} ({other.id})"))
    return max(candidates, key=lambda c: c[0]) if candidates else None


def _capacities(scenario: Scenario, vessels: Sequence[str], unit: Unit) -> tuple[list[Capacity], list[str]]:
    rows = {c.vessel: c for c in scenario.capacities if c.unit == unit}
    return [rows[v] for v in vessels if v in rows], [v for v in vessels if v not in rows]


def _carry(capacities: Sequence[Capacity]) -> str:
    """``angara and maria 150–400 containers (basis); lady-r 300 containers (basis)``: vessels
    with the same range and basis named together."""
    groups: dict[tuple[str, str], list[str]] = {}
    for c in capacities:
        groups.setdefault((c.label, c.basis), []).append(c.vessel)
    return "; ".join(
        f"{', '.join(names[:-1]) + ' and ' + names[-1] if len(names) > 1 else names[0]} {label} ({basis})"
        for (label, basis), names in groups.items()
    )


def check_claim_throughput(
    claim: Claim,
    scenario: Scenario,
    legs: geopandas.GeoDataFrame,
    speeds: Speeds | None = None,
    observed: Mapping[str, Mapping[str, Sequence[dt.datetime]]] | None = None,
) -> ThroughputCheck:
    """The :class:`ThroughputCheck` of one claim (see the module docstring).

    ``observed`` gives, by leg id and then vessel id, the arrival times of voyages seen along the
    leg (:meth:`routes.observe.link.CaseObservations.trips`)."""
    from routes.analysis.plausibility import dates_one_event
    from routes.analysis.timeline import claim_span

    speeds, observed = speeds or Speeds(), observed or {}
    q = claim.quantity
    kind = getattr(claim.kind, "value", None)
    if q is None or q.value is None or q.unit is None:
        return ThroughputCheck(claim.id, "not checked", "the claim gives no number")
    if q.unit in TRIP_UNITS:
        return ThroughputCheck(claim.id, "not applicable", f"the claim counts {q.unit.label} themselves")
    if kind in _NOT_CARRIED:
        return ThroughputCheck(claim.id, "not applicable", f"a {kind} is not a quantity carried in its period")
    if (why := dates_one_event(claim)) is not None:
        return ThroughputCheck(claim.id, "not applicable", why)
    if claim.period.first_day() is None:
        return ThroughputCheck(claim.id, "not checked", "the period has no start to count trips from")
    vessels = claim_vessels(claim, scenario)
    if not vessels:
        return ThroughputCheck(claim.id, "not checked", "the claim names no vessel and no sea leg with vessels")
    capacities, missing = _capacities(scenario, vessels, q.unit)
    if missing:
        return ThroughputCheck(
            claim.id,
            "not checked",
            f"no capacity in {q.unit.label} for {', '.join(missing)}; add a [[capacities]] row with its source",
        )
    first, last = claim_span(claim)
    days = (last - first).days + 1
    low_cap, high_cap = min(c.low for c in capacities), max(c.high for c in capacities)
    q_low = None if q.qualifier in _CEILING else q.value
    q_high = None if q.qualifier in _FLOOR else (q.value_max or q.value)
    parts, least, most, possible = [], None, None, None
    timing = _round_trip_hours(claim, legs, speeds)
    if timing is not None and q_low is not None:
        _, round_trip, leg_id = timing
        possible = _possible_trips(days * 24, round_trip, len(vessels))
        least = q_low / possible
        parts.append(
            f"{q.text} over at most {_many(possible, 'possible trip')} ({_many(len(vessels), 'ship')} in "
            f"{_many(days, 'day')}; a round trip of "
            f"{leg_id} takes at least {round_trip / 24:.1f} days at top speed with "
            f"{speeds.min_transfer_hours:g} h to load and to unload) is at least {_number(least)} a trip"
        )
    known = _known_trips(claim, scenario, vessels, (first, last), observed)
    if known is not None and q_high is not None:
        most = q_high / known[0]
        parts.append(f"over at least {_many(known[0], 'trip')} ({known[1]}) at most about {_number(most)} a trip")
    if least is None and most is None:
        return ThroughputCheck(
            claim.id,
            "not checked",
            "no trip count: the claim names no sea leg to time a round trip, and no trips are observed or claimed",
            capacity=(low_cap, high_cap),
        )
    carry = _carry(capacities)
    if least is not None and least > high_cap:
        verdict = "impossible"
    elif (least is not None and least > low_cap) or (most is not None and most > high_cap):
        verdict = "tight"
    else:
        verdict = "consistent"
    reason = "; ".join(parts) + f"; the named ships carry {carry} a trip"
    return ThroughputCheck(
        claim.id,
        verdict,
        reason,
        least,
        most,
        possible,
        known[0] if known else None,
        known[1] if known else None,
        (low_cap, high_cap),
    )


def check_throughput(
    scenario: Scenario,
    legs: geopandas.GeoDataFrame,
    speeds: Speeds | None = None,
    observed: Mapping[str, Mapping[str, Sequence[dt.datetime]]] | None = None,
) -> list[ThroughputCheck]:
    """A :class:`ThroughputCheck` for every claim with a number, in published order.

    Examples
    --------
    >>> import routes
    >>> case = routes.load_scenario("dprk-russia-2023")
    >>> {c.claim: c.verdict for c in check_throughput(case, routes.build_legs(case))}["wh-2023-10-13"]
    'not checked'
    """
    claims = sorted(scenario.claims, key=lambda c: c.published_key)
    return [
        check_claim_throughput(c, scenario, legs, speeds, observed)
        for c in claims
        if c.quantity is not None and c.quantity.value is not None
    ]
