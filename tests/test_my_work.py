"""我的待办 (services.my_work): the user's next actions across releases, most urgent first."""

from __future__ import annotations

from flows import problem_seen, release_at

from relgui.domain.states import Action, Status
from relgui.services import my_work, rollback


def _numbers(items):
    return [t.number for t in items]


def test_each_user_sees_what_their_roles_move_forward(world):
    """R-4.2.2-STAGES, R-4.1-APPROVER: next action by role; the author never sees their own
    plan to approve (R-4.1-FOUR-EYES)."""
    # (closing first: its CMDB update would otherwise leave the submitted plan's 发布前版本 stale)
    closing = release_at(world, Status.AWAITING_CLOSE)
    submitted = release_at(world, Status.PLAN_SUBMITTED, type_="normal", author="zhangwei")
    eng = {t.number: t for t in my_work.todo(world.ctx("zhangwei"))}
    assert submitted not in eng and closing not in eng
    other = {t.number: t for t in my_work.todo(world.ctx("wangfang"))}
    assert other[submitted].action is Action.APPROVE_PLAN and other[submitted].blocked_by == ()
    mgr = {t.number: t for t in my_work.todo(world.ctx("lina"))}
    assert mgr[closing].action is Action.CLOSE
    assert my_work.todo(world.ctx("auditor")) == []


def test_open_decision_comes_first_with_its_deadline(world):
    """R-4.5.2-DECIDE30 and R-4.4.2-CMDB24H deadlines, sorted by urgency."""
    cmdb = release_at(world, Status.CONFIG_UPDATE)
    running = release_at(world, Status.DEPLOYING, type_="emergency")
    rollback.report_problem(world.ctx("zhangwei"), running, ["key_function"], "关键功能报错", expected_problem=problem_seen(world, running))
    world.clock.advance(minutes=25)
    items = my_work.todo(world.ctx("liuyang"))  # engineer and manager
    assert _numbers(items)[:2] == [running, cmdb]
    first = items[0]
    assert first.action is Action.DECIDE_ROLLBACK and first.due_kind == "rollback_decision"
    assert first.remaining(world.clock.now()).total_seconds() == 5 * 60
    assert first.state.value == "warn"
    second = items[1]
    assert second.due_kind == "cmdb" and second.action is Action.COMPLETE_CONFIG_UPDATE
    assert [r.code for r in second.blocked_by][0] == "cmdb_pending"
    world.clock.advance(minutes=10)
    assert my_work.todo(world.ctx("lina"))[0].state.value == "overdue"
