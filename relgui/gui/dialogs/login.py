"""登录. A wrong password says so; a locked account says until when (R-1.3-TRACE audits both)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from relgui.domain.errors import AuthError, RelguiError, StorageUnavailable
from relgui.domain.lifecycle import Actor
from relgui.gui import ops
from relgui.gui.dialogs import change_password
from relgui.gui.dialogs.database import DatabaseDialog
from relgui.gui.forms.ui_login import Ui_LoginDialog
from relgui.services import users


class LoginDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.actor: Actor | None = None  # who logged in
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.ui.database.setText(gctx.app.db.describe())
        self.ui.username.setText(gctx.settings.get("ui/last_user"))
        (self.ui.password if self.ui.username.text() else self.ui.username).setFocus()
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.ui.buttons.accepted.connect(self.try_login)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.database_button.clicked.connect(self.change_database)
        self.database_changed = False

    def try_login(self) -> None:
        """The password is checked on a worker (argon2id, and the server's answer): the dialog
        is busy meanwhile, the window keeps painting."""
        op = ops.run(self, self.gctx, users.login, self.gctx.app, self.ui.username.text(), self.ui.password.text(),
                     quiet=True)
        op.wait()
        if not op.ok:
            exc = op.error
            if not isinstance(exc, (AuthError, StorageUnavailable)):
                if isinstance(exc, RelguiError):
                    ops.report(self, self.gctx, exc)
                    return
                assert exc is not None  # not ok: what the worker raised (this dialog, the owner, is waiting)
                raise exc
            self.ui.error.setText(exc.message(self.gctx.lang, self.gctx.profile))
            self.ui.password.selectAll()
            self.ui.password.setFocus()
            return
        actor: Actor = op.result
        self.actor = actor
        # A password an administrator set (reset, new account) is replaced before anything else.

        if not change_password.force_if_needed(self, self.gctx, actor, self.ui.password.text()):
            self.actor = None
            self.ui.password.clear()
            self.ui.password.setFocus()
            return
        self.gctx.settings.set("ui/last_user", actor.username)
        self.accept()

    def change_database(self) -> None:
        if DatabaseDialog(self.gctx, self).exec() == QDialog.DialogCode.Accepted:
            self.database_changed = True
            self.reject()
