"""One widget per field kind of the profile (text, line, int, datetime, choice).

Each has ``field_value()`` / ``set_field_value()`` in the form the domain cleans, and two signals:
``edited`` on every change (restarts the idle autosave) and ``committed`` when the user
is done with the field (leaves it, picks a value): saved at once, so a killed process
loses at most the field being typed.
"""

from __future__ import annotations

from typing import TypeAlias

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox, QWidget

from relgui.domain.profile import FieldSpec
from relgui.gui.wizard.delegates import default_time, set_spin, spin_range, spin_value, to_qt
from relgui.gui.wizard.formatting import QT_FORMAT, choice_label, editor_wall, stored_time

STORE_FORMAT = "yyyy-MM-dd HH:mm"  # what is shown; stored with the company's offset (stored_time)


class TextField(QPlainTextEdit):
    edited = Signal()
    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.textChanged.connect(self.edited)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 5 + 12)

    def field_value(self) -> str:
        return self.toPlainText()

    def set_field_value(self, value) -> None:
        self.blockSignals(True)
        self.setPlainText(str(value or ""))
        self.blockSignals(False)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)


class LineField(QLineEdit):
    edited = Signal()
    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.textEdited.connect(self.edited)
        self.editingFinished.connect(self.committed)

    def field_value(self) -> str:
        return self.text()

    def set_field_value(self, value) -> None:
        self.setText(str(value or ""))

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)


class IntField(QSpinBox):
    edited = Signal()
    committed = Signal()

    def __init__(self, spec: FieldSpec, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(*spin_range(spec.minimum, spec.maximum))
        self.setSpecialValueText(empty_text)
        self.setValue(self.minimum())
        self.valueChanged.connect(self.edited)
        self.editingFinished.connect(self.committed)

    def field_value(self):  # noqa: D102 - "" when not filled in
        return spin_value(self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.value() == self.minimum():  # typing replaces "未填写" instead of appending to it
            self.selectAll()
            QTimer.singleShot(0, self.selectAll)  # again after a mouse click placed the cursor

    def set_field_value(self, value) -> None:
        self.blockSignals(True)
        set_spin(self, value)
        self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)


class ChoiceField(QComboBox):
    edited = Signal()
    committed = Signal()

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem("", "")
        for value in spec.choices:
            self.addItem(choice_label(spec, value, lang), value)
        self.currentIndexChanged.connect(self.edited)
        self.currentIndexChanged.connect(self.committed)

    def field_value(self) -> str:
        return self.currentData() or ""

    def set_field_value(self, value) -> None:
        self.blockSignals(True)
        found = self.findData(value)
        self.setCurrentIndex(found if found >= 0 else 0)
        self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class DateTimeField(QDateTimeEdit):
    """Empty until the user sets a time: entering it offers a sensible time, leaving it
    unchanged keeps it empty (tabbing through does not fill in the plan)."""

    edited = Signal()
    committed = Signal()
    FLOOR = QDateTime(QDate(1990, 1, 1), QTime(0, 0))

    def __init__(self, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent, calendarPopup=True)
        self.setDisplayFormat(QT_FORMAT)
        self.setMinimumDateTime(self.FLOOR)
        self.setSpecialValueText(empty_text)
        self._empty = True
        self._show(self.FLOOR)
        self.dateTimeChanged.connect(self._changed)
        self.editingFinished.connect(self.committed)

    def _show(self, when: QDateTime) -> None:
        self.blockSignals(True)
        self.setDateTime(when)
        self.blockSignals(False)

    def _changed(self) -> None:
        self._empty = False
        self.edited.emit()
        if self.calendarWidget().isVisible() or not self.hasFocus():
            self.committed.emit()

    def field_value(self) -> str:
        return "" if self._empty else stored_time(editor_wall(self.dateTime()))

    def set_field_value(self, value) -> None:
        when = to_qt(value)
        self._empty = when is None
        self._show(when or self.FLOOR)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._empty and not self.isReadOnly():
            self._show(default_time())
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._empty and event.reason() != Qt.FocusReason.PopupFocusReason:
            self._show(self.FLOOR)

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)


# A section's field: each kind says field_value/set_field_value/set_read_only and edited/committed.
Field: TypeAlias = TextField | LineField | IntField | ChoiceField | DateTimeField


def make_field(spec: FieldSpec, lang: str, empty_text: str, parent: QWidget | None = None) -> Field:
    widget: Field
    if spec.choices:
        widget = ChoiceField(spec, lang, parent)
    elif spec.kind == "text":
        widget = TextField(parent)
    elif spec.kind == "int":
        widget = IntField(spec, empty_text, parent)
    elif spec.kind == "datetime":
        widget = DateTimeField(empty_text, parent)
    else:
        widget = LineField(parent)
    widget.setObjectName(spec.key)
    return widget
