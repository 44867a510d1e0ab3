"""Excel the way an office uses it (issue 18): one reader for .xlsx, .xls, .ods and CSV
(UTF-8, UTF-8 with BOM, GB18030), each file read once and closed at once; one date parser
(relgui.domain.timeutil) for both imports, in the company's time zone, with row/column/value
messages for a bad date; exports read back with openpyxl (percentages, date formats, frozen
header, autofilter, widths, definitions in words) and the register's CSV export (service, CLI,
GUI). The .xls and .ods fixtures are made by tests/data/excel/make_fixtures.py (LibreOffice)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_kpi import _bj, _release

from relgui.adapters import excel
from relgui.domain import timeutil
from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.domain.versions import NEW
from relgui.services import change_import, changes, company, exports, register, register_import
from relgui.services.context import reading
from relgui.store.models import Release

sys.path.insert(0, str(Path(__file__).parent / "data" / "excel"))
from make_fixtures import EXPECTED, HEADERS, ROWS  # noqa: E402

DATA = Path(__file__).parent / "data" / "excel"
SHANGHAI = company.zone("Asia/Shanghai")


# ------------------------------------------------------------------ the date parser

@pytest.mark.parametrize("value, wall", [
    ("2026/9/30 18:00", (2026, 9, 30, 18, 0)), ("2026-09-30", (2026, 9, 30, 0, 0)),
    ("2026-09-30T18:00", (2026, 9, 30, 18, 0)), ("2026年9月30日 18:00", (2026, 9, 30, 18, 0)),
    ("2026年9月30日18时30分", (2026, 9, 30, 18, 30)), ("2026.9.30", (2026, 9, 30, 0, 0)),
    ("２０２６年９月３０日　１８：００", (2026, 9, 30, 18, 0)), ("2026-09-30 18:00:05", (2026, 9, 30, 18, 0, 5)),
    (dt.datetime(2026, 9, 30, 18, 0), (2026, 9, 30, 18, 0)), (dt.date(2026, 9, 30), (2026, 9, 30, 0, 0)),
    (46295, (2026, 9, 30, 0, 0)), (46295.75, (2026, 9, 30, 18, 0)), ("46295.75", (2026, 9, 30, 18, 0)),
])
def test_one_parser_reads_every_form_as_company_wall_clock_time(value, wall):
    assert timeutil.moment(value, SHANGHAI) == dt.datetime(*wall, tzinfo=SHANGHAI)
    berlin = company.zone("Europe/Berlin")  # another company zone: the same wall clock, another instant
    assert timeutil.moment(value, berlin) == dt.datetime(*wall, tzinfo=berlin)


@pytest.mark.parametrize("value", ["30/09/2026", "09/30/2026", "下周一", "18:30", "2026-02-30", "2026-9/30",
                                   "2026-09-30 25:00", dt.time(18, 0), True, 12.5, "", None, "1989-12-31",
                                   "2201-01-01", 2958466, float("nan")])
def test_what_is_not_a_date_is_none(value):
    assert timeutil.moment(value, SHANGHAI) is None


def test_excel_serials_keep_the_1900_leap_year_bug():
    """Excel's serial 60 is 29 February 1900, a day that never was: 59 is the 28th, 61 is
    1 March; serial 1 is 1 January 1900."""
    assert timeutil.excel_serial(1) == dt.datetime(1900, 1, 1)
    assert timeutil.excel_serial(59) == dt.datetime(1900, 2, 28)
    assert timeutil.excel_serial(60) is None
    assert timeutil.excel_serial(61) == dt.datetime(1900, 3, 1)
    assert timeutil.excel_serial(45658) == dt.datetime(2025, 1, 1)
    assert timeutil.excel_serial(45658.5) == dt.datetime(2025, 1, 1, 12, 0)


def test_an_offset_in_the_text_wins_over_the_company_zone():
    assert timeutil.moment("2026-09-30T10:00:00Z", SHANGHAI) == dt.datetime(2026, 9, 30, 18, 0, tzinfo=SHANGHAI)
    assert timeutil.parse("2026/9/30 18:00+08:00", "at") == dt.datetime(2026, 9, 30, 10, 0, tzinfo=timeutil.UTC)


# ------------------------------------------------------------------ the register from every kind of file

def _csv(tmp_path: Path, encoding: str, rows=ROWS, headers=HEADERS, name="register.csv") -> Path:
    def cell(v):
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d %H:%M")
        return "" if v is None else str(v)
    text = "\r\n".join(",".join(cell(v) for v in row) for row in [headers, *rows]) + "\r\n"
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


SOURCES = {
    "xlsx": lambda tmp: DATA / "register.xlsx",
    "xls": lambda tmp: DATA / "register.xls",
    "ods": lambda tmp: DATA / "register.ods",
    "csv-utf8": lambda tmp: _csv(tmp, "utf-8"),
    "csv-utf8-bom": lambda tmp: _csv(tmp, "utf-8-sig"),
    "csv-gb18030": lambda tmp: _csv(tmp, "gb18030"),
}


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_a_register_in_any_office_format_imports_with_each_date_form(world, tmp_path, kind):
    path = SOURCES[kind](tmp_path)
    book = register_import.load(path)
    assert book.kind == kind.split("-")[0]
    info = register_import.inspect(book)
    assert info.rows == len(ROWS) and info.headers == tuple(HEADERS)
    ctx = world.ctx("lina")
    preview = register_import.preview(ctx, book, info.mapping)
    assert preview.ok, preview.messages()
    done = register_import.apply(ctx, book, info.mapping)
    assert done.count == len(ROWS)
    with reading(ctx) as s:
        got = {r.description.split("\n", 1)[0].removeprefix(register_import.MARKER): timeutil.from_db(r.closed_at)
               for r in s.query(Release).all()}
    assert got == {n: _bj(*wall) for n, wall in EXPECTED.items()}


def _fds() -> dict[str, str]:
    out = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            out[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            pass
    return out


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux: open handles listed in /proc")
@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods", "csv-gb18030"])
def test_the_file_is_closed_once_read_and_never_opened_again(sqlite_world, tmp_path, kind, monkeypatch):
    """On Windows an open handle locks the file against Excel: load reads it and closes it;
    inspect, preview and apply work on what was read (the file may be gone meanwhile)."""
    source = SOURCES[kind](tmp_path)
    path = tmp_path / f"copy{source.suffix}"
    path.write_bytes(source.read_bytes())
    before = _fds()
    book = register_import.load(path)
    after = _fds()
    assert not [t for t in after.values() if str(path) in t], "the file is still open"
    assert len(after) <= len(before)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: (opened.append(str(f)), real_open(f, *a, **k))[1])
    moved = path.rename(tmp_path / "moved-away")  # what Explorer does with a closed file
    ctx = sqlite_world.ctx("lina")
    mapping = register_import.inspect(book).mapping
    assert register_import.preview(ctx, book, mapping).ok
    assert register_import.apply(ctx, book, mapping).count == len(ROWS)
    assert not [f for f in opened if "copy" in f or "moved-away" in f]
    moved.unlink()  # nothing holds it


def test_the_change_request_import_reads_the_same_dates_in_the_company_zone(world, tmp_path):
    rows = [["CHG-D1", "斜杠日期", "已批准", "2026/9/30 18:00"], ["CHG-D2", "中文日期", "已批准", "2026年9月30日 18:00"],
            ["CHG-D3", "ISO", "已批准", "2026-09-30T18:00"], ["CHG-D4", "日期", "已批准", "2026-09-30"],
            ["CHG-D5", "点分", "已批准", "2026.9.30"], ["CHG-D6", "序列号", "已批准", "46295.75"]]
    path = _csv(tmp_path, "gb18030", rows, ["编号", "标题", "状态", "审批时间"], "changes.csv")
    report = change_import.apply(world.ctx("lina"), change_import.load(path))
    assert report.written == 6 and not report.problems
    got = {c["number"]: c["decided_at"] for c in report.rows}
    assert got["CHG-D1"] == got["CHG-D2"] == got["CHG-D3"] == got["CHG-D6"] == _bj(2026, 9, 30, 18, 0)
    assert got["CHG-D4"] == got["CHG-D5"] == _bj(2026, 9, 30, 0, 0)
    stored = changes.search(world.ctx(), "CHG-D1")[0]
    assert timeutil.as_utc(stored.decided_at) == _bj(2026, 9, 30, 18, 0)


def test_the_change_request_import_reads_spreadsheets_too(world, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["变更编号", "变更标题", "审批状态", "审批时间"])
    wb.active.append(["CHG-X1", "表格里的变更", "已批准", dt.datetime(2026, 9, 30, 18, 0)])
    wb.save(tmp_path / "changes.xlsx")
    report = change_import.apply(world.ctx("lina"), tmp_path / "changes.xlsx")
    assert report.written == 1 and report.rows[0]["decided_at"] == _bj(2026, 9, 30, 18, 0)


# ------------------------------------------------------------------ bad dates: row, column, value

def test_a_bad_date_in_the_register_names_row_column_and_value(world, tmp_path):
    rows = [list(r) for r in ROWS[:3]]
    rows[1][6] = "30/09/2026"
    path = _csv(tmp_path, "utf-8-sig", rows)
    preview = register_import.preview(world.ctx("lina"), path, register_import.guess_mapping(HEADERS))
    assert preview.messages() == ["第 3 行“关闭时间”列：不是可识别的日期：30/09/2026（请写作 2026-09-30、2026/9/30 18:00 或 "
                                  "2026年9月30日 18:00，或使用 Excel 日期格式）"]
    assert preview.messages("en")[0].startswith("Row 3, column “关闭时间”: Not a recognisable date: 30/09/2026")


def test_a_bad_date_in_a_change_request_names_row_column_and_value(world, tmp_path):
    path = _csv(tmp_path, "utf-8", [["CHG-B1", "好的", "已批准", "2026/9/30 18:00"], ["CHG-B2", "坏的", "已批准", "下周一"]],
                ["编号", "标题", "状态", "审批时间"], "changes.csv")
    report = change_import.check(world.ctx("lina"), path)
    assert report.problems[0][0] == 3
    assert report.problems[0][1].startswith("“审批时间”列：不是可识别的日期：下周一")
    with pytest.raises(PolicyViolation) as exc:
        change_import.apply(world.ctx("lina"), path)
    assert "第 3 行：“审批时间”列：不是可识别的日期：下周一" in exc.value.message("zh_CN")
    assert changes.count(world.ctx()) == 0  # nothing half-imported
    english = change_import.check(dataclasses.replace(world.ctx("lina"), lang="en"), path)
    assert english.problems[0][1].startswith("Column “审批时间”: Not a recognisable date: 下周一")


def test_a_spreadsheet_name_on_something_else_is_refused_naming_it(tmp_path):
    path = tmp_path / "旧登记簿.xls"
    path.write_text("登记编号,发布名称\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as exc:
        register_import.load(path)
    assert "旧登记簿.xls" in exc.value.message("zh_CN") and "旧登记簿.xls" in exc.value.message("en")


# ------------------------------------------------------------------ exports read back

def _releases(world):
    from sqlalchemy import update

    for i, (outcome, title) in enumerate((("success", "核心交易系统升级（含数据库迁移与全部分行的切换演练）"),
                                          ("failed", "Short"), ("success", "=HYPERLINK(\"http://x\")"))):
        rid = _release(world, outcome=outcome, closed_at=_bj(2026, 8, 1 + i, 23, 30),
                       planned_start=_bj(2026, 7, 30, 22, 0))
        with world.db.engine.begin() as conn:
            conn.execute(update(Release.__table__).where(Release.__table__.c.id == rid).values(title=title))


def test_register_export_has_date_formats_frozen_header_autofilter_widths_and_notes(world, tmp_path):
    _releases(world)
    path = tmp_path / "register.xlsx"
    count = exports.export_register(world.ctx("lina"), register.RegisterQuery(statuses=("closed",)), path)
    wb = load_workbook(path)
    ws = wb["发布登记簿"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:K{count + 1}"
    head = [c.value for c in ws[1]]
    assert head[:3] == ["发布编号", "标题", "发布类型"] and all(c.font.b for c in ws[1])
    closed = [ws.cell(r, 10) for r in range(2, count + 2)]
    assert {c.number_format for c in closed} == {"yyyy-mm-dd hh:mm"}
    assert sorted(c.value for c in closed) == [dt.datetime(2026, 8, d, 23, 30) for d in (1, 2, 3)]  # Beijing
    widths = {col: ws.column_dimensions[col].width for col in "ABCDEFGHIJK"}
    long_title = "核心交易系统升级（含数据库迁移与全部分行的切换演练）"
    assert widths["B"] >= excel.display_width(long_title) == 2 * len(long_title)
    assert widths["J"] >= len("2026-08-01 23:30") and widths["C"] < widths["B"]
    formula = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert formula and formula[0].data_type == "s"
    notes = wb["说明"]
    words = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    assert "Asia/Shanghai" in words and "已关闭" in words and "_" not in words


def test_kpi_export_writes_rates_as_percentages_and_the_definition_in_words(world, tmp_path):
    for outcome in ("success",) * 6 + ("failed",):
        _release(world, outcome=outcome, closed_at=_bj(2026, 8, 3, 9, 0))
    for lang, sheet, definition in (("zh_CN", "发布成功率", "指标定义"), ("en", "Success rate", "Definition")):
        path = exports.export_kpi(world.ctx("lina"), "2026Q3", "2026Q3", tmp_path / f"kpi-{lang}.xlsx", lang)
        wb = load_workbook(path)
        ws = wb[sheet]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:G")
        total = [row for row in ws.iter_rows(min_row=2) if row[1].value in ("合计", "All")][0]
        assert total[2].value == 7 and total[3].value == 6
        assert total[4].number_format == "0.0%" and total[4].value == pytest.approx(6 / 7)
        assert total[5].number_format == "0.0%" and total[5].value == pytest.approx(0.95)
        words = [str(c.value) for row in wb[definition].iter_rows() for c in row if c.value]
        text = " ".join(words)
        assert not re.search(r"[a-z]+_[a-z_]+", text), text  # name_en, date_field, closed_at …
        assert not {"quarter", "success", "failed", "rejected", "cancelled"} & set(words)  # keys as values
        assert "≥95%" in text and "Asia/Shanghai" in text
        assert ("发布成功率" in text and "发布成功" in words[words.index("计为发布成功") + 1]) if lang == "zh_CN" else \
            ("Release success rate" in text)


def test_register_csv_export_is_utf8_with_bom_and_reads_back(world, tmp_path):
    _releases(world)
    ctx = world.ctx("lina")
    path = tmp_path / "register.csv"
    query = register.RegisterQuery(statuses=("closed",), sort="number", descending=False)
    assert exports.export_register_csv(ctx, query, path) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    book = excel.read(raw, path.name)
    rows = book.sheets[0].rows
    assert rows[0][:3] == ("发布编号", "标题", "发布类型") and len(rows) == 4
    assert "2026-08-01 23:30" in [r[9] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in [r[1] for r in rows[1:]]  # Excel shows it, never runs it
    again = register_import.preview(ctx, book, register_import.inspect(book).mapping)
    assert [p.refusal.code for p in again.problems] == ["xl_already_imported"] * 3  # relgui's own numbers


def test_relgui_admin_release_list_writes_the_csv(world, tmp_path, capsys):
    from test_cli import run

    _releases(world)
    path = tmp_path / "列表.csv"
    code, out, _ = run(world, capsys, "release", "list", "--status", "closed", "--csv", str(path))
    assert code == 0 and "已导出 3 个发布" in out
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(path.read_text("utf-8-sig").splitlines()) == 4
    code, _, err = run(world, capsys, "release", "list", "--csv", str(tmp_path / "missing" / "x.csv"))
    assert code != 0 and "missing" in err and "Traceback" not in err


def test_the_gui_exports_csv_when_that_type_is_chosen(sqlite_world, tmp_path, monkeypatch, qtbot):
    from gui_support import Told, gui_context

    from relgui.gui import files
    from relgui.gui.insight import excel_dialogs

    Told(monkeypatch)
    _releases(sqlite_world)
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    chosen = excel_dialogs.translate("excel_dialogs", "CSV（UTF-8，Excel 可直接打开）(*.csv)")
    monkeypatch.setattr(files, "get_save_file_name", staticmethod(lambda *a, **k: (str(tmp_path / "登记簿"), chosen)))
    path = excel_dialogs.export_register(None, gctx, register.RegisterQuery())
    assert path == tmp_path / "登记簿.csv" and path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_company_zone_decides_the_exported_wall_clock(world, tmp_path):
    _release(world, outcome="success", closed_at=_bj(2026, 8, 1, 23, 30))
    ctx = world.ctx("admin")
    view = company.get(ctx)
    company.save(ctx, company_name="测试公司", department="运维管理部", number_pattern=view.number_pattern,
                 timezone="Europe/Berlin", expected_version=view.row_version or NEW)
    path = tmp_path / "r.xlsx"
    exports.export_register(world.ctx("lina"), register.RegisterQuery(), path)
    ws = load_workbook(path).worksheets[0]
    assert ws.cell(2, 10).value == dt.datetime(2026, 8, 1, 17, 30)  # 23:30 in Beijing is 17:30 in Berlin
