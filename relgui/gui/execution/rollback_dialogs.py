"""报告严重问题 (R-4.5.1-TRIGGERS) and 回退决策 (R-4.5.2-DECIDE30) dialogs.

Each dialog submits through the service itself and stays open when it is refused, so what
the user typed is never lost; ``ask`` returns the service's result or None (cancelled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from relgui.domain import deadlines
from relgui.domain.errors import Conflict
from relgui.domain.release_detail import ProblemView
from relgui.gui.execution.common import ReleaseState, esc, fit, local
from relgui.gui.execution.countdown import Countdown
from relgui.services import details, rollback

if TYPE_CHECKING:  # lazy at run time: services.plans, ~95 ms of start-up
    from relgui.services.plans import ApprovedPlan


def decision_text(problem: ProblemView) -> str:
    """How a made decision reads: 回退 / 继续发布, who, when, and 逾期 when late."""
    what = {"rollback": QCoreApplication.translate("Rollback", "回退"),
            "continue": QCoreApplication.translate("Rollback", "继续发布")}.get(problem.decision or "", "")
    text = QCoreApplication.translate("Rollback", "{what}（{by}，{at}）").format(
        what=what, by=problem.decided_by or "", at=local(problem.decided_at))
    if problem.decision_late:
        text += QCoreApplication.translate("Rollback", "，逾期")
    return text


class _Submitting(QDialog):
    """A dialog that submits one use case for a release; each kind names and titles itself
    (``ask`` builds any of them from the parent and the release alone)."""

    def __init__(self, parent, state: ReleaseState):
        super().__init__(parent)
        self.state, self.gctx, self.result_value = state, state.gctx, None
        self.column = QVBoxLayout(self)
        self.column.addWidget(QLabel(state.heading(), wordWrap=True))

    def finish_layout(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.column.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    @classmethod
    def ask(cls, parent, state: ReleaseState, *args):
        """What the service returned, or None when cancelled. Tests replace this or ``exec``."""
        dialog = cls(parent, state, *args)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class ProblemDialog(_Submitting):
    def __init__(self, parent, state: ReleaseState, plan: ApprovedPlan):
        super().__init__(parent, state)
        self.setWindowTitle(self.tr("报告严重问题"))
        self.setObjectName("problem_dialog")
        self.seen = details.seen_problem(state.data)  # what the reporter saw when they began
        box = QGroupBox(self.tr("回退触发条件（选择符合的各项）"))
        inner = QVBoxLayout(box)
        self.triggers: dict[str, QCheckBox] = {}
        for trigger in self.gctx.profile.triggers:
            text = trigger.label(self.gctx.lang)
            threshold = plan.value(trigger.threshold_from) if trigger.threshold_from else ""
            if threshold:
                text += self.tr("（计划阈值：{v}）").format(v=threshold)
            self.triggers[trigger.key] = check = QCheckBox(text, objectName=f"trigger_{trigger.key}")
            inner.addWidget(check)
        self.column.addWidget(box)
        self.description = QPlainTextEdit(objectName="description")
        self.description.setPlaceholderText(self.tr("发现的问题：现象、影响范围、发现方式"))
        self.column.addWidget(self.description)
        minutes = self.gctx.profile.deadlines.rollback_decision_minutes
        self.column.addWidget(QLabel(self.tr("报告后开始计时：须在 %n 分钟内作出回退决策。", None, minutes),
                                     wordWrap=True, styleSheet="color: #c62828;"))
        self.finish_layout()
        fit(self, 44, 28)

    def submit(self) -> None:
        chosen = [key for key, box in self.triggers.items() if box.isChecked()]
        ok, value = self.state.call(self, rollback.report_problem, self.state.id, chosen,
                                    self.description.toPlainText(), expected_problem=self.seen)
        if ok:
            self.result_value = value
            self.accept()
        elif isinstance(value, Conflict):
            # The conflict dialog named who reported meanwhile; what was typed stays, and a
            # second OK (after reading theirs) reports this one as well.
            self.seen = details.seen_problem(self.state.data)


class DecisionDialog(_Submitting):
    def __init__(self, parent, state: ReleaseState):
        super().__init__(parent, state)
        self.setWindowTitle(self.tr("回退决策"))
        self.setObjectName("decision_dialog")
        problem = next((p for p in reversed(state.data.problems) if p.decision is None), None)
        self.seen = (details.seen_problem(state.data), details.seen_problem_version(state.data))
        if problem is not None:
            self.column.addWidget(QLabel(self.tr("严重问题（{t}）：{d}<br>{by} 于 {at} 报告").format(
                t=state.triggers(problem.triggers), d=esc(problem.description),
                by=esc(problem.reported_by or ""), at=local(problem.detected_at)), wordWrap=True))
        self.countdown = Countdown(self.gctx, self, "decision_countdown")
        self.countdown.set_deadline(state.deadline("rollback_decision"), self.gctx.profile.deadlines.rollback_warn)
        self.column.addWidget(self.countdown)
        self.late = QLabel(objectName="late_warning", wordWrap=True, styleSheet="color: #c62828;")
        self.column.addWidget(self.late)
        self.countdown.timer.timeout.connect(self._show_late)
        self._show_late()
        self.group = QButtonGroup(self)
        for i, (key, text) in enumerate((("rollback", self.tr("回退：按回退计划恢复到发布前状态")),
                                         ("continue", self.tr("继续发布：问题可控，不回退")))):
            radio = QRadioButton(text, objectName=f"decision_{key}")
            radio.setProperty("key", key)
            self.group.addButton(radio, i)
            self.column.addWidget(radio)
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setPlaceholderText(self.tr("决策理由（必填）"))
        self.column.addWidget(self.reason)
        self.column.addWidget(QLabel(self.tr("决策人：{who}").format(who=self.gctx.app.actor.display_name)))
        self.finish_layout()
        fit(self, 40, 30)

    def _show_late(self) -> None:
        due = self.countdown.due
        late = due is not None and deadlines.is_late(due, self.gctx.app.clock.now())
        self.late.setText(self.tr("已超过决策时限：此决策将被记录为逾期。") if late else "")

    def submit(self) -> None:
        button = self.group.checkedButton()
        if button is None:
            self.late.setText(self.tr("请选择回退或继续发布。"))
            return
        ok, value = self.state.call(self, rollback.decide, self.state.id, button.property("key"),
                                    self.reason.toPlainText(), expected_problem=self.seen[0],
                                    expected_version=self.seen[1])
        if ok:
            self.result_value = value
            self.accept()
        elif isinstance(value, Conflict):
            self.reject()  # somebody else decided: the detail shows their decision

    def done(self, code: int) -> None:
        self.countdown.timer.stop()
        super().done(code)
