import datetime as dt

import pytest

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
