"""变更请求 as decided by change management (R-1.3-COOP, R-4.2.1-CHANGE).

relgui does not approve changes; it records the decision change management made, so that
a release request can be accepted only against an approved change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from relgui.domain import text, timeutil
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Role
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.store.models import ChangeRequest

STATUSES = ("submitted", "approved", "rejected", "closed")
STATUS_NAMES = {"submitted": ("待审批", "Submitted"), "approved": ("已批准", "Approved"),
                "rejected": ("已驳回", "Rejected"), "closed": ("已关闭", "Closed")}


@dataclass(frozen=True)
class ChangeView:
    id: int
    number: str
    title: str
    description: str
    status: str
    requested_by: str
    decided_by: str
    decided_at: dt.datetime | None
    row_version: int


def _view(c: ChangeRequest) -> ChangeView:
    return ChangeView(c.id, c.number, c.title, c.description, c.status, c.requested_by,
                      c.decided_by, c.decided_at, c.row_version)


def _require_editor(ctx: AppContext) -> None:
    if ctx.actor.user_id is not None and not (ctx.actor.has(Role.MANAGER) or ctx.actor.has(Role.ENGINEER)):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "change", "roles": ("manager", "engineer")}))


def _status(value: str) -> str:
    value = text.line(value, "status", required=False, limit=40)
    for key, (zh, en) in STATUS_NAMES.items():
        if value in (key, zh, en):
            return key
    raise InvalidInput.of("status", "not_a_choice", value=value[:20], choices="/".join(STATUSES))


def record(ctx: AppContext, *, number: str, title: str, status: str, description: str = "",
           requested_by: str = "", decided_by: str = "", decided_at: object = None) -> ChangeView:
    """Record a change request and change management's decision on it (a new number is its
    own "saw nothing yet": a duplicate is refused)."""
    number = text.line(number, "number", limit=60)
    title = text.line(title, "title")
    status = _status(status)
    description = text.block(description, "description")
    requested_by = text.line(requested_by, "requested_by", required=False, limit=100)
    decided_by = text.line(decided_by, "decided_by", required=False, limit=100)
    when = timeutil.parse(decided_at, "decided_at") if decided_at not in (None, "") else None
    with unit_of_work(ctx) as w:
        _require_editor(ctx)
        if w.s.execute(select(ChangeRequest.id).where(ChangeRequest.number == number)).first():
            raise InvalidInput.of("number", "duplicate", value=number)
        c = ChangeRequest(number=number, title=title, description=description, status=status,
                          requested_by=requested_by, decided_by=decided_by,
                          decided_at=when or (w.now if status != "submitted" else None),
                          created_at=w.now, created_by_id=w.actor.user_id)
        w.s.add(c)
        w.s.flush()
        w.audit("change.record", "change", number, changes={"status": (None, status), "title": (None, title)})
        return _view(c)


def set_status(ctx: AppContext, number: str, status: str, decided_by: str = "", *,
               expected_version: object) -> ChangeView:
    number, status = text.key(number, "number", limit=60), _status(status)
    decided_by = text.line(decided_by, "decided_by", required=False, limit=100)
    with unit_of_work(ctx) as w:
        _require_editor(ctx)
        c = w.s.execute(select(ChangeRequest).where(ChangeRequest.number == number)).scalar_one_or_none()
        if c is None:
            raise NotFound.of("change", number)
        w.expect_version(c, expected_version, "change", number)
        old = c.status
        c.status, c.decided_by, c.decided_at = status, decided_by or c.decided_by, w.now
        w.audit("change.status", "change", number, changes={"status": (old, status)})
        return _view(c)


MAX_SEARCH_ROWS = 1000


def search(ctx: AppContext, query: str = "", status: str | None = None, limit: int = 200) -> list[ChangeView]:
    """Change requests whose number or title contains ``query`` (``%`` and ``_`` literally)."""
    query = text.search(query)
    status = text.key(status, "status", limit=40)
    limit = text.clamp(limit, "limit", 1, MAX_SEARCH_ROWS)
    with reading(ctx) as s:
        stmt = select(ChangeRequest)
        if query:
            like = text.contains(query)
            stmt = stmt.where(or_(ChangeRequest.number.ilike(*like), ChangeRequest.title.ilike(*like)))
        if status:
            stmt = stmt.where(ChangeRequest.status == status)
        stmt = stmt.order_by(ChangeRequest.created_at.desc(), ChangeRequest.id.desc()).limit(limit)
        return [_view(c) for c in s.execute(stmt).scalars()]


def by_numbers(ctx: AppContext, numbers: list[str]) -> list[ChangeView]:
    numbers = text.keys(numbers, "number", limit=60)
    with reading(ctx) as s:
        rows = s.execute(select(ChangeRequest).where(ChangeRequest.number.in_(numbers))).scalars().all()
        found = {c.number for c in rows}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise NotFound.of("change", missing[0])
        return [_view(c) for c in rows]


def count(ctx: AppContext) -> int:
    with reading(ctx) as s:
        return s.execute(select(func.count()).select_from(ChangeRequest)).scalar_one()
