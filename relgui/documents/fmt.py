"""Values as a document prints them: clean text, local times, safe file names.

Input is cleaned at the boundary (relgui.domain.text), but a document must never fail on
what is stored (old rows, bulk loads, a restored backup), so everything that reaches a
renderer passes ``clean`` again: XML 1.0 cannot hold most C0 controls, lone surrogates or
U+FFFE/U+FFFF, and python-docx refuses them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from typing import Any

from relgui.domain import text as textrule
from relgui.fsutil import MAX_NAME_BYTES
from relgui.fsutil import safe_filename as sanitize

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
NONE = "（无）"
DATE = "%Y.%m.%d"  # as the policy's own header writes dates: 2025.01.10
TIME = "%Y.%m.%d %H:%M"


def clean(value: Any) -> str:
    """Printable text of any stored value; None and '' become ''.

    The same rule as at input (relgui.domain.text.clean: C0/C1 controls, bidi overrides and
    marks, noncharacters and BOMs removed; NEL, U+2028/U+2029 and CR become line feeds), applied
    again here because rows stored before that rule, bulk loads and restored backups never
    passed it: a stored "\u202eevil" prints "evil", never "live"; U+0085 prints as a line break,
    never as a box. The .docx writer and the PDF face both print only text that passed here
    (``clean_model``)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return _XML_INVALID.sub("", textrule.clean(text))


def clean_model(value: Any) -> Any:
    """Every text of a document model (any nesting of frozen dataclasses, tuples, lists and
    dicts) passed through ``clean``: the one neutralisation both faces of a document share."""
    if isinstance(value, str):
        return clean(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: clean_model(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(clean_model(v) for v in value)
    if isinstance(value, list):
        return [clean_model(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_model(v) for k, v in value.items()}
    return value


def or_none(value: Any) -> str:
    text = clean(value).strip()
    return text or NONE


def when(value: str | dt.datetime | None, tz: dt.tzinfo, fmt: str = TIME) -> str:
    """An ISO time (as relgui.services.details hands it) in the company's time zone."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return clean(value)  # not a time after all: print what is stored
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz).strftime(fmt)


def minutes_between(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    a, b = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    return round((b - a).total_seconds() / 60)


# File names (item 6): number + title + kind, safe on Windows.
_WIN_INVALID = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 120  # UTF-16 code units; leaves room for the folder in a 260-character path


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def safe_filename(number: str, title: str, kind_name: str, ext: str = ".docx") -> str:
    """``FB-2026-0001 核心交易系统升级 发布计划.docx``: Windows-invalid characters become '_',
    trailing dots and spaces go, reserved device names are avoided, the title is shortened
    so the whole name stays within MAX_NAME UTF-16 units (emoji count twice there) and
    relgui.fsutil.MAX_NAME_BYTES in UTF-8 (a Chinese character is 3 bytes: a 120-character
    title is 360, over the 255 a Linux file name may have); then relgui.fsutil.safe_filename,
    the one sanitizer of every file name relgui makes."""
    def tidy(text: str) -> str:
        text = unicodedata.normalize("NFC", clean(text))
        return re.sub(r"\s+", " ", _WIN_INVALID.sub("_", text)).strip(" .")

    def fits(name: str) -> bool:
        return _utf16_len(name) <= MAX_NAME and len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES

    head, tail = tidy(number) or "release", f" {tidy(kind_name)}{ext}"
    title = tidy(title)
    while title and not fits(f"{head} {title}{tail}"):
        title = title[:-1]
    title = title.rstrip(" .")
    name = f"{head} {title}{tail}" if title else f"{head}{tail}"
    if name.split(".")[0].split(" ")[0].upper() in _RESERVED:
        name = "_" + name
    return sanitize(name)
