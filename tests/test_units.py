"""Units: routes' own (arms, oil, bulk and rail reporting), each with its kind, and the units a
scenario declares in [units.NAME] tables (routes/model/vocabulary.py, routes/load/scenario_units.py)."""

import json
import tomllib

import jsonschema
import pytest
from click.testing import CliRunner

import routes
from routes.analysis.volumes import main_unit, width_rule
from routes.cli import cli
from routes.model.records import Quantity
from routes.model.vocabulary import Unit, UnitKind, UnitSet
from tests.conftest import MINIMAL_SCENARIO, REPO, write

BARRELS_CLAIM = MINIMAL_SCENARIO.replace(
    'quantity_text = "more than 1,000 containers"', 'quantity_text = "about 700,000 barrels"'
).replace('unit = "containers"', 'unit = "barrels"')


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("barrels", "volume"),
        ("barrels a day", "rate"),
        ("tonnes", "mass"),
        ("cubic metres", "volume"),
        ("teu", "count"),
        ("wagons", "count"),
        ("voyages", "count"),
        ("transfers", "count"),
        ("percent", "share"),
        ("containers", "count"),
        ("tons", "mass"),
    ],
)
def test_oil_bulk_and_rail_units_each_have_a_kind(name, kind):
    assert Unit.parse(name).kind is UnitKind(kind)


def test_units_are_read_by_name_or_alias_and_refused_with_the_list():
    assert Unit.parse(" Barrels per day ") is Unit.BARRELS_A_DAY is Unit.parse("bpd")
    assert Unit.parse("cubic meters") is Unit.CUBIC_METRES and Unit.parse("%") is Unit.PERCENT
    assert Unit.parse("TEU").label == "TEU" and Unit.BARRELS.label == "barrels"
    with pytest.raises(ValueError, match="'gallons' is not one of 'containers', 'railcars'.*'percent'"):
        Unit.parse("gallons")
    with pytest.raises(ValueError, match="not a unit name"):
        Unit("Tank Wagons", UnitKind.COUNT)


def test_a_share_is_at_most_one_hundred_percent():
    assert Quantity("40 per cent", 40, unit=Unit.PERCENT).value == 40
    with pytest.raises(ValueError, match="at most 100"):
        Quantity("140 per cent", 140, unit=Unit.PERCENT)


def test_routes_validate_accepts_a_claim_in_barrels(tmp_path, mini):
    case = write(mini.with_name("oil.toml"), BARRELS_CLAIM)
    result = CliRunner().invoke(cli, ["validate", str(case)])
    assert result.exit_code == 0, result.stderr
    claim = routes.load_scenario(case).claims[0]
    assert claim.quantity.unit is Unit.BARRELS and claim.quantity.unit.kind is UnitKind.VOLUME
    # Before: "'barrels' is not a known value" and exit 1.
    refused = CliRunner().invoke(
        cli, ["validate", str(write(mini.with_name("x.toml"), BARRELS_CLAIM.replace('"barrels"', '"gallons"')))]
    )
    assert refused.exit_code == 1 and "field 'unit': 'gallons' is not a known value" in refused.stderr
    assert "or declare it in a [units.NAME] table" in refused.stderr


def test_a_scenario_declares_its_own_units(mini):
    text = MINIMAL_SCENARIO.replace('unit = "containers"', 'unit = "tank wagons"') + (
        '\n[units."tank wagons"]\nkind = "count"\nlabel = "tank wagons of fuel oil"\n'
    )
    case = routes.load_scenario(write(mini.with_name("own.toml"), text))
    unit = case.claims[0].quantity.unit
    assert (unit.value, unit.kind, unit.label) == ("tank wagons", UnitKind.COUNT, "tank wagons of fuel oil")
    # The width legend names the unit as the reader sees it.
    rule = width_rule(case)
    assert rule.unit is unit and rule.legend().startswith("Line width: tank wagons of fuel oil")


def test_each_bad_declaration_is_one_problem_line(mini):
    declarations = """
[units.barrels]
kind = "volume"

[units.sorties]
kind = "counted"
label = 3

[units."Tank Wagons"]
kind = "count"

[units.loads]
label = "truck loads"

[units.convoys]
kind = "count"
colour = "red"
"""
    path = write(mini.with_name("bad.toml"), MINIMAL_SCENARIO + declarations)
    with pytest.raises(routes.ValidationError) as info:
        routes.load_scenario(path)
    lines = [str(p) for p in info.value.problems]
    assert [line.replace(str(path), "bad.toml") for line in lines] == [
        (
            "bad.toml: unit 'barrels', field 'units': 'barrels' is one of routes' own units (volume); "
            "remove the declaration or give it another name"
        ),
        "bad.toml: unit 'sorties', field 'kind': 'counted' is not a known value; use one of 'count', 'mass', 'volume', 'rate', 'share'",
        (
            "bad.toml: unit 'Tank Wagons', field 'units': 'Tank Wagons' is not a unit name; use lower-case words of "
            "letters and digits, joined by single spaces or hyphens (e.g. 'tank wagons')"
        ),
        "bad.toml: unit 'loads', field 'kind': missing; add it: one of 'count', 'mass', 'volume', 'rate', 'share'",
        "bad.toml: unit 'convoys', field 'colour': unknown field; remove it (known fields: kind, label)",
    ]


