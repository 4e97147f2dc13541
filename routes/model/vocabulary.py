"""The vocabularies of routes: modes, geometry bases, confidences, claim statuses, and units.

Each closed vocabulary is a string enum: ``Mode("rail") is Mode.RAIL``. :meth:`Vocabulary.parse`
accepts any case and, when it refuses, lists the valid values so the message can say how to fix
the input. Units are open: routes' own (:class:`Unit`, each of a :class:`UnitKind`) and those a
scenario declares in ``[units.NAME]`` tables (:class:`UnitSet`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Self


class Vocabulary(str, Enum):
    """A string enum whose ``parse`` names the valid values when it refuses one."""

    @classmethod
    def parse(cls, value: object) -> Self:
        """Return the member for ``value`` (case-insensitive).

        Raises
        ------
        ValueError
            Naming the valid values.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            for member in cls:
                if member.value == value.strip().lower():
                    return member
        raise ValueError(f"{value!r} is not one of {cls.choices()}")

    @classmethod
    def choices(cls) -> str:
        """The valid values, quoted and comma-separated."""
        return ", ".join(repr(m.value) for m in cls)

    def __str__(self) -> str:
        return self.value


class Mode(Vocabulary):
    """How a leg moves cargo."""

    SEA = "sea"
    RAIL = "rail"
    ROAD = "road"
    AIR = "air"


class GeometryBasis(Vocabulary):
    """How the drawn line of a leg is known.

    ``reported``: a source shows the path. ``assumed``: the standard corridor or an ordinary
    sea track; nobody reported the actual path. ``routed``: computed on a network.
    Assumed and routed lines are drawn dashed.
    """

    REPORTED = "reported"
    ASSUMED = "assumed"
    ROUTED = "routed"


class Confidence(Vocabulary):
    """Confidence in a coordinate or a path.

    ``high``: two or more consistent sources, or an official statement. ``medium``: one good
    source, or consistent secondary sources. ``low``: one weak source, a derived value, an
    unresolved conflict, or placed by hand.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ClaimStatus(Vocabulary):
    """What kind of statement a claim is.

    The vocabulary keeps what was *seen* apart from what was *said about contents*:

    ``claimed``: a government or official body states it (e.g. the contents of containers);
    rests on intelligence the public cannot check.
    ``assessed``: an official or expert judgement or estimate (intent, conversions, totals).
    ``observed``: movement or activity seen in imagery or data (ships, railcars, containers);
    says nothing by itself about contents.
    ``unverified``: a secondary report (social media, aggregators) not checked against its source.
    """

    CLAIMED = "claimed"
    ASSESSED = "assessed"
    OBSERVED = "observed"
    UNVERIFIED = "unverified"

    @property
    def label(self) -> str:
        """A reader's label for maps and tables."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ClaimStatus.CLAIMED: "claimed (official statement; contents not independently verifiable)",
    ClaimStatus.ASSESSED: "assessment",
    ClaimStatus.OBSERVED: "observed in imagery (movement, not contents)",
    ClaimStatus.UNVERIFIED: "unverified secondary report",
}


class ClaimKind(Vocabulary):
    """What a claim's quantity measures, which decides how it may be compared and checked.

    ``cumulative``: a running total since a start ("more than 10,000 since September 2023");
    ``flow``: what moved in a stated period ("between 7 September and 1 October");
    ``snapshot``: what one observation showed ("approximately 73 railcars" on one image);
    ``share``: one vessel's or one route's part of a flow;
    ``restatement``: another claimant's figure repeated (not a second data point; name it in
    ``restates``).
    """

    CUMULATIVE = "cumulative"
    FLOW = "flow"
    SNAPSHOT = "snapshot"
    SHARE = "share"
    RESTATEMENT = "restatement"


class PeriodKind(Vocabulary):
    """What a claim's period dates.

    ``window``: the movement happened inside it (start to end), so a whole transit must fit;
    ``departure``, ``arrival``, ``sighting``: the date of one event of a journey (a ship left,
    arrived, was seen), not the journey; ``as_of``: the date a figure is current to.
    A period with no kind is a window, except a period of one day, which dates one event.
    """

    WINDOW = "window"
    DEPARTURE = "departure"
    ARRIVAL = "arrival"
    SIGHTING = "sighting"
    AS_OF = "as_of"

    @property
    def label(self) -> str:
        """A reader's word for the period: ``arrival``, ``as of``."""
        return self.value.replace("_", " ")


