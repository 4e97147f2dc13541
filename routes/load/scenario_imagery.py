"""``[[images_taken]]`` and ``[[counts]]`` of a scenario: observations typed or linked by the
analyst, kept apart from the claims (see :mod:`routes.model.imagery`, :mod:`routes.model.counts`).

An image taken gives its footprint as ``footprint = [[lon, lat], ...]``, ``point = [lon, lat]``
or ``file = "item.json"`` (a STAC item, KML placemark or GeoJSON feature inside the scenario's
folder, :mod:`routes.load.footprints`); the table's own ``acquired``, ``sensor``, ``provider``
and ``licence`` fill or override what the file states. A count gives ``node``, ``date``,
``unit`` and ``by_type = { ore = 175, box = 14 }`` (or ``count = 73``).
"""

from __future__ import annotations

from pathlib import Path

from routes.errors import Problems, ValidationError
from routes.load.evidence import evidence_images, inside_folder
from routes.load.footprints import Footprint, footprint_from_coords, geometry_problem, parse_time, read_footprint
from routes.load.scenario_records import read_sources, record_name
from routes.model.counts import DEFAULT_QUALIFIER, Count
from routes.model.fields import Fields, bad_character, normalise_text, quote, suggest
from routes.model.imagery import ImageTaken
from routes.model.vocabulary import UnitSet

IMAGE_TAKEN_FIELDS = (
    "id",
    "footprint",
    "point",
    "file",
    "acquired",
    "sensor",
    "provider",
    "licence",
    "supports",
    "sources",
    "note",
    "images",
)
COUNT_FIELDS = (
    "id",
    "node",
    "date",
    "unit",
    "by_type",
    "count",
    "qualifier",
    "provider",
    "supports",
    "sources",
    "note",
)
#: The most types one count lists (CSIS lists three to five).
MAX_TYPES = 20
#: Longest name of a type in ``by_type`` (a label on the page, the ledger and KML).
MAX_TYPE_CHARS = 200


def _supports(fields: Fields, known: set[str]) -> tuple[str, ...]:
    listed = fields.text_list("supports", slugs=True)
    for target in listed:
        if target not in known:
            fields.add(
                "supports", f"unknown claim or event '{target}'", suggest(target, known, "name a claim or event id")
            )
    return tuple(t for t in listed if t in known)


def _footprint(fields: Fields, table: dict, folder: Path) -> Footprint | None:
    given = [name for name in ("footprint", "point", "file") if name in table]
    if len(given) != 1:
        fields.add(
            "footprint",
            "missing" if not given else f"given {len(given)} ways ({', '.join(given)})",
            'give one of footprint = [[lon, lat], ...], point = [lon, lat] or file = "item.json" (STAC, .kml, .geojson)',
        )
        return None
    name = given[0]
    if name != "file":
        geometry = footprint_from_coords(table[name])
        if geometry is None or (name == "point") != (geometry.geom_type == "Point"):
            example = "[131.5, 42.3]" if name == "point" else "[[lon, lat], [lon, lat], [lon, lat], ...]"
            fields.add(name, f"{quote(table[name])} is not a list of numbers", f"write {name} = {example}")
            return None
        if (why := geometry_problem(geometry)) is not None:
            fields.add(name, f"the footprint {why}", "give lon/lat in degrees (EPSG:4326)")
            return None
        return Footprint(geometry)
    file = fields.text("file")
    if file is None:
        return None
    path = inside_folder(folder, file)
    if path is None:
        fields.add("file", f"{quote(file)} is outside the scenario's folder", "copy it into the scenario's folder")
        return None
    try:
        return read_footprint(path)
    except ValidationError as exc:
        for problem in exc.problems:
            fields.add("file", f"{quote(file)}: {problem.message}", problem.fix)
        return None


