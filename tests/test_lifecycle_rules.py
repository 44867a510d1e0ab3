"""The lifecycle state machine without a database: every action allowed and refused."""

from __future__ import annotations

import dataclasses

import pytest

from relgui.domain import lifecycle
from relgui.domain.errors import PolicyViolation
from relgui.domain.lifecycle import RULES, Actor, ItemState, ReleaseFacts
from relgui.domain.plan import Gap
from relgui.domain.states import Action, Status
from relgui.policy import current_profile

P = current_profile()
ENG = Actor(1, "zhangwei", "张伟", frozenset({"engineer"}))
ENG2 = Actor(2, "wangfang", "王芳", frozenset({"engineer"}))
MGR = Actor(3, "lina", "李娜", frozenset({"manager"}))
AUD = Actor(4, "auditor", "审计员", frozenset({"auditor"}))
PASSED = {c: {i.key: ItemState("pass", confirmed=True) for i in P.checklists[c].items}
          for c in ("precheck", "verification", "config_update")}


def facts(status: Status, **kw) -> ReleaseFacts:
    base = dict(status=status, type="normal", profile=P, change_statuses=("approved",), plan_author=1,
                approval_valid=True, checklists=PASSED, steps_total=2, steps_done=2,
                rollback_steps_total=2, rollback_steps_done=2, restored=True, rollback_cause="原因")
    base.update(kw)
    return ReleaseFacts(**base)


def who_may(action: Action, type_: str = "normal") -> Actor:
    roles = lifecycle.allowed_roles(P, action, type_)
    if action in (Action.APPROVE_PLAN, Action.REJECT_PLAN):
        return ENG2 if "engineer" in roles else MGR
    return ENG if "engineer" in roles else MGR


# What must be true for an action to be allowed, beyond the defaults of facts().
READY = {Action.DECIDE_ROLLBACK: {"open_problem": True}}


@pytest.mark.parametrize("action", list(RULES))
def test_every_action_is_allowed_from_its_sources(action):
    for status in RULES[action].sources:
        f = facts(status, **READY.get(action, {}))
        assert lifecycle.refusals(action, f, who_may(action)) == [], (action, status)


@pytest.mark.parametrize("action", list(RULES))
def test_every_action_is_refused_from_every_other_status(action):
    """R-4.2.2-STAGES: out-of-order actions are refused with the current status named."""
    for status in set(Status) - RULES[action].sources:
        reasons = lifecycle.refusals(action, facts(status), who_may(action))
        assert [r.code for r in reasons] == ["wrong_status"], (action, status)
        assert reasons[0].params["status"] == status.value


@pytest.mark.parametrize("action", list(RULES))
def test_every_action_is_refused_to_a_role_without_it(action):
    status = next(iter(RULES[action].sources))
    reasons = lifecycle.refusals(action, facts(status), AUD)
    assert "wrong_role" in [r.code for r in reasons]


def test_accept_needs_an_approved_change():
    """R-4.2.1-CHANGE."""
    f = facts(Status.REQUESTED, change_statuses=())
    assert [r.code for r in lifecycle.refusals(Action.ACCEPT, f, ENG)] == ["no_change_linked"]
    f = facts(Status.REQUESTED, change_statuses=("approved", "submitted"))
    reasons = lifecycle.refusals(Action.ACCEPT, f, ENG)
    assert reasons[0].code == "change_not_approved" and reasons[0].requirement == "R-4.2.1-CHANGE"


def test_submit_refused_with_every_gap_and_the_rollback_plan_named():
    """R-4.2.2-SECTIONS, R-1.3-RELIABLE."""
    gaps = (Gap("purpose", "text", "missing"), Gap("rollback", "steps", "min_rows", detail="1"))
    reasons = lifecycle.refusals(Action.SUBMIT_PLAN, facts(Status.PLANNING, plan_gaps=gaps), ENG)
    assert [r.requirement for r in reasons] == ["R-4.2.2-SECTIONS", "R-1.3-RELIABLE"]


@pytest.mark.parametrize("type_, approver, refused", [
    ("normal", ENG2, AUD), ("normal", MGR, AUD), ("major", MGR, ENG2), ("emergency", MGR, ENG2)])
def test_approver_follows_the_release_type(type_, approver, refused):
    """R-4.1-APPROVER: approver routing is the profile's data; a manager's authority covers the
    一般 type (lifecycle.AUTHORITY_COVERS), an engineer's does not reach 重大 or 紧急."""
    f = facts(Status.PLAN_SUBMITTED, type=type_)
    assert lifecycle.refusals(Action.APPROVE_PLAN, f, approver) == []
    reasons = lifecycle.refusals(Action.APPROVE_PLAN, f, refused)
    assert [(r.code, r.requirement) for r in reasons] == [("wrong_role", "R-4.1-APPROVER")]


def test_author_may_not_approve_own_plan():
    """R-4.1-FOUR-EYES."""
    reasons = lifecycle.refusals(Action.APPROVE_PLAN, facts(Status.PLAN_SUBMITTED, plan_author=2), ENG2)
    assert [(r.code, r.requirement) for r in reasons] == [("own_plan", "R-4.1-FOUR-EYES")]


def test_four_eyes_can_be_switched_off_in_a_profile():
    p = dataclasses.replace(P, four_eyes=False)
    f = facts(Status.PLAN_SUBMITTED, plan_author=2, profile=p)
    assert lifecycle.refusals(Action.APPROVE_PLAN, f, ENG2) == []


