"""签署: shows exactly what is signed, asks for the password again, and the meaning.

R-DOC-SIGN: the signature records signer, role, meaning (批准 / 驳回 / 关闭), server time
and the hash of what was signed; the service re-checks the password inside the signing
transaction. A reason is required to reject.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class SignDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, what: str, content_hash: str, meaning: str,
                 signer: str, role: str, reason_required: bool = False, warnings: list[str] = ()):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("sign_dialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("签署内容"), QLabel(what, wordWrap=True))
        hash_label = QLabel(f"<code>{content_hash}</code>", objectName="content_hash")
        hash_label.setToolTip(self.tr("所签署内容的 SHA-256；之后的任何修改都会使签名失效"))
        form.addRow(self.tr("内容摘要"), hash_label)
        form.addRow(self.tr("含义"), QLabel(f"<b>{meaning}</b>"))
        form.addRow(self.tr("签署人"), QLabel(f"{signer}（{role}）"))
        layout.addLayout(form)
        self.acknowledge = None
        if warnings:
            box = QLabel("<br>".join(["<b>" + self.tr("请确认以下警告：") + "</b>", *warnings]), wordWrap=True,
                         objectName="warnings", styleSheet="color: #e65100;")
            layout.addWidget(box)
            self.acknowledge = QCheckBox(self.tr("我已知悉上述冲突或冻结期，仍然批准"), objectName="acknowledge")
            layout.addWidget(self.acknowledge)
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setPlaceholderText(self.tr("驳回理由（必填）") if reason_required else self.tr("备注（可选）"))
        self.reason.setMaximumHeight(90)
        layout.addWidget(self.reason)
        self.reason_required = reason_required
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("再次输入您的密码以签署"))
        layout.addWidget(self.password)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("签署"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.password.setFocus()

    def _check(self) -> None:
        if self.reason_required and not self.reason.toPlainText().strip():
            self.error.setText(self.tr("请填写驳回理由。"))
            return
        if self.acknowledge is not None and not self.acknowledge.isChecked():
            self.error.setText(self.tr("请先确认警告。"))
            return
        if not self.password.text():
            self.error.setText(self.tr("请输入密码。"))
            return
        self.accept()

    def values(self) -> tuple[str, str, bool]:
        return self.password.text(), self.reason.toPlainText(), self.acknowledge is not None

    @classmethod
    def ask(cls, parent, **kwargs) -> tuple[str, str, bool] | None:
        """(password, reason, acknowledged) or None when cancelled. Tests replace this."""
        dialog = cls(parent, **kwargs)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


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
