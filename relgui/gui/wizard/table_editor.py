"""A table that feels like a spreadsheet, for every table of the plan.

Keys: Insert or Ctrl+Enter adds a row below, Ctrl+Delete removes the selected rows,
Ctrl+Up / Ctrl+Down move the current row, Ctrl+V pastes a block copied from Excel (tab
separated) at the current cell and adds rows as needed, Ctrl+C copies, Delete clears cells,
Enter moves down, typing or F2 edits a cell.
Tab leaves the table (arrows move between cells), so a page stays keyboard-navigable.
"""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relgui.gui.wizard.delegates import CellDelegate
from relgui.gui.wizard.table_model import RowsModel

CTRL = Qt.KeyboardModifier.ControlModifier


def parse_block(text: str) -> list[list[str]]:
    """Excel's clipboard text: tab-separated, CRLF rows, cells with line breaks quoted."""
    return [row for row in csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t")]


class SheetView(QTableView):
    add_row = Signal()
    remove_rows = Signal()
    move_row = Signal(int)
    paste = Signal()
    copy = Signal()
    clear = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = event.key(), bool(event.modifiers() & CTRL)
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
        elif key == Qt.Key.Key_Insert or (ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_row.emit()
        elif ctrl and key == Qt.Key.Key_Delete:
            self.remove_rows.emit()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_row.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste.emit()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            self.clear.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._down()  # as in Excel; and the wizard's Next (its default button) stays put
        else:
            super().keyPressEvent(event)


    def _down(self) -> None:
        index = self.currentIndex()
        if index.isValid() and index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(index.siblingAtRow(index.row() + 1))


class TableEditor(QWidget):
    edited = Signal()

    def __init__(self, model: RowsModel, delegate: CellDelegate, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.read_only = False
        self.view = SheetView(self)
        self.view.setObjectName(f"table_{model.spec.key}")
        self.view.setModel(model)
        self.view.setItemDelegate(delegate)
        delegate.setParent(self.view)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                                  & ~QAbstractItemView.EditTrigger.CurrentChanged)
        line = self.fontMetrics().height()
        self.view.verticalHeader().setDefaultSectionSize(line + line // 2 + 4)
        self.error = QLabel(objectName=f"error_{model.spec.key}", wordWrap=True, styleSheet="color: #c62828;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.view)
        layout.addWidget(self.error)
        self.view.add_row.connect(self.add_row)
        self.view.remove_rows.connect(self.remove_rows)
        self.view.move_row.connect(self.move_row)
        self.view.paste.connect(self.paste_clipboard)
        self.view.copy.connect(self.copy_selection)
        self.view.clear.connect(self.clear_selection)
        model.edited.connect(self.edited)
        model.modelReset.connect(self.fit_columns)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.fit_height)
        self.fit_height()

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        for name, text, keys, slot in (
            ("add", self.tr("添加行"), "Insert / Ctrl+Enter", self.add_row),
            ("remove", self.tr("删除行"), "Ctrl+Delete", self.remove_rows),
            ("up", self.tr("上移"), "Ctrl+↑", lambda: self.move_row(-1)),
            ("down", self.tr("下移"), "Ctrl+↓", lambda: self.move_row(1)),
            ("paste", self.tr("从 Excel 粘贴"), "Ctrl+V", self.paste_clipboard),
        ):
            button = QToolButton(self, autoRaise=True)
            button.setText(text)
            button.setObjectName(f"{name}_{self.model.spec.key}")
            button.setToolTip(f"{text} ({keys})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do the same; keep Tab order short
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def fit_columns(self) -> None:
        """Wide enough for the content, within limits measured in characters (scales with the
        font); the column with the longest text takes the width left over."""
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        char = self.fontMetrics().height()
        widths = [self.view.columnWidth(c) for c in range(self.model.columnCount())]
        for col, natural in enumerate(widths):
            spec = self.model.column_at(col)
            least = char * (4 if spec is None else 5 if spec.kind == "int" else 8 if spec.kind == "datetime" else 9)
            self.view.setColumnWidth(col, max(least, min(natural, char * 20)))
        # The stretched column is a text column (风险描述, not 可能性(1-5) whose header is longer).
        texts = [c for c in range(len(widths)) if (spec := self.model.column_at(c)) is not None
                 and spec.kind not in ("int", "datetime", "choice") and not spec.choices] or list(range(len(widths)))
        if texts:
            header.setSectionResizeMode(max(texts, key=lambda c: widths[c]), QHeaderView.ResizeMode.Stretch)

    def fit_height(self, *_args) -> None:
        """Tall enough for every row and two spare ones (the page scrolls, not the table),
        up to 18 rows; measured in rows, so it scales with the font."""
        rows = min(max(self.model.rowCount() + 2, 5), 18)
        row = self.view.verticalHeader().defaultSectionSize()
        frame = self.view.frameWidth() * 2 + self.view.horizontalScrollBar().sizeHint().height()
        self.view.setMinimumHeight(self.view.horizontalHeader().sizeHint().height() + rows * row + frame)

    # ---------------------------------------------------------------- row commands
    def _current(self) -> tuple[int, int]:
        index = self.view.currentIndex()
        return (index.row(), index.column()) if index.isValid() else (-1, 0)

    def add_row(self) -> None:
        if self.read_only:
            return
        row, _ = self._current()
        at = self.model.insert_row(row + 1 if row >= 0 else self.model.rowCount())
        self.view.setCurrentIndex(self.model.index(at, 0))
        self.view.setFocus()

    def remove_rows(self) -> None:
        if self.read_only:
            return
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        row, _ = self._current()
        if not rows and row >= 0:
            rows = {row}
        if rows:
            self.model.remove_rows(sorted(rows))
            left = min(min(rows), self.model.rowCount() - 1)
            if left >= 0:
                self.view.setCurrentIndex(self.model.index(left, 0))

    def move_row(self, delta: int) -> None:
        if self.read_only:
            return
        row, col = self._current()
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(self.model.move_row(row, delta), col))

    # ---------------------------------------------------------------- clipboard
    def paste_text(self, text: str) -> int:
        if self.read_only:
            return 0
        row, col = self._current()
        added = self.model.paste(max(row, 0), col, parse_block(text))
        self.fit_columns()
        return added

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def copy_selection(self) -> None:
        cells = sorted((i.row(), i.column()) for i in self.view.selectionModel().selectedIndexes())
        if not cells:
            return
        lines: dict[int, list[str]] = {}
        for row, col in cells:
            lines.setdefault(row, []).append(str(self.model.index(row, col).data() or ""))
        QGuiApplication.clipboard().setText("\n".join("\t".join(v) for v in lines.values()))

    def clear_selection(self) -> None:
        if self.read_only:
            return
        self.model.clear_cells([(i.row(), i.column()) for i in self.view.selectionModel().selectedIndexes()])

    # ---------------------------------------------------------------- state
    def show_error(self, text: str, cell: tuple[int, int] | None = None) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.model.mark_error(cell)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                  QAbstractItemView.EditTrigger.AllEditTriggers
                                  & ~QAbstractItemView.EditTrigger.CurrentChanged)
        for button in self.findChildren(QToolButton):
            button.setEnabled(not read_only)
