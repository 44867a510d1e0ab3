"""Importing change requests from change management's export (CSV or a spreadsheet).

The file is read once (``load``: relgui.adapters.excel, .xlsx/.xls/.ods or CSV in UTF-8 or
GB18030, closed at once); ``check`` and ``apply`` take the Book it gives (or a path, and read
it themselves). Rows are checked first (dry run) and every problem is reported with its row
number; the import itself is all or nothing, one transaction, one audit event (R-1.3-COOP).
Dates go through relgui.domain.timeutil.moment, the one date parser of every import, as the
company's wall-clock time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from relgui.adapters import excel
from relgui.domain import text, timeutil
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal, RelguiError
from relgui.domain.messages import render
from relgui.services import company, files
from relgui.services.changes import _require_editor, _status
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.store.models import ChangeRequest

HEADERS = {
    "number": ("编号", "变更编号", "number", "change number"),
    "title": ("标题", "变更标题", "title"),
    "status": ("状态", "审批状态", "status"),
    "description": ("说明", "描述", "description"),
    "requested_by": ("申请人", "requested by", "requester"),
    "decided_by": ("审批人", "decided by", "approver"),
    "decided_at": ("审批时间", "decided at", "decision date"),
}
MAX_ROWS = 20_000


@dataclass
class ImportReport:
    rows: list[dict] = field(default_factory=list)       # cleaned rows, ready to write
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    written: int = 0


MAX_FILE_MB = 50


def load(value: object) -> excel.Book:
    """The file the user named, read once and closed at once; refused in words naming it."""
    path = files.to_read(value, limit_mb=MAX_FILE_MB)
    return excel.read(files.read_bytes(path), path.name)


def _book(source: excel.Book | str | Path) -> excel.Book:
    return source if isinstance(source, excel.Book) else load(source)


def _table(book: excel.Book) -> list[tuple[Any, ...]]:
    """The first worksheet (a CSV file's only one) as rows of values."""
    if not book.sheets:
        raise InvalidInput.of("file", "import_empty_file", value=text.shown_path(book.name))
    return list(book.sheets[0].rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    found = {}
    for i, name in enumerate(header):
        key = text.clean(_cell_text(name)).strip().lower()
        for field_, names in HEADERS.items():
            if key in (n.lower() for n in names):
                found[field_] = i
    missing = [f for f in ("number", "title", "status") if f not in found]
    if missing:
        raise InvalidInput.of("file", "missing_columns", columns="/".join(HEADERS[m][0] for m in missing))
    return found


def _blank(row: tuple[Any, ...]) -> bool:
    return not any(_cell_text(v).strip() for v in row)


def check(ctx: AppContext, source: excel.Book | str | Path) -> ImportReport:
    """The dry run: every row cleaned or refused with its row number; nothing written."""
    _require_editor(ctx)
    book = _book(source)
    table = _table(book)
    if not table or _blank(table[0]):
        raise InvalidInput.of("file", "import_empty_file", value=text.shown_path(book.name))
    if len(table) > MAX_ROWS:
        raise InvalidInput.of("file", "too_many_rows", limit=MAX_ROWS)
    cols = _columns(table[0])
    with reading(ctx) as s:
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
    report = ImportReport()
    seen: set[str] = set()
    for n, row in enumerate(table[1:], start=2):
        if _blank(row):
            continue
        cell = {f: (row[i] if i < len(row) else None) for f, i in cols.items()}
        try:
            clean = _clean(cell, tz, n, table[0][cols["decided_at"]] if "decided_at" in cols else "")
        except RelguiError as exc:
            report.problems.append((n, exc.message(ctx.lang)))
            continue
        if clean["number"] in seen:
            report.problems.append((n, _dup(ctx, clean["number"])))
            continue
        seen.add(clean["number"])
        report.rows.append(clean)
    return report


def _dup(ctx: AppContext, number: str) -> str:
    return InvalidInput.of("number", "duplicate", value=number).message(ctx.lang)


class _BadDate(InvalidInput):
    """A date that is not one: its column and value (the report pairs it with its row)."""

    def __init__(self, row: int, column: str, value: Any):
        shown = text.clean(_cell_text(value))[:40]
        super().__init__(Refusal("xl_bad_date", "R-1.3-COOP", {"value": shown}))
        self.row, self.column = row, column

    def message(self, lang: str = "zh_CN", profile: Any = None) -> str:
        detail = render(self.refusals[0], lang, profile)
        return render(Refusal("xl_at_column", params={"column": self.column, "detail": detail}), lang, profile)


def _decided_at(value: Any, tz: dt.tzinfo, row: int, header: Any) -> dt.datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    when = timeutil.moment(value, tz)
    if when is None:
        raise _BadDate(row, text.clean(_cell_text(header))[:40], value)
    return timeutil.as_utc(when)


def _clean(cell: dict[str, Any], tz: dt.tzinfo, row: int, header: Any) -> dict:
    words = {f: _cell_text(v) for f, v in cell.items()}
    return {
        "number": text.line(words["number"], "number", limit=60),
        "title": text.line(words["title"], "title"),
        "status": _status(words["status"]),
        "description": text.block(words.get("description", ""), "description"),
        "requested_by": text.line(words.get("requested_by", ""), "requested_by", required=False, limit=100),
        "decided_by": text.line(words.get("decided_by", ""), "decided_by", required=False, limit=100),
        "decided_at": _decided_at(cell.get("decided_at"), tz, row, header),
    }


def apply(ctx: AppContext, source: excel.Book | str | Path) -> ImportReport:
    """Import everything or nothing: any problem (or an existing number) refuses the whole file."""
    book = _book(source)
    report = check(ctx, book)
    if report.problems:
        row, detail = report.problems[0]
        raise PolicyViolation(Refusal("import_refused_rows", params={
            "value": text.shown_path(book.name), "count": len(report.problems), "row": row, "detail": detail}))
    with unit_of_work(ctx) as w:
        existing = set(w.s.execute(select(ChangeRequest.number).where(
            ChangeRequest.number.in_([r["number"] for r in report.rows]))).scalars())
        if existing:
            raise InvalidInput.of("number", "duplicate", value=sorted(existing)[0])
        for r in report.rows:
            w.s.add(ChangeRequest(**r, created_at=w.now, created_by_id=ctx.actor.user_id))
        w.audit("change.import", "change", text.clean(book.name), rows=len(report.rows),
                numbers=[r["number"] for r in report.rows][:200])
    report.written = len(report.rows)
    return report
