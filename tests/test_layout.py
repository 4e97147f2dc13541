"""The page layout, measured in Chromium: nothing covers the route, no two labels collide, no
label leaves the map, panels never overlap, phones get a closed drawer, print gets a footer."""

import pytest

import routes
from routes.outputs.export import write_html
from tests.conftest import PageProbe

SIZES = [(1024, 768), (1600, 1000), (1920, 1080)]
PHONE = (390, 844)


@pytest.fixture(scope="module", params=["dprk-russia-2023", "dprk-russia-2023-2025"])
def case_page(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / f"{request.param}.html"
    write_html(routes.render_map(routes.load_scenario(request.param), offline=True), path)
    return path


def measure_at(page, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.evaluate("() => window.routesMap.refit()")
    return page.evaluate("() => window.routesMap.measure()")


def assert_desk_quality(report, size, *, share=0.02):
    assert report["route_under_panels"] <= share, (size, report)
    assert report["route_outside"] == 0, (size, report)
    assert report["overlapping_labels"] == [], (size, report["overlapping_labels"])
    assert report["cut_labels"] == [], (size, report["cut_labels"])
    assert report["labels_under_panels"] == [], (size, report["labels_under_panels"])
    assert report["overlapping_panels"] == 0, (size, report)


def test_the_page_at_desk_sizes(browser, case_page):
    with PageProbe(browser, case_page) as probe:
        for size in SIZES:
            report = measure_at(probe.page, size)
            assert_desk_quality(report, size)
            assert any(label.startswith("Ammunition depot near Tikhoretsk") for label in report["labels"])
        assert probe.errors == [] and probe.blocked == []


def test_a_phone_gets_one_closed_drawer(browser, case_page):
    with PageProbe(browser, case_page, viewport=PHONE) as probe:
        page = probe.page
        report = page.evaluate("() => window.routesMap.measure()")
        assert report["route_under_panels"] <= 0.10, report
        assert_desk_quality(report, PHONE, share=0.10)
        assert page.locator(".routes-drawer-body").is_hidden()
        assert page.locator(".routes-drawer-body .routes-title").count() == 1  # folded, not lost
        page.locator(".routes-drawer-toggle").click()
        assert page.locator(".routes-drawer-body .routes-legend").is_visible()
        # Back on a wide screen the panels return to their corners.
        page.set_viewport_size({"width": 1600, "height": 1000})
        page.evaluate("() => window.routesMap.refit()")
        assert page.locator(".leaflet-top.leaflet-left .routes-title").count() == 1
        assert page.locator(".routes-drawer").is_hidden()
        assert probe.errors == []


def test_an_opened_list_never_grows_over_another_panel(browser, case_page):
    with PageProbe(browser, case_page, viewport=(1024, 768)) as probe:
        page = probe.page
        page.evaluate(
            "() => document.querySelectorAll('.routes-sources details, .routes-ledger details')"
            ".forEach(d => { d.open = true; })"
        )
        page.wait_for_timeout(100)
        assert page.evaluate("() => window.routesMap.measure()")["overlapping_panels"] == 0


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_print_layout(browser, case_page, size):
    with PageProbe(browser, case_page, viewport=size) as probe:
        page = probe.page
        page.evaluate("() => window.routesMap.print()")
        report = page.evaluate("() => window.routesMap.measure()")
        assert_desk_quality(report, size)
        # The reader knows where they are: three countries the route passes and a sea, on paper too.
        assert {"China", "Mongolia", "Kazakhstan"} <= set(report["labels"]), report["labels"]
        assert any(" Sea" in label or "Ocean" in label for label in report["labels"]), report["labels"]
        footer = page.locator(".routes-footer")
        text = footer.inner_text()
        assert "Sources (" in text and "OpenStreetMap contributors" in text and "As of" in text
        assert "Claims on the drawn legs" in text and "never added up" in text
        box = footer.bounding_box()
        assert box["y"] + box["height"] <= size[1] + 1 and box["height"] <= 0.3 * size[1] + 1
        # The map ends where the footer begins, and nothing web-only is left on it.
        map_box = page.locator(".folium-map").bounding_box()
        assert map_box["y"] + map_box["height"] <= box["y"] + 1
        for furniture in (
            ".leaflet-control-zoom",
            ".leaflet-control-layers",
            ".routes-time",
            ".routes-sources",
            ".routes-ledger",
        ):
            assert page.locator(furniture).first.is_hidden(), furniture
        title_px = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.routes-title-text')).fontSize)"
        )
        body_px = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.routes-title-summary')).fontSize)"
        )
        if size[0] >= 1920:
            assert title_px >= 28 and body_px >= 14
        assert probe.errors == []


