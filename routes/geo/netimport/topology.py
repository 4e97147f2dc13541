"""Lines to a graph: line ends and shared vertices joined into junctions, T-junctions split,
the connected components, and the edges' shapes simplified."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

from routes.geo.geodesy import GEOD
from routes.geo.netimport.options import DECIMALS, Component

_EARTH_M = 6_371_008.8


_M_PER_DEGREE = 111_320.0


@dataclass
class _Graph:
    """Places (junctions, then attached nodes) and edges between them, at full resolution."""

    lonlat: list[tuple[float, float]]
    place_ids: list[str]
    place_names: list[str]
    edges: list[list]  # [start place, end place, coords (k, 2) with both ends, feature, name]
    origin: list[int] = field(default_factory=list)  # edge -> index of the edge it was split from
    prefix: str = "net"
    junction_count: int = 0

    def add_junction(self, lon: float, lat: float, name: str | None = None) -> int:
        """A new junction's place index (its id numbers the junctions in order)."""
        self.junction_count += 1
        self.lonlat.append((float(lon), float(lat)))
        self.place_ids.append(f"{self.prefix}-j{self.junction_count}")
        if name is not None:
            self.place_names.append(name)
        return len(self.lonlat) - 1


def _degree_radius(lat, metres):
    import numpy

    return metres / (_M_PER_DEGREE * numpy.maximum(numpy.cos(numpy.radians(numpy.abs(lat))), 0.01))


def _labels(n: int, i, j):
    """Connected-component labels (0..k-1, in order of first member) of ``n`` items joined by pairs."""
    import numpy

    label = numpy.arange(n)
    while len(i):
        low = numpy.minimum(label[i], label[j])
        new = label.copy()
        numpy.minimum.at(new, i, low)
        numpy.minimum.at(new, j, low)
        new = new[new]
        if (new == label).all():
            break
        label = new
    _, first, inverse = numpy.unique(label, return_index=True, return_inverse=True)
    order = numpy.argsort(numpy.argsort(first))
    return order[inverse]


def _pieces(frame):
    """The line pieces (parts of multi-lines) without repeated vertices.

    Returns ``(coords, piece, owner, dropped)``: every vertex, the piece it belongs to, the frame
    row of each piece, and how many pieces had fewer than two distinct vertices.
    """
    import numpy
    import shapely

    parts, owner = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    counts = shapely.get_num_coordinates(parts)
    coords = shapely.get_coordinates(parts)
    piece = numpy.repeat(numpy.arange(len(parts)), counts)
    keep = numpy.ones(len(coords), bool)
    keep[1:] = (piece[1:] != piece[:-1]) | (coords[1:] != coords[:-1]).any(axis=1)
    coords, piece = coords[keep], piece[keep]
    good = numpy.bincount(piece, minlength=len(parts)) >= 2  # pieces with two distinct points left
    keep = good[piece]
    coords, piece = coords[keep], piece[keep]
    renumber = numpy.cumsum(good) - 1
    piece = renumber[piece]
    return coords, piece, owner[good], int((~good).sum())


