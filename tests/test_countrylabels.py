"""Country label points: the shipped table (data/labels/countries.json) against its source."""

import json
import random

import pytest

from routes.load.bundled import bundled_path
from routes.render import countrylabels
from routes.render.countrylabels import (
    TABLE_COLUMNS,
    compute_label_point,
    country_bounds,
    country_geometry,
    country_label_point,
    country_names,
    country_table,
    source_sha256,
)


def shipped():
    return json.loads(bundled_path("labels", "countries.json").read_text(encoding="utf-8"))


def test_the_shipped_table_was_made_from_the_shipped_polygons():
    table = shipped()
    assert table["source_sha256"] == source_sha256(), "the polygons changed: run python scripts/build_labels.py"
    assert table["columns"] == list(TABLE_COLUMNS)
    assert [row[0] for row in table["rows"]] == country_names()


# Russia and Fiji cross the antimeridian, Antarctica is clipped at 85 degrees; the rest a seeded sample.
SAMPLE = ["Russia", "Fiji", "Antarctica", "Norway", "Chile", "North Korea"] + random.Random(21).sample(
    sorted(country_names()), 8
)


@pytest.mark.parametrize("name", SAMPLE)
def test_a_shipped_label_point_matches_its_recomputation(name):
    row = next(row for row in shipped()["rows"] if row[0] == name)
    lon, lat, area_km2 = compute_label_point(name)
    assert row[1:3] == pytest.approx([lon, lat], abs=1e-6)  # a tenth of a metre; pages round to 1e-4
    assert row[3] == pytest.approx(area_km2, rel=1e-9)
    assert tuple(row[4:]) == country_geometry(name).bounds == country_bounds(name)
    assert country_label_point(name) == tuple(row[1:4])


def test_polygons_that_no_longer_match_the_table_are_measured_afresh(monkeypatch):
    computed = []
    country_table.cache_clear()
    try:
        with monkeypatch.context() as patch:
            patch.setattr(countrylabels, "source_sha256", lambda: "0" * 64)
            table = {"rows": [["Atlantis", 1.0, 2.0, 3.0, 0, 1, 2, 3]]}
            patch.setattr(countrylabels, "compute_table", lambda: computed.append(1) or table)
            assert country_label_point("Atlantis") == (1.0, 2.0, 3.0) and computed == [1]
    finally:
        country_table.cache_clear()
    assert "Atlantis" not in country_table() and "Norway" in country_table()
