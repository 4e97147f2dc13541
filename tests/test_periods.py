import datetime as dt

import pytest

import routes
from routes.model.periods import PartialDate, Period


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2023-09-07", dt.date(2023, 9, 7), dt.date(2023, 9, 7)),
        ("2023-10", dt.date(2023, 10, 1), dt.date(2023, 10, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ],
)
def test_partial_dates_span_what_they_can_mean(text, first, last):
    date = PartialDate.parse(text)
    assert (date.first_day(), date.last_day()) == (first, last)
    assert str(date) == text


@pytest.mark.parametrize(
    "bad", ["07/09/2023", "2023-9-7", "Sept 7 2023", "2023-02-30", "2023-13", "", "20230907", 2023]
)
def test_non_iso_dates_are_refused_not_guessed(bad):
    with pytest.raises(ValueError, match="ISO 8601|not a real calendar date|not a date"):
        PartialDate.parse(bad)


def test_a_day_without_a_month_is_refused():
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2023, None, 5)


def test_datetime_with_time_is_refused():
    with pytest.raises(ValueError, match="time of day"):
        PartialDate.parse(dt.datetime(2023, 9, 7, 12))


def test_period_end_is_inclusive_on_the_boundary_day():
    period = Period.parse("2023-09-07", "2023-10-01")
    assert period.contains(dt.date(2023, 9, 7))
    assert period.contains(dt.date(2023, 10, 1))
    assert not period.contains(dt.date(2023, 10, 2))
    assert not period.contains(dt.date(2023, 9, 6))
    assert period.days() == 25


def test_period_with_partial_end_covers_the_whole_month():
    period = Period.parse("2023-08", "2023-10")
    assert period.contains(dt.date(2023, 10, 31))
    assert period.label() == "Aug 2023 – Oct 2023"


def test_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="end 2023-09-01 is before start 2023-09-07"):
        Period.parse("2023-09-07", "2023-09-01")


def test_same_month_start_and_end_is_allowed():
    assert Period.parse("2023-10", "2023-10-05").days() == 5


def test_open_period():
    period = Period.parse(None, "2023-10-01")
    assert period.days() is None
    assert period.contains(dt.date(1990, 1, 1))
    assert period.label() == "? – 1 Oct 2023"
    assert Period(None, None).label() == "period not stated"


@pytest.mark.parametrize(
    ("words", "start"),
    [
        ("since mid-2022", "2022-07"),
        ("Since September 2023", "2023-09"),
        ("since early 2024", "2024-01"),
        ("since 2022", "2022"),
        ("over the past six months", "2023-04-13"),
        ("in the last 3 weeks", "2023-09-22"),
    ],
)
def test_a_period_given_in_words_gets_its_start_from_the_words(mini, words, start):
    from tests.conftest import MINIMAL_SCENARIO, write

    text = MINIMAL_SCENARIO.replace(
        'period_start = "2023-09-07"\nperiod_end = "2023-10-01"\n', f'period_text = "{words}"\n'
    )
    assert text != MINIMAL_SCENARIO
    claim = routes.load_scenario(write(mini.with_name("words.toml"), text)).claims[0]
    assert claim.period.start == PartialDate.parse(start) and claim.period.end is None


def test_words_never_override_a_given_start_nor_contradict_a_given_end(mini):
    from tests.conftest import MINIMAL_SCENARIO, write

    given = MINIMAL_SCENARIO.replace(
        'period_end = "2023-10-01"\n', 'period_end = "2023-10-01"\nperiod_text = "since mid-2022"\n'
    )
    assert str(routes.load_scenario(write(mini.with_name("given.toml"), given)).claims[0].period.start) == "2023-09-07"
    after = MINIMAL_SCENARIO.replace('period_start = "2023-09-07"\n', 'period_text = "since 2024"\n')
    assert routes.load_scenario(write(mini.with_name("after.toml"), after)).claims[0].period.start is None
