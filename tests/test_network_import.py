"""routes network import: line files become routable network files, with junctions snapped,
lines split where they meet, components reported, source and licence recorded."""

from __future__ import annotations

import json
import math
import tomllib

import geopandas
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import LineString, MultiLineString, Point

import routes
from routes.cli import cli
from routes.geo.geodesy import distance_km
from routes.geo.graph import single_mode_path
from routes.geo.netimport import ImportOptions, import_network
from routes.load.networks import load_network, node_positions
from routes.load.nodes import load_nodes
from routes.model.vocabulary import Mode

SOURCE, LICENCE = "synthetic lines of the test suite", "CC0-1.0"
# A main line west -> east; a branch whose north end stops 6 m short of the main line's middle,
# between two of its vertices (a T-junction); a line starting 29 m east of the main line's end
# (a gap within 50 m); an isolated line far away.
MAIN = LineString([(10.0, 50.0), (10.5, 50.01), (11.0, 50.0)])
BRANCH = LineString([(10.75, 50.00495), (10.75, 49.7), (10.8, 49.5)])
GAP = LineString([(11.0004, 50.0), (11.5, 50.2)])
ISOLATED = LineString([(12.5, 51.0), (12.6, 51.1)])


def make_lines(**overrides) -> geopandas.GeoDataFrame:
    lines = {"Main": MAIN, "Branch": BRANCH, None: GAP, "Isolated": ISOLATED}
    lines.update(overrides)
    return geopandas.GeoDataFrame({"name": list(lines)}, geometry=list(lines.values()), crs="EPSG:4326")


def run(*args):
    return CliRunner().invoke(cli, ["network", "import", *map(str, args)])


def do_import(tmp_path, frame, *options, name="lines.gpkg", out="net.toml"):
    path = tmp_path / name
    frame.to_file(path, engine="pyogrio")
    result = run(path, "--mode", "rail", "--source", SOURCE, "--licence", LICENCE, "-o", tmp_path / out, *options)
    assert result.exit_code == 0, result.stderr
    return tmp_path / out, result


def junction_at(network, lon, lat):
    """The id of the junction nearest (lon, lat), and how far it is in km."""
    found = min(
        network.junctions, key=lambda j: distance_km((lon, lat), (network.junctions[j].lon, network.junctions[j].lat))
    )
    point = network.junctions[found]
    return found, distance_km((lon, lat), (point.lon, point.lat))


def route(network, nodes, a, b):
    positions = (
        node_positions(nodes, network)
        if nodes is not None
        else {j: (p.lon, p.lat) for j, p in network.junctions.items()}
    )
    return single_mode_path(network, positions, network.segments[0].mode, a, b)


def no_nodes():
    return geopandas.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3035"])
def test_the_file_loads_and_routes_through_the_t_junction_and_across_the_gap(tmp_path, crs):
    path, result = do_import(tmp_path, make_lines().to_crs(crs), name="lines.geojson")
    network = load_network(path)
    assert (network.source, network.licence) == (SOURCE, LICENCE)
    west, d1 = junction_at(network, 10.0, 50.0)
    south, d2 = junction_at(network, 10.8, 49.5)
    east, d3 = junction_at(network, 11.5, 50.2)
    tee, d4 = junction_at(network, 10.75, 50.005)
    assert max(d1, d2, d3, d4) < 0.01  # reprojected back to within 10 m
    assert route(network, no_nodes(), west, south) == (west, tee, south)
    across = route(network, no_nodes(), south, east)
    assert across is not None and across[1] == tee and len(across) == 4  # south, tee, the gap's junction, east
    isolated, _ = junction_at(network, 12.5, 51.0)
    assert route(network, no_nodes(), west, isolated) is None
    assert "2 connected component(s); the largest holds" in result.stderr
    assert "component 2: 1 segments" in result.stderr and "bounds 12.500,51.000 to 12.600,51.100" in result.stderr


