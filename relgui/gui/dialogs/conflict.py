"""保存冲突: someone saved a newer version first. Says who and when and what they changed;
the user's own input stays in the form underneath, nothing is lost or overwritten."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from relgui.domain.errors import Conflict


class ConflictDialog(QDialog):
    def __init__(self, parent: QWidget | None, gctx, exc: Conflict):
        super().__init__(parent)
        self.setWindowTitle(self.tr("保存冲突"))
        self.setObjectName("conflict_dialog")
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("<b>{by}</b> 于 {at} 已保存了较新的版本。").format(by=exc.by, at=exc.at))
        layout.addWidget(head)
        if exc.fields:
            layout.addWidget(QLabel(self.tr("对方修改了：{fields}").format(fields="、".join(exc.fields))))
        body = QLabel(self.tr("您的修改没有保存，也没有覆盖对方的修改；您输入的内容仍在窗口中。"
                              "可以重新加载最新版本后再修改，或先复制您的输入。"))
        body.setWordWrap(True)
        layout.addWidget(body)
        buttons = QDialogButtonBox(self)
        self.reload_button = buttons.addButton(self.tr("重新加载"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton(self.tr("保留我的输入"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget | None, gctx, exc: Conflict) -> bool:
        """True when the user chose to reload. Tests replace this classmethod."""
        dialog = cls(parent, gctx, exc)
        return dialog.exec() == QDialog.DialogCode.Accepted
