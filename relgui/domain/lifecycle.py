"""The release lifecycle as one state machine (R-4.2.2-STAGES and the gates of 4.2–4.5).

For every action: the statuses it is allowed from, the status it leads to, who may do it
(the profile's role matrix, R-4.1-APPROVER) and the preconditions, each refusal citing the
requirement it enforces. Services call ``require`` before they write anything; the GUI
calls ``refusals`` to enable a button or to say in its tooltip why it is disabled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from relgui.domain import closure
from relgui.domain.errors import PolicyViolation, Refusal
from relgui.domain.plan import Gap
from relgui.domain.profile import Profile
from relgui.domain.states import APPROVER, Action, Outcome, Status

S = Status


@dataclass(frozen=True)
class Actor:
    """Who acts. ``user_id`` None is the system (CLI administration, demo data)."""

    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[str] = frozenset()

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class ItemState:
    """One checklist item as recorded: pass / fail / na / '' (open)."""

    result: str = ""
    reason: str = ""
    confirmed: bool = False


@dataclass
class ReleaseFacts:
    """What the rules need to know about one release, gathered by the service layer."""

    status: Status
    type: str
    profile: Profile
    requested_by: int | None = None
    change_statuses: tuple[str, ...] = ()
    plan_gaps: tuple[Gap, ...] = ()
    plan_author: int | None = None
    # Everyone who wrote content of the revision under approval: section authors (templates
    # and copies included) and whoever submitted it (R-4.1-FOUR-EYES).
    plan_writers: frozenset[int] = frozenset()
    approval_valid: bool = False
    approval_broken: bool = False  # a live approval that no longer verifies (altered behind the app)
    checklists: dict[str, dict[str, ItemState]] = field(default_factory=dict)
    steps_total: int = 0
    steps_done: int = 0
    open_problem: bool = False
    rollback_steps_total: int = 0
    rollback_steps_done: int = 0
    restored: bool = False
    rollback_cause: str = ""
    cmdb_pending: int = 0
    # What the consistency of the closed record depends on (lessons, archived documents,
    # rollback decisions): relgui.domain.closure.
    record: closure.ClosureFacts = field(default_factory=closure.ClosureFacts)

    def items(self, checklist: str) -> dict[str, ItemState]:
        recorded = self.checklists.get(checklist, {})
        spec = self.profile.checklists[checklist]
        return {it.key: recorded.get(it.key, ItemState()) for it in spec.items}


Guard = Callable[[ReleaseFacts, Actor], Iterable[Refusal]]


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status | None  # None: the status does not change
    guards: tuple[Guard, ...] = ()


# ---------------------------------------------------------------- guards

def _changes_approved(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.2.1-CHANGE: only requests linked to approved change requests are accepted."""
    if not f.change_statuses:
        yield Refusal("no_change_linked", "R-4.2.1-CHANGE")
    elif any(s != "approved" for s in f.change_statuses):
        yield Refusal("change_not_approved", "R-4.2.1-CHANGE",
                      {"count": sum(s != "approved" for s in f.change_statuses)})


