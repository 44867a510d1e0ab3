"""Parts of the 发布执行监控 window (R-4.3.2-MONITOR): the steps of the approved plan with their
planned and actual times, the dialog recording one step, and the observation log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.release_detail import ObservationView, ProblemView
from relgui.gui import zone
from relgui.gui.execution.common import esc, fill, local, table
from relgui.gui.execution.countdown import Countdown
from relgui.gui.execution.rollback_dialogs import decision_text

STEP_STATUSES = ("done", "skipped", "failed")


def step_status_label(status: str | None) -> str:
    names = {"done": QCoreApplication.translate("Monitor", "完成"),
             "skipped": QCoreApplication.translate("Monitor", "跳过"),
             "failed": QCoreApplication.translate("Monitor", "失败")}
    return names.get(status or "", QCoreApplication.translate("Monitor", "未开始"))


def planned_times(steps: list[dict], start: dt.datetime | None) -> list[tuple[dt.datetime | None, dt.datetime | None]]:
    """Each step's planned start and finish: the plan's window start plus the planned minutes
    of the steps before it (R-3.2-PLAN 时间安排)."""
    out, at = [], start
    for step in steps:
        minutes = int(step.get("minutes") or 0)
        end = at + dt.timedelta(minutes=minutes) if at else None
        out.append((at, end))
        at = end
    return out


def to_qt(value: dt.datetime) -> QDateTime:
    """An instant in an editor as the company's wall-clock time (gui/zone.py), as everything shows it."""
    return QDateTime(zone.wall(value))


class StepDialog(QDialog):
    """Record one step: result, actual start and finish, a note."""

    def __init__(self, parent, number: int, action: str, start: dt.datetime, finish: dt.datetime):
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录第 {n} 步").format(n=number))
        self.setObjectName("step_dialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("操作"), QLabel(action, wordWrap=True))
        self.status = QComboBox()
        self.status.setObjectName("step_status")
        for key in STEP_STATUSES:
            self.status.addItem(step_status_label(key), key)
        form.addRow(self.tr("结果"), self.status)
        self.start = QDateTimeEdit(to_qt(start), objectName="started_at", calendarPopup=True,
                                   displayFormat="yyyy-MM-dd HH:mm")
        self.finish = QDateTimeEdit(to_qt(finish), objectName="finished_at", calendarPopup=True,
                                    displayFormat="yyyy-MM-dd HH:mm")
        form.addRow(self.tr("实际开始"), self.start)
        form.addRow(self.tr("实际完成"), self.finish)
        self.note = QLineEdit(objectName="step_note", placeholderText=self.tr("例如 检查点结果、偏差说明"))
        form.addRow(self.tr("备注"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, dt.datetime, dt.datetime, str]:
        # What was typed is the company's wall-clock time, as the editors showed it.
        return (self.status.currentData(), zone.instant(self.start.dateTime().toPython()),
                zone.instant(self.finish.dateTime().toPython()), self.note.text())

    @classmethod
    def ask(cls, parent, number: int, action: str, start: dt.datetime, finish: dt.datetime):
        """(status, started_at, finished_at, note) or None. Tests replace this."""
        dialog = cls(parent, number, action, start, finish)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ObservationLog(QWidget):
    """Time-stamped observations of the four kinds of 4.3.2 (进度、性能、日志、用户反馈)."""

    submit = Signal(str, str)  # kind, text

    def __init__(self, gctx, parent=None):
        super().__init__(parent)
        self.gctx = gctx
        kinds = gctx.profile.checklists["monitoring"].items
        self.names = {k.key: k.label(gctx.lang) for k in kinds}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = table([self.tr("时间"), self.tr("类别"), self.tr("记录人"), self.tr("内容")], "observations")
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("observation_kind")
        for k in kinds:
            self.kind.addItem(k.label(gctx.lang), k.key)
            self.kind.setItemData(self.kind.count() - 1, k.description, Qt.ItemDataRole.ToolTipRole)
        self.text = QLineEdit(objectName="observation_text", placeholderText=self.tr("观察到的情况（回车记录）"))
        self.text.returnPressed.connect(self._submit)
        self.button = QPushButton(self.tr("记录观察"), objectName="record_observation")
        self.button.clicked.connect(self._submit)
        row.addWidget(self.kind)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        layout.addLayout(row)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.text.setFocus)

    def _submit(self) -> None:
        self.submit.emit(self.kind.currentData(), self.text.text())

    def show_rows(self, observations: Sequence[ObservationView]) -> None:
        fill(self.table, [[local(o.at, seconds=True), self.names.get(o.kind, o.kind), o.recorded_by or "",
                           o.text] for o in reversed(observations)])


class ProblemBanner(QWidget):
    """The latest severe problem; while it is undecided, the decision countdown runs
    (R-4.5.2-DECIDE30), once decided, the decision (who, when, late or not)."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state, self.gctx = state, state.gctx
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(objectName="problem", wordWrap=True)
        self.countdown = Countdown(self.gctx, self, "decision_countdown")
        row.addWidget(self.label, 1)
        row.addWidget(self.countdown)

    def show_problem(self, problem: ProblemView | None) -> None:
        rules = self.gctx.profile.deadlines
        open_ = problem is not None and problem.decision is None
        minutes = rules.rollback_decision_minutes
        if problem is None:
            self.label.setText("")
        else:
            text = (self.tr("<b>严重问题</b>（{t}）：{d}　发现于 {at}，回退决策须在 %n 分钟内作出：", None, minutes) if open_ else
                    self.tr("严重问题（{t}）：{d}　发现于 {at}；决策：") + decision_text(problem))
            self.label.setText(text.format(t=self.state.triggers(problem.triggers), d=esc(problem.description),
                                           at=local(problem.detected_at)))
        self.label.setStyleSheet("color: #c62828;" if open_ else "")
        self.countdown.set_deadline(self.state.deadline("rollback_decision") if open_ else None, rules.rollback_warn)
