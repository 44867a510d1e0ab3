"""发布关闭 (R-4.2.2-CLOSE): the manager sees the result the path decided (发布成功 / 发布失败 /
已回退), writes the analysis of success or failure, and signs with the password again
(R-DOC-SIGN, meaning 关闭). After closing, the process documents are archived: the approved
plan and the 发布变更报告 (R-4.4.2-ARCHIVE). A wrong password keeps the analysis in the window
(and the sign dialog open). Beside the form, the 发布变更报告 as closing will make it, with the
analysis as typed (services.plan_review.report_preview, laid out and drawn on a worker by
gui/docview.py: the same pages the archive, print and PDF have), read before signing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import text
from relgui.domain.errors import RelguiError
from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui import ops
from relgui.gui.dialogs.sign import SignDialog
from relgui.gui.execution.common import ReleaseState, enter_is_local, fit, local
from relgui.gui.execution.rollback_dialogs import decision_text
from relgui.gui.icons import OUTCOME_COLORS
from relgui.services import closing, closing_checks, documents, plan_review

PREVIEW_DPI = 80  # an A4 page 660 px wide: whole beside the form (the preview window uses 96)


def report_pages(app, number: str, analysis: str):
    """On a worker: the 发布变更报告 closing would archive now, with ``analysis`` as typed,
    as pages and their images (gui/docview.py, the one renderer)."""
    # lazy: the preview (QtPrintSupport, relgui.render), ~55 ms, only when the report is previewed
    from relgui.gui import docview

    model = plan_review.report_preview(app, number, analysis)
    pages, images = docview.render(model, PREVIEW_DPI)
    # the page the 成败分析 begins on: the preview opens there (what the manager is writing)
    part = next((i for i, h in enumerate(model.headings()) if "成败分析" in h.text), None)
    first = pages.heading_pages().get(part, 1) if part is not None else 1
    ys = [i[3] for i in pages.pages[first - 1].items if i[0] == "h" and i[2] == part]
    return pages, images, (first, int((ys[0] if ys else 0) * PREVIEW_DPI / 72))


class CloseDialog(QDialog):
    def __init__(self, parent, gctx, release: ReleaseDetail):
        super().__init__(parent)
        self.gctx = gctx
        self.state = ReleaseState(gctx, release, self)
        self.state.reload()
        d = self.state.data
        self.setWindowTitle(self.tr("关闭发布 — {n}").format(n=d.number))
        self.setObjectName("close_dialog")
        outer = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="close_split")
        outer.addWidget(splitter)
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(left)
        layout.addWidget(QLabel(self.state.heading(), wordWrap=True))
        form = QFormLayout()
        color = OUTCOME_COLORS.get(d.result or "", "#000")
        self.outcome = QLabel(f"<b style='color:{color}'>{self.state.label('result', d.result)}</b>",
                              objectName="outcome")
        form.addRow(self.tr("发布结果"), self.outcome)
        deployed = f"{local(d.deployment_started_at)} – {local(d.deployment_finished_at)}"
        form.addRow(self.tr("部署"), QLabel(deployed))
        for p in d.problems:
            form.addRow(self.tr("严重问题"), QLabel(f"{local(p.detected_at)} {p.description} → "
                                                 f"{decision_text(p) if p.decision else ''}", wordWrap=True))
        if d.rollback:
            form.addRow(self.tr("回退原因"), QLabel(d.rollback.cause or "", wordWrap=True))
        states = {"met": self.tr("按时完成"), "missed": self.tr("逾期完成"), "overdue": self.tr("已逾期")}
        for x in d.deadlines:
            if x.kind == "cmdb":
                form.addRow(self.tr("CMDB 更新"), QLabel(states.get(x.state, x.state)))
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("成败分析（写入发布变更报告）")))
        self.analysis = QPlainTextEdit(objectName="analysis")
        self.analysis.setPlaceholderText(self.tr("对本次发布成功或失败的原因进行分析，并提出改进措施"))
        layout.addWidget(self.analysis, 1)
        self.error = QLabel(objectName="error", wordWrap=True, styleSheet="color: #c62828;")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.sign_button = QPushButton(self.tr("签署并关闭…"), objectName="sign_close")
        self.sign_button.clicked.connect(self.sign)
        self.state.gate(self.sign_button, Action.CLOSE)
        self.error.setText(self.state.why_not(Action.CLOSE))  # e.g. only the manager closes
        cancel = QPushButton(self.tr("取消"), objectName="cancel")
        cancel.clicked.connect(self.reject)
        row.addWidget(self.sign_button)
        row.addStretch(1)
        row.addWidget(cancel)
        layout.addLayout(row)
        splitter.addWidget(self._preview_pane())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        fit(self, 110, 40)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:  # the form and a page side by side, never beyond the screen
            self.resize(min(self.width(), int(screen.width() * 0.95)), min(self.height(), int(screen.height() * 0.9)))
        enter_is_local(self)
        self.analysis.textChanged.connect(self._analysis_edited)
        self.preview_report()

    # ---------------------------------------------------------------- the report, before signing
    def _preview_pane(self) -> QWidget:
        pane = QWidget()
        pane.setObjectName("report_pane")
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>" + self.tr("发布变更报告预览") + "</b>"))
        self.preview_state = QLabel(objectName="preview_state", wordWrap=True)
        head.addWidget(self.preview_state, 1)
        self.preview_button = QPushButton(self.tr("更新预览"), objectName="preview_report")
        self.preview_button.setToolTip(self.tr("按当前填写的成败分析重新生成报告预览"))
        self.preview_button.clicked.connect(self.preview_report)
        head.addWidget(self.preview_button)
        column.addLayout(head)
        self.preview_area = QLabel(self.tr("正在生成预览…"), objectName="report_preview",
                                   alignment=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.preview_area, 1)
        self.preview_column = column
        self.preview_pages = 0
        self._previewed: str | None = None  # the analysis the preview shows
        self._preview_serial = 0
        return pane

    def preview_report(self) -> None:
        """Lay the report out again with the analysis as it is now (on a worker)."""
        self._preview_serial += 1
        serial, typed = self._preview_serial, self.analysis.toPlainText()
        self.preview_state.setText(self.tr("正在生成预览…"))
        ops.run(self.preview_button, self.gctx, report_pages, self.gctx.app, self.state.data.number, typed,
                quiet=True, owner=self, on_done=lambda got: self._previewed_pages(serial, typed, got),
                on_failed=lambda exc: self._preview_failed(serial, exc))

    def _previewed_pages(self, serial: int, typed: str, got) -> None:
        if serial != self._preview_serial:
            return  # a newer preview was asked for
        # lazy: the preview (QtPrintSupport, relgui.render), ~55 ms, only when the report is previewed
        from relgui.gui import docview

        pages, images, (first, down) = got
        area = docview.page_column(images, "report_preview")
        self.preview_column.replaceWidget(self.preview_area, area)
        self.preview_area.deleteLater()
        self.preview_area, self.preview_pages, self._previewed = area, len(pages), typed
        self.analysis_page, self.preview_doc_pages = first, pages
        self._say_preview_state()
        labels = holder.findChildren(QLabel) if (holder := area.widget()) is not None else []
        if 1 <= first <= len(labels):  # once laid out: the analysis's heading near the top
            page = labels[first - 1]
            QTimer.singleShot(0, area, lambda: area.verticalScrollBar().setValue(
                page.y() + max(down - page.fontMetrics().height() * 3, 0)))

    def _preview_failed(self, serial: int, exc) -> None:
        if serial != self._preview_serial:
            return
        words = exc.message(self.gctx.lang, self.gctx.profile) if isinstance(exc, RelguiError) else str(exc)
        self.preview_state.setText(self.tr("无法生成预览：{why}").format(why=words))

    def _say_preview_state(self) -> None:
        if self._previewed is None:
            return
        if self._previewed != self.analysis.toPlainText():
            self.preview_state.setText(self.tr("成败分析已修改，点“更新预览”查看"))
            self.preview_state.setStyleSheet("color: #e65100;")
        else:
            self.preview_state.setText(self.tr("共 %n 页；草稿，签署时定稿归档", None, self.preview_pages))
            self.preview_state.setStyleSheet("")

    def _analysis_edited(self) -> None:
        self._say_preview_state()

    def content_hash(self) -> str:
        """What the closing signature covers, as services.closing.close computes it: the
        release, its result, this analysis and the 发布变更报告 made and archived as it is signed
        (its hash exists only then: the report prints the signing time)."""
        try:
            text.block(self.analysis.toPlainText(), "analysis", required=True)
        except RelguiError:
            return ""
        return self.tr("签署时生成并归档发布变更报告，签名覆盖其内容的 SHA-256")

    def sign(self) -> bool:
        d, p = self.state.data, self.gctx.profile
        # What closing would refuse (an empty analysis, a missing 经验总结, …) is said before the
        # password is asked for, not after it was typed.
        ok, _ = ops.call(self, self.gctx, closing_checks.check, self.gctx.app, self.state.id,
                         self.analysis.toPlainText())
        if not ok:
            return False
        app, release_id, seen, analysis = self.gctx.app, self.state.id, d.row_version, self.analysis.toPlainText()

        def submit(password: str, _reason: str, _acknowledged: bool):  # on a worker, no Qt object
            return closing.close(app, release_id, analysis, password, expected_version=seen)

        since = self.state.heard
        ok, _ = SignDialog.ask(
            self, self.gctx, submit, title=self.tr("签署：关闭发布"), meaning=self.tr("关闭"),
            what=self.tr("{n} 发布关闭，结果“{r}”，附成败分析；发布变更报告随之定稿归档").format(
                n=d.number, r=self.state.label("result", d.result)),
            content_hash=self.content_hash(), signer=self.gctx.app.actor.display_name,
            role=p.roles["manager"].label(self.gctx.lang),
            progress=self.tr("正在关闭并归档发布变更报告…"))
        if ok:
            self.state.changed = True
        self.state.caught_up(since)
        if ok:
            self.accept()
        return ok

    def done(self, code: int) -> None:
        self.state.detach()
        super().done(code)


def archive_documents(parent, gctx, number: str) -> bool:
    """R-4.4.2-ARCHIVE: the approved plan and the 发布变更报告, each kept once (idempotent)."""
    ok, plan = ops.call(parent, gctx, documents.archive_plan, gctx.app, number)
    ok2, report = ops.call(parent, gctx, documents.archive_report, gctx.app, number)
    if ok and ok2:
        files = [f"{doc.filename}  SHA-256 {doc.sha256}" for doc in (plan, report)]
        ops.tell(parent, QCoreApplication.translate("Closure", "发布已关闭"),
                 QCoreApplication.translate("Closure", "{n} 已关闭。已归档：\n{a}\n{b}").format(
                     n=number, a=files[0], b=files[1]), QMessageBox.Icon.Information)
    return ok and ok2


def close_release(parent, gctx, release: ReleaseDetail) -> bool:
    dialog = CloseDialog(parent, gctx, release)
    dialog.exec()
    if dialog.state.changed and dialog.state.data.status == "closed":
        archive_documents(parent, gctx, dialog.state.data.number)
    return dialog.state.changed
