"""修改发布请求 (issue 15): the request's title, description, systems, window and type until it is
accepted, and its linked change requests until the plan is approved (R-4.2.1-CHANGE).

A request created without a linked change can so get one and be accepted. Every save carries the
version the detail showed (a change by somebody else meanwhile is a conflict, said in words); a
new type needs a reason (it decides the approver, R-4.1-APPROVER); a change another closed
release already delivered is linked only after the user ticks the confirmation the refusal
asks for. The title shows its limit as it is typed and is never cut."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import validation
from relgui.domain.errors import RelguiError
from relgui.domain.release_detail import ReleaseDetail, moment
from relgui.gui import ops
from relgui.services import changes, company, releases


class ReleaseRequestEditDialog(QDialog):
    def __init__(self, gctx, release: ReleaseDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx, self.release = gctx, release
        self.version = release.row_version
        self.editable = release.status == "requested"
        self.setObjectName("release_request_edit")
        self.setWindowTitle(self.tr("修改发布请求 {n}").format(n=release.number))
        self.resize(720, 620)
        ok, settings = ops.call(self, gctx, company.get, gctx.app)
        self.tz = settings.tz if ok else dt.timezone(dt.timedelta(hours=8))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(release.title, objectName="title")  # no maxLength: never cut silently
        self.title_count = QLabel(objectName="title_count")
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.title_count)
        form.addRow(self.tr("标题"), row)
        self.type = QComboBox()
        self.type.setObjectName("type")
        for key, t in gctx.profile.release_types.items():
            self.type.addItem(t.label(gctx.lang), key)
        self.type.setCurrentIndex(max(0, self.type.findData(release.type)))
        form.addRow(self.tr("发布类型"), self.type)
        self.type_reason = QLineEdit(objectName="type_reason")
        self.type_reason.setPlaceholderText(self.tr("修改发布类型的理由（发布类型决定审批人）"))
        self.type_reason_label = QLabel(self.tr("修改理由"))
        form.addRow(self.type_reason_label, self.type_reason)
        self.systems = QLineEdit(release.systems, objectName="systems")
        form.addRow(self.tr("涉及系统"), self.systems)
        zone_name = getattr(self.tz, "key", None) or str(self.tz)
        self.start = QDateTimeEdit(objectName="planned_start", calendarPopup=True, displayFormat="yyyy-MM-dd HH:mm")
        self.end = QDateTimeEdit(objectName="planned_end", calendarPopup=True, displayFormat="yyyy-MM-dd HH:mm")
        # A request without a window gets the new-request default: in two days, 22:00 for 3 hours.
        default = (gctx.app.clock.now().astimezone(self.tz) + dt.timedelta(days=2)).replace(
            hour=22, minute=0, second=0, microsecond=0)
        for edit, when, fallback in ((self.start, release.planned_start, default),
                                     (self.end, release.planned_end, default + dt.timedelta(hours=3))):
            wall = (when or fallback).astimezone(self.tz).replace(tzinfo=None)
            edit.setDateTime(QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute)))
        window = QHBoxLayout()
        window.addWidget(self.start)
        window.addWidget(QLabel("—"))
        window.addWidget(self.end)
        window.addWidget(QLabel(self.tr("（公司时区 {z}）").format(z=zone_name), objectName="zone"))
        window.addStretch(1)
        form.addRow(self.tr("计划窗口"), window)
        self.description = QPlainTextEdit(release.description, objectName="description")
        self.description.setMaximumHeight(110)
        form.addRow(self.tr("描述"), self.description)
        layout.addLayout(form)
        if not self.editable:
            note = QLabel(self.tr("请求已受理：请求内容不能再修改；计划批准前仍可调整关联的变更请求。"),
                          objectName="accepted_note", wordWrap=True)
            layout.addWidget(note)
            for w in (self.title, self.type, self.type_reason, self.systems, self.start, self.end, self.description):
                w.setEnabled(False)
        layout.addWidget(QLabel(self.tr("关联的变更请求（受理须至少一个经批准的变更请求）")))
        self.change_filter = QLineEdit(objectName="change_filter", placeholderText=self.tr("按编号或标题筛选"))
        layout.addWidget(self.change_filter)
        self.changes = QListWidget()
        self.changes.setObjectName("changes")
        layout.addWidget(self.changes, 1)
        self.confirm_delivered = QCheckBox(self.tr("我确认：再次关联已由其他已关闭发布交付的变更请求"),
                                           objectName="confirm_delivered")
        self.confirm_delivered.hide()
        layout.addWidget(self.confirm_delivered)
        self.error = QLabel(objectName="error", styleSheet="color: #c62828;", wordWrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.status_names = {"approved": self.tr("已批准"), "submitted": self.tr("待审批"), "rejected": self.tr("已驳回"),
                             "closed": self.tr("已关闭")}
        self.linked = [c.number for c in release.changes]
        self.checked: set[str] = set(self.linked)
        self.changes.itemChanged.connect(self._toggle)
        self.change_filter.textChanged.connect(self._load_changes)
        self.title.textChanged.connect(self._count)
        self.type.currentIndexChanged.connect(self._type_changed)
        for edit in (self.title, self.type_reason, self.systems):
            edit.textChanged.connect(lambda _=None: self.error.clear())
        self._count()
        self._type_changed()
        self._load_changes()

    # ------------------------------------------------------------------ fields
    def _count(self) -> None:
        """The title's length against its limit, red beyond it (refused, never cut)."""
        n, limit = len(self.title.text()), validation.TITLE_LIMIT
        self.title_count.setText(f"{n}/{limit}")
        self.title_count.setStyleSheet("color: #c62828;" if n > limit else "color: palette(mid);")
        self.error.clear()

    def _type_changed(self) -> None:
        changed = self.type.currentData() != self.release.type
        self.type_reason.setVisible(changed)
        self.type_reason_label.setVisible(changed)

    def _load_changes(self) -> None:
        ok, found = ops.call(self, self.gctx, changes.search, self.gctx.app, self.change_filter.text(), limit=200)
        if not ok:
            return
        known = {c.number for c in found}
        shown = list(found)
        missing = [n for n in self.checked if n not in known]  # linked ones always listed
        if missing and not self.change_filter.text():
            ok, more = ops.call(self, self.gctx, changes.by_numbers, self.gctx.app, missing)
            shown = (more if ok else []) + shown
        self.changes.blockSignals(True)
        self.changes.clear()
        for c in shown:
            item = QListWidgetItem(f"{c.number}  {c.title}  [{self.status_names.get(c.status, c.status)}]")
            item.setData(Qt.ItemDataRole.UserRole, c.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.number in self.checked else Qt.CheckState.Unchecked)
            self.changes.addItem(item)
        self.changes.blockSignals(False)

    def _toggle(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        (self.checked.add if item.checkState() == Qt.CheckState.Checked else self.checked.discard)(number)
        self.error.clear()

    def check(self, number: str, on: bool = True) -> None:
        """Tick (or untick) a change request in the list, as a click would."""
        for i in range(self.changes.count()):
            item = self.changes.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == number:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _wall(self, edit: QDateTimeEdit) -> dt.datetime:
        q = edit.dateTime()
        d, t = q.date(), q.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.tz)

    def _fields_changed(self) -> bool:
        r = self.release
        def same_time(when: dt.datetime | None, edit: QDateTimeEdit) -> bool:
            return when is not None and when == self._wall(edit)  # instants compared, zones aside
        return not (self.title.text() == r.title and self.type.currentData() == r.type
                    and self.systems.text() == (r.systems or "")
                    and self.description.toPlainText() == (r.description or "")
                    and same_time(r.planned_start, self.start) and same_time(r.planned_end, self.end))

    # ------------------------------------------------------------------ saving
    def _do(self, fn, *args, **kwargs):
        op = ops.run(self, self.gctx, fn, self.gctx.app, *args, quiet=True, **kwargs)
        op.wait()
        if op.ok:
            return True, op.result
        if isinstance(op.error, RelguiError):
            codes = {r.code for r in op.error.refusals}
            if "change_already_delivered" in codes:
                self.confirm_delivered.show()
            self.error.setText(op.error.message(self.gctx.lang, self.gctx.profile))
            return False, op.error
        if op.error is not None:
            raise op.error
        return False, None

    def save(self) -> bool:
        if self.editable and self._fields_changed():
            ok, version = self._do(releases.edit_request, self.release.id, title=self.title.text(),
                                   description=self.description.toPlainText(), systems=self.systems.text(),
                                   planned_start=self._wall(self.start), planned_end=self._wall(self.end),
                                   type=self.type.currentData(), type_reason=self.type_reason.text(),
                                   expected_version=self.version)
            if not ok:
                return False
            self.version = version
            # What is now saved is what a second save compares with (the stored instants, to the second).
            self.release = dataclasses.replace(
                self.release, title=self.title.text(), type=self.type.currentData(), systems=self.systems.text(),
                description=self.description.toPlainText(), planned_start=moment(self._wall(self.start)),
                planned_end=moment(self._wall(self.end)))
        if sorted(self.checked) != sorted(self.linked):
            ok, version = self._do(releases.link_changes, self.release.id, sorted(self.checked),
                                   confirm_delivered=self.confirm_delivered.isVisible() and self.confirm_delivered.isChecked(),
                                   expected_version=self.version)
            if not ok:
                return False
            self.version, self.linked = version, sorted(self.checked)
        self.accept()
        return True


def edit_request(parent, gctx, release: ReleaseDetail) -> bool:
    """The detail's 修改请求… command: True when something was saved."""
    dialog = ReleaseRequestEditDialog(gctx, release, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
