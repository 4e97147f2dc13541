"""The closed vocabularies of routes: modes, geometry bases, confidences, claim statuses, units.

Each is a string enum: ``Mode("rail") is Mode.RAIL``. :meth:`Vocabulary.parse` accepts any case
and, when it refuses, lists the valid values so the message can say how to fix the input.
"""

from __future__ import annotations

from enum import Enum
from typing import Self


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


class Unit(Vocabulary):
    """Units a claimed quantity may be counted in."""

    CONTAINERS = "containers"
    RAILCARS = "railcars"
    TRIPS = "trips"
    ROUND_TRIPS = "round trips"
    SHIPMENTS = "shipments"
    TONS = "tons"
    ROUNDS = "rounds"
    SHELLS = "shells"
    VESSELS = "vessels"
    DRONES = "drones"
    MISSILES = "missiles"


class Qualifier(Vocabulary):
    """How a quantity was hedged in the source's own words."""

    EXACTLY = "exactly"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    ABOUT = "about"
    UP_TO = "up to"
    BETWEEN = "between"