def test_a_gap_wider_than_the_snap_tolerance_stays_open(tmp_path):
    path, result = do_import(tmp_path, make_lines(), "--snap-m", "20")
    network = load_network(path)
    west, _ = junction_at(network, 10.0, 50.0)
    east, _ = junction_at(network, 11.5, 50.2)
    south, _ = junction_at(network, 10.8, 49.5)
    assert route(network, no_nodes(), west, east) is None
    assert route(network, no_nodes(), west, south) is not None  # the T-junction's 6 m still join
    assert "3 connected component(s)" in result.stderr


def test_shared_vertices_join_lines_and_bare_crossings_do_not(tmp_path):
    # An OpenStreetMap-style crossing: both ways hold the vertex (20.5, 50.5); and a bridge:
    # two lines crossing at (21.5, 50.5) with no vertex there.
    frame = geopandas.GeoDataFrame(
        {"name": ["a", "b", "c", "d"]},
        geometry=[
            LineString([(20.0, 50.5), (20.5, 50.5), (21.0, 50.5)]),
            LineString([(20.5, 50.0), (20.5, 50.5), (20.5, 51.0)]),
            LineString([(21.2, 50.5), (21.8, 50.5)]),
            LineString([(21.5, 50.0), (21.5, 51.0)]),
        ],
        crs="EPSG:4326",
    )
    path, result = do_import(tmp_path, frame)
    network = load_network(path)
    crossing, km = junction_at(network, 20.5, 50.5)
    assert km < 0.001
    assert sum(crossing in (s.start, s.end) for s in network.segments) == 4
    assert junction_at(network, 21.5, 50.5)[1] > 10
    assert len(network.segments) == 6
    assert "3 connected component(s)" in result.stderr


def test_multilinestrings_are_read_part_by_part(tmp_path):
    frame = make_lines(Main=MultiLineString([[(10.0, 50.0), (10.5, 50.01)], [(10.5, 50.01), (11.0, 50.0)]]))
    path, result = do_import(tmp_path, frame)
    network = load_network(path)
    west, _ = junction_at(network, 10.0, 50.0)
    east, _ = junction_at(network, 11.5, 50.2)
    assert route(network, no_nodes(), west, east) is not None
    assert "4 lines read (5 line pieces)" in result.stderr


def test_shape_points_stay_within_the_stated_tolerance(tmp_path):
    wiggle = LineString([(30 + i / 100, 55 + 0.003 * math.sin(i / 3)) for i in range(400)])
    frame = geopandas.GeoDataFrame({"name": ["Wiggle"]}, geometry=[wiggle], crs="EPSG:4326")
    path, _ = do_import(tmp_path, frame, "--simplify-m", "200")
    text = path.read_text(encoding="utf-8")
    assert "within 200 m" in text
    (segment,) = load_network(path).segments
    kept = [(30.0, 55.0), *((p.lon, p.lat) for p in segment.points), wiggle.coords[-1]]
    assert 3 < len(kept) < 200
    assert {p.name for p in segment.points} == {"Wiggle"} and {p.source for p in segment.points} == {SOURCE}
    # Distances on a local plane in metres (the step is a few km; the plane's error is far below 1 m).
    scale = 6_371_008.8 * math.pi / 180
    local = lambda pts: LineString([(x * scale * math.cos(math.radians(55.15)), y * scale) for x, y in pts])
    simple = local(kept)
    worst = max(simple.distance(Point(p)) for p in local(wiggle.coords).coords)
    assert 100 < worst <= 200 * 1.01 + 2  # rounding to 1e-5 degree moves a point up to ~1 m


