"""首次运行: on a new database, create the first account (administrator and manager), the
company settings shared by every workstation, and offer sample data."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from relgui.domain import numbering
from relgui.domain.errors import RelguiError
from relgui.domain.versions import NEW


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
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("公司设置"))
        self.setSubTitle(self.tr("所有工作站共用这些设置；它们出现在发布计划和发布变更报告的文头。"))
        profile = wizard.gctx.profile
        form = QFormLayout(self)
        self.company = QLineEdit(profile.company, objectName="company")
        self.department = QLineEdit(profile.department, objectName="department")
        self.pattern = QLineEdit(numbering.DEFAULT_PATTERN, objectName="pattern")
        self.preview = QLabel(objectName="preview")
        form.addRow(self.tr("公司名称"), self.company)
        form.addRow(self.tr("编制部门"), self.department)
        form.addRow(self.tr("发布编号格式"), self.pattern)
        form.addRow(self.tr("示例"), self.preview)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        form.addRow(self.error)
        self.pattern.textChanged.connect(self._preview)
        self._preview()

    def _preview(self) -> None:
        try:
            pattern = numbering.check_pattern(self.pattern.text())
        except RelguiError as exc:
            self.preview.setText("—")
            self.error.setText(exc.message(self.wizard().gctx.lang if self.wizard() else "zh_CN"))
            return
        self.error.clear()
        self.preview.setText(numbering.format_number(pattern, 2026, 1))

    def validatePage(self) -> bool:
        return bool(self.preview.text() not in ("", "—") and self.company.text().strip()
                    and self.department.text().strip())


class SamplePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("示例数据"))
        layout = QVBoxLayout(self)
        self.load = QCheckBox(self.tr("载入示例数据，先熟悉软件（可在正式使用前删除数据库重新开始）"), objectName="load")
        self.count = QSpinBox(objectName="count", minimum=10, maximum=100_000, value=200, singleStep=100)
        layout.addWidget(self.load)
        row = QWidget()
        form = QFormLayout(row)
        form.addRow(self.tr("示例发布数量"), self.count)
        layout.addWidget(row)
        note = QLabel(self.tr("示例数据包含示例账户（密码 relgui-demo），仅用于熟悉软件。"), wordWrap=True)
        layout.addWidget(note)


class FirstRunWizard(QWizard):
    """Creates through the services only; what it made is in the audit trail."""

    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.actor = None
        self.setWindowTitle(self.tr("欢迎使用 relgui 发布管理"))
        self.setObjectName("first_run")
        self.account = AccountPage(self)
        self.company = CompanyPage(self)
        self.sample = SamplePage(self)
        for page in (self.account, self.company, self.sample):
            self.addPage(page)

    def accept(self) -> None:
        from relgui.services import company, demo, users

        ctx = self.gctx.app
        try:
            company.save(ctx, company_name=self.company.company.text(), department=self.company.department.text(),
                         number_pattern=self.company.pattern.text(), expected_version=NEW)
            user = users.add(ctx, self.account.username.text(), self.account.display_name.text(),
                             ["admin", "manager"], self.account.password.text())
            if self.sample.load.isChecked():
                demo.generate(ctx, releases=self.sample.count.value(), seed=1)
            self.actor = users.login(ctx, user.username, self.account.password.text())
        except RelguiError as exc:
            from relgui.gui import ops

            ops.tell(self, self.tr("不能完成"), exc.message(self.gctx.lang, self.gctx.profile))
            return
        self.gctx.settings.set("ui/last_user", self.actor.username)
        super().accept()
