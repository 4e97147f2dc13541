"""Hostile text in the AIS inputs of ``routes observe`` (issue 24 item 6): the project's payload
corpus in every text field of CSV, NMEA and GFW JSON files, batched (one run over a file holding
all of them): each value round-trips verbatim, or is one line a problem with control characters
escaped, and never a traceback. The case side (observe files read back, footprints, counts) is
tests/test_hostile_observed_case.py."""

from __future__ import annotations

import csv
import io
import json
from functools import reduce

import pytest
from click.testing import CliRunner

from routes.cli import cli
from routes.model.fields import bad_character

MMSI = 273000001
ROUTES_HEADER = ["mmsi", "time", "lon", "lat", "sog", "imo", "name", "callsign", "flag", "destination"]


def _run(*args):
    return CliRunner().invoke(cli, ["observe", *map(str, args)])


def _control(text: str) -> bool:
    """Whether the text holds a control character (tab included: AIS text never holds one)."""
    return bad_character(text) is not None or "\t" in text


def _clean(corpus):
    """The payloads a field can hold: no control character (those are refused, tested apart)."""
    return [p for p in corpus if not _control(p)]


def _time(n: int) -> str:
    return f"2023-09-01T{n // 6:02d}:{n % 6 * 10:02d}:00Z"


def _csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROUTES_HEADER)
    writer.writerows(rows)
    return out.getvalue()


def _no_control(text: str) -> bool:
    return not any(ord(c) < 32 and c != "\n" for c in text) and "\x7f" not in text


def test_every_payload_as_ais_name_callsign_flag_and_destination_round_trips(tmp_path, xss_payloads):
    payloads = _clean(xss_payloads)
    rows = [
        [MMSI, _time(n), 131.0 + n * 0.001, 42.0, 5.0, "9100000", p[:120], p[:16], p[:60], p]
        for n, p in enumerate(payloads)
    ]
    path = tmp_path / "hostile.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "observed.geojson"
    result = _run(path, "-q", "-o", out)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    changes = [
        f["properties"]["details"] for f in data["features"] if f["properties"]["kind"] in ("name", "callsign", "flag")
    ]

    def seen(field):
        return {v for c in changes if c["field"] == field for v in (c["before"], c["after"])}

    # every value is kept exactly as broadcast (trimmed), for each of the three fields
    assert seen("name") == {p[:120].strip(" ") for p in payloads}  # trimmed of spaces, nothing else
    assert seen("callsign") == {p[:16].strip(" ") for p in payloads}
    assert seen("flag") == {p[:60].strip(" ") for p in payloads}
    assert "destination" not in out.read_text(encoding="utf-8")  # not a field routes reads


def test_control_characters_and_overlong_ais_text_are_one_line_each(tmp_path, xss_payloads):
    hostile = [p for p in xss_payloads if _control(p)] + ["EVIL\x1b]0;title\x07", "DEL\x7fNAME", "A" * 1_000_000]
    rows = [[MMSI, _time(n), 131.0, 42.0, 5.0, "", p, "", "", ""] for n, p in enumerate(hostile)]
    rows += [[MMSI, _time(50), 131.0, 42.0, 5.0, "", "", "C" * 17, "\x1b[2J", ""]]
    path = tmp_path / "hostile.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "o.geojson"
    result = _run(path, "-o", out)
    assert result.exit_code == 1 and "Traceback" not in result.output and not out.exists()
    lines = [line for line in result.output.splitlines() if line.startswith("routes: error:")]
    assert len(lines) == len(hostile) + 2, result.output
    assert all(_no_control(line) and len(line) < 400 for line in lines)
    assert {line.split("field '")[1].split("'")[0] for line in lines} == {"name", "callsign", "flag"}


@pytest.mark.parametrize("value", ["NUL\x00NAME", "A" * 5_000_000])
def test_a_csv_duckdb_cannot_scan_is_one_line(tmp_path, value):
    path = tmp_path / "hostile.csv"
    path.write_text(_csv([[MMSI, _time(0), 131.0, 42.0, 5.0, "", value, "", "", ""]]), encoding="utf-8")
    result = _run(path, "-o", tmp_path / "o.geojson")
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert all(_no_control(line) and len(line) < 400 for line in lines) and len(lines) <= 2


def _tag(seconds: int) -> str:
    body = f"c:{seconds}"
    return "\\" + body + "*" + f"{reduce(lambda a, c: a ^ ord(c), body, 0):02X}" + "\\"


def _sixbit(text: str) -> str:
    """The text as AIS can carry it: upper case, the 6-bit character set."""
    allowed = set("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?")
    return "".join(c for c in text.upper() if c in allowed)


def test_every_payload_in_nmea_static_reports(tmp_path, xss_payloads):
    pytest.importorskip("pyais")
    from pyais.encode import encode_dict

    names = [n for n in dict.fromkeys(_sixbit(p)[:20].strip(" @") for p in xss_payloads) if n]
    start, lines = 1693526400, []
    for n, name in enumerate(names):
        tag = _tag(start + n * 600)
        position = {"type": 1, "mmsi": MMSI, "lon": 131.0 + n * 0.001, "lat": 42.0, "speed": 5}
        lines += [tag + s for s in encode_dict(position, talker_id="AI")]
        static = {"type": 5, "mmsi": MMSI, "imo": 9100000, "shipname": name, "callsign": name[:7],
                  "destination": name, "to_bow": 50, "to_stern": 50, "to_port": 8, "to_starboard": 8}  # fmt: skip
        lines += [tag + s for s in encode_dict(static, talker_id="AI", radio_channel="A", seq_id=n % 10)]
    path = tmp_path / "feed.nmea"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    out = tmp_path / "o.geojson"
    result = _run(path, "-q", "-o", out)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    changes = [f["properties"]["details"] for f in json.loads(out.read_text())["features"]]
    shown = {v for c in changes if c.get("field") == "name" for v in (c["before"], c["after"])}
    assert shown == set(names)


def test_every_payload_in_gfw_event_text(tmp_path, xss_payloads):
    entries = []
    for n, p in enumerate(xss_payloads):
        entries.append({
            "id": p, "type": "port_visit", "start": _time(n), "end": _time(n + 1),
            "position": {"lat": 42.0, "lon": 131.0}, "vessel": {"ssvid": str(MMSI), "name": p},
            "port_visit": {"startAnchorage": {"name": p, "flag": p}},
        })  # fmt: skip
    entries.append({"id": "x", "type": xss_payloads[0], "start": _time(0), "end": _time(1)})  # skipped: not a type
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    out = tmp_path / "o.geojson"
    result = _run(path, "-q", "-o", out)
    assert "Traceback" not in result.output and all(_no_control(line) for line in result.output.splitlines())
    controls = [p for p in xss_payloads if _control(p)]
    if result.exit_code == 1:  # control characters: one line a field, nothing written
        lines = [line for line in result.output.splitlines() if line.startswith("routes: error:")]
        assert len(lines) == 2 * len(controls) and not out.exists()
        entries = [e for e in entries if not _control(e["id"])]
        path.write_text(json.dumps(entries), encoding="utf-8")
        result = _run(path, "-q", "-o", out)
    assert result.exit_code == 0, result.output
    details = [f["properties"]["details"] for f in json.loads(out.read_text())["features"]]
    assert {d["event_id"] for d in details} == {p[:80] for p in _clean(xss_payloads)}
    assert {d["anchorage"] for d in details} == {p[:80] for p in _clean(xss_payloads)}
