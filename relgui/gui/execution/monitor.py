"""发布执行监控 (R-4.3.2-MONITOR): a non-modal window per release, beside the main window.

The approved plan's steps with planned and actual times, status and owner; progress; the
observation log; "报告严重问题" which starts the 30-minute rollback-decision clock, shown live
here while the decision is open (R-4.5.2-DECIDE30); and 完成部署. Every command is enabled
from the domain and refused by the services with their own reasons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSplitter, QVBoxLayout, QWidget

from relgui.domain.messages import render_all
from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui import ops
from relgui.gui.dialogs.sign import ReasonDialog
from relgui.gui.execution import rollback as rollback_ui
from relgui.gui.execution.common import (
    ReleaseState,
    approved_plan,
    bring_forward,
    fill,
    fit,
    local,
    table,
)
from relgui.gui.execution.monitor_parts import (
    ObservationLog,
    ProblemBanner,
    StepDialog,
    planned_times,
    step_status_label,
)
from relgui.services import details, execution

if TYPE_CHECKING:  # lazy at run time: services.plans, ~95 ms of start-up
    from relgui.services.plans import ApprovedPlan

_windows: dict[int, MonitorWindow] = {}  # one window per release, kept so Python does not collect it


class MonitorWindow(QWidget):
    def __init__(self, parent, gctx, release: ReleaseDetail, plan: ApprovedPlan):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("monitor_window")
        self.setWindowTitle(self.tr("发布执行监控 — {n}").format(n=release.number))
        self.gctx = gctx
        self.state = ReleaseState(gctx, release, self)
        self.steps = plan.rows("steps")
        self.planned = planned_times(self.steps, plan.window_start)
        layout = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading", wordWrap=True)
        layout.addWidget(self.heading)
        self.banner = ProblemBanner(self.state)
        self.problem, self.countdown = self.banner.label, self.banner.countdown
        layout.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._steps_box())
        self.log = ObservationLog(gctx)
        self.log.submit.connect(self.observe)
        splitter.addWidget(self.log)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._commands())
        self.state.reloaded.connect(self.refresh)
        self.state.reload()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, activated=self.close)
        fit(self, 92, 46)

    def _steps_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = table([self.tr("序号"), self.tr("操作"), self.tr("负责人"), self.tr("计划开始"),
                            self.tr("计划完成"), self.tr("实际开始"), self.tr("实际完成"), self.tr("状态"),
                            self.tr("检查点"), self.tr("备注")], "steps_table")
        self.table.doubleClicked.connect(lambda _: self.record_step())
        column.addWidget(self.table)
        row = QHBoxLayout()
        self.progress = QProgressBar(maximum=max(1, len(self.steps)))
        self.progress.setObjectName("progress")
        self.progress.setFormat(self.tr("已完成 %v / %m 步"))
        self.step_button = QPushButton(self.tr("记录所选步骤…"), objectName="record_step")
        self.step_button.clicked.connect(self.record_step)
        row.addWidget(self.progress, 1)
        row.addWidget(self.step_button)
        column.addLayout(row)
        return box

    def _commands(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.commands: dict[Action, QPushButton] = {}
        for action, text, name, slot in (
            (Action.REPORT_PROBLEM, self.tr("报告严重问题…"), "report_problem", self._report),
            (Action.DECIDE_ROLLBACK, self.tr("回退决策…"), "decide", self._decide),
            (Action.RECORD_ROLLBACK_STEP, self.tr("执行回退…"), "execute_rollback", self._execute),
            (Action.FINISH_DEPLOYMENT, self.tr("完成部署"), "finish_deployment", self.finish),
        ):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.commands[action] = button
        # Red only while it can be used: a disabled button must still look disabled.
        self.commands[Action.REPORT_PROBLEM].setStyleSheet("QPushButton:enabled { color: #c62828; font-weight: bold; }")
        row.addStretch(1)
        close = QPushButton(self.tr("关闭"), objectName="close")
        close.clicked.connect(self.close)
        row.addWidget(close)
        return row

    # ---------------------------------------------------------------- showing
    def refresh(self) -> None:
        d = self.state.data
        started = local(d.deployment_started_at)
        self.heading.setText(self.state.heading() + ("&nbsp;·&nbsp;" + self.tr("开始部署：{at}").format(at=started)
                                                     if started else ""))
        records = {s.step: s for s in d.steps if s.kind == "deploy"}
        rows = []
        for i, step in enumerate(self.steps, 1):
            rec = records.get(i)
            p_start, p_end = self.planned[i - 1]
            rows.append([i, step.get("action", ""), step.get("owner", ""), local(p_start), local(p_end),
                         local(rec.started_at if rec else None), local(rec.finished_at if rec else None),
                         step_status_label(rec.status if rec else None), step.get("check", ""),
                         " ".join(x for x in (rec.note or "", rec.recorded_by or "") if x) if rec else ""])
        keep = self.table.currentRow()
        fill(self.table, rows)
        self.table.selectRow(keep if keep >= 0 else min(len(records), len(rows) - 1))
        self.progress.setValue(sum(1 for r in records.values() if r.status in ("done", "skipped")))
        self.log.show_rows(d.observations)
        self.state.gate(self.log.button, Action.RECORD_MONITORING)
        self.state.gate(self.step_button, Action.RECORD_STEP)
        for action, button in self.commands.items():
            self.state.gate(button, action)
        self.banner.show_problem(d.problems[-1] if d.problems else None)

    # ---------------------------------------------------------------- commands
    def record_step(self) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.steps) or not self.step_button.isEnabled():
            return False
        d = self.state.data
        records = {s.step: s for s in d.steps if s.kind == "deploy"}
        before = records.get(row)  # the step before this one, numbered from 1
        start = (before.finished_at if before else None) or d.deployment_started_at or self.gctx.app.clock.now()
        seen = details.seen_step(self.state.data, "deploy", row + 1)  # as shown when the dialog opened
        answer = StepDialog.ask(self, row + 1, self.steps[row].get("action", ""), start, self.gctx.app.clock.now())
        if answer is None:
            return False
        status, started, finished, note = answer
        reason = ""  # a time outside the approved window stands only with its reason (R-1.3-PLAN)
        ok, outside = ops.call(self, self.gctx, execution.step_outside_window, self.gctx.app, self.state.id,
                               started, finished)
        if not ok:
            return False
        if outside:
            typed = ReasonDialog.ask(self, self.tr("超出发布窗口"), render_all(outside, self.gctx.lang, self.gctx.profile), True)
            if typed is None:
                return False
            reason = typed
        ok, _ = self.state.call(self, execution.record_step, self.state.id, row + 1, status,
                                started_at=started, finished_at=finished, note=note, reason=reason,
                                expected_version=seen)
        return ok

    def observe(self, kind: str, text: str) -> bool:
        ok, _ = self.state.call(self, execution.observe, self.state.id, kind, text)
        if ok:
            self.log.text.clear()
        return ok

    # The rollback handlers record through the services; their change notices refresh this window.
    def _report(self) -> None:
        rollback_ui.report_problem(self, self.gctx, self.state.data)

    def _decide(self) -> None:
        rollback_ui.decide(self, self.gctx, self.state.data)

    def _execute(self) -> None:
        rollback_ui.execute(self, self.gctx, self.state.data)

    def finish(self) -> bool:
        # Irreversible (issue 15): the steps' progress is closed; effect verification follows (制度 4.4.1).
        if not ops.ask(self, self.tr("完成部署"), self.tr(
                "完成部署 {n}？\n完成后进入效果验证（功能、性能、业务验证与用户验收），实施步骤的进度不能再记录或修改。")
                .format(n=self.state.data.number)):
            return False
        ok, _ = self.state.call(self, execution.finish_deployment, self.state.id,
                                expected_version=self.state.data.row_version)
        return ok

    def closeEvent(self, event) -> None:
        self.state.detach()
        self.countdown.timer.stop()
        super().closeEvent(event)


def open_monitor(parent, gctx, release: ReleaseDetail) -> bool:
    """Show (or bring forward) the release's monitoring window. Nothing changes by opening it."""
    key = release.id
    window = _windows.get(key)
    if window is None or not shiboken6.isValid(window) or window.gctx is not gctx:
        plan = approved_plan(parent, gctx, release.id)
        if plan is None:
            return False
        window = _windows[key] = MonitorWindow(parent, gctx, release, plan)
        # Closed, or deleted with its parent: either way it is no longer the release's window.
        window.destroyed.connect(lambda *_: _windows.pop(key, None))
    bring_forward(window)
    return False
