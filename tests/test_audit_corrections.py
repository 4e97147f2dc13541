"""The data corrections of the December 2026 audit (../shared/reference/audit-2026-12.md; issue 22
item 7), pinned on the bundled data, one test per kind of correction: coverage named only where
the source names the leg, records tied to what their sources say, summaries with their claimants,
periods from their words, the rail network's shape, stale text, and the claims that were missing."""

import datetime as dt
import math

import pytest

import routes
from routes import bundled_path, load_nodes
from routes.analysis.timeline import case_range, leg_claim_spans
from routes.geo.geodesy import distance_km
from routes.geo.routing import bundled_network
from routes.load.networks import node_positions
from routes.model.vocabulary import Mode


@pytest.fixture(scope="module")
def dprk():
    return routes.load_scenario("dprk-russia-2023-2025")


@pytest.fixture(scope="module")
def iran():
    return routes.load_scenario("iran-russia-caspian")


def by_id(case):
    return {c.id: c for c in case.claims}


SEA_LEGS = {"najin-dunay-tikhoretsk/najin-dunay", "najin-vostochny-tikhoretsk/najin-vostochny"}
VOSTOCHNY_RAIL = (
    "najin-vostochny-tikhoretsk/vostochny-tikhoretsk-depot",
    "vostochny-mozdok/vostochny-mozdok",
    "vostochny-yegorlykskaya/vostochny-yegorlykskaya",
)


# --- coverage: named only where the source names the leg (D1, D10, N2, N4, N6) -------------------


@pytest.mark.parametrize(
    "cid, named, attributed",
    [
        # CSIS Feb 2024 names Najin, Dunai and Vostochny, and depots that grew, not rail movement
        ("csis-2024-02-28", SEA_LEGS, set(VOSTOCHNY_RAIL)),
        # "a train" into the depot: neither line nor port
        (
            "ukraine-gs-2024-09-21",
            set(),
            {"najin-dunay-tikhoretsk/dunay-tikhoretsk-depot", "najin-vostochny-tikhoretsk/vostochny-tikhoretsk-depot"},
        ),
        # "Russian-flagged cargo vessels": no port
        ("msmt-2025-05-29-rounds-2024", set(), SEA_LEGS),
    ],
)
def test_no_claim_is_named_on_a_leg_its_source_does_not_name(dprk, cid, named, attributed):
    claim = by_id(dprk)[cid]
    legs = [leg.id for route in dprk.routes for leg in route.legs]
    assert {leg for leg in legs if claim.names(leg)} == named
    assert {leg for leg in legs if claim.coverage(leg) and not claim.names(leg)} == attributed
    assert claim.attribution


def test_the_assumed_vostochny_rail_legs_are_never_reported(dprk):
    spans = leg_claim_spans(dprk)
    for leg in VOSTOCHNY_RAIL:
        assert spans[leg] == [], leg  # no claim names them: no dates, no arrows
    # the Dunay rail leg is current only from claims that name it (2023), not on 21 Sep 2024
    depot = spans["najin-dunay-tikhoretsk/dunay-tikhoretsk-depot"]
    assert all(last < dt.date(2024, 9, 21) for _, last in depot)


@pytest.mark.parametrize("cid", ["sky-2023-03-08", "sky-2023-03-08-rounds", "sky-2023-03-08-shells"])
def test_sky_january_2023_records_are_on_amirabad_not_anzali(iran, cid):
    claim = by_id(iran)[cid]
    assert claim.covers == ("amirabad-astrakhan/amirabad-astrakhan",) and claim.attributed == ()
    assert "in-ukraine.info" in {s.publisher for s in claim.sources}
    assert "Amirabad" in claim.note and "not the Iranian port" not in claim.note


# --- records tied to their claimant and wording (N7) ---------------------------------------------


def test_the_200_drones_are_hurs_planned_shipment(iran):
    claims = by_id(iran)
    hur, nrc = claims["hur-2022-11-01"], claims["ukraine-nrc-2022-11"]
    assert "HUR" in hur.claimant and str(hur.published) == "2022-11-01"
    assert hur.quantity.value == 200 and hur.quantity.qualifier.value == "more than"
    assert hur.quantity.unit.value == "drones" and "planned" in hur.summary.lower()
    assert nrc.quantity is None and nrc.covers == ("anzali-astrakhan/bandar-anzali-astrakhan",)


# --- summaries name their claimants (D12) -------------------------------------------------------


def test_the_summary_figures_carry_their_claimants(dprk):
    summary = dprk.summary
    assert "cumulative estimates rising" not in summary
    assert "White House said more than 1,000 containers" in summary
    assert "Multilateral Sanctions Monitoring Team's over 20,000 containers" in summary


# --- periods from their words (D11, N10) --------------------------------------------------------


def test_periods_in_words_are_set(dprk, iran):
    d, i = by_id(dprk), by_id(iran)
    assert d["rok-kang-2024-08-27"].period.first_day() == dt.date(2022, 7, 1)  # "since mid-2022"
    assert case_range(dprk)[0] == dt.date(2022, 7, 1)  # the time control no longer starts 1 Jan 2022
    assert d["us-state-2024-06"].period.first_day() == dt.date(2023, 12, 1)  # "since December"
    assert d["us-2024-09"].period.first_day() == dt.date(2023, 9, 1)  # "since September of last year"
    assert str(d["rok-shin-2024-06"].published) == "2024-06-14"
    assert str(i["ukdi-2023-06"].published) == "2023-06-13"
    for cid in ("wsj-2023-04-24-shells", "wsj-2023-04-24-rounds"):  # "over the past six months"
        assert i[cid].period.first_day() == dt.date(2022, 10, 1)


