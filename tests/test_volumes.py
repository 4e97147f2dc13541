import datetime as dt

import pytest

import routes
from routes.analysis.volumes import MAX_WIDTH_PX, MIN_WIDTH_PX, NO_COUNT_PX, width_rule
from tests.conftest import MINIMAL_SCENARIO

LEG = "a-b/a-port-b-port"
MIDDLE = (MIN_WIDTH_PX + MAX_WIDTH_PX) / 2


def two_claims(mini, first, second, unit2="containers", extra2="", covers2='covers = ["a-b"]'):
    claim = MINIMAL_SCENARIO[MINIMAL_SCENARIO.index("[[claims]]") :]
    other = (
        claim.replace('id = "c-1"', 'id = "c-2"')
        .replace('claimant = "Someone"', 'claimant = "Other"')
        .replace("quantity = 1000", f"quantity = {second}")
        .replace('unit = "containers"', f'unit = "{unit2}"')
        .replace('covers = ["a-b"]', covers2)
    )
    if extra2:
        other = other.replace('status = "claimed"', 'status = "claimed"\n' + extra2)
    mini.write_text(mini.read_text().replace("quantity = 1000", f"quantity = {first}") + "\n" + other)
    return routes.load_scenario(mini)


def claims_in_two_periods(mini):
    """c-1: 1,000 containers, 7 Sep - 1 Oct 2023; c-2: 9,000, 1 Jan - 30 Jun 2024; both name the leg."""
    two_claims(mini, 1000, 9000)
    text = mini.read_text()
    second = text.rindex('period_start = "2023-09-07"')
    text = (
        text[:second]
        + 'period_start = "2024-01-01"\nperiod_end = "2024-06-30"'
        + text[second + len('period_start = "2023-09-07"\nperiod_end = "2023-10-01"') :]
    )
    mini.write_text(text)
    return routes.load_scenario(mini)


def test_width_follows_the_largest_single_claim_never_a_sum(mini):
    rule = width_rule(two_claims(mini, 1000, 5000))
    assert rule.driver(LEG).claim == "c-2" and rule.driver(LEG).quantity == 5000  # not 6000
    assert rule.width_px(LEG) == MAX_WIDTH_PX
    assert "never added up" in rule.legend() and "containers" in rule.legend()


def test_other_units_do_not_set_widths(mini):
    rule = width_rule(two_claims(mini, 1000, 90000, unit2="tons"))
    assert rule.unit.value == "containers" and rule.driver(LEG).claim == "c-1"


def test_a_claim_that_names_no_leg_sets_no_width(mini):
    """An attributed claim is listed on the leg but never drawn as volume."""
    case = two_claims(mini, 1000, 20000, covers2='attributed = ["a-b"]\nattribution = "the only route reported"')
    rule = width_rule(case)
    assert [d.claim for d in rule.drivers[LEG]] == ["c-1"]
    # 1,000 is the only count named (the 20,000 does not count): drawn at the middle width,
    # not as the maximum of nothing.
    assert rule.width_px(LEG) == MIDDLE and rule.single


def test_a_leg_with_only_attributed_claims_is_drawn_thinnest(mini):
    text = mini.read_text().replace('covers = ["a-b"]', 'attributed = ["a-b"]\nattribution = "author linked it"')
    mini.write_text(text)
    case = routes.load_scenario(mini)
    assert case.claims[0].coverage(LEG).value == "attributed" and not case.claims[0].names(LEG)
    rule = width_rule(case)
    assert rule.unit is None and rule.width_px(LEG) == NO_COUNT_PX < MIN_WIDTH_PX


def test_a_restatement_sets_no_width(mini):
    rule = width_rule(two_claims(mini, 1000, 1000, extra2='kind = "restatement"\nrestates = "c-1"'))
    assert [d.claim for d in rule.drivers[LEG]] == ["c-1"]


def test_widths_follow_the_date(mini):
    # c-1: 1,000 in Sep 2023; c-2: 9,000 in 2024. Each date shows only the claim current then.
    case = claims_in_two_periods(mini)
    rule = width_rule(case)
    assert rule.driver(LEG, dt.date(2023, 9, 20)).claim == "c-1"
    assert rule.driver(LEG, dt.date(2024, 3, 1)).claim == "c-2"
    assert rule.driver(LEG, dt.date(2025, 3, 1)) is None
    assert rule.width_px(LEG, dt.date(2023, 9, 20)) < rule.width_px(LEG, dt.date(2024, 3, 1)) == MAX_WIDTH_PX
    assert rule.width_px(LEG, dt.date(2025, 3, 1)) == NO_COUNT_PX
    assert rule.driver(LEG).claim == "c-2"  # all dates: every claim naming the leg


