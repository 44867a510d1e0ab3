"""发布登记簿: pages of the release register, filtered and sorted in SQL (never all rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import aliased

from relgui.domain import lifecycle
from relgui.domain.deadlines import DeadlineState
from relgui.domain.errors import InvalidInput
from relgui.policy import current_profile
from relgui.services.context import AppContext, reading
from relgui.store.models import Release, User

MAX_PAGE = 1000
SORTS = {
    "number": Release.number, "title": Release.title, "type": Release.type, "status": Release.status,
    "outcome": Release.outcome, "systems": Release.systems, "planned_start": Release.planned_start,
    "planned_end": Release.planned_end, "closed_at": Release.closed_at, "updated_at": Release.updated_at,
    "cmdb_due_at": Release.cmdb_due_at, "created_at": Release.created_at,
}


@dataclass(frozen=True)
class RegisterQuery:
    text: str = ""
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    owner_id: int | None = None
    date_from: dt.datetime | None = None
    date_to: dt.datetime | None = None
    needs_action: bool = False
    overdue: bool = False
    sort: str = "number"
    descending: bool = True
    offset: int = 0
    limit: int = 200


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    title: str
    type: str
    status: str
    outcome: str | None
    systems: str
    owner: str
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    closed_at: dt.datetime | None
    updated_at: dt.datetime
    cmdb_due_at: dt.datetime | None
    cmdb_done_at: dt.datetime | None
    decision_due_at: dt.datetime | None
    row_version: int
    flags: tuple[str, ...] = field(default=())  # cmdb_overdue, cmdb_warn, decision_overdue, decision_warn


@dataclass(frozen=True)
class Page:
    rows: list[RegisterRow]
    total: int
    offset: int


Owner = aliased(User)


def _where(q: RegisterQuery, ctx: AppContext, now: dt.datetime) -> list:
    profile = current_profile()
    cond = []
    if q.text.strip():
        like = f"%{q.text.strip()}%"
        cond.append(or_(Release.number.ilike(like), Release.title.ilike(like), Release.systems.ilike(like)))
    if q.types:
        cond.append(Release.type.in_(q.types))
    statuses = set(q.statuses)
    if q.stages:
        by_stage = {k for k, st in profile.statuses.items() if st.stage in q.stages}
        statuses = (statuses & by_stage) if statuses else by_stage
        if not statuses:
            cond.append(false())
    if statuses:
        cond.append(Release.status.in_(sorted(statuses)))
    if q.outcomes:
        cond.append(Release.outcome.in_(q.outcomes))
    if q.owner_id is not None:
        cond.append(Release.owner_id == q.owner_id)
    if q.date_from is not None:
        cond.append(Release.planned_start >= q.date_from)
    if q.date_to is not None:
        cond.append(Release.planned_start < q.date_to)
    if q.needs_action:
        cond.append(_needs_action(profile, ctx))
    if q.overdue:
        cond.append(or_(and_(Release.cmdb_due_at < now, Release.cmdb_done_at.is_(None)),
                        Release.decision_due_at < now))
    return cond


def _needs_action(profile, ctx: AppContext):
    pairs = lifecycle.actionable(profile, ctx.actor)
    by_status: dict[str, list[str]] = {}
    for status, type_key in pairs:
        by_status.setdefault(status.value, []).append(type_key)
    terms = [and_(Release.status == st, Release.type.in_(types)) if len(types) < len(profile.release_types)
             else Release.status == st for st, types in by_status.items()]
    if lifecycle.may_decide_rollback(profile, ctx.actor):
        terms.append(Release.decision_due_at.is_not(None))
    return or_(*terms) if terms else false()


def flags(row, now: dt.datetime, warn_cmdb: dt.timedelta, warn_decision: dt.timedelta) -> tuple[str, ...]:
    out = []
    if row.cmdb_due_at is not None and row.cmdb_done_at is None:
        if now > row.cmdb_due_at:
            out.append("cmdb_overdue")
        elif now >= row.cmdb_due_at - warn_cmdb:
            out.append("cmdb_warn")
    if row.decision_due_at is not None:
        if now > row.decision_due_at:
            out.append("decision_overdue")
        elif now >= row.decision_due_at - warn_decision:
            out.append("decision_warn")
    return tuple(out)


def page(ctx: AppContext, q: RegisterQuery, *, with_total: bool = True) -> Page:
    if q.sort not in SORTS:
        raise InvalidInput.of("sort", "not_a_choice", value=q.sort[:20], choices="/".join(SORTS))
    limit = max(1, min(q.limit, MAX_PAGE))
    now = ctx.clock.now()
    cond = _where(q, ctx, now)
    key = SORTS[q.sort]
    order = [key.desc(), Release.id.desc()] if q.descending else [key.asc(), Release.id.asc()]
    stmt = (select(Release.id, Release.number, Release.title, Release.type, Release.status, Release.outcome,
                   Release.systems, func.coalesce(Owner.display_name, "").label("owner"),
                   Release.planned_start, Release.planned_end, Release.closed_at, Release.updated_at,
                   Release.cmdb_due_at, Release.cmdb_done_at, Release.decision_due_at, Release.row_version)
            .outerjoin(Owner, Owner.id == Release.owner_id)
            .where(*cond).order_by(*order).offset(max(0, q.offset)).limit(limit))
    rules = current_profile().deadlines
    with reading(ctx) as s:
        rows = [RegisterRow(*r, flags=flags(r, now, rules.cmdb_warn, rules.rollback_warn))
                for r in s.execute(stmt).all()]
        total = s.execute(select(func.count()).select_from(Release).where(*cond)).scalar_one() if with_total else -1
    return Page(rows, total, q.offset)


def deadline_state(row: RegisterRow) -> DeadlineState | None:
    if any(f.endswith("overdue") for f in row.flags):
        return DeadlineState.OVERDUE
    if any(f.endswith("warn") for f in row.flags):
        return DeadlineState.WARN
    return None
