"""An old release register into relgui from a spreadsheet or CSV file, all rows or none
(R-4.6-KPI: historical releases count in the KPI).

The file is read once (``load``: relgui.adapters.excel, closed at once) into a Book that the
three steps of the GUI's dialog pass along: ``inspect`` (sheets, headers, sample rows and a
proposed mapping from Chinese or English headers), ``preview`` (a dry run listing every row
it cannot take and why, in the user's language), then ``apply`` — one unit of work: the same
checks again, and if any row fails nothing is written. Each step also takes a path (and then
reads the file itself), for relgui-admin and scripts.

Imported releases get numbers from the ordinary sequence; the old register's number is kept
as the first line of the description (原登记编号：…) and makes a second import of the same row
a duplicate. Only ended releases (closed, rejected, cancelled) and new requests can be
imported: a release in the middle of its lifecycle would lack the plan, approval and
checklists the policy requires of it. Dates go through relgui.domain.timeutil.moment, the one
date parser of every import, as the company's wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from relgui.adapters import excel
from relgui.domain import text, timeutil
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal
from relgui.domain.messages import render
from relgui.domain.states import Role, Status
from relgui.policy import current_profile
from relgui.services import company, files
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.services.exports import REGISTER_COLUMNS as COLUMNS
from relgui.services.releases import next_number
from relgui.store.models import Release

MAX_ROWS = 20_000
MAX_FILE_MB = 50
MARKER = "原登记编号："
IMPORTABLE = (Status.CLOSED.value, Status.REJECTED.value, Status.CANCELLED.value, Status.REQUESTED.value)
FIELDS = ("number", "title", "type", "status", "outcome", "systems", "description", "planned_start",
          "planned_end", "closed_at")
REQUIRED = ("title", "type")
DATES = ("planned_start", "planned_end", "closed_at")
SYNONYMS = {
    "number": ("编号", "登记编号", "发布单号", "releasenumber", "releaseno", "no"),
    "title": ("发布名称", "发布标题", "名称", "发布内容", "name", "releasetitle", "summary"),
    "type": ("类型", "类别", "releasetype", "category"),
    "status": ("发布状态", "当前状态"),
    "outcome": ("结果", "是否成功", "result"),
    "systems": ("系统", "系统名称", "影响系统", "system"),
    "description": ("描述", "说明", "备注", "发布说明", "description", "notes", "remark"),
    "planned_start": ("计划开始", "开始时间", "发布时间", "计划发布时间", "plannedstart", "start"),
    "planned_end": ("计划结束", "结束时间", "plannedend", "end"),
    "closed_at": ("关闭日期", "完成时间", "完成日期", "closedat", "closed", "closedate"),
}
OUTCOME_WORDS = {"成功": "success", "失败": "failed", "回退": "rolled_back", "rolledback": "rolled_back",
                 "rollback": "rolled_back", "fail": "failed"}


def _en(lang: str) -> bool:
    return lang.lower().startswith("en")


# ------------------------------------------------------------------ the file, read once

def load(value: object) -> excel.Book:
    """The file the user named, read once and closed at once, as a Book; refused in words
    (missing, too large, not a spreadsheet or CSV, damaged) naming it."""
    path = files.to_read(value, limit_mb=MAX_FILE_MB)
    return excel.read(files.read_bytes(path), path.name)


def _book(source: excel.Book | str | Path) -> excel.Book:
    return source if isinstance(source, excel.Book) else load(source)


@dataclass(frozen=True)
class Sheet:
    """One worksheet as the import sees it: headers of row 1, the data rows (file row
    number, values; blank rows left out) and the merged ranges."""

    name: str
    sheets: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    merged: tuple[tuple[str, int, int], ...]


def read(source: excel.Book | str | Path, sheet: str | None = None) -> Sheet:
    """A worksheet of the Book (the first if none is named)."""
    book = _book(source)
    name = None if sheet is None else text.key(sheet, "sheet")
    ws = book.sheet(name)
    grid = list(enumerate(ws.rows, 1))
    return Sheet(ws.name, book.sheet_names, _headers(grid[0][1] if grid else ()),
                 tuple(g for g in grid[1:] if any(v not in (None, "") for v in g[1])), ws.merged)


def _headers(values: tuple[Any, ...]) -> tuple[str, ...]:
    """Row 1 as header names: cleaned text (relgui.domain.text), spaces collapsed."""
    return tuple(" ".join(text.clean(str(v)).split()) if v is not None else "" for v in values)


@dataclass(frozen=True)
class SheetInfo:
    name: str
    sheets: tuple[str, ...]
    headers: tuple[str, ...]
    sample: tuple[tuple[Any, ...], ...]
    rows: int
    mapping: dict[str, str]


def inspect(source: excel.Book | str | Path, sheet: str | None = None, sample: int = 5) -> SheetInfo:
    """What the mapping dialog shows: sheets, headers, a few rows and a proposed mapping."""
    s = read(source, sheet)
    return SheetInfo(s.name, s.sheets, s.headers, tuple(r for _, r in s.rows[:sample]), len(s.rows),
                     guess_mapping(s.headers))


def field_labels(lang: str = "zh_CN") -> dict[str, str]:
    """What the mapping dialog calls each importable field, in the user's language."""
    names = {key: (en if _en(lang) else zh) for key, zh, en in COLUMNS}
    names["number"] = "Old register number" if _en(lang) else "原登记编号"
    names["description"] = "Description" if _en(lang) else "描述"
    return {f: names[f] for f in FIELDS}