class Coverage(Vocabulary):
    """How a claim is known to concern a leg.

    ``named``: the claimant named the ports, the crossing, the vessel or the route;
    ``attributed``: the data's author linked the claim to the leg (with a reason). Only named
    coverage sets a leg's width and dates; attributed coverage is listed, never drawn as volume.
    """

    NAMED = "named"
    ATTRIBUTED = "attributed"


class NodeKind(Vocabulary):
    """What a node is."""

    PORT = "port"
    STATION = "station"
    JUNCTION = "junction"
    BORDER_CROSSING = "border-crossing"
    DEPOT = "depot"
    AIRFIELD = "airfield"
    CITY = "city"
    SITE = "site"


class UnitKind(Vocabulary):
    """What a unit measures, which says how its numbers may be read and compared.

    ``count``: things counted one by one (containers, wagons, voyages, ship-to-ship transfers);
    ``mass``: a weight (tonnes); ``volume``: a measured volume (barrels, cubic metres);
    ``rate``: an amount a unit of time (barrels a day), never a total;
    ``share``: a part of a whole (percent), never a volume of its own.
    Numbers of different units are never compared, whatever their kind.
    """

    COUNT = "count"
    MASS = "mass"
    VOLUME = "volume"
    RATE = "rate"
    SHARE = "share"


_UNIT_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[ -][a-z0-9]+)*$")


@dataclass(frozen=True)
class Unit:
    """A unit a claimed quantity is given in: one of routes' own (``Unit.parse("barrels")``,
    ``Unit.BARRELS``) or one a scenario declares (``[units.NAME]``, see :class:`UnitSet`).

    ``value`` is the name scenarios write (lower-case words: ``"barrels a day"``), ``kind`` what
    it measures, ``label`` how a reader sees it (``"TEU"``; the name by default), ``aliases``
    other names a scenario may write (``"bpd"``), ``maximum`` the largest number it can hold
    (100 for percent).

    Examples
    --------
    >>> Unit.parse("Barrels per day").value, Unit.parse("bpd").kind.value
    ('barrels a day', 'rate')
    >>> Unit.parse("TEU").label
    'TEU'
    """

    value: str
    kind: UnitKind
    label: str = ""
    aliases: tuple[str, ...] = ()
    maximum: float | None = None

    CONTAINERS: ClassVar[Unit]
    RAILCARS: ClassVar[Unit]
    TRIPS: ClassVar[Unit]
    ROUND_TRIPS: ClassVar[Unit]
    SHIPMENTS: ClassVar[Unit]
    TONS: ClassVar[Unit]
    ROUNDS: ClassVar[Unit]
    SHELLS: ClassVar[Unit]
    VESSELS: ClassVar[Unit]
    DRONES: ClassVar[Unit]
    MISSILES: ClassVar[Unit]
    BARRELS: ClassVar[Unit]
    BARRELS_A_DAY: ClassVar[Unit]
    TONNES: ClassVar[Unit]
    CUBIC_METRES: ClassVar[Unit]
    TEU: ClassVar[Unit]
    WAGONS: ClassVar[Unit]
    VOYAGES: ClassVar[Unit]
    TRANSFERS: ClassVar[Unit]
    PERCENT: ClassVar[Unit]

    def __post_init__(self) -> None:
        if not _UNIT_NAME.match(self.value):
            raise ValueError(
                f"{self.value!r} is not a unit name; use lower-case words of letters and digits, "
                "joined by single spaces or hyphens (e.g. 'tank wagons')"
            )
        if not isinstance(self.kind, UnitKind):
            object.__setattr__(self, "kind", UnitKind.parse(self.kind))
        if not self.label.strip():
            object.__setattr__(self, "label", self.value)
        if self.maximum is not None and not self.maximum > 0:
            raise ValueError(f"maximum {self.maximum!r} must be a number above 0")

    def names(self) -> tuple[str, ...]:
        """Every name a scenario may write for the unit (lower case)."""
        return (self.value, *self.aliases)

    def matches(self, value: object) -> bool:
        """Whether ``value`` names this unit (any case, extra spaces ignored)."""
        return isinstance(value, str) and " ".join(value.lower().split()) in self.names()

    @classmethod
    def builtin(cls) -> tuple[Unit, ...]:
        """routes' own units, in the order they are listed (containers first)."""
        return _BUILTIN

    @classmethod
    def parse(cls, value: object) -> Unit:
        """One of routes' own units, by name or alias (case-insensitive).

        Raises
        ------
        ValueError
            Naming the valid values.
        """
        if isinstance(value, Unit):
            return value
        for unit in _BUILTIN:
            if unit.matches(value):
                return unit
        raise ValueError(f"{value!r} is not one of {cls.choices()}")

    @classmethod
    def choices(cls) -> str:
        """routes' own unit names, quoted and comma-separated."""
        return ", ".join(repr(u.value) for u in _BUILTIN)

    def __str__(self) -> str:
        return self.value


