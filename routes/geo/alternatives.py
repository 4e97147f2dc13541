"""Alternative routes between two nodes: the fastest route, then others that differ from it,
none much slower than the fastest (what ``routes route`` lists).
"""

from __future__ import annotations

import dataclasses

from routes.errors import NoRouteError
from routes.geo.routing import RoutePlan, bundled_network, find_route
from routes.model.speeds import Speeds

#: Alternatives slower than this many times the fastest route are not offered.
MAX_DETOUR = 1.5


def alternative_routes(start: str, end: str, *, limit: int = 6, **options) -> list[RoutePlan]:
    """The fastest route, then the fastest through each other transfer point (a port on both
    sea and rail, or a border crossing), one per sequence of stops, fastest first.

    Near-ties matter: two ports an hour apart at typical speeds are equally plausible, and the
    reported one may not be the fastest on the network.
    """
    from routes.load.bundled import bundled_path
    from routes.load.nodes import load_nodes

    nodes = options.pop("nodes", None)
    nodes = nodes if nodes is not None else load_nodes(bundled_path("ports.geojson"))
    network = options.pop("network", None) or bundled_network()
    best = find_route(start, end, nodes=nodes, network=network, **options)
    network = best.network or network  # with the world sea lanes the search added
    modes_at: dict[str, set] = {}
    for segment in network.segments:
        for node in (segment.start, segment.end):
            modes_at.setdefault(node, set()).add(segment.mode)
    borders = set(nodes.loc[nodes["kind"] == "border-crossing", "id"])
    known = set(nodes["id"])
    others = {k: v for k, v in options.items() if k != "via"}

    def through(node: str) -> RoutePlan | None:
        """The fastest route from ``best``'s start to its end by way of ``node`` too, or None."""
        try:
            return find_route(
                best.start, best.end, via=(*options.get("via", ()), node), nodes=nodes, network=network, **others
            )
        except NoRouteError:
            return None

    candidates = sorted(n for n, m in modes_at.items() if (len(m) > 1 or n in borders) and n in known)
    plans = {best.stops + tuple(sorted(n for leg in best.legs for n in leg.path if n in borders)): best}
    for node in candidates:
        if node in (best.start, best.end):
            continue
        plan = through(node)
        if plan is None:
            continue
        key = plan.stops + tuple(sorted(n for leg in plan.legs for n in leg.path if n in borders))
        plans.setdefault(key, plan)
    if any(best.transits):
        # A route through a third country: also offer the way that stays in the countries of
        # its ends, through each junction (a node where three or more segments meet).
        degree: dict[str, int] = {}
        for segment in network.segments:
            for node in (segment.start, segment.end):
                degree[node] = degree.get(node, 0) + 1
        on_best = {n for leg in best.legs for n in leg.path}
        for node in sorted((n for n, d in degree.items() if n not in on_best and n in known), key=lambda n: -degree[n]):
            plan = through(node)
            if plan is None:
                continue
            if not any(plan.transits):
                plans.setdefault(plan.stops + ("<no third country>",), plan)
                break
    else:
        # The fastest route with border time left out: a shorter line through a third country
        # (for the seed case Omsk - Petropavl - Kurgan, through Kazakhstan), with its crossings.
        speeds = options.get("speeds") or Speeds()
        unbordered = dataclasses.replace(speeds, border_hours=0.0)
        try:
            unbordered_plan = find_route(
                best.start, best.end, nodes=nodes, network=network, **{**options, "speeds": unbordered}
            )
        except NoRouteError:  # pragma: no cover - the best route exists
            unbordered_plan = None
        if unbordered_plan is not None and any(unbordered_plan.transits):
            plans.setdefault(
                unbordered_plan.stops + ("<third country>",), dataclasses.replace(unbordered_plan, speeds=speeds)
            )
    # No other way: a detour that passes a node twice (out to a border crossing and back), one
    # over 1.5 times the best's time, or one through a border crossing a trip within one
    # country has no reason to use.
    country = dict(zip(nodes["id"], nodes["country"]))
    domestic = country.get(best.start) == country.get(best.end)
    plans = {
        key: plan
        for key, plan in plans.items()
        if plan is best
        or not (
            _doubles_back(plan)
            or plan.hours > MAX_DETOUR * best.hours
            or (domestic and any(n in borders for leg in plan.legs for n in leg.path))
        )
    }
    ranked = sorted(plans.values(), key=lambda p: (p is not best, p.hours))
    return ranked[:limit]


def _doubles_back(plan: RoutePlan) -> bool:
    path = [plan.legs[0].start] + [n for leg in plan.legs for n in leg.path[1:]] if plan.legs else []
    return len(path) != len(set(path))
