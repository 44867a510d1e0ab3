"""What a dashboard figure is called in the user's language, and what a click on it can list.

A FigureKey (relgui.domain.kpi) names one bar or point; the register shows the releases
behind it under the title made here, e.g. “2026Q3 一般发布 未成功”. Chart words (按时,
超时完成 …) come from relgui.charts.labels, so the title says what the chart said.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication

from relgui.charts.labels import text as chart_text
from relgui.domain.kpi import DECISION_BINS, Dashboard, FigureKey
from relgui.gui.i18n import QT_TRANSLATE_NOOP

SUCCESS_PARTS = {
    "unsuccessful": QT_TRANSLATE_NOOP("figures", "未成功"),
    "counted": QT_TRANSLATE_NOOP("figures", "计入发布成功率"),
    "successful": QT_TRANSLATE_NOOP("figures", "成功"),
}
# The order a click on a success-rate point offers them: the failures first, as the
# question after a missed target is which releases caused it.
SUCCESS_ORDER = ("unsuccessful", "counted")


def tr(text: str) -> str:
    return QCoreApplication.translate("figures", text)


def _period(key: FigureKey) -> str:
    last = key.last or key.first
    return key.first if key.first == last else f"{key.first}–{last}"


def _type(gctx, key: FigureKey) -> str:
    if not key.type:
        return chart_text("overall", gctx.lang)
    t = gctx.profile.release_types.get(key.type)
    return t.label(gctx.lang) if t else key.type


def describe(gctx, key: FigureKey) -> str:
    """The figure's name as the register's title shows it."""
    p, lang, translate = gctx.profile, gctx.lang, QCoreApplication.translate
    period = _period(key)
    if key.chart == "success":
        part = tr(SUCCESS_PARTS.get(key.part or "counted", key.part))
        return translate("figures", "{period} {type} {part}").format(period=period, type=_type(gctx, key), part=part)
    if key.chart == "status":
        s = p.statuses.get(key.part)
        return translate("figures", "状态：{name}").format(name=s.label(lang) if s else key.part)
    if key.chart == "stage":
        s = next((x for x in p.stages if x.key == key.part), None)
        return translate("figures", "阶段：{name}").format(name=s.label(lang) if s else key.part)
    if key.chart == "cmdb":
        part = chart_text(key.part, lang)
        return translate("figures", "{period} CMDB 24 小时内更新：{part}").format(period=period, part=part)
    if key.chart == "decision":
        part = chart_text(key.part, lang)
        return translate("figures", "{period} 回退决策：{part}").format(period=period, part=part)
    if key.chart == "decision_bin":
        minutes = _bin(key.part)
        return translate("figures", "{period} 回退决策用时 {minutes} 分钟").format(period=period, minutes=minutes)
    if key.chart == "overdue":
        what = chart_text(f"overdue_{key.part}", lang) if key.part else chart_text("overdue_title", lang)
        return translate("figures", "当前逾期：{what}（{type}）").format(what=what, type=_type(gctx, key))
    return key.chart


def _bin(low: str) -> str:
    lo = int(low)
    later = [b for b in DECISION_BINS if b > lo]
    return f"{lo}–{later[0]}" if later else f"≥{lo}"


def _success_count(d: Dashboard | None, key: FigureKey) -> int | None:
    if d is None:
        return None
    rate = next((r for r in d.rates if str(r.quarter) == key.first), None)
    if rate is None:
        return None
    r = rate.by_type.get(key.type) if key.type else rate.overall
    if r is None:
        return None
    return {"counted": r.total, "successful": r.successful, "unsuccessful": r.total - r.successful}[key.part]


def readings(keys: list[FigureKey], d: Dashboard | None = None) -> list[tuple[FigureKey, int | None]]:
    """Every list a click can mean, in order, without repeats: a success-rate point means its
    failures or all its counted releases; any other figure just itself. Counts where the
    dashboard already knows them."""
    out: list[tuple[FigureKey, int | None]] = []
    for key in keys:
        if key.chart == "success":
            options = [dataclasses.replace(key, part=p) for p in SUCCESS_ORDER]
            out += [(k, _success_count(d, k)) for k in options]
        else:
            out.append((key, None))
    # Without repeats, the first kept: a dict keeps its keys in insertion order.
    first: dict[FigureKey, int | None] = {}
    for k, n in out:
        first.setdefault(k, n)
    return list(first.items())
