"""The case model: every fact the outputs show about a case, decided once.

:func:`case_model` computes, from a scenario (and its legs, built if not given), an immutable
:class:`CaseModel`: for each leg the claims that cover it and how (named or attributed), the
days it is drawn on the time control, the claims that may set its width and whether its
direction is known; for each claim its span and its timeline verdict; the events' spans and
the checks of dated event pairs; the case's date range and width rule. The map page, the
GeoJSON export and the ledger read these facts from the model rather than working them out
again, so they cannot disagree. Where each fact is decided:

=====================  ===========================================================
claims per leg         :meth:`routes.model.records.Claim.coverage` (named or attributed)
spans, date range      :mod:`routes.analysis.timeline`
leg state at a date    :mod:`routes.analysis.legstate` (current, reported, never)
widths                 :mod:`routes.analysis.volumes` (one claim, never a sum)
verdicts               :mod:`routes.analysis.plausibility`
arrows                 :func:`routes.analysis.claims.directed_legs`
=====================  ===========================================================

Examples
--------
>>> from routes import load_scenario
>>> model = case_model(load_scenario("dprk-russia-2023"))
>>> facts = model.leg("najin-tikhoretsk/najin-dunay")
>>> facts.claims[:2], facts.width_driver.claim
(('csis-najin-2023-10', 'wh-2023-10-13'), 'csis-najin-2023-10')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from routes.model.speeds import Speeds

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.analysis.legstate import LegState
    from routes.analysis.plausibility import TimelineCheck
    from routes.analysis.volumes import WidthDriver, WidthRule
    from routes.load.scenario import Scenario
    from routes.model.records import Claim
    from routes.observe.link import CaseObservations

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class LegFacts:
    """What the outputs say about one leg."""

    id: str
    #: Ids of the claims that cover the leg, in published order.
    claims: tuple[str, ...]
    #: How each of those claims covers it: ``named`` (the claimant named it) or ``attributed``.
    coverage: dict[str, str]
    #: Days the leg is current on the time control: the spans of the claims that name it.
    spans: tuple[Span, ...]
    #: Claims that may set the leg's width, largest quantity first (none: "no count claimed").
    width_drivers: tuple[WidthDriver, ...]
    #: Whether a claim that names the leg states its direction (arrows are drawn only then).
    directed: bool
    #: The leg's state on every day of the case's range (:mod:`routes.analysis.legstate`).
    states: tuple[LegState, ...] = ()

    @property
    def reported(self) -> bool:
        """Whether any claim names the leg (if not, it is never reported: an assumed connector)."""
        return bool(self.spans)

    def state(self, day: dt.date | None) -> LegState | None:
        """The leg's state on ``day`` (None: the all-dates view, or a day outside the range)."""
        from routes.analysis.legstate import all_dates_state, leg_state

        return all_dates_state(self.spans) if day is None else leg_state(self.states, day)

    @property
    def width_driver(self) -> WidthDriver | None:
        """The claim that sets the width in the all-dates view."""
        return self.width_drivers[0] if self.width_drivers else None


@dataclass(frozen=True)
class CaseModel:
    """A case's derived facts (see the module docstring); build it with :func:`case_model`."""

    scenario: Scenario
    legs: geopandas.GeoDataFrame
    speeds: Speeds
    leg_facts: dict[str, LegFacts]
    width: WidthRule
    claim_spans: dict[str, Span]
    #: Timeline verdicts of the claims that could be checked, by claim id.
    verdicts: dict[str, TimelineCheck]
    event_spans: dict[str, Span]
    event_checks: tuple[TimelineCheck, ...]
    #: First and last day of the case on the time control (None without dates).
    time_range: Span | None
    #: What was observed (``routes observe`` output the case or the caller names), linked to the
    #: case's vessels and legs; never merged into the claims. None: no observation file.
    observations: CaseObservations | None = None

    def leg(self, leg_id: str) -> LegFacts:
        """The facts of one leg."""
        return self.leg_facts[leg_id]

    @property
    def nodes_used(self) -> list[str]:
        """Ids of the nodes the case draws, sorted: stops, nodes the legs pass, events' nodes
        (what the GeoJSON and KML exports carry)."""
        used = {n for leg in self.scenario.legs_specs for n in (leg.start, leg.end)}
        used |= {n for via in self.legs["via"] for n in via}
        used |= {e.node for e in self.scenario.events if e.node}
        return sorted(used)

    def claims_in_order(self) -> list[Claim]:
        """Every claim of the case, in published order (the order of every list of claims)."""
        return sorted(self.scenario.claims, key=lambda c: c.published_key)


def case_model(
    scenario: Scenario,
    legs: geopandas.GeoDataFrame | None = None,
    speeds: Speeds | None = None,
    observations: tuple[Path, ...] = (),
) -> CaseModel:
    """The model of ``scenario`` with ``legs`` (built with ``speeds`` if not given) and the
    observation files the scenario names plus ``observations``."""
    from routes.analysis.claims import claims_for_leg, directed_legs
    from routes.analysis.legstate import leg_states
    from routes.analysis.plausibility import check_event_pairs, check_timelines
    from routes.analysis.timeline import case_range, claim_span, event_span, leg_claim_spans
    from routes.analysis.volumes import width_rule
    from routes.geo.legs import build_legs

    speeds = speeds or Speeds()
    legs = legs if legs is not None else build_legs(scenario, speeds)
    width = width_rule(scenario)
    spans = leg_claim_spans(scenario)
    extent = case_range(scenario)
    seen = observations_of(scenario, observations)
    if seen is not None and seen.items:
        first = min(i.start.date() for i in seen.items)
        last = max(i.end.date() for i in seen.items)
        extent = (min(first, extent[0]), max(last, extent[1])) if extent else (first, last)
    directed = directed_legs(scenario)
    facts = {}
    for leg_id in legs["id"]:
        covering = claims_for_leg(scenario, leg_id)
        coverage = {c.id: cov.value for c in covering if (cov := c.coverage(leg_id)) is not None}
        facts[leg_id] = LegFacts(
            leg_id,
            tuple(c.id for c in covering),
            coverage,
            tuple(spans.get(leg_id, ())),
            width.drivers.get(leg_id, ()),
            leg_id in directed,
            leg_states(tuple(spans.get(leg_id, ())), extent),
        )
    checks = {c.claim: c for c in check_timelines(scenario, legs, speeds) if c.verdict != "not checked"}
    return CaseModel(
        scenario,
        legs,
        speeds,
        facts,
        width,
        {c.id: claim_span(c) for c in scenario.claims},
        checks,
        {e.id: event_span(e) for e in scenario.events},
        tuple(check_event_pairs(scenario, legs, speeds)),
        extent,
        seen,
    )


def observations_of(scenario: Scenario, extra: tuple[Path, ...]) -> CaseObservations | None:
    """The scenario's observation files and ``extra`` (a path once), read and linked."""
    from routes.observe.link import link_observations
    from routes.observe.reader import read_observed

    paths = list(dict.fromkeys(Path(p).resolve() for p in (*scenario.observation_files, *extra)))
    if not paths:
        return None
    return link_observations(scenario, tuple(read_observed(Path(p)) for p in paths))
