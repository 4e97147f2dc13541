import pytest
from click.testing import CliRunner

import routes
from routes.cli import cli
from routes.geo.routing import NoRouteError, find_route, plan_scenario
from routes.model.speeds import Speeds
from routes.model.vocabulary import Mode


@pytest.fixture(scope="module")
def seed_plan():
    return find_route("najin", "tikhoretsk-depot")


def test_seed_route_by_sea_then_rail_within_5_percent_of_the_seed_legs(seed_plan, seed_legs):
    assert seed_plan.stops[0] == "najin" and seed_plan.stops[-1] == "tikhoretsk-depot"
    assert [leg.mode for leg in seed_plan.legs] == [Mode.SEA, Mode.RAIL]
    assert seed_plan.distance_km == pytest.approx(seed_legs["distance_km"].sum(), rel=0.05)


def test_the_seed_stops_are_among_the_near_equal_routes(seed_legs):
    from routes.geo.alternatives import alternative_routes

    plans = alternative_routes("najin", "tikhoretsk-depot")
    seed = next(p for p in plans if p.stops == ("najin", "dunay", "tikhoretsk-depot"))
    assert seed.distance_km == pytest.approx(seed_legs["distance_km"].sum(), rel=0.01)
    assert seed.hours - plans[0].hours < 12  # within the error of the assumptions
    assert any("tumangang" in leg.path for p in plans for leg in p.legs)  # the all-rail crossing is offered too


def test_nodes_by_name_alias_and_local_name():
    assert find_route("Rajin", "Дунай").stops == ("najin", "dunay")


def test_vostochny_to_mozdok():
    plan = find_route("vostochny", "mozdok")
    assert plan.stops[0] == "vostochny" and plan.stops[-1] == "mozdok"
    assert 8000 < plan.distance_km < 12000
    assert plan.hours > 24 * 8


def test_rajin_to_ussuriysk_by_rail_crosses_at_tumangang_and_khasan():
    plan = find_route("rajin", "ussuriysk", modes={Mode.RAIL})
    [leg] = plan.legs
    assert leg.mode is Mode.RAIL
    assert {"tumangang", "friendship-bridge", "khasan"} <= set(leg.path)
    assert plan.border_crossings == 1
    assert plan.hours == pytest.approx(leg.distance_km / plan.speeds.typical_kmh[Mode.RAIL] + plan.speeds.border_hours)


def test_via_is_honoured():
    plan = find_route("najin", "tikhoretsk-depot", via=("vladivostok",))
    assert "vladivostok" in {n for leg in plan.legs for n in leg.path}


def test_unknown_node_suggests_close_names():
    with pytest.raises(NoRouteError, match="no node is called 'Vostochy'; did you mean"):
        find_route("Vostochy", "mozdok")


def test_no_path_with_the_modes_allowed():
    # Mozdok is a station some 250 km inland from the Caspian: no sea line starts there.
    with pytest.raises(
        NoRouteError,
        match="no sea line joins 'najin' and 'mozdok': 'mozdok' is on no network.* more than 150 km inland",
    ):
        find_route("najin", "mozdok", modes={Mode.SEA})


def test_cosmodrome_is_not_the_port():
    with pytest.raises(NoRouteError):
        find_route("Vostochny Cosmodrome", "najin")
    assert find_route("Vostochny port", "nakhodka").stops[0] == "vostochny"


def test_routed_legs_carry_geometry_basis_routed(seed_plan):
    case = plan_scenario(seed_plan)
    legs = routes.build_legs(case)
    assert set(legs["geometry_basis"]) == {"routed"}
    assert legs["distance_km"].sum() == pytest.approx(seed_plan.distance_km, rel=1e-6)


