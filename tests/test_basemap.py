import json

import pytest

from routes.model.encoding import delta_ints, varint_text
from routes.render.basemap import LEVELS, basemap_levels, compute_levels
from tests.conftest import unvarint

SEED_BOUNDS = (40.04, 42.13, 135.12, 56.33)


def decode(encoded, quantum):
    """The page's decoding (static/codec.js), in Python: base64 varints, then running sums."""
    import base64

    ints = unvarint(base64.b64decode(encoded))
    x = y = 0
    out = []
    for i in range(0, len(ints), 2):
        x += ints[i]
        y += ints[i + 1]
        out.append((x * quantum, y * quantum))
    return out


@pytest.fixture(scope="module")
def seed_basemap():
    return basemap_levels(SEED_BOUNDS)


def test_encoding_round_trips_within_half_a_quantum():
    line = [(130.3, 42.25), (130.31234, 42.2), (-179.99, -85.0)]
    back = decode(varint_text(delta_ints(line, 0.0001)), 0.0001)
    assert all(abs(a - c) <= 0.00005 + 1e-12 and abs(b - d) <= 0.00005 + 1e-12 for (a, b), (c, d) in zip(line, back))


def test_encoding_drops_repeated_points():
    assert delta_ints([(1, 1), (1.00001, 1), (2, 2)], 0.01) == [100, 100, 100, 100]


def test_three_levels_cover_every_zoom(seed_basemap):
    levels = seed_basemap["levels"]
    assert [lv["name"] for lv in levels] == [lv.name for lv in LEVELS]
    zooms = sorted(z for lv in levels for z in range(lv["min_zoom"], lv["max_zoom"] + 1))
    assert zooms == list(range(20))
    assert all(lv["land"] and lv["borders"] for lv in levels)


def test_detail_level_has_the_10m_coast_at_najin(seed_basemap):
    from shapely.geometry import Point, Polygon

    detail = next(lv for lv in seed_basemap["levels"] if lv["name"] == "detail")
    polygons = [
        Polygon(decode(p[0], detail["quantum"]), [decode(r, detail["quantum"]) for r in p[1:]]) for p in detail["land"]
    ]
    # Najin Bay (water) next to the port (land at 1:10m), 3 km apart.
    assert not any(p.contains(Point(130.30, 42.22)) for p in polygons)
    assert any(p.contains(Point(130.30, 42.26)) for p in polygons)


def test_basemap_is_compact(seed_basemap):
    assert len(json.dumps(seed_basemap)) < 600_000


def test_window_across_the_antimeridian_is_shifted():
    basemap = basemap_levels((158.0, 52.0, 195.0, 65.0))  # Kamchatka to Nome, unwrapped
    overview = basemap["levels"][0]
    xs = [x for polygon in overview["land"] for x, _ in decode(polygon[0], overview["quantum"])]
    assert max(xs) > 185  # Alaska drawn east of 180, next to the leg


@pytest.mark.parametrize("level_name, zoom", [("regional", 5), ("detail", 7)])
def test_a_wide_page_of_a_narrow_route_has_land_to_its_sides(level_name, zoom):
    """A 1920 px wide slide of a north-south route (the Caspian and the Volga, 8° wide) at the
    level's lowest zoom shows land wherever there is land, not empty sea beyond a window."""
    from shapely.geometry import Point, Polygon

    west, south, east, north = 46.0, 36.5, 54.0, 56.0
    level = next(lv for lv in basemap_levels((west, south, east, north))["levels"] if lv["name"] == level_name)
    polygons = [Polygon(decode(p[0], level["quantum"])) for p in level["land"]]
    half_width = 1920 / (256 * 2**zoom) * 360 / 2  # degrees of longitude either side of the centre
    centre = (west + east) / 2
    # Points on land at the page's sides, at the route's middle latitude (46° N):
    for lon in (centre - 0.9 * half_width, centre + 0.9 * half_width):
        assert any(p.contains(Point(lon, 46.0)) for p in polygons), lon


def test_levels_are_cut_once_per_extent_and_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUTES_CACHE_DIR", str(tmp_path))
    bounds = (129.0, 41.0, 133.0, 44.0)
    fresh = compute_levels(bounds)
    assert basemap_levels(bounds) == fresh  # computed, kept
    (path,) = tmp_path.glob("basemap-*.json")
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert json.dumps(kept["value"]) == json.dumps(fresh)  # the page's JSON, byte for byte
    kept["value"]["levels"] = kept["value"]["levels"][:1]  # a mark only the cache can return
    path.write_text(json.dumps(kept), encoding="utf-8")
    assert len(basemap_levels(bounds)["levels"]) == 1
    assert len(basemap_levels((129.0, 41.0, 133.0, 44.5))["levels"]) == 3  # other bounds: cut afresh


def test_the_cache_key_names_every_file_the_levels_read(monkeypatch):
    from routes.render import basemap

    read = set()
    original = basemap.load_geometry
    monkeypatch.setattr(basemap, "load_geometry", lambda name: read.add(name) or original(name))
    compute_levels((125.0, 35.0, 140.0, 50.0))  # inside both 1:10m boxes: every layer is read
    assert read == set(basemap._cache_key_base()["sources"]) == set(basemap._SOURCES)
