"""Observations in a case (issue 25 item 3): routes observe output named by a scenario (or given
to routes render --observations) is linked to the case's vessels by MMSI, drawn apart from the
claims in the time control, said in each sea leg's popup, and listed apart in the ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import routes
from routes.analysis.case import case_model
from routes.cli import cli
from routes.load.bundled import bundled_path
from routes.outputs.export import write_html
from tests.conftest import PageProbe

ANGARA_MMSI = 273000001  # the generator's first ship shuttles Najin <-> Dunay from 1 Sep 2023
LEG = "najin-tikhoretsk/najin-dunay"


@pytest.fixture(scope="module")
def observed(tmp_path_factory) -> Path:
    from routes.observe.synthetic import generate, write_csv

    folder = tmp_path_factory.mktemp("observed")
    frame, _ = generate(ships=6, reports_per_ship=6000, step_s=120)
    write_csv(frame, folder / "ais.csv")
    result = CliRunner().invoke(cli, ["observe", str(folder / "ais.csv"), "-o", str(folder / "observed.geojson"), "-q"])
    assert result.exit_code == 0, result.output
    return folder / "observed.geojson"


def _scenario(folder: Path, observed: Path, *, name_angara: bool = True) -> Path:
    text = (bundled_path("scenarios") / "dprk-russia-2023.toml").read_text(encoding="utf-8")
    data = bundled_path("scenarios").parent
    text = text.replace('"../ports.geojson"', f'"{data / "ports.geojson"}"')
    text = text.replace('"../networks/', f'"{data / "networks"}/')
    if name_angara:
        text = text.replace('id = "angara"\n', f'id = "angara"\nmmsi = "{ANGARA_MMSI}"\n', 1)
    text = text.replace("title = ", 'observations = ["observed.geojson"]\ntitle = ', 1)
    (folder / "observed.geojson").write_bytes(observed.read_bytes())
    path = folder / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_items_link_by_mmsi_and_legs_say_when_they_were_observed(tmp_path, observed):
    case = routes.load_scenario(_scenario(tmp_path, observed))
    model = case_model(case)
    seen = model.observations
    assert seen is not None and seen.vessel_of == {ANGARA_MMSI: "angara"}
    leg = seen.legs[LEG]
    assert leg.observed and {v.vessel for v in leg.voyages} == {"angara"}
    assert all((v.origin, v.destination) == ("najin", "dunay") and v.departed < v.arrived for v in leg.voyages)
    unlinked = {i.mmsi for i in seen.items if seen.vessel(i) is None}
    assert unlinked and ANGARA_MMSI not in unlinked  # other ships stay unlinked, never attached
    assert seen.trips()[LEG]["angara"] == sorted(v.arrived for v in leg.voyages)
    # Observations never change a claim: the same widths, states and claims per leg.
    plain = case_model(routes.load_scenario("dprk-russia-2023"))
    assert {k: (f.claims, f.width_drivers) for k, f in plain.leg_facts.items()} == {
        k: (f.claims, f.width_drivers) for k, f in model.leg_facts.items()
    }


def test_a_case_that_names_no_vessel_leaves_every_track_unlinked(tmp_path, observed):
    model = case_model(routes.load_scenario(_scenario(tmp_path, observed, name_angara=False)))
    assert model.observations.vessel_of == {} and not model.observations.legs[LEG].observed


def test_a_bad_observation_file_is_one_line_and_exit_1(tmp_path, observed):
    scenario = _scenario(tmp_path, observed)
    bad = tmp_path / "bad.geojson"
    data = json.loads(observed.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["mmsi"] = "12"
    data["features"][1]["properties"]["start"] = "yesterday"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["render", str(scenario), "--observations", str(bad), "-o", str(tmp_path / "m.html")]
    )
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "bad.geojson" in line]
    assert len(lines) == 2 and "feature 1, field 'mmsi'" in lines[0] and "feature 2, field 'start'" in lines[1]
    assert "Traceback" not in result.output and not (tmp_path / "m.html").exists()


def test_observations_are_drawn_in_the_time_control_with_leg_popup_and_ledger(browser, tmp_path, observed):
    model = case_model(routes.load_scenario(_scenario(tmp_path, observed)))
    path = write_html(routes.render_map(model, offline=True), tmp_path / "observed.html")
    probe = PageProbe(browser, path)
    page = probe.page
    try:
        layers = "() => window.routesMap.layers.observed.getLayers().length"
        total = page.evaluate(layers)
        assert total > 20
        assert page.locator("path.routes-observed-track").count() >= 6
        page.evaluate("() => window.routesMap.time.setDate('2023-08-15')")
        assert page.evaluate(layers) == 0  # nothing observed before 1 Sep 2023
        page.evaluate("() => window.routesMap.time.setDate('2023-09-04')")
        assert 0 < page.evaluate(layers) < total
        legend = page.locator(".routes-legend").inner_text()
        assert "Ship track (AIS, observed)" in legend and "Port call (AIS, observed)" in legend
        assert "Dark period" in legend and "AIS identity change" in legend
        assert page.locator(".routes-legend text", has_text="\u00d7").count() >= 2  # anomaly and identity change
        page.locator(".routes-time-all input").check()
        page.evaluate(
            "(id) => { const i = window.routesMap.data.legs.findIndex(l => l.id === id);"
            " window.routesMap.legs[i].openPopup(); }",
            LEG,
        )
        observed_line = page.locator(".routes-leg-observed").inner_text()
        assert observed_line.startswith("Observed: observed (AIS port calls)") and "Angara departed" in observed_line
        page.evaluate("() => window.routesMap.data.observed.find(o => o.kind === 'port_call').layer.openPopup()")
        label = page.locator(".routes-observed-popup .routes-field-label").nth(2).inner_text()
        assert label == "Observed: " and "Image" not in page.locator(".routes-observed-popup").inner_text()
        page.locator(".routes-ledger summary").first.click()
        rows = page.locator(".routes-ledger-observed-row").all_text_contents()
        assert any("observed: Angara at Dunay" in r and ", AIS" in r for r in rows)
        assert any("not named in this case: unlinked" in r for r in rows)
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()


def test_observed_voyages_are_the_trips_of_the_throughput_check(tmp_path, observed):
    scenario = _scenario(tmp_path, observed)
    extra = f"""
