"""Evidence images on claims, events and story steps (``images = [{ file = ..., ... }]``).

An image is shown only with its terms: ``licence`` is required (an image whose licence is
not stated is refused), as are a ``caption`` and a ``credit``; ``date`` (when the picture was
taken or published) and ``shows`` (what it shows, in the source's words) are optional. The
file is read when the scenario loads (a relative path inside the scenario's folder: a scenario
cannot pull other files of the computer into a page) and re-encoded by
:func:`routes.load.images.encode_image`: size-capped, metadata stripped, nothing fetched. A bad
file is one problem of the scenario, reported with all the others.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from routes.model.fields import Fields, quote

if TYPE_CHECKING:  # pragma: no cover
    from routes.model.periods import PartialDate

IMAGE_FIELDS = ("file", "caption", "credit", "licence", "date", "shows")
_EXAMPLE = 'images = [{ file = "najin-2023-09-07.jpg", caption = ..., credit = ..., licence = ... }]'


@dataclass(frozen=True)
class EvidenceImage:
    """An image a record rests on, with its terms, and its page-ready encoding."""

    file: str
    caption: str
    credit: str
    licence: str
    date: PartialDate | None = None
    shows: str | None = None
    data_url: str = field(default="", repr=False)
    width: int = 0
    height: int = 0

    def credit_line(self) -> str:
        """``credit, licence, date``: what any use of the image must carry."""
        return ", ".join(p for p in (self.credit, self.licence, self.date.label() if self.date else None) if p)

    def as_entry(self) -> dict:
        """The page's entry: the data URL and the text shown with it."""
        return {
            "src": self.data_url,
            "w": self.width,
            "h": self.height,
            "caption": self.caption,
            "credit": self.credit_line(),
            "shows": self.shows,
        }


def evidence_images(fields: Fields, folder: Path) -> tuple[EvidenceImage, ...]:
    """The ``images`` of a record, each checked and encoded; problems go to ``fields``."""
    tables = fields.tables("images")
    if not tables:
        return ()
    from routes.load.images import ImageError

    images = []
    for index, table in enumerate(tables):
        sub = Fields(fields.problems, f"{fields.record} image {index + 1}", table, IMAGE_FIELDS)
        name, caption, credit = sub.text("file"), sub.text("caption"), sub.text("credit")
        licence = sub.text("licence", required=False)
        if licence is None and (not isinstance(table.get("licence"), str) or not table["licence"].strip()):
            sub.add(
                "licence",
                "missing: an image is shown only under terms that allow it",
                'state them, e.g. licence = "CC-BY-4.0", "public domain (US government work)" or '
                '"used with permission of <owner>"; leave the image out if they are unknown',
            )
        date, shows = sub.date("date", required=False), sub.text("shows", required=False)
        if name is None:
            continue
        path = inside_folder(folder, name)
        if path is None:
            sub.add(
                "file",
                f"{quote(name)} is outside the scenario's folder",
                "copy the image into the scenario's folder (or a folder below it) and give its relative path; "
                "a scenario cannot pull other files from the computer that renders it into a page",
            )
            continue
        try:
            encoded = _encoded(path)
        except ImageError as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            hint = "" if path.exists() else f"a relative path is read from the scenario's folder ({folder})"
            sub.add("file", f"{quote(name)}: {reason}", hint)
            continue
        if caption and credit and licence:
            images.append(
                EvidenceImage(
                    name, caption, credit, licence, date, shows, encoded.data_url, encoded.width, encoded.height
                )
            )
    return tuple(images)


def inside_folder(folder: Path, name: str) -> Path | None:
    """``name`` resolved in ``folder``, or None when it leaves it (an absolute path, ``..``)."""
    if Path(name).is_absolute():
        return None
    base = folder.resolve()
    path = (base / name).resolve()
    return path if path == base or base in path.parents else None


def _encoded(path: Path):
    """The encoding of an image file, kept while the file is unchanged (one file may serve a
    claim, an event and a story step). Noted as read each time, cached or not."""
    from routes.load.reads import note_read

    note_read(path)
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (0, 0)
    return _encoded_cached(path, key)


@functools.lru_cache(maxsize=64)
def _encoded_cached(path: Path, key: tuple[int, int]):
    from routes.load.images import encode_image

    return encode_image(path)
