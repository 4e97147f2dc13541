"""Validation of a user's network file: every problem at once, one line each, with the fix."""

import pytest

from routes import ValidationError
from routes.load.networks import load_network
from tests.conftest import write

GOOD = """
format_version = 1
mode = "rail"

[[junctions]]
id = "j-1"
name = "a junction"
lon = 131.0
lat = 43.0
source = "placed by hand"

[[segments]]
id = "s-1"
from = "a-port"
to = "j-1"
geometry_confidence = "medium"
points = [{ name = "p", lon = 130.5, lat = 42.8, source = "map" }]
"""


def problems(tmp_path, text):
    path = write(tmp_path / "net.toml", text)
    with pytest.raises(ValidationError) as raised:
        load_network(path)
    return [str(p) for p in raised.value.problems]


def test_a_good_file_loads(tmp_path):
    network = load_network(write(tmp_path / "net.toml", GOOD))
    assert [s.id for s in network.segments] == ["s-1"] and "j-1" in network.junctions
    assert network.segments[0].points[0].lon == 130.5


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "format_version = 1",
            "format_version = 2",
            "'format_version': 2 is not a supported version; write format_version = 1",
        ),
        ('mode = "rail"', 'mode = "hyperloop"', "'mode': 'hyperloop' is not a known value; use one of"),
        ('mode = "rail"\n', "", "'mode': missing; add it: one of"),
        (
            'geometry_confidence = "medium"',
            'geometry_confidence = "sure"',
            "field 'geometry_confidence': 'sure' is not a known value",
        ),
        ('to = "j-1"', 'to = "a-port"', "segment starts and ends at 'a-port'; join two different nodes"),
        ("lon = 130.5", "lon = 230.5", "segment 0 's-1' point 0"),
        (
            'points = [{ name = "p", lon = 130.5, lat = 42.8, source = "map" }]',
            'points = "none"',
            "field 'points': is not a list",
        ),
        (
            'points = [{ name = "p", lon = 130.5, lat = 42.8, source = "map" }]',
            "points = [1]",
            "point 0: 1 is not a table",
        ),
        ('source = "map"', 'sauce = "map"', "unknown field"),
        ('id = "j-1"', 'id = "J 1"', "junction 0"),
    ],
)
def test_each_problem_is_one_line_naming_the_record_field_and_fix(tmp_path, old, new, expected):
    assert old in GOOD
    message = "\n".join(problems(tmp_path, GOOD.replace(old, new, 1)))
    assert "net.toml" in message and expected in message, message


def test_every_problem_at_once(tmp_path):
    text = GOOD.replace("format_version = 1", "format_version = 3").replace('geometry_confidence = "medium"', "")
    text += '\n[[segments]]\nid = "s-1"\nfrom = "a-port"\nto = "b-port"\ngeometry_confidence = "low"\n'
    lines = problems(tmp_path, text)
    joined = "\n".join(lines)
    assert "format_version" in joined and "geometry_confidence': missing" in joined and "duplicate id 's-1'" in joined
    assert len(lines) >= 3


def test_segments_without_ids_are_not_called_duplicates(tmp_path):
    segment = '\n[[segments]]\nfrom = "a-port"\nto = "b-port"\ngeometry_confidence = "low"\n'
    lines = problems(tmp_path, GOOD + segment + segment)
    assert sum("field 'id': missing" in line for line in lines) == 2
    assert not any("duplicate id" in line for line in lines), lines
