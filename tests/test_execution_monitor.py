"""发布执行监控 window (R-4.3.2-MONITOR): one window per release, planned against actual times,
keyboard entry of observations, and the live decision countdown (R-4.5.2-DECIDE30)."""

from __future__ import annotations

import datetime as dt

from flows import release_at
from gui_support import gui_context
from PySide6.QtCore import Qt
from test_execution_helpers import data, fresh_translators  # noqa: F401 - autouse fixture

from relgui.domain.states import Status
from relgui.domain.versions import NEW
from relgui.gui.execution import monitor
from relgui.gui.execution.monitor_parts import planned_times
from relgui.services import rollback


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
    window = monitor.MonitorWindow(None, gctx, data(sqlite_world, number))
    qtbot.addWidget(window)
    assert not window.countdown.running() and window.problem.text() == ""
    rollback.report_problem(gctx.app, number, ["data"], "订单数据不一致", expected_problem=NEW)
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
