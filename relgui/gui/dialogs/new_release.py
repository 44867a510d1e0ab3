"""新建发布请求: the type with the policy's definition shown (R-4.1-TYPES), linked change
requests (R-4.2.1-CHANGE checks their approval at acceptance), title, systems, window.

The title shows its limit (relgui.domain.validation.TITLE_LIMIT, the one place it is decided)
as it is typed; a longer one is refused in words and kept as typed, never cut. The window is
entered in the company's time zone (relgui.services.company), like every displayed time; a
紧急发布 starts now unless the window was set by hand. Reads and the write run through
gui/ops.py."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QListWidgetItem, QWidget

from relgui.domain import validation
from relgui.domain.errors import RelguiError
from relgui.gui import ops
from relgui.gui.forms.ui_new_release import Ui_NewReleaseDialog
from relgui.services import changes, company, releases

EMERGENCY = "emergency"


class NewReleaseDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.created = None
        self.ui = Ui_NewReleaseDialog()
        self.ui.setupUi(self)
        lang = gctx.lang
        ok, settings = ops.call(self, gctx, company.get, gctx.app)
        self.tz = settings.tz if ok else dt.timezone(dt.timedelta(hours=8))
        zone = getattr(self.tz, "key", None) or str(self.tz)
        for label in (self.ui.start_label, self.ui.end_label):
            label.setToolTip(self.tr("公司时区 {z}").format(z=zone))
        self.ui.form.addRow("", QLabel(self.tr("时间均为公司时区（{z}）").format(z=zone), objectName="zone"))
        for key, t in gctx.profile.release_types.items():
            self.ui.type.addItem(t.label(lang), key)
        self.ui.type.setCurrentIndex(self.ui.type.findData("normal"))
        self.ui.type.currentIndexChanged.connect(self._type_changed)
        self._show_definition()
        self._window_by_hand = False
        self._default_window()
        for edit in (self.ui.planned_start, self.ui.planned_end):
            edit.dateTimeChanged.connect(self._window_edited)
        limit = validation.TITLE_LIMIT
        self.ui.title.setPlaceholderText(self.tr("最多 %n 个字", None, limit))
        self.ui.title.textChanged.connect(self._count)
        self._count()
        self._checked: set[str] = set()
        self.ui.changes.itemChanged.connect(self._toggle)
        self.ui.change_filter.textChanged.connect(self._load_changes)
        self._load_changes()
        self.confirm_delivered = QCheckBox(self.tr("我确认：再次关联已由其他已关闭发布交付的变更请求"),
                                           objectName="confirm_delivered")
        self.confirm_delivered.hide()
        self.ui.layout.insertWidget(self.ui.layout.indexOf(self.ui.error), self.confirm_delivered)
        self.ui.buttons.accepted.connect(self.submit)
        self.ui.buttons.rejected.connect(self.reject)

    # ---------------------------------------------------------------- fields
    def _count(self) -> None:
        """The title's length against its limit, red beyond it (refused on saving, never cut)."""
        n, limit = len(self.ui.title.text()), validation.TITLE_LIMIT
        self.ui.title_count.setText(f"{n}/{limit}")
        self.ui.title_count.setToolTip(self.tr("标题最多 %n 个字", None, limit))
        self.ui.title_count.setStyleSheet("color: #c62828; font-weight: bold;" if n > limit else "color: palette(mid);")
        self.ui.error.setText(self.tr("标题超过 %n 个字（现为 {now} 个字），请缩短。", None, limit).format(now=n)
                              if n > limit else "")

    def _type_changed(self) -> None:
        self._show_definition()
        if not self._window_by_hand:
            self._default_window()

    def _show_definition(self) -> None:
        t = self.gctx.profile.release_types[self.ui.type.currentData()]
        approver = self.gctx.profile.roles[t.approver_role].label(self.gctx.lang)
        self.ui.type_definition.setText(self.tr("{definition}（审批：{approver}）").format(
            definition=t.definition_text(self.gctx.lang), approver=approver))

    def _default_window(self) -> None:
        """紧急发布: from now (the next quarter hour), 2 hours; otherwise in two days, 22:00 for
        3 hours. In the company's time zone."""
        now = self.gctx.app.clock.now().astimezone(self.tz)
        if self.ui.type.currentData() == EMERGENCY:
            start = (now + dt.timedelta(minutes=15 - now.minute % 15)).replace(second=0, microsecond=0)
            end = start + dt.timedelta(hours=2)
        else:
            start = (now + dt.timedelta(days=2)).replace(hour=22, minute=0, second=0, microsecond=0)
            end = start + dt.timedelta(hours=3)
        for edit, when in ((self.ui.planned_start, start), (self.ui.planned_end, end)):
            edit.blockSignals(True)
            edit.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute)))
            edit.blockSignals(False)

    def _window_edited(self) -> None:
        self._window_by_hand = True

    def _wall(self, edit) -> dt.datetime:
        q = edit.dateTime()
        d, t = q.date(), q.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.tz)

    # ---------------------------------------------------------------- changes
    def _load_changes(self) -> None:
        ok, found = ops.call(self, self.gctx, changes.search, self.gctx.app, self.ui.change_filter.text(), limit=200)
        if not ok:
            return
        names = {"approved": self.tr("已批准"), "submitted": self.tr("待审批"), "rejected": self.tr("已驳回"),
                 "closed": self.tr("已关闭")}
        self.ui.changes.blockSignals(True)
        self.ui.changes.clear()
        for c in found:
            item = QListWidgetItem(f"{c.number}  {c.title}  [{names.get(c.status, c.status)}]")
            item.setData(Qt.ItemDataRole.UserRole, c.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.number in self._checked else Qt.CheckState.Unchecked)
            self.ui.changes.addItem(item)
        self.ui.changes.blockSignals(False)

    def _toggle(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(number)
        else:
            self._checked.discard(number)

    def selected_changes(self) -> list[str]:
        """Checked change requests, including those hidden by the current filter."""
        return sorted(self._checked)

    # ---------------------------------------------------------------- saving
    def submit(self) -> bool:
        """Refusals (a title over its limit, an empty title, a window ending before it starts, a
        change another closed release delivered) are said under the form in the user's words;
        what was typed stays."""
        op = ops.run(self, self.gctx, releases.create, self.gctx.app, title=self.ui.title.text(),
                     type=self.ui.type.currentData(), change_numbers=self.selected_changes(),
                     systems=self.ui.systems.text(), description=self.ui.description.toPlainText(),
                     planned_start=self._wall(self.ui.planned_start), planned_end=self._wall(self.ui.planned_end),
                     confirm_delivered=self.confirm_delivered.isVisible() and self.confirm_delivered.isChecked(),
                     quiet=True)
        op.wait()
        if op.ok:
            self.created = op.result
            self.accept()
            return True
        if isinstance(op.error, RelguiError):
            if "change_already_delivered" in {r.code for r in op.error.refusals}:
                self.confirm_delivered.show()
            self.ui.error.setText(op.error.message(self.gctx.lang, self.gctx.profile))
            return False
        if op.error is not None:
            raise op.error
        return False
