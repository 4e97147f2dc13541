"""Fixtures for every test of the repository: tests/, the doctests in routes/ and the notebooks."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def routes_cache_dir(tmp_path_factory):
    """routes' caches (the gazetteer's index) go to a folder of this test run, never the user's.

    Under pytest-xdist the workers of one run share it (their base folders are siblings), so
    the index is built once a run, not once a worker; caches are written atomically, so two
    workers building at once is safe."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / "routes-cache"
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("routes-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROUTES_CACHE_DIR", str(folder))
        yield folder
