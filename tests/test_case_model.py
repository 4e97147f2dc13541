"""One case model behind every output: the page, the export and the ledger say the same."""

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
