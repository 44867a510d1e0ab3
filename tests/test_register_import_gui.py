"""The register import's progress in the GUI (issue 18): the import runs on a worker behind a
progress dialog that counts the rows checked and written; its 取消 stops the import before it
commits — nothing imported, and the user is told so in words."""

from __future__ import annotations

import pytest
from gui_support import Told, gui_context
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from test_excel import _count
from test_register_import_bulk import _csv

from relgui.gui import files, ops
from relgui.gui.insight import excel_dialogs
from relgui.gui.insight.excel_mapping import MappingDialog
from relgui.gui.insight.excel_preview import IMPORT, PreviewDialog
from relgui.services import register_import


@pytest.fixture
def old_register(tmp_path, monkeypatch):
    """A 1 200-row old register chosen in the file dialog; the mapping taken as guessed and
    the dry run answered 导入."""
    book = _csv(1200)
    path = tmp_path / "old-register.csv"
    rows = [",".join("" if v is None else str(v) for v in r) for r in book.sheets[0].rows]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    monkeypatch.setattr(files, "get_open_file_name", staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(MappingDialog, "ask", classmethod(lambda cls, parent, gctx, book, info, mapping: (info.name, mapping)))
    monkeypatch.setattr(PreviewDialog, "ask", classmethod(lambda cls, parent, gctx, preview: IMPORT))
    monkeypatch.setattr(ops, "PROGRESS_AFTER_MS", 0)
    return path


def _watch(progress_seen: list, cancel: bool):
    """On the GUI thread while the op runs: the progress dialog as the user sees it (grabbed
    once, after the worker's first step) and, with ``cancel``, its 取消 clicked."""
    timer = QTimer(interval=20)

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.objectName() == "op_progress" and w.isVisible() and w.maximum():
                progress_seen.append((w.windowTitle(), w.value(), w.maximum()))
                if len(progress_seen) == 1:
                    w.grab().save("/tmp/relgui_import_progress.png")
                if cancel:
                    button = w.findChild(QPushButton)
                    assert button.text() == "取消"
                    button.click()
                    timer.stop()
    timer.timeout.connect(look)
    timer.start()
    return timer


def _gated(monkeypatch, until_seen: list):
    """register_import.apply as the dialog calls it, its first step held until the GUI has seen
    the progress dialog (so a quick import cannot end before the test looks)."""
    real = register_import.apply

    def apply(ctx, source, mapping, sheet=None, *, progress=None):
        def step(done, total):
            progress(done, total)
            if done == register_import.PROGRESS_EVERY:
                deadline = 300  # × 0.1 s
                while not until_seen and deadline and not progress.cancelled:
                    progress._cancel.wait(0.1)
                    deadline -= 1
                progress(done, total)  # raises Cancelled once the user asked to stop
        return real(ctx, source, mapping, sheet, progress=step)

    monkeypatch.setattr(register_import, "apply", apply)


def test_the_import_shows_its_progress_and_imports_every_row(sqlite_world, tmp_path, old_register, monkeypatch, qtbot):
    told = Told(monkeypatch)
    seen: list = []
    _gated(monkeypatch, seen)
    timer = _watch(seen, cancel=False)
    done = excel_dialogs.import_register(None, gui_context(sqlite_world, "lina", tmp_path))
    timer.stop()
    assert done is not None and done.count == 1200 and _count(sqlite_world.ctx()) == 1200
    assert seen and seen[0][0] == "正在导入…" and seen[0][2] == 2400 and 0 < seen[0][1] <= 2400
    assert told.messages[-1][0] == "导入完成"


def test_cancel_in_the_progress_dialog_imports_nothing(sqlite_world, tmp_path, old_register, monkeypatch, qtbot):
    told = Told(monkeypatch)
    seen: list = []
    _gated(monkeypatch, seen)
    timer = _watch(seen, cancel=True)
    assert excel_dialogs.import_register(None, gui_context(sqlite_world, "lina", tmp_path)) is None
    timer.stop()
    assert seen and _count(sqlite_world.ctx()) == 0
    assert told.messages == [("导入发布登记簿", "导入已取消，未导入任何数据")]
