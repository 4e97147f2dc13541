"""Orientation labels: countries, seas and oceans, capitals and cities, anywhere on Earth."""

import csv
import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import shapely

from routes.load.licences import GEONAMES, NATURAL_EARTH, data_notices
from routes.load.naturalearth import load_geometry, load_layer
from routes.render.countrylabels import country_label_point
from routes.render.orientation import GEONAMES_NOTICE, KINDS, BoundsError, load_seas, orientation_labels
from tests.conftest import REPO, SHARED

CORRIDOR = (38, 41, 135, 58)
CASPIAN = (46, 36, 56, 47)
KEYS = {"text", "kind", "lat", "lon", "rank", "min_zoom", "max_zoom", "size"}


def texts(labels, kind=None):
    return {label["text"] for label in labels if kind is None or label["kind"] == kind}


@pytest.fixture(scope="module")
def corridor():
    return orientation_labels(CORRIDOR)


def test_the_corridor_names_its_countries_sea_and_capitals(corridor):
    assert {"China", "Mongolia", "Kazakhstan", "Russia", "North Korea"} <= texts(corridor, "country")
    assert "Sea of Japan (East Sea)" in texts(corridor, "sea")
    assert {"Beijing", "Moscow", "Pyongyang"} <= texts(corridor, "capital")
    assert "Sea of Japan" not in texts(corridor)  # only the dual name


def test_the_caspian_names_its_shores():
    labels = orientation_labels(CASPIAN)
    assert {"Iran", "Azerbaijan", "Kazakhstan"} <= texts(labels, "country")
    assert "Caspian Sea" in texts(labels, "sea")
    assert "Tehran" in texts(labels, "capital")


@pytest.mark.parametrize(
    "bounds, expected",
    [
        ((10, 53, 30, 66), {"Baltic Sea", "Sweden", "Stockholm"}),
        ((-6, 30, 36, 46), {"Mediterranean Sea", "Italy", "Rome", "Black Sea"}),
        ((-100, 15, -60, 45), {"Gulf of Mexico", "United States of America", "Washington"}),
        ((170, 50, -170, 70), {"Bering Sea", "Russia"}),  # across the antimeridian
    ],
)
def test_other_regions_are_named_too(bounds, expected):
    assert expected <= texts(orientation_labels(bounds))


def test_labels_have_the_documented_shape(corridor):
    for label in corridor:
        extra = {"population"} if label["kind"] in ("city", "capital") else {"anchors"}
        assert set(label) == KEYS | extra
        if "anchors" in label:  # the label's point is its first anchor; each has room
            assert label["anchors"][0][:2] == [label["lon"], label["lat"]]
            assert all(len(a) == 3 and a[2] > 0 for a in label["anchors"])
        else:
            assert isinstance(label["population"], int) and label["population"] > 0
        assert label["kind"] in KINDS and label["size"] in ("large", "medium", "small")
        assert isinstance(label["rank"], int) and label["rank"] >= 0
        assert isinstance(label["min_zoom"], int) and label["max_zoom"] is None
        assert round(label["lon"], 4) == label["lon"] and round(label["lat"], 4) == label["lat"]


def test_output_is_deterministic_and_sorted(corridor):
    assert orientation_labels(CORRIDOR) == corridor
    keys = [(label["rank"], label["text"]) for label in corridor]
    assert keys == sorted(keys)
    assert json.dumps(corridor) == json.dumps(orientation_labels(list(CORRIDOR)))


def test_labels_lie_within_the_bounds_grown_by_a_quarter(corridor):
    west, south, east, north = CORRIDOR
    dx, dy = (east - west) / 4, (north - south) / 4
    for label in corridor:
        assert west - dx <= label["lon"] <= east + dx and south - dy <= label["lat"] <= north + dy, label
    assert any(label["lon"] < west or label["lat"] > north for label in corridor)  # the margin is used


def test_across_the_antimeridian_longitudes_are_in_the_bounds_frame():
    labels = orientation_labels((170, 50, 190, 70))
    assert labels and all(165 <= label["lon"] <= 195 for label in labels)
    assert labels == orientation_labels((170, 50, -170, 70))


def test_ranks_follow_area_and_population(corridor):
    by_text = {label["text"]: label for label in corridor}
    assert by_text["Russia"]["rank"] < by_text["North Korea"]["rank"]
    assert by_text["Russia"]["min_zoom"] < by_text["North Korea"]["min_zoom"]
    assert by_text["Russia"]["size"] == "large"
    cities = [label for label in corridor if label["kind"] == "city"]
    assert cities and min(label["rank"] for label in cities) > by_text["Moscow"]["rank"]


