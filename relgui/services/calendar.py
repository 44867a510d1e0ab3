"""发布日历: planned release windows by month or week, with conflicts and freeze periods.

A conflict is two releases that are still under way (not closed, rejected or cancelled)
touching the same configuration item (release_items) in overlapping planned windows; a
freeze is a company freeze period overlapping a window. These are the checks of
relgui.services.plans.warnings_for, computed here for many releases at once (one query
each), so the calendar and the register flag exactly what the plan wizard warns about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from relgui.domain.errors import InvalidInput
from relgui.domain.states import TERMINAL, Status
from relgui.policy import current_profile
from relgui.services import company
from relgui.services.context import AppContext, reading
from relgui.store.models import ConfigItem, FreezePeriod, Release, ReleaseItem

NOT_SHOWN = (Status.REJECTED.value, Status.CANCELLED.value)  # requests that will never happen
ONGOING = [s.value for s in Status if s not in TERMINAL]
MAX_DAYS = 400


@dataclass(frozen=True)
class Conflict:
    other_id: int
    other_number: str
    other_title: str
    config_item: str


@dataclass(frozen=True)
class Freeze:
    id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


@dataclass(frozen=True)
class Entry:
    id: int
    number: str
    title: str
    type: str
    status: str
    color: str
    start: dt.datetime
    end: dt.datetime
    conflicts: tuple[Conflict, ...] = ()
    freezes: tuple[int, ...] = ()  # ids of the freeze periods the window touches

    @property
    def flags(self) -> frozenset[str]:
        return _flags(bool(self.conflicts), bool(self.freezes))


def _flags(conflict: bool, freeze: bool) -> frozenset[str]:
    return frozenset(name for name, on in (("conflict", conflict), ("freeze", freeze)) if on)


@dataclass(frozen=True)
class CalendarView:
    start: dt.datetime
    end: dt.datetime
    tz: dt.tzinfo
    entries: list[Entry]
    freezes: list[Freeze]


def _overlaps(start: dt.datetime, end: dt.datetime):
    """Releases whose planned window touches [start, end)."""
    return and_(Release.planned_start.is_not(None), Release.planned_start < end,
                or_(Release.planned_end > start, Release.planned_start >= start))


def _conflicts(s: Session, ids: Iterable[int]) -> dict[int, tuple[Conflict, ...]]:
    """For each of ``ids``: the ongoing releases sharing a configuration item in an
    overlapping window (both ongoing, both with a complete window)."""
    ids = list(ids)
    if not ids:
        return {}
    a, b = aliased(Release), aliased(Release)
    ia, ib = aliased(ReleaseItem), aliased(ReleaseItem)
    rows = s.execute(
        select(a.id, b.id, b.number, b.title, ConfigItem.name)
        .join(ia, ia.release_id == a.id)
        .join(ib, and_(ib.ci_id == ia.ci_id, ib.release_id != a.id))
        .join(b, b.id == ib.release_id)
        .join(ConfigItem, ConfigItem.id == ia.ci_id)
        .where(a.id.in_(ids), a.status.in_(ONGOING), b.status.in_(ONGOING),
               a.planned_start < b.planned_end, a.planned_end > b.planned_start)
        .order_by(a.id, b.number, ConfigItem.name)).all()
    out: dict[int, list[Conflict]] = {}
    for mine, other, number, title, ci in rows:
        out.setdefault(mine, []).append(Conflict(other, number, title, ci))
    return {k: tuple(v) for k, v in out.items()}


def _freezes_of(s: Session, ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    ids = list(ids)
    if not ids:
        return {}
    rows = s.execute(select(Release.id, FreezePeriod.id)
                     .join(FreezePeriod, and_(FreezePeriod.start < Release.planned_end,
                                              FreezePeriod.end > Release.planned_start))
                     .where(Release.id.in_(ids)).order_by(Release.id, FreezePeriod.start)).all()
    out: dict[int, list[int]] = {}
    for rid, fid in rows:
        out.setdefault(rid, []).append(fid)
    return {k: tuple(v) for k, v in out.items()}


def between(ctx: AppContext, start: dt.datetime, end: dt.datetime, *, types: tuple[str, ...] = ()) -> CalendarView:
    """Planned windows touching [start, end), coloured by type, with conflicts and freezes."""
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInput.of("start", "bad_datetime", value=str(start)[:40])
    if end <= start or end - start > dt.timedelta(days=MAX_DAYS):
        raise InvalidInput.of("end", "end_before_start")
    profile = current_profile()
    with reading(ctx) as s:
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
        cond = [_overlaps(start, end), Release.status.not_in(NOT_SHOWN)]
        if types:
            cond.append(Release.type.in_(types))
        rows = s.execute(select(Release.id, Release.number, Release.title, Release.type, Release.status,
                                Release.planned_start, Release.planned_end)
                         .where(*cond).order_by(Release.planned_start, Release.number)).all()
        ids = [r.id for r in rows]
        conflicts, freezes = _conflicts(s, ids), _freezes_of(s, ids)
        periods = [Freeze(f.id, f.start, f.end, f.reason) for f in s.execute(
            select(FreezePeriod).where(FreezePeriod.start < end, FreezePeriod.end > start)
            .order_by(FreezePeriod.start)).scalars()]
    # A window without an end (a request not yet planned in detail) is drawn at its start.
    entries = [Entry(r.id, r.number, r.title, r.type, r.status, profile.release_types[r.type].color,
                     r.planned_start, r.planned_end or r.planned_start, conflicts.get(r.id, ()),
                     freezes.get(r.id, ())) for r in rows]
    return CalendarView(start, end, tz, entries, periods)


def month(ctx: AppContext, year: int, month_: int, *, types: tuple[str, ...] = ()) -> CalendarView:
    """A calendar month in the company's time zone."""
    if not 1 <= month_ <= 12:
        raise InvalidInput.of("start", "bad_datetime", value=f"{year}-{month_}")
    tz = company.get(ctx).tz
    start = dt.datetime(year, month_, 1, tzinfo=tz)
    end = dt.datetime(year + (month_ == 12), month_ % 12 + 1, 1, tzinfo=tz)
    return between(ctx, start, end, types=types)


def week(ctx: AppContext, day: dt.date, *, types: tuple[str, ...] = ()) -> CalendarView:
    """The week (Monday to Sunday) containing ``day``, in the company's time zone."""
    tz = company.get(ctx).tz
    monday = day - dt.timedelta(days=day.weekday())
    start = dt.datetime(monday.year, monday.month, monday.day, tzinfo=tz)
    sunday_end = monday + dt.timedelta(days=7)
    return between(ctx, start, dt.datetime(sunday_end.year, sunday_end.month, sunday_end.day, tzinfo=tz),
                   types=types)


def flags(ctx: AppContext, release_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """For the register's rows: which releases have a conflict and which touch a freeze."""
    with reading(ctx) as s:
        ids = list(release_ids)
        conflicts, freezes = _conflicts(s, ids), _freezes_of(s, ids)
    return {i: _flags(i in conflicts, i in freezes) for i in ids if i in conflicts or i in freezes}


def conflicts_of(ctx: AppContext, release_ids: Iterable[int]) -> dict[int, tuple[Conflict, ...]]:
    with reading(ctx) as s:
        return _conflicts(s, release_ids)
