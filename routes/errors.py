"""The error tree of routes.

Every error the package raises on purpose is a :class:`RoutesError`, defined here. Subclasses
also subclass the builtin that fits, so callers can catch ``ValueError`` or ``KeyError`` as usual.
A :class:`ValidationError` carries every :class:`Problem` found in one file, so a user fixes
them all in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn


class RoutesError(Exception):
    """Base class of the errors routes raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where it is, what is wrong and how to fix it.

    Parameters
    ----------
    file
        The file's name as the user gave it (or its base name for bundled files).
    record
        The record, e.g. ``claim 'wh-2023-10-13'`` or ``feature 3 'najin'``; empty for the
        file as a whole.
    field
        The field name, empty when the problem is not about one field.
    message
        What is wrong, quoting the bad value.
    fix
        What to do about it.
    """

    file: str
    record: str
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.record, self.field and f"field '{self.field}'") if part)
        line = f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"
        if self.fix:
            line += f"; {self.fix}"
        return _one_line(line)


def _one_line(text: str) -> str:
    """Keep a message on one line whatever the quoted values hold."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ValidationError(RoutesError, ValueError):
    """A file has one or more problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownScenarioError(RoutesError, KeyError):
    """A scenario argument is neither a file nor the id of a bundled scenario."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class OutputError(RoutesError, OSError):
    """An output file could not be written."""


class InputTypeError(RoutesError, TypeError, ValueError):
    """A value read from an input file has the wrong type, e.g. a number where a date belongs.

    It is a ``ValueError`` too: loaders turn every ``ValueError`` a record raises into one
    problem line, whatever was wrong with the value.
    """


# The errors of particular stages: one tree, one module (each is importable from its stage's
# module too, where it is raised).


class NoRouteError(RoutesError, LookupError):
    """An unknown node, or no path between two nodes."""


class ImageError(RoutesError, ValueError):
    """An image file cannot be turned into a data URL; the message says why and what to do."""


class BoundsError(RoutesError, ValueError):
    """Map bounds that are not (west, south, east, north) in degrees."""


class SlidesError(RoutesError, ValueError):
    """Slides cannot be written (python-pptx is missing)."""


class BriefError(RoutesError, ValueError):
    """A deck cannot be made (python-pptx missing, a bad output name)."""


class ChartError(RoutesError, ValueError):
    """Nothing to chart, or matplotlib is missing."""


class BrowserMissingError(RoutesError, RuntimeError):
    """PNG or PDF output was asked for, but playwright or Chromium is not installed."""


class PlaceNotFoundError(RoutesError, LookupError):
    """No place of the gazetteer has the name asked for."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


#: Most problems listed for one file: past them a file is the wrong file, or machine-made, and
#: the rest are counted in one last line (listing a million costs minutes; issue 24 item 3).
MAX_PROBLEMS = 1000


class Problems:
    """Collects the problems of one file and raises them all at once (the first
    :data:`MAX_PROBLEMS`, then one line counting the rest).

    Examples
    --------
    >>> problems = Problems("ports.geojson")
    >>> problems.add("feature 0", "id", "'Najin' is not a slug", "use lower-case letters, digits and '-'")
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    routes.errors.ValidationError: ports.geojson: feature 0, field 'id': 'Najin' is not a slug; use lower-case letters, digits and '-'
    """

    def __init__(self, file: str):
        self.file = file
        self.items: list[Problem] = []
        self.unlisted = 0
        #: What is worth saying but refuses nothing (e.g. hidden characters in a text).
        self.warnings: list[Problem] = []

    @property
    def full(self) -> bool:
        """Whether further problems are only counted (so a costly suggestion can be skipped)."""
        return len(self.items) >= MAX_PROBLEMS

    def add(self, record: str, field: str, message: str, fix: str = "") -> None:
        """Record one problem."""
        if self.full:
            self.unlisted += 1
            return
        self.items.append(Problem(self.file, record, field, message, fix))

    def _listed(self) -> list[Problem]:
        extra = self.unlisted + max(0, len(self.items) - MAX_PROBLEMS)
        if not extra:
            return self.items
        more = Problem(self.file, "", "", f"and {extra:,} more problems, not listed", "fix those above first")
        return [*self.items[:MAX_PROBLEMS], more]

    def warn(self, record: str, field: str, message: str, fix: str = "") -> None:
        """Record one warning: said by the command line, never raised."""
        self.warnings.append(Problem(self.file, record, field, message, fix))

    def extend(self, other: Problems | list[Problem]) -> None:
        """Take over the problems (and warnings) of another collector (or a list of problems)."""
        self.items.extend(other.items if isinstance(other, Problems) else other)
        if isinstance(other, Problems):
            self.warnings.extend(other.warnings)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise a :class:`ValidationError` listing every problem, if there is one."""
        if self.items:
            raise ValidationError(self._listed())

    def raise_all(self) -> NoReturn:
        """Raise a :class:`ValidationError` listing every problem, where one has just been added."""
        if not self.items:
            raise AssertionError(f"{self.file}: raise_all() with no problem recorded")
        raise ValidationError(self._listed())
