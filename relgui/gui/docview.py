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
    QTextCharFormat, QTextCursor, QTextDocument, QTextFormat, QTextLength, QTextOption, QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from relgui.documents.layout import column_widths
from relgui.documents.model import (
    Contents, DocModel, Heading, KeyValue, PageBreak, Paragraph, SignatureBlock, Table, lines,
)

FANGSONG = ["FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "serif"]
SONG = ["SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", "serif"]
HEI = ["SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "sans-serif"]
KAI = ["KaiTi", "楷体", *FANGSONG]
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


def _block(style: str) -> QTextBlockFormat:
    _faces, points, _bold, align, indent, before, after = STYLES[style]
    b = QTextBlockFormat()
    b.setAlignment(align)
    b.setTextIndent(indent * points)
    b.setTopMargin(before)
    b.setBottomMargin(after)
    return b


class _Builder:
    def __init__(self, model: DocModel):
        self.doc = QTextDocument()
        self.doc.setDocumentMargin(0)
        self.cursor = QTextCursor(self.doc)
        self.first = True
        self.break_before = False
        self.headings = model.headings()
        self.next_heading = 0

    def para(self, style: str, text: str, state: int = -1) -> None:
        fmt = _block(style)
        if self.break_before:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            self.break_before = False
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(_char(style))
            self.first = False
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
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setBorder(0.5)
        fmt.setBorderStyle(QTextFrameFormatStyle.Solid)
        fmt.setBorderCollapse(True)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        widths = widths or column_widths(tuple(columns), rows, 10_000)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w * 100 / sum(widths))
                                       for w in widths])
        self.para("plain", "")  # the table goes after this block; Qt needs one to anchor it
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
                cur.setBlockFormat(_block(style))
                for i, line in enumerate((row[c] if c < len(row) else "").split("\n")):
                    if i:
                        cur.insertBlock(_block(style), _char(style))
                    cur.insertText(line, _char(style))
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def heading(self, b: Heading) -> None:
        self.para(f"h{min(b.level, 3)}", b.full, self.next_heading)
        self.next_heading += 1

    def contents(self, b: Contents) -> None:
        self.para("toc_heading", b.title)
        for i, h in enumerate(self.headings):
            fmt = _block("toc")
            fmt.setLeftMargin(14 * 2 * (h.level - 1))
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


class QTextFrameFormatStyle:  # the enum's path differs between PySide6 versions
    from PySide6.QtGui import QTextFrameFormat as _F

    Solid = _F.BorderStyle.BorderStyle_Solid


def to_document(model: DocModel) -> QTextDocument:
    b = _Builder(model)
    for part in model.parts:
        for block in part.blocks:
            b.add(block)
    doc = b.doc
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"{model.number} {model.doc_title}")
    doc.setProperty("relgui_header", f"{model.company}\t{model.doc_title}\t文件编号：{model.number}")
    return doc


def text_lines(doc: QTextDocument) -> list[str]:
    """The comparable lines of a laid-out document, contents excluded (as in the .docx)."""
    out, block = [], doc.begin()
    while block.isValid():
        if block.userState() < TOC_STATE:
            out.extend(lines(block.text()))
        block = block.next()
    return out
