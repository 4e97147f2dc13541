"""Column layouts of AIS position files, and the SQL that turns one into the positions table.

Every input becomes rows of one schema (:data:`COLUMNS`): ``mmsi`` (9 digits), ``t`` (seconds
since 1970, UTC), ``lon``, ``lat``, ``sog`` (knots) and the identity a ship broadcasts
(``imo``, ``name``, ``callsign``, ``flag``, ``length_m``, ``width_m``). A layout names, for each
of them, the column of the file that holds it, and how its times are written. Known layouts are
found from the header: the Danish Maritime Authority's daily CSV and NOAA MarineCadastre's;
anything else is mapped with ``--field NAME=COLUMN``.

Columns are read as text and converted with ``TRY_CAST``: a value that does not convert is
collected as a problem (:mod:`routes.observe.checks`), never a crash; a text field longer than
its cap, or holding control characters, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The positions table's columns, in order.
COLUMNS = ("mmsi", "t", "lon", "lat", "sog", "imo", "name", "callsign", "flag", "length_m", "width_m")
#: The names ``--field`` accepts (``time`` is the file's time column, read into ``t``).
FIELDS = ("mmsi", "time", "lon", "lat", "sog", "imo", "name", "callsign", "flag", "length_m", "width_m")
REQUIRED = ("mmsi", "time", "lon", "lat")
#: Longest text a field may hold (AIS itself allows 20 characters for a name, 7 for a call sign).
TEXT_CAPS = {"name": 120, "callsign": 16, "flag": 60, "imo": 16}


@dataclass(frozen=True)
class Layout:
    """Where each field is in a file: ``columns`` maps a field of :data:`FIELDS` to a column name."""

    name: str
    columns: dict[str, str] = field(default_factory=dict)
    #: A strptime format for the time column, or "" for ISO 8601 (with or without a zone; UTC if none).
    time_format: str = ""


DMA = Layout(
    "DMA",
    {
        "time": "# Timestamp",
        "mmsi": "MMSI",
        "lat": "Latitude",
        "lon": "Longitude",
        "sog": "SOG",
        "imo": "IMO",
        "callsign": "Callsign",
        "name": "Name",
        "width_m": "Width",
        "length_m": "Length",
    },
    "%d/%m/%Y %H:%M:%S",
)
NOAA = Layout(
    "NOAA",
    {
        "mmsi": "MMSI",
        "time": "BaseDateTime",
        "lat": "LAT",
        "lon": "LON",
        "sog": "SOG",
        "name": "VesselName",
        "imo": "IMO",
        "callsign": "CallSign",
        "length_m": "Length",
        "width_m": "Width",
    },
)
#: The project's own layout: the field names themselves (what --synthetic and NMEA produce).
ROUTES = Layout("routes", {name: name for name in FIELDS})


def detect_layout(header: list[str], mapping: dict[str, str]) -> tuple[Layout | None, list[str]]:
    """The layout of a file with ``header``, with ``mapping`` (``--field``) applied over it; or
    ``None`` and the required fields no column was found for."""
    columns = set(header)
    base = Layout("mapped")
    for known in (NOAA, DMA, ROUTES):
        wanted = {known.columns[name] for name in REQUIRED}
        if known is DMA and "# Timestamp" not in columns and "Timestamp" in columns:
            known = Layout("DMA", {**DMA.columns, "time": "Timestamp"}, DMA.time_format)
            wanted = {known.columns[name] for name in REQUIRED}
        if wanted <= columns:
            base = known
            break
    merged = {k: v for k, v in base.columns.items() if v in columns}
    merged.update(mapping)
    layout = Layout(base.name if not mapping else f"{base.name}+--field", merged, base.time_format)
    missing = [name for name in REQUIRED if name not in merged]
    return (None, missing) if missing else (layout, [])


def quote_ident(name: str) -> str:
    """A column name as a SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def raw(layout: Layout, name: str) -> str:
    """The SQL text of field ``name`` (trimmed, empty as NULL), or NULL when the layout has none."""
    column = layout.columns.get(name)
    if column is None:
        return "CAST(NULL AS VARCHAR)"
    return f"NULLIF(trim(CAST({quote_ident(column)} AS VARCHAR)), '')"


