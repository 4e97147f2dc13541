"""The notebooks are committed with their outputs stripped (pytest --nbmake runs them)."""

import json

import pytest

from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stripped_and_uses_the_python3_kernel(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, "strip outputs before committing"


def test_the_notebooks_cover_the_basics():
    text = " ".join(p.read_text(encoding="utf-8") for p in NOTEBOOKS)
    for needle in (
        "load_scenario",
        "build_legs",
        "claims_frame",
        "render_map",
        "offline=True",
        "claims_figure",
        "find_route",
        "routes.brief(",
    ):
        assert needle in text, needle
