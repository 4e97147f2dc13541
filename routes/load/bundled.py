"""Where the bundled data lives, and how a SCENARIO argument is resolved.

``data/`` at the top of the repository is the only copy of the data; the wheel carries it as
``routes/data``. In a source checkout (an editable install) the package reads ``../data``
beside itself. The current directory is never read implicitly.
"""

from __future__ import annotations

from pathlib import Path

from routes.errors import UnknownScenarioError

#: The scenario ``routes render`` uses when none is given.
DEFAULT_SCENARIO = "dprk-russia-2023"


def data_dir() -> Path:
    """The folder holding the bundled data (node file, networks, scenarios, Natural Earth)."""
    package = Path(__file__).resolve().parent.parent  # routes/, above routes/load/
    for candidate in (package / "data", package.parent / "data"):
        if (candidate / "scenarios").is_dir():
            return candidate
    raise FileNotFoundError(f"routes' bundled data is missing (looked in {package / 'data'}); reinstall the package")


def bundled_path(*parts: str) -> Path:
    """The path of a bundled data file, e.g. ``bundled_path("ports.geojson")``."""
    return data_dir().joinpath(*parts)


def bundled_scenarios() -> dict[str, Path]:
    """The bundled scenarios, by id (the file name without ``.toml``), sorted."""
    folder = data_dir() / "scenarios"
    return {p.stem: p for p in sorted(folder.glob("*.toml"), key=lambda p: p.stem)}


def resolve_scenario(scenario: str | Path | None) -> Path:
    """Turn a SCENARIO argument into a file path.

    Parameters
    ----------
    scenario
        A path to a scenario file, the id of a bundled scenario, or None for the default.

    Raises
    ------
    UnknownScenarioError
        If it is neither; the message lists the bundled ids.
    """
    if scenario is None:
        scenario = DEFAULT_SCENARIO
    path = Path(scenario)
    if path.exists() or path.suffix or "/" in str(scenario) or "\\" in str(scenario):
        return path
    bundled = bundled_scenarios()
    if str(scenario) in bundled:
        return bundled[str(scenario)]
    from routes.model.fields import suggest

    hint = suggest(str(scenario), bundled, "")
    hint = f"{hint} " if hint else ""
    raise UnknownScenarioError(
        f"{scenario!r} is neither a scenario file nor a bundled scenario; {hint}"
        f"bundled: {', '.join(bundled)} (list them with 'routes scenarios')"
    )
