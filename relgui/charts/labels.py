"""Chart texts in Chinese (the policy's words) and English. Names of statuses, stages and
release types come from the policy profile instead."""

from __future__ import annotations

from relgui.domain import lang as language

TEXTS: dict[str, tuple[str, str]] = {
    "success_title": ("发布成功率（按季度、发布类型）", "Release success rate by quarter and type"),
    "overall": ("全部发布", "All releases"),
    "target": ("目标值 ≥{target}", "Target ≥{target}"),
    "status_title": ("在办发布（按状态，颜色表示阶段）", "Releases in progress by status and stage"),
    "cmdb_title": ("CMDB 24 小时内更新（发布数）", "CMDB updated within 24 h (releases)"),
    "in_time": ("按时", "In time"),
    "late": ("超时完成", "Late"),
    "overdue": ("已逾期未完成", "Overdue"),
    "open": ("进行中", "Open"),
    "decision_title": ("回退决策用时（检测到严重问题后的分钟数）", "Minutes from a severe problem to the rollback decision"),
    "decision_limit": ("{minutes} 分钟时限", "{minutes}-minute limit"),
    "overdue_title": ("当前逾期事项", "Overdue now"),
    "overdue_cmdb": ("CMDB 更新逾期", "CMDB update overdue"),
    "overdue_decision": ("回退决策逾期", "Rollback decision overdue"),
    "empty": ("无数据", "No data"),
    "dashboard_title": ("发布管理关键指标 {period}", "Release KPIs {period}"),
}


def text(key: str, lang: str = "zh_CN", **params) -> str:
    return language.pick(TEXTS[key], lang).format(**params)