def test_place_names_tell_the_reader_where_the_route_runs(browser, case_page):
    with PageProbe(browser, case_page, viewport=(1920, 1080)) as probe:
        shown = set(
            probe.page.evaluate(
                "() => Array.from(document.querySelectorAll('.routes-place')).filter(e => e.style.display !== 'none')"
                ".map(e => e.textContent)"
            )
        )
        assert {"China", "Mongolia", "Kazakhstan"} <= {s.title() for s in shown} | shown
        assert "Sea of Japan (East Sea)" in shown


def test_the_free_frame_avoids_every_panel(browser, case_page):
    with PageProbe(browser, case_page) as probe:
        frame = probe.page.evaluate(
            "() => window.routesLayout.freeFrame(1000, 800, "
            "[{l: 10, t: 10, r: 410, b: 310}, {l: 700, t: 500, r: 990, b: 790}], 2)"
        )
        for panel in ({"l": 10, "t": 10, "r": 410, "b": 310}, {"l": 700, "t": 500, "r": 990, "b": 790}):
            assert (
                frame["r"] <= panel["l"]
                or frame["l"] >= panel["r"]
                or frame["b"] <= panel["t"]
                or frame["t"] >= panel["b"]
            )
        assert frame["r"] - frame["l"] >= 600  # a wide route gets a wide frame


def test_a_case_nobody_bundled_is_laid_out_too(browser, mini, tmp_path):
    path = write_html(routes.render_map(routes.load_scenario(mini), offline=True), tmp_path / "mini.html")
    with PageProbe(browser, path, viewport=(1024, 768)) as probe:
        assert_desk_quality(probe.page.evaluate("() => window.routesMap.measure()"), (1024, 768))
        assert probe.errors == []


def test_a_leg_too_short_to_read_gets_an_inset(browser, tmp_path, seed):
    path = write_html(routes.render_map(seed, offline=True), tmp_path / "seed.html")
    with PageProbe(browser, path, viewport=(1600, 1000)) as probe:
        page = probe.page
        caption = page.locator(".routes-inset-caption").inner_text()
        assert "Najin (Rajin) port → Dunay" in caption
        # In the inset the sea leg is long enough to read; on the main map it is not.
        spans = page.evaluate("""() => {
            const leg = window.routesMap.data.legs.find(l => l.mode === 'sea');
            const span = (m) => { const a = m.latLngToContainerPoint(leg.coords[0]);
                                  const b = m.latLngToContainerPoint(leg.coords[leg.coords.length - 1]); return a.distanceTo(b); };
            return [span(window.routesMap.map), span(window.routesMap.inset.state.inset)];
        }""")
        assert spans[0] < 60 <= spans[1], spans
        assert page.locator("path.routes-inset-frame").count() == 1  # its frame on the main map
        assert page.locator(".routes-inset .routes-map-label-stop", has_text="Dunay").count() == 1
        assert_desk_quality(page.evaluate("() => window.routesMap.measure()"), (1600, 1000))
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        page.evaluate("() => window.routesMap.refit()")
        assert page.locator(".routes-inset").count() == 0  # no room on a phone
        # A removed inset must not answer late map events: Leaflet debounces a resize's moveend
        # by 200 ms, and labels placed on the removed inset threw (about one run in three).
        page.wait_for_timeout(400)
        assert probe.errors == []


def test_the_inset_follows_the_time_control(browser, tmp_path):
    later = routes.load_scenario("dprk-russia-2023-2025")
    path = write_html(routes.render_map(later, offline=True), tmp_path / "later.html")
    count = "() => { const m = window.routesMap.inset.state.inset; let n = 0; m.eachLayer(l => { if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l.options.interactive === false && l.options.opacity === 0.9) n++; }); return n; }"
    with PageProbe(browser, path, viewport=(1600, 1000)) as probe:
        page = probe.page
        assert page.locator(".routes-inset").count() == 1
        everything = page.evaluate(count)
        page.evaluate("() => window.routesMap.time.setDate('2022-01-01')")  # before any claim: every leg quiet
        assert page.evaluate(count) < everything
        # Exactly the inset's legs that the main map draws at that date are drawn in the inset.
        same = page.evaluate("""() => { const st = window.routesMap.inset.state, shown = window.routesMap.time.visibleLegs();
            return st.lines.every(i => st.inset.hasLayer(i.line) === shown.includes(i.leg.id)); }""")
        assert same
        page.evaluate("() => window.routesMap.time.showAll()")
        assert page.evaluate(count) == everything
        assert probe.errors == []


