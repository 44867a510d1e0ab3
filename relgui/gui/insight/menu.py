"""The 分析 menu of the main window: dashboard, calendar, knowledge base, Excel out and in.

``add_menu(main_window)`` is called from MainWindow._menus (which runs again on a language
switch, after clearing the menu bar). The windows call back into the main window's *current*
register and detail views, looked up at call time: a language switch rebuilds both.
Nothing here imports matplotlib; the dashboard module does, when it opens.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from relgui.gui.execution.common import bring_forward
from relgui.gui.i18n import QT_TRANSLATE_NOOP


def _callbacks(w):
    def show_releases(ids: tuple[int, ...], title: str) -> None:
        w.register.show_releases(ids, title)
        bring_forward(w)

    def open_release(release_id: int) -> None:
        w.register.select_id(release_id)  # when the current filter shows it
        w.detail.show_release(release_id)
        bring_forward(w)

    return show_releases, open_release


# The windows' modules load when first opened: with the main window they would add 87–101 ms
# (27 modules) to a start-up measured against a 1.4 s floor (benchmarks/bench_startup.py).
# Each opener is called as opener(main_window, gctx, show_releases, open_release).
def _dashboard(w, gctx, show_releases, open_release) -> None:
    # lazy: the dashboard window, ~180 ms, 30 modules, at first use, not at start-up
    from relgui.gui.insight.dashboard import open_dashboard

    open_dashboard(w, gctx, show_releases)


def _calendar(w, gctx, show_releases, open_release) -> None:
    # lazy: the calendar window, ~10 ms, at first use, not at start-up
    from relgui.gui.insight.calendar_view import open_calendar

    open_calendar(w, gctx, open_release)


def _knowledge(w, gctx, show_releases, open_release) -> None:
    # lazy: the knowledge window, ~70 ms, at first use, not at start-up
    from relgui.gui.insight.knowledge import open_knowledge

    open_knowledge(w, gctx, open_release)


def _export_register(w, gctx, show_releases, open_release) -> None:
    # lazy: the Excel dialogs (python-calamine, openpyxl at use), ~80 ms, at first use, not at start-up
    from relgui.gui.insight.excel_dialogs import export_register

    export_register(w, gctx, w.register.query())


def _import_register(w, gctx, show_releases, open_release) -> None:
    # lazy: the Excel dialogs (python-calamine, openpyxl at use), ~80 ms, at first use, not at start-up
    from relgui.gui.insight.excel_dialogs import import_register

    import_register(w, gctx)


OPENERS = {"dashboard": _dashboard, "calendar": _calendar, "knowledge": _knowledge,
           "export_register": _export_register, "import_register": _import_register}

ENTRIES = ((QT_TRANSLATE_NOOP("insight_menu", "仪表盘(&D)"), "dashboard"),
           (QT_TRANSLATE_NOOP("insight_menu", "发布日历(&C)"), "calendar"),
           (QT_TRANSLATE_NOOP("insight_menu", "知识库(&K)"), "knowledge"), (None, None),
           (QT_TRANSLATE_NOOP("insight_menu", "导出登记簿（Excel 或 CSV）(&E)…"), "export_register"),
           (QT_TRANSLATE_NOOP("insight_menu", "导入发布登记簿（Excel、WPS、ODS、CSV）(&I)…"), "import_register"))


def _open(w, what: str) -> None:
    OPENERS[what](w, w.gctx, *_callbacks(w))


def add_menu(main_window) -> QMenu:
    """Add 分析(&A) to the main window's menu bar, before 帮助 when there is one."""
    w = main_window
    bar = w.menuBar()
    menu = QMenu(QCoreApplication.translate("insight_menu", "分析(&A)"), bar)
    menu.setObjectName("insight_menu")
    for text, what in ENTRIES:
        if text is None:
            menu.addSeparator()
            continue
        action = QAction(QCoreApplication.translate("insight_menu", text), menu, objectName=what)
        action.triggered.connect(lambda _=False, x=what: _open(w, x))
        menu.addAction(action)
    help_text = main_window.tr("帮助(&H)")  # as the main window named its menu
    help_menu = next((a for a in bar.actions() if a.text() == help_text), None)
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    return menu
