"""Cell editors by column kind: choices, whole numbers, times, configuration items and
versions of the 最终软件库. What a cell may hold is judged on save by the domain."""

from __future__ import annotations

from typing import TypeAlias

from PySide6.QtCore import QDateTime, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QSpinBox, QStyledItemDelegate, QWidget

from relgui.domain.profile import Column
from relgui.gui import zone
from relgui.gui.wizard.formatting import QT_FORMAT, choice_label, editor_wall, parse_time, stored_time
from relgui.gui.wizard.lookups import Lookups
from relgui.gui.wizard.table_model import RowsModel

# When a baseline row gets its configuration item, its "before" version is the item's
# version now (the same keys relgui.services.plans reads into release_items).
CI_DEFAULTS = {"before": "current_version"}
INT_LIMIT = 1_000_000
# what Qt hands a delegate: a model index, or a persistent one
Index: TypeAlias = QModelIndex | QPersistentModelIndex


def spin_range(minimum: int | None, maximum: int | None) -> tuple[int, int]:
    """One step below the declared minimum means "not filled in" (a draft may be partial)."""
    return (minimum if minimum is not None else 0) - 1, maximum if maximum is not None else INT_LIMIT


def empty_spin(parent: QWidget, minimum: int | None, maximum: int | None, empty_text: str) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(*spin_range(minimum, maximum))
    box.setSpecialValueText(empty_text)
    return box


def spin_value(box: QSpinBox) -> int | str:
    return "" if box.value() == box.minimum() else box.value()


def set_spin(box: QSpinBox, value) -> None:
    try:
        box.setValue(int(value))
    except (TypeError, ValueError):
        box.setValue(box.minimum())


def to_qt(value) -> QDateTime | None:
    parsed = parse_time(value)
    return QDateTime(parsed.replace(tzinfo=None)) if parsed else None


def default_time() -> QDateTime:
    """Tomorrow 22:00, the company's wall-clock time."""
    import datetime as dt

    tomorrow = zone.wall(dt.datetime.now(dt.UTC)).date() + dt.timedelta(days=1)
    return QDateTime(dt.datetime(tomorrow.year, tomorrow.month, tomorrow.day, 22, 0))


class CellDelegate(QStyledItemDelegate):
    def __init__(self, model: RowsModel, lookups: Lookups, empty_text: str, parent=None):
        super().__init__(parent)
        self.model, self.lookups, self.empty_text = model, lookups, empty_text

    def _spec(self, index: Index) -> Column | None:
        return self.model.column_at(index.column())

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        spec = self._spec(index)
        if spec is None:
            return super().createEditor(parent, option, index)
        if spec.choices:
            box = QComboBox(parent)
            box.addItem("", "")
            for value in spec.choices:
                box.addItem(choice_label(spec, value, self.model.lang), value)
            return box
        if spec.kind == "int":
            return empty_spin(parent, spec.minimum, spec.maximum, self.empty_text)
        if spec.kind == "datetime":
            edit = QDateTimeEdit(parent, calendarPopup=True)
            edit.setDisplayFormat(QT_FORMAT)
            return edit
        if spec.ref:
            box = QComboBox(parent, editable=True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for name in self._ref_choices(spec, index):
                box.addItem(name)
            return box
        return super().createEditor(parent, option, index)

    def _ref_choices(self, spec: Column, index: Index) -> list[str]:
        if spec.ref == "config_item":
            return [c.name for c in self.lookups.config_items()]
        if spec.ref == "software_version":
            ci_col = next((c for c in self.model.columns if c.ref == "config_item"), None)
            ci = self.model.rows[index.row()].get(ci_col.key, "") if ci_col else ""
            return [v.version for v in self.lookups.approved_versions(str(ci))]
        return []

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            set_spin(editor, value)
        elif isinstance(editor, QDateTimeEdit):
            editor.setDateTime(to_qt(value) or default_time())
        elif isinstance(editor, QComboBox) and editor.isEditable():
            editor.setCurrentText(str(value or ""))
        elif isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(found if found >= 0 else 0)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            model.setData(index, spin_value(editor))
        elif isinstance(editor, QDateTimeEdit):
            model.setData(index, stored_time(editor_wall(editor.dateTime())))
        elif isinstance(editor, QComboBox) and editor.isEditable():
            model.setData(index, editor.currentText().strip())
            self._ci_defaults(index)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "")
        else:
            super().setModelData(editor, model, index)

    def _ci_defaults(self, index: Index) -> None:
        spec = self._spec(index)
        if spec is None or spec.ref != "config_item":
            return
        ci = self.lookups.config_item(str(index.data(Qt.ItemDataRole.EditRole)))
        if ci is None:
            return
        for col, key in enumerate(c.key for c in self.model.columns):
            if key in CI_DEFAULTS and not self.model.rows[index.row()].get(key):
                self.model.setData(self.model.index(index.row(), col), getattr(ci, CI_DEFAULTS[key]))
