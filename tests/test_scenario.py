import pytest

import routes
from routes import ValidationError, load_scenario
from routes.errors import UnknownScenarioError
from routes.geo.geodesy import length_km
from routes.model.vocabulary import Mode
from tests.conftest import MINIMAL_SCENARIO, write


def problems_of(path):
    with pytest.raises(ValidationError) as exc:
        load_scenario(path)
    return [str(p) for p in exc.value.problems]


def edited(mini, old, new):
    text = mini.read_text(encoding="utf-8")
    assert old in text, old
    mini.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mini


def test_minimal_scenario_loads(mini):
    case = load_scenario(mini)
    assert case.id == "mini"
    assert [leg.id for leg in case.legs_specs] == ["a-b/a-port-b-port"]
    [claim] = case.claims
    assert claim.quantity.value == 1000 and claim.quantity.qualifier.value == "more than"
    assert claim.period.days() == 25


def test_period_ending_before_start_names_file_record_field_and_fix(mini):
    edited(mini, 'period_end = "2023-10-01"', 'period_end = "2023-09-01"')
    assert problems_of(mini) == [
        f"{mini}: claim 'c-1', field 'period_end': 2023-09-01 is before period_start 2023-09-07; swap them or fix the date"
    ]


def test_non_iso_date_is_refused(mini):
    edited(mini, 'published = "2023-10-13"', 'published = "07/09/2023"')
    [message] = problems_of(mini)
    assert "field 'published': '07/09/2023' is not an ISO 8601 date; write 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'" in message


@pytest.mark.parametrize("value", ['"1.000"', '"over 1,000"', '"1,000"'])
def test_quantity_written_as_text_is_refused_not_parsed(mini, value):
    edited(mini, "quantity = 1000", f"quantity = {value}")
    [message] = problems_of(mini)
    assert f"field 'quantity': {value.replace(chr(34), chr(39))} is not a number" in message
    assert "keep the words in quantity_text" in message


@pytest.mark.parametrize(
    "value, what",
    [
        ("-5", "is not a finite number >= 0"),
        ("nan", "is not a finite number >= 0"),
        ("inf", "is not a finite number >= 0"),
    ],
)
def test_negative_or_nan_quantity(mini, value, what):
    edited(mini, "quantity = 1000", f"quantity = {value}")
    assert any(what in p for p in problems_of(mini))


def test_unknown_unit_and_mode_list_valid_values(mini):
    edited(mini, 'unit = "containers"', 'unit = "boxes"')
    edited(mini, 'mode = "air"', 'mode = "train"')
    found = "\n".join(problems_of(mini))
    assert "field 'unit': 'boxes' is not a known value; use one of 'containers'" in found
    assert "leg 1, field 'mode': 'train' is not a known value; use one of 'sea', 'rail', 'road', 'air'" in found


def test_unknown_node_reference_suggests_close_id(mini):
    edited(mini, 'to = "b-port"', 'to = "b-prot"')
    [message] = problems_of(mini)
    assert "route 'a-b' leg 1, field 'to': unknown node 'b-prot'; did you mean 'b-port'?" in message


def test_non_http_source_url_is_refused(mini):
    edited(mini, 'url = "https://example.org/a"', 'url = "javascript:alert(1)"')
    [message] = problems_of(mini)
    assert "claim 'c-1' source 1, field 'url': 'javascript:alert(1)' is not an http(s) URL" in message


def test_duplicate_claim_ids(mini):
    text = mini.read_text()
    mini.write_text(text + text[text.index("[[claims]]") :])
    assert any("claim 'c-1', field 'id': duplicate id 'c-1'" in p for p in problems_of(mini))


def test_duplicate_toml_key_is_a_syntax_error(mini):
    edited(mini, 'claimant = "Someone"', 'claimant = "Someone"\nclaimant = "Else"')
    [message] = problems_of(mini)
    assert "invalid TOML" in message


def test_all_problems_of_the_file_at_once(mini):
    edited(mini, 'period_end = "2023-10-01"', 'period_end = "2023-09-01"')
    edited(mini, 'unit = "containers"', 'unit = "boxes"')
    edited(mini, 'status = "claimed"', 'status = "rumoured"')
    edited(mini, 'covers = ["a-b"]', 'covers = ["a-c"]')
    assert len(problems_of(mini)) == 4


def test_quantity_without_its_words(mini):
    edited(mini, 'quantity_text = "more than 1,000 containers"\n', "")
    assert any("field 'quantity_text': missing while a quantity is given" in p for p in problems_of(mini))


def test_unknown_top_level_field(mini):
    edited(mini, 'title = "Minimal case"', 'title = "Minimal case"\ntitel = "x"')
    assert problems_of(mini) == [f"{mini}: field 'titel': unknown field; did you mean 'title'?"]


