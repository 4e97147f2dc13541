"""routes observe on hostile and unusual input: every problem at once, one line each naming file,
record and field with a fix, exit 1, no traceback, nothing written; layouts and --field;
deterministic bytes; the output never one of the inputs."""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from routes.cli import cli
from routes.model.records import Vessel

NOAA_HEADER = "MMSI,BaseDateTime,LAT,LON,SOG,VesselName,IMO,CallSign,Length,Width\n"
GOOD = [
    "273000001,2023-09-01T00:00:00,42.0,131.0,10.0,GOOD SHIP,IMO9100000,ABC1,100,16",
    "273000001,2023-09-01T00:10:00,42.02,131.02,10.0,GOOD SHIP,IMO9100000,ABC1,100,16",
]


def _run(*args):
    return CliRunner().invoke(cli, ["observe", *map(str, args)])


def test_every_bad_value_is_one_line_naming_file_record_field_and_fix(tmp_path):
    path = tmp_path / "bad.csv"
    rows = [
        *GOOD,
        "27300,2023-09-01T00:20:00,42.0,131.0,10,SHORT MMSI,,,,",
        "273000001,yesterday,42.0,131.0,10,BAD TIME,,,,",
        "273000001,2023-09-01T00:30:00,95.0,131.0,10,BAD LAT,,,,",
        '273000001,2023-09-01T00:40:00,42.0,131.0,10,"' + "X" * 500 + '",,,,',
        '273000001,2023-09-01T00:50:00,42.0,131.0,10,"EVIL\x1b[31mNAME",,,,',
    ]
    path.write_text(NOAA_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.geojson"
    result = _run(path, "-o", out)
    assert result.exit_code == 1 and "Traceback" not in result.output and not out.exists()
    lines = [line for line in result.output.splitlines() if line.startswith("routes: error:")]
    assert len(lines) == 5, result.output
    assert all(str(path) in line and "report of MMSI" in line for line in lines)
    fields = {line.split("field '")[1].split("'")[0] for line in lines}
    assert fields == {"MMSI", "BaseDateTime", "LAT", "VesselName"}
    assert any("keep it to 120 characters" in line and "..." in line for line in lines)  # the value is cut short
    assert all("\x1b" not in line for line in lines)  # control characters are shown escaped
    assert "5 problems; nothing was written" in result.output


def test_a_file_with_no_known_layout_says_which_fields_to_map_and_field_maps_them(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "ship_id,ts,x,y\n273000001,2023-09-01T00:00:00Z,131.0,42.0\n273000001,2023-09-01T08:00:00Z,131.5,42.1\n"
    )
    out = tmp_path / "out.geojson"
    result = _run(path, "-o", out)
    assert result.exit_code == 1 and "--field NAME=COLUMN" in result.output and "mmsi, time, lon, lat" in result.output
    result = _run(
        path, "--field", "mmsi=ship_id", "--field", "time=ts", "--field", "lon=x", "--field", "lat=y", "-o", out
    )
    assert result.exit_code == 0, result.output
    kinds = [f["properties"]["feature_type"] for f in json.loads(out.read_text())["features"]]
    assert kinds == ["track", "gap"]  # 8 h between the two reports
    assert _run(path, "--field", "speed=x", "-o", out).exit_code == 2  # not a field name


def test_missing_files_and_unknown_types_are_listed_together(tmp_path):
    other = tmp_path / "notes.docx"
    other.write_text("x")
    result = _run(tmp_path / "absent.csv", other, "-o", tmp_path / "o.geojson")
    assert result.exit_code == 1
    assert "absent.csv: no such file" in result.output and "notes.docx: '.docx' is not a file type" in result.output


def test_nmea_without_pyais_is_one_line_with_the_install_command(tmp_path, monkeypatch):
    path = tmp_path / "feed.nmea"
    path.write_text("\\c:1693526400*51\\!AIVDM,1,1,,A,144jNS?P1U9DMm0H9J@00001P000,0*2E\n")
    monkeypatch.setitem(sys.modules, "pyais", None)
    result = _run(path, "-o", tmp_path / "o.geojson")
    assert result.exit_code == 1 and "pip install 'routes-map[ais]'" in result.output
    assert len(result.output.strip().splitlines()) <= 3 and "Traceback" not in result.output


def test_nmea_lines_without_a_time_or_that_do_not_parse_are_problems(tmp_path):
    path = tmp_path / "feed.nmea"
    path.write_text("!AIVDM,1,1,,A,144jNS?P1U9DMm0H9J@00001P000,0*2E\nnot nmea at all\n")
    result = _run(path, "-o", tmp_path / "o.geojson")
    assert result.exit_code == 1
    assert "line 1, field 'tag block': has no receive time" in result.output and "line 2" in result.output


def test_the_same_input_gives_the_same_bytes_in_both_formats(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(NOAA_HEADER + "\n".join(GOOD) + "\n")
    for name in ("a.geojson", "b.geojson", "a.parquet", "b.parquet"):
        assert _run(path, "-q", "-o", tmp_path / name).exit_code == 0
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    import pyarrow.parquet as pq

    meta = pq.read_schema(tmp_path / "a.parquet").metadata
    assert json.loads(meta[b"routes_observe"])["thresholds"]["gap_hours"] == 6
    assert json.loads(meta[b"geo"])["primary_column"] == "geometry"


def test_the_output_is_never_an_input(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(NOAA_HEADER + "\n".join(GOOD) + "\n")
    before = path.read_bytes()
    result = _run(path, "-o", path)
    assert result.exit_code == 1 and "is the input" in result.output and path.read_bytes() == before
    (tmp_path / "hard.csv").hardlink_to(path)  # another name for the same file is refused too
    result = _run(tmp_path / "hard.csv", "-o", path)
    assert result.exit_code == 1 and "is the input" in result.output and path.read_bytes() == before


def test_a_missing_output_folder_is_refused_unless_mkdir(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(NOAA_HEADER + "\n".join(GOOD) + "\n")
    out = tmp_path / "nowhere" / "o.geojson"
    result = _run(path, "-o", out)
    lines = [line for line in result.output.splitlines() if line.startswith("routes:")]
    assert result.exit_code == 1 and len(lines) == 1 and "--mkdir" in lines[0], result.output
    assert not out.parent.exists()
    result = _run(path, "-o", out, "--mkdir")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["routes_observe"]["format"] == "routes-observe/1"


def test_since_until_and_bbox_cut_reports(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(NOAA_HEADER + "\n".join(GOOD) + "\n")
    out = tmp_path / "o.geojson"
    assert _run(path, "--since", "2023-09-01T00:05:00Z", "-o", out).exit_code == 0
    track = json.loads(out.read_text())["features"][0]["properties"]
    assert track["start"] == "2023-09-01T00:10:00Z"
    assert _run(path, "--bbox", "0,0,1,1", "-o", out).exit_code == 0
    assert json.loads(out.read_text())["features"] == []
    assert _run(path, "--until", "2023-08-31", "-o", out).exit_code == 0
    assert json.loads(out.read_text())["features"] == []
    assert _run(path, "--bbox", "1,2,3", "-o", out).exit_code == 2


@pytest.mark.parametrize("mmsi", ["27345678", "2734567801", "MMSI"])
def test_a_vessel_mmsi_is_nine_digits(mmsi):
    with pytest.raises(ValueError, match="must be 9 digits"):
        Vessel("angara", "Angara", mmsi=mmsi)
    assert Vessel("angara", "Angara", mmsi="273456780").mmsi == "273456780"


def test_a_malformed_csv_is_one_line_not_a_crash(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('a,b\n1,2,3,4\n"unterminated\n')
    result = _run(path, *[f"--field={f}" for f in ("mmsi=a", "time=b", "lon=a", "lat=b")], "-o", tmp_path / "o.geojson")
    assert (
        result.exit_code == 1
        and "broken.csv: cannot be read (" in result.output
        and "internal error" not in result.output
    )


def test_gfw_events_become_items_with_gfw_rules_and_bad_entries_are_problems(tmp_path):
    entries = [
        {"id": "g1", "type": "gap", "start": "2023-09-01T00:00:00.000Z", "end": "2023-09-01T14:00:00.000Z",
         "position": {"lat": 41.5, "lon": 131.5}, "vessel": {"ssvid": "273000001"},
         "gap": {"offPosition": {"lat": 41.4, "lon": 131.4}, "onPosition": {"lat": 41.6, "lon": 131.9},
                 "distanceKm": 44.1, "impliedSpeedKnots": 1.7, "intentionalDisabling": True}},
        {"id": "e1", "type": "encounter", "start": "2023-09-02T00:00:00Z", "end": "2023-09-02T03:00:00Z",
         "position": {"lat": 41.0, "lon": 132.0}, "vessel": {"ssvid": "273000001"},
         "encounter": {"vessel": {"ssvid": "273000002"}}},
        {"id": "f1", "type": "fishing", "start": "2023-09-02T00:00:00Z", "end": "2023-09-02T03:00:00Z"},
    ]  # fmt: skip
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"entries": entries}))
    out = tmp_path / "o.geojson"
    assert _run(path, "-o", out).exit_code == 0
    features = json.loads(out.read_text())["features"]
    assert [(f["properties"]["feature_type"], f["properties"]["kind"]) for f in features] == [
        ("gap", "dark_period"),
        ("encounter", "pair"),
    ]
    assert all("Global Fishing Watch" in f["properties"]["rule"] for f in features)
    assert (
        features[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
        and features[1]["properties"]["mmsi_other"] == 273000002
    )
    entries[1]["vessel"]["ssvid"] = "12"
    entries[0]["start"] = "soon"
    path.write_text(json.dumps(entries))
    result = _run(path, "-o", out)
    assert result.exit_code == 1
    assert "event 0 'g1', field 'start'" in result.output and "event 1 'e1', field 'vessel.ssvid'" in result.output


def test_a_dimension_change_names_both_records_and_an_empty_field_is_no_change(tmp_path):
    path = tmp_path / "dims.csv"
    rows = [*GOOD, "273000001,2023-09-01T00:20:00,42.04,131.04,10.0,,IMO9100000,ABC1,0,0",
            "273000001,2023-09-01T00:30:00,42.06,131.06,10.0,GOOD SHIP,IMO9100000,ABC1,120.5,16"]  # fmt: skip
    path.write_text(NOAA_HEADER + "\n".join(rows) + "\n")
    out = tmp_path / "o.geojson"
    assert _run(path, "-o", out).exit_code == 0
    changes = [
        f["properties"]
        for f in json.loads(out.read_text())["features"]
        if f["properties"]["feature_type"] == "identity_change"
    ]
    assert [(c["kind"], c["details"]["before"], c["details"]["after"]) for c in changes] == [
        ("dimensions", "100 x 16", "120.5 x 16")
    ]
    assert [r["time"] for r in changes[0]["details"]["records"]] == ["2023-09-01T00:10:00Z", "2023-09-01T00:30:00Z"]


def test_one_imo_broadcast_by_two_mmsis_at_once_reads_back_with_start_before_end(tmp_path):
    from routes.observe.reader import read_observed

    path = tmp_path / "clone.csv"
    rows = [*GOOD, "273000001,2023-09-01T00:40:00,42.06,131.06,10.0,GOOD SHIP,IMO9100000,ABC1,100,16",
            "273000002,2023-09-01T00:05:00,43.0,133.0,9.0,CLONE,IMO9100000,XYZ9,100,16",
            "273000002,2023-09-01T00:50:00,43.1,133.1,9.0,CLONE,IMO9100000,XYZ9,100,16"]  # fmt: skip
    path.write_text(NOAA_HEADER + "\n".join(rows) + "\n")
    for suffix in (".geojson", ".parquet"):
        out = tmp_path / f"o{suffix}"
        result = _run(path, "-o", out)
        assert result.exit_code == 0, result.output
        (two,) = [i for i in read_observed(out).items if i.kind == "imo_two_mmsi"]
        # 273000002 began (00:05) before 273000001 last reported (00:40): the span runs between them.
        assert (two.mmsi, two.mmsi_other) == (273000002, 273000001)
        assert (two.start.isoformat(), two.end.isoformat()) == (
            "2023-09-01T00:05:00+00:00",
            "2023-09-01T00:40:00+00:00",
        )
        assert two.details["broadcast"] == "concurrently"


def test_help_has_examples():
    result = CliRunner().invoke(cli, ["observe", "--help"])
    assert result.exit_code == 0 and "routes observe aisdk-2023-09-01.csv -o observed.geojson" in result.output
    assert "--field NAME=COLUMN" in result.output and "--engine [duckdb|dask]" in result.output
