"""The throughput check (issue 25 item 5): quantity over trips against what a trip can carry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import routes
from routes.analysis.throughput import check_claim_throughput, check_throughput
from routes.errors import ValidationError
from routes.load.bundled import bundled_path

CASE = "dprk-russia-2023-2025"

#: A capacity table made for these tests (figures chosen to exercise the verdicts, each row
#: sourced to the reporting it paraphrases; not a statement about the ships).
CAPACITIES = """
[[capacities]]
vessel = "{vessel}"
unit = "containers"
low = {low}
high = {high}
basis = "{basis}"
sources = [{{ publisher = "Open Source Centre", title = "Red Passage", date = "2025-02-18" }}]
"""


def _case(tmp_path: Path, rows: list[tuple[str, float, float]], extra: str = "") -> routes.Scenario:
    text = (bundled_path("scenarios") / f"{CASE}.toml").read_text(encoding="utf-8")
    data = bundled_path("scenarios").parent
    text = text.replace('"../ports.geojson"', f'"{data / "ports.geojson"}"')
    text = text.replace('"../networks/', f'"{data / "networks"}/')
    for vessel, low, high in rows:
        text += CAPACITIES.format(vessel=vessel, low=low, high=high, basis="test table")
    path = tmp_path / "case.toml"
    path.write_text(text + extra, encoding="utf-8")
    return routes.load_scenario(path)


@pytest.fixture(scope="module")
def legs_of():
    cache: dict = {}

    def legs(case):
        key = case.id
        if key not in cache:
            cache[key] = routes.build_legs(case)
        return cache[key]

    return legs


def _claim(case, ident):
    return next(c for c in case.claims if c.id == ident)


def test_capacity_rows_are_read_with_their_source(tmp_path):
    case = _case(tmp_path, [("angara", 150, 400)])
    (row,) = case.capacities
    assert (row.vessel, row.low, row.high, row.label) == ("angara", 150, 400, "150–400 containers")
    assert row.sources[0].publisher == "Open Source Centre"


def test_bad_capacity_rows_are_one_line_each(tmp_path):
    bad = """
[[capacities]]
vessel = "lady-mary"
unit = "containers"
low = 400
high = 150
basis = "x"
sources = [{ publisher = "P", title = "T", date = "2024" }]

