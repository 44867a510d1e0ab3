"""Time: an injectable clock, UTC storage, parsing of what users type."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from relgui.domain.errors import InvalidInput

UTC = dt.timezone.utc


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class FixedClock:
    """A clock that moves only when told to: deadlines are tested without sleeping."""

    def __init__(self, start: dt.datetime):
        self._now = as_utc(start)

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> dt.datetime:
        self._now += dt.timedelta(**delta)
        return self._now

    def set(self, when: dt.datetime) -> None:
        self._now = as_utc(when)


def as_utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC. A naive value is local wall time (what a user typed)."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC)


def from_db(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything is stored in UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse(value: object, field: str) -> dt.datetime:
    """A date-time as typed or pasted: ISO 8601, '2026-11-27 22:00' or '2026/11/27 22:00'."""
    if isinstance(value, dt.datetime):
        return as_utc(value)
    text = str(value or "").strip().replace("/", "-")
    if not text:
        raise InvalidInput.of(field, "empty")
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of(field, "bad_datetime", value=text[:40]) from None
    if not 1990 <= parsed.year <= 2200:
        raise InvalidInput.of(field, "bad_datetime", value=text[:40])
    return as_utc(parsed)


def iso(value: dt.datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat(timespec="seconds")
