"""Time: an injectable clock, UTC storage, parsing of what users type and of what files hold.

One grammar for dates and times (``wall_clock``): every import (the release register from a
spreadsheet or CSV, change requests from change management's export) and every typed date goes
through it. A time without a zone is the company's wall-clock time (``moment(value, tz)`` with
the company's zone, relgui.services.company); ``parse`` keeps its rule for what a user types
on this computer (local wall time).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any, Protocol, overload

from relgui.domain.errors import InvalidInput
from relgui.domain.text import clean

UTC = dt.UTC


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


@overload
def from_db(value: dt.datetime) -> dt.datetime: ...
@overload
def from_db(value: None) -> None: ...
@overload
def from_db(value: dt.datetime | None) -> dt.datetime | None: ...
def from_db(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything is stored in UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


MIN_YEAR, MAX_YEAR = 1990, 2200  # what a release's dates can be; beyond, time zones overflow


# Year first, always (30/09/2026 and 09/30/2026 are ambiguous and refused): 2026-09-30,
# 2026/9/30, 2026.9.30, 2026年9月30日; then an optional time 18:00[:00[.fff]], 18时30分 or 18点,
# after a space or a 'T' (or straight after 日), and an optional offset (Z, +08:00).
_DATE = r"(?P<y>\d{4})\s*(?P<s1>[-/.年])\s*(?P<m>\d{1,2})\s*(?P<s2>[-/.月])\s*(?P<d>\d{1,2})\s*(?P<day>[日号])?"
_CLOCK = r"(?P<H>\d{1,2}):(?P<M>\d{1,2})(?::(?P<S>\d{1,2})(?:[.,](?P<f>\d{1,6})\d*)?)?"
_WORDS = r"(?P<wH>\d{1,2})\s*[时点](?:\s*(?P<wM>\d{1,2})\s*分(?:\s*(?P<wS>\d{1,2})\s*秒)?)?"
_TEXT = re.compile(rf"^{_DATE}(?:(?:\s+|T|(?<=[日号]))(?:{_CLOCK}|{_WORDS}))?\s*(?P<tz>Z|[+-]\d{{2}}:?\d{{2}})?$", re.I)
_SEPARATORS = {"-": "-", "/": "/", ".": ".", "年": "月"}
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")


def excel_serial(value: float) -> dt.datetime | None:
    """An Excel serial date (the 1900 date system) as wall-clock time, or None.

    Excel counts a 29 February 1900 that never was (Lotus 1-2-3's leap-year bug, kept for
    compatibility): serial 60 is that day, so serials from 61 on count days from
    1899-12-30, serials 1-59 from 1899-12-31, and 60 is no date. The fraction is the time
    of day, rounded to the second."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 1:
        return None
    days = math.floor(value)
    if days == 60 or days > 2_958_465:  # 9999-12-31
        return None
    base = dt.datetime(1899, 12, 30) if days > 60 else dt.datetime(1899, 12, 31)
    return base + dt.timedelta(days=days, seconds=round((value - days) * 86400))


