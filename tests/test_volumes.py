import pytest

import routes
from routes.volumes import MAX_WIDTH_PX, MIN_WIDTH_PX, width_rule
from tests.conftest import MINIMAL_SCENARIO


def two_claims(mini, first, second, unit2="containers"):
    claim = MINIMAL_SCENARIO[MINIMAL_SCENARIO.index("[[claims]]"):]
    other = claim.replace('id = "c-1"', 'id = "c-2"').replace('claimant = "Someone"', 'claimant = "Other"') \
        .replace("quantity = 1000", f"quantity = {second}").replace('unit = "containers"', f'unit = "{unit2}"')
    mini.write_text(mini.read_text().replace("quantity = 1000", f"quantity = {first}") + "\n" + other)
    return routes.load_scenario(mini)


def test_width_follows_the_largest_single_claim_never_a_sum(mini):
    rule = width_rule(two_claims(mini, 1000, 5000))
    assert rule.driver == {"a-b/a-port-b-port": ("c-2", 5000)}  # not 6000
    assert rule.width_px("a-b/a-port-b-port", 4) == MAX_WIDTH_PX
    assert "never added up" in rule.legend() and "containers" in rule.legend()


def test_other_units_do_not_set_widths(mini):
    rule = width_rule(two_claims(mini, 1000, 90000, unit2="tons"))
    assert rule.unit.value == "containers" and rule.driver["a-b/a-port-b-port"] == ("c-1", 1000)


def test_widths_are_area_true_between_the_bounds(seed):
    rule = width_rule(seed)
    assert set(rule.driver.values()) == {("wh-2023-10-13", 1000)}
    assert MIN_WIDTH_PX <= rule.width_px("najin-tikhoretsk/najin-dunay", 4) <= MAX_WIDTH_PX
    assert rule.width_px("no-such-leg", 4) == 4


def test_no_numbers_no_rule(mini):
    mini.write_text(mini.read_text().replace("quantity = 1000\n", "").replace('unit = "containers"\n', "")
                    .replace('qualifier = "more than"\n', ""))
    rule = width_rule(routes.load_scenario(mini))
    assert rule.unit is None and rule.legend() is None


@pytest.mark.parametrize("bad", [0])
def test_zero_is_a_quantity(mini, bad):
    rule = width_rule(two_claims(mini, bad, bad))
    assert rule.width_px("a-b/a-port-b-port", 4) == MAX_WIDTH_PX
