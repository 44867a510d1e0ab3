"""A live countdown to a policy deadline: the 30-minute rollback decision (R-4.5.2-DECIDE30)
or the 24-hour CMDB update (R-4.4.2-CMDB24H).

Time comes from the services' clock (gctx.app.clock), never from Qt, so a test moves a
FixedClock and calls ``tick()``; the QTimer only repaints. The warning window comes from the
policy profile's deadlines.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from relgui.domain.release_detail import DeadlineView
from relgui.gui.execution.common import duration, local

STYLE = {"ok": "font-weight: bold;", "warn": "color: #e65100; font-weight: bold;",
         "overdue": "color: #c62828; font-weight: bold;", "done": "color: #2e7d32;", "late": "color: #c62828;"}


class Countdown(QLabel):
    def __init__(self, gctx, parent=None, objectName: str = "countdown"):  # noqa: N803 - Qt's spelling
        super().__init__(parent)
        self.setObjectName(objectName)
        self.gctx = gctx
        self.due: dt.datetime | None = None
        self.done_at: dt.datetime | None = None
        self.warn = dt.timedelta(0)
        self.state = ""
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.tick)

    def set_deadline(self, entry: DeadlineView | None, warn: dt.timedelta) -> None:
        """``entry`` one of ReleaseDetail.deadlines (due, done_at …), or None: no clock runs."""
        self.due = entry.due if entry else None
        self.done_at = entry.done_at if entry else None
        self.warn = warn
        running = self.due is not None and self.done_at is None
        if running and not self.timer.isActive():
            self.timer.start()
        elif not running:
            self.timer.stop()
        self.tick()

    def tick(self) -> None:
        if self.due is None:
            self.state = ""
            self.setText("")
            self.setStyleSheet("")
            return
        if self.done_at is not None:
            late = self.done_at > self.due
            self.state = "late" if late else "done"
            self.setText((self.tr("已完成（逾期 {d}），完成于 {at}") if late else self.tr("已按时完成，完成于 {at}"))
                         .format(d=duration(self.done_at - self.due), at=local(self.done_at)))
        else:
            left = self.due - self.gctx.app.clock.now()
            self.state = "overdue" if left.total_seconds() < 0 else ("warn" if left <= self.warn else "ok")
            text = self.tr("已逾期 {d}（截止 {at}）") if self.state == "overdue" else self.tr("剩余 {d}（截止 {at}）")
            self.setText(text.format(d=duration(left), at=local(self.due)))
        self.setStyleSheet(STYLE[self.state])
        self.setAccessibleName(self.text())

    def running(self) -> bool:
        return self.timer.isActive()
