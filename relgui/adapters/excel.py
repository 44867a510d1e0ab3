"""Spreadsheets and CSV in and out, as tables in memory. No Qt, no services, no database.

Reading: ``read(data, name)`` takes a file's bytes (the caller reads the file once and closes
it at once: on Windows an open handle locks the file against Excel and WPS) and gives a
``Book`` — every worksheet's rows as values, with its merged ranges — that inspect, preview
and apply of an import pass along instead of reading the file again.
- .xlsx/.xlsm, .xls (and WPS's .et, the same container), .ods: python-calamine (Rust; a
  20 000-row workbook in a fraction of openpyxl's time), recognised by their content;
- anything else as CSV text: by its byte-order mark (UTF-8, or UTF-16 as Excel's 'Unicode
  text' saves it), else UTF-8, else GB18030 (Excel on Chinese Windows saves CSV as GBK);
  comma- or tab-separated, whichever the first line uses more.
A file that is none of these, a damaged one and a zip that would unpack to too much are
refused in words naming the file (relgui.domain.errors.InvalidInput).

Writing: ``write_workbook`` (openpyxl) lays each table out as an office expects it: bold
header row frozen, an autofilter over the data, column widths from their content (a CJK
character counts two), percentages as percentages, dates and times in date formats (the
values are the company's wall-clock time; the caller converts), text that starts with '='
kept as text. ``write_csv`` writes UTF-8 with a byte-order mark and CRLF line ends, which
Excel opens without an import dialog. Both write through relgui.fsutil.write_private (0600,
never half a file); an OSError goes to the caller.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relgui.domain import text
from relgui.domain.errors import InvalidInput, Refusal
from relgui.fsutil import write_private

MB = 1024 * 1024
MAX_UNPACKED_MB = 400  # what a zipped workbook's parts may unpack to: no zip bomb is parsed
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".txt", ".tsv")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


# ------------------------------------------------------------------ the table in memory

@dataclass(frozen=True)
class Sheet:
    """One worksheet as read: ``rows[i]`` is the file's row i + 1 (blank rows kept, so row
    numbers in messages are the file's), empty cells None; merged ranges as ('A5:A7', 5, 7)."""

    name: str
    rows: tuple[tuple[Any, ...], ...]
    merged: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class Book:
    """A whole file as read: its name (for messages and the audit trail), its kind
    (xlsx, xls, ods, csv), its worksheets in order (a CSV file is one sheet) and the SHA-256
    of the bytes it was read from."""

    name: str
    kind: str
    sheets: tuple[Sheet, ...]
    sha256: str = ""  # of the file's bytes as read (the import's audit event names the file by it)

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets)

    def sheet(self, name: str | None = None) -> Sheet:
        """The worksheet named (the first if None), or a refusal naming it."""
        if not self.sheets:
            raise bad_file(self.name, "no worksheet")
        if name is None:
            return self.sheets[0]
        for s in self.sheets:
            if s.name == name:
                return s
        raise InvalidInput(Refusal("xl_no_sheet", "R-4.6-KPI", {"sheet": name[:60]}))


def bad_file(name: str, reason: BaseException | str) -> InvalidInput:
    why = reason if isinstance(reason, str) else type(reason).__name__
    detail = f"{text.shown_path(name)}: {why}"
    return InvalidInput(Refusal("xl_bad_file", "R-4.6-KPI", {"detail": detail[:200]}))


def kind_of(data: bytes, name: str) -> str:
    """xlsx, ods, xls or csv: by the content, never by the name alone (a workbook renamed
    .csv is read as a workbook); a spreadsheet's name on something that is not one is refused."""
    if data.startswith(_ZIP):
        return "ods" if b"opendocument.spreadsheet" in data[:200] else "xlsx"
    if data.startswith(_OLE):
        return "xls"
    if Path(name).suffix.lower() in SPREADSHEET_SUFFIXES:
        raise bad_file(name, "not a workbook")
    return "csv"


def read(data: bytes, name: str) -> Book:
    """The file's bytes as a Book (see the module's docstring)."""
    kind = kind_of(data, name)
    digest = hashlib.sha256(data).hexdigest()
    if kind == "csv":
        return Book(name, kind, (Sheet(Path(name).stem or name, tuple(_csv_rows(data, name))),), digest)
    if kind in ("xlsx", "ods"):
        _check_zip(data, name)
    return Book(name, kind, _calamine(data, name), digest)


