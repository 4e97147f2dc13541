"""Importing a line file as a routable network file (``routes network import``).

:func:`import_network` reads any line file GDAL reads (GeoJSON, GeoPackage, Shapefile,
FlatGeobuf, an OpenStreetMap extract), reprojected to WGS84, and turns its lines into the
junctions and segments of a network file (:mod:`routes.load.networks`):

- Line ends within ``snap_m`` metres of each other (WGS84 geodesic) become one junction, and so
  do vertices that two lines share exactly (an OpenStreetMap way meeting another at a node). A
  line end within ``snap_m`` of another line, between its vertices, splits that line there (a
  T-junction, with or without a gap). Lines that cross without a shared vertex (a bridge over
  another line) are not joined. Grouping is single-linkage: points within ``snap_m`` of each
  other in a chain are one junction.
- Every stretch of line between two junctions becomes a segment. Its shape points are simplified
  (Douglas-Peucker on a sinusoidal projection centred on the segment) so that the line stays
  within ``simplify_m`` of the source's line, and rounded to 1e-5 degree (about 1 m).
- With nodes (a routes node file), each node within ``attach_km`` of a line is joined to the
  nearest point of it by a segment of its own, to the junction there if one is within ``snap_m``,
  else to a new junction that splits the line, so scenarios can route between those nodes.

The result reports what was read and built: lines, junctions, segments, km, the connected
components (the largest first, with bounding boxes) and the nodes left unattached.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, cast

from routes.errors import Problems
from routes.geo.geodesy import GEOD
from routes.load.files import MAX_INPUT_BYTES, display_name
from routes.load.linefile import MAX_LINEFILE_BYTES, READ_ERRORS, read_vector_file
from routes.model.fields import bad_character, normalise_text, suggest
from routes.model.vocabulary import Mode

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

LINE_TYPES = ("LineString", "MultiLineString")
NAME_FIELDS = ("name", "Name", "NAME")
#: Coordinates are written with this many decimals (1e-5 degree: about 1 m).
DECIMALS = 5
_EARTH_M = 6_371_008.8
_M_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class ImportOptions:
    """How lines become a network: tolerances in metres or km, and what the file records."""

    mode: Mode
    source: str
    licence: str
    snap_m: float = 50.0
    simplify_m: float = 200.0
    attach_km: float = 5.0
    prefix: str = "net"
    layer: str | None = None
    name_field: str | None = None

    def __post_init__(self):
        for name in ("snap_m", "simplify_m", "attach_km"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")


@dataclass(frozen=True)
class Component:
    """A connected part of the network: its size and bounding box (west, south, east, north)."""

    segments: int
    km: float
    bounds: tuple[float, float, float, float]


@dataclass(frozen=True)
class ImportResult:
    """A built network file (``text``, TOML) and what it holds."""

    text: str
    lines_read: int
    parts: int
    skipped_empty: int
    dropped_short: int
    junctions: int
    segments: int
    km: float
    components: tuple[Component, ...]
    attached: tuple[tuple[str, float], ...] = ()
    unattached: tuple[tuple[str, float | None], ...] = ()
    assumed_crs: bool = False

    def report(self) -> list[str]:
        """The summary lines for stderr."""
        lines = [
            f"{self.lines_read:,} lines read ({self.parts:,} line pieces"
            + (f", {self.skipped_empty:,} features without geometry skipped" if self.skipped_empty else "")
            + (f", {self.dropped_short:,} pieces shorter than the snap tolerance dropped" if self.dropped_short else "")
            + ")",
            f"{self.junctions:,} junctions, {self.segments:,} segments, {self.km:,.0f} km of line",
        ]
        if self.assumed_crs:
            lines.insert(0, "the file has no CRS; its coordinates are degrees, read as WGS84 longitude/latitude")
        total = sum(c.km for c in self.components) or 1.0
        if self.components:
            lines.append(
                f"{len(self.components):,} connected component(s); the largest holds "
                f"{100 * self.components[0].km / total:.1f} % of the km"
            )
        for number, comp in enumerate(self.components[:5], 1):
            w, s, e, n = comp.bounds
            lines.append(
                f"  component {number}: {comp.segments:,} segments, {comp.km:,.0f} km, "
                f"bounds {w:.3f},{s:.3f} to {e:.3f},{n:.3f} (lon,lat)"
            )
        if self.attached:
            lines.append(
                f"{len(self.attached)} node(s) attached: " + ", ".join(f"{n} ({km:.2f} km)" for n, km in self.attached)
            )
        for node, km in self.unattached:
            why = f"nearest line {km:.1f} km away" if km is not None else "no line within the search radius"
            lines.append(f"node '{node}' not attached: {why}; raise --attach-km or add the line it stands on")
        return lines


def slugify(text: str) -> str:
    """A slug made of ``text`` (``"Rail lines 2024"`` -> ``"rail-lines-2024"``), or ``"net"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise_text(text).lower()).strip("-")
    return slug or "net"


