"""Opening AIS position files in DuckDB as one ``positions`` view, checked and cut.

A CSV file is scanned by DuckDB as text (nothing is loaded into Python); its layout comes from
the header (:mod:`routes.observe.layouts`). Parquet is read the same way, by column name, or, for
GeoParquet with point geometries only, through its geometry. NMEA is decoded with pyais (the
optional extra ``routes-map[ais]``) into the same columns. Every value that does not convert,
and every text over its cap, is a problem naming the file, the record (its MMSI and time as
written) and the field; up to :data:`MAX_PROBLEMS` a file are listed, then how many more.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from routes.errors import Problems
from routes.observe.layouts import COLUMNS, ROUTES, Layout, bad_value_sql, converted, detect_layout, raw

MAX_PROBLEMS = 20
#: Largest header line read to find a CSV's layout, and largest NMEA file decoded in Python.
MAX_HEADER_BYTES = 65536
MAX_NMEA_BYTES = 2_000_000_000
CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".geoparquet", ".pq")
NMEA_SUFFIXES = (".nmea", ".nm4", ".ais", ".txt")


@dataclass(frozen=True)
class Cut:
    """What to keep: MMSIs and IMOs (None keeps every vessel), a time window, a bounding box."""

    mmsis: frozenset[int] | None = None
    imos: frozenset[str] | None = None
    since_s: int | None = None
    until_s: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith((".json", ".geojson")):
        return "json"
    if name.endswith(NMEA_SUFFIXES):
        return "nmea"
    return ""


def open_positions(con, paths: list[Path], mapping: dict[str, str], cut: Cut) -> None:
    """Create the view ``positions`` (columns :data:`COLUMNS`) over ``paths`` in the DuckDB
    connection ``con``, after checking every file; raise every problem of every file at once."""
    con.execute("SET TimeZone = 'UTC'")
    selects, problems = [], Problems("routes observe")
    for number, path in enumerate(paths):
        file_problems = Problems(str(path))
        source = _register(con, path, number, mapping, file_problems)
        if source is not None:
            relation, layout = source
            try:
                _check(con, relation, layout, file_problems)
            except Exception as exc:  # noqa: BLE001 - duckdb.Error: a malformed line the scan met
                file_problems.add("", "", f"cannot be read ({_first_line(exc)})", "check that it is a whole, valid CSV")
            if not file_problems:
                conv = converted(layout)
                selects.append("SELECT " + ", ".join(f"{conv[c]} AS {c}" for c in COLUMNS) + f" FROM {relation}")
        problems.extend(file_problems)
    problems.raise_if_any()
    union = " UNION ALL ".join(selects) if selects else _empty()
    con.execute(f"CREATE OR REPLACE TEMP VIEW positions_all AS {union}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW positions AS SELECT * FROM positions_all WHERE {_where(cut)}")


def _empty() -> str:
    types = {"mmsi": "BIGINT", "t": "BIGINT", "lon": "DOUBLE", "lat": "DOUBLE", "sog": "DOUBLE"}
    return "SELECT " + ", ".join(f"CAST(NULL AS {types.get(c, 'VARCHAR')}) AS {c}" for c in COLUMNS) + " WHERE false"


def _where(cut: Cut) -> str:
    terms = ["true"]
    if cut.mmsis is not None or cut.imos is not None:
        mmsis = ", ".join(str(m) for m in sorted(cut.mmsis or ())) or "NULL"
        imos = ", ".join(f"'{i}'" for i in sorted(cut.imos or ()) if i.isdigit()) or "NULL"
        # A vessel named by IMO keeps every report of each MMSI that ever broadcast that IMO.
        terms.append(f"(mmsi IN ({mmsis}) OR mmsi IN (SELECT DISTINCT mmsi FROM positions_all WHERE imo IN ({imos})))")
    if cut.since_s is not None:
        terms.append(f"t >= {int(cut.since_s)}")
    if cut.until_s is not None:
        terms.append(f"t < {int(cut.until_s)}")
    if cut.bbox is not None:
        west, south, east, north = (float(v) for v in cut.bbox)
        lon = f"(lon BETWEEN {west} AND {east})" if west <= east else f"(lon >= {west} OR lon <= {east})"
        terms.append(f"(lon IS NULL OR ({lon} AND lat BETWEEN {south} AND {north}))")
    return " AND ".join(terms)


def _register(con, path: Path, number: int, mapping: dict[str, str], problems: Problems):
    """A relation name for ``path`` and its layout, or None (with problems recorded)."""
    if not path.is_file():
        problems.add("", "", "no such file" if not path.exists() else "is not a file", "check the path")
        return None
    kind = kind_of(path)
    relation = f"source_{number}"
    literal = "'" + str(path).replace("'", "''") + "'"
    try:
        if kind == "csv":
            found = _csv_header(path, problems)
            if found is None:
                return None
            header, delimiter = found
            delimiter = "\\t" if delimiter == "\t" else ","
            con.execute(
                f"CREATE TEMP VIEW {relation} AS SELECT * FROM read_csv({literal}, header = true, "
                f"all_varchar = true, delim = '{delimiter}', quote = '\"', escape = '\"', max_line_size = 1048576)"
            )
        elif kind == "parquet":
            header = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet({literal})").fetchall()]
            if "lon" not in set(header) | set(mapping.values()) and "geometry" in header:
                from routes.observe.nmea import geoparquet_points

                con.register(relation, geoparquet_points(path))
                header = [c for c in header if c != "geometry"] + ["lon", "lat"]
            else:
                con.execute(f"CREATE TEMP VIEW {relation} AS SELECT * FROM read_parquet({literal})")
        elif kind == "nmea":
            from routes.observe.nmea import read_nmea

            if path.stat().st_size > MAX_NMEA_BYTES:
                problems.add("", "", f"is over {MAX_NMEA_BYTES // 10**9} GB", "split the file, or decode it upstream")
                return None
            table = read_nmea(path, problems)
            if table is None:
                return None
            con.register(relation, table)
            return relation, ROUTES
        else:
            problems.add(
                "",
                "",
                f"'{path.suffix}' is not a file type observe reads",
                "give a .csv, .parquet, .nmea (or .txt of NMEA) file, or GFW events .json",
            )
            return None
    except Exception as exc:  # noqa: BLE001 - duckdb.Error or pyarrow's: a malformed file, one line
        problems.add("", "", f"cannot be read ({_first_line(exc)})", "check that it is a whole, valid file of its kind")
        return None
    layout, missing = detect_layout(header, mapping)
    if layout is None:
        problems.add(
            "header",
            ", ".join(missing),
            f"no column for {', '.join(missing)} (columns: {', '.join(header[:20])[:300]})",
            "map them with --field NAME=COLUMN, e.g. --field time=Timestamp",
        )
        return None
    unknown = [column for column in mapping.values() if column not in header]
    if unknown:
        problems.add("header", "", f"--field names columns the file lacks: {', '.join(unknown)}", "check the spelling")
        return None
    return relation, layout


def _csv_header(path: Path, problems: Problems) -> tuple[list[str], str] | None:
    """The header's column names and its delimiter (a comma, or a tab if it has more tabs)."""
    import gzip

    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        line = handle.readline(MAX_HEADER_BYTES)
    if not line:
        problems.add("", "", "is empty", "give a CSV file with a header line")
        return None
    if not line.endswith(b"\n") and len(line) >= MAX_HEADER_BYTES:
        problems.add("header", "", f"the header line is over {MAX_HEADER_BYTES} bytes", "check that the file is CSV")
        return None
    text = line.decode("utf-8", errors="replace").lstrip("\ufeff")
    delimiter = "\t" if text.count("\t") > text.count(",") else ","
    return next(csv.reader(io.StringIO(text), delimiter=delimiter), []), delimiter