def _check_zip(data: bytes, name: str) -> None:
    """A zipped workbook that would unpack to too much is refused before anything is
    unpacked; then every part's checksum is verified (calamine skips parts it does not need,
    and would read a workbook with a damaged part as if it were whole)."""
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > MAX_UNPACKED_MB * MB:
                raise InvalidInput.of("file", "file_too_large", value=text.shown_path(name),
                                      size=-(-unpacked // MB), limit=MAX_UNPACKED_MB)
            damaged = z.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, OSError, EOFError,
            ValueError) as exc:
        raise bad_file(name, exc) from None
    if damaged is not None:
        raise bad_file(name, f"damaged part {damaged[:60]}")


def _calamine(data: bytes, name: str) -> tuple[Sheet, ...]:
    """Every worksheet through python-calamine, from memory. Whatever it raises on a damaged
    file (its own errors, and a Rust panic, which is a BaseException) is the file's fault."""
    from python_calamine import CalamineWorkbook

    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as wb:
            sheets = []
            for meta in wb.sheets_metadata:
                if str(meta.typ).rsplit(".", 1)[-1] not in ("WorkSheet", "DialogSheet"):
                    continue  # chart sheets and macros hold no rows
                ws = wb.get_sheet_by_name(meta.name)
                rows = _values(ws.to_python(skip_empty_area=False))
                sheets.append(Sheet(meta.name, _trim(rows), _merged(ws.merged_cell_ranges or ())))
            return tuple(sheets)
    except InvalidInput:
        raise
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # noqa: BLE001 — pyo3's PanicException derives from BaseException
        raise bad_file(name, exc) from None


_EMPTY_AS_NONE = {"": None}.get  # get(v, v): None for an empty cell, any other value itself


def _values(rows: list[list[Any]]) -> tuple[tuple[Any, ...], ...]:
    """calamine's rows as the Book holds them, each cell as ``_value`` makes it. Only a row
    holding a number needs ``_value`` cell by cell; a row of text, dates and empty cells has its
    empty cells made None by one dict lookup each in C, and a row with neither is taken as it is
    (20 000 rows of 9 cells: 34 → 16 ms)."""
    out: list[tuple[Any, ...]] = []
    add = out.append
    for row in rows:
        if float in map(type, row):
            add(tuple(map(_value, row)))
        elif "" in row:
            add(tuple(map(_EMPTY_AS_NONE, row, row)))
        else:
            add(tuple(row))
    return tuple(out)


def _value(v: Any) -> Any:
    """A cell as Python: empty is None; a whole number is an int (a register number 1001, not
    1001.0); text is cleaned later by whoever reads it."""
    if v.__class__ is float:  # calamine's numbers (the common cell: asked first)
        return int(v) if v.is_integer() and -2**53 < v < 2**53 else v
    if v == "" or v is None:
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


def _trim(rows: tuple[tuple[Any, ...], ...]) -> tuple[tuple[Any, ...], ...]:
    """Blank rows after the last row with a value go (a formatted but empty area)."""
    end = len(rows)
    while end and all(v is None for v in rows[end - 1]):
        end -= 1
    return rows[:end]


def _merged(ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for (r1, c1), (r2, c2) in ranges:
        out.append((f"{column_letter(c1 + 1)}{r1 + 1}:{column_letter(c2 + 1)}{r2 + 1}", r1 + 1, r2 + 1))
    return tuple(out)


def column_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def decode(data: bytes, name: str) -> str:
    """A text file's content: by its byte-order mark, else UTF-8, else GB18030; refused
    naming the file when none fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            candidates: tuple[str, ...] = (codec,)
            break
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput.of("file", "import_encoding", value=text.shown_path(name))


def _csv_rows(data: bytes, name: str) -> list[tuple[Any, ...]]:
    content = decode(data, name)
    first = content.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","  # 'Unicode text' is tab-separated
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        rows = [tuple(v if v != "" else None for v in row) for row in reader]
    except csv.Error as exc:
        shown = text.shown_path(name)
        if "field larger than field limit" in str(exc):  # the csv module's own bound, 128 KiB
            raise InvalidInput.of("file", "import_cell_too_long", value=shown, row=reader.line_num,
                                  limit=csv.field_size_limit()) from None
        raise InvalidInput.of("file", "import_line", value=shown, row=reader.line_num,
                              detail=text.clean(str(exc))[:80]) from None
    return list(_trim(tuple(rows)))


# ------------------------------------------------------------------ writing

PERCENT, DATETIME, DATE, INT, TEXT = "percent", "datetime", "date", "int", "text"
FORMATS = {PERCENT: "0.0%", DATETIME: "yyyy-mm-dd hh:mm", DATE: "yyyy-mm-dd", INT: "0"}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT  # TEXT, INT, PERCENT (a fraction: 0.857 shows 85.7%), DATETIME, DATE


@dataclass(frozen=True)
class Table:
    """A sheet to write: a header row of ``columns`` and ``rows`` of values (datetimes naive,
    in the company's wall-clock time). ``data`` False: a sheet of words (a definitions sheet),
    no autofilter, long text wrapped."""

    name: str
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Any]]
    data: bool = True


def display_width(value: str) -> int:
    """How many narrow characters wide ``value`` shows: East Asian wide and full-width
    characters count two (Excel's column width is in narrow characters)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in value)


def shown(value: Any, kind: str = TEXT) -> str:
    """A value as the cell (or the CSV) shows it."""
    if value is None:
        return ""
    if kind == PERCENT and isinstance(value, (int, float)):
        return f"{value:.1%}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if kind == DATE else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 6, 60, 80


def widths(table: Table) -> list[float]:
    """Each column as wide as its widest line (header bold: a little more), within bounds."""
    out: list[float] = []
    for i, col in enumerate(table.columns):
        widest = display_width(col.title) + 2
        for row in table.rows:
            if i < len(row):
                for line in shown(row[i], col.kind).split("\n"):
                    widest = max(widest, display_width(line) + 1)
        out.append(min(max(widest + 1, MIN_WIDTH), MAX_WIDTH if table.data else WRAP_WIDTH))
    return out


def _cell(ws, value: Any, kind: str, wrap: bool):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # '=HYPERLINK(…)' typed into relgui comes out as typed, never a formula
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif kind in FORMATS and value is not None:
        cell.number_format = FORMATS[kind]
    return cell


def _sheet(wb, table: Table) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(_sheet_title(table.name))
    for i, width in enumerate(widths(table), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"  # printed: the header on every page,
    ws.page_setup.orientation = "landscape" if table.data else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # every column on the page's width
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if table.data and table.columns:
        last = f"{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
        ws.auto_filter.ref = f"A1:{last}"
    head = []
    for col in table.columns:
        c = WriteOnlyCell(ws, value=col.title)
        c.data_type = "s"
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE5F0")
        c.alignment = Alignment(vertical="center")
        head.append(c)
    ws.append(head)
    wrap = not table.data
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        ws.append([_cell(ws, v, kinds[i] if i < len(kinds) else TEXT, wrap) for i, v in enumerate(row)])


def _sheet_title(name: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet"
    return cleaned[:31]


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """The workbook in memory (write-only mode: rows streamed, not kept as cell objects)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for t in tables:
        _sheet(wb, t)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_workbook(path: Path, tables: Sequence[Table]) -> Path:
    """``tables`` as one .xlsx at ``path`` (0600, atomically); OSError to the caller."""
    return write_private(path, workbook_bytes(tables))


def csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel on Chinese Windows reads a CSV without one as GBK),
    CRLF line ends, every field as the workbook would show it. A field that Excel would run
    as a formula (starting with = + - @ and not a number) gets a leading apostrophe, which
    Excel shows as text (OWASP's advice on CSV injection)."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.title for c in columns])
    kinds = [c.kind for c in columns]
    for row in rows:
        w.writerow([_csv_field(shown(v, kinds[i] if i < len(kinds) else TEXT), v) for i, v in enumerate(row)])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _csv_field(value: str, raw: Any) -> str:
    if isinstance(raw, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def write_csv(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> Path:
    return write_private(path, csv_bytes(columns, rows))
