"""首次运行: on a new database, create the first account (administrator and manager), the
company settings shared by every workstation, and offer sample data.

The number pattern is checked as it is typed by the one validator (domain.numbering), its
message shown under the field, its example beside. Sample data follows the demo's rule (only
into a database without releases); its accounts get random passwords, shown once on a last
page and cleared from it when the wizard closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from relgui.domain import numbering
from relgui.domain.errors import RelguiError
from relgui.domain.lifecycle import Actor
from relgui.domain.versions import NEW
from relgui.gui import ops
from relgui.services import company, users


class AccountPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("第一个账户"))
        self.setSubTitle(self.tr("此账户是系统管理员，也是运维管理部经理；其他用户之后由它添加。"))
        form = QFormLayout(self)
        self.username = QLineEdit(objectName="username")
        self.display_name = QLineEdit(objectName="display_name")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(objectName="repeat", echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("密码（至少 8 个字符）"), self.password)
        form.addRow(self.tr("再次输入密码"), self.repeat)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("两次输入的密码不一致。"))
            return False
        if len(self.password.text()) < 8:
            self.error.setText(self.tr("密码至少需要 8 个字符。"))
            return False
        if not self.username.text().strip() or not self.display_name.text().strip():
            self.error.setText(self.tr("请填写用户名和姓名。"))
            return False
        self.error.clear()
        return True


class CompanyPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, stored=None):
        """``stored``: the settings already saved (relgui-admin init before the first start)."""
        super().__init__(wizard)
        self.lang = wizard.gctx.lang
        self.setTitle(self.tr("公司设置"))
        self.setSubTitle(self.tr("所有工作站共用这些设置；它们出现在发布计划和发布变更报告的文头。"))
        profile = wizard.gctx.profile
        form = QFormLayout(self)
        self.company = QLineEdit(stored.company_name if stored else profile.company, objectName="company")
        self.department = QLineEdit(stored.department if stored else profile.department, objectName="department")
        self.pattern = QLineEdit(stored.number_pattern if stored else numbering.DEFAULT_PATTERN, objectName="pattern")
        self.pattern.setToolTip(self.tr("{year} 为年份，{seq} 为当年序号（可加宽度和补零，如 {seq:04d}）"))
        self.preview = QLabel(objectName="preview")
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        form.addRow(self.tr("公司名称"), self.company)
        form.addRow(self.tr("编制部门"), self.department)
        form.addRow(self.tr("发布编号格式"), self.pattern)
        form.addRow("", self.error)  # the pattern's message, right under it
        form.addRow(self.tr("示例"), self.preview)
        self.pattern.textChanged.connect(self._preview)
        self._preview()

    def _preview(self) -> bool:
        try:
            pattern = numbering.check_pattern(self.pattern.text())
        except RelguiError as exc:
            self.preview.setText("—")
            self.error.setText(exc.message(self.lang))
            return False
        self.error.clear()
        self.preview.setText(numbering.example(pattern))
        return True

    def validatePage(self) -> bool:
        if not self._preview():
            return False
        if not self.company.text().strip() or not self.department.text().strip():
            self.error.setText(self.tr("请填写公司名称和编制部门。"))
            return False
        return True


class SamplePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("示例数据"))
        layout = QVBoxLayout(self)
        self.load = QCheckBox(self.tr("载入示例数据，先熟悉软件（可在正式使用前删除数据库重新开始）"), objectName="load")
        self.count = QSpinBox(minimum=10, maximum=100_000, value=200, singleStep=100)
        self.count.setObjectName("count")
        layout.addWidget(self.load)
        row = QWidget()
        form = QFormLayout(row)
        form.addRow(self.tr("示例发布数量"), self.count)
        layout.addWidget(row)
        note = QLabel(self.tr("示例数据会添加示例账户（经理、工程师、审计员），各有随机生成的密码，完成时只显示一次。"
                              "示例数据只能载入尚无发布的数据库。"), objectName="note", wordWrap=True)
        layout.addWidget(note)

    def nextId(self) -> int:
        """The last page, until sample accounts were made: then their passwords follow."""
        return self.wizard_.accounts_id if self.wizard_.accounts.shown else -1


class AccountsPage(QWizardPage):
    """The sample accounts' passwords, shown this once; nothing else keeps them."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.shown = False
        self.setTitle(self.tr("示例账户"))
        self.setSubTitle(self.tr("示例账户的密码是随机生成的，只在这里显示这一次，请现在记下。"
                                 "关闭向导后不能再查看；忘记时由系统管理员重设。"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, objectName="accounts")
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("密码")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)

    def show_accounts(self, accounts, profile, lang: str) -> None:
        self.table.setRowCount(len(accounts))
        for row, a in enumerate(accounts):
            roles = "、".join(profile.roles[r].label(lang) if r in profile.roles else r for r in a.roles)
            for col, value in enumerate((a.username, a.display_name, roles, a.password)):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
        self.shown = True

    def forget(self) -> None:
        self.table.clearContents()
        self.table.setRowCount(0)


