"""数据库设置: the local file or a shared PostgreSQL server, with "test connection".

A file on a network share is refused with advice (SQLite locking is not reliable there).
Nothing typed is lost when the server cannot be reached: the dialog stays open and says why.

"测试连接" never creates anything: a missing file is refused naming the path, unless
"新建数据库文件" is ticked, when the test says that saving will create it, and saving does.
The server's TLS mode (verify-full with a CA file, require, disable) is chosen here and kept
with the settings; choosing disable shows, in red, that nothing will be encrypted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from relgui.domain.errors import RelguiError
from relgui.gui import dbconfig, files, ops
from relgui.gui.forms.ui_database import Ui_DatabaseDialog
from relgui.store.engine import normalise_url


class DatabaseDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.ui = Ui_DatabaseDialog()
        self.ui.setupUi(self)
        s = gctx.settings
        names = {"verify-full": self.tr("verify-full：加密并验证服务器证书（推荐）"),
                 "require": self.tr("require：加密，不验证服务器"),
                 "disable": self.tr("disable：不加密（不推荐）")}
        for mode in dbconfig.SSL_MODES:
            self.ui.sslmode.addItem(names[mode], mode)
        self.ui.sqlite_path.setText(s.get("db/sqlite_path"))
        self.ui.host.setText(s.get("db/pg_host"))
        self.ui.port.setValue(s.get("db/pg_port"))
        self.ui.dbname.setText(s.get("db/pg_database"))
        self.ui.user.setText(s.get("db/pg_user"))
        self.ui.sslrootcert.setText(s.get("db/pg_sslrootcert"))
        stored = dbconfig.server_from_settings(s)
        self.ui.sslmode.setCurrentIndex(self.ui.sslmode.findData(stored.mode))
        self.ui.server_radio.setChecked(s.get("db/kind") == "postgresql")
        self.ui.local_radio.toggled.connect(self._mode)
        self.ui.sslmode.currentIndexChanged.connect(self._tls_note)
        self.ui.sslrootcert.textChanged.connect(self._ca_typed)
        self._mode()
        self._tls_note()
        self.ui.browse.clicked.connect(self.browse)
        self.ui.browse_ca.clicked.connect(self.browse_ca)
        self.ui.test_button.clicked.connect(self.test)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)

    def _mode(self) -> None:
        local = self.ui.local_radio.isChecked()
        self.ui.sqlite_path.setEnabled(local)
        self.ui.browse.setEnabled(local)
        self.ui.create_new.setEnabled(local)
        self.ui.server_box.setEnabled(not local)

    def sslmode(self) -> str:
        return self.ui.sslmode.currentData()

    def _ca_typed(self, text: str) -> None:
        """A CA file typed or chosen: verify-full is what it is for (the user may still choose)."""
        if text.strip() and self.sslmode() == "require":
            self.ui.sslmode.setCurrentIndex(self.ui.sslmode.findData("verify-full"))

    def _tls_note(self) -> None:
        mode = self.sslmode()
        self.ui.sslrootcert.setEnabled(mode == "verify-full")
        self.ui.browse_ca.setEnabled(mode == "verify-full")
        if mode == "disable":
            text = self.tr("警告：连接将不加密，数据库密码和所有数据在网络上以明文传输。只应在确知网络安全时使用。")
        elif mode == "require":
            text = self.tr("已加密，但不验证服务器身份：网络上冒充的服务器无法被发现。有 CA 证书时请选择 verify-full。")
        else:
            text = ""
        self.ui.tls_warning.setText(text)

    def browse(self) -> None:
        path, _ = files.get_save_file_name(self, self.tr("选择数据库文件"), self.ui.sqlite_path.text(),
                                              self.tr("SQLite 数据库 (*.db)"),
                                              options=files.Option.DontConfirmOverwrite, database=True)
        if path:
            self.ui.sqlite_path.setText(path)

    def browse_ca(self) -> None:
        path, _ = files.get_open_file_name(self, self.tr("选择 CA 证书文件"), self.ui.sslrootcert.text(),
                                             self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)"))
        if path:
            self.ui.sslrootcert.setText(path)

    def server(self) -> dbconfig.ServerConfig:
        ca = self.ui.sslrootcert.text().strip() if self.sslmode() == "verify-full" else ""
        return dbconfig.ServerConfig(self.ui.host.text().strip(), self.ui.port.value(), self.ui.dbname.text().strip(),
                                     self.ui.user.text().strip(), self.sslmode(), ca)

    def url(self):
        if self.ui.local_radio.isChecked():
            path = self.ui.sqlite_path.text().strip()
            return str(Path(path).expanduser()) if path else None
        cfg = self.server()
        return cfg.url(self.ui.password.text() or dbconfig.stored_password(cfg))

    def test(self) -> bool:
        """Whether the settings can be used, changing nothing (no file, no folder, no schema)."""
        if self.ui.server_radio.isChecked() and not self.ui.host.text().strip():
            self.ui.status.setText(self.tr("请填写服务器主机名。"))
            return False
        create = self.ui.local_radio.isChecked() and self.ui.create_new.isChecked()
        try:
            url = self.url()
        except RelguiError as exc:
            self.ui.status.setText(self.tr("连接失败：") + exc.message(self.gctx.lang))
            return False
        # On a worker: a server that does not answer takes its 5 s connect timeout there, the
        # dialog busy meanwhile, the window painting.
        self.ui.status.setText(self.tr("正在连接…"))
        op = ops.run(self, self.gctx, dbconfig.test_connection, url, create=create, lang=self.gctx.lang, quiet=True)
        op.wait()
        if not op.ok:
            if not isinstance(op.error, RelguiError):
                assert op.error is not None  # not ok: what the worker raised (this dialog, the owner, is waiting)
                raise op.error
            self.ui.status.setText(self.tr("连接失败：") + op.error.message(self.gctx.lang))
            return False
        described = op.result
        self.ui.status.setText(described if create and self._new_file() else self.tr("连接成功：") + described)
        return True

    def _new_file(self) -> bool:
        """Whether the local database chosen does not exist yet (so saving would create it)."""
        try:
            database = normalise_url(self.url()).database
        except RelguiError:
            return False
        return database is not None and not Path(database).expanduser().exists()

    def save(self) -> None:
        if not self.test():
            return
        s = self.gctx.settings
        if self.ui.local_radio.isChecked():
            path = self.ui.sqlite_path.text().strip()
            if self.ui.create_new.isChecked():
                # What the user asked for: a new database at that path (0600), made on a worker.
                ok, made = ops.call(self, self.gctx, dbconfig.create_local, self.url(), quiet=True)
                if not ok:
                    if isinstance(made, RelguiError):
                        self.ui.status.setText(self.tr("连接失败：") + made.message(self.gctx.lang))
                    return
                self.ui.status.setText(self.tr("已新建数据库：") + made)
            dbconfig.save_local(s, path)
        else:
            cfg = self.server()
            dbconfig.save_server(s, cfg)
            if self.ui.password.text() and not dbconfig.store_password(cfg, self.ui.password.text()):
                self.ui.status.setText(self.tr("系统凭据管理器不可用：密码不会保存，下次启动时需要重新输入。"))
        s.sync()
        self.accept()
