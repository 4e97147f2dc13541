"""A case's story (``[[story]]``) as the analysis sees it: its steps, and for each step the
claims it highlights, the day the map shows and the bounds of its view.

The page (:mod:`routes.render.story`), the slides and the briefing pack read the same answers
from here, so a step shows the same claims, day and view in every output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from routes.model.records import StoryStep

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.analysis.case import CaseModel
    from routes.load.scenario import Scenario


def story_steps(case: Scenario) -> tuple[StoryStep, ...]:
    """The case's story, or one step showing the whole case when it has none."""
    return case.story or (StoryStep(case.title, case.summary),)


def step_claims(model: CaseModel, step: StoryStep) -> list:
    """The claims a step highlights, in published order."""
    ids = set(step.highlights)
    return [c for c in model.claims_in_order() if c.id in ids]


def step_day(model: CaseModel, step: StoryStep):
    """The day the map shows at a step (its date's first day, inside the case's time range),
    or None for all dates."""
    if step.date is None:
        return None
    day = step.date.first_day()
    if model.time_range is not None:
        first, last = model.time_range
        day = min(max(day, first), last)
    return day


def view_bounds(scenario: Scenario, legs: geopandas.GeoDataFrame, view) -> list[list[float]] | None:
    """The initial view as ``[[south, west], [north, east]]``.

    ``view`` is None (fit everything), a ``(west, south, east, north)`` box in degrees, or the
    id of a leg or a node to zoom to.
    """
    if view is None:
        return None
    if isinstance(view, str):
        if view in set(legs["id"]):
            west, south, east, north = legs.set_index("id").loc[view, "geometry"].bounds
            pad = max(east - west, north - south) * 0.08
            return [[south - pad, west - pad], [north + pad, east + pad]]
        nodes = scenario.nodes.set_index("id")
        if view in nodes.index:
            point = nodes.loc[view, "geometry"]
            return [[point.y - 1.0, point.x - 1.5], [point.y + 1.0, point.x + 1.5]]
        from routes.errors import UnknownScenarioError
        from routes.model.fields import suggest

        hint = suggest(view, [*legs["id"], *nodes.index], "use a leg id (see 'routes info') or a node id")
        raise UnknownScenarioError(f"view {view!r} is neither a leg nor a node of '{scenario.id}'; {hint}")
    west, south, east, north = (float(v) for v in view)
    if not (-90 <= south < north <= 90 and west < east and east - west <= 360):
        raise ValueError(f"bounds {view!r} are not west < east, south < north within ±90° latitude")
    return [[south, west], [north, east]]
