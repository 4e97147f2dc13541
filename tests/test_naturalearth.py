import json

import pytest

from routes import bundled_path
from routes.load.naturalearth import LAYERS, LINE_LAYERS, POLYGON_LAYERS, load_layer


@pytest.mark.parametrize("name", POLYGON_LAYERS)
def test_every_shipped_polygon_is_valid_and_in_range(name):
    layer = load_layer(name)
    assert len(layer) > 0
    assert layer.crs.to_epsg() == 4326
    assert layer.geometry.is_valid.all()
    assert set(layer.geom_type) <= {"Polygon", "MultiPolygon"}
    west, south, east, north = layer.total_bounds
    assert -180 <= west and east <= 180 and -90 <= south and north <= 90


@pytest.mark.parametrize("name", LAYERS)
def test_layers_carry_attribution(name):
    data = json.loads(bundled_path("naturalearth", f"{name}.geojson").read_text(encoding="utf-8"))
    assert "Natural Earth" in data["attribution"]


def test_antimeridian_countries_are_repaired():
    from shapely.geometry import Point

    countries = load_layer("countries-50m").set_index("name")
    for name in ("Russia", "Fiji"):
        shape = countries.loc[name, "geometry"]
        # Cut at 180 rather than wrapped round the world: no part spans more than half of it.
        assert all(p.bounds[2] - p.bounds[0] < 180 for p in shape.geoms)
        assert shape.bounds[0] < -170 and shape.bounds[2] > 170  # land on both sides of 180
    antarctica = countries.loc["Antarctica", "geometry"]
    assert antarctica.contains(Point(0, -89.5)) and antarctica.contains(Point(179.9, -89.5))
    assert not antarctica.contains(Point(0, -60))
    land = load_layer("land-50m").geometry.union_all()
    assert land.contains(Point(178.0, -17.8))  # Viti Levu, Fiji
    assert not land.contains(Point(-150.0, 0.0))  # the Pacific


@pytest.mark.parametrize("name", LINE_LAYERS)
def test_border_layers_are_lines_on_land(name):
    from shapely.geometry import Point

    layer = load_layer(name)
    assert set(layer.geom_type) <= {"LineString", "MultiLineString"}
    west, _south, east, _north = layer.total_bounds
    assert -180 <= west and east <= 180
    # The Tumen River border (China / North Korea / Russia) is there; the open sea is not.
    lines = layer.geometry.union_all()
    assert lines.distance(Point(130.6, 42.42)) < 0.1  # degrees: a plain proximity check
    assert lines.distance(Point(135.0, 40.0)) > 1.0


def test_corridor_layer_has_the_border_countries():
    assert {"China", "Mongolia", "Kazakhstan", "Russia", "North Korea"} <= set(
        load_layer("countries-10m-corridor")["name"]
    )


def test_unknown_layer():
    with pytest.raises(ValueError, match="is not one of"):
        load_layer("land-1m")


def test_one_feature_is_the_polygon_the_layer_holds():
    from routes.load.naturalearth import feature_geometry, feature_names

    layer = load_layer("countries-50m")
    assert feature_names("countries-50m") == list(layer["name"])
    for name, geometry in zip(layer["name"], layer.geometry):
        assert feature_geometry("countries-50m", name).equals_exact(geometry, 0), name  # same coordinates, in order
    with pytest.raises(ValueError, match="is not one of"):
        feature_geometry("land-1m", "Norway")