def test_the_inset_draws_its_legs_as_the_main_map_does(browser, tmp_path, seed):
    path = write_html(routes.render_map(seed, offline=True), tmp_path / "seed.html")
    with PageProbe(browser, path, viewport=(1600, 1000)) as probe:
        styles = probe.page.evaluate("""() => window.routesMap.inset.state.lines.map(i =>
            [i.line.options.weight, i.line.options.dashArray, i.leg.line.options.weight, i.leg.line.options.dashArray])""")
        assert styles and all(s[1] == s[3] for s in styles)  # dashed where the main map is dashed
        assert any(s[1] for s in styles)  # the assumed sea leg is dashed
        assert all(s[0] == s[2] for s in styles)  # same width: the same claim sets it


def test_a_locator_globe_outlines_the_map(browser, tmp_path, seed):
    path = write_html(routes.render_map(seed, offline=True, locator=True), tmp_path / "globe.html")
    with PageProbe(browser, path, viewport=(1600, 1000)) as probe:
        assert probe.page.locator(".routes-locator svg path").count() > 10
        assert_desk_quality(probe.page.evaluate("() => window.routesMap.measure()"), (1600, 1000))
        assert probe.errors == []


BUNDLED = ["dprk-russia-2023", "dprk-russia-2023-2025", "iran-russia-caspian"]


@pytest.fixture(scope="module", params=BUNDLED)
def bundled_page(request, tmp_path_factory):
    """Each of the three bundled cases, rendered once."""
    path = tmp_path_factory.mktemp("bundled") / f"{request.param}.html"
    write_html(routes.render_map(routes.load_scenario(request.param), offline=True), path)
    return path


# Opens the popup of the leg with the most claims (the tallest popup of the case).
OPEN_TALLEST_POPUP = """() => {
  const m = window.routesMap;
  const count = id => m.data.legs.find(l => l.id === id).claims.length;
  const hit = m.legs.reduce((a, b) => count(b.routesLegId) > count(a.routesLegId) ? b : a);
  hit.openPopup(hit.getCenter());
  return hit.routesLegId;
}"""

# What is painted on top where. Leaflet's vector layers take no pointer events (the basemap,
# the lines), so elementFromPoint would look through them: made hit-testable here, it names
# the element painted on top at each point, whatever the map draws.
TOPMOST = """(titleSelector) => {
  const style = document.createElement("style");
  style.textContent = ".leaflet-map-pane, .leaflet-map-pane * { pointer-events: auto !important; }";
  document.head.appendChild(style);
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const top = (x, y) => document.elementFromPoint(x, y);
  const title = document.querySelector(titleSelector).getBoundingClientRect();
  const popup = document.querySelector(".leaflet-popup-content-wrapper").getBoundingClientRect();
  const inset = 3;  // px inside the popup's rounded corners
  const probes = [centre(popup), [popup.left + inset + 8, popup.top + inset + 8], [popup.right - inset - 8, popup.top + inset + 8],
                  [popup.left + inset + 8, popup.bottom - inset - 8], [popup.right - inset - 8, popup.bottom - inset - 8]];
  const panels = Array.from(document.querySelectorAll(".leaflet-control-container .leaflet-control"))
    .map(n => n.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
  const result = {
    title_on_top: !!top(...centre(title)).closest(titleSelector),
    popup_shown: probes.map(([x, y]) => !!top(x, y).closest(".leaflet-popup")),
    panels_under_popup: panels.filter(r => r.left < popup.right && r.right > popup.left && r.top < popup.bottom && r.bottom > popup.top).length,
    popup: [popup.left, popup.top, popup.right, popup.bottom],
  };
  style.remove();
  return result;
}"""


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 768), PHONE])
def test_a_popup_opens_clear_of_the_panels_which_stay_on_top(browser, bundled_page, size):
    """With a popup open, the title block (on a phone: the drawer's title button) is what is
    painted at its own centre, and the whole popup is shown, clear of every panel."""
    phone = size == PHONE
    with PageProbe(browser, bundled_page, viewport=size) as probe:
        page = probe.page
        if phone:
            page.locator(".routes-drawer-toggle").click()  # an open drawer closes for the popup
            assert page.locator(".routes-drawer-body").is_visible()
        page.evaluate(OPEN_TALLEST_POPUP)
        page.wait_for_timeout(600)  # Leaflet's autopan
        report = page.evaluate(TOPMOST, ".routes-drawer-toggle" if phone else ".routes-title")
        assert report["title_on_top"], report
        assert report["popup_shown"] == [True] * 5, report
        assert report["panels_under_popup"] == 0, report
        left, top, right, bottom = report["popup"]
        assert left >= 0 and top >= 0 and right <= size[0] and bottom <= size[1], report
        if phone:
            assert page.locator(".routes-drawer-body").is_hidden()
            assert page.locator(".routes-drawer-toggle").get_attribute("aria-expanded") == "false"
        # Claims in the popup: imagery and assessments first, unverified posts last.
        order = page.evaluate("""() => Array.from(document.querySelectorAll('.leaflet-popup .routes-claim'))
            .map(e => ['observed', 'assessed', 'claimed', 'unverified'].findIndex(s => e.classList.contains('routes-status-' + s)))""")
        assert order and order == sorted(order)
        assert probe.errors == []


