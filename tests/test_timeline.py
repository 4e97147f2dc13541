import datetime as dt

from routes.analysis.timeline import EVENT_MIN_DAYS, case_range, claim_span, event_span, leg_spans
from routes.model.periods import PartialDate, Period
from tests.test_records import make_claim


def test_claim_span_is_its_period_inclusive():
    assert claim_span(make_claim()) == (dt.date(2023, 9, 7), dt.date(2023, 10, 1))


def test_claim_without_a_period_is_current_at_publication():
    claim = make_claim(period=Period(None, None), published=PartialDate.parse("2024-02"))
    assert claim_span(claim) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_open_ended_claim_runs_to_its_publication():
    claim = make_claim(period=Period(PartialDate.parse("2023-09"), None), published=PartialDate.parse("2024-02-23"))
    assert claim_span(claim) == (dt.date(2023, 9, 1), dt.date(2024, 2, 23))


def test_leg_spans_and_case_range(seed):
    spans = leg_spans(seed)
    assert spans["najin-tikhoretsk/najin-dunay"] == (dt.date(2023, 8, 1), dt.date(2023, 10, 31))
    first, last = case_range(seed)
    assert first == dt.date(2023, 8, 1) and last >= dt.date(2023, 10, 31)


def test_one_day_events_stay_visible_for_a_while(seed):
    event = next(e for e in seed.events if e.id == "dunay-arrival-2023-09-12")
    first, last = event_span(event)
    assert first == dt.date(2023, 9, 12) and (last - first).days == EVENT_MIN_DAYS - 1


def test_a_gap_between_two_claims_is_a_gap(mini):
    from routes.analysis.timeline import leg_claim_spans
    from tests.test_volumes import LEG, claims_in_two_periods

    case = claims_in_two_periods(mini)
    assert leg_claim_spans(case)[LEG] == [
        (dt.date(2023, 9, 7), dt.date(2023, 10, 1)),
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ]
    assert leg_spans(case)[LEG] == (dt.date(2023, 9, 7), dt.date(2024, 6, 30))  # the extent, for the slider


def test_touching_claim_periods_merge(mini):
    from routes.analysis.timeline import leg_claim_spans
    from tests.test_volumes import LEG, two_claims

    case = two_claims(mini, 1000, 9000)
    assert leg_claim_spans(case)[LEG] == [(dt.date(2023, 9, 7), dt.date(2023, 10, 1))]
