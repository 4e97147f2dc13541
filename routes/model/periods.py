"""Dates that may be partial, and inclusive periods built from them.

Sources often give only a month ("late August 2023") or a year. A :class:`PartialDate` keeps
what is known; a :class:`Period` runs from the first day of its start to the last day of its
end, **both inclusive**: the White House's "between Sept. 7 and Oct. 1" is
``Period.parse("2023-09-07", "2023-10-01")`` and contains 1 October.

Only ISO 8601 calendar forms are accepted (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``): a value such
as ``07/09/2023`` is ambiguous between 7 September and 9 July and is refused, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from routes.errors import InputTypeError

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    Examples
    --------
    >>> PartialDate.parse("2023-10")
    PartialDate(year=2023, month=10, day=None)
    >>> str(PartialDate.parse("2023-10").last_day())
    '2023-10-31'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for impossible dates such as 2023-02-30 or month 00.
        dt.date(self.year, 1 if self.month is None else self.month, 1 if self.day is None else self.day)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a :class:`datetime.date`.

        Raises
        ------
        ValueError
            For anything else, with a message that says which forms are accepted.
        """
        if isinstance(value, dt.datetime):
            raise InputTypeError(f"{value.isoformat()!r} has a time of day; give a date (YYYY-MM-DD)")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise InputTypeError(f"{value!r} is not a date; write it as a string 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'")
        match = _ISO.match(value.strip())
        if not match:
            raise ValueError(f"{value!r} is not an ISO 8601 date; write 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'")
        year, month, day = match.groups()  # the year is always there
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except ValueError:
            raise ValueError(f"{value!r} is not a real calendar date") from None

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        """The earliest day this date can mean."""
        return dt.date(self.year, 1 if self.month is None else self.month, 1 if self.day is None else self.day)

    def last_day(self) -> dt.date:
        """The latest day this date can mean."""
        if self.day is not None:
            return self.first_day()
        month = 12 if self.month is None else self.month
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def label(self) -> str:
        """A reader's form: ``7 Sep 2023``, ``Oct 2023`` or ``2023``."""
        if self.day and self.month:  # (a day always has a month)
            return f"{self.day} {calendar.month_abbr[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_abbr[self.month]} {self.year}"
        return str(self.year)


@dataclass(frozen=True)
class Period:
    """A period whose start and end are both inclusive; either end may be unknown (None).

    Examples
    --------
    >>> p = Period.parse("2023-09-07", "2023-10-01")
    >>> p.contains(dt.date(2023, 10, 1)), p.contains(dt.date(2023, 10, 2))
    (True, False)
    >>> p.days()
    25
    """

    start: PartialDate | None
    end: PartialDate | None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end.last_day() < self.start.first_day():
            raise ValueError(f"end {self.end} is before start {self.start}")

    @classmethod
    def parse(cls, start: object, end: object) -> Period:
        """Build from two values accepted by :meth:`PartialDate.parse` (or None)."""
        return cls(
            None if start is None else PartialDate.parse(start),
            None if end is None else PartialDate.parse(end),
        )

    def first_day(self) -> dt.date | None:
        """The earliest day the period can include."""
        return self.start.first_day() if self.start else None

    def last_day(self) -> dt.date | None:
        """The latest day the period can include."""
        return self.end.last_day() if self.end else None

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` can lie inside the period (ends inclusive, unknown ends open)."""
        first, last = self.first_day(), self.last_day()
        return (first is None or first <= day) and (last is None or day <= last)

    def days(self) -> int | None:
        """The longest the period can last, in days, counting both ends; None if open."""
        first, last = self.first_day(), self.last_day()
        if first is None or last is None:
            return None
        return (last - first).days + 1

    def label(self) -> str:
        """``7 Sep 2023 – 1 Oct 2023``; an unknown end is shown as ``?``."""
        if self.start is None and self.end is None:
            return "period not stated"
        left = self.start.label() if self.start else "?"
        right = self.end.label() if self.end else "?"
        return left if left == right else f"{left} – {right}"


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
#: "early", "mid" and "late" in a year, as the month they start.
_PART_OF_YEAR = {"early": 1, "mid": 7, "late": 10}
_NUMBERS = {
    word: n
    for n, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"), start=1
    )
}
_SINCE = re.compile(
    r"\bsince\s+(?:(?P<part>early|mid|late)[\s-]+|(?P<month>[a-z]+)\.?\s+)?(?P<year>\d{4})\b", re.IGNORECASE
)
_PAST = re.compile(
    r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?P<n>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\b", re.IGNORECASE
)


def start_in_words(text: str | None, published: PartialDate | None) -> PartialDate | None:
    """The start a period's words give, when they give one: "since mid-2022" (1 Jul 2022),
    "since September 2023", "since 2022", or "over the past six months" (counted back from the
    day the claim was published, which must then be known to the day). None for anything else.

    >>> start_in_words("since mid-2022", None)
    PartialDate(year=2022, month=7, day=None)
    >>> start_in_words("Since September 2023", None)
    PartialDate(year=2023, month=9, day=None)
    >>> start_in_words("over the past six months", PartialDate(2023, 4, 24))
    PartialDate(year=2022, month=10, day=24)
    >>> start_in_words("in recent weeks", PartialDate(2023, 10, 13)) is None
    True
    """
    if not text:
        return None
    if found := _SINCE.search(text):
        year, part, month = int(found["year"]), found["part"], found["month"]
        if part:
            return PartialDate(year, _PART_OF_YEAR[part.lower()])
        if month:
            number = _MONTHS.get(month.lower())
            return None if number is None else PartialDate(year, number)
        return PartialDate(year)
    found = _PAST.search(text)
    if found is None or published is None or published.day is None:
        return None
    word = found["n"].lower()
    count = int(word) if word.isdigit() else _NUMBERS.get(word)
    if count is None:
        return None
    day = dt.date(published.year, published.month or 1, published.day)
    unit = found["unit"].lower()
    if unit in ("day", "week"):
        back = day - dt.timedelta(days=count * (7 if unit == "week" else 1))
        return PartialDate(back.year, back.month, back.day)
    months = day.year * 12 + day.month - 1 - count * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return PartialDate(year, month + 1, min(day.day, last))