# A point where a leg's click line is what the pointer hits, in page pixels (legs on a shared
# track cover each other: the first leg found on top).
LEG_POINT = """() => {
  const m = window.routesMap, box = m.map.getContainer().getBoundingClientRect();
  for (const hit of m.legs) {
    const points = hit.getLatLngs().flat(3);
    for (let k = 1; k < 20; k++) {
      const p = m.map.latLngToContainerPoint(points[Math.floor(points.length * k / 20)]);
      const x = p.x + box.left, y = p.y + box.top;
      if (document.elementFromPoint(x, y) === hit.getElement()) { return [x, y]; }
    }
  }
  return null;
}"""

FOCUSED = """() => { const a = document.activeElement, s = getComputedStyle(a);
  return {tag: a.tagName.toLowerCase(), cls: a.getAttribute("class") || "", outline: s.outlineStyle, keyboard: a.matches(":focus-visible")}; }"""


def test_a_clicked_leg_has_no_focus_rectangle_and_controls_keep_theirs(browser, case_page):
    with PageProbe(browser, case_page) as probe:
        page = probe.page
        point = page.evaluate(LEG_POINT)
        assert point is not None
        page.mouse.click(*point)
        page.wait_for_timeout(300)
        clicked = page.evaluate(FOCUSED)
        # Chromium focuses the leg's line (it has a tooltip): no outline drawn around its extent.
        assert clicked["tag"] == "path" and "routes-leg-hit" in clicked["cls"], clicked
        assert clicked["outline"] == "none" and not clicked["keyboard"], clicked
        assert page.locator(".leaflet-popup").count() == 1
        # From the keyboard, what takes focus shows it: the next controls keep their outline.
        for _ in range(12):
            page.keyboard.press("Tab")
            now = page.evaluate(FOCUSED)
            assert now["keyboard"] and now["outline"] != "none", now
        assert probe.errors == []


