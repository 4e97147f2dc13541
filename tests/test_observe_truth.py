"""routes observe on AIS made independently of its own generator (tests/observe_fixture.py):
every injected dark period of 6 h or more, port call, encounter, jump and identity change is
found, and nothing else; every reachable area holds both ends of its gap and lies in water."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import shape

from routes.cli import cli
from routes.geo.landcheck import water_part
from tests.observe_fixture import build


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def observed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fixture")
    csv, ports, truth = build(folder)
    out = folder / "observed.geojson"
    result = CliRunner().invoke(cli, ["observe", str(csv), "--ports", str(ports), "-o", str(out)])
    assert result.exit_code == 0, result.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    return collection, truth


def _of(collection, feature_type):
    return [f for f in collection["features"] if f["properties"]["feature_type"] == feature_type]


def test_every_gap_of_6h_or_more_and_no_other(observed):
    collection, truth = observed
    found = [
        (f["properties"]["mmsi"], f["properties"]["start"], f["properties"]["end"]) for f in _of(collection, "gap")
    ]
    assert found == [(m, _iso(a), _iso(b)) for m, a, b in truth["gaps"]]
    gap = _of(collection, "gap")[0]["properties"]
    assert gap["hours"] == pytest.approx(8.0, abs=0.05) and gap["km"] > 100
    assert gap["speed_kn"] == pytest.approx(gap["km"] / 1.852 / gap["hours"], rel=1e-3)


def test_every_reachable_area_holds_both_ends_and_lies_in_water(observed):
    collection, _ = observed
    for feature in _of(collection, "gap"):
        area = shape(feature["geometry"])
        details = feature["properties"]["details"]
        assert area.contains(shapely.Point(details["off"])) and area.contains(shapely.Point(details["on"]))
        assert water_part(area).area == pytest.approx(area.area, rel=1e-9)


def test_every_port_call_and_no_other(observed):
    collection, truth = observed
    found = Counter((f["properties"]["mmsi"], f["properties"]["node"]) for f in _of(collection, "port_call"))
    assert found == Counter(truth["calls"])


def test_the_encounter_and_no_other_nor_loitering(observed):
    collection, truth = observed
    encounters = _of(collection, "encounter")
    assert [(f["properties"]["kind"], f["properties"]["mmsi"], f["properties"]["mmsi_other"]) for f in encounters] == [
        ("pair", *truth["encounters"][0][:2])
    ]
    start, end = truth["encounters"][0][2:]
    props = encounters[0]["properties"]
    assert props["start"] <= _iso(start + 600) and props["end"] >= _iso(end - 600)  # within one 10-minute bin


def test_the_jump_is_the_only_anomaly(observed):
    collection, truth = observed
    anomalies = [
        (f["properties"]["kind"], f["properties"]["mmsi"], f["properties"]["start"]) for f in _of(collection, "anomaly")
    ]
    assert anomalies == [("jump", m, _iso(t)) for m, t in truth["jumps"]]


def test_every_identity_change_with_its_two_records_and_no_other(observed):
    collection, truth = observed
    changes = _of(collection, "identity_change")
    assert sorted((f["properties"]["mmsi"], f["properties"]["kind"]) for f in changes) == sorted(truth["identity"])
    by_kind = {f["properties"]["kind"]: f["properties"] for f in changes}
    records = by_kind["callsign"]["details"]["records"]
    assert [r["callsign"] for r in records] == ["FXB2", "FXB9"]
    two = by_kind["imo_two_mmsi"]
    assert [r["mmsi"] for r in two["details"]["records"]] == [111000007, 111000008] and two["imo"] == "9300001"
    assert two["details"]["broadcast"] == "one after the other" and two["start"] < two["end"]


def test_one_track_a_vessel_and_the_thresholds_in_the_metadata(observed):
    collection, _ = observed
    assert sorted(f["properties"]["mmsi"] for f in _of(collection, "track")) == list(range(111000001, 111000009))
    thresholds = collection["routes_observe"]["thresholds"]
    assert thresholds["gap_hours"] == 6 and thresholds["encounter_m"] == 500 and thresholds["port_enter_km"] == 3
