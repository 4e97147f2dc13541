"""One case model behind every output: the page, the export and the ledger say the same."""

import functools
import re
from pathlib import Path

import pytest

import routes
from routes.analysis.case import case_model
from routes.outputs.geojson import to_geojson
from routes.outputs.ledger import LEDGER_COLUMNS, ledger_rows
from routes.render.payload import build_payload

CASES = sorted(routes.bundled_scenarios())


@pytest.fixture(scope="module", params=CASES)
def outputs(request):
    model = case_model(routes.load_scenario(request.param))
    payload = build_payload(model, places=False)
    export = to_geojson(model.scenario, model.legs, model)
    rows, _ = ledger_rows(model.scenario, model)
    return model, payload, export, rows


def test_every_leg_has_the_same_claims_coverage_and_width_claim_everywhere(outputs):
    model, payload, export, _ = outputs
    page = {leg["id"]: leg for leg in payload["legs"]}
    exported = {f["properties"]["id"]: f["properties"] for f in export["features"] if f["id"].startswith("leg/")}
    assert set(page) == set(exported) == set(model.leg_facts)
    for leg_id, facts in model.leg_facts.items():
        assert page[leg_id]["claims"] == [c["id"] for c in exported[leg_id]["claims"]] == list(facts.claims)
        assert page[leg_id]["coverage"] == exported[leg_id]["claim_coverage"] == facts.coverage
        driver = facts.width_driver.claim if facts.width_driver else None
        assert page[leg_id]["width_claim"] == exported[leg_id]["width_claim"] == driver


def test_every_claim_has_the_same_verdict_everywhere(outputs):
    model, payload, export, rows = outputs
    ledger = {row[LEDGER_COLUMNS.index("id")]: row[LEDGER_COLUMNS.index("timeline")] for row in rows}
    exported = {c["id"]: c["timeline_verdict"] for c in export["claims"]}
    for claim in model.scenario.claims:
        on_page = payload["claims"][claim.id].get("timeline", {}).get("verdict")
        expected = model.verdicts[claim.id].verdict if claim.id in model.verdicts else None
        assert on_page == exported[claim.id] == expected
        assert ledger[claim.id] == (expected or "not checked")
    assert any(model.verdicts.values())  # something was checked in every bundled case


def test_the_render_layer_decides_no_analytic_fact():
    render = Path(routes.__file__).parent / "render"
    analytic = re.compile(r"^\s*(from|import) routes\.analysis\.(timeline|volumes|plausibility|claims)\b", re.MULTILINE)
    offenders = [p.name for p in sorted(render.glob("*.py")) if analytic.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_geojson_and_kml_exports_carry_the_same_nodes(outputs):
    import xml.etree.ElementTree as ET

    from routes.outputs.kml import KML_NS, to_kml

    model, _, export, _ = outputs
    in_geojson = [f["properties"]["id"] for f in export["features"] if f["id"].startswith("node/")]
    root = ET.fromstring(to_kml(model.scenario, model.legs, model))
    in_kml = [
        p.get("id").removeprefix("node-")
        for p in root.iter(f"{{{KML_NS}}}Placemark")
        if p.get("id").startswith("node-")
    ]
    assert in_geojson == in_kml == model.nodes_used
    assert len(in_kml) > len({n for leg in model.scenario.legs_specs for n in (leg.start, leg.end)})  # stops and more


# Facts of the model itself, against expected values: the tests above compare outputs with each other,
# and all of them read the same model, so a wrong fact in it would be the same wrong fact everywhere.


@functools.cache
def model_of(case_id: str):
    return case_model(routes.load_scenario(case_id))


def test_only_claims_that_could_be_checked_have_a_verdict():
    model = model_of("dprk-russia-2023")
    # social-2023-10-08 and wh-2023-10-13 have no period start to compare a transit with.
    assert sorted(model.verdicts) == [
        "csis-najin-2023-10",
        "csis-tumangang-2023-10-06",
        "rusi-2023-10-16",
        "wh-2023-10-13-imagery",
        "wh-2023-10-13-return",
    ]
    claims = build_payload(model, places=False)["claims"]
    assert "timeline" not in claims["social-2023-10-08"] and "timeline" in claims["rusi-2023-10-16"]


def test_the_nodes_used_include_an_events_node_that_no_leg_touches():
    model = model_of("dprk-russia-2023-2025")
    on_legs = {n for leg in model.scenario.legs_specs for n in (leg.start, leg.end)}
    on_legs |= {n for via in model.legs["via"] for n in via}
    assert "vostochny-cosmodrome" not in on_legs  # the September 2023 summit's place
    assert "vostochny-cosmodrome" in model.nodes_used


def test_only_legs_whose_claims_state_a_direction_are_directed():
    model = model_of("iran-russia-caspian")
    assert {leg: facts.directed for leg, facts in model.leg_facts.items()} == {
        "amirabad-makhachkala-alabuga/amirabad-makhachkala": True,
        "amirabad-makhachkala-alabuga/makhachkala-alabuga": False,
        "amirabad-olya/amirabad-olya": True,
        "amirabad-astrakhan/amirabad-astrakhan": True,
        "anzali-astrakhan/bandar-anzali-astrakhan": True,
    }
