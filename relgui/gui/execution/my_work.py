"""我的待办: what the logged-in user must do next, across all releases, most urgent first.

A non-modal window over the main window (services.my_work): each row is a release, the
next action the user's roles allow (R-4.2.2-STAGES), what still stands in its way, and the
running deadline — the rollback decision (R-4.5.2-DECIDE30) or the CMDB update
(R-4.4.2-CMDB24H) — with the time left, counted down live. Double-click or Enter opens the
release: ``on_select(release_id)``, by default the main window's register and detail.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relgui.domain.errors import RelguiError
from relgui.domain.messages import action_label, render_all
from relgui.gui.execution.common import bring_forward, cell, duration, fill, fit, local, table
from relgui.gui.reading import Reading
from relgui.services import my_work

COLORS = {"overdue": "#c62828", "warn": "#e65100"}
LEFT = 0  # the column counted down every second


class MyWorkWindow(QWidget):
    def __init__(self, parent, gctx, on_select: Callable[[int], None] | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("my_work_window")
        self.setWindowTitle(self.tr("我的待办 — {who}").format(who=gctx.app.actor.display_name))
        self.gctx, self.on_select = gctx, on_select or _select_in(parent)
        self.items: list[my_work.Todo] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(objectName="summary")
        layout.addWidget(self.summary)
        self.table = table([self.tr("剩余时间"), self.tr("发布编号"), self.tr("标题"), self.tr("类型"), self.tr("状态"),
                            self.tr("下一步"), self.tr("截止时间"), self.tr("尚需完成")], "my_work_table")
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _: self.open_current())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for text, name, slot in ((self.tr("打开所选发布"), "open", self.open_current),
                                 (self.tr("查看计划…"), "view_plan", self.view_plan),
                                 (self.tr("刷新"), "refresh", self.reload)):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            row.addWidget(button)
            if name == "view_plan":
                self.view_plan_button = button
        self.view_plan_button.setEnabled(False)  # a release is chosen first
        self.table.itemSelectionChanged.connect(
            lambda: self.view_plan_button.setEnabled(0 <= self.table.currentRow() < len(self.items)))
        row.addStretch(1)
        layout.addLayout(row)
        self.ticker = QTimer(self, interval=1000)
        self.ticker.timeout.connect(self.tick)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.reload)
        # On a worker; any notice (debounced, while shown) reads again: what is due depends on
        # every release's state and on the user's rights.
        self.reading = Reading(self, gctx, my_work.todo, self._show, gather=lambda: (gctx.app,), failed=self._failed)
        gctx.notifier.changed.connect(self._on_changes)
        self.reload()
        fit(self, 110, 28)

    def reload(self) -> None:
        self.reading.again()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RelguiError):
            self.summary.setText(exc.message(self.gctx.lang, self.gctx.profile))

    def _show(self, got) -> None:
        self.items = got
        p, lang = self.gctx.profile, self.gctx.lang
        fill(self.table, [["", t.number, t.title, p.release_types[t.type].label(lang), p.statuses[t.status].label(lang),
                           _sentence(action_label(t.action.value, lang)), local(t.due),
                           render_all(t.blocked_by or (), lang, p)] for t in self.items], widest=14)
        self.tick()
        self.table.resizeColumnToContents(LEFT)
        now = self.gctx.app.clock.now()
        overdue = sum(1 for t in self.items if (left := t.remaining(now)) is not None and left.total_seconds() < 0)
        self.summary.setText(self.tr("共 %n 项待办，其中 {m} 项已逾期", None, len(self.items)).format(m=overdue))

    def tick(self) -> None:
        """Time left, from the services' clock; the row turns orange when due soon, red when late."""
        now = self.gctx.app.clock.now()
        rules = self.gctx.profile.deadlines
        for row, todo in enumerate(self.items):
            left = todo.remaining(now)
            left_cell = cell(self.table, row, LEFT)
            if left is None:
                left_cell.setText(self.tr("无期限"))
                continue
            warn = rules.rollback_warn if todo.due_kind == "rollback_decision" else rules.cmdb_warn
            state = "overdue" if left.total_seconds() < 0 else ("warn" if left <= warn else "")
            left_cell.setText((self.tr("已逾期 {d}") if state == "overdue" else self.tr("剩余 {d}")).format(d=duration(left)))
            for col in range(self.table.columnCount()):
                cell(self.table, row, col).setForeground(QBrush(QColor(COLORS[state])) if state else QBrush())

    def open_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items) and self.on_select is not None:
            self.on_select(self.items[row].release_id)

    def view_plan(self) -> None:
        """The selected release's 发布计划, read-only, with what changed since it was last signed
        (an approver reads it here before opening the release to sign)."""
        # lazy: the plan viewer (relgui.documents, plan_review), ~230 ms, kept off the start-up path
        from relgui.gui.dialogs.plan_view import PlanViewDialog

        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            PlanViewDialog.show_for(self, self.gctx, self.items[row].release_id)

    def _on_changes(self, _changes) -> None:
        if self.isVisible():  # a hidden list catches up when shown again
            self._debounce.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ticker.start()

    def hideEvent(self, event) -> None:
        self.ticker.stop()
        super().hideEvent(event)


def _sentence(text: str) -> str:
    """The domain's action names are written to sit inside a sentence; a cell starts one."""
    return text[:1].upper() + text[1:]


def _select_in(parent) -> Callable[[int], None] | None:
    """The main window's way to show a release: select it in the register, show its detail."""
    if parent is None or not hasattr(parent, "detail"):
        return None

    def select(release_id: int) -> None:
        parent.register.select_id(release_id)
        parent.detail.show_release(release_id)
        bring_forward(parent)
    return select


def open_my_work(parent, gctx, on_select: Callable[[int], None] | None = None) -> MyWorkWindow:
    """Show the user's work list (one per parent window, kept on it so it is not collected)."""
    window = getattr(parent, "_my_work_window", None) if parent is not None else None
    if window is None:
        window = MyWorkWindow(parent, gctx, on_select)
        if parent is not None:
            parent._my_work_window = window
    else:
        window.reload()
    bring_forward(window)
    return window