_COUNT, _MASS, _VOLUME, _RATE, _SHARE = UnitKind
Unit.CONTAINERS = Unit("containers", _COUNT)
Unit.RAILCARS = Unit("railcars", _COUNT)
Unit.TRIPS = Unit("trips", _COUNT)
Unit.ROUND_TRIPS = Unit("round trips", _COUNT)
Unit.SHIPMENTS = Unit("shipments", _COUNT)
Unit.TONS = Unit("tons", _MASS)  # as the source says "tons" (often metric; see "tonnes")
Unit.ROUNDS = Unit("rounds", _COUNT)
Unit.SHELLS = Unit("shells", _COUNT)
Unit.VESSELS = Unit("vessels", _COUNT)
Unit.DRONES = Unit("drones", _COUNT)
Unit.MISSILES = Unit("missiles", _COUNT)
# Oil, bulk and rail units, as oil and sanctions reporting gives its figures.
Unit.BARRELS = Unit("barrels", _VOLUME, aliases=("bbl",))
Unit.BARRELS_A_DAY = Unit("barrels a day", _RATE, aliases=("barrels per day", "bpd", "b/d"))
Unit.TONNES = Unit("tonnes", _MASS, aliases=("metric tons", "metric tonnes"))
Unit.CUBIC_METRES = Unit("cubic metres", _VOLUME, aliases=("cubic meters", "m3"))
Unit.TEU = Unit("teu", _COUNT, "TEU", aliases=("twenty-foot equivalent units",))
Unit.WAGONS = Unit("wagons", _COUNT)
Unit.VOYAGES = Unit("voyages", _COUNT)
Unit.TRANSFERS = Unit("transfers", _COUNT, aliases=("ship-to-ship transfers",))
Unit.PERCENT = Unit("percent", _SHARE, aliases=("per cent", "%"), maximum=100)

_BUILTIN: tuple[Unit, ...] = tuple(v for v in vars(Unit).values() if isinstance(v, Unit))


@dataclass(frozen=True)
class UnitSet:
    """The units one scenario may use: routes' own and those it declares (``[units.NAME]``).

    Examples
    --------
    >>> units = UnitSet((Unit("tank wagons", UnitKind.COUNT, "tank wagons of fuel oil"),))
    >>> units.parse("Tank wagons").label, units.parse("barrels").kind.value
    ('tank wagons of fuel oil', 'volume')
    """

    declared: tuple[Unit, ...] = ()

    def parse(self, value: object) -> Unit:
        """The declared or built-in unit ``value`` names.

        Raises
        ------
        ValueError
            Naming the valid values.
        """
        for unit in self.declared:
            if unit.matches(value):
                return unit
        try:
            return Unit.parse(value)
        except ValueError:
            raise ValueError(f"{value!r} is not one of {self.choices()}") from None

    def choices(self) -> str:
        """The unit names, quoted and comma-separated, and how to declare another."""
        names = [repr(u.value) for u in (*Unit.builtin(), *self.declared)]
        return ", ".join(names) + ", or declare it in a [units.NAME] table with its kind and label"


class Qualifier(Vocabulary):
    """How a quantity was hedged in the source's own words."""

    EXACTLY = "exactly"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    ABOUT = "about"
    UP_TO = "up to"
    BETWEEN = "between"
