"""The release calendar window: windows coloured by type, conflicts and freeze periods marked
with tooltips that name the other release, the configuration item or the freeze; month and
week navigation; a double click or Enter opens a release; freezes added by an admin only."""

from __future__ import annotations

import datetime as dt

from gui_support import Told, gui_context, settle
from PySide6.QtCore import Qt
from test_calendar import december  # noqa: F401 - conflicts and a freeze in December 2026
from test_kpi import _bj

from relgui.gui.insight import calendar_view
from relgui.gui.insight.calendar_cells import CONFLICT, FREEZE, ID_ROLE
from relgui.gui.insight.freezes import FreezeDialog, FreezeForm
from relgui.services import company


def _open(world, qtbot, tmp_path, username="lina"):
    opened = []
    w = calendar_view.open_calendar(None, gui_context(world, username, tmp_path), opened.append)
    qtbot.addWidget(w)
    settle()  # the month is read on a worker
    return w, opened


def _cell(w, day: dt.date):
    return next(c for c in w.cells if c.day == day and c.isVisible())


def _items(cell):
    return [cell.list.item(i) for i in range(cell.list.count())]


def test_conflicts_and_freezes_are_marked_with_their_reasons(december, qtbot, tmp_path):  # noqa: F811
    world, ids = december
    w, _ = _open(world, qtbot, tmp_path)
    assert w.day.month == 11  # the world's clock: 2026-11-27
    w.go(1)
    settle()
    numbers = {e.id: e.number for e in w.view.entries}
    a = next(i for i in _items(_cell(w, dt.date(2026, 12, 7))) if i.data(ID_ROLE) == ids["A"])
    assert a.text().startswith(CONFLICT) and a.foreground().color().name() == "#c62828"
    assert numbers[ids["B"]] in a.toolTip() and "核心交易系统-应用服务器" in a.toolTip()
    freeze_day = _cell(w, dt.date(2026, 12, 8))
    assert "冻结期" in freeze_day.head.text() and "年终封网" in freeze_day.toolTip()
    b = next(i for i in _items(_cell(w, dt.date(2026, 12, 7))) if i.data(ID_ROLE) == ids["B"])
    assert FREEZE in b.text() and "年终封网" in b.toolTip()
    c = next(i for i in _items(_cell(w, dt.date(2026, 12, 14))) if i.data(ID_ROLE) == ids["C"])
    assert not c.text().startswith((CONFLICT, FREEZE))
    flagged = {w.list.item(r, 0).data(ID_ROLE): w.list.item(r, w.list.FLAGS).text() for r in range(w.list.rowCount())}
    assert numbers[ids["A"]] in flagged[ids["B"]] and flagged[ids["C"]] == ""
    assert ids["F"] not in flagged  # a cancelled request is no planned window


def test_types_are_coloured_and_shown_in_the_legend(december, qtbot, tmp_path):  # noqa: F811
    world, ids = december
    w, _ = _open(world, qtbot, tmp_path)
    w.go(1)
    settle()
    legend = w.findChild(type(w.title), "legend").text()
    for t in w.gctx.profile.release_types.values():
        assert t.color in legend and t.name in legend
    d = next(i for i in _items(_cell(w, dt.date(2026, 12, 7))) if i.data(ID_ROLE) == ids["D"])
    assert d.icon().pixmap(4, 4).toImage().pixelColor(1, 1).name() == "#c62828"  # emergency


def test_week_view_navigation_and_opening_a_release(december, qtbot, tmp_path):  # noqa: F811
    world, ids = december
    w, opened = _open(world, qtbot, tmp_path)
    w.day = dt.date(2026, 12, 9)
    w.set_mode("week")
    settle()
    assert [c.day for c in w.cells if c.isVisible()] == [dt.date(2026, 12, 7) + dt.timedelta(days=i) for i in range(7)]
    assert "2026-12-07 至 2026-12-13" in w.windowTitle()
    w.go(1)
    settle()
    assert {e.id for e in w.view.entries} == {ids["C"]}
    w.go(0)
    settle()
    assert w.day == dt.date(2026, 11, 27)
    w.day = dt.date(2026, 12, 14)
    w.reload()
    settle()
    cell = _cell(w, dt.date(2026, 12, 14))
    cell.list.itemActivated.emit(cell.list.item(0))
    w.list.setCurrentCell(0, 1)
    qtbot.keyClick(w.list, Qt.Key.Key_Return)
    assert opened == [ids["C"], ids["C"]]


