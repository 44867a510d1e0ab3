"""A small register window: search box, table, buttons. The three side registers share it.

Its rows are read on a worker (gui/reading.py), when it opens, when the search changes, and once
per change notice naming what it shows (``entities``) or another workstation's change. A form's
or a button's use case never reloads it itself: the notice the use case sends does (issue 17,
"one change notice, one refresh")."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
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

from relgui.gui.reading import Reading


class Row(NamedTuple):
    """One row as read: its key, its cells as shown, and what a change of it carries (the
    version read with it) and checks (its state), both ``None`` where nothing can change it."""

    key: Any
    cells: list[str]
    version: Any = None
    state: Any = None


class RegisterDialog(QDialog):
    """Subclasses set the headers and ``entities``, implement rows(query) and add their buttons."""

    headers: list[str] = []
    # The audit entities whose change notice refreshes this register ("*": another workstation's).
    entities: frozenset[str] = frozenset()
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
        # One line per row, cut with "…" (the tooltip has the whole value): a storage path wrapped
        # at its backslashes into a column of fragments (最终软件库).
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("发") * 2)
        self.table.setSortingEnabled(True)
        self.size_columns()  # its headers fit before the first rows arrive
        layout.addWidget(self.table)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda: self._debounce.start())
        self.resize(900, 560)
        # As read with the rows on screen (never ahead of them): what a change of a row carries.
        self.versions: dict[Any, Any] = {}
        self.states: dict[Any, Any] = {}
        self.reading = Reading(self, gctx, self.rows, self._fill, gather=lambda: (self.search.text().strip(),),
                               entities=self.entities)

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

    def rows(self, query: str) -> list[Row]:
        """The rows matching ``query``. Runs on a worker: it reads and returns, and leaves this
        window's state alone (``_fill`` takes the versions and states with the rows)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the rows again (on a worker): when the window opens and when the search changes."""
        self.reading.again()

    @property
    def reads(self) -> int:
        return self.reading.reads

    def _fill(self, rows: list[Row]) -> None:
        chosen = set(self.selected_keys())
        current = self.current_key()
        self.versions = {row.key: row.version for row in rows}
        self.states = {row.key: row.state for row in rows}
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row.cells):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, row.key)
                item.setToolTip(str(value))
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self.size_columns()
        self._select_again(chosen, current)

    def _select_again(self, chosen: set, current: Any) -> None:
        """The rows that were selected before a refresh stay selected, where they still are."""
        model = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for r in range(self.table.rowCount()):
            key = self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            if key == current:
                self.table.setCurrentCell(r, 0, flags)
            elif key in chosen:
                model.select(self.table.model().index(r, 0), flags)

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
