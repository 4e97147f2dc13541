"""The gazetteer's index: every name of every source, keyed, in an SQLite file built once.

Decoding GeoNames' 1.5 million names and keying them takes a minute; a lookup in the index
takes milliseconds. The index is an SQLite database (the standard library's ``sqlite3``)
in the user cache directory (:func:`cache_dir`), named by a fingerprint of its sources
(:func:`open_index`): when a source file, a package version or routes' version changes, the
fingerprint changes and the index is built again (the three newest are kept, so that two
installations sharing a cache folder do not rebuild each other's). It is written to a temporary file and
renamed into place, so a reader never sees half an index; a file that does not open as a
complete index of the same fingerprint (truncated, corrupt, of another format) is rebuilt.

Tables: ``places`` (one row per record of a source, with its alternate names), ``keys``
(each distinct :func:`place_key` once) and ``names`` (key, place, tier: 0 the place's name,
1 one of its alternate names).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from routes.load.cache import cache_dir  # one folder for every cache of routes

#: Bumped whenever the tables or what goes into them change.
INDEX_FORMAT = 2
#: At most this many indexes are kept in the folder, the newest.
KEPT_INDEXES = 3

_NON_WORD = re.compile(r"[\W_]+")
#: Combining diacritical marks (the Unicode blocks Latin, Greek and Cyrillic accents are in).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SEPARATOR = "\x1f"  # between alternate names in one column (no name holds it)
_COLUMNS = (
    "name",
    "kind",
    "lon",
    "lat",
    "country",
    "source",
    "record",
    "population",
    "port_code",
    "scalerank",
    "town",
    "dataset",
    "band",
    "what",
    "cited",
)


def place_key(name: str) -> str:
    """The key names are matched by: accents dropped, case-folded, punctuation as spaces.

    >>> place_key("Amīrābād"), place_key("Rostov-na-Donu"), place_key("ЕЛАБУГА")
    ('amirabad', 'rostov na donu', 'елабуга')
    """
    text = str(name)
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", text.casefold()).strip()


class Entry:
    """One record of a source, compact: what a :class:`routes.gazetteer.places.Place` is made from.

    ``band`` is the smallest population of the GeoNames table a town comes from (0 for the
    other sources); ``what`` says what a site is ("strait", "ship-to-ship transfer area");
    ``cited`` is the record's own statement of where its position comes from, if it has one.
    """

    __slots__ = ("alternates", "node", *_COLUMNS)
    name: str
    kind: str
    lon: float
    lat: float
    country: str | None
    source: str
    record: str
    population: int | None
    port_code: str | None
    scalerank: int | None
    town: str | None
    dataset: str | None
    band: int
    what: str | None
    cited: str | None

    def __init__(self, name, kind, lon, lat, country, source, record, **fields):
        self.name, self.kind, self.lon, self.lat = name, kind, float(lon), float(lat)
        self.country, self.source, self.record = country, source, record
        for field in _COLUMNS[7:]:
            setattr(self, field, fields.get(field))
        self.band = self.band or 0
        self.alternates: tuple[str, ...] = tuple(fields.get("alternates", ()))
        self.node: dict | None = fields.get("node")

    def row(self) -> tuple:
        alternates = _SEPARATOR.join(self.alternates)
        node = json.dumps(self.node, ensure_ascii=False) if self.node is not None else None
        return (*(getattr(self, field) for field in _COLUMNS), alternates, node)

    @classmethod
    def from_row(cls, row: tuple) -> Entry:
        *values, alternates, node = row
        fields = dict(zip(_COLUMNS, values))
        entry = cls(**fields)
        entry.alternates = tuple(alternates.split(_SEPARATOR)) if alternates else ()
        entry.node = json.loads(node) if node else None
        return entry


def fingerprint(parts: Iterable[object]) -> str:
    """A short hash of what the index is built from (file paths, sizes, times, versions)."""
    text = json.dumps([INDEX_FORMAT, *parts], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def index_file(parts: Iterable[object], folder: Path | None = None) -> Path:
    """The file the index of sources described by ``parts`` is kept in (it may not exist yet)."""
    folder = cache_dir() if folder is None else folder
    return folder / f"gazetteer-{fingerprint(parts)}.sqlite"


def open_index(parts: Iterable[object], build: Callable[[], Iterable[Entry]], folder: Path | None = None):
    """The index for sources described by ``parts`` (see :func:`fingerprint`), as a read-only
    :class:`sqlite3.Connection`: the cached file if it is complete and of this fingerprint,
    else built from the entries ``build()`` gives and cached. If the cache folder cannot be
    written, the index is built in memory (and built again by the next process)."""
    parts = list(parts)
    folder = cache_dir() if folder is None else folder
    key, path = fingerprint(parts), index_file(parts, folder)
    connection = _open_complete(path, key)
    if connection is not None:
        return connection
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write(path, key, build())
    except OSError:
        memory = sqlite3.connect(":memory:")
        _fill(memory, key, build())
        return memory
    _prune(folder, path)
    connection = _open_complete(path, key)
    if connection is None:  # pragma: no cover - another process replaced it with a bad file
        raise OSError(f"the gazetteer index {path} was written but does not open; delete it and retry")
    return connection


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the :data:`KEPT_INDEXES` newest indexes (of older sources, or of other
    installations of routes sharing the folder, which would otherwise rebuild each other's)."""
    others = [p for p in folder.glob("gazetteer-*.sqlite") if p != keep]
    with contextlib.suppress(OSError):
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEPT_INDEXES - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()


