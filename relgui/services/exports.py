"""The register and the KPI table out to the files an office works with: .xlsx (the register
as filtered, the 发布成功率 table with its definition, R-4.6-KPI) and CSV (the register).

Rows are read here, times turned into the company's wall-clock time (Excel has no time zones;
the definitions sheet names the zone), labels put in the user's language; the layout of the
file (formats, widths, frozen header, autofilter, UTF-8 with BOM) is relgui.adapters.excel's.
A file that cannot be written is refused in words (relgui.services.files), never half written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from relgui.adapters import excel
from relgui.adapters.excel import DATETIME, INT, PERCENT, Column, Table
from relgui.domain.errors import InvalidInput
from relgui.domain.kpi import Quarter
from relgui.policy import current_profile
from relgui.services import company, files, kpi, register
from relgui.services.context import AppContext

# (field, 中文, English) of the register export; the register import recognises the same headers.
REGISTER_COLUMNS = (
    ("number", "发布编号", "Number"), ("title", "标题", "Title"), ("type", "发布类型", "Type"),
    ("status", "状态", "Status"), ("outcome", "发布结果", "Outcome"), ("systems", "涉及系统", "Systems"),
    ("owner", "负责人", "Owner"), ("planned_start", "计划开始时间", "Planned start"),
    ("planned_end", "计划结束时间", "Planned end"), ("closed_at", "关闭时间", "Closed at"),
    ("updated_at", "最后更新", "Updated at"),
)
_TIMES = ("planned_start", "planned_end", "closed_at", "updated_at")


def _en(lang: str) -> bool:
    return lang.lower().startswith("en")


def _lang(lang: object, ctx: AppContext) -> str:
    if lang is None:
        return ctx.lang
    if not isinstance(lang, str):
        raise InvalidInput.of("lang", "not_text", type=type(lang).__name__[:40])
    return lang


def _write(path: Path, write) -> Path:
    try:
        return write(path)
    except OSError as exc:  # disk full, no permission, locked by Excel, a name too long …
        raise files.write_error(path, exc) from None


def _local(value: dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    """Excel has no time zones: cells hold the company's wall-clock time."""
    return None if value is None else value.astimezone(tz).replace(tzinfo=None)


# ------------------------------------------------------------------ the register

def _register_rows(ctx: AppContext, query: register.RegisterQuery, lang: str, tz: dt.tzinfo) -> Iterator[list[Any]]:
    """Every row the query selects (all pages, its sort order), as cell values."""
    profile = current_profile()
    offset = 0
    while True:
        page = register.page(ctx, dataclasses.replace(query, offset=offset, limit=register.MAX_PAGE), with_total=False)
        for row in page.rows:
            values = {"type": profile.release_types[row.type].label(lang),
                      "status": profile.statuses[row.status].label(lang),
                      "outcome": profile.outcomes[row.outcome].label(lang) if row.outcome else None}
            yield [values[k] if k in values else _local(getattr(row, k), tz) if k in _TIMES else getattr(row, k)
                   for k, _, _ in REGISTER_COLUMNS]
        if len(page.rows) < register.MAX_PAGE:
            return
        offset += len(page.rows)


def _register_columns(lang: str) -> tuple[Column, ...]:
    return tuple(Column(en if _en(lang) else zh, DATETIME if key in _TIMES else excel.TEXT)
                 for key, zh, en in REGISTER_COLUMNS)


def _register_notes(ctx: AppContext, query: register.RegisterQuery, lang: str, zone: str, count: int) -> Table:
    """What the register sheet is, in words: when it was made, the time zone of its times,
    what each column holds."""
    en, profile = _en(lang), current_profile()
    when = ctx.clock.now().astimezone(company.zone(zone)).strftime("%Y-%m-%d %H:%M")
    kinds = "、".join(profile.statuses[s].label(lang) for s in query.statuses) if query.statuses else None
    types = "、".join(profile.release_types[t].label(lang) for t in query.types) if query.types else None
    if en:
        rows = [("Exported at", f"{when} ({zone})"), ("Releases", str(count)),
                ("Statuses", kinds or "all"), ("Release types", types or "all"),
                ("Times", f"Wall-clock time in the company's time zone, {zone}"),
                ("Planned start / end", "The release window of the plan"),
                ("Closed at", "When the release was closed; the success rate counts a release in the quarter of "
                              "this time"),
                ("Updated at", "The last change recorded on the release"),
                ("Source", f"relgui, {profile.title} {profile.id}")]
    else:
        rows = [("导出时间", f"{when}（{zone}）"), ("发布数", str(count)),
                ("状态", kinds or "全部"), ("发布类型", types or "全部"),
                ("时间", f"均为公司时区（{zone}）的当地时间"),
                ("计划开始时间 / 计划结束时间", "发布计划中的发布窗口"),
                ("关闭时间", "发布关闭的时间；发布成功率按此时间计入季度"),
                ("最后更新", "该发布最后一次记录变更的时间"),
                ("来源", f"relgui，{profile.title} {profile.id}")]
    return Table("Notes" if en else "说明", (Column("Item" if en else "项目"), Column("Description" if en else "说明")),
                 rows, data=False)


