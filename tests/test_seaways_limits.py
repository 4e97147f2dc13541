"""Draught limits of straits and canals: the sourced table, the lanes it claims, the lines it bends."""

import importlib.resources
import json

import pytest

from routes.geo.geodesy import densify
from routes.geo.seaways import world_passages, world_sea_line
from routes.geo.seaways_limits import draught_note, gate_passages, limit, passage_limits, too_shallow
from routes.geo.seaways_marnet import _network
from routes.model.records import Vessel, check_draught_m


def searoute_port(code):
    text = (importlib.resources.files("searoute.data") / "ports.geojson").read_text(encoding="utf-8")
    return next(
        tuple(f["geometry"]["coordinates"]) for f in json.loads(text)["features"] if f["properties"]["port"] == code
    )


PRIMORSK, SIKKA = searoute_port("RUPRI"), searoute_port("INSIK")


def test_every_limit_has_a_source_and_a_place_on_the_lanes():
    table = passage_limits()
    assert {"oresund", "great_belt", "suez", "panama", "kerch"} <= set(table)
    for row in table.values():
        assert len(row.source) > 40 and ("http" in row.source or "Authority" in row.source), row.passage
        assert row.max_draught_m is None or 5.0 < row.max_draught_m < 25.0
        assert (row.marnet is None) != (row.gate is None)
    with_lanes = {p for p in table if p in world_passages()}
    assert with_lanes == set(table) - {"kiel"}  # MARNET has no lane through the Kiel Canal (the table says so)
    assert "no lane" in limit("kiel").note


def test_the_gates_claim_the_lanes_through_their_straits():
    network = _network()
    straits = {}
    for _, _, data in network.graph.edges(data=True):
        if data["strait"]:
            straits[data["strait"]] = straits.get(data["strait"], 0) + 1
    assert set(straits) == {"oresund", "great_belt", "kerch"}
    assert all(0 < count <= 3 for count in straits.values()), straits  # a lane or two each, not a sea
    # A line across the Sound at Drogden crosses the gate; one north of it (Helsingør) does not.
    assert gate_passages([(12.70, 55.52), (12.55, 56.05)], [(12.75, 55.70), (12.70, 56.05)]) == ["oresund", None]


def test_too_shallow_is_strict_at_the_limit():
    assert "great_belt" not in too_shallow(15.0)
    assert "great_belt" in too_shallow(15.1)
    assert too_shallow(5.0) == frozenset()


def test_a_laden_tanker_leaves_the_baltic_by_the_great_belt():
    plain = world_sea_line(PRIMORSK, SIKKA)
    laden = world_sea_line(PRIMORSK, SIKKA, draught_m=15.0)
    assert plain.straits[0] == "oresund" and "great_belt" not in plain.straits
    assert laden.straits[:2] == ("great_belt", "suez") and "oresund" not in laden.straits
    assert laden.passages == plain.passages  # Gibraltar, Suez and Bab-el-Mandeb either way
    assert laden.km > plain.km

    # The Great Belt lies between Funen and Zealand, west of the Øresund.
    def in_great_belt(line):
        return any(10.8 < lon < 11.2 and 55.2 < lat < 55.5 for lon, lat in densify(list(line.coords), 5.0))

    assert in_great_belt(laden) and not in_great_belt(plain)


def test_a_shallow_ship_takes_the_shortest_line():
    assert world_sea_line(PRIMORSK, SIKKA, draught_m=7.0) == world_sea_line(PRIMORSK, SIKKA)


def test_no_line_when_every_way_is_too_shallow():
    assert world_sea_line(PRIMORSK, SIKKA, draught_m=16.0) is None  # the Øresund and the Great Belt
    assert world_sea_line((12.0, 57.5), SIKKA, draught_m=16.0) is not None  # from the Kattegat: no strait


def test_a_bad_draught_is_refused_with_the_fix():
    for bad in (0, -3, float("nan"), "15", True):
        with pytest.raises(ValueError, match="not a positive number of metres; give it as a number"):
            world_sea_line(PRIMORSK, SIKKA, draught_m=bad)
    with pytest.raises(ValueError, match="deeper than any ship.*in metres, not feet"):
        check_draught_m(50)
    with pytest.raises(ValueError, match="positive number"):
        Vessel("v", "V", draught_m=-1.0)


def test_the_note_names_the_ways_taken_and_avoided():
    assert draught_note(15.0, ("great_belt", "suez"), ("oresund", "suez")) == (
        "draught 15 m: through the Great Belt (limit 15 m) and the Suez Canal (limit 20.1 m), "
        "not the Øresund (limit 7.7 m)"
    )
    assert draught_note(9.0, ("bosporus",), ("bosporus",)) == "draught 9 m"  # no limit set there
    assert draught_note(21.0, ("south_africa",), ("suez",)) == "draught 21 m: not the Suez Canal (limit 20.1 m)"


def test_a_port_beside_a_strait_keeps_out_of_it_on_its_way_in():
    # South of Drogden to north of it: straight through the Sound, or round Zealand for 10 m.
    south, north = (12.70, 55.52), (12.75, 55.70)
    assert world_sea_line(south, north).straits == ("oresund",)
    deep = world_sea_line(south, north, draught_m=10.0)
    assert deep.straits == ("great_belt",) and deep.km > 400
    assert not any(p == "oresund" for p in gate_passages(deep.coords[:-1], deep.coords[1:]))
