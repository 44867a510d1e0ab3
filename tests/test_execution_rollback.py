"""An emergency release rolled back after a severe problem, decided within 30 minutes, through
the GUI (pytest-qt, offscreen, in Chinese), on SQLite and PostgreSQL. The clock is moved, never slept on."""

from __future__ import annotations

from flows import release_at
from gui_support import Told, settle
from test_execution_helpers import (  # noqa: F401 - window and fresh_translators are fixtures
    answer_steps,
    cli_show,
    click,
    data,
    decide,
    drive,
    fresh_translators,
    monitor_of,
    report,
    select,
    sign_with,
    window,
)

from relgui.domain.states import Action, Status
from relgui.gui.execution.closure import CloseDialog
from relgui.gui.execution.rollback_exec import RollbackDialog
from relgui.services import auditing, knowledge


def test_emergency_release_rolled_back_within_30_minutes(world, window, monkeypatch, capsys):
    """R-4.5.1-TRIGGERS, R-4.5.2-DECIDE30, R-4.5.2-EXEC, R-4.3.2-MONITOR, R-4.2.2-CLOSE: a severe
    problem starts the decision countdown (window, register, status bar); the manager decides
    within 30 minutes; the rollback steps run in order; the release closes as rolled back."""
    told = Told(monkeypatch)
    number = release_at(world, Status.DEPLOYING, type_="emergency")
    eng = window("zhangwei")
    select(eng, number)
    click(eng, "monitor")
    mon = monitor_of(eng)
    answer_steps(monkeypatch, world)
    mon.table.selectRow(0)
    assert mon.record_step()
    mon.log.kind.setCurrentIndex(mon.log.kind.findData("performance"))
    mon.log.text.setText("响应时间 5 秒，超过阈值")
    mon.log.button.click()
    dialogs = report(monkeypatch, mon, ["performance", "complaints"], "响应时间超过阈值，柜员集中投诉")
    assert "计划阈值：响应时间 > 2 秒" in dialogs[0].triggers["performance"].text()
    assert mon.countdown.running() and mon.countdown.text().startswith("剩余 30 分 00 秒")
    assert not mon.commands[Action.FINISH_DEPLOYMENT].isEnabled()
    assert "已报告严重问题，须先作出回退决策" in mon.commands[Action.FINISH_DEPLOYMENT].toolTip()
    world.clock.advance(minutes=12)
    mon.countdown.tick()
    assert mon.countdown.text().startswith("剩余 18 分 00 秒")
    eng.update_countdown()
    settle()  # the deadlines are read on a worker
    assert "最近一个剩 18 分钟" in eng.countdown.text()
    eng.register.refresh()
    settle()  # the register reads on a worker
    assert eng.register.model.row_at(0).flags == ()  # 18 min left: not yet inside the 10-minute warning

    mgr = window("lina")
    select(mgr, number)
    decided = decide(monkeypatch, mgr, "rollback", "影响核心交易，立即回退")
    assert decided[0].countdown.text().startswith("剩余 18 分") and decided[0].late.text() == ""
    assert not told.messages  # in time: nothing to warn about
    assert eng.poller.poll()  # the engineer's workstation sees the manager's decision
    settle()  # its change notice re-reads the monitor on a worker
    assert not mon.countdown.running() and "回退（李娜" in mon.problem.text()

    def rollback_steps(d: RollbackDialog):
        assert not d.complete_button.isEnabled() and "还有 2 个回退步骤未执行" in d.blockers.text()
        d.table.selectRow(1)
        assert not d.record_step()  # out of order: refused with the reason
        d.table.selectRow(0)
        d.note.setText("旧版本已恢复")
        assert d.record_step()
        d.note.setText("服务已重启")
        assert d.record_step()
        d.restored.setChecked(True)
        d.cause.setPlainText("新版本与生产数据不兼容，导致响应时间超标")
        d.restore_button.click()
        d.complete_button.click()
    drive(monkeypatch, RollbackDialog, rollback_steps)
    select(eng, number)
    click(eng, "rollback")
    assert told.texts[0] == "须按顺序执行：先完成第 1 步"
    assert [t for t, _ in told.messages[1:]] == ["完成回退"]  # the one confirmation (issue 15)
    assert data(world, number).result == "rolled_back"

    sign_with(monkeypatch)

    def closing(d: CloseDialog):
        assert "已回退" in d.outcome.text()
        d.analysis.setPlainText("决策及时，回退完整；需在预发布环境补充性能测试。")
        d.sign_button.click()
    drive(monkeypatch, CloseDialog, closing)
    mgr.refresh()  # the manager's workstation reads what the engineer's recorded
    settle()
    select(mgr, number)
    close = mgr.detail.buttons["close"]  # R-4.4.2-KNOWLEDGE: rolled back, so not without its lesson
    assert not close.isEnabled() and "经验总结" in close.toolTip()
    knowledge.add_lesson(world.ctx("lina"), number, "回退经验", "新版本须先用生产数据副本做性能测试。")
    mgr.refresh()
    settle()
    select(mgr, number)
    click(mgr, "close")
    final = cli_show(world, capsys, number)
    assert final["status"] == "closed" and final["result"] == "rolled_back"
    problem = final["problems"][0]
    assert problem["triggers"] == ["performance", "complaints"] and problem["decision"] == "rollback"
    assert problem["decided_by"] == "李娜" and problem["decision_late"] is False
    assert [s["note"] for s in final["steps"] if s["kind"] == "rollback"] == ["旧版本已恢复", "服务已重启"]
    assert final["rollback"]["cause"].startswith("新版本与生产数据不兼容")
    actions = [e["action"] for e in final["audit"]]
    for expected in ("rollback.problem", "rollback.decide", "step.rollback", "rollback.restored",
                     "release.complete_rollback", "signature.close"):
        assert expected in actions, expected
    assert auditing.verify(world.ctx()).ok
