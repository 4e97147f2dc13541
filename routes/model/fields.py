"""Typed access to the fields of one record of an input file, collecting problems.

A :class:`Fields` wraps one mapping (a TOML table, a GeoJSON ``properties`` object). Each
getter returns the checked value, or None after recording a problem, so a loader can go on and
report every problem of the file at once.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol

from routes.errors import Problems
from routes.model.hiddentext import HIDDEN_FIX, hidden_note
from routes.model.periods import PartialDate
from routes.model.records import check_slug, check_url
from routes.model.vocabulary import Vocabulary

#: Longest free text routes takes in one field.
MAX_TEXT_CHARS = 10_000


def normalise_text(value: str) -> str:
    """NFC-normalise and trim a string, so that visually equal names match."""
    return unicodedata.normalize("NFC", value).strip()


#: Control characters (Cc) other than tab and line breaks, lone surrogates and the Unicode
#: noncharacters (U+FDD0-U+FDEF and the last two of each plane).
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def bad_character(value: str) -> str | None:
    """The first character text may not hold: a control character (other than tab and line
    breaks), a lone surrogate or a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...),
    which terminals, encoders and XML (a slide deck) choke on. None if clean."""
    found = _BAD_CHARACTER.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def suggest(value: str, known: Iterable[str], fallback: str) -> str:
    """``did you mean 'x'?`` for the closest known value, else ``fallback``."""
    close = difflib.get_close_matches(str(value), sorted(known), n=1)
    return f"did you mean '{close[0]}'?" if close else fallback


def quote(value: object, limit: int = 60) -> str:
    """``repr`` of a value, cut short for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Choices(Protocol):
    """An open set of values a field may take: it parses one, or refuses it naming the others."""

    def parse(self, value: object) -> Any: ...

    def choices(self) -> str: ...


class Fields:
    """The fields of one record, checked one by one.

    Parameters
    ----------
    problems
        Where problems go.
    record
        How the record is named in messages, e.g. ``claim 'wh-2023-10-13'``.
    data
        The record's mapping.
    known
        Every field name the record may have; others are reported with a suggestion.
    """

    def __init__(self, problems: Problems, record: str, data: dict, known: Iterable[str]):
        self.problems = problems
        self.record = record
        self.data = data
        self.known = tuple(known)
        for key in data:
            if key not in self.known:
                plain = f"remove it (known fields: {', '.join(self.known)})"
                self.add(str(key), "unknown field", plain if problems.full else suggest(str(key), self.known, plain))

    def add(self, field: str, message: str, fix: str = "") -> None:
        """Record a problem about ``field`` of this record."""
        self.problems.add(self.record, field, message, fix)

    def warn_hidden(self, field: str, value: str) -> None:
        """Warn about the bidi controls and invisible characters of a text
        (:mod:`routes.model.hiddentext`)."""
        note = hidden_note(value)
        if note:
            self.problems.warn(self.record, field, note, HIDDEN_FIX)

    def _get(self, name: str, required: bool, fix: str = "add it"):
        value = self.data.get(name)
        if value is None and required:
            self.add(name, "missing", fix)
        return value

    def text(self, name: str, *, required: bool = True) -> str | None:
        """A non-empty string, NFC-normalised."""
        value = self._get(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(name, f"{quote(value)} is not text", "write it as a quoted string")
            return None
        if len(value) > 4 * MAX_TEXT_CHARS:  # refused before a look at every character (NFC shrinks by less)
            self.add(name, f"is {len(value):,} characters, over the limit of {MAX_TEXT_CHARS:,}", "shorten it")
            return None
        bad = bad_character(value)
        if bad:
            self.add(name, f"holds the control or invalid character {bad}", "remove it")
            return None
        self.warn_hidden(name, value)
        value = normalise_text(value)
        if not value:
            if required:
                self.add(name, "is empty", "fill it in")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.add(name, f"is {len(value):,} characters, over the limit of {MAX_TEXT_CHARS:,}", "shorten it")
            return None
        return value

    def slug(self, name: str, *, required: bool = True) -> str | None:
        """A plain slug id."""
        value = self._get(name, required)
        if value is None:
            return None
        try:
            return check_slug(value)
        except ValueError as exc:
            self.add(name, *_split(exc))
            return None

    def url(self, name: str) -> str | None:
        """An optional http(s) URL."""
        value = self._get(name, False)
        if value is None:
            return None
        try:
            return check_url(value)
        except ValueError as exc:
            self.add(name, *_split(exc))
            return None

    def choice(self, name: str, vocabulary: type[Vocabulary] | Choices, *, required: bool = True):
        """A member of a vocabulary (or of an open set of values, such as a scenario's units)."""
        value = self.data.get(name)
        if value is None:  # the list of choices is worked out only for a message
            if required:
                self.add(name, "missing", f"add it: one of {vocabulary.choices()}")
            return None
        try:
            return vocabulary.parse(value)
        except ValueError:
            self.add(name, f"{quote(value)} is not a known value", f"use one of {vocabulary.choices()}")
            return None

    def date(self, name: str, *, required: bool = True) -> PartialDate | None:
        """An ISO 8601 date, possibly partial (``YYYY-MM`` or ``YYYY``)."""
        value = self._get(name, required, "add it as an ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            self.add(name, *_split(exc))
            return None

    def number(self, name: str) -> float | None:
        """An optional finite, non-negative number (TOML integer or float, never a string)."""
        value = self._get(name, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(
                name,
                f"{quote(value)} is not a number",
                "write digits without quotes or separators (1000, not '1,000' or '1.000'); keep the words in quantity_text",
            )
            return None
        if not math.isfinite(value) or value < 0:
            self.add(name, f"{quote(value)} is not a finite number >= 0", "give the number as stated by the source")
            return None
        return value

    def text_list(self, name: str, *, slugs: bool = False) -> list[str]:
        """An optional list of strings (or of slugs)."""
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(name, f"{quote(value)} is not a list", 'write it as ["a", "b"]')
            return []
        result = []
        for item in value:
            if slugs:
                try:
                    result.append(check_slug(item))
                except ValueError as exc:
                    self.add(name, *_split(exc))
            elif isinstance(item, str) and bad_character(item):
                self.add(
                    name,
                    f"item {quote(item)} holds the control or invalid character {bad_character(item)}",
                    "remove it",
                )
            elif isinstance(item, str) and normalise_text(item):
                self.warn_hidden(name, item)
                result.append(normalise_text(item))
            else:
                self.add(name, f"item {quote(item)} is not non-empty text", "write each item as a quoted string")
        return result

    def table(self, name: str, *, required: bool = False) -> dict | None:
        """A nested table (mapping)."""
        value = self._get(name, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(name, f"{quote(value)} is not a table", "see docs/scenario-format.md")
            return None
        return value

    def tables(self, name: str) -> list[dict]:
        """An optional array of tables."""
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add(name, "is not an array of tables", f"write each entry as [[{name}]] or {{ ... }}")
            return []
        return value


def _split(exc: ValueError) -> tuple[str, str]:
    """Split a record's ``"what; fix"`` ValueError message into its two halves."""
    message, _, fix = str(exc).partition("; ")
    return message, fix
