"""Local copies of attachments opened in the system viewer, watched for changes behind the app.

The database keeps the evidence; the file a viewer opens is a copy in a managed folder. When
the user comes back to relgui (the application becomes active again) or opens the same
attachment again, each copy's SHA-256 is compared with the stored one. A changed copy is
reported plainly, once per change, and may be added as a new attachment — the original
stays as it was (R-1.3-TRACE).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from relgui.gui import ops
from relgui.gui.context import GuiContext
from relgui.services import attachments

# Per-user temp folder: copies are disposable, and never land in a synced Documents folder.
FOLDER = Path(tempfile.gettempdir()) / "relgui-attachments"


@dataclass
class Copy:
    gctx: GuiContext
    view: attachments.AttachmentView
    path: Path
    seen: str  # the SHA-256 last accepted (stored, or a change already reported)


class CopyWatch(QObject):

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.copies: dict[Path, Copy] = {}
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):  # a QCoreApplication has no application state
            app.applicationStateChanged.connect(self._on_state)

    def folder(self, number: str) -> Path:
        return FOLDER / number

    def track(self, gctx, view: attachments.AttachmentView, path: Path) -> None:
        self.copies[path] = Copy(gctx, view, path, view.sha256)

    def _on_state(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check(QApplication.activeWindow())

    def check(self, parent, release_id: int | None = None, path: Path | None = None, gctx=None) -> int:
        """Report each copy changed since last seen (of one release, one file or one session's
        database when given); returns how many were reported."""
        reported = 0
        for copy in list(self.copies.values()):
            if ((release_id is not None and copy.view.release_id != release_id) or (path and copy.path != path)
                    or (gctx is not None and copy.gctx is not gctx)):
                continue
            digest = attachments.file_sha256(copy.path)
            if digest is None or digest in (copy.view.sha256, copy.seen):
                continue
            copy.seen = digest  # tell once per change, not on every return to the window
            reported += 1
            self._report(parent, copy)
        return reported

    def _report(self, parent, copy: Copy) -> None:
        text = self.tr("附件“{name}”的本机副本在 relgui 之外被修改过，与数据库中保存的原件不一致。\n"
                       "副本：{path}\n原件 SHA-256：{sha}\n\n数据库中的原件没有改变，仍作为证据保留。\n"
                       "是否把修改后的文件作为新附件添加？").format(
            name=copy.view.filename, path=copy.path, sha=copy.view.sha256)
        if not ops.ask(parent, self.tr("附件副本已被修改"), text):
            return
        note = self.tr("由附件 #{id}“{name}”的本机副本修改而来").format(id=copy.view.id, name=copy.view.filename)
        # Its notice shows it in the windows that list this release's attachments.
        ops.call(parent, copy.gctx, attachments.add, copy.gctx.app, copy.view.release_id, copy.path, note,
                 filename=copy.view.filename)


_watch: CopyWatch | None = None


def watch() -> CopyWatch:
    """The one watch of this process (parented to the application, so Qt owns it)."""
    global _watch
    if _watch is None:
        _watch = CopyWatch(QApplication.instance())
    return _watch
