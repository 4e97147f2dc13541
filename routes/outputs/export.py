"""Writing output files. The only module of routes that writes files.

Every file is written to a temporary file beside its target and renamed into place, so a
failure leaves an existing file untouched and never leaves a half-written one. No output is
written over a file the command read (:func:`check_outputs`, :mod:`routes.load.reads`).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from routes.errors import OutputError
from routes.load.reads import input_clash

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from routes.load.scenario import Scenario


class _Root(Protocol):
    def render(self) -> str: ...


class Page(Protocol):
    """What is written as a page: anything whose root renders the whole HTML document, such as
    a ``folium.Map`` or a :class:`routes.render.bulk.BulkPage` (export need not import render)."""

    def get_root(self) -> _Root: ...


def _folder_problem(path: Path, folder: Path, mkdir: bool) -> str | None:
    """Why ``path`` (whose folder is ``folder``) cannot be written, or None."""
    if not folder.exists():
        if mkdir:
            return None
        return f"{folder}: no such folder for the output {path}; create it, or add --mkdir to create it"
    if not folder.is_dir():
        return f"{folder}: is not a folder; give another place for {path}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{folder}: cannot write there (permission denied); give a folder you can write to"
    return None


def check_outputs(files=(), *, folders=(), mkdir: bool = False) -> None:
    """Refuse the outputs of a command before anything is written (every check on every path
    first, so a refusal writes nothing), then create the folders they need when ``mkdir``.

    A command calls this once it has read its inputs (inside :func:`routes.load.reads.tracking_reads`,
    as every CLI command runs) and before it writes. Refused, each with one line
    (:class:`routes.OutputError`):

    - an output that is a file the command read: the same device and inode, after links are
      followed, whatever name either was given by (issue 24: ``routes render case.toml -o
      case.toml`` replaced the scenario with a page);
    - an output whose folder is missing, unless ``mkdir`` (``--mkdir``): a typo in a folder
      name makes no new folder;
    - a file name that is a folder, or a folder that cannot be written.

    ``folders`` are folders that files are written into (``routes brief --png FOLDER``).
    """
    files, folders = [Path(p) for p in files], [Path(p) for p in folders]
    for path in files:
        if (read := input_clash(path)) is not None:
            raise OutputError(
                f"output {path} is the input {read} (the same file); nothing was written: give the output another name"
            )
    for path in files:
        if path.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name for the output")
    places = [(path, Path(os.path.realpath(path)).parent if path.is_symlink() else path.parent) for path in files]
    places += [(path, path) for path in folders]
    for path, folder in places:
        if (problem := _folder_problem(path, folder, mkdir)) is not None:
            raise OutputError(problem)
    for _, folder in places:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{folder}: cannot create the folder ({exc.strerror or exc}); give another place"
            ) from exc


def check_writable(path: str | Path, *, folder: bool = False) -> Path:
    """Fail now, before long work, when ``path`` (a file, or with ``folder`` a folder to write
    files into) cannot be written: :class:`routes.OutputError` with the reason. Creates the
    folder that will hold it (the Python API's way; the CLI uses :func:`check_outputs`)."""
    path = Path(path)
    if folder:
        check_outputs(folders=[path], mkdir=True)
    else:
        check_outputs([path], mkdir=True)
    return path


def write_atomic(path: str | Path, data: bytes, *, replaces_input: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Creates the parent folder if needed (the CLI has checked it first with :func:`check_outputs`,
    which creates one only with ``--mkdir``). A ``path`` that is a symbolic link stays one: the
    file it points to is written (replaced atomically), so a link into a shared folder keeps
    pointing there. A file this command read (:mod:`routes.load.reads`) is refused unless
    ``replaces_input`` (``routes place --add`` adds a node to the file it read). Raises
    :class:`routes.OutputError` with the reason.
    """
    path = Path(path)
    if not replaces_input and (read := input_clash(path)) is not None:
        raise OutputError(
            f"output {path} is the input {read} (the same file); nothing was written: give the output another name"
        )
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name for the output")
        if target.exists() and not target.is_file():
            # A device or a pipe (/dev/stdout, a FIFO): write into it; a rename would replace it.
            with open(target, "wb") as out:
                out.write(data)
            return path
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write ({exc.strerror or exc}); check the folder and its permissions"
        ) from exc
    return path


def map_html(fmap: Page) -> str:
    """The complete HTML page of a map."""
    return fmap.get_root().render()


def write_html(fmap: Page, path: str | Path) -> Path:
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


def write_snapshot(fmap: Page, path: str | Path, kind: str = "png", *, session=None, **options) -> Path:
    """Write a PNG or PDF of a map, taken in headless Chromium (see :mod:`routes.outputs.snapshots`).

    ``options`` are those of :class:`routes.outputs.snapshots.SnapshotOptions` (``width_px``,
    ``height_px``, ``scale``). Render the map with ``offline=True`` for a basemap: snapshots
    make no network request. Pass a :class:`routes.outputs.snapshots.SnapshotSession` as ``session``
    to take many images with one browser.
    """
    from routes.outputs.snapshots import SnapshotOptions, snapshot

    return write_atomic(path, snapshot(map_html(fmap), kind, SnapshotOptions(**options), session=session))


def embed_html(fmap: Page, *, width_px: int = 1600, height_px: int = 1000, title: str = "map") -> str:
    """An HTML fragment to paste into another page: the whole map in a sandboxed iframe
    (``srcdoc``), in a box that keeps the aspect ratio ``width_px``:``height_px``."""
    import html

    ratio = 100.0 * height_px / width_px
    page = html.escape(map_html(fmap), quote=True)
    return (
        f'<div class="routes-embed" style="position:relative;width:100%;padding-top:{ratio:.4f}%">'
        f'<iframe title="{html.escape(title, quote=True)}" srcdoc="{page}" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy" '
        'style="position:absolute;top:0;left:0;width:100%;height:100%;border:0"></iframe></div>\n'
    )


def write_embed(fmap: Page, path: str | Path, **options) -> Path:
    """Write :func:`embed_html` to a file."""
    return write_atomic(path, embed_html(fmap, **options).encode("utf-8"))


def write_kml(scenario: Scenario, legs: geopandas.GeoDataFrame, path: str | Path) -> Path:
    """Write the scenario as KML for Google Earth (see :mod:`routes.outputs.kml`)."""
    from routes.outputs.kml import to_kml

    return write_atomic(path, to_kml(scenario, legs))


def geojson_text(scenario: Scenario, legs: geopandas.GeoDataFrame) -> str:
    """The GeoJSON export as text (UTF-8, sorted keys, one trailing newline)."""
    from routes.outputs.geojson import to_geojson

    return json.dumps(to_geojson(scenario, legs), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


def write_geojson(scenario: Scenario, legs: geopandas.GeoDataFrame, path: str | Path) -> Path:
    """Write the GeoJSON export of a scenario (see :mod:`routes.outputs.geojson`)."""
    return write_atomic(path, geojson_text(scenario, legs).encode("utf-8"))