def wall_clock(value: Any, *, serials: bool = False) -> dt.datetime | None:
    """The one date/time grammar: a cell or a typed value as a datetime (naive: wall-clock
    time in a zone the caller knows; aware when the text carried an offset), or None when it
    is none of the forms below.

    - a datetime as it is; a date as the start of its day;
    - text: 2026-09-30, 2026/9/30 18:00, 2026-09-30T18:00, 2026年9月30日 18:00,
      2026年9月30日18时30分, 2026.9.30 (full-width digits and colons too), ISO 8601 with an offset;
    - with ``serials``, a number (or a number as text) as an Excel serial date: a date cell
      whose format was lost, or a CSV written from one.
    Anything else (a time of day alone, a duration, 30/09/2026, '下周一') is None."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return excel_serial(value) if serials else None
    if not isinstance(value, str):
        return None
    text = " ".join(unicodedata.normalize("NFKC", clean(value)).split())
    m = _TEXT.match(text)  # (a serial has at most one separator, a date two: never both)
    if m is None:
        return excel_serial(float(text)) if serials and _SERIAL.match(text) else _iso(text)
    y, s1, mo, s2, d, day, hh, mm, ss, f, wh, wm, ws, zone = m.groups()  # _TEXT's groups in order
    if _SEPARATORS[s1] != s2 or (day and s1 != "年"):
        return _iso(text)
    try:
        out = dt.datetime(int(y), int(mo), int(d), int(hh or wh or 0), int(mm or wm or 0), int(ss or ws or 0),
                          int(f.ljust(6, "0")) if f else 0)
    except ValueError:  # 2026-02-30, 25:00
        return None
    if zone:
        off = zone.upper()
        if off != "Z":
            sign = -1 if off[0] == "-" else 1
            hh, mm = int(off[1:3]), int(off[-2:])
            if hh > 23 or mm > 59:
                return None
            return out.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hh, minutes=mm)))
        return out.replace(tzinfo=UTC)
    return out


def _iso(text: str) -> dt.datetime | None:
    """What ISO 8601 allows beyond the forms above (20260930T1800, week dates): year first
    only, so a day-first text never reaches here as a date."""
    if not re.match(r"^\d{4}", text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def moment(value: Any, tz: dt.tzinfo) -> dt.datetime | None:
    """A value from an imported file as an instant: wall-clock time in ``tz`` (the company's
    time zone) unless it carries its own offset; Excel serials taken; None when it is not a
    date or its year is not one a release can have (MIN_YEAR..MAX_YEAR)."""
    when = wall_clock(value, serials=True)
    if when is None or not MIN_YEAR <= when.year <= MAX_YEAR:
        return None
    # when.replace(tzinfo=tz), made as combine makes it (the same value, fold kept; a quarter of the time)
    return dt.datetime.combine(when, when.time(), tz) if when.tzinfo is None else when


def parse(value: object, field: str) -> dt.datetime:
    """A date-time as typed or pasted, in the one grammar of ``wall_clock`` ('2026-11-27
    22:00', '2026/11/27 22:00', ISO 8601 …); a date alone is the start of its day.

    The text is cleaned as all input is (relgui.domain.text); a date-time object is taken as
    it is. Either is refused outside the years MIN_YEAR..MAX_YEAR (a year 1 or 9999 would
    overflow on conversion to UTC)."""
    if isinstance(value, dt.datetime):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise InvalidInput.of(field, "bad_datetime", value=value.isoformat()[:40])
        return as_utc(value)
    raw = clean("" if value is None else str(value))
    if not raw.strip():
        raise InvalidInput.of(field, "empty")
    parsed = wall_clock(raw)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise InvalidInput.of(field, "bad_datetime", value=raw.strip()[:40])
    return as_utc(parsed)


@overload
def iso(value: dt.datetime) -> str: ...
@overload
def iso(value: None) -> None: ...
@overload
def iso(value: dt.datetime | None) -> str | None: ...
def iso(value: dt.datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat(timespec="seconds")


SHOWN = "%Y-%m-%d %H:%M"
DEFAULT_ZONE = dt.timezone(dt.timedelta(hours=8), "UTC+8")  # China Standard Time, the policy's


def shown(value: dt.datetime | str | None, tz: dt.tzinfo | None, fmt: str = SHOWN) -> str:
    """The one rule for a displayed time: the instant in the company's time zone ``tz``
    (relgui.services.company.zone), never the computer's. Takes an aware datetime or an ISO text
    as the services hand them (a naive one is UTC, as stored); '' for None; a text that is no
    time is shown as it is. ``tz`` None (not known yet) is China Standard Time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            instant = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        instant = value
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(tz or DEFAULT_ZONE).strftime(fmt)


def zone_name(tz: dt.tzinfo | None) -> str:
    """A zone as people name it: the IANA name (Asia/Shanghai) or a fixed offset (UTC+8)."""
    tz = tz or DEFAULT_ZONE
    key = getattr(tz, "key", None)
    return key if key else (tz.tzname(None) or str(tz))


def differs_from_local(tz: dt.tzinfo | None, at: dt.datetime) -> bool:
    """Whether the company's zone shows ``at`` at another wall-clock time than this computer's
    zone would: then a displayed time says its zone, lest it be read as local."""
    at = as_utc(at)
    local = at.astimezone()
    return local.utcoffset() != at.astimezone(tz or DEFAULT_ZONE).utcoffset()


def offset_name(tz: dt.tzinfo | None, at: dt.datetime) -> str:
    """The zone's offset from UTC at ``at`` as a header can say it: UTC+8, UTC-3:30."""
    off = as_utc(at).astimezone(tz or DEFAULT_ZONE).utcoffset() or dt.timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")
