"""The dashboard window (R-4.6-KPI): a click on a point or bar opens the register at exactly
the releases behind it; the table, the type split, the quarter range and the exports."""

from __future__ import annotations

import openpyxl
import pytest
from gui_support import Told, gui_context
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from relgui.charts import picking
from relgui.documents import docx_reader
from relgui.gui import files
from relgui.gui.insight import dashboard
from relgui.gui.register_view import RegisterView
from relgui.services import kpi


@pytest.fixture
def open_dash(qtbot, tmp_path):
    def make(world, username="lina", show_releases=None):
        gctx = gui_context(world, username, tmp_path)
        got = []
        w = dashboard.open_dashboard(None, gctx, show_releases or (lambda ids, title: got.append((ids, title))))
        qtbot.addWidget(w)
        w.resize(1400, 900)
        return w, got
    return make


@pytest.fixture
def demo_world(sqlite_world, with_demo):
    with_demo(sqlite_world, 150, 9)
    return sqlite_world


def _overall_line(w):
    ax = w.view.figure.axes[0]
    return ax, next(line for line in ax.get_lines() if picking.keys_of(line) and not picking.keys_of(line)[0].type)


def _register_ids(view: RegisterView) -> list[int]:
    """Every row the register lists: its count and pages are read on workers (gui/ops.py), a
    page when a row of it is first asked for."""
    from gui_support import settle

    settle()
    for r in range(view.model.rowCount()):
        view.model.row_at(r)  # asks for the page if it is not here yet
    settle()
    return sorted(view.model.row_at(r).id for r in range(view.model.rowCount()))


def test_clicking_a_success_point_shows_exactly_its_failures_in_the_register_r_4_6_kpi(world, open_dash, qtbot,
                                                                                       tmp_path, monkeypatch,
                                                                                       with_demo):
    with_demo(world, 150, 9)
    register = RegisterView(gui_context(world, "lina", tmp_path / "r"))
    qtbot.addWidget(register)
    offered = []
    monkeypatch.setattr(dashboard.DrillMenu, "choose",
                        classmethod(lambda cls, parent, gctx, options, where: offered.extend(options) or options[0][0]))
    w, _ = open_dash(world, show_releases=register.show_releases)
    i, r = next((i, r) for i, r in enumerate(w.data.rates) if r.overall.total > r.overall.successful)
    ax, line = _overall_line(w)
    w.view.click(i, r.overall.rate * 100, ax)
    q = str(r.quarter)
    unsuccessful = kpi.FigureKey("success", q, q, "", "unsuccessful")
    assert offered[:2] == [(unsuccessful, r.overall.total - r.overall.successful),
                           (kpi.FigureKey("success", q, q, "", "counted"), r.overall.total)]
    expected = kpi.releases_behind(world.ctx("lina"), unsuccessful).ids
    assert _register_ids(register) == sorted(expected) and len(expected) == r.overall.total - r.overall.successful
    assert f"{q} 全部发布 未成功" in register.count_label.text()


def test_a_bar_has_one_meaning_and_opens_its_releases_at_once(demo_world, open_dash, monkeypatch):
    monkeypatch.setattr(dashboard.DrillMenu, "choose", classmethod(lambda *a: pytest.fail("no menu for a bar")))
    w, got = open_dash(demo_world)
    ax = w.view.figure.axes[2]  # CMDB within 24 h
    bars = next(c for c in ax.collections if picking.keys_of(c))
    i, box = next((i, p.get_extents()) for i, p in enumerate(bars.get_paths()) if p.get_extents().height > 0)
    w.view.click(box.x0 + box.width / 2, box.y0 + box.height / 2, ax)
    key = picking.keys_of(bars)[i]
    assert got == [(kpi.releases_behind(demo_world.ctx("lina"), key).ids,
                    f"{key.first} CMDB 24 小时内更新：按时")]


def test_enter_in_the_table_lists_the_failures_of_that_cell(demo_world, open_dash, qtbot):
    w, got = open_dash(demo_world)
    table = w.table
    last = table.columnCount() - 1
    table.setCurrentCell(table.rowCount() - 2, last)  # normal releases, the latest quarter
    qtbot.keyClick(table, Qt.Key.Key_Return)
    q = str(w.data.rates[-1].quarter)
    key = kpi.FigureKey("success", q, q, "normal", "unsuccessful")
    assert got == [(kpi.releases_behind(demo_world.ctx("lina"), key).ids, f"{q} 一般发布 未成功")]


def test_missed_targets_are_named_and_red(demo_world, open_dash):
    w, _ = open_dash(demo_world)
    missed = [r for r in w.data.rates if r.overall.met is False]
    for r in missed:
        assert f"{r.quarter}（{kpi.percent(r.overall)}）" in w.summary.text()
        col = [str(x.quarter) for x in w.data.rates].index(str(r.quarter)) + 1
        assert w.table.item(w.table.rowCount() - 1, col).foreground().color().name() == "#c62828"


def test_a_type_switched_off_leaves_the_success_chart(demo_world, open_dash):
    w, _ = open_dash(demo_world)
    assert len(_lines_with_keys(w)) == 4  # three types and all releases
    w.types["major"].setChecked(False)
    assert len(_lines_with_keys(w)) == 3
    assert {k[0].type for k in _lines_with_keys(w)} == {"emergency", "normal", ""}


def _lines_with_keys(w):
    return [picking.keys_of(line) for line in w.view.figure.axes[0].get_lines() if picking.keys_of(line)]


