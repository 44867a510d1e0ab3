"""One time rule (issue 15): every displayed time is the company's wall-clock time, never the
PC's. The register showed 12-02 09:00 on a computer set to New York while the calendar, the
dashboard and the documents said 12-02 22:00 for the same window (Asia/Shanghai).

The process runs in another zone than the company's (TZ set and time.tzset(), undone after):
the register, the detail and its audit trail show the same wall-clock time as the 发布计划
document, and the register's time columns say their zone because it differs from the PC's."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from relgui.domain import timeutil
from relgui.domain.states import Status
from relgui.gui.main_window import MainWindow
from relgui.gui.register_model import COLUMN
from relgui.services import company, details, documents, releases
from tests.flows import approved_change, company_v
from tests.gui_support import gui_context, settle

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX only")

# 2026-12-02 14:00 UTC: 22:00 in Beijing (the company), 09:00 in New York (this computer).
WINDOW_START = dt.datetime(2026, 12, 2, 14, 0, tzinfo=dt.UTC)
WINDOW_END = WINDOW_START + dt.timedelta(hours=3)


@pytest.fixture(autouse=True)
def _zone_restored():
    """The GUI's zone (gui/zone.py) is process-wide: what a test taught it is not left to the next."""
    from relgui.gui import zone

    before = zone.current()
    yield
    zone.remember(before)


@pytest.fixture
def new_york():
    """This process in America/New_York for the test, as a PC set to that zone would be."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        assert dt.datetime(2026, 12, 2, 14, tzinfo=dt.UTC).astimezone().hour == 9
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def _release(world) -> str:
    created = releases.create(world.ctx("zhangwei"), title="核心交易系统升级", type="normal",
                              change_numbers=[approved_change(world)], systems="核心交易系统",
                              planned_start=WINDOW_START, planned_end=WINDOW_END)
    return created.number


def _window(world, tmp_path, qtbot, lang="zh_CN"):
    win = MainWindow(gui_context(world, "lina", tmp_path, lang))
    qtbot.addWidget(win)
    win.show()
    win.start()
    win.poller.timer.stop()
    win.clock_timer.stop()
    settle()
    return win


def _row(model, number: str) -> int:
    return next(r for r in range(model.rowCount()) if model.row_at(r).number == number)


def test_register_detail_and_documents_show_the_company_wall_clock(world, tmp_path, qtbot, new_york):
    number = _release(world)
    # What the documents print for the window (documents.Source.time: the company's zone).
    src = documents.source(world.ctx("lina"), number, "plan")
    printed = src.time(details.show_json(world.ctx("lina"), number)["planned_start"], "%Y-%m-%d %H:%M")
    assert printed == "2026-12-02 22:00"
    assert WINDOW_START.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-12-02 09:00"  # the PC's: not shown

    win = _window(world, tmp_path, qtbot)
    model = win.register.model
    row = _row(model, number)
    assert model.index(row, COLUMN["planned_start"]).data() == "2026-12-02 22:00"
    assert model.index(row, COLUMN["planned_end"]).data() == "2026-12-03 01:00"
    # The zone is said where a time could be read as the PC's.
    header = model.headerData(COLUMN["planned_start"], Qt.Orientation.Horizontal)
    assert header == "计划开始 (UTC+8)"
    assert "Asia/Shanghai" in model.headerData(COLUMN["planned_start"], Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(COLUMN["title"], Qt.Orientation.Horizontal) == "标题"

    win.register.table.setCurrentIndex(model.index(row, 0))
    settle()
    assert win.detail.release.number == number
    window = win.detail.findChild(QLabel, "planned_window")
    assert window.text() == "2026-12-02 22:00 – 2026-12-03 01:00 (UTC+8)"  # the zone said: the PC's differs
    audit = win.detail.findChild(QTableWidget, "audit_table")
    created_at = details.show_json(world.ctx("lina"), number)["audit"][0]["at"]
    assert audit.item(audit.rowCount() - 1, 1).text() == src.time(created_at, "%Y-%m-%d %H:%M")
    assert audit.item(audit.rowCount() - 1, 1).text() == "2026-11-27 10:00"  # the test clock, in Beijing


def test_a_changed_company_zone_reaches_the_register(world, tmp_path, qtbot, new_york):
    """The register reads the company's zone with its first page and again after the company
    settings changed (a change notice), not once per page."""
    number = _release(world)
    win = _window(world, tmp_path, qtbot)
    model = win.register.model
    assert model.index(_row(model, number), COLUMN["planned_start"]).data() == "2026-12-02 22:00"
    seen = company.get(world.ctx("admin"))
    # Saved through this GUI's context (its listeners hear the notice), by an administrator.
    company.save(win.gctx.app.as_user(world.actor("admin")), company_name=seen.company_name, department=seen.department,
                 number_pattern=seen.number_pattern, timezone="Asia/Tokyo", expected_version=company_v(world))
    settle()
    row = _row(model, number)
    assert model.index(row, COLUMN["planned_start"]).data() == "2026-12-02 23:00"
    assert model.headerData(COLUMN["planned_start"], Qt.Orientation.Horizontal) == "计划开始 (UTC+9)"


def test_no_zone_is_said_when_the_pc_shows_the_same_time(world, tmp_path, qtbot):
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    try:
        number = _release(world)
        win = _window(world, tmp_path, qtbot)
        model = win.register.model
        assert model.index(_row(model, number), COLUMN["planned_start"]).data() == "2026-12-02 22:00"
        assert model.headerData(COLUMN["planned_start"], Qt.Orientation.Horizontal) == "计划开始"
        model_row = _row(model, number)
        win.register.table.setCurrentIndex(model.index(model_row, 0))
        settle()
        assert win.detail.findChild(QLabel, "planned_window").text() == "2026-12-02 22:00 – 2026-12-03 01:00"
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_shown_is_the_one_rule():
    tz = company.zone("Asia/Shanghai")
    assert timeutil.shown("2026-12-02T14:00:00+00:00", tz) == "2026-12-02 22:00"
    assert timeutil.shown(WINDOW_START, tz) == "2026-12-02 22:00"
    assert timeutil.shown(dt.datetime(2026, 12, 2, 14, 0), tz) == "2026-12-02 22:00"  # naive: stored UTC
    assert timeutil.shown(None, tz) == "" and timeutil.shown("kein Datum", tz) == "kein Datum"
    assert timeutil.offset_name(company.zone("Asia/Kolkata"), WINDOW_START) == "UTC+5:30"


def test_service_messages_say_times_in_the_company_zone(world, new_york):
    """A lockout's "until" and a plan's freeze warning: the company's wall-clock time, not the
    process's (on a workstation, the PC's)."""
    from relgui.domain.errors import AuthError
    from relgui.services import plans, users
    from tests.flows import release_at

    for _ in range(5):
        with pytest.raises(AuthError) as exc:
            users.login(world.ctx(), "lina", "wrong")
    until = exc.value.locked_until
    assert exc.value.message("zh_CN") == f"账户已锁定，请于 {until.astimezone(company.zone('Asia/Shanghai')):%Y-%m-%d %H:%M} 后再试"
    assert exc.value.message("zh_CN").endswith("10:15 后再试")  # 02:15 UTC; New York would say 21:15
    with pytest.raises(AuthError) as exc:  # the right password while locked: the same words
        users.login(world.ctx(), "lina", "correct-horse-9")
    assert "10:15" in exc.value.message("en")

    number = release_at(world, Status.PLANNING)
    start = world.clock.now() + dt.timedelta(hours=12)  # 2026-11-27 14:00 UTC = 22:00 in Beijing
    company.add_freeze(world.ctx("admin"), start, start + dt.timedelta(hours=2), "重保期")
    freeze = [w.detail for w in plans.get(world.ctx("zhangwei"), number).warnings if w.kind == "freeze"]
    assert freeze == ["2026-11-27 22:00 – 2026-11-28 00:00 重保期"], freeze


def test_other_views_use_the_zone_the_register_read(world, tmp_path, qtbot, new_york):
    """The change-request register shows 决定时间 in the company's zone the main register read;
    the register's date filter counts days as the company does."""
    from relgui.gui.registers.changes import ChangesDialog
    from relgui.services import changes

    number = _release(world)
    win = _window(world, tmp_path, qtbot)
    assert win.gctx.company_tz == company.zone("Asia/Shanghai")  # learnt with the register's first page
    changes.record(world.ctx("zhangwei"), number="CHG-TZ1", title="时区", status="approved", decided_by="变更管理委员会",
                   decided_at=WINDOW_START)
    dialog = ChangesDialog(None, win.gctx)
    qtbot.addWidget(dialog)
    settle()  # its rows are read on a worker
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "CHG-TZ1")
    assert dialog.table.item(row, dialog.table.columnCount() - 1).text() == "2026-12-02 22:00"
    # 计划开始 from 2026-12-02: the company's day starts at 2026-12-01 16:00 UTC, not New York's.
    from PySide6.QtCore import QDate

    win.register.date_from.setDate(QDate(2026, 12, 2))
    assert win.register.query().date_from == dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC)
    assert number