@functools.lru_cache(maxsize=4096)
def _norm(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).lower()
    return re.sub(r"[\s_\-:：*()（）\[\]【】/.]", "", folded)


def guess_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Source header → relgui field, for the headers recognised (Chinese or English); each
    field at most once, the first matching column wins."""
    known = {}
    for key, zh, en in COLUMNS:
        known.setdefault(_norm(zh), key)
        known.setdefault(_norm(en), key)
    for key, words in SYNONYMS.items():
        for w in words:
            known.setdefault(_norm(w), key)
    out, taken = {}, set()
    for h in headers:
        field_ = known.get(_norm(h)) if h else None
        if field_ in FIELDS and field_ not in taken:
            out[h] = field_
            taken.add(field_)
    return out


# ------------------------------------------------------------------ checking rows

@dataclass(frozen=True)
class RowProblem:
    """Why one row (or the header row, for the columns) cannot be imported."""

    row: int
    column: str
    refusal: Refusal

    def message(self, lang: str = "zh_CN") -> str:
        profile = current_profile()
        detail = render(self.refusal, lang, profile)
        code = "xl_at_row_column" if self.column else "xl_at_row"
        return render(Refusal(code, params={"row": self.row, "column": self.column, "detail": detail}), lang)


@dataclass(frozen=True)
class Candidate:
    """A row that can be imported, as the release it will become."""

    row: int
    title: str
    type: str
    status: str
    outcome: str | None = None
    systems: str = ""
    description: str = ""
    legacy_number: str = ""
    planned_start: dt.datetime | None = None
    planned_end: dt.datetime | None = None
    closed_at: dt.datetime | None = None


@dataclass(frozen=True)
class Preview:
    sheet: str
    candidates: list[Candidate]
    problems: list[RowProblem]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.candidates)

    def messages(self, lang: str = "zh_CN") -> list[str]:
        return [p.message(lang) for p in self.problems]


def _mapping_problems(sheet: Sheet, mapping: dict[str, str]) -> list[RowProblem]:
    """Wrong columns: a mapped header missing, a field twice, a required field unmapped."""
    out = []
    seen = [h for h in sheet.headers if h]
    for h in sorted({h for h in seen if seen.count(h) > 1}):
        out.append(RowProblem(1, h, Refusal("xl_duplicate_header", "R-4.6-KPI", {"column": h})))
    for header, field_ in mapping.items():
        if header not in sheet.headers:
            out.append(RowProblem(1, "", Refusal("xl_no_column", "R-4.6-KPI", {"column": str(header)[:60]})))
        if field_ not in FIELDS:
            out.append(RowProblem(1, header, Refusal("xl_unknown_field", "R-4.6-KPI", {"value": str(field_)[:30]})))
    fields = list(mapping.values())
    for f in sorted({f for f in fields if fields.count(f) > 1}):
        out.append(RowProblem(1, "", Refusal("xl_field_twice", "R-4.6-KPI", {"field": f})))
    for f in REQUIRED:
        if f not in fields:
            out.append(RowProblem(1, "", Refusal("xl_missing_field", "R-4.6-KPI", {"field": f})))
    for rng, first, last in sheet.merged:
        if first <= 1:
            out.append(RowProblem(1, "", Refusal("xl_merged", "R-4.6-KPI", {"range": rng})))
    return out


_LOOKUPS: dict[int, tuple[Any, dict[str, str]]] = {}


def _lookup(options: dict[str, Any]) -> dict[str, str]:
    """Normalised key, Chinese and English name → key, built once per table of the profile
    (the first key wins, as the table is ordered)."""
    hit = _LOOKUPS.get(id(options))
    if hit is None or hit[0] is not options:
        table: dict[str, str] = {}
        for key, named in options.items():
            for word in (key, named.name, named.name_en):
                table.setdefault(_norm(word), key)
        hit = _LOOKUPS[id(options)] = (options, table)
    return hit[1]


def _choice(value: Any, options: dict[str, Any], extra: dict[str, str] | None = None) -> str | None:
    """A profile key from its key, Chinese or English name (any case), or a known synonym."""
    word = _norm(str(value))
    return _lookup(options).get(word) or (extra or {}).get(word)


def _date(value: Any, tz: dt.tzinfo) -> dt.datetime | None:
    """A cell as an instant (relgui.domain.timeutil.moment, the one date parser of every
    import): Excel dates and serials, 2026-09-30, 2026/9/30 18:00, 2026年9月30日 … as the
    company's wall-clock time; None if not a date a release can have."""
    return timeutil.moment(value, tz)


