"""The 分析 menu on the main window: its entries, the windows they open wired to the main
window's register and detail, and a start-up without matplotlib."""

from __future__ import annotations

import subprocess
import sys

from flows import release_at
from gui_support import Told, gui_context, settle

from relgui.charts import picking
from relgui.domain.states import Status
from relgui.gui.insight import windows
from relgui.gui.main_window import MainWindow
from relgui.services import kpi


def _main(world, qtbot, tmp_path, username="lina"):
    win = MainWindow(gui_context(world, username, tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.start()
    settle()
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "分析(&A)")  # added by MainWindow
    return win, menu


def _action(menu, name):
    return next(a for a in menu.actions() if a.objectName() == name)


def test_the_menu_sits_before_help_with_its_five_entries(sqlite_world, qtbot, tmp_path):
    win, menu = _main(sqlite_world, qtbot, tmp_path)
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles.index("分析(&A)") == titles.index("帮助(&H)") - 1
    assert [a.objectName() for a in menu.actions() if not a.isSeparator()] == [
        "dashboard", "calendar", "knowledge", "export_register", "import_register"]


def test_a_dashboard_click_filters_the_main_windows_register(sqlite_world, qtbot, tmp_path, with_demo):
    with_demo(sqlite_world, 150, 9)  # (the demo the dashboard tests use: generated once per worker)
    win, menu = _main(sqlite_world, qtbot, tmp_path)
    _action(menu, "dashboard").trigger()
    w = windows._OPEN["dashboard"]
    qtbot.addWidget(w)
    ax = w.view.figure.axes[1]  # releases in progress by status
    bars = next(c for c in ax.collections if picking.keys_of(c))
    box = bars.get_paths()[0].get_extents()
    w.view.click(box.x0 + box.width / 2, box.y0 + box.height / 2, ax)
    settle()
    ids = kpi.releases_behind(sqlite_world.ctx("lina"), picking.keys_of(bars)[0]).ids
    model = win.register.model
    assert sorted(model.row_at(r).id for r in range(model.rowCount())) == sorted(ids)
    assert "状态：待受理" in win.register.count_label.text()


def test_calendar_and_knowledge_open_a_release_in_the_detail_view(sqlite_world, qtbot, tmp_path):
    number = release_at(sqlite_world, Status.REQUESTED)
    win, menu = _main(sqlite_world, qtbot, tmp_path)
    _action(menu, "calendar").trigger()
    _action(menu, "knowledge").trigger()
    calendar, knowledge = windows._OPEN["calendar"], windows._OPEN["knowledge"]
    qtbot.addWidget(calendar)
    qtbot.addWidget(knowledge)
    rid = next(win.register.model.row_at(r).id for r in range(win.register.model.rowCount()))
    calendar.open_release(rid)
    settle()
    assert win.detail.release.number == number
    win.detail.show_release(None)
    knowledge.open_release(rid)
    settle()
    assert win.detail.release.number == number


def test_export_from_the_menu_uses_the_registers_current_filter(sqlite_world, qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from relgui.gui import files

    Told(monkeypatch)
    release_at(sqlite_world, Status.REQUESTED, type_="major")
    release_at(sqlite_world, Status.REQUESTED, type_="normal")
    win, menu = _main(sqlite_world, qtbot, tmp_path)
    win.register.type_filter.setCurrentIndex(win.register.type_filter.findData("major"))
    monkeypatch.setattr(files, "get_save_file_name", staticmethod(lambda *a, **k: (str(tmp_path / "r.xlsx"), "")))
    _action(menu, "export_register").trigger()
    assert load_workbook(tmp_path / "r.xlsx").active.max_row == 2  # the header and the one major release


def test_starting_the_main_window_imports_no_matplotlib():
    code = ("import sys\n"
            "import relgui.gui.main_window, relgui.gui.insight.menu, relgui.gui.insight.dashboard\n"
            "import relgui.gui.insight.calendar_view, relgui.gui.insight.knowledge, relgui.gui.insight.excel_dialogs\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported at start-up'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
