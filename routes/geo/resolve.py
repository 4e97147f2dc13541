"""From a scenario as read to a scenario whose every leg has a line: the gaps, and their fill.

:func:`routes.load.scenario.read_scenario` reads and validates files and draws nothing. Here the
legs its network files do not join are found (:func:`find_gaps`) and filled
(:func:`routes.geo.gaps.fill_gaps`: world sea lanes, connectors, routes' bundled networks,
assumed lines), and
:func:`load_scenario`, the public loader, does both steps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from routes.errors import Problem, ValidationError
from routes.geo.fallback import bundled_fallback
from routes.geo.gaps import Gap, fill_gaps
from routes.load.files import display_name
from routes.load.networks import Network
from routes.load.nodesources import NodeSource
from routes.load.scenario import Scenario, read_scenario
from routes.model.vocabulary import Mode


@dataclass(frozen=True)
class Resolution:
    """A case's network with a segment for every gap it could fill, what to tell the user, and
    the gaps left open (as problems)."""

    network: Network
    warnings: tuple[str, ...]
    problems: tuple[Problem, ...]


def find_gaps(case: Scenario) -> list[Gap]:
    """The consecutive stops (``from``, ``via``…, ``to``) of the case's sea, rail and road legs
    that its network joins neither by a segment nor by a path of the leg's mode, in scenario
    order; a sea gap carries the ship's draught (the leg's, else its deepest vessel's)."""
    from routes.geo.graph import single_mode_path

    positions = case.positions()
    file = display_name(case.path)
    draughts = {v.id: v.draught_m for v in case.vessels if v.draught_m}
    gaps = []
    for route in case.routes:
        for leg in route.legs:
            if leg.mode is Mode.AIR:
                continue
            # A sea leg's line: the leg's draught, else the deepest of its vessels'.
            draught = leg.draught_m or max((draughts[v] for v in leg.vessels if v in draughts), default=None)
            for a, b in pairwise(leg.path):
                if case.network.find(leg.mode, a, b) is None and (
                    single_mode_path(case.network, positions, leg.mode, a, b) is None
                ):
                    record = f"route '{route.id}' leg {leg.index + 1}"
                    gaps.append(Gap(leg.mode, a, b, file, record, draught if leg.mode is Mode.SEA else None))
    return gaps


def resolve_network(case: Scenario) -> Resolution:
    """The case's network with its gaps filled (see :mod:`routes.geo.gaps`): for sea legs routes'
    bundled sea lanes between its own ports, else the world sea lanes; for rail and road legs
    the case's network by a connector, else routes' bundled network of the mode where it
    reaches, else an assumed line."""
    gaps = find_gaps(case)
    if not gaps:
        return Resolution(case.network, (), ())
    positions = case.positions()
    used = {segment.file for segment in case.network.segments}
    fallbacks = {}
    for mode in dict.fromkeys(gap.mode for gap in gaps):
        fallback = bundled_fallback(mode, positions, used)
        if fallback is not None:
            fallbacks[mode] = fallback
    network, warnings, problems = fill_gaps(case.network, positions, gaps, fallbacks)
    return Resolution(network, tuple(warnings), tuple(problems))


def load_scenario(
    scenario: str | Path | None = None, *, nodes: str | Path | NodeSource | list[str | Path | NodeSource] | None = None
) -> Scenario:
    """Load and validate a scenario with its node and network files, and give every leg a line.

    Parameters
    ----------
    scenario
        A path to a ``.toml`` scenario, the id of a bundled one, or None for the default case.
    nodes
        Node files to use instead of those the scenario names: a path, ``"bundled"``, a
        :class:`routes.load.nodesources.NodeSource` (a file in another schema), or a list of them.

    Raises
    ------
    routes.ValidationError
        Listing every problem of the first file that has any, or the legs no line can join.

    Examples
    --------
    >>> case = load_scenario("dprk-russia-2023")
    >>> [leg.id for leg in case.legs_specs]
    ['najin-tikhoretsk/najin-dunay', 'najin-tikhoretsk/dunay-tikhoretsk-depot']
    """
    case = read_scenario(scenario, nodes=nodes)
    resolved = resolve_network(case)
    if resolved.problems:
        raise ValidationError(list(resolved.problems))
    if resolved.network is case.network and not resolved.warnings:
        return case
    return dataclasses.replace(case, network=resolved.network, warnings=case.warnings + resolved.warnings)
