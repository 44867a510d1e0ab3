"""配置更新 (4.4.2): CMDB update within 24 hours of the successful release (R-4.4.2-CMDB24H),
document archive (R-4.4.2-ARCHIVE), knowledge update (R-4.4.2-KNOWLEDGE), then 完成配置更新,
which decides the outcome 发布成功.

The 24-hour deadline is shown live with the time left; inside the profile's warning window it
turns orange with a warning, and once missed it is flagged (the update is then recorded as
late, never hidden).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout

from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui import ops
from relgui.gui.execution.attachments_panel import AttachmentsPanel
from relgui.gui.execution.common import ReleaseState, enter_is_local, fill, fit, local, table
from relgui.gui.execution.config_parts import ArchiveTab, CmdbTab, KnowledgeTab
from relgui.gui.execution.countdown import Countdown
from relgui.services import closing


class ConfigUpdateDialog(QDialog):
    def __init__(self, parent, gctx, release: ReleaseDetail):
        super().__init__(parent)
        self.gctx = gctx
        self.state = ReleaseState(gctx, release, self)
        self.setWindowTitle(self.tr("配置更新 — {n}").format(n=release.number))
        self.setObjectName("config_update_dialog")
        layout = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading", wordWrap=True)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        hours = gctx.profile.deadlines.cmdb_update_hours
        row.addWidget(QLabel(self.tr("CMDB 更新时限（发布成功后 %n 小时内）：", None, hours)))
        self.countdown = Countdown(gctx, self, "cmdb_countdown")
        self.countdown.timer.setInterval(30_000)  # hours, not seconds: no need to repaint every second
        self.countdown.timer.timeout.connect(self._warn)
        row.addWidget(self.countdown, 1)
        layout.addLayout(row)
        self.warning = QLabel(objectName="cmdb_warning", wordWrap=True)
        layout.addWidget(self.warning)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.parts: list[CmdbTab | ArchiveTab | KnowledgeTab] = [CmdbTab(self.state), ArchiveTab(self.state), KnowledgeTab(self.state)]
        for part, title in zip(self.parts, (self.tr("CMDB 更新"), self.tr("文档归档"), self.tr("知识更新"))):
            self.tabs.addTab(part, title)
        self.tabs.addTab(AttachmentsPanel(gctx, release, self), self.tr("附件"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel(self.tr("配置更新检查单")))
        self.checklist = table([self.tr("检查项"), self.tr("结果"), self.tr("记录人"), self.tr("时间"),
                                self.tr("证据或理由")], "config_checklist")
        self.checklist.setMaximumHeight(self.fontMetrics().height() * 8)
        layout.addWidget(self.checklist)
        self.blockers = QLabel(objectName="blockers", wordWrap=True, styleSheet="color: #c62828;")
        layout.addWidget(self.blockers)
        layout.addLayout(self._buttons())
        self.state.reloaded.connect(self.refresh)
        self.state.reload()
        fit(self, 70, 50)
        enter_is_local(self)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.complete_button = QPushButton(self.tr("完成配置更新"), objectName="complete")
        self.complete_button.clicked.connect(self.complete)
        close = QPushButton(self.tr("关闭"), objectName="close")
        close.clicked.connect(self.reject)
        row.addWidget(self.complete_button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def refresh(self) -> None:
        d = self.state.data
        self.heading.setText(self.state.heading())
        self.countdown.set_deadline(self.state.deadline("cmdb"), self.gctx.profile.deadlines.cmdb_warn)
        self._warn()
        for part in self.parts:
            part.refresh()
        spec = self.gctx.profile.checklists["config_update"]
        names = {"pass": self.tr("通过"), "fail": self.tr("未通过"), "na": self.tr("不适用")}
        recorded = {e.item: e for e in d.checklists.get("config_update", ())}
        rows = []
        for item in spec.items:
            e = recorded.get(item.key)
            rows.append([item.label(self.gctx.lang), names.get(e.result, "") if e else self.tr("未完成"),
                         (e.recorded_by or "") if e else "", local(e.recorded_at) if e else "",
                         (e.reason or e.evidence) if e else ""])
        fill(self.checklist, rows)
        self.state.gate(self.complete_button, Action.COMPLETE_CONFIG_UPDATE)
        why = self.state.why_not(Action.COMPLETE_CONFIG_UPDATE)
        self.blockers.setText(self.tr("尚不能完成配置更新：{why}").format(why=why) if why else "")

    def _warn(self) -> None:
        """R-4.4.2-CMDB24H: warn inside the profile's warning window, flag once missed."""
        texts = {"warn": self.tr("CMDB 更新即将到期，请尽快完成。"),
                 "overdue": self.tr("已超过 CMDB 更新时限：此次更新将被记录为逾期。"),
                 "late": self.tr("CMDB 更新逾期完成，已记录。")}
        self.warning.setText(texts.get(self.countdown.state, ""))
        self.warning.setStyleSheet("color: #c62828; font-weight: bold;" if self.countdown.state != "warn"
                                   else "color: #e65100; font-weight: bold;")

    def complete(self) -> bool:
        # Irreversible (issue 15): the outcome is decided here (发布成功) and the release awaits its closure.
        p, lang = self.gctx.profile, self.gctx.lang
        if not ops.ask(self, self.tr("完成配置更新"), self.tr(
                "完成 {n} 的配置更新？发布结果记为“{outcome}”，发布进入发布关闭阶段，配置更新的记录不能再修改。")
                .format(n=self.state.data.number, outcome=p.outcomes["success"].label(lang))):
            return False
        ok, _ = self.state.call(self, closing.complete_config_update, self.state.id,
                                expected_version=self.state.data.row_version)
        if ok:
            self.accept()
        return ok

    def done(self, code: int) -> None:
        self.state.detach()
        self.countdown.timer.stop()
        super().done(code)


def open_config_update(parent, gctx, release: ReleaseDetail) -> bool:
    dialog = ConfigUpdateDialog(parent, gctx, release)
    dialog.exec()
    return dialog.state.changed