def test_nodes_are_attached_and_a_scenario_routes_between_them(tmp_path):
    nodes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": lonlat},
                "properties": {
                    "id": ident,
                    "name": ident.title(),
                    "kind": "station",
                    "country": "DE",
                    "coord_confidence": "high",
                    "coord_source": "test",
                },
            }
            for ident, lonlat in (
                ("west-yard", [10.3, 50.03]),
                ("south-depot", [10.8, 49.49]),
                ("far-away", [14.0, 48.0]),
            )
        ],
    }
    (tmp_path / "nodes.geojson").write_text(json.dumps(nodes), encoding="utf-8")
    path, result = do_import(tmp_path, make_lines(), "--nodes", tmp_path / "nodes.geojson", "--attach-km", "5")
    assert "2 node(s) attached: south-depot (1.11 km), west-yard (2.6" in result.stderr
    assert "node 'far-away' not attached: nearest line 30" in result.stderr  # about 305 km
    network = load_network(path)
    frame = load_nodes(tmp_path / "nodes.geojson")
    assert route(network, frame, "west-yard", "far-away") is None
    path_ids = route(network, frame, "west-yard", "south-depot")
    assert path_ids[0] == "west-yard" and path_ids[-1] == "south-depot" and len(path_ids) == 5
    scenario = tmp_path / "case.toml"
    scenario.write_text(
        f"""
format_version = 1
id = "imported"
title = "Imported network"
nodes = "nodes.geojson"
networks = ["{path.name}"]

[[routes]]
id = "w-s"
name = "West to south"
  [[routes.legs]]
  from = "west-yard"
  to = "south-depot"
  mode = "rail"
  geometry_basis = "routed"
""",
        encoding="utf-8",
    )
    case = routes.load_scenario(scenario)
    (leg,) = routes.build_legs(case).itertuples()
    straight = distance_km((10.3, 50.03), (10.8, 49.49))
    assert leg.distance_km > 1.2 * straight  # along the main line and down the branch


def test_a_node_beside_a_line_end_joins_the_end_junction(tmp_path):
    # The yard stands 1 km north of the line, level with a point 20 m short of its east end: within
    # snap_m (50 m) of the end junction, so it joins that junction rather than splitting the line.
    frame = geopandas.GeoDataFrame(
        {"name": ["Main"]}, geometry=[LineString([(10.0, 50.0), (10.25, 50.0), (10.5, 50.0)])], crs="EPSG:4326"
    )
    frame.to_file(tmp_path / "line.gpkg")
    yard = {"id": "yard", "name": "Yard", "kind": "station", "country": "DE", "coord_confidence": "high"}
    nodes = geopandas.GeoDataFrame(
        [{**yard, "coord_source": "test"}], geometry=[Point(10.5 - 0.00028, 50.009)], crs="EPSG:4326"
    )
    result = import_network(tmp_path / "line.gpkg", ImportOptions(Mode.RAIL, SOURCE, LICENCE, prefix="t"), nodes=nodes)
    assert [node for node, _ in result.attached] == ["yard"]
    assert (result.junctions, result.segments) == (2, 2)
    written = tomllib.loads(result.text)
    assert not [j for j in written["junctions"] if "nearest point of the line" in j["name"]]
    east = next(j["id"] for j in written["junctions"] if j["lon"] == 10.5)
    assert {(s["from"], s["to"]) for s in written["segments"]} == {("t-j1", east), ("yard", east)}


def test_the_same_input_writes_the_same_bytes(tmp_path):
    first, _ = do_import(tmp_path, make_lines(), "--prefix", "same", out="a.toml")
    second, _ = do_import(tmp_path, make_lines(), "--prefix", "same", out="b.toml")
    assert first.read_bytes() == second.read_bytes()
    assert '"same-j1"' in first.read_text()


def test_python_api_reports_what_it_built(tmp_path):
    make_lines().to_file(tmp_path / "lines.gpkg")
    result = import_network(tmp_path / "lines.gpkg", ImportOptions(Mode.RAIL, SOURCE, LICENCE, prefix="t"))
    assert (result.lines_read, result.segments, len(result.components)) == (4, 5, 2)
    assert result.components[0].segments == 4 and result.components[0].km > 10 * result.components[1].km
    assert 150 < result.km < 220


