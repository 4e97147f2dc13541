"""Is a claimed timeline physically possible? Compare a claim's period with the fastest
transit of the legs it covers, at top speeds and minimum transfer times.

The period is read at its widest (partial dates run to the ends of their months or years),
so a claim is only called impossible when even the most generous reading cannot fit. Only a
window is checked: a period whose ``period_kind`` is a departure, an arrival, a sighting or an
"as of" is not, nor one of one day with no kind (it dates one event, not a whole journey), nor a
snapshot, a share, a cumulative total or a restatement. Two dated events are checked as a
transit only when they are stops of one shipment (``Event.shipment``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from routes.model.speeds import Speeds
from routes.model.vocabulary import Mode, PeriodKind

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.load.scenario import Scenario
    from routes.model.records import Claim

#: A claim whose typical transit takes more than this share of its period is "tight".
TIGHT_SHARE = 0.75
#: Track length over drawn length, by mode. The drawn rail line measures 0.87-0.99 of the
#: Trans-Siberian kilometre posts (data/networks/rail.toml header); facts.md §5 puts the
#: Dunay-Tikhoretsk track at 9,500-10,000 km against 8,942 km drawn via Petropavl (0.89-0.94)
#: or 9,362 km via Tyumen (0.94-0.99). 1/0.93 is the middle of the kilometre-post range. Sea legs are drawn as routed tracks: factor 1.
TRACK_FACTOR = {Mode.RAIL: 1 / 0.93}
#: Kinds whose period is not a transit window.
_NOT_A_WINDOW = {
    "snapshot": "a snapshot observation is not a flow over a period",
    "share": "a share is one vessel's or route's part of a flow, not a transit window",
    "cumulative": "a cumulative total spans many shipments, not one transit",
    "restatement": "a restatement repeats another claim; that claim is checked",
}

#: Why a one-day period with no kind gets no transit verdict (a window of one day is checked).
ONE_DAY = "a one-day period dates one event (a departure, an arrival or a sighting), not a whole journey"
#: Period kinds that date something other than a whole journey.
_NOT_A_JOURNEY = {
    PeriodKind.DEPARTURE: "the period dates a departure, not a whole journey",
    PeriodKind.ARRIVAL: "the period dates an arrival, not a whole journey",
    PeriodKind.SIGHTING: "the period dates a sighting, not a whole journey",
    PeriodKind.AS_OF: "the period is the date the figure is current to (as of), not a transit window",
}


@dataclass(frozen=True)
class TimelineCheck:
    """The verdict on one claim's (or one pair of events') timeline."""

    claim: str
    verdict: str  # "plausible", "tight", "impossible", "not applicable" or "not checked"
    period_days: int | None
    min_transit_days: float | None
    reason: str
    typical_transit_days: float | None = None

    @property
    def slack_days(self) -> float | None:
        if self.period_days is None or self.min_transit_days is None:
            return None
        return self.period_days - self.min_transit_days


def leg_border_crossings(leg: dict, border_nodes: set[str] | frozenset[str] = frozenset()) -> int:
    """Border crossings on a leg (:func:`routes.geo.borders.crossings`): the border-crossing nodes
    among its stops and ``via``, or the changes of country along its drawn line if more."""
    from shapely.geometry import mapping

    from routes.geo.borders import crossings

    coords = [tuple(c[:2]) for c in mapping(leg["geometry"])["coordinates"]] if leg.get("geometry") is not None else []
    passed = [leg.get("from"), *(leg.get("via") or ()), leg.get("to")]
    return crossings(coords, sum(n in border_nodes for n in passed), leg.get("mode", "rail"))


def _hours(legs: list[dict], speeds: Speeds, *, fastest: bool) -> float:
    kmh = speeds.top_kmh if fastest else speeds.typical_kmh
    hours = 0.0
    for leg in legs:
        mode = Mode(leg["mode"])
        factor = 1.0 if fastest else TRACK_FACTOR.get(mode, 1.0)
        hours += leg["distance_km"] * factor / kmh[mode]
    changes = sum(1 for a, b in pairwise(legs) if a["mode"] != b["mode"])
    borders = sum(leg.get("_borders", 0) for leg in legs)
    hours += speeds.stop_hours(changes, borders, fastest=fastest)
    return hours


def _verdict(name: str, legs: list[dict], period_days: int, speeds: Speeds, what: str) -> TimelineCheck:
    fastest = _hours(legs, speeds, fastest=True) / 24
    typical = _hours(legs, speeds, fastest=False) / 24
    if fastest > period_days:
        verdict = "impossible"
    elif typical > TIGHT_SHARE * period_days:
        verdict = "tight"
    else:
        verdict = "plausible"
    borders = sum(leg.get("_borders", 0) for leg in legs)
    reason = (
        f"{what}: fastest transit {fastest:.1f} days (top speeds, {speeds.min_transfer_hours:g} h a transfer, "
        f"{speeds.min_border_hours:g} h a border), typical {typical:.1f} days ({typical / period_days:.0%} "
        f"of the period; typical speeds, track factor {TRACK_FACTOR[Mode.RAIL]:.3f} on rail, "
        f"{speeds.transfer_hours:g} h a transfer, {speeds.border_hours:g} h a border; "
        f"{borders} border crossing(s)); the period allows at most {period_days} days, "
        f"slack {period_days - fastest:.1f} days"
    )
    return TimelineCheck(name, verdict, period_days, fastest, reason, typical)


def _rows(legs: geopandas.GeoDataFrame) -> list[dict]:
    cache = legs.attrs.setdefault("_plausibility_rows", None) if hasattr(legs, "attrs") else None
    if cache is not None and len(cache) == len(legs):
        return cache
    rows = legs.sort_values(["route", "leg_index"]).to_dict("records")
    for row in rows:
        crossings = row.get("border_crossings")
        row["_borders"] = int(crossings) if crossings is not None else leg_border_crossings(row)
    if hasattr(legs, "attrs"):
        legs.attrs["_plausibility_rows"] = rows
    return rows


def dates_one_event(claim: Claim) -> str | None:
    """Why a claim's period dates one event rather than a window of movement (a departure, an
    arrival, a sighting, an "as of", or one day with no kind), or None for a window. The timeline
    and throughput checks both read only windows.

    >>> from routes.model.periods import Period, PartialDate
    >>> from types import SimpleNamespace
    >>> day = Period(PartialDate(2023, 9, 7), PartialDate(2023, 9, 7))
    >>> dates_one_event(SimpleNamespace(period=day, period_kind=None)) == ONE_DAY
    True
    """
    period_kind = getattr(claim, "period_kind", None)
    if period_kind is not None and period_kind is not PeriodKind.WINDOW:
        return _NOT_A_JOURNEY[period_kind]
    if period_kind is None and claim.period.days() == 1:
        return ONE_DAY
    return None


def check_claim(claim: Claim, legs: geopandas.GeoDataFrame, speeds: Speeds | None = None) -> TimelineCheck:
    """Check one claim against the legs it covers.

    An open period closes at the publication date (as :func:`routes.analysis.timeline.claim_span`)."""
    from routes.analysis.timeline import claim_span

    speeds = speeds or Speeds()
    kind = getattr(getattr(claim, "kind", None), "value", None)
    if kind in _NOT_A_WINDOW:
        return TimelineCheck(claim.id, "not applicable", claim.period.days(), None, _NOT_A_WINDOW[kind])
    if (why := dates_one_event(claim)) is not None:
        return TimelineCheck(claim.id, "not applicable", claim.period.days(), None, why)
    rows = _rows(legs)
    groups = []
    for target in (*claim.covers, *getattr(claim, "attributed", ())):
        target = getattr(target, "leg", target) if not isinstance(target, str) else target
        covered = [r for r in rows if r["route"] == target or r["id"] == target]
        if covered:
            groups.append(covered)
    if not groups:
        return TimelineCheck(claim.id, "not checked", claim.period.days(), None, "the claim covers no leg")
    if claim.period.first_day() is None:
        return TimelineCheck(claim.id, "not checked", None, None, "the period has no start to compare with")
    first, last = claim_span(claim)
    period_days = (last - first).days + 1
    group = max(groups, key=lambda g: _hours(g, speeds, fastest=True))
    return _verdict(claim.id, group, period_days, speeds, "claim")


def check_event_pairs(
    scenario: Scenario, legs: geopandas.GeoDataFrame, speeds: Speeds | None = None
) -> list[TimelineCheck]:
    """Two dated events of one shipment at nodes of one route (the earlier at an earlier stop):
    can the cargo move from one to the other in the time between them? Named ``"A -> B"`` by
    event ids. Events of different shipments, or of none, are never paired: a ship's arrival
    and another cargo's train months later say nothing about a transit.

    >>> import routes
    >>> case = routes.load_scenario("dprk-russia-2023")
    >>> [c.verdict for c in check_event_pairs(case, routes.build_legs(case))
    ...  if c.claim == "dunay-arrival-2023-09-12 -> depot-trains-2023-09-28"]
    ['tight']
    """
    speeds = speeds or Speeds()
    rows = _rows(legs)
    routes_: dict[str, list[dict]] = {}
    for row in rows:
        routes_.setdefault(row["route"], []).append(row)
    dated = [e for e in scenario.events if e.node and e.shipment and e.period.first_day() is not None]
    checks: dict[str, TimelineCheck] = {}
    for route, route_legs in routes_.items():
        stops = [route_legs[0]["from"], *(leg["to"] for leg in route_legs)]
        for a in dated:
            for b in dated:
                if a is b or a.shipment != b.shipment or a.node not in stops or b.node not in stops:
                    continue
                i, j = stops.index(a.node), stops.index(b.node)
                if i >= j:
                    continue
                start, end = a.period.first_day(), (b.period.last_day() or b.period.first_day())
                if start is None or end is None or end < start:  # (dated events have a first day)
                    continue
                check = _verdict(
                    f"{a.id} -> {b.id}",
                    route_legs[i:j],
                    (end - start).days + 1,
                    speeds,
                    f"events {a.id} and {b.id} on {route}",
                )
                # One verdict a pair: on the route with the quickest typical transit (the most lenient).
                if check.claim not in checks or _typical_days(check) < _typical_days(checks[check.claim]):
                    checks[check.claim] = check
    return list(checks.values())


def _typical_days(check: TimelineCheck) -> float:
    """The typical transit of a checked timeline (every check :func:`_verdict` makes has one)."""
    return math.inf if check.typical_transit_days is None else check.typical_transit_days


def check_timelines(
    scenario: Scenario, legs: geopandas.GeoDataFrame, speeds: Speeds | None = None
) -> list[TimelineCheck]:
    """A :class:`TimelineCheck` for every claim, in published order.

    Examples
    --------
    >>> import routes
    >>> case = routes.load_scenario("dprk-russia-2023")
    >>> {c.claim: c.verdict for c in check_timelines(case, routes.build_legs(case))}["csis-tumangang-2023-10-06"]
    'not applicable'
    """
    claims = sorted(scenario.claims, key=lambda c: c.published_key)
    return [check_claim(c, legs, speeds) for c in claims]
