"""The version a user saw, carried by every write (optimistic locking).

A write names the version of the record its user was looking at: an ``int`` (the record's
``row_version``), or ``NEW`` when the user saw no record yet (a checklist item never
recorded, a first step record). ``NEW`` is its own value: "I saw nothing" is a claim that
can be wrong — if somebody recorded the item meanwhile, the write is a conflict, never an
overwrite. ``None`` is not a version: a write without one is a programming error.
"""

from __future__ import annotations

from typing import Final, TypeAlias

from relgui.domain.errors import InvalidInput, Refusal


class _Unseen:
    """The type of ``NEW``: one instance, compares only to itself."""

    _instance: _Unseen | None = None

    def __new__(cls) -> _Unseen:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NEW"

    def __reduce__(self) -> str:  # pickles (worker threads, processes) as the same singleton
        return "NEW"


NEW: Final = _Unseen()

Seen: TypeAlias = "int | _Unseen"


class MissingVersion(InvalidInput):
    """A write was called without the version its user saw (a bug in the caller, refused
    like bad input so that nothing is written and the user is told in words)."""

    def __init__(self, value: object):
        super().__init__(Refusal("version_missing", params={"value": repr(value)[:40]}))


def check(value: object) -> int | _Unseen:
    """``value`` as a version the caller saw; refuses None and anything else."""
    if value is NEW:
        return NEW
    if isinstance(value, bool) or not isinstance(value, int):
        raise MissingVersion(value)
    return value


def parse(text: str) -> int | _Unseen:
    """A version typed on a command line: a number, or 'new'."""
    value = (text or "").strip().lower()
    if value == "new":
        return NEW
    if not value.isdigit():
        raise MissingVersion(text)
    return int(value)
