"""Whole lifecycles through the GUI (pytest-qt, offscreen), in Chinese, on SQLite and PostgreSQL:
from an approved plan to a closed record, by clicking the detail view's commands and the
execution windows' buttons. The clock is a FixedClock moved by the test, never slept on."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QRadioButton

from flows import release_at
from gui_support import Told, gui_context
from relgui.cli.main import main as admin
from relgui.domain.states import Action, Status
from relgui.gui.execution import monitor
from relgui.gui.execution.checklists import PrecheckDialog, VerificationDialog
from relgui.gui.execution.closure import CloseDialog
from relgui.gui.execution.config_update import ConfigUpdateDialog
from relgui.gui.execution.monitor_parts import StepDialog
from relgui.gui.execution.rollback_dialogs import DecisionDialog, ProblemDialog
from relgui.gui.execution.rollback_exec import RollbackDialog
from relgui.gui.main_window import MainWindow
from relgui.services import auditing
from test_execution_helpers import confirm_acceptance, data, drive, files_chosen, record, sign_with


@pytest.fixture
def window(world, tmp_path, qtbot):
    def make(username: str):
        gctx = gui_context(world, username, tmp_path)
        win = MainWindow(gctx)
        qtbot.addWidget(win)
        win.show()
        win.start()
        return win
    return make


def select(win, number: str) -> None:
    model = win.register.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == number)
    win.register.table.setCurrentIndex(model.index(row, 0))
    assert win.detail.release["number"] == number


def click(win, key: str) -> None:
    button = win.detail.buttons[key]
    assert button.isEnabled(), button.toolTip()
    button.click()


def answer_steps(monkeypatch, world) -> None:
    def ask(cls, parent, number, action, start, finish):
        return "done", start, world.clock.advance(minutes=5), f"第 {number} 步完成"
    monkeypatch.setattr(StepDialog, "ask", classmethod(ask))


def monitor_of(win) -> monitor.MonitorWindow:
    return monitor._windows[win.detail.release["id"]]


def cli_show(world, capsys, number: str) -> dict:
    capsys.readouterr()
    assert admin(["--db", world.db.url.render_as_string(hide_password=False), "release", "show", number, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_normal_release_succeeds_with_cmdb_in_time(world, window, monkeypatch, tmp_path, capsys):
    """R-4.3.1-PRECHECK, R-1.3-PLAN, R-4.3.2-MONITOR, R-4.4.1-VERIFY, R-4.2.2-CMDB, R-4.4.2-CMDB24H,
    R-4.4.2-ARCHIVE, R-4.4.2-KNOWLEDGE, R-4.2.2-CLOSE, R-DOC-SIGN, R-1.3-TRACE: a normal release
    carried from its approved plan to a closed record through the GUI."""
    told = Told(monkeypatch)
    number = release_at(world, Status.PLAN_APPROVED)
    eng = window("zhangwei")
    select(eng, number)
    evidence = tmp_path / "备份校验.txt"
    evidence.write_text("全量备份校验通过", "utf-8")
    files_chosen(monkeypatch, [evidence])

    def precheck(d: PrecheckDialog):
        assert not d.start_button.isEnabled() and "尚未完成" in d.blockers.text()
        record(d, "environment", "pass", evidence="生产环境配置已核对")
        d.add_file("backup")
        record(d, "backup", "pass", evidence="见附件")
        record(d, "rollback_test", "pass", evidence="测试环境回退演练通过")
        record(d, "contingency", "na", reason="沿用已备案的通用应急预案")
        d.complete_button.click()
        assert d.start_button.isEnabled(), d.start_button.toolTip()
        d.start_button.click()
    drive(monkeypatch, PrecheckDialog, precheck)
    click(eng, "precheck")
    assert data(world, number)["status"] == "deploying"

    answer_steps(monkeypatch, world)
    mon = monitor_of(eng)
    assert not mon.commands[Action.FINISH_DEPLOYMENT].isEnabled()
    assert "还有 2 个实施步骤未记录进度" in mon.commands[Action.FINISH_DEPLOYMENT].toolTip()
    for row in (0, 1):
        mon.table.selectRow(row)
        assert mon.record_step()
    for kind, text in (("progress", "两步均已完成"), ("performance", "响应时间 300 毫秒"),
                       ("logs", "无错误日志"), ("feedback", "柜员反馈正常")):
        mon.log.kind.setCurrentIndex(mon.log.kind.findData(kind))
        mon.log.text.setText(text)
        mon.log.button.click()
    assert mon.progress.value() == 2 and mon.log.table.rowCount() == 4
    mon.commands[Action.FINISH_DEPLOYMENT].click()
    mon.close()
    assert data(world, number)["status"] == "verifying"

    def verification(d: VerificationDialog):
        for key in ("functional", "performance", "business"):
            record(d, key, "pass", evidence="验证通过")
        confirm_acceptance(d, "陈经理", "业务运营部")
        record(d, "acceptance", "pass", evidence="业务部门签字确认")
        d.complete_button.click()
    drive(monkeypatch, VerificationDialog, verification)
    select(eng, number)
    click(eng, "verification")
    assert data(world, number)["status"] == "config_update"

    world.clock.advance(hours=2)

    def config(d: ConfigUpdateDialog):
        assert "剩余" in d.countdown.text() and d.countdown.state == "ok"
        cmdb = d.parts[0]
        cmdb.table.item(0, 3).setText("1.1.0")
        cmdb.apply_button.click()
        d.parts[1].archive_button.click()
        d.parts[2].body.setPlainText("低峰时段发布、预先演练回退，效果良好。")
        d.parts[2].add_button.click()
        assert d.complete_button.isEnabled(), d.complete_button.toolTip()
        d.complete_button.click()
    drive(monkeypatch, ConfigUpdateDialog, config)
    select(eng, number)
    click(eng, "config_update")
    after = data(world, number)
    assert after["status"] == "awaiting_close" and after["result"] == "success"
    assert [x["state"] for x in after["deadlines"] if x["kind"] == "cmdb"] == ["met"]

    assert not eng.detail.buttons["close"].isEnabled()
    assert eng.detail.buttons["close"].toolTip() == "关闭发布须由运维管理部经理执行"
    mgr = window("lina")
    select(mgr, number)
    shown = sign_with(monkeypatch)

    def closing(d: CloseDialog):
        assert d.outcome.text().find("发布成功") >= 0
        d.analysis.setPlainText("按计划完成，CMDB 于时限内更新。")
        d.sign_button.click()
    drive(monkeypatch, CloseDialog, closing)
    click(mgr, "close")
    assert shown[0]["meaning"] == "关闭" and len(shown[0]["content_hash"]) == 64

    final = cli_show(world, capsys, number)
    assert final["status"] == "closed" and final["result"] == "success"
    assert final["closure"]["analysis"] == "按计划完成，CMDB 于时限内更新。"
    assert [s["meaning"] for s in final["signatures"]] == ["approve", "close"]
    assert shown[0]["content_hash"] == next(s for s in final["signatures"] if s["meaning"] == "close")["content_hash"]
    assert {c["item"]: c["result"] for c in final["checklists"]["precheck"]}["contingency"] == "na"
    assert final["checklists"]["verification"][-1]["confirmed_by"] == "陈经理"
    assert len([s for s in final["steps"] if s["kind"] == "deploy"]) == 2 and len(final["observations"]) == 4
    assert final["config_items"][0]["applied"] == "1.1.0" and final["knowledge"]
    actions = [e["action"] for e in final["audit"]]
    for expected in ("attachment.add", "checklist.precheck", "release.complete_precheck", "release.start_deployment",
                     "step.deploy", "monitor.observe", "release.finish_deployment", "checklist.verification",
                     "release.complete_verification", "cmdb.update", "document.archive", "knowledge.add",
                     "release.complete_config_update", "signature.close", "release.close"):
        assert expected in actions, expected
    assert auditing.verify(world.ctx()).ok
    assert any("已归档" in t for t in told.texts)



def report(monkeypatch, mon, triggers: list[str], description: str) -> list:
    def script(d: ProblemDialog):
        for key in triggers:
            d.triggers[key].setChecked(True)
        d.description.setPlainText(description)
        d.buttons.button(d.buttons.StandardButton.Ok).click()
    seen = drive(monkeypatch, ProblemDialog, script)
    mon.commands[Action.REPORT_PROBLEM].click()
    return seen


def decide(monkeypatch, win, choice: str, reason: str) -> list:
    def script(d: DecisionDialog):
        d.findChild(QRadioButton, f"decision_{choice}").click()
        d.reason.setPlainText(reason)
        d.buttons.button(d.buttons.StandardButton.Ok).click()
    seen = drive(monkeypatch, DecisionDialog, script)
    click(win, "decide_rollback")
    return seen


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
    assert "最近一个剩 18 分钟" in eng.countdown.text()
    eng.register.refresh()
    assert eng.register.model.row_at(0).flags == ()  # 18 min left: not yet inside the 10-minute warning

    mgr = window("lina")
    select(mgr, number)
    decided = decide(monkeypatch, mgr, "rollback", "影响核心交易，立即回退")
    assert decided[0].countdown.text().startswith("剩余 18 分") and decided[0].late.text() == ""
    assert not told.messages  # in time: nothing to warn about
    assert eng.poller.poll()  # the engineer's workstation sees the manager's decision
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
    assert told.texts == ["须按顺序执行：先完成第 1 步"]
    assert data(world, number)["result"] == "rolled_back"

    sign_with(monkeypatch)

    def closing(d: CloseDialog):
        assert "已回退" in d.outcome.text()
        d.analysis.setPlainText("决策及时，回退完整；需在预发布环境补充性能测试。")
        d.sign_button.click()
    drive(monkeypatch, CloseDialog, closing)
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


def test_late_decision_and_missed_cmdb_deadline_are_recorded(world, window, monkeypatch, capsys):
    """R-4.5.2-DECIDE30 and R-4.4.2-CMDB24H with a moved clock: a decision after 30 minutes is
    recorded as late and the user is told; the CMDB deadline warns before it expires, is
    flagged when missed, and the late update is recorded, not hidden."""
    told = Told(monkeypatch)
    number = release_at(world, Status.VERIFYING)
    eng = window("liuyang")  # engineer and manager: reports, decides and updates
    select(eng, number)
    click(eng, "monitor")
    mon = monitor_of(eng)
    report(monkeypatch, mon, ["key_function"], "部分查询功能报错")
    world.clock.advance(minutes=25)
    mon.countdown.tick()
    assert mon.countdown.state == "warn"
    world.clock.advance(minutes=20)
    mon.countdown.tick()
    assert mon.countdown.state == "overdue" and mon.countdown.text().startswith("已逾期 15 分 00 秒")
    eng.register.refresh()
    assert "decision_overdue" in eng.register.model.row_at(0).flags
    decided = decide(monkeypatch, eng, "continue", "问题可控，暂不回退")
    assert decided[0].late.text() == "已超过决策时限：此决策将被记录为逾期。"
    assert told.messages[-1][0] == "决策已记录为逾期"
    mon.close()

    def verification(d: VerificationDialog):
        for key in ("functional", "performance", "business"):
            record(d, key, "pass")
        record(d, "acceptance", "pass")  # no confirmation yet: refused with the reason
        assert told.texts[-1] == "“确认人”不能为空"
        confirm_acceptance(d, "周主任", "柜面业务部")
        record(d, "acceptance", "pass")
        d.complete_button.click()
    drive(monkeypatch, VerificationDialog, verification)
    select(eng, number)
    click(eng, "verification")

    def look(expected_state: str, expected_warning: str):
        def script(d: ConfigUpdateDialog):
            assert d.countdown.state == expected_state, d.countdown.text()
            assert d.warning.text() == expected_warning
        drive(monkeypatch, ConfigUpdateDialog, script)
        select(eng, number)
        click(eng, "config_update")

    look("ok", "")
    world.clock.advance(hours=21)
    look("warn", "CMDB 更新即将到期，请尽快完成。")
    world.clock.advance(hours=9)
    look("overdue", "已超过 CMDB 更新时限：此次更新将被记录为逾期。")
    eng.update_countdown()
    assert "CMDB 更新逾期 1 个" in eng.countdown.text()

    def update(d: ConfigUpdateDialog):
        assert not d.complete_button.isEnabled() and "还有 1 个配置项未更新" in d.blockers.text()
        d.parts[0].apply_button.click()
        assert d.countdown.state == "late" and d.warning.text() == "CMDB 更新逾期完成，已记录。"
    drive(monkeypatch, ConfigUpdateDialog, update)
    click(eng, "config_update")
    final = cli_show(world, capsys, number)
    assert final["problems"][0]["decision_late"] is True
    assert [x["state"] for x in final["deadlines"]] == ["missed", "missed"]
    late_event = next(e for e in final["audit"] if e["action"] == "rollback.decide")
    assert late_event["detail"]["late"] is True and late_event["detail"]["minutes"] == 45.0
    assert next(e for e in final["audit"] if e["action"] == "cmdb.update")["detail"]["late"] is True
