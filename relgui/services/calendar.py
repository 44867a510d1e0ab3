"""发布日历: planned release windows by month or week, with conflicts and freeze periods, and what
actually happened beside them (deployment started and finished; an overrun of the planned end).

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
from sqlalchemy.orm import Session

from relgui.domain import text
from relgui.domain.errors import InvalidInput
from relgui.domain.states import TERMINAL, Status
from relgui.domain.timeutil import MAX_YEAR, MIN_YEAR
from relgui.policy import current_profile
from relgui.services import company
from relgui.services.context import AppContext, reading
from relgui.store.models import ConfigItem, FreezePeriod, Release, ReleaseItem

NOT_SHOWN = (Status.REJECTED.value, Status.CANCELLED.value)  # requests that will never happen
ONGOING = [s.value for s in Status if s not in TERMINAL]
RUNNING = [Status.DEPLOYING.value, Status.ROLLING_BACK.value]  # deployment under way: no finish yet
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
    # What happened (R-4.3.2-MONITOR): deployment started / finished; a deployment still running
    # has actual_end None and is judged against ``as_of`` (the time the calendar was read).
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    as_of: dt.datetime | None = None
    planned_end: dt.datetime | None = None  # the planned end as stored (None: no window end)

    @property
    def running(self) -> bool:
        return self.actual_start is not None and self.actual_end is None

    @property
    def overrun_minutes(self) -> int:
        """Minutes the deployment ran past the planned end (so far, while it runs); 0 when not."""
        if self.actual_start is None or self.planned_end is None:
            return 0
        end = self.actual_end or self.as_of
        if end is None or end <= self.planned_end:
            return 0
        return int((end - self.planned_end).total_seconds() // 60)

    @property
    def early_minutes(self) -> int:
        """Minutes deployment began before the planned start (outside the approved window)."""
        if self.actual_start is None or self.actual_start >= self.start:
            return 0
        return int((self.start - self.actual_start).total_seconds() // 60)

    @property
    def flags(self) -> frozenset[str]:
        return _flags(bool(self.conflicts), bool(self.freezes))

    @property
    def timing(self) -> frozenset[str]:
        """How the deployment kept the planned window: overrun (past the planned end), early
        (before the planned start)."""
        return frozenset(name for name, on in (("overrun", self.overrun_minutes > 0),
                                               ("early", self.early_minutes > 0)) if on)


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
    """Releases whose planned window touches [start, end), or whose deployment did (started 62 h
    early, still running past its window): planned and actual are shown side by side."""
    planned = and_(Release.planned_start.is_not(None), Release.planned_start < end,
                   or_(Release.planned_end > start, Release.planned_start >= start))
    actual = and_(Release.deployment_started_at.is_not(None), Release.deployment_started_at < end,
                  or_(Release.deployment_finished_at > start,
                      and_(Release.deployment_finished_at.is_(None), Release.status.in_(RUNNING))))
    return or_(planned, actual)


def _mine_and_others(s: Session, ids: list[int], detail: bool):
    """The asked releases' items (ongoing, complete window), and every ongoing release's
    items in the span they cover, by configuration item.

    Two queries, matched by the caller: ongoing releases are few (a register of 100 000 has a
    few thousand), and a query driven by the status index reads only them; one join on the
    configuration item instead reads every release that ever touched a busy item."""
    mine = s.execute(
        select(Release.id, Release.planned_start, Release.planned_end, ReleaseItem.ci_id)
        .join(ReleaseItem, ReleaseItem.release_id == Release.id)
        .where(Release.id.in_(ids), Release.status.in_(ONGOING), Release.planned_start.is_not(None),
               Release.planned_end.is_not(None))).all()
    if not mine:
        return mine, {}
    cis = {r.ci_id for r in mine}
    columns = [Release.id, Release.planned_start, Release.planned_end, ReleaseItem.ci_id]
    query = select(*columns).join(ReleaseItem, ReleaseItem.release_id == Release.id)
    if detail:
        query = (select(*columns, Release.number, Release.title, ConfigItem.name)
                 .join(ReleaseItem, ReleaseItem.release_id == Release.id)
                 .join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id))
    others: dict[int, list] = {}
    for r in s.execute(query.where(Release.status.in_(ONGOING),
                                   Release.planned_start < max(m.planned_end for m in mine),
                                   Release.planned_end > min(m.planned_start for m in mine))):
        if r.ci_id in cis:
            others.setdefault(r.ci_id, []).append(r)
    return mine, others


def _overlapping(a, others: dict[int, list]):
    return (b for b in others.get(a.ci_id, ())
            if b.id != a.id and a.planned_start < b.planned_end and a.planned_end > b.planned_start)


def _conflicts(s: Session, ids: Iterable[int]) -> dict[int, tuple[Conflict, ...]]:
    """For each of ``ids``: the ongoing releases sharing a configuration item in an
    overlapping window (both ongoing, both with a complete window), by number and item."""
    ids = list(ids)
    if not ids:
        return {}
    mine, others = _mine_and_others(s, ids, detail=True)
    found: dict[int, list[Conflict]] = {}
    for a in mine:
        found.setdefault(a.id, []).extend(Conflict(b.id, b.number, b.title, b.name) for b in _overlapping(a, others))
    return {k: tuple(sorted(v, key=lambda c: (c.other_number, c.config_item)))
            for k, v in sorted(found.items()) if v}


def _conflicting(s: Session, ids: list[int]) -> set[int]:
    """Which of ``ids`` have any conflict (the register's mark), in one query that stops at
    the first overlap found: the ongoing releases' items are gathered once (driven by the
    status index; SQLite is told to materialise them, and indexes them by item itself)."""
    if not ids:
        return set()
    ongoing = (select(ReleaseItem.ci_id.label("ci_id"), Release.id.label("id"),
                      Release.planned_start.label("start"), Release.planned_end.label("end"))
               .join(ReleaseItem, ReleaseItem.release_id == Release.id)
               .where(Release.status.in_(ONGOING)).cte("ongoing"))
    if s.get_bind().dialect.name == "sqlite":
        ongoing = ongoing.prefix_with("MATERIALIZED")
    overlap = (select(ongoing.c.id).where(ongoing.c.ci_id == ReleaseItem.ci_id, ongoing.c.id != Release.id,
                                          ongoing.c.start < Release.planned_end,
                                          ongoing.c.end > Release.planned_start).exists())
    return set(s.execute(
        select(Release.id).distinct().join(ReleaseItem, ReleaseItem.release_id == Release.id)
        .where(Release.id.in_(ids), Release.status.in_(ONGOING), Release.planned_start.is_not(None),
               Release.planned_end.is_not(None), overlap)).scalars())


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


def _instant(value: object, field: str) -> dt.datetime:
    """An aware date-time of a year a release can have (relgui.domain.timeutil's range)."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidInput.of(field, "bad_datetime", value=text.clean(str(value))[:40])
    return value


def _ids(values: object) -> list[int]:
    """Release ids as asked for: ints (one that cannot be an id finds nothing)."""
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, Iterable):
        raise InvalidInput.of("ids", "not_a_list", type=type(values).__name__[:40])
    values = list(values)
    if any(isinstance(i, bool) or not isinstance(i, int) for i in values):
        raise InvalidInput.of("ids", "not_a_number", value=text.clean(repr(values))[:40])
    return [i for i in values if text.is_row_id(i)]


