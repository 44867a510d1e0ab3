"""发布登记簿: pages of the release register, filtered and sorted in SQL (never all rows)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, case, false, func, or_, select, text, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement, TextClause

from relgui.domain import lifecycle, timeutil
from relgui.domain import text as texts
from relgui.domain.deadlines import DeadlineState
from relgui.domain.errors import InvalidInput
from relgui.policy import current_profile
from relgui.services.context import AppContext, storage_errors
from relgui.services.facts import WRITING_ACTIONS
from relgui.store.models import AuditEvent, Release, User
from relgui.store.types import aware_utc

MAX_PAGE = 1000
Owner = aliased(User)


def _stage_order():
    """Sort by stage in the order of 表4-2 (terminal branches last)."""
    profile = current_profile()
    order = {s.key: i for i, s in enumerate(profile.stages)}
    return case(*[(Release.status == k, order.get(st.stage, 99)) for k, st in profile.statuses.items()], else_=99)


SORTS = {
    "number": Release.number, "title": Release.title, "type": Release.type, "status": Release.status,
    "outcome": Release.outcome, "systems": Release.systems, "planned_start": Release.planned_start,
    "planned_end": Release.planned_end, "closed_at": Release.closed_at, "updated_at": Release.updated_at,
    "cmdb_due_at": Release.cmdb_due_at, "created_at": Release.created_at,
    "owner": Owner.display_name, "stage": _stage_order(),
    "deadline": func.coalesce(Release.decision_due_at, Release.cmdb_due_at),
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
    ids: tuple[int, ...] = ()  # exactly these releases (a dashboard figure's drill-down)
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
    decision_due_at: dt.datetime | None
    row_version: int
    flags: tuple[str, ...] = field(default=(), kw_only=True)  # cmdb_overdue, cmdb_warn, decision_overdue, decision_warn


@dataclass(frozen=True)
class Page:
    rows: list[RegisterRow]
    total: int
    offset: int



def _where(q: RegisterQuery, ctx: AppContext, now: dt.datetime, *, sqlite: bool = False,
           walk_sort_index: bool = False) -> list:
    """The filter as SQL. ``walk_sort_index`` writes equality filters so SQLite cannot use
    their indexes (``col || ''``): it then walks the sort column's index and stops after one
    page, instead of sorting every matching row — right when the filter matches many rows."""
    profile = current_profile()
    cond: list[ColumnElement[bool] | TextClause] = []

    def plain(col):
        return col.concat("") if walk_sort_index else col

    if q.text:
        like = texts.contains(q.text)  # % and _ match themselves
        # SQLite's LIKE already ignores ASCII case; lower() on every row would triple the cost.
        match = (lambda c: c.like(*like)) if sqlite else (lambda c: c.ilike(*like))
        cond.append(or_(match(Release.number), match(Release.title), match(Release.systems)))
    if q.types:
        cond.append(plain(Release.type).in_(q.types))
    statuses = set(q.statuses)
    if q.stages:
        by_stage = {k for k, st in profile.statuses.items() if st.stage in q.stages}
        statuses = (statuses & by_stage) if statuses else by_stage
        if not statuses:
            cond.append(false())
    if statuses:
        cond.append(plain(Release.status).in_(sorted(statuses)))
    if q.outcomes:
        cond.append(plain(Release.outcome).in_(q.outcomes))
    if q.owner_id is not None:
        cond.append(plain(Release.owner_id) == q.owner_id if texts.is_row_id(q.owner_id) else false())
    if q.date_from is not None:
        cond.append(Release.planned_start >= q.date_from)
    if q.date_to is not None:
        cond.append(Release.planned_start < q.date_to)
    if q.needs_action:
        cond.append(_needs_action(profile, ctx))
    if q.ids:
        # Integers only (checked), inlined: a quarter's drill-down may hold more ids than
        # SQLite allows bound parameters in one statement.
        ids = [i for i in q.ids if texts.is_row_id(i)]
        cond.append(text(f"releases.id IN ({','.join(str(i) for i in ids)})") if ids else false())
    if q.overdue:
        cond.append(or_(and_(Release.cmdb_due_at < now, Release.cmdb_done_at.is_(None)),
                        Release.decision_due_at < now))
    return cond


def _not_own_plan(ctx: AppContext):
    """The actor wrote none of the plan under approval: no section, not its submission
    (R-4.1-FOUR-EYES; the same writers as services.facts.plan_writers)."""
    own = (select(AuditEvent.seq).where(AuditEvent.release_id == Release.id,
                                        AuditEvent.action.in_(WRITING_ACTIONS),
                                        AuditEvent.actor_id == ctx.actor.user_id)
           .correlate(Release).exists())
    return ~own


def _needs_action(profile, ctx: AppContext):
    pairs = lifecycle.actionable(profile, ctx.actor)
    by_status: dict[str, list[str]] = {}
    for status, type_key in pairs:
        by_status.setdefault(status.value, []).append(type_key)
    terms = []
    for st, types in by_status.items():
        term = Release.status == st
        if len(types) < len(profile.release_types):
            term = and_(term, Release.type.in_(types))
        if st == "plan_submitted" and profile.four_eyes and ctx.actor.user_id is not None:
            term = and_(term, _not_own_plan(ctx))  # not theirs to approve
        terms.append(term)
    if lifecycle.may_decide_rollback(profile, ctx.actor):
        terms.append(Release.decision_due_at.is_not(None))
    return or_(*terms) if terms else false()


FLAG_NAMES = {("cmdb", 1): "cmdb_warn", ("cmdb", 2): "cmdb_overdue",
              ("decision", 1): "decision_warn", ("decision", 2): "decision_overdue"}


def _deadline_state(due, open_, now: dt.datetime, warn: dt.timedelta):
    """0 ok, 1 due soon, 2 overdue — computed by the database for the whole page at once."""
    return case((or_(due.is_(None), ~open_), 0), (due < now, 2), (due < now + warn, 1), else_=0)


def _flags(cmdb: int, decision: int) -> tuple[str, ...]:
    return tuple(FLAG_NAMES[k] for k in (("cmdb", cmdb), ("decision", decision)) if k in FLAG_NAMES)


def checked(q: RegisterQuery) -> RegisterQuery:
    """The query as the SQL may take it, or InvalidInput naming the field: the search text
    and the keys cleaned as all input is (relgui.domain.text), dates in range, numbers ints.
    The register's filter comes from the GUI's widgets, the CLI and the dashboard's
    drill-down; a wrong value is refused in words, not met by the database."""
    if not isinstance(q, RegisterQuery):
        raise InvalidInput.of("query", "not_a_value", value=type(q).__name__[:40])

    def keys(values: object, field: str) -> tuple[str, ...]:
        return tuple(texts.keys(values, field, limit=40))

    def moment(value: object, field: str) -> dt.datetime | None:
        return None if value is None else timeutil.parse(value, field)

    if not isinstance(q.sort, str) or q.sort not in SORTS:
        raise InvalidInput.of("sort", "not_a_choice", value=texts.clean(str(q.sort))[:20], choices="/".join(SORTS))
    if q.owner_id is not None and (isinstance(q.owner_id, bool) or not isinstance(q.owner_id, int)):
        raise InvalidInput.of("owner", "not_a_number", value=texts.clean(repr(q.owner_id))[:40])
    ids = q.ids
    if isinstance(ids, (str, bytes)) or not isinstance(ids, (tuple, list, set, frozenset)) or any(
            isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise InvalidInput.of("ids", "not_a_number", value=texts.clean(repr(ids))[:40])
    return dataclasses.replace(
        q, text=texts.search(q.text), types=keys(q.types, "type"), statuses=keys(q.statuses, "status"),
        stages=keys(q.stages, "stage"), outcomes=keys(q.outcomes, "outcome"),
        date_from=moment(q.date_from, "date_from"), date_to=moment(q.date_to, "date_to"),
        needs_action=texts.flag(q.needs_action, "needs_action"), overdue=texts.flag(q.overdue, "overdue"),
        ids=tuple(ids), descending=texts.flag(q.descending, "sort"),
        offset=texts.clamp(q.offset, "offset", 0, texts.DB_INT_MAX),
        limit=texts.clamp(q.limit, "limit", 1, MAX_PAGE))


# Below this many matches, sorting them is cheaper than walking the sort index to find them.
SELECTIVE = 3000


def count(ctx: AppContext, q: RegisterQuery) -> int:
    """How many releases match (the register's scroll range); asked once per filter change."""
    q = checked(q)
    sqlite = ctx.db.dialect == "sqlite"
    stmt = select(func.count()).select_from(Release).where(*_where(q, ctx, ctx.clock.now(), sqlite=sqlite))
    with storage_errors(), ctx.db.connect_read() as conn:
        return conn.execute(stmt).scalar_one()


def page(ctx: AppContext, q: RegisterQuery, *, with_total: bool = True, total: int | None = None) -> Page:
    """One page of the register. Pass ``total`` when it is known (scrolling), to skip the count."""
    q = checked(q)
    limit = q.limit
    if total is not None:
        total = texts.clamp(total, "total", 0, texts.DB_INT_MAX)
    now = ctx.clock.now()
    sqlite = ctx.db.dialect == "sqlite"
    if texts.flag(with_total, "with_total") and total is None:
        total = count(ctx, q)
    walk = sqlite and (total is None or total > SELECTIVE)
    cond = _where(q, ctx, now, sqlite=sqlite, walk_sort_index=walk)
    key = SORTS[q.sort]
    order = [key.desc(), Release.id.desc()] if q.descending else [key.asc(), Release.id.asc()]
    rules = current_profile().deadlines
    stmt = (select(Release.id, Release.number, Release.title, Release.type, Release.status, Release.outcome,
                   Release.systems, func.coalesce(Owner.display_name, "").label("owner"),
                   Release.planned_start, Release.planned_end, Release.closed_at, Release.updated_at,
                   Release.cmdb_due_at, Release.decision_due_at, Release.row_version,
                   _deadline_state(Release.cmdb_due_at, Release.cmdb_done_at.is_(None), now, rules.cmdb_warn),
                   _deadline_state(Release.decision_due_at, true(), now, rules.rollback_warn))
            .outerjoin(Owner, Owner.id == Release.owner_id)
            .where(*cond).order_by(*order).offset(max(0, q.offset)).limit(limit))
    with storage_errors(), ctx.db.connect_read() as conn:
        rows = [RegisterRow(*r[:-2], flags=_flags(r[-2], r[-1])) for r in conn.execute(stmt)]
    return Page(rows, total if total is not None else -1, q.offset)


def deadline_state(row: RegisterRow) -> DeadlineState | None:
    if any(f.endswith("overdue") for f in row.flags):
        return DeadlineState.OVERDUE
    if any(f.endswith("warn") for f in row.flags):
        return DeadlineState.WARN
    return None


@dataclass(frozen=True)
class Urgent:
    """What the status bar counts down: open rollback decisions and overdue CMDB updates."""

    next_decision_due: dt.datetime | None
    open_decisions: int
    cmdb_overdue: int


def urgent(ctx: AppContext) -> Urgent:
    now = ctx.clock.now()
    # Three scalar subqueries, each answered from its index (one pass over the table would read
    # it all), in one statement: one round trip to a server.
    pending = Release.decision_due_at.is_not(None)
    first_due = select(func.min(Release.decision_due_at)).where(pending).scalar_subquery()
    decisions = select(func.count(Release.decision_due_at)).where(pending).scalar_subquery()
    cmdb = select(func.count()).select_from(Release).where(Release.cmdb_done_at.is_(None),
                                                           Release.cmdb_due_at < now).scalar_subquery()
    with storage_errors(), ctx.db.connect_read() as conn:
        first, n, overdue = conn.execute(select(first_due, decisions, cmdb)).one()

    return Urgent(aware_utc(first), n or 0, int(overdue or 0))
