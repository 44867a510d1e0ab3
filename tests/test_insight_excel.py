"""Excel dialogs (R-4.6-KPI): the register exported as filtered; an old register imported
through the column mapping and the dry run — bad files (wrong columns, dates as text, merged
cells) refused with row-level reasons in the user's language, and nothing half-imported."""

from __future__ import annotations

import pytest
from gui_support import Told, gui_context
from openpyxl import load_workbook
from test_excel import HEADERS, _book, _count, _good_rows
from test_kpi import _bj, _release

from relgui.gui import files
from relgui.gui.insight import excel_dialogs
from relgui.gui.insight.excel_mapping import MappingDialog
from relgui.gui.insight.excel_preview import PreviewDialog
from relgui.services import register, register_import


@pytest.fixture
def gctx(sqlite_world, tmp_path):
    return gui_context(sqlite_world, "lina", tmp_path)


def _choose_file(monkeypatch, path):
    monkeypatch.setattr(files, "get_open_file_name", staticmethod(lambda *a, **k: (str(path), "")))


def _answer(monkeypatch, mappings, previews, answers):
    """The mapping dialog accepts what it was given (the guess) or the next of ``mappings``;
    the preview dialog is recorded and answered from ``answers``."""
    mappings, answers = iter(mappings), iter(answers)

    def mapping_ask(cls, parent, gctx, book, info, mapping):
        return info.name, next(mappings, mapping)

    def preview_ask(cls, parent, gctx, preview):
        previews.append(PreviewDialog(parent, gctx, preview))
        return next(answers)

    monkeypatch.setattr(MappingDialog, "ask", classmethod(mapping_ask))
    monkeypatch.setattr(PreviewDialog, "ask", classmethod(preview_ask))


def test_the_mapping_dialog_starts_from_the_guess_and_refuses_a_column_twice(gctx, tmp_path, qtbot):
    path = _book(tmp_path / "old.xlsx", _good_rows())
    book = register_import.load(path)
    info = register_import.inspect(book)
    dialog = MappingDialog(None, gctx, book, info, info.mapping)
    qtbot.addWidget(dialog)
    assert dialog.mapping() == info.mapping and dialog.combos["title"].currentText() == "发布名称"
    assert dialog.sample.rowCount() == 5 and dialog.rows.text() == "共 8 行数据"
    dialog.combos["description"].setCurrentIndex(dialog.combos["description"].findData("发布名称"))
    dialog._ok()
    assert "发布名称" in dialog.error.text() and dialog.result() != MappingDialog.DialogCode.Accepted


def test_an_old_register_is_imported_after_a_clean_dry_run(gctx, sqlite_world, tmp_path, monkeypatch):
    told = Told(monkeypatch)
    _choose_file(monkeypatch, _book(tmp_path / "old.xlsx", _good_rows()))
    previews = []
    _answer(monkeypatch, [], previews, ["import"])
    done = excel_dialogs.import_register(None, gctx)
    assert done.count == 8 and _count(sqlite_world.ctx()) == 8
    assert previews[0].import_button.isEnabled() and previews[0].candidates.rowCount() == 8
    assert told.texts == [f"已导入 8 个发布（{done.numbers[0]} 至 {done.numbers[-1]}）。原登记编号记在各发布描述的第一行。"]


def test_bad_files_are_refused_row_by_row_and_nothing_is_imported(gctx, sqlite_world, tmp_path, monkeypatch):
    rows = _good_rows()[:4]
    rows[1][7] = "30/09/2026"  # a date as text, day first
    _choose_file(monkeypatch, _book(tmp_path / "bad.xlsx", rows, merge="C4:C5"))
    previews = []
    _answer(monkeypatch, [], previews, [None])
    assert excel_dialogs.import_register(None, gctx) is None
    shown = previews[0]
    problems = [[shown.problems.item(r, c).text() for c in range(3)] for r in range(shown.problems.rowCount())]
    assert problems[0][:2] == ["3", "关闭时间"] and problems[0][2].startswith("不是可识别的日期：30/09/2026")
    assert [p[0] for p in problems if "合并单元格" in p[2]] == ["4", "5"]
    assert not shown.import_button.isEnabled() and "不会导入任何数据" in shown.summary.text()
    assert _count(sqlite_world.ctx()) == 0


def test_wrong_columns_lead_back_to_the_mapping(gctx, sqlite_world, tmp_path, monkeypatch):
    Told(monkeypatch)
    _choose_file(monkeypatch, _book(tmp_path / "old.xlsx", _good_rows()))
    guessed = register_import.guess_mapping(HEADERS)
    no_title = {h: f for h, f in guessed.items() if f != "title"}
    previews = []
    _answer(monkeypatch, [no_title, guessed], previews, ["back", "import"])
    done = excel_dialogs.import_register(None, gctx)
    first = previews[0]
    assert [first.problems.item(0, c).text() for c in (0, 2)] == ["1", "须指定“标题”对应的列"]
    assert done.count == 8  # the second time, with the title mapped


def test_only_a_manager_imports_and_the_refusal_is_told(sqlite_world, tmp_path, monkeypatch):
    told = Told(monkeypatch)
    _choose_file(monkeypatch, _book(tmp_path / "old.xlsx", _good_rows()))
    _answer(monkeypatch, [], [], ["import"])
    assert excel_dialogs.import_register(None, gui_context(sqlite_world, "zhangwei", tmp_path)) is None
    assert len(told.texts) == 1 and "运维管理部经理" in told.texts[0]
    assert _count(sqlite_world.ctx()) == 0


def test_rows_imported_meanwhile_are_shown_again_and_nothing_is_imported(gctx, sqlite_world, tmp_path,
                                                                         monkeypatch):
    told = Told(monkeypatch)
    path = _book(tmp_path / "old.xlsx", _good_rows())
    _choose_file(monkeypatch, path)
    previews = []

    def another_workstation_first(answer):
        register_import.apply(sqlite_world.ctx("liuyang"), path, register_import.guess_mapping(HEADERS))
        return answer
    _answer(monkeypatch, [], previews, [another_workstation_first("import"), None])
    assert excel_dialogs.import_register(None, gctx) is None
    assert len(previews) == 2 and previews[1].problems.rowCount() == 8  # every row: already in relgui
    assert len(told.texts) == 1 and _count(sqlite_world.ctx()) == 8  # the other import only


def test_register_export_follows_the_current_filter_and_round_trips(sqlite_world, gctx, tmp_path, monkeypatch):
    Told(monkeypatch)
    for outcome in ("success", "failed", "rolled_back"):
        _release(sqlite_world, outcome=outcome, closed_at=_bj(2026, 8, 1, 9, 0))
    _release(sqlite_world, status="cancelled", outcome=None)
    monkeypatch.setattr(files, "get_save_file_name",
                        staticmethod(lambda *a, **k: (str(tmp_path / "register"), "")))
    query = register.RegisterQuery(statuses=("closed",))
    path = excel_dialogs.export_register(None, gctx, query)
    assert path == tmp_path / "register.xlsx"
    sheet = load_workbook(path).active
    assert sheet.max_row == 1 + 3 and sheet.cell(1, 1).value == "发布编号"
    info = register_import.inspect(path)  # back in: relgui's own numbers are already there
    shown = PreviewDialog(None, gctx, register_import.preview(sqlite_world.ctx("lina"), path, info.mapping))
    assert shown.problems.rowCount() == 3 and shown.candidates.rowCount() == 0
    assert "已在系统中" in shown.problems.item(0, 2).text() and not shown.import_button.isEnabled()
