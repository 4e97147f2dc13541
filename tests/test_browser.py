"""The seed map in a real browser: headless Debian Chromium driven by playwright."""

import pytest

import routes
from routes.outputs.export import write_html
from tests.conftest import PageProbe


@pytest.fixture(scope="module")
def seed_page_file(tmp_path_factory, seed):
    path = tmp_path_factory.mktemp("maps") / "seed.html"
    write_html(routes.render_map(seed, tiles=None), path)
    return path


@pytest.fixture
def probe(browser, seed_page_file):
    probe = PageProbe(browser, seed_page_file)
    yield probe
    probe.close()


def test_page_draws_legs_and_markers_without_errors_or_requests(probe):
    page = probe.page
    assert page.locator("path.routes-leg").count() == 2
    assert page.locator("path.routes-leg-dashed").count() == 2
    assert page.locator("path.routes-node").count() >= 3
    depot = page.locator(".routes-map-label-stop", has_text="Ammunition depot near Tikhoretsk")
    assert depot.count() == 1 and "location approximate" in depot.inner_text()
    lengths = page.evaluate("Array.from(document.querySelectorAll('path.routes-leg')).map(p => p.getTotalLength())")
    assert all(length > 20 for length in lengths)
    assert probe.errors == [] and probe.blocked == []


def test_furniture_is_on_the_page(probe):
    page = probe.page
    assert "North Korean munitions to Russia" in page.locator(".routes-title").inner_text()
    legend = page.locator(".routes-legend").inner_text()
    assert "Path assumed or routed: nobody reported it" in legend and "Rail leg" in legend
    main = ".folium-map > .leaflet-control-container > div > "  # the main map's controls, not the inset's
    assert page.locator(main + ".leaflet-control-scale").count() == 1
    assert page.locator(main + ".leaflet-control-layers").count() == 1
    page.locator(".routes-sources summary").click()
    assert page.locator(".routes-sources li").count() >= 5


@pytest.mark.parametrize("which", ["online-without-tiles", "offline"])
def test_real_click_on_the_sea_leg_opens_its_claims(browser, seed_page_file, offline_page_file, which):
    probe = PageProbe(browser, offline_page_file if which == "offline" else seed_page_file)
    page = probe.page
    # Zoom to the sea leg so that a click lands on it, then click its middle pixel.
    page.evaluate("() => { window.routesMap.map.fitBounds(window.routesMap.legs[0].getBounds(), {animate: false}); }")
    page.wait_for_timeout(400)  # let Leaflet finish redrawing at the new zoom
    point = page.evaluate("""() => {
        const rm = window.routesMap; const ll = rm.legs[0].getLatLngs(); const mid = ll[Math.floor(ll.length / 2)];
        const p = rm.map.latLngToContainerPoint(mid); const box = rm.map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""")
    hit = page.evaluate(f"document.elementFromPoint({point[0]}, {point[1]}).getAttribute('class')")
    assert "routes-leg-hit" in hit
    page.mouse.click(point[0], point[1])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert "Najin (Rajin) port → Dunay" in text
    assert "more than 1,000 containers of military equipment and munitions" in text
    assert "7 Sep 2023 – 1 Oct 2023" in text
    assert "White House National Security Council" in text
    assert "never added up" in text
    assert probe.errors == [] and probe.blocked == []
    probe.close()


@pytest.fixture(scope="module")
def offline_page_file(tmp_path_factory, seed):
    path = tmp_path_factory.mktemp("maps") / "offline.html"
    write_html(routes.render_map(seed, offline=True, banner="Draft"), path)
    return path


def test_offline_page_makes_zero_requests_and_draws_the_basemap(browser, offline_page_file):
    probe = PageProbe(browser, offline_page_file)
    page = probe.page
    try:
        assert probe.blocked == [] and probe.errors == []
        assert page.locator(".folium-map > .leaflet-map-pane > .leaflet-routesBasemap-pane canvas").count() == 1
        assert page.locator(".routes-inset .leaflet-routesBasemap-pane canvas").count() == 1  # the inset's own
        assert page.locator("path.routes-leg").count() == 2 and page.locator("path.routes-node").count() >= 3
        assert page.locator(".routes-banner").inner_text().strip().lower() == "draft"
        levels = (
            "() => window.routesMap.basemap.filter(l => window.routesMap.map.hasLayer(l.group)).map(l => l.level.name)"
        )
        assert page.evaluate(levels) == ["overview"]
        page.evaluate("() => { window.routesMap.map.setView([42.5, 131.3], 8, {animate: false}); }")
        page.wait_for_timeout(200)
        assert page.evaluate(levels) == ["detail"]
        assert probe.blocked == [] and probe.errors == []
    finally:
        probe.close()


