"""The display list of relgui.documents.pages on Qt's paint devices, and the PDF face.

    layout(model)                 Pages, measured with the fonts installed here
    render_pdf(model)             (PDF bytes, Pages): PDF/A-1b, deterministic, relgui data inside
    pdf_from_pages(pages, ...)    the same from a display list (an archived one)
    paint_page(painter, pages, i, dpi)   one page on any QPainter (PDF writer, printer, image)
    page_image(pages, i, dpi)     a QImage of one page (the preview)
    print_pages(pages, printer)   every page on a QPrinter, A4, each in its orientation

Fonts (R-DOC-FORM): each face of the company form is the first installed of its list, Latin
text first in a Latin face as Word does with w:ascii / w:eastAsia:

    face       Windows (Chinese)          here (Debian, fonts-noto-cjk)
    仿宋 body   Times New Roman + FangSong  Noto Serif CJK SC (its own Latin)
    宋体 tables Times New Roman + SimSun    Noto Serif CJK SC
    黑体 heads  Arial + SimHei              Noto Sans CJK SC
    楷体 subtitle Times New Roman + KaiTi   Noto Serif CJK SC

``fonts()`` says what was found. Everything here works off the GUI thread (QPdfWriter, QImage
and QPainter are usable in any thread once the application exists; tests/test_documents_pdf.py
renders in a QThreadPool worker), so the GUI renders in a worker and only shows the result.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import uuid
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QHashSeed, QIODevice, QMarginsF, QPointF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QRawFont,
)

from relgui.documents import pages as P
from relgui.documents import pdffile
from relgui.documents.model import DocModel
from relgui.fsutil import write_private

LATIN = {"serif": ["Times New Roman", "Liberation Serif", "Tinos"], "sans": ["Arial", "Liberation Sans", "Arimo"]}
CJK = {
    "fangsong": ["FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC",
                 "Source Han Serif SC", "SimSun"],
    "song": ["SimSun", "宋体", "NSimSun", "STSong", "Noto Serif CJK SC", "Source Han Serif SC"],
    "hei": ["SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei"],
    "kai": ["KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "Noto Serif CJK SC", "Source Han Serif SC"],
}
LATIN_OF = {"fangsong": "serif", "song": "serif", "kai": "serif", "hei": "sans"}
REFERENCE_PX = 1000  # characters are measured at this pixel size, unhinted, and scaled linearly
PDF_DPI = 1200       # the PDF writer's device pixels per inch (text sizes exact to 0.3 %)

_app: Any = None
_lock = threading.Lock()


class Unavailable(RuntimeError):
    """No Qt application can be had here (Qt missing, or a non-GUI application exists)."""


def ensure_app() -> QGuiApplication:
    """The running Qt application, or one made for rendering alone (relgui-admin, a service
    archiving outside the GUI): a QApplication when widgets can be had (a later widget in the
    same process needs one), on the offscreen platform on Linux and other X11/Wayland systems."""
    global _app
    app = QCoreApplication.instance()
    if app is None:
        if threading.current_thread() is not threading.main_thread():
            raise Unavailable("a Qt application must first exist on the main thread")
        if sys.platform not in ("win32", "darwin"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # nothing is shown: no display needed
        try:
            from PySide6.QtWidgets import QApplication

            app = QApplication([sys.argv[0] if sys.argv else "relgui"])
        except ImportError:  # pragma: no cover - PySide6-Essentials has widgets
            app = QGuiApplication([sys.argv[0] if sys.argv else "relgui"])
        _app = app
    if not isinstance(app, QGuiApplication):
        raise Unavailable("the running Qt application has no GUI (fonts)")
    return app


# ---------------------------------------------------------------- fonts and metrics
_families: dict[str, list[str]] = {}


def families(face: str) -> list[str]:
    """The installed fonts a face uses, Latin first (cached for the process)."""
    found = _families.get(face)
    if found is None:
        ensure_app()
        latin = next((f for f in LATIN[LATIN_OF.get(face, "serif")] if QFontDatabase.hasFamily(f)), None)
        cjk = next((f for f in CJK.get(face, CJK["song"]) if QFontDatabase.hasFamily(f)), None)
        found = [f for f in (latin, cjk) if f] or list(CJK.get(face, CJK["song"]))
        _families[face] = found
    return found


def fonts() -> dict[str, str]:
    """face → the fonts it resolves to here (recorded in each display list)."""
    return {face: ", ".join(families(face)) for face in CJK}


def qfont(face: str, bold: bool) -> QFont:
    f = QFont()
    f.setFamilies(families(face))
    f.setBold(bold)
    f.setKerning(False)  # advances add up exactly; Word does not kern CJK either
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # No ligatures or kerning (advances add up exactly), and no 'locl': in the Noto CJK fonts it
    # swaps digits after a Latin letter for glyphs that have no code point, so Qt's ToUnicode map
    # had nothing for them and "FB-2026-0001" was extracted as "FB--" (the SC fonts draw their
    # own forms without it).
    for tag in ("liga", "clig", "kern", "locl"):
        f.setFeature(QFont.Tag(tag), 0)
    return f


class QtMetrics:
    """Character advances from Qt's fonts (with Qt's own fallback for characters a face lacks),
    measured once per character at REFERENCE_PX, unhinted."""

    _shared: dict[tuple[str, bool], dict[str, float]] = {}

    def __init__(self) -> None:
        self._local = threading.local()

    def _fm(self, face: str, bold: bool) -> QFontMetricsF:
        cache = self._local.__dict__.setdefault("fm", {})
        fm = cache.get((face, bold))
        if fm is None:
            f = qfont(face, bold)
            f.setPixelSize(REFERENCE_PX)
            fm = cache[(face, bold)] = QFontMetricsF(f)
        return fm

    def em(self, face: str, bold: bool, ch: str) -> float:
        table = self._shared.setdefault((face, bold), {})
        w = table.get(ch)
        if w is None:
            w = table[ch] = self._fm(face, bold).horizontalAdvance(ch) / REFERENCE_PX
        return w


_metrics: QtMetrics | None = None


def metrics() -> QtMetrics:
    global _metrics
    ensure_app()
    if _metrics is None:
        _metrics = QtMetrics()
    return _metrics


def layout(model: DocModel) -> P.Pages:
    return P.layout(model, metrics(), fonts())


# ---------------------------------------------------------------- painting
def _page_layout(page: P.Page) -> QPageLayout:
    orient = QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orient, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


class _Paint:
    """Paints the items of a display list in device pixels (``dpi`` per inch). Text is drawn
    unscaled with the font at its point size on the device: Qt rounds a font's pixel size to a
    whole pixel, so a 10.5 pt font on a 72 dpi device would print at 11 pt (4.8 % wider); at
    1200 dpi (the PDF writer) the rounding is below 0.3 %."""

    def __init__(self, pages: P.Pages, painter: QPainter, dpi: float):
        self.pages, self.p, self.s = pages, painter, dpi / 72.0
        self.dpi = dpi
        self.fonts: dict[tuple, Any] = {}  # fonts per style, and the QR code's path
        here = fonts()
        self.fit = bool(pages.fonts) and any(pages.fonts.get(f) not in (None, here[f]) for f in here)

    def font(self, style: str, spacing: float = 0.0) -> QFont:
        f = self.fonts.get((style, spacing))
        if f is None:
            st = self.pages.styles.get(style) or P.STYLES["body"]
            f = qfont(st.face, st.bold)
            f.setPointSizeF(st.size * 72.0 / self.p.device().logicalDpiY() * self.dpi / 72.0)
            if spacing:  # a justified line: every advance widened by the same share
                f.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
            self.fonts[(style, spacing)] = f
        return f

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        s = self.s
        return QRectF(x * s, y * s, w * s, h * s)

    def page(self, page: P.Page) -> None:
        p, s = self.p, self.s
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        thin = QPen(QColor("black"), P.BORDER * s)
        thin.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        for item in page.items:
            kind = item[0]
            if kind == "t":
                self.text(item)
            elif kind == "r":
                _, x, y, w, h, fill, stroke = item
                rect = self.rect(x, y, w, h)
                if fill:
                    p.fillRect(rect, QColor(fill))
                if stroke:
                    p.setPen(thin if stroke == P.BORDER else QPen(QColor("black"), stroke * s))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRect(rect)
            elif kind == "l":
                _, x1, y1, x2, y2, width, dotted = item
                pen = QPen(QColor("black"), width * s)
                if dotted:
                    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                    pen.setDashPattern([0.01, 3.0])
                p.setPen(pen)
                p.drawLine(QPointF(x1 * s, y1 * s), QPointF(x2 * s, y2 * s))
            elif kind == "q":
                self.qr(item)
            elif kind == "w":
                self.watermark(item)
        p.restore()

    def text(self, item: tuple) -> None:
        _, x, y, width, style, text, spacing = item
        if not text:
            return
        p, s = self.p, self.s
        p.setFont(self.font(style, spacing))
        p.setPen(QColor("#a00000") if style == "header_mark" else QColor("black"))
        if self.fit:  # laid out with other fonts: squeeze what would overrun its place
            st = self.pages.styles.get(style) or P.STYLES["body"]
            m = metrics()
            natural = sum(m.em(st.face, st.bold, c) for c in text) * st.size
            last = m.em(st.face, st.bold, text[-1]) * st.size
            drawn = natural + (natural - last) * (spacing / 100.0 - 1.0 if spacing else 0.0)
            if drawn > width * 1.002 + 0.5 and drawn > 0:
                p.save()
                p.translate(x * s, y * s)
                p.scale(width / drawn, 1.0)
                p.drawText(QPointF(0, 0), text)
                p.restore()
                return
        p.drawText(QPointF(x * s, y * s), text)

    def qr(self, item: tuple) -> None:
        _, x, y, size = item
        matrix = self.pages.qr
        if not matrix:
            return
        key = ("qr", size)
        path = self.fonts.get(key)  # the same code on every page: its path built once
        if path is None:
            n = len(matrix) + 8  # four modules of quiet zone on each side
            m = size / n
            path = QPainterPath()
            for r, row in enumerate(matrix):
                c = 0
                while c < len(row):
                    if row[c] == "1":
                        start = c
                        while c < len(row) and row[c] == "1":
                            c += 1
                        path.addRect(self.rect((start + 4) * m, (r + 4) * m, (c - start) * m, m))
                    else:
                        c += 1
            path.setFillRule(Qt.FillRule.WindingFill)
            self.fonts[key] = path
        p = self.p
        p.fillRect(self.rect(x, y, size, size), QColor("white"))
        p.save()
        p.translate(x * self.s, y * self.s)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillPath(path, QBrush(QColor("black")))
        p.restore()

    def watermark(self, item: tuple) -> None:
        _, cx, cy, angle, text, color = item
        st = self.pages.styles.get("watermark") or P.STYLES["watermark"]
        f = qfont(st.face, True)
        f.setPixelSize(REFERENCE_PX)
        path = QPainterPath()
        path.addText(QPointF(0, 0), f, text)  # outlines: no text in the PDF's text layer
        box = path.boundingRect()
        p, k = self.p, st.size * self.s / REFERENCE_PX
        p.save()
        p.translate(cx * self.s, cy * self.s)
        p.rotate(angle)
        p.scale(k, k)
        p.translate(-box.center().x(), -box.center().y())
        p.fillPath(path, QBrush(QColor(color)))
        p.restore()


def paint_page(painter: QPainter, pages: P.Pages, index: int, dpi: float) -> None:
    """Page ``index`` on a painter whose device has ``dpi`` logical dots per inch, its origin
    at the paper's top-left corner."""
    _Paint(pages, painter, dpi).page(pages.pages[index])