def read_lines(path: str | Path, *, layer: str | None = None, name_field: str | None = None):
    """Read a line file's lines in EPSG:4326 and their names.

    Returns ``(frame, names, skipped, assumed)``: the features with a geometry, a list of clean
    names (or None) per feature, the number of features without geometry, and whether the file
    had no CRS and was read as longitude/latitude.

    Raises
    ------
    routes.ValidationError
        One line per problem: unreadable file, several layers, no CRS, not lines, bad coordinates.
    """
    import numpy
    import pyogrio
    import shapely

    path = Path(path)
    problems = Problems(display_name(path))
    if not path.exists():
        problems.add("", "", "file not found", "check the path")
    elif path.is_file() and path.stat().st_size > MAX_LINEFILE_BYTES:
        problems.add(
            "",
            "",
            f"file is {path.stat().st_size:,} bytes, over the limit of {MAX_LINEFILE_BYTES:,} bytes",
            "clip it to the region you need (osmium extract, ogr2ogr -spat) or convert it to GeoPackage",
        )
    problems.raise_if_any()
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except READ_ERRORS as exc:
        problems.add(
            "",
            "",
            f"cannot be read as a vector file ({type(exc).__name__}: {str(exc)[:200]})",
            "give a GeoJSON, GeoPackage, Shapefile, FlatGeobuf or another file GDAL reads",
        )
        problems.raise_if_any()
    if layer is None and len(layers) > 1:
        problems.add(
            "",
            "layer",
            f"the file has {len(layers)} layers ({', '.join(layers[:8])})",
            "choose the one with the lines with --layer NAME",
        )
    elif layer is not None and layer not in layers:
        problems.add(
            f"layer '{layer}'", "layer", "no such layer", suggest(layer, layers, f"layers: {', '.join(layers)}")
        )
    problems.raise_if_any()
    frame = _read_layer(path, layer, problems)
    assumed = False
    if frame.crs is None:
        west, south, east, north = (
            frame.total_bounds if len(frame) and not frame.geometry.is_empty.all() else (0, 0, 0, 0)
        )
        if not (-180 <= west and east <= 180 and -90 <= south and north <= 90):
            problems.add(
                "",
                "crs",
                "the file has no coordinate reference system and its coordinates are not degrees "
                f"(bounds {west:.0f}, {south:.0f}, {east:.0f}, {north:.0f})",
                "give the file its CRS (ogr2ogr -a_srs EPSG:xxxx out.gpkg in.shp) or reproject it to WGS84",
            )
            problems.raise_if_any()
        frame = frame.set_crs("EPSG:4326")
        assumed = True
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    empty = frame.geometry.isna() | frame.geometry.is_empty
    skipped = int(empty.sum())
    frame = frame[~empty.to_numpy()]
    if not len(frame):
        problems.add("", "geometry", "no feature with a line", "give a file (or --layer) with LineString features")
        problems.raise_if_any()
    types = frame.geom_type.to_numpy()
    bad = ~numpy.isin(types, LINE_TYPES)
    if bad.any():
        first = int(numpy.flatnonzero(bad)[0])
        problems.add(
            f"feature {frame.index[first]}",
            "geometry",
            f"is a {types[first]}, not a line ({int(bad.sum()):,} such features)",
            "keep only LineString and MultiLineString features (ogr2ogr -nlt MULTILINESTRING -where ...) "
            "or choose the line layer with --layer",
        )
    coords = shapely.get_coordinates(frame.geometry.to_numpy())
    ok = numpy.isfinite(coords).all(axis=1) & (numpy.abs(coords[:, 0]) <= 180) & (numpy.abs(coords[:, 1]) <= 90)
    if not ok.all():
        counts = shapely.get_num_coordinates(frame.geometry.to_numpy())
        owner = numpy.repeat(numpy.arange(len(frame)), counts)
        first = int(owner[numpy.flatnonzero(~ok)[0]])
        problems.add(
            f"feature {frame.index[first]}",
            "geometry",
            f"{int((~ok).sum()):,} coordinates are not finite or out of range after reprojection to WGS84",
            "fix or drop those features, or give the file its right CRS",
        )
    names: list[str | None] = [None] * len(frame)
    column = name_field or next((c for c in NAME_FIELDS if c in frame.columns), None)
    if column is not None and column not in frame.columns:
        others = [c for c in frame.columns if c != "geometry"]
        problems.add("", column, "no such field", suggest(column, others, f"fields: {', '.join(others) or 'none'}"))
    elif column is not None:
        names = [clean_name(v) for v in frame[column].tolist()]
    problems.raise_if_any()
    return frame, names, skipped, assumed


