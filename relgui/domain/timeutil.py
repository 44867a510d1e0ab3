"""Time: an injectable clock, UTC storage, parsing of what users type."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from relgui.domain.errors import InvalidInput
from relgui.domain.text import clean

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


MIN_YEAR, MAX_YEAR = 1990, 2200  # what a release's dates can be; beyond, time zones overflow


def parse(value: object, field: str) -> dt.datetime:
    """A date-time as typed or pasted: ISO 8601, '2026-11-27 22:00' or '2026/11/27 22:00'.

    The text is cleaned as all input is (relgui.domain.text); a date-time object is taken as
    it is. Either is refused outside the years MIN_YEAR..MAX_YEAR (a year 1 or 9999 would
    overflow on conversion to UTC)."""
    if isinstance(value, dt.datetime):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise InvalidInput.of(field, "bad_datetime", value=value.isoformat()[:40])
        return as_utc(value)
    raw = clean("" if value is None else str(value))
    text = raw.strip().replace("/", "-")
    if not text:
        raise InvalidInput.of(field, "empty")
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of(field, "bad_datetime", value=raw.strip()[:40]) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise InvalidInput.of(field, "bad_datetime", value=raw.strip()[:40])
    return as_utc(parsed)


def iso(value: dt.datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat(timespec="seconds")
