"""Plain line files: loading, validation, compact encoding, and 10,000 lines in Chromium."""

import base64
import importlib.util
import json

import numpy
import pytest
from click.testing import CliRunner

from routes import ValidationError
from routes.cli import cli
from routes.load.linefile import encode_lines, load_linefile
from tests.conftest import REPO, unvarint


def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", REPO / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def lines10k(tmp_path_factory):
    return synthetic().write_lines(tmp_path_factory.mktemp("bulk") / "lines.geojson", 10_000, 50)


def test_varint_round_trip():
    from routes.model.encoding import varint_bytes

    values = [0, 1, -1, 63, -64, 64, 300, -300, 18_000_000, -18_000_000, 2**31 - 1, -(2**31)]
    assert unvarint(varint_bytes(numpy.array(values))) == values


def write(tmp_path, features, **extra):
    path = tmp_path / "f.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features, **extra}))
    return path


def line(coords, **props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}


def test_encoding_round_trips_to_1e5_degree(tmp_path):
    path = write(tmp_path, [line([[130.3, 42.25], [130.312345, 42.2]]), line([[-179.5, 10.0], [179.9, 10.1]])])
    encoded = encode_lines(load_linefile(path).frame)
    deltas = numpy.array(unvarint(base64.b64decode(encoded["coords"]))).reshape(-1, 2)
    absolute = numpy.concatenate([numpy.cumsum(deltas[0:2], axis=0), numpy.cumsum(deltas[2:4], axis=0)]) * 1e-5
    assert numpy.allclose(absolute, [[130.3, 42.25], [130.31234, 42.2], [-179.5, 10.0], [179.9, 10.1]], atol=1e-5)
    assert encoded["starts"] == [0, 2] and encoded["feature"] == [0, 1] and encoded["vertices"] == 4


def test_unknown_columns_and_bad_coordinates_are_reported_together(tmp_path):
    path = write(tmp_path, [line([[130.3, 42.25], [230.0, 95.0]], kind="a")])
    with pytest.raises(ValidationError) as exc:
        load_linefile(path, columns=("kindd", "volume"))
    text = "\n".join(str(p) for p in exc.value.problems)
    assert "1 coordinates are not finite or out of range (first: [230.0, 95.0])" in text
    assert "field 'kindd': no such column; did you mean 'kind'?" in text
    assert "field 'volume': no such column" in text


def test_polygons_are_refused(tmp_path):
    polygon = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
    }
    with pytest.raises(ValidationError, match="type 'Polygon' is not a line or a point"):
        load_linefile(write(tmp_path, [polygon]))


def test_projected_files_are_reprojected(tmp_path):
    path = write(
        tmp_path,
        [line([[14505000.0, 5200000.0], [14506000.0, 5201000.0]])],
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
    )
    frame = load_linefile(path).frame
    x, y = frame.geometry.iloc[0].coords[0]
    assert 130 < x < 131 and 42 < y < 43


def test_render_plain_file_with_hostile_tooltips(tmp_path, xss_payloads):
    features = [
        line([[130 + i * 0.01, 42.0], [130.5, 42.5]], name=text, kind=f"k{i % 3}", volume=i)
        for i, text in enumerate(xss_payloads)
    ]
    path = write(tmp_path, features)
    out = tmp_path / "out.html"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(path),
            "-o",
            str(out),
            "--offline",
            "--color-by",
            "kind",
            "--width-by",
            "volume",
            "--tooltip",
            "name,kind",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html.lower() and "<script>window" not in html.lower()


def test_render_options_are_for_plain_files():
    result = CliRunner().invoke(cli, ["render", "--color-by", "kind"])
    assert result.exit_code == 2 and "are for plain line files" in result.stderr