def test_an_admin_adds_a_freeze_and_the_calendar_shows_it(sqlite_world, qtbot, tmp_path, monkeypatch):
    Told(monkeypatch)
    w, _ = _open(sqlite_world, qtbot, tmp_path, "admin")
    dialog = FreezeDialog(w, w.gctx)
    qtbot.addWidget(dialog)
    start = _bj(2026, 11, 28, 0, 0)
    answers = iter([(start, start + dt.timedelta(days=2), "双十二保障")])
    monkeypatch.setattr(FreezeForm, "ask", classmethod(lambda cls, parent, gctx, values: next(answers, None)))
    settle()
    reads = (dialog.reading.reads, w.reading.reads)
    dialog.add()
    settle()
    assert dialog.added and dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "双十二保障"
    # One notice, one refresh of each window that shows freeze periods; neither reloaded itself.
    assert (dialog.reading.reads, w.reading.reads) == (reads[0] + 1, reads[1] + 1)
    assert "冻结期" in _cell(w, dt.date(2026, 11, 29)).head.text()


def test_a_refused_freeze_is_told_and_the_form_comes_back_as_typed(sqlite_world, qtbot, tmp_path, monkeypatch):
    told = Told(monkeypatch)
    w, _ = _open(sqlite_world, qtbot, tmp_path, "lina")
    dialog = FreezeDialog(w, w.gctx)
    qtbot.addWidget(dialog)
    typed = (_bj(2026, 12, 1, 0, 0), _bj(2026, 12, 2, 0, 0), "年终封网")
    seen = []
    answers = iter([typed, None])
    monkeypatch.setattr(FreezeForm, "ask", classmethod(lambda cls, parent, gctx, values:
                                                       seen.append(values) or next(answers)))
    dialog.add()
    assert seen[1] == typed  # the second form holds what was typed
    assert not dialog.added and company.freezes(sqlite_world.ctx()) == []
    assert len(told.texts) == 1 and "系统管理员" in told.texts[0]


def test_actual_windows_and_overruns_are_shown_beside_the_planned(world, qtbot, tmp_path):
    """Planned and actual side by side in the list; an overrun marked △ in red with its minutes,
    in the day's cell and its tooltip (Chinese and English screenshots for a person to look at)."""
    import os
    from pathlib import Path

    from flows import release_at, rv

    from relgui.domain.states import Status
    from relgui.gui.insight.calendar_cells import OVERRUN
    from relgui.services import execution

    if world.backend != "sqlite":
        return
    n = release_at(world, Status.PRECHECKED)
    world.clock.advance(hours=74)
    execution.start_deployment(world.ctx("zhangwei"), n, reason="等待上游版本", expected_version=rv(world, n))
    world.clock.advance(minutes=30)
    for lang in ("zh_CN", "en"):
        w = calendar_view.open_calendar(None, gui_context(world, "lina", tmp_path, lang), lambda _id: None)
        qtbot.addWidget(w)
        settle()
        row = next(r for r in range(w.list.rowCount()) if w.list.item(r, 0).text() == n)
        assert w.list.item(row, 6).text() == "2026-11-30 12:00"  # the actual start, company time
        assert w.list.item(row, 7).text() == ("进行中" if lang == "zh_CN" else "Running")
        flags = w.list.item(row, w.list.FLAGS).text()
        assert OVERRUN in flags and "210" in flags and w.list.item(row, 6).foreground().color().name() == "#c62828"
        cell = next(c for c in w.cells if c.isVisible() and any(
            c.list.item(i).data(ID_ROLE) == w.list.item(row, 0).data(ID_ROLE) for i in range(c.list.count())))
        item = next(cell.list.item(i) for i in range(cell.list.count())
                    if cell.list.item(i).data(ID_ROLE) == w.list.item(row, 0).data(ID_ROLE))
        assert OVERRUN in item.text() and ("实际窗口" if lang == "zh_CN" else "Actual window") in item.toolTip()
        if os.environ.get("RELGUI_SHOTS"):
            w.resize(1280, 900)
            w.grab().save(str(Path(os.environ["RELGUI_SHOTS"]) / f"insight-calendar-actual{'-en' if lang == 'en' else ''}.png"))
