"""Numbers, durations and shared sentences as readers see them on maps, slides and in tables."""

from __future__ import annotations

#: Said wherever claims of several claimants are shown together (the page, the sources slides).
NOT_SUMMED = "Figures from different claimants cover overlapping periods: they are shown side by side, never added up."


def day_label(moment) -> str:
    """A date or datetime as a reader sees a day, the form of every output: ``7 Sep 2023``.

    >>> import datetime as dt
    >>> day_label(dt.date(2023, 9, 7))
    '7 Sep 2023'
    """
    return f"{moment.day} {moment:%b %Y}"


def fmt_km(value: float) -> str:
    """A distance in whole km with thousands separators.

    >>> fmt_km(9812.4)
    '9,812 km'
    """
    return f"{value:,.0f} km"


def fmt_duration(hours: float) -> str:
    """A rough duration: hours below two days, days above.

    >>> fmt_duration(10.3), fmt_duration(260)
    ('about 10 hours', 'about 11 days')
    >>> fmt_duration(0.4), fmt_duration(1.2)
    ('about 1 hour', 'about 1 hour')
    """
    if hours < 48:
        whole = max(1, round(hours))
        return f"about {whole} hour{'' if whole == 1 else 's'}"
    return f"about {round(hours / 24)} days"
