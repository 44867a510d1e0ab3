"""Documents from the release detail and in batches (R-DOC-PLAN, R-DOC-REPORT, R-4.4.2-ARCHIVE)."""

from __future__ import annotations

from docx import Document
from flows import release_at
from gui_support import Told, gui_context, settle

from relgui.domain.states import Status
from relgui.gui import batch_documents
from relgui.gui.documents_panel import DocumentsPanel
from relgui.services import details


def test_panel_saves_the_archived_plan_byte_for_byte(sqlite_world, tmp_path, qtbot, monkeypatch):
    from relgui.gui import files
    from relgui.services import documents

    number = release_at(sqlite_world, Status.PLAN_APPROVED, type_="major")
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    panel = DocumentsPanel(gctx, details.show(gctx.app, number))
    qtbot.addWidget(panel)
    assert panel.states["plan"].text() == "正在读取…"  # read on a worker, said meanwhile
    settle()
    assert "已归档" in panel.states["plan"].text() and "尚未归档" in panel.states["report"].text()
    out = tmp_path / "saved.docx"
    monkeypatch.setattr(files, "get_save_file_name", staticmethod(lambda *a, **k: (str(out), "")))
    panel.save_docx("plan")
    assert out.read_bytes() == documents.archived(gctx.app, number, "plan").content
    Document(str(out))  # opens in python-docx


def test_panel_exports_a_pdf(sqlite_world, tmp_path, qtbot, monkeypatch):
    from relgui.gui import files

    told = Told(monkeypatch)
    number = release_at(sqlite_world, Status.PLAN_SUBMITTED)
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    panel = DocumentsPanel(gctx, details.show(gctx.app, number))
    qtbot.addWidget(panel)
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(files, "get_save_file_name", staticmethod(lambda *a, **k: (str(out), "")))
    panel.export_pdf("plan")
    assert out.read_bytes().startswith(b"%PDF") and "页" in told.texts[-1]


def test_batch_writes_one_file_per_release_and_lists_the_rest(sqlite_world, tmp_path, qtbot, monkeypatch):
    told = Told(monkeypatch)
    numbers = [release_at(sqlite_world, Status.PLAN_SUBMITTED), release_at(sqlite_world, Status.REQUESTED)]
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    written = batch_documents.write_all(None, gctx, numbers, "plan", tmp_path)
    assert written >= 1
    assert any(p.suffix == ".docx" for p in tmp_path.iterdir())
    assert "已生成" in told.texts[-1]


def test_panel_says_which_report_version_is_archived_and_that_the_records_changed(sqlite_world, tmp_path, qtbot):
    """R-4.4.2-ARCHIVE: the panel shows the archived V1 after a lesson added later, and says a
    reissue is needed for a new version (nothing regenerated)."""
    from relgui.services import closing

    number = release_at(sqlite_world, Status.CLOSED)
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    panel = DocumentsPanel(gctx, details.show(gctx.app, number))
    qtbot.addWidget(panel)
    settle()
    assert "V1" in panel.states["report"].text() and "现行版本" in panel.states["report"].text()
    assert "版本 V1" in panel.states["plan"].text()
    closing.add_knowledge(gctx.app, "补充", "回退包须提前校验。", release=number)
    panel.refresh()
    settle()
    text = panel.states["report"].text()
    assert "V1" in text and "重新签发" in text, text
    panel.grab().save(str(tmp_path / "panel.png"))