def test_cities_false_keeps_capitals_and_drops_the_other_cities(corridor):
    fewer = orientation_labels(CORRIDOR, cities=False)
    assert "city" not in {label["kind"] for label in fewer} and "Pyongyang" in texts(fewer, "capital")
    assert [label for label in corridor if label["kind"] != "city"] == fewer


def test_a_district_beside_a_capital_is_left_out():
    labels = orientation_labels((43, 32, 46, 35))  # Baghdad
    assert "Baghdad" in texts(labels, "capital") and "Sadr City" not in texts(labels)


def test_crimea_is_not_labelled_russia():
    labels = orientation_labels((32.5, 44.3, 36.5, 46))
    assert "Russia" not in texts(labels, "country")


@pytest.mark.parametrize("bounds", [(0, 10, 5), (0, 50, 10, 40), (0, -100, 10, 10), (0, 0, float("nan"), 1), "west"])
def test_bad_bounds_are_refused_with_the_fix(bounds):
    with pytest.raises(BoundsError, match=r"\(west, south, east, north\)"):
        orientation_labels(bounds)


def test_every_country_label_point_is_inside_its_country():
    layer = load_layer("countries-50m")
    outside = [
        name
        for name, geometry in zip(layer["name"], layer.geometry)
        if not geometry.contains(shapely.Point(country_label_point(name)[:2]))
    ]
    assert outside == []


@pytest.mark.parametrize("bounds", [CORRIDOR, CASPIAN, (10, 53, 30, 66), (129.5, 42, 132.5, 43.5)])
def test_every_country_label_on_a_map_is_inside_its_country(bounds):
    countries = dict(zip(load_layer("countries-50m")["name"], load_layer("countries-50m").geometry))
    for label in orientation_labels(bounds):
        if label["kind"] == "country":
            assert countries[label["text"]].buffer(1e-4).contains(shapely.Point(label["lon"], label["lat"])), label


def test_russia_is_labelled_where_the_map_shows_it():
    # Russia's own label point is in Siberia; on a map of Primorye its name goes in Primorye.
    labels = {label["text"]: label for label in orientation_labels((129.5, 42, 132.5, 43.5))}
    assert 129.5 <= labels["Russia"]["lon"] <= 132.5 and 42 <= labels["Russia"]["lat"] <= 43.5
    assert labels["Russia"]["rank"] == 0


def test_every_sea_and_ocean_point_is_at_sea():
    land = load_geometry("land-50m")
    on_land = [
        (row["name"], row["lon"], row["lat"])
        for row in load_seas()
        if land.intersects(shapely.Point(row["lon"], row["lat"]))
    ]
    assert on_land == []


def test_the_seas_table_is_sourced_and_covers_the_brief():
    rows = load_seas()
    names = {row["name"] for row in rows}
    assert {
        "Sea of Japan (East Sea)",
        "Sea of Okhotsk",
        "Yellow Sea",
        "East China Sea",
        "Bering Sea",
        "Caspian Sea",
        "Black Sea",
        "Sea of Azov",
        "Baltic Sea",
        "Barents Sea",
        "Kara Sea",
        "Mediterranean Sea",
        "Red Sea",
        "Arabian Sea",
        "Persian Gulf",
        "North Sea",
        "South China Sea",
        "Philippine Sea",
    } <= names
    assert {"Pacific Ocean", "Atlantic Ocean", "Indian Ocean", "Arctic Ocean"} <= {
        row["name"] for row in rows if row["kind"] == "ocean"
    }
    for row in rows:
        assert row["kind"] in ("sea", "ocean") and 1 <= row["min_zoom"] <= 10, row
        assert "Natural Earth" in row["source"] or "placed by hand" in row["source"], row
    with (REPO / "data/labels/seas.csv").open(encoding="utf-8", newline="") as handle:
        assert csv.DictReader(handle).fieldnames == ["name", "kind", "lon", "lat", "min_zoom", "source"]


