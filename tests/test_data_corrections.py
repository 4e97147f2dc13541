"""The corrections of issue 10 item 7, pinned on the bundled data (checked against
../shared/reference/facts.md): quantities as worded, claim kinds, named vs attributed
coverage, and node positions."""

import json
import math
import tomllib

import pytest

import routes
from routes import bundled_path
from routes.geo.geodesy import distance_km


@pytest.fixture(scope="module")
def case():
    return routes.load_scenario("dprk-russia-2023-2025")


@pytest.fixture(scope="module")
def claims(case):
    return {c.id: c for c in case.claims}


def nodes():
    with open(bundled_path("ports.geojson"), encoding="utf-8") as f:
        return {feat["properties"]["id"]: feat for feat in json.load(f)["features"]}


@pytest.mark.parametrize("scenario", ["dprk-russia-2023", "dprk-russia-2023-2025"])
def test_every_bundled_claim_has_a_kind(scenario):
    case = routes.load_scenario(scenario)
    assert all(c.kind is not None for c in case.claims), [c.id for c in case.claims if c.kind is None]
    for c in case.claims:
        if c.attributed:
            assert c.attribution


def test_ukraine_general_staff_said_a_train_had_delivered_at_least_2000_tonnes(claims):
    c = claims["ukraine-gs-2024-09-21"]
    assert c.claimant == "General Staff of the Armed Forces of Ukraine"
    assert c.quantity.text == "had delivered at least 2,000 tonnes"
    assert c.quantity.qualifier.value == "at least" and c.quantity.value == 2000
    # "a train" into the depot names neither line nor port: attributed, not named (audit Dec 2026, N4)
    assert c.covers == () and c.attribution
    assert set(c.attributed) == {
        "najin-dunay-tikhoretsk/dunay-tikhoretsk-depot",
        "najin-vostochny-tikhoretsk/vostochny-tikhoretsk-depot",
    }


@pytest.mark.parametrize("scenario", ["dprk-russia-2023", "dprk-russia-2023-2025"])
def test_white_house_statement_and_imagery_are_two_records(scenario):
    claims = {c.id: c for c in routes.load_scenario(scenario).claims}
    statement, imagery = claims["wh-2023-10-13"], claims["wh-2023-10-13-imagery"]
    assert statement.quantity.text.startswith("more than 1,000 containers")
    assert statement.period_text == "in recent weeks"
    assert statement.period.start is None and str(statement.period.end) == "2023-10-13"
    assert statement.covers == () and statement.vessels == ()
    assert imagery.quantity.text == "a set of containers" and imagery.quantity.value is None
    assert (str(imagery.period.start), str(imagery.period.end)) == ("2023-09-07", "2023-10-01")
    assert imagery.vessels == ("angara",) and imagery.covers


def test_rok_restatement_of_the_white_house(claims):
    c = claims["rok-mnd-2023-10-16"]
    assert c.kind.value == "restatement" and c.restates == "wh-2023-10-13"


def test_monitoring_team_totals(claims):
    total = claims["msmt-2025-05-29"]
    assert total.covers == () and total.attributed and total.attribution
    rounds = claims["msmt-2025-05-29-rounds-2024"]
    assert rounds.quantity.text.startswith("as many as 9 million rounds")
    assert rounds.quantity.qualifier.value == "up to"
    assert "Russian-flagged cargo vessels" in rounds.note
    assert rounds.period_text == "January to mid-December 2024"
    # "Russian-flagged cargo vessels" names no port: attributed to the sea legs (audit Dec 2026, D10/N4)
    assert rounds.covers == () and rounds.attribution
    assert "najin-ussuriysk-rail" not in rounds.attributed and all(
        leg.endswith(("najin-dunay", "najin-vostochny")) for leg in rounds.attributed
    )


def test_wordings_kept(claims):
    osc = claims["osc-2025-03-rounds"]
    assert osc.quantity.text == "between 4.2 and 5.8 million rounds" and osc.quantity.qualifier.value == "between"
    assert "suspected of carrying arms" in claims["rok-kang-2024-08-27"].quantity.text
    shin = claims["rok-shin-2024-02-26"]
    assert "'over 6,700 containers'" in shin.note and "'about 6,700 containers'" in shin.note
    assert str(claims["rusi-reuters-2024-04"].period.end).startswith("2024-02")


