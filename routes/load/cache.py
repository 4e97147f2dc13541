"""Results that depend only on routes' data, kept in the user cache directory.

Some work depends only on data that does not change between runs (the offline basemap for a
map's extent, the city index made from the installed GeoNames package). :func:`cached`
does it once and keeps the result as JSON in the user cache directory
(``platformdirs.user_cache_dir("routes")``, e.g. ``~/.cache/routes`` on Linux, or the folder
``ROUTES_CACHE_DIR`` names: the same folder, and the same rule, as the gazetteer's index in
:mod:`routes.gazetteer.index`).

A result is filed under a key that names everything it depends on (the source data's
hashes, the code's hash, the parameters), and the key is stored beside it and compared on
reading, so a stale or foreign file is never used. Files are written to a temporary name and
renamed, so a reader never sees half a file; a file that cannot be read (corrupt, truncated,
another format) is computed again and replaced. A cache that cannot be written (read-only
home, full disk) costs time, never a failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The environment variable that moves the cache (unset or empty: the user cache directory).
CACHE_ENV = "ROUTES_CACHE_DIR"


def cache_dir() -> Path:
    """The folder results are kept in: ``$ROUTES_CACHE_DIR`` if set, else the user cache directory."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("routes", appauthor=False))


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, in order (for cache keys: file contents, source code)."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def _canonical(key: dict) -> str:
    return json.dumps(key, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def cached(name: str, key: dict, build: Callable[[], Any], *, keep: int | None = None) -> Any:
    """``build()``'s JSON-able result, kept under ``name`` and ``key``.

    Parameters
    ----------
    name
        What is kept, a file-name stem (``"basemap"``).
    key
        A JSON-able dict naming everything the result depends on; a different key is a
        different result.
    build
        Computes the result when it is not kept yet (or its file is unreadable).
    keep
        Keep at most this many results under ``name`` (the least recently used go).

    The result read back is the JSON round trip of ``build()``'s (tuples become lists;
    floats come back exactly).
    """
    folder = cache_dir()
    canonical = _canonical(key)
    path = folder / f"{name}-{digest(canonical)[:32]}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if _canonical(stored["key"]) == canonical:
            if keep is not None:
                _touch(path)  # used: the last to be pruned
            return stored["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # absent, unreadable or not ours: compute it again
    value = build()
    text = json.dumps({"key": json.loads(canonical), "value": value}, separators=(",", ":"), ensure_ascii=False)
    try:
        _write_atomically(path, text)
        if keep is not None:
            _prune(folder, name, keep)
    except OSError:
        pass  # a cache we cannot write costs time, not the result
    return json.loads(text)["value"]


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache still serves


def _prune(folder: Path, name: str, keep: int) -> None:
    files = sorted(folder.glob(f"{name}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
