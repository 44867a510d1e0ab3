"""执行回退 (R-4.5.2-EXEC): the approved plan's rollback steps, ticked one by one with time and
result (the service refuses a step out of order and says which comes first); then the
confirmation that the system is back in its pre-release state with the cause (状态恢复,
问题记录); then 完成回退, which decides the outcome 已回退."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui import ops
from relgui.gui.execution.common import (
    ReleaseState,
    enter_is_local,
    fill,
    fit,
    local,
    table,
)
from relgui.gui.execution.monitor_parts import step_status_label
from relgui.services import details, rollback
from relgui.services.execution import record_step

if TYPE_CHECKING:  # lazy at run time: services.plans, ~95 ms of start-up
    from relgui.services.plans import ApprovedPlan


class RollbackDialog(QDialog):
    def __init__(self, parent, gctx, release: ReleaseDetail, plan: ApprovedPlan):
        super().__init__(parent)
        self.gctx = gctx
        self.state = ReleaseState(gctx, release, self)
        self.steps = plan.rows("rollback")
        self.setWindowTitle(self.tr("执行回退 — {n}").format(n=release.number))
        self.setObjectName("rollback_dialog")
        layout = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading", wordWrap=True)
        layout.addWidget(self.heading)
        self.decision = QLabel(objectName="decision", wordWrap=True)
        layout.addWidget(self.decision)
        self.table = table([self.tr("序号"), self.tr("回退操作"), self.tr("负责人"), self.tr("计划时长(分钟)"),
                            self.tr("检查点"), self.tr("结果"), self.tr("完成时间"), self.tr("记录人"),
                            self.tr("备注")], "rollback_steps")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.step_result = QComboBox()
        self.step_result.setObjectName("step_result")
        for key in ("done", "failed"):
            self.step_result.addItem(step_status_label(key), key)
        self.note = QLineEdit(objectName="step_note", placeholderText=self.tr("执行结果、检查点核对情况"))
        self.step_button = QPushButton(self.tr("记录所选步骤"), objectName="record_rollback_step")
        self.step_button.clicked.connect(self.record_step)
        self.note.returnPressed.connect(self.record_step)
        for w, stretch in ((QLabel(self.tr("结果")), 0), (self.step_result, 0), (self.note, 1), (self.step_button, 0)):
            row.addWidget(w, stretch)
        layout.addLayout(row)
        layout.addWidget(self._restoration())
        self.blockers = QLabel(objectName="blockers", wordWrap=True, styleSheet="color: #c62828;")
        layout.addWidget(self.blockers)
        bottom = QHBoxLayout()
        self.complete_button = QPushButton(self.tr("完成回退"), objectName="complete_rollback")
        self.complete_button.clicked.connect(self.complete)
        close = QPushButton(self.tr("关闭"), objectName="close")
        close.clicked.connect(self.reject)
        bottom.addWidget(self.complete_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.state.reloaded.connect(self.refresh)
        self.state.reload()
        fit(self, 72, 42)
        enter_is_local(self)

    def _restoration(self) -> QGroupBox:
        box = QGroupBox(self.tr("状态恢复与问题记录"))
        column = QVBoxLayout(box)
        self.restored = QCheckBox(self.tr("已核对：系统已完全恢复到发布前状态"), objectName="restored")
        self.cause = QPlainTextEdit(objectName="cause")
        self.cause.setPlaceholderText(self.tr("回退原因和过程（必填）"))
        self.cause.setMaximumHeight(self.fontMetrics().height() * 5)
        self.restore_button = QPushButton(self.tr("确认恢复并记录原因"), objectName="confirm_restored")
        self.restore_button.clicked.connect(self.confirm_restored)
        self.restored.toggled.connect(lambda _: self._enable_restore())
        self.restored_label = QLabel(objectName="restored_label", wordWrap=True)
        for w in (self.restored, self.cause, self.restored_label):
            column.addWidget(w)
        column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def refresh(self) -> None:
        d = self.state.data
        self.heading.setText(self.state.heading())
        decided = [p for p in d.problems if p.decision == "rollback"]
        if decided:
            p = decided[-1]
            self.decision.setText(self.tr("回退决策：{by} 于 {at} 决定回退{late}。理由：{why}").format(
                by=p.decided_by or "", at=local(p.decided_at), why=p.decision_reason or "",
                late=self.tr("（逾期）") if p.decision_late else ""))
        records = {t.step: t for t in d.steps if t.kind == "rollback"}
        rows = []
        for i, s in enumerate(self.steps, 1):
            rec = records.get(i)
            rows.append([i, s.get("action", ""), s.get("owner", ""), s.get("minutes", ""), s.get("check", ""),
                         step_status_label(rec.status) if rec else "", local(rec.finished_at) if rec else "",
                         (rec.recorded_by or "") if rec else "", (rec.note or "") if rec else ""])
        fill(self.table, rows)
        done = sum(1 for r in records.values() if r.status == "done")
        self.table.selectRow(min(done, len(self.steps) - 1))  # the next step to run
        self.state.gate(self.step_button, Action.RECORD_ROLLBACK_STEP)
        rb = d.rollback
        if rb is not None and rb.restored_at:
            self.restored_label.setText(self.tr("已确认恢复：{by} 于 {at}。原因：{cause}").format(
                by=rb.restored_by or "", at=local(rb.restored_at), cause=rb.cause))
        self._enable_restore()
        self.state.gate(self.complete_button, Action.COMPLETE_ROLLBACK)
        why = self.state.why_not(Action.COMPLETE_ROLLBACK)
        self.blockers.setText(self.tr("尚不能完成回退：{why}").format(why=why) if why else "")

    def _enable_restore(self) -> None:
        allowed = self.state.gate(self.restore_button, Action.RECORD_ROLLBACK_STEP)
        self.restore_button.setEnabled(allowed and self.restored.isChecked())

    def record_step(self) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.steps):
            return False
        ok, _ = self.state.call(self, record_step, self.state.id, row + 1, self.step_result.currentData(),
                                kind="rollback", note=self.note.text(),
                                expected_version=details.seen_step(self.state.data, "rollback", row + 1))
        if ok:
            self.note.clear()
        return ok

    def confirm_restored(self) -> bool:
        ok, _ = self.state.call(self, rollback.confirm_restored, self.state.id, self.cause.toPlainText(),
                                expected_version=details.seen_rollback(self.state.data))
        return ok

    def complete(self) -> bool:
        # Irreversible (issue 15): the outcome is decided here (已回退) and the release awaits its closure.
        p, lang = self.gctx.profile, self.gctx.lang
        if not ops.ask(self, self.tr("完成回退"), self.tr(
                "完成 {n} 的回退？发布结果记为“{outcome}”，发布进入发布关闭阶段，回退步骤的记录不能再修改。")
                .format(n=self.state.data.number, outcome=p.outcomes["rolled_back"].label(lang))):
            return False
        ok, _ = self.state.call(self, rollback.complete, self.state.id,
                                expected_version=self.state.data.row_version)
        if ok:
            self.accept()
        return ok

    def done(self, code: int) -> None:
        self.state.detach()
        super().done(code)
