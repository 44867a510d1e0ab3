"""Document model → Qt: print preview, printing and PDF (issue 6, R-DOC-FORM).

The same model the .docx is written from is laid out in a QTextDocument on A4 with the
company header (company, title, 文件编号) and the footer 第 X 页 共 Y 页 painted on every
page; table header rows repeat on each page, and the contents list the page of each
heading. Qt's layout is not Word's: the file that is archived and reprinted byte for byte is
the .docx (relgui.services.documents.archived); this is its on-screen and PDF rendering.

    preview(parent, model)            modal QPrintPreviewDialog
    print_document(parent, model)     the system print dialog, then print
    export_pdf(model, path)           A4 PDF through QPdfWriter; returns the page count
"""

from __future__ import annotations


from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QTextBlockFormat,
    QTextCharFormat, QTextCursor, QTextDocument, QTextFormat, QTextFrameFormat, QTextLength, QTextOption,
    QTextTableCellFormat, QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from relgui.documents.layout import column_widths
from relgui.documents.model import (
    Contents, DocModel, Heading, KeyValue, PageBreak, Paragraph, SignatureBlock, Table, lines,
)


# Latin text in a Latin face first, as Word does with w:ascii and w:eastAsia; Qt takes each
# character from the first family that has it. (With the CJK faces first, Qt's PDF output
# also lost digits in copied text.)
SERIF = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]
SANS = ["Arial", "Liberation Sans", "DejaVu Sans"]
FANGSONG = [*SERIF, "FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun"]
SONG = [*SERIF, "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC"]
HEI = [*SANS, "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei"]
KAI = [*SERIF, "KaiTi", "楷体", *FANGSONG[3:]]
# style: (faces, points, bold, alignment, first-line indent in characters, space before, after in pt)
STYLES = {
    "body": (FANGSONG, 14, False, Qt.AlignJustify, 2, 0, 4), "plain": (FANGSONG, 14, False, Qt.AlignLeft, 0, 0, 0),
    "label": (FANGSONG, 14, True, Qt.AlignLeft, 0, 4, 2), "note": (FANGSONG, 10.5, False, Qt.AlignLeft, 0, 2, 2),
    "company": (HEI, 16, False, Qt.AlignHCenter, 0, 60, 6), "title": (HEI, 26, False, Qt.AlignHCenter, 0, 24, 12),
    "subtitle": (KAI, 16, False, Qt.AlignHCenter, 0, 0, 24), "caption": (HEI, 10.5, False, Qt.AlignHCenter, 0, 6, 3),
    "h1": (HEI, 16, False, Qt.AlignLeft, 0, 14, 6), "h2": (HEI, 14, False, Qt.AlignLeft, 0, 10, 6),
    "h3": (FANGSONG, 14, True, Qt.AlignLeft, 0, 6, 6), "toc_heading": (HEI, 16, False, Qt.AlignHCenter, 0, 12, 12),
    "toc": (FANGSONG, 14, False, Qt.AlignLeft, 0, 2, 2), "cell": (SONG, 10.5, False, Qt.AlignLeft, 0, 0, 0),
    "cell_head": (HEI, 10.5, False, Qt.AlignHCenter, 0, 0, 0),
}
LABEL_FILL = QColor("#f2f2f2")
TOC_STATE = 1_000_000  # userState of a contents line: TOC_STATE + index of its heading
TOC_TITLE = 2 * TOC_STATE


MM = 1 / 25.4          # inches per millimetre
BODY_MARGINS_MM = (28, 37, 26, 35)  # left, top, right, bottom: GB/T 9704, as the .docx template
BAND_MM = 15           # header and footer sit this far from the paper's edge


def _char(style: str) -> QTextCharFormat:
    faces, points, bold, *_ = STYLES[style]
    f = QTextCharFormat()
    f.setFontFamilies(faces)
    f.setFontPointSize(points)
    f.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return f


def _block(style: str, px: float) -> QTextBlockFormat:
    """Block format; lengths in QTextDocument are device pixels, ``px`` per point."""
    _faces, points, _bold, align, indent, before, after = STYLES[style]
    b = QTextBlockFormat()
    b.setAlignment(align)
    b.setTextIndent(indent * points * px)
    b.setTopMargin(before * px)
    b.setBottomMargin(after * px)
    return b