def stored_company(ctx) -> company.CompanyView | None:
    """What the company page starts from: the settings saved before, if any (start-up reads it
    on a worker and hands it to the wizard)."""
    return company.get(ctx) if company.is_configured(ctx) else None


class FirstRunWizard(QWizard):
    """Creates through the services only; what it made is in the audit trail. A step that
    succeeded is not repeated when a later one fails and the user tries again."""

    def __init__(self, gctx, stored: company.CompanyView | None = None, parent: QWidget | None = None):
        """``stored``: the company's settings as read before (``stored_company``, on a worker);
        None when there are none yet, which a save then requires."""
        super().__init__(parent)
        self.gctx = gctx
        self.actor: Actor | None = None  # who set it up, logged in: the one the main window opens for
        self._company_version: object = stored.row_version if stored else NEW  # the version shown
        self._created: tuple[str, str] | None = None  # the account made, and the password it was made with
        self._acting: Actor | None = None  # that account, logged in: who saves the settings and loads samples
        self.setWindowTitle(self.tr("欢迎使用 relgui 发布管理"))
        self.setObjectName("first_run")
        self.account = AccountPage(self)
        self.company = CompanyPage(self, stored)
        self.sample = SamplePage(self)
        self.accounts = AccountsPage(self)
        for page in (self.account, self.company, self.sample):
            self.addPage(page)
        self.accounts_id = self.addPage(self.accounts)

    def accept(self) -> None:
        if self.actor is not None:  # Finish on the sample accounts' page: all was done before
            self.accounts.forget()
            super().accept()
            return
        # lazy: the demo generator, ~110 ms, only when the demo is asked for
        from relgui import demo

        ctx = self.gctx.app
        username, display = self.account.username.text(), self.account.display_name.text()
        password = self.account.password.text()
        company_name, department = self.company.company.text(), self.company.department.text()
        pattern = self.company.pattern.text()
        sample = self.sample.count.value() if self.sample.load.isChecked() else 0

        def set_up():
            """On a worker (the sample data takes seconds); the wizard waits, painting."""
            # The account first, made as itself (users.add first=True); then everything else is
            # done, and audited, by that account, never by the workstation's system actor.
            if self._created is None:
                user = users.add(ctx, username, display, ["admin", "manager"], password, first=True)
                self._created = (user.username, password)
            if self._acting is None:
                self._acting = users.login(ctx, *self._created)
            as_user = ctx.as_user(self._acting)
            saved = company.save(as_user, company_name=company_name, department=department,
                                 number_pattern=pattern, expected_version=self._company_version)
            self._company_version = saved.row_version
            return demo.generate(as_user, releases=sample, seed=1) if sample else None

        ok, report = ops.call(self, self.gctx, set_up, progress=self.tr("正在建立数据库…"))
        if not ok:
            return  # said in words by ops (what was typed stays in the wizard)
        assert self._acting is not None  # set_up succeeded: it logged the account in
        self.actor = self._acting
        self.gctx.settings.set("ui/last_user", self.actor.username)
        if report is not None and report.accounts:
            self.accounts.show_accounts(report.accounts, self.gctx.profile, self.gctx.lang)
            self.sample.setCommitPage(True)  # no way back to the pages whose work is done
            for _ in self.pageIds():  # Finish is on the sample page; from elsewhere, walk there
                if self.currentId() == self.accounts_id:
                    break
                self.next()
            return
        super().accept()

    def reject(self) -> None:
        """Closing the passwords' page finishes the wizard: the work is done, the user logged in."""
        if self.actor is not None:
            self.accounts.forget()
            super().accept()
            return
        super().reject()
