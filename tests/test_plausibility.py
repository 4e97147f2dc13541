import pytest

import routes
from routes.analysis.plausibility import check_claim, check_timelines
from routes.model.periods import PartialDate, Period
from routes.model.speeds import Speeds
from tests.test_records import make_claim


@pytest.fixture(scope="module")
def legs(seed_legs):
    return seed_legs.reset_index(drop=True)


@pytest.fixture(scope="module")
def later_legs():
    """The 2023-2025 case's legs: its Najin - Ussuriysk rail leg crosses the Friendship Bridge."""
    return routes.build_legs(routes.load_scenario("dprk-russia-2023-2025"))


def bridge_claim(days: int):
    """An invented flow over the Tumangang-Khasan crossing in ``days`` days."""
    return make_claim(
        id="bridge", covers=("najin-ussuriysk-rail",), period=Period.parse("2023-10-01", f"2023-10-{days:02d}")
    )


def test_the_white_house_claim_is_plausible(seed, legs):
    checks = {c.claim: c for c in check_timelines(seed, legs)}
    wh = checks["wh-2023-10-13-imagery"]
    # The drawn rail line stays in Russia (the fastest line at typical speeds, border time
    # included), so no border time applies.
    assert wh.period_days == 25 and wh.verdict == "plausible"
    assert "0 border crossing(s)" in wh.reason
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
    assert checks["wh-2023-10-13-return"].verdict == "not applicable"  # a snapshot
    assert checks["social-2023-10-08"].verdict == "not checked"


def test_faster_trains_change_the_verdict(legs):
    claim = make_claim(covers=("najin-tikhoretsk",), period=Period.parse("2023-09-01", "2023-09-06"))
    assert check_claim(claim, legs).verdict == "impossible"
    fast = Speeds().with_overrides(["top-rail=3000km/d"])
    assert check_claim(claim, legs, fast).verdict in ("tight", "plausible")


def test_the_map_shows_the_verdict(seed, legs):
    from routes.render.payload import build_payload

    payload = build_payload(seed, legs)
    assert payload["claims"]["wh-2023-10-13-imagery"]["timeline"]["verdict"] in ("plausible", "tight")
    assert "slack" in payload["claims"]["wh-2023-10-13-imagery"]["timeline"]["text"]
    assert "timeline" not in payload["claims"]["wh-2023-10-13"]
    depot = next(e for e in payload["events"] if e["id"] == "depot-trains-2023-09-28")
    assert any(t["verdict"] == "tight" for t in depot["timelines"]) and "tight" in depot["description"]


def test_check_command():
    from click.testing import CliRunner

    from routes.cli import cli

    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.stderr
    assert any(
        line.startswith("dunay-arrival-2023-09-12 -> depot-trains-2023-09-28") and "tight" in line
        for line in result.stdout.splitlines()
    )


def test_a_snapshot_is_not_applicable(seed, legs):
    checks = {c.claim: c for c in check_timelines(seed, legs)}
    assert checks["csis-tumangang-2023-10-06"].verdict == "not applicable"
    assert "snapshot" in checks["csis-tumangang-2023-10-06"].reason


def test_the_dunay_to_depot_event_pair_is_tight(seed, legs):
    from routes.analysis.plausibility import check_event_pairs

    pairs = {c.claim: c for c in check_event_pairs(seed, legs)}
    pair = pairs["dunay-arrival-2023-09-12 -> depot-trains-2023-09-28"]
    assert pair.verdict == "tight" and pair.period_days == 17


def test_an_event_pair_on_two_routes_keeps_the_quicker_one(later_legs):
    # Najin loading to the depot's trains: via Dunay or via Vostochny. The most lenient verdict is kept.
    from routes.analysis.plausibility import check_event_pairs

    case = routes.load_scenario("dprk-russia-2023-2025")
    pair = "najin-loading-2023-09-07 -> depot-trains-2023-09-28"
    kept = {c.claim: c for c in check_event_pairs(case, later_legs)}[pair]
    each = {
        route: {c.claim: c for c in check_event_pairs(case, later_legs[later_legs["route"] == route])}[pair]
        for route in ("najin-dunay-tikhoretsk", "najin-vostochny-tikhoretsk")
    }
    typical = sorted(c.typical_transit_days for c in each.values())
    assert typical[0] < typical[1] and kept.typical_transit_days == typical[0]
    assert kept.reason == min(each.values(), key=lambda c: c.typical_transit_days).reason