def _read_layer(path: Path, layer: str | None, problems: Problems) -> geopandas.GeoDataFrame:
    try:
        return read_vector_file(path, layer).reset_index(drop=True)
    except READ_ERRORS as exc:
        problems.add(
            "",
            "",
            f"cannot be read as a vector file ({type(exc).__name__}: {str(exc)[:200]})",
            "give a GeoJSON, GeoPackage, Shapefile, FlatGeobuf or another file GDAL reads",
        )
        problems.raise_all()


def clean_name(value: object) -> str | None:
    """A line's name as network files take it: NFC text without control characters, or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(normalise_text(str(value)).split())
    text = "".join(c for c in text if not bad_character(c))[:200]
    return text or None


# -- topology ---------------------------------------------------------------------------------


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


def _toml_text(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL is escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _comment(text: str) -> str:
    """One line of a TOML comment: TOML allows no control character in one but the tab."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def _number(value: float) -> str:
    text = f"{value:.{DECIMALS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def network_text(graph: _Graph, lines: list, options: ImportOptions, header: list[str]) -> str:
    """The network file (TOML) of a graph whose edges' coordinates are ``lines``."""
    source = _toml_text(options.source)
    out = [f"# {_comment(line)}" for line in header]
    description = (
        f"Imported with 'routes network import': line ends within {options.snap_m:g} m "
        f"(WGS84 geodesic) joined into junctions; shape points simplified to stay within "
        f"{options.simplify_m:g} m of the source's lines."
    )
    out += [
        "format_version = 1",
        f'mode = "{options.mode.value}"',
        f"source = {source}",
        f"licence = {_toml_text(options.licence)}",
        f"description = {_toml_text(description)}",
        "",
    ]
    used = sorted({e[i] for e in graph.edges for i in (0, 1)})
    node_places = {i for e in graph.edges if e[3] is None for i in (e[0],)}
    out.append("junctions = [")
    for j in used:
        if j in node_places:
            continue
        lon, lat = graph.lonlat[j]
        out.append(
            f'  {{ id = "{graph.place_ids[j]}", name = {_toml_text(graph.place_names[j])}, '
            f"lon = {_number(lon)}, lat = {_number(lat)}, source = {source} }},"
        )
    out.append("]")
    for number, (edge, line) in enumerate(zip(graph.edges, lines), 1):
        start, end, _, feature, name = edge
        out += [
            "",
            "[[segments]]",
            f'id = "{options.prefix}-s{number}"',
            f'from = "{graph.place_ids[start]}"',
            f'to = "{graph.place_ids[end]}"',
        ]
        if feature is None:
            out += [
                'geometry_confidence = "low"',
                f"note = {_toml_text(f'joins the node to the nearest point of the line (within {options.attach_km:g} km; assumed)')}",
                "points = []",
            ]
            continue
        out.append('geometry_confidence = "medium"')
        out.append(f"note = {_toml_text(f'feature {feature}' + (f' ({name})' if name else ''))}")
        point_name = _toml_text(name or "shape point")
        interior = line[1:-1]
        if not len(interior):
            out.append("points = []")
            continue
        out.append("points = [")
        out += [
            f"  {{ name = {point_name}, lon = {_number(lon)}, lat = {_number(lat)}, source = {source} }},"
            for lon, lat in interior
        ]
        out.append("]")
    return "\n".join(out) + "\n"


