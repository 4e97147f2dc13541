"""Writing output files. The only module of routes that writes files.

Every file is written to a temporary file beside its target and renamed into place, so a
failure leaves an existing file untouched and never leaves a half-written one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from routes._errors import OutputError

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas

    from routes.scenario import Scenario


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Creates the parent folder if needed. Raises :class:`routes.OutputError` with the reason.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name for the output")
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); check the folder and its permissions") from exc
    return path


def map_html(fmap: "folium.Map") -> str:
    """The complete HTML page of a map."""
    return fmap.get_root().render()


def write_html(fmap: "folium.Map", path: str | Path) -> Path:
    """Write a map as one HTML file.

    Examples
    --------
    >>> import routes, tempfile, pathlib
    >>> m = routes.render_map(routes.load_scenario())
    >>> out = routes.write_html(m, pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    return write_atomic(path, map_html(fmap).encode("utf-8"))


def geojson_text(scenario: "Scenario", legs: "geopandas.GeoDataFrame") -> str:
    """The GeoJSON export as text (UTF-8, sorted keys, one trailing newline)."""
    from routes.geojson import to_geojson

    return json.dumps(to_geojson(scenario, legs), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


def write_geojson(scenario: "Scenario", legs: "geopandas.GeoDataFrame", path: str | Path) -> Path:
    """Write the GeoJSON export of a scenario (see :mod:`routes.geojson`)."""
    return write_atomic(path, geojson_text(scenario, legs).encode("utf-8"))
