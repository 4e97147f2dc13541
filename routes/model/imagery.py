"""Images taken of a case's places: a satellite or aerial picture's footprint, when it was
acquired, by which sensor and provider, under which licence, and what it supports.

An image taken is an observation, never a claim: it is drawn in its own date window and legend
row and linked to the claims and events it supports (``supports``), whose own dates and widths it
never changes. The picture itself is embedded only through ``images`` (the evidence-image rules
of :mod:`routes.load.evidence`: a stated licence, a caption and a credit); without one, the
footprint and its caption are drawn alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from routes.model.formatting import day_label
from routes.model.records import Source, check_slug

if TYPE_CHECKING:  # pragma: no cover
    from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class ImageTaken:
    """One image's footprint (a polygon, or a point where only the centre is known), acquired
    at ``acquired`` (UTC; ``timed`` False when only the day is known)."""

    id: str
    footprint: BaseGeometry
    acquired: dt.datetime
    sensor: str
    provider: str
    licence: str
    timed: bool = True
    supports: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    note: str | None = None
    #: Where the footprint was read from: ``"scenario"``, or the STAC, KML or GeoJSON file.
    origin: str = "scenario"
    #: Evidence images (:class:`routes.load.evidence.EvidenceImage`), each with its terms.
    images: tuple = ()

    def __post_init__(self) -> None:
        check_slug(self.id)
        if self.acquired.tzinfo is None:
            raise ValueError(f"image {self.id!r}: the acquisition time needs a time zone (UTC)")
        if self.footprint.is_empty:
            raise ValueError(f"image {self.id!r}: the footprint is empty")

    @property
    def when(self) -> str:
        """``7 Sep 2023 02:14 UTC`` (or ``7 Sep 2023`` for a day only)."""
        day = day_label(self.acquired)
        return f"{day} {self.acquired:%H:%M} UTC" if self.timed else day

    @property
    def caption(self) -> str:
        """What every output writes beside the footprint: sensor, provider, date and licence."""
        return f"{self.sensor} ({self.provider}), {self.when}; licence: {self.licence}"
