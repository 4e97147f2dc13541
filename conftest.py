"""Fixtures for every test of the repository: tests/, the doctests in routes/ and the notebooks."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def routes_cache_dir(tmp_path_factory):
    """routes' caches (the gazetteer's index) go to a folder of this test run, never the user's."""
    folder = tmp_path_factory.mktemp("routes-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROUTES_CACHE_DIR", str(folder))
        yield folder
