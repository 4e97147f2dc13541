"""Observations in a case: each item linked to the case's vessel by MMSI (or IMO), or left
unlinked; the voyages the port calls show; and for each sea leg whether, when and by which
vessels it was observed.

An observation never becomes a claim and never attaches to one: a track of a vessel the case
does not name stays unlinked, and a leg is "observed" only by a voyage of a named vessel from
its first stop to its last (port calls at both, in that order).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from routes.model.formatting import day_label
from routes.model.vocabulary import Mode

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario
    from routes.observe.reader import ObservedFile, ObservedItem


@dataclass(frozen=True)
class Voyage:
    """A vessel's passage from one port call to the next at another node."""

    vessel: str | None
    mmsi: int
    origin: str
    destination: str
    departed: dt.datetime
    arrived: dt.datetime


@dataclass(frozen=True)
class LegObserved:
    """What the observations say of one leg: ``voyages`` along it (first stop to last)."""

    leg: str
    voyages: tuple[Voyage, ...] = ()

    @property
    def observed(self) -> bool:
        return bool(self.voyages)


@dataclass(frozen=True)
class CaseObservations:
    """The case's observations: items with their vessel ids (None: unlinked), voyages, legs."""

    files: tuple[ObservedFile, ...]
    items: tuple[ObservedItem, ...]
    vessel_of: dict[int, str] = field(default_factory=dict)
    voyages: tuple[Voyage, ...] = ()
    legs: dict[str, LegObserved] = field(default_factory=dict)

    def vessel(self, item: ObservedItem) -> str | None:
        """The case's vessel id of an item: its MMSI's, else (an encounter or an IMO under two
        MMSIs, whose other ship is the case's) its other MMSI's; None when the case names neither."""
        vessel = self.vessel_of.get(item.mmsi)
        if vessel is None and item.mmsi_other is not None:
            vessel = self.vessel_of.get(item.mmsi_other)
        return vessel

    def trips(self) -> dict[str, dict[str, list[dt.datetime]]]:
        """By sea leg, then by named vessel, the arrival times of its voyages along the leg (first
        stop to last), for the throughput check (:mod:`routes.analysis.throughput`), which counts
        only the legs a claim names and each voyage once."""
        out: dict[str, dict[str, list[dt.datetime]]] = {}
        for leg in self.legs.values():
            for v in leg.voyages:
                if v.vessel is not None:
                    out.setdefault(leg.leg, {}).setdefault(v.vessel, []).append(v.arrived)
        return {leg: {k: sorted(times) for k, times in by.items()} for leg, by in out.items()}


def _vessel_ids(scenario: Scenario, items: list[ObservedItem]) -> dict[int, str]:
    """MMSI -> vessel id, from the vessels' ``mmsi`` and from IMO numbers the items carry."""
    out: dict[int, str] = {}
    by_imo = {v.imo: v.id for v in scenario.vessels if v.imo}
    for item in items:
        if item.imo and item.imo.removeprefix("IMO") in by_imo:
            out.setdefault(item.mmsi, by_imo[item.imo.removeprefix("IMO")])
    for vessel in scenario.vessels:
        mmsi = getattr(vessel, "mmsi", None)
        if mmsi:
            out[int(mmsi)] = vessel.id
    return out


def _voyages(items: list[ObservedItem], vessel_of: dict[int, str]) -> list[Voyage]:
    calls = defaultdict(list)
    for item in items:
        if item.feature_type == "port_call" and item.node:
            calls[item.mmsi].append(item)
    voyages = []
    for mmsi, found in sorted(calls.items()):
        found.sort(key=lambda i: i.start)
        for a, b in pairwise(found):
            if a.node != b.node:
                voyages.append(Voyage(vessel_of.get(mmsi), mmsi, str(a.node), str(b.node), a.end, b.start))
    return voyages


def link_observations(scenario: Scenario, files: tuple[ObservedFile, ...]) -> CaseObservations:
    """Link the items of ``files`` to ``scenario`` (see the module docstring)."""
    items = [item for f in files for item in f.items]
    vessel_of = _vessel_ids(scenario, items)
    voyages = _voyages(items, vessel_of)
    legs = {}
    for spec in scenario.legs_specs:
        if spec.mode is not Mode.SEA:
            continue
        along = tuple(
            v for v in voyages if v.vessel is not None and (v.origin, v.destination) == (spec.start, spec.end)
        )
        legs[spec.id] = LegObserved(spec.id, along)
    return CaseObservations(tuple(files), tuple(items), vessel_of, tuple(voyages), legs)


def leg_text(observed: LegObserved, names: dict[str, str]) -> str:
    """``observed (AIS): Angara, Najin 7 Sep 2023 → Dunay 12 Sep 2023; ...`` or ``not observed``."""
    if not observed.observed:
        return "not observed in the observation files (no voyage of a named vessel from its first stop to its last)"
    parts = [
        f"{names.get(v.vessel or '', v.vessel)} departed {day_label(v.departed)}, arrived {day_label(v.arrived)}"
        for v in sorted(observed.voyages, key=lambda v: v.departed)
    ]
    more = f" and {len(parts) - 6} more" if len(parts) > 6 else ""
    return (
        f"observed (AIS port calls), {len(parts)} voyage{'s' if len(parts) != 1 else ''}: "
        + "; ".join(parts[:6])
        + more
    )
