"""Print layouts of large extents in a conic projection (issue 23 item 7): the CRS, the fit,
the scale bar across the frame, and the locator by default."""

import itertools

import pytest

import routes
from routes.render.locator import wants_locator
from routes.render.projection import conic, page_projection, uses_conic
from tests.conftest import PageProbe

A4_LANDSCAPE = (1754, 1240)


def test_the_conic_projection_is_fitted_to_the_extent():
    found = conic((40.0, 42.0, 131.0, 56.0))
    assert found["parallels"] == [44.3, 53.7]  # a sixth of the range in from each limit
    assert found["centre"] == [49.0, 85.5]
    assert "+proj=lcc" in found["proj4"] and "+lon_0=85.5" in found["proj4"]
    resolutions = found["resolutions"]
    assert all(a == pytest.approx(2 * b) for a, b in itertools.pairwise(resolutions))


def test_auto_picks_the_conic_projection_for_a_large_extent_only():
    assert uses_conic((40.0, 42.0, 131.0, 56.0), "auto")
    assert not uses_conic((130.55, 42.35, 130.7, 42.45), "auto")  # the Tumen crossing
    assert uses_conic((130.55, 42.35, 130.7, 42.45), "conic")
    assert page_projection((40.0, 42.0, 131.0, 56.0), "mercator") is None
    with pytest.raises(ValueError):
        uses_conic((0, 0, 1, 1), "robinson")


def test_the_locator_is_on_by_default_below_a_continent():
    assert wants_locator((40.0, 42.0, 131.0, 56.0), "auto")
    assert not wants_locator((-170.0, -50.0, 170.0, 70.0), "auto")
    assert not wants_locator((40.0, 42.0, 131.0, 56.0), False)


def test_a_projected_page_inlines_proj4_and_a_mercator_page_does_not(seed):
    plain = routes.render_map(seed, offline=True).get_root().render()
    projected = routes.render_map(seed, offline=True, projection="conic").get_root().render()
    assert "proj4js 2.22.0" not in plain and "Kartena AB" not in plain
    assert (
        "proj4js 2.22.0" in projected
        and "Proj4Leaflet 1.0.2" in projected
        and "Kartena AB" in projected
        and "Calvin Metcalf" in projected
    )
    assert projected == routes.render_map(seed, offline=True, projection="conic").get_root().render()


def test_a_projected_page_needs_the_offline_basemap(seed):
    with pytest.raises(ValueError, match="offline"):
        routes.render_map(seed, projection="conic")


@pytest.fixture(scope="module")
def printed(browser, seed, tmp_path_factory):
    """The seed case's print layout at A4 landscape, as `routes render --png --preset a4-landscape` makes it."""
    path = tmp_path_factory.mktemp("projection") / "seed.html"
    routes.write_html(routes.render_map(seed, offline=True, projection="auto", locator="auto"), path)
    with PageProbe(browser, path, viewport=A4_LANDSCAPE) as probe:
        probe.page.evaluate("() => routesMap.print()")
        probe.page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 200)))")
        yield probe


def test_print_uses_the_conic_crs_and_projects_as_pyproj_does(printed, seed):
    import pyproj

    page = printed.page
    assert page.evaluate("() => routesMap.map.options.crs.code") == "ROUTES:LCC"
    definition = page.evaluate("() => routesMap.data.projection.proj4")
    forward = pyproj.Transformer.from_crs("EPSG:4326", pyproj.CRS.from_proj4(definition), always_xy=True)
    for lat, lon in ((42.25, 130.3), (45.85, 40.1), (55.0, 83.0)):
        x, y = page.evaluate(
            "([lat, lon]) => { const p = routesMap.map.options.crs.projection.project(L.latLng(lat, lon)); return [p.x, p.y]; }",
            [lat, lon],
        )
        assert (x, y) == pytest.approx(forward.transform(lon, lat), abs=1.0)  # metres
    assert printed.errors == []


def test_the_whole_route_is_inside_the_printed_frame(printed):
    outside = printed.page.evaluate("""() => {
        const map = routesMap.map, size = map.getSize(), out = [];
        routesMap.data.legs.forEach(leg => leg.coords.forEach(c => {
            const p = map.latLngToContainerPoint(c);
            if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { out.push(c); }
        }));
        return out;
    }""")
    assert outside == []


