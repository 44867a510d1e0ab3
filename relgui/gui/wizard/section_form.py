"""One section of the plan as a form: its fields, its tables, and where its problems show
(a refused value next to the table or field, a save conflict with its two ways out)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relgui.domain.errors import RelguiError
from relgui.domain.profile import PlanSection, TableSpec
from relgui.gui.wizard.delegates import CellDelegate
from relgui.gui.wizard.fields import Field, make_field
from relgui.gui.wizard.formatting import empty_text, required_mark, strip_refs
from relgui.gui.wizard.lookups import Lookups
from relgui.gui.wizard.table_editor import TableEditor
from relgui.gui.wizard.table_model import Computed, RowsModel
from relgui.gui.wizard.texts import gap_cell, gap_text, locate_error

ERROR_STYLE = "color: #c62828;"


def _score(row: dict[str, Any]) -> int | None:
    likelihood, impact = row.get("likelihood"), row.get("impact")
    if likelihood is None or impact is None:
        return None
    try:
        return int(likelihood) * int(impact)
    except (TypeError, ValueError):
        return None


def _score_brush(score: int | None) -> QBrush | None:
    if score is None:
        return None
    return QBrush(QColor("#ef9a9a" if score >= 15 else "#ffe082" if score >= 8 else "#c8e6c9"))


class SectionForm(QGroupBox):
    edited = Signal(str)      # section key: restart the idle autosave
    committed = Signal(str)   # section key: the user is done with a field, save now
    reload_requested = Signal(str)
    overwrite_requested = Signal(str)
    loaded = Signal()          # stored data was put in the form (not an edit)

    def __init__(self, gctx, section: PlanSection, lookups: Lookups, parent: QWidget | None = None):
        super().__init__(section.label(gctx.lang), parent)
        self.gctx, self.section = gctx, section
        self.setObjectName(f"section_{section.key}")
        self.fields: dict[str, Field] = {}
        self.tables: dict[str, TableEditor] = {}
        layout = QVBoxLayout(self)
        if section.hint:
            layout.addWidget(QLabel(section.hint_text(gctx.lang), wordWrap=True, objectName="hint",
                                    styleSheet="color: #555;"))
        if section.fields:
            layout.addLayout(self._field_rows())
        for table in section.tables:
            layout.addWidget(QLabel(required_mark(table.label(gctx.lang), table.min_rows > 0)))
            layout.addWidget(self._table(table, lookups))
        self.error = QLabel(objectName=f"error_{section.key}", wordWrap=True, styleSheet=ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(self._conflict_bar())

    def _field_rows(self) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for spec in self.section.fields:
            widget = make_field(spec, self.gctx.lang, empty_text(), self)
            widget.edited.connect(lambda: self.edited.emit(self.section.key))
            widget.committed.connect(lambda: self.committed.emit(self.section.key))
            self.fields[spec.key] = widget
            label = QLabel(required_mark(spec.label(self.gctx.lang), spec.required))
            label.setBuddy(widget)
            form.addRow(label, widget)
        return form

    def _table(self, table: TableSpec, lookups: Lookups) -> TableEditor:
        keys = {c.key for c in table.columns}
        computed: tuple[Computed, ...] = ()
        if {"likelihood", "impact"} <= keys:  # the risk register's score: display only, not stored
            computed = (Computed(self.tr("评分"), _score, _score_brush),)
        model = RowsModel(table, self.gctx.lang, computed)
        editor = TableEditor(model, CellDelegate(model, lookups, empty_text()), self)
        editor.edited.connect(lambda: self.edited.emit(self.section.key))
        # A cell reaches the model only when its editor closes, and rows are added, pasted,
        # moved or removed in one go: every table edit is a finished one, saved at once.
        editor.edited.connect(lambda: self.committed.emit(self.section.key))
        self.tables[table.key] = editor
        return editor

    def _conflict_bar(self) -> QWidget:
        self.conflict = QWidget()
        self.conflict.setObjectName(f"conflict_{self.section.key}")
        row = QHBoxLayout(self.conflict)
        row.setContentsMargins(0, 0, 0, 0)
        self.conflict_text = QLabel(wordWrap=True, styleSheet=ERROR_STYLE)
        row.addWidget(self.conflict_text, 1)
        reload = QPushButton(self.tr("重新加载对方的版本"), objectName="reload")
        reload.clicked.connect(lambda: self.reload_requested.emit(self.section.key))
        keep = QPushButton(self.tr("保存我的输入（替换对方的修改）"), objectName="overwrite")
        keep.clicked.connect(lambda: self.overwrite_requested.emit(self.section.key))
        row.addWidget(reload)
        row.addWidget(keep)
        self.conflict.hide()
        return self.conflict

    # ---------------------------------------------------------------- data
    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: w.field_value() for k, w in self.fields.items()}
        out.update({k: e.model.rows_data() for k, e in self.tables.items()})
        return out

    def load(self, data: dict[str, Any]) -> None:
        data = data or {}
        for key, widget in self.fields.items():
            widget.set_field_value(data.get(key, ""))
        for key, editor in self.tables.items():
            editor.model.set_rows(strip_refs(data.get(key) or []))
        self.clear_errors()
        self.loaded.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            widget.set_read_only(read_only)
        for editor in self.tables.values():
            editor.set_read_only(read_only)

    # ---------------------------------------------------------------- problems
    def show_refusal(self, exc: RelguiError) -> None:
        self.clear_errors()
        loose = []
        for found in locate_error(self.section, exc, self.gctx.lang, self.gctx.profile):
            if found.table in self.tables:
                self.tables[found.table].show_error(found.text, found.cell)
            else:
                loose.append(found.text)
        self.error.setText("\n".join(loose))
        self.error.setVisible(bool(loose))

    def show_gaps(self, gaps) -> None:
        """Tint the table cells the plan still lacks, with the domain's words as tooltip."""
        for editor in self.tables.values():
            table = editor.model.spec
            cells: dict[tuple[int, int], str] = {}
            for g in gaps:
                cell = gap_cell(table, g)
                if cell is not None:  # a gap of another table, or of no cell
                    cells[cell] = gap_text(g, self.gctx.lang, self.gctx.profile)
            editor.model.mark_gaps(cells)

    def clear_errors(self) -> None:
        self.error.clear()
        self.error.hide()
        for editor in self.tables.values():
            editor.show_error("")

    def show_conflict(self, by: str, at: str) -> None:
        self.conflict_text.setText(self.tr("未保存：{by} 于 {at} 已修改本节。").format(by=by, at=at))
        self.conflict.show()

    def hide_conflict(self) -> None:
        self.conflict.hide()
