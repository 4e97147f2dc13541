"""The code passes its own lint, format and type checks (configured in pyproject.toml).

Both tools come with the ``test`` extra; they run from the same environment as the tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What ruff checks and formats: the package and the code around it.
LINTED = ("routes", "tests", "scripts", "benchmarks")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_ruff_finds_nothing_and_the_code_is_formatted():
    check = _run("ruff", "check", "--no-cache", *LINTED)
    assert check.returncode == 0, f"ruff check:\n{check.stdout}{check.stderr}"
    form = _run("ruff", "format", "--check", "--no-cache", *LINTED)
    assert form.returncode == 0, f"ruff format --check (run 'ruff format' to fix):\n{form.stdout}{form.stderr}"


def test_mypy_finds_no_type_error():
    # Files, Python version and per-module settings come from [tool.mypy] in pyproject.toml.
    result = _run("mypy", "--config-file", str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, f"mypy:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout, result.stdout
