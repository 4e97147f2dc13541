import json

import jsonschema
import pytest

import routes
from routes.outputs.geojson import FORMAT_VERSION
from tests.conftest import REPO


@pytest.fixture(scope="module")
def schema():
    return json.loads((REPO / "docs" / "export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def export(seed, seed_legs):
    return routes.to_geojson(seed, seed_legs.reset_index(drop=True))


def test_export_matches_its_json_schema(export, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(export, schema)


def test_schema_rejects_a_javascript_url(export, schema):
    bad = json.loads(json.dumps(export))
    bad["claims"][0]["sources"][0]["url"] = "javascript:alert(1)"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_export_carries_the_white_house_claim(export):
    assert export["format_version"] == FORMAT_VERSION
    wh = next(c for c in export["claims"] if c["id"] == "wh-2023-10-13")
    # The statement covers "recent weeks" before 13 Oct (start unknown); 7 Sep - 1 Oct is the imagery's record.
    assert (wh["period_start"], wh["period_end"], wh["period_end_inclusive"]) == (None, "2023-10-13", True)
    imagery = next(c for c in export["claims"] if c["id"] == "wh-2023-10-13-imagery")
    assert (imagery["period_start"], imagery["period_end"]) == ("2023-09-07", "2023-10-01")
    assert (wh["quantity"], wh["qualifier"], wh["unit"]) == (1000, "more than", "containers")
    assert wh["quantity_text"].startswith("more than 1,000 containers")
    assert any(s["url"] == "https://en.yna.co.kr/view/AEN20231014000400315" for s in wh["sources"])


def test_claims_covering_no_leg_are_exported(export):
    assert "wh-2023-10-13-return" in {c["id"] for c in export["claims"]}


def test_leg_features_carry_their_claims_and_basis(export):
    legs = {
        f["properties"]["id"]: f["properties"] for f in export["features"] if f["properties"]["feature_type"] == "leg"
    }
    sea = legs["najin-tikhoretsk/najin-dunay"]
    assert sea["geometry_basis"] == "assumed" and sea["mode"] == "sea"
    assert {c["id"] for c in sea["claims"]} == {
        "wh-2023-10-13",
        "wh-2023-10-13-imagery",
        "rusi-2023-10-16",
        "csis-najin-2023-10",
    }
    assert 170 <= sea["distance_km"] <= 260


def test_node_features_carry_confidence(export):
    nodes = {
        f["properties"]["id"]: f["properties"] for f in export["features"] if f["properties"]["feature_type"] == "node"
    }
    assert nodes["tikhoretsk-depot"]["coord_confidence"] == "low"
    assert nodes["najin"]["local_names"]["ko"]


def test_export_is_deterministic(seed, seed_legs):
    from routes.outputs.export import geojson_text

    legs = seed_legs.reset_index(drop=True)
    assert geojson_text(seed, legs) == geojson_text(seed, legs.iloc[::-1])


def test_legs_carry_their_border_crossings():
    import routes
    from routes.outputs.geojson import to_geojson

    case = routes.load_scenario("dprk-russia-2023-2025")
    legs = {
        f["properties"]["id"]: f["properties"]
        for f in to_geojson(case, routes.build_legs(case))["features"]
        if f["properties"]["feature_type"] == "leg"
    }
    assert legs["najin-ussuriysk-rail/najin-ussuriysk"]["border_crossings_estimate"] == 1  # the Friendship Bridge
    assert legs["najin-dunay-tikhoretsk/najin-dunay"]["border_crossings_estimate"] == 0  # at sea
