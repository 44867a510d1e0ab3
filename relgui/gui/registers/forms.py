"""A small form dialog built from (key, label, widget) rows, with an error line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from relgui.domain.errors import RelguiError
from relgui.gui import ops


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, rows: Sequence[tuple[str, str, QWidget]],
                 submit: Callable[[dict[str, QWidget]], Callable[[], Any]]):
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
        """``submit(widgets)`` reads the form on the GUI thread and returns the use case to run
        (a callable holding the values, no widget), which runs on a worker (gui/ops). A refusal,
        raised by either, is said under the form, which stays filled."""
        gctx = getattr(self.parent(), "gctx", None)  # the register window that opened the form
        try:
            call = self._submit(self.widgets)
        except RelguiError as exc:
            self._say(gctx, exc)
            return
        ok, got = ops.call(self, gctx, call, quiet=True)
        if not ok:
            if isinstance(got, RelguiError):
                self._say(gctx, got)
            return
        self.result_value = got
        self.accept()

    def _say(self, gctx, exc: RelguiError) -> None:
        self.error.setText(exc.message(gctx.lang if gctx is not None else "zh_CN",
                                       gctx.profile if gctx is not None else None))
