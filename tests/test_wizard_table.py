"""The plan wizard's spreadsheet-like table: rows by keyboard, paste from Excel, cell editors,
the display-only risk score. No database: the profile's own table specs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QSpinBox

from relgui.domain.plan import clean_section
from relgui.gui.wizard.delegates import CellDelegate
from relgui.gui.wizard.table_editor import TableEditor, parse_block
from relgui.gui.wizard.table_model import RowsModel
from relgui.policy import current_profile

pytestmark = pytest.mark.gui
PROFILE = current_profile()


def _spec(section: str, table: str):
    return next(t for t in PROFILE.section(section).tables if t.key == table)


class NoLookups:
    def config_items(self):
        return []

    def config_item(self, name):
        return None

    def approved_versions(self, name):
        return []


@pytest.fixture
def editor(qtbot):
    def make(section="steps", table="steps", lang="zh_CN"):
        model = RowsModel(_spec(section, table), lang)
        widget = TableEditor(model, CellDelegate(model, NoLookups(), "未填写"))
        qtbot.addWidget(widget)
        widget.show()
        return widget
    return make


def test_model_passes_qt_model_checks(qtmodeltester):
    model = RowsModel(_spec("risks", "risks"), "zh_CN")
    model.paste(0, 0, [["技术风险", "版本不兼容", "2", "4", "预发布验证", "张伟"]])
    qtmodeltester.check(model)


def test_parse_block_reads_excel_clipboard_with_quoted_line_breaks():
    text = '停止服务\t张伟\t5\r\n"部署\n新版本"\t王芳\t10\r\n'
    assert parse_block(text) == [["停止服务", "张伟", "5"], ["部署\n新版本", "王芳", "10"]]


def test_paste_at_the_current_cell_adds_rows_as_needed(editor, qtbot):
    ed = editor()
    ed.add_row()
    ed.view.setCurrentIndex(ed.model.index(0, 0))
    QGuiApplication.clipboard().setText("停止服务\t张伟\t5\t服务已停止\n部署新版本\t王芳\t10\t版本号正确\n")
    qtbot.keyClick(ed.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert ed.model.rows_data() == [
        {"action": "停止服务", "owner": "张伟", "minutes": "5", "check": "服务已停止"},
        {"action": "部署新版本", "owner": "王芳", "minutes": "10", "check": "版本号正确"},
    ]
    cleaned = clean_section(PROFILE.section("steps"), {"steps": ed.model.rows_data()})
    assert cleaned["steps"][1]["minutes"] == 10


def test_paste_into_a_later_column_keeps_the_other_cells(editor):
    ed = editor()
    ed.model.paste(0, 0, [["a", "b", "1", "c"]])
    ed.view.setCurrentIndex(ed.model.index(0, 1))
    ed.paste_text("王芳\t7\n")
    assert ed.model.rows_data() == [{"action": "a", "owner": "王芳", "minutes": "7", "check": "c"}]


def test_rows_by_keyboard_insert_move_remove(editor, qtbot):
    ed = editor()
    ed.view.setFocus()
    qtbot.keyClick(ed.view, Qt.Key.Key_Insert)
    qtbot.keyClick(ed.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ed.model.rowCount() == 2
    ed.model.setData(ed.model.index(0, 0), "first")
    ed.model.setData(ed.model.index(1, 0), "second")
    ed.view.setCurrentIndex(ed.model.index(1, 0))
    qtbot.keyClick(ed.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r["action"] for r in ed.model.rows_data()] == ["second", "first"]
    assert ed.view.currentIndex().row() == 0
    qtbot.keyClick(ed.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [r["action"] for r in ed.model.rows_data()] == ["first", "second"]
    ed.view.selectionModel().clearSelection()
    ed.view.setCurrentIndex(ed.model.index(0, 0))
    qtbot.keyClick(ed.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [r["action"] for r in ed.model.rows_data()] == ["second"]


def test_enter_moves_down_and_is_not_the_dialogs_default_button(editor, qtbot):
    ed = editor()
    ed.model.paste(0, 0, [["a", "b", "1", "c"], ["d", "e", "2", "f"]])
    ed.view.setCurrentIndex(ed.model.index(0, 1))
    qtbot.keyClick(ed.view, Qt.Key.Key_Return)
    assert (ed.view.currentIndex().row(), ed.view.currentIndex().column()) == (1, 1)
    assert ed.model.rowCount() == 2


def test_delete_clears_cells_and_every_change_is_an_edit(editor, qtbot):
    ed = editor()
    ed.model.paste(0, 0, [["a", "b", "1", "c"]])
    with qtbot.waitSignal(ed.edited):
        ed.view.setCurrentIndex(ed.model.index(0, 3))
        qtbot.keyClick(ed.view, Qt.Key.Key_Delete)
    assert ed.model.rows_data()[0]["check"] == ""


def test_risk_choices_show_in_english_and_store_the_policys_words(editor):
    ed = editor("risks", "risks", "en")
    ed.model.paste(0, 0, [["技术风险", "x", "2", "4", "y", "z"]])
    assert ed.model.index(0, 0).data() == "Technical risk"
    assert ed.model.index(0, 0).data(Qt.ItemDataRole.EditRole) == "技术风险"
    ed.view.setCurrentIndex(ed.model.index(0, 0))
    ed.view.edit(ed.model.index(0, 0))
    box = ed.view.indexWidget(ed.model.index(0, 0)) or ed.view.findChild(QComboBox)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("业务风险"))
    ed.view.commitData(box)
    assert ed.model.rows_data()[0]["category"] == "业务风险"


def test_int_cells_edit_with_a_spin_box_that_can_be_empty(editor):
    ed = editor()
    ed.add_row()
    index = ed.model.index(0, 2)
    ed.view.edit(index)
    spin = ed.view.findChild(QSpinBox)
    assert spin.minimum() == 0 and spin.specialValueText() == "未填写"  # the profile's minimum is 1
    spin.setValue(15)
    ed.view.commitData(spin)
    assert ed.model.rows_data()[0]["minutes"] == 15


def test_risk_score_is_computed_for_display_and_not_stored():
    from relgui.gui.wizard.section_form import _score
    from relgui.gui.wizard.table_model import Computed

    model = RowsModel(_spec("risks", "risks"), "zh_CN", (Computed("评分", _score),))
    model.paste(0, 0, [["技术风险", "版本不兼容", "3", "4", "演练", "张伟"]])
    assert model.columnCount() == 7
    assert model.index(0, 6).data() == "12"
    assert "score" not in model.rows_data()[0] and len(model.rows_data()[0]) == 6
    assert not model.flags(model.index(0, 6)) & Qt.ItemFlag.ItemIsEditable


def test_read_only_table_ignores_row_keys(editor, qtbot):
    ed = editor()
    ed.set_read_only(True)
    qtbot.keyClick(ed.view, Qt.Key.Key_Insert)
    assert ed.paste_text("a\tb\n") == 0
    assert ed.model.rowCount() == 0