@pytest.mark.parametrize("width", [2, 4, 7, 10])
def test_an_assumed_leg_reads_dashed_in_the_png_at_every_width(browser, tmp_path, seed, width):
    """Pixels sampled along the assumed sea leg in a screenshot alternate between line and gap."""
    import io

    from PIL import Image

    path = write_html(
        routes.render_map(seed, offline=True, view="najin-tikhoretsk/najin-dunay", places=False), tmp_path / "sea.html"
    )
    with PageProbe(browser, path, viewport=(1200, 800)) as probe:
        page = probe.page
        page.evaluate("() => window.routesMap.print()")
        points = page.evaluate(f"""() => {{
            const m = window.routesMap.map, leg = window.routesMap.data.legs.find(l => l.mode === 'sea');
            leg.line.setStyle({{weight: {width}, dashArray: window.routesDashFor({width})}});
            const pts = leg.coords.map(c => m.latLngToContainerPoint(c)), out = [];
            for (let i = 0; i + 1 < pts.length; i++) {{
                const a = pts[i], b = pts[i + 1], n = Math.ceil(a.distanceTo(b));
                for (let k = 0; k < n; k++) out.push([a.x + (b.x - a.x) * k / n, a.y + (b.y - a.y) * k / n]);
            }}
            const box = m.getContainer().getBoundingClientRect();
            return out.map(p => [p[0] + box.left, p[1] + box.top]);
        }}""")
        page.wait_for_timeout(100)
        image = Image.open(io.BytesIO(page.screenshot(type="png"))).convert("RGB")
        blue = (0x00, 0x72, 0xB2)

        def inked(x, y):  # a pixel of the line's colour at or next to the sample (a 2 px line is anti-aliased)
            return any(
                sum((a - b) ** 2 for a, b in zip(image.getpixel((x + dx, y + dy)), blue)) < 70**2
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
            )

        on = []
        for x, y in points[10:-10]:  # the ends sit under the markers
            if 1 <= x < image.width - 1 and 1 <= y < image.height - 1:
                on.append(inked(round(x), round(y)))
        gaps, run = [], 0
        for inked_here in on + [True]:
            if not inked_here:
                run += 1
            elif run:
                gaps.append(run)
                run = 0
        assert len(on) > 200
        assert 0.3 < sum(on) / len(on) < 0.85, sum(on) / len(on)  # part line, part gap
        # It alternates along the whole leg, and the gaps are real gaps, not anti-aliasing seams.
        assert len([g for g in gaps if g >= min(width, 3)]) >= 8, gaps


LEDGER_ROWS_SHOWN = """() => {
  const panel = document.querySelector('.routes-ledger').getBoundingClientRect();
  const list = document.querySelector('.routes-ledger-list').getBoundingClientRect();
  const top = Math.max(panel.top, list.top, 0), bottom = Math.min(panel.bottom, list.bottom, innerHeight);
  return Array.from(document.querySelectorAll('.routes-ledger-row')).filter(row => {
    const r = row.getBoundingClientRect();
    return r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
  }).length;
}"""


def test_the_ledger_shows_five_claims_at_once_at_1024(browser, case_page):
    with PageProbe(browser, case_page, viewport=(1024, 768)) as probe:
        page = probe.page
        page.locator(".routes-ledger summary").click()
        page.wait_for_timeout(100)
        # An opened ledger is what the reader reads: at least five whole rows are in sight
        # (it was an 84 px box showing one), and it covers no other panel.
        assert page.evaluate(LEDGER_ROWS_SHOWN) >= 5
        assert page.evaluate("() => window.routesMap.measure()")["overlapping_panels"] == 0
        # A row is its date, claimant and headline; the whole claim opens under it.
        first = page.locator(".routes-ledger-row").first
        assert first.locator(".routes-claim").is_hidden()
        first.locator(".routes-ledger-head").click()
        assert first.locator(".routes-claim").is_visible()
        assert first.locator(".routes-ledger-head").get_attribute("aria-expanded") == "true"
        assert probe.errors == []


def test_a_phone_keeps_the_date_in_sight_and_the_time_control_whole(browser, case_page):
    with PageProbe(browser, case_page, viewport=PHONE) as probe:
        page = probe.page
        page.evaluate("() => window.routesMap.time.setDate('2023-09-12')")
        # Drawer closed: the date the map shows is under its button, inside the screen.
        date = page.locator(".routes-drawer-date")
        assert date.is_visible() and "2023-09-12" in date.inner_text()
        box = date.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
        page.locator(".routes-drawer-toggle").click()
        assert date.is_hidden()
        control = page.locator(".routes-drawer-body .routes-time")
        control.scroll_into_view_if_needed()
        # Drawer open: the whole time control (label, slider, date, buttons) is inside it.
        body = page.locator(".routes-drawer-body").bounding_box()
        for part in (
            ".routes-time",
            ".routes-time-label",
            ".routes-time-range",
            ".routes-time-date",
            ".routes-time-play",
        ):
            r = page.locator(".routes-drawer-body " + part).bounding_box()
            assert r["x"] >= body["x"] - 0.5 and r["x"] + r["width"] <= body["x"] + body["width"] + 0.5, part
        assert page.evaluate(
            "() => { const t = document.querySelector('.routes-time'); return t.scrollWidth <= t.clientWidth; }"
        )
        page.locator(".routes-drawer-toggle").click()
        assert date.is_visible()
        assert probe.errors == []
