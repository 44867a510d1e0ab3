"""What a reader sees in a PDF face, and how it compares with the archived one (R-DOC-SIGN,
R-4.4.2-ARCHIVE).

A PDF is read as it is *drawn*, never as it describes itself: relgui's embedded data (the
identity, the model, the display list: relgui.documents.pdffile) can be kept by a forger who
changes the drawn text, so it only says which archived document to hold the file against.
PDFium (pypdfium2: BSD-3-Clause/Apache-2.0, binary wheels for Windows, carried by the
PyInstaller bundle through the hooks-contrib hook) reads each page:

- every glyph drawn: its character, its origin (pt from the page's top-left corner), its
  size, and what hides it or changes how it reads — render mode 3 or 7 (invisible, clip only)
  or no opacity (*hidden*), a fill colour near the page or a label cell's grey (*colour*), a
  size under 4 pt (*tiny*), glyphs squeezed to under half their width (*scaled*), an origin off
  the page (*clipped*);
- every graphic: paths (the table rules, the watermark, the QR code), images (with the
  SHA-256 of their decoded pixels), shadings and annotations, each with its box and paint;
- the QR code's modules where every relgui page has it (the footer's right corner), as a
  coarse bitmap of the rendered code, so a code replaced by another path or a picture differs.

``content(data)`` gives a ``PdfContent`` (a ``compare.Content``: its units are the drawn lines,
part by part, for the generic comparison). ``PdfContent.compare(found)`` holds a file against
this face as the archive: glyph by glyph at its place (0.6 pt), graphic by graphic; pages are
aligned first, so a removed or added page is one change. Each difference is named from the
archived face's own display list (trusted: it is the archive's bytes): the page, the part
(page header, body, contents, footer), the section heading it falls under and, in a table, the
table, row and column with the column's header or the row's label. A file saved again by
another tool (qpdf, pikepdf, pypdf, a printer driver writing the same pages) that draws the
same text at the same places compares equal: "same content, different package".
"""

from __future__ import annotations

import bisect
import ctypes
import difflib
import functools
import hashlib
import operator
import re
from dataclasses import dataclass, field
from typing import Any

from relgui.documents import pages as P
from relgui.documents import pdffile
from relgui.documents.compare import Change, Content, Unit, differences, mark, token

TOLERANCE = 0.6          # pt: a glyph or a graphic at most this far from the archive's is in its place
TINY_PT = 4.0            # smaller than anything relgui prints (9 pt)
SQUEEZED = 0.5           # a glyph drawn at less than half its width
BACKGROUNDS = ((255, 255, 255), (0xF2, 0xF2, 0xF2))  # the paper, a label cell
NEAR = 40                # a colour within this (per channel) of a background is not seen
QR_GRID = 64             # the QR code's box read as QR_GRID × QR_GRID cells
QR_DIFFER = 0.04         # more cells than this differing: another code
DRAFT_MARKS = ("【草稿", "草稿·未")
KINDS = {"发布计划": "plan", "发布变更报告": "report"}


class PdfUnreadable(ValueError):
    pass


_NONE: frozenset[str] = frozenset()


# ---------------------------------------------------------------- what is drawn
@dataclass(frozen=True)
class Glyph:
    char: str
    x: float                 # origin, pt from the page's left edge
    y: float                 # baseline, pt from the page's top edge
    size: float              # pt
    flags: frozenset[str] = frozenset()
    gap: bool = False        # the reader saw a space before it (a gap on the line)


@dataclass(frozen=True)
class Graphic:
    kind: str                               # path | image | shading | annotation | form
    box: tuple[float, float, float, float]  # left, top, right, bottom (pt from the top-left corner)
    paint: str                              # fill and stroke colours; an annotation's subtype
    digest: str = ""                        # an image: SHA-256 of its decoded pixels


@dataclass(frozen=True)
class PageFace:
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    graphics: tuple[Graphic, ...]
    qr: bytes = b""                         # the QR corner as QR_GRID² cells (1 = dark)

    def body_key(self) -> tuple:
        """What a page is, to align pages: its body glyphs at their places (header and footer
        repeat, and page numbers are what a removed page changes)."""
        top, bottom = _zones(self.width, self.height)
        return tuple((g.char, round(g.x), round(g.y)) for g in self.glyphs if top <= g.y <= bottom)