@pytest.mark.parametrize(
    ("make", "args", "expected"),
    [
        (
            lambda p: geopandas.GeoDataFrame(geometry=[LineString([(500000, 5500000), (510000, 5510000)])]).to_file(
                p / "x.shp"
            ),
            ["x.shp"],
            r"x\.shp: field 'crs': the file has no coordinate reference system and its coordinates are not degrees .*; give the file its CRS",
        ),
        (
            lambda p: make_lines(Point=Point(1, 1)).to_file(p / "x.geojson"),
            ["x.geojson"],
            r"x\.geojson: feature 4, field 'geometry': is a Point, not a line \(1 such features\); keep only LineString",
        ),
        (
            lambda p: [make_lines().to_file(p / "x.gpkg", layer=name) for name in ("lines", "points")],
            ["x.gpkg"],
            r"x\.gpkg: field 'layer': the file has 2 layers \(lines, points\); choose the one with the lines with --layer NAME",
        ),
        (
            lambda p: make_lines().to_file(p / "x.gpkg", layer="lines"),
            ["x.gpkg", "--layer", "line"],
            r"x\.gpkg: layer 'line', field 'layer': no such layer; did you mean 'lines'\?",
        ),
        (
            lambda p: make_lines().to_file(p / "x.gpkg"),
            ["x.gpkg", "--name-field", "nmae"],
            r"x\.gpkg: field 'nmae': no such field; did you mean 'name'\?",
        ),
        (
            lambda p: (p / "x.geojson").write_text("{not json"),
            ["x.geojson"],
            r"x\.geojson: cannot be read as a vector file .*; give a GeoJSON, GeoPackage",
        ),
        (lambda p: None, ["missing.gpkg"], r"missing\.gpkg: file not found; check the path"),
        (
            lambda p: geopandas.GeoDataFrame(
                geometry=[LineString([(1, 1), (1, 1)]), LineString([(2, 2), (2.0001, 2)])], crs="EPSG:4326"
            ).to_file(p / "x.geojson"),
            ["x.geojson"],
            r"x\.geojson: field 'geometry': every line collapses to a point once ends within 50 m are joined",
        ),
    ],
)
def test_each_problem_is_one_line_and_nothing_is_written(tmp_path, monkeypatch, make, args, expected):
    monkeypatch.chdir(tmp_path)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # writing a Shapefile without a CRS warns
        make(tmp_path)
    (tmp_path / "out.toml").write_text("old\n")
    result = run(*args, "--mode", "rail", "--source", SOURCE, "--licence", LICENCE, "-o", "out.toml")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("routes: error: ")]
    assert len(errors) == 1, result.stderr
    assert __import__("re").search(expected, errors[0]), errors[0]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out.toml").read_text() == "old\n"


