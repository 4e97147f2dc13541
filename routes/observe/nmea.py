"""NMEA 0183 AIS sentences (through pyais) and point GeoParquet, as position columns.

NMEA sentences carry no date: each line must start with a tag block holding its receive time
as seconds since 1970 (``\\c:1693526400*hh\\!AIVDM,...``), as AIS receivers and archives write
them. Position reports (types 1, 2, 3, 18, 19, 27) give positions and speed; static reports
(types 5 and 24) give IMO, name, call sign and dimensions. pyais is the optional extra
``routes-map[ais]``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from routes.errors import Problems
from routes.observe.layouts import FIELDS, TEXT_CAPS

MAX_LINE_BYTES = 1024
MAX_PROBLEMS = 20
POSITION_TYPES = {1, 2, 3, 18, 19, 27}
STATIC_TYPES = {5, 24}


def _pyais(problems: Problems):
    try:
        import pyais
    except ImportError:
        problems.add("", "", "reading NMEA needs pyais", "pip install 'routes-map[ais]' (or: pip install pyais)")
        return None
    return pyais


def read_nmea(path: Path, problems: Problems):
    """The NMEA file's reports as a pyarrow table of text columns named as :data:`FIELDS`, or
    None (with the problems recorded)."""
    pyais = _pyais(problems)
    if pyais is None:
        return None
    import pyarrow as pa
    from pyais.messages import NMEASentenceFactory

    produce = NMEASentenceFactory.produce
    columns: dict[str, list] = {name: [] for name in FIELDS}
    pending: dict[tuple, list[bytes]] = {}
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if len(problems.items) >= MAX_PROBLEMS:
                problems.add("", "", "more lines have problems", "fix the ones listed and run again")
                break
            line = line.strip()
            if not line:
                continue
            record = f"line {number}"
            if len(line) > MAX_LINE_BYTES:
                problems.add(record, "", f"is over {MAX_LINE_BYTES} bytes", "check that the file is NMEA")
                continue
            try:
                sentence: Any = produce(line)
            except Exception as exc:  # noqa: BLE001 - pyais raises its own and ValueError, IndexError on garbage
                problems.add(record, "", f"is not an AIS sentence ({str(exc)[:80]})", "remove or repair the line")
                continue
            seconds = _receive_time(sentence)
            if seconds is None:
                problems.add(
                    record, "tag block", "has no receive time", "start each line with a tag block \\c:SECONDS*hh\\"
                )
                continue
            if sentence.frag_cnt > 1:
                key = (sentence.seq_id, sentence.channel)
                pending.setdefault(key, []).append(line)
                if sentence.frag_num < sentence.frag_cnt:
                    continue
                parts = pending.pop(key)
                try:
                    sentence = pyais.NMEAMessage.assemble_from_iterable([produce(p) for p in parts])
                except Exception as exc:  # noqa: BLE001 - as above, for the joined parts
                    problems.add(record, "", f"its parts do not join ({str(exc)[:80]})", "check the multi-part message")
                    continue
            try:
                message = sentence.decode().asdict()
            except Exception as exc:  # noqa: BLE001 - a payload pyais cannot decode, whatever it raises
                problems.add(record, "", f"does not decode ({str(exc)[:80]})", "remove or repair the line")
                continue
            _add(columns, message, seconds, problems, record)
    if problems:
        return None
    return pa.table({name: pa.array(values, type=pa.string()) for name, values in columns.items()})


def _receive_time(sentence) -> int | None:
    block = sentence.tag_block
    if block is None:
        return None
    try:
        block.init()
        value = block.receiver_timestamp
        return int(value) if value is not None else None
    except Exception:  # noqa: BLE001 - a malformed tag block: no time
        return None


def _add(columns: dict[str, list], message: dict, seconds: int, problems: Problems, record: str) -> None:
    kind = message.get("msg_type")
    if kind not in POSITION_TYPES and kind not in STATIC_TYPES:
        return
    row = dict.fromkeys(FIELDS)
    row["mmsi"] = str(message.get("mmsi"))
    row["time"] = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind in POSITION_TYPES:
        lon, lat, speed = message.get("lon"), message.get("lat"), message.get("speed")
        if lon is None or lat is None or abs(lon) > 180 or abs(lat) > 90:  # 181 / 91: not available
            return
        row["lon"], row["lat"] = repr(float(lon)), repr(float(lat))
        row["sog"] = repr(float(speed)) if speed is not None else None
    else:
        imo = message.get("imo")
        row["imo"] = f"{imo:07d}" if isinstance(imo, int) and imo > 0 else None
        for field, key in (("name", "shipname"), ("callsign", "callsign")):
            text = message.get(key)
            if text:
                text = str(text).strip(" @")
                if len(text) > TEXT_CAPS[field]:
                    problems.add(
                        record, field, f"{text[:40]!r} is too long", f"keep it to {TEXT_CAPS[field]} characters"
                    )
                row[field] = text or None
        bow, stern = message.get("to_bow"), message.get("to_stern")
        port, starboard = message.get("to_port"), message.get("to_starboard")
        if bow is not None and stern is not None and bow + stern > 0:
            row["length_m"] = str(bow + stern)
        if port is not None and starboard is not None and port + starboard > 0:
            row["width_m"] = str(port + starboard)
    for name in FIELDS:
        columns[name].append(row[name])


def geoparquet_points(path: Path):
    """A GeoParquet file of points as a pyarrow table with ``lon`` and ``lat`` in place of its
    geometry (WKB, decoded with shapely); other columns as they are."""
    import pyarrow.parquet as pq
    import shapely

    table = pq.read_table(path)
    geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    points = shapely.get_type_id(geometry) == 0
    lon = shapely.get_x(geometry)
    lat = shapely.get_y(geometry)
    lon[~points], lat[~points] = float("nan"), float("nan")
    table = table.drop_columns(["geometry"])
    return table.append_column("lon", [lon]).append_column("lat", [lat])
