"""The files a command has read, so that no output is written over one of them.

Every reader of the load layer calls :func:`note_read` with the file it opens (``read_text``
for TOML, JSON and CSV; ``check_line_file`` for files GDAL reads; evidence images). While a
:func:`tracking_reads` block is open (each CLI command runs in one), the file is remembered by
its device and inode after following links, so another name for the same file (a symlink, a
hard link, ``./case.toml`` or ``../x/case.toml``) is the same file. Outside such a block
nothing is recorded: the Python API does not refuse anything a script asks for.

:func:`input_clash` answers whether an output path is one of those files;
``outputs/export.py`` refuses such an output before anything is written.

Examples
--------
>>> import pathlib, tempfile
>>> case = pathlib.Path(tempfile.mkdtemp()) / "case.toml"
>>> _ = case.write_text("id = 'x'\\n")
>>> with tracking_reads():
...     note_read(case)
...     input_clash(case.parent / "." / "case.toml") == str(case)
True
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["input_clash", "note_read", "tracking_reads"]

_READS: contextvars.ContextVar[dict[tuple[int, int], str] | None] = contextvars.ContextVar("routes_reads", default=None)


def _identity(path: str | Path) -> tuple[int, int] | None:
    """``(device, inode)`` of the file ``path`` names after following links, or None when
    there is no such file (yet)."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return (stat.st_dev, stat.st_ino)


@contextlib.contextmanager
def tracking_reads() -> Iterator[None]:
    """Remember every file read inside the block (a fresh record; the previous one comes back
    after it, so blocks nest)."""
    token = _READS.set({})
    try:
        yield
    finally:
        _READS.reset(token)


def note_read(path: str | Path) -> None:
    """Record that ``path`` is read, when a :func:`tracking_reads` block is open. The name kept
    for messages is the first one the file was read by."""
    reads = _READS.get()
    if reads is None:
        return
    identity = _identity(path)
    if identity is not None:
        reads.setdefault(identity, str(path))


def input_clash(path: str | Path) -> str | None:
    """The name of the file read in this block that ``path`` also names (the same device and
    inode once links are followed), or None."""
    reads = _READS.get()
    if not reads:
        return None
    identity = _identity(path)
    return None if identity is None else reads.get(identity)