[[claims]]
id = "user-900"
claimant = "An analyst"
published = "2023-09-10"
period_start = "2023-09-01"
period_end = "2023-09-09"
quantity_text = "about 900 containers"
quantity = 900
unit = "containers"
qualifier = "about"
covers = ["{LEG}"]
vessels = ["angara"]
evidence = "test"
status = "claimed"
sources = [{{ publisher = "P", title = "T", date = "2023-09-10" }}]

[[capacities]]
vessel = "angara"
unit = "containers"
low = 150
high = 400
basis = "test table"
sources = [{{ publisher = "P", title = "T", date = "2023" }}]
"""
    scenario.write_text(scenario.read_text(encoding="utf-8") + extra, encoding="utf-8")
    voyages = case_model(routes.load_scenario(scenario)).observations.legs[LEG].voyages
    result = CliRunner().invoke(cli, ["check", str(scenario)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.split("throughput")[-1].splitlines() if x.startswith("user-900: "))
    assert f"over at least {len(voyages)} trips ({len(voyages)} voyages observed (AIS port calls))" in line
    assert f"at most about {900 / len(voyages):,.0f} a trip" in line


def test_kml_carries_tracks_as_gx_tracks_and_events_with_time_spans(tmp_path, observed):
    import xml.etree.ElementTree as ET

    from routes.outputs.kml import to_kml

    model = case_model(routes.load_scenario(_scenario(tmp_path, observed)))
    root = ET.fromstring(to_kml(model.scenario, model.legs, model))
    kml, gx = "{http://www.opengis.net/kml/2.2}", "{http://www.google.com/kml/ext/2.2}"
    folder = next(f for f in root.iter(f"{kml}Folder") if f.findtext(f"{kml}name") == "Observed by AIS (not claims)")
    marks = folder.findall(f"{kml}Placemark")
    assert len(marks) == len(model.observations.items)
    track = next(m for m in marks if m.findtext(f"{kml}name").startswith("track: Angara"))
    parts = track.findall(f".//{gx}Track")
    assert parts and all(len(p.findall(f"{kml}when")) == len(p.findall(f"{gx}coord")) > 1 for p in parts)
    call = next(m for m in marks if m.findtext(f"{kml}name").startswith("port call: Angara"))
    assert call.findtext(f"{kml}TimeSpan/{kml}begin").endswith("Z") and call.find(f"{kml}Point") is not None


def test_markdown_ledger_lists_voyages_and_dark_periods_apart_from_the_claims(tmp_path, observed):
    scenario = _scenario(tmp_path, observed)
    result = CliRunner().invoke(cli, ["ledger", str(scenario)])
    assert result.exit_code == 0, result.output
    table, observed_part = result.output.split("## Observed (not claims)")
    assert "voyage" not in table and "MMSI" not in table
    voyages = [line for line in observed_part.splitlines() if ": voyage, Angara (MMSI 273000001) najin → dunay" in line]
    assert voyages and all("(AIS port calls; observed on najin-tikhoretsk/najin-dunay)" in v for v in voyages)
    assert any(": gap of Angara (MMSI 273000001)" in line and "rule:" in line for line in observed_part.splitlines())
    assert "273001001" not in observed_part  # unlinked ships are not listed as the case's


@pytest.mark.parametrize("command", ["ledger", "render"])
def test_a_parquet_observation_file_is_never_an_output(tmp_path, observed, command):
    scenario = _scenario(tmp_path, observed)
    parquet = tmp_path / "obs.parquet"
    made = CliRunner().invoke(cli, ["observe", str(observed.parent / "ais.csv"), "-o", str(parquet), "-q"])
    assert made.exit_code == 0, made.output
    before = parquet.read_bytes()
    result = CliRunner().invoke(cli, [command, str(scenario), "--observations", str(parquet), "-o", str(parquet)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("routes:")]
    assert len(lines) == 1 and "obs.parquet is the input" in lines[0], result.output
    assert parquet.read_bytes() == before


def test_an_encounter_whose_other_ship_is_the_cases_vessel_is_linked_to_it(tmp_path, observed):
    from routes.outputs.kml import to_kml
    from routes.outputs.ledger import observed_lines
    from routes.render.observed import ais_entries

    data = json.loads(observed.read_text(encoding="utf-8"))
    encounter = next(f for f in data["features"] if f["properties"]["feature_type"] == "encounter")
    encounter["properties"].update(mmsi=273000000, mmsi_other=ANGARA_MMSI)  # the lower MMSI is named first
    scenario = _scenario(tmp_path, observed)
    (tmp_path / "observed.geojson").write_text(json.dumps(data), encoding="utf-8")
    model = case_model(routes.load_scenario(scenario))
    seen = model.observations
    (item,) = [i for i in seen.items if i.feature_type == "encounter" and i.mmsi_other == ANGARA_MMSI]
    assert seen.vessel(item) == "angara" and 273000000 not in seen.vessel_of
    assert any("encounter of Angara (MMSI 273000001)" in line for line in observed_lines(model.scenario, seen))
    assert "encounter: Angara (MMSI 273000001)" in to_kml(model.scenario, model.legs, model).decode()
    entry = next(e for e in ais_entries(model, model.scenario.nodes, 0.0) if e["kind"] == "encounter")
    assert entry["vessel"] == "angara" and entry["linked"] and entry["title"].endswith("and Angara (MMSI 273000001)")


def test_geojson_export_carries_the_observations_apart_and_schema_valid(tmp_path, observed):
    import jsonschema

    from routes.outputs.geojson import to_geojson

    model = case_model(routes.load_scenario(_scenario(tmp_path, observed)))
    document = to_geojson(model.scenario, model.legs, model)
    schema = json.loads(
        (Path(__file__).resolve().parents[1] / "docs" / "export.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(document, schema)
    found = [f["properties"] for f in document["features"] if f["properties"]["feature_type"].startswith("observed_")]
    assert len(found) == len(model.observations.items)
    tracks = [p for p in found if p["feature_type"] == "observed_track"]
    assert {p["vessel"] for p in tracks} == {"angara", None}  # Angara named, the other ships unlinked
    plain = to_geojson(
        routes.load_scenario("dprk-russia-2023"), routes.build_legs(routes.load_scenario("dprk-russia-2023"))
    )
    assert document["claims"] == plain["claims"]  # never merged into the claims