def _plan_complete(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.2.2-SECTIONS and R-1.3-RELIABLE: no gaps, a rollback plan present."""
    for gap in f.plan_gaps:
        yield gap.refusal(f.profile)


def _is_author(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    if f.plan_author is not None and a.user_id != f.plan_author:
        yield Refusal("not_plan_author", "R-4.2.2-STAGES")


def _four_eyes(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.1-FOUR-EYES: nobody who wrote the plan under approval approves it — not its
    submitter, nor anyone who wrote one of its sections."""
    if f.profile.four_eyes and a.user_id is not None and (
            a.user_id == f.plan_author or a.user_id in f.plan_writers):
        yield Refusal("own_plan", "R-4.1-FOUR-EYES")


def _approval_valid(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-1.3-PLAN: nothing is deployed without a valid approval of the plan."""
    if f.approval_broken:
        yield Refusal("approval_broken", "R-DOC-SIGN")
    elif not f.approval_valid:
        yield Refusal("plan_not_approved", "R-1.3-PLAN")


def _checklist_passed(name: str, requirement: str) -> Guard:
    def guard(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
        spec = f.profile.checklists[name]
        for key, item in f.items(name).items():
            spec_item = spec.item(key)
            if item.result == "pass":
                if spec_item.confirmation and not item.confirmed:
                    yield Refusal("item_unconfirmed", requirement, {"checklist": name, "item": key})
            elif item.result == "na" and spec_item.allow_na and item.reason:
                continue
            elif item.result == "fail":
                yield Refusal("item_failed", requirement, {"checklist": name, "item": key})
            else:
                yield Refusal("item_open", requirement, {"checklist": name, "item": key})
    return guard


def _steps_done(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.3.2-MONITOR: every step of the plan has its progress recorded."""
    if f.steps_done < f.steps_total:
        yield Refusal("steps_open", "R-4.3.2-MONITOR", {"open": f.steps_total - f.steps_done})


def _no_open_problem(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.5.2-DECIDE30: a reported severe problem needs its rollback decision first."""
    if f.open_problem:
        yield Refusal("problem_undecided", "R-4.5.2-DECIDE30")


def _open_problem(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    if not f.open_problem:
        yield Refusal("no_open_problem", "R-4.5.2-DECIDE30")


def _rollback_done(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.5.2-EXEC: all rollback steps in order, restoration confirmed, cause recorded."""
    if f.rollback_steps_done < f.rollback_steps_total:
        yield Refusal("rollback_steps_open", "R-4.5.2-EXEC",
                      {"open": f.rollback_steps_total - f.rollback_steps_done})
    if not f.restored:
        yield Refusal("not_restored", "R-4.5.2-EXEC")
    if not f.rollback_cause:
        yield Refusal("no_cause", "R-4.5.2-EXEC")


def _cmdb_done(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.2.2-CMDB: every configuration item of the baseline updated from the result."""
    if f.cmdb_pending:
        yield Refusal("cmdb_pending", "R-4.2.2-CMDB", {"count": f.cmdb_pending})


def _record_consistent(f: ReleaseFacts, a: Actor) -> Iterable[Refusal]:
    """R-4.4.2-KNOWLEDGE, R-4.4.2-ARCHIVE, R-4.5.1-TRIGGERS: the record the 发布变更报告 prints
    must not contradict itself (知识更新 通过 without a lesson, 文档归档 通过 without the
    archived plan, 继续发布 after data loss without a reason) — also for rows stored before."""
    return closure.refusals(f.record)


BEFORE_DEPLOYMENT = frozenset({S.REQUESTED, S.ACCEPTED, S.PLANNING, S.PLAN_SUBMITTED,
                               S.PLAN_APPROVED, S.PRECHECKED})
PLAN_EDITABLE = frozenset({S.ACCEPTED, S.PLANNING, S.PLAN_SUBMITTED, S.PLAN_APPROVED, S.PRECHECKED})
RUNNING = frozenset({S.DEPLOYING, S.VERIFYING})

RULES: dict[Action, Rule] = {
    # The request's fields until it is accepted, its linked changes until the plan is approved
    # (R-4.2.1-CHANGE; relgui.services.releases.edit_request / link_changes check each part).
    Action.EDIT_REQUEST: Rule(frozenset({S.REQUESTED, S.ACCEPTED, S.PLANNING, S.PLAN_SUBMITTED}), None),
    Action.ACCEPT: Rule(frozenset({S.REQUESTED}), S.ACCEPTED, (_changes_approved,)),
    Action.REJECT_REQUEST: Rule(frozenset({S.REQUESTED}), S.REJECTED),
    Action.START_PLANNING: Rule(frozenset({S.ACCEPTED}), S.PLANNING),
    # An edit after submission or approval voids it: back to planning (R-DOC-SIGN).
    Action.EDIT_PLAN: Rule(PLAN_EDITABLE, S.PLANNING),
    Action.SUBMIT_PLAN: Rule(frozenset({S.PLANNING}), S.PLAN_SUBMITTED, (_plan_complete,)),
    Action.WITHDRAW_PLAN: Rule(frozenset({S.PLAN_SUBMITTED}), S.PLANNING, (_is_author,)),
    Action.APPROVE_PLAN: Rule(frozenset({S.PLAN_SUBMITTED}), S.PLAN_APPROVED, (_four_eyes, _plan_complete)),
    Action.REJECT_PLAN: Rule(frozenset({S.PLAN_SUBMITTED}), S.PLANNING, (_four_eyes,)),
    Action.RECORD_PRECHECK: Rule(frozenset({S.PLAN_APPROVED, S.PRECHECKED}), None),
    Action.COMPLETE_PRECHECK: Rule(frozenset({S.PLAN_APPROVED}), S.PRECHECKED, (
        _approval_valid, _checklist_passed("precheck", "R-4.3.1-PRECHECK"))),
    Action.START_DEPLOYMENT: Rule(frozenset({S.PRECHECKED}), S.DEPLOYING, (
        _approval_valid, _checklist_passed("precheck", "R-4.3.1-PRECHECK"))),
    Action.RECORD_MONITORING: Rule(RUNNING | {S.ROLLING_BACK}, None),
    # Progress of the plan's own steps is recorded while they are being carried out.
    Action.RECORD_STEP: Rule(frozenset({S.DEPLOYING}), None),
    Action.FINISH_DEPLOYMENT: Rule(frozenset({S.DEPLOYING}), S.VERIFYING, (_no_open_problem, _steps_done)),
    Action.REPORT_PROBLEM: Rule(RUNNING, None, (_no_open_problem,)),
    Action.DECIDE_ROLLBACK: Rule(RUNNING, None, (_open_problem,)),
    Action.RECORD_ROLLBACK_STEP: Rule(frozenset({S.ROLLING_BACK}), None),
    Action.COMPLETE_ROLLBACK: Rule(frozenset({S.ROLLING_BACK}), S.AWAITING_CLOSE, (_rollback_done,)),
    Action.RECORD_VERIFICATION: Rule(frozenset({S.VERIFYING}), None),
    Action.COMPLETE_VERIFICATION: Rule(frozenset({S.VERIFYING}), S.CONFIG_UPDATE, (
        _no_open_problem, _checklist_passed("verification", "R-4.4.1-VERIFY"))),
    Action.DECLARE_FAILED: Rule(RUNNING | {S.ROLLING_BACK}, S.AWAITING_CLOSE, (_no_open_problem,)),
    Action.UPDATE_CMDB: Rule(frozenset({S.CONFIG_UPDATE}), None),
    Action.COMPLETE_CONFIG_UPDATE: Rule(frozenset({S.CONFIG_UPDATE}), S.AWAITING_CLOSE, (
        _cmdb_done, _checklist_passed("config_update", "R-4.4.2-CMDB24H"), _record_consistent)),
    Action.CLOSE: Rule(frozenset({S.AWAITING_CLOSE}), S.CLOSED, (_record_consistent,)),
    Action.CANCEL: Rule(BEFORE_DEPLOYMENT, S.CANCELLED),
}

# The outcome an action decides, recorded when the release reaches 待关闭.
OUTCOME_OF: dict[Action, Outcome] = {
    Action.COMPLETE_CONFIG_UPDATE: Outcome.SUCCESS,
    Action.COMPLETE_ROLLBACK: Outcome.ROLLED_BACK,
    Action.DECLARE_FAILED: Outcome.FAILED,
}


# R-4.1-APPROVER: approval authority covers the lower release types. A role listed here may
# also approve what the roles it covers approve (the 运维管理部经理, who approves 重大 and 紧急
# plans, may approve a 一般 plan as well — so one engineer alone can still get an approval).
AUTHORITY_COVERS: dict[str, tuple[str, ...]] = {"manager": ("engineer",)}


def approver_roles(profile: Profile, release_type: str) -> tuple[str, ...]:
    """Who may approve a plan of ``release_type``: its approver, then the roles covering it."""
    base = profile.release_types[release_type].approver_role
    return (base,) + tuple(r for r, covered in AUTHORITY_COVERS.items() if base in covered and r != base)


def allowed_roles(profile: Profile, action: Action, release_type: str) -> tuple[str, ...]:
    """The role matrix of the profile, with 'approver' resolved by release type (R-4.1-APPROVER)."""
    roles: list[str] = []
    for role in profile.actions[action.value]:
        resolved = approver_roles(profile, release_type) if role == APPROVER else (role,)
        for r in resolved:
            if r not in roles:
                roles.append(r)
    return tuple(roles)


def role_refusal(profile: Profile, action: Action, release_type: str, actor: Actor) -> Refusal | None:
    if actor.user_id is None:
        return None  # the system itself (administration tools) is not a person with roles
    roles = allowed_roles(profile, action, release_type)
    if any(actor.has(r) for r in roles):
        return None
    requirement = "R-4.1-APPROVER" if action in (Action.APPROVE_PLAN, Action.REJECT_PLAN) else "R-4.2.2-STAGES"
    return Refusal("wrong_role", requirement, {"action": action.value, "roles": roles})


def refusals(action: Action, facts: ReleaseFacts, actor: Actor) -> list[Refusal]:
    """Every reason ``actor`` may not perform ``action`` now; empty means allowed."""
    rule = RULES[action]
    if facts.status not in rule.sources:
        return [Refusal("wrong_status", "R-4.2.2-STAGES", {"action": action.value, "status": facts.status.value})]
    out = []
    by_role = role_refusal(facts.profile, action, facts.type, actor)
    if by_role:
        out.append(by_role)
    for guard in rule.guards:
        out.extend(guard(facts, actor))
    return out


def require(action: Action, facts: ReleaseFacts, actor: Actor) -> Status:
    """Refuse with every reason, or return the status the action leads to."""
    reasons = refusals(action, facts, actor)
    if reasons:
        raise PolicyViolation(*reasons)
    target = RULES[action].target
    return facts.status if target is None else target


def available(facts: ReleaseFacts, actor: Actor) -> dict[Action, list[Refusal]]:
    """For the UI: each action with the reasons it is disabled (empty list: enabled)."""
    return {action: refusals(action, facts, actor) for action in RULES}


def can_create(profile: Profile, actor: Actor) -> list[Refusal]:
    """Submitting a new release request (发布请求)."""
    roles = profile.actions[Action.SUBMIT_REQUEST.value]
    if actor.user_id is None or any(actor.has(r) for r in roles):
        return []
    return [Refusal("wrong_role", "R-4.2.2-STAGES", {"action": Action.SUBMIT_REQUEST.value, "roles": roles})]


# The action that moves a release forward from each status: "needs my action" is whether
# the user holds a role for it (the register filters on this in SQL).
FORWARD: dict[Status, Action] = {
    S.REQUESTED: Action.ACCEPT,
    S.ACCEPTED: Action.START_PLANNING,
    S.PLANNING: Action.SUBMIT_PLAN,
    S.PLAN_SUBMITTED: Action.APPROVE_PLAN,
    S.PLAN_APPROVED: Action.COMPLETE_PRECHECK,
    S.PRECHECKED: Action.START_DEPLOYMENT,
    S.DEPLOYING: Action.FINISH_DEPLOYMENT,
    S.VERIFYING: Action.COMPLETE_VERIFICATION,
    S.ROLLING_BACK: Action.COMPLETE_ROLLBACK,
    S.CONFIG_UPDATE: Action.COMPLETE_CONFIG_UPDATE,
    S.AWAITING_CLOSE: Action.CLOSE,
}


def next_action(status: Status, open_problem: bool = False) -> Action | None:
    """What moves the release on now: an open severe problem first needs its rollback
    decision (R-4.5.2-DECIDE30), whatever the status would otherwise ask for."""
    if open_problem and status in RUNNING:
        return Action.DECIDE_ROLLBACK
    return FORWARD.get(status)


def actionable(profile: Profile, actor: Actor) -> list[tuple[Status, str]]:
    """(status, release type) pairs whose next step the actor's roles allow."""
    out = []
    for status, action in FORWARD.items():
        for type_key in profile.release_types:
            if any(actor.has(r) for r in allowed_roles(profile, action, type_key)):
                out.append((status, type_key))
    return out


def may_decide_rollback(profile: Profile, actor: Actor) -> bool:
    return any(actor.has(r) for r in profile.actions[Action.DECIDE_ROLLBACK.value])