@pytest.mark.parametrize(
    "cid, text, month",
    [
        # dates as first reported (audit Dec 2026, D14/N10): RBC-Ukraine 20 May; Bloomberg 14 June
        ("us-state-2024-06", "more than 11,000 containers", "2024-05-20"),
        ("us-2024-09", "more than 16,500 containers", "2024-09"),
        ("rok-shin-2024-06", "at least 10,000 containers", "2024-06-14"),
    ],
)
def test_added_claims(claims, cid, text, month):
    c = claims[cid]
    assert c.quantity.text == text and str(c.published) == month and c.kind.value == "cumulative"
    assert c.covers == ()


def test_csis_railcars_draw_no_direction(claims, seed):
    assert claims["csis-tumangang-2023-10-06"].direction_known is False
    assert claims["csis-tumangang-2023-10-06"].kind.value == "snapshot"
    assert {c.id: c for c in seed.claims}["csis-tumangang-2023-10-06"].direction_known is False


def test_seed_as_of_is_not_before_its_sources(seed):
    dates = [str(s.date) for c in seed.claims for s in c.sources if s.date]
    dates += [str(s.date) for v in seed.vessels for s in v.sources if s.date]
    assert str(seed.as_of) >= max(dates)


@pytest.mark.parametrize(
    "node, lon, lat",
    [
        ("ugolnaya", 132.0606, 43.3043),
        ("knevichi", 132.15139, 43.39917),
    ],
)
def test_nodes_at_published_points(node, lon, lat):
    assert distance_km(tuple(nodes()[node]["geometry"]["coordinates"]), (lon, lat)) < 0.5


def test_petropavl_and_tumangang_provenance():
    n = nodes()
    assert n["petropavl"]["properties"]["coord_confidence"] == "high"
    assert "3.25 km" in n["tumangang"]["properties"]["coord_source"]


def _off_line_km(p, a, b):
    """Distance of p from the straight line a-b (local equirectangular, km)."""
    lat0 = math.radians(p[1])

    def xy(q):
        return (math.radians(q[0] - p[0]) * math.cos(lat0) * 6371.0, math.radians(q[1] - p[1]) * 6371.0)

    (ax, ay), (bx, by) = xy(a), xy(b)
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    return math.hypot(ax + t * dx, ay + t * dy)


# ugolnaya is at its station too; the Nakhodka branch meets the Trans-Siberian at the Uglovaya junction
# of rail.toml (audit of December 2026, N8; tests/test_audit_corrections.py).
MOVED_TO_STATION = [
    "ussuriysk",
    "khabarovsk",
    "chita",
    "irkutsk",
    "novosibirsk",
    "omsk",
    "petropavl",
    "ufa",
    "samara",
    "syzran",
    "tyumen",
    "yekaterinburg",
    "penza",
    "mozdok",
]


@pytest.mark.parametrize("node", MOVED_TO_STATION)
def test_corridor_node_lies_on_the_rail_line(node):
    with open(bundled_path("networks/rail.toml"), "rb") as f:
        rail = tomllib.load(f)
    n = nodes()
    here = tuple(n[node]["geometry"]["coordinates"])
    neighbours = []
    for s in rail["segments"]:
        pts = [(p["lon"], p["lat"]) for p in s.get("points", [])]
        if s["from"] == node:
            neighbours.append(pts[0] if pts else tuple(n[s["to"]]["geometry"]["coordinates"]))
        if s["to"] == node:
            neighbours.append(pts[-1] if pts else tuple(n[s["from"]]["geometry"]["coordinates"]))
    assert len(neighbours) >= 1
    off = (
        min(_off_line_km(here, a, b) for a in neighbours for b in neighbours)
        if len(neighbours) > 1
        else distance_km(here, neighbours[0])
    )
    assert off <= 1.0
    assert f"{n[node]['properties']['name']} (town centre)" in n[node]["properties"]["aliases"]


def test_titles_attribute_what_they_state():
    import routes

    seed = routes.load_scenario("dprk-russia-2023")
    later = routes.load_scenario("dprk-russia-2023-2025")
    for case in (seed, later):
        assert "reported" in case.title  # whose account the map shows, in the title itself
    said = ("says", "shows", "said", "reported")
    for event in (*seed.events, *later.events):
        if any(word in event.title.lower() for word in ("containers", "trains", "strike")):
            assert any(w in event.title for w in said), event.title


def test_the_strike_event_says_what_the_general_staff_said():
    import routes

    later = routes.load_scenario("dprk-russia-2023-2025")
    strike = next(e for e in later.events if e.id == "tikhoretsk-depot-strike-2024-09-21")
    assert "had delivered at least 2,000 tonnes" in strike.description and "held" not in strike.description
