"""The map at two depths: the folium object tree, and the rendered HTML."""

import json
import re

import folium
import pytest

import routes
from routes.render.map import script_json, stabilise_ids


@pytest.fixture(scope="module")
def seed_map(seed, seed_legs):
    return routes.render_map(seed, seed_legs.reset_index(drop=True))


@pytest.fixture(scope="module")
def seed_html(seed_map):
    from routes.outputs.export import map_html

    return map_html(seed_map)


def page_data(html):
    match = re.search(r'<script type="application/json" id="[^"]+-data">(.*?)</script>', html, re.DOTALL)
    assert match, "the page carries its data as JSON"
    return json.loads(match.group(1))


def routes_layer(fmap):
    [layer] = [c for c in fmap._children.values() if type(c).__name__ == "RoutesLayer"]
    return layer


def test_object_tree(seed_map):
    assert isinstance(seed_map, folium.Map)
    kinds = [type(c).__name__ for c in seed_map._children.values()]
    assert kinds[0] == "RoutesLayer"  # first: Leaflet must be in the head before anything uses it
    # No folium FitBounds: the page fits the route itself once its panels are measured.
    assert "TileLayer" in kinds and "FitBounds" not in kinds
    assert not any(isinstance(c, (folium.Popup, folium.Tooltip, folium.DivIcon)) for c in seed_map._children.values())
    assert seed_map.control_scale is True


def test_payload_in_the_tree(seed_map):
    payload = routes_layer(seed_map).payload
    assert [leg["id"] for leg in payload["legs"]] == [
        "najin-tikhoretsk/najin-dunay",
        "najin-tikhoretsk/dunay-tikhoretsk-depot",
    ]
    assert all(leg["dashed"] for leg in payload["legs"])
    assert payload["claims"]["wh-2023-10-13"]["headline"].startswith("more than 1,000 containers")


def test_folium_class_asset_lists_are_not_mutated(seed_map):
    from folium.folium import _default_js

    assert folium.Map.default_js is _default_js and len(folium.Map.default_js) > 0
    assert seed_map.default_js == []


def test_claim_popup_data_carries_qualifier_claimant_date_evidence_and_sources(seed_html):
    data = page_data(seed_html)
    wh = data["claims"]["wh-2023-10-13"]
    assert wh["headline"] == "more than 1,000 containers of military equipment and munitions"
    assert wh["claimant"].startswith("White House")
    assert wh["published"] == "13 Oct 2023"
    assert wh["period"] == "? – 13 Oct 2023 (“in recent weeks”)"
    assert data["claims"]["wh-2023-10-13-imagery"]["period"] == "7 Sep 2023 – 1 Oct 2023 (“between Sept. 7 and Oct. 1”)"
    assert "imagery" in wh["evidence"]
    assert wh["status"].startswith("claimed")
    labels = [data["sources"][n - 1]["label"] for n in wh["sources"]]
    assert any(label.startswith("Yonhap News Agency") for label in labels)


def test_legs_list_their_claims_without_summing(seed_html):
    data = page_data(seed_html)
    sea = data["legs"][0]
    assert sea["claims"] == ["csis-najin-2023-10", "wh-2023-10-13", "wh-2023-10-13-imagery", "rusi-2023-10-16"]
    assert "never added up" in data["not_summed"]
    # Each claim keeps its own words; no text on the page states a total across claimants.
    assert {c["headline"] for c in data["claims"].values()} >= {
        "at least six trips",
        "hundreds of containers; at least four to five trips",
    }
    texts = json.dumps({k: v for k, v in data.items() if k != "legs"}) + json.dumps(
        [{k: v for k, v in leg.items() if k not in ("coords", "arrows")} for leg in data["legs"]]
    )
    assert "total" not in texts.lower() and "1,006" not in texts and "1,300" not in texts


def test_unattached_claims_are_shown(seed_html):
    data = page_data(seed_html)
    assert "wh-2023-10-13-return" in data["unattached_claims"]


def test_low_confidence_depot_is_labelled_approximate(seed_html):
    data = page_data(seed_html)
    depot = next(n for n in data["nodes"] if n["id"] == "tikhoretsk-depot")
    assert depot["low"] and depot["label"].endswith("(location approximate)")


def test_leaflet_is_inlined_and_no_cdn_is_referenced(seed_html):
    assert "Leaflet 1.9.3" in seed_html
    assert "cdn.jsdelivr.net" not in seed_html and "code.jquery.com" not in seed_html
    assert "bootstrap" not in seed_html.lower() and "font-awesome" not in seed_html.lower()
    assert "url(images/" not in seed_html


def test_layers_a_notebook_adds_bring_the_marker_images_and_nothing_else_does(seed, seed_html):
    from routes.outputs.export import map_html
    from routes.render.assets import leaflet_marker_icons

    icons = leaflet_marker_icons()
    assert "routesUserLayers" not in seed_html and icons["shadowUrl"] not in seed_html
    fmap = routes.render_map(seed)
    folium.Marker([43.12, 131.89]).add_to(fmap)
    html = map_html(fmap)
    assert "window.routesUserLayers = function" in html and html.count("routesUserLayers({") == 1
    assert html.index("routesUserLayers({") < html.index("routesInit(map_")
    assert all(url in html for url in icons.values())


