"""The Qt rendering (relgui.gui.docview): same text as the .docx, preview, print, PDF."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("PySide6.QtPrintSupport")

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # noqa: E402

from flows import release_at  # noqa: E402
from relgui.documents import docx_writer  # noqa: E402
from relgui.documents.model import DocModel, Part, Table  # noqa: E402
from relgui.domain.states import Status  # noqa: E402
from relgui.gui import docview  # noqa: E402
from relgui.services import documents  # noqa: E402
from test_documents_support import pdf_pages, pdf_text, rolled_back_and_closed, units  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def models(sqlite_world):
    ok = release_at(sqlite_world, Status.CLOSED, type_="major")
    back = rolled_back_and_closed(sqlite_world)
    ctx = sqlite_world.ctx("lina")
    return [documents.model(ctx, ok, "plan"), documents.model(ctx, ok, "report"),
            documents.model(ctx, back, "report")]


def test_qt_and_docx_renderings_carry_the_same_text(qapp, models):
    """R-DOC-PLAN, R-DOC-REPORT: one model, two renderers, the same lines in the same order."""
    for model in models:
        want = [t for _, t in model.units()]
        assert docview.text_lines(docview.to_document(model)) == want
        assert units(docx_writer.render(model)) == want


def test_contents_show_the_page_of_each_heading(qapp, models):
    doc = docview.to_document(models[0])
    block, toc = doc.begin(), []
    while block.isValid():
        if docview.TOC_STATE <= block.userState() < docview.TOC_TITLE:
            toc.append(block.text())
        block = block.next()
    assert len(toc) == len(models[0].headings())
    pages = [int(t.rsplit("\t", 1)[1]) for t in toc]
    assert pages == sorted(pages) and pages[0] >= 2 and pages[-1] <= doc.pageCount()


def test_export_pdf_is_a4_with_chinese_text(qapp, models, tmp_path):
    """R-DOC-FORM: A4 PDF; the Chinese text and the verification code are in it."""
    path = tmp_path / "plan.pdf"
    count = docview.export_pdf(models[0], str(path))
    assert count >= 4 and path.read_bytes().startswith(b"%PDF")
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("poppler-utils not installed: page size and text not checked")
    assert pdf_pages(path) == count
    text = pdf_text(path)
    code = models[0].parts[-1].blocks[1].code
    for needle in ("北京新都远景网络技术有限公司", "发布计划", "关联性评估", "回退触发条件", code, f"共{count}"):
        assert needle in text


def test_preview_dialog_paints_the_pages(qapp, models, tmp_path, monkeypatch):
    dialog = docview.make_preview(None, models[1])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    assert (tmp_path / "preview.pdf").stat().st_size > 10_000
    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    docview.preview(None, models[1])
    assert shown == [f"发布变更报告 — {models[1].number}"]
    dialog.deleteLater()


def test_print_document_to_a_given_printer(qapp, models, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert docview.print_document(None, models[2], printer) is True
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_a_long_table_lays_out_without_exhausting_none(qapp):
    """Thousands of Qt calls lay out a long table (tests/test_qt_binding.py keeps the binding
    whose void calls drained None's reference count out of the dependencies)."""
    rows = tuple((str(i), "步骤说明" * 5, "张伟") for i in range(600))
    model = DocModel("plan", "FB-1", "长表", "发布计划", "公司", (Part("p", "p", (Table(("序号", "操作", "负责人"), rows),)),))
    doc = docview.to_document(model)
    assert doc.pageCount() > 10
