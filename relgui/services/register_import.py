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

import contextlib
import datetime as dt
import functools
import gc
import json
import re
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, itemgetter, methodcaller
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy import text as sql_text

from relgui.adapters import excel
from relgui.domain import numbering, text, timeutil
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal, RelguiError
from relgui.domain.messages import pick, render, say
from relgui.domain.states import Role, Status
from relgui.policy import current_profile
from relgui.services import company, files
from relgui.services.context import AppContext, Work, reading, unit_of_work
from relgui.services.exports import REGISTER_COLUMNS as COLUMNS
from relgui.store import evidence
from relgui.store.models import NumberSequence, Release

MAX_ROWS = 20_000
MAX_FILE_MB = 50
PROGRESS_EVERY = 500  # apply reports its progress (and may be cancelled) every this many rows
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


@contextlib.contextmanager
def _collector_paused():
    """Python's automatic cycle collection held off while an import step makes its objects, and
    switched on again after (when it was on). A 20 000-row register is some 100 000 tuples,
    strings, dates and dicts, none of them in a reference cycle, and each 700 allocations
    start a collection that may end up scanning the whole heap: a quarter of the dry run's
    time on this machine went there. The GUI runs with automatic collection off anyway
    (gui/gcguard: it collects on the GUI thread); this gives relgui-admin and scripts the same."""
    was = gc.isenabled()
    if was:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# ------------------------------------------------------------------ the file, read once

@_collector_paused()
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


_LAST_READ: tuple[Any, ...] = ()  # (the worksheet read last, weakly; its Sheet while it lives)


def read(source: excel.Book | str | Path, sheet: str | None = None) -> Sheet:
    """A worksheet of the Book (the first if none is named). The same worksheet read again
    (the dialog's inspect, preview and apply pass one Book along) is the Sheet made before:
    both are immutable."""
    global _LAST_READ
    book = _book(source)
    name = None if sheet is None else text.key(sheet, "sheet")
    ws = book.sheet(name)
    last = _LAST_READ
    if last and last[0]() is ws and last[1].sheets == book.sheet_names:
        return last[1]
    grid = list(enumerate(ws.rows, 1))
    out = Sheet(ws.name, book.sheet_names, _headers(grid[0][1] if grid else ()),
                tuple(g for g in grid[1:] if g[1].count(None) + g[1].count("") < len(g[1])), ws.merged)
    _LAST_READ = (weakref.ref(ws, _forget_read), out)
    return out


def _forget_read(gone: weakref.ref) -> None:
    """The worksheet read last is gone (its dialog closed): its Sheet goes too."""
    global _LAST_READ
    if _LAST_READ and _LAST_READ[0] is gone:
        _LAST_READ = ()


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


@_collector_paused()
def inspect(source: excel.Book | str | Path, sheet: str | None = None, sample: int = 5) -> SheetInfo:
    """What the mapping dialog shows: sheets, headers, a few rows and a proposed mapping."""
    s = read(source, sheet)
    return SheetInfo(s.name, s.sheets, s.headers, tuple(r for _, r in s.rows[:sample]), len(s.rows),
                     guess_mapping(s.headers))


def field_labels(lang: str = "zh_CN") -> dict[str, str]:
    """What the mapping dialog calls each importable field, in the user's language."""
    names = {key: pick((zh, en), lang) for key, zh, en in COLUMNS}
    names["number"] = say("xl_field_old_number", lang)
    names["description"] = say("xl_field_description", lang)
    return {f: names[f] for f in FIELDS}


@functools.lru_cache(maxsize=4096)
def _norm(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).lower()
    return re.sub(r"[\s_\-:：*()（）\[\]【】/.]", "", folded)