def _topology(coords, piece, snap_m: float):
    """Mark the vertices where segments end and group them into junctions.

    Returns ``(coords, piece, junction)`` after inserting a vertex into each line where another
    line's end meets it between vertices; ``junction`` is the junction number of each vertex
    where a segment ends, -1 elsewhere.
    """
    import numpy
    import shapely

    n = len(coords)
    first = numpy.ones(n, bool)
    first[1:] = piece[1:] != piece[:-1]
    last = numpy.ones(n, bool)
    last[:-1] = piece[1:] != piece[:-1]
    ends = numpy.flatnonzero(first | last)
    # Ends within snap_m of another piece, between its vertices: insert a vertex there.
    starts = numpy.flatnonzero(first)
    lines = shapely.linestrings(coords, indices=piece)
    tree = shapely.STRtree(lines)
    end_points = shapely.points(coords[ends])
    e_idx, q = tree.query(end_points, predicate="dwithin", distance=_degree_radius(coords[ends, 1], snap_m))
    other = piece[ends[e_idx]] != q
    e_idx, q = e_idx[other], q[other]
    pairs: list[tuple[int, int]] = []  # (vertex, vertex) to join, in the coordinates after insertion
    inserts: list[tuple[int, float, float, float, int]] = []  # (after vertex, order, lon, lat, end vertex)
    if len(q):
        along = shapely.line_locate_point(lines[q], end_points[e_idx])
        near = shapely.get_coordinates(shapely.line_interpolate_point(lines[q], along))
        end_lon, end_lat = coords[ends[e_idx], 0], coords[ends[e_idx], 1]
        close = GEOD.inv(end_lon, end_lat, near[:, 0], near[:, 1])[2] <= snap_m
        e_idx, q, along, near = e_idx[close], q[close], along[close], near[close]
        # Nearest at (or within snap_m of) an end of the other line: join the two ends.
        q_first = starts[q]
        q_last = q_first + shapely.get_num_coordinates(lines[q]) - 1
        to_first = GEOD.inv(near[:, 0], near[:, 1], coords[q_first, 0], coords[q_first, 1])[2]
        to_last = GEOD.inv(near[:, 0], near[:, 1], coords[q_last, 0], coords[q_last, 1])[2]
        at_end = numpy.minimum(to_first, to_last) <= snap_m
        pairs += zip(ends[e_idx[at_end]].tolist(), numpy.where(to_first <= to_last, q_first, q_last)[at_end].tolist())
        for k in numpy.flatnonzero(~at_end):  # between the other line's ends: a T-junction
            seg = coords[q_first[k] : q_last[k] + 1]
            steps = numpy.hypot(*numpy.diff(seg, axis=0).T)
            cumulative = numpy.concatenate([[0.0], numpy.cumsum(steps)])
            at = min(int(numpy.searchsorted(cumulative, along[k], side="right")) - 1, len(steps) - 1)
            lon, lat = near[k]
            to_a = GEOD.inv(lon, lat, *seg[at])[2]
            to_b = GEOD.inv(lon, lat, *seg[at + 1])[2]
            end_vertex = int(ends[e_idx[k]])
            if min(to_a, to_b) <= 1.0:  # at a vertex already
                pairs.append((end_vertex, int(q_first[k] + at + (to_b < to_a))))
            else:
                inserts.append((int(q_first[k] + at), float(along[k]), float(lon), float(lat), end_vertex))
    shared = _shared_vertices(coords)
    node = numpy.zeros(n, bool)
    node[ends] = True
    node[shared] = True
    if inserts:
        inserts.sort()
        after = numpy.array([s[0] for s in inserts])
        new_points = numpy.array([[s[2], s[3]] for s in inserts])
        shift = numpy.searchsorted(after + 1, numpy.arange(n), side="right")
        coords = numpy.insert(coords, after + 1, new_points, axis=0)
        piece = numpy.insert(piece, after + 1, piece[after])
        node = numpy.insert(node, after + 1, True)
        pairs = [(a + shift[a], b + shift[b]) for a, b in pairs]
        pairs += [(s[4] + shift[s[4]], int(after[j] + 1 + j)) for j, s in enumerate(inserts)]
    # Group the node vertices within snap_m of each other (and the pairs above) into junctions.
    vertices = numpy.flatnonzero(node)
    points = shapely.points(coords[vertices])
    radius = _degree_radius(coords[vertices, 1], snap_m)
    tree = shapely.STRtree(points)
    a, b = tree.query(points, predicate="dwithin", distance=radius)
    wrap = numpy.flatnonzero(numpy.abs(coords[vertices, 0]) > 179.0)  # ends on either side of 180°
    if len(wrap):
        shifted = (
            coords[vertices[wrap]] - numpy.c_[numpy.sign(coords[vertices[wrap], 0]) * 360.0, numpy.zeros(len(wrap))]
        )
        wa, wb = tree.query(shapely.points(shifted), predicate="dwithin", distance=radius[wrap])
        a, b = numpy.concatenate([a, wrap[wa]]), numpy.concatenate([b, wb])
    a, b = numpy.minimum(a, b), numpy.maximum(a, b)
    keep = a < b
    a, b = a[keep], b[keep]
    close = (
        GEOD.inv(coords[vertices[a], 0], coords[vertices[a], 1], coords[vertices[b], 0], coords[vertices[b], 1])[2]
        <= snap_m
    )
    a, b = a[close], b[close]
    if pairs:
        position = numpy.full(len(coords), -1)
        position[vertices] = numpy.arange(len(vertices))
        extra = numpy.array([(position[u], position[v]) for u, v in pairs])
        a, b = numpy.concatenate([a, extra[:, 0]]), numpy.concatenate([b, extra[:, 1]])
    junction = numpy.full(len(coords), -1)
    junction[vertices] = _labels(len(vertices), a, b)
    return coords, piece, junction


