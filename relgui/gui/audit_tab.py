"""The release's audit trail as a table, in the user's language (issue 15, "words, not codes").

The events keep their codes (the chain must not change with a translation); what is shown is
said by relgui.domain.messages_audit: the action by its name, each changed field by its label,
statuses, types, outcomes and roles by the policy's names, times in the company's time zone
(one rule: relgui.domain.timeutil.shown). A row's tooltip holds its whole text.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from relgui.domain import messages_audit, timeutil
from relgui.domain.release_detail import ReleaseDetail
from relgui.services.company import zone

ACTION_WIDTH = 220  # px: the 操作 column at most (a long action name is elided, whole in the tooltip)


def zone_of(d: ReleaseDetail | None) -> dt.tzinfo:
    """The company's zone the detail was read with (``ReleaseDetail.timezone``); before any was
    read, the policy's (China Standard Time)."""
    return zone((d.timezone if d is not None else "") or "Asia/Shanghai")


def rows(d: ReleaseDetail, lang: str, profile, tz: dt.tzinfo) -> list[tuple[list[str], str]]:
    """Newest first: (cells, tooltip) of each event."""
    out = []
    for e in reversed(d.audit):
        what = messages_audit.action_text(e.action, lang, profile)
        detail = messages_audit.detail_text(e.action, e.entity, dict(e.detail or {}), lang, profile, tz, key=e.key or "")
        out.append(([str(e.seq), timeutil.shown(e.at, tz), e.actor or "", what, detail],
                    f"{what}\n{detail}" if detail else what))
    return out


def audit_table(d: ReleaseDetail, lang: str, profile) -> QTableWidget:
    tz = zone_of(d)
    headers = [QCoreApplication.translate("AuditTab", "序号"), QCoreApplication.translate("AuditTab", "时间"),
               QCoreApplication.translate("AuditTab", "操作人"), QCoreApplication.translate("AuditTab", "操作"),
               QCoreApplication.translate("AuditTab", "内容")]
    got = rows(d, lang, profile, tz)
    table = QTableWidget(len(got), len(headers), objectName="audit_table")
    table.setHorizontalHeaderLabels(headers)
    zone = timeutil.zone_name(tz)
    table.horizontalHeaderItem(1).setToolTip(QCoreApplication.translate("AuditTab", "公司时区：{zone}").format(zone=zone))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, (cells, tip) in enumerate(got):
        for c, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setToolTip(tip)
            table.setItem(r, c, item)
    # One line per event, the whole text in its tooltip; 内容 takes the width left, so the table
    # is never wider than the detail pane (no horizontal scrollbar for a long action name).
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(len(headers) - 1):
        table.resizeColumnToContents(column)
    header.resizeSection(3, min(header.sectionSize(3), ACTION_WIDTH))
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table
