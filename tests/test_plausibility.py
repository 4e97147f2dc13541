import pytest

import routes
from routes.periods import PartialDate, Period
from routes.plausibility import check_claim, check_timelines
from routes.speeds import Speeds
from tests.test_records import make_claim


@pytest.fixture(scope="module")
def legs(seed_legs):
    return seed_legs.reset_index(drop=True)


def test_the_white_house_claim_is_plausible(seed, legs):
    checks = {c.claim: c for c in check_timelines(seed, legs)}
    wh = checks["wh-2023-10-13"]
    assert wh.verdict == "plausible" and wh.period_days == 25
    assert 5 < wh.min_transit_days < 12 and wh.slack_days > 10


def test_an_invented_two_day_najin_tikhoretsk_claim_is_impossible(legs):
    claim = make_claim(id="invented", covers=("najin-tikhoretsk",), period=Period.parse("2023-09-07", "2023-09-08"))
    check = check_claim(claim, legs)
    assert check.verdict == "impossible"
    assert check.slack_days < 0 and "allows at most 2 days" in check.reason


def test_a_tight_claim_and_the_boundary_day(legs):
    fastest = check_claim(make_claim(covers=("najin-tikhoretsk",)), legs).min_transit_days
    days = int(fastest / 0.75) - 1  # more than 75 % of the period is transit
    start = PartialDate.parse("2023-09-01")
    end = PartialDate.parse(f"2023-09-{days:02d}")
    check = check_claim(make_claim(covers=("najin-tikhoretsk",), period=Period(start, end)), legs)
    assert check.verdict == "tight" and check.period_days == days


def test_claims_without_legs_or_period_are_not_checked(seed, legs):
    checks = {c.claim: c for c in check_timelines(seed, legs)}
    assert checks["wh-2023-10-13-return"].verdict == "not checked"
    assert checks["social-2023-10-08"].verdict == "not checked"
    assert "no complete period" in checks["social-2023-10-08"].reason


def test_faster_trains_change_the_verdict(legs):
    claim = make_claim(covers=("najin-tikhoretsk",), period=Period.parse("2023-09-01", "2023-09-06"))
    assert check_claim(claim, legs).verdict == "impossible"
    fast = Speeds().with_overrides(["top-rail=3000km/d"])
    assert check_claim(claim, legs, fast).verdict in ("tight", "plausible")


def test_the_map_shows_the_verdict(seed, legs):
    from routes.render.payload import build_payload

    payload = build_payload(seed, legs)
    assert payload["claims"]["wh-2023-10-13"]["timeline"]["verdict"] == "plausible"
    assert "slack" in payload["claims"]["wh-2023-10-13"]["timeline"]["text"]
    assert "timeline" not in payload["claims"]["wh-2023-10-13-return"]


def test_check_command():
    from click.testing import CliRunner

    from routes.cli import cli

    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.stderr
    assert any(line.startswith("wh-2023-10-13 ") and "plausible" in line for line in result.stdout.splitlines())
    assert routes.load_scenario  # the API stays importable