def test_production_targets_are_dated_by_publication_not_by_target(iran):
    # N11: a target date stored as a period showed the claim only on that date, after as_of
    claims = by_id(iran)
    for cid in ("wapo-2023-08-17", "isis-2023-11-13"):
        assert claims[cid].period.last_day() is None and claims[cid].period_text
    assert all(c.period.last_day() is None or c.period.last_day() <= iran.as_of.first_day() for c in iran.claims)


# --- the rail network (N8, the missing line) ----------------------------------------------------


def _bearing(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x))


def test_no_zig_zag_at_ugolnaya():
    # the Nakhodka branch meets the Trans-Siberian at Uglovaya (Tariff Guide No. 4 neighbours), so
    # lines from Dunay or Vostochny go north from there without running south to Ugolnaya and back
    network = bundled_network()
    segments = {s.id: s for s in network.segments}
    assert "uglovaya" in network.junctions
    assert (segments["smolyaninovo-uglovaya"].end, segments["uglovaya-ussuriysk"].start) == ("uglovaya", "uglovaya")
    assert "Uglovaya" not in [p.name for s in network.segments for p in s.points]
    from routes.geo.routing import find_route, leg_line

    plan = find_route("dunay", "ussuriysk", modes={Mode.RAIL})
    assert "ugolnaya" not in [node for leg in plan.legs for node in leg.path]
    positions = node_positions(load_nodes(bundled_path("ports.geojson")), plan.network)
    coords = [xy for leg in plan.legs for xy in leg_line(plan.network, positions, leg)]
    assert len(coords) > 10
    for a, b, c in zip(coords, coords[1:], coords[2:], strict=False):
        if min(distance_km(a, b), distance_km(b, c)) > 0.5:
            turn = abs((_bearing(b, c) - _bearing(a, b) + 180) % 360 - 180)
            assert turn < 120, (b, turn)


def test_kizlyar_joins_chervlennaya_uzlovaya_directly():
    network = bundled_network()
    [segment] = [s for s in network.segments if s.id == "kizlyar-chervlennaya-uzlovaya"]
    assert {segment.start, segment.end} == {"kizlyar", "chervlennaya-uzlovaya"}


@pytest.mark.parametrize(
    "node, lon, lat, station",
    [("kazan", 49.0997, 55.7886, "Kazan-Passazhirskaya"), ("krasnoyarsk", 92.8290, 56.0059, "Krasnoyarsk")],
)
def test_town_centre_nodes_moved_to_their_stations(node, lon, lat, station):
    # D16: a town-centre node off the line made a spike in every line through it
    [row] = load_nodes(bundled_path("ports.geojson")).query("id == @node").itertuples()
    assert distance_km((row.geometry.x, row.geometry.y), (lon, lat)) < 0.05
    assert station in row.coord_source and f"{row.name} (town centre)" in row.aliases
    network = bundled_network()
    assert station not in [p.name for s in network.segments if node in (s.start, s.end) for p in s.points]


# --- stale text (D9, D15, N9) -------------------------------------------------------------------


def test_stale_texts_are_gone(dprk, iran):
    knevichi = next(e for e in dprk.events if e.id == "kim-knevichi-2023-09-16")
    assert "town of Artyom" not in knevichi.description
    for case in (dprk, routes.load_scenario("dprk-russia-2023")):
        for route in case.routes:
            for leg in route.legs:
                assert "whose length is estimated at 9,500" not in (leg.note or "")
    assert "eur-lex.europa.eu" in " ".join(s.url or "" for s in by_id(iran)["eu-council-2024-11-18"].sources)
    assert "→ Alabuga (" not in " ".join(r.name for r in iran.routes)
    # N12: a route name does not chain an assumed leg as if reported
    for route in dprk.routes:
        if any(leg.geometry_basis.value == "assumed" for leg in route.legs) and route.id.startswith("vostochny"):
            assert "assumed" in route.name, route.name
    assert "Vostochny → Tikhoretsk" not in " ".join(r.name for r in dprk.routes)
    assert "Russia builds Iranian-designed drones" not in iran.summary


# --- the published claims that were missing -----------------------------------------------------


def test_reuters_and_osc_name_both_sea_legs_and_the_four_ships(dprk):
    claim = by_id(dprk)["reuters-osc-2025-04-15"]
    assert set(claim.covers) == SEA_LEGS
    assert set(claim.vessels) == {"angara", "maria", "maia-1", "lady-r"}
    assert claim.quantity.value == 16000 and claim.quantity.qualifier.value == "about"
    assert "64 voyages" in claim.quantity.text and claim.sources[0].publisher == "Reuters"


@pytest.mark.parametrize(
    "case_id, cid, publisher",
    [
        ("iran-russia-caspian", "guardian-2023-02-12", "The Guardian"),
        ("iran-russia-caspian", "reuters-2024-08-09", "Reuters"),
        ("dprk-russia-2023-2025", "hur-skibitskyi-2024-01", "Defence Intelligence of Ukraine (HUR)"),
        ("dprk-russia-2023-2025", "times-2024-10-04", "The Times"),
        ("dprk-russia-2023-2025", "ft-2024-11-16", "Financial Times"),
        ("dprk-russia-2023-2025", "nis-2024-11-20", "Associated Press"),
        ("dprk-russia-2023-2025", "hur-2024-11-30-systems", "Interfax-Ukraine"),
        ("dprk-russia-2023-2025", "hur-2024-11-30-rounds", "Interfax-Ukraine"),
    ],
)
def test_added_claims_name_the_original_publisher_first(case_id, cid, publisher):
    claim = by_id(routes.load_scenario(case_id))[cid]
    assert claim.sources[0].publisher == publisher and claim.kind is not None
    # a secondary's URL only where it is that outlet's own report
    assert claim.sources[0].url is None
    assert "audit of December 2026" in claim.note
