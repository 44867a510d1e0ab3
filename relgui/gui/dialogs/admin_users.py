"""管理 → 用户与角色: accounts in the application (issue 15), for the administrator.

Add an account (its holder sets a new password at the first login), disable or enable it, set
its roles, reset its password (forced change at the next login). Every act goes through
relgui.services.accounts / users on a worker, carries the version the table showed, and is
audited with the administrator as actor; a refusal is said in words (the last administrator,
a weak password, a conflict with another administrator)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import RelguiError
from relgui.domain.messages import words
from relgui.domain.states import Role
from relgui.gui import ops
from relgui.services import accounts, company, users

ROLE_ORDER = (Role.MANAGER.value, Role.ENGINEER.value, Role.AUDITOR.value, Role.ADMIN.value)


def role_names(gctx, roles) -> str:
    return words("list", gctx.lang).join(gctx.profile.roles[r].label(gctx.lang) if r in gctx.profile.roles else r for r in roles)


class AccountForm(QDialog):
    """One account's fields: a new account (name, display name, roles, first password), its roles
    alone, or a new temporary password. The service's refusal is shown under the fields, which
    keep what was typed; the message goes as soon as a field is edited."""

    def __init__(self, gctx, parent: QWidget | None, *, title: str, roles=None, names: bool = False,
                 password: bool = False, call=None):
        super().__init__(parent)
        self.gctx, self.call = gctx, call
        self.setWindowTitle(title)
        self.setObjectName("account_form")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # the fields this form shows (None: not asked for when opening it)
        self.username: QLineEdit | None = None
        self.display_name: QLineEdit | None = None
        self.password: QLineEdit | None = None
        self.again: QLineEdit | None = None
        if names:
            self.username = QLineEdit(objectName="username")
            self.display_name = QLineEdit(objectName="display_name")
            form.addRow(self.tr("用户名"), self.username)
            form.addRow(self.tr("显示名"), self.display_name)
        self.roles: dict[str, QCheckBox] = {}
        if roles is not None:
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for key in ROLE_ORDER:
                check = QCheckBox(role_names(gctx, [key]), objectName=f"role_{key}")
                check.setChecked(key in roles)
                row.addWidget(check)
                self.roles[key] = check
            form.addRow(self.tr("角色"), box)
        if password:
            self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
            self.again = QLineEdit(objectName="again", echoMode=QLineEdit.EchoMode.Password)
            form.addRow(self.tr("临时密码"), self.password)
            form.addRow(self.tr("再次输入"), self.again)
            layout.addLayout(form)
            layout.addWidget(QLabel(self.tr("用户首次登录时须设置新密码。"), objectName="hint", wordWrap=True))
        else:
            layout.addLayout(form)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for edit in (self.username, self.display_name, self.password, self.again):
            if edit is not None:
                edit.textChanged.connect(lambda _=None: self.error.clear())
        for check in self.roles.values():
            check.toggled.connect(lambda _=False: self.error.clear())

    def chosen_roles(self) -> list[str]:
        return [k for k, c in self.roles.items() if c.isChecked()]

    @staticmethod
    def text_of(edit: QLineEdit | None) -> str:
        """What is typed in a field the form shows (its opener asked for that field)."""
        assert edit is not None, "a field this form does not show"
        return edit.text()

    def save(self) -> bool:
        if self.password is not None and self.password.text() != self.text_of(self.again):
            self.error.setText(self.tr("两次输入的密码不一致。"))
            return False
        op = ops.run(self, self.gctx, self.call, self, quiet=True)
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


class AdminUsersDialog(QDialog):
    COLUMNS = ("用户名", "显示名", "角色", "状态")

    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.setObjectName("admin_users")
        self.setWindowTitle(self.tr("用户与角色"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS), objectName="accounts")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for i in range(len(self.COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增用户…"), objectName="add_user", clicked=self.add_user)
        self.roles_button = QPushButton(self.tr("设置角色…"), objectName="set_roles", clicked=self.set_roles)
        self.disable_button = QPushButton(self.tr("停用"), objectName="toggle_disabled", clicked=self.toggle_disabled)
        self.reset_button = QPushButton(self.tr("重置密码…"), objectName="reset_password", clicked=self.reset_password)
        for b in (self.add_button, self.roles_button, self.disable_button, self.reset_button):
            row.addWidget(b)
        row.addStretch(1)
        close = QPushButton(self.tr("关闭"), clicked=self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.accounts: list[accounts.AccountView] = []
        ok, settings = ops.call(self, self.gctx, company.get, self.gctx.app)
        self.tz = settings.tz if ok else None  # times in the company's zone
        self.table.itemSelectionChanged.connect(self._selection)
        self.refresh()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        chosen = self.current()
        ok, found = ops.call(self, self.gctx, accounts.list_accounts, self.gctx.app)
        if not ok:
            return
        self.accounts = found
        self.table.setRowCount(len(found))
        for i, a in enumerate(found):
            u = a.user
            state = [self.tr("已停用") if u.disabled else self.tr("启用")]
            if a.must_change_password:
                state.append(self.tr("须设置新密码"))
            if u.locked_until is not None and u.locked_until > self.gctx.app.clock.now():
                state.append(self.tr("锁定至 {t}").format(t=u.locked_until.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")))
            for col, value in enumerate((u.username, u.display_name, role_names(self.gctx, u.roles),
                                         words("comma", self.gctx.lang).join(state))):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, u.username)
                self.table.setItem(i, col, item)
        if chosen is not None:
            self.select(chosen.user.username)
        self._selection()

    def current(self) -> accounts.AccountView | None:
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) and self.table.selectedItems() else None

    def select(self, username: str) -> None:
        for i, a in enumerate(self.accounts):
            if a.user.username == username:
                self.table.selectRow(i)
                return

    def _selection(self) -> None:
        a = self.current()
        for b in (self.roles_button, self.disable_button, self.reset_button):
            b.setEnabled(a is not None)
        self.disable_button.setText(self.tr("启用") if a is not None and a.user.disabled else self.tr("停用"))

    # ------------------------------------------------------------------ acts
    def add_user(self) -> bool:
        def call(form: AccountForm):
            return accounts.add(self.gctx.app, form.text_of(form.username), form.text_of(form.display_name),
                                form.chosen_roles(), form.text_of(form.password))
        form = AccountForm(self.gctx, self, title=self.tr("新增用户"), roles=[Role.ENGINEER.value], names=True,
                           password=True, call=call)
        if form.exec() != QDialog.DialogCode.Accepted:
            return False
        self.refresh()
        self.select(form.text_of(form.username).strip())
        return True

    def set_roles(self) -> bool:
        a = self.current()
        if a is None:
            return False

        def call(form: AccountForm):
            return users.set_roles(self.gctx.app, a.user.username, form.chosen_roles(), expected_version=a.user.row_version)
        form = AccountForm(self.gctx, self, title=self.tr("设置角色：{u}").format(u=a.user.display_name),
                           roles=a.user.roles, call=call)
        done = form.exec() == QDialog.DialogCode.Accepted
        self.refresh()
        return done

    def toggle_disabled(self) -> bool:
        a = self.current()
        if a is None:
            return False
        disable = not a.user.disabled
        if disable and not ops.ask(self, self.tr("停用账户"), self.tr(
                "停用 {u}？该用户将不能再登录，已打开的会话在下一次操作时结束。").format(u=a.user.display_name)):
            return False
        ok, _ = ops.call(self, self.gctx, users.set_disabled, self.gctx.app, a.user.username, disable,
                         expected_version=a.user.row_version)
        self.refresh()
        return ok

    def reset_password(self) -> bool:
        a = self.current()
        if a is None:
            return False

        def call(form: AccountForm):
            return accounts.reset_password(self.gctx.app, a.user.username, form.text_of(form.password),
                                           expected_version=a.user.row_version)
        form = AccountForm(self.gctx, self, title=self.tr("重置密码：{u}").format(u=a.user.display_name),
                           password=True, call=call)
        done = form.exec() == QDialog.DialogCode.Accepted
        self.refresh()
        return done


def open_admin_users(parent: QWidget | None, gctx) -> AdminUsersDialog:
    """管理 → 用户与角色…: modeless."""
    dialog = AdminUsersDialog(gctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
