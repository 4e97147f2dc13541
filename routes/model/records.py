"""Small immutable records of a scenario: sources, quantities, claims, vessels, events, legs.

Each record refuses bad values when it is built (``ValueError`` with the fix in the message);
the scenario loader checks fields first so that it can report every problem of a file at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urlsplit

from routes.errors import InputTypeError
from routes.model.hiddentext import describe, hidden_characters
from routes.model.periods import PartialDate, Period
from routes.model.vocabulary import (
    ClaimKind,
    ClaimStatus,
    Confidence,
    Coverage,
    GeometryBasis,
    Mode,
    PeriodKind,
    Qualifier,
    Unit,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Draughts above this are refused as a likely slip (feet for metres): the deepest laden
#: ships afloat draw about 25 m.
MAX_DRAUGHT_M = 30.0


def check_draught_m(value: object) -> float:
    """A ship's draught in metres: a number above 0 and at most :data:`MAX_DRAUGHT_M`, else raise
    (the message says what is wrong, then the fix after a semicolon).

    >>> check_draught_m(15)
    15.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"draught {value!r} is not a positive number of metres; give it as a number, e.g. 15.2")
    if value > MAX_DRAUGHT_M:
        raise ValueError(
            f"draught {value:g} m is deeper than any ship (at most {MAX_DRAUGHT_M:g} m); give it in metres, not feet"
        )
    return float(value)


def check_slug(value: object) -> str:
    """Return ``value`` if it is a plain slug (``najin``, ``wh-2023-10-13``), else raise."""
    if not isinstance(value, str) or not SLUG.match(value):
        hidden = hidden_characters(value) if isinstance(value, str) else []
        what = f" (it holds the hidden character {describe(hidden[0][1])})" if hidden else ""
        raise ValueError(
            f"{value!r} is not a slug{what}; use lower-case ASCII letters, digits and single '-' (e.g. 'tikhoretsk-depot')"
        )
    return value


_SPACE = re.compile(r"\s")  # str.isspace() characters


def check_url(value: object) -> str:
    """Return ``value`` if it is an absolute ``http``/``https`` URL with a host, else raise.

    Any other scheme (``javascript:``, ``data:``, ``file:``, relative paths) is refused: a link in
    a briefing map must lead to the publisher, nowhere else.
    """
    if not isinstance(value, str):
        raise InputTypeError(f"{value!r} is not a URL; give an http(s) URL as a string")
    if value != value.strip() or not value.isprintable() or _SPACE.search(value):
        raise ValueError(f"{value!r} holds spaces or control characters; give the URL as published")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{value!r} is not an http(s) URL; give the original publisher's http(s) address or leave url out"
        )
    return value


@dataclass(frozen=True)
class Source:
    """Where a fact was published. ``url`` only where it is the original publisher's."""

    publisher: str
    title: str
    date: PartialDate | None = None
    url: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if not self.publisher.strip():
            raise ValueError("a source needs a publisher")
        if self.url is not None:
            check_url(self.url)

    def label(self) -> str:
        """``Publisher, "Title", 13 Oct 2023``."""
        text = self.publisher
        if self.title:
            text += f', "{self.title}"'
        if self.date:
            text += f", {self.date.label()}"
        return text


@dataclass(frozen=True)
class Quantity:
    """A claimed quantity, kept verbatim (``text``) and, where the words give one, as a number.

    ``value`` is None when the words give no number ("hundreds of containers"); ``value_max``
    is set for ranges ("between 4.2 and 5.8 million").
    """

    text: str
    value: float | None = None
    value_max: float | None = None
    unit: Unit | None = None
    qualifier: Qualifier | None = None

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("quantity_text must give the quantity as worded")
        for name in ("value", "value_max"):
            number = getattr(self, name)
            if number is not None and (not math.isfinite(number) or number < 0):
                raise ValueError(f"{name} {number!r} must be a finite number >= 0")
        if self.value_max is not None and (self.value is None or self.value_max < self.value):
            raise ValueError("quantity_max needs a quantity no larger than itself")
        if self.value is not None and self.unit is None:
            raise ValueError("a quantity needs a unit")
        limit = self.unit.maximum if self.unit is not None else None
        if limit is not None and max(self.value or 0, self.value_max or 0) > limit:
            raise ValueError(f"a quantity in {self.unit} is at most {limit:g}")


