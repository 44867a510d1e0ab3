"""The main window against a real database (offscreen): register, detail, commands by role."""

from __future__ import annotations

import pytest
from flows import PASSWORD, release_at
from gui_support import Told, gui_context, settle
from PySide6.QtCore import QModelRoleData, Qt

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


def test_the_register_has_the_keyboard_when_the_window_opens(world, window, qtbot):
    """↓ moves through the releases, it does not change a filter."""
    release_at(world, Status.REQUESTED)
    release_at(world, Status.REQUESTED)
    win = window()
    assert win.focusWidget() is win.register.table
    win.activateWindow()
    settle()
    before = win.register.table.currentIndex().row()  # -1, or 0 once the table took the focus
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Down)
    settle()
    assert win.register.type_filter.currentIndex() == 0  # the filter did not take the key
    assert win.register.table.currentIndex().row() == before + 1  # the register did


def test_the_detail_names_the_policy_as_its_documents_do(world, window, qtbot):
    """依据制度 reads as the documents' 制度依据 (发布管理制度 XDYJ-06-01 V1.0), not the stored key."""
    from PySide6.QtWidgets import QLabel

    from relgui.policy import current_profile

    p = current_profile()
    number = release_at(world, Status.REQUESTED)
    for lang, title in (("zh_CN", p.title), ("en", p.title_en)):
        win = window(lang=lang)
        _select(win, number)
        shown = win.detail.findChild(QLabel, "policy").text()
        assert shown == f"{title} {p.id} V{p.version}" and "@" not in shown


def test_an_ended_releases_unrecorded_items_read_not_recorded(world, window, qtbot):
    """A checklist item never recorded is 未完成 while the release runs and 未记录 once it has
    ended (a rolled-back release closed without 效果验证): an auditor is not told it is open."""
    from PySide6.QtWidgets import QTableWidget
    from test_documents_support import rolled_back_and_closed

    ended = rolled_back_and_closed(world)
    running = release_at(world, Status.PLAN_APPROVED)
    win = window()
    for number, word in ((ended, "未记录"), (running, "未完成")):
        _select(win, number)
        table = win.detail.findChild(QTableWidget, "checklist_table")
        results = {table.item(r, 2).text() for r in range(table.rowCount())}
        assert word in results and ({"未记录", "未完成"} - {word}).isdisjoint(results), (number, results)


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


def test_a_paint_enters_the_register_model_once_per_cell(world, window, monkeypatch):
    """Qt paints through multiData: each painted cell is one call into Python with every role
    (gui/cells.OneCallPerCell), answered exactly as data() answers each role. Before, a paint
    entered data() once per role, ~1 700 times a page, waiting for the GIL each time a worker
    ran Python (bench_stall: a 145 ms paint during an Excel import)."""
    import sys

    from PySide6.QtGui import QIcon

    from relgui.gui.register_model import RegisterModel

    release_at(world, Status.PLAN_SUBMITTED, type_="major")
    release_at(world, Status.REQUESTED, type_="normal")
    calls = {"from Qt": 0, "from multiData": 0}
    real_data = RegisterModel.data

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        calls["from multiData" if sys._getframe(1).f_code.co_name == "multiData" else "from Qt"] += 1
        return real_data(self, index, role)

    monkeypatch.setattr(RegisterModel, "data", data)  # before the model is made: Qt looks overrides up once
    win = window()
    model, table = win.register.model, win.register.table
    calls.update({"from Qt": 0, "from multiData": 0})
    table.viewport().repaint()
    shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)
             and table.columnViewportPosition(c) < table.viewport().width()]
    assert len(shown) >= 5
    assert calls["from multiData"] >= 5 * model.rowCount() * len(shown)  # every painted cell, its roles at once
    assert calls["from Qt"] == 0  # no role asked one by one
    for row in range(model.rowCount()):  # what multiData fills is what data() says, role by role
        for column in shown:
            index = model.index(row, column)
            for rd in map(QModelRoleData, (0, 1, 3, 8, 9, 13)):  # display, decoration, tooltip, brushes, size
                model.multiData(index, rd)
                got, want = rd.data(), real_data(model, index, rd.role())
                if isinstance(want, QIcon):
                    got, want = got.cacheKey(), want.cacheKey()
                assert got == want, (row, column, rd.role())


def test_workers_hand_the_gil_back_within_a_millisecond(world, window):
    """gui/ops.SWITCH_INTERVAL_S: with workers, a Python thread keeps the GIL at most 1 ms
    when the painting GUI thread asks for it (CPython's 5 ms made the import stall 190 ms)."""
    import sys

    win = window()
    assert ops._EXECUTOR is not None and win.register.model.rowCount() == 0
    assert sys.getswitchinterval() <= ops.SWITCH_INTERVAL_S
