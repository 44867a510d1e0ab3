"""公司目录登录 (issue 16): the administrator sets up LDAP / Active Directory login and tests it.

Opened from 管理 → 公司目录登录… (``open_directory_settings``, administrators only: the menu entry
is built for an administrator and the opening read re-reads the rights).
Everything that touches the network or a file runs on a worker (ops.run / ops.call): "测试连接"
against a server that does not answer waits there, the dialog keeps painting and says the
outcome step by step in words. Saving goes through relgui.services.directory.save (the version
the dialog read; the search account's password to this computer's credential store, a field
left empty keeps the stored one). Clear-text LDAP shows a red warning while it is chosen.

Texts are Qt's catalogue's like the rest of the GUI (context "directory_settings"; English in
i18n/en/alerts_directory.tsv).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import Refusal
from relgui.domain.messages import render
from relgui.domain.versions import NEW
from relgui.gui import ops
from relgui.gui.i18n import QT_TRANSLATE_NOOP
from relgui.services import directory

if TYPE_CHECKING:
    from relgui.services.directory import Settings

SECURITY = (("", QT_TRANSLATE_NOOP("directory_settings", "按地址（ldaps:// 为 LDAPS，ldap:// 为 StartTLS）")),
            ("ldaps", "LDAPS"), ("starttls", "StartTLS"),
            ("none", QT_TRANSLATE_NOOP("directory_settings", "不加密（不建议）")))
ROLES = ("admin", "manager", "engineer", "auditor")


# The window's strings, looked up in the Qt catalogue (English in i18n/en/alerts_directory.tsv).
translate = QCoreApplication.translate


def _with_ca(values: dict, ca_path: str) -> dict:
    """On the worker: the CA file read into the settings (a path typed, or the stored PEM)."""
    if ca_path:
        pem, name = directory.ca_from_file(ca_path)
        return {**values, "ca_pem": pem, "ca_name": name}
    return values


def probe_values(ctx, values: dict, ca_path: str, **kwargs):
    return directory.probe(ctx, directory.check(_with_ca(values, ca_path)), **kwargs)


def save_values(ctx, values: dict, ca_path: str, **kwargs):
    return directory.save(ctx, _with_ca(values, ca_path), **kwargs)


class DirectorySettingsDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.cfg: Settings | None = None  # as saved (settings() on opening)
        self.version = 0
        self.setObjectName("directory_settings")
        self.setWindowTitle(translate("directory_settings", "公司目录登录（LDAP / AD）"))
        self.resize(760, 640)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.enabled = QCheckBox(translate("directory_settings", "启用目录登录（本地账户照常登录）"),
                                 objectName="enabled", checked=True)
        self.url = QLineEdit(objectName="url", placeholderText="ldaps://dc.corp.example:636")
        self.security = QComboBox()
        self.security.setObjectName("security")
        for key, text in SECURITY:
            self.security.addItem(translate("directory_settings", text), key)
        self.security.currentIndexChanged.connect(self._warn)
        self.url.textChanged.connect(self._warn)
        self.allow_plain = QCheckBox(
            translate("directory_settings", "允许不加密的连接（密码以明文传输）"),
            objectName="allow_plain")
        self.ca_file = QLineEdit(objectName="ca_file",
                                 placeholderText=translate("directory_settings", "CA 证书文件（PEM 或 .cer）；空：保留已保存的"))
        self.system_ca = QCheckBox(translate("directory_settings", "使用各计算机系统信任的证书"),
                                   objectName="system_ca")
        self.ca_saved = QLabel(objectName="ca_saved")
        self.base_dn = QLineEdit(objectName="base_dn", placeholderText="DC=corp,DC=example")
        self.user_attr = QLineEdit("sAMAccountName", objectName="user_attr")
        self.user_filter = QLineEdit(objectName="user_filter", placeholderText="(objectCategory=person)")
        self.user_bind = QLineEdit(objectName="user_bind", placeholderText="{username}@corp.example")
        self.bind_dn = QLineEdit(objectName="bind_dn", placeholderText="CN=svc-relgui,OU=Service,DC=corp,DC=example")
        self.bind_password = QLineEdit(
            objectName="bind_password", echoMode=QLineEdit.EchoMode.Password,
            placeholderText=translate("directory_settings", "存入本机系统凭据库；空：保留"))
        self.nested = QCheckBox(translate("directory_settings", "包括嵌套组（AD）"), objectName="nested")
        self.timeout = QSpinBox(minimum=1, maximum=60, value=5, suffix=" s")
        self.timeout.setObjectName("timeout")
        for widget, zh in (
                (self.enabled, ""), (self.url, QT_TRANSLATE_NOOP("directory_settings", "服务器地址")),
                (self.security, QT_TRANSLATE_NOOP("directory_settings", "加密")),
                (self.allow_plain, ""), (self.ca_file, QT_TRANSLATE_NOOP("directory_settings", "CA 证书")), (self.system_ca, ""),
                (self.ca_saved, ""), (self.base_dn, QT_TRANSLATE_NOOP("directory_settings", "基准 DN")),
                (self.user_attr, QT_TRANSLATE_NOOP("directory_settings", "账户名属性")),
                (self.user_filter, QT_TRANSLATE_NOOP("directory_settings", "用户筛选条件")),
                (self.user_bind, QT_TRANSLATE_NOOP("directory_settings", "用户登录名格式")),
                (self.bind_dn, QT_TRANSLATE_NOOP("directory_settings", "查询账户（可选）")),
                (self.bind_password, QT_TRANSLATE_NOOP("directory_settings", "查询账户密码")), (self.nested, ""),
                (self.timeout, QT_TRANSLATE_NOOP("directory_settings", "超时"))):
            form.addRow(QLabel(translate("directory_settings", zh)) if zh else QLabel(""), widget)
        outer.addLayout(form)
        groups = QGroupBox(translate("directory_settings", "组与角色（组的完整 DN，多个用 ; 分隔）"))
        gform = QFormLayout(groups)
        self.group_edits: dict[str, QLineEdit] = {}
        for role in ROLES:
            edit = QLineEdit(objectName=f"groups_{role}")
            label = gctx.profile.roles[role].label(gctx.lang) if role in gctx.profile.roles else role
            gform.addRow(QLabel(label), edit)
            self.group_edits[role] = edit
        outer.addWidget(groups)
        probe = QHBoxLayout()
        self.probe_user = QLineEdit(objectName="probe_user", placeholderText=translate("directory_settings", "测试用户名（可选）"))
        self.probe_password = QLineEdit(objectName="probe_password", echoMode=QLineEdit.EchoMode.Password,
                                        placeholderText=translate("directory_settings", "其密码（可选，不保存）"))
        probe.addWidget(self.probe_user)
        probe.addWidget(self.probe_password)
        outer.addLayout(probe)
        self.warning = QLabel(objectName="warning", wordWrap=True)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        outer.addWidget(self.warning)
        self.state = QLabel(objectName="state", wordWrap=True,
                            textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.state, 1)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(translate("directory_settings", "测试连接"), objectName="test")
        self.test_button.clicked.connect(self.test)
        self.save_button = QPushButton(translate("directory_settings", "保存"), objectName="save")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.allowed = self.reload()

    # ---------------------------------------------------------------- reading
    def reload(self) -> bool:
        """Read the settings (an administrator's, rights read as they are now); False when
        refused (said by ops.call) — the opener then shows no dialog."""
        ok, found = ops.call(self, self.gctx, directory.settings, self.gctx.app)
        if ok:
            self._show(*found)
        return ok

    def _show(self, cfg, version: int) -> None:
        """The settings as stored at ``version``: read when the dialog opens, or returned by its
        own save (the dialog does not read again after saving; another administrator's save
        meanwhile is not merged into the form: saving over it is refused as stale)."""
        self.cfg, self.version = cfg, version
        if cfg is None:
            self._warn()
            return
        self.enabled.setChecked(cfg.enabled)
        self.url.setText(cfg.url)
        self.security.setCurrentIndex(max(0, self.security.findData(cfg.security)))
        self.allow_plain.setChecked(cfg.allow_plain)
        self.system_ca.setChecked(not cfg.ca_pem)
        self.ca_saved.setText(translate("directory_settings", "已保存：{name}").format(name=cfg.ca_name or "CA")
                              if cfg.ca_pem else "")
        self.base_dn.setText(cfg.base_dn)
        self.user_attr.setText(cfg.user_attr)
        self.user_filter.setText(cfg.user_filter)
        self.user_bind.setText(cfg.user_bind)
        self.bind_dn.setText(cfg.bind_dn)
        self.nested.setChecked(cfg.nested)
        self.timeout.setValue(cfg.timeout)
        for role, edit in self.group_edits.items():
            edit.setText("; ".join(dn for r, dn in cfg.groups if r == role))
        self._warn()

    def values(self) -> dict:
        """The settings as typed (the CA file, if one is named, is read on the worker)."""
        groups = [[role, dn.strip()] for role, edit in self.group_edits.items()
                  for dn in edit.text().split(";") if dn.strip()]
        kept = None if self.system_ca.isChecked() else self.cfg  # the saved CA stays unless the system's is chosen
        return {"enabled": self.enabled.isChecked(), "url": self.url.text().strip(),
                "security": self.security.currentData() or None, "allow_plain": self.allow_plain.isChecked(),
                "ca_pem": kept.ca_pem if kept is not None else "", "ca_name": kept.ca_name if kept is not None else "",
                "base_dn": self.base_dn.text().strip(), "user_attr": self.user_attr.text().strip(),
                "user_filter": self.user_filter.text().strip(), "user_bind": self.user_bind.text().strip(),
                "bind_dn": self.bind_dn.text().strip(), "groups": groups, "nested": self.nested.isChecked(),
                "timeout": self.timeout.value()}

    def _ca_path(self) -> str:
        return "" if self.system_ca.isChecked() else self.ca_file.text().strip()

    def _warn(self) -> None:
        plain = self.security.currentData() == "none"
        self.warning.setText(render(Refusal("directory_plain_warning"), self.gctx.lang) if plain else "")
        self.warning.setVisible(plain)

    # ---------------------------------------------------------------- acting
    def test(self) -> None:
        """测试连接 on a worker: each step's outcome in words; nothing is saved."""
        self.test_button.setEnabled(False)
        self.state.setText(translate("directory_settings", "正在测试…"))
        secret = self.bind_password.text() or None
        ops.run(self, self.gctx, probe_values, self.gctx.app, self.values(), self._ca_path(),
                bind_secret=secret, username=self.probe_user.text().strip(), password=self.probe_password.text(),
                lang=self.gctx.lang, on_done=self._tested, on_failed=self._test_failed, quiet=True)

    def _tested(self, report) -> None:
        self.test_button.setEnabled(True)
        marks = {True: "✓", False: "✗", None: "–"}
        colon = translate("directory_settings", "：")
        lines = [f"{marks[s.ok]} {directory.step_label(s.key, self.gctx.lang)}{colon}{s.detail}" for s in report.steps]
        if report.entry is not None:
            roles = translate("directory_settings", "、").join(self.gctx.profile.roles[r].label(self.gctx.lang) for r in report.roles
                             if r in self.gctx.profile.roles) or "—"
            lines.append(translate("directory_settings", "账户：{user}（{name}），角色：{roles}").format(
                user=report.entry.username, name=report.entry.display_name, roles=roles))
        head = translate("directory_settings", "✓ 测试通过") if report.ok else translate("directory_settings", "✗ 测试未通过")
        self.state.setText("\n".join([head, *lines]))

    def _test_failed(self, exc) -> None:
        self.test_button.setEnabled(True)
        self.state.setText("✗ " + ops.describe(self.gctx, exc) if hasattr(exc, "refusals") else "✗")

    def save(self) -> bool:
        secret = self.bind_password.text() or None
        ok, saved = ops.call(self, self.gctx, save_values, self.gctx.app, self.values(), self._ca_path(),
                             bind_password=secret, expected_version=self.version or NEW)
        if not ok:
            return False
        self.bind_password.clear()
        self.ca_file.clear()
        self._show(*saved)
        self.state.setText(translate("directory_settings", "已保存。"))
        return True

    @classmethod
    def show_for(cls, gctx, parent=None) -> None:
        dialog = cls(gctx, parent)
        if dialog.allowed:
            dialog.exec()
        dialog.deleteLater()


def open_directory_settings(parent: QWidget | None, gctx) -> DirectorySettingsDialog | None:
    """管理 → 公司目录登录…: modeless, for an administrator. The settings are read first with the
    user's rights as the database has them now (services.directory.settings): one whose
    administrator role was taken away since the menu was built is told so in words and no
    dialog opens."""
    dialog = DirectorySettingsDialog(gctx, parent)
    if not dialog.allowed:
        dialog.deleteLater()
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