def test_only_tile_and_source_links_leave_the_page(seed_html):
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", seed_html))
    allowed = (
        "https://server.arcgisonline.com/",
        "http://www.w3.org/2000/svg",
        "https://leafletjs.com",
        "https://en.yna.co.kr/",
        "https://beyondparallel.csis.org/",
        "https://bugzilla.mozilla.org/",
        # licence notices of the data on the map
        "https://www.openstreetmap.org/copyright",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "https://www.naturalearthdata.com/about/terms-of-use/",
        "https://www.geonames.org/",
        # the copyright notice of the typeface the page carries (a CSS comment)
        "https://github.com/notofonts/latin-greek-cyrillic",
    )
    assert all(u.startswith(allowed) for u in urls), sorted(urls)


def test_no_tiles_option(seed):
    from routes.outputs.export import map_html

    html = map_html(routes.render_map(seed, tiles=None))
    assert "arcgisonline" not in html


def test_script_json_cannot_close_its_element():
    text = script_json({"x": "</script><script>alert(1)</script>", "y": "\u2028&"})
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>", "y": "\u2028&"}


def test_same_input_same_bytes_in_process(seed):
    from routes.outputs.export import map_html

    first = map_html(routes.render_map(seed))
    second = map_html(routes.render_map(seed))
    assert first == second


def test_stabilise_ids_numbers_in_tree_order():
    fmap = folium.Map(tiles=None)
    folium.FeatureGroup().add_to(fmap)
    stabilise_ids(fmap.get_root())
    names = [c.get_name() for c in fmap._children.values()]
    assert all(re.search(r"_\d{4}$", n) for n in names)
    assert fmap.get_name() == "map_0001"


def test_user_text_stays_out_of_script_and_markup(tmp_path, mini):
    from routes.outputs.export import map_html

    text = mini.read_text().replace('claimant = "Someone"', 'claimant = "</script><img src=x onerror=alert(1)>`${x}`"')
    mini.write_text(text)
    html = map_html(routes.render_map(routes.load_scenario(mini)))
    assert "<img src=x" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e`${x}`" in html


def test_leg_notes_and_vessel_operators_reach_the_page(seed_html):
    data = page_data(seed_html)
    rail = data["legs"][1]
    assert "shorter than the track" in rail["note"]
    assert "Neither the sea track nor the rail path was reported" in rail["route_note"]
    angara = data["legs"][0]["vessels"][0]
    assert "operator: M Leasing" in angara["detail"]
    assert data["claims"]["wh-2023-10-13-imagery"]["vessels"] == "Angara"


def test_coordinates_are_labelled_with_hemispheres():
    from routes.render.entries import _lat_lon_label

    assert _lat_lon_label(-70.5, -33.25) == "33.2500° S, 70.5000° W"
    assert _lat_lon_label(130.3, 42.25) == "42.2500° N, 130.3000° E"


def test_a_leg_across_the_antimeridian_is_drawn_next_to_its_nodes(tmp_path):
    from routes.render.payload import build_payload
    from tests.conftest import write

    write(
        tmp_path / "n.geojson",
        """
    {"type": "FeatureCollection", "features": [
     {"type": "Feature", "geometry": {"type": "Point", "coordinates": [158.65, 53.02]},
      "properties": {"id": "pk", "name": "Petropavlovsk-Kamchatsky (approximate, test only)", "kind": "port",
                     "country": "RU", "coord_confidence": "low", "coord_source": "approximate, test only"}},
     {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-165.41, 64.5]},
      "properties": {"id": "nome", "name": "Nome (approximate, test only)", "kind": "port", "country": "US",
                     "coord_confidence": "low", "coord_source": "approximate, test only"}}]}""",
    )
    path = write(
        tmp_path / "am.toml",
        """
    format_version = 1
    id = "am"
    title = "Across 180"
    nodes = "n.geojson"
    [[routes]]
    id = "r"
    name = "r"
      [[routes.legs]]
      from = "pk"
      to = "nome"
      mode = "air"
      geometry_basis = "assumed"
    """,
    )
    case = routes.load_scenario(path)
    legs = routes.build_legs(case)
    assert legs.loc[0, "distance_km"] < 3000  # the short way, not round the world
    payload = build_payload(case, legs)
    lons = [lon for _, lon in payload["legs"][0]["coords"]]
    nome = next(n for n in payload["nodes"] if n["id"] == "nome")
    assert max(lons) > 180 and nome["latlon"][1] == pytest.approx(lons[-1])
    (_south, west), (_north, east) = payload["bounds"]
    assert east - west < 60


def test_stations_the_routed_rail_leg_passes_are_drawn(seed_html):
    data = page_data(seed_html)
    ids = {n["id"] for n in data["nodes"]}
    assert {"khabarovsk", "chita", "novosibirsk", "omsk"} <= ids
    assert "vostochny-cosmodrome" not in ids  # only what the case uses


@pytest.mark.parametrize(
    "text",
    [
        "{{ 7*7 }}",
        "{% for x in range(3) %}x{% endfor %}",
        "{# hidden #}",
        "{{ cycler.__init__.__globals__.os.getcwd() }}",
    ],
)
def test_template_syntax_in_user_text_is_never_evaluated(mini, text):
    from routes.outputs.export import map_html

    mini.write_text(mini.read_text().replace('claimant = "Someone"', f'claimant = "{text}"'))
    html = map_html(routes.render_map(routes.load_scenario(mini), offline=True))
    assert page_data(html)["claims"]["c-1"]["claimant"] == text
    assert "49" not in page_data(html)["claims"]["c-1"]["claimant"]
