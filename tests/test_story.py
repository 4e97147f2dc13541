"""A story in the scenario: steps with a view, a date and highlights, checked like the rest."""

import pytest

from routes import ValidationError, load_scenario
from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO, write

STEPS = """
[[story]]
title = "The whole case"

[[story]]
title = "The leg"
text = "Someone says more than 1,000 containers."
view = "a-b/a-port-b-port"
date = "2023-09-20"
highlights = ["c-1"]

[[story]]
title = "A port, then a box"
view = "b-port"

[[story]]
title = "A box"
view = [129.0, 41.0, 134.0, 44.0]
"""


def case(tmp_path, story):
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    return write(tmp_path / "case.toml", MINIMAL_SCENARIO + story)


def test_a_story_loads_in_order(tmp_path):
    story = load_scenario(case(tmp_path, STEPS)).story
    assert [s.title for s in story] == ["The whole case", "The leg", "A port, then a box", "A box"]
    assert [s.view for s in story] == [None, "a-b/a-port-b-port", "b-port", (129.0, 41.0, 134.0, 44.0)]
    assert str(story[1].date) == "2023-09-20" and story[1].highlights == ("c-1",)


def test_every_problem_of_a_story_at_once(tmp_path):
    bad = """
[[story]]
title = "Wrong"
view = "a-b/a-port-c-port"
date = "2031-01-01"
highlights = ["c-2", "nothing"]
colour = "red"

[[story]]
view = [134.0, 41.0, 129.0, 44.0]
"""
    with pytest.raises(ValidationError) as caught:
        load_scenario(case(tmp_path, bad))
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 7, lines
    joined = "\n".join(lines)
    assert "story step 1, field 'view': no leg or node is called 'a-b/a-port-c-port'" in joined
    assert "story step 1, field 'date': 2031-01-01 is outside the case (2023-09-07 to 2023-10-13)" in joined
    assert (
        "unknown claim or event 'c-2'; did you mean 'c-1'?" in joined and "unknown claim or event 'nothing'" in joined
    )
    assert "story step 1, field 'colour': unknown field" in joined
    assert "story step 2, field 'title': missing" in joined and "story step 2, field 'view'" in joined
