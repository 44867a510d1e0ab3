"""文档: the 发布计划 and 发布变更报告 of one release — preview, open in Word, print, PDF, save.

An archived final document (kept at approval and at closure, R-4.4.2-ARCHIVE) is what
"open" and "print" use, so a reprint is the very file that was approved; before that, a
fresh draft is built. Generation and archiving are relgui.services.documents; rendering
for the screen and the printer is relgui.gui.docview.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from relgui.domain.release_detail import ReleaseDetail
from relgui.fsutil import safe_filename, write_private
from relgui.gui import files, ops
from relgui.gui.dialogs.sign import SignDialog
from relgui.gui.flowlayout import flow_widget

KINDS = ("plan", "report")


class DocumentsPanel(QWidget):
    def __init__(self, gctx, release: ReleaseDetail, parent=None):
        super().__init__(parent)
        self.gctx, self.release = gctx, release
        self.setObjectName("documents_panel")
        # One column: name, state, then the commands flowing in their order (the detail pane is
        # never wider than its area, in either language; no stretched gaps between rows).
        column = QVBoxLayout(self)
        names = {"plan": self.tr("发布计划"), "report": self.tr("发布变更报告")}
        self.states: dict[str, QLabel] = {}
        for kind in KINDS:
            column.addWidget(QLabel(f"<b>{names[kind]}</b>"))
            state = QLabel(objectName=f"{kind}_state", wordWrap=True)
            self.states[kind] = state
            column.addWidget(state)
            row, flow = flow_widget(self)
            for text, slot, name in (
                (self.tr("预览…"), self.preview, "preview"), (self.tr("在 Word 中打开"), self.open_in_word, "open"),
                (self.tr("打印…"), self.print_, "print"), (self.tr("导出 PDF…"), self.export_pdf, "pdf"),
                (self.tr("另存为 Word…"), self.save_docx, "save"),
            ):
                button = QPushButton(text, objectName=f"{kind}_{name}")
                button.clicked.connect(lambda _=False, k=kind, f=slot: f(k))
                flow.addWidget(button)
            if kind == "report":
                # R-4.4.2-ARCHIVE: a report whose records changed after closure gets a new version
                # only when the manager signs it again (重新签发), with the reason
                self.reissue = QPushButton(self.tr("重新签发…"), objectName="report_reissue", visible=False)
                self.reissue.setToolTip(self.tr("发布关闭后记录有变更：由运维管理部经理签署新版本的发布变更报告并归档，"
                                                "原版本保留"))
                self.reissue.clicked.connect(self.reissue_report)
                flow.addWidget(self.reissue)
            column.addWidget(row)
            column.addSpacing(8)
        column.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Which archived version each document is (R-4.4.2-ARCHIVE); a report whose records
        changed since says so (only a reissue makes a new version; nothing is regenerated).
        Read on a worker; the panel says it is reading meanwhile."""
        # lazy: the document services and relgui.documents, ~50-160 ms, at the first detail view, not at start-up
        from relgui.services import documents

        for state in self.states.values():
            state.setText(self.tr("正在读取…"))
        ops.run(None, self.gctx, documents.panel, self.gctx.app, self.release.number, owner=self,
                quiet=True, on_done=self._show_state, on_failed=self._state_failed)

    def _show_state(self, got) -> None:
        for kind in KINDS:
            kept = got.plan if kind == "plan" else got.report
            if kept is None:
                self.states[kind].setText(self.tr("尚未归档：预览与导出使用当前数据生成的草稿。"))
                continue
            text = self.tr("已归档：{name}（SHA-256 {sha}…）").format(name=kept.filename, sha=kept.sha256[:12])
            if kind == "report":
                if got.report_state is not None:
                    text += "\n" + got.report_state.describe(self.gctx.lang)
                self.reissue.setVisible(got.report_state is not None and got.report_state.stale)
                manager = self.gctx.app.actor is not None and self.gctx.app.actor.has("manager")
                self.reissue.setEnabled(manager)  # a hint: the use case reads the rights again
                if not manager:
                    self.reissue.setToolTip(self.tr("重新签发发布变更报告须由运维管理部经理执行"))
            elif kept.revision_no:
                text += " " + self.tr("版本 V{n}").format(n=kept.revision_no)
            self.states[kind].setText(text)

    def _state_failed(self, exc) -> None:
        words = exc.message(self.gctx.lang, self.gctx.profile) if hasattr(exc, "message") else ""
        for state in self.states.values():
            state.setText(self.tr("无法读取文档状态：{why}").format(why=words))

    def reissue_report(self) -> bool:
        """重新签发: the manager signs the report as it now reads, with the reason; a new version
        is archived and the earlier ones stay (closing.reissue_report: role, password, nothing
        changed, another user's change since — each refused there and said here)."""
        # lazy: closing's service with the document services, ~50-160 ms, at the first reissue
        from relgui.services import closing

        app, number, seen = self.gctx.app, self.release.number, self.release.row_version

        def submit(password: str, reason: str, _acknowledged: bool):  # on a worker, no Qt object
            return closing.reissue_report(app, number, reason, password, expected_version=seen)

        ok, stored = SignDialog.ask(
            self, self.gctx, submit, title=self.tr("签署：重新签发发布变更报告"), meaning=self.tr("重新签发"),
            what=self.tr("{n} 发布变更报告的新版本（关闭后记录有变更），原版本保留").format(n=number),
            content_hash=self.tr("签署时生成新版本并归档，签名覆盖其内容的 SHA-256"),
            signer=app.actor.display_name, role=self.gctx.profile.roles["manager"].label(self.gctx.lang),
            reason_required=True, reason_prompt=self.tr("重新签发理由（必填）"),
            reason_missing=self.tr("请填写重新签发理由。"), progress=self.tr("正在重新签发并归档发布变更报告…"))
        if ok:
            ops.tell(self, self.tr("已重新签发"), self.tr("已归档：{name}（版本 V{n}）").format(
                name=stored.filename, n=stored.revision_no), QMessageBox.Icon.Information)
        return ok

    # ---------------------------------------------------------------- the file
    def _file(self, kind: str) -> tuple[str, bytes] | None:
        """The archived bytes when there are some, else a freshly generated draft."""
        # lazy: the document services and relgui.documents, ~50-160 ms, at the first detail view, not at start-up
        from relgui.services import documents

        ok, kept = ops.call(self, self.gctx, documents.archived, self.gctx.app, self.release.number, kind)
        if ok and kept is not None:
            return kept.filename, kept.content
        ok, made = ops.call(self, self.gctx, documents.generate, self.gctx.app, self.release.number, kind)
        return (made.filename, made.content) if ok else None

    def _model(self, kind: str):
        # lazy: the document services and relgui.documents, ~50-160 ms, at the first detail view, not at start-up
        from relgui.services import documents

        ok, model = ops.call(self, self.gctx, documents.open_model, self.gctx.app, self.release.number, kind)
        return model if ok else None

    def _face(self, kind: str):
        """What preview, print and PDF show: the archived PDF face (its own pages, so a reprint
        has the archived page count) when there is one, else the document's model."""
        # lazy: the document services and relgui.documents, ~50-160 ms, at the first detail view, not at start-up
        from relgui.services import documents

        ok, kept = ops.call(self, self.gctx, documents.archived, self.gctx.app, self.release.number, kind, "pdf")
        if ok and kept is not None:
            return kept.content
        return self._model(kind)

    # ---------------------------------------------------------------- commands
    def preview(self, kind: str) -> None:
        # lazy: the preview (QtPrintSupport, relgui.render), ~100 ms, only when a document is previewed/printed
        from relgui.gui import docview

        face = self._face(kind)
        if face is not None:
            docview.preview(self, face)

    def print_(self, kind: str) -> None:
        # lazy: the preview (QtPrintSupport, relgui.render), ~100 ms, only when a document is previewed/printed
        from relgui.gui import docview

        face = self._face(kind)
        if face is not None:
            docview.print_document(self, face)

    def export_pdf(self, kind: str) -> None:
        # lazy: the preview (QtPrintSupport, relgui.render), ~100 ms, only when a document is previewed/printed
        from relgui.gui import docview

        face = self._face(kind)
        if face is None:
            return
        caption = self.tr("导出 PDF")
        path, _ = files.get_save_file_name(self, caption, f"{self.release.number}.pdf", "PDF (*.pdf)")
        if not path:
            return
        # a PDF open in a reader (Windows locks it), read-only, a full disk: said, with a retry
        done = files.write_with_retry(self, path, lambda target: docview.export_pdf(face, str(target), self),
                                      caption=caption, filter="PDF (*.pdf)")
        if done is not None:
            where, pages = done
            ops.tell(self, self.tr("已导出"), self.tr("已写入 {path}（%n 页）。", None, pages).format(path=where),
                     ops.QMessageBox.Icon.Information)

    def save_docx(self, kind: str) -> None:
        found = self._file(kind)
        if found is None:
            return
        name, content = found
        caption = self.tr("另存为 Word")
        path, _ = files.get_save_file_name(self, caption, name, "Word (*.docx)")
        if path:  # 0600, atomically (relgui.fsutil); the file open in Word: said, with a retry
            files.write_with_retry(self, path, lambda target: write_private(target, content),
                                   caption=caption, filter="Word (*.docx)")

    def open_in_word(self, kind: str) -> None:
        """Through the system's association (Word or WPS), from a private temporary folder."""
        found = self._file(kind)
        if found is None:
            return
        name, content = found
        folder = Path(tempfile.mkdtemp(prefix="relgui-"))
        path = folder / safe_filename(name, folder=folder)  # the temporary folder's path counts too
        if files.write_with_retry(self, path, lambda target: write_private(target, content)) is None:
            return  # in a 0700 folder, 0600 itself; a full disk said, not a crash
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            ops.tell(self, self.tr("无法打开"), self.tr("系统没有可以打开 .docx 的程序。文件已保存在：{path}")
                     .format(path=path))
