"""The data's licences travel with the data: wheel metadata, GeoJSON, KML and the map."""

import json
import tomllib

import routes
from routes.load.licences import OSM, data_notices
from tests.conftest import REPO


def test_the_package_declares_every_licence_of_what_ships():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT AND ODbL-1.0 AND CC-BY-SA-4.0 AND BSD-2-Clause AND OFL-1.1"
    for name in (
        "LICENSE",
        "LICENSES/MIT.txt",
        "LICENSES/ODbL-1.0.txt",
        "LICENSES/OpenStreetMap-NOTICE.txt",
        "LICENSES/CC-BY-SA-4.0.txt",
        "LICENSES/proj4js-MIT.md",
        "LICENSES/Proj4Leaflet-BSD-2-Clause.txt",
        "LICENSES/OFL-1.1.txt",
    ):
        assert (REPO / name).is_file(), name
    assert "Attribution-ShareAlike 4.0" in (REPO / "LICENSES/CC-BY-SA-4.0.txt").read_text()
    odbl = (REPO / "LICENSES/ODbL-1.0.txt").read_text()
    assert "Open Database License" in odbl and "4.4 Share alike" in odbl and len(odbl) > 20_000  # the full text
    ofl = (REPO / "LICENSES/OFL-1.1.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl and "The Noto Project Authors" in ofl


def test_data_files_carry_their_notice():
    nodes = json.loads((REPO / "data/ports.geojson").read_text())
    assert "ODbL" in nodes["license"] and "openstreetmap.org/copyright" in nodes["license"]
    header = (REPO / "data/networks/rail.toml").read_text().split("format_version")[0]
    assert "Open Database Licence" in header and "ODbL 1.0" in header and "GPLv3" in header


def test_the_bundled_case_is_credited_and_a_case_without_osm_data_is_not(seed, mini):
    assert OSM in data_notices(seed)
    assert data_notices(routes.load_scenario(mini)) == []


def test_geojson_kml_and_map_carry_the_osm_credit(seed):
    from routes.outputs.kml import to_kml
    from routes.render.payload import build_payload

    seed_legs = routes.build_legs(seed)
    exported = routes.to_geojson(seed, seed_legs)
    assert {"license": "ODbL-1.0", "url": "https://www.openstreetmap.org/copyright"}.items() <= exported["license"][
        0
    ].items()
    kml = to_kml(seed, seed_legs).decode()
    assert "© OpenStreetMap contributors" in kml and "ODbL-1.0" in kml
    payload = build_payload(seed, seed_legs, offline=True)
    assert any(n["url"] == "https://www.openstreetmap.org/copyright" for n in payload["licences"])
    assert any(n["license"] == "public domain" for n in payload["licences"])  # the offline basemap
