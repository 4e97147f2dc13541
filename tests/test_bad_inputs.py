"""docs/bad-inputs.md is what routes really prints for each bad or hostile input."""

import importlib.util

from tests.conftest import REPO


def load_script():
    spec = importlib.util.spec_from_file_location("bad_inputs", REPO / "scripts" / "bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_document_is_in_step_with_routes():
    script = load_script()
    assert script.DOC.read_text(encoding="utf-8") == script.table(), "run: python scripts/bad_inputs.py"


def test_every_bad_input_fails_in_one_line_per_problem_without_traceback():
    script = load_script()
    text = script.table()
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| input")]
    assert len(rows) == len(script.CASES) + 1
    for row in rows:
        label, code = row.split(" | ")[0][2:], row.split(" | ")[1]
        assert "Traceback" not in row
        assert code == ("0" if label.startswith("hostile text") else "1"), row
