"""The world lanes' shipped land figures: made from today's sources, and the same as measured."""

import json
import random

import pytest

from routes.geo import seaways_figures
from routes.geo.seaways_figures import (
    LANE_LAND_FILE,
    figures_document,
    lane_figures,
    lane_land,
    marnet_bytes,
    source_digests,
)
from routes.geo.seaways_marnet import _network
from routes.load.bundled import bundled_path


def shipped():
    return json.loads(bundled_path(*LANE_LAND_FILE).read_text(encoding="utf-8"))


def test_the_shipped_figures_were_made_from_todays_sources():
    # Fails when searoute's lanes, the land or the canal boxes change: run scripts/build_lane_land.py.
    assert shipped()["sources"] == source_digests(marnet_bytes())


def test_a_sample_of_lanes_measured_again_gives_the_shipped_figures():
    network = _network()
    rng = random.Random(21)
    lanes = [(min(a, b), max(a, b)) for a, b in network.graph.edges()]
    over_land = [lane for lane in lanes if network.graph.edges[lane]["land_km"] > 0]
    assert 500 < len(over_land) < 1000  # 672 of 15,933 when made
    sample = rng.sample(over_land, 40) + rng.sample(lanes, 60)
    starts, ends = [network.points[a] for a, _ in sample], [network.points[b] for _, b in sample]
    land, canal = lane_land(starts, ends)
    for (a, b), km, name in zip(sample, land, canal):
        data = network.graph.edges[a, b]
        assert data["land_km"] == km, (network.points[a], network.points[b])  # exactly: the same floats
        assert data["passage"] == (name or data["passage"])


def test_the_corinth_canal_is_among_the_shipped_lanes():
    lanes = shipped()["lanes"]
    assert {lane[5] for lane in lanes} == {None, "corinth"}
    assert all(lane[4] > 0 for lane in lanes)


def test_figures_made_from_other_sources_are_not_used(monkeypatch):
    network = _network()
    sample = [(min(a, b), max(a, b)) for a, b, d in network.graph.edges(data=True) if d["land_km"] > 0][:5]
    starts, ends = [network.points[a] for a, _ in sample], [network.points[b] for _, b in sample]
    marnet = marnet_bytes()
    assert lane_figures(marnet, starts, ends) == lane_land(starts, ends)
    wrong = {key: 0 for key in source_digests(marnet)}
    monkeypatch.setattr(seaways_figures, "source_digests", lambda _: wrong)  # as after a searoute update
    monkeypatch.setattr(seaways_figures, "lane_land", lambda s, e: ([-1.0] * len(s), [None] * len(s)))
    assert lane_figures(marnet, starts, ends) == ([-1.0] * 5, [None] * 5)  # measured, not read


def test_the_document_lists_only_lanes_over_land():
    document = figures_document(marnet_bytes(), [(0.0, 0.0), (50.0, 41.2)], [(1.0, 0.0), (50.2, 39.8)])
    (lane,) = document["lanes"]  # the Gulf of Guinea lane crosses none; Absheron 25 km
    assert lane[:4] == [50.0, 41.2, 50.2, 39.8] and lane[4] == pytest.approx(25, abs=1)
    assert document["sources"] == source_digests(marnet_bytes())