def test_route_command_prints_legs_and_assumptions(tmp_path):
    out = tmp_path / "route.geojson"
    result = CliRunner().invoke(cli, ["route", "najin", "tikhoretsk-depot", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Najin (Rajin) port → Dunay" in text and "sea" in text and "rail" in text
    assert "Assumptions (override with --speed)" in text and "express container train" in text
    assert out.exists() and '"geometry_basis": "routed"' in out.read_text()


def test_route_command_errors_are_one_line():
    result = CliRunner().invoke(cli, ["route", "najn", "mozdok"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("routes: error:")]
    assert errors == [line for line in errors if "no node is called 'najn'; did you mean" in line] and len(errors) == 1
    bad = CliRunner().invoke(cli, ["route", "najin", "mozdok", "--speed", "rail=fast"])
    assert bad.exit_code == 2 and "is not a speed" in bad.stderr


def test_alternatives_name_their_border_crossings():
    result = CliRunner().invoke(cli, ["route", "vostochny", "mozdok", "-q"])
    assert result.exit_code == 0, result.stderr
    others = result.stdout.split("Other ways")[1].split("Routes a few hours apart")[0]
    assert all("→" in line for line in others.splitlines()[1:] if line.strip())
    lines = [line for line in others.splitlines()[1:] if line.strip()]
    assert len({line.split(":")[0] for line in lines}) == len(lines)  # no two look the same


def test_the_rail_route_through_kazakhstan_counts_its_border_crossings():
    from routes.geo.routing import find_route

    plan = find_route("dunay", "tikhoretsk-depot", via=("petropavl",), modes={Mode.RAIL})
    assert plan.leg_transits(0) == ("Kazakhstan",)
    assert plan.border_crossings == 2
    assert plan.leg_note(0) == "via Kazakhstan (assumed)"
    travel = sum(plan.leg_hours(leg) for leg in plan.legs)
    assert plan.hours == pytest.approx(travel + 2 * plan.speeds.border_hours)


def test_the_search_weighs_border_time():
    from routes.geo.routing import find_route

    # At 72 h a crossing the all-Russia line (about 420 km longer) is faster than the line
    # through Kazakhstan; with no border time the shorter line wins.
    default = find_route("dunay", "tikhoretsk-depot", modes={Mode.RAIL})
    free = find_route("dunay", "tikhoretsk-depot", modes={Mode.RAIL}, speeds=Speeds().with_overrides(["border=0h"]))
    assert default.border_crossings == 0 and not any(default.transits)
    assert free.leg_transits(0) == ("Kazakhstan",) and free.distance_km < default.distance_km - 300
    via_kazakhstan = find_route("dunay", "tikhoretsk-depot", via=("petropavl",), modes={Mode.RAIL})
    assert default.hours < via_kazakhstan.hours


def test_a_sea_leg_between_two_countries_crosses_no_land_border():
    from routes.geo.routing import find_route

    plan = find_route("najin", "dunay", modes={Mode.SEA})
    assert plan.border_crossings == 0


def test_the_all_russia_variant_and_the_kazakhstan_variant_are_both_offered():
    from routes.geo.alternatives import alternative_routes

    plans = alternative_routes("dunay", "tikhoretsk-depot")
    assert not any(plans[0].transits) and plans[0].border_crossings == 0
    assert 9000 < plans[0].distance_km < 9800
    kazakhstan = [p for p in plans[1:] if any(p.transits)]
    assert kazakhstan and kazakhstan[0].border_crossings == 2
    assert [p.hours for p in plans] == sorted(p.hours for p in plans)  # fastest first, border time included


def test_no_alternative_doubles_back():
    from routes.geo.alternatives import alternative_routes

    plans = alternative_routes("mozdok", "kazan", modes={Mode.RAIL})
    for plan in plans:
        path = [plan.legs[0].start] + [n for leg in plan.legs for n in leg.path[1:]]
        assert len(path) == len(set(path)), plan.stops
    assert all(p.distance_km < 2 * plans[0].distance_km for p in plans)


def test_alternatives_slower_than_the_detour_limit_are_not_offered():
    from routes.geo.alternatives import MAX_DETOUR, alternative_routes

    # Amirabad to Makhachkala straight across the Caspian; through Olya or Astrakhan takes 2.7 and
    # 2.8 times as long: routes that exist, and that no one would take.
    best = find_route("amirabad", "makhachkala")
    for via in ("olya", "astrakhan"):
        assert find_route("amirabad", "makhachkala", via=(via,)).hours > MAX_DETOUR * best.hours
    plans = alternative_routes("amirabad", "makhachkala")
    assert plans[0].stops == best.stops == ("amirabad", "makhachkala")
    assert all(plan.hours <= MAX_DETOUR * best.hours for plan in plans)
    assert not {"olya", "astrakhan"} & {stop for plan in plans for stop in plan.stops}


def test_a_routes_hours_count_its_transfers():
    plan = find_route("najin", "tikhoretsk-depot", via=("dunay",))
    assert plan.transfers == 1
    travel = sum(plan.leg_hours(leg) for leg in plan.legs)
    assert plan.hours == pytest.approx(
        travel + plan.speeds.transfer_hours + plan.border_crossings * plan.speeds.border_hours
    )


def test_the_search_weighs_the_transfer_time():
    """Najin -> the depot: by sea to Dunay then rail (one transfer) at 48 h a transfer; all by
    rail through Tumangang and Khasan (no transfer, one border) when a transfer costs 1,000 h.
    A search that priced the transfer edge at 0 h would keep the transfer."""
    usual = find_route("najin", "tikhoretsk-depot")
    costly = find_route("najin", "tikhoretsk-depot", speeds=Speeds().with_overrides(["transfer=1000h"]))
    assert usual.transfers == 1 and [leg.mode for leg in usual.legs] == [Mode.SEA, Mode.RAIL]
    assert costly.transfers == 0 and [leg.mode for leg in costly.legs] == [Mode.RAIL]
    assert "friendship-bridge" in costly.legs[0].path


@pytest.mark.browser
def test_a_routed_map_is_offline_by_default_and_lists_its_assumptions(browser, tmp_path):
    from tests.conftest import PageProbe

    out = tmp_path / "routed.html"
    result = CliRunner().invoke(cli, ["route", "najin", "dunay", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    probe = PageProbe(browser, out)
    try:
        page = probe.page
        assert probe.blocked == [] and probe.errors == []  # no tile request at all
        assert page.locator(".folium-map > .leaflet-map-pane > .leaflet-routesBasemap-pane canvas").count() == 1
        title = page.locator(".routes-title").inner_text()
        assert "Nobody reported this path" in title
        assert page.locator(".routes-title-assumptions li").count() >= 4  # sea, rail, transfer, border ...
    finally:
        probe.close()
    online = CliRunner().invoke(cli, ["route", "najin", "dunay", "-o", str(tmp_path / "online.html"), "--online", "-q"])
    assert online.exit_code == 0 and "arcgisonline" in (tmp_path / "online.html").read_text()


def test_speeds_given_to_route_reach_the_files_it_writes(tmp_path):
    import json

    out = tmp_path / "fast.geojson"
    result = CliRunner().invoke(cli, ["route", "najin", "dunay", "--speed", "sea=14kn", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    [leg] = [
        f["properties"] for f in json.loads(out.read_text())["features"] if f["properties"]["feature_type"] == "leg"
    ]
    assert leg["duration_hours_estimate"] == pytest.approx(leg["distance_km"] / (14 * 1.852), abs=0.01)


def test_render_honours_speed_overrides_in_durations_and_verdicts(seed, tmp_path):
    from routes.render.payload import build_payload

    fast = Speeds().with_overrides(["sea=14kn", "min-transfer=500h"])
    legs = routes.build_legs(seed, fast)
    payload = build_payload(seed, legs, speeds=fast, places=False)
    sea = next(leg for leg in payload["legs"] if leg["mode"] == "sea")
    assert "at 14 kn" in sea["subtitle"]
    assert payload["claims"]["wh-2023-10-13-imagery"]["timeline"]["verdict"] == "impossible"  # 500 h a transfer
    result = CliRunner().invoke(
        cli, ["render", "--speed", "border=1h", "--speed", "sea=14kn", "-o", str(tmp_path / "m.html"), "-q"]
    )
    assert result.exit_code == 0, result.stderr
