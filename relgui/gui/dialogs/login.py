"""登录. A wrong password says so; a locked account says until when (R-1.3-TRACE audits both)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from relgui.domain.errors import AuthError, StorageUnavailable
from relgui.gui.forms.ui_login import Ui_LoginDialog


class LoginDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.actor = None
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
        from relgui.services import users

        try:
            self.actor = users.login(self.gctx.app, self.ui.username.text(), self.ui.password.text())
        except (AuthError, StorageUnavailable) as exc:
            self.ui.error.setText(exc.message(self.gctx.lang, self.gctx.profile))
            self.ui.password.selectAll()
            self.ui.password.setFocus()
            return
        self.gctx.settings.set("ui/last_user", self.actor.username)
        self.accept()

    def change_database(self) -> None:
        from relgui.gui.dialogs.database import DatabaseDialog

        if DatabaseDialog(self.gctx, self).exec() == QDialog.DialogCode.Accepted:
            self.database_changed = True
            self.reject()