def import_network(
    path: str | Path, options: ImportOptions, *, nodes=None, nodes_file: str | None = None
) -> ImportResult:
    """Build a network file from the lines of ``path`` (see the module docstring).

    Parameters
    ----------
    path
        A line file GDAL reads.
    options
        Mode, source and licence texts, tolerances, the id prefix, the layer and name field.
    nodes
        A node frame (:func:`routes.load.nodes.load_nodes`) to attach to the network, or None.
    nodes_file
        The node file's name, for the file's header.

    Raises
    ------
    routes.ValidationError
        One line per problem of the input.
    """
    import numpy

    file = display_name(Path(path))
    frame, names, skipped, assumed_crs = read_lines(path, layer=options.layer, name_field=options.name_field)
    graph, dropped = build_graph(frame, names, options.snap_m, options.prefix)
    if not graph.edges:
        problems = Problems(file)
        problems.add(
            "",
            "geometry",
            f"every line collapses to a point once ends within {options.snap_m:g} m are joined: nothing to build",
            "check that the file holds the lines, or lower --snap-m",
        )
        problems.raise_if_any()
    if nodes is not None:
        generated = re.compile(rf"{re.escape(options.prefix)}-[js][0-9]+")
        clash = sorted(n for n in nodes["id"] if generated.fullmatch(n))
        if clash:
            problems = Problems(nodes_file or "nodes")
            problems.add(
                f"node '{clash[0]}'",
                "id",
                "has the form of the ids of the imported network's junctions and segments",
                "choose another --prefix for the junction ids",
            )
            problems.raise_if_any()
        attached, unattached = attach_nodes(graph, nodes, options.attach_km, options.snap_m)
    else:
        attached, unattached = [], []
    lines = simplify_edges(graph.edges, options.simplify_m)
    if lines:
        flat = numpy.concatenate(lines)
        steps = GEOD.line_lengths(flat[:, 0], flat[:, 1])
        counts = numpy.array([len(x) for x in lines])
        last = numpy.cumsum(counts) - 1
        step_owner = numpy.repeat(numpy.arange(len(lines)), counts)[:-1]
        valid = numpy.ones(len(steps), bool)
        valid[last[:-1]] = False
        km = numpy.bincount(
            step_owner[valid], weights=numpy.asarray(steps)[valid] / 1000.0, minlength=len(lines)
        ).astype(float, copy=False)  # floats already: the weights are (numpy's stubs say integers)
    else:
        km = numpy.zeros(0)
    starts = numpy.array([e[0] for e in graph.edges], dtype=int)
    ends = numpy.array([e[1] for e in graph.edges], dtype=int)
    comps = components(starts, ends, lines, km)
    junction_count = len({e[i] for e in graph.edges for i in (0, 1)}) - len(attached)
    header = [
        f"Network file written by 'routes network import' from {Path(file).name}"
        + (f" (layer '{options.layer}')" if options.layer else "")
        + f", mode {options.mode.value}.",
        f"Source: {options.source}. Licence: {options.licence}.",
        (
            f"Line ends, and vertices two lines share, within {options.snap_m:g} m of each other (WGS84 geodesic) "
            "are one junction; a line end within that distance of another line splits it there; lines that cross "
            "without a shared vertex (bridges) are not joined."
        ),
        (
            f"Shape points are simplified (Douglas-Peucker): each segment stays within {options.simplify_m:g} m of "
            f"the source's line; coordinates are rounded to 1e-{DECIMALS} degree (about 1 m)."
        ),
        (
            "Shape points are named after the line's name field where it has one, else 'shape point'; a segment's "
            "note gives the feature number it comes from."
        ),
        f"{len(frame):,} lines read; {junction_count:,} junctions; {len(graph.edges):,} segments; "
        f"{float(km.sum()):,.0f} km; {len(comps):,} connected component(s)"
        + (f", the largest with {100 * comps[0].km / max(float(km.sum()), 1e-9):.1f} % of the km." if comps else "."),
    ]
    if nodes is not None:
        header.append(
            f"Nodes of {nodes_file or 'the node file'} within {options.attach_km:g} km of a line are joined to "
            f"its nearest point by a segment of their own: {len(attached)} attached, {len(unattached)} not"
            + (
                f" ({', '.join(n for n, _ in unattached[:20])}{' ...' if len(unattached) > 20 else ''})."
                if unattached
                else "."
            )
        )
        header.append("Use this file with that node file (scenario: nodes = that file, networks = [this file]).")
    text = network_text(graph, lines, options, header)
    size = len(text.encode("utf-8"))
    if size > MAX_INPUT_BYTES:
        problems = Problems(file)
        problems.add(
            "",
            "",
            f"the network file would be {size:,} bytes, over the {MAX_INPUT_BYTES:,} bytes routes reads",
            f"raise --simplify-m (now {options.simplify_m:g}) or clip the lines to the case's region "
            "(ogr2ogr -spat west south east north)",
        )
        problems.raise_if_any()
    return ImportResult(
        text,
        len(frame),
        _count_parts(frame),
        skipped,
        dropped,
        junction_count,
        len(graph.edges),
        float(km.sum()),
        comps,
        tuple(attached),
        tuple(unattached),
        assumed_crs,
    )


def _count_parts(frame) -> int:
    import shapely

    return int(shapely.get_num_geometries(frame.geometry.to_numpy()).sum())