@pytest.fixture
def company_zone():
    """The zone the GUI learnt from the register (gui/zone.py), restored after."""
    from relgui.gui import zone

    before = zone.current()
    zone.remember(company.zone("Asia/Shanghai"))
    yield
    zone.remember(before)


def test_editors_show_and_take_the_company_wall_clock(qtbot, new_york, company_zone):
    """The plan wizard's date-time field and the step dialog show 22:00 for 14:00 UTC and give
    back the same instant, whatever zone the PC is in; the execution views' times likewise."""
    from relgui.domain import timeutil
    from relgui.gui.execution.common import local
    from relgui.gui.execution.monitor_parts import StepDialog
    from relgui.gui.wizard.fields import DateTimeField

    field = DateTimeField("（未填写）")
    qtbot.addWidget(field)
    field.set_field_value("2026-12-02T14:00:00+00:00")
    assert field.text() == "2026-12-02 22:00"
    assert field.field_value() == "2026-12-02T22:00+08:00"
    assert timeutil.parse(field.field_value(), "window_start") == WINDOW_START  # as the domain stores it

    dialog = StepDialog(None, 1, "部署新版本", WINDOW_START, WINDOW_END)
    qtbot.addWidget(dialog)
    assert dialog.start.text() == "2026-12-02 22:00" and dialog.finish.text() == "2026-12-03 01:00"
    _, started, finished, _ = dialog.values()
    assert (started, finished) == (WINDOW_START, WINDOW_END)

    assert local("2026-12-02T14:00:00+00:00") == "2026-12-02 22:00"
    assert local(WINDOW_START, seconds=True) == "2026-12-02 22:00:00"
