"""发布成功率 per quarter and release type as a table under the charts (R-4.6-KPI).

The same figures as the success chart, for the keyboard and for reading exact numbers: a
missed target is red; Enter or a double click lists the releases that were not successful,
the context menu also all counted ones.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableWidget, QTableWidgetItem

from relgui.charts.labels import text as chart_text
from relgui.domain.kpi import Dashboard, FigureKey, percent

KEY_ROLE = Qt.ItemDataRole.UserRole
MISSED = QColor("#c62828")


class RatesTable(QTableWidget):
    drill = Signal(object)  # FigureKey

    def __init__(self, gctx, parent=None):
        super().__init__(parent)
        self.gctx = gctx
        self.setObjectName("rates_table")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.doubleClicked.connect(lambda _index: self._drill("unsuccessful"))
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def show_rates(self, d: Dashboard) -> None:
        """Quarters left to right, as on the chart; a row per release type, then all releases."""
        rows = [(k, t.label(self.gctx.lang)) for k, t in self.gctx.profile.release_types.items()]
        rows.append(("", chart_text("overall", self.gctx.lang)))
        self.clear()
        self.setRowCount(len(rows))
        self.setColumnCount(len(d.rates) + 1)
        self.setHorizontalHeaderLabels([self.tr("发布类型"), *(str(r.quarter) for r in d.rates)])
        for row, (kind, label) in enumerate(rows):
            self.setItem(row, 0, QTableWidgetItem(label))
            for col, r in enumerate(d.rates, 1):
                q = str(r.quarter)
                rate = r.by_type[kind] if kind else r.overall
                self.setItem(row, col, self._cell(FigureKey("success", q, q, kind, "unsuccessful"), rate))
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.setCurrentCell(len(rows) - 1, len(d.rates))  # all releases, the latest quarter

    def height_for_rows(self) -> int:
        """Every row visible, no more."""
        return (self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount()))
                + 2 * self.frameWidth() + self.horizontalScrollBar().sizeHint().height())

    def _cell(self, key: FigureKey, rate) -> QTableWidgetItem:
        shown = percent(rate) if rate.total == 0 else self.tr("{rate}（{successful}/{total}）").format(
            rate=percent(rate), successful=rate.successful, total=rate.total)
        item = QTableWidgetItem(shown)
        item.setData(KEY_ROLE, key)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if rate.met is False:
            item.setForeground(QBrush(MISSED))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(self.tr("未达到目标值 ≥{target}：%n 个发布未成功。按回车列出。", None,
                        rate.total - rate.successful).format(target=f"{rate.target:.0%}"))
        return item

    def current_key(self, part: str) -> FigureKey | None:
        item = self.currentItem()
        key = item.data(KEY_ROLE) if item is not None else None
        return None if key is None else FigureKey(key.chart, key.first, key.last, key.type, part)

    def _drill(self, part: str) -> None:
        key = self.current_key(part)
        if key is not None:
            self.drill.emit(key)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._drill("unsuccessful")
            return
        super().keyPressEvent(event)

    def _menu(self, pos) -> None:
        if self.current_key("counted") is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("列出未成功的发布"), lambda: self._drill("unsuccessful"))
        menu.addAction(self.tr("列出计入成功率的全部发布"), lambda: self._drill("counted"))
        menu.exec(self.viewport().mapToGlobal(pos))