def between(ctx: AppContext, start: dt.datetime, end: dt.datetime, *, types: tuple[str, ...] = ()) -> CalendarView:
    """Planned windows touching [start, end), coloured by type, with conflicts and freezes."""
    start, end = _instant(start, "start"), _instant(end, "end")
    types = tuple(text.keys(types, "types", limit=40))
    if end <= start or end - start > dt.timedelta(days=MAX_DAYS):
        raise InvalidInput.of("end", "end_before_start")
    profile = current_profile()
    with reading(ctx) as s:
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
        cond = [_overlaps(start, end), Release.status.not_in(NOT_SHOWN)]
        if types:
            cond.append(Release.type.in_(types))
        rows = s.execute(select(Release.id, Release.number, Release.title, Release.type, Release.status,
                                Release.planned_start, Release.planned_end, Release.deployment_started_at,
                                Release.deployment_finished_at)
                         .where(*cond).order_by(Release.planned_start, Release.number)).all()
        ids = [r.id for r in rows]
        conflicts, freezes = _conflicts(s, ids), _freezes_of(s, ids)
        periods = [Freeze(f.id, f.start, f.end, f.reason) for f in s.execute(
            select(FreezePeriod).where(FreezePeriod.start < end, FreezePeriod.end > start)
            .order_by(FreezePeriod.start)).scalars()]
    # A window without an end (a request not yet planned in detail) is drawn at its start; a
    # release shown for its deployment alone (no planned window) at its actual window.
    now = ctx.clock.now()
    entries = []
    for r in rows:
        planned_start = r.planned_start or r.deployment_started_at
        finished = r.deployment_finished_at if r.deployment_started_at else None
        entries.append(Entry(r.id, r.number, r.title, r.type, r.status, profile.release_types[r.type].color,
                             planned_start, r.planned_end or planned_start, conflicts.get(r.id, ()),
                             freezes.get(r.id, ()), r.deployment_started_at, finished,
                             now if r.status in RUNNING else None, r.planned_end))
    entries.sort(key=lambda e: (e.start, e.number))
    return CalendarView(start, end, tz, entries, periods)


def month(ctx: AppContext, year: int, month_: int, *, types: tuple[str, ...] = ()) -> CalendarView:
    """A calendar month in the company's time zone."""
    year = text.integer(year, "year", minimum=MIN_YEAR, maximum=MAX_YEAR)
    month_ = text.integer(month_, "month", minimum=1, maximum=12)
    tz = company.get(ctx).tz
    start = dt.datetime(year, month_, 1, tzinfo=tz)
    end = dt.datetime(year + (month_ == 12), month_ % 12 + 1, 1, tzinfo=tz)
    return between(ctx, start, end, types=types)


def week(ctx: AppContext, day: dt.date, *, types: tuple[str, ...] = ()) -> CalendarView:
    """The week (Monday to Sunday) containing ``day``, in the company's time zone."""
    if not isinstance(day, dt.date) or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput.of("day", "bad_datetime", value=text.clean(str(day))[:40])
    tz = company.get(ctx).tz
    monday = day - dt.timedelta(days=day.weekday())
    start = dt.datetime(monday.year, monday.month, monday.day, tzinfo=tz)
    sunday_end = monday + dt.timedelta(days=7)
    return between(ctx, start, dt.datetime(sunday_end.year, sunday_end.month, sunday_end.day, tzinfo=tz),
                   types=types)


def flags(ctx: AppContext, release_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """For the register's rows: which releases have a conflict and which touch a freeze."""
    ids = _ids(release_ids)
    with reading(ctx) as s:
        conflicts, freezes = _conflicting(s, ids), _freezes_of(s, ids)
    return {i: _flags(i in conflicts, i in freezes) for i in ids if i in conflicts or i in freezes}


def conflicts_of(ctx: AppContext, release_ids: Iterable[int]) -> dict[int, tuple[Conflict, ...]]:
    ids = _ids(release_ids)
    with reading(ctx) as s:
        return _conflicts(s, ids)