def test_widths_are_area_true_between_the_bounds(seed, mini):
    rule = width_rule(seed)
    drivers = {d.claim for ds in rule.drivers.values() for d in ds}
    # The White House's 1,000 names no leg (its route belongs to the imagery record): it sets no width.
    assert "wh-2023-10-13" not in drivers and drivers
    assert MIN_WIDTH_PX <= rule.width_px("najin-tikhoretsk/najin-dunay") <= MAX_WIDTH_PX
    assert rule.width_px("no-such-leg") == NO_COUNT_PX
    rule = width_rule(two_claims(mini, 1000, 4000))
    assert not rule.single
    # Area-true: a quarter of the top quantity draws half way between the bounds (the square root
    # of a quarter is a half); a linear scale would draw a quarter of the way.
    assert rule.px(rule.top) == MAX_WIDTH_PX
    assert rule.px(rule.top / 4) == MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) / 2
    assert rule.px(0) == MIN_WIDTH_PX


def test_each_width_driver_is_current_on_its_first_day(seed):
    rule = width_rule(seed)
    for leg, drivers in rule.drivers.items():
        for candidate in drivers:
            first = rule.driver(leg, candidate.span[0])
            assert first is not None and first.quantity >= candidate.quantity, (leg, candidate.claim)


def test_no_numbers_no_rule(mini):
    mini.write_text(
        mini.read_text()
        .replace("quantity = 1000\n", "")
        .replace('unit = "containers"\n', "")
        .replace('qualifier = "more than"\n', "")
    )
    rule = width_rule(routes.load_scenario(mini))
    assert rule.unit is None and rule.legend() is None


@pytest.mark.parametrize("bad", [0])
def test_zero_is_a_quantity(mini, bad):
    rule = width_rule(two_claims(mini, bad, bad))
    assert rule.width_px(LEG) == MIDDLE  # a count (the only one), not "no count"


def test_the_width_unit_is_never_chosen_by_the_order_of_the_vocabulary(mini):
    """One claim in drones and one in missiles on the leg: the tie goes to the earlier claim's
    unit, whichever the vocabulary lists first."""
    case = two_claims(mini, 200, 220, unit2="containers")
    text = mini.read_text().replace('unit = "containers"', 'unit = "missiles"', 1)
    mini.write_text(text)
    case = routes.load_scenario(mini)
    assert [c.quantity.unit.value for c in case.claims] == ["missiles", "containers"]
    rule = width_rule(case)
    assert rule.unit.value == "missiles"  # c-1 is published first; "containers" is listed first
    # The other unit's count is listed on the leg, never drawn.
    assert [o.claim for o in rule.others[LEG]] == ["c-2"]


def test_the_scenario_chooses_its_width_unit(mini):
    two_claims(mini, 1000, 220, unit2="missiles")
    mini.write_text(mini.read_text().replace("title = ", 'width_unit = "missiles"\ntitle = ', 1))
    rule = width_rule(routes.load_scenario(mini))
    assert rule.unit.value == "missiles" and rule.unit_from == "scenario"
    assert "missiles (chosen for this case)" in rule.legend()
    assert [o.claim for o in rule.others[LEG]] == ["c-1"]


def test_a_cumulative_total_sets_widths_only_from_its_publication(mini):
    case = two_claims(mini, 1000, 9000, extra2='kind = "cumulative"')
    rule = width_rule(case)
    total = next(d for d in rule.drivers[LEG] if d.claim == "c-2")
    published = case.claims[1].published.first_day()
    assert total.span[0] == min(published, total.span[1])
    assert rule.driver(LEG, dt.date(2023, 9, 10)).claim == "c-1"  # before the total was published


def test_the_iran_legend_names_its_unit_and_no_counted_leg_says_no_count():
    from routes.render.payload import build_payload

    case = routes.load_scenario("iran-russia-caspian")
    payload = build_payload(case, routes.build_legs(case))
    unit = width_rule(case).unit.value
    assert unit in payload["legend"]["width"] and payload["legend"]["width_key"]
    assert all(unit in label for label, _ in payload["legend"]["width_key"])
    counted = {
        leg.id
        for leg in case.legs_specs
        for c in case.claims
        if c.names(leg.id) and c.quantity and c.quantity.value is not None
    }
    assert counted
    for leg in payload["legs"]:
        if leg["id"] in counted:
            assert "no count" not in leg["width_short"] and "no count" not in leg["width_from"].lower(), leg["id"]
    olya = next(leg for leg in payload["legs"] if leg["id"] == "amirabad-olya/amirabad-olya")
    assert olya["width_short"].startswith("also claimed: ") and "220" in olya["width_short"]


def test_page_widths_come_from_claims_that_name_the_leg():
    from routes.render.payload import build_payload

    case = routes.load_scenario("dprk-russia-2023-2025")
    payload = build_payload(case, routes.build_legs(case))
    claims = {c.id: c for c in case.claims}
    rule = width_rule(case)
    for leg in payload["legs"]:
        found = rule.driver(leg["id"])
        if found is None:
            assert leg["width"] == NO_COUNT_PX and leg["width_by_date"] == []
            continue
        assert claims[found.claim].names(leg["id"])
        assert leg["width"] == rule.px(found.quantity)
        assert all(claims[d.claim].names(leg["id"]) for d in rule.drivers[leg["id"]])
    assert "never added up" in payload["legend"]["width"]
    assert payload["legend"]["no_count"][0] == NO_COUNT_PX
    assert "Claimed period" not in str(payload["period"]) and "claimants, published" in payload["period"]
