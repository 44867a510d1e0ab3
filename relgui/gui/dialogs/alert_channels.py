"""告警通道 (issue 16): the administrator configures e-mail (SMTP), 企业微信 and 钉钉 channels and
sends a test through each; the in-app alert list (我的提醒) is in this file as well.

Self-contained: opened from the 工具 menu (MainWindow), later also from the administration
screen. Reads and writes go through relgui.services.alerts on a worker (ops.run / ops.call):
a test send to an unreachable server waits on the worker, never on the GUI thread. Secrets
typed here go to this computer's credential store; a field left empty keeps the stored one.

Texts are Qt's catalogue's like the rest of the GUI (context "alert_channels"; English in
i18n/en/alerts_directory.tsv).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import Refusal
from relgui.domain.messages import render, words
from relgui.gui import ops
from relgui.gui.i18n import QT_TRANSLATE_NOOP
from relgui.gui.reading import Reading
from relgui.services import alerts

KINDS = (("email", QT_TRANSLATE_NOOP("alert_channels", "电子邮件（SMTP）")),
         ("wecom", QT_TRANSLATE_NOOP("alert_channels", "企业微信群机器人")),
         ("dingtalk", QT_TRANSLATE_NOOP("alert_channels", "钉钉群机器人")))
SECURITY = (("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", "无加密 / none"))


# The window's strings, looked up in the Qt catalogue (English in i18n/en/alerts_directory.tsv).
translate = QCoreApplication.translate


def said_error(stored: str, lang: str) -> str:
    """A channel's or alert's last error (stored as code and parameters) in words."""
    try:
        err = json.loads(stored)
        return render(Refusal(err["code"], params=err.get("params", {})), lang)
    except (ValueError, KeyError, TypeError):
        return stored


class AlertChannelsDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.views: list = []
        self.shown = None  # the channel in the form, as read (its version goes with a save or a removal)
        self._shown_form: tuple | None = None  # the form as filled from it: changed since = being edited
        self._select: str | None = None  # the channel to choose when the list is next read (saved just now)
        self._listed_once = False
        self.setObjectName("alert_channels")
        self.setWindowTitle(translate("alert_channels", "告警通道"))
        self.resize(820, 520)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("channels")
        self.list.currentRowChanged.connect(self._show)
        left.addWidget(self.list)
        self.new_button = QPushButton(translate("alert_channels", "新建通道"), objectName="new")
        self.new_button.clicked.connect(self._new)
        left.addWidget(self.new_button)
        outer.addLayout(left, 2)
        right = QVBoxLayout()
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for key, kind in KINDS:
            self.kind.addItem(translate("alert_channels", kind), key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.name = QLineEdit(objectName="name")
        self.enabled = QCheckBox(translate("alert_channels", "启用"), objectName="enabled", checked=True)
        self.host = QLineEdit(objectName="host", placeholderText="smtp.example.com")
        self.port = QSpinBox(minimum=0, maximum=65535)
        self.port.setObjectName("port")
        self.port.setSpecialValueText(translate("alert_channels", "默认"))
        self.security = QComboBox()
        self.security.setObjectName("security")
        for key, text in SECURITY:
            self.security.addItem(text, key)
        self.sender_edit = QLineEdit(objectName="sender", placeholderText="relgui@example.com")
        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.ca_file = QLineEdit(objectName="ca_file", placeholderText=translate("alert_channels", "可选：公司 CA 证书（PEM）"))
        self.url = QLineEdit(objectName="url", echoMode=QLineEdit.EchoMode.Password,
                             placeholderText="https://oapi.dingtalk.com/robot/send?access_token=…")
        self.secret = QLineEdit(objectName="secret", echoMode=QLineEdit.EchoMode.Password, placeholderText="SEC…")
        self.keyword = QLineEdit(objectName="keyword")
        self.to = QLineEdit(objectName="to", placeholderText=translate("alert_channels", "测试收件人（默认：您的电子邮件地址）"))
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, widget, zh in (
                ("kind", self.kind, QT_TRANSLATE_NOOP("alert_channels", "类型")),
                ("name", self.name, QT_TRANSLATE_NOOP("alert_channels", "名称")), ("enabled", self.enabled, ""),
                ("host", self.host, QT_TRANSLATE_NOOP("alert_channels", "邮件服务器")),
                ("port", self.port, QT_TRANSLATE_NOOP("alert_channels", "端口")),
                ("security", self.security, QT_TRANSLATE_NOOP("alert_channels", "加密")),
                ("sender", self.sender_edit, QT_TRANSLATE_NOOP("alert_channels", "发件人")),
                ("username", self.username, QT_TRANSLATE_NOOP("alert_channels", "用户名")),
                ("password", self.password, QT_TRANSLATE_NOOP("alert_channels", "密码（存入系统凭据库）")),
                ("ca_file", self.ca_file, QT_TRANSLATE_NOOP("alert_channels", "CA 证书")),
                ("url", self.url, QT_TRANSLATE_NOOP("alert_channels", "机器人地址（存入系统凭据库）")),
                ("secret", self.secret, QT_TRANSLATE_NOOP("alert_channels", "加签密钥（钉钉）")),
                ("keyword", self.keyword, QT_TRANSLATE_NOOP("alert_channels", "关键词（钉钉）")),
                ("to", self.to, QT_TRANSLATE_NOOP("alert_channels", "测试收件人"))):
            label = QLabel(translate("alert_channels", zh)) if zh else QLabel("")
            form.addRow(label, widget)
            self.rows[key] = (label, widget)
        right.addLayout(form)
        self.state = QLabel(objectName="state", wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.state)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(translate("alert_channels", "保存"), objectName="save")
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(translate("alert_channels", "发送测试"), objectName="test")
        self.test_button.clicked.connect(self.send_test)
        self.remove_button = QPushButton(translate("alert_channels", "删除"), objectName="remove")
        self.remove_button.clicked.connect(self.remove)
        for b in (self.save_button, self.test_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        right.addLayout(buttons)
        outer.addLayout(right, 5)
        self._kind_changed()
        # The list is read when the dialog opens and after each notice about the channels: this
        # dialog's own saves and removals, and another administrator's (issue 17, item 2).
        self.reading = Reading(self, gctx, alerts.channels, self._listed, gather=lambda: (gctx.app,),
                               entities={"alert_channel"})
        self.reading.again()

    # ---------------------------------------------------------------- reading
    def _listed(self, views) -> None:
        """The channels as read. The form keeps what is being typed in it: it is filled again
        only when it was not changed since it was filled, or from the channel just saved. The
        version a save carries stays the one the form was filled from, so saving over another
        administrator's change meanwhile is refused as stale, never merged."""
        self.views = views
        self.list.blockSignals(True)
        self.list.clear()
        kinds = dict(KINDS)
        for v in views:
            mark = "⚠ " if v.failing else ("" if v.enabled else "⏸ ")
            kind = translate("alert_channels", kinds.get(v.kind, v.kind))  # the kind's words, not its key
            self.list.addItem(QListWidgetItem(mark + translate("alert_channels", "{name}（{kind}）").format(
                name=v.name, kind=kind)))
        editing = self._shown_form is not None and self._filled() != self._shown_form
        want = self._select if any(v.name == self._select for v in views) else None
        if want is not None:
            self._select = None
        name = want or (self.shown.name if self.shown is not None else None)
        row = next((i for i, v in enumerate(views) if v.name == name), -1)
        first, self._listed_once = not self._listed_once, True
        if row < 0 and (first or (self.shown is not None and not editing)):
            row = 0 if views else -1  # opened, or the channel shown was removed: the first one
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        if row >= 0 and (want is not None or first or not editing):
            self._show(row)
        elif row >= 0:  # being edited: the form stays, its state line is the channel's as read now
            self.state.setText(self.describe(views[row]))
        elif self.shown is not None and not editing:  # the channel shown was removed, none is left
            self._new()

    def current(self):
        """The channel whose form is shown (None: a new one being typed)."""
        return self.shown

    def _filled(self) -> tuple:
        return (self.kind.currentData(), self.name.text(), self.enabled.isChecked(), self.form(),
                self.password.text(), self.url.text(), self.secret.text())

    def _show(self, row: int) -> None:
        v = self.views[row] if 0 <= row < len(self.views) else None
        if v is None:
            return
        self.shown = v
        self.kind.setCurrentIndex(self.kind.findData(v.kind))
        self.kind.setEnabled(False)
        self.name.setText(v.name)
        self.name.setReadOnly(True)
        self.enabled.setChecked(v.enabled)
        c = v.config
        self.host.setText(c.get("host", ""))
        self.port.setValue(int(c.get("port") or 0))
        self.security.setCurrentIndex(max(0, self.security.findData(c.get("security", "starttls"))))
        self.sender_edit.setText(c.get("sender", ""))
        self.username.setText(c.get("username", ""))
        self.ca_file.setText(c.get("ca_file", ""))
        self.keyword.setText(c.get("keyword", ""))
        for w in (self.password, self.url, self.secret):
            w.clear()
            w.setPlaceholderText(translate("alert_channels", "留空则保留已保存的"))
        self.state.setText(self.describe(v))
        self._shown_form = self._filled()

    def describe(self, v) -> str:
        g = self.gctx
        parts = []
        if v.failing:
            failures = v.failures
            parts.append(translate("alert_channels", "⚠ 连续 %n 次发送失败：", None, failures)
                         + said_error(v.last_error, g.lang))
        elif v.last_ok_at is not None:
            parts.append(translate("alert_channels", "正常"))
        if v.missing_here:
            names = {"password": QT_TRANSLATE_NOOP("alert_channels", "SMTP 密码"),
                     "url": QT_TRANSLATE_NOOP("alert_channels", "机器人地址"),
                     "secret": QT_TRANSLATE_NOOP("alert_channels", "加签密钥")}
            parts.append(translate("alert_channels", "本机的系统凭据库中缺少：")
                         + words("list", g.lang).join(translate("alert_channels", names[m]) for m in v.missing_here))
        return "\n".join(parts)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        email = kind == "email"
        for key in ("host", "port", "security", "sender", "username", "password", "to"):
            for w in self.rows[key]:
                w.setVisible(email)
        for key in ("url",):
            for w in self.rows[key]:
                w.setVisible(not email)
        for key in ("secret", "keyword"):
            for w in self.rows[key]:
                w.setVisible(kind == "dingtalk")

    def _new(self) -> None:
        self.shown, self._shown_form = None, None
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.kind.setEnabled(True)
        self.name.setReadOnly(False)
        for w in (self.name, self.host, self.sender_edit, self.username, self.password, self.ca_file, self.url,
                  self.secret, self.keyword):
            w.clear()
        self.port.setValue(0)
        self.state.clear()

    # ---------------------------------------------------------------- writing
    def form(self) -> tuple[str, dict, dict]:
        kind = self.kind.currentData()
        if kind == "email":
            config = {"host": self.host.text(), "port": self.port.value() or None,
                      "security": self.security.currentData(), "sender": self.sender_edit.text(),
                      "username": self.username.text(), "ca_file": self.ca_file.text()}
            given = {"password": self.password.text()} if self.password.text() else {}
        else:
            config = {"ca_file": self.ca_file.text(), "keyword": self.keyword.text()}
            given = {"url": self.url.text()} if self.url.text() else {}
            if kind == "dingtalk" and self.secret.text():
                given["secret"] = self.secret.text()
        return kind, config, given

    def save(self) -> bool:
        kind, config, given = self.form()
        v = self.current()
        if v is None:
            ok, view = ops.call(self, self.gctx, alerts.add_channel, self.gctx.app, kind, self.name.text(), config,
                                **given)
        else:
            ok, view = ops.call(self, self.gctx, alerts.update_channel, self.gctx.app, v.name, config=config,
                                enabled=self.enabled.isChecked(), expected_version=v.row_version, **given)
        if ok:  # its notice reads the list again, and the form is filled from what was saved
            self._select = view.name
            if not self.reading.busy:  # that read has arrived already (during the save's wait)
                self._listed(self.views)
        return ok

    def remove(self) -> None:
        v = self.current()
        if v is None or not ops.ask(self, translate("alert_channels", "删除告警通道"),
                                    translate("alert_channels", "删除“{name}”？尚未发出的告警将不再通过它发送。").format(name=v.name)):
            return
        ops.call(self, self.gctx, alerts.remove_channel, self.gctx.app, v.name, expected_version=v.row_version)
        # its notice reads the list again: the channel is gone from it, the first one is shown

    def send_test(self) -> None:
        """发送测试 on a worker: the answer (where it went, or what failed) in words."""
        v = self.current()
        if v is None:
            return
        self.test_button.setEnabled(False)
        self.state.setText(translate("alert_channels", "正在发送测试消息…"))

        def done(where) -> None:
            self.test_button.setEnabled(True)
            self.state.setText(translate("alert_channels", "✓ 测试消息已发送到 {where}").format(where=where))

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            text = exc.message(self.gctx.lang) if hasattr(exc, "message") else str(exc)
            self.state.setText("✗ " + text)

        self.test_op = ops.run(None, self.gctx, alerts.test_channel, self.gctx.app, v.name, self.to.text(),
                               quiet=True, owner=self, on_done=done, on_failed=failed)

    @classmethod
    def show_for(cls, gctx, parent=None) -> None:
        cls(gctx, parent).exec()


class AlertListDialog(QDialog):
    """我的提醒: the desktop alerts addressed to me, newest first; opening one marks it read
    and shows its release."""

    open_release = Signal(int)

    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.items: list = []
        self.setObjectName("alert_list")
        self.setWindowTitle(translate("alert_channels", "我的提醒"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("alerts")
        self.list.currentRowChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _i: self.open_current())
        layout.addWidget(self.list, 2)
        self.body = QTextBrowser()
        self.body.setObjectName("body")
        layout.addWidget(self.body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(translate("alert_channels", "打开发布"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_current)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        ok, items = ops.call(self, self.gctx, alerts.my_alerts, self.gctx.app)
        if not ok:
            return
        self.items = items
        self.list.clear()
        for a in items:
            item = QListWidgetItem(("" if a.read_at else "● ") + a.subject)
            self.list.addItem(item)
        if items:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.body.setPlainText(self.items[row].body)

    def open_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        a = self.items[row]
        if a.read_at is None:
            ops.call(self, self.gctx, alerts.mark_read, self.gctx.app, a.id)
        if a.release_id is not None:
            self.open_release.emit(a.release_id)
        self.accept()
