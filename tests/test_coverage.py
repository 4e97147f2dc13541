"""How a claim concerns a leg (named or attributed), its kind, and where that shows."""

import pytest

import routes
from routes.outputs.ledger import LEDGER_COLUMNS, ledger_rows
from routes.render.payload import build_payload

LEG = "a-b/a-port-b-port"


def edit(mini, old, new):
    text = mini.read_text()
    assert old in text
    mini.write_text(text.replace(old, new))
    return mini


def problems(mini):
    with pytest.raises(routes.ValidationError) as raised:
        routes.load_scenario(mini)
    return str(raised.value)


def test_named_is_what_covers_lists(mini):
    claim = routes.load_scenario(mini).claims[0]
    assert claim.coverage(LEG).value == "named" and claim.names(LEG)
    assert claim.coverage("other/x-y") is None


def test_attributed_needs_a_reason(mini):
    edit(mini, 'covers = ["a-b"]', 'attributed = ["a-b"]')
    message = problems(mini)
    assert "claim 'c-1', field 'attribution': missing" in message and "why" in message


def test_a_leg_is_named_or_attributed_not_both(mini):
    edit(mini, 'covers = ["a-b"]', 'covers = ["a-b"]\nattributed = ["a-b"]\nattribution = "x"')
    assert "'a-b' is also in covers" in problems(mini)


def test_unknown_attributed_target_names_the_fix(mini):
    edit(mini, 'covers = ["a-b"]', 'attributed = ["a-c"]\nattribution = "x"')
    assert "field 'attributed': unknown route or leg 'a-c'" in problems(mini)


def test_kind_is_validated_with_its_vocabulary(mini):
    edit(mini, 'status = "claimed"', 'status = "claimed"\nkind = "estimate"')
    message = problems(mini)
    assert "field 'kind'" in message and "cumulative" in message and "snapshot" in message


def test_a_restatement_names_a_known_claim(mini):
    edit(mini, 'status = "claimed"', 'status = "claimed"\nkind = "restatement"')
    assert "field 'restates': missing" in problems(mini)
    edit(mini, 'kind = "restatement"', 'kind = "restatement"\nrestates = "c-9"')
    assert "field 'restates': unknown claim 'c-9'" in problems(mini)


def test_direction_known_is_a_boolean(mini):
    edit(mini, 'status = "claimed"', 'status = "claimed"\ndirection_known = "no"')
    assert "field 'direction_known'" in problems(mini)


def test_no_arrows_where_the_direction_is_unknown(mini):
    assert build_payload(case := routes.load_scenario(mini), routes.build_legs(case))["legs"][0]["arrows"]
    edit(mini, 'status = "claimed"', 'status = "claimed"\ndirection_known = false')
    case = routes.load_scenario(mini)
    assert build_payload(case, routes.build_legs(case))["legs"][0]["arrows"] == []


def test_no_arrows_and_no_span_from_attributed_claims(mini):
    edit(mini, 'covers = ["a-b"]', 'attributed = ["a-b"]\nattribution = "the only route reported"')
    case = routes.load_scenario(mini)
    leg = build_payload(case, routes.build_legs(case))["legs"][0]
    assert leg["arrows"] == [] and leg["span"] is None
    assert leg["claims"] == ["c-1"] and leg["coverage"] == {"c-1": "attributed"}  # listed, not drawn
    assert case.claims[0].attribution == "the only route reported"


def test_ledger_and_export_say_how_each_claim_is_known(mini):
    edit(mini, 'covers = ["a-b"]', 'attributed = ["a-b"]\nattribution = "the only route reported"\nkind = "flow"')
    case = routes.load_scenario(mini)
    row = dict(zip(LEDGER_COLUMNS, ledger_rows(case)[0][0]))
    assert row["named legs"] == "-" and row["attributed legs"] == "a-b (the only route reported)"
    assert row["kind"] == "flow"
    from routes.outputs.geojson import claim_dict

    as_exported = claim_dict(case.claims[0])
    assert as_exported["covers"] == [] and as_exported["attributed"] == ["a-b"] and as_exported["kind"] == "flow"


@pytest.mark.parametrize(
    "field, allowed", [("geometry_basis", ["reported", "assumed", "routed"]), ("mode", ["sea", "rail", "road", "air"])]
)
def test_a_missing_choice_lists_the_allowed_values(mini, field, allowed):
    text = mini.read_text()
    line = next(raw for raw in text.splitlines() if raw.strip().startswith(f"{field} ="))
    mini.write_text(text.replace(line + "\n", ""))
    message = problems(mini)
    assert f"field '{field}': missing" in message and all(value in message for value in allowed)
