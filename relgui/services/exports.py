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
from relgui.domain.messages import pick, say, words
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
    return tuple(Column(pick((zh, en), lang), DATETIME if key in _TIMES else excel.TEXT)
                 for key, zh, en in REGISTER_COLUMNS)


def _register_notes(ctx: AppContext, query: register.RegisterQuery, lang: str, zone: str, count: int) -> Table:
    """What the register sheet is, in words: when it was made, the time zone of its times,
    what each column holds."""
    profile = current_profile()
    when = ctx.clock.now().astimezone(company.zone(zone)).strftime("%Y-%m-%d %H:%M")
    kinds = "、".join(profile.statuses[s].label(lang) for s in query.statuses) if query.statuses else None
    types = "、".join(profile.release_types[t].label(lang) for t in query.types) if query.types else None

    def s(code: str, **params: Any) -> str:
        return say(code, lang, **params)

    rows = [(s("xl_note_exported"), s("xl_note_exported_value", when=when, zone=zone)),
            (s("xl_note_releases"), str(count)),
            (s("xl_note_statuses"), kinds or s("xl_all")), (s("xl_note_types"), types or s("xl_all")),
            (s("xl_note_times"), s("xl_note_times_value", zone=zone)),
            (s("xl_note_window"), s("xl_note_window_value")),
            (s("xl_note_closed"), s("xl_note_closed_value")),
            (s("xl_note_updated"), s("xl_note_updated_value")),
            (s("xl_note_source"), s("xl_note_source_value", title=profile.title, id=profile.id))]
    return Table(s("xl_sheet_notes"), (Column(s("xl_col_item")), Column(s("xl_col_description"))), rows, data=False)


def export_register(ctx: AppContext, query: register.RegisterQuery, path: str | Path, lang: str | None = None) -> int:
    """Every row the register's current filter selects (all pages, its sort order) to .xlsx,
    with a notes sheet; returns the number of releases written."""
    lang = _lang(lang, ctx)
    query = register.checked(query)
    path = files.to_write(path)
    settings = company.get(ctx)
    rows = list(_register_rows(ctx, query, lang, settings.tz))
    sheet = Table(say("xl_sheet_register", lang), _register_columns(lang), rows)
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

def _met(met: bool | None, lang: str) -> str:
    if met is None:
        return "—"
    return say("xl_met" if met else "xl_missed", lang)


def kpi_definition_rows(lang: str, zone: str) -> list[tuple[str, str]]:
    """The KPI's definition (表4-3) in words, as the quarterly report says it: no keys."""
    profile = current_profile()
    d = kpi.definition(profile)
    join = words("list", lang)
    counted = join.join(profile.outcomes[o].label(lang) for o in d["counted_outcomes"] if o in profile.outcomes)
    good = join.join(profile.outcomes[o].label(lang) for o in d["success_outcomes"] if o in profile.outcomes)
    excluded = join.join(profile.statuses[s].label(lang) for s in d["excluded_statuses"] if s in profile.statuses)
    target = f"≥{d['target']:.0%}"

    def s(code: str, **params: Any) -> str:
        return say(code, lang, **params)

    return [(s("kpi_def_measure"), pick((d["name"], d["name_en"]), lang)),
            (s("kpi_def_formula"), s("kpi_def_formula_value", formula=d["formula"])),
            (s("kpi_def_period"), s("kpi_def_period_value")), (s("kpi_def_target"), target),
            (s("kpi_def_counted"), s("kpi_def_counted_value", counted=counted)),
            (s("kpi_def_success"), s("kpi_def_success_value", good=good)),
            (s("kpi_def_excluded"), s("kpi_def_excluded_value", excluded=excluded)),
            (s("kpi_def_quarter"), s("kpi_def_quarter_value", zone=zone)),
            (s("kpi_def_policy"), s("kpi_def_policy_value", title=profile.title, id=profile.id))]


def export_kpi(ctx: AppContext, first: Quarter | str, last: Quarter | str, path: str | Path,
               lang: str | None = None) -> Path:
    """The 发布成功率 table (quarter × type, with total, target and whether it was met; rates
    as percentages) and the KPI definition in words, to .xlsx (R-4.6-KPI)."""
    lang = _lang(lang, ctx)
    profile = current_profile()
    rates = kpi.success_rates(ctx, first, last)
    path = files.to_write(path)
    heads = say("xl_rates_columns", lang).split("\t")
    kinds = (excel.TEXT, excel.TEXT, INT, INT, PERCENT, PERCENT, excel.TEXT)
    rows = []
    for r in rates:
        by_type = [(profile.release_types[t].label(lang), rate) for t, rate in r.by_type.items()]
        for label, rate in [*by_type, (say("xl_rates_all", lang), r.overall)]:
            rows.append([str(r.quarter), label, rate.total, rate.successful, rate.rate, rate.target,
                         _met(rate.met, lang)])
    table = Table(say("xl_sheet_rates", lang), tuple(Column(h, k) for h, k in zip(heads, kinds)), rows)
    zone = company.get(ctx).timezone
    definition = Table(say("xl_sheet_definition", lang), (Column(say("xl_col_item", lang)),
                                                          Column(say("xl_col_description", lang))),
                       kpi_definition_rows(lang, zone), data=False)
    return _write(path, lambda p: excel.write_workbook(p, [table, definition]))
