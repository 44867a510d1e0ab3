"""附件: the evidence files of one release — add, list with SHA-256, size and who added them,
open in the system viewer (a watched local copy, see copy_watch). Used inside the checklist
dialogs and on its own (``open_attachments``). Evidence for R-4.3.1-PRECHECK / R-4.4.1-VERIFY.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import files, ops
from relgui.gui.execution.common import cell, enter_is_local, fill, fit, local, table
from relgui.gui.execution.copy_watch import watch
from relgui.gui.reading import Reading
from relgui.services import attachments


def size_text(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


class AttachmentsPanel(QWidget):
    changed = Signal()  # the list of files was read (again): ``items`` is current

    def __init__(self, gctx, release: ReleaseDetail, parent=None):
        super().__init__(parent)
        self.gctx, self.release = gctx, release
        self.items: list[attachments.AttachmentView] = []
        self.added = False  # files were added from this panel
        layout = QVBoxLayout(self)
        self.table = table([self.tr("文件名"), self.tr("大小"), self.tr("SHA-256"), self.tr("添加人"),
                            self.tr("添加时间"), self.tr("备注")], "attachments_table")
        self.table.doubleClicked.connect(self.open_selected)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.note = QLineEdit(objectName="attachment_note", placeholderText=self.tr("备注（随下一个添加的文件保存）"))
        self.add_button = QPushButton(self.tr("添加文件…"), objectName="add_attachment")
        self.add_button.clicked.connect(self.add_files)
        self.open_button = QPushButton(self.tr("打开"), objectName="open_attachment")
        self.open_button.clicked.connect(self.open_selected)
        row.addWidget(self.note, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        # On a worker, as it opens and once per notice of an attachment added to this release
        # (by this panel, by a changed copy stored again, or at another workstation).
        self.reading = Reading(self, gctx, attachments.list_for, self._show, gather=lambda: (gctx.app, release.id),
                               entities={"attachment"}, release_id=release.id)
        self.reading.again()

    # Tests replace these two: no native file dialog, no external viewer.
    @classmethod
    def choose_files(cls, parent) -> list[str]:
        chosen, _ = files.get_open_file_names(parent, QCoreApplication.translate("AttachmentsPanel", "选择证据文件"))
        return chosen

    @classmethod
    def open_external(cls, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _show(self, got: list[attachments.AttachmentView]) -> None:
        self.items = got
        fill(self.table, [[a.filename, size_text(a.size), a.sha256[:16] + "…", a.added_by, local(a.added_at), a.note]
                          for a in self.items])
        for r, a in enumerate(self.items):
            cell(self.table, r, 2).setToolTip(a.sha256)
        self.open_button.setEnabled(bool(self.items))
        self.changed.emit()

    def add_files(self) -> list[attachments.AttachmentView]:
        added = []
        for path in self.choose_files(self):
            ok, view = ops.call(self, self.gctx, attachments.add, self.gctx.app, self.release.id, path,
                                self.note.text())
            if not ok:
                break
            added.append(view)
        if added:
            self.note.clear()
            self.added = True  # their notice shows them in the list
        return added

    def selected(self) -> attachments.AttachmentView | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def open_selected(self, *_args) -> None:
        view = self.selected()
        if view is not None:
            open_copy(self, self.gctx, self.release.number, view)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        watch().check(self, self.release.id, gctx=self.gctx)


def open_copy(parent, gctx, number: str, view: attachments.AttachmentView) -> bool:
    """Export the stored bytes and open them; a copy changed since last time is reported first."""
    w = watch()
    path = attachments.copy_path(w.folder(number), view)
    if path not in w.copies:
        w.track(gctx, view, path)
    w.check(parent, path=path)
    ok, path = ops.call(parent, gctx, attachments.export, gctx.app, view.id, w.folder(number))
    if not ok:
        return False
    w.track(gctx, view, path)
    if not AttachmentsPanel.open_external(path):
        ops.tell(parent, QCoreApplication.translate("AttachmentsPanel", "无法打开"),
                 QCoreApplication.translate("AttachmentsPanel", "没有可打开此文件的程序：{path}").format(path=path))
        return False
    return True


class AttachmentsDialog(QDialog):
    def __init__(self, parent, gctx, release: ReleaseDetail):
        super().__init__(parent)
        self.setWindowTitle(self.tr("附件 — {n}").format(n=release.number))
        self.setObjectName("attachments_dialog")
        layout = QVBoxLayout(self)
        self.panel = AttachmentsPanel(gctx, release, self)
        layout.addWidget(self.panel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit(self, 64, 24)
        enter_is_local(self)


def open_attachments(parent, gctx, release: ReleaseDetail) -> bool:
    """Whether files were added from it (a changed copy stored again is added through the watch)."""
    dialog = AttachmentsDialog(parent, gctx, release)
    dialog.exec()
    return dialog.panel.added