def test_the_track_factor_lengthens_the_typical_transit_only(legs):
    # One rail leg in Russia (no border, no change of mode): the fastest transit is the drawn line at
    # the top speed; the typical one is the track (the drawn line times TRACK_FACTOR) at typical speed.
    from routes.analysis.plausibility import TRACK_FACTOR
    from routes.model.vocabulary import Mode

    leg = "najin-tikhoretsk/dunay-tikhoretsk-depot"
    check = check_claim(make_claim(covers=(leg,)), legs)
    km = float(legs.set_index("id").loc[leg, "distance_km"])
    speeds = Speeds()
    assert "0 border crossing(s)" in check.reason
    assert check.min_transit_days == pytest.approx(km / speeds.top_kmh[Mode.RAIL] / 24)
    assert check.typical_transit_days == pytest.approx(
        km * TRACK_FACTOR[Mode.RAIL] / speeds.typical_kmh[Mode.RAIL] / 24
    )


def test_overrides_change_verdicts_border_and_transfer_included(seed, legs, later_legs):
    wh = lambda speeds: {c.claim: c for c in check_timelines(seed, legs, speeds)}["wh-2023-10-13-imagery"]
    base = wh(Speeds())
    assert wh(Speeds().with_overrides(["min-transfer=500h"])).verdict == "impossible"  # transfer time is counted
    assert (
        wh(Speeds().with_overrides(["rail=5000km/d", "top-rail=6000km/d"])).typical_transit_days
        < base.typical_transit_days
    )
    # Four days over the bridge: 72 h at the border makes it tight, a day makes it plausible.
    bridge = lambda speeds: check_claim(bridge_claim(4), later_legs, speeds)
    assert bridge(Speeds()).verdict == "tight"
    assert bridge(Speeds().with_overrides(["border=24h"])).verdict == "plausible"
    assert bridge(Speeds().with_overrides(["min-border=500h"])).verdict == "impossible"  # border time is counted


def test_border_time_is_counted_at_the_friendship_bridge(later_legs):
    check = check_claim(bridge_claim(9), later_legs)
    none = check_claim(bridge_claim(9), later_legs, Speeds().with_overrides(["border=0h"]))
    assert "1 border crossing(s)" in check.reason
    assert check.typical_transit_days - none.typical_transit_days == pytest.approx(72 / 24)


def test_a_line_through_a_third_country_counts_two_crossings():
    from shapely.geometry import LineString

    from routes.analysis.plausibility import leg_border_crossings

    omsk_petropavl_kurgan = LineString([(73.37, 54.98), (69.15, 54.87), (65.34, 55.44)])
    assert leg_border_crossings({"geometry": omsk_petropavl_kurgan, "mode": "rail"}) == 2
    # A border-crossing node explains one change of country: the bridge is one crossing.
    tumangang_khasan = LineString([(130.6026, 42.4217), (130.6411, 42.4152), (130.6456, 42.4283)])
    row = {
        "geometry": tumangang_khasan,
        "mode": "rail",
        "from": "tumangang",
        "via": ["friendship-bridge"],
        "to": "khasan",
    }
    assert leg_border_crossings(row, {"friendship-bridge"}) == 1
    # A ship clears customs in port: a sea line between two countries crosses no land border.
    assert leg_border_crossings({**row, "mode": "sea"}, set()) == 0


def test_a_one_day_period_on_a_multi_day_route_dates_one_event(legs):
    # An arrival date (as "arrived 11 Sep 2015" on a Novorossiysk - Tartus voyage): the eight-day
    # Najin - Tikhoretsk route and one day. It dates an event, so no transit verdict; two days
    # are a window, and stay impossible.
    from routes.analysis.plausibility import ONE_DAY

    one_day = check_claim(
        make_claim(covers=("najin-tikhoretsk",), period=Period.parse("2023-09-12", "2023-09-12")), legs
    )
    assert one_day.verdict == "not applicable" and one_day.reason == ONE_DAY and one_day.slack_days is None
    two_days = check_claim(
        make_claim(covers=("najin-tikhoretsk",), period=Period.parse("2023-09-12", "2023-09-13")), legs
    )
    assert two_days.verdict == "impossible"
    # A month given as a month is a window of 30 days, not one day.
    month = check_claim(make_claim(covers=("najin-tikhoretsk",), period=Period.parse("2023-09", "2023-09")), legs)
    assert month.period_days == 30 and month.verdict in ("plausible", "tight")


def test_a_share_is_not_checked_as_a_transit(later_legs):
    case = routes.load_scenario("dprk-russia-2023-2025")
    share = {c.claim: c for c in check_timelines(case, later_legs)}["osc-red-passage-2025-02-18"]
    assert share.verdict == "not applicable" and "share" in share.reason


