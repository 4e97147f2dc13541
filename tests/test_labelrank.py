"""The label hierarchy: stops and named sites, then cities, then countries and seas, then stations."""

import pytest

import routes
from routes.render.labelrank import (
    ON_ROUTE_MIN_ZOOM,
    STATION_MIN_ZOOM,
    TIERS,
    name_cities_at_stations,
    node_tier,
    priority,
    rank_nodes,
    rank_places,
)
from routes.render.payload import build_payload


def node(id_, kind, stop=False):
    return {"id": id_, "kind": kind, "stop": stop}


def place(text, kind, lon, lat, rank=2, min_zoom=5, population=None):
    label = {"text": text, "kind": kind, "lon": lon, "lat": lat, "rank": rank, "min_zoom": min_zoom}
    if population is not None:
        label["population"] = population
    return label


def test_the_tiers_come_in_the_documented_order():
    assert TIERS == ("stop", "site", "route-note", "city", "area", "station")
    ordered = [priority(tier, order) for tier in TIERS for order in (0, 9_999)]
    assert ordered == sorted(ordered)


@pytest.mark.parametrize("tier, order", [("nowhere", 0), ("stop", -1), ("stop", 10_000)])
def test_a_priority_refuses_an_unknown_tier_or_order(tier, order):
    with pytest.raises(ValueError, match="tier|order"):
        priority(tier, order)


def test_nodes_rank_stops_then_named_sites_then_stations():
    nodes = [
        node("tikhonovo", "station"),
        node("cosmodrome", "site"),
        node("najin", "port", stop=True),
        node("bridge", "border-crossing"),
        node("ugolnaya", "junction"),
        node("knaaz", "airfield"),
    ]
    assert [node_tier(n) for n in nodes] == ["station", "site", "stop", "site", "station", "site"]
    ranked = [n["id"] for _, n in sorted(zip(rank_nodes(nodes), nodes), key=lambda pair: pair[0])]
    assert ranked == ["najin", "cosmodrome", "bridge", "knaaz", "tikhonovo", "ugolnaya"]


def test_places_rank_route_cities_then_capitals_then_cities_by_population_then_areas():
    route = [[(60.0, 56.0), (73.4, 55.1), (83.0, 55.0)]]  # by Omsk to Novosibirsk
    places = [
        place("Russia", "country", 90, 60, rank=0, min_zoom=2),
        place("Caspian Sea", "sea", 50, 42, rank=2, min_zoom=2),
        place("Kazakhstan", "country", 68, 48, rank=0, min_zoom=2),
        place("Astana", "capital", 71.4, 51.2, rank=3, min_zoom=3, population=1_000_000),
        place("Moscow", "capital", 37.6, 55.8, rank=3, min_zoom=3, population=10_000_000),
        place("Omsk", "city", 73.4, 55.0, rank=5, min_zoom=5, population=1_170_000),
        place("Novosibirsk", "city", 82.9, 55.0, rank=5, min_zoom=5, population=1_600_000),
        place("Almaty", "city", 76.9, 43.3, rank=5, min_zoom=5, population=2_000_000),
        place("Ufa", "city", 56.0, 54.7, rank=5, min_zoom=5, population=1_100_000),
    ]
    ranked = rank_places(places, route)
    assert [p["text"] for p in ranked] == [
        "Novosibirsk",  # on the route, by population
        "Omsk",
        "Moscow",  # capitals by population
        "Astana",
        "Almaty",  # other cities by population
        "Ufa",
        "Kazakhstan",  # countries and seas: orientation rank, countries first
        "Russia",
        "Caspian Sea",
    ]
    assert [p["priority"] for p in ranked] == sorted(p["priority"] for p in ranked)
    by_text = {p["text"]: p for p in ranked}
    assert by_text["Omsk"]["on_route"] and by_text["Omsk"]["min_zoom"] == ON_ROUTE_MIN_ZOOM
    assert not by_text["Ufa"]["on_route"] and by_text["Ufa"]["min_zoom"] == 5  # 290 km off the line
    assert all(priority("city") <= p["priority"] < priority("area") for p in ranked[:6])
    assert all(priority("area") <= p["priority"] < priority("station") for p in ranked[6:])
    assert places[5]["min_zoom"] == 5 and "priority" not in places[5]  # the input is left alone


def test_a_sea_leg_with_few_vertices_still_finds_the_city_it_passes():
    route = [[(0.0, 50.0), (10.0, 50.0)]]  # 700 km with no vertex in between
    ranked = rank_places([place("Middle", "city", 5.0, 50.1, population=600_000)], route)
    assert ranked[0]["on_route"]


@pytest.fixture(scope="module")
def payload_2025():
    return build_payload(routes.load_scenario("dprk-russia-2023-2025"), offline=False)


def test_the_trans_siberian_cities_outrank_stations_and_show_on_the_overview(payload_2025):
    places = {p["text"]: p for p in payload_2025["places"]}
    nodes = payload_2025["nodes"]
    stations = [n for n in nodes if node_tier(n) == "station" and n["label_min_zoom"] == STATION_MIN_ZOOM]
    assert stations
    lowest_station = min(n["label_priority"] for n in stations)
    for city in ("Novosibirsk", "Yekaterinburg", "Irkutsk", "Khabarovsk", "Omsk"):
        # The city is named once: by its own label, or by the station named for it.
        by_station = [
            n
            for n in nodes
            if n["name"].split(" ")[0] == city and node_tier(n) == "station" and n["label_min_zoom"] < STATION_MIN_ZOOM
        ]
        assert (city in places) != bool(by_station), city
        label = places.get(city) or {
            "priority": by_station[0]["label_priority"],
            "min_zoom": by_station[0]["label_min_zoom"],
        }
        assert label["min_zoom"] <= 3 and label["priority"] < lowest_station, city
        assert label["priority"] < places["Russia"]["priority"], city
    sites = {n["id"]: n["label_priority"] for n in nodes}
    assert max(sites[i] for i in ("vostochny-cosmodrome", "komsomolsk-knaaz")) < priority("route-note")
    assert payload_2025["label_priorities"]["basis"] == priority("route-note")


def test_a_station_named_for_a_city_names_it_once():
    places = rank_places(
        [
            place("Saratov", "city", 46.03, 51.54, population=840_000),
            place("Samara", "city", 50.15, 53.20, population=1_160_000),
        ],
        [[(46.0, 51.5), (48.5, 53.2)]],
    )
    nodes = [
        {"id": "saratov", "name": "Saratov", "kind": "station", "stop": False, "latlon": [51.55, 46.0]},
        {"id": "syzran", "name": "Syzran", "kind": "station", "stop": False, "latlon": [53.16, 48.47]},
        {"id": "najin", "name": "Najin (Rajin) port", "kind": "port", "stop": True, "latlon": [42.25, 130.3]},
    ]
    fields, kept = name_cities_at_stations(nodes, places)
    assert [p["text"] for p in kept] == ["Samara"]  # Saratov is named by its station
    saratov = next(p for p in places if p["text"] == "Saratov")
    assert fields[0] == {"label_priority": saratov["priority"], "label_min_zoom": saratov["min_zoom"]}
    assert fields[1] == {"label_priority": priority("station", 1), "label_min_zoom": STATION_MIN_ZOOM}
    assert fields[2] == {"label_priority": priority("stop"), "label_min_zoom": 0}
