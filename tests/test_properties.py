"""Property-based tests (hypothesis) for validators and geometry."""

import datetime as dt
import itertools
import json
import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import routes
from routes.errors import Problems
from routes.geo.geodesy import densify, distance_km, length_km, split_antimeridian
from routes.model.fields import Fields
from routes.model.periods import PartialDate
from routes.model.records import check_url
from tests.conftest import PageProbe, write

lons = st.floats(-180, 180, allow_nan=False)
lats = st.floats(-80, 80, allow_nan=False)
points = st.tuples(lons, lats)
lines = st.lists(points, min_size=2, max_size=8)


@given(st.text())
def test_date_parser_refuses_cleanly_or_round_trips(text):
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return
    assert str(date) == text.strip()
    assert date.first_day() <= date.last_day()


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_real_date_parses(day):
    assert PartialDate.parse(day.isoformat()).first_day() == day


@given(st.text())
def test_url_check_refuses_cleanly_and_never_passes_another_scheme(text):
    try:
        url = check_url(text)
    except ValueError:
        return
    assert url.lower().startswith(("http://", "https://"))


@given(st.text(max_size=300))
def test_text_fields_never_crash(text):
    problems = Problems("f.toml")
    value = Fields(problems, "claim 'x'", {"claimant": text}, ("claimant",)).text("claimant")
    assert (value is None) == bool(problems)
    if value is not None:
        json.dumps(value)  # encodable: no lone surrogates
        assert value == value.strip()


@given(lines)
def test_split_parts_are_finite_and_in_range(line):
    parts = split_antimeridian(densify(line, 200.0))
    for part in parts:
        assert len(part) >= 2
        for lon, lat in part:
            assert math.isfinite(lon) and math.isfinite(lat)
            assert -180 <= lon <= 180 and -90 <= lat <= 90


@given(lines)
# Nearly over the pole: the crossing at 180 degrees lies at 89.1 N, where a crossing
# interpolated in degrees was 1.8 km off the geodesic (the pole bug of issue 13).
@example([(73.0, 52.0), (-108.0, 0.0)])
def test_split_keeps_the_length(line):
    dense = densify(line, 100.0)
    total = sum(length_km(part) for part in split_antimeridian(dense))
    # The crossing point is interpolated on a short segment: the length moves by far less than 0.01 %.
    assert total == pytest.approx(length_km(dense), rel=1e-4, abs=1e-6)


def test_a_line_over_the_pole_splits_only_where_it_crosses_180():
    parts = split_antimeridian(densify([(73.0, 52.0), (-108.0, 0.0)], 100.0))
    assert len(parts) == 2
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == parts[1][0][1] > 89.0
    assert all(lon < 180.0 for part in parts for lon, _ in part[1:-1])


@given(lines, st.floats(1.0, 500.0))
def test_densified_length_is_the_sum_of_geodesic_segments(line, step):
    expected = sum(distance_km(a, b) for a, b in itertools.pairwise(line))
    assert length_km(densify(line, step)) == pytest.approx(expected, rel=0.01, abs=1e-6)


def scenario_files(folder, nodes, legs, texts):
    """Write a valid scenario with air legs between generated nodes and generated texts."""
    features = []
    for index, (lon, lat) in enumerate(nodes):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": f"n{index}",
                    "name": f"{texts[index % len(texts)]} #{index}",
                    "kind": "port",
                    "country": "XX",
                    "coord_confidence": "low",
                    "coord_source": texts[(index + 1) % len(texts)],
                },
            }
        )
    write(folder / "nodes.geojson", json.dumps({"type": "FeatureCollection", "features": features}))
    toml_text = lambda value: json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    lines = [
        "format_version = 1",
        'id = "generated"',
        f"title = {toml_text(texts[0])}",
        'nodes = "nodes.geojson"',
        "[[routes]]",
        'id = "r"',
        f"name = {toml_text(texts[-1])}",
    ]
    for a, b in legs:
        lines += ["[[routes.legs]]", f'from = "n{a}"', f'to = "n{b}"', 'mode = "air"', 'geometry_basis = "assumed"']
    lines += [
        "[[claims]]",
        'id = "c"',
        f"claimant = {toml_text(texts[1 % len(texts)])}",
        'published = "2023-10-13"',
        f"quantity_text = {toml_text(texts[2 % len(texts)])}",
        'covers = ["r"]',
        f"evidence = {toml_text(texts[0])}",
        'status = "claimed"',
        "sources = [{ publisher = " + toml_text(texts[-1]) + ' , url = "https://example.org/a" }]',
    ]
    return write(folder / "generated.toml", "\n".join(lines) + "\n")


clean_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(str.strip)


@st.composite
def scenarios(draw):
    count = draw(st.integers(2, 5))
    nodes = draw(st.lists(points, min_size=count, max_size=count, unique_by=lambda p: (round(p[0], 3), round(p[1], 3))))
    order = draw(st.permutations(list(range(count))))
    legs = list(itertools.pairwise(order))
    texts = draw(st.lists(clean_text, min_size=3, max_size=6))
    return nodes, legs, texts


@given(scenarios())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_generated_scenarios_load_and_legs_measure_right(tmp_path_factory, generated):
    nodes, legs, texts = generated
    folder = tmp_path_factory.mktemp("gen")
    case = routes.load_scenario(scenario_files(folder, nodes, legs, texts))
    built = routes.build_legs(case)
    for leg, (a, b) in zip(built.itertuples(), legs):
        assert leg.distance_km == pytest.approx(distance_km(nodes[a], nodes[b]), rel=0.01, abs=1e-6)
    routes.render_map(case)  # renders without an exception


@pytest.mark.browser
@given(scenarios())
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_valid_scenario_renders_without_a_js_error(browser, tmp_path_factory, generated):
    from routes.outputs.export import write_html

    nodes, legs, texts = generated
    folder = tmp_path_factory.mktemp("gen")
    case = routes.load_scenario(scenario_files(folder, nodes, legs, texts))
    path = write_html(routes.render_map(case, offline=True), folder / "map.html")
    probe = PageProbe(browser, path)
    try:
        assert [e for e in probe.errors if e.startswith("pageerror")] == []
        assert probe.page.locator("path.routes-leg").count() == len(legs)
        assert probe.page.evaluate("window.__pwned") is None
    finally:
        probe.close()
