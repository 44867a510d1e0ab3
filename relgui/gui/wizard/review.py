"""检查与提交: every gap of the plan as a link to its page, the conflict and freeze warnings,
and the submission (the service refuses with every gap listed while one remains)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from relgui.gui.wizard.panels import WarningsPanel
from relgui.gui.wizard.texts import gap_text

REVIEW = "review"


class ReviewPage(QWizardPage):
    jump = Signal(str)  # a page key
    submit_requested = Signal()

    def __init__(self, gctx, page_of: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx, self.page_of = gctx, page_of
        self.key = REVIEW
        self.setObjectName("page_review")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTitle(self.tr("检查与提交"))
        self.status = QLabel(objectName="plan_status", wordWrap=True)
        self.gaps = QLabel(objectName="gaps", wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        self.gaps.setTextFormat(Qt.TextFormat.RichText)
        self.gaps.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.gaps.linkActivated.connect(self.jump)
        box = QGroupBox(self.tr("尚未完成"))
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.gaps)
        QVBoxLayout(box).addWidget(scroll)
        self.warnings = WarningsPanel()
        self.submit = QPushButton(self.tr("提交审批(&S)…"), objectName="submit")
        self.submit.clicked.connect(self.submit_requested)
        self.result = QLabel(objectName="submit_result", wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(box, 1)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)
        layout.addWidget(self.result)

    def show_view(self, view) -> None:
        p, lang = self.gctx.profile, self.gctx.lang
        state = p.statuses[view.status].label(lang)
        revision = f" · V{view.revisions[-1].number}" if view.revisions else ""
        self.status.setText(self.tr("状态：{state}{revision}").format(state=state, revision=revision))
        if view.gaps:
            items = [f"<li><a href='{self.page_of.get(g.section, REVIEW)}'>{html.escape(gap_text(g, lang, p))}</a></li>"
                     for g in view.gaps]
            head = self.tr("还有 %n 处未完成（点击跳转到所在页）：", None, len(view.gaps))
            self.gaps.setText(f"{html.escape(head)}<ul>{''.join(items)}</ul>")
        else:
            self.gaps.setText("✓ " + html.escape(self.tr("发布计划完整，可以提交审批。")))
        self.warnings.show_warnings(view.warnings)