@dataclass(frozen=True)
class PdfContent(Content):
    pages: tuple[PageFace, ...] = ()
    layout: str = field(default="", repr=False)   # the display list the file carries (JSON), for naming

    def compare(self, found: Content) -> list[Change]:
        """Every difference of ``found`` from this face (the archive): see the module's text."""
        if not isinstance(found, PdfContent):
            return differences(self, found)
        return _compare(self, found)


def _zones(width: float, height: float) -> tuple[float, float]:
    """(top, bottom) of the body on a relgui page of this size: above is the page header, below
    the footer."""
    g = P.LANDSCAPE if width > height else P.PORTRAIT
    return g.top - 2.0, g.top + g.body_h + 2.0


def _qr_box(width: float, height: float) -> tuple[float, float, float]:
    """(x, y, size) of the QR code on a relgui page (relgui.documents.pages._furnish)."""
    g = P.LANDSCAPE if width > height else P.PORTRAIT
    size = P.QR_MM * P.MM
    return g.left + g.body_w - size, g.top + g.body_h + 4 * P.MM, size


# ---------------------------------------------------------------- reading with PDFium
def _pdfium():
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:  # pragma: no cover - a dependency of relgui
        raise PdfUnreadable(f"no PDF reader installed: {exc}") from None
    return pdfium, raw


def _colour(getter, obj) -> tuple[int, int, int, int] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return None
    return r.value, g.value, b.value, a.value


def _hex(c: tuple[int, int, int, int] | None) -> str:
    return "" if c is None else "#{:02x}{:02x}{:02x}{:02x}".format(*c)


def _near_background(c: tuple[int, int, int, int] | None) -> bool:
    if c is None:
        return False
    r, g, b, a = c
    if a < 40:
        return True
    if r < 255 - NEAR - 13 and g < 255 - NEAR - 13 and b < 255 - NEAR - 13:  # dark: no background is near
        return False
    return any(abs(r - br) <= NEAR and abs(g - bg) <= NEAR and abs(b - bb) <= NEAR for br, bg, bb in BACKGROUNDS)


def _glyphs(raw, page, height: float, width: float) -> list[Glyph]:
    tp = raw.FPDFText_LoadPage(page)
    if not tp:
        return []
    try:
        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        buf = (ctypes.c_ushort * (n + 1))()
        raw.FPDFText_GetText(tp, 0, n, buf)
        text = bytes(buf)[:2 * n].decode("utf-16-le", "replace")
        m = raw.FS_MATRIX()
        rgba = tuple(ctypes.c_uint() for _ in range(4))
        get_matrix, get_size, get_object = raw.FPDFText_GetMatrix, raw.FPDFText_GetFontSize, raw.FPDFText_GetTextObject
        get_mode = raw.FPDFTextObj_GetTextRenderMode
        out: list[Glyph] = []
        gap = False
        for k, ch in enumerate(text[:n]):
            if ch.isspace() or ch in "\ufffe\uffff":  # spaces (drawn or the reader's own) and line ends
                gap = True
                continue
            get_matrix(tp, k, m)  # the glyph's matrix: its origin is (e, f)
            sx, sy = (m.a * m.a + m.b * m.b) ** 0.5, (m.c * m.c + m.d * m.d) ** 0.5
            size = get_size(tp, k) * sy
            obj = get_object(tp, k)
            mode = get_mode(obj) if obj else 0
            flags = set()
            if mode in (3, 7):
                flags.add("hidden")
            else:
                seen = _char_colour(raw, tp, k, mode in (1, 5), rgba)
                if seen is not None and seen[3] == 0:
                    flags.add("hidden")
                elif _near_background(seen):
                    flags.add("colour")
            if size < TINY_PT:
                flags.add("tiny")
            if sy > 0 and sx / sy < SQUEEZED:
                flags.add("scaled")
            gx, gy = m.e, height - m.f
            if not (-1 <= gx <= width + 1 and -1 <= gy <= height + 1):
                flags.add("clipped")
            out.append(Glyph(ch, round(gx, 2), round(gy, 2), round(size, 2), frozenset(flags) if flags else _NONE,
                             gap))
            gap = False
        return out
    finally:
        raw.FPDFText_ClosePage(tp)


