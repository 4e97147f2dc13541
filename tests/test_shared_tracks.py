"""Legs on a shared track: grouped once in Python (render/tracks.py), drawn side by side in the page."""

import pytest

import routes
from routes.outputs.export import write_html
from routes.render.payload import build_payload
from routes.render.tracks import shared_tracks
from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO, PageProbe, write

LINE = [[0.0, 0.0], [0.0, 1.0], [0.0, 2.0]]


def test_legs_along_one_line_get_slots_either_direction():
    tracks = shared_tracks([LINE, LINE[::-1], [[5.0, 5.0], [6.0, 6.0]], LINE])
    assert tracks[2] is None
    assert [t["slots"] for t in (tracks[0], tracks[1], tracks[3])] == [[[0, -1.0]], [[0, 0.0]], [[0, 1.0]]]
    assert [t["flip"] for t in (tracks[0], tracks[1], tracks[3])] == [False, True, False]
    assert tracks[0]["group"] == tracks[1]["group"] == tracks[3]["group"]


def test_legs_meeting_at_one_node_share_no_track():
    assert shared_tracks([[[0.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 1.0]]]) == [None, None]


def test_a_leg_is_beside_another_only_where_they_share_the_line():
    long = [[0.0, x / 10] for x in range(11)]
    first, second = shared_tracks([long, long[:6]])
    assert first["slots"] == [[0, -0.5], [6, 0.0]]  # back on its own line after the shared half
    assert second["slots"] == [[0, 0.5]]
    assert (first["beside"], second["beside"]) == ([1], [0])
    stray = [[0.0, 0.0], [0.0, 0.1]] + [[1.0, x / 10] for x in range(8)]
    assert shared_tracks([long, stray]) == [None, None]


def test_flip_follows_a_chain_of_partners():
    a = [[0.0, x / 10] for x in range(6)]
    b = a[::-1] + [[0.0, -x / 10] for x in range(1, 6)]  # a backwards, then further west
    c = [[0.0, -x / 10] for x in range(6)]  # shares only b's western half, running west like b
    assert [t["flip"] for t in shared_tracks([a, b, c])] == [False, True, True]


@pytest.fixture
def both_ways(tmp_path):
    """Two assumed air legs on one track: A port → B port and B port → A port."""
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    back = '[[routes]]\nid = "b-a"\nname = "B to A"\n  [[routes.legs]]\n  from = "b-port"\n  to = "a-port"\n'
    back += '  mode = "air"\n  geometry_basis = "assumed"\n\n[[claims]]'
    text = MINIMAL_SCENARIO.replace("[[claims]]", back).replace('covers = ["a-b"]', 'covers = ["a-b", "b-a"]')
    return routes.load_scenario(str(write(tmp_path / "both.toml", text)))


def test_the_payload_marks_only_the_legs_on_a_shared_track(both_ways, mini):
    legs = build_payload(both_ways)["legs"]
    assert [leg["track"]["slots"] for leg in legs] == [[[0, -0.5]], [[0, 0.5]]]
    assert [leg["track"]["beside"] for leg in legs] == [[1], [0]]
    assert [leg["track"]["flip"] for leg in legs] == [False, True]
    assert all("track" not in leg for leg in build_payload(routes.load_scenario(str(mini)))["legs"])


# Each leg's dash pattern, and how far (screen px) the middle vertex of the first leg's drawn line
# lies from the second leg's drawn line (the nearest point of any of its segments).
DRAWN = """() => {
    const rm = window.routesMap, [a, b] = rm.data.legs, pt = ll => rm.map.latLngToContainerPoint(ll);
    const la = a.line.getLatLngs(), p = pt(la[Math.floor(la.length / 2)]), q = b.line.getLatLngs().map(pt);
    let apart = Infinity;
    for (let i = 0; i + 1 < q.length; i++) {
        const dx = q[i + 1].x - q[i].x, dy = q[i + 1].y - q[i].y, len2 = dx * dx + dy * dy;
        const t = len2 ? Math.max(0, Math.min(1, ((p.x - q[i].x) * dx + (p.y - q[i].y) * dy) / len2)) : 0;
        apart = Math.min(apart, Math.hypot(p.x - q[i].x - t * dx, p.y - q[i].y - t * dy));
    }
    return {apart: apart, dashes: [a, b].map(leg => leg.line.getElement().getAttribute('stroke-dasharray'))};
}"""


def test_two_opposite_assumed_legs_on_one_track_draw_dashed_apart_with_their_own_popups(browser, both_ways, tmp_path):
    path = write_html(routes.render_map(both_ways, offline=True), tmp_path / "both.html")
    probe = PageProbe(browser, path)
    page = probe.page
    try:
        assert page.locator("path.routes-leg-dashed").count() == 2
        for zoom in (None, 7, 12):
            if zoom is not None:
                page.evaluate(f"() => window.routesMap.map.setZoom({zoom}, {{animate: false}})")
                page.wait_for_timeout(400)
            zoom_now = page.evaluate("() => window.routesMap.map.getZoom()")
            drawn = page.evaluate(DRAWN)
            assert all(drawn["dashes"]), zoom_now  # both dashed
            assert drawn["apart"] >= 4, (zoom_now, drawn["apart"])
        # Click each leg's own line at its middle: the popup names that leg.
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        for index, title in ((0, "A port → B port"), (1, "B port → A port")):
            page.evaluate("() => window.routesMap.map.closePopup()")
            point = page.evaluate(
                f"""() => {{ const rm = window.routesMap, leg = rm.data.legs[{index}];
                const ll = leg.line.getLatLngs(), mid = ll[Math.floor(ll.length / 2)];
                rm.map.panTo(mid, {{animate: false}});
                const p = rm.map.latLngToContainerPoint(mid), box = rm.map.getContainer().getBoundingClientRect();
                return [box.left + p.x, box.top + p.y]; }}"""
            )
            popup = page.locator(".leaflet-popup-content .routes-popup-title")
            # A click just after the map moved can land before Leaflet takes clicks again (a
            # loaded machine): click again, a bounded number of times, until a popup opens.
            for _attempt in range(10):
                page.wait_for_timeout(300)
                page.mouse.click(point[0], point[1])
                try:
                    popup.wait_for(timeout=1000)
                    break
                except PlaywrightTimeoutError:
                    continue
            assert popup.inner_text() == title
            shared = page.locator(".leaflet-popup-content .routes-shared-track").inner_text()
            assert "A port → B port" in shared and "B port → A port" in shared and f"{title} (this leg)" in shared
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()
