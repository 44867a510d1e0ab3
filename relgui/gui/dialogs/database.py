"""数据库设置: the local file or a shared PostgreSQL server, with "test connection".

A file on a network share is refused with advice (SQLite locking is not reliable there).
Nothing typed is lost when the server cannot be reached: the dialog stays open and says why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from relgui.domain.errors import RelguiError
from relgui.gui import dbconfig, files
from relgui.gui.forms.ui_database import Ui_DatabaseDialog


class DatabaseDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.ui = Ui_DatabaseDialog()
        self.ui.setupUi(self)
        s = gctx.settings
        self.ui.sslmode.addItems(dbconfig.SSL_MODES)
        self.ui.sqlite_path.setText(s.get("db/sqlite_path"))
        self.ui.host.setText(s.get("db/pg_host"))
        self.ui.port.setValue(s.get("db/pg_port"))
        self.ui.dbname.setText(s.get("db/pg_database"))
        self.ui.user.setText(s.get("db/pg_user"))
        self.ui.sslmode.setCurrentText(s.get("db/pg_sslmode"))
        self.ui.server_radio.setChecked(s.get("db/kind") == "postgresql")
        self.ui.local_radio.toggled.connect(self._mode)
        self._mode()
        self.ui.browse.clicked.connect(self.browse)
        self.ui.test_button.clicked.connect(self.test)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)

    def _mode(self) -> None:
        local = self.ui.local_radio.isChecked()
        self.ui.sqlite_path.setEnabled(local)
        self.ui.browse.setEnabled(local)
        self.ui.server_box.setEnabled(not local)

    def browse(self) -> None:
        path, _ = files.get_save_file_name(self, self.tr("选择数据库文件"), self.ui.sqlite_path.text(),
                                              self.tr("SQLite 数据库 (*.db)"),
                                              options=files.Option.DontConfirmOverwrite, database=True)
        if path:
            self.ui.sqlite_path.setText(path)

    def server(self) -> dbconfig.ServerConfig:
        return dbconfig.ServerConfig(self.ui.host.text().strip(), self.ui.port.value(), self.ui.dbname.text().strip(),
                                     self.ui.user.text().strip(), self.ui.sslmode.currentText())

    def url(self) -> str | None:
        if self.ui.local_radio.isChecked():
            path = self.ui.sqlite_path.text().strip()
            return str(Path(path).expanduser()) if path else None
        cfg = self.server()
        return cfg.url(self.ui.password.text() or dbconfig.stored_password(cfg))

    def test(self) -> bool:
        if self.ui.server_radio.isChecked() and not self.ui.host.text().strip():
            self.ui.status.setText(self.tr("请填写服务器主机名。"))
            return False
        try:
            described = dbconfig.test_connection(self.url())
        except RelguiError as exc:
            self.ui.status.setText(self.tr("连接失败：") + exc.message(self.gctx.lang))
            return False
        self.ui.status.setText(self.tr("连接成功：") + described)
        return True

    def save(self) -> None:
        if not self.test():
            return
        s = self.gctx.settings
        if self.ui.local_radio.isChecked():
            dbconfig.save_local(s, self.ui.sqlite_path.text().strip())
        else:
            cfg = self.server()
            dbconfig.save_server(s, cfg)
            if self.ui.password.text() and not dbconfig.store_password(cfg, self.ui.password.text()):
                self.ui.status.setText(self.tr("系统凭据管理器不可用：密码不会保存，下次启动时需要重新输入。"))
        s.sync()
        self.accept()