def _shown(value: Any) -> str:
    """A cell's value as a message quotes it: clean text (relgui.domain.text), 40 characters."""
    return text.clean(str(value))[:40]


class _Row:
    """Collects the problems of one row while its cells are checked."""

    __slots__ = ("number", "cells", "problems", "values")

    def __init__(self, number: int, cells: dict[str, tuple[str, Any]]):
        self.number, self.cells, self.problems = number, cells, []
        # each cell once: blank text is no value (the checks ask for a value several times)
        self.values = {f: None if isinstance(v, str) and not v.strip() else v for f, (_, v) in cells.items()}

    def value(self, field_: str) -> Any:
        return self.values.get(field_)

    def fail(self, field_: str, code: str, **params: Any) -> None:
        column = self.cells.get(field_, ("", None))[0]
        self.problems.append(RowProblem(self.number, column, Refusal(code, "R-4.6-KPI", params)))

    def text(self, field_: str, required: bool = False, block: bool = False, limit: int = text.MAX_LINE) -> str:
        try:
            if block:
                return text.block(self.value(field_), field_, required=required)
            return text.line(self.value(field_), field_, required=required, limit=limit)
        except InvalidInput as exc:
            column = self.cells.get(field_, ("", None))[0]
            self.problems.extend(RowProblem(self.number, column, r) for r in exc.refusals)
            return ""


def _dates(r: _Row, tz: dt.tzinfo, now: dt.datetime) -> dict[str, dt.datetime | None]:
    out = {}
    for f in DATES:
        raw = r.value(f)
        out[f] = None if raw is None else _date(raw, tz)
        if raw is not None and out[f] is None:
            r.fail(f, "xl_bad_date", value=_shown(raw))
    if out["closed_at"] is not None and out["closed_at"] > now:
        r.fail("closed_at", "xl_future", value=_shown(r.value("closed_at")))
    if out["planned_start"] and out["planned_end"] and out["planned_end"] <= out["planned_start"]:
        r.fail("planned_end", "end_before_start")
    return out


def _status(r: _Row, profile, outcome: str | None, closed: dt.datetime | None) -> str:
    raw = r.value("status")
    if raw is None:  # no status: a closing date or an outcome says it ended, else a request
        return Status.CLOSED.value if (outcome or closed) else Status.REQUESTED.value
    status = _choice(raw, profile.statuses)
    if status is None:
        r.fail("status", "xl_unknown_value", value=_shown(raw),
               choices="、".join(profile.statuses[s].name for s in IMPORTABLE))
    elif status not in IMPORTABLE:
        r.fail("status", "xl_status_not_importable", value=_shown(raw))
        return ""  # one reason is enough: no follow-on complaints about outcome or dates
    return status or ""