def page_image(pages: P.Pages, index: int, dpi: float = 96.0) -> QImage:
    """One page as an image (the preview): white paper, the same display list."""
    page = pages.pages[index]
    img = QImage(int(round(page.width * dpi / 72)), int(round(page.height * dpi / 72)), QImage.Format.Format_RGB32)
    dpm = int(round(dpi / 0.0254))
    img.setDotsPerMeterX(dpm)
    img.setDotsPerMeterY(dpm)
    img.fill(QColor("white"))
    painter = QPainter(img)
    try:
        _Paint(pages, painter, dpi).page(page)
    finally:
        painter.end()
    return img


def print_pages(pages: P.Pages, printer, progress=None) -> int:
    """Replay the display list on a QPrinter (full page, A4, each page in its orientation)."""
    printer.setFullPage(True)
    printer.setPageLayout(_page_layout(pages.pages[0]))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        paint = _Paint(pages, painter, printer.logicalDpiY())
        for i, page in enumerate(pages.pages):
            if i:
                printer.setPageLayout(_page_layout(page))
                printer.newPage()
            paint.page(page)
            if progress is not None and progress(i + 1) is False:
                break
    finally:
        painter.end()
    if printer.outputFormat() == printer.OutputFormat.PdfFormat and printer.outputFileName():
        _fix_printed_pdf(printer.outputFileName(), pages)
    return len(pages.pages)