@pytest.mark.skipif(not (SHARED / "data/naturalearth").is_dir(), reason="../shared reference data not present")
def test_sea_points_lie_in_natural_earth_s_polygon_of_that_name():
    features = json.loads((SHARED / "data/naturalearth/ne_10m_geography_marine_polys.json").read_text())["features"]
    polygons = {}
    for feature in features:
        name = " ".join(str(feature["properties"]["name"]).split())
        polygons.setdefault(name, []).append(shapely.geometry.shape(feature["geometry"]))
    polygons["Sea of Japan (East Sea)"] = polygons["Sea of Japan"]
    polygons["Bay of Campeche"] = polygons["Bahía de Campeche"]
    for ocean in ("Pacific", "Atlantic"):
        polygons[f"{ocean} Ocean"] = polygons[f"NORTH {ocean.upper()} OCEAN"] + polygons[f"SOUTH {ocean.upper()} OCEAN"]
    polygons["Indian Ocean"], polygons["Arctic Ocean"] = polygons["INDIAN OCEAN"], polygons["ARCTIC OCEAN"]
    checked = [
        row
        for row in load_seas()
        if row["source"].startswith("Natural Earth") or "inside Natural Earth" in row["source"]
    ]
    assert (
        len(checked) >= len(load_seas()) - 2
    )  # the others are placed by hand where Natural Earth's polygon is a sliver
    for row in checked:
        point = shapely.Point(row["lon"], row["lat"])
        assert any(polygon.contains(point) for polygon in polygons[row["name"]]), row


@pytest.mark.skipif(not (SHARED / "data/naturalearth").is_dir(), reason="../shared reference data not present")
def test_every_natural_earth_capital_near_the_corridor_is_named(corridor):
    features = json.loads((SHARED / "data/naturalearth/ne_10m_populated_places_simple.json").read_text())["features"]
    west, south, east, north = CORRIDOR
    capitals = [
        f["properties"]
        for f in features
        if f["properties"]["featurecla"] == "Admin-0 capital"
        and west <= f["geometry"]["coordinates"][0] <= east
        and south <= f["geometry"]["coordinates"][1] <= north
    ]
    assert len(capitals) >= 5
    named = [label for label in corridor if label["kind"] == "capital"]
    for capital in capitals:  # by position: the names differ ("Ulaanbaatar", "Ulan Bator")
        lon, lat = capital["longitude"], capital["latitude"]
        assert any(abs(label["lon"] - lon) < 0.3 and abs(label["lat"] - lat) < 0.3 for label in named), capital["name"]


def test_the_geonames_notice_is_added_only_when_asked(seed):
    assert GEONAMES_NOTICE == {
        "covers": GEONAMES_NOTICE["covers"],
        "license": "CC-BY-4.0",
        "attribution": GEONAMES_NOTICE["attribution"],
        "url": "https://www.geonames.org/",
    }
    assert "GeoNames" in GEONAMES_NOTICE["attribution"]
    assert GEONAMES.as_dict() == GEONAMES_NOTICE
    assert GEONAMES not in data_notices(seed) and GEONAMES not in data_notices(seed, basemap=True)
    assert data_notices(seed, basemap=True, place_names=True) == data_notices(seed, basemap=True) + [GEONAMES]
    assert data_notices(seed, place_names=True)[-1] == GEONAMES and NATURAL_EARTH not in data_notices(
        seed, place_names=True
    )


def test_the_seas_table_ships_in_the_package(tmp_path):
    # A source checkout reads ../data beside the package, so the table must be looked for in a wheel:
    # built by the project's own build backend (its PEP 517 hook, under a second here), unpacked, and
    # read by the package it unpacks to.
    assert importlib.util.find_spec("hatchling"), "hatchling (in the test extra) is missing: pip install -e '.[test]'"
    hook = "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))"
    built = subprocess.run(
        [sys.executable, "-c", hook, str(tmp_path)], cwd=REPO, check=True, capture_output=True, text=True
    )
    wheel = tmp_path / built.stdout.split()[-1]
    with zipfile.ZipFile(wheel) as archive:
        assert "routes/data/labels/seas.csv" in archive.namelist()
        archive.extractall(tmp_path / "site")
    where = "from routes.render.orientation import bundled_path; print(bundled_path('labels', 'seas.csv'))"
    found = subprocess.run(
        [sys.executable, "-P", "-c", where],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        check=True,
        capture_output=True,
        text=True,
    )
    assert Path(found.stdout.strip()) == tmp_path / "site" / "routes" / "data" / "labels" / "seas.csv"


def test_a_map_s_labels_are_chosen_once_per_extent_and_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUTES_CACHE_DIR", str(tmp_path))
    fresh = orientation_labels(CASPIAN)
    (path,) = tmp_path.glob("places-*.json")
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept["value"] == fresh and kept["key"]["bounds"] == [46.0, 36.0, 56.0, 47.0]
    kept["value"] = fresh[:1]  # a mark only the cache can return
    path.write_text(json.dumps(kept), encoding="utf-8")
    assert orientation_labels(CASPIAN) == fresh[:1]
    assert orientation_labels(CASPIAN, cities=False) == [label for label in fresh if label["kind"] != "city"]
