"""Map labels in a real browser, for the three bundled cases at three sizes: where Chromium
draws each country's and sea's name (its centre, turned back into lon/lat through the Leaflet
map) lies in that country or in that sea's own water, and every marker on the map is named by
a label or by a legend row."""

import json

import pytest
import shapely

import routes
from routes.outputs.export import write_html
from routes.render.countrylabels import country_geometry
from routes.render.entries import KIND_STYLES
from tests.conftest import SHARED, PageProbe

CASES = ("dprk-russia-2023", "dprk-russia-2023-2025", "iran-russia-caspian")
# 1920x1080 (slide-16x9), 1024x768, a4-landscape (1754x1240).
SIZES = ((1920, 1080), (1024, 768), (1754, 1240))
MARINE = SHARED / "data" / "naturalearth" / "ne_10m_geography_marine_polys.json"
# The page's sea names that Natural Earth's marine polygons spell otherwise.
POLYGON_NAMES = {
    "Pacific Ocean": ("NORTH PACIFIC OCEAN", "SOUTH PACIFIC OCEAN"),
    "Atlantic Ocean": ("NORTH ATLANTIC OCEAN", "SOUTH ATLANTIC OCEAN"),
    "Indian Ocean": ("INDIAN OCEAN",),
    "Arctic Ocean": ("ARCTIC OCEAN",),
    "Sea of Japan (East Sea)": ("Sea of Japan",),
}

# Every label of the page as Chromium placed it: text, kind, shown, its box and its centre in lon/lat.
PLACED = """() => {
  const m = window.routesMap.map, frame = m.getContainer().getBoundingClientRect();
  return window.routesMap.labels.items.map(it => {
    const r = it.el.getBoundingClientRect();
    const ll = m.containerPointToLatLng([r.left - frame.left + r.width / 2, r.top - frame.top + r.height / 2]);
    return {text: it.el.getAttribute("data-place"), node: it.el.getAttribute("data-node"),
      kind: (it.el.className.match(/routes-place-(country|sea|ocean|capital|city)\\b/) || [])[1] || null,
      shown: !!it.shown, lon: ll.lng, lat: ll.lat, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  });
}"""


@pytest.fixture(scope="module")
def case_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labels")
    pages = {}
    for case in CASES:
        pages[case] = folder / f"{case}.html"
        write_html(routes.render_map(routes.load_scenario(case), offline=True), pages[case])
    return pages


@pytest.fixture(scope="module")
def placed(browser, case_pages):
    """``{(case, size): labels}`` for every case at every size, in the print layout (the PNG's)."""
    out = {}
    for case, path in case_pages.items():
        for size in SIZES:
            with PageProbe(browser, path, viewport=size) as probe:
                probe.page.evaluate("() => window.routesMap.print()")
                probe.page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 200)))")
                out[case, size] = {
                    "labels": probe.page.evaluate(PLACED),
                    "markers": probe.page.evaluate(MARKERS),
                    "legend": probe.page.locator(".routes-legend").inner_text(),
                    "errors": list(probe.errors),
                }
    return out


@pytest.fixture(scope="module")
def seas():
    if not MARINE.exists():
        pytest.skip("../shared reference data not present (set ROUTES_SHARED)")
    from routes.load.naturalearth import load_geometry

    by_name: dict[str, list] = {}
    for feature in json.loads(MARINE.read_text(encoding="utf-8"))["features"]:
        name = " ".join((feature["properties"].get("name") or "").split())
        by_name.setdefault(name, []).append(shapely.geometry.shape(feature["geometry"]))
    return by_name, load_geometry("land-50m")


def _point(label):
    lon = (label["lon"] + 180) % 360 - 180  # the page may draw east of 180
    return shapely.Point(lon, label["lat"])


def _shown(placed, kinds):
    return [
        (case, size, label)
        for (case, size), found in placed.items()
        for label in found["labels"]
        if label["shown"] and label["kind"] in kinds
    ]


def test_every_country_name_is_centred_in_its_country(placed):
    shown = _shown(placed, ("country",))
    assert len({(case, size) for case, size, _ in shown}) == len(CASES) * len(SIZES)  # every page names countries
    wrong = [
        (case, size, label["text"], round(label["lon"], 2), round(label["lat"], 2))
        for case, size, label in shown
        if not country_geometry(label["text"]).buffer(0.01).contains(_point(label))
    ]
    assert not wrong


def test_every_sea_name_is_centred_in_its_own_water(placed, seas):
    polygons, land = seas
    shown = _shown(placed, ("sea", "ocean"))
    assert {label["text"] for _, _, label in shown} >= {"Caspian Sea", "Black Sea", "Sea of Japan (East Sea)"}
    wrong = []
    for case, size, label in shown:
        water = shapely.union_all([p for n in POLYGON_NAMES.get(label["text"], (label["text"],)) for p in polygons[n]])
        point = _point(label)
        if not water.contains(point) or land.contains(point):
            wrong.append((case, size, label["text"], round(label["lon"], 2), round(label["lat"], 2)))
    assert not wrong


def test_the_pages_place_their_labels_without_errors(placed):
    assert all(found["errors"] == [] for found in placed.values())


# Every node marker drawn on the main map: its id, kind and whether it is on the map.
MARKERS = """() => {
  const rm = window.routesMap, out = [];
  [rm.layers.stops, rm.layers.stations].forEach(group => group.eachLayer(m => {
    if (m._map) { out.push({id: m.routesNodeId, kind: rm.data.nodes.find(n => n.id === m.routesNodeId).kind}); }
  }));
  return out;
}"""


def test_every_marker_has_a_label_or_a_legend_row(placed):
    unnamed = []
    for (case, size), found in placed.items():
        labelled = {label["node"] for label in found["labels"] if label["node"] and label["shown"]}
        for marker in found["markers"]:
            if marker["id"] in labelled:
                continue
            # An unlabelled marker is a station or junction, whose kind the legend names.
            if (
                marker["kind"] not in ("station", "junction")
                or KIND_STYLES[marker["kind"]]["label"] not in found["legend"]
            ):
                unnamed.append((case, size, marker["id"], marker["kind"]))
    assert not unnamed
    # The 2023-2025 case's site and airfield carry their names (the desk review found them bare).
    labels_25 = {label["node"] for label in placed["dprk-russia-2023-2025", (1920, 1080)]["labels"] if label["shown"]}
    assert {"vostochny-cosmodrome", "komsomolsk-knaaz"} <= labels_25


def test_a_place_name_keeps_apart_from_the_label_beside_it(placed):
    # "Syzran" and "Samara" side by side read as one name: a city's name placed beside another
    # label on the same line keeps a gap of a few pixels.
    close = []
    for (case, size), found in placed.items():
        shown = [label for label in found["labels"] if label["shown"]]
        for city in (label for label in shown if label["kind"] in ("city", "capital")):
            for other in shown:
                same_line = city["top"] < other["bottom"] - 1 and other["top"] < city["bottom"] - 1
                gap = max(other["left"] - city["right"], city["left"] - other["right"])
                if other is not city and same_line and gap < 4:
                    close.append((case, size, city["text"], other["text"] or other["node"], round(gap, 1)))
    assert not close
