"""The rows of one plan table (a TableSpec of the profile) as a Qt model.

Values are kept as the user typed or pasted them; relgui.domain.plan.clean_section judges
them when the section is saved. Display-only columns (the risk score) are computed from a
row and never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from relgui.domain.profile import Column, TableSpec
from relgui.gui.cells import OneCallPerCell
from relgui.gui.wizard.formatting import cell_text, required_mark

Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor("#ffcdd2"))  # a value the domain refused
GAP_BRUSH = QBrush(QColor("#fff3cd"))    # a cell the plan still lacks (one of its gaps)


@dataclass(frozen=True)
class Computed:
    header: str
    compute: Callable[[dict[str, Any]], Any]
    brush: Callable[[Any], QBrush | None] = lambda _value: None


class RowsModel(OneCallPerCell, QAbstractTableModel):
    edited = Signal()  # any change a user made: typing, paste, rows added, removed, moved

    def __init__(self, spec: TableSpec, lang: str, computed: tuple[Computed, ...] = (), parent=None):
        super().__init__(parent)
        self.spec, self.lang = spec, lang
        self.columns: tuple[Column, ...] = spec.columns
        self.computed = computed
        self.rows: list[dict[str, Any]] = []
        self.error_cell: tuple[int, int] | None = None
        self.gap_cells: dict[tuple[int, int], str] = {}  # (row, column) → what is missing there

    # ---------------------------------------------------------------- reading
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns) + len(self.computed)

    def column_at(self, col: int) -> Column | None:
        return self.columns[col] if col < len(self.columns) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, spec = self.rows[index.row()], self.column_at(index.column())
        if spec is None:
            return self._computed(row, self.computed[index.column() - len(self.columns)], role)
        value, cell = row.get(spec.key, ""), (index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(spec, value, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.gap_cells.get(cell) or cell_text(spec, value, self.lang)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH if self.error_cell == cell else GAP_BRUSH if cell in self.gap_cells else None
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.kind == "int":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _computed(self, row: dict[str, Any], computed: Computed, role: int) -> Any:
        value = computed.compute(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return computed.brush(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        spec = self.column_at(section)
        if spec is None:
            return self.computed[section - len(self.columns)].header
        return required_mark(spec.label(self.lang), spec.required)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.column_at(index.column()) else base

    def rows_data(self) -> list[dict[str, Any]]:
        return [{c.key: row.get(c.key, "") for c in self.columns} for row in self.rows]

    # ---------------------------------------------------------------- writing
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Load rows from storage (not an edit: emits no ``edited``)."""
        self.beginResetModel()
        self.rows = [{c.key: r.get(c.key, "") for c in self.columns} for r in rows]
        self.error_cell = None
        self.endResetModel()

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        spec = self.column_at(index.column()) if index.isValid() else None
        if spec is None or role != Qt.ItemDataRole.EditRole:
            return False
        value = "" if value is None else value
        if self.rows[index.row()].get(spec.key, "") == value:
            return False
        self.rows[index.row()][spec.key] = value
        self._row_changed(index.row())
        self.edited.emit()
        return True

    def _row_changed(self, row: int) -> None:
        # The whole row: computed columns depend on its other cells.
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert_row(self, at: int) -> int:
        at = max(0, min(at, len(self.rows)))
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, {c.key: "" for c in self.columns})
        self.endInsertRows()
        self.edited.emit()
        return at

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()
        self.error_cell = None
        self.edited.emit()

    def move_row(self, row: int, delta: int) -> int:
        """Move a row one up (-1) or down (+1); returns where it is now."""
        target = row + delta
        if not (0 <= row < len(self.rows) and 0 <= target < len(self.rows)):
            return row
        # Qt's destination is the row the moved one is placed before.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if delta > 0 else target)
        self.rows.insert(target, self.rows.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target

    def paste(self, top: int, left: int, block: list[list[str]]) -> int:
        """Write a block of cells from (top, left), adding rows as needed; returns rows added.
        Cells beyond the last stored column are dropped."""
        block = [line for line in block if any(cell.strip() for cell in line)]
        if not block:
            return 0
        top = max(0, top)
        added = max(0, top + len(block) - len(self.rows))
        if added:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + added - 1)
            self.rows.extend({c.key: "" for c in self.columns} for _ in range(added))
            self.endInsertRows()
        for r, line in enumerate(block, top):
            for c, cell in enumerate(line, left):
                if c < len(self.columns):
                    self.rows[r][self.columns[c].key] = cell.strip()
            self._row_changed(r)
        self.edited.emit()
        return added

    def clear_cells(self, cells: list[tuple[int, int]]) -> None:
        changed = False
        for row, col in cells:
            spec = self.column_at(col)
            if spec is not None and self.rows[row].get(spec.key, "") != "":
                self.rows[row][spec.key] = ""
                self._row_changed(row)
                changed = True
        if changed:
            self.edited.emit()

    def mark_gaps(self, cells: dict[tuple[int, int], str]) -> None:
        self.gap_cells = cells
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def mark_error(self, cell: tuple[int, int] | None) -> None:
        old, self.error_cell = self.error_cell, cell
        for c in (old, cell):
            if c is not None and c[0] < len(self.rows):
                self._row_changed(c[0])
