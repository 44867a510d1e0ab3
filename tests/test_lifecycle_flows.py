"""Whole lifecycles through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from flows import PASSWORD, problem_seen, problem_v, release_at, rollback_v, rv, step_v, verify_all

from relgui.domain.errors import PolicyViolation
from relgui.domain.states import Status
from relgui.services import auditing, closing, details, execution, inventory, knowledge, rollback


def _status(world, number):
    return details.show_json(world.ctx(), number)["status"]


@pytest.mark.parametrize("status", [s for s in Status if s not in (Status.REJECTED, Status.CANCELLED)])
def test_release_reaches_every_status_through_services(world, status):
    """R-4.2.2-STAGES: every status of the lifecycle is reachable through the services."""
    number = release_at(world, status)
    assert _status(world, number) == status.value
    assert auditing.verify(world.ctx()).ok


def test_normal_release_succeeds_with_cmdb_in_time(world):
    """R-4.2.2-CMDB, R-4.4.2-CMDB24H, R-4.2.2-CLOSE, R-DOC-SIGN end to end."""
    number = release_at(world, Status.CLOSED)
    data = details.show_json(world.ctx(), number)
    assert data["result"] == "success"
    assert data["config_items"][0]["applied"] == "1.1.0"
    cmdb = [d for d in data["deadlines"] if d["kind"] == "cmdb"][0]
    assert cmdb["state"] == "met"
    assert [s["meaning"] for s in data["signatures"]] == ["approve", "close"]
    assert all(s["intact"] for s in data["signatures"])
    # R-4.4.2-CMDB: the item's history says which release took it from 1.0.0 to 1.1.0.
    changes = inventory.history(world.ctx(), "核心交易系统-应用服务器")
    assert [(h.old_version, h.new_version, h.release_number) for h in changes] == [
        ("", "1.0.0", ""), ("1.0.0", "1.1.0", number)]


def test_emergency_release_rolled_back_within_30_minutes(world):
    """R-4.5.1-TRIGGERS, R-4.5.2-DECIDE30, R-4.5.2-EXEC end to end."""
    number = release_at(world, Status.DEPLOYING, type_="emergency")
    eng, mgr = world.ctx("zhangwei"), world.ctx("lina")
    rollback.report_problem(eng, number, ["performance", "complaints"], "响应时间超过阈值", expected_problem=problem_seen(world, number))
    world.clock.advance(minutes=12)
    decision = rollback.decide(mgr, number, "rollback", "影响核心交易", expected_problem=problem_seen(world, number),
                               expected_version=problem_v(world, number))
    assert not decision.late
    with pytest.raises(PolicyViolation) as exc:
        execution.record_step(eng, number, 2, "done", kind="rollback", expected_version=step_v(world, number, "rollback", 2))
    assert exc.value.refusals[0].code == "step_order"
    execution.record_step(eng, number, 1, "done", kind="rollback", expected_version=step_v(world, number, "rollback", 1))
    execution.record_step(eng, number, 2, "done", kind="rollback", expected_version=step_v(world, number, "rollback", 2))
    rollback.confirm_restored(eng, number, "新版本与生产数据不兼容", expected_version=rollback_v(world, number))
    rollback.complete(eng, number, expected_version=rv(world, number))
    with pytest.raises(PolicyViolation) as refused:  # R-4.4.2-KNOWLEDGE: no 经验总结 yet
        closing.close(mgr, number, "已在时限内决策并完成回退。", PASSWORD, expected_version=rv(world, number))
    assert [r.code for r in refused.value.refusals] == ["lesson_required"]
    knowledge.add_lesson(mgr, number, "回退经验", "新版本须先用生产数据副本演练。")
    closing.close(mgr, number, "已在时限内决策并完成回退。", PASSWORD, expected_version=rv(world, number))
    data = details.show_json(world.ctx(), number)
    assert data["status"] == "closed" and data["result"] == "rolled_back"
    assert data["problems"][0]["decision_late"] is False


def test_late_decision_and_missed_cmdb_deadline_are_recorded(world):
    """R-4.5.2-DECIDE30 and R-4.4.2-CMDB24H with an injected clock: late is recorded, not hidden."""
    number = release_at(world, Status.VERIFYING)
    eng = world.ctx("zhangwei")
    rollback.report_problem(eng, number, ["key_function"], "部分功能异常", expected_problem=problem_seen(world, number))
    world.clock.advance(minutes=45)
    decision = rollback.decide(world.ctx("lina"), number, "continue", "问题可控", expected_problem=problem_seen(world, number),
                               expected_version=problem_v(world, number))
    assert decision.late
    verify_all(world, number)
    execution.complete_verification(eng, number, expected_version=rv(world, number))
    world.clock.advance(hours=30)
    closing.apply_cmdb(eng, number, expected_version=rv(world, number))
    data = details.show_json(world.ctx(), number)
    cmdb = [d for d in data["deadlines"] if d["kind"] == "cmdb"][0]
    assert cmdb["state"] == "missed"
    assert data["problems"][0]["decision_late"] is True


def test_final_documents_are_archived_at_approval_and_closure(world):
    """R-4.4.2-ARCHIVE: the approved plan and the closing report are kept with the release."""
    from relgui.services import documents

    number = release_at(world, Status.CLOSED)
    plan = documents.archived(world.ctx(), number, "plan")
    report = documents.archived(world.ctx(), number, "report")
    assert plan is not None and plan.content.startswith(b"PK") and plan.revision_no == 1
    assert report is not None and report.filename.endswith(".docx")


def test_release_show_lists_attachments_and_archived_documents(world):
    """R-1.3-TRACE: every record a lifecycle leaves appears in `release show --json`."""
    from relgui.services import attachments

    number = release_at(world, Status.CLOSED)
    data = details.show_json(world.ctx(), number)
    assert {d["kind"] for d in data["documents"]} == {"plan", "plan.pdf", "report", "report.pdf"}  # each with its PDF face
    assert all("attachment_id" in e for e in data["checklists"]["precheck"])
    running = release_at(world, Status.DEPLOYING)
    attachments.add(world.ctx("zhangwei"), running, b"backup log", "备份日志", filename="backup.log")
    listed = details.show_json(world.ctx(), running)["attachments"]
    assert [(a["filename"], a["size"], a["added_by"]) for a in listed] == [("backup.log", 10, "张伟")]
