"""Reading input files defensively: size limits, encodings, strict JSON and TOML.

Each reader raises :class:`~routes.errors.ValidationError` with one clear line for a file that
cannot be read at all (missing, a directory, empty, binary, too large, bad syntax).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

from routes.errors import Problems
from routes.load.prescan import MAX_TOML_BYTES, csv_problem, json_problem, toml_problem
from routes.load.reads import note_read

#: Largest input file routes reads, in bytes. Scenario, node and network files are small;
#: anything bigger is almost certainly the wrong file.
MAX_INPUT_BYTES = 50 * 1024 * 1024


def display_name(path: Path) -> str:
    """How a file is named in messages: the path as given, or ``bundled networks/rail.toml``
    for a file shipped with routes (the same on every machine)."""
    from routes.load.bundled import data_dir

    try:
        return f"bundled {Path(path).resolve().relative_to(data_dir().resolve()).as_posix()}"
    except ValueError:
        return str(path)


def read_text(
    path: Path,
    *,
    limit: int = MAX_INPUT_BYTES,
    check: Callable[[bytes], tuple[str, str] | None] | None = None,
) -> str:
    """Read a UTF-8 text file, refusing what cannot be a routes input: over ``limit`` bytes
    (before it is read), or whatever ``check`` finds in its bytes (one of
    :mod:`routes.load.prescan`'s checks, before it is decoded or parsed). The file is noted as
    read (:func:`routes.load.reads.note_read`)."""
    problems = Problems(display_name(path))
    note_read(path)
    if not path.exists():
        problems.add("", "", "file not found", "check the path")
    elif path.is_dir():
        problems.add("", "", "is a directory, not a file", "give the path of a file inside it")
    elif not path.is_file():
        problems.add("", "", "is not a regular file (a pipe or a device?)", "give the path of a file")
    else:
        try:
            size = path.stat().st_size
            if size > limit:
                problems.add(
                    "",
                    "",
                    f"file is {size:,} bytes, over the limit of {limit:,} bytes",
                    "split the file or check that it is the right one",
                )
            else:
                with path.open("rb") as handle:
                    data = handle.read(limit + 1)  # the file may grow between stat and read
                if len(data) > limit:
                    problems.add(
                        "",
                        "",
                        f"file is over the limit of {limit:,} bytes",
                        "split the file or check that it is the right one",
                    )
        except OSError as exc:
            problems.add("", "", f"cannot be read ({exc.strerror or exc})", "check the file's permissions")
    problems.raise_if_any()
    if not data.strip():
        problems.add("", "", "file is empty", "give a file with content")
    elif b"\x00" in data:
        problems.add("", "", "is a binary file, not text", "give a UTF-8 text file")
    elif check is not None and (found := check(data)) is not None:
        problems.add("", "", *found)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.add("", "", f"is not UTF-8 text (bad byte at offset {exc.start})", "save the file as UTF-8")
    problems.raise_if_any()
    return text


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicate_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def read_json(path: Path) -> object:
    """Read strict JSON: no NaN/Infinity, no duplicate keys."""
    text = read_text(path, check=json_problem)
    problems = Problems(display_name(path))
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        problems.add("", "", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", "fix the syntax")
    except ValueError as exc:
        problems.add("", "", f"invalid JSON: {exc}", "remove or fix it")
    except RecursionError:
        problems.add("", "", "invalid JSON: nested too deeply", "check that it is the right file")
    problems.raise_all()  # every except above added a problem


def read_toml(path: Path) -> dict:
    """Read a TOML file (TOML itself refuses duplicate keys), within the caps of
    :func:`routes.load.prescan.toml_problem`."""
    text = read_text(path, limit=MAX_TOML_BYTES, check=toml_problem)
    problems = Problems(display_name(path))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.add("", "", f"invalid TOML: {exc}", "fix the syntax (see docs/scenario-format.md)")
    except RecursionError:
        problems.add("", "", "invalid TOML: nested too deeply", "check that it is the right file")
    except ValueError as exc:  # an integer of more digits than Python converts
        problems.add("", "", f"invalid TOML: {str(exc).split(';')[0]}", "check the numbers")
    problems.raise_all()  # every except above added a problem


def read_csv_text(path: Path) -> str:
    """Read a CSV file's text, within the caps of :func:`routes.load.prescan.csv_problem`."""
    return read_text(path, check=csv_problem)
