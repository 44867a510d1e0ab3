"""Small GUI helpers rewritten while making relgui.gui type-check (issue 17 item 10): they do
what they did before — the figure lists a click offers, attachment sizes, a table cell's item,
and one window of each kind per context and language."""

from __future__ import annotations

import dataclasses

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QWidget

from relgui.domain.kpi import FigureKey
from relgui.gui.context import GuiContext
from relgui.gui.execution.attachments_panel import size_text
from relgui.gui.execution.common import cell
from relgui.gui.i18n import QT_TRANSLATE_NOOP, Translations
from relgui.gui.insight import figures, windows
from relgui.gui.settings import Settings


def test_a_click_offers_each_list_once_in_order():
    point = FigureKey("success", "2026Q1", type="normal", part="counted")
    bar = FigureKey("status", part="closed")
    got = figures.readings([point, bar, point, bar])
    # a success-rate point means its failures, then all its counted releases; repeats dropped
    assert got == [(dataclasses.replace(point, part="unsuccessful"), None),
                   (dataclasses.replace(point, part="counted"), None), (bar, None)]


def test_translate_noop_gives_the_text_back():
    assert QT_TRANSLATE_NOOP("figures", "未成功") == "未成功"


def test_attachment_sizes():
    assert size_text(0) == "0 B"
    assert size_text(1023) == "1023 B"
    assert size_text(2048) == "2.0 KB"
    assert size_text(5 * 1024 * 1024) == "5.0 MB"
    assert size_text(3 * 1024 ** 3) == "3072.0 MB"  # no GB: the biggest unit is MB


def test_cell_gives_the_item_or_an_empty_one(qtbot):
    table = QTableWidget(2, 2)
    qtbot.addWidget(table)
    kept = QTableWidgetItem("v1")
    table.setItem(0, 0, kept)
    assert cell(table, 0, 0) is kept
    made = cell(table, 1, 1)  # a cell without an item gets one, kept in the table
    assert made.text() == "" and table.item(1, 1) is made


def test_one_window_per_kind_context_and_language(qtbot, tmp_path):
    translations = Translations(QApplication.instance())
    gctx = GuiContext(None, Settings(tmp_path / "s.ini"), translations)
    other = GuiContext(None, Settings(tmp_path / "t.ini"), translations)
    made: list[QWidget] = []

    def make() -> QWidget:
        made.append(QWidget())
        return made[-1]

    first = windows.single("typed_test", gctx, QWidget, make)
    assert windows.single("typed_test", gctx, QWidget, make) is first and len(made) == 1
    second = windows.single("typed_test", other, QWidget, make)  # another context: a new window
    assert second is not first and len(made) == 2
    translations.lang = "en"  # another language: a new window again
    try:
        third = windows.single("typed_test", other, QWidget, make)
    finally:
        translations.lang = "zh_CN"
    assert third is not second and len(made) == 3
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(first) and not shiboken6.isValid(second)  # the replaced ones were let go
    assert shiboken6.isValid(third)
    windows._OPEN.pop("typed_test")
    windows._MADE_FOR.pop("typed_test")
    third.deleteLater()
