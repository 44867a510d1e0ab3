"""Text hygiene at input: one rule for every string that enters relgui.

Whatever a user types, pastes, imports from a file or passes on a command line goes through
this module before it is stored, looked up or searched for: free text (``line``, ``block``),
keys (``key``: release, change and version numbers, user and item names), search boxes
(``search``, then ``contains`` for the LIKE pattern), file paths (``path``) and whole numbers
(``integer``). The rule, per kind of character:

Removed (stripped) from text, keys and searches
    * C0 controls U+0000–U+001F and DEL U+007F — except tab and line feed in a block (CR LF
      and CR become LF first); in a line, tab and line breaks become a space. NUL in
      particular: PostgreSQL refuses it in text (DataError), XML cannot hold it.
    * C1 controls U+0080–U+009F. U+0085 NEXT LINE, U+2028 LINE SEPARATOR and U+2029
      PARAGRAPH SEPARATOR are line breaks: a line break in a block, a space in a line.
    * Lone surrogates U+D800–U+DFFF (a byte that is not UTF-8 on a command line arrives as
      one; no database and no document can store it).
    * Noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE,
      U+FFFF, U+1FFFE … U+10FFFF).
    * Bidirectional embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069:
      they make text display in another order than it is stored ("\u202eevil" shows as
      "live"; "Trojan Source", CVE-2021-42574), so a reader would approve what they did not
      read.
    * The bidirectional marks U+200E LRM, U+200F RLM and U+061C ALM. They are zero-width and
      cannot reorder letters, but they do reorder digits and punctuation around them
      ("\u200f12 34" shows as "34 12": a version number, an amount), and the text relgui holds
      (Chinese and English) needs none of them.
    * U+FEFF (byte-order mark, zero-width no-break space): an invisible leftover of a file's
      encoding that would make two identical-looking keys differ.
    Kept: everything else, including emoji, CJK Extension B and the zero-width (non-)joiner
    U+200C/U+200D that emoji sequences and some scripts need.

    Why stripped rather than refused: these characters arrive invisibly with text pasted
    from mail, Word, web pages and terminals; refusing would send the user hunting for
    something they cannot see. Removing them changes nothing a reader can see — except the
    display tricks, which are the point. Keys and searches are cleaned exactly like stored
    text, so what is looked up is what could have been stored (and no NUL reaches SQL).

Refused (InvalidInput)
    * A value that is not text where text is expected: bytes, lists, dicts, sets … (code
      ``not_text``). None is empty; numbers and dates are taken as their text (a spreadsheet
      cell typed as a number).
    * Text over its limit after cleaning (``too_long``): a line 500 characters, a block
      20 000, a search 200, a key its field's width.
    * A file path (``path``) holding NUL, a control character, or a lone surrogate that is
      not an undecodable byte of the file system's encoding (``bad_path``): stripping would
      name another file.
    * A whole number (``integer``) that is not an int (bool is not one), or outside its range
      — at most a 64-bit database integer (``not_a_number``, ``below_minimum``,
      ``above_maximum``).

LIKE searches: ``contains(query)`` gives the pattern and its escape character, with ``%``,
``_`` and the escape character itself escaped so they match literally, for
``column.like(*text.contains(q))`` / ``ilike`` on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from relgui.domain.errors import InvalidInput

# Characters removed from all text (see the module docstring). Line breaks are handled first.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_REMOVED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufeff"
    + _BIDI + _NONCHARACTERS + "]")
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_LINE_SPACE = re.compile("[\t\n]")
_PATH_CONTROLS = re.compile("[\x00-\x1f\x7f]")

# Generous, but bounded: a pasted log dump must not become a 50 MB row.
MAX_LINE = 500
MAX_TEXT = 20_000
MAX_SEARCH = 200
MAX_KEY = 200
MAX_PATH = 4096
DB_INT_MAX = 2**63 - 1  # a BIGINT (counts, offsets); SQLite's INTEGER holds the same
ROW_ID_MAX = 2**31 - 1  # an id: INTEGER on PostgreSQL

# Taken as their text: a spreadsheet cell typed as a number or a date.
_SCALARS = (str, int, float, Decimal, dt.date, dt.time)

LIKE_ESCAPE = "\\"


# str.isprintable() is False for every character clean() removes or replaces and line() makes a
# space: controls (Cc: C0, DEL, C1, tab, CR, LF, NEL), format characters (Cf: the bidirectional
# controls and marks, U+FEFF), surrogates (Cs), unassigned code points (Cn: the noncharacters)
# and the line and paragraph separators (Zl, Zp). Text it calls printable is left as it is.
# (It is also False for spaces other than ' ', U+3000 for one: such text takes the regular way.)


def clean(value: str) -> str:
    """``value`` with the removed characters removed and every line break a line feed."""
    if value.isprintable():  # the common text, at C speed: see above
        return value
    return _REMOVED.sub("", _BREAKS.sub("\n", value))


def _as_text(value: object, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, _SCALARS) and not isinstance(value, bool):
        return str(value)
    raise InvalidInput.of(field, "not_text", type=type(value).__name__[:40])


def _bounded(text: str, field: str, required: bool, limit: int) -> str:
    if required and not text:
        raise InvalidInput.of(field, "empty")
    if len(text) > limit:
        raise InvalidInput.of(field, "too_long", limit=limit, length=len(text))
    return text


def line(value: object, field: str, *, required: bool = True, limit: int = MAX_LINE) -> str:
    """One line of text (names, titles): cleaned, trimmed, no line breaks, bounded."""
    raw = _as_text(value, field)
    text = (raw if raw.isprintable() else _LINE_SPACE.sub(" ", clean(raw))).strip()
    return _bounded(text, field, required, limit)


def block(value: object, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Multi-line text (descriptions, analyses): cleaned, trimmed at the ends, bounded."""
    return _bounded(clean(_as_text(value, field)).strip(), field, required, limit)