@pytest.mark.browser
def test_ten_thousand_lines_offline_in_chromium(browser, lines10k, tmp_path):
    out = tmp_path / "10k.html"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(lines10k),
            "-o",
            str(out),
            "--offline",
            "--color-by",
            "kind",
            "--width-by",
            "volume",
            "--tooltip",
            "name,kind,volume",
            "--time",
            "date",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size < lines10k.stat().st_size / 2.5  # the input itself is compact GeoJSON
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    blocked, errors = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    try:
        page.goto(out.as_uri())
        page.wait_for_function("window.routesBulk && window.routesBulk.firstDrawnMs !== undefined", timeout=30_000)
        assert page.evaluate("window.routesBulk.layer.stats.drawnParts") == 10_000
        # Hover a drawn line: the tooltip shows its columns as text.
        found = page.evaluate("""() => { const layer = window.routesBulk.layer, map = layer._map, s = layer.store;
            const p = map.latLngToContainerPoint(map.getCenter());
            for (let r = 0; r < 200; r += 2) { for (const [dx, dy] of [[r,0],[0,r],[-r,0],[0,-r]]) {
                const f = layer.nearest({x: p.x + dx, y: p.y + dy}, 3); if (f >= 0) return [p.x + dx, p.y + dy, f]; } }
            return null; }""")
        assert found is not None
        page.mouse.move(found[0], found[1])
        page.wait_for_selector(".leaflet-tooltip", timeout=5000)
        assert f"leg {found[2]}" in page.locator(".leaflet-tooltip").inner_text()
        # The time control hides later features.
        page.locator(".routes-time-range").fill("0")
        assert page.evaluate("window.routesBulk.layer.stats.drawnParts") < 10_000
        assert errors == [] and blocked == []
    finally:
        page.close()


def test_a_two_million_vertex_line_in_geojson_is_read(tmp_path):
    """GDAL refuses such a feature by default (OGR_GEOJSON_MAX_OBJ_SIZE); routes raises the
    limit to its own file-size cap, and leaves GDAL's setting as it was."""
    import pyogrio

    n = 2_000_000
    lons = numpy.linspace(30.0, 130.0, n)
    lats = 50.0 + 5.0 * numpy.sin(numpy.linspace(0.0, 60.0, n))
    text = ",".join(f"[{x:.5f},{y:.5f}]" for x, y in zip(lons, lats))
    path = tmp_path / "long.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
        '"geometry":{"type":"LineString","coordinates":[' + text + "]}}]}"
    )
    before = pyogrio.get_gdal_config_option("OGR_GEOJSON_MAX_OBJ_SIZE")
    frame = load_linefile(path).frame
    assert len(frame) == 1 and len(frame.geometry.iloc[0].coords) == n
    assert pyogrio.get_gdal_config_option("OGR_GEOJSON_MAX_OBJ_SIZE") == before


def test_a_file_over_the_cap_is_refused_with_a_way_out(tmp_path, monkeypatch):
    from routes.load import linefile

    path = tmp_path / "big.geojson"
    path.write_text('{"type":"FeatureCollection","features":[]}' + " " * 2000)
    monkeypatch.setattr(linefile, "MAX_LINEFILE_BYTES", 1000)
    with pytest.raises(ValidationError) as raised:
        load_linefile(path)
    assert "over the limit of 1,000 bytes" in str(raised.value) and "ogr2ogr" in str(raised.value)


@pytest.mark.browser
def test_the_bulk_page_draws_the_input_coordinates(browser, tmp_path):
    """The page's decoder (varint, zigzag, deltas) gives back every input vertex to 1e-5 degree,
    in all four hemispheres and with steps of both signs."""
    rng = numpy.random.default_rng(7)
    features, expected = [], []
    for index in range(40):
        start = rng.uniform([-170, -70], [170, 70])
        steps = rng.normal(0, 0.7, size=(int(rng.integers(2, 30)), 2))
        line = numpy.clip(start + numpy.cumsum(steps, axis=0), [-179.9, -80], [179.9, 80]).round(5)
        expected.append(line.tolist())
        features.append(
            {
                "type": "Feature",
                "properties": {"name": f"l{index}"},
                "geometry": {"type": "LineString", "coordinates": line.tolist()},
            }
        )
    src = tmp_path / "lines.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    out = tmp_path / "lines.html"
    result = CliRunner().invoke(cli, ["render", str(src), "-o", str(out), "--offline", "-q"])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    try:
        page.goto(out.as_uri())
        page.wait_for_function("window.routesBulk && window.routesBulk.layer && window.routesBulk.layer.store")
        drawn = page.evaluate("""() => { const layer = window.routesBulk.layer, s = layer.store, map = layer._map;
            const parts = [];
            for (let p = 0; p < s.nParts; p++) { const line = [];
                for (let v = s.starts[p]; v < s.end(p); v++) {
                    const ll = map.unproject(L.point(s.wx[v], s.wy[v]), 0); line.push([ll.lng, ll.lat]); }
                parts.push(line); }
            return parts; }""")
    finally:
        page.close()
    assert len(drawn) == len(expected)
    for got, want in zip(drawn, expected):
        assert numpy.allclose(numpy.array(got), numpy.array(want), atol=2e-5)
