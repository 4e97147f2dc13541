"""Shape as well as colour (render/static/shapes.js): in the 2023-2025 case's page, each node
kind's markers and legend row carry one shape of their own, and the event mark another."""

import pytest

import routes
from routes.model import palette
from routes.outputs.export import write_html
from routes.render.entries import KIND_STYLES
from tests.conftest import PageProbe

SHAPES_ON_PAGE = """() => {
  const shapeOf = el => Array.from(el.classList).filter(c => c.startsWith('routes-shape-')).map(c => c.slice(13));
  const nodes = Array.from(document.querySelectorAll('path.routes-node')).map(p => ({
    kind: Array.from(p.classList).find(c => c.startsWith('routes-node-') && c !== 'routes-node-low').slice(12),
    shapes: shapeOf(p), d: p.getAttribute('d')}));
  const events = Array.from(document.querySelectorAll('path.routes-event')).map(p => ({
    shapes: shapeOf(p), dash: p.getAttribute('stroke-dasharray'), fill: p.getAttribute('fill')}));
  const legend = Array.from(document.querySelectorAll('.routes-legend .routes-legend-row'))
    .filter(row => row.querySelector('svg[data-shape]'))
    .map(row => [row.textContent, row.querySelector('svg').getAttribute('data-shape')]);
  return {nodes, events, legend};
}"""


@pytest.fixture(scope="module")
def shapes_on_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("shapes") / "d25.html"
    write_html(routes.render_map(routes.load_scenario("dprk-russia-2023-2025"), tiles=None), path)
    with PageProbe(browser, path) as probe:
        found = probe.page.evaluate(SHAPES_ON_PAGE)
        assert probe.errors == []
    return found


def test_each_node_kind_on_the_map_has_one_shape_of_its_own(shapes_on_page):
    by_kind: dict[str, set[str]] = {}
    for node in shapes_on_page["nodes"]:
        by_kind.setdefault(node["kind"], set()).update(node["shapes"])
    # The case has sites and airfields (the pair the desk saw merge in colour) and at least 5 kinds.
    assert {"site", "airfield", "port", "depot"} <= set(by_kind) and len(by_kind) >= 5
    assert all(len(shapes) == 1 for shapes in by_kind.values()), by_kind
    shapes = [next(iter(s)) for s in by_kind.values()]
    assert len(set(shapes)) == len(shapes)
    assert {k: next(iter(s)) for k, s in by_kind.items()} == {k: palette.NODE_KINDS[k][1] for k in by_kind}
    # Drawn as the shape, not as a circle: only circles carry an SVG arc.
    for node in shapes_on_page["nodes"]:
        assert ("a" in node["d"]) == (node["shapes"] == ["circle"]), node


def test_events_are_solid_stars_unlike_any_node_or_the_approximate_outline(shapes_on_page):
    events = shapes_on_page["events"]
    assert events and all(e["shapes"] == ["star"] and e["dash"] is None and e["fill"] == "none" for e in events)
    assert "star" not in {s for node in shapes_on_page["nodes"] for s in node["shapes"]}


def test_the_legend_shows_each_shape_drawn(shapes_on_page):
    rows = dict(shapes_on_page["legend"])
    drawn = {node["kind"] for node in shapes_on_page["nodes"]}
    for kind in drawn:
        assert rows[KIND_STYLES[kind]["label"]] == palette.NODE_KINDS[kind][1]
    assert rows["Dated event (click for details)"] == "star"
    kind_shapes = [rows[KIND_STYLES[k]["label"]] for k in drawn] + ["star"]
    assert len(set(kind_shapes)) == len(kind_shapes)


STALE_MARKERS = """() => { const m = window.routesMap.map; const out = [];
  m.eachLayer(l => { if (l.options && l.options.shape && l._path) {
    const d = l._path.getAttribute('d'); if (!d || d === 'M0 0') return;
    const bb = l._path.getBBox(), p = m.latLngToLayerPoint(l.getLatLng());
    if (Math.hypot(bb.x + bb.width / 2 - p.x, bb.y + bb.height / 2 - p.y) > 15) out.push(l.options.shape); } });
  return out; }"""


def test_shapes_follow_their_place_when_the_view_moves_away_and_back(browser, tmp_path):
    """A shape outside the view is emptied, as Leaflet's circle is; kept, its old outline stayed at
    its old pixels, and station markers showed up in the sea after a story step moved the map."""
    path = write_html(
        routes.render_map(routes.load_scenario("dprk-russia-2023-2025"), offline=True), tmp_path / "m.html"
    )
    with PageProbe(browser, path) as probe:
        page = probe.page
        page.evaluate("() => window.routesMap.map.setView([45.0, 40.0], 8, {animate: false})")
        page.wait_for_timeout(300)
        page.evaluate("() => window.routesMap.map.setView([43.2, 131.9], 8, {animate: false})")
        page.wait_for_timeout(300)
        drawn = page.evaluate("() => document.querySelectorAll('path.routes-node').length")
        assert drawn > 10 and page.evaluate(STALE_MARKERS) == []
        assert probe.errors == []
