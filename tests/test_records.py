import pytest

from routes.model.periods import PartialDate, Period
from routes.model.records import Claim, Quantity, Source, Vessel, check_slug, check_url, claims_covering
from routes.model.vocabulary import ClaimStatus, Unit


def make_source(**overrides):
    values = {
        "publisher": "Pub",
        "title": "Title",
        "date": PartialDate.parse("2023-10-13"),
        "url": "https://example.org/x",
    }
    values.update(overrides)
    return Source(**values)


def make_claim(**overrides):
    values = {
        "id": "c-1",
        "claimant": "Someone",
        "published": PartialDate.parse("2023-10-13"),
        "period": Period.parse("2023-09-07", "2023-10-01"),
        "status": ClaimStatus.CLAIMED,
        "evidence": "statement",
        "sources": (make_source(),),
    }
    values.update(overrides)
    return Claim(**values)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>",
        "file:///etc/passwd",
        "//example.org/x",
        "/relative",
        "ftp://example.org",
        "https://",
        " https://example.org",
        "https://exa mple.org",
        "https://example.org/\n",
    ],
)
def test_urls_other_than_http_are_refused(url):
    with pytest.raises(ValueError):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://beyondparallel.csis.org/ongoing-arms-transfer-activity-at-najin-port/", "http://example.org/a?b=c#d"],
)
def test_http_urls_pass(url):
    assert check_url(url) == url


@pytest.mark.parametrize("slug", ["Najin", "najin port", "najin_port", "-najin", "najin--port", "наджин", ""])
def test_ids_must_be_plain_slugs(slug):
    with pytest.raises(ValueError, match="is not a slug"):
        check_slug(slug)


def test_source_refuses_bad_url():
    with pytest.raises(ValueError, match="not an http"):
        make_source(url="javascript:alert(1)")


def test_source_label():
    assert make_source().label() == 'Pub, "Title", 13 Oct 2023'


def test_quantity_needs_its_words_and_a_unit():
    with pytest.raises(ValueError, match="as worded"):
        Quantity("  ", 1000, unit=Unit.CONTAINERS)
    with pytest.raises(ValueError, match="needs a unit"):
        Quantity("1,000", 1000)
    with pytest.raises(ValueError, match="finite"):
        Quantity("lots", float("nan"), unit=Unit.CONTAINERS)
    with pytest.raises(ValueError, match="quantity_max"):
        Quantity("4.2 to 5.8 million", 5.8e6, 4.2e6, unit=Unit.ROUNDS)


def test_claim_needs_a_source():
    with pytest.raises(ValueError, match="at least one source"):
        make_claim(sources=())


def test_vessel_imo_must_have_seven_digits():
    assert Vessel("angara", "Angara", imo="9179842").imo == "9179842"
    with pytest.raises(ValueError, match="7 digits"):
        Vessel("angara", "Angara", imo="917984")


def test_the_claims_covering_a_leg_are_the_named_and_the_attributed_in_published_order():
    late = make_claim(id="late", published=PartialDate.parse("2024-01-02"), covers=("r/a-b",))
    route = make_claim(id="route", published=PartialDate.parse("2023-05"), covers=("r",))
    linked = make_claim(id="linked", attributed=("r/a-b",), attribution="same ship")
    other = make_claim(id="other", covers=("r/b-c", "s"))
    found = claims_covering([late, other, linked, route], "r/a-b")
    assert [c.id for c in found] == ["route", "linked", "late"]
    assert claims_covering([late, other, linked, route], "q/a-b") == []
