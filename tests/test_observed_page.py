"""Observations on the map page (issue 25 items 3-4): images taken and counts drawn apart from
the claims, in their own layer, legend rows and ledger section, shown only in their date span."""

from __future__ import annotations

import json

import routes
from routes.load.bundled import bundled_path
from routes.outputs.export import write_html
from tests.conftest import PageProbe

OBSERVED = """
[[images_taken]]
id = "s1-najin"
footprint = [[130.25, 42.20], [130.40, 42.20], [130.40, 42.32], [130.25, 42.32]]
acquired = "2023-09-07T21:14:05Z"
sensor = {sensor}
provider = "ESA"
licence = "Contains modified Copernicus Sentinel data 2023"
supports = ["wh-2023-10-13"]

[[counts]]
id = "csis-tumangang-2023-10-05"
node = "tumangang"
date = "2023-10-05"
unit = "railcars"
by_type = {{ tank = 66, box = 14 }}
provider = "Airbus"
sources = [{{ publisher = "CSIS Beyond Parallel", title = "imagery of Tumangang", date = "2023-10-06" }}]
"""


def _case(tmp_path, sensor: str = "Sentinel-1A"):
    text = (bundled_path("scenarios") / "dprk-russia-2023.toml").read_text(encoding="utf-8")
    data = bundled_path("scenarios").parent
    text = text.replace('"../ports.geojson"', f'"{data / "ports.geojson"}"')
    text = text.replace('"../networks/', f'"{data / "networks"}/')
    path = tmp_path / "case.toml"
    path.write_text(text + OBSERVED.format(sensor=json.dumps(sensor)), encoding="utf-8")
    return routes.load_scenario(path)


def test_observations_never_change_the_claims_of_the_payload(tmp_path, seed):
    from routes.render.payload import build_payload

    case = _case(tmp_path)
    plain, seen = build_payload(seed), build_payload(case)
    keys = ("width", "width_by_date", "states", "claims", "state_all")
    assert [{k: leg.get(k) for k in keys} for leg in plain["legs"]] == [
        {k: leg.get(k) for k in keys} for leg in seen["legs"]
    ]
    assert plain["claims"] == seen["claims"] and plain["ledger"] == seen["ledger"]
    kinds = [(o["kind"], o["span"]) for o in seen["observed"]]
    assert kinds == [("image", ["2023-09-07", "2023-09-20"]), ("count", ["2023-10-05", "2023-10-18"])]
    assert [row[0] for row in seen["legend"]["observed"]] == ["image", "count"]
    assert plain["observed"] == [] and plain["legend"]["observed"] == []


def test_observations_are_drawn_in_their_span_with_legend_and_ledger(browser, tmp_path, xss_payloads):
    hostile = next(p for p in xss_payloads if "<img" in p.lower())
    case = _case(tmp_path, sensor=f"Sentinel-1A {hostile}")
    path = write_html(routes.render_map(case, offline=True), tmp_path / "observed.html")
    probe = PageProbe(browser, path)
    page = probe.page
    try:
        count = "() => window.routesMap.layers.observed.getLayers().length"
        assert page.evaluate(count) == 2
        page.evaluate("() => window.routesMap.time.setDate('2023-08-02')")
        assert page.evaluate(count) == 0
        page.evaluate("() => window.routesMap.time.setDate('2023-09-08')")
        assert page.evaluate(count) == 1
        assert page.locator("path.routes-observed-image").count() == 1
        page.evaluate("() => window.routesMap.time.setDate('2023-10-06')")
        assert page.evaluate(count) == 1 and page.locator(".routes-count-chart").count() == 1
        chart = page.locator(".routes-count-chart").inner_text()
        assert (
            "66" in chart and "tank" in chart and "railcars, 5 Oct 2023" in chart and "80" not in chart
        )  # listed, never totalled
        legend = page.locator(".routes-legend").inner_text()
        assert "Image taken: its footprint" in legend and "Count at a place on a date" in legend
        page.locator(".routes-time-all input").check()
        page.locator(".routes-ledger summary").first.click()
        observed = page.locator(".routes-ledger-observed-row")
        assert observed.count() == 2
        assert "Observed (2): not claims" in page.locator(".routes-ledger-observed summary").inner_text()
        page.evaluate(
            "() => window.routesMap.layers.observed.getLayers().forEach(l => l.getPopup && l.openPopup && l.getLatLngs && l.openPopup())"
        )
        popup = page.locator(".routes-observed-popup")
        assert popup.count() == 1
        text = popup.inner_text()
        assert "Observation, not a claim" in text and hostile in text and "Copernicus" in text
        assert probe.dialogs == [] and page.evaluate("() => window.__pwned === undefined")
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()
