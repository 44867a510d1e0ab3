"""Spreadsheet and CSV import never gives a traceback and never imports part of a file: a
corrupt or hostile file is refused in words naming the file (and the row and column where
there is one), on SQLite and PostgreSQL, and nothing is written.

Covers relgui.services.change_import (change requests, CSV or Excel) and
relgui.services.register_import (the release register): truncated and random .xlsx, a zip that is
no workbook, a zip bomb, huge files and fields, GB18030 / UTF-16 / Latin-1, empty files,
formulas, dates out of range; then random mutations of good files (hypothesis).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_services import message_problems, snapshot, written

from relgui.adapters import excel
from relgui.domain.errors import InvalidInput, PolicyViolation, RelguiError
from relgui.services import change_import, changes, exports, register, register_import

IMPORTER = "lina"  # a manager: may import both


def _register_xlsx(path, rows, headers=("标题", "发布类型", "状态", "发布结果", "关闭时间"), formats=None):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    wb.save(path)
    return path


def _good_xlsx(tmp_path):
    return _register_xlsx(tmp_path / "good.xlsx", [("核心系统升级", "一般发布", "已关闭", "发布成功", dt.datetime(2026, 3, 1))])


def _good_csv_bytes() -> bytes:
    return "编号,标题,状态\nCHG-G1,导入的变更,已批准\nCHG-G2,第二个,待审批\n".encode("utf-8-sig")


def _refused(world, call, *needles, codes=None):
    """``call`` is refused (RelguiError) in words naming ``needles``, and wrote nothing."""
    before = snapshot(world)
    with pytest.raises(RelguiError) as exc:
        call()
    assert message_problems(exc.value) == []
    for lang in ("zh_CN", "en"):
        message = exc.value.message(lang)
        for needle in needles:
            assert needle in message, (lang, message)
    if codes:
        assert exc.value.refusals[0].code in codes, exc.value.refusals
    assert written(before, snapshot(world)) == []
    return exc.value


def _import_xlsx(world, path):
    mapping = register_import.guess_mapping(register_import.inspect(path).headers)
    return register_import.apply(world.ctx(IMPORTER), path, mapping)


def _import_changes(world, path):
    return change_import.apply(world.ctx(IMPORTER), path)


# ------------------------------------------------------------------ damaged workbooks

def _zip_of(**parts) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name.replace("__", "/"), data)
    return buf.getvalue()


DAMAGED = {
    "truncated.xlsx": lambda good: good[: len(good) // 2],
    "random.xlsx": lambda good: os.urandom(4096),
    "empty.xlsx": lambda good: b"",
    "not-a-workbook.xlsx": lambda good: _zip_of(hello__txt="not a workbook"),
    "content-types-only.xlsx": lambda good: _zip_of(**{"[Content_Types].xml": "<Types/>"}),
    "bad-xml.xlsx": lambda good: _zip_of(**{"[Content_Types].xml": "<<<", "xl__workbook.xml": "<x"}),
    "flipped.xlsx": lambda good: good[:200] + bytes(b ^ 0xFF for b in good[200:400]) + good[400:],
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_workbook_is_refused_naming_the_file(world, tmp_path, name):
    good = _good_xlsx(tmp_path).read_bytes()
    path = tmp_path / name
    path.write_bytes(DAMAGED[name](good))
    _refused(world, lambda: register_import.inspect(path), name)
    _refused(world, lambda: register_import.apply(world.ctx(IMPORTER), path, {"标题": "title", "发布类型": "type"}), name)
    _refused(world, lambda: _import_changes(world, path), name)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(world, tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "MAX_UNPACKED_MB", 1)
    good = zipfile.ZipFile(_good_xlsx(tmp_path))
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            z.writestr(info, good.read(info))
        z.writestr("xl/media/zeros.bin", b"\0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    _refused(world, lambda: register_import.inspect(path), "bomb.xlsx", codes=("file_too_large",))
    _refused(world, lambda: _import_changes(world, path), "bomb.xlsx", codes=("file_too_large",))


@pytest.mark.parametrize("name", ["huge.xlsx", "huge.csv"])
def test_a_huge_file_is_refused_without_reading_it(world, tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # sparse: no disk used, nothing read
    _refused(world, lambda: register_import.inspect(path), name, codes=("file_too_large",))
    _refused(world, lambda: _import_changes(world, path), name, codes=("file_too_large",))


@pytest.mark.parametrize("make", [lambda p: p / "missing" / "x.xlsx", lambda p: p, lambda p: str(p) + "/名\x00.csv",
                                  lambda p: str(p) + "/\ud800.csv", lambda p: p / ("长" * 300 + ".csv"),
                                  lambda p: None, lambda p: 5])
def test_a_path_that_names_no_readable_file_is_refused_in_words(world, tmp_path, make):
    path = make(tmp_path)
    _refused(world, lambda: register_import.inspect(path))
    _refused(world, lambda: _import_changes(world, path))
    _refused(world, lambda: change_import.check(world.ctx(IMPORTER), path))


# ------------------------------------------------------------------ CSV: sizes and encodings

def test_a_csv_field_over_128_kib_is_refused_naming_file_and_line(world, tmp_path):
    path = tmp_path / "big-field.csv"
    path.write_text("编号,标题,状态\nCHG-1,短,已批准\nCHG-2," + "长" * 140_000 + ",已批准\n", encoding="utf-8")
    exc = _refused(world, lambda: _import_changes(world, path), "big-field.csv", "3",
                   codes=("import_cell_too_long",))
    assert exc.refusals[0].params["row"] == 3


def test_a_long_but_readable_field_is_refused_naming_the_row(world, tmp_path):
    path = tmp_path / "long-title.csv"
    path.write_text("编号,标题,状态\nCHG-1," + "长" * 600 + ",已批准\n", encoding="utf-8")
    report = change_import.check(world.ctx(IMPORTER), path)
    assert [n for n, _ in report.problems] == [2] and "标题" in report.problems[0][1]
    _refused(world, lambda: _import_changes(world, path), "long-title.csv", "2")
    assert changes.count(world.ctx()) == 0


@pytest.mark.parametrize("encoding, tab", [("gb18030", False), ("utf-16", False), ("utf-16", True),
                                           ("utf-8-sig", False), ("utf-8", False)])
def test_the_encodings_excel_saves_are_read(world, tmp_path, encoding, tab):
    sep = "\t" if tab else ","
    path = tmp_path / "changes.csv"
    content = f"编号{sep}标题{sep}状态\nCHG-E1{sep}网银升级{sep}已批准\n"
    path.write_bytes(content.encode(encoding))
    assert _import_changes(world, path).written == 1
    assert changes.search(world.ctx(), "CHG-E1")[0].title == "网银升级"


def test_an_undecodable_file_is_refused_naming_it(world, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("number,title,status\nCHG-L1,café crème,approved\n".encode("latin-1"))
    _refused(world, lambda: _import_changes(world, path), "latin1.csv", codes=("import_encoding",))
    path.write_bytes(b"\xff\xfe\x00\xd8")  # a UTF-16 byte-order mark, then a lone surrogate
    _refused(world, lambda: _import_changes(world, path), "latin1.csv", codes=("import_encoding",))


@pytest.mark.parametrize("content", [b"", b"\n\n\n", b"\xef\xbb\xbf", b",,,\n,,\n"])
def test_an_empty_csv_is_refused_naming_it(world, tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    _refused(world, lambda: _import_changes(world, path), "empty.csv")


def test_control_characters_and_formulas_in_a_csv_are_text(world, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes("编号,标题,状态\nCHG-\x00N1,=1+1\u202e,已批准\n".encode("utf-8"))
    assert _import_changes(world, path).written == 1
    assert [(c.number, c.title) for c in changes.search(world.ctx(), "CHG-N1")] == [("CHG-N1", "=1+1")]


# ------------------------------------------------------------------ workbooks: cells

def test_a_formula_without_a_value_and_dates_out_of_range_name_row_and_column(world, tmp_path):
    path = _register_xlsx(tmp_path / "cells.xlsx", [
        ("越界日期", "一般发布", "已关闭", "发布成功", 2958466),      # after 9999-12-31
        ("太早", "一般发布", "已关闭", "发布成功", dt.datetime(1900, 1, 1)),
        ("文字日期", "一般发布", "已关闭", "发布成功", "0001-01-01"),
        ("=1+1", "一般发布", "已关闭", "发布成功", dt.datetime(2026, 1, 1)),  # a formula: no value cached
        ("好的", "一般发布", "已关闭", "发布成功", dt.datetime(2026, 1, 1)),
    ], formats={"E2": "yyyy-mm-dd"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of the out-of-range serial
        mapping = register_import.guess_mapping(register_import.inspect(path).headers)
        preview = register_import.preview(world.ctx(IMPORTER), path, mapping)
    by_row = {p.row: p for p in preview.problems}
    assert sorted(by_row) == [2, 3, 4, 5]
    for row in (2, 3, 4):
        assert by_row[row].column == "关闭时间" and by_row[row].refusal.code == "xl_bad_date"
    assert by_row[5].column == "标题" and by_row[5].refusal.code == "empty"
    assert "第 5 行“标题”列" in by_row[5].message("zh_CN")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _refused(world, lambda: register_import.apply(world.ctx(IMPORTER), path, mapping), codes=("xl_refused",))


def test_a_register_exported_with_a_formula_like_title_keeps_it_as_text(world, tmp_path):
    from flows import approved_change
    from openpyxl import load_workbook

    from relgui.services import releases

    title = "=HYPERLINK(\"http://x\",\"点我\")"
    releases.create(world.ctx("zhangwei"), title=title, type="normal", change_numbers=[approved_change(world)])
    path = tmp_path / "register.xlsx"
    exports.export_register(world.ctx("lina"), register.RegisterQuery(), path)
    cells = [c for row in load_workbook(path).active.iter_rows() for c in row if c.value == title]
    assert cells and all(c.data_type == "s" for c in cells)


def test_export_to_a_missing_folder_or_a_folder_is_refused_in_words(world, tmp_path):
    for target in (tmp_path / "missing" / "r.xlsx", tmp_path, str(tmp_path) + "/\x00.xlsx"):
        _refused(world, lambda target=target: exports.export_register(world.ctx("lina"), register.RegisterQuery(), target))
        _refused(world, lambda target=target: exports.export_kpi(world.ctx("lina"), "2026Q1", "2026Q4", target))
    assert not list(tmp_path.glob("*.part"))


# ------------------------------------------------------------------ mutations (hypothesis)

def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for at, value in edits:
        if out:
            out[at % len(out)] = value
    return bytes(out[:cut] if cut is not None else out)


@pytest.fixture
def good_files(tmp_path):
    xlsx = _good_xlsx(tmp_path).read_bytes()
    return xlsx, _good_csv_bytes()


@settings(max_examples=int(os.environ.get("RELGUI_FUZZ_FILES", "40")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["xlsx", "csv", "csv-as-xlsx", "xlsx-as-csv"]),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
       cut=st.none() | st.integers(0, 6000))
def test_a_mutated_file_is_imported_whole_or_refused_in_words(world, tmp_path, good_files, kind, edits, cut):
    xlsx, csv_bytes = good_files
    source = xlsx if kind.startswith("xlsx") else csv_bytes
    suffix = ".xlsx" if kind.endswith("xlsx") else ".csv"
    path = tmp_path / f"mutated{suffix}"
    path.write_bytes(_mutate(source, edits, cut))
    before = snapshot(world)
    for call in (lambda: change_import.check(world.ctx(IMPORTER), path),
                 lambda: register_import.preview(world.ctx(IMPORTER), path, {"标题": "title", "发布类型": "type"})):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                call()
        except RelguiError as exc:
            assert message_problems(exc) == []
    assert written(before, snapshot(world)) == []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = change_import.apply(world.ctx(IMPORTER), path)
    except (InvalidInput, PolicyViolation) as exc:
        assert message_problems(exc) == []
        assert written(before, snapshot(world)) == []
    else:  # all of it: every row the dry run accepted
        assert result.written == len(result.rows)
