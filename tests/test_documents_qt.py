"""The document on screen and paper (relgui.gui.docview over relgui.render.qtpages): the same
text as the .docx, and preview, print and PDF from one set of pages."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

pytest.importorskip("PySide6.QtPrintSupport")

from flows import release_at  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from test_documents_support import pdf_pages, pdf_text, rolled_back_and_closed, units  # noqa: E402

from relgui.documents import docx_writer  # noqa: E402
from relgui.documents.model import DocModel, Part, Table  # noqa: E402
from relgui.domain.states import Status  # noqa: E402
from relgui.gui import docview  # noqa: E402
from relgui.render import qtpages  # noqa: E402
from relgui.services import documents  # noqa: E402

pytestmark = pytest.mark.gui
FURNITURE = ("header", "header_mark", "footer", "toc", "toc_heading")


@pytest.fixture
def models(sqlite_world):
    ok = release_at(sqlite_world, Status.CLOSED, type_="major")
    back = rolled_back_and_closed(sqlite_world)
    ctx = sqlite_world.ctx("lina")
    return [documents.model(ctx, ok, "plan"), documents.model(ctx, ok, "report"),
            documents.model(ctx, back, "report")]


def flow_text(pages) -> str:
    """Everything the pages say in reading order, page furniture and contents left out."""
    return "".join("".join(i[5].split()) for p in pages.pages for i in p.items
                   if i[0] == "t" and i[4] not in FURNITURE)


def test_pages_and_docx_carry_the_same_text(qapp, models):
    """R-DOC-PLAN, R-DOC-REPORT: one model, two faces, the same text in the same order."""
    for model in models:
        want = [t for _, t in model.units()]
        assert flow_text(qtpages.layout(model)) == "".join("".join(t.split()) for t in want)
        assert units(docx_writer.render(model)) == want


def test_preview_print_and_pdf_are_the_same_pages(qapp, models, tmp_path, monkeypatch):
    """The preview's page images, the printout and the PDF come from one display list."""
    model = models[1]
    pages = qtpages.layout(model)
    dialog = docview.make_preview(None, model)
    assert len(dialog.labels) == len(pages)
    assert dialog.windowTitle() == f"发布变更报告 — {model.number}"
    dialog.deleteLater()
    shown = []
    monkeypatch.setattr(docview.PreviewDialog, "exec", lambda self: shown.append(len(self.labels)) or 0)
    docview.preview(None, model)
    assert shown == [len(pages)]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert docview.print_document(None, models[2], printer) is True
    path = tmp_path / "export.pdf"
    count = docview.export_pdf(model, str(path))
    assert count == len(pages) and path.read_bytes().startswith(b"%PDF")
    assert os.name == "nt" or (path.stat().st_mode & 0o077) == 0
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("poppler-utils not installed: page counts and text not checked")
    assert pdf_pages(path) == count
    assert pdf_pages(tmp_path / "printed.pdf") == len(qtpages.layout(models[2]))
    text = pdf_text(path)
    for needle in ("北京新都远景网络技术有限公司", "发布变更报告", "文件编号", f"共{count}页"):
        assert needle in text


def test_rendering_happens_off_the_gui_thread(qapp, models, monkeypatch):
    """docview lays out and renders in Qt's thread pool; the GUI thread only waits (painting)."""
    seen = []
    real = qtpages.render_pdf

    def spy(model):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(model)

    monkeypatch.setattr(qtpages, "render_pdf", spy)
    data, count = docview.in_worker(None, docview._pdf, models[0])
    assert seen == [False] and data.startswith(b"%PDF-") and count >= 5


def test_the_worker_hands_its_exception_back(qapp):
    def boom():
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        docview.in_worker(None, boom)


def test_a_long_table_lays_out_quickly(qapp):
    rows = tuple((str(i), "步骤说明" * 5, "张伟") for i in range(600))
    model = DocModel("plan", "FB-1", "长表", "发布计划", "公司", (Part("p", "p", (Table(("序号", "操作", "负责人"), rows),)),))
    pages = qtpages.layout(model)
    assert len(pages) > 10
    assert pages.texts(len(pages) - 1, ("cell",))[-1] == "张伟"
