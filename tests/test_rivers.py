"""Rivers, lakes and the 1:10m border where a view is zoomed in (issue 23 item 4): the Tumen
at the Friendship Bridge, the Kama at Alabuga."""

import io

import pytest

import routes
from routes.geo.geodesy import distance_km
from routes.render.basemap import compute_levels
from tests.conftest import PageProbe
from tests.test_basemap import SEED_BOUNDS, decode

BRIDGE = (130.6411, 42.4152)  # data/ports.geojson, friendship-bridge (sourced, high confidence)
TUMEN_VIEW = (130.56, 42.37, 130.72, 42.46)  # about 13 km by 10 km around the bridge
RIVER = (0x9D, 0xBD, 0xD3)


def _nearest_km(point, lines) -> float:
    from shapely.geometry import LineString, Point
    from shapely.ops import nearest_points

    best = float("inf")
    for line in lines:
        if len(line) < 2:
            continue
        near = nearest_points(Point(point), LineString(line))[1]
        best = min(best, distance_km(point, (near.x, near.y)))
    return best


@pytest.fixture(scope="module")
def detail():
    level = compute_levels(SEED_BOUNDS)["levels"][-1]
    assert level["name"] == "detail"
    return level


def test_the_detail_level_draws_the_tumen_and_the_kama(detail):
    rivers = [decode(line, detail["quantum"]) for line in detail["rivers"]]
    assert _nearest_km(BRIDGE, rivers) < 1.0  # the Tumen under the bridge, within 1:10m's ~1 km
    kama = compute_levels((50.0, 54.0, 54.0, 57.0))["levels"][-1]
    kama_lines = [decode(line, kama["quantum"]) for line in kama["rivers"]]
    # Alabuga (data/ports.geojson): the Kama's centreline and the Nizhnekamsk reservoir's
    # shore (a 1:10m lake) both about 12 km away.
    alabuga = (52.0372, 55.8328)
    assert _nearest_km(alabuga, kama_lines) < 15.0
    shores = [decode(polygon[0], kama["quantum"]) for polygon in kama["lakes"]]
    assert _nearest_km(alabuga, shores) < 15.0


def test_the_bridge_lies_on_the_drawn_1_10m_border_within_a_kilometre(detail):
    """The detail level draws the 1:10m border here: the bridge is 0.8 km from it, where the
    1:50m border of the levels above is 1.6 km away (the desk review's '1-2 km inside Russia')."""
    borders = [decode(line, detail["quantum"]) for line in detail["borders"]]
    assert _nearest_km(BRIDGE, borders) < 1.0
    regional = compute_levels(SEED_BOUNDS)["levels"][1]
    coarse = [decode(line, regional["quantum"]) for line in regional["borders"]]
    assert _nearest_km(BRIDGE, coarse) > _nearest_km(BRIDGE, borders)


def _river_pixels(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        n for n, rgb in image.getcolors(maxcolors=1_000_000) if all(abs(a - b) <= 10 for a, b in zip(rgb, RIVER))
    )


@pytest.mark.parametrize(
    ("case", "view", "least"),
    [("dprk-russia-2023-2025", TUMEN_VIEW, 400), ("iran-russia-caspian", "alabuga", 400)],
)
def test_a_zoomed_view_draws_the_river_in_chromium(browser, tmp_path, case, view, least):
    """The Tumen at the Friendship Bridge (the 2023-2025 case draws the bridge) and the Kama at
    Alabuga, in river-blue pixels on the screen; the detail level (1:10m) is the one drawn."""
    path = tmp_path / "zoomed.html"
    routes.write_html(routes.render_map(routes.load_scenario(case), offline=True, view=view), path)
    with PageProbe(browser, path, viewport=(1200, 800)) as probe:
        on = probe.page.evaluate(
            "() => routesMap.basemap.filter(item => routesMap.map.hasLayer(item.group)).map(item => item.level.name)"
        )
        assert on == ["detail"]
        assert _river_pixels(probe.page.screenshot(type="png")) >= least
        if case == "dprk-russia-2023-2025":  # the bridge's marker is in the frame, beside the drawn river
            inside = probe.page.evaluate("""() => {
                const map = routesMap.map, size = map.getSize();
                const node = routesMap.data.nodes.find(n => n.id === "friendship-bridge");
                const p = map.latLngToContainerPoint(node.latlon);
                return p.x > 0 && p.y > 0 && p.x < size.x && p.y < size.y;
            }""")
            assert inside
            # In print, close in, the note beside the scale bar says the lines are generalised.
            probe.page.evaluate("() => routesMap.print()")
            assert "Natural Earth 1:10m" in probe.page.locator(".routes-scale-note").inner_text()
        assert probe.errors == []