def _chars(pages: P.Pages) -> set[str]:
    return {c for p in pages.pages for item in p.items if item[0] == "t" for c in item[5]}


def _fix_printed_pdf(path: str, pages: P.Pages) -> None:
    """Printing to a PDF file (the print dialog's 'print to file'): the same text fix as the
    archived face, so the printout's text is as searchable (written back in place, 0600)."""
    from pathlib import Path

    try:
        data = Path(path).read_bytes()
        write_private(path, pdffile.fix_text_layer(data, radical_map(_chars(pages))))
    except (OSError, ValueError):  # a file Qt wrote in a form this does not read: left as printed
        pass


# ---------------------------------------------------------------- the PDF face
_IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_RADICALS = "".join(chr(c) for lo, hi in pdffile.RADICALS for c in range(lo, hi + 1))
_radical_glyphs: dict[str, dict[int, str]] = {}


def radical_map(chars: set[str]) -> dict[str, str]:
    """Radical → the ideograph drawn with the same glyph in one of the CJK fonts in use."""
    cands = sorted(c for c in chars if any(lo <= ord(c) <= hi for lo, hi in _IDEOGRAPHS))
    out: dict[str, str] = {}
    if not cands:
        return out
    for family in dict.fromkeys(f for face in CJK for f in families(face)):
        table = _radical_glyphs.get(family)
        if table is None:
            raw = QRawFont.fromFont(QFont(family))
            table = {}
            if raw.isValid():
                for r, g in zip(_RADICALS, raw.glyphIndexesForString(_RADICALS)):
                    if g:
                        table.setdefault(g, r)
            _radical_glyphs[family] = table
        if not table:
            continue
        raw = QRawFont.fromFont(QFont(family))
        for c, g in zip(cands, raw.glyphIndexesForString("".join(cands))):
            radical = table.get(g)
            if radical and radical not in out:
                out[radical] = c
    return out


