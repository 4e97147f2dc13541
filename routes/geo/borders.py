"""Which countries a line passes, and how many borders it crosses.

One rule, used by the route search, ``routes route`` and ``routes check`` alike: a line
crosses a border each time the country under it changes (Natural Earth polygons: the 1:10m
corridor layer inside its box, the 1:50m world layer elsewhere), and each border-crossing node
it passes counts as one crossing that explains one such change. So the crossings of a line are
``max(border nodes passed, country changes)``: the Tumangang-Khasan bridge is one crossing, the
Omsk - Petropavl - Kurgan line through Kazakhstan two. Only land legs (rail, road) cross
borders this way: a ship or an aircraft clears customs at its ports, which is transfer time.

Points in no polygon (at sea, on a river) are skipped; a line's two ends, which are stops, are
put in the nearest country within :data:`END_SNAP_DEGREES` so that a port on the shore or a
bridge on a border river still has a country.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import cast

#: Lookup radius for the country of a line's end (a stop on a shore or a border river), in
#: degrees of the search box (at most about 28 km). A search tolerance, not a measurement.
END_SNAP_DEGREES = 0.25
#: Box of the 1:10m corridor layer (lon 30-146, lat 38-62); outside it the 1:50m layer is used.
_CORRIDOR_BOX = (30.0, 38.0, 146.0, 62.0)


@functools.cache
def _layer(name: str):
    import shapely

    from routes.load.naturalearth import load_layer

    frame = load_layer(name)
    geometries = list(frame.geometry)
    for geometry in geometries:
        shapely.prepare(geometry)
    return list(frame["name"]), geometries, shapely.STRtree(geometries)


def countries_at(coordinates: Sequence[tuple[float, float]], *, snap_ends: bool = False) -> list[str | None]:
    """The country under each point (``None`` at sea or outside every polygon).

    >>> countries_at([(73.37, 54.98), (69.15, 54.87), (150.0, 40.0)])  # Omsk, Petropavl, the Pacific
    ['Russia', 'Kazakhstan', None]
    """
    import numpy
    import shapely

    if not coordinates:
        return []
    xy = numpy.asarray(coordinates, dtype=float)[:, :2]
    inside_box = (
        (xy[:, 0] >= _CORRIDOR_BOX[0])
        & (xy[:, 0] <= _CORRIDOR_BOX[2])
        & (xy[:, 1] >= _CORRIDOR_BOX[1])
        & (xy[:, 1] <= _CORRIDOR_BOX[3])
    )
    found: list[str | None] = [None] * len(xy)
    # An array of points, never one Point: xy is N x 2 (shapely's stubs cannot tell from the type).
    points = cast("numpy.typing.NDArray[numpy.object_]", shapely.points(xy))
    for layer, mask in (("countries-10m-corridor", inside_box), ("countries-50m", ~inside_box)):
        index = numpy.flatnonzero(mask)
        if not len(index):
            continue
        names, _, tree = _layer(layer)
        hits = tree.query(points[index], predicate="intersects")
        for point, polygon in zip(*hits):
            if found[index[point]] is None:
                found[index[point]] = names[polygon]
    if snap_ends:
        for i in {0, len(xy) - 1}:
            if found[i] is None:
                found[i] = _nearest_country(points[i], bool(inside_box[i]))
    return found


def _nearest_country(point, in_corridor: bool) -> str | None:
    names, _, tree = _layer("countries-10m-corridor" if in_corridor else "countries-50m")
    nearest = tree.query_nearest(point, max_distance=END_SNAP_DEGREES)
    return names[int(nearest[0])] if len(nearest) else None


def country_sequence(coordinates: Sequence[tuple[float, float]]) -> list[str]:
    """The countries a line passes, in order, repeats merged; points in none are skipped and
    the ends snap to the nearest country (see the module docstring).

    >>> country_sequence([(73.37, 54.98), (69.15, 54.87), (65.34, 55.44)])  # Omsk, Petropavl, Kurgan
    ['Russia', 'Kazakhstan', 'Russia']
    """
    sequence: list[str] = []
    for name in countries_at(coordinates, snap_ends=True):
        if name is not None and (not sequence or sequence[-1] != name):
            sequence.append(name)
    return sequence


def country_changes(coordinates: Sequence[tuple[float, float]]) -> int:
    """How many times the country under a line changes (Omsk - Petropavl - Kurgan: 2)."""
    return max(0, len(country_sequence(coordinates)) - 1)


def third_countries(coordinates: Sequence[tuple[float, float]]) -> tuple[str, ...]:
    """The countries a line passes that are neither the country of its start nor of its end."""
    sequence = country_sequence(coordinates)
    if not sequence:
        return ()
    ends = {sequence[0], sequence[-1]}
    return tuple(dict.fromkeys(c for c in sequence if c not in ends))


def crosses_on_land(mode) -> bool:
    """Whether a change of country along a line of ``mode`` is a border crossing (rail, road)."""
    from routes.model.vocabulary import Mode

    return Mode(mode) in (Mode.RAIL, Mode.ROAD)


def crossings(coordinates: Sequence[tuple[float, float]], border_nodes: int = 0, mode="rail") -> int:
    """Border crossings of a line of ``mode`` that passes ``border_nodes`` border-crossing
    nodes: each node is a crossing and explains one change of country; on land, further
    changes count too."""
    return max(border_nodes, country_changes(coordinates) if crosses_on_land(mode) else 0)
