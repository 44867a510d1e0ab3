"""A normal release carried from its approved plan to a closed record through the GUI (pytest-qt,
offscreen, in Chinese), on SQLite and PostgreSQL: every record it leaves is in
`relgui-admin release show --json` and in the audit trail. The clock is a FixedClock."""

from __future__ import annotations

from flows import release_at
from gui_support import Told
from test_execution_helpers import (  # noqa: F401 - window and fresh_translators are fixtures
    answer_steps,
    cli_show,
    click,
    confirm_acceptance,
    data,
    drive,
    files_chosen,
    fresh_translators,
    monitor_of,
    record,
    select,
    sign_with,
    window,
)

from relgui.domain.states import Action, Status
from relgui.gui.execution.checklists import PrecheckDialog, VerificationDialog
from relgui.gui.execution.closure import CloseDialog
from relgui.gui.execution.config_update import ConfigUpdateDialog
from relgui.services import auditing


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
    assert data(world, number).status == "deploying"
    backup = next(e for e in data(world, number).checklists["precheck"] if e.item == "backup")
    assert backup.attachment_id is not None  # the file added for the item is its evidence

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
    assert data(world, number).status == "verifying"

    def verification(d: VerificationDialog):
        for key in ("functional", "performance", "business"):
            record(d, key, "pass", evidence="验证通过")
        confirm_acceptance(d, "陈经理", "业务运营部")
        record(d, "acceptance", "pass", evidence="业务部门签字确认")
        d.complete_button.click()
    drive(monkeypatch, VerificationDialog, verification)
    select(eng, number)
    click(eng, "verification")
    assert data(world, number).status == "config_update"

    world.clock.advance(hours=2)

    def config(d: ConfigUpdateDialog):
        assert "剩余" in d.countdown.text() and d.countdown.state == "ok"
        cmdb = d.parts[0]
        assert cmdb.table.item(0, 4).text() == "尚未更新"  # said, not an empty cell
        cmdb.table.item(0, 3).setText("1.1.0")
        cmdb.apply_button.click()
        assert cmdb.table.item(0, 4).text() == "1.1.0"
        cmdb.show_history(0)  # the item's history: this release's change marked as such
        newest = [cmdb.history.item(0, c).text() for c in range(1, 4)]
        assert newest == ["1.0.0", "1.1.0", "本发布"], newest
        d.parts[1].archive_button.click()
        d.parts[2].body.setPlainText("低峰时段发布、预先演练回退，效果良好。")
        d.parts[2].add_button.click()
        assert d.complete_button.isEnabled(), d.complete_button.toolTip()
        d.complete_button.click()
    drive(monkeypatch, ConfigUpdateDialog, config)
    select(eng, number)
    click(eng, "config_update")
    after = data(world, number)
    assert after.status == "awaiting_close" and after.result == "success"
    assert [x.state for x in after.deadlines if x.kind == "cmdb"] == ["met"]

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
    # the report is made as the manager signs (it prints the signing time): the dialog says so
    # instead of a hash that could not be the one signed; the signature covers it (below)
    assert shown[0]["meaning"] == "关闭" and "发布变更报告" in shown[0]["content_hash"]

    final = cli_show(world, capsys, number)
    assert final["status"] == "closed" and final["result"] == "success"
    assert final["closure"]["analysis"] == "按计划完成，CMDB 于时限内更新。"
    assert [s["meaning"] for s in final["signatures"]] == ["approve", "close"]
    from relgui.services import documents

    assert documents.closure_state(world.ctx(), number).code == "closure_sealed"
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
