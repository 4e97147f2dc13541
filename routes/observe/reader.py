"""Reading ``routes observe`` output back (format ``routes-observe/1``, docs/observations.md):
GeoJSON or GeoParquet, one :class:`ObservedItem` per feature, checked like any input (size cap,
known feature types, 9-digit MMSI, ISO 8601 UTC times; one problem line each, all at once).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routes.errors import Problems
from routes.load.files import display_name, read_json
from routes.load.reads import note_read
from routes.model.fields import bad_character

#: The output format this reader understands.
FORMAT = "routes-observe/1"
#: Feature types, in the order the format lists them.
FEATURE_TYPES = ("track", "gap", "port_call", "encounter", "anomaly", "identity_change")
#: The largest observation file a case draws (a page holds every vertex of its tracks).
MAX_OBSERVED_BYTES = 200_000_000
#: The most features a file may hold.
MAX_FEATURES = 200_000
#: Latest vertex time read (seconds since 1970): 1 Jan 2100.
MAX_SECONDS = 4_102_444_800


@dataclass(frozen=True)
class ObservedItem:
    """One derived observation: its type and kind, the vessel(s), when, the rule that made it."""

    feature_type: str
    kind: str
    mmsi: int
    start: dt.datetime
    end: dt.datetime
    rule: str
    geometry: Any = None
    mmsi_other: int | None = None
    imo: str | None = None
    node: str | None = None
    hours: float | None = None
    km: float | None = None
    speed_kn: float | None = None
    details: dict = field(default_factory=dict)

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        return self.start.date(), self.end.date()


@dataclass(frozen=True)
class ObservedFile:
    """The items of one file and its metadata (thresholds, inputs)."""

    path: Path
    items: tuple[ObservedItem, ...]
    meta: dict


def _time(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(dt.UTC) if parsed.tzinfo else None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _item(props: dict, geometry, record: str, problems: Problems) -> ObservedItem | None:
    kind, feature_type = props.get("kind"), props.get("feature_type")
    ok = True
    if feature_type not in FEATURE_TYPES:
        problems.add(record, "feature_type", f"{str(feature_type)[:40]!r} is not one of {', '.join(FEATURE_TYPES)}",
                     "give a file written by routes observe")  # fmt: skip
        ok = False
    mmsi = props.get("mmsi")
    if not (isinstance(mmsi, int) and not isinstance(mmsi, bool) and 100_000_000 <= mmsi <= 999_999_999):
        problems.add(
            record, "mmsi", f"{str(mmsi)[:20]!r} is not a 9-digit MMSI", "give a file written by routes observe"
        )
        ok = False
    start, end = _time(props.get("start")), _time(props.get("end"))
    for name, value in (("start", start), ("end", end)):
        if value is None:
            problems.add(
                record,
                name,
                f"{str(props.get(name))[:40]!r} is not an ISO 8601 UTC time",
                "write e.g. 2023-09-12T10:00:00Z",
            )
            ok = False
    if start and end and end < start:
        problems.add(record, "end", "is before start", "swap them")
        ok = False
    texts = {name: props.get(name) for name in ("kind", "rule", "node", "imo")}
    for name, value in texts.items():
        if value is not None and (not isinstance(value, str) or len(value) > 2000):
            problems.add(
                record, name, "is not a text of at most 2,000 characters", "give a file written by routes observe"
            )
            ok = False
        elif value is not None and (bad := bad_character(value)):
            problems.add(record, name, f"holds the control or invalid character {bad}", "remove it")
            ok = False
    other = props.get("mmsi_other")
    found = props.get("details")
    details: dict = found if isinstance(found, dict) else {}
    for name, why in _details_problems(details):
        problems.add(record, f"details.{name}", why, "give a file written by routes observe")
        ok = False
    if not ok or start is None or end is None or not isinstance(mmsi, int):
        return None
    return ObservedItem(
        str(feature_type),
        str(kind or feature_type),
        int(mmsi),
        start,
        end,
        str(texts["rule"] or ""),
        geometry,
        int(other) if isinstance(other, int) and not isinstance(other, bool) else None,
        texts["imo"],
        texts["node"],
        _number(props.get("hours")),
        _number(props.get("km")),
        _number(props.get("speed_kn")),
        details,
    )


def _number_ok(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _details_problems(details: dict) -> list[tuple[str, str]]:
    """The members of ``details`` the page and KML read, where a hand-edited file gives them
    another shape: ``off``/``on`` a [lon, lat] pair, ``vertex_times`` lists of whole seconds."""
    found = []
    for name in ("off", "on"):
        value = details.get(name)
        if value is not None and not (
            isinstance(value, list) and len(value) == 2 and all(_number_ok(v) for v in value)
            and -180 <= value[0] <= 180 and -90 <= value[1] <= 90
        ):  # fmt: skip
            found.append((name, "is not a [lon, lat] pair in degrees"))
    times = details.get("vertex_times")
    if times is not None and not (
        isinstance(times, list)
        and all(isinstance(part, list) for part in times)
        and all(isinstance(s, int) and not isinstance(s, bool) and 0 <= s < MAX_SECONDS for part in times for s in part)
    ):
        found.append(("vertex_times", "is not lists of whole seconds since 1970"))
    return found


def read_observed(path: Path) -> ObservedFile:
    """The items of a ``routes observe`` output file (GeoJSON, or GeoParquet by suffix).

    Raises :class:`routes.errors.ValidationError` listing every problem."""
    from shapely.geometry import shape

    note_read(path)
    problems = Problems(display_name(path))
    if path.exists() and path.stat().st_size > MAX_OBSERVED_BYTES:
        problems.add("", "", f"file is {path.stat().st_size:,} bytes, over the limit of {MAX_OBSERVED_BYTES:,}",
                     "cut it with routes observe --since/--until/--bbox/--vessels")  # fmt: skip
        problems.raise_all()
    rows: list[tuple[dict, Any]] = []
    if path.suffix.lower() in (".parquet", ".geoparquet"):
        meta, rows = _parquet(path, problems)
    else:
        data = read_json(path)
        meta = data.get("routes_observe") if isinstance(data, dict) else None
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            problems.add("", "features", "is not a FeatureCollection", "give a file written by routes observe")
            problems.raise_all()
        for n, feature in enumerate(features[: MAX_FEATURES + 1]):
            if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
                problems.add(f"feature {n + 1}", "properties", "missing", "give a file written by routes observe")
                continue
            geometry = None
            if isinstance(feature.get("geometry"), dict):
                try:
                    geometry = shape(feature["geometry"])
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                    problems.add(
                        f"feature {n + 1}", "geometry", "cannot be read", "give a file written by routes observe"
                    )
            rows.append((feature["properties"], geometry))
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        problems.add("", "routes_observe", f"is not a '{FORMAT}' file (no such metadata)",
                     "write it with routes observe (docs/observations.md)")  # fmt: skip
        problems.raise_all()
    if len(rows) > MAX_FEATURES:
        problems.add(
            "", "features", f"over {MAX_FEATURES:,} features", "cut it with routes observe --vessels/--since/--until"
        )
        problems.raise_all()
    items = [_item(props, geometry, f"feature {n + 1}", problems) for n, (props, geometry) in enumerate(rows)]
    problems.raise_if_any()
    return ObservedFile(path, tuple(i for i in items if i is not None), meta)


def _parquet(path: Path, problems: Problems) -> tuple[dict | None, list[tuple[dict, Any]]]:
    import pyarrow.parquet as pq
    import shapely

    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as exc:
        problems.add("", "", f"is not a Parquet file ({str(exc)[:120]})", "give a file written by routes observe")
        problems.raise_all()
    raw = (table.schema.metadata or {}).get(b"routes_observe")
    try:
        meta = json.loads(raw) if raw else None
    except ValueError:
        meta = None
    if table.num_rows > MAX_FEATURES:
        return meta, [({}, None)] * (MAX_FEATURES + 1)
    rows = []
    for record in table.to_pylist():
        wkb = record.pop("geometry", None)
        details = record.get("details")
        if isinstance(details, str):
            try:
                record["details"] = json.loads(details)
            except ValueError:
                record["details"] = {}
        try:
            geometry = shapely.from_wkb(wkb) if wkb is not None else None
        except shapely.errors.GEOSException:
            geometry = None
        rows.append((record, geometry))
    return meta, rows