def _lifecycle(r: _Row, status: str, outcome: str | None, closed: dt.datetime | None) -> None:
    """A closed release has its outcome and closing time (the KPI needs both); no other has."""
    if status == Status.CLOSED.value:
        if outcome is None and r.value("outcome") is None:
            r.fail("outcome", "xl_closed_needs_outcome")
        if closed is None and r.value("closed_at") is None:
            r.fail("closed_at", "xl_closed_needs_date")
    elif status:
        if outcome is not None:
            r.fail("outcome", "xl_outcome_not_closed", status=status)
        if closed is not None:
            r.fail("closed_at", "xl_closed_at_not_closed", status=status)


def _candidate(r: _Row, profile, tz: dt.tzinfo, now: dt.datetime) -> Candidate | None:
    title = r.text("title", required=True)
    kind = None
    if r.value("type") is None:
        r.fail("type", "empty", field="type")
    else:
        kind = _choice(r.value("type"), profile.release_types)
        if kind is None:
            r.fail("type", "xl_unknown_value", value=_shown(r.value("type")),
                   choices="、".join(t.name for t in profile.release_types.values()))
    outcome = None
    if r.value("outcome") is not None:
        outcome = _choice(r.value("outcome"), profile.outcomes, OUTCOME_WORDS)
        if outcome is None:
            r.fail("outcome", "xl_unknown_value", value=_shown(r.value("outcome")),
                   choices="、".join(o.name for o in profile.outcomes.values()))
    dates = _dates(r, tz, now)
    status = _status(r, profile, outcome, dates["closed_at"])
    _lifecycle(r, status, outcome, dates["closed_at"])
    legacy = r.text("number", limit=60)
    systems, description = r.text("systems"), r.text("description", block=True)
    if r.problems:
        return None
    return Candidate(r.number, title, kind, status, outcome, systems, description, legacy, **dates)


def _rows(sheet: Sheet, mapping: dict[str, str], tz: dt.tzinfo, now: dt.datetime):
    profile = current_profile()
    index = {h: i for i, h in enumerate(sheet.headers)}
    merged_rows = {n: rng for rng, a, b in sheet.merged for n in range(max(a, 2), b + 1)}
    for number, values in sheet.rows:
        cells = {f: (h, values[index[h]] if index[h] < len(values) else None) for h, f in mapping.items()}
        r = _Row(number, cells)
        if number in merged_rows:
            r.problems.append(RowProblem(number, "", Refusal("xl_merged", "R-4.6-KPI", {"range": merged_rows[number]})))
        yield r, _candidate(r, profile, tz, now)


def _duplicates(keys: list[tuple[int, Any, str]]) -> list[RowProblem]:
    """Rows the file holds twice: (row, key, what to show) by the old number where there is
    one, else by title and dates; the first occurrence is named."""
    out, first = [], {}
    for row, key, shown in keys:
        if key in first:
            out.append(RowProblem(row, "", Refusal("xl_duplicate_row", "R-4.6-KPI",
                                                  {"first": first[key], "value": shown[:60]})))
        else:
            first[key] = row
    return out


def _key(r: _Row, c: Candidate | None) -> tuple[int, Any, str] | None:
    number = r.value("number")
    if number is not None:  # even on a row refused for another reason
        return r.number, ("number", str(number).strip()), str(number).strip()
    if c is not None:
        return r.number, (c.title, c.planned_start, c.closed_at), c.title
    return None


def _known_numbers(s) -> set[str]:
    """relgui's own numbers and the old numbers of releases imported before."""
    imported = s.execute(select(Release.description).where(Release.description.like(*text.starts_with(MARKER)))).scalars()
    return set(s.execute(select(Release.number)).scalars()) | {d.split("\n", 1)[0][len(MARKER):] for d in imported}


def _already_there(s, candidates: list[Candidate]) -> list[RowProblem]:
    known = _known_numbers(s) if any(c.legacy_number for c in candidates) else set()
    return [RowProblem(c.row, "", Refusal("xl_already_imported", "R-4.6-KPI", {"value": c.legacy_number}))
            for c in candidates if c.legacy_number and c.legacy_number in known]


