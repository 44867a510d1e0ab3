"""Text hygiene at the boundary: what a user types or pastes becomes storable, printable text.

Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF) break
.docx generation (python-docx raises "All strings must be XML compatible"); they are removed
here, once, before anything is stored, so documents never meet them.
"""

from __future__ import annotations

import re

from relgui.domain.errors import InvalidInput

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Generous, but bounded: a pasted log dump must not become a 50 MB row.
MAX_LINE = 500
MAX_TEXT = 20_000


def clean(value: str) -> str:
    """Remove XML-invalid characters and normalise line ends; keep everything else."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", value)


def line(value: object, field: str, *, required: bool = True, limit: int = MAX_LINE) -> str:
    """One line of text (names, titles): trimmed, no line breaks, bounded."""
    text = clean("" if value is None else str(value)).replace("\n", " ").replace("\t", " ").strip()
    if required and not text:
        raise InvalidInput.of(field, "empty")
    if len(text) > limit:
        raise InvalidInput.of(field, "too_long", limit=limit, length=len(text))
    return text


def block(value: object, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Multi-line text (descriptions, analyses): trimmed at the ends, bounded."""
    text = clean("" if value is None else str(value)).strip()
    if required and not text:
        raise InvalidInput.of(field, "empty")
    if len(text) > limit:
        raise InvalidInput.of(field, "too_long", limit=limit, length=len(text))
    return text
