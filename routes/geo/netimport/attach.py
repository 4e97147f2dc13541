"""Joining the nodes of a node file to the nearest point of the imported lines."""

from __future__ import annotations

import math
from typing import cast

from routes.geo.geodesy import GEOD
from routes.geo.netimport.topology import _degree_radius, _Graph, _local


def attach_nodes(graph: _Graph, nodes, attach_km: float, snap_m: float):
    """Join each node within ``attach_km`` of a line to its nearest point; return attached and
    unattached ``(node id, km to the nearest line)`` lists."""
    import numpy
    import shapely

    if not graph.edges:
        return [], [(n, None) for n in nodes["id"]]
    # One line per edge (given indices, linestrings returns an array; its stubs cannot tell).
    lines = cast(
        "numpy.typing.NDArray[numpy.object_]",
        shapely.linestrings(
            numpy.concatenate([e[2] for e in graph.edges]),
            indices=numpy.repeat(numpy.arange(len(graph.edges)), [len(e[2]) for e in graph.edges]),
        ),
    )
    tree = shapely.STRtree(lines)
    children = {i: [i] for i in range(len(graph.edges))}
    attached, unattached = [], []
    for node_id, name, point in zip(nodes["id"], nodes["name"], nodes.geometry):
        lon0, lat0 = point.x, point.y
        radius = float(_degree_radius(lat0, 2000.0 * attach_km))
        hits = tree.query(point, predicate="dwithin", distance=radius)
        if not len(hits):
            hits = tree.query_nearest(point)
        best = None
        for edge in sorted({c for h in hits for c in children[int(h)]}):
            line = graph.edges[edge][2]
            local = _local(line, lon0, lat0)
            shape = shapely.linestrings(local)
            along = shapely.line_locate_point(shape, shapely.points(0.0, 0.0))
            near = shapely.get_coordinates(shapely.line_interpolate_point(shape, along))[0]
            if best is None or math.hypot(*near) < best[0]:
                best = (math.hypot(*near), edge, along, local)
        assert best is not None  # the tree holds every edge, and query_nearest always finds one
        _, edge, along, local = best
        steps = numpy.hypot(*numpy.diff(local, axis=0).T)
        cumulative = numpy.concatenate([[0.0], numpy.cumsum(steps)])
        at = min(int(numpy.searchsorted(cumulative, along, side="right")) - 1, len(steps) - 1)
        line = graph.edges[edge][2]
        t = (along - cumulative[at]) / steps[at] if steps[at] else 0.0
        if 0 < t < 1:  # the point of the geodesic step at fraction t
            az, _, step_m = GEOD.inv(*line[at], *line[at + 1])
            lon, lat, _ = GEOD.fwd(line[at][0], line[at][1], az, t * step_m)
            lon, lat = float(lon), float(lat)
        else:
            lon, lat = (float(v) for v in line[at + (t >= 1)])
        km = GEOD.inv(lon0, lat0, lon, lat)[2] / 1000.0
        if km > attach_km:
            unattached.append((node_id, km))
            continue
        start, end = graph.edges[edge][0], graph.edges[edge][1]
        to_start = GEOD.inv(lon, lat, *graph.lonlat[start])[2]
        to_end = GEOD.inv(lon, lat, *graph.lonlat[end])[2]
        if min(to_start, to_end) <= snap_m:
            target = start if to_start <= to_end else end
        else:
            target = graph.add_junction(lon, lat, f"nearest point of the line to {name}")
            first = numpy.vstack([line[: at + 1], [[lon, lat]]])
            second = numpy.vstack([[[lon, lat]], line[at + 1 :]])
            feature, line_name = graph.edges[edge][3], graph.edges[edge][4]
            graph.edges[edge] = [start, target, first, feature, line_name]
            graph.edges.append([target, end, second, feature, line_name])
            graph.origin.append(graph.origin[edge])
            children[graph.origin[edge]].append(len(graph.edges) - 1)
        place = len(graph.lonlat)
        graph.lonlat.append((lon0, lat0))
        graph.place_ids.append(node_id)
        graph.place_names.append(name)
        graph.edges.append([place, target, numpy.array([[lon0, lat0], graph.lonlat[target]]), None, None])
        graph.origin.append(-1)
        attached.append((node_id, km))
    return attached, unattached
