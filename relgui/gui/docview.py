"""Documents on screen and paper: preview, print and PDF, all from one set of pages (issue 6).

The pages are relgui.documents.pages' display list — the archived PDF's own (it carries its
display list) or, for a document not archived yet, the model laid out by the same engine —
so the preview, the printout and the exported or archived PDF are the same pages: the same
page count, the same 第 X 页 共 Y 页, the same contents page numbers, the same draft marks
(R-DOC-FORM, R-4.4.2-ARCHIVE). Laying out and rendering run on a worker (gui/ops.py); the
GUI thread only shows the result and drives the printer.

    preview(parent, face)                    page images in a dialog (print / export from it)
    print_document(parent, face, printer)    the system print dialog, then the pages on the printer
    export_pdf(face, path, parent)           the PDF face (the archived bytes when there are some)

``face`` is a DocModel, the PDF face's bytes (an archived PDF) or a ``Pages`` list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from relgui.documents.model import DocModel
from relgui.documents.pages import Pages
from relgui.fsutil import write_private
from relgui.gui import files, ops
from relgui.render import qtpages

PREVIEW_DPI = 96


def _tr(text: str, context: str = "DocumentsPanel", *, n: int = -1) -> str:
    """Strings the catalogue has already (the documents panel's, the batch's); ``n`` counts a %n one."""
    return QCoreApplication.translate(context, text, None, n)


# ---------------------------------------------------------------- off the GUI thread
def in_worker(parent: QWidget | None, fn: Callable[..., Any], *args: Any, label: str = "") -> Any:
    """Run ``fn(*args)`` on a worker (gui/ops.py, the one runner) while the GUI keeps painting;
    a progress window appears if it takes a moment. Return its result or raise its exception here."""

    op = ops.Op(parent, None, fn, args, {}, progress=label or _tr("正在生成文档…", "BatchDocuments"), quiet=True,
                reraise=True)
    op.wait()
    if op.error is not None:
        raise op.error
    return op.result


def _pages(face: DocModel | bytes | Pages) -> Pages:
    """The pages of a face (in a worker: laying out a long plan takes a second or two)."""
    if isinstance(face, Pages):
        return face
    if isinstance(face, (bytes, bytearray)):
        found = qtpages.pages_of_pdf(bytes(face))
        if found is None:
            raise ValueError("not a relgui PDF: it carries no pages")
        return found
    return qtpages.layout(face)


def pages_of(parent: QWidget | None, face: DocModel | bytes | Pages) -> Pages:
    if isinstance(face, Pages):
        return face
    return in_worker(parent, _pages, face)


def _images(pages: Pages, dpi: float) -> list:
    return [qtpages.page_image(pages, i, dpi) for i in range(len(pages))]


def render(face: DocModel | bytes | Pages, dpi: float = PREVIEW_DPI) -> tuple[Pages, list]:
    """On a worker (ops.run): a face's pages and their images, as the preview shows them."""
    pages = _pages(face)
    return pages, _images(pages, dpi)


def page_column(images: list, name: str = "pages") -> QScrollArea:
    """The page images one under the other in a scroll area (the preview's, and any window
    that shows a document's pages inside itself: the close dialog's report)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    for img in images:
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(img))
        label.setStyleSheet("border: 1px solid #999; background: white;")
        column.addWidget(label)
    area.setWidget(holder)
    return area


def _pdf(face: DocModel | bytes) -> tuple[bytes, int]:
    if isinstance(face, (bytes, bytearray)):
        pages = qtpages.pages_of_pdf(bytes(face))
        return bytes(face), len(pages) if pages is not None else 0
    data, pages = qtpages.render_pdf(face)
    return data, len(pages)


# ---------------------------------------------------------------- preview
class PreviewDialog(QDialog):
    """The pages as images, one under the other; print and export from here print and
    export these very pages. Its face is a model or an archived PDF's bytes: what export writes as
    the PDF (pages alone carry neither the model's data nor the archived file)."""

    def __init__(self, parent: QWidget | None, pages: Pages, images: list, face: DocModel | bytes):
        super().__init__(parent)
        ident = pages.identity
        self.pages, self.face = pages, face
        self.setObjectName("document_preview")
        self.setWindowTitle(f"{ident.get('doc_title', '')} — {ident.get('number', '')}")
        layout = QVBoxLayout(self)
        area = page_column(images)
        self.labels = holder.findChildren(QLabel) if (holder := area.widget()) is not None else []
        layout.addWidget(area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(_tr("打印…"), objectName="preview_print")
        self.pdf_button = QPushButton(_tr("导出 PDF…"), objectName="preview_pdf")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(lambda: print_document(self, self.pages))
        self.pdf_button.clicked.connect(self._export)
        layout.addWidget(buttons)
        self.resize(int(pages.pages[0].width * PREVIEW_DPI / 72) + 80, 900)

    def _export(self) -> None:
        ident = self.pages.identity
        path, _ = files.get_save_file_name(self, _tr("导出 PDF"), f"{ident.get('number', 'document')}.pdf",
                                           "PDF (*.pdf)")
        if path:
            n = export_pdf(self.face, path, self)
            ops.tell(self, _tr("已导出"), _tr("已写入 {path}（%n 页）。", n=n).format(path=path),
                     ops.QMessageBox.Icon.Information)


def make_preview(parent: QWidget | None, face: DocModel | bytes) -> PreviewDialog:
    """The preview dialog, pages rendered (in a worker), not yet shown."""
    pages = pages_of(parent, face)
    images = in_worker(parent, _images, pages, PREVIEW_DPI)
    return PreviewDialog(parent, pages, images, face)


def preview(parent: QWidget | None, face: DocModel | bytes) -> int:
    return make_preview(parent, face).exec()


# ---------------------------------------------------------------- print
def print_document(parent: QWidget | None, face: DocModel | bytes | Pages, printer: QPrinter | None = None) -> bool:
    """Print the pages (the archived PDF's own when ``face`` is its bytes): through the system
    dialog, or on ``printer`` without asking. The page range chosen in the dialog is honoured;
    each page keeps its size and orientation."""
    pages = pages_of(parent, face)
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        ident = pages.identity
        printer.setDocName(f"{ident.get('number', '')} {ident.get('doc_title', '')}")
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, len(pages))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    chosen = pages
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or len(pages), len(pages))
        chosen = Pages(pages.pages[first - 1:last], pages.identity, pages.qr, pages.styles, pages.fonts)
    progress = None
    if parent is not None:
        progress = QProgressDialog(_tr("打印…"), "", 0, len(chosen), parent)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

    def step(n: int) -> bool:
        if progress is not None:
            progress.setValue(n)
            QCoreApplication.processEvents()
        return True

    try:
        qtpages.print_pages(chosen, printer, step)
    finally:
        if progress is not None:
            progress.close()
            progress.deleteLater()
    return True


# ---------------------------------------------------------------- PDF
def export_pdf(face: DocModel | bytes, path: str, parent: QWidget | None = None) -> int:
    """Write the PDF face (0600, relgui.fsutil): an archived PDF's bytes as they are, a model
    rendered in a worker. Returns the number of pages."""

    data, count = in_worker(parent, _pdf, face) if not isinstance(face, (bytes, bytearray)) else _pdf(face)
    write_private(path, data)
    return count