def _shared_vertices(coords):
    """Indices of vertices whose position (to 1e-7 degree) occurs more than once."""
    import numpy

    keys = numpy.rint(coords * 1e7).astype(numpy.int64)
    _, inverse, counts = numpy.unique(keys, axis=0, return_inverse=True, return_counts=True)
    return numpy.flatnonzero(counts[inverse.ravel()] > 1)


def _mean_lonlat(points) -> tuple[float, float]:
    import numpy

    lon = points[:, 0].copy()
    lon = lon[0] + (lon - lon[0] + 180.0) % 360.0 - 180.0
    mean_lon = (float(lon.mean()) + 180.0) % 360.0 - 180.0
    return mean_lon, float(numpy.mean(points[:, 1]))


def build_graph(frame, names: list, snap_m: float, prefix: str) -> tuple[_Graph, int]:
    """Junctions and edges (full resolution) of the lines of ``frame``; also the pieces dropped."""
    import numpy

    coords, piece, owner, degenerate = _pieces(frame)
    if not len(coords):
        return _Graph([], [], [], [], prefix=prefix), degenerate
    coords, piece, junction = _topology(coords, piece, snap_m)
    count = int(junction.max()) + 1
    members = numpy.flatnonzero(junction >= 0)
    order = members[numpy.argsort(junction[members], kind="stable")]
    bounds = numpy.searchsorted(junction[order], numpy.arange(count + 1))
    lonlat = [_mean_lonlat(coords[order[bounds[j] : bounds[j + 1]]]) for j in range(count)]
    meeting: list[list[str]] = [[] for _ in range(count)]
    graph = _Graph(lonlat, [f"{prefix}-j{j + 1}" for j in range(count)], [], [], prefix=prefix, junction_count=count)
    dropped = degenerate
    cuts = numpy.flatnonzero(junction >= 0)
    cut_piece = piece[cuts]
    for p, lo, hi in zip(*_runs(cut_piece)):
        feature = int(frame.index[owner[p]])  # the feature's number in the file
        name = names[owner[p]]
        vertex_cuts = cuts[lo:hi]
        for u, v in pairwise(vertex_cuts):
            ja, jb = int(junction[u]), int(junction[v])
            line = coords[u : v + 1].copy()
            line[0], line[-1] = lonlat[ja], lonlat[jb]
            if ja == jb:
                length = GEOD.line_length(line[:, 0], line[:, 1])
                if length <= 2 * snap_m or len(line) < 3:
                    dropped += 1
                    continue
                mid = len(line) // 2  # a loop: a junction of its own halfway
                jm = graph.add_junction(line[mid, 0], line[mid, 1])
                meeting.append([name] if name else [])
                graph.edges += [[ja, jm, line[: mid + 1], feature, name], [jm, jb, line[mid:], feature, name]]
            else:
                graph.edges.append([ja, jb, line, feature, name])
            if name:
                for j in (ja, jb):
                    if name not in meeting[j]:
                        meeting[j].append(name)
    graph.origin = list(range(len(graph.edges)))
    degree = numpy.bincount([e[i] for e in graph.edges for i in (0, 1)], minlength=len(graph.lonlat))
    for j, lines in enumerate(meeting):
        what = "end of line" if degree[j] == 1 else "junction"
        graph.place_names.append(f"{' / '.join(lines[:2])} ({what})" if lines else what)
    return graph, dropped


