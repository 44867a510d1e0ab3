"""发布回退管理 (R-4.5): the command handlers.

report_problem — pick the triggers that apply (R-4.5.1-TRIGGERS); the 30-minute decision
clock starts (R-4.5.2-DECIDE30). decide — roll back or continue, with the countdown and
whether the decision is late; a late decision is recorded as late and the user is told.
execute — the plan's rollback steps in order, restoration and cause, 完成回退 (R-4.5.2-EXEC).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import ops
from relgui.gui.execution.common import ReleaseState, approved_plan, local
from relgui.gui.execution.rollback_dialogs import DecisionDialog, ProblemDialog
from relgui.gui.execution.rollback_exec import RollbackDialog


def report_problem(parent, gctx, release: ReleaseDetail) -> bool:
    plan = approved_plan(parent, gctx, release.id)
    if plan is None:
        return False
    state = ReleaseState(gctx, release, parent)
    try:
        state.reload()
        return ProblemDialog.ask(parent, state, plan) is not None
    finally:
        state.detach()
        state.deleteLater()


def decide(parent, gctx, release: ReleaseDetail) -> bool:
    state = ReleaseState(gctx, release, parent)
    try:
        state.reload()
        decision = DecisionDialog.ask(parent, state)
    finally:
        state.detach()
        state.deleteLater()
    if decision is None:
        return False
    if decision.late:
        minutes = gctx.profile.deadlines.rollback_decision_minutes
        ops.tell(parent, QCoreApplication.translate("Rollback", "决策已记录为逾期"),
                 QCoreApplication.translate("Rollback", "本次回退决策晚于发现问题后 {m} 分钟的时限（截止 {due}），"
                                                        "已按制度记录为逾期。").format(m=minutes, due=local(decision.due)),
                 QMessageBox.Icon.Information)
    return True


def execute(parent, gctx, release: ReleaseDetail) -> bool:
    plan = approved_plan(parent, gctx, release.id)
    if plan is None:
        return False
    dialog = RollbackDialog(parent, gctx, release, plan)
    dialog.exec()
    return dialog.state.changed