def time_sql(layout: Layout) -> str:
    text = raw(layout, "time")
    if layout.time_format:
        parsed = f"try_strptime({text}, '{layout.time_format}')"
        return f"CAST(floor(epoch(CAST({parsed} AS TIMESTAMP) AT TIME ZONE 'UTC')) AS BIGINT)"
    return f"CAST(floor(epoch(TRY_CAST({text} AS TIMESTAMPTZ))) AS BIGINT)"


def converted(layout: Layout) -> dict[str, str]:
    """The SQL of each column of the positions table (NULL where a value does not convert)."""
    number = {name: f"TRY_CAST({raw(layout, name)} AS DOUBLE)" for name in ("lon", "lat", "sog", "length_m", "width_m")}
    imo_text = f"regexp_replace(upper({raw(layout, 'imo')}), '^IMO *', '')"
    return {
        "mmsi": f"TRY_CAST({raw(layout, 'mmsi')} AS BIGINT)",
        "t": time_sql(layout),
        "lon": f"CASE WHEN {number['lon']} BETWEEN -180 AND 180 THEN {number['lon']} END",
        "lat": f"CASE WHEN {number['lat']} BETWEEN -90 AND 90 THEN {number['lat']} END",
        # 102.3 kn means "not available" in AIS; a speed over it is not a speed.
        "sog": f"CASE WHEN {number['sog']} >= 0 AND {number['sog']} < 102.3 THEN {number['sog']} END",
        "imo": f"CASE WHEN regexp_full_match({imo_text}, '[0-9]{{7}}') AND {imo_text} <> '0000000' THEN {imo_text} END",
        "name": raw(layout, "name"),
        "callsign": raw(layout, "callsign"),
        "flag": raw(layout, "flag"),
        # 0 is "not available" for AIS dimensions.
        "length_m": f"CASE WHEN {number['length_m']} > 0 AND {number['length_m']} <= 600 THEN {number['length_m']} END",
        "width_m": f"CASE WHEN {number['width_m']} > 0 AND {number['width_m']} <= 100 THEN {number['width_m']} END",
    }


def bad_value_sql(layout: Layout) -> dict[str, tuple[str, str]]:
    """For each field: the SQL condition of a value that is present but unusable, and its fix."""
    conv = converted(layout)
    checks = {
        "mmsi": (
            f"{raw(layout, 'mmsi')} IS NULL OR {conv['mmsi']} IS NULL OR {conv['mmsi']} NOT BETWEEN 100000000 AND 999999999",
            "an MMSI is 9 digits",
        ),
        "time": (
            f"{raw(layout, 'time')} IS NULL OR {conv['t']} IS NULL",
            "write times as ISO 8601 (2023-09-12T10:00:00Z)"
            + (f" or as '{layout.time_format}'" if layout.time_format else ""),
        ),
        # A row with no position at all is read for the identity it carries (an NMEA type 5).
        "lon": (
            f"{raw(layout, 'lon')} IS NOT NULL AND {conv['lon']} IS NULL",
            "a longitude is a number from -180 to 180",
        ),
        "lat": (f"{raw(layout, 'lat')} IS NOT NULL AND {conv['lat']} IS NULL", "a latitude is a number from -90 to 90"),
    }
    for name, cap in TEXT_CAPS.items():
        if name in layout.columns:
            text = raw(layout, name)
            checks[name] = (
                f"length({text}) > {cap} OR regexp_matches({text}, '[\\x00-\\x1f\\x7f]')",
                f"keep it to {cap} characters with no control characters",
            )
    return checks
