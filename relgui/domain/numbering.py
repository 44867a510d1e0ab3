"""Release numbers such as FB-2026-0042, from the company's pattern (company setting)."""

from __future__ import annotations

import string

from relgui.domain.errors import InvalidInput

DEFAULT_PATTERN = "FB-{year}-{seq:04d}"
_ALLOWED = {"year", "seq"}


def check_pattern(pattern: str) -> str:
    """A pattern must contain {seq} and may use {year}; nothing else is substituted."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
        pattern.format(year=2026, seq=1)
    except (ValueError, IndexError, KeyError):
        raise InvalidInput.of("number_pattern", "bad_pattern", value=pattern[:60]) from None
    if "seq" not in names or not names <= _ALLOWED:
        raise InvalidInput.of("number_pattern", "bad_pattern", value=pattern[:60])
    if len(pattern) > 60:
        raise InvalidInput.of("number_pattern", "too_long", limit=60, length=len(pattern))
    return pattern


def format_number(pattern: str, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)
