"""The project's synthetic AIS (routes.observe.synthetic) through both engines and every layout:
what was injected is found, and DuckDB and Dask give the same bytes."""

from __future__ import annotations

import pytest

from routes.observe.engines import observe
from routes.observe.items import iso
from routes.observe.params import Thresholds
from routes.observe.ports import Ports
from routes.observe.synthetic import PORTS, generate, write_csv, write_nmea
from routes.observe.write import geojson_bytes, geoparquet_bytes, metadata

THRESHOLDS = Thresholds()


@pytest.fixture(scope="module")
def synthetic():
    return generate(ships=6, reports_per_ship=3000, step_s=60)


@pytest.fixture(scope="module")
def ports():
    import json

    from routes.load.bundled import bundled_path

    with open(bundled_path("ports.geojson"), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return Ports.of(
        {
            f["properties"]["id"]: tuple(f["geometry"]["coordinates"])
            for f in features
            if f["properties"]["kind"] == "port"
        }
    )


@pytest.fixture(scope="module")
def noaa(synthetic, tmp_path_factory):
    return write_csv(synthetic[0], tmp_path_factory.mktemp("noaa") / "noaa.csv", "noaa")


@pytest.fixture(scope="module")
def items(noaa, ports):
    return observe([noaa], ports, THRESHOLDS)


def _kinds(items, feature_type):
    return [i for i in items if i["feature_type"] == feature_type]


def test_the_generator_injects_what_its_docstring_says(synthetic):
    frame, truth = synthetic
    assert 6 * 2500 < len(frame) < 9 * 3000 and set(PORTS) >= {c[1] for c in truth.port_calls}
    assert len(truth.gaps) == 2 and len(truth.encounters) == 1 and len(truth.jumps) == 1
    assert sorted(kind for _, kind in truth.identity) == ["imo_two_mmsi", "name"]


def test_injected_items_are_found(items, synthetic):
    _, truth = synthetic
    assert [(i["mmsi"], i["start"], i["end"]) for i in _kinds(items, "gap")] == [
        (m, iso(a), iso(b)) for m, a, b in sorted(truth.gaps)
    ]
    calls = [(i["mmsi"], i["node"], i["start"], i["end"]) for i in _kinds(items, "port_call")]
    for mmsi, node, start, end in truth.port_calls:  # each injected stay is inside exactly one call
        assert len([c for c in calls if c[:2] == (mmsi, node) and c[2] <= iso(end) and c[3] >= iso(start)]) == 1
    assert len(calls) == len(truth.port_calls)
    pairs = [(i["mmsi"], i["mmsi_other"]) for i in _kinds(items, "encounter") if i["kind"] == "pair"]
    assert pairs == [e[:2] for e in truth.encounters]
    assert [(i["mmsi"], i["start"]) for i in _kinds(items, "anomaly") if i["kind"] == "jump"] == [
        (m, iso(t)) for m, t in truth.jumps
    ]
    assert sorted((i["mmsi"], i["kind"]) for i in _kinds(items, "identity_change")) == sorted(truth.identity)


def test_round_trips_are_counted_from_the_first_port(items):
    for track in _kinds(items, "track"):
        details = track["details"]
        assert details["port_calls"] == len([i for i in _kinds(items, "port_call") if i["mmsi"] == track["mmsi"]])
        assert 0 <= details["round_trips"] <= details["voyages"]


def test_dma_and_nmea_layouts_give_the_same_events(synthetic, noaa, ports, items, tmp_path):
    frame = synthetic[0]
    dma = observe([write_csv(frame, tmp_path / "dma.csv", "dma")], ports, THRESHOLDS)
    assert geojson_bytes(dma, {}) == geojson_bytes(items, {})
    few = frame[frame["mmsi"].isin([273_001_001, 273_002_001])]  # the jump and the renamed ship
    nmea = observe([write_nmea(few, tmp_path / "few.nmea")], ports, THRESHOLDS)
    wanted = [
        (i["feature_type"], i["kind"], i["mmsi"], i["start"]) for i in items if i["mmsi"] in (273_001_001, 273_002_001)
    ]
    got = [(i["feature_type"], i["kind"], i["mmsi"], i["start"]) for i in nmea]
    assert [g for g in got if g[0] != "identity_change"] == [w for w in wanted if w[0] != "identity_change"]
    assert ("identity_change", "name", 273_002_001) in {g[:3] for g in got}


# dask 2026.8 calls DataFrame.reset_index(inplace=True), which pandas 3.1 deprecates.
@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning", "ignore::pandas.errors.Pandas4Warning")
def test_the_dask_engine_gives_the_same_bytes(noaa, ports, items):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = observe([noaa], ports, THRESHOLDS, engine="dask", client=client)
    meta = metadata(THRESHOLDS.metadata(), ["noaa.csv"])
    assert geoparquet_bytes(on_dask, meta) == geoparquet_bytes(items, meta)
    assert geojson_bytes(on_dask, meta) == geojson_bytes(items, meta)


def test_vessels_keeps_the_ships_a_case_names_by_mmsi_or_imo(noaa, tmp_path):
    from click.testing import CliRunner

    from routes.cli import cli
    from routes.load.bundled import bundled_path

    text = bundled_path("scenarios", "dprk-russia-2023.toml").read_text(encoding="utf-8")
    folder = bundled_path("scenarios").resolve()
    text = text.replace('"../', f'"{folder.parent}/').replace('id = "maria"\n', 'id = "maria"\nmmsi = "273001001"\n')
    text = text.replace('imo = "9179842"', 'imo = "9100014"')  # the IMO ship 2 of the synthetic data broadcasts
    case = tmp_path / "case.toml"
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "kept.geojson"
    result = CliRunner().invoke(cli, ["observe", str(noaa), "--vessels", str(case), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    import json

    features = json.loads(out.read_text())["features"]
    assert {f["properties"]["mmsi"] for f in features} == {273_001_001, 273_002_001}
    assert {f["properties"]["node"] for f in features if f["properties"]["node"]} <= {
        "najin",
        "dunay",
        "vladivostok",
        "vostochny",
    }
