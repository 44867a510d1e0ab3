"""管理 → 公司设置: the company's settings in the application (issue 15), for the administrator:
name, 编制部门, the release number pattern (and the documents' 文件编号 patterns where this
version stores them), the time zone every displayed time uses, and the policy profile in force
for new releases. Saved through relgui.services.company / accounts with the version shown (a
change by another administrator meanwhile is a conflict, said in words); audited as the
administrator. The number pattern's message stays under its field until the field is fixed."""

from __future__ import annotations

import zoneinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import numbering
from relgui.domain.errors import InvalidInput, RelguiError
from relgui.gui import ops
from relgui.services import accounts, company

# Offered first in the time-zone list (the rest follow, alphabetically).
COMMON_ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/Berlin",
                "Europe/London", "America/New_York", "UTC")


class AdminCompanyDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.setObjectName("admin_company")
        self.setWindowTitle(self.tr("公司设置"))
        self.resize(620, 360)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(objectName="company_name")
        self.department = QLineEdit(objectName="department")
        self.pattern = QLineEdit(objectName="number_pattern")
        self.pattern_hint = QLabel(objectName="pattern_hint")
        self.plan_pattern = QLineEdit(objectName="plan_number_pattern")
        self.report_pattern = QLineEdit(objectName="report_number_pattern")
        self.zone = QComboBox(objectName="timezone", editable=True)
        names = sorted(zoneinfo.available_timezones())
        self.zone.addItems([*COMMON_ZONES, *[n for n in names if n not in COMMON_ZONES]])
        self.policy = QComboBox(objectName="policy")
        form.addRow(self.tr("公司名称"), self.name)
        form.addRow(self.tr("编制部门"), self.department)
        form.addRow(self.tr("发布编号格式"), self.pattern)
        form.addRow("", self.pattern_hint)
        form.addRow(self.tr("发布计划文件编号"), self.plan_pattern)
        form.addRow(self.tr("发布变更报告文件编号"), self.report_pattern)
        form.addRow(self.tr("时区"), self.zone)
        form.addRow(self.tr("执行的制度版本"), self.policy)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("所有显示的时间均按公司时区；新的制度版本只用于此后新建的发布，已有发布仍按其创建时的制度版本执行。"),
                                wordWrap=True, objectName="note"))
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pattern.textChanged.connect(self._check_pattern)
        for edit in (self.name, self.department, self.plan_pattern, self.report_pattern):
            edit.textChanged.connect(lambda _=None: self.error.clear())
        self.load()

    def load(self) -> None:
        ok, view = ops.call(self, self.gctx, company.get, self.gctx.app)
        if not ok:
            return
        ok, choice = ops.call(self, self.gctx, accounts.policy, self.gctx.app)
        if not ok:
            return
        self.view, self.choice = view, choice
        self.name.setText(view.company_name)
        self.department.setText(view.department)
        self.pattern.setText(view.number_pattern)
        patterns = getattr(view, "doc_patterns", None)  # the documents' numbers, where stored (issue 14)
        for edit, kind in ((self.plan_pattern, "plan"), (self.report_pattern, "report")):
            edit.setText((patterns or {}).get(kind, ""))
            edit.setEnabled(patterns is not None)
        index = self.zone.findText(view.timezone)
        self.zone.setCurrentIndex(index) if index >= 0 else self.zone.setEditText(view.timezone)
        self.policy.clear()
        for ref, title in choice.installed:
            self.policy.addItem(title, ref)
        self.policy.setCurrentIndex(max(0, self.policy.findData(choice.ref)))
        self._check_pattern()

    def _check_pattern(self) -> None:
        """The pattern's example or its fault, as typed; an old message never stays after the fix."""
        self.error.clear()
        try:
            checked = numbering.check_pattern(self.pattern.text())
        except InvalidInput as exc:
            self.pattern_hint.setText(exc.message(self.gctx.lang, self.gctx.profile))
            self.pattern_hint.setStyleSheet("color: #c62828;")
            return
        self.pattern_hint.setStyleSheet("color: palette(mid);")
        self.pattern_hint.setText(self.tr("例如：{n}").format(n=numbering.format_number(checked, 2026, 1)))

    def save(self) -> bool:
        kwargs = dict(company_name=self.name.text(), department=self.department.text(),
                      number_pattern=self.pattern.text(), timezone=self.zone.currentText().strip(),
                      expected_version=self.view.row_version)
        if getattr(self.view, "doc_patterns", None) is not None:
            kwargs.update(plan_number_pattern=self.plan_pattern.text(), report_number_pattern=self.report_pattern.text())
        op = ops.run(self, self.gctx, company.save, self.gctx.app, quiet=True, **kwargs)
        op.wait()
        if not op.ok:
            return self._refused(op.error)
        ref = self.policy.currentData()
        if ref and ref != self.choice.ref or (ref and not self.choice.chosen):
            op = ops.run(self, self.gctx, accounts.set_policy, self.gctx.app, ref,
                         expected_version=self.choice.row_version, quiet=True)
            op.wait()
            if not op.ok:
                self.load()  # the settings were saved: show them as stored
                return self._refused(op.error)
        self.accept()
        return True

    def _refused(self, error) -> bool:
        if isinstance(error, RelguiError):
            self.error.setText(error.message(self.gctx.lang, self.gctx.profile))
            return False
        if error is not None:
            raise error
        return False


def open_admin_company(parent: QWidget | None, gctx) -> AdminCompanyDialog:
    """管理 → 公司设置…: modeless."""
    dialog = AdminCompanyDialog(gctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