def _runs(values):
    """``(value, start, stop)`` arrays of the runs of equal values in a sorted array."""
    import numpy

    if not len(values):
        return [], [], []
    change = numpy.flatnonzero(numpy.diff(values)) + 1
    starts = numpy.concatenate([[0], change])
    stops = numpy.concatenate([change, [len(values)]])
    return values[starts], starts, stops


def _local(line, lon0: float, lat0: float):
    """``line`` in metres on an equirectangular plane centred on ``(lon0, lat0)``."""
    import numpy

    dlon = (line[:, 0] - lon0 + 180.0) % 360.0 - 180.0
    return numpy.c_[
        numpy.radians(dlon) * _EARTH_M * math.cos(math.radians(lat0)), numpy.radians(line[:, 1] - lat0) * _EARTH_M
    ]


def simplify_edges(edges: list[list], tolerance_m: float) -> list:
    """Each edge's coordinates (ends included) simplified to stay within ``tolerance_m``,
    rounded to :data:`DECIMALS` without repeated points."""
    import numpy
    import shapely

    if not edges:
        return []
    counts = numpy.array([len(e[2]) for e in edges])
    coords = numpy.concatenate([e[2] for e in edges])
    owner = numpy.repeat(numpy.arange(len(edges)), counts)
    lon0 = coords[numpy.concatenate([[0], numpy.cumsum(counts)[:-1]]), 0][owner]
    dlon = (coords[:, 0] - lon0 + 180.0) % 360.0 - 180.0
    lat = numpy.radians(coords[:, 1])
    xy = numpy.c_[numpy.radians(dlon) * numpy.cos(lat) * _EARTH_M, lat * _EARTH_M]
    simple = shapely.simplify(shapely.linestrings(xy, indices=owner), tolerance_m, preserve_topology=False)
    kept, index = shapely.get_coordinates(simple, return_index=True)
    lat = kept[:, 1] / _EARTH_M
    starts = numpy.concatenate([[0], numpy.cumsum(counts)[:-1]])
    cos = numpy.maximum(numpy.cos(lat), 1e-9)
    lon = (coords[starts, 0][index] + numpy.degrees(kept[:, 0] / (_EARTH_M * cos)) + 180.0) % 360.0 - 180.0
    out = numpy.round(numpy.column_stack([lon, numpy.degrees(lat)]), DECIMALS)
    result = [numpy.round(numpy.array([e[2][0], e[2][-1]]), DECIMALS) for e in edges]  # if simplified away
    for e, lo, hi in zip(*_runs(index)):
        line = out[lo:hi]
        if len(line) < 2:
            continue
        line[0] = numpy.round(edges[e][2][0], DECIMALS)
        line[-1] = numpy.round(edges[e][2][-1], DECIMALS)
        keep = numpy.ones(len(line), bool)
        keep[1:-1] = (line[1:-1] != line[:-2]).any(axis=1) & (line[1:-1] != line[-1]).any(axis=1)
        result[e] = line[keep]
    return result


def components(starts, ends, lines, km) -> tuple[Component, ...]:
    """The connected components of edges ``starts[i] - ends[i]``, the largest (in km) first."""
    import numpy

    if not len(starts):
        return ()
    places, inverse = numpy.unique(numpy.concatenate([starts, ends]), return_inverse=True)
    label = _labels(len(places), inverse[: len(starts)], inverse[len(starts) :])[inverse[: len(starts)]]
    found = []
    for comp in range(int(label.max()) + 1):
        members = numpy.flatnonzero(label == comp)
        points = numpy.concatenate([lines[m] for m in members])
        west, south = points.min(axis=0)
        east, north = points.max(axis=0)
        found.append(
            Component(len(members), float(km[members].sum()), (float(west), float(south), float(east), float(north)))
        )
    return tuple(sorted(found, key=lambda c: (-c.km, -c.segments, c.bounds)))