def _check(s, sheet: Sheet, mapping: dict[str, str], tz: dt.tzinfo, now: dt.datetime) -> Preview:
    problems = _mapping_problems(sheet, mapping)
    if problems:
        return Preview(sheet.name, [], problems)
    if len(sheet.rows) > MAX_ROWS:
        return Preview(sheet.name, [], [RowProblem(1, "", Refusal("xl_too_many_rows", "R-4.6-KPI", {"limit": MAX_ROWS}))])
    if not sheet.rows:
        return Preview(sheet.name, [], [RowProblem(1, "", Refusal("xl_no_rows", "R-4.6-KPI"))])
    candidates, keys = [], []
    for r, c in _rows(sheet, mapping, tz, now):
        problems.extend(r.problems)
        keys.append(_key(r, c))
        if c is not None and not r.problems:
            candidates.append(c)
    problems += _duplicates([k for k in keys if k]) + _already_there(s, candidates)
    problems.sort(key=lambda p: p.row)
    return Preview(sheet.name, candidates, problems)


def _mapping(mapping: object) -> dict[str, str]:
    """Source header → field, as the mapping dialog gives it: text on both sides."""
    if not isinstance(mapping, dict):
        raise InvalidInput.of("mapping", "not_a_value", value=type(mapping).__name__[:40])
    return {" ".join(text.key(h, "mapping").split()): text.key(f, "mapping", limit=40) for h, f in mapping.items()}


def preview(ctx: AppContext, source: excel.Book | str | Path, mapping: dict[str, str],
            sheet: str | None = None) -> Preview:
    """Dry run: what would be imported, and every row that cannot be, with the reason."""
    mapping = _mapping(mapping)
    data = read(source, sheet)
    with reading(ctx) as s:
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
        return _check(s, data, dict(mapping), tz, ctx.clock.now())


# ------------------------------------------------------------------ importing

@dataclass(frozen=True)
class Imported:
    count: int
    numbers: list[str]


class ImportRefused(InvalidInput):
    """Rows were refused, so nothing was imported; ``problems`` lists them all."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__(Refusal("xl_refused", "R-4.6-KPI", {"count": len({p.row for p in problems}),
                                                             "row": problems[0].row if problems else 0}))


def _require_manager(ctx: AppContext) -> None:
    if ctx.actor.user_id is not None and not ctx.actor.has(Role.MANAGER):
        raise PolicyViolation(Refusal("xl_not_allowed", "R-4.6-KPI"))


def _release(w, c: Candidate, profile) -> Release:
    description = f"{MARKER}{c.legacy_number}\n{c.description}".strip() if c.legacy_number else c.description
    return Release(number=next_number(w), title=c.title, type=c.type, status=c.status, outcome=c.outcome,
                   profile_ref=profile.ref, systems=c.systems, description=description,
                   planned_start=c.planned_start, planned_end=c.planned_end, requested_by_id=w.actor.user_id,
                   owner_id=w.actor.user_id, created_at=w.now, updated_at=w.now, closed_at=c.closed_at)


def apply(ctx: AppContext, source: excel.Book | str | Path, mapping: dict[str, str],
          sheet: str | None = None) -> Imported:
    """Import every row in one unit of work, each release audited; refused rows (checked again
    inside the transaction) mean nothing is imported."""
    _require_manager(ctx)
    mapping = _mapping(mapping)
    book = _book(source)
    data = read(book, sheet)
    profile = current_profile()
    with unit_of_work(ctx) as w:
        tz = company.zone(company.load(w.s).timezone or "Asia/Shanghai")
        checked = _check(w.s, data, dict(mapping), tz, w.now)
        if checked.problems:
            raise ImportRefused(checked.problems)
        numbers = []
        for c in checked.candidates:
            release = _release(w, c, profile)
            w.s.add(release)
            w.s.flush()
            numbers.append(release.number)
            w.audit("release.import", "release", release.number, release_id=release.id, changes={
                "title": (None, c.title), "type": (None, c.type), "status": (None, c.status),
                "outcome": (None, c.outcome), "closed_at": (None, c.closed_at)},
                source=book.name, row=c.row, legacy_number=c.legacy_number)
        w.audit("excel.import", "release", "*", source=book.name, kind=book.kind, sheet=checked.sheet, rows=len(numbers))
        return Imported(len(numbers), numbers)