[[capacities]]
vessel = "angara"
unit = "furlongs"
basis = "x"
"""
    with pytest.raises(ValidationError) as caught:
        _case(tmp_path, [], bad)
    text = str(caught.value)
    assert "unknown vessel 'lady-mary'" in text
    assert "high" in text and "below low" in text
    assert "furlongs" in text
    assert "'low': missing" in text
    assert "sources" in text


def test_us_state_10000_over_possible_trips_with_arithmetic(tmp_path, legs_of):
    """10,000 containers since Sep 2023 on the two sea legs (Angara, Maria, Lady R, Maia-1)."""
    rows = [("angara", 150, 400), ("maria", 150, 400), ("lady-r", 150, 400), ("maia-1", 150, 400)]
    case = _case(tmp_path, rows)
    check = check_claim_throughput(_claim(case, "us-state-2024-02-23"), case, legs_of(case))
    assert check.verdict == "consistent", check.reason
    assert check.trips_possible and check.trips_possible > 32
    assert check.least_per_trip == pytest.approx(10000 / check.trips_possible)
    assert check.least_per_trip < 150
    assert "more than 10,000 containers" in check.reason and "possible trips" in check.reason
    assert "the named ships carry" in check.reason and "150–400 containers" in check.reason


def test_too_small_ships_make_a_claim_impossible(tmp_path, legs_of):
    rows = [("angara", 1, 2), ("maria", 1, 2), ("lady-r", 1, 2), ("maia-1", 1, 2)]
    case = _case(tmp_path, rows)
    check = check_claim_throughput(_claim(case, "us-state-2024-02-23"), case, legs_of(case))
    assert check.verdict == "impossible"
    assert check.least_per_trip > 2


#: A user's claim on the seed leg: 600 containers on Angara between 7 Sep and 1 Oct 2023.
USER_CLAIM = """
[[claims]]
id = "user-600"
claimant = "An analyst"
published = "2023-10-20"
period_start = "2023-09-07"
period_end = "2023-10-01"
quantity_text = "about 600 containers"
quantity = 600
unit = "containers"
qualifier = "about"
covers = ["najin-dunay-tikhoretsk/najin-dunay"]
vessels = ["angara"]
evidence = "test"
status = "claimed"
sources = [{ publisher = "P", title = "T", date = "2023-10-20" }]
"""


def test_observed_round_trips_bound_the_load_and_are_named(tmp_path, legs_of):
    """Possible trips give the least load a trip; observed round trips inside the period give
    the most, and the verdict says they were observed."""
    case = _case(tmp_path, [("angara", 150, 400)], USER_CLAIM)
    claim = _claim(case, "user-600")
    base = check_claim_throughput(claim, case, legs_of(case))
    assert base.trips_known is None and base.trips_possible and base.trips_possible >= 5
    assert base.verdict == "consistent", base.reason
    leg, other = "najin-dunay-tikhoretsk/najin-dunay", "najin-vostochny-tikhoretsk/najin-vostochny"
    at = [dt.datetime(2023, 9, d, 12, tzinfo=dt.UTC) for d in (12, 20)] + [dt.datetime(2023, 11, 1, tzinfo=dt.UTC)]
    seen = {leg: {"angara": at}, other: {"angara": [dt.datetime(2023, 9, 15, tzinfo=dt.UTC)]}}
    check = check_claim_throughput(claim, case, legs_of(case), observed=seen)
    assert check.trips_known == 2  # the November trip is outside the period, Vostochny not named
    assert check.most_per_trip == pytest.approx(300)
    assert "2 voyages observed (AIS port calls)" in check.reason and "at most about 300 a trip" in check.reason
    assert check.verdict == "consistent"
    one = check_claim_throughput(claim, case, legs_of(case), observed={leg: {"angara": at[:1]}})
    assert one.verdict == "tight" and one.most_per_trip == pytest.approx(600)  # one seen trip cannot carry 600
    assert "1 voyage observed" in one.reason


def test_a_trip_count_claim_inside_the_period_is_the_denominator(tmp_path, legs_of):
    """NK Pro's "at least 32 trips" (Aug 2023 - Feb 2024) on the two sea legs bounds a claim of the
    same legs over a longer period, and the verdict names NK Pro."""
    extra = USER_CLAIM.replace("user-600", "user-6700").replace("2023-10-01", "2024-02-29")
    extra = extra.replace("2023-09-07", "2023-08-01").replace("600", "6,700", 1).replace("= 600", "= 6700")
    extra = extra.replace(
        'covers = ["najin-dunay-tikhoretsk/najin-dunay"]',
        'covers = ["najin-dunay-tikhoretsk/najin-dunay", "najin-vostochny-tikhoretsk/najin-vostochny"]',
    )
    extra = extra.replace('vessels = ["angara"]', 'vessels = ["angara", "maria", "lady-r", "maia-1"]')
    rows = [("angara", 150, 400), ("maria", 150, 400), ("lady-r", 150, 400), ("maia-1", 150, 400)]
    case = _case(tmp_path, rows, extra)
    check = check_claim_throughput(_claim(case, "user-6700"), case, legs_of(case))
    assert check.trips_known == 32 and "NK News / NK Pro" in check.trips_basis
    assert check.most_per_trip == pytest.approx(6700 / 32)
    assert "over at least 32 trips" in check.reason and "at most about 209 a trip" in check.reason
    assert check.verdict == "consistent"


def test_a_one_day_claim_dates_an_event_and_others_ships_do_not_count(tmp_path, legs_of):
    """A one-day period dates one event (as in the timeline check); a trip count of other ships
    is no denominator (NK Pro's 32 trips are Lady R's, not Angara's)."""
    day = USER_CLAIM.replace("user-600", "user-day").replace('period_end = "2023-10-01"', 'period_end = "2023-09-07"')
    wide = (
        USER_CLAIM.replace("user-600", "user-wide")
        .replace("2023-10-01", "2024-02-29")
        .replace("2023-09-07", "2023-08-01")
    )
    case = _case(tmp_path, [("angara", 150, 400)], day + wide)
    check = check_claim_throughput(_claim(case, "user-day"), case, legs_of(case))
    assert check.verdict == "not applicable" and "one event" in check.reason
    wide_check = check_claim_throughput(_claim(case, "user-wide"), case, legs_of(case))
    assert wide_check.trips_known is None  # nkpro-2024-03 counts Lady R's trips, not Angara's


def test_no_capacity_means_not_checked_and_says_which_row_to_add(tmp_path, legs_of):
    case = _case(tmp_path, [("angara", 150, 400)])
    check = check_claim_throughput(_claim(case, "us-state-2024-02-23"), case, legs_of(case))
    assert check.verdict == "not checked"
    assert "maria" in check.reason and "[[capacities]]" in check.reason


def test_trip_counts_and_snapshots_are_not_applicable(tmp_path, legs_of):
    case = _case(tmp_path, [])
    verdicts = {c.claim: c.verdict for c in check_throughput(case, legs_of(case))}
    assert verdicts["nkpro-2024-03"] == "not applicable"
    assert verdicts["wapo-rusi-2023-10-16"] == "not applicable"
    assert set(verdicts.values()) <= {"not applicable", "not checked"}


def test_routes_check_prints_throughput_with_its_arithmetic(tmp_path):
    from click.testing import CliRunner

    from routes.cli import cli

    rows = [("angara", 150, 400), ("maria", 150, 400), ("lady-r", 150, 400), ("maia-1", 150, 400)]
    _case(tmp_path, rows)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "case.toml")])
    assert result.exit_code == 0, result.output
    assert "throughput" in result.output and "a trip carries" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("us-state-2024-02-23: consistent"))
    assert "possible trips" in line and "angara, maria, lady-r and maia-1 150–400 containers (test table)" in line
    plain = CliRunner().invoke(cli, ["check", "dprk-russia-2023"])
    assert "throughput: not checked (the case gives no [[capacities]]" in plain.output


def test_a_vessel_given_twice_in_one_unit_is_a_problem(tmp_path):
    with pytest.raises(ValidationError) as caught:
        _case(tmp_path, [("angara", 150, 400), ("angara", 100, 200)])
    assert "capacity of 'angara' in containers, field 'vessel': is given twice" in str(caught.value)