def test_leg_chain_must_join(mini, tmp_path):
    edited(
        mini,
        'geometry_basis = "assumed"',
        'geometry_basis = "assumed"\n  [[routes.legs]]\n  from = "a-port"\n'
        '  to = "b-port"\n  mode = "air"\n  geometry_basis = "assumed"',
    )
    assert any("leg starts at 'a-port' but the previous leg ends at 'b-port'" in p for p in problems_of(mini))


def test_road_leg_without_a_network_is_an_assumed_line_with_a_warning(mini):
    from routes.geo.gaps import NO_NETWORK_FILE
    from routes.geo.legs import build_legs

    edited(mini, 'mode = "air"', 'mode = "road"')  # routes bundles no road network
    case = load_scenario(mini)
    (warning,) = case.warnings
    assert (
        "route 'a-b' leg 1: no road network joins 'a-port' and 'b-port'; drawn as an assumed straight line" in warning
    )
    segment, _ = case.network.find(Mode.ROAD, "a-port", "b-port")
    assert segment.file == NO_NETWORK_FILE and segment.points == ()
    leg = build_legs(case).iloc[0]
    assert leg["geometry_confidence"] == "low" and leg["mode"] == "road"
    positions = case.positions()
    assert leg["distance_km"] == pytest.approx(length_km([positions["a-port"], positions["b-port"]]), rel=1e-6)


def test_rail_leg_without_a_network_of_its_own_follows_the_bundled_rail_lines(mini):
    from routes.geo.legs import build_legs

    # The two stops stand where routes' Najin and Dunay are: the leg takes the bundled lines
    # through Khasan, joined to those nodes by connectors of no length.
    edited(mini, 'mode = "air"', 'mode = "rail"')
    case = load_scenario(mini)
    (warning,) = case.warnings
    assert warning == (
        "route 'a-b' leg 1: no rail network file joins 'a-port' and 'b-port'; the leg follows routes' "
        "bundled rail network (bundled networks/rail.toml), joining 'a-port' to its node 'najin' (0.0 km) and "
        "'b-port' to its node 'dunay' (0.0 km) by assumed straight lines"
    )
    assert {s.file for s in case.network.segments} == {
        "bundled networks/rail.toml",
        "connector to the nearest network node (assumed)",
    }
    assert {"khasan", "tumangang"} <= set(case.network.junctions)
    leg = build_legs(case).iloc[0]
    positions = case.positions()
    assert leg["distance_km"] > 2 * length_km([positions["a-port"], positions["b-port"]])


def test_unknown_bundled_id_lists_the_bundled_ones():
    with pytest.raises(UnknownScenarioError, match="did you mean 'dprk-russia-2023'.*bundled: dprk-russia-2023"):
        load_scenario("dprk-russia-2032")


def test_node_file_override(mini, tmp_path):
    other = write(
        tmp_path / "other" / "n.geojson",
        (mini.parent / "nodes.geojson").read_text().replace("A port", "Alpha port").replace('"Alpha"', '"Al"'),
    )
    case = load_scenario(mini, nodes=other)
    assert "Alpha port" in set(case.nodes["name"])


def test_the_seed_case(seed):
    assert seed.id == "dprk-russia-2023"
    assert seed.routes[0].stops == ("najin", "dunay", "tikhoretsk-depot")
    claims = {c.id: c for c in seed.claims}
    wh = claims["wh-2023-10-13"]
    # The statement ("in recent weeks", start unknown) and the imagery (7 Sep - 1 Oct, the Angara) are two records.
    assert (str(wh.published), wh.period.start, str(wh.period.end)) == ("2023-10-13", None, "2023-10-13")
    assert wh.quantity.text.startswith("more than 1,000 containers")
    assert wh.status.value == "claimed" and wh.vessels == ()
    imagery = claims["wh-2023-10-13-imagery"]
    assert (str(imagery.period.start), str(imagery.period.end)) == ("2023-09-07", "2023-10-01")
    assert imagery.quantity.text == "a set of containers" and imagery.vessels == ("angara",)
    assert claims["social-2023-10-08"].status.value == "unverified"
    assert claims["wh-2023-10-13-return"].covers == ()
    assert "fighter aircraft" in claims["wh-2023-10-13-return"].summary
    assert {c.status.value for c in seed.claims if c.claimant.startswith(("RUSI", "CSIS"))} == {"observed"}
    assert {v.id: v.flag for v in seed.vessels}["angara"] == "Russia"


def test_every_bundled_scenario_validates():
    for ident in routes.bundled_scenarios():
        assert load_scenario(ident).id == ident


