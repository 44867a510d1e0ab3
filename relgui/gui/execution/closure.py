"""发布关闭 (R-4.2.2-CLOSE): the manager sees the result the path decided (发布成功 / 发布失败 /
已回退), writes the analysis of success or failure, and signs with the password again
(R-DOC-SIGN, meaning 关闭). After closing, the process documents are archived: the approved
plan and the 发布变更报告 (R-4.4.2-ARCHIVE). A wrong password keeps the analysis in the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from relgui.domain import text
from relgui.domain.errors import RelguiError
from relgui.domain.states import Action
from relgui.gui import ops
from relgui.gui.dialogs.sign import SignDialog
from relgui.gui.execution.common import ReleaseState, enter_is_local, fit, local
from relgui.gui.execution.rollback_dialogs import decision_text
from relgui.gui.icons import OUTCOME_COLORS
from relgui.services import closing, closing_checks, documents


class CloseDialog(QDialog):
    def __init__(self, parent, gctx, release: dict):
        super().__init__(parent)
        self.gctx = gctx
        self.state = ReleaseState(gctx, release, self)
        self.state.reload()
        d = self.state.data
        self.setWindowTitle(self.tr("关闭发布 — {n}").format(n=d["number"]))
        self.setObjectName("close_dialog")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.state.heading(), wordWrap=True))
        form = QFormLayout()
        color = OUTCOME_COLORS.get(d["result"], "#000")
        self.outcome = QLabel(f"<b style='color:{color}'>{self.state.label('result', d['result'])}</b>",
                              objectName="outcome")
        form.addRow(self.tr("发布结果"), self.outcome)
        deployed = f"{local(d['deployment_started_at'])} – {local(d['deployment_finished_at'])}"
        form.addRow(self.tr("部署"), QLabel(deployed))
        for p in d["problems"]:
            form.addRow(self.tr("严重问题"), QLabel(f"{local(p['detected_at'])} {p['description']} → "
                                                 f"{decision_text(p) if p['decision'] else ''}", wordWrap=True))
        if d["rollback"]:
            form.addRow(self.tr("回退原因"), QLabel(d["rollback"]["cause"] or "", wordWrap=True))
        states = {"met": self.tr("按时完成"), "missed": self.tr("逾期完成"), "overdue": self.tr("已逾期")}
        for x in d["deadlines"]:
            if x["kind"] == "cmdb":
                form.addRow(self.tr("CMDB 更新"), QLabel(states.get(x["state"], x["state"])))
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
        fit(self, 56, 34)
        enter_is_local(self)

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
        answer = SignDialog.ask(
            self, title=self.tr("签署：关闭发布"), meaning=self.tr("关闭"),
            what=self.tr("{n} 发布关闭，结果“{r}”，附成败分析；发布变更报告随之定稿归档").format(
                n=d["number"], r=self.state.label("result", d["result"])),
            content_hash=self.content_hash(), signer=self.gctx.app.actor.display_name,
            role=p.roles["manager"].label(self.gctx.lang))
        if answer is None:
            return False
        ok, _ = self.state.call(self, closing.close, self.state.id, self.analysis.toPlainText(), answer[0],
                                expected_version=d["row_version"])
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


def close_release(parent, gctx, release: dict) -> bool:
    dialog = CloseDialog(parent, gctx, release)
    dialog.exec()
    if dialog.state.changed and dialog.state.data["status"] == "closed":
        archive_documents(parent, gctx, dialog.state.data["number"])
    return dialog.state.changed
