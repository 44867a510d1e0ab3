"""新建发布请求: the type with the policy's definition shown (R-4.1-TYPES), linked change
requests (R-4.2.1-CHANGE checks their approval at acceptance), title, systems, window."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from relgui.domain.errors import RelguiError
from relgui.gui.forms.ui_new_release import Ui_NewReleaseDialog


class NewReleaseDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.created = None
        self.ui = Ui_NewReleaseDialog()
        self.ui.setupUi(self)
        lang = gctx.lang
        for key, t in gctx.profile.release_types.items():
            self.ui.type.addItem(t.label(lang), key)
        self.ui.type.setCurrentIndex(self.ui.type.findData("normal"))
        self.ui.type.currentIndexChanged.connect(self._show_definition)
        self._show_definition()
        start = QDateTime.currentDateTime().addDays(2)
        start.setTime(start.time().fromString("22:00", "HH:mm"))
        self.ui.planned_start.setDateTime(start)
        self.ui.planned_end.setDateTime(start.addSecs(3 * 3600))
        self._checked: set[str] = set()
        self.ui.changes.itemChanged.connect(self._toggle)
        self.ui.change_filter.textChanged.connect(self._load_changes)
        self._load_changes()
        self.ui.buttons.accepted.connect(self.submit)
        self.ui.buttons.rejected.connect(self.reject)

    def _show_definition(self) -> None:
        t = self.gctx.profile.release_types[self.ui.type.currentData()]
        approver = self.gctx.profile.roles[t.approver_role].label(self.gctx.lang)
        self.ui.type_definition.setText(self.tr("{definition}（审批：{approver}）").format(
            definition=t.definition_text(self.gctx.lang), approver=approver))

    def _load_changes(self) -> None:
        from relgui.services import changes

        self.ui.changes.blockSignals(True)
        self.ui.changes.clear()
        names = {"approved": self.tr("已批准"), "submitted": self.tr("待审批"), "rejected": self.tr("已驳回"),
                 "closed": self.tr("已关闭")}
        try:
            found = changes.search(self.gctx.app, self.ui.change_filter.text(), limit=200)
        except RelguiError as exc:
            self.ui.error.setText(exc.message(self.gctx.lang))
            self.ui.changes.blockSignals(False)
            return
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

    def submit(self) -> None:
        from relgui.services import releases

        try:
            self.created = releases.create(
                self.gctx.app, title=self.ui.title.text(), type=self.ui.type.currentData(),
                change_numbers=self.selected_changes(), systems=self.ui.systems.text(),
                description=self.ui.description.toPlainText(),
                planned_start=self.ui.planned_start.dateTime().toPython(),
                planned_end=self.ui.planned_end.dateTime().toPython())
        except RelguiError as exc:
            self.ui.error.setText(exc.message(self.gctx.lang, self.gctx.profile))
            return
        self.accept()