def test_a_reversed_range_is_refused_in_words_and_the_charts_stay(demo_world, open_dash, monkeypatch):
    told = Told(monkeypatch)
    w, _ = open_dash(demo_world)
    before = w.data
    w.first.setCurrentText("2026Q4")
    w.last.setCurrentText("2026Q1")
    assert not w.refresh()
    assert w.data is before and told.texts and "2026Q4" in told.texts[0]


def test_the_dashboard_is_one_window(demo_world, open_dash, tmp_path):
    w, _ = open_dash(demo_world)
    again = dashboard.open_dashboard(None, w.gctx, lambda ids, title: None)
    assert again is w


def _save_to(monkeypatch, path):
    monkeypatch.setattr(files, "get_save_file_name", staticmethod(lambda *a, **k: (str(path), "")))


def test_each_chart_and_the_whole_dashboard_export_as_png(demo_world, open_dash, monkeypatch, tmp_path):
    from relgui.gui.insight import exports

    told = Told(monkeypatch)
    w, _ = open_dash(demo_world)
    for name in (*dashboard.CHARTS, None):
        _save_to(monkeypatch, tmp_path / f"{name}")  # no suffix typed: .png is added
        path = exports.chart_png(w, name)
        assert path == tmp_path / f"{name}.png" and path.read_bytes()[:4] == b"\x89PNG"
    assert len(told.messages) == len(dashboard.CHARTS) + 1


def test_charts_named_as_the_chart_module_names_them():
    from relgui.charts.dashboard import CHARTS

    assert dashboard.CHARTS == CHARTS


def test_kpi_tables_export_to_excel(demo_world, open_dash, monkeypatch, tmp_path):
    from relgui.gui.insight import exports

    Told(monkeypatch)
    w, _ = open_dash(demo_world)
    _save_to(monkeypatch, tmp_path / "kpi.xlsx")
    exports.kpi_excel(w)
    sheet = openpyxl.load_workbook(tmp_path / "kpi.xlsx")["发布成功率"]
    assert sheet.max_row == 1 + 4 * len(w.data.rates)


def test_quarterly_report_from_the_dashboard(demo_world, open_dash, monkeypatch, tmp_path):
    from relgui.gui.insight import exports

    Told(monkeypatch)
    w, _ = open_dash(demo_world)
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda parent, title, label, items, current, editable:
                                                             asked.append((items, current)) or ("2026Q3", True)))
    _save_to(monkeypatch, tmp_path / "report.docx")
    assert exports.quarterly_report(w) == tmp_path / "report.docx"
    items, current = asked[0]
    assert items[current] == "2026Q3"  # the last quarter that has ended (the clock is in 2026Q4)
    assert "2026年第3季度（2026Q3）" in docx_reader.units((tmp_path / "report.docx").read_bytes())


def test_the_charts_are_drawn_on_a_worker_and_again_at_a_new_size(demo_world, open_dash, monkeypatch):
    """Issue 17: drawing five charts takes 0.3–0.5 s — never on the GUI thread. The window
    shows the pixels a worker drew at its size; resized, it draws again at the new size once the
    size settled (the old drawing shown scaled meanwhile), and a click still picks."""
    import threading

    from gui_support import settle

    from relgui.charts import render

    threads = []
    real = render.rgba

    def spying(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "rgba", spying)
    w, got = open_dash(demo_world)  # (the fixture resizes the window after opening it)
    QApplication.processEvents()
    if w.view._settle.isActive():
        w.view._settle.stop()
        w.view._size_settled()
    settle()
    assert threads and threading.main_thread() not in threads
    size, scale = w.view.target()
    assert (w.view.pixels.width, w.view.pixels.height) == (round(size.width() * scale), round(size.height() * scale))

    drawn = len(threads)
    w.resize(1700, 1100)
    QApplication.processEvents()
    assert w.view._settle.isActive()  # not at once: when the user stops resizing
    w.view._settle.stop()
    w.view._size_settled()
    w.view._size_settled()  # asked for already: not drawn twice
    settle()
    assert len(threads) == drawn + 1 and threading.main_thread() not in threads
    size, scale = w.view.target()
    assert (w.view.pixels.width, w.view.pixels.height) == (round(size.width() * scale), round(size.height() * scale))

    ax = w.view.figure.axes[2]  # CMDB within 24 h, clicked on the new drawing
    bars = next(c for c in ax.collections if picking.keys_of(c))
    i, box = next((i, p.get_extents()) for i, p in enumerate(bars.get_paths()) if p.get_extents().height > 0)
    w.view.click(box.x0 + box.width / 2, box.y0 + box.height / 2, ax)
    assert got and got[-1][0] == kpi.releases_behind(demo_world.ctx("lina"), picking.keys_of(bars)[i]).ids


def test_a_mouse_press_on_the_image_picks_what_is_drawn_there(demo_world, open_dash, qtbot):
    """The widget's pixel → the drawing's pixel → matplotlib's pick, as a user clicks."""
    from PySide6.QtCore import QPoint

    w, got = open_dash(demo_world)
    ax = w.view.figure.axes[2]
    bars = next(c for c in ax.collections if picking.keys_of(c))
    i, box = next((i, p.get_extents()) for i, p in enumerate(bars.get_paths()) if p.get_extents().height > 0)
    px, py = ax.transData.transform((box.x0 + box.width / 2, box.y0 + box.height / 2))
    pixels = w.view.pixels
    at = QPoint(round(px * w.view.width() / pixels.width), round((pixels.height - py) * w.view.height() / pixels.height))
    qtbot.mouseClick(w.view, Qt.MouseButton.LeftButton, pos=at)
    assert got and got[-1][0] == kpi.releases_behind(demo_world.ctx("lina"), picking.keys_of(bars)[i]).ids
