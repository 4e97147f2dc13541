"""Legs: the lines between consecutive stops, built geodesically from the network segments.

:func:`build_legs` returns a GeoDataFrame in EPSG:4326, one row per leg, with columns

=======================  ================================================================
``id``                   ``<route>/<from>-<to>``
``route``, ``route_name`` the route the leg belongs to
``leg_index``            position of the leg in its route, from 0
``from``, ``to``         stop node ids
``mode``                 ``sea``, ``rail``, ``road`` or ``air``
``via``                  node ids the line passes between the stops (given, or found on the network)
``geometry_basis``       ``reported``, ``assumed`` or ``routed`` (see :class:`GeometryBasis`)
``geometry_confidence``  lowest confidence of the segments and stop coordinates used
``distance_km``          geodesic length of the drawn line
``duration_hours``       estimate at the typical speed of the leg's mode (not a reported time)
``border_crossings``     borders the line crosses (:func:`routes.geo.borders.crossings`)
``vessels``              vessel ids named for the leg
``claims``               ids of the claims that cover the leg, in published order (never summed)
``geometry``             LineString densified along geodesics (steps of at most 5 km)
=======================  ================================================================
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from routes.geo.geodesy import densify, length_km
from routes.model.records import claims_covering
from routes.model.speeds import Speeds
from routes.model.vocabulary import Confidence, Mode

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.load.scenario import Scenario

#: Largest step between drawn points, in km.
MAX_STEP_KM = 5.0

LEG_COLUMNS = (
    "id",
    "route",
    "route_name",
    "leg_index",
    "from",
    "to",
    "mode",
    "via",
    "geometry_basis",
    "geometry_confidence",
    "distance_km",
    "duration_hours",
    "border_crossings",
    "vessels",
    "claims",
)
_ORDER = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]


def leg_path(scenario: Scenario, leg, positions=None, speeds: Speeds | None = None) -> list[str]:
    """Every node and junction the leg passes, ends included: between consecutive nodes of
    ``from``, ``via`` and ``to``, the direct segment or else the fastest path of the leg's
    mode in the network at typical speed, border time included (air legs go straight)."""
    from routes.geo.graph import single_mode_path

    positions = positions if positions is not None else scenario.positions()
    borders = frozenset(scenario.nodes.loc[scenario.nodes["kind"] == "border-crossing", "id"])
    path = [leg.start]
    for a, b in pairwise(leg.path):
        if leg.mode is Mode.AIR or scenario.network.find(leg.mode, a, b) is not None:
            path.append(b)
            continue
        found = single_mode_path(scenario.network, positions, leg.mode, a, b, border_nodes=borders, speeds=speeds)
        if found is None:  # pragma: no cover - load_scenario refuses such a leg
            raise ValueError(f"no {leg.mode} path joins {a!r} and {b!r}")
        path.extend(found[1:])
    return path


def leg_coordinates(
    scenario: Scenario, leg, path: list[str] | None = None
) -> tuple[list[tuple[float, float]], Confidence]:
    """The shape points of a leg (stops, network shape points, nodes passed) and its confidence.

    ``path`` is the leg's :func:`leg_path`, computed if not given.
    """
    positions = scenario.positions()
    nodes = scenario.nodes.set_index("id")
    confidences = [
        Confidence(nodes.at[leg.start, "coord_confidence"]),
        Confidence(nodes.at[leg.end, "coord_confidence"]),
    ]
    path = path if path is not None else leg_path(scenario, leg, positions)
    coords: list[tuple[float, float]] = [positions[path[0]]]
    for a, b in pairwise(path):
        found = scenario.network.find(leg.mode, a, b) if leg.mode is not Mode.AIR else None
        if found is not None:
            segment, reverse = found
            inner = [(p.lon, p.lat) for p in segment.points]
            coords.extend(reversed(inner) if reverse else inner)
            confidences.append(segment.geometry_confidence)
        coords.append(positions[b])
    return coords, min(confidences, key=_ORDER.index)


def build_legs(scenario: Scenario, speeds: Speeds | None = None) -> geopandas.GeoDataFrame:
    """Build every leg of a scenario's routes as a GeoDataFrame (schema in the module docstring).

    ``speeds`` (default :class:`routes.model.speeds.Speeds`) sets the durations and, where the
    network chooses a leg's path, the path: the fastest one at those speeds.

    Examples
    --------
    >>> from routes import load_scenario
    >>> legs = build_legs(load_scenario("dprk-russia-2023"))
    >>> legs[["from", "to", "mode"]].values.tolist()
    [['najin', 'dunay', 'sea'], ['dunay', 'tikhoretsk-depot', 'rail']]
    """
    import geopandas
    from shapely.geometry import LineString

    from routes.geo.borders import crossings

    rows, geometries = [], []
    border_nodes = set(scenario.nodes.loc[scenario.nodes["kind"] == "border-crossing", "id"])
    route_names = {r.id: r.name for r in scenario.routes}
    node_ids = set(scenario.nodes["id"])
    speeds = speeds or Speeds()
    for leg in scenario.legs_specs:
        path = leg_path(scenario, leg, speeds=speeds)
        coords, confidence = leg_coordinates(scenario, leg, path)
        passed = [n for n in path[1:-1] if n in node_ids]
        line = densify(coords, MAX_STEP_KM)
        distance = length_km(line)
        claims = [c.id for c in claims_covering(scenario.claims, leg.id)]
        rows.append(
            {
                "id": leg.id,
                "route": leg.route,
                "route_name": route_names[leg.route],
                "leg_index": leg.index,
                "from": leg.start,
                "to": leg.end,
                "mode": leg.mode.value,
                "via": passed,
                "geometry_basis": leg.geometry_basis.value,
                "geometry_confidence": confidence.value,
                "distance_km": distance,
                "duration_hours": distance / speeds.typical_kmh[leg.mode],
                "border_crossings": crossings(coords, sum(n in border_nodes for n in path), leg.mode),
                "vessels": list(leg.vessels),
                "claims": claims,
            }
        )
        geometries.append(LineString(line))
    columns = {name: [row[name] for row in rows] for name in LEG_COLUMNS}
    return geopandas.GeoDataFrame(columns, geometry=geometries, crs="EPSG:4326")
