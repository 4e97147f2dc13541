"""Where an area's name may go: anchors inside each country and in each sea's own water."""

import itertools
import json
import sys

import pytest
import shapely

from routes.load.bundled import bundled_path
from routes.load.naturalearth import load_geometry
from routes.render.countrylabels import country_geometry
from routes.render.labelanchors import area_anchors, inscribed_circles, to_mercator
from routes.render.orientation import load_sea_anchors, load_seas, orientation_labels
from tests.conftest import REPO, SHARED

MARINE = SHARED / "data/naturalearth/ne_10m_geography_marine_polys.json"
needs_shared = pytest.mark.skipif(not MARINE.exists(), reason="../shared reference data not present")

# The maps of the three bundled cases' extents, and a few others.
BOUNDS = [
    (37.6, 42.2, 131.9, 47.6),  # dprk-russia-2023: Najin to Tikhoretsk
    (33.0, 38.0, 142.0, 56.0),  # dprk-russia-2023-2025
    (46.0, 36.5, 53.0, 56.0),  # iran-russia-caspian
    (125.0, 33.0, 145.0, 47.0),  # the Sea of Japan
    (25.0, 35.0, 45.0, 48.0),  # the Black Sea
]


def test_anchors_spread_over_an_area_and_shrink():
    circles = inscribed_circles(to_mercator(shapely.box(0, 0, 40, 10)), most=5, smallest_share=0.1)
    assert len(circles) >= 3
    radii = [c[2] for c in circles]
    # Largest first (within the inscribed-circle search's tolerance, a few hundredths).
    assert all(later <= earlier * 1.01 for earlier, later in itertools.pairwise(radii))
    for i, (x0, y0, r0) in enumerate(circles):  # each next circle lies outside twice the earlier one's radius
        for x1, y1, _ in circles[i + 1 :]:
            assert ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 >= 2 * r0 - 1


def test_anchors_are_rounded_and_deterministic():
    area = shapely.Polygon([(0, 0), (10, 0), (10, 3), (3, 3), (3, 10), (0, 10)])  # an L
    anchors = area_anchors(area, most=4)
    assert anchors == area_anchors(area, most=4)
    assert all(round(a[0], 4) == a[0] and round(a[1], 4) == a[1] and a[2] == round(a[2]) for a in anchors)
    assert all(area.contains(shapely.Point(a[0], a[1])) for a in anchors)
    assert area_anchors(shapely.Polygon()) == []


@pytest.mark.parametrize("bounds", BOUNDS)
def test_every_country_anchor_lies_in_its_country(bounds):
    for label in orientation_labels(bounds):
        if label["kind"] != "country":
            continue
        geometry = country_geometry(label["text"])
        for lon, lat, _ in label["anchors"]:
            assert geometry.contains(shapely.Point((lon + 180) % 360 - 180, lat)), (label["text"], lon, lat)


def test_crimea_never_anchors_russia_s_name():
    crimea = shapely.box(32.0, 44.0, 36.8, 46.3)
    for bounds in [(30.0, 43.0, 40.0, 48.0), *BOUNDS]:
        for label in orientation_labels(bounds):
            if label["text"] == "Russia":
                assert not any(crimea.contains(shapely.Point(a[0], a[1])) for a in label["anchors"]), bounds


@pytest.mark.parametrize("bounds", BOUNDS)
def test_every_sea_anchor_of_a_map_lies_at_sea(bounds):
    land = load_geometry("land-50m")
    for label in orientation_labels(bounds):
        if label["kind"] in ("sea", "ocean"):
            for lon, lat, _ in label["anchors"]:
                assert not land.contains(shapely.Point((lon + 180) % 360 - 180, lat)), (label["text"], lon, lat)


def test_the_pacific_is_named_in_the_pacific_not_in_the_sea_of_japan():
    labels = {label["text"]: label for label in orientation_labels((125.0, 33.0, 145.0, 47.0))}
    sea_of_japan = shapely.box(128.0, 34.5, 141.0, 52.0)  # generous: the sea lies within this box
    honshu_east = 139.5
    for lon, lat, _ in labels["Pacific Ocean"]["anchors"]:
        assert not sea_of_japan.contains(shapely.Point(lon, lat)) or lon > honshu_east, (lon, lat)
    assert labels["Pacific Ocean"]["lon"] > 140  # east of Honshu


def test_every_sea_has_anchors_and_the_file_names_its_source():
    shipped = json.loads(bundled_path("labels", "sea-anchors.json").read_text(encoding="utf-8"))
    assert "Natural Earth" in shipped["attribution"] and "build_sea_anchors.py" in shipped["description"]
    anchors = load_sea_anchors()
    assert {row["name"] for row in load_seas()} == set(anchors)
    assert all(anchors[name] for name in anchors)


@needs_shared
def test_sea_anchors_lie_in_their_own_water_and_rebuild_to_the_shipped_file():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_sea_anchors
    finally:
        sys.path.remove(str(REPO / "scripts"))
    built = build_sea_anchors.build(MARINE)
    assert {k: [tuple(a) for a in v] for k, v in built.items()} == {k: list(v) for k, v in load_sea_anchors().items()}
    polygons: dict[str, list] = {}
    for feature in json.loads(MARINE.read_text(encoding="utf-8"))["features"]:
        polygons.setdefault(" ".join(str(feature["properties"]["name"]).split()), []).append(
            shapely.geometry.shape(feature["geometry"])
        )
    land = load_geometry("land-50m")
    by_hand = {
        row["name"] for row in load_seas() if row["source"].startswith("placed by hand") and row["kind"] == "sea"
    }
    assert by_hand == {"Korea Strait"}  # its polygon is a sliver: its point is checked to be off land only
    for name, rows in load_sea_anchors().items():
        if name in by_hand:
            assert not any(land.contains(shapely.Point(lon, lat)) for lon, lat, _ in rows)
            continue
        water = shapely.union_all([p for n in build_sea_anchors.POLYGON_NAMES.get(name, (name,)) for p in polygons[n]])
        for lon, lat, _ in rows:
            point = shapely.Point(lon, lat)
            assert water.contains(point) and not land.contains(point), (name, lon, lat)