class _Builder:
    def __init__(self, model: DocModel, px: float, width: float):
        self.px, self.width = px, width
        self.doc = QTextDocument()
        self.doc.setDocumentMargin(0)
        self.cursor = QTextCursor(self.doc)
        self.reuse = True  # the next paragraph fills the current empty block (start, after a table)
        self.break_before = False
        self.headings = model.headings()
        self.next_heading = 0

    def para(self, style: str, text: str, state: int = -1) -> None:
        fmt = _block(style, self.px)
        if self.break_before:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            self.break_before = False
        if self.reuse:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(_char(style))
            self.reuse = False
        else:
            self.cursor.insertBlock(fmt, _char(style))
        self.cursor.block().setUserState(state)
        self.cursor.insertText(text, _char(style))

    def table(self, columns: list[str] | None, rows: list[list[str]], labels: tuple[int, ...] = (),
              widths: list[int] | None = None) -> None:
        n_cols = len(columns) if columns else len(rows[0])
        body = ([columns] if columns else []) + rows
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(1 if columns else 0)
        fmt.setCellPadding(2.5 * self.px)
        fmt.setCellSpacing(0)
        fmt.setBorder(max(0.5 * self.px, 1))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        widths = widths or column_widths(tuple(columns), rows, 10_000)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w * 100 / sum(widths))
                                       for w in widths])
        table = self.cursor.insertTable(len(body), n_cols, fmt)
        for r, row in enumerate(body):
            for c in range(n_cols):
                head = (columns and r == 0) or c in labels
                cell = table.cellAt(r, c)
                if head:
                    cf = QTextTableCellFormat()
                    cf.setBackground(QBrush(LABEL_FILL))
                    cell.setFormat(cf)
                cur = cell.firstCursorPosition()
                style = "cell_head" if head else "cell"
                cur.setBlockFormat(_block(style, self.px))
                for i, line in enumerate((row[c] if c < len(row) else "").split("\n")):
                    if i:
                        cur.insertBlock(_block(style, self.px), _char(style))
                    cur.insertText(line, _char(style))
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.reuse = True

    def heading(self, b: Heading) -> None:
        self.para(f"h{min(b.level, 3)}", b.full, self.next_heading)
        self.next_heading += 1

    def contents(self, b: Contents) -> None:
        self.para("toc_heading", b.title, TOC_TITLE)
        for i, h in enumerate(self.headings):
            fmt = _block("toc", self.px)
            indent = 14 * 2 * (h.level - 1) * self.px
            fmt.setLeftMargin(indent)
            # Right-aligned page number. Qt scales tab stops from 96 dpi to the device again.
            stop = (self.width - indent - 2 * self.px) / (self.px * 72 / 96)
            fmt.setTabPositions([QTextOption.Tab(stop, QTextOption.TabType.RightTab)])
            self.cursor.insertBlock(fmt, _char("toc"))
            self.cursor.block().setUserState(TOC_STATE + i)
            self.cursor.insertText(h.full, _char("toc"))

    def add(self, block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.para(block.style if block.style in STYLES else "body", block.text)
        elif isinstance(block, Table):
            self.table(list(block.columns), [list(r) for r in block.rows])
        elif isinstance(block, (KeyValue, SignatureBlock)):
            kv = block if isinstance(block, KeyValue) else KeyValue(block.pairs(), per_row=2)
            share = [28, 72] if kv.per_row == 1 else [16, 34] * kv.per_row
            self.table(None, kv.rows(), tuple(range(0, 2 * kv.per_row, 2)), share)
        elif isinstance(block, Contents):
            self.contents(block)
        elif isinstance(block, PageBreak):
            self.break_before = True


def _geometry(device: QPagedPaintDevice) -> tuple[QRectF, float]:
    """The body rectangle on the device's page (A4, GB/T 9704 margins) and its dots per inch."""
    device.setPageLayout(_page_layout())
    dpi = device.logicalDpiY()
    paper = device.pageLayout().paintRectPixels(device.resolution())
    top = (BODY_MARGINS_MM[1] - BAND_MM) * MM * dpi
    bottom = (BODY_MARGINS_MM[3] - BAND_MM) * MM * dpi
    return QRectF(0, top, paper.width(), paper.height() - top - bottom), dpi


def to_document(model: DocModel, device: QPagedPaintDevice | None = None) -> QTextDocument:
    """The model as a QTextDocument, paginated for ``device`` (a printer or PDF writer; by
    default a 96-dpi A4 page, enough for showing it or reading its text)."""
    return _layout(model, device)[0]


def _layout(model: DocModel, device: QPagedPaintDevice | None) -> tuple[QTextDocument, QRectF, float]:
    if device is None:
        body, dpi = QRectF(0, 0, (210 - 54) * MM * 96, (297 - 72) * MM * 96), 96.0
    else:
        body, dpi = _geometry(device)
    b = _Builder(model, dpi / 72, body.width())
    if device is not None:
        b.doc.documentLayout().setPaintDevice(device)
    b.doc.setPageSize(QSizeF(body.width(), body.height()))
    for part in model.parts:
        for block in part.blocks:
            b.add(block)
    doc = b.doc
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"{model.number} {model.doc_title}")
    doc.setProperty("relgui_header", f"{model.company}\t{model.doc_title}\t文件编号：{model.number}")
    _fill_contents(doc, body.height())
    return doc, body, dpi


