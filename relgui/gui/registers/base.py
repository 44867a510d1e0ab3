"""A small register window: search box, table, buttons. The three side registers share it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from relgui.gui import ops


class RegisterDialog(QDialog):
    """Subclasses set the headers, implement rows(query) and add their buttons."""

    headers: list[str] = []
    stretch_column = 1  # the column that takes the width left over (a title or a name), not the last
    widest_chars = 30   # no other column is sized wider than this many characters (tooltips show all)

    def __init__(self, parent, gctx):
        super().__init__(parent)
        self.gctx = gctx
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        layout.addWidget(self.search)
        self.table = QTableWidget(0, len(self.headers), objectName="table")
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("发") * 2)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda: self._debounce.start())
        self.resize(900, 560)
        self.versions: dict[object, int] = {}

    def add_button(self, text: str, slot, name: str) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        close = QPushButton(self.tr("关闭"), objectName="close")
        close.clicked.connect(self.accept)
        self.buttons.addWidget(close)

    def rows(self, query: str) -> list[tuple[object, list[str]]]:
        """(key, cells) per row; a subclass whose rows can be changed records each row's
        version in ``self.versions[key]`` (what a change of that row carries)."""
        raise NotImplementedError

    def reload(self) -> None:
        ok, rows = ops.call(self, self.gctx, self.rows, self.search.text().strip())
        if not ok:
            return
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, (key, cells) in enumerate(rows):
            for c, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setToolTip(str(value))
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self.size_columns()

    def size_columns(self) -> None:
        """Each column as wide as its header and contents (up to ``widest_chars``), in either
        language; the ``stretch_column`` takes what is left, so no column hides another."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        widest = self.fontMetrics().horizontalAdvance("发") * self.widest_chars
        for c in range(self.table.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            if c != self.stretch_column:
                header.resizeSection(c, max(header_width(self.table, c), min(header.sectionSize(c), widest)))
        header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)

    def current_version(self) -> object:
        """The version of the selected row as displayed (None when nothing is selected)."""
        return self.versions.get(self.current_key())

    def selected_keys(self) -> list:
        """The keys of every selected row, in the table's order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows if self.table.item(r, 0)]

    def current_key(self):
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def header_width(table, column: int) -> int:
    """The width the header's text needs, with room for the sort indicator."""
    header = table.horizontalHeader()
    text = table.model().headerData(column, Qt.Orientation.Horizontal) or ""
    return header.fontMetrics().horizontalAdvance(str(text)) + 2 * header.fontMetrics().horizontalAdvance("M") + 16