def key(value: object, field: str = "number", *, limit: int = MAX_KEY) -> str:
    """A key to look up (a release or change number, a user or item name), cleaned like the
    stored text it is compared with. Empty is allowed (it finds nothing); over ``limit``
    is refused, since no stored key is that long."""
    return line(value, field, required=False, limit=limit)


def keys(values: object, field: str = "number", *, limit: int = MAX_KEY, most: int = 1000) -> list[str]:
    """A list of keys (e.g. the change numbers a release links), each as ``key``; a single
    string is refused rather than read as a list of characters."""
    if values is None:
        return []
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise InvalidInput.of(field, "not_a_list", type=type(values).__name__[:40])
    out = []
    for v in values:
        out.append(line(v, field, limit=limit))
        if len(out) > most:
            raise InvalidInput.of(field, "too_many_rows", limit=most)
    return out


def search(value: object, field: str = "text", *, limit: int = MAX_SEARCH) -> str:
    """What was typed into a search box: cleaned, one line, trimmed, bounded ('' = no filter)."""
    return line(value, field, required=False, limit=limit)


class LikePattern(NamedTuple):
    """Pattern and escape character, in the order ``column.like()`` / ``ilike()`` take them."""

    pattern: str
    escape: str


def _escape_like(value: str) -> str:
    e = LIKE_ESCAPE
    return value.replace(e, e + e).replace("%", e + "%").replace("_", e + "_")


def contains(query: str) -> LikePattern:
    """LIKE pattern matching ``query`` anywhere, its ``%``, ``_`` and escape characters
    taken literally. ``query`` is what ``search``/``key`` returned (already clean)."""
    return LikePattern(f"%{_escape_like(query)}%", LIKE_ESCAPE)


def starts_with(prefix: str) -> LikePattern:
    """LIKE pattern matching text that begins with ``prefix`` (taken literally)."""
    return LikePattern(f"{_escape_like(prefix)}%", LIKE_ESCAPE)


def path(value: object, field: str = "file") -> Path:
    """A file path a user named (not yet opened): refused, never stripped, when it holds NUL,
    control characters or a character the file system cannot encode."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise InvalidInput.of(field, "not_text", type=type(value).__name__[:40])
    shown = clean(value)[:80]
    if not value.strip() or len(value) > MAX_PATH or _PATH_CONTROLS.search(value):
        raise InvalidInput.of(field, "bad_path", value=shown)
    try:
        os.fsencode(value)  # undecodable bytes (surrogate escapes) are a real name on POSIX
    except UnicodeError:
        raise InvalidInput.of(field, "bad_path", value=shown) from None
    return Path(value)


_ESCAPED = re.compile(_REMOVED.pattern[:-1] + "\t\n\r\x85\u2028\u2029]")


def shown(value: object, limit: int = 80) -> str:
    """A value as a message quotes it (a key that was not found, a value refused): one line
    of printable text, each removed character written as its escape (\x00, \u202e, \udcff)
    so the reader sees what was given without it acting on the display."""
    text = value if isinstance(value, str) else str(value)
    text = _ESCAPED.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_path(value: object) -> str:
    """A path as it may be printed in a message (``shown``), the end kept if it is long."""
    text = shown(os.fspath(value) if isinstance(value, os.PathLike) else str(value), limit=10_000)
    return text if len(text) <= 120 else "…" + text[-119:]


def integer(value: object, field: str, *, minimum: int = 0, maximum: int = DB_INT_MAX) -> int:
    """A whole number given by a caller (a count, an offset, a step): an int, in range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput.of(field, "not_a_number", value=clean(repr(value))[:40])
    if value < minimum:
        raise InvalidInput.of(field, "below_minimum", minimum=minimum)
    if value > maximum:
        raise InvalidInput.of(field, "above_maximum", maximum=maximum)
    return value


def clamp(value: object, field: str, lo: int, hi: int) -> int:
    """A size or position a caller asks for (a page's limit, an offset): an int, brought
    into [lo, hi] — asking for too many rows gets the most there are, never an overflow."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput.of(field, "not_a_number", value=clean(repr(value))[:40])
    return max(lo, min(value, hi))


def flag(value: object, field: str) -> bool:
    """A yes/no a caller passes: a bool (or 0/1); anything else is refused, not guessed."""
    if isinstance(value, bool) or value in (0, 1) and isinstance(value, int):
        return bool(value)
    raise InvalidInput.of(field, "not_a_value", value=clean(repr(value))[:40])


def is_row_id(value: object) -> bool:
    """Whether ``value`` can be a database id at all (an int from 1 to an INTEGER's maximum):
    anything else finds nothing, and must not reach SQL (PostgreSQL and SQLite overflow)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ROW_ID_MAX