def _open_complete(path: Path, key: str) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        found = dict(connection.execute("SELECT name, value FROM meta").fetchall())
        if found.get("fingerprint") == key and found.get("complete") == "1":
            return connection
        connection.close()
    except sqlite3.DatabaseError:  # not a database, truncated, or tables missing
        pass
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def _write(path: Path, key: str, entries: Iterable[Entry]) -> None:
    """Build the index in a temporary file beside ``path``, then rename it into place."""
    handle, temporary = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA cache_size = -262144")  # up to 256 MiB: the whole index
            _fill(connection, key, entries)
        finally:
            connection.close()
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _fill(connection: sqlite3.Connection, key: str, entries: Iterable[Entry]) -> None:
    columns = ", ".join(_COLUMNS)
    connection.executescript(
        f"""
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (id INTEGER PRIMARY KEY, {columns}, alternates TEXT, node TEXT);
        CREATE TABLE keys (key TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE names (
            key INTEGER NOT NULL, place INTEGER NOT NULL, tier INTEGER NOT NULL, PRIMARY KEY (key, place)
        ) WITHOUT ROWID;
        """
    )
    key_ids: dict[str, int] = {}
    names: list[tuple[int, int, int]] = []
    places = []
    for number, entry in enumerate(entries):
        places.append((number, *entry.row()))
        # A port ranks as its town's namesake too: "Busan" finds the port of Pusan first.
        tiers = {k: 0 for k in (place_key(entry.name), place_key(entry.town or "")) if k}
        for name in entry.alternates:
            tiers.setdefault(place_key(name), 1)
        tiers.pop("", None)
        for name_key, tier in tiers.items():
            key_id = key_ids.setdefault(name_key, len(key_ids))
            names.append((key_id, number, tier))
    marks = ", ".join("?" * (len(_COLUMNS) + 3))
    connection.executemany(f"INSERT INTO places VALUES ({marks})", places)
    # Tables without rowids are their own index (a third smaller than a table and an index); the
    # page cache of _write holds them whole while they fill.
    connection.executemany("INSERT INTO keys VALUES (?, ?)", key_ids.items())
    connection.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("fingerprint", key), ("format", str(INDEX_FORMAT)), ("places", str(len(places))), ("complete", "1")],
    )
    connection.commit()


# --- reading -----------------------------------------------------------------------------------


def postings(connection: sqlite3.Connection, keys: Iterable[str]) -> list[tuple[str, int, int]]:
    """``(key, place id, tier)`` for every name whose key is one of ``keys``."""
    keys = list(dict.fromkeys(keys))
    found: list[tuple[str, int, int]] = []
    for start in range(0, len(keys), 500):  # SQLite limits the number of parameters
        chunk = keys[start : start + 500]
        found += connection.execute(
            "SELECT k.key, n.place, n.tier FROM keys k JOIN names n ON n.key = k.id "
            f"WHERE k.key IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    return found


def entries(connection: sqlite3.Connection, ids: Iterable[int]) -> dict[int, Entry]:
    """The entries of the places with these ids."""
    ids = list(dict.fromkeys(ids))
    found: dict[int, Entry] = {}
    columns = ", ".join(_COLUMNS)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = connection.execute(
            f"SELECT id, {columns}, alternates, node FROM places WHERE id IN ({', '.join('?' * len(chunk))})", chunk
        )
        for place_id, *row in rows:
            found[place_id] = Entry.from_row(tuple(row))
    return found


def keys_holding(connection: sqlite3.Connection, key: str) -> list[str]:
    """Keys other than ``key`` that hold it as whole words ("bandar anzali" holds "anzali")."""
    padded = f" {key} "
    rows = connection.execute("SELECT key FROM keys WHERE instr(key, ?) > 0 AND key != ?", (key, key))
    return [other for (other,) in rows if padded in f" {other} "]


def keys_like(
    connection: sqlite3.Connection, key: str, spread: int, country: str | None, kind: str | None
) -> list[str]:
    """Keys that begin with ``key``'s first character and differ in length by at most ``spread``,
    of places in ``country`` and of ``kind`` when given (the pool 'did you mean' draws from)."""
    low, high = key[:1], chr(ord(key[:1]) + 1)
    bounds = (low, high, len(key) - spread, len(key) + spread)
    if country is None and kind is None:
        sql = "SELECT key FROM keys WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ?"
        return [k for (k,) in connection.execute(sql, bounds)]
    sql = (
        "SELECT DISTINCT k.key FROM keys k JOIN names n ON n.key = k.id JOIN places p ON p.id = n.place "
        "WHERE k.key >= ? AND k.key < ? AND length(k.key) BETWEEN ? AND ? "
        "AND (? IS NULL OR p.country = ?) AND (? IS NULL OR p.kind = ?)"
    )
    return [k for (k,) in connection.execute(sql, (*bounds, country, country, kind, kind))]
