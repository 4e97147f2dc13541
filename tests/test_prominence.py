"""Which claims short lists keep (analysis/prominence.py), and the static footer that uses it."""

import pytest

import routes
from routes.analysis.case import case_model
from routes.analysis.prominence import LEAD, OFFICIAL, OTHER, UNVERIFIED, claim_prominence, claim_tier
from routes.outputs.export import write_html
from tests.conftest import PageProbe


@pytest.fixture(scope="module")
def seed_model():
    return case_model(routes.load_scenario("dprk-russia-2023"))


def test_the_title_s_claimant_and_the_width_setter_lead_unverified_posts_come_last(seed_model):
    ranks = claim_prominence(seed_model)
    order = sorted(ranks, key=lambda claim_id: ranks[claim_id].rank)
    # The title names the White House: its claims lead, with the claim that sets the sea leg's width.
    assert {"wh-2023-10-13", "wh-2023-10-13-imagery", "csis-najin-2023-10"} <= {i for i in order if ranks[i].keep}
    assert order.index("wh-2023-10-13") < order.index("social-2023-10-08")
    assert order[-1] == "social-2023-10-08" and ranks["social-2023-10-08"].tier == UNVERIFIED
    assert sorted(ranks[i].rank for i in ranks) == list(range(len(ranks)))  # one place each


def test_tiers_follow_width_title_officialdom_then_the_rest():
    model = case_model(routes.load_scenario("iran-russia-caspian"))
    claims = {c.id: c for c in model.scenario.claims}
    drivers = {f.width_driver.claim for f in model.leg_facts.values() if f.width_driver}
    assert drivers
    for claim_id, claim in claims.items():
        tier = claim_tier(model, claim)
        if claim_id in drivers:
            assert tier == LEAD
        elif claim.status.value == "claimed":
            assert tier in (LEAD, OFFICIAL)
        else:
            assert tier in (LEAD, OTHER, UNVERIFIED)
    ranks = claim_prominence(model)
    tiers = [ranks[i].tier for i in sorted(ranks, key=lambda i: ranks[i].rank)]
    assert tiers == sorted(tiers)  # a tier never comes before a more prominent one


def test_the_page_carries_the_rank_and_the_footer_shows_it(browser, seed_model, tmp_path):
    page_file = write_html(routes.render_map(seed_model.scenario, offline=True), tmp_path / "seed.html")
    with PageProbe(browser, page_file, viewport=(1200, 675)) as probe:  # the social card
        page = probe.page
        page.evaluate("() => window.routesMap.print()")
        rows = page.locator(".routes-footer-claims tr:not([hidden])").all_inner_texts()[1:]
        assert rows and "more than 1,000 containers" in "\n".join(rows)
        ranks = claim_prominence(seed_model)
        claimants = [c for c in rows]
        assert claimants == sorted(
            claimants, key=lambda text: min(ranks[c.id].rank for c in seed_model.scenario.claims if c.headline in text)
        )
        footer = page.locator(".routes-footer").bounding_box()
        legend = page.locator(".routes-legend").bounding_box()
        map_box = page.locator(".folium-map").bounding_box()
        assert footer["height"] <= 0.25 * 675, footer  # was 30 %
        assert legend["width"] * legend["height"] <= 0.3 * map_box["width"] * map_box["height"], legend
        assert probe.errors == []


def test_the_iran_footer_at_1024_shows_more_than_one_claim(browser, tmp_path):
    page_file = write_html(
        routes.render_map(routes.load_scenario("iran-russia-caspian"), offline=True), tmp_path / "iran.html"
    )
    with PageProbe(browser, page_file, viewport=(1024, 768)) as probe:
        probe.page.evaluate("() => window.routesMap.print()")
        shown = probe.page.locator(".routes-footer-claims tr:not([hidden])").count() - 1
        assert shown >= 3, shown  # was 1 of 23
        assert probe.page.locator(".routes-footer-lead[hidden]").count() == 0  # a lead claim is never dropped
