"""设置新密码: after an administrator reset the password (or made the account), the login asks for
a new one before anything else (accounts.must_change / change_own_password). The password is
checked and hashed on a worker; a refusal is said under the fields, which keep what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from relgui.domain.errors import RelguiError
from relgui.gui import ops
from relgui.services import accounts


class ChangePasswordDialog(QDialog):
    def __init__(self, gctx, actor, old_password: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx, self.actor = gctx, actor
        self.setObjectName("change_password")
        self.setWindowTitle(self.tr("设置新密码"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("管理员已为您设置临时密码。请先设置只有您知道的新密码，然后继续。"),
                                wordWrap=True, objectName="why"))
        form = QFormLayout()
        self.old = QLineEdit(old_password, objectName="old", echoMode=QLineEdit.EchoMode.Password)
        self.new = QLineEdit(objectName="new", echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(objectName="again", echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("当前密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再次输入新密码"), self.again)
        layout.addLayout(form)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存新密码"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for field in (self.new, self.again, self.old):
            field.textChanged.connect(lambda _=None: self.error.clear())  # an old message never outlives its fix
        (self.new if old_password else self.old).setFocus()

    def save(self) -> bool:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("两次输入的新密码不一致。"))
            return False
        op = ops.run(self, self.gctx, accounts.change_own_password, self.gctx.app.as_user(self.actor),
                     self.old.text(), self.new.text(), quiet=True)
        op.wait()
        if not op.ok:
            if isinstance(op.error, RelguiError):
                self.error.setText(op.error.message(self.gctx.lang, self.gctx.profile))
                return False
            if op.error is not None:
                raise op.error
            return False
        self.accept()
        return True


def force_if_needed(parent, gctx, actor, typed_password: str = "") -> bool:
    """After a login: True when the user may go on (no change due, or the new password was set)."""
    op = ops.run(parent, gctx, accounts.must_change, gctx.app.as_user(actor), quiet=True)
    op.wait()
    if not op.ok:
        if isinstance(op.error, RelguiError):
            ops.report(parent, gctx, op.error)
            return False
        if op.error is not None:
            raise op.error
        return False
    if not op.result:
        return True
    return ChangePasswordDialog(gctx, actor, typed_password, parent).exec() == QDialog.DialogCode.Accepted
