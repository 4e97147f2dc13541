"""Caps on what a text file may cost, checked on its raw bytes before a parser sees it.

A parser's cost is not the size of its file: ``tomllib`` took 135.6 s and 9.6 GB of memory
on a 100 kB TOML of one key with tens of thousands of dotted parts (its cost grows with the
square of a key's parts), and 38.8 s on a 49 MB title, before the limit of 10,000 characters
on text (:data:`routes.model.fields.MAX_TEXT_CHARS`) could be checked (issue 24). Each check
here is a count or a scan in C over the bytes (``bytes.count``, ``bytes.find``, one regular
expression without backtracking, numpy), so a refusal takes well under a second on the largest
file routes reads; ``benchmarks/input_caps.py`` records the worst case of each kind.

Each function returns the problem found as ``(what is wrong, the fix)``, or None.
"""

from __future__ import annotations

import re

from routes.model.fields import MAX_TEXT_CHARS

#: Largest TOML file (a scenario or a network): a case of 10,000 claims is about 9 MB.
MAX_TOML_BYTES = 16 * 1024 * 1024
#: Longest string literal: a text field holds :data:`MAX_TEXT_CHARS` characters; written with
#: escapes (``\\uXXXX`` is six bytes a character) it still fits in ten bytes a character.
MAX_STRING_BYTES = 10 * MAX_TEXT_CHARS
#: Longest line of TOML or CSV, in bytes (a network segment's coordinates are one array on one
#: line: 4 MB holds 200,000 points). JSON has no such cap: a minified file is one line.
MAX_LINE_BYTES = 4 * 1024 * 1024
#: Most lines in a file.
MAX_LINES = 2_000_000
#: Most parts of one dotted key or table name (``claims.quantity.value`` has three).
MAX_KEY_PARTS = 32
#: Deepest nesting of arrays and tables (``[`` and ``{``).
MAX_NESTING = 32
#: Most TOML tables (``[name]`` and ``[[name]]`` headers): a claim takes about two.
MAX_TABLES = 100_000
#: Most keys of one TOML table, its inline tables included (a claim has a few dozen): an unknown
#: key costs a suggestion, and a million of them cost minutes (issue 24).
MAX_TABLE_KEYS = 1000
#: Most entries: keys, array items and records (counted as ``=``, ``,``, ``[``, ``{`` in TOML;
#: ``,``, ``[``, ``{`` in JSON; cells in CSV). Each costs a parser a hundred-odd bytes of memory.
MAX_ENTRIES = 1_500_000

Found = tuple[str, str] | None

_SPECIAL = re.compile(rb"[\"'#]")
_HEADER = re.compile(rb"^[ \t]*\[", re.MULTILINE)
# MAX_KEY_PARTS dots joining bare (or, once strings are replaced, quoted) key parts: a key of
# more than MAX_KEY_PARTS parts. It starts with a literal dot, which the engine looks for fast;
# a number has one dot, so every other attempt fails at once.
_KEY_CHAIN = re.compile(rb"\.(?:[ \t]*+[A-Za-z0-9_-]++[ \t]*+\.){%d}" % (MAX_KEY_PARTS - 1))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _shape(data: bytes, entries: int, *, lines_matter: bool = True) -> Found:
    """The checks every text format shares: entries, and (unless not ``lines_matter``) lines."""
    if not lines_matter:
        return _entries(entries)
    lines = data.count(b"\n") + 1
    if lines > MAX_LINES:
        return (
            f"has {lines:,} lines, over the limit of {MAX_LINES:,}",
            "split the file or check that it is the right one",
        )
    if (found := _entries(entries)) is not None:
        return found
    longest = max(map(len, data.split(b"\n")))
    if longest > MAX_LINE_BYTES:
        return (
            f"has a line of {longest:,} bytes, over the limit of {MAX_LINE_BYTES:,}",
            "break it up or check that it is the right file",
        )
    return None


def _entries(entries: int) -> Found:
    if entries > MAX_ENTRIES:
        return (
            f"has about {entries:,} entries (keys, items, cells), over the limit of {MAX_ENTRIES:,}",
            "split the file or check that it is the right one",
        )
    return None


def _nesting(code: bytes) -> int:
    """The deepest nesting of ``[``/``{`` in ``code`` (strings and comments taken out)."""
    import numpy

    brackets = code.translate(None, bytes(set(range(256)) - set(b"[]{}")))
    if not brackets:
        return 0
    codes = numpy.frombuffer(brackets, numpy.uint8)
    steps = numpy.where((codes == ord("[")) | (codes == ord("{")), 1, -1).astype(numpy.int32)
    return int(numpy.cumsum(steps, dtype=numpy.int32).max())


