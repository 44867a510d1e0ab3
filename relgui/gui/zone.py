"""The company's time zone as this GUI last read it: the one zone every displayed time is in
(issue 15, one time rule; relgui.domain.timeutil.shown formats) and every typed time means.

One per process, as a GUI works on one database: the register reads the zone with its first
page and again after the company settings changed (gui/register_model.py). Before that first
read it is None, which timeutil takes as China Standard Time, the policy's.
"""

from __future__ import annotations

import datetime as dt

from relgui.domain import timeutil
from relgui.domain.kpi import Quarter

_current: dt.tzinfo | None = None


def current() -> dt.tzinfo | None:
    return _current


def tz() -> dt.tzinfo:
    """The zone times are shown and typed in: the company's as last read, China Standard Time
    (the policy's) before the first read."""
    return _current or timeutil.DEFAULT_ZONE


def remember(tz: dt.tzinfo | None) -> None:
    global _current
    _current = tz


def wall(value: dt.datetime) -> dt.datetime:
    """An instant as the company's naive wall-clock time (what a date-time editor shows)."""
    return timeutil.as_utc(value).astimezone(tz()).replace(tzinfo=None)


def instant(wall_time: dt.datetime) -> dt.datetime:
    """What an editor holds (naive, the company's wall-clock time) as an aware instant."""
    if wall_time.tzinfo is not None:
        return wall_time
    return wall_time.replace(tzinfo=tz())


def quarter(now: dt.datetime) -> Quarter:
    """The quarter ``now`` falls in, in the company's zone (what services.kpi.current_quarter
    reads from the database; the dashboard opens without that read)."""
    return Quarter.of(timeutil.as_utc(now).astimezone(tz()))