def test_source_and_licence_are_required(tmp_path):
    make_lines().to_file(tmp_path / "x.gpkg")
    result = run(tmp_path / "x.gpkg", "--mode", "rail", "-o", tmp_path / "out.toml")
    assert result.exit_code == 1
    assert "field '--source': missing" in result.stderr and "field '--licence': missing" in result.stderr
    assert "give --licence ODbL-1.0 (OpenStreetMap)" in result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_without_output_the_file_goes_to_stdout(tmp_path):
    make_lines().to_file(tmp_path / "x.gpkg")
    result = run(tmp_path / "x.gpkg", "--mode", "rail", "--source", SOURCE, "--licence", LICENCE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Network file written by 'routes network import' from x.gpkg")
    assert f'licence = "{LICENCE}"' in result.stdout and "[[segments]]" in result.stdout
    assert "5 segments" in result.stderr


def test_texts_that_need_escaping_survive(tmp_path):
    source = 'OSM "contributors" \\ extract'
    frame = make_lines(**{'Line "7"\tnorth': LineString([(10.0, 49.0), (10.2, 49.05), (10.4, 49.0)])})
    path = tmp_path / "x.gpkg"
    frame.to_file(path)
    result = run(path, "--mode", "rail", "--source", source, "--licence", LICENCE, "-o", tmp_path / "out.toml")
    assert result.exit_code == 0, result.stderr
    network = load_network(tmp_path / "out.toml")
    assert network.source == source
    names = {p.name for s in network.segments for p in s.points}
    assert 'Line "7" north' in names
    assert shapely.get_num_geometries(frame.geometry.values).sum() == 5


@pytest.mark.parametrize("source", ["OSM\x7fextract", "OSM\x01extract"])
def test_a_source_with_a_control_character_is_escaped_in_the_toml(tmp_path, source):
    # Only the Python API takes such a source (the CLI refuses control characters in --source, and
    # so does the network loader, with a problem of its own). TOML allows none unescaped, in a
    # string or a comment; DEL is the one JSON's escaping leaves raw.
    make_lines().to_file(tmp_path / "lines.gpkg")
    result = import_network(tmp_path / "lines.gpkg", ImportOptions(Mode.RAIL, source, LICENCE, prefix="t"))
    written = tomllib.loads(result.text)
    assert written["source"] == source and {j["source"] for j in written["junctions"]} == {source}


def test_segment_notes_name_the_feature_they_come_from(tmp_path):
    frame = geopandas.GeoDataFrame({"name": ["empty", "Main"]}, geometry=[None, MAIN], crs="EPSG:4326")
    path, result = do_import(tmp_path, frame, name="x.geojson")
    (segment,) = load_network(path).segments
    assert segment.note == "feature 1 (Main)"
    assert "1 features without geometry skipped" in result.stderr


def test_a_file_too_big_to_load_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("routes.geo.netimport.importer.MAX_INPUT_BYTES", 1000)
    make_lines().to_file(tmp_path / "x.gpkg")
    result = run(
        tmp_path / "x.gpkg", "--mode", "rail", "--source", SOURCE, "--licence", LICENCE, "-o", tmp_path / "o.toml"
    )
    assert result.exit_code == 1
    assert "over the 1,000 bytes routes reads; raise --simplify-m (now 200)" in result.stderr
    assert not (tmp_path / "o.toml").exists()


def test_network_files_keep_source_and_licence_and_merging_joins_them(tmp_path):
    from routes.load.networks import merge_networks

    base = 'format_version = 1\nmode = "rail"\n'
    (tmp_path / "a.toml").write_text(base + 'source = "OSM"\nlicence = "ODbL-1.0"\n')
    (tmp_path / "b.toml").write_text(base + 'source = "national dataset"\nlicence = "ODbL-1.0"\n')
    (tmp_path / "c.toml").write_text(base)
    a, b, c = (load_network(tmp_path / f"{n}.toml") for n in "abc")
    assert (a.source, a.licence, c.source, c.licence) == ("OSM", "ODbL-1.0", None, None)
    merged = merge_networks([a, b, c])
    assert (merged.source, merged.licence) == ("OSM; national dataset", "ODbL-1.0")
    (tmp_path / "d.toml").write_text(base + "source = 7\n")
    with pytest.raises(routes.ValidationError, match=r"d\.toml: field 'source': 7 is not text"):
        load_network(tmp_path / "d.toml")


def test_a_file_without_crs_in_degrees_is_read_as_lon_lat_and_says_so(tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # writing a Shapefile without a CRS warns
        make_lines().set_crs(None, allow_override=True).to_file(tmp_path / "x.shp")
    result = run(
        tmp_path / "x.shp", "--mode", "rail", "--source", SOURCE, "--licence", LICENCE, "-o", tmp_path / "o.toml"
    )
    assert result.exit_code == 0, result.stderr
    assert "the file has no CRS; its coordinates are degrees, read as WGS84 longitude/latitude" in result.stderr
    assert junction_at(load_network(tmp_path / "o.toml"), 10.8, 49.5)[1] < 0.001


def test_lines_split_at_the_antimeridian_are_joined(tmp_path):
    frame = geopandas.GeoDataFrame(
        {"name": ["west", "east"]},
        geometry=[LineString([(178.0, 65.0), (180.0, 65.5)]), LineString([(-180.0, 65.5), (-178.0, 66.0)])],
        crs="EPSG:4326",
    )
    path, result = do_import(tmp_path, frame, "--mode", "sea")
    network = load_network(path)
    a, _ = junction_at(network, 178.0, 65.0)
    b, _ = junction_at(network, -178.0, 66.0)
    assert route(network, no_nodes(), a, b) is not None
    assert "1 connected component(s)" in result.stderr
