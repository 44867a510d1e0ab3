"""签署: shows exactly what is signed, asks for the password again, and the meaning.

R-DOC-SIGN: the signature records signer, role, meaning (批准 / 驳回 / 关闭), server time
and the hash of what was signed; the service re-checks the password inside the signing
transaction. A reason is required to reject.

The dialog runs the signing use case itself (``submit``, on a worker through gui/ops.py) and
closes only once it has signed: a wrong password (or a locked account, or a database that did
not answer) is said in the dialog, in words, and everything typed stays — the comment or
reason, the acknowledged warnings; only the password field is emptied for the next try.
Other refusals (a conflict, the policy) are said as anywhere else and close it. ``view``
(optional) opens what is being signed in full (the plan, read-only) from the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import AuthError, RelguiError, StorageUnavailable
from relgui.gui import ops


class SignDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, what: str, content_hash: str, meaning: str,
                 signer: str, role: str, reason_required: bool = False, warnings: Sequence[str] = (),
                 gctx=None, submit: Callable[[str, str, bool], Any] | None = None, progress: str | None = None,
                 view: Callable[[QWidget], Any] | None = None, view_label: str = "",
                 reason_prompt: str = "", reason_missing: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("sign_dialog")
        self.gctx, self.submit, self.progress = gctx, submit, progress
        self.signed: Any = None  # what the use case returned once it signed
        self.attempts = 0
        self._op: ops.Op | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("签署内容"), QLabel(what, wordWrap=True))
        hash_label = QLabel(f"<code>{content_hash}</code>", objectName="content_hash")
        hash_label.setToolTip(self.tr("所签署内容的 SHA-256；之后的任何修改都会使签名失效"))
        form.addRow(self.tr("内容摘要"), hash_label)
        form.addRow(self.tr("含义"), QLabel(f"<b>{meaning}</b>"))
        form.addRow(self.tr("签署人"), QLabel(f"{signer}（{role}）"))
        layout.addLayout(form)
        self.view_button = None
        if view is not None:
            self.view_button = QPushButton(view_label or self.tr("查看计划…"), objectName="view_plan")
            self.view_button.setToolTip(self.tr("只读查看所签署的全文，以及与上次签署版本的差异"))
            self.view_button.clicked.connect(lambda: view(self))
            layout.addWidget(self.view_button)
        self.acknowledge = None
        if warnings:
            box = QLabel("<br>".join(["<b>" + self.tr("请确认以下警告：") + "</b>", *warnings]), wordWrap=True,
                         objectName="warnings", styleSheet="color: #e65100;")
            layout.addWidget(box)
            self.acknowledge = QCheckBox(self.tr("我已知悉上述冲突或冻结期，仍然批准"), objectName="acknowledge")
            layout.addWidget(self.acknowledge)
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setPlaceholderText(reason_prompt or (self.tr("驳回理由（必填）") if reason_required
                                                         else self.tr("备注（可选）")))
        self.reason_missing = reason_missing or self.tr("请填写驳回理由。")
        self.reason.setMaximumHeight(90)
        layout.addWidget(self.reason)
        self.reason_required = reason_required
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("再次输入您的密码以签署"))
        layout.addWidget(self.password)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText(self.tr("签署"))
        self.sign_button.setObjectName("sign")
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # An edit clears a message it answers (an old "请输入密码" must not stay under a typed one).
        self.password.textEdited.connect(lambda _: self.error.clear())
        self.reason.textChanged.connect(lambda: self.reason_required and self.error.clear())
        self.password.setFocus()

    def _check(self) -> None:
        if self._op is not None and not self._op.done:
            return  # signing already (a second Enter before the dialog turned busy)
        if self.reason_required and not self.reason.toPlainText().strip():
            self.error.setText(self.reason_missing)
            return
        if self.acknowledge is not None and not self.acknowledge.isChecked():
            self.error.setText(self.tr("请先确认警告。"))
            return
        if not self.password.text():
            self.error.setText(self.tr("请输入密码。"))
            return
        if self.submit is None:
            self.accept()
            return
        self.error.clear()
        self.attempts += 1
        password, reason, acknowledged = self.values()
        # quiet: the refusals this dialog can answer are said here, the rest in _refused
        self._op = ops.run(self, self.gctx, self.submit, password, reason, acknowledged, quiet=True,
                           progress=self.progress, busy=self, on_done=self._signed, on_failed=self._refused)

    def _signed(self, result: Any) -> None:
        self.signed = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        """A wrong password, a locked account, an outage: said here, the dialog stays with what
        was typed. Anything else (a conflict, the policy, the session ended) as everywhere."""
        kept = self.tr("您填写的内容仍保留在窗口中。")
        if isinstance(exc, AuthError) and exc.refusals[0].code not in ops.SESSION_ENDED:
            self.password.clear()
            self.error.setText(ops.describe(self.gctx, exc) + "\n" + kept + self.tr("请重新输入密码。"))
            self.password.setFocus()
            return
        if isinstance(exc, StorageUnavailable):
            self.error.setText(ops.describe(self.gctx, exc) + "\n" + kept + self.tr("可稍后重试。"))
            return
        if isinstance(exc, RelguiError):
            ops.report(self, self.gctx, exc)
            self.reject()
            return
        if isinstance(exc, ops.Cancelled):
            return
        self.reject()  # a bug: the crash dialog has it (ops)

    def values(self) -> tuple[str, str, bool]:
        return self.password.text(), self.reason.toPlainText(), self.acknowledge is not None and self.acknowledge.isChecked()

    @classmethod
    def ask(cls, parent, gctx, submit: Callable[[str, str, bool], Any], **kwargs) -> tuple[bool, Any]:
        """Sign: ``submit(password, reason, acknowledged)`` is the use case (run on a worker; it
        must hold no Qt object). (True, its result) once signed, (False, None) when cancelled
        or refused. Tests replace this (as ``ops.call(parent, gctx, submit, …)``)."""
        dialog = cls(parent, gctx=gctx, submit=submit, **kwargs)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return (True, dialog.signed) if accepted else (False, None)
        finally:
            dialog.deleteLater()


class ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, prompt: str, required: bool = True):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, wordWrap=True))
        self.text = QPlainTextEdit(objectName="reason")
        layout.addWidget(self.text)
        self.required = required
        self.error = QLabel(styleSheet="color: #c62828;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.required and not self.text.toPlainText().strip():
            self.error.setText(self.tr("请填写理由。"))
            return
        self.accept()

    @classmethod
    def ask(cls, parent, title: str, prompt: str, required: bool = True) -> str | None:
        dialog = cls(parent, title, prompt, required)
        return dialog.text.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