def guess_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Source header → relgui field, for the headers recognised (Chinese or English); each
    field at most once, the first matching column wins."""
    known: dict[str, str] = {}
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


class Candidate(NamedTuple):
    """A row that can be imported, as the release it will become (immutable; a named tuple
    rather than a frozen dataclass: 20 000 of them are made from the checked columns at C speed)."""

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
    for rng, first, _last in sheet.merged:
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
        self.number, self.cells = number, cells
        self.problems: list[RowProblem] = []
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
    if r.problems or kind is None:  # (no type is a problem already)
        return None
    return Candidate(r.number, title, kind, status, outcome, systems, description, legacy, **dates)


_BAD = object()  # a cell its check refuses: the row goes the slow way (_Row), which says why


def _converters(profile, tz: dt.tzinfo) -> dict[str, Any]:
    """Per field, what the checks make of one cell: the value the release gets, or _BAD.
    The same functions _candidate calls, so a row that passes here is the candidate
    _candidate would make of it. Blank text is no value (as _Row takes it)."""
    def line(field_: str, required: bool = False, limit: int = text.MAX_LINE):
        def convert(v):
            try:
                return text.line(v, field_, required=required, limit=limit)
            except InvalidInput:
                return _BAD
        return convert

    def description(v):
        try:
            return text.block(v, "description")
        except InvalidInput:
            return _BAD

    def blank(v) -> bool:  # no value, as _Row takes it (the text checks need not ask: blank text is "")
        return v is None or (v.__class__ is str and not v.strip())

    def kind(v):
        return _BAD if blank(v) else (_choice(v, profile.release_types) or _BAD)

    def outcome(v):
        return None if blank(v) else (_choice(v, profile.outcomes, OUTCOME_WORDS) or _BAD)

    def status(v):
        if blank(v):
            return None
        found = _choice(v, profile.statuses)
        return found if found in IMPORTABLE else _BAD

    low, high = timeutil.MIN_YEAR, timeutil.MAX_YEAR
    combine = dt.datetime.combine

    def date(v):
        if v.__class__ is dt.datetime and v.tzinfo is None and low <= v.year <= high:
            # an Excel date cell: what timeutil.moment makes of it, v.replace(tzinfo=tz) — the
            # same datetime (fold kept by time()), made in a quarter of replace's time
            return combine(v, v.time(), tz)
        if blank(v):
            return None
        return _date(v, tz) or _BAD

    return {"number": line("number", limit=60), "title": line("title", required=True), "type": kind,
            "status": status, "outcome": outcome, "systems": line("systems"), "description": description,
            "planned_start": date, "planned_end": date, "closed_at": date}


def _column(rows, i: int) -> list[Any]:
    """The cells of column ``i`` (None where a short row ends before it)."""
    if all(map(i.__lt__, map(len, rows))):
        return list(map(itemgetter(i), rows))
    return [v[i] if i < len(v) else None for v in rows]


def _rows(sheet: Sheet, mapping: dict[str, str], tz: dt.tzinfo, now: dt.datetime, tick=None):
    """(row numbers, keys for repeats, candidates, problems) of the data rows: per row, in the
    file's order, its number, its key (or None), its Candidate (or None) and its problems.

    Column by column: each distinct value of a column is checked once (an old register
    repeats its types, statuses, systems and remarks on every row; the cache is C's), then
    the lifecycle of every row in one pass (a status left blank: closed when an outcome or a
    closing time says so, else a request). The rows whose cells and lifecycle all pass become
    their Candidates at once; a row with any problem is checked again the slow way (_Row,
    _candidate), which names every problem in the order the checks find them."""
    profile = current_profile()
    index = {h: i for i, h in enumerate(sheet.headers)}
    merged_rows = {n: rng for rng, a, b in sheet.merged for n in range(max(a, 2), b + 1)}
    convert = _converters(profile, tz)
    column = {f: index[h] for h, f in mapping.items()}
    numbers = [n for n, _ in sheet.rows]
    values = [v for _, v in sheet.rows]
    total = len(values)
    bad = {i for i, n in enumerate(numbers) if n in merged_rows}
    checked: dict[str, list[Any]] = {}
    width = len(sheet.headers)
    # the columns at once (C's zip) when every row is as wide as the header row, as read
    grid = list(zip(*values)) if values and all(map(width.__eq__, map(len, values))) else None
    for f in FIELDS:
        if f not in column:
            checked[f] = [convert[f](None)] * total
            continue
        cells = grid[column[f]] if grid is not None else _column(values, column[f])
        try:
            # each distinct value once (C's cache, typed: 1, 1.0 and True apart), unless every
            # value differs (titles, numbers); values equal across types only make it cache
            once = len(set(cells)) < total
        except TypeError:  # a cell value that cannot be a cache key: each checked on its own
            once = False
        got = list(map(functools.lru_cache(maxsize=None, typed=True)(convert[f]) if once else convert[f], cells))
        if _BAD in got:  # identity first: no converted value equals the sentinel
            bad.update(i for i, v in enumerate(got) if v is _BAD)
        checked[f] = got
    statuses, outcomes, closeds = checked["status"], checked["outcome"], checked["closed_at"]
    starts, ends = checked["planned_start"], checked["planned_end"]
    closed_s, requested_s = Status.CLOSED.value, Status.REQUESTED.value
    resolved = []
    for i, status, outcome, closed, start, end in zip(range(total), statuses, outcomes, closeds, starts, ends):
        if tick is not None and i % PROGRESS_EVERY == 0 and i:
            tick(i)
        if status is None:
            status = closed_s if (outcome or closed) else requested_s
        resolved.append(status)
        if i in bad:
            continue
        if (closed is not None and closed > now) or (start and end and end <= start) or (
                (outcome is None or closed is None) if status == closed_s else
                (outcome is not None or closed is not None)):
            bad.add(i)
    titles = checked["title"]
    candidates: list[Candidate | None] = list(map(Candidate._make, zip(
        numbers, titles, checked["type"], resolved, outcomes, checked["systems"], checked["description"],
        checked["number"], starts, ends, closeds)))
    if "number" in column:
        shown = [None if v is None or (v.__class__ is str and not v.strip()) else str(v).strip()
                 for v in (grid[column["number"]] if grid is not None else _column(values, column["number"]))]
    else:
        shown = [None] * total
    keys: list[tuple[int, Any, str] | None] = [
        (n, ("number", k), k) if k is not None else (n, (t, a, c), t)
        for n, k, t, a, c in zip(numbers, shown, titles, starts, closeds)]
    problems: dict[int, list[RowProblem]] = {}
    for i in sorted(bad):
        number = numbers[i]
        row_cells = {f: (h, values[i][index[h]] if index[h] < len(values[i]) else None) for h, f in mapping.items()}
        r = _Row(number, row_cells)
        if number in merged_rows:
            r.problems.append(RowProblem(number, "", Refusal("xl_merged", "R-4.6-KPI", {"range": merged_rows[number]})))
        c = _candidate(r, profile, tz, now)
        keys[i] = _key(r, c)
        candidates[i] = c if not r.problems else None
        problems[i] = r.problems
    if tick is not None:
        tick(total)
    return numbers, keys, candidates, problems


def _duplicates(keys: list[tuple[int, Any, str]]) -> list[RowProblem]:
    """Rows the file holds twice: (row, key, what to show) by the old number where there is
    one, else by title and dates; the first occurrence is named."""
    out: list[RowProblem] = []
    first: dict[Any, int] = {}
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


def _check(s, sheet: Sheet, mapping: dict[str, str], tz: dt.tzinfo, now: dt.datetime, tick=None) -> Preview:
    problems = _mapping_problems(sheet, mapping)
    if problems:
        return Preview(sheet.name, [], problems)
    if len(sheet.rows) > MAX_ROWS:
        return Preview(sheet.name, [], [RowProblem(1, "", Refusal("xl_too_many_rows", "R-4.6-KPI", {"limit": MAX_ROWS}))])
    if not sheet.rows:
        return Preview(sheet.name, [], [RowProblem(1, "", Refusal("xl_no_rows", "R-4.6-KPI"))])
    _numbers, keys, per_row, refused = _rows(sheet, mapping, tz, now, tick)
    for found in refused.values():
        problems.extend(found)
    candidates = [c for c in per_row if c is not None] if refused else per_row
    problems += _duplicates([k for k in keys if k is not None]) + _already_there(s, candidates)
    problems.sort(key=lambda p: p.row)
    return Preview(sheet.name, candidates, problems)


def _mapping(mapping: object) -> dict[str, str]:
    """Source header → field, as the mapping dialog gives it: text on both sides."""
    if not isinstance(mapping, dict):
        raise InvalidInput.of("mapping", "not_a_value", value=type(mapping).__name__[:40])
    return {" ".join(text.key(h, "mapping").split()): text.key(f, "mapping", limit=40) for h, f in mapping.items()}


@_collector_paused()
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


class ImportCancelled(RelguiError):
    """The caller's progress callback asked to stop (it returned False): nothing was written."""

    code = "xl_cancelled"

    def __init__(self) -> None:
        super().__init__(Refusal("xl_cancelled", "R-4.6-KPI"))


def _ticker(progress: Callable[[int, int], Any] | None, total: int):
    """``tick(done)`` for the checks and the writes: the caller's ``progress(done, total)``; a
    False answer (or anything it raises) ends the import before it commits."""
    if progress is None:
        return None
    if not callable(progress):
        raise InvalidInput.of("progress", "not_a_value", value=type(progress).__name__[:40])

    def tick(done: int) -> None:
        if progress(done, total) is False:
            raise ImportCancelled()
    return tick


def _reserve_numbers(w: Work, count: int) -> list[str]:
    """The numbers ``count`` releases created one after another would get (releases.next_number:
    the company's pattern, this year's sequence in the company's time zone, a number already
    taken skipped), reserved in one step. The year's sequence row is locked for the transaction
    as next_number locks it (SELECT … FOR UPDATE; SQLite's write transaction holds the database),
    so a release created meanwhile on another workstation waits and then takes the next number."""
    settings = company.load(w.s)
    year = company.local_year(w)
    seq = w.s.execute(select(NumberSequence).where(NumberSequence.scope == str(year)).with_for_update()
                      ).scalar_one_or_none()
    if seq is None:
        seq = NumberSequence(scope=str(year), next_value=1)
        w.s.add(seq)
    pattern = settings.number_pattern
    numbering.format_number(pattern, year, seq.next_value)  # the stored pattern checked once, in words
    out: list[str] = []
    value = seq.next_value
    while len(out) < count:
        wanted = count - len(out)
        batch = [pattern.format(year=year, seq=v) for v in range(value, value + wanted)]
        for v, number in enumerate(batch, value):
            if len(number) > numbering.NUMBER_LENGTH:
                numbering.format_number(pattern, year, v)  # refused in words, as next_number would
        taken = _taken(w, batch)
        out += [n for n in batch if n not in taken]
        value += wanted
    seq.next_value = value
    w.s.flush()
    return out


def _taken(w: Work, numbers: list[str]) -> set[str]:
    """Which of ``numbers`` releases already have: one statement handed the numbers as one
    value (PostgreSQL's array, SQLite's JSON array read by json_each), each looked up in the
    numbers' unique index — not thousands of bound parameters to compile."""
    conn = w.s.connection()
    if conn.dialect.name == "postgresql":
        found = conn.execute(sql_text("SELECT number FROM releases WHERE number = ANY(:numbers)"),
                             {"numbers": numbers})
    else:
        found = conn.execute(sql_text("SELECT number FROM releases WHERE number IN "
                                      "(SELECT value FROM json_each(:numbers))"), {"numbers": json.dumps(numbers)})
    return set(found.scalars())


def _lock_sequence(w: Work) -> None:
    """This year's number sequence locked from the import's first step (R-4.6-KPI: the old
    numbers are then checked against every release committed before, and a second import of
    the same file waits). The row locked as next_number locks it (SELECT … FOR UPDATE); on
    PostgreSQL, before the year's first release there is no row to lock, so the table is
    (EXCLUSIVE: a release created meanwhile waits at its own SELECT … FOR UPDATE, then finds
    the row this import made, instead of failing on a second one). SQLite's write transaction
    holds the whole file anyway."""
    year = str(company.local_year(w))
    found = w.s.execute(select(NumberSequence.scope).where(NumberSequence.scope == year).with_for_update()).first()
    if found is None and w.s.get_bind().dialect.name == "postgresql":
        w.s.execute(sql_text("LOCK TABLE number_sequences IN EXCLUSIVE MODE"))


def _new_ids(w: Work, count: int) -> list[int]:
    """Primary keys for ``count`` new releases: from the table's sequence on PostgreSQL (safe
    beside other writers), after the largest on SQLite (the write transaction holds the file)."""
    conn = w.s.connection()
    if conn.dialect.name == "postgresql":
        return sorted(conn.execute(sql_text("SELECT nextval(pg_get_serial_sequence('releases', 'id')) "
                                            "FROM generate_series(1, :n)"), {"n": count}).scalars())
    first = (conn.execute(select(func.max(Release.id))).scalar() or 0) + 1
    return list(range(first, first + count))


def _columns_of(w: Work, candidates: list[Candidate], numbers: list[str], ids: list[int], profile
                ) -> dict[str, Any]:
    """The releases as the table's columns (each a list of the rows' values, or
    evidence.Same for one value in every row; a column not named is null in every row): what
    the insert binds and what each row's evidence image is made of, without reading the rows
    back and without a Python dict per row. Times as aware UTC (as the store hands them back)."""
    count = len(candidates)
    if not count:
        return {}
    (_row, titles, kinds, statuses, outcomes, systems, descriptions, legacy, starts, ends,
     closeds) = map(list, zip(*candidates))
    user, now = w.actor.user_id, w.now.astimezone(dt.UTC)
    described = [f"{MARKER}{old}\n{text_}".strip() if old else text_ for old, text_ in zip(legacy, descriptions)]
    return {"id": ids, "number": numbers, "title": titles, "type": kinds, "status": statuses,
            "outcome": outcomes, "profile_ref": evidence.Same(profile.ref), "systems": systems,
            "description": described, "planned_start": _utc(starts), "planned_end": _utc(ends),
            "requested_by_id": evidence.Same(user), "owner_id": evidence.Same(user),
            "created_at": evidence.Same(now), "updated_at": evidence.Same(now), "closed_at": _utc(closeds),
            "row_version": evidence.Same(1)}


_to_utc = methodcaller("astimezone", dt.UTC)


def _utc(times: list[dt.datetime | None]) -> list[dt.datetime | None] | evidence.Same:
    """A column of aware times as aware UTC (C's map where no value is missing)."""
    if None not in times:
        return list(map(_to_utc, times))
    if not any(times):
        return evidence.Same(None)
    return [None if t is None else t.astimezone(dt.UTC) for t in times]


_sqlite_time = methodcaller("isoformat", " ")
_sqlite_micro_time = methodcaller("isoformat", " ", "microseconds")
_whole_seconds = "{}.000000".format
_microsecond = attrgetter("microsecond")


def _bound_times(times: list[Any], process: Callable[[Any], Any], dialect: str) -> list[Any]:
    """A column of aware UTC times (no None) as the driver is handed them — what the column's
    own bind processor (UTCDateTime, then the dialect's) gives, made by C's map: SQLite's text
    'YYYY-MM-DD HH:MM:SS.ffffff' of the naive UTC time, or the naive UTC time for psycopg. The
    first value is checked against the processor itself; if they differ (another storage
    format), every value goes through the processor."""
    if {t.tzinfo for t in times} != {dt.UTC}:  # not aware UTC (as _columns_of makes them): one by one
        return [process(t) for t in times]
    naive = evidence.naive_utc(times)
    out: list[Any]
    if dialect != "sqlite":
        out = naive
    elif not any(map(_microsecond, naive)):  # the plain isoformat writes no fraction then
        out = list(map(_whole_seconds, map(_sqlite_time, naive)))
    else:
        out = list(map(_sqlite_micro_time, naive))
    if out[0] != process(times[0]):
        return [process(t) for t in times]
    return out


def _inserter(conn, values: dict[str, Any]) -> Callable[[int, int], None]:
    """``insert(start, stop)``: those rows of ``values`` (_columns_of) into the releases table
    by one executemany of the driver, in this transaction: each value as SQLAlchemy would bind
    it (the columns' own bind processors: times as naive UTC), without SQLAlchemy's work per
    row. The columns are bound once, here, each by C's map where it can."""
    table = Release.metadata.tables[Release.__tablename__]
    # A column null in every row and without a default of the database's is left out of the
    # statement (it is null then as well): of the table's 25 columns an old register fills about
    # 14, and each value bound costs SQLite's driver as much as storing it (a third of the insert).
    given = [c for c in table.columns if not (isinstance(values.get(c.name, evidence.Same(None)), evidence.Same)
                                             and values.get(c.name, evidence.Same(None)).value is None
                                             and c.server_default is None)]
    names = [c.name for c in given]
    process = [c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for c in given]
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join([mark] * len(names))})")
    count = len(values["id"]) if values else 0
    columns: list[Any] = []
    for name, p in zip(names, process):
        column = values.get(name, evidence.Same(None))
        if isinstance(column, evidence.Same):
            v = column.value
            columns.append(repeat(v if v is None or p is None else p(v), count))
        elif p is None:
            columns.append(column)
        elif None not in column and all(t.__class__ is dt.datetime for t in column):
            columns.append(_bound_times(column, p, conn.dialect.name))
        else:
            columns.append([None if v is None else p(v) for v in column])
    params = list(zip(*columns))

    def insert(start: int, stop: int) -> None:
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.executemany(sql, params[start:stop])
        finally:
            cursor.close()
    return insert


