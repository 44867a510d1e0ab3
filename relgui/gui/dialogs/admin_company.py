"""管理 → 公司设置: the company's settings in the application (issue 15), for the administrator:
name, 编制部门, the release number pattern, the documents' 文件编号 patterns (发布计划 and
发布变更报告, issue 14: previewed on the next release's number, checked as typed by the rules
company.save applies — numbering.doc_preview), the time zone every displayed time uses, and
the policy profile in force for new releases. Saved through relgui.services.company /
accounts with the version shown (a change by another administrator meanwhile is a conflict,
said in words); audited as the administrator. A pattern's message stays under its field
until the field is fixed."""

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
        self.doc_hint = QLabel(objectName="doc_pattern_hint", wordWrap=True)
        self.next_seq = (2026, 1)  # the year and sequence number of the next release (load)
        self.zone = QComboBox(editable=True)
        self.zone.setObjectName("timezone")
        names = sorted(zoneinfo.available_timezones())
        self.zone.addItems([*COMMON_ZONES, *[n for n in names if n not in COMMON_ZONES]])
        self.policy = QComboBox()
        self.policy.setObjectName("policy")
        form.addRow(self.tr("公司名称"), self.name)
        form.addRow(self.tr("编制部门"), self.department)
        form.addRow(self.tr("发布编号格式"), self.pattern)
        form.addRow("", self.pattern_hint)
        form.addRow(self.tr("发布计划文件编号"), self.plan_pattern)
        form.addRow(self.tr("发布变更报告文件编号"), self.report_pattern)
        form.addRow("", self.doc_hint)
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
        for edit in (self.plan_pattern, self.report_pattern):
            edit.textChanged.connect(self._check_doc_patterns)
        for edit in (self.name, self.department):
            edit.textChanged.connect(lambda _=None: self.error.clear())
        self.load()

    def load(self) -> None:
        ok, view = ops.call(self, self.gctx, company.get, self.gctx.app)
        if not ok:
            return
        ok, choice = ops.call(self, self.gctx, accounts.policy, self.gctx.app)
        if not ok:
            return
        ok, next_seq = ops.call(self, self.gctx, company.next_sequence, self.gctx.app)
        if not ok:
            return
        self.next_seq = next_seq
        self.view, self.choice = view, choice
        self.name.setText(view.company_name)
        self.department.setText(view.department)
        self.pattern.setText(view.number_pattern)
        for edit, kind in ((self.plan_pattern, "plan"), (self.report_pattern, "report")):
            edit.setText(view.doc_patterns.get(kind, ""))
        index = self.zone.findText(view.timezone)
        self.zone.setCurrentIndex(index) if index >= 0 else self.zone.setEditText(view.timezone)
        self.policy.clear()
        for ref, title in choice.installed:
            self.policy.addItem(title, ref)
        self.policy.setCurrentIndex(max(0, self.policy.findData(choice.ref)))
        self._check_pattern()

    def _release_example(self) -> str:
        """The next release's number by the pattern typed (the stored one while the typed one is refused)."""
        year, seq = self.next_seq
        for pattern in (self.pattern.text(), self.view.number_pattern if hasattr(self, "view") else ""):
            try:
                return numbering.format_number(numbering.check_pattern(pattern), year, seq)
            except InvalidInput:
                continue
        return numbering.format_number(numbering.DEFAULT_PATTERN, year, seq)

    def _check_doc_patterns(self) -> None:
        """The documents' numbers for the next release, or the fault of the pattern typed, in
        words under the fields (the rules company.save applies: numbering.doc_preview)."""
        self.error.clear()
        labels = {"plan": self.tr("发布计划文件编号"), "report": self.tr("发布变更报告文件编号")}
        typed = {"plan": self.plan_pattern.text(), "report": self.report_pattern.text()}
        try:
            for kind, value in typed.items():
                try:
                    numbering.typed_doc_pattern(value, kind)
                except InvalidInput as exc:  # which field is at fault, then why
                    raise _Fault(labels[kind], exc) from None
            release = self._release_example()
            made = numbering.doc_preview(typed["plan"], typed["report"], release)
        except _Fault as fault:
            return self._doc_fault(self.tr("{kind}：{detail}").format(
                kind=fault.label, detail=fault.error.message(self.gctx.lang, self.gctx.profile)))
        except InvalidInput as exc:
            return self._doc_fault(exc.message(self.gctx.lang, self.gctx.profile))
        self.doc_hint.setStyleSheet("color: palette(mid);")
        self.doc_hint.setText(self.tr("下一个发布 {release}：发布计划 {plan}，发布变更报告 {report}").format(
            release=release, plan=made["plan"], report=made["report"]))

    def _doc_fault(self, message: str) -> None:
        self.doc_hint.setStyleSheet("color: #c62828;")
        self.doc_hint.setText(message)

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
        self._check_doc_patterns()  # the documents' numbers follow the release's

    def save(self) -> bool:
        kwargs = dict(company_name=self.name.text(), department=self.department.text(),
                      number_pattern=self.pattern.text(), timezone=self.zone.currentText().strip(),
                      plan_number_pattern=self.plan_pattern.text(), report_number_pattern=self.report_pattern.text(),
                      expected_version=self.view.row_version)
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


class _Fault(Exception):
    """A document-number pattern refused, with the field it was typed in."""

    def __init__(self, label: str, error: InvalidInput):
        super().__init__(label)
        self.label, self.error = label, error


def open_admin_company(parent: QWidget | None, gctx) -> AdminCompanyDialog:
    """管理 → 公司设置…: modeless."""
    dialog = AdminCompanyDialog(gctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
