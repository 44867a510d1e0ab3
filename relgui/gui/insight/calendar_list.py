"""The calendar's releases as a sortable list: the keyboard's way to them (Enter opens one),
the planned and the actual window side by side, and overruns, conflicts and freezes spelled out
in a column."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from relgui.domain.messages import words
from relgui.gui.insight.calendar_cells import CONFLICT_COLOR, ID_ROLE, flag_lines, swatch, timing_lines
from relgui.services.calendar import CalendarView


class EntryList(QTableWidget):
    activated = Signal(int)  # release id
    COLUMNS = ("number", "title", "type", "status", "planned_start", "planned_end", "actual_start", "actual_end",
               "flags")
    FLAGS = COLUMNS.index("flags")

    def __init__(self, gctx, parent=None):
        super().__init__(0, len(self.COLUMNS), parent)
        self.gctx = gctx
        self.setObjectName("calendar_list")
        self.setHorizontalHeaderLabels([self.tr("编号"), self.tr("标题"), self.tr("发布类型"), self.tr("状态"),
                                        self.tr("计划开始"), self.tr("计划结束"), self.tr("实际开始"),
                                        self.tr("实际结束"), self.tr("偏离、冲突与冻结期")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(lambda _index: self._activate())
        self.horizontalHeader().setSortIndicator(4, Qt.SortOrder.AscendingOrder)  # as the calendar reads

    def show_entries(self, view: CalendarView) -> None:
        p, lang = self.gctx.profile, self.gctx.lang
        size = self.fontMetrics().height() * 2 // 3
        self.setSortingEnabled(False)
        self.setRowCount(len(view.entries))
        for row, e in enumerate(view.entries):
            lines = timing_lines(e) + flag_lines(e, view)
            flags = words("clauses", lang).join(lines)
            kind = p.release_types.get(e.type)
            status = p.statuses.get(e.status)
            when = [f"{t.astimezone(view.tz):%Y-%m-%d %H:%M}" for t in (e.start, e.end)]
            actual = ["" if e.actual_start is None else f"{e.actual_start.astimezone(view.tz):%Y-%m-%d %H:%M}",
                      "" if e.actual_start is None else (self.tr("进行中") if e.actual_end is None
                                                         else f"{e.actual_end.astimezone(view.tz):%Y-%m-%d %H:%M}")]
            cells = [e.number, e.title, kind.label(lang) if kind else e.type,
                     status.label(lang) if status else e.status, *when, *actual, flags]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, e.id)
                if col == 2:
                    item.setIcon(swatch(e.color, size))
                if e.conflicts or (e.timing and col in (6, 7, self.FLAGS)):
                    item.setForeground(QBrush(CONFLICT_COLOR))  # an overrun shows on the actual window
                if col == self.FLAGS and flags:
                    item.setToolTip("\n".join(lines))
                self.setItem(row, col, item)
        self.setSortingEnabled(True)  # sorts by the header's indicator: planned start unless the user chose

    def _activate(self) -> None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        if item is not None:
            self.activated.emit(item.data(ID_ROLE))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate()
            return
        super().keyPressEvent(event)