def _char_colour(raw, tp, k: int, stroke: bool, rgba: tuple) -> tuple[int, int, int, int] | None:
    r, g, b, a = rgba
    getter = raw.FPDFText_GetStrokeColor if stroke else raw.FPDFText_GetFillColor
    if not getter(tp, k, r, g, b, a):
        return None
    return r.value, g.value, b.value, a.value


def _graphics(raw, page, height: float) -> list[Graphic]:
    out: list[Graphic] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()

    def box(obj, matrix) -> tuple[float, float, float, float]:
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        pts = [(left.value, bottom.value), (right.value, top.value), (left.value, top.value),
               (right.value, bottom.value)]
        if matrix is not None:
            a, b, c, d, e, f = matrix
            pts = [(a * px + c * py + e, b * px + d * py + f) for px, py in pts]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return (round(min(xs), 2), round(height - max(ys), 2), round(max(xs), 2), round(height - min(ys), 2))

    def walk(count: int, get, matrix, depth: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
                paint = []
                if fill_mode.value:
                    paint.append("fill" + _hex(_colour(raw.FPDFPageObj_GetFillColor, obj)))
                if stroke.value:
                    paint.append("stroke" + _hex(_colour(raw.FPDFPageObj_GetStrokeColor, obj)))
                if paint:  # a path neither filled nor stroked draws nothing (a clip)
                    out.append(Graphic("path", box(obj, matrix), " ".join(paint)))
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                n = raw.FPDFImageObj_GetImageDataDecoded(obj, None, 0)
                data = b""
                if n > 0:
                    buf = (ctypes.c_ubyte * n)()
                    raw.FPDFImageObj_GetImageDataDecoded(obj, buf, n)
                    data = bytes(buf)
                out.append(Graphic("image", box(obj, matrix), "", hashlib.sha256(data).hexdigest()))
            elif kind == raw.FPDF_PAGEOBJ_SHADING:
                out.append(Graphic("shading", box(obj, matrix), ""))
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                m = raw.FS_MATRIX()
                raw.FPDFPageObj_GetMatrix(obj, m)
                inner = (m.a, m.b, m.c, m.d, m.e, m.f)
                if matrix is not None:  # the form's matrix, then the enclosing one
                    a, b, c, d, e, f = matrix
                    inner = (inner[0] * a + inner[1] * c, inner[0] * b + inner[1] * d,
                             inner[2] * a + inner[3] * c, inner[2] * b + inner[3] * d,
                             inner[4] * a + inner[5] * c + e, inner[4] * b + inner[5] * d + f)
                walk(raw.FPDFFormObj_CountObjects(obj), functools.partial(raw.FPDFFormObj_GetObject, obj),
                     inner, depth + 1)

    walk(raw.FPDFPage_CountObjects(page), functools.partial(raw.FPDFPage_GetObject, page), None, 0)
    for i in range(raw.FPDFPage_GetAnnotCount(page)):  # Qt writes none: any is an addition
        annot = raw.FPDFPage_GetAnnot(page, i)
        try:
            rect = raw.FS_RECTF()
            raw.FPDFAnnot_GetRect(annot, rect)
            sub = raw.FPDFAnnot_GetSubtype(annot)
            out.append(Graphic("annotation", (round(rect.left, 2), round(height - rect.top, 2), round(rect.right, 2),
                                              round(height - rect.bottom, 2)), f"subtype{sub}"))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _qr_cells(pdf_page, width: float, height: float) -> bytes:
    """The QR corner rendered and read as QR_GRID × QR_GRID cells, 1 where dark."""
    x, y, size = _qr_box(width, height)
    scale = QR_GRID * 4 / size
    try:
        bitmap = pdf_page.render(scale=scale, crop=(x, height - y - size, width - x - size, y), grayscale=True)
    except Exception:  # noqa: BLE001 - a page PDFium cannot render has no code to read
        return b""
    try:
        buf = bitmap.buffer
        w, h, stride = bitmap.width, bitmap.height, bitmap.stride
        data = bytes(buf)
    finally:
        bitmap.close()
    if w < QR_GRID or h < QR_GRID:
        return b""
    pick = operator.itemgetter(*(min(w - 1, int((c + 0.5) * w / QR_GRID)) for c in range(QR_GRID)))
    dark = bytes(1 if v < 128 else 0 for v in range(256))
    out = bytearray()
    for r in range(QR_GRID):
        py = min(h - 1, int((r + 0.5) * h / QR_GRID))
        out += bytes(pick(data[py * stride:py * stride + w])).translate(dark)
    return bytes(out)


def _read(data: bytes) -> tuple[PageFace, ...]:
    pdfium, raw = _pdfium()
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - PdfiumError and its kin: an unreadable file
        raise PdfUnreadable(f"not a readable PDF: {exc}") from None
    try:
        faces = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_size()
                glyphs = _glyphs(raw, page.raw, height, width)
                graphics = _graphics(raw, page.raw, height)
                faces.append(PageFace(round(width, 2), round(height, 2), tuple(glyphs), tuple(graphics),
                                      _qr_cells(page, width, height)))
            finally:
                page.close()
        return tuple(faces)
    finally:
        pdf.close()


# ---------------------------------------------------------------- lines, identity
def _lines(glyphs: tuple[Glyph, ...] | list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline (within 1.5 pt), each line left to right, top to bottom."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(rows[-1][0].y - g.y) <= 1.5:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [sorted(r, key=lambda g: g.x) for r in rows]


def text_of(glyphs, lines: bool = True) -> str:
    """Glyphs as text: lines joined by a newline, a space where the reader saw a gap, what
    hides a glyph as a mark (⟦colour:…⟧)."""
    out = []
    for row in (_lines(glyphs) if lines else [sorted(glyphs, key=lambda g: (g.y, g.x))]):
        parts: list[tuple[frozenset[str], str]] = []
        for i, g in enumerate(row):
            piece = (" " if g.gap and i else "") + g.char
            if parts and parts[-1][0] == g.flags:
                parts[-1] = (g.flags, parts[-1][1] + piece)
            else:
                parts.append((g.flags, piece))
        out.append("".join(mark(set(f), t) for f, t in parts))
    return "\n".join(out)


def _identity(pages: tuple[PageFace, ...], embedded: dict | None) -> dict[str, str]:
    """Which document the file says it is: the drawn page header (文件编号, 版本, the title, the
    draft mark), and relgui's embedded identity where the file still carries it."""
    drawn: dict[str, str] = {}
    if pages:
        first = pages[0]
        top, _ = _zones(first.width, first.height)
        head = [text_of(row, False) for row in _lines([g for g in first.glyphs if g.y < top and not g.flags])]
        joined = " ".join(head)
        m = re.search(r"文件编号[：:]\s*(\S+?)\s*版本[：:]\s*(\S+)", joined)
        if m:
            drawn["number"], drawn["version"] = m.group(1), m.group(2)
        for title, kind in sorted(KINDS.items(), key=lambda kv: -len(kv[0])):
            if title in joined.replace(" ", ""):
                drawn["kind"] = kind
                break
        if any(d in joined for d in DRAFT_MARKS):
            drawn["version"] = "草稿"
        _, bottom = _zones(first.width, first.height)
        foot = "".join(g.char for g in sorted((g for g in first.glyphs if g.y > bottom and not g.flags),
                                              key=lambda g: (round(g.y), g.x)))
        code = re.search(r"([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})", foot)  # the page code (核验码)
        if code:
            drawn["code"] = code.group(1)
    ident = (embedded or {}).get("identity") if isinstance(embedded, dict) else None
    out: dict[str, str] = {}
    if isinstance(ident, dict) and ident.get("number") and ident.get("kind"):
        out = {"kind": str(ident.get("kind", "")), "number": str(ident.get("number", "")),
               "version": str(ident.get("version", "")), "as_of": str(ident.get("as_of", "")),
               "content_sha256": str(ident.get("sha256", "")), "generated": "1"}
        if not ident.get("final", True):
            out["version"] = "草稿"
    elif drawn.get("number") and drawn.get("kind"):
        out = {**drawn, "generated": "1"}
    if out and drawn.get("version") == "草稿":  # a page that says draft is a draft, whatever the data says
        out["version"] = "草稿"
    if drawn:
        out["drawn_number"], out["drawn_version"] = drawn.get("number", ""), drawn.get("version", "")
        out.setdefault("code", drawn.get("code", ""))
    return out


def _units(pages: tuple[PageFace, ...]) -> tuple[Unit, ...]:
    units = []
    for face in pages:
        top, bottom = _zones(face.width, face.height)
        for row in _lines(face.glyphs):
            y = row[0].y
            part = "header" if y < top else "footer" if y > bottom else "body"
            units.append(Unit(part, text_of(row, False)))
    return tuple(units)


def content(data: bytes) -> PdfContent:
    """What a reader sees in a PDF: its pages' glyphs, graphics and QR corner, its drawn lines
    as units, and the identity it shows (ValueError: not a readable PDF)."""
    if not data.startswith(b"%PDF-"):
        raise PdfUnreadable("not a PDF file")

    try:
        embedded = pdffile.embedded(data)
    except ValueError:
        embedded = None
    pages = _read(data)
    layout = embedded.get("pages", "") if isinstance(embedded, dict) else ""
    return PdfContent("pdf", _units(pages), _identity(pages, embedded), False, pages,
                      layout if isinstance(layout, str) else "")


# ---------------------------------------------------------------- naming a place from the archive's pages
@dataclass
class _Slot:
    key: tuple
    part: str
    section: str
    cell: tuple[int, int, int] | None = None
    label: str = ""
    box: tuple[float, float, float, float] | None = None   # left, top, right, bottom
    order: tuple = ()
    section_at: tuple[int, float] | None = None  # (page, y) whose section is looked up when first asked


class _Places:
    """The archived face's display list as places: its text lines, table cells (numbered as
    tables, rows, columns across pages), headings and page parts."""

    def __init__(self, layout_json: str):
        self.pages: list[Any] = []
        self.cells: list[list[_Slot]] = []
        self.lines: list[list[tuple[_Slot, tuple]]] = []
        self.headings: list[tuple[int, float, str]] = []
        self.toc_title = "目录"
        try:
            pages = P.Pages.from_json(layout_json) if layout_json else None
        except (ValueError, KeyError, TypeError, IndexError):
            pages = None
        if pages is None:
            return
        self.pages = pages.pages
        self._tables(pages)
        for n, page in enumerate(pages.pages):
            for item in page.items:
                if item[0] == "h":
                    self.headings.append((n, float(item[3]), str(item[4])))
                elif item[0] == "t" and item[4] == "toc_heading":
                    self.toc_title = item[5]
        self.headings.sort()
        for n, page in enumerate(pages.pages):
            found = []
            for k, item in enumerate(page.items):
                if item[0] != "t" or self.cell_at(n, item[1] + 0.5, item[2] - 1.0) is not None:
                    continue
                _, x, y, w, style, _text, _sp = item
                part = {"header": "header", "header_mark": "header", "footer": "footer", "toc": "contents",
                        "toc_heading": "contents"}.get(style, "body")
                slot = _Slot(("item", n, k), part, self.section(n, y, part), None, "",
                             (x - 1.0, y - 1.5, x + w + 1.0, y + 1.5), (n, y, x))
                found.append((slot, item))
            self.lines.append(found)

    def _tables(self, pages: P.Pages) -> None:
        """Table cells from the rectangles: a row is the cells sharing a top; rows that touch
        make a table; a table at a page's top whose first row repeats the header of the table
        before goes on with that table (its rows numbered on)."""
        table, row_no, head = 0, 0, None
        for n, page in enumerate(pages.pages):
            rows: list[list[tuple]] = []
            for r in (i for i in page.items if i[0] == "r"):
                if rows and abs(rows[-1][0][2] - r[2]) < 0.05:
                    rows[-1].append(r)
                else:
                    rows.append([r])
            texts = [i for i in page.items if i[0] == "t"]
            slots: list[_Slot] = []
            for i, row in enumerate(rows):
                top = row[0][2]
                cell_texts = ["".join(t[5] for t in texts if _inside(t, rr)) for rr in row]
                is_header = len(row) > 1 and all(rr[5] for rr in row)
                if not (i > 0 and abs(rows[i - 1][0][2] + rows[i - 1][0][4] - top) < 0.1):  # a table starts
                    if i == 0 and is_header and head is not None and cell_texts == head:
                        continue  # the header repeated on a new page: the table goes on
                    table, row_no = table + 1, 0
                    head = cell_texts if is_header else None
                row_no += 1
                for c, rr in enumerate(row, 1):
                    label = ""
                    if not rr[5]:  # a value cell: its label on the left, else its column's header
                        if c > 1 and row[c - 2][5]:
                            label = cell_texts[c - 2]
                        elif head is not None and len(head) == len(row):
                            label = head[c - 1]
                    slots.append(_Slot(("cell", table, row_no, c), "body", "", (table, row_no, c), label,
                                       (rr[1], rr[2], rr[1] + rr[3], rr[2] + rr[4]), (n, rr[2], rr[1]), (n, top)))
            self.cells.append(slots)

    def section(self, n: int, y: float, part: str = "body") -> str:
        if part in ("header", "footer"):
            return ""
        if part == "contents":
            return self.toc_title
        at = bisect.bisect_right(self.headings, (n, y + 1.0, "\uffff"))
        return self.headings[at - 1][2] if at else "文件信息"

    def cell_at(self, n: int, x: float, y: float) -> _Slot | None:
        if n >= len(self.cells):
            return None
        for s in self.cells[n]:
            if s.box is None:  # none stored here; only slot()'s passing ones have no box
                continue
            left, top, right, bottom = s.box
            if left <= x <= right and top <= y <= bottom:
                if s.section_at is not None:
                    s.section, s.section_at = self.section(*s.section_at), None
                return s
        return None

    def line_at(self, n: int, x: float, y: float) -> _Slot | None:
        if n >= len(self.lines):
            return None
        best = None
        for slot, _item in self.lines[n]:
            if slot.box is None:  # none stored here; only slot()'s passing ones have no box
                continue
            left, top, right, bottom = slot.box
            if top <= y <= bottom:
                if left <= x <= right:
                    return slot
                if best is None or min(abs(x - left), abs(x - right)) < best[0]:
                    best = (min(abs(x - left), abs(x - right)), slot)
        return best[1] if best else None

    def slot(self, n: int, g: Glyph, width: float, height: float) -> _Slot:
        """Where a glyph drawn on page n (of the archive's numbering) falls."""
        s = self.cell_at(n, g.x + 0.3, g.y - 0.3 * g.size) or self.line_at(n, g.x, g.y)
        if s is not None:
            return s
        top, bottom = _zones(width, height)
        part = "header" if g.y < top else "footer" if g.y > bottom else "body"
        y = round(g.y)
        return _Slot(("line", n, y), part, self.section(n, g.y, part), None, "", None, (n, g.y, g.x))


def _inside(t: tuple, r: tuple) -> bool:
    return r[1] <= t[1] <= r[1] + r[3] and r[2] <= t[2] <= r[2] + r[4]


def _keyvalue(row: list[tuple]) -> bool:
    return len(row) >= 2 and bool(row[0][5]) and not row[1][5]


@functools.lru_cache(maxsize=8)
def _places(layout_json: str) -> _Places:
    return _Places(layout_json)


# ---------------------------------------------------------------- the comparison
def _match(a: list[Glyph], b: list[Glyph]) -> tuple[list[Glyph], list[Glyph], list[tuple[Glyph, Glyph]]]:
    """(a's unmatched, b's unmatched, pairs): a glyph matches one of the same character, size
    and marks within TOLERANCE of its place."""
    index: dict[tuple, list[Glyph]] = {}
    for g in a:
        index.setdefault((g.char, g.flags, round(g.y)), []).append(g)
    used: set[int] = set()
    pairs, extra = [], []
    for g in b:
        hit = None
        for dy in (0, -1, 1):
            for r in index.get((g.char, g.flags, round(g.y) + dy), ()):
                if id(r) not in used and abs(r.x - g.x) <= TOLERANCE and abs(r.y - g.y) <= TOLERANCE \
                        and abs(r.size - g.size) <= 0.3:
                    hit = r
                    break
            if hit:
                break
        if hit is None:
            extra.append(g)
        else:
            used.add(id(hit))
            pairs.append((hit, g))
    return [g for g in a if id(g) not in used], extra, pairs


def _close(a: Graphic, b: Graphic) -> bool:
    return (a.kind == b.kind and a.paint == b.paint and a.digest == b.digest
            and all(abs(p - q) <= TOLERANCE * 2 for p, q in zip(a.box, b.box)))


def _graphic_changes(a: tuple[Graphic, ...], b: tuple[Graphic, ...]) -> tuple[list[Graphic], list[Graphic]]:
    left = list(a)
    extra = []
    for g in b:
        k = next((i for i, r in enumerate(left) if _close(r, g)), None)
        if k is None:
            extra.append(g)
        else:
            left.pop(k)
    return left, extra


def _qr_differs(a: bytes, b: bytes) -> bool:
    if not a and not b:
        return False
    if len(a) != len(b):
        return True
    return sum(x != y for x, y in zip(a, b)) > QR_DIFFER * len(a)


def _shown_graphic(g: Graphic) -> str:
    if g.kind == "image":
        return token("image", g.digest[:12])
    if g.kind == "annotation":
        return token("object", g.paint)
    return token("shape", f"{g.box[2] - g.box[0]:.0f}×{g.box[3] - g.box[1]:.0f}pt")


def _compare(ref: PdfContent, found: PdfContent) -> list[Change]:
    places = _places(ref.layout)
    a_keys = [p.body_key() for p in ref.pages]
    b_keys = [p.body_key() for p in found.pages]
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs = list(zip(range(i1, i2), range(j1, j2)))
            missing, extra = [], []
        elif tag == "replace":
            k = min(i2 - i1, j2 - j1)
            pairs = list(zip(range(i1, i1 + k), range(j1, j1 + k)))
            missing, extra = list(range(i1 + k, i2)), list(range(j1 + k, j2))
        else:
            pairs, missing, extra = [], list(range(i1, i2)), list(range(j1, j2))
        for i, j in pairs:
            out += _page_changes(places, i, ref.pages[i], found.pages[j], j)
        for i in missing:
            face = ref.pages[i]
            out.append(Change("body", places.section(i, 0.0), None, "", _page_summary(face, i), None, i + 1))
        for j in extra:
            face = found.pages[j]
            at = min(j, max(len(ref.pages) - 1, 0))
            out.append(Change("body", places.section(at, face.height), None, "", None, _page_summary(face, j), j + 1))
    return out


def _page_summary(face: PageFace, index: int) -> str:
    top, bottom = _zones(face.width, face.height)
    body = [g for g in face.glyphs if top <= g.y <= bottom]
    first = text_of(body).split("\n")[0] if body else ""
    return f"第 {index + 1} 页：{first[:40]}…" if first else f"第 {index + 1} 页"


def _page_changes(places: _Places, n: int, a: PageFace, b: PageFace, shown_page: int) -> list[Change]:
    """The differences on one page pair (n: the archive's page index)."""
    out: list[Change] = []
    lost, extra, _pairs = _match(list(a.glyphs), list(b.glyphs))
    if lost or extra:
        slots: dict[tuple, _Slot] = {}
        touched: set[tuple] = set()
        for g in lost:
            s = places.slot(n, g, a.width, a.height)
            slots.setdefault(s.key, s)
            touched.add(s.key)
        for g in extra:
            s = places.slot(n, g, a.width, a.height)
            slots.setdefault(s.key, s)
            touched.add(s.key)
        by_slot_a: dict[tuple, list[Glyph]] = {}
        by_slot_b: dict[tuple, list[Glyph]] = {}
        for g in a.glyphs:
            s = places.slot(n, g, a.width, a.height)
            if s.key in touched:
                by_slot_a.setdefault(s.key, []).append(g)
        for g in b.glyphs:
            s = places.slot(n, g, a.width, a.height)
            if s.key in touched:
                by_slot_b.setdefault(s.key, []).append(g)
        for key in sorted(touched, key=lambda k: slots[k].order):
            s = slots[key]
            want, got = by_slot_a.get(key, []), by_slot_b.get(key, [])
            expected = text_of(want) if want or s.cell else None
            seen = text_of(got) if got or s.cell else None
            if expected is not None and expected == seen:
                seen = mark({"moved"}, seen) if seen else seen  # the same text, drawn elsewhere
            out.append(Change(s.part, s.section, s.cell, s.label, expected, seen, n + 1))
    lost_g, extra_g = _graphic_changes(a.graphics, b.graphics)
    for graphic, is_lost in [(x, True) for x in lost_g] + [(x, False) for x in extra_g]:
        cx, cy = (graphic.box[0] + graphic.box[2]) / 2, (graphic.box[1] + graphic.box[3]) / 2
        s = places.cell_at(n, cx, cy) or places.slot(n, Glyph("", cx, cy, 0.0), a.width, a.height)
        shown = _shown_graphic(graphic)
        out.append(Change(s.part, s.section, s.cell, s.label, shown if is_lost else None,
                          None if is_lost else shown, n + 1))
    if _qr_differs(a.qr, b.qr):
        _, bottom = _zones(a.width, a.height)
        out.append(Change("footer", "", None, "qr", token("shape", "QR"), token("image", "QR"), n + 1))
    return out
