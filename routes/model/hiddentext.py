"""Hidden text: bidi controls and invisible characters in user text, and how outputs show them.

A claimant or a quantity typed with Unicode bidi controls (RLO, LRI, PDF, ...) displays
reordered ("Social-media post (not verified)" as ")not verified("), and zero-width or other
invisible characters make two different strings look the same. The "Trojan Source" fixes in
code editors and compilers (CVE-2021-42574) do two things, and so does routes:

- **Say so.** ``routes validate`` warns about every such character, naming the file, the
  record and the field (:func:`hidden_note`, through :meth:`routes.errors.Problems.warn`).
  Ids are slugs (ASCII letters, digits and '-'), so an id holding one is an error already
  (:func:`routes.model.records.check_slug` names the character).
- **Show them, and isolate the text.** Every output shows each such character as a visible
  escape, ``<U+202E>`` (:func:`visible`), so nothing is reordered or hidden; and user text is
  isolated so that it cannot reorder the words routes puts around it: in pages each element
  holding text has ``dir="auto"`` (``render/static/page.js``) and Python-built HTML wraps it
  in ``<bdi>`` (:func:`html_isolated`); in plain text (deck, CSV and Markdown ledgers, KML
  names) a string holding right-to-left letters is wrapped in FIRST STRONG ISOLATE ... POP
  DIRECTIONAL ISOLATE (:func:`isolated`). Text without right-to-left letters or hidden
  characters, all the bundled data, is left exactly as it is. The claims chart draws text in
  the order it is stored (matplotlib applies no bidi algorithm), so it gets the escapes only.
  The GeoJSON export is data for other programs: it keeps the characters as written.

A ZERO WIDTH (NON-)JOINER between two letters is part of the spelling of Persian, Indic and
other scripts (and of emoji sequences), so it is kept there and reported nowhere else.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

#: Bidi controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069) and the
#: marks (LRM, RLM, ALM).
BIDI_CONTROLS = frozenset(chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))

#: Characters that draw nothing: the Unicode format characters (category Cf) that have no
#: visible glyph, the Hangul fillers, the combining grapheme joiner and the variation
#: selectors of the supplement (used to smuggle text into a string).
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200D),  # zero width space, non-joiner, joiner
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x206A, 0x206F),  # deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFEFF, 0xFEFF),  # zero width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE007F),  # tags
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
INVISIBLE = frozenset(chr(c) for low, high in _INVISIBLE_RANGES for c in range(low, high + 1))

#: Format characters (Cf) that are drawn (Arabic number signs and the like): not hidden.
VISIBLE_FORMAT = frozenset(
    chr(c)
    for c in (*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD)
    + tuple(range(0x13430, 0x13439))
)

_JOINERS = ("\u200c", "\u200d")
_HIDDEN = re.compile("[" + "".join(re.escape(c) for c in sorted(BIDI_CONTROLS | INVISIBLE)) + "]")
#: Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, ...,
#: their presentation forms, and the right-to-left blocks of the supplementary planes).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")
FSI, PDI = "\u2068", "\u2069"


def _joins_letters(value: str, index: int) -> bool:
    """Whether the joiner at ``index`` sits between two letters, marks or symbols (a word of
    a joining script, an emoji sequence), where it is part of the spelling."""
    if index == 0 or index == len(value) - 1:
        return False
    return all(unicodedata.category(value[i])[0] in "LMS" for i in (index - 1, index + 1))


def hidden_characters(value: str) -> list[tuple[int, str]]:
    """``(index, character)`` of each bidi control and invisible character in ``value``.

    >>> hidden_characters("Social-media post \\u202e(not verified)")
    [(18, '\\u202e')]
    >>> hidden_characters("می\\u200cشود")  # Persian: a joiner inside a word is spelling
    []
    """
    found = []
    for match in _HIDDEN.finditer(value):
        index, char = match.start(), match.group()
        if char in _JOINERS and _joins_letters(value, index):
            continue
        found.append((index, char))
    return found


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its Unicode name."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def escape(char: str) -> str:
    """How outputs show a hidden character: ``<U+202E>``."""
    return f"<U+{ord(char):04X}>"


def hidden_note(value: str) -> str | None:
    """The warning ``validate`` gives for a text holding hidden characters, else None.

    >>> hidden_note("1\\u200b000")
    'holds 1 hidden character: U+200B ZERO WIDTH SPACE (invisible) at character 2; outputs show it as <U+200B>'
    """
    found = hidden_characters(value)
    if not found:
        return None
    kinds = [
        f"{describe(c)} ({'bidi control' if c in BIDI_CONTROLS else 'invisible'}) at character {i + 1}"
        for i, c in found
    ]
    shown = ", ".join(kinds[:3]) + (f" and {len(kinds) - 3} more" if len(kinds) > 3 else "")
    plural = len(found) != 1
    escapes = " ".join(dict.fromkeys(escape(c) for _, c in found))
    return (
        f"holds {len(found)} hidden character{'s' if plural else ''}: {shown}; "
        f"outputs show {'them' if plural else 'it'} as {escapes}"
    )


#: The fix that goes with :func:`hidden_note`.
HIDDEN_FIX = (
    "delete each unless the text needs it (bidi controls reorder what is shown; invisible characters are not seen)"
)


def visible(value: str) -> str:
    """``value`` with each hidden character replaced by its escape; the same string when it has none.

    >>> visible("Social-media post \\u202e(not verified)")
    'Social-media post <U+202E>(not verified)'
    """
    if not _HIDDEN.search(value):
        return value
    found = dict(hidden_characters(value))
    return "".join(escape(c) if i in found else c for i, c in enumerate(value))


def has_rtl(value: str) -> bool:
    """Whether ``value`` holds a letter of a right-to-left script."""
    return _RTL.search(value) is not None


def isolated(value: str) -> str:
    """Plain text as outputs show it: :func:`visible`, and wrapped in FSI ... PDI when it holds
    right-to-left letters, so that it orders only itself.

    >>> isolated("plain") == "plain"
    True
    >>> isolated("\\u0645\\u0648\\u0627\\u0646\\u0626 (2)") == FSI + "\\u0645\\u0648\\u0627\\u0646\\u0626 (2)" + PDI
    True
    """
    shown = visible(value)
    return FSI + shown + PDI if has_rtl(shown) else shown


def html_isolated(value: str) -> str:
    """Text for Python-built HTML: :func:`visible`, HTML-escaped, in a ``<bdi>`` element when
    it holds right-to-left letters or was changed (plain text is escaped only, so pages of
    ordinary text keep their bytes)."""
    import html

    shown = visible(value)
    text = html.escape(shown, quote=True)
    return f"<bdi>{text}</bdi>" if shown != value or has_rtl(shown) else text


def visible_strings(value, skip: frozenset[str] = frozenset()):
    """A JSON-able value (a page's payload) with :func:`visible` applied to every string in it;
    dict keys named in ``skip`` are kept as they are (numbers, pictures)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {k: v if k in skip else visible_strings(v, skip) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_strings(v, skip) for v in value]
    if isinstance(value, tuple):
        return tuple(visible_strings(v, skip) for v in value)
    return value


def visible_record(record):
    """A record (a frozen dataclass such as a claim) with :func:`visible` applied to every
    string in it, in nested records and tuples too; the same object when nothing changes. For
    outputs that lay text out before drawing it (the chart wraps its labels), so that the
    escapes are measured with the text."""
    if isinstance(record, str):
        return visible(record)
    if isinstance(record, tuple):
        shown = tuple(visible_record(item) for item in record)
        return record if all(a is b for a, b in zip(shown, record)) else shown
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        changed = {}
        for field in dataclasses.fields(record):
            if field.init:
                value = getattr(record, field.name)
                shown = visible_record(value)
                if shown is not value:
                    changed[field.name] = shown
        return dataclasses.replace(record, **changed) if changed else record
    return record