def test_a_claim_over_one_hundred_percent_is_one_problem(mini):
    text = BARRELS_CLAIM.replace('"barrels"', '"percent"').replace("quantity = 1000", "quantity = 120")
    path = write(mini.with_name("share.toml"), text)
    with pytest.raises(routes.ValidationError) as info:
        routes.load_scenario(path)
    assert [str(p).replace(str(path), "share.toml") for p in info.value.problems] == [
        (
            "share.toml: claim 'c-1', field 'quantity': 120 percent is above 100; "
            "a share is at most 100 percent: check the number or the unit"
        )
    ]


def test_a_share_sets_no_width(mini):
    text = BARRELS_CLAIM.replace('"barrels"', '"percent"').replace("quantity = 1000", "quantity = 40")
    case = routes.load_scenario(write(mini.with_name("share.toml"), text))
    assert case.claims[0].quantity.unit is Unit.PERCENT
    assert width_rule(case).unit is None  # a part of an unstated whole is no volume
    assert width_rule(routes.load_scenario(write(mini.with_name("oil.toml"), BARRELS_CLAIM))).unit is Unit.BARRELS


def test_ties_between_units_never_depend_on_declaration_order():
    a, b = Unit("sorties", UnitKind.COUNT), Unit("loads", UnitKind.COUNT)

    class Claimed:
        def __init__(self, unit, published, id):
            self.quantity = Quantity("n", 1, unit=unit)
            self.published_key, self.id = published, id

    # A tie on the legs goes to the unit more of the case's claims count in, then to the unit
    # of the earliest published claim: never to the order units are listed or declared in.
    early, late = Claimed(a, "2023-01", "x"), Claimed(b, "2024-01", "y")
    assert main_unit([late, early]) is a
    assert main_unit([late, early], [late, early, Claimed(b, "2024-02", "z")]) is b
    assert main_unit([Claimed(Unit.TEU, "2024-01", "t"), Claimed(a, "2023-01", "s")]) is a  # not routes' own first
    assert UnitSet((a,)).parse("Sorties") is a


def test_the_schema_knows_the_units(mini):
    schema = json.loads((REPO / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    data = tomllib.loads(BARRELS_CLAIM + '\n[units."tank wagons"]\nkind = "count"\nlabel = "tank wagons"\n')
    jsonschema.validate(data, schema)
    for bad in ({"kind": "counted"}, {"label": "x"}, {"kind": "count", "colour": "red"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "units": {"loads": bad}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "units": {"Tank Wagons": {"kind": "count"}}}, schema)


def test_the_chart_charts_a_unit_the_scenario_declares(mini, tmp_path):
    text = MINIMAL_SCENARIO.replace('unit = "containers"', 'unit = "tank wagons"') + (
        '\n[units."tank wagons"]\nkind = "count"\n'
    )
    case = write(mini.with_name("own.toml"), text)
    out = tmp_path / "chart.svg"
    result = CliRunner().invoke(cli, ["chart", str(case), "-o", str(out), "--unit", "Tank wagons"])
    assert result.exit_code == 0, result.stderr
    assert "tank wagons" in out.read_text(encoding="utf-8")
    refused = CliRunner().invoke(cli, ["chart", str(case), "-o", str(out), "--unit", "tank cars"])
    assert refused.exit_code == 2 and "'tank cars' is not one of" in refused.stderr
    assert "'tank wagons'" in refused.stderr


def test_width_unit_may_name_a_unit_the_scenario_declares(mini):
    declared = '\n[units."tank wagons"]\nkind = "count"\nlabel = "tank wagons"\n'
    text = MINIMAL_SCENARIO.replace('unit = "containers"', 'unit = "tank wagons"') + declared
    chosen = text.replace("\n[[", '\nwidth_unit = "tank wagons"\n\n[[', 1)  # a top-level key, before the first table
    case = routes.load_scenario(write(mini.with_name("chosen.toml"), chosen))
    assert case.width_unit is not None and case.width_unit.value == "tank wagons"
    assert width_rule(case).unit_from == "scenario"
    with pytest.raises(routes.ValidationError, match="width_unit"):
        routes.load_scenario(
            write(mini.with_name("bad.toml"), chosen.replace('width_unit = "tank wagons"', 'width_unit = "sorties"'))
        )
