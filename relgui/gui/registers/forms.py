"""A small form dialog built from (key, label, widget) rows, with an error line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from relgui.domain.errors import RelguiError


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, rows: Sequence[tuple[str, str, QWidget]],
                 submit: Callable[[dict[str, QWidget]], Any]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.widgets = {key: widget for key, _, widget in rows}
        self._submit = submit
        layout = QVBoxLayout(self)
        form = QFormLayout()
        for key, label, widget in rows:
            widget.setObjectName(key)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = QLabel(objectName="error", wordWrap=True, styleSheet="color: #c62828;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_value: Any = None  # what submit returned

    def _ok(self) -> None:
        """The submit callback raises RelguiError with a message; the form stays filled."""
        try:
            self.result_value = self._submit(self.widgets)
        except RelguiError as exc:
            gctx = getattr(self.parent(), "gctx", None)  # the register window that opened the form
            self.error.setText(exc.message(gctx.lang if gctx is not None else "zh_CN"))
            return
        self.accept()