def export_register(ctx: AppContext, query: register.RegisterQuery, path: str | Path, lang: str | None = None) -> int:
    """Every row the register's current filter selects (all pages, its sort order) to .xlsx,
    with a notes sheet; returns the number of releases written."""
    lang = _lang(lang, ctx)
    query = register.checked(query)
    path = files.to_write(path)
    settings = company.get(ctx)
    rows = list(_register_rows(ctx, query, lang, settings.tz))
    sheet = Table("Release register" if _en(lang) else "发布登记簿", _register_columns(lang), rows)
    notes = _register_notes(ctx, query, lang, settings.timezone, len(rows))
    _write(path, lambda p: excel.write_workbook(p, [sheet, notes]))
    return len(rows)


def export_register_csv(ctx: AppContext, query: register.RegisterQuery, path: str | Path,
                        lang: str | None = None) -> int:
    """The same rows and columns as ``export_register`` as CSV (UTF-8 with a byte-order mark,
    which Excel opens as it is); returns the number of releases written."""
    lang = _lang(lang, ctx)
    query = register.checked(query)
    path = files.to_write(path)
    rows = list(_register_rows(ctx, query, lang, company.get(ctx).tz))
    _write(path, lambda p: excel.write_csv(p, _register_columns(lang), rows))
    return len(rows)


# ------------------------------------------------------------------ KPI

def _met(met: bool | None, en: bool) -> str:
    if met is None:
        return "—"
    return ("yes" if met else "no") if en else ("达标" if met else "未达标")


def kpi_definition_rows(lang: str, zone: str) -> list[tuple[str, str]]:
    """The KPI's definition (表4-3) in words, as the quarterly report says it: no keys."""
    en, profile = _en(lang), current_profile()
    d = kpi.definition(profile)
    join = ", " if en else "、"
    counted = join.join(profile.outcomes[o].label(lang) for o in d["counted_outcomes"] if o in profile.outcomes)
    good = join.join(profile.outcomes[o].label(lang) for o in d["success_outcomes"] if o in profile.outcomes)
    excluded = join.join(profile.statuses[s].label(lang) for s in d["excluded_statuses"] if s in profile.statuses)
    target = f"≥{d['target']:.0%}"
    if en:
        return [("Measure", d["name_en"]), ("Formula", "successful releases / releases counted × 100%"),
                ("Period", "Each calendar quarter"), ("Target", target),
                ("Counted", f"Releases whose outcome is {counted}"), ("Successful", f"Outcome {good}"),
                ("Not counted", f"Requests that were {excluded}"),
                ("Quarter of a release", f"The quarter of its closing time ({zone})"),
                ("Policy", f"{profile.title} {profile.id}, table 4-3")]
    return [("衡量指标", d["name"]), ("指标计算说明", d["formula"]), ("考核频次", "每季度"), ("目标值", target),
            ("计入发布总次数", f"发布结果为{counted}的发布"), ("计为发布成功", f"发布结果为{good}"),
            ("不计入", f"状态为{excluded}的请求"), ("归入季度的依据", f"发布关闭时间（{zone}）"),
            ("制度依据", f"{profile.title} {profile.id} 表4-3")]


def export_kpi(ctx: AppContext, first: Quarter | str, last: Quarter | str, path: str | Path,
               lang: str | None = None) -> Path:
    """The 发布成功率 table (quarter × type, with total, target and whether it was met; rates
    as percentages) and the KPI definition in words, to .xlsx (R-4.6-KPI)."""
    lang = _lang(lang, ctx)
    en = _en(lang)
    profile = current_profile()
    rates = kpi.success_rates(ctx, first, last)
    path = files.to_write(path)
    heads = (("季度", "发布类型", "发布总次数", "发布成功次数", "发布成功率", "目标值", "是否达标") if not en else
             ("Quarter", "Type", "Releases", "Successful", "Success rate", "Target", "Target met"))
    kinds = (excel.TEXT, excel.TEXT, INT, INT, PERCENT, PERCENT, excel.TEXT)
    rows = []
    for r in rates:
        by_type = [(profile.release_types[t].label(lang), rate) for t, rate in r.by_type.items()]
        for label, rate in [*by_type, ("All" if en else "合计", r.overall)]:
            rows.append([str(r.quarter), label, rate.total, rate.successful, rate.rate, rate.target,
                         _met(rate.met, en)])
    table = Table("Success rate" if en else "发布成功率", tuple(Column(h, k) for h, k in zip(heads, kinds)), rows)
    zone = company.get(ctx).timezone
    definition = Table("Definition" if en else "指标定义", (Column("Item" if en else "项目"),
                                                        Column("Description" if en else "说明")),
                       kpi_definition_rows(lang, zone), data=False)
    return _write(path, lambda p: excel.write_workbook(p, [table, definition]))
