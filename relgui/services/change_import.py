"""Importing change requests from change management's export (CSV or Excel).

Rows are checked first (dry run) and every problem is reported with its row number; the
import itself is all or nothing, one transaction, one audit event (R-1.3-COOP).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from relgui.domain import text, timeutil
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal, RelguiError
from relgui.services.changes import _require_editor, _status
from relgui.services.context import AppContext, unit_of_work
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


def _read(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            return list(csv.reader(io.StringIO(raw.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise InvalidInput.of("file", "bad_encoding")


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for i, name in enumerate(header):
        key = name.strip().lower()
        for field_, names in HEADERS.items():
            if key in (n.lower() for n in names):
                found[field_] = i
    missing = [f for f in ("number", "title", "status") if f not in found]
    if missing:
        raise InvalidInput.of("file", "missing_columns", columns="/".join(HEADERS[m][0] for m in missing))
    return found


def check(ctx: AppContext, path: str | Path) -> ImportReport:
    """The dry run: every row cleaned or refused with its row number; nothing written."""
    _require_editor(ctx)
    path = Path(path)
    try:
        table = _read(path)
    except (OSError, ValueError, KeyError) as exc:
        raise InvalidInput.of("file", "unreadable_file", value=path.name, detail=str(exc)[:80]) from None
    if not table:
        raise InvalidInput.of("file", "empty")
    if len(table) > MAX_ROWS:
        raise InvalidInput.of("file", "too_many_rows", limit=MAX_ROWS)
    cols = _columns(table[0])
    report = ImportReport()
    seen: set[str] = set()
    for n, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {f: (row[i] if i < len(row) else "") for f, i in cols.items()}
        try:
            clean = _clean(cell)
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


def _clean(cell: dict[str, str]) -> dict:
    when = cell.get("decided_at", "").strip()
    return {
        "number": text.line(cell["number"], "number", limit=60),
        "title": text.line(cell["title"], "title"),
        "status": _status(cell["status"]),
        "description": text.block(cell.get("description", ""), "description"),
        "requested_by": text.line(cell.get("requested_by", ""), "requested_by", required=False, limit=100),
        "decided_by": text.line(cell.get("decided_by", ""), "decided_by", required=False, limit=100),
        "decided_at": timeutil.parse(when, "decided_at") if when else None,
    }


def apply(ctx: AppContext, path: str | Path) -> ImportReport:
    """Import everything or nothing: any problem (or an existing number) refuses the whole file."""
    report = check(ctx, path)
    if report.problems:
        raise PolicyViolation(Refusal("import_problems", params={"count": len(report.problems)}))
    with unit_of_work(ctx) as w:
        existing = set(w.s.execute(select(ChangeRequest.number).where(
            ChangeRequest.number.in_([r["number"] for r in report.rows]))).scalars())
        if existing:
            raise InvalidInput.of("number", "duplicate", value=sorted(existing)[0])
        for r in report.rows:
            w.s.add(ChangeRequest(**r, created_at=w.now, created_by_id=ctx.actor.user_id))
        w.audit("change.import", "change", Path(path).name, rows=len(report.rows),
                numbers=[r["number"] for r in report.rows][:200])
    report.written = len(report.rows)
    return report
