"""文档 → 核验: check a printed page or a document file against the archive (R-DOC-SIGN,
R-4.4.2-ARCHIVE).

Type or paste the code printed on a page (核验码 XXXX-XXXX-XXXX), a signature's 校验码, or
the text a phone read from a page's QR code; or choose a .docx or a PDF. The answer is in
words: which archived document and version it is, whether it is current, superseded or voided
— or what differs, page by page and part by part. Beside the verdict the archived page itself
is shown (the page the QR code names, or the first page that differs; ◀ ▶ turn the pages), to
lay beside the paper: rendered in a worker from the archived PDF face by PDFium, or from the
archived .docx's own model by relgui's page engine (the same pages). "显示归档文档" opens the
whole archived document. relgui.services.documents.check_code and .verify do the work
(relgui.documents.verify has the verdicts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.closure import DOCUMENT_NAMES
from relgui.domain.lang import pick
from relgui.fsutil import safe_filename, write_private
from relgui.gui import files, ops
from relgui.services import files as service_files

GOOD, WARN, BAD = "#2e7d32", "#e65100", "#c62828"
COLOURS = {"identical": GOOD, "current": GOOD, "resaved": WARN, "draft": WARN, "superseded": WARN,
           "changed": BAD, "voided": BAD, "unknown": BAD, "conflict": BAD}
MAX_MB = 200
PAGE_DPI = 72.0   # the archived page beside the verdict: A4 is 595 × 842 pixels


def archived_page(content: bytes, index: int, dpi: float = PAGE_DPI) -> tuple[QImage, int]:
    """(image of page ``index``, page count) of an archived document: its PDF face through
    PDFium, a .docx through its own model laid out by relgui's page engine (the same pages as
    its PDF face). Runs in a worker: no widget is touched."""
    if content[:5] == b"%PDF-":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(content)
        try:
            count = len(pdf)
            page = pdf[max(0, min(index, count - 1))]
            bitmap = page.render(scale=dpi / 72.0, fill_color=(255, 255, 255, 255), prefer_bgrx=True)
            try:  # BGRx is QImage's RGB32 on a little-endian machine; BGR its BGR888
                fmt = QImage.Format.Format_RGB32 if bitmap.n_channels == 4 else QImage.Format.Format_BGR888
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
            finally:
                bitmap.close()
                page.close()
            return image, count
        finally:
            pdf.close()
    # lazy: relgui.documents (verify, compare, form), ~55 ms, kept off the start-up path
    from relgui.documents import verify as checking

    # lazy: relgui.render + relgui.documents.pages, ~20 ms, kept off the start-up path
    from relgui.render import qtpages

    model = checking.embedded_model(content)
    if model is None:
        return QImage(), 0
    pages = qtpages.layout(model)
    return qtpages.page_image(pages, max(0, min(index, len(pages) - 1)), dpi), len(pages)


class VerifyDocumentDialog(QDialog):
    def __init__(self, gctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        # the check shown (a documents.verify or check_code answer); not `result`: QDialog.result() is Qt's
        self.verification: object | None = None
        self.setObjectName("verify_document")
        self.setWindowTitle(self.tr("核验文档"))
        self.resize(1200, 760)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "输入或粘贴页面上的核验码（如 1C7E-A773-A521）、签名的校验码，或扫描页面二维码得到的文字；"
            "也可以选择一个文档文件核验。以归档文件为准。"), wordWrap=True))
        row = QHBoxLayout()
        self.code = QLineEdit(objectName="code", clearButtonEnabled=True)
        self.code.setPlaceholderText(self.tr("核验码、校验码或二维码内容"))
        self.code.returnPressed.connect(self.check)
        row.addWidget(self.code, 1)
        self.check_button = QPushButton(self.tr("核验"), objectName="check")
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        self.file_button = QPushButton(self.tr("核验文件…"), objectName="verify_file")
        self.file_button.clicked.connect(self.choose_file)
        row.addWidget(self.file_button)
        layout.addLayout(row)
        self.verdict = QLabel(objectName="verdict", wordWrap=True,
                              textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)
        self.details = QPlainTextEdit(objectName="details", readOnly=True)
        self.details.setPlaceholderText(self.tr("核验结果的细节（改动之处、签名）显示在这里。"))
        body = QHBoxLayout()
        body.addWidget(self.details, 1)
        side = QVBoxLayout()
        self.page_caption = QLabel(objectName="page_caption", alignment=Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self.page_caption)
        self.page_view = QLabel(objectName="archived_page", alignment=Qt.AlignmentFlag.AlignCenter)
        self.page_view.setToolTip(self.tr("归档的页面，与纸面或文件对照"))
        scroll = QScrollArea(widgetResizable=True)
        scroll.setObjectName("archived_page_area")
        scroll.setWidget(self.page_view)
        scroll.setMinimumWidth(620)  # an A4 page at 72 dpi (595 px) and its scroll bar
        side.addWidget(scroll, 1)
        nav = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("◀ 上一页"), objectName="prev_page", enabled=False)
        self.prev_button.clicked.connect(lambda: self._turn(-1))
        self.next_button = QPushButton(self.tr("下一页 ▶"), objectName="next_page", enabled=False)
        self.next_button.clicked.connect(lambda: self._turn(1))
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        side.addLayout(nav)
        body.addLayout(side, 1)
        layout.addLayout(body, 1)
        self.page_index, self.page_count = 0, 0
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = buttons.addButton(self.tr("显示归档文档…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.setObjectName("show_archived")
        self.show_button.setToolTip(self.tr("打开归档的文档本身，与纸面或文件对照"))
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(self.show_archived)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # ---------------------------------------------------------------- checking
    def check(self) -> None:
        # lazy: the document services and relgui.documents, ~45 ms, kept off the start-up path
        from relgui.services import documents

        text = self.code.text().strip()
        if not text:
            self._show(None, [self.tr("请输入核验码或二维码内容。")], "unknown")
            return
        ok, result = ops.call(self, self.gctx, documents.check_code, self.gctx.app, text)
        if ok:
            self._show(result, result.describe(self.gctx.lang), result.verdict)

    def choose_file(self) -> None:
        path, _ = files.get_open_file_name(self, self.tr("选择要核验的文档"), "",
                                           self.tr("文档 (*.docx *.pdf);;所有文件 (*)"))
        if path:
            self.verify_file(path)

    def verify_file(self, path: str) -> None:
        # lazy: the document services and relgui.documents, ~45 ms, kept off the start-up path
        from relgui.services import documents

        ok, data = ops.call(self, self.gctx, lambda p: service_files.read_bytes(service_files.to_read(p, limit_mb=MAX_MB)),
                            path)
        if not ok:
            return
        ok, result = ops.call(self, self.gctx, documents.verify, self.gctx.app, data)
        if ok:
            self._show(result, result.describe(self.gctx.lang), result.verdict)

    def _show(self, result, lines: list[str], verdict: str) -> None:
        self.verification = result
        self.verdict.setText(lines[0] if lines else "")
        self.verdict.setStyleSheet(f"color: {COLOURS.get(verdict, BAD)}; font-weight: bold;")
        self.details.setPlainText("\n".join(lines[1:]))
        archived = getattr(result, "archived", None) if result is not None else None
        self.show_button.setEnabled(archived is not None)
        self.page_count = 0
        self.page_view.clear()
        self.page_caption.setText("")
        self._nav()
        if archived is not None:
            self._show_page(self._first_page(result) - 1)

    # ---------------------------------------------------------------- the archived page beside the verdict
    @staticmethod
    def _first_page(result) -> int:
        """The page to lay beside the paper: the first that differs, the page the QR code names, else 1."""
        pages = [c.page for c in getattr(result, "changes", ()) if getattr(c, "page", 0)]
        if pages:
            return min(pages)
        query = getattr(result, "query", None)
        page = getattr(query, "page", "") if query is not None else ""
        return int(page) if str(page).isdigit() and int(page) > 0 else 1

    def _show_page(self, index: int) -> None:
        archived = getattr(self.verification, "archived", None)
        if archived is None:
            return
        self.page_caption.setText(self.tr("正在显示归档页面…"))
        result = self.verification

        def done(found) -> None:
            if self.verification is not result:  # another check meanwhile
                return
            image, count = found
            self.page_count = count
            self.page_index = max(0, min(index, count - 1)) if count else 0
            if image.isNull():
                self.page_caption.setText(self.tr("归档文档没有可显示的页面"))
            else:
                self.page_view.setPixmap(QPixmap.fromImage(image))
                self.page_caption.setText(self.tr("归档的 {number} {version}：第 {page} 页 共 {count} 页").format(
                    number=archived.number, version=archived.version, page=self.page_index + 1, count=count))
            self._nav()

        ops.run(self, self.gctx, archived_page, archived.content, index, on_done=done, quiet=True)

    def _turn(self, step: int) -> None:
        target = self.page_index + step
        if 0 <= target < self.page_count:
            self._show_page(target)

    def _nav(self) -> None:
        self.prev_button.setEnabled(self.page_count > 0 and self.page_index > 0)
        self.next_button.setEnabled(self.page_index + 1 < self.page_count)

    # ---------------------------------------------------------------- the archived document
    def show_archived(self) -> None:
        """The archived document itself: its own model in the preview, else the file opened
        by the system (a private temporary copy)."""
        archived = getattr(self.verification, "archived", None)
        if archived is None:
            return
        model = archived.model()
        if model is not None:
            # lazy: the preview (QtPrintSupport, relgui.render), ~100 ms, kept off the start-up path
            from relgui.gui import docview

            docview.preview(self, model)
            return
        import tempfile
        from pathlib import Path

        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        suffix = ".pdf" if archived.format == "pdf" else ".docx"
        folder = Path(tempfile.mkdtemp(prefix="relgui-"))
        # The document's name in words (发布计划), not its key (plan): it is the title Word shows.
        title = pick(DOCUMENT_NAMES.get(archived.kind, (archived.kind, archived.kind)), self.gctx.lang)
        name = safe_filename(f"{archived.number} {title} {archived.version}{suffix}", folder=folder)
        path = write_private(folder / name, archived.content)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            ops.tell(self, self.tr("无法打开"), self.tr("系统没有可以打开该文件的程序。文件已保存在：{path}").format(path=path))


def open_verify_document(parent: QWidget | None, gctx) -> VerifyDocumentDialog:
    """文档 → 核验…: modeless, so the paper and the archive can be looked at side by side."""
    dialog = VerifyDocumentDialog(gctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