def text_lines(doc: QTextDocument) -> list[str]:
    """The comparable lines of a laid-out document, contents excluded (as in the .docx)."""
    out, block = [], doc.begin()
    while block.isValid():
        if block.userState() < TOC_STATE:
            out.extend(lines(block.text()))
        block = block.next()
    return out


def _page_layout() -> QPageLayout:
    """A4 with margins that leave a band for the header and the footer."""
    left, _top, right, _bottom = BODY_MARGINS_MM
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(left, BAND_MM, right, BAND_MM), QPageLayout.Unit.Millimeter)


def _fill_contents(doc: QTextDocument, page_height: float) -> None:
    """Write each heading's page number at the end of its contents line (same line, so the
    pagination does not move)."""
    pages, block = {}, doc.begin()
    while block.isValid():
        state = block.userState()
        if 0 <= state < TOC_STATE:
            y = doc.documentLayout().blockBoundingRect(block).top()
            pages[state] = int(y // page_height) + 1
        block = block.next()
    block = doc.begin()
    while block.isValid():
        state = block.userState()
        if state >= TOC_STATE and (state - TOC_STATE) in pages and "\t" not in block.text():
            cur = QTextCursor(block)
            cur.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cur.insertText(f"\t{pages[state - TOC_STATE]}")
        block = block.next()


def paint(model: DocModel, device: QPagedPaintDevice) -> int:
    """Lay the model out on the device's pages and paint them with header and footer."""
    doc, body, dpi = _layout(model, device)
    count = doc.pageCount()
    header = str(doc.property("relgui_header") or "").split("\t")
    painter = QPainter(device)
    try:
        for i in range(count):
            if i:
                device.newPage()
            _page(painter, doc, body, i, count, header, dpi)
    finally:
        painter.end()
    return count


def _page(painter: QPainter, doc: QTextDocument, body: QRectF, i: int, count: int,
          header: list[str], dpi: float) -> None:
    painter.save()
    painter.translate(body.left(), body.top() - i * body.height())
    doc.drawContents(painter, QRectF(0, i * body.height(), body.width(), body.height()))
    painter.restore()
    font = QFont(SONG[0])
    font.setFamilies(SONG)
    font.setPointSizeF(9)
    painter.setFont(font)
    line_y = body.top() - 4 * MM * dpi
    band = QRectF(0, line_y - 6 * MM * dpi, body.width(), 6 * MM * dpi)
    for text, align in zip(header, (Qt.AlignLeft, Qt.AlignHCenter, Qt.AlignRight)):
        painter.drawText(band, int(align | Qt.AlignBottom), text)
    painter.drawLine(QPointF(0, line_y), QPointF(body.width(), line_y))
    foot = QRectF(0, body.bottom() + 6 * MM * dpi, body.width(), 6 * MM * dpi)
    painter.drawText(foot, int(Qt.AlignHCenter | Qt.AlignTop), f"第 {i + 1} 页 共 {count} 页")


def make_preview(parent, model: DocModel) -> QPrintPreviewDialog:
    """The preview dialog, not yet shown (tests drive it; preview() shows it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"{model.number} {model.doc_title}")
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"{model.doc_title} — {model.number}")
    dialog.paintRequested.connect(lambda p: paint(model, p))
    dialog._relgui_printer = printer  # keep it alive as long as the dialog
    return dialog


def preview(parent, model: DocModel) -> int:
    return make_preview(parent, model).exec()


def print_document(parent, model: DocModel, printer: QPrinter | None = None) -> bool:
    """Print through the system dialog; with ``printer`` given, print there without asking."""
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{model.number} {model.doc_title}")
        if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
            return False
    paint(model, printer)
    return True


def export_pdf(model: DocModel, path: str) -> int:
    """Write an A4 PDF (0600, relgui.fsutil: Qt writes into a private temporary file that then
    takes the name); returns the number of pages."""
    from relgui.fsutil import private_output

    with private_output(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(300)
        writer.setTitle(f"{model.number} {model.title} {model.doc_title}")
        writer.setCreator("relgui")
        pages = paint(model, writer)
        del writer  # the PDF is finished and closed when the writer goes
    return pages
