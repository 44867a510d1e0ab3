"""我的待办: what the logged-in user must do next, across all releases, most urgent first.

A release is the user's when they hold a role for the action that moves it forward
(relgui.domain.lifecycle.FORWARD with the profile's role matrix, R-4.2.2-STAGES), or for the
rollback decision while a severe problem is open (R-4.5.2-DECIDE30). The register's SQL
filter (RegisterQuery.needs_action) finds the candidates; the lifecycle rules then drop
those the user may not do at all (e.g. approving their own plan, R-4.1-FOUR-EYES). For the
most urgent ones it also says what still stands in the way. Deadlines: the rollback
decision (30 min) and the CMDB update (24 h, R-4.4.2-CMDB24H).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select

from relgui.domain import deadlines, lifecycle, text
from relgui.domain.errors import Refusal
from relgui.domain.states import Action, Status
from relgui.domain.timeutil import from_db
from relgui.policy import current_profile, profile_for
from relgui.services import register
from relgui.services.context import AppContext, reading
from relgui.services.facts import WRITING_ACTIONS, gather
from relgui.store.models import AuditEvent, Release

# Refusals about *who* acts: a release refused for these reasons is not this user's work.
# Every other refusal is work still to do before the step (open items, undecided problem …).
NOT_MINE = frozenset({"wrong_role", "own_plan", "not_plan_author"})
# What stands in the way is worked out in full (a dozen queries each) for the first ones only.
DETAILED = 25


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
    blocked_by: tuple[Refusal, ...] | None = None  # what still stands in the way; None: not worked out

    def remaining(self, now: dt.datetime) -> dt.timedelta | None:
        return None if self.due is None else self.due - now


def _next_action(facts: lifecycle.ReleaseFacts, actor) -> Action | None:
    if facts.open_problem and lifecycle.may_decide_rollback(facts.profile, actor):
        return Action.DECIDE_ROLLBACK
    return lifecycle.FORWARD.get(facts.status)


def _deadline(release: Release, rules, now: dt.datetime):
    if release.decision_due_at is not None:
        due = from_db(release.decision_due_at)
        d = deadlines.rollback_decision(rules, due - rules.rollback_decision, None, now)
        return d.due, d.kind, d.state
    if release.status == Status.CONFIG_UPDATE and release.cmdb_due_at is not None and release.cmdb_done_at is None:
        due = from_db(release.cmdb_due_at)
        d = deadlines.cmdb(rules, due - rules.cmdb_update, None, now)
        return d.due, d.kind, d.state
    return None, None, None


def _todo(release: Release, writers: frozenset[int], actor, now: dt.datetime) -> Todo | None:
    """Who may act needs only status, type, the plan's writers and an open problem: no full facts."""
    profile = profile_for(release.profile_ref)
    facts = lifecycle.ReleaseFacts(status=Status(release.status), type=release.type, profile=profile,
                                   plan_writers=writers, open_problem=release.decision_due_at is not None)
    action = _next_action(facts, actor)
    if action is None or any(r.code in NOT_MINE for r in lifecycle.refusals(action, facts, actor)):
        return None
    due, kind, state = _deadline(release, profile.deadlines, now)
    return Todo(release.id, release.number, release.title, release.type, release.status, action, due, kind, state)


def _writers(s, ids: list[int]) -> dict[int, frozenset[int]]:
    """Who wrote each release's plan (four-eyes, R-4.1-FOUR-EYES; as facts.plan_writers)."""
    out: dict[int, set[int]] = {}
    for rid, uid in s.execute(select(AuditEvent.release_id, AuditEvent.actor_id).distinct().where(
            AuditEvent.release_id.in_(ids), AuditEvent.action.in_(WRITING_ACTIONS),
            AuditEvent.actor_id.is_not(None))):
        out.setdefault(rid, set()).add(uid)
    return {rid: frozenset(v) for rid, v in out.items()}


def _urgency(todo: Todo, type_rank: dict[str, int]):
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (todo.due is None, todo.due or far, type_rank.get(todo.type, 99), todo.number)


def todo(ctx: AppContext, limit: int = register.MAX_PAGE, detailed: int = DETAILED) -> list[Todo]:
    """The user's next actions, overdue and soonest deadlines first, then by release type;
    the first ``detailed`` say what still stands in the way (``blocked_by``)."""
    detailed = text.clamp(detailed, "detailed", 0, register.MAX_PAGE)
    query = register.RegisterQuery(needs_action=True, sort="deadline", descending=False, limit=limit)
    ids = [row.id for row in register.page(ctx, query, with_total=False).rows]
    if not ids:
        return []
    now = ctx.clock.now()
    with reading(ctx, rights=True) as s:
        writers = _writers(s, ids)
        releases = {r.id: r for r in s.execute(select(Release).where(Release.id.in_(ids))).scalars()}
        items = [t for r in releases.values() if (t := _todo(r, writers.get(r.id, frozenset()), ctx.actor, now))]
        # 表4-1 lists the types from the most urgent (emergency) down; ties break in that order.
        ranks = {key: i for i, key in enumerate(current_profile().release_types)}
        items.sort(key=lambda t: _urgency(t, ranks))
        for i, item in enumerate(items[:detailed]):
            facts = gather(s, releases[item.release_id])
            items[i] = replace(item, blocked_by=tuple(lifecycle.refusals(item.action, facts, ctx.actor)))
    return items