def test_no_deployment_without_valid_approval_and_passed_precheck():
    """R-1.3-PLAN, R-4.3.1-PRECHECK."""
    f = facts(Status.PRECHECKED, approval_valid=False)
    assert [r.code for r in lifecycle.refusals(Action.START_DEPLOYMENT, f, ENG)] == ["plan_not_approved"]
    open_ = {**PASSED, "precheck": {**PASSED["precheck"], "backup": ItemState("")}}
    failed = {**PASSED, "precheck": {**PASSED["precheck"], "backup": ItemState("fail")}}
    na_no_reason = {**PASSED, "precheck": {**PASSED["precheck"], "backup": ItemState("na")}}
    na_reason = {**PASSED, "precheck": {**PASSED["precheck"], "backup": ItemState("na", "无数据变更")}}

    def precheck_refusals(checklists) -> list[str]:
        return [r.code for r in lifecycle.refusals(Action.COMPLETE_PRECHECK, facts(Status.PLAN_APPROVED, checklists=checklists), ENG)]

    assert precheck_refusals(open_) == ["item_open"]
    assert precheck_refusals(failed) == ["item_failed"]
    assert precheck_refusals(na_no_reason) == ["item_open"]
    assert precheck_refusals(na_reason) == []


def test_user_acceptance_needs_the_business_confirmation():
    """R-4.4.1-VERIFY: 用户验收 is the business department's formal confirmation."""
    checks = {**PASSED, "verification": {**PASSED["verification"], "acceptance": ItemState("pass", confirmed=False)}}
    reasons = lifecycle.refusals(Action.COMPLETE_VERIFICATION, facts(Status.VERIFYING, checklists=checks), ENG)
    assert [r.code for r in reasons] == ["item_unconfirmed"]
    na = {**PASSED, "verification": {**PASSED["verification"], "acceptance": ItemState("na", "不需要")}}
    assert [r.code for r in lifecycle.refusals(Action.COMPLETE_VERIFICATION, facts(Status.VERIFYING, checklists=na), ENG)] == ["item_open"]


def test_open_severe_problem_blocks_progress_until_decided():
    """R-4.5.2-DECIDE30."""
    f = facts(Status.DEPLOYING, open_problem=True)
    assert [r.code for r in lifecycle.refusals(Action.FINISH_DEPLOYMENT, f, ENG)] == ["problem_undecided"]
    assert lifecycle.refusals(Action.DECIDE_ROLLBACK, f, MGR) == []
    assert [r.code for r in lifecycle.refusals(Action.DECIDE_ROLLBACK, facts(Status.DEPLOYING), MGR)] == ["no_open_problem"]


def test_finish_deployment_needs_every_step_recorded():
    """R-4.3.2-MONITOR."""
    reasons = lifecycle.refusals(Action.FINISH_DEPLOYMENT, facts(Status.DEPLOYING, steps_done=1), ENG)
    assert [(r.code, r.params["open"]) for r in reasons] == [("steps_open", 1)]


def test_rollback_completion_needs_steps_restoration_and_cause():
    """R-4.5.2-EXEC."""
    f = facts(Status.ROLLING_BACK, rollback_steps_done=1, restored=False, rollback_cause="")
    assert [r.code for r in lifecycle.refusals(Action.COMPLETE_ROLLBACK, f, ENG)] == [
        "rollback_steps_open", "not_restored", "no_cause"]


def test_config_update_needs_every_item_updated():
    """R-4.2.2-CMDB."""
    reasons = lifecycle.refusals(Action.COMPLETE_CONFIG_UPDATE, facts(Status.CONFIG_UPDATE, cmdb_pending=2), ENG)
    assert [(r.code, r.params["count"]) for r in reasons] == [("cmdb_pending", 2)]


def test_only_the_manager_closes():
    """R-4.2.2-CLOSE."""
    assert lifecycle.refusals(Action.CLOSE, facts(Status.AWAITING_CLOSE), MGR) == []
    assert [r.code for r in lifecycle.refusals(Action.CLOSE, facts(Status.AWAITING_CLOSE), ENG)] == ["wrong_role"]


def test_require_raises_with_every_reason():
    with pytest.raises(PolicyViolation) as exc:
        lifecycle.require(Action.COMPLETE_ROLLBACK, facts(Status.ROLLING_BACK, restored=False, rollback_cause=""), AUD)
    assert [r.code for r in exc.value.refusals] == ["wrong_role", "not_restored", "no_cause"]
    assert "R-4.5.2-EXEC" in exc.value.requirements


def test_outcomes_are_decided_by_the_path_taken():
    assert lifecycle.OUTCOME_OF == {Action.COMPLETE_CONFIG_UPDATE: "success",
                                    Action.COMPLETE_ROLLBACK: "rolled_back", Action.DECLARE_FAILED: "failed"}


def test_needs_my_action_pairs_follow_roles_and_types():
    pairs = set(lifecycle.actionable(P, MGR))
    assert (Status.AWAITING_CLOSE, "normal") in pairs
    # A manager's approval authority covers 一般 plans too (R-4.1-APPROVER).
    assert (Status.PLAN_SUBMITTED, "major") in pairs and (Status.PLAN_SUBMITTED, "normal") in pairs
    eng = set(lifecycle.actionable(P, ENG))
    assert (Status.PLAN_SUBMITTED, "normal") in eng and (Status.AWAITING_CLOSE, "normal") not in eng
    assert (Status.PLAN_SUBMITTED, "major") not in eng
    assert lifecycle.actionable(P, AUD) == []
