"""发布执行监控 window (R-4.3.2-MONITOR): one window per release, planned against actual times,
keyboard entry of observations, and the live decision countdown (R-4.5.2-DECIDE30)."""

from __future__ import annotations

import datetime as dt

from flows import release_at
from gui_support import gui_context, settle
from PySide6.QtCore import Qt
from test_execution_helpers import data, fresh_translators  # noqa: F401 - autouse fixture

from relgui.domain.states import Status
from relgui.domain.versions import NEW
from relgui.gui.execution import monitor
from relgui.gui.execution.monitor_parts import planned_times
from relgui.services import plans, rollback


def test_one_window_per_release_with_the_plan_steps(sqlite_world, tmp_path, qtbot):
    number = release_at(sqlite_world, Status.DEPLOYING)
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    release = data(sqlite_world, number)
    monitor.open_monitor(None, gctx, release)
    window = monitor._windows[release.id]
    qtbot.addWidget(window)
    monitor.open_monitor(None, gctx, release)
    assert monitor._windows[release.id] is window
    assert window.table.rowCount() == 2 and window.table.item(1, 1).text() == "部署新版本"
    assert window.table.item(0, 3).text() != "" and window.progress.maximum() == 2
    window.log.text.setText("部署开始，服务已停止")  # (QTest types ASCII only)
    qtbot.keyClick(window.log.text, Qt.Key.Key_Return)
    assert [o.text for o in data(sqlite_world, number).observations] == ["部署开始，服务已停止"]
    assert window.log.text.text() == "" and window.log.table.rowCount() == 1
    window.close()
    qtbot.waitUntil(lambda: release.id not in monitor._windows, timeout=2000)


def test_countdown_follows_the_services_clock(sqlite_world, tmp_path, qtbot):
    number = release_at(sqlite_world, Status.DEPLOYING)
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    window = monitor.MonitorWindow(None, gctx, data(sqlite_world, number), plans.approved(gctx.app, number))
    qtbot.addWidget(window)
    assert not window.countdown.running() and window.problem.text() == ""
    rollback.report_problem(gctx.app, number, ["data"], "订单数据不一致", expected_problem=NEW)
    settle()  # the window heard the notice and read the release again on a worker
    assert window.countdown.running() and window.countdown.text().startswith("剩余 30 分 00 秒")
    sqlite_world.clock.advance(minutes=21, seconds=30)
    window.countdown.tick()
    assert window.countdown.state == "warn" and window.countdown.text().startswith("剩余 8 分 30 秒")


def test_planned_times_add_up_the_planned_minutes():
    start = dt.datetime(2026, 11, 28, 14, 0, tzinfo=dt.UTC)
    times = planned_times([{"minutes": 5}, {"minutes": "10"}], start)
    assert times == [(start, start + dt.timedelta(minutes=5)),
                     (start + dt.timedelta(minutes=5), start + dt.timedelta(minutes=15))]
    assert planned_times([{"minutes": 5}], None) == [(None, None)]


def test_the_execution_windows_read_the_plan_off_the_gui_thread(sqlite_world, tmp_path, qtbot, monkeypatch):
    """Opening the monitor, 报告严重问题 and 执行回退 reads the approved plan on a worker
    (services.plans.approved); before, each window read it on the GUI thread in its constructor."""
    from test_gui_queries import Statements

    from relgui.gui.execution import rollback as rollback_gui
    from relgui.gui.execution.rollback_dialogs import ProblemDialog

    number = release_at(sqlite_world, Status.DEPLOYING)
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    release = data(sqlite_world, number)
    statements = Statements(sqlite_world.db.engine)
    try:
        monitor.open_monitor(None, gctx, release)
        qtbot.addWidget(monitor._windows[release.id])
        seen = []
        monkeypatch.setattr(ProblemDialog, "ask",
                            classmethod(lambda cls, parent, state, plan: seen.append(plan.rows("steps"))))
        rollback_gui.report_problem(None, gctx, release)
        assert statements.runs("plans.approved") == 2 and len(seen[0]) == 2
        assert statements.by_op().get("GUI thread", 0) == 0, statements.by_op()
    finally:
        statements.close()


def test_an_unreadable_plan_opens_no_window_and_is_said(sqlite_world, tmp_path, qtbot, monkeypatch):
    """The database gone when the monitor opens: the user is told so, and no window shows an
    empty plan (before, a failed read was shown as a plan without steps)."""
    from gui_support import Told

    from relgui.domain.errors import StorageUnavailable

    number = release_at(sqlite_world, Status.DEPLOYING)
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    release = data(sqlite_world, number)
    told = Told(monkeypatch)

    def gone(ctx, key):
        raise StorageUnavailable("the server stopped answering")

    monkeypatch.setattr(plans, "approved", gone)
    assert monitor.open_monitor(None, gctx, release) is False
    assert release.id not in monitor._windows
    assert told.messages and told.messages[-1][0] == "数据库不可用"
