"""A small register window: search box, table, buttons. The three side registers share it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


class RegisterDialog(QDialog):
    """Subclasses set the headers, implement rows(query) and add their buttons."""

    headers: list[str] = []

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
        self.table.horizontalHeader().setStretchLastSection(True)
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
        from relgui.gui import ops

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
        self.table.resizeColumnsToContents()

    def current_version(self) -> object:
        """The version of the selected row as displayed (None when nothing is selected)."""
        return self.versions.get(self.current_key())

    def current_key(self):
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None