def test_the_scale_bar_holds_at_the_centre_and_edges_within_its_note(printed):
    """The bar's length, measured with pyproj on the WGS 84 ellipsoid at the frame's centre and
    the middle of each edge, matches its label within the range its note states (+-0.5 %), and
    within 2 % at the centre."""
    import pyproj

    page = printed.page
    bar = page.evaluate("""() => {
        const container = routesMap.map.getContainer();
        const line = [...container.querySelectorAll('.leaflet-control-scale-line')]
            .find(l => l.closest('.leaflet-container') === container);
        const note = container.querySelector('.routes-scale-note');
        return {text: line.textContent, width: line.getBoundingClientRect().width,
                low: note ? +note.dataset.low : 0, high: note ? +note.dataset.high : 0,
                size: [routesMap.map.getSize().x, routesMap.map.getSize().y]};
    }""")
    value, unit = bar["text"].split()
    metres = float(value) * (1000 if unit == "km" else 1)
    width, (w, h) = bar["width"], bar["size"]
    geod = pyproj.Geod(ellps="WGS84")
    spots = {"centre": (w / 2, h / 2), "west": (width, h / 2), "east": (w - width, h / 2), "north": (w / 2, 2)}
    spots["south"] = (w / 2, h - 2)
    ratios = {}
    for name, (x, y) in spots.items():
        (lat1, lon1), (lat2, lon2) = page.evaluate(
            """([x, y, half]) => [[x - half, y], [x + half, y]].map(p => {
                const ll = routesMap.map.containerPointToLatLng(p); return [ll.lat, ll.lng]; })""",
            [x, y, width / 2],
        )
        ratios[name] = geod.inv(lon1, lat1, lon2, lat2)[2] / metres - 1
    assert abs(ratios["centre"]) < 0.02, ratios
    for name, ratio in ratios.items():
        # The bar's own width is rounded to whole pixels, and Leaflet measures on a sphere.
        assert bar["low"] - 0.005 <= ratio <= bar["high"] + 0.005, (name, ratios, bar)
    assert max(abs(bar["low"]), abs(bar["high"])) < 0.25  # a conic frame, not Mercator's factor of 2


def test_the_locator_is_there_by_default_in_print(printed):
    assert printed.page.locator(".routes-locator svg").count() == 1


def test_a_mercator_print_of_the_same_frame_says_how_far_its_scale_strays(browser, seed, tmp_path):
    path = tmp_path / "mercator.html"
    routes.write_html(routes.render_map(seed, offline=True, projection="mercator"), path)
    with PageProbe(browser, path, viewport=A4_LANDSCAPE) as probe:
        probe.page.evaluate("() => routesMap.print()")
        assert probe.page.evaluate("() => routesMap.map.options.crs.code") == "EPSG:3857"
        note = probe.page.locator(".routes-scale-note")
        assert note.count() == 1 and "Scale varies across the map" in note.inner_text()
        low, high = float(note.get_attribute("data-low")), float(note.get_attribute("data-high"))
        assert high - low > 0.5  # secant of the latitude: a factor of two between 35 and 70 N


def test_a_projected_story_steps_without_errors(browser, seed, tmp_path):
    """A story's steps fly to their views by the projected outline (deck slides may use it)."""
    path = tmp_path / "story.html"
    routes.write_html(routes.render_map(seed, offline=True, projection="conic", story=True), path)
    with PageProbe(browser, path, viewport=(1280, 720)) as probe:
        probe.page.evaluate("() => routesMap.print()")
        for step in range(len(seed.story)):
            probe.page.evaluate("(n) => routesMap.story.go(n)", step)
            probe.page.wait_for_timeout(1000)
            view = probe.page.evaluate("() => routesMap.data.story[routesMap.story.index()].bounds")
            if view:
                corners = probe.page.evaluate(
                    """(v) => [[v[0][0], v[0][1]], [v[1][0], v[1][1]]].map(c => {
                        const p = routesMap.map.latLngToContainerPoint(c); return [p.x, p.y]; })""",
                    view,
                )
                size = probe.page.evaluate("() => [routesMap.map.getSize().x, routesMap.map.getSize().y]")
                assert all(-2 <= x <= size[0] + 2 and -2 <= y <= size[1] + 2 for x, y in corners), (step, corners)
        assert probe.errors == []


def test_projected_pngs_are_byte_identical(browser, seed):
    from routes.outputs.snapshots import SnapshotOptions, snapshot

    html = routes.render_map(seed, offline=True, projection="conic", locator="auto").get_root().render()
    options = SnapshotOptions(*A4_LANDSCAPE)
    assert snapshot(html, "png", options) == snapshot(html, "png", options)
