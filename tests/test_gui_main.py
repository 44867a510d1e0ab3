"""The main window against a real database (offscreen): register, detail, commands by role."""

from __future__ import annotations

import pytest
from flows import PASSWORD, release_at
from gui_support import Told, gui_context, settle
from PySide6.QtCore import Qt

from relgui.domain.states import Status
from relgui.gui import ops
from relgui.gui.main_window import MainWindow
from relgui.gui.register_model import COLUMN, ID_ROLE


@pytest.fixture
def window(world, tmp_path, qtbot):
    def make(username="lina", lang="zh_CN"):
        gctx = gui_context(world, username, tmp_path, lang)
        win = MainWindow(gctx)
        qtbot.addWidget(win)
        win.show()
        win.start()
        settle()
        return win
    return make


def _select(win, number):
    model = win.register.model
    for row in range(model.rowCount()):
        if model.row_at(row).number == number:
            win.register.table.setCurrentIndex(model.index(row, 0))
            settle()
            return
    raise AssertionError(number)


def test_register_lists_and_filters_releases(world, window, qtbot):
    a = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    b = release_at(world, Status.REQUESTED, type_="normal")
    win = window()
    assert win.register.model.rowCount() == 2
    win.register.type_filter.setCurrentIndex(win.register.type_filter.findData("major"))
    settle()
    assert [win.register.model.row_at(r).number for r in range(win.register.model.rowCount())] == [a]
    win.register.clear_filters()
    settle()
    win.register.search.setText(b)
    qtbot.waitUntil(lambda: win.register.model.rowCount() == 1, timeout=2000)
    assert win.register.model.index(0, COLUMN["type"]).data() == "一般发布"


def test_commands_are_enabled_by_role_with_the_domains_reason(world, window):
    number = release_at(world, Status.PLAN_SUBMITTED, type_="major", author="zhangwei")
    win = window("wangfang")
    _select(win, number)
    approve = win.detail.buttons["approve_plan"]
    assert not approve.isEnabled()
    assert approve.toolTip() == "批准发布计划须由运维管理部经理执行"
    win2 = window("lina")
    _select(win2, number)
    assert win2.detail.buttons["approve_plan"].isEnabled()


def test_manager_approves_with_a_signature(world, window, monkeypatch):
    from relgui.gui.dialogs.sign import SignDialog

    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    win = window("lina")
    _select(win, number)
    monkeypatch.setattr(SignDialog, "ask", classmethod(
        lambda cls, parent, gctx, submit, **kw: ops.call(parent, gctx, submit, PASSWORD, "", True)))
    win.detail.buttons["approve_plan"].click()
    settle()
    assert win.detail.release.status == "plan_approved"
    assert win.detail.release.signatures[0].signer == "李娜"


def test_wrong_password_is_told_not_crashed(world, window, monkeypatch):
    from relgui.gui.dialogs.sign import SignDialog

    told = Told(monkeypatch)
    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    win = window("lina")
    _select(win, number)
    monkeypatch.setattr(SignDialog, "ask", classmethod(
        lambda cls, parent, gctx, submit, **kw: ops.call(parent, gctx, submit, "wrong", "", True)))
    win.detail.buttons["approve_plan"].click()
    settle()
    assert told.texts == ["密码不正确，未签署"]
    assert win.detail.release.status == "plan_submitted"


def test_english_interface(world, window):
    release_at(world, Status.REQUESTED)
    win = window("lina", "en")
    assert win.register.model.index(0, COLUMN["status"]).data() == "Requested"
    assert win.register.model.headerData(COLUMN["type"], Qt.Orientation.Horizontal) == "Type"


def test_change_on_another_workstation_appears_without_refresh(world, window):
    win = window("lina")
    assert win.register.model.rowCount() == 0
    release_at(world, Status.REQUESTED)  # another user's session, same database
    assert win.poller.poll()
    settle()
    assert win.register.model.rowCount() == 1
    assert win.register.model.index(0, 0).data(ID_ROLE) is not None


def test_register_shows_exactly_the_releases_of_a_drill_down(world, window):
    numbers = [release_at(world, Status.REQUESTED) for _ in range(3)]
    win = window()
    model = win.register.model
    ids = [model.row_at(r).id for r in range(model.rowCount()) if model.row_at(r).number != numbers[1]]
    win.register.show_releases(tuple(ids), "2026Q4 失败的发布")
    settle()
    assert model.rowCount() == 2 and "2026Q4 失败的发布" in win.register.count_label.text()
    win.register.clear_filters()
    settle()
    assert model.rowCount() == 3


def test_register_flags_conflicts_and_freezes_on_the_planned_start(world, window):
    """Two releases on the same configuration item in overlapping windows, one in a freeze."""
    from relgui.gui.register_model import COLUMN
    from relgui.services import company

    a = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    release_at(world, Status.PLAN_SUBMITTED, type_="major")
    start = world.clock.now()
    company.add_freeze(world.ctx("admin"), start, start.replace(year=2027), "年终封网")
    win = window()
    model = win.register.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == a)
    tip = model.index(row, COLUMN["planned_start"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "同一配置项" in tip and "冻结期" in tip
    assert model.index(row, COLUMN["planned_start"]).data(Qt.ItemDataRole.DecorationRole) is not None