def read_image_taken(problems: Problems, table: dict, number: int, known: set[str], folder: Path) -> ImageTaken | None:
    """One ``[[images_taken]]`` table, or None after recording its problems."""
    fields = Fields(problems, record_name("image taken", number, table), table, IMAGE_TAKEN_FIELDS)
    ident = fields.slug("id")
    found = _footprint(fields, table, folder)
    given = {name: fields.text(name, required=False) for name in ("sensor", "provider", "licence")}
    values = {name: given[name] or _from_file(fields, found, name) for name in ("sensor", "provider", "licence")}
    unread = found is None and "file" in table  # its problem is listed: nothing more to say of what it lacks
    for name, fix in (
        ("sensor", 'e.g. sensor = "Sentinel-1 (SAR)"'),
        ("provider", 'e.g. provider = "Planet Labs"'),
        ("licence", 'e.g. licence = "Contains modified Copernicus Sentinel data 2023", or "not stated"'),
    ):
        if values[name] is None and name not in table and not unread and getattr(found, name, None) is None:
            fields.add(name, "missing (the file does not state it either)", fix)
    raw = table.get("acquired", found.acquired if found else None)
    when = parse_time(raw)
    if when is None and not (unread and raw is None):
        fields.add(
            "acquired",
            "missing" if raw is None else f"{quote(raw)} is not a date or a UTC time",
            'give acquired = "2023-09-07T02:14:00Z" (UTC) or "2023-09-07" where only the day is known',
        )
    supports = _supports(fields, known)
    sources, note = read_sources(fields, required=False), fields.text("note", required=False)
    images = evidence_images(fields, folder)
    if ident is None or found is None or when is None or None in values.values():
        return None
    origin = "scenario" if "file" not in table else str(table["file"])
    return ImageTaken(
        ident,
        found.geometry,
        when[0],
        str(values["sensor"]),
        str(values["provider"]),
        str(values["licence"]),
        when[1],
        supports,
        sources,
        note,
        origin,
        images,
    )


def _from_file(fields: Fields, found: Footprint | None, name: str) -> str | None:
    """The footprint file's own ``name`` (sensor, provider, licence), checked as the table's text
    is: within the length cap, no control character; a problem names the field as the file's."""
    value = getattr(found, name) if found else None
    if value is None:
        return None
    label = f"{name} (from its file)"
    return Fields(fields.problems, fields.record, {label: value}, [label]).text(label, required=False)


def _type_key(fields: Fields, kind: object) -> str | None:
    """A ``by_type`` key as shown (white space runs as one space), or None after a problem: it
    is user text like any other, so capped at :data:`MAX_TYPE_CHARS` and free of control characters."""
    text = str(kind)
    if len(text) > MAX_TYPE_CHARS:
        fields.add("by_type", f"type {quote(text)} is {len(text):,} characters", f"keep it to {MAX_TYPE_CHARS}")
        return None
    bad = bad_character(text)
    if bad:
        fields.add("by_type", f"type {quote(text)} holds the control or invalid character {bad}", "remove it")
        return None
    shown = " ".join(normalise_text(text).split())
    if not shown:
        fields.add("by_type", f"type {quote(text)} is empty", "name the type, or give count = N")
        return None
    return shown


def read_count(
    problems: Problems, table: dict, number: int, node_ids: set[str], known: set[str], units: UnitSet
) -> Count | None:
    """One ``[[counts]]`` table, or None after recording its problems."""
    fields = Fields(problems, record_name("count", number, table), table, COUNT_FIELDS)
    ident, node = fields.slug("id"), fields.slug("node")
    if node is not None and node not in node_ids:
        fields.add("node", f"unknown node '{node}'", suggest(node, node_ids, "name a node of the case"))
        node = None
    date, unit = fields.date("date"), fields.choice("unit", units)
    by_type: list[tuple[str, float]] = []
    table_types = fields.table("by_type")
    if ("by_type" in table) == ("count" in table):
        fields.add(
            "by_type", "give by_type or count, one of them", "e.g. by_type = { ore = 175, box = 14 } or count = 73"
        )
    elif table_types is not None:
        if not table_types or len(table_types) > MAX_TYPES:
            fields.add("by_type", f"lists {len(table_types)} types", f"list 1 to {MAX_TYPES} types with their numbers")
        named: set[str] = set()
        for kind in list(table_types)[:MAX_TYPES]:
            shown = _type_key(fields, kind)
            if shown is None:
                continue
            if shown in named:
                fields.add("by_type", f"type {quote(shown)} listed twice", "give each type once, with its number")
                continue
            named.add(shown)
            sub = Fields(problems, fields.record, {f"by_type.{shown}": table_types[kind]}, [f"by_type.{shown}"])
            value = sub.number(f"by_type.{shown}")
            if value is not None:
                by_type.append((shown, value))
    elif (value := fields.number("count")) is not None:
        by_type.append(("", value))
    qualifier = fields.text("qualifier", required=False) or DEFAULT_QUALIFIER
    provider = fields.text("provider", required=False)
    supports = _supports(fields, known)
    sources, note = read_sources(fields, required=True), fields.text("note", required=False)
    if None in (ident, node, date, unit) or not by_type or not sources:
        return None
    assert ident and node and date and unit
    return Count(ident, node, date, unit, tuple(by_type), sources, qualifier, provider, supports, note)