@dataclass(frozen=True)
class Claim:
    """A claim: who said what about which legs, when, on what evidence.

    Claims from different claimants are never added up: each is shown with its own period,
    qualifier and source.
    """

    id: str
    claimant: str
    published: PartialDate
    period: Period
    status: ClaimStatus
    evidence: str
    sources: tuple[Source, ...]
    period_text: str | None = None
    quantity: Quantity | None = None
    covers: tuple[str, ...] = ()
    vessels: tuple[str, ...] = ()
    quote: str | None = None
    summary: str | None = None
    note: str | None = None
    #: Routes or legs the data's author linked the claim to, though the claimant named none.
    attributed: tuple[str, ...] = ()
    #: Why the author linked them (one line); required with ``attributed``.
    attribution: str | None = None
    kind: ClaimKind | None = None
    #: The claim whose figure a restatement repeats.
    restates: str | None = None
    #: False when the claimant said the direction of movement could not be identified.
    direction_known: bool = True
    #: Evidence images (:class:`routes.load.evidence.EvidenceImage`), each with its terms.
    images: tuple = ()
    #: What the period dates (a window, a departure, an arrival, a sighting, an "as of").
    period_kind: PeriodKind | None = None

    def __post_init__(self) -> None:
        check_slug(self.id)
        if self.period_kind is not None and self.period.start is None and self.period.end is None:
            raise ValueError(f"claim {self.id!r} gives a period_kind but no period; add period_start or period_end")
        if not self.sources:
            raise ValueError(f"claim {self.id!r} needs at least one source")
        if self.attributed and not self.attribution:
            raise ValueError(f"claim {self.id!r} links legs by attribution without saying why; add attribution")

    @property
    def headline(self) -> str:
        """What the claim says, for every output: the quantity as worded, else its summary."""
        return self.quantity.text if self.quantity else (self.summary or "no quantity stated")

    @property
    def byline(self) -> str:
        """What the claim says, who said it and when, on one line (a story step, a slide):
        ``more than 1,000 containers — White House, 13 Oct 2023``."""
        return f"{self.headline} — {self.claimant}, {self.published.label()}"

    @property
    def period_label(self) -> str:
        """The period for every output: its dates, and its words when the claimant gave them
        (``7 Sep 2023 – 1 Oct 2023 (“between Sept. 7 and Oct. 1”)``)."""
        kind = f"{self.period_kind.label}: " if self.period_kind not in (None, PeriodKind.WINDOW) else ""
        return kind + self.period.label() + (f" (“{self.period_text}”)" if self.period_text else "")

    @property
    def published_key(self) -> tuple:
        """The sort key of published order, the order of every list of claims: first day of
        the publication date, then id."""
        return (self.published.first_day(), self.id)

    def coverage(self, leg_id: str) -> Coverage | None:
        """How this claim concerns a leg (given by its id ``route/from-to``), if at all.

        ``covers`` lists what the claimant named, ``attributed`` what the data's author linked;
        a route id covers each of its legs. The one place that answers "does claim C cover L".
        """
        route = leg_id.split("/", 1)[0]
        if leg_id in self.covers or route in self.covers:
            return Coverage.NAMED
        if leg_id in self.attributed or route in self.attributed:
            return Coverage.ATTRIBUTED
        return None

    def names(self, leg_id: str) -> bool:
        """True if the claimant named this leg (or its route): only then may the claim set
        the leg's width, dates or direction."""
        return self.coverage(leg_id) is Coverage.NAMED


def claims_covering(claims: Iterable[Claim], leg_id: str) -> list[Claim]:
    """The claims that cover a leg (:meth:`Claim.coverage`), directly or through its route, in
    published order."""
    return sorted((c for c in claims if c.coverage(leg_id) is not None), key=lambda c: c.published_key)