def test_scenario_text_is_not_shipped_with_cut_short_urls(seed):
    for claim in seed.claims:
        for source in claim.sources:
            assert source.url is None or ("…" not in source.url and "..." not in source.url)


def test_minimal_scenario_text_is_valid_toml():
    import tomllib

    assert tomllib.loads(MINIMAL_SCENARIO)["id"] == "mini"


@pytest.mark.parametrize("bad", ["six trips\\u001b]0;pwned\\u0007", "a\\u0000b", "x\\u009b31m"])
def test_control_characters_are_refused(mini, bad):
    edited(mini, 'claimant = "Someone"', f'claimant = "{bad}"')
    [message] = problems_of(mini)
    assert "field 'claimant': holds the control or invalid character U+" in message and message.endswith("remove it")


def test_line_breaks_and_tabs_are_text(mini):
    edited(mini, 'claimant = "Someone"', 'claimant = "Some\\tone\\nelse"')
    assert load_scenario(mini).claims[0].claimant == "Some\tone\nelse"


@pytest.mark.parametrize("value", ["2023-00-15", "2023-10-00", "2023-00"])
def test_month_or_day_zero_is_refused(mini, value):
    edited(mini, 'published = "2023-10-13"', f'published = "{value}"')
    assert any("is not a real calendar date" in p for p in problems_of(mini))


def test_event_needs_a_date_and_not_two(mini):
    text = mini.read_text()
    mini.write_text(
        text + '\n[[events]]\nid = "e-1"\ntitle = "x"\n\n[[events]]\nid = "e-2"\ntitle = "y"\n'
        'date = "2023-09-12"\nperiod_start = "2023-09-01"\n'
    )
    found = "\n".join(problems_of(mini))
    assert "event 'e-1', field 'date': missing: an event needs a date" in found
    assert "event 'e-2', field 'date': given together with period_start/period_end" in found


def test_legs_must_join_two_different_stops_once(mini):
    edited(mini, 'to = "b-port"', 'to = "a-port"')
    assert any("leg starts and ends at 'a-port'" in p for p in problems_of(mini))


def test_a_route_may_not_repeat_a_leg(mini):
    leg = '\n  [[routes.legs]]\n  from = "{0}"\n  to = "{1}"\n  mode = "air"\n  geometry_basis = "assumed"\n'
    edited(mini, "[[claims]]", leg.format("b-port", "a-port") + leg.format("a-port", "b-port") + "\n[[claims]]")
    assert any("a second leg with id 'a-b/a-port-b-port'" in p for p in problems_of(mini))


@pytest.mark.parametrize("value", ["true", "1.0", '"1"', "2"])
def test_format_version_must_be_the_integer_1(mini, value):
    edited(mini, "format_version = 1", f"format_version = {value}")
    assert any("field 'format_version'" in p and "write format_version = 1" in p for p in problems_of(mini))


def test_records_without_an_id_are_named_by_position(mini):
    text = mini.read_text()
    claim = text[text.index("[[claims]]") :]
    mini.write_text(text + claim.replace('id = "c-1"\n', ""))
    assert any(p.startswith(f"{mini}: claim 1, field 'id': missing") for p in problems_of(mini))


def test_a_bad_leg_does_not_make_its_claims_unknown(mini):
    edited(mini, 'mode = "air"', "mode = {}")
    found = problems_of(mini)
    assert any("field 'mode'" in p for p in found)
    assert not any("unknown route or leg" in p for p in found)


def test_a_pipe_is_not_read(tmp_path):
    import os

    fifo = tmp_path / "case.toml"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="is not a regular file"):
        load_scenario(fifo)


def test_reading_a_scenario_draws_nothing():
    """The reader reads and validates; the lines between stops come from routes.geo.resolve."""
    import ast
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from routes.load.scenario import read_scenario\n"
        "case = read_scenario('iran-russia-caspian')\n"
        "print(len(case.network.segments), sorted(m for m in sys.modules if m.startswith('routes.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, modules = done.stdout.split(" ", 1)
    # Nothing of the layers above loading: no graph search, no sea lines, no terrain, no timeline.
    above = [m for m in ast.literal_eval(modules) if m.startswith(("routes.geo", "routes.analysis", "routes.render"))]
    assert above == []
    # The same file loaded: the Caspian sea legs its networks do not join get world lanes.
    loaded = load_scenario("iran-russia-caspian")
    added = [s for s in loaded.network.segments if s.id.startswith("world-sea/")]
    assert added and len(loaded.network.segments) == int(count) + len(added)


def test_the_story_checks_dates_against_the_range_the_timeline_shows():
    from routes.analysis.timeline import case_range
    from routes.load.scenario_story import dated_range

    for name in routes.bundled_scenarios():
        case = routes.read_scenario(name)
        assert dated_range(case.claims, case.events) == case_range(case)
