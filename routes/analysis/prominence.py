"""Which claims a short list must keep: the order of claims where room is scarce.

A static footer (a PNG's print layout, a social card, a PDF) and a slide's claims table show
few rows. They show the claims that matter first, in this order (:func:`claim_prominence`):

1. **lead** claims, never dropped: a claim that sets a leg's line width in the all-dates view
   (the figure the map draws), and a claim by a claimant the case's title names (the title's
   headline: "…as the White House and imagery analysts reported them");
2. official claims (status ``claimed``: a government or an official body states it);
3. assessments and observations;
4. unverified secondary reports.

Within a tier, claims keep the published order of every other list. The order depends on
the case alone, never on the page's size, so the same claims lead every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from routes.model.vocabulary import ClaimStatus

if TYPE_CHECKING:  # pragma: no cover
    from routes.analysis.case import CaseModel
    from routes.model.records import Claim

#: Tiers of :func:`claim_prominence`, most prominent first.
LEAD, OFFICIAL, OTHER, UNVERIFIED = 0, 1, 2, 3


@dataclass(frozen=True)
class Prominence:
    """A claim's place in short lists: its ``rank`` (0 first) and ``tier``; ``keep``: a lead
    claim, which a static list never drops."""

    rank: int
    tier: int

    @property
    def keep(self) -> bool:
        return self.tier == LEAD


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def named_in_title(claim: Claim, title: str) -> bool:
    """Whether the title names the claim's claimant: two words in a row of the claimant's
    name (before any parenthesis or comma) appear in a row in the title.

    >>> from types import SimpleNamespace as C
    >>> named_in_title(C(claimant="White House National Security Council (John Kirby)"),
    ...                "Munitions, as the White House and analysts reported them")
    True
    >>> named_in_title(C(claimant="US Department of State"), "as governments reported them")
    False
    """
    name = _words(re.split(r"[(,]", claim.claimant, maxsplit=1)[0])
    pairs = {f"{a} {b}" for a, b in pairwise(name)}
    heading = _words(title)
    return any(f"{a} {b}" in pairs for a, b in pairwise(heading))


def claim_tier(model: CaseModel, claim: Claim) -> int:
    """The claim's tier (see the module docstring)."""
    drivers = {facts.width_driver.claim for facts in model.leg_facts.values() if facts.width_driver}
    if claim.id in drivers or named_in_title(claim, model.scenario.title):
        return LEAD
    if claim.status is ClaimStatus.CLAIMED:
        return OFFICIAL
    return UNVERIFIED if claim.status is ClaimStatus.UNVERIFIED else OTHER


def claim_prominence(model: CaseModel) -> dict[str, Prominence]:
    """Every claim's :class:`Prominence`, by claim id (see the module docstring).

    Examples
    --------
    >>> from routes import load_scenario
    >>> from routes.analysis.case import case_model
    >>> ranks = claim_prominence(case_model(load_scenario("dprk-russia-2023")))
    >>> ranks["wh-2023-10-13"].keep, ranks["social-2023-10-08"].tier
    (True, 3)
    """
    claims = model.claims_in_order()
    tiers = {c.id: claim_tier(model, c) for c in claims}
    ordered = sorted(claims, key=lambda c: tiers[c.id])  # stable: published order within a tier
    return {c.id: Prominence(rank, tiers[c.id]) for rank, c in enumerate(ordered)}


def most_prominent(model: CaseModel, claims: list[Claim]) -> list[Claim]:
    """``claims`` in the order of :func:`claim_prominence`."""
    ranks = claim_prominence(model)
    return sorted(claims, key=lambda c: ranks[c.id].rank)