@dataclass(frozen=True)
class Vessel:
    """A ship named in the reporting."""

    id: str
    name: str
    flag: str | None = None
    imo: str | None = None
    imo_confidence: Confidence | None = None
    vessel_type: str | None = None
    operator: str | None = None
    sanctions: str | None = None
    sources: tuple[Source, ...] = ()
    note: str | None = None
    #: How deep the ship floats, laden, in metres: keeps its sea legs on the world lanes out of
    #: shallower straits and canals.
    draught_m: float | None = None
    #: The ship's MMSI (9 digits), which AIS position reports carry: links observed tracks to it.
    mmsi: str | None = None

    def __post_init__(self) -> None:
        check_slug(self.id)
        if self.imo is not None and not re.fullmatch(r"\d{7}", self.imo):
            raise ValueError(f"IMO number {self.imo!r} must be 7 digits")
        if self.mmsi is not None and not re.fullmatch(r"\d{9}", self.mmsi):
            raise ValueError(f"MMSI {self.mmsi!r} must be 9 digits")
        if self.draught_m is not None:
            check_draught_m(self.draught_m)


@dataclass(frozen=True)
class Event:
    """A dated point in a case: a visit, an imagery observation at a port.

    ``shipment`` names the one shipment the event is a stop of (a vessel's voyage and the onward
    carriage of its cargo): only two events of one shipment are checked as a transit.
    """

    id: str
    title: str
    period: Period
    node: str | None = None
    description: str | None = None
    sources: tuple[Source, ...] = ()
    images: tuple = ()
    shipment: str | None = None

    def __post_init__(self) -> None:
        check_slug(self.id)
        if self.shipment is not None:
            check_slug(self.shipment)


@dataclass(frozen=True)
class LegSpec:
    """One leg of a route as the scenario gives it: two stops joined by one mode.

    ``via`` lists network nodes (stations, junctions, waypoints) the line passes, in order;
    consecutive nodes must be joined by a segment in one of the scenario's network files.
    """

    route: str
    index: int
    start: str
    end: str
    mode: Mode
    geometry_basis: GeometryBasis
    via: tuple[str, ...] = ()
    vessels: tuple[str, ...] = ()
    note: str | None = None
    #: For a sea leg: the ship's draught in metres (else the deepest of its vessels').
    draught_m: float | None = None

    def __post_init__(self) -> None:
        if self.draught_m is not None:
            check_draught_m(self.draught_m)

    @property
    def id(self) -> str:
        """Stable leg id: ``<route>/<from>-<to>``."""
        return f"{self.route}/{self.start}-{self.end}"

    @property
    def path(self) -> tuple[str, ...]:
        """Every node the line passes, from the first stop to the last."""
        return (self.start, *self.via, self.end)


@dataclass(frozen=True)
class Route:
    """A named chain of legs; each leg starts where the previous one ended."""

    id: str
    name: str
    legs: tuple[LegSpec, ...] = field(default_factory=tuple)
    note: str | None = None

    def __post_init__(self) -> None:
        check_slug(self.id)
        for before, after in pairwise(self.legs):
            if before.end != after.start:
                raise ValueError(
                    f"route {self.id!r}: leg {after.index} starts at {after.start!r}, not at {before.end!r}"
                )

    @property
    def stops(self) -> tuple[str, ...]:
        """The stops in order: where cargo is loaded, transferred or delivered."""
        if not self.legs:
            return ()
        return (self.legs[0].start, *(leg.end for leg in self.legs))


@dataclass(frozen=True)
class StoryStep:
    """One step of a case's story (``[[story]]``): what a briefer shows and says next.

    ``view`` is ``None`` for the whole case, a leg id, a node id, or ``(west, south, east,
    north)``; ``date`` the day the time control shows (None: all dates); ``highlights`` the
    ids of the claims and events the step is about; ``images`` evidence shown with the step.
    """

    title: str
    text: str | None = None
    view: str | tuple[float, float, float, float] | None = None
    date: PartialDate | None = None
    highlights: tuple[str, ...] = ()
    images: tuple = ()
