import json

import pytest

from routes import bundled_path, load_nodes
from routes.errors import ValidationError
from routes.load.nodes import name_key


def feature(coords=(130.3, 42.25), **props):
    base = {
        "id": "najin",
        "name": "Najin",
        "kind": "port",
        "country": "KP",
        "coord_confidence": "medium",
        "coord_source": "test",
    }
    base.update(props)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(coords)}, "properties": base}


def write_nodes(tmp_path, *features, **extra):
    path = tmp_path / "nodes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features), **extra}, ensure_ascii=False))
    return path


def problems(tmp_path, *features, **extra):
    with pytest.raises(ValidationError) as exc:
        load_nodes(write_nodes(tmp_path, *features, **extra))
    return [str(p) for p in exc.value.problems]


def test_bundled_nodes_load_sorted_in_wgs84():
    nodes = load_nodes(bundled_path("ports.geojson"))
    assert nodes.crs.to_epsg() == 4326
    assert list(nodes["id"]) == sorted(nodes["id"])
    assert nodes["id"].is_unique
    assert {"najin", "dunay", "tikhoretsk-depot", "rason"} <= set(nodes["id"])


def test_bundled_nodes_carry_provenance_and_local_names():
    nodes = load_nodes(bundled_path("ports.geojson")).set_index("id")
    assert nodes.loc["dunay", "local_names"]["ru"] == "Дунай"
    assert "나진" in nodes.loc["najin", "local_names"]["ko"]
    assert nodes.loc["tikhoretsk-depot", "coord_confidence"] == "low"
    assert all(isinstance(s, str) and s for s in nodes["coord_source"])


def test_rajin_names_the_port_and_rason_the_city():
    nodes = load_nodes(bundled_path("ports.geojson")).set_index("id")
    assert "Rajin" in nodes.loc["najin", "aliases"]
    assert "Rason" not in nodes.loc["najin", "aliases"]
    assert nodes.loc["rason", "kind"] == "city"


@pytest.mark.parametrize(
    "node, lon, lat",
    [
        # Sourced references of ../shared/reference/facts.md §1: stops within a few km.
        ("najin", 130.300, 42.250),
        ("dunay", 132.3375, 42.8803),
        ("tikhoretsk", 40.1260, 45.8546),
        ("tikhoretsk-depot", 40.042, 45.882),
        # Khabarovsk: the node is the station Khabarovsk I (OSM, as in rail.toml), 3.7 km from the town centre.
        ("khabarovsk", 135.073, 48.497),
    ],
)
def test_stop_coordinates_match_sourced_references(node, lon, lat):
    from routes.geo.geodesy import distance_km

    nodes = load_nodes(bundled_path("ports.geojson")).set_index("id")
    point = nodes.loc[node, "geometry"]
    assert distance_km((point.x, point.y), (lon, lat)) < 3


def test_latitude_out_of_range(tmp_path):
    assert problems(tmp_path, feature((130.3, 95))) == [
        (
            f"{tmp_path / 'nodes.geojson'}: feature 0 'najin', field 'geometry': latitude out of range in [130.3, 95] "
            "(must be within ±90); give [lon, lat] in decimal degrees"
        )
    ]


def test_swapped_coordinates_get_a_hint(tmp_path):
    [message] = problems(tmp_path, feature((42.25, 130.3)))
    assert "latitude out of range" in message
    assert "look swapped; GeoJSON order is [lon, lat]: write [130.3, 42.25]" in message


def test_longitude_out_of_range(tmp_path):
    [message] = problems(tmp_path, feature((190.0, 95.0)))
    assert "out of range" in message


def test_all_problems_reported_at_once(tmp_path):
    found = problems(
        tmp_path,
        feature(id="Najin Port"),
        feature((1, 2), id="b", kind="harbour", coord_confidence="sure", country="Russia"),
        feature((3, 4), id="b", name="Najin"),
    )
    text = "\n".join(found)
    assert "'Najin Port' is not a slug" in text
    assert "'harbour' is not a known value; use one of 'port'" in text
    assert "field 'coord_confidence': 'sure' is not a known value" in text
    assert "'Russia' is not an ISO 3166-1 alpha-2 code" in text
    assert "duplicate id 'b'" in text
    assert "name 'Najin' is already used" in text
    assert len(found) >= 6


def test_duplicate_alias_across_nodes_is_refused_after_normalisation(tmp_path):
    # "Rajin" typed with a combining character and other case still collides.
    found = problems(
        tmp_path, feature(aliases=["Rajin"]), feature((1, 2), id="other", name="Other", aliases=["RAJIN "])
    )
    assert any("name 'RAJIN' is already used by node 'najin'" in p for p in found)


def test_names_match_after_nfc_normalisation():
    assert name_key("Cafe\u0301") == name_key("Café")


@pytest.mark.parametrize(
    "geometry, message",
    [
        ({"type": "LineString", "coordinates": [[1, 2], [3, 4]]}, "type 'LineString' is not Point"),
        ({"type": "Point", "coordinates": []}, "is empty"),
        (None, "missing or null"),
    ],
)
def test_wrong_or_empty_geometry(tmp_path, geometry, message):
    bad = feature()
    bad["geometry"] = geometry
    assert any(message in p for p in problems(tmp_path, bad))


def test_non_wgs84_crs_member_is_refused(tmp_path):
    found = problems(tmp_path, feature(), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}})
    assert any("is not WGS84 longitude/latitude; reproject the file to WGS84" in p for p in found)


def test_crs84_member_is_accepted(tmp_path):
    path = write_nodes(
        tmp_path, feature(), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    )
    assert len(load_nodes(path)) == 1


def test_unknown_field_suggests_the_right_one(tmp_path):
    assert any(
        "field 'aliasses': unknown field; did you mean 'aliases'?" in p
        for p in problems(tmp_path, feature(aliasses=["x"]))
    )


def test_not_a_feature_collection(tmp_path):
    path = tmp_path / "n.geojson"
    path.write_text('{"type": "Feature"}')
    with pytest.raises(ValidationError, match="is not a GeoJSON FeatureCollection"):
        load_nodes(path)


def test_lone_surrogate_in_a_name_is_refused(tmp_path):
    path = tmp_path / "nodes.geojson"
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature()]}).replace('"Najin"', '"Najin \\ud800"')
    )
    with pytest.raises(ValidationError, match="field 'name': holds the control or invalid character U\\+D800"):
        load_nodes(path)


def test_third_coordinate_must_be_a_number(tmp_path):
    assert any("holds a value that is not a number" in p for p in problems(tmp_path, feature((130.3, 42.25, {"x": 1}))))
