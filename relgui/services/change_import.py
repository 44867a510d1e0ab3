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
from relgui.services import files
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


MAX_FILE_MB = 50
# (BOM, codec) tried first; then UTF-8 and GB18030 (Excel on Chinese Windows saves CSV as GBK).
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _decode(path: Path, raw: bytes) -> str:
    """The file's text: by its byte-order mark (UTF-8, or UTF-16 as Excel's 'Unicode text'
    saves it), else UTF-8, else GB18030; refused naming the file when none fits."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            candidates = (codec,)
            break
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput.of("file", "import_encoding", value=text.shown_path(path.name))


def _read_csv(path: Path) -> list[list[str]]:
    content = _decode(path, files.read_bytes(path))
    first = content.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","  # 'Unicode text' is tab-separated
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        shown = text.shown_path(path.name)
        if "field larger than field limit" in str(exc):  # the csv module's own bound, 128 KiB
            raise InvalidInput.of("file", "import_cell_too_long", value=shown, row=reader.line_num,
                                  limit=csv.field_size_limit()) from None
        raise InvalidInput.of("file", "import_line", value=shown, row=reader.line_num,
                              detail=text.clean(str(exc))[:80]) from None


def _read_workbook(path: Path) -> list[list[str]]:
    from relgui.adapters import excel as excel_io  # openpyxl: only when an Excel file is imported

    wb = excel_io.open_workbook(path, read_only=True)
    try:
        if not wb.worksheets:
            raise InvalidInput.of("file", "import_empty_file", value=text.shown_path(path.name))
        rows = excel_io.sheet_rows(path, wb.active or wb.worksheets[0])
    finally:
        wb.close()
    return [["" if v is None else str(v) for v in row] for row in rows]


def _read(path: Path) -> list[list[str]]:
    """The file as rows of text: .xlsx/.xlsm through openpyxl, anything else as CSV."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    return _read_csv(path)


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for i, name in enumerate(header):
        key = text.clean(name).strip().lower()
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
    path = files.to_read(path, limit_mb=MAX_FILE_MB)
    table = _read(path)
    if not any(any(cell.strip() for cell in row) for row in table[:1]):
        raise InvalidInput.of("file", "import_empty_file", value=text.shown_path(path.name))
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
        row, detail = report.problems[0]
        raise PolicyViolation(Refusal("import_refused_rows", params={
            "value": text.shown_path(Path(path).name), "count": len(report.problems), "row": row, "detail": detail}))
    with unit_of_work(ctx) as w:
        existing = set(w.s.execute(select(ChangeRequest.number).where(
            ChangeRequest.number.in_([r["number"] for r in report.rows]))).scalars())
        if existing:
            raise InvalidInput.of("number", "duplicate", value=sorted(existing)[0])
        for r in report.rows:
            w.s.add(ChangeRequest(**r, created_at=w.now, created_by_id=ctx.actor.user_id))
        w.audit("change.import", "change", text.clean(Path(path).name), rows=len(report.rows),
                numbers=[r["number"] for r in report.rows][:200])
    report.written = len(report.rows)
    return report