def test_offline_file_is_under_the_size_aim(offline_page_file):
    assert offline_page_file.stat().st_size < 2_500_000


def test_time_control_is_keyboard_operable_and_filters_events_and_ledger(browser, offline_page_file):
    probe = PageProbe(browser, offline_page_file)
    page = probe.page
    try:
        slider = page.locator(".routes-time-range")
        assert slider.get_attribute("aria-label").startswith("Date shown on the map, from 2023-08-01")
        assert page.locator(".routes-time-date").inner_text() == "all dates"
        events = "() => window.routesMap.layers.events.getLayers().length"
        assert page.evaluate(events) == 3
        slider.focus()
        page.keyboard.press("ArrowRight")  # 2 Aug 2023: no event yet
        assert page.locator(".routes-time-date").inner_text() == "2023-08-02"
        assert page.evaluate(events) == 0
        page.evaluate("() => window.routesMap.time.setDate('2023-09-12')")
        assert page.evaluate(events) == 2  # loading at Najin (7-8 Sep) and arrival at Dunay (12 Sep)
        page.locator(".routes-ledger summary").click()
        assert page.locator(".routes-ledger-row.routes-ledger-past").count() >= 1
        page.locator(".routes-time-all input").check()
        assert page.evaluate(events) == 3 and page.locator(".routes-ledger-row.routes-ledger-past").count() == 0
        page.locator(".routes-time-play").click()
        page.wait_for_timeout(400)
        assert page.locator(".routes-time-date").inner_text() != "all dates"
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()


def test_ledger_filters_by_claimant_and_status(browser, offline_page_file, seed):
    probe = PageProbe(browser, offline_page_file)
    page = probe.page
    try:
        page.locator(".routes-ledger summary").click()
        rows = page.locator(".routes-ledger-row")
        assert rows.count() == len(seed.claims)
        page.locator(".routes-ledger-filter-status").select_option("observed")
        visible = page.evaluate("() => window.routesMap.ledger.visibleIds()")
        assert visible and all(
            page.evaluate(f"window.routesMap.data.claims['{i}'].status_id") == "observed" for i in visible
        )
        page.locator(".routes-ledger-filter-status").select_option("")
        page.locator(".routes-ledger-filter-claimant").select_option("CSIS Beyond Parallel")
        assert set(page.evaluate("() => window.routesMap.ledger.visibleIds()")) == {
            "csis-najin-2023-10",
            "csis-tumangang-2023-10-06",
        }
    finally:
        probe.close()


def test_moving_the_time_control_changes_the_legs_drawn_in_the_2023_2025_case(browser, tmp_path):
    case = routes.load_scenario("dprk-russia-2023-2025")
    path = write_html(routes.render_map(case, offline=True), tmp_path / "2023-2025.html")
    probe = PageProbe(browser, path)
    page = probe.page
    try:
        everything = page.evaluate("() => window.routesMap.time.visibleLegs()")
        assert len(everything) == len(case.legs_specs)
        page.evaluate("() => window.routesMap.time.setDate('2023-09-15')")
        early = set(page.evaluate("() => window.routesMap.time.currentLegs()"))
        page.evaluate("() => window.routesMap.time.setDate('2024-12-01')")
        late = set(page.evaluate("() => window.routesMap.time.currentLegs()"))
        assert "najin-dunay-tikhoretsk/dunay-tikhoretsk-depot" in early
        assert "najin-dunay-tikhoretsk/dunay-tikhoretsk-depot" not in late
        assert early != late and late
        # A leg not current is still drawn, quiet: the whole route stays on the map.
        assert page.evaluate("() => window.routesMap.time.visibleLegs()") == everything
        assert page.locator("path.routes-leg").count() == len(everything)
        assert page.locator("path.routes-leg[data-state=current]").count() == len(late)
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()


