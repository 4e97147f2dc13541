"""A route across 180°: drawn the short way, measured right, exported split, and fitted."""

import pytest

import routes
from routes.geo.geodesy import distance_km, length_km
from routes.outputs.export import write_html
from tests.conftest import TEST_DATA, PageProbe

SCENARIO = TEST_DATA / "antimeridian" / "antimeridian.toml"
CROSSING = "pacific/petropavlovsk-kamchatsky-nome"


@pytest.fixture(scope="module")
def case():
    return routes.load_scenario(SCENARIO)


@pytest.fixture(scope="module")
def legs(case):
    return routes.build_legs(case).set_index("id", drop=False)


def test_length_is_the_short_way(legs):
    leg = legs.loc[CROSSING]
    # Great circle Petropavlovsk -> Nome is about 2,400 km; the long way round would be > 30,000 km.
    assert 2300 < leg["distance_km"] < 3200
    assert leg["distance_km"] >= distance_km((158.65, 53.02), (-165.41, 64.5))


def test_export_splits_at_180_with_parts_inside_the_range(case, legs):
    export = routes.to_geojson(case, legs.reset_index(drop=True))
    feature = next(f for f in export["features"] if f["properties"].get("id") == CROSSING)
    assert feature["geometry"]["type"] == "MultiLineString"
    parts = feature["geometry"]["coordinates"]
    assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)
    assert parts[0][-1][0] == 180 and parts[1][0][0] == -180
    total = sum(length_km(part) for part in parts)
    assert total == pytest.approx(legs.loc[CROSSING, "distance_km"], rel=1e-3)


def test_kml_splits_too(case, legs):
    from routes.outputs.kml import to_kml

    kml = to_kml(case, legs.reset_index(drop=True)).decode()
    assert kml.count("<LineString>") == 3  # one for the first leg, two for the crossing


def test_page_bounds_fit_the_route(case, legs):
    from routes.render.payload import build_payload

    payload = build_payload(case, legs.reset_index(drop=True))
    (_south, west), (_north, east) = payload["bounds"]
    assert east - west < 80 and east > 180


@pytest.mark.browser
def test_browser_draws_the_short_way_and_fits_it(browser, case, tmp_path):
    path = write_html(routes.render_map(case, offline=True), tmp_path / "am.html")
    probe = PageProbe(browser, path)
    try:
        bounds = probe.page.evaluate(
            "(() => { const b = window.routesMap.map.getBounds(); return [b.getWest(), b.getEast()]; })()"
        )
        west, east = bounds
        assert west < 131.8 and east > 194.6  # the whole route is in view ...
        assert east - west < 180  # ... centred on the Pacific, not the whole world
        widths = probe.page.evaluate(
            "Array.from(document.querySelectorAll('path.routes-leg')).map(p => p.getBBox().width)"
        )
        assert len(widths) == 2 and max(widths) < 1600
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()
