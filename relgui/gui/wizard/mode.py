"""Whether the plan can be edited now, and what an edit would do, shown beside the pages.

The domain decides (relgui.domain.lifecycle through relgui.services.releases.actions):
when editing is refused the wizard is read-only with the domain's reasons. A submitted or
approved plan can be edited, but the edit voids the submission or approval (the service
does it); so the forms stay read-only until the user confirms that they mean it, and a
voided approval is shown afterwards.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from relgui.domain.messages import render_all
from relgui.domain.states import Action, Status
from relgui.services import plans

# Statuses in which a saved edit voids what was signed or submitted (relgui.services.plans.VOIDING).
SIGNED = (Status.PLAN_SUBMITTED.value, Status.PLAN_APPROVED.value, Status.PRECHECKED.value)


class Mode(Enum):
    EDIT = "edit"
    LOCKED = "locked"        # editable, but an edit voids the submission or approval
    READ_ONLY = "read_only"  # the domain refuses editing


def mode_for(view: plans.PlanView, allowed: dict) -> tuple[Mode, list]:
    refusals = list(allowed.get(Action.EDIT_PLAN, []))
    if refusals:
        return Mode.READ_ONLY, refusals
    return (Mode.LOCKED if view.status in SIGNED else Mode.EDIT), []


def voided_latest(view: plans.PlanView) -> list[plans.SignatureView]:
    """Voided signatures on the latest revision, while the plan is back in planning."""
    if not view.revisions or view.status != Status.PLANNING.value:
        return []
    latest = view.revisions[-1].id
    return [s for s in view.signatures
            if s.subject == "plan_revision" and s.subject_id == latest and s.voided_at is not None]


class ModeBox(QWidget):
    unlock = Signal()

    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mode_box")
        self.gctx = gctx
        self.text = QLabel(objectName="mode_text", wordWrap=True)
        self.button = QPushButton(self.tr("修改此计划(&E)…"), objectName="unlock")
        self.button.clicked.connect(self.unlock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.button)

    def show_mode(self, mode: Mode, view: plans.PlanView, refusals: list) -> None:
        p, lang = self.gctx.profile, self.gctx.lang
        state = p.statuses[view.status].label(lang)
        voided = voided_latest(view)
        if mode is Mode.READ_ONLY:
            text = self.tr("只读：{why}").format(why=render_all(refusals, lang, p))
        elif mode is Mode.LOCKED:
            text = self.tr("此计划当前为“{state}”。修改后，已提交的版本及其批准将失效，须重新提交审批。").format(state=state)
        elif voided:
            text = self.tr("批准已失效：V{n} 提交或批准后计划被修改（{by} 的签名已作废），须重新提交审批。").format(
                n=view.revisions[-1].number, by="、".join(s.signer_name for s in voided))
        else:
            text = ""
        self.text.setText(text)
        colour = "#fff3e0" if mode is Mode.LOCKED or voided else "#eceff1"
        self.text.setStyleSheet(f"background: {colour}; color: #4e342e; padding: 6px;" if text else "")
        self.button.setVisible(mode is Mode.LOCKED)
        self.setVisible(bool(text))

    def confirm_text(self, view: plans.PlanView) -> tuple[str, str]:
        state = self.gctx.profile.statuses[view.status].label(self.gctx.lang)
        return (self.tr("修改已提交的发布计划"),
                self.tr("此计划当前为“{state}”。保存修改会使已提交的版本及其批准失效（签名作废，"
                        "计划回到“计划制定中”），之后须重新提交审批。\n\n继续修改？").format(state=state))
