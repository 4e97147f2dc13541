"""Shared fixtures and builders for the routes test suite."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path
from typing import Self

import pytest
from hypothesis import HealthCheck, settings

import routes
from routes.outputs.snapshots import CHROMIUM_ARGS

# Hypothesis: a fixed, derandomised profile by default (CI and local runs see the same
# examples, so a green run stays green) with deadlines that suit a loaded 2-core machine;
# HYPOTHESIS_PROFILE=wide explores fresh random examples, more of them, on demand.
settings.register_profile(
    "ci", derandomize=True, deadline=2000, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("wide", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ROUTES_SHARED", REPO.parent / "shared"))
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed():
    """The bundled seed scenario, loaded once."""
    return routes.load_scenario("dprk-russia-2023")


@pytest.fixture(scope="session")
def seed_legs(seed):
    """The seed scenario's legs, indexed by leg id."""
    return routes.build_legs(seed).set_index("id", drop=False)


@pytest.fixture(scope="session")
def xss_payloads():
    """Hostile strings, one per line: the project's own corpus (``tests/data/hostile-strings.txt``,
    always there) followed by the shared corpus (``../shared/corpora/xss-payloads.txt``) when a
    checkout has it beside it. The security tests never skip for its absence."""
    own = (TEST_DATA / "hostile-strings.txt").read_text(encoding="utf-8").split("\n")
    shared = SHARED / "corpora" / "xss-payloads.txt"
    extra = shared.read_text(encoding="utf-8").split("\n") if shared.exists() else []
    return list(dict.fromkeys(line for line in own + extra if line))


@pytest.fixture
def case_dir(tmp_path):
    """A copy of the bundled data folder, to edit freely."""
    target = tmp_path / "data"
    shutil.copytree(routes.data_dir(), target, ignore=shutil.ignore_patterns("naturalearth"))
    return target


def write(path: Path, text: str) -> Path:
    """Write dedented text to a file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


MINIMAL_NODES = """
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.3, 42.25]},
  "properties": {"id": "a-port", "name": "A port", "aliases": ["Alpha"], "kind": "port", "country": "KP",
                 "coord_confidence": "medium", "coord_source": "test"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [132.3375, 42.8803]},
  "properties": {"id": "b-port", "name": "B port", "kind": "port", "country": "RU",
                 "coord_confidence": "high", "coord_source": "test"}}
]}
"""

MINIMAL_SCENARIO = """
format_version = 1
id = "mini"
title = "Minimal case"
nodes = "nodes.geojson"
networks = []

[[routes]]
id = "a-b"
name = "A to B"
  [[routes.legs]]
  from = "a-port"
  to = "b-port"
  mode = "air"
  geometry_basis = "assumed"

[[claims]]
id = "c-1"
claimant = "Someone"
published = "2023-10-13"
period_start = "2023-09-07"
period_end = "2023-10-01"
quantity_text = "more than 1,000 containers"
quantity = 1000
unit = "containers"
qualifier = "more than"
covers = ["a-b"]
evidence = "statement"
status = "claimed"
sources = [{ publisher = "Pub", title = "Title", date = "2023-10-13", url = "https://example.org/a" }]
"""


@pytest.fixture
def mini(tmp_path):
    """A minimal valid scenario folder: returns the scenario path."""
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    return write(tmp_path / "mini.toml", MINIMAL_SCENARIO)


def chromium_path() -> str | None:
    """Debian's chromium, or the one named by ROUTES_CHROMIUM."""
    return os.environ.get("ROUTES_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(items):
    """Mark exactly the tests that need Chromium: those that use the ``browser`` fixture,
    directly or through another fixture (so ``-m "not browser"`` runs everything else)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by playwright. Skips outside CI when missing; fails in CI."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        executable = None
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium or playwright is missing in CI: .ci/run must install them (apt-get install chromium)")
        pytest.skip("no Chromium: apt-get install chromium, and pip install playwright")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[a for a in CHROMIUM_ARGS if a != "--hide-scrollbars"],
        )
        yield browser
        browser.close()


class PageProbe:
    """A page opened on a local file with every non-file/data request blocked and recorded."""

    def __init__(self, browser, path: Path, *, allow_network: bool = False, viewport=(1600, 1000)):
        self.blocked: list[str] = []
        self.requests: list[str] = []  # every request, the page's own file and data: URLs included
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.routesMap !== undefined", timeout=10_000)
        # The page lays out again once its typeface has loaded (type.js): wait for that first.
        self.page.evaluate("() => window.routesType ? window.routesType.ready.then(() => true) : true")
        # Let Leaflet settle its first view before a test moves the map.
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 300)))")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self):
        self.page.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def unvarint(data: bytes) -> list[int]:
    """The page's decoding of zigzag varints (static/codec.js), in Python, for tests."""
    values, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        values.append((value >> 1) ^ -(value & 1))
        value, shift = 0, 0
    return values