def test_widths_change_with_the_time_control(browser, mini, tmp_path):
    """Each date draws the width of the largest claim naming the leg that is current then."""
    from tests.test_volumes import LEG, claims_in_two_periods

    case = claims_in_two_periods(mini)
    path = write_html(routes.render_map(case, offline=True), tmp_path / "widths.html")
    probe = PageProbe(browser, path)
    page = probe.page
    stroke = "() => Number(document.querySelector('path.routes-leg').getAttribute('stroke-width'))"
    legend = "() => document.querySelector('.routes-width-row').textContent"
    try:
        all_dates = page.evaluate(stroke)
        assert "Other" in page.evaluate(legend)  # the 9,000 claim sets the all-dates width
        page.evaluate("() => window.routesMap.time.setDate('2023-09-20')")
        september = page.evaluate(stroke)
        assert "Someone" in page.evaluate(legend)
        page.evaluate("() => window.routesMap.time.setDate('2024-03-01')")
        spring = page.evaluate(stroke)
        assert september < spring == all_dates == 10.0
        assert LEG in page.evaluate("() => window.routesMap.time.visibleLegs()")
        # An assumed (dashed) leg keeps gaps at least as wide as its stroke at every width.
        for iso in ("2023-09-20", "2024-03-01"):
            page.evaluate(f"() => window.routesMap.time.setDate('{iso}')")
            width, dash = page.evaluate(
                "() => { const p = document.querySelector('path.routes-leg');"
                " return [Number(p.getAttribute('stroke-width')), p.getAttribute('stroke-dasharray')]; }"
            )
            gap = float(dash.replace(",", " ").split()[1])
            assert gap >= width, (iso, width, dash)
        page.evaluate("() => window.routesMap.time.setDate('2023-12-01')")  # between the two claims
        assert LEG in page.evaluate("() => window.routesMap.time.visibleLegs()")  # drawn quiet
        assert page.evaluate("() => window.routesMap.time.legStates()")[LEG] == "reported"
        assert page.evaluate(stroke) < september
        assert probe.errors == []
    finally:
        probe.close()


def test_the_time_control_draws_every_leg_a_current_claim_names(browser, tmp_path):
    """At the first, middle and last day of every bundled claim's period, each leg it names is current."""
    from routes.analysis.timeline import claim_span

    for case_id in routes.bundled_scenarios():
        case = routes.load_scenario(case_id)
        path = write_html(routes.render_map(case, offline=True), tmp_path / f"{case_id}.html")
        probe = PageProbe(browser, path)
        try:
            checked = 0
            for claim in case.claims:
                named = {leg.id for leg in case.legs_specs if claim.names(leg.id)}
                first, last = claim_span(claim)
                for day in sorted({first, first + (last - first) / 2, last}) if named else ():
                    probe.page.evaluate(f"() => window.routesMap.time.setDate('{day.isoformat()}')")
                    drawn = set(probe.page.evaluate("() => window.routesMap.time.currentLegs()"))
                    assert named <= drawn, (case_id, claim.id, day, named - drawn)
                    checked += 1
            assert checked > 0
            assert probe.errors == []
        finally:
            probe.close()


ROUTES_OVERLAYS = ["Sea legs", "Rail legs", "Direction arrows", "Stations and junctions", "Stops", "Events"]


def test_a_notebooks_folium_marker_and_layer_control_on_an_offline_map(browser, seed, tmp_path):
    # What a notebook user adds with plain folium: a default marker, one in a group of their own, and
    # a LayerControl. Offline, the markers draw (Leaflet's images inlined, nothing requested) and
    # their LayerControl is the map's only one, with routes' layers and theirs.
    import folium

    fmap = routes.render_map(seed, offline=True)
    folium.Marker([43.12, 131.89]).add_to(fmap)  # Vladivostok
    notes = folium.FeatureGroup(name="My notes").add_to(fmap)
    folium.Marker([42.25, 130.3]).add_to(notes)
    folium.LayerControl(collapsed=False).add_to(fmap)
    path = write_html(fmap, tmp_path / "notebook.html")
    with PageProbe(browser, path) as probe:
        page = probe.page
        images = page.evaluate(
            "() => Array.from(document.querySelectorAll('.folium-map > .leaflet-map-pane img.leaflet-marker-icon,"
            " .folium-map > .leaflet-map-pane img.leaflet-marker-shadow'))"
            ".map(i => [i.className.split(' ')[0], i.complete, i.naturalWidth, i.src.slice(0, 15)])"
        )
        assert sorted(images) == [
            *[["leaflet-marker-icon", True, 25, "data:image/png;"]] * 2,
            *[["leaflet-marker-shadow", True, 41, "data:image/png;"]] * 2,
        ]
        assert [url for url in probe.requests if not url.startswith("data:")] == [path.resolve().as_uri()]
        main = ".folium-map > .leaflet-control-container > div > "  # the main map's controls, not the inset's
        assert (
            page.locator(".leaflet-control-layers").count()
            == page.locator(main + ".leaflet-control-layers").count()
            == 1
        )
        overlays = page.locator(main + ".leaflet-control-layers .leaflet-control-layers-overlays label")
        assert [name.strip() for name in overlays.all_inner_texts()] == [*ROUTES_OVERLAYS, "My notes"]
        overlays.filter(has_text="My notes").locator("input").click()  # their group off: one marker left
        assert page.evaluate("() => document.querySelectorAll('img.leaflet-marker-icon').length") == 1
        assert probe.errors == [] and probe.blocked == []