def _uuid(pages: P.Pages, model_json: str) -> QUuid:
    digest = hashlib.sha256(model_json.encode("utf-8")).hexdigest()
    return QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:relgui:document:{digest}")))


def pdf_from_pages(pages: P.Pages, model_json: str, properties: dict[str, str]) -> bytes:
    """Write the display list as PDF/A-1b through QPdfWriter, then fix the text layer, the
    dates and embed relgui's data (relgui.documents.pdffile.finish)."""
    ensure_app()
    ident = pages.identity
    # Qt writes its fonts in the order of a QHash: with the global seed fixed, the same pages
    # give the same bytes in every process (set before the writer makes its hashes).
    QHashSeed.setDeterministicGlobalSeed()
    buf = QBuffer()
    buf.setData(QByteArray())
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"{ident['number']} {ident['title']} {ident['doc_title']}")
    writer.setAuthor(ident["company"])
    writer.setCreator("relgui")
    writer.setDocumentId(_uuid(pages, model_json))
    writer.setPageLayout(_page_layout(pages.pages[0]))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("QPdfWriter could not start")
    try:
        paint = _Paint(pages, painter, float(PDF_DPI))
        for i, page in enumerate(pages.pages):
            if i:
                writer.setPageLayout(_page_layout(page))
                writer.newPage()
            paint.page(page)
    finally:
        painter.end()
    del writer
    buf.close()
    raw = bytes(buf.data().data())  # QByteArray.data(): bytes at run time, typed as any buffer
    chars = _chars(pages)
    outline = [(item[1], item[4], n, item[3]) for n, p in enumerate(pages.pages) for item in p.items
               if item[0] == "h"]
    data = {"identity": ident, "properties": properties, "model": model_json, "pages": pages.to_json()}
    return pdffile.finish(raw, stamp=ident.get("time", ""), radicals=radical_map(chars), relgui=data,
                          outline=outline)


def properties(model: DocModel) -> dict[str, str]:
    """The .docx face's relgui.* properties, so both faces identify themselves alike."""
    basis = model.basis
    chain = basis.get("chain") or {}
    return {"kind": model.kind, "number": model.number, "revision": str(basis.get("revision") or ""),
            "as_of": str(basis.get("as_of") or ""), "profile": str(basis.get("profile") or ""),
            "content_sha256": model.digest(), "version": P.version(model),
            "chain_seq": str(chain.get("seq") or ""), "chain_hash": str(chain.get("hash") or "")}


def render_pdf(model: DocModel) -> tuple[bytes, P.Pages]:
    """The model's PDF face and its pages (laid out here, then written)."""
    pages = layout(model)
    return pdf_from_pages(pages, model.to_json(), properties(model)), pages


def pages_of_pdf(data: bytes) -> P.Pages | None:
    """The display list a relgui PDF carries (None for another PDF): print and preview an
    archived document from exactly the pages that were archived."""
    found = pdffile.embedded(data)
    return P.Pages.from_json(found["pages"]) if found and found.get("pages") else None