def _closing(data: bytes, quote: bytes, start: int, escapes: bool) -> int:
    """Where the string whose content starts at ``start`` ends (the offset after its closing
    ``quote``), or the end of the data when it never closes."""
    position = start
    while True:
        found = data.find(quote, position)
        if found < 0:
            return len(data)
        if escapes:
            before = found
            while before > start and data[before - 1] == ord("\\"):
                before -= 1
            if (found - before) % 2:  # an escaped quote, \" (but \\" ends the string)
                position = found + 1
                continue
        end = found + len(quote)
        if len(quote) == 3:  # """a"""" is the string 'a"': up to two more quotes belong to it
            while end < len(data) and end - found < 5 and data[end : end + 1] == quote[:1]:
                end += 1
        return end


def _toml_tokens(data: bytes) -> tuple[bytes, int, int]:
    """The code of a TOML file with every string replaced by ``Q`` (and the lines it spans)
    and every comment removed, with the longest string literal's length in bytes and where it
    starts."""
    pieces, position, longest, at = [], 0, 0, 0
    while (match := _SPECIAL.search(data, position)) is not None:
        start = match.start()
        pieces.append(data[position:start])
        if data[start] == ord("#"):
            end = data.find(b"\n", start)
            position = len(data) if end < 0 else end
            continue
        quote = data[start : start + 1]
        triple = data[start : start + 3] == quote * 3
        if triple:
            end = _closing(data, quote * 3, start + 3, quote == b'"')
        else:
            line_end = data.find(b"\n", start + 1)
            line_end = len(data) if line_end < 0 else line_end
            end = min(_closing(data, quote, start + 1, quote == b'"'), line_end)
        if end - start > longest:
            longest, at = end - start, start
        pieces.append(b"Q" + b"\n" * data.count(b"\n", start, end))  # lines stay where they were
        position = end
    pieces.append(data[position:])
    return b"".join(pieces), longest, at


def toml_problem(data: bytes) -> Found:
    """What makes TOML ``data`` too costly to parse, or None."""
    if len(data) > MAX_TOML_BYTES:
        return (
            f"file is {len(data):,} bytes, over the limit of {MAX_TOML_BYTES:,} bytes for TOML",
            "split the case or check that it is the right file",
        )
    # Every string and comment starts at one of these: bound the tokens before walking them.
    marks = data.count(b'"') + data.count(b"'") + data.count(b"#")
    if marks > 2 * MAX_ENTRIES:
        return f"has {marks:,} quotes and comment marks, over the limit of {2 * MAX_ENTRIES:,}", "check the file"
    code, longest, at = _toml_tokens(data)
    if longest > MAX_STRING_BYTES:
        what = f"line {_line_of(data, at)}: a string of {longest:,} bytes, over the limit of {MAX_STRING_BYTES:,}"
        return f"{what} (text fields hold at most {MAX_TEXT_CHARS:,} characters)", "shorten it"
    found = _shape(data, sum(code.count(c) for c in (b"=", b",", b"[", b"{")))
    if found:
        return found
    if (chain := _KEY_CHAIN.search(code)) is not None:
        return (
            f"line {_line_of(code, chain.start())}: a dotted key or table name of more than {MAX_KEY_PARTS} parts",
            "check the file: routes' keys have a few parts",
        )
    if (depth := _nesting(code)) > MAX_NESTING:
        return f"arrays or tables nested {depth:,} deep, over the limit of {MAX_NESTING}", "check the file"
    return _tables(code)


def _tables(code: bytes) -> Found:
    """Too many tables, or too many keys in one."""
    regions = _HEADER.split(code)
    if len(regions) - 1 > MAX_TABLES:
        return f"has {len(regions) - 1:,} tables, over the limit of {MAX_TABLES:,}", "split the case"
    start = 1
    for region in regions:
        if (keys := region.count(b"=")) > MAX_TABLE_KEYS:
            return (
                f"line {start}: a table of {keys:,} keys, over the limit of {MAX_TABLE_KEYS:,}",
                "check the file: routes' tables have a few dozen keys",
            )
        start += region.count(b"\n")
    return None


def json_problem(data: bytes) -> Found:
    """What makes JSON ``data`` too costly to parse, or None (JSON's own parser is in C and
    refuses deep nesting itself and reads long strings fast; what costs is the number of values
    it builds)."""
    return _shape(data, data.count(b",") + data.count(b"[") + data.count(b"{"), lines_matter=False)


def csv_problem(data: bytes) -> Found:
    """What makes CSV ``data`` too costly to read, or None (cells, counted by commas and lines)."""
    return _shape(data, data.count(b",") + data.count(b"\n"))
