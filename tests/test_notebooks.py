"""The notebooks run top to bottom (code cells executed in order, outputs stripped in git)."""

import json

import pytest

from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_is_stripped(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    namespace: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs") == [] and cell.get("execution_count") is None, "strip outputs before committing"
        exec(compile("".join(cell["source"]), f"{path.name}", "exec"), namespace)  # noqa: S102
    assert type(namespace["m"]).__name__ == "Map"
    assert namespace["m"]._repr_html_().startswith("<div")


def test_there_is_a_notebook():
    assert NOTEBOOKS
