"""Network files: the segments legs follow between nodes, with their hand-placed shape points.

A network file (TOML) holds segments of one mode. A segment joins two nodes of the node file
(or two *junctions*, points of the network itself such as a sea-lane fork) and lists its
interior shape points in order, each with a name and a source, so a reader can check every
bend of a line. Legs are built by chaining segments (see :mod:`routes.geo.legs`), either along
the nodes a scenario lists or along the shortest path (see :mod:`routes.geo.graph`).

.. code-block:: toml

    format_version = 1
    mode = "rail"
    source = "OpenStreetMap contributors, extract of 2024-05-01"   # optional: where the lines come from
    licence = "ODbL-1.0"          # optional: the data's terms (``routes network import`` writes both)

    [[junctions]]                 # optional: network-only points where lanes meet
    id = "sea-off-tumen"
    name = "offshore of the Tumen River mouth"
    lon = 130.80
    lat = 42.15
    source = "placed against the Natural Earth 10m coast"

    [[segments]]
    id = "dunay-smolyaninovo"
    from = "dunay"
    to = "smolyaninovo"
    geometry_confidence = "low"
    note = "Dunai branch (1937)"
    points = [
      { name = "Fokino", lon = 132.4110, lat = 42.9706, source = "hflabs/city" },
    ]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from routes.errors import Problems
from routes.load.files import display_name, read_toml
from routes.load.nodes import check_lon_lat
from routes.model.fields import Fields, quote
from routes.model.vocabulary import Confidence, Mode

SEGMENT_FIELDS = ("id", "from", "to", "geometry_confidence", "note", "points")
POINT_FIELDS = ("name", "lon", "lat", "source", "note")
JUNCTION_FIELDS = ("id", "name", "lon", "lat", "source", "note")


@dataclass(frozen=True)
class ShapePoint:
    """A named bend of a segment (also the form of a junction)."""

    name: str
    lon: float
    lat: float
    source: str


@dataclass(frozen=True)
class Segment:
    """A stretch of network between two nodes or junctions."""

    id: str
    mode: Mode
    start: str
    end: str
    geometry_confidence: Confidence
    points: tuple[ShapePoint, ...]
    file: str
    note: str | None = None


@dataclass(frozen=True)
class Network:
    """All segments and junctions of the network files a scenario uses."""

    segments: tuple[Segment, ...]
    junctions: dict[str, ShapePoint] = field(default_factory=dict)
    #: Where the file's lines come from and under what terms (optional top-level fields;
    #: a merged network joins the distinct texts of its files with "; ").
    source: str | None = None
    licence: str | None = None

    @cached_property
    def _by_ends(self) -> dict[tuple[Mode, str, str], tuple[Segment, bool]]:
        index: dict[tuple[Mode, str, str], tuple[Segment, bool]] = {}
        for segment in self.segments:
            index.setdefault((segment.mode, segment.start, segment.end), (segment, False))
            index.setdefault((segment.mode, segment.end, segment.start), (segment, True))
        return index

    @cached_property
    def cache(self) -> dict:
        """Derived data kept with the network (e.g. routing graphs); the network is immutable."""
        return {}

    def find(self, mode: Mode, a: str, b: str) -> tuple[Segment, bool] | None:
        """The segment of ``mode`` joining ``a`` and ``b``, and whether it runs b → a."""
        return self._by_ends.get((mode, a, b))

    def node_ids(self) -> set[str]:
        """Every node or junction a segment starts or ends at."""
        return {n for s in self.segments for n in (s.start, s.end)}

    def modes(self) -> set[Mode]:
        """The modes the network has segments for."""
        return {s.mode for s in self.segments}


def load_network(path: str | Path) -> Network:
    """Load and validate one network file.

    Raises
    ------
    routes.ValidationError
        Listing every problem of the file.
    """
    path = Path(path)
    file = display_name(path)
    data = read_toml(path)
    problems = Problems(file)
    top = Fields(
        problems, "", data, ("format_version", "mode", "segments", "junctions", "description", "source", "licence")
    )
    if type(data.get("format_version")) is not int or data.get("format_version") != 1:
        top.add(
            "format_version",
            f"{quote(data.get('format_version'))} is not a supported version",
            "write format_version = 1",
        )
    mode = top.choice("mode", Mode)
    file_source, file_licence = top.text("source", required=False), top.text("licence", required=False)
    junctions: dict[str, ShapePoint] = {}
    for number, table in enumerate(top.tables("junctions")):
        record = f"junction {number}" + (f" '{table['id']}'" if isinstance(table.get("id"), str) else "")
        fields = Fields(problems, record, table, JUNCTION_FIELDS)
        ident, name, source = fields.slug("id"), fields.text("name"), fields.text("source")
        fields.text("note", required=False)
        lon_lat = check_lon_lat(problems, record, "lon/lat", [table.get("lon"), table.get("lat")])
        if ident in junctions:
            fields.add("id", f"duplicate id '{ident}'", "give each junction its own id")
        elif ident is not None and name is not None and source is not None and lon_lat is not None:
            junctions[ident] = ShapePoint(name, lon_lat[0], lon_lat[1], source)
    segments: list[Segment] = []
    seen: set[str] = set()
    for number, table in enumerate(top.tables("segments")):
        record = f"segment {number}" + (f" '{table['id']}'" if isinstance(table.get("id"), str) else "")
        fields = Fields(problems, record, table, SEGMENT_FIELDS)
        seg_id = fields.slug("id")
        start, end = fields.slug("from"), fields.slug("to")
        confidence = fields.choice("geometry_confidence", Confidence)
        note = fields.text("note", required=False)
        points = []
        raw_points = table.get("points", [])
        if not isinstance(raw_points, list):
            fields.add(
                "points", "is not a list", "write points = [ {name = ..., lon = ..., lat = ..., source = ...}, ... ]"
            )
            raw_points = []
        for index, raw in enumerate(raw_points):
            point_record = f"{record} point {index}"
            if not isinstance(raw, dict):
                problems.add(
                    point_record,
                    "",
                    f"{quote(raw)} is not a table",
                    "write { name = ..., lon = ..., lat = ..., source = ... }",
                )
                continue
            pf = Fields(problems, point_record, raw, POINT_FIELDS)
            name, source = pf.text("name"), pf.text("source")
            pf.text("note", required=False)
            lon_lat = check_lon_lat(problems, point_record, "lon/lat", [raw.get("lon"), raw.get("lat")])
            if name and source and lon_lat:
                points.append(ShapePoint(name, lon_lat[0], lon_lat[1], source))
        if seg_id is not None:  # a missing id is reported once, not as a duplicate of the last one
            if seg_id in seen:
                fields.add("id", f"duplicate id '{seg_id}'", "give each segment its own id")
            seen.add(seg_id)
        if start and start == end:
            fields.add("to", f"segment starts and ends at '{start}'", "join two different nodes")
        if seg_id is not None and start is not None and end is not None and confidence is not None and mode is not None:
            segments.append(Segment(seg_id, mode, start, end, confidence, tuple(points), file, note))
    problems.raise_if_any()
    return Network(tuple(segments), junctions, file_source, file_licence)


def node_positions(nodes, network: Network) -> dict[str, tuple[float, float]]:
    """``(lon, lat)`` of every node of a node frame and every junction of a network, by id."""
    found = {j: (p.lon, p.lat) for j, p in network.junctions.items()}
    found.update({n: (g.x, g.y) for n, g in zip(nodes["id"], nodes.geometry)})
    return found


def merge_networks(networks: list[Network]) -> Network:
    """One network holding the segments and junctions of several files."""
    junctions: dict[str, ShapePoint] = {}
    for network in networks:
        junctions.update(network.junctions)
    source = "; ".join(dict.fromkeys(n.source for n in networks if n.source)) or None
    licence = "; ".join(dict.fromkeys(n.licence for n in networks if n.licence)) or None
    return Network(tuple(s for n in networks for s in n.segments), junctions, source, licence)
