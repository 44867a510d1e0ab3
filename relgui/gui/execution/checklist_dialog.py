"""The dialog of one checklist, shared by 预发布验证 (R-4.3.1-PRECHECK) and 效果验证
(R-4.4.1-VERIFY); see checklists.py for the two.

Each item of the profile's checklist is recorded on its own (result, reason, evidence note
or file, who and when — 用户验收 also with the business department's confirmation). The
"complete" command, and in 预发布验证 "开始发布实施", stay disabled while the domain refuses
them, and the refusals are written out under the buttons, not only in a tooltip.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import Conflict
from relgui.domain.messages import action_label
from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui.execution.attachments_panel import AttachmentsPanel
from relgui.gui.execution.checklist_item import ItemEditor
from relgui.gui.execution.common import ReleaseState, enter_is_local, fit
from relgui.services import details, execution


class ChecklistDialog(QDialog):
    """Subclasses name the checklist, its record and complete actions and the complete call."""

    checklist = ""
    record_action = Action.RECORD_PRECHECK
    complete_action = Action.COMPLETE_PRECHECK

    def __init__(self, parent, gctx, release: ReleaseDetail):
        super().__init__(parent)
        self.gctx = gctx
        self.state = ReleaseState(gctx, release, self)
        spec = gctx.profile.checklists[self.checklist]
        self.setWindowTitle(f"{spec.label(gctx.lang)} — {release.number}")
        self.setObjectName(f"{self.checklist}_dialog")
        layout = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading", wordWrap=True)
        layout.addWidget(self.heading)
        tabs = QTabWidget()
        tabs.setObjectName("tabs")
        tabs.addTab(self._items(spec), self.tr("检查项"))
        self.files = AttachmentsPanel(gctx, release, self)
        self.files.changed.connect(self._files_changed)
        tabs.addTab(self.files, self.tr("附件"))
        layout.addWidget(tabs, 1)
        self.blockers = QLabel(objectName="blockers", wordWrap=True)
        layout.addWidget(self.blockers)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.complete_button = self._button(self.complete_label(), "complete", self.complete)
        self._extra_buttons()
        self.buttons.addStretch(1)
        self._button(self.tr("关闭"), "close", self.reject)
        self.state.reloaded.connect(self.refresh)
        self.state.reload()
        fit(self, 64, 48)
        enter_is_local(self)

    def _items(self, spec) -> QScrollArea:
        page = QWidget()
        column = QVBoxLayout(page)
        self.editors: dict[str, ItemEditor] = {}
        for item in spec.items:
            editor = ItemEditor(self.gctx, self.checklist, item, page)
            editor.record.connect(self.record)
            editor.add_file.connect(self.add_file)
            column.addWidget(editor)
            self.editors[item.key] = editor
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setObjectName("items")
        scroll.setWidget(page)
        return scroll

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def _extra_buttons(self) -> None:
        """Room for a further command after 'complete' (预发布验证: start deployment)."""

    # ---------------------------------------------------------------- showing
    def refresh(self) -> None:
        self.heading.setText(self.state.heading())
        recorded = self._recorded()
        for key, editor in self.editors.items():
            entry = recorded.get(key)
            editor.load(entry, entry.attachment_id if entry is not None else None)
            self.state.gate(editor.record_button, self.record_action)
        self.state.gate(self.complete_button, self.complete_action)
        text, ok = self.blocker_text()
        self.blockers.setText(text)
        self.blockers.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")

    def _recorded(self) -> dict:
        """This checklist's records as last read, by item."""
        return {e.item: e for e in self.state.data.checklists.get(self.checklist, ())}

    def blocker_text(self) -> tuple[str, bool]:
        """What stands in the way of completing, as the domain says it; (text, nothing in the way)."""
        why = self.state.why_not(self.complete_action)
        if not why:
            return "", True
        return self.tr("尚不能{action}：{why}").format(
            action=action_label(self.complete_action.value, self.gctx.lang), why=why), False

    def _files_changed(self) -> None:
        """The release's files were read (again): every item offers them. (An item's evidence is
        its record's attachment, read with the release.)"""
        recorded = self._recorded()
        for key, editor in self.editors.items():
            keep = None  # an item being edited keeps what it has chosen
            if not editor.dirty and (entry := recorded.get(key)) is not None:
                keep = entry.attachment_id  # the recorded evidence, shown once the list has it
            editor.set_files(self.files.items, keep=keep)

    # ---------------------------------------------------------------- commands
    def record(self, key: str) -> bool:
        editor = self.editors[key]
        result = editor.result()
        if result is None:
            editor.status.setText(self.tr("请先选择结果：通过、未通过或不适用。"))
            return False
        ok, value = self.state.call(self, execution.record_item, self.state.id, self.checklist, key, result,
                                    **editor.values())
        if ok:
            editor.dirty = False
            self.refresh()
        elif isinstance(value, Conflict):
            # The conflict dialog said who recorded it and when, and the line above the fields
            # now shows their result; the fields keep what this user typed. Saving again is a
            # deliberate decision over the result they have now seen.
            editor.seen = details.seen_entry(self.state.data, self.checklist, key)
            self.refresh()
        return ok

    def add_file(self, key: str) -> None:
        added = self.files.add_files()
        if added:
            # Offered and chosen at once (the list itself is read again from the addition's notice).
            known = {a.id for a in self.files.items}
            self.editors[key].set_files([*self.files.items, *(a for a in added if a.id not in known)],
                                        keep=added[-1].id)
            self.editors[key].dirty = True

    def complete_label(self) -> str:
        raise NotImplementedError

    def complete(self) -> bool:
        raise NotImplementedError

    def done(self, code: int) -> None:
        self.state.detach()
        super().done(code)