def test_event_pairs_are_checked_only_within_one_shipment(seed, legs, later_legs):
    import dataclasses

    from routes.analysis.plausibility import check_event_pairs

    angara = {"najin-loading-2023-09-07", "dunay-arrival-2023-09-12", "depot-trains-2023-09-28"}
    later = routes.load_scenario("dprk-russia-2023-2025")
    pairs = [c.claim for c in check_event_pairs(later, later_legs)]
    # Before: the 21 Sep 2024 strike on the depot was paired with the 2023 shipment ("381 d plausible").
    assert pairs and all(set(p.split(" -> ")) <= angara for p in pairs)
    assert not any("strike" in p for p in pairs)
    # Take the depot's trains out of the shipment: they pair with nothing.
    events = tuple(
        dataclasses.replace(e, shipment=None) if e.id == "depot-trains-2023-09-28" else e for e in seed.events
    )
    apart = [c.claim for c in check_event_pairs(dataclasses.replace(seed, events=events), legs)]
    assert apart == ["najin-loading-2023-09-07 -> dunay-arrival-2023-09-12"]
    # Two shipments: no pair across them.
    events = tuple(
        dataclasses.replace(e, shipment="other") if e.id == "dunay-arrival-2023-09-12" else e for e in seed.events
    )
    across = [c.claim for c in check_event_pairs(dataclasses.replace(seed, events=events), legs)]
    assert across == ["najin-loading-2023-09-07 -> depot-trains-2023-09-28"]


def test_the_scenario_reads_an_events_shipment(mini):
    from tests.conftest import write

    text = mini.read_text(encoding="utf-8")
    event = '\n[[events]]\nid = "e-1"\ntitle = "Arrival"\ndate = "2023-09-12"\nnode = "b-port"\nshipment = "{}"\n'
    good = write(mini.with_name("good.toml"), text + event.format("voyage-1"))
    assert routes.load_scenario(good).events[0].shipment == "voyage-1"
    bad = write(mini.with_name("bad.toml"), text + event.format("Voyage 1"))
    with pytest.raises(routes.ValidationError) as info:
        routes.load_scenario(bad)
    assert len(info.value.problems) == 1
    assert "shipment" in str(info.value) and "bad.toml" in str(info.value)


@pytest.mark.parametrize(
    ("period_kind", "verdict"),
    [
        (None, "not applicable"),  # one day, no kind: the date of one event
        ("window", "impossible"),  # the source says the whole journey fitted in that day
        ("arrival", "not applicable"),
        ("departure", "not applicable"),
        ("sighting", "not applicable"),
        ("as_of", "not applicable"),
    ],
)
def test_a_period_kind_says_what_the_period_dates(legs, period_kind, verdict):
    from routes.model.vocabulary import PeriodKind

    kind = PeriodKind(period_kind) if period_kind else None
    day = Period.parse("2023-09-12", "2023-09-12")
    check = check_claim(make_claim(covers=("najin-tikhoretsk",), period=day, period_kind=kind), legs)
    assert check.verdict == verdict
    if kind not in (None, PeriodKind.WINDOW):
        assert kind.label in check.reason
    # A month-long arrival is an arrival too: never a window to fit the journey in.
    month = Period.parse("2023-09", "2023-09")
    assert (
        check_claim(make_claim(covers=("najin-tikhoretsk",), period=month, period_kind=kind), legs).verdict
        != "impossible"
    )


def test_the_scenario_reads_a_period_kind_and_says_it(mini):
    from tests.conftest import MINIMAL_SCENARIO, write

    def text(kind):
        return MINIMAL_SCENARIO.replace(
            'period_end = "2023-10-01"', f'period_end = "2023-10-01"\nperiod_kind = "{kind}"'
        )

    case = routes.load_scenario(write(mini.with_name("arrival.toml"), text("arrival")))
    claim = case.claims[0]
    assert claim.period_kind.value == "arrival"
    assert claim.period_label.startswith("arrival: 7 Sep 2023 – 1 Oct 2023")
    window = routes.load_scenario(write(mini.with_name("window.toml"), text("window"))).claims[0]
    assert window.period_label.startswith("7 Sep 2023")  # a window reads as before
    bad = write(mini.with_name("bad.toml"), text("landing"))
    with pytest.raises(routes.ValidationError) as info:
        routes.load_scenario(bad)
    assert [p.field for p in info.value.problems] == ["period_kind"]
    assert "'landing' is not a known value" in str(info.value) and "'as_of'" in str(info.value)
    no_period = text("arrival").replace('period_start = "2023-09-07"\n', "").replace('period_end = "2023-10-01"\n', "")
    with pytest.raises(routes.ValidationError) as info:
        routes.load_scenario(write(mini.with_name("none.toml"), no_period))
    assert [(p.field, p.message) for p in info.value.problems] == [("period_kind", "'arrival' with no period")]


def test_the_schema_knows_the_period_kind():
    import json
    import tomllib

    import jsonschema

    from tests.conftest import MINIMAL_SCENARIO, REPO

    schema = json.loads((REPO / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    data = tomllib.loads(MINIMAL_SCENARIO)
    claim = data["claims"][0]
    jsonschema.validate({**data, "claims": [{**claim, "period_kind": "as_of"}]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "claims": [{**claim, "period_kind": "landing"}]}, schema)
    bare = {k: v for k, v in claim.items() if k not in ("period_start", "period_end")}
    jsonschema.validate({**data, "claims": [bare]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "claims": [{**bare, "period_kind": "arrival"}]}, schema)
