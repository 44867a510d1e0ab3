"""预发布验证 (R-4.3.1-PRECHECK) and 效果验证 (R-4.4.1-VERIFY): the command handlers.

预发布验证 also carries "开始发布实施" (R-1.3-PLAN): disabled, with the domain's reasons written
under it, until every item passed or was justified as not applicable and the verification
was completed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui import simple_actions
from relgui.gui.execution.checklist_dialog import ChecklistDialog
from relgui.gui.execution.monitor import open_monitor
from relgui.services import execution


class PrecheckDialog(ChecklistDialog):
    checklist = "precheck"
    record_action = Action.RECORD_PRECHECK
    complete_action = Action.COMPLETE_PRECHECK

    def complete_label(self) -> str:
        return self.tr("完成预发布验证")

    def _extra_buttons(self) -> None:
        self.start_button: QPushButton = self._button(self.tr("开始发布实施"), "start_deployment", self.start)

    def refresh(self) -> None:
        super().refresh()
        self.state.gate(self.start_button, Action.START_DEPLOYMENT)

    def blocker_text(self) -> tuple[str, bool]:
        """One plain sentence on why deployment cannot start yet (R-1.3-PLAN), from the domain."""
        start_why = self.state.why_not(Action.START_DEPLOYMENT)
        if not start_why:
            return self.tr("预发布验证已完成，可以开始发布实施。"), True
        refusals = self.state.allowed.get(Action.COMPLETE_PRECHECK, [])
        if not refusals:
            return self.tr("所有检查项均已通过或已说明理由。请先“完成预发布验证”，之后即可开始发布实施。"), True
        if all(r.code != "wrong_status" for r in refusals):
            return self.tr("不能开始发布实施：{why}").format(why=self.state.why_not(Action.COMPLETE_PRECHECK)), False
        return self.tr("不能开始发布实施：{why}").format(why=start_why), False

    def complete(self) -> bool:
        ok, _ = self.state.call(self, execution.complete_precheck, self.state.id,
                                expected_version=self.state.data.row_version)
        return ok

    def start(self) -> bool:
        """Start deployment (the same confirmation as the detail view), then open the monitor."""
        since = self.state.heard
        if not simple_actions.start_deployment(self, self.gctx, self.state.data):
            self.state.caught_up(since)
            return False
        self.state.changed = True
        self.state.caught_up(since)  # before closing: a closed window's state takes no reading
        self.accept()
        open_monitor(self.parent(), self.gctx, self.state.data)
        return True


class VerificationDialog(ChecklistDialog):
    checklist = "verification"
    record_action = Action.RECORD_VERIFICATION
    complete_action = Action.COMPLETE_VERIFICATION

    def complete_label(self) -> str:
        return self.tr("完成效果验证")

    def complete(self) -> bool:
        """Success: the 24-hour CMDB clock starts (R-4.4.2-CMDB24H); the dialog is done."""
        ok, _ = self.state.call(self, execution.complete_verification, self.state.id,
                                expected_version=self.state.data.row_version)
        if ok:
            self.accept()
        return ok


def _run(dialog: ChecklistDialog) -> bool:
    dialog.exec()
    return dialog.state.changed


def open_precheck(parent, gctx, release: ReleaseDetail) -> bool:
    return _run(PrecheckDialog(parent, gctx, release))


def open_verification(parent, gctx, release: ReleaseDetail) -> bool:
    return _run(VerificationDialog(parent, gctx, release))
