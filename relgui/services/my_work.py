"""我的待办: what the logged-in user must do next, across all releases, most urgent first.

A release is the user's when they hold a role for the action that moves it forward
(relgui.domain.lifecycle.FORWARD with the profile's role matrix, R-4.2.2-STAGES), or for the
rollback decision while a severe problem is open (R-4.5.2-DECIDE30). The register's SQL
filter (RegisterQuery.needs_action) finds the candidates; the lifecycle rules then drop
those the user may not do at all (e.g. approving their own plan, R-4.1-FOUR-EYES) and say
what still stands in the way of the others. Deadlines: the rollback decision (30 min) and
the CMDB update (24 h, R-4.4.2-CMDB24H).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from relgui.domain import deadlines, lifecycle
from relgui.domain.errors import Refusal
from relgui.domain.states import Action, Status
from relgui.domain.timeutil import from_db
from relgui.policy import current_profile
from relgui.services import register
from relgui.services.context import AppContext, reading
from relgui.services.facts import gather
from relgui.store.models import Release

# Refusals about *who* acts: a release refused for these reasons is not this user's work.
# Every other refusal is work still to do before the step (open items, undecided problem …).
NOT_MINE = frozenset({"wrong_role", "own_plan", "not_plan_author"})


@dataclass(frozen=True)
class Todo:
    release_id: int
    number: str
    title: str
    type: str
    status: str
    action: Action
    due: dt.datetime | None          # the deadline that runs, if any
    due_kind: str | None             # rollback_decision | cmdb
    state: deadlines.DeadlineState | None
    blocked_by: tuple[Refusal, ...]  # what still stands in the way of ``action``

    def remaining(self, now: dt.datetime) -> dt.timedelta | None:
        return None if self.due is None else self.due - now


def _next_action(facts: lifecycle.ReleaseFacts, actor) -> Action | None:
    if facts.open_problem and lifecycle.may_decide_rollback(facts.profile, actor):
        return Action.DECIDE_ROLLBACK
    return lifecycle.FORWARD.get(facts.status)


def _deadline(release: Release, facts: lifecycle.ReleaseFacts, now: dt.datetime):
    rules = facts.profile.deadlines
    if release.decision_due_at is not None:
        due = from_db(release.decision_due_at)
        d = deadlines.rollback_decision(rules, due - rules.rollback_decision, None, now)
        return d.due, d.kind, d.state
    if facts.status is Status.CONFIG_UPDATE and release.cmdb_due_at is not None and release.cmdb_done_at is None:
        due = from_db(release.cmdb_due_at)
        d = deadlines.cmdb(rules, due - rules.cmdb_update, None, now)
        return d.due, d.kind, d.state
    return None, None, None


def _todo(release: Release, facts: lifecycle.ReleaseFacts, actor, now: dt.datetime) -> Todo | None:
    action = _next_action(facts, actor)
    if action is None:
        return None
    reasons = lifecycle.refusals(action, facts, actor)
    if any(r.code in NOT_MINE for r in reasons):
        return None
    due, kind, state = _deadline(release, facts, now)
    return Todo(release.id, release.number, release.title, release.type, release.status, action,
                due, kind, state, tuple(reasons))


def _urgency(todo: Todo, type_rank: dict[str, int]):
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    return (todo.due is None, todo.due or far, type_rank.get(todo.type, 99), todo.number)


def todo(ctx: AppContext, limit: int = register.MAX_PAGE) -> list[Todo]:
    """The user's next actions, overdue and soonest deadlines first, then by release type."""
    query = register.RegisterQuery(needs_action=True, sort="deadline", descending=False, limit=limit)
    ids = [row.id for row in register.page(ctx, query, with_total=False).rows]
    if not ids:
        return []
    now = ctx.clock.now()
    out: list[Todo] = []
    with reading(ctx) as s:
        for release in s.execute(select(Release).where(Release.id.in_(ids))).scalars():
            item = _todo(release, gather(s, release), ctx.actor, now)
            if item is not None:
                out.append(item)
    # 表4-1 lists the types from the most urgent (emergency) down; ties break in that order.
    ranks = {key: i for i, key in enumerate(current_profile().release_types)}
    return sorted(out, key=lambda t: _urgency(t, ranks))
