"""A chart of one claim is its value, worded (routes/outputs/chart_value.py)."""

from matplotlib.text import Text

import routes
from routes.outputs.chart import FOOTER_GID, SINGLE_GID, chart_bytes, claims_figure


def test_the_seed_chart_is_the_white_house_figure_as_a_labelled_value():
    figure = claims_figure(routes.load_scenario("dprk-russia-2023"))
    labels = [a.get_label() for a in figure.axes]
    assert labels == [SINGLE_GID, FOOTER_GID]
    # No axis at all: no date axis with six-hour ticks, no value axis for one value.
    assert not any(a.axison for a in figure.axes)
    texts = {t.get_gid(): " ".join(t.get_text().split()) for t in figure.findobj(Text) if t.get_gid()}
    assert texts[f"{SINGLE_GID}-wh-2023-10-13"] == "more than 1,000 containers of military equipment and munitions"
    about = texts[f"{SINGLE_GID}-about"]
    assert "White House National Security Council (John Kirby), published 13 Oct 2023 [4][5][6]" in about
    assert "13 Oct 2023" in about and "kind: flow" in about
    footer = " ".join(t.get_text() for t in figure.axes[-1].texts)
    assert "1 claim in containers." in footer and "Sources: [4]" in footer
    # The card is as tall as its words, not the 9 in of a chart with axes.
    assert figure.get_size_inches()[1] < 4


def test_the_value_chart_is_deterministic_and_draws_its_text():
    scenario = routes.load_scenario("dprk-russia-2023")
    svg = chart_bytes(scenario, "svg")
    assert svg == chart_bytes(scenario, "svg") and b'id="single-value-wh-2023-10-13"' in svg
