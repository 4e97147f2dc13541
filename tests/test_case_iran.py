"""The second bundled case, Iran → Russia across the Caspian (issue 12 item 7): it loads, and its
claims are written the way the DPRK case's are (claimant, date, evidence, sources; quantities as
worded with their qualifier; coverage named or attributed). Facts: docs/cases/iran-russia-caspian.md.
"""

import tomllib

import pytest

import routes

CASE = "iran-russia-caspian"

#: Words a source uses for each qualifier; a claim's qualifier must be in its own words.
QUALIFIER_WORDS = {
    "more than": ("more than", "over", ">"),
    "at least": ("at least",),
    "about": ("about", "approximately", "around", "some"),
    "up to": ("up to", "as many as"),
    "between": ("between", "–", "-"),
    "exactly": (),
}


@pytest.fixture(scope="module")
def case():
    return routes.load_scenario(CASE)


@pytest.fixture(scope="module")
def claims(case):
    return {c.id: c for c in case.claims}


@pytest.fixture(scope="module")
def raw():
    """The scenario as written, to check what the loader fills in or normalises."""
    return tomllib.loads(routes.bundled_scenarios()[CASE].read_text(encoding="utf-8"))


def spellings(value: float) -> set[str]:
    """Ways a source writes a number: '300,000', '300000', '100 million', 'a million'."""
    whole = int(value)
    found = {f"{whole:,}", str(whole)}
    if whole >= 1_000_000 and whole % 100_000 == 0:
        millions = f"{whole / 1_000_000:g}"
        found |= {f"{millions} million"} | ({"a million", "one million"} if whole == 1_000_000 else set())
    return found


def test_case_is_bundled_and_loads(case):
    assert CASE in routes.bundled_scenarios()
    assert case.id == CASE and len(case.claims) >= 20


def test_every_claim_has_claimant_date_evidence_kind_and_a_publisher(case):
    for c in case.claims:
        assert c.claimant.strip() and c.evidence.strip(), c.id
        assert str(c.published)[:4] in {"2022", "2023", "2024", "2025"}, c.id
        assert c.kind is not None, c.id
        assert c.sources and all(s.publisher.strip() for s in c.sources), c.id
        if c.attributed:
            assert c.attribution, c.id
        if c.kind.value == "restatement":
            assert c.restates in {other.id for other in case.claims}, c.id


def test_quantities_are_verbatim_with_their_qualifier(raw):
    checked = 0
    for table in raw["claims"]:
        text = table.get("quantity_text")
        for field in ("quantity", "quantity_max", "unit", "qualifier"):
            if field in table:
                assert text, f"{table['id']}: {field} without quantity_text"
        if "quantity" in table:
            assert isinstance(table["quantity"], (int, float)), table["id"]
            assert any(s in text for s in spellings(table["quantity"])), (table["id"], text)
            checked += 1
        if "qualifier" in table:
            words = QUALIFIER_WORDS[table["qualifier"]]
            assert any(w in text.lower() for w in words), (table["id"], text)
    assert checked >= 5


def test_periods_keep_their_wording(claims):
    assert claims["wsj-2023-04-24-shells"].period_text == "Over the past six months"
    assert claims["wh-2023-05-15"].period_text == "Since August"
    assert str(claims["wh-2023-05-15"].period.start) == "2022-08"
    gamzatov = claims["wsj-2023-04-24-rasul-gamzatov"]
    assert gamzatov.period_text == "between March 8 and March 14"
    assert (str(gamzatov.period.start), str(gamzatov.period.end)) == ("2023-03-08", "2023-03-14")


def test_white_house_named_amirabad_to_makhachkala_not_the_rail_leg(case, claims):
    sea = "amirabad-makhachkala-alabuga/amirabad-makhachkala"
    rail = "amirabad-makhachkala-alabuga/makhachkala-alabuga"
    assert sea in claims["wh-2023-06-09"].covers
    assert not any(c.names(rail) for c in case.claims)
    assert rail in claims["wh-2023-06-09-alabuga"].attributed


def test_port_olya_3_missile_claims(claims):
    leg = "amirabad-olya/amirabad-olya"
    treasury = claims["us-treasury-2024-09-10"]
    assert leg in treasury.covers and "port-olya-3" in treasury.vessels
    assert "Port Olya-3" in treasury.quote
    blinken = claims["us-blinken-2024-09-10"]
    assert "Fath-360" in blinken.quote and "received shipments" in blinken.quote
    assert blinken.covers == () and leg in blinken.attributed
    for cid in ("sky-2024-09-11", "cnn-2024-09-11"):
        assert claims[cid].status.value == "observed"
        assert (str(claims[cid].period.start), str(claims[cid].period.end)) == ("2024-08-29", "2024-09-04")


def test_iranian_denials_are_claims_too(case):
    iranian = [c for c in case.claims if c.claimant.startswith(("Iranian", "Embassy of Iran"))]
    assert len(iranian) >= 3
    assert any("NOT delivered" in (c.quote or "") for c in iranian)


def test_every_leg_path_is_assumed_and_explained(case):
    for leg in case.legs_specs:
        assert leg.geometry_basis.value == "assumed" and leg.note, leg.id


def test_sources_name_originals_and_give_no_mirror_urls(case):
    mirrors = ("initialnews", "ytzvah", "skyne.ws", "web.archive.org", "rightinvestingway", "grubnews")
    for c in case.claims:
        for s in c.sources:
            if s.url:
                assert "…" not in s.url and "..." not in s.url, (c.id, s.url)
                assert not any(m in s.url for m in mirrors), (c.id, s.url)


def test_as_of_is_not_before_its_sources(case):
    dates = [str(s.date) for c in case.claims for s in c.sources if s.date]
    dates += [str(s.date) for v in case.vessels for s in v.sources if s.date]
    assert str(case.as_of) >= max(dates)


def test_imo_numbers_are_the_designation_lists(case):
    imos = {v.id: v.imo for v in case.vessels}
    assert imos["port-olya-3"] == "9481910" and imos["port-olya-4"] == "9481934"