def _check(con, relation: str, layout: Layout, problems: Problems) -> None:
    """Every unusable value of the file (up to :data:`MAX_PROBLEMS`, then a count)."""
    checks = bad_value_sql(layout)
    counts = ", ".join(f"count(*) FILTER (WHERE {condition})" for condition, _ in checks.values())
    totals = con.execute(f"SELECT {counts} FROM {relation}").fetchall()[0]
    listed = 0
    for (name, (condition, fix)), total in zip(checks.items(), totals, strict=True):
        if not total:
            continue
        rows = con.execute(
            f"SELECT {raw(layout, 'mmsi')}, {raw(layout, 'time')}, {raw(layout, name)} "
            f"FROM {relation} WHERE {condition} LIMIT {max(1, MAX_PROBLEMS - listed)}"
        ).fetchall()
        for mmsi, time, value in rows:
            record = f"report of MMSI {_short(mmsi)} at {_short(time)}"
            what = "is missing" if value is None else f"{_short(value)} is not usable"
            problems.add(record, layout.columns.get(name, name), what, fix)
            listed += 1
        if total > len(rows):
            problems.add("", layout.columns.get(name, name), f"{total - len(rows)} more such values", fix)
        if listed >= MAX_PROBLEMS:
            break


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _short(value) -> str:
    """A value as quoted in a message: at most 40 characters."""
    text = repr(value) if value is not None else "(none)"
    return text if len(text) <= 42 else text[:40] + "...'"
