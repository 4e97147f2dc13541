"""The user cache: results kept under a key, written atomically, rebuilt when unreadable."""

import json
import os

import pytest

from routes.load.cache import CACHE_ENV, cache_dir, cached


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_result_is_built_once_and_read_back_equal(folder):
    build, calls = counting({"levels": [1.1, 0.1 + 0.2, "x"], "n": 3})
    first = cached("thing", {"bounds": [1.5, 2.5]}, build)
    again = cached("thing", {"bounds": [1.5, 2.5]}, build)
    assert first == again == {"levels": [1.1, 0.1 + 0.2, "x"], "n": 3} and calls == [1]
    assert [p.name for p in folder.iterdir()] == [next(folder.glob("thing-*.json")).name]  # no temporary left


def test_another_key_is_another_result(folder):
    build, calls = counting([1])
    cached("thing", {"bounds": [1, 2]}, build)
    cached("thing", {"bounds": [1, 3]}, build)
    assert calls == [1, 1] and len(list(folder.glob("thing-*.json"))) == 2


@pytest.mark.parametrize("damage", ["", "{", '{"key": 1}', "[]", '{"value": 5}'])
def test_a_corrupt_file_is_built_again_and_replaced(folder, damage):
    build, calls = counting({"a": 1})
    cached("thing", {"k": 1}, build)
    (path,) = folder.glob("thing-*.json")
    path.write_text(damage, encoding="utf-8")
    assert cached("thing", {"k": 1}, build) == {"a": 1} and calls == [1, 1]
    assert json.loads(path.read_text(encoding="utf-8"))["value"] == {"a": 1}


def test_a_file_under_the_name_with_another_key_is_not_used(folder):
    build, calls = counting("right")
    cached("thing", {"k": 1}, build)
    (path,) = folder.glob("thing-*.json")
    path.write_text(json.dumps({"key": {"k": 2}, "value": "wrong"}), encoding="utf-8")
    assert cached("thing", {"k": 1}, build) == "right" and calls == [1, 1]


def test_an_unwritable_cache_costs_time_not_the_result(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    build, calls = counting([1, 2])
    assert cached("thing", {"k": 1}, build) == [1, 2] and cached("thing", {"k": 1}, build) == [1, 2]
    assert calls == [1, 1]


@pytest.mark.parametrize("setting", [None, ""])
def test_without_the_setting_the_cache_is_the_user_cache_directory(monkeypatch, setting):
    import platformdirs

    if setting is None:
        monkeypatch.delenv(CACHE_ENV)
    else:
        monkeypatch.setenv(CACHE_ENV, setting)
    assert cache_dir() == platformdirs.user_cache_path("routes", appauthor=False)


def test_the_setting_moves_the_cache_and_the_gazetteer_index_with_it(folder):
    from routes.gazetteer.index import index_file

    assert cache_dir() == folder
    assert index_file(["parts"]).parent == folder


def test_keep_drops_the_oldest_results(folder):
    for i in range(5):
        cached("levels", {"i": i}, lambda i=i: i, keep=3)
        path = max(folder.glob("levels-*.json"), key=lambda p: p.stat().st_mtime_ns)
        os.utime(path, (1000 + i, 1000 + i))
    kept = sorted(json.loads(p.read_text())["key"]["i"] for p in folder.glob("levels-*.json"))
    assert kept == [2, 3, 4]


def test_a_result_read_again_is_kept_longer_than_one_not_read(folder):
    for i in range(3):
        cached("levels", {"i": i}, lambda i=i: i, keep=3)
    for path in folder.glob("levels-*.json"):
        i = json.loads(path.read_text())["key"]["i"]
        os.utime(path, (1000 + i, 1000 + i))  # written in the order 0, 1, 2
    assert cached("levels", {"i": 0}, lambda: pytest.fail("built again"), keep=3) == 0  # 0 is used
    cached("levels", {"i": 3}, lambda: 3, keep=3)
    kept = sorted(json.loads(p.read_text())["key"]["i"] for p in folder.glob("levels-*.json"))
    assert kept == [0, 2, 3]
