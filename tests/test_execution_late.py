"""A late rollback decision and a missed CMDB deadline, through the GUI (pytest-qt, offscreen,
in Chinese), on SQLite and PostgreSQL, with the FixedClock moved past each deadline."""

from __future__ import annotations

from flows import release_at
from gui_support import Told, settle
from test_execution_helpers import (  # noqa: F401 - window and fresh_translators are fixtures
    cli_show,
    click,
    confirm_acceptance,
    decide,
    drive,
    fresh_translators,
    monitor_of,
    record,
    report,
    select,
    window,
)

from relgui.domain.states import Status
from relgui.gui.execution.checklists import VerificationDialog
from relgui.gui.execution.config_update import ConfigUpdateDialog


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
    settle()  # the register reads on a worker
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
    settle()  # the deadlines are read on a worker
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