@_collector_paused()
def apply(ctx: AppContext, source: excel.Book | str | Path, mapping: dict[str, str],
          sheet: str | None = None, *, progress: Callable[[int, int], Any] | None = None) -> Imported:
    """Import every row in one unit of work, all or nothing: the checks again inside the
    transaction (a refused row: ImportRefused, nothing written), the numbers reserved in one
    step (_reserve_numbers: those per-row creation would give), the releases inserted in bulk,
    one audit event for the import (file name, SHA-256, rows, first and last number) and the
    row evidence of every release it wrote (relgui.store.evidence.record_bulk, so audit verify
    holds them against the chain).

    ``progress(done, total)``: called every PROGRESS_EVERY rows checked and written (total is
    twice the rows: checking, then writing) and once more just before the commit; returning
    False (ImportCancelled) or raising ends the import with nothing written."""
    _require_manager(ctx)
    mapping = _mapping(mapping)
    _ticker(progress, 0)  # a progress that is no function is refused before the file is read
    book = _book(source)
    data = read(book, sheet)
    profile = current_profile()
    total = 2 * len(data.rows)
    tick = _ticker(progress, total)
    with unit_of_work(ctx) as w:
        _require_manager(ctx)  # the rights as they are now (unit_of_work read them again)
        if data.rows and len(data.rows) <= MAX_ROWS:
            _lock_sequence(w)
        tz = company.zone(company.load(w.s).timezone or "Asia/Shanghai")
        checked = _check(w.s, data, dict(mapping), tz, w.now, tick)
        if checked.problems:
            raise ImportRefused(checked.problems)
        candidates = checked.candidates
        numbers = _reserve_numbers(w, len(candidates))
        ids = _new_ids(w, len(candidates))
        values = _columns_of(w, candidates, numbers, ids, profile)
        insert = _inserter(w.s.connection(), values)
        for start in range(0, len(numbers), PROGRESS_EVERY):
            insert(start, start + PROGRESS_EVERY)
            if tick is not None:
                tick(len(data.rows) + min(start + PROGRESS_EVERY, len(numbers)))
        images = evidence.column_images("releases", len(numbers), values)
        if numbers:
            w.audit("excel.import", "release", "*", source=book.name, sha256=book.sha256, kind=book.kind,
                    sheet=checked.sheet, rows=len(numbers), first=numbers[0], last=numbers[-1],
                    mapping=dict(sorted(mapping.items())))
            evidence.record_bulk(w, images, "excel.import.evidence", source=book.name, sha256=book.sha256)
        if tick is not None:
            tick(total)  # the last moment to stop: nothing is committed yet
        return Imported(len(numbers), numbers)
