import xml.etree.ElementTree as ET

import pytest

import routes
from routes.outputs.kml import KML_NS, to_kml

NS = {"k": KML_NS}


@pytest.fixture(scope="module")
def kml(seed, seed_legs):
    return ET.fromstring(to_kml(seed, seed_legs.reset_index(drop=True)))


def test_kml_has_legs_and_stops(kml):
    names = [e.text for e in kml.iterfind(".//k:Placemark/k:name", NS)]
    assert "najin → dunay (sea)" in names
    assert "Ammunition depot near Tikhoretsk" in names
    coords = kml.find(".//k:Placemark/k:MultiGeometry/k:LineString/k:coordinates", NS).text.split()
    assert len(coords) > 10 and coords[0].count(",") == 2


def test_descriptions_carry_the_claims(kml):
    text = " ".join(e.text for e in kml.iterfind(".//k:Placemark/k:description", NS))
    assert "more than 1,000 containers" in text and "Claimant: White House" in text
    assert '<a href="https://en.yna.co.kr/view/AEN20231014000400315">' in text


def test_hostile_text_is_escaped_twice(mini):
    mini.write_text(mini.read_text().replace('claimant = "Someone"', 'claimant = "<script>alert(1)</script>"'))
    case = routes.load_scenario(mini)
    raw = to_kml(case, routes.build_legs(case))
    assert b"<script>" not in raw
    root = ET.fromstring(raw)
    description = " ".join(e.text for e in root.iterfind(".//k:Placemark/k:description", NS))
    # After XML parsing, the balloon HTML still holds the text escaped: it shows as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in description and "<script>" not in description
