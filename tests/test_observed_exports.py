"""Observations in the exports (issue 25 item 6): GeoJSON features of their own, a KML folder
with TimeStamp / TimeSpan, and a Markdown ledger section apart from the claims."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

import routes
from routes.outputs.geojson import to_geojson
from routes.outputs.kml import to_kml
from routes.outputs.ledger import ledger_markdown
from tests.test_observed_page import _case

REPO = Path(__file__).resolve().parents[1]
KML = "{http://www.opengis.net/kml/2.2}"


def test_geojson_carries_observations_as_their_own_features(tmp_path, seed):
    case = _case(tmp_path)
    plain, seen = to_geojson(seed, routes.build_legs(seed)), to_geojson(case, routes.build_legs(case))
    schema = json.loads((REPO / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(seen, schema)
    observed = [f for f in seen["features"] if f["properties"].get("observed")]
    assert [f["properties"]["feature_type"] for f in observed] == ["image_taken", "count"]
    image, count = (f["properties"] for f in observed)
    assert image["acquired"] == "2023-09-07T21:14:05Z" and image["supports"] == ["wh-2023-10-13"]
    assert count["by_type"] == {"tank": 66, "box": 14} and count["qualifier"] == "contents not identifiable"
    assert seen["claims"] == plain["claims"]  # never merged into the claims
    legs = [f for f in seen["features"] if f["properties"]["feature_type"] == "leg"]
    assert legs == [f for f in plain["features"] if f["properties"]["feature_type"] == "leg"]


def test_kml_puts_observations_in_their_own_dated_folder(tmp_path):
    case = _case(tmp_path)
    root = ET.fromstring(to_kml(case, routes.build_legs(case)))
    folders = {f.findtext(f"{KML}name"): f for f in root.iter(f"{KML}Folder")}
    folder = folders["Observations (not claims)"]
    marks = folder.findall(f"{KML}Placemark")
    assert [m.get("id") for m in marks] == ["image-s1-najin", "count-csis-tumangang-2023-10-05"]
    assert marks[0].findtext(f"{KML}TimeStamp/{KML}when") == "2023-09-07T21:14:05Z"
    assert marks[0].find(f".//{KML}Polygon") is not None
    assert marks[1].findtext(f"{KML}TimeSpan/{KML}begin") == "2023-10-05"
    assert "Observation, not a claim" in marks[1].findtext(f"{KML}description")


def test_markdown_ledger_lists_observations_apart(tmp_path):
    case = _case(tmp_path)
    text = ledger_markdown(case)
    table, observed = text.split("## Observed (not claims)")
    assert "Sentinel-1A" not in table and "tank" not in table
    assert "- 7 Sep 2023 21:14 UTC: image taken, Sentinel-1A (ESA)" in observed
    assert (
        "- 5 Oct 2023: count at tumangang, 66 tank and 14 box railcars on 5 Oct 2023 (contents not identifiable)"
        in observed
    )
