"""Images taken and counts (issue 25 item 4): footprints read as they come (STAC item, KML,
GeoJSON, typed), counts by type at a node, and hostile files refused in one line each."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import routes
from routes.errors import ValidationError
from routes.load.bundled import bundled_path

STAC_ITEM = {
    "type": "Feature",
    "stac_version": "1.0.0",
    "id": "S1A_IW_GRDH_20230907",
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[130.0, 42.0], [131.5, 42.0], [131.5, 43.0], [130.0, 43.0], [130.0, 42.0]]],
    },
    "bbox": [130.0, 42.0, 131.5, 43.0],
    "properties": {
        "datetime": "2023-09-07T21:14:05Z",
        "platform": "sentinel-1a",
        "instruments": ["c-sar"],
        "providers": [{"name": "ESA", "roles": ["producer"]}],
        "license": "Contains modified Copernicus Sentinel data 2023",
    },
    "links": [],
    "assets": {},
}

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Umbra scene</name>
<TimeStamp><when>2023-09-12T01:02:03Z</when></TimeStamp>
<Polygon><outerBoundaryIs><LinearRing><coordinates>
132.00,42.70,0 132.10,42.70,0 132.10,42.80,0 132.00,42.80,0 132.00,42.70,0
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&c;</name>
<Point><coordinates>132,42.7</coordinates></Point></Placemark></kml>
"""

SOURCE = '[{ publisher = "CSIS Beyond Parallel", title = "imagery report", date = "2024-06" }]'


def _case(tmp_path: Path, extra: str) -> routes.Scenario:
    text = (bundled_path("scenarios") / "dprk-russia-2023.toml").read_text(encoding="utf-8")
    data = bundled_path("scenarios").parent
    text = text.replace('"../ports.geojson"', f'"{data / "ports.geojson"}"')
    text = text.replace('"../networks/', f'"{data / "networks"}/')
    path = tmp_path / "case.toml"
    path.write_text(text + extra, encoding="utf-8")
    return routes.load_scenario(path)


def test_footprints_from_a_stac_item_a_kml_placemark_and_typed_fields(tmp_path):
    (tmp_path / "s1.json").write_text(json.dumps(STAC_ITEM), encoding="utf-8")
    (tmp_path / "umbra.kml").write_text(KML, encoding="utf-8")
    case = _case(
        tmp_path,
        f"""
[[images_taken]]
id = "s1-najin"
file = "s1.json"
supports = ["wh-2023-10-13"]

[[images_taken]]
id = "umbra-dunay"
file = "umbra.kml"
sensor = "Umbra SAR"
provider = "Umbra"
licence = "CC-BY-4.0"

[[images_taken]]
id = "typed"
point = [130.3, 42.25]
acquired = "2023-09-08"
sensor = "PlanetScope"
provider = "Planet Labs"
licence = "not stated"
sources = {SOURCE}
""",
    )
    s1, umbra, typed = case.images_taken
    assert s1.footprint.bounds == (130.0, 42.0, 131.5, 43.0)
    assert s1.acquired == dt.datetime(2023, 9, 7, 21, 14, 5, tzinfo=dt.UTC) and s1.timed
    assert s1.sensor == "sentinel-1a (c-sar)" and s1.provider == "ESA"
    assert (
        s1.caption
        == "sentinel-1a (c-sar) (ESA), 7 Sep 2023 21:14 UTC; licence: Contains modified Copernicus Sentinel data 2023"
    )
    assert s1.supports == ("wh-2023-10-13",) and s1.origin == "s1.json"
    assert umbra.acquired.day == 12 and umbra.footprint.geom_type == "Polygon" and umbra.licence == "CC-BY-4.0"
    assert typed.footprint.geom_type == "Point" and not typed.timed and typed.when == "8 Sep 2023"


def test_counts_by_type_are_listed_never_totalled(tmp_path):
    case = _case(
        tmp_path,
        f"""
[[counts]]
id = "csis-tumangang-2024-06-17"
node = "tumangang"
date = "2024-06-17"
unit = "railcars"
by_type = {{ ore = 175, box = 14, tank = 66 }}
provider = "Airbus"
sources = {SOURCE}

[[counts]]
id = "csis-tumangang-2023-10-05"
node = "tumangang"
date = "2023-10-05"
unit = "railcars"
count = 73
qualifier = "about; contents not identifiable"
sources = {SOURCE}
""",
    )
    june, october = case.counts
    assert june.by_type == (("ore", 175), ("box", 14), ("tank", 66))
    assert june.label == "175 ore, 14 box and 66 tank railcars on 17 Jun 2024 (contents not identifiable)"
    assert "255" not in june.label  # never a total
    assert october.label == "73 railcars on 5 Oct 2023 (about; contents not identifiable)"


def test_bad_records_are_one_line_each_all_at_once(tmp_path):
    (tmp_path / "laughs.kml").write_text(LAUGHS, encoding="utf-8")
    outside = tmp_path.parent / "outside.json"
    outside.write_text(json.dumps(STAC_ITEM), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        _case(
            tmp_path,
            f"""
[[images_taken]]
id = "laughs"
file = "laughs.kml"
sensor = "x"
provider = "x"
licence = "x"
acquired = "2023-09-01"

[[images_taken]]
id = "escape"
file = "../outside.json"

[[images_taken]]
id = "bad-point"
point = [200, 95]
acquired = "2023-09-07T10:00:00"
sensor = "x"
provider = "x"
licence = "x"
supports = ["no-such-claim"]

[[counts]]
id = "nowhere"
node = "atlantis"
date = "2024-06-17"
unit = "railcars"
by_type = {{ ore = -3 }}
sources = {SOURCE}
""",
        )
    lines = str(caught.value).splitlines()
    text = "\n".join(lines)
    assert "image taken 'laughs'" in text and "declares XML entities or a DTD" in text
    assert "image taken 'escape'" in text and "outside the scenario's folder" in text
    assert "image taken 'bad-point'" in text and "outside longitude" in text
    assert "not a date or a UTC time" in text  # a time of day with no zone
    assert "unknown claim or event 'no-such-claim'" in text
    assert "count 'nowhere'" in text and "unknown node 'atlantis'" in text and "by_type.ore" in text
    assert all("Traceback" not in line for line in lines)


def test_a_type_listed_twice_once_cleaned_up_is_one_problem(tmp_path):
    with pytest.raises(ValidationError) as caught:
        _case(
            tmp_path,
            f"""
[[counts]]
id = "twice"
node = "tumangang"
date = "2024-06-17"
unit = "railcars"
by_type = {{ ore = 1, "ore " = 2, box = 3 }}
sources = {SOURCE}
""",
        )
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 and "count 'twice'" in lines[0] and "by_type" in lines[0], lines
    assert "type 'ore' listed twice" in lines[0]
