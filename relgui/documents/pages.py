"""The PDF face of a document: fixed pages laid out from the DocModel, as a display list.

One engine makes the pages that are archived as PDF, printed and shown in the preview, so the
three are the same pages by construction (relgui.render paints a display list on a PDF
writer, a printer or an image; this module decides where everything goes). It needs no Qt:
the widths of characters come from a ``Metrics`` (relgui.render.qt measures them with Qt's
fonts; tests can measure with a table).

The page is the company's form (R-DOC-FORM): A4, GB/T 9704 margins (top 37, bottom 35, left
28, right 26 mm), body 仿宋 四号 at 1.5 lines, headings 黑体, tables 宋体 五号 — the sizes and
spacing of resources/templates/relgui.docx. Rules:

- a heading, a table caption and a label are kept with what follows them (never last on a
  page); a paragraph leaves at least two lines on each page it spans;
- table columns are as wide as their content asks: short values (numbers, names, times) keep
  one line, long texts share what is left and wrap inside their cells; no column is narrower
  than its longest unbreakable word (capped) and never narrower than two characters;
- the header row of a table repeats on each page; a row moves to the next page whole unless
  it is taller than a page, and only then is it split;
- a table whose narrowest columns do not fit the portrait width goes on landscape pages
  (wrapping first, turning the page only when wrapping cannot help);
- the contents carry the real page numbers (two passes; the number slot has a fixed width, so
  the second pass cannot move anything);
- every page: company, title, 文件编号 and 版本 in the header, 第 X 页 共 Y 页, a short
  content code and a QR code (number, version, SHA-256 of the content, audit chain head) in
  the footer; a document that is not final (plan not approved, report not closed) carries
  草稿 in the header and a diagonal 草稿 DRAFT watermark on every page.

The display list is plain data (``Pages.to_json``): the PDF embeds it, so an archived
document prints and previews from exactly the pages that were archived.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import quote, unquote

from relgui.documents.model import (
    Contents,
    DocModel,
    Heading,
    KeyValue,
    PageBreak,
    Paragraph,
    Part,
    SignatureBlock,
    Table,
)

FORMAT = "relgui-pages/1"
MM = 72 / 25.4                      # points per millimetre
A4 = (round(210 * MM, 2), round(297 * MM, 2))
MARGINS_MM = (37, 35, 28, 26)       # top, bottom, left, right (GB/T 9704, as the .docx template)
SINGLE = 1.3                        # a single line is 1.3 × the font size (as Word sets 宋体/仿宋)
LABEL_FILL = "#f2f2f2"
BORDER = 0.5                        # pt, table rules (w:sz="4")
PAD_X, PAD_Y = 4.25, 2.0            # cell margins in pt (85 twips left/right)
SHORT_EM = 10                       # a column whose longest value is at most this many characters wide keeps one line
WORD_CAP_EM = 8                     # longer unbreakable words (codes, URLs) may break inside a narrow column
MIN_COLUMN_EM = 2                   # no column narrower than two characters of its text
TOC_SLOT = 30.0                     # pt reserved for a page number in the contents
WATERMARK = "草稿 DRAFT"
WATERMARK_COLOR = "#f0b4b4"         # opaque (PDF/A-1 has no transparency), under the text; light grey on a mono printer
QR_MM = 22
EPS = 0.01


@dataclass(frozen=True)
class Style:
    face: str               # fangsong | song | hei | kai (relgui.render.qt maps them to installed fonts)
    size: float             # pt
    bold: bool = False
    align: str = "left"     # left | center | justify
    indent: float = 0.0     # first-line indent, in characters
    before: float = 0.0     # pt
    after: float = 0.0      # pt
    spacing: float = 1.0    # multiple of a single line
    keep: bool = False      # kept with what follows

    @property
    def line(self) -> float:
        return round(self.size * SINGLE * self.spacing, 3)


# The template's styles (scripts/make_template.py): sizes, spacing, alignment, keep-with-next.
STYLES: dict[str, Style] = {
    "body": Style("fangsong", 14, align="justify", indent=2, spacing=1.5),
    "plain": Style("fangsong", 14, spacing=1.5),
    "label": Style("fangsong", 14, bold=True, before=6, spacing=1.5, keep=True),
    "note": Style("fangsong", 10.5, spacing=1.25, before=1, after=1),
    "company": Style("hei", 16, align="center", before=60, after=6),
    "title": Style("hei", 26, align="center", before=24, after=12),
    "subtitle": Style("kai", 16, align="center", after=24),
    "caption": Style("hei", 10.5, align="center", before=6, after=3, keep=True),
    "h1": Style("hei", 16, before=14, after=6, spacing=1.5, keep=True),
    "h2": Style("hei", 14, before=10, after=6, spacing=1.5, keep=True),
    "h3": Style("fangsong", 14, bold=True, before=6, after=6, spacing=1.5, keep=True),
    "toc_heading": Style("hei", 16, align="center", before=12, after=12),
    "toc": Style("fangsong", 14, spacing=1.25),
    "cell": Style("song", 10.5, spacing=1.083),
    "cell_head": Style("hei", 10.5, align="center", spacing=1.083),
    "header": Style("song", 9),
    "header_mark": Style("hei", 9),
    "footer": Style("song", 9),
    "watermark": Style("hei", 80),
}


class Metrics(Protocol):
    def em(self, face: str, bold: bool, ch: str) -> float:
        """The advance of one character in ems (1.0 for a CJK ideograph in most faces)."""


class TableMetrics:
    """Metrics without fonts: wide (CJK) characters 1 em, others 0.55 em. For tests and tools."""

    def em(self, face: str, bold: bool, ch: str) -> float:
        return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


# ---------------------------------------------------------------- the display list
# Items are tuples, the first element their kind (JSON arrays in the file):
#   ("t", x, baseline, width, style, text, spacing)   a line of text; spacing: 0, or the letter
#        spacing in per cent of each character's advance that justifies the line (Qt's PercentageSpacing)
#   ("r", x, y, w, h, fill, stroke)                          a rectangle ("" = no fill; stroke in pt, 0 = none)
#   ("l", x1, y1, x2, y2, width, dotted)                      a rule (dotted 1: the contents' leaders)
#   ("q", x, y, size)                                          the document's QR code
#   ("w", cx, cy, angle, text, color)                          the draft watermark (painted first)
#   ("h", level, index, y, text)                               a heading placed here (outline, contents)
# Coordinates are points from the page's top-left corner, rounded to 0.01 pt.


@dataclass
class Page:
    width: float
    height: float
    items: list[tuple] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class Pages:
    pages: list[Page]
    identity: dict[str, Any]                # number, kind, version, final, sha256, chain, code, qr
    qr: list[str] = field(default_factory=list)   # the QR matrix, one string of 0/1 per row
    styles: dict[str, Style] = field(default_factory=lambda: dict(STYLES))
    fonts: dict[str, str] = field(default_factory=dict)  # face → the fonts it resolved to when laid out

    def __len__(self) -> int:
        return len(self.pages)

    def to_json(self) -> str:
        data = {"format": FORMAT, "identity": self.identity, "qr": self.qr, "fonts": self.fonts,
                "styles": {k: [s.face, s.size, s.bold] for k, s in sorted(self.styles.items())},
                "pages": [{"size": [p.width, p.height], "items": [list(i) for i in p.items]} for p in self.pages]}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @staticmethod
    def from_json(text: str) -> Pages:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"not a relgui page list: {str(data.get('format'))[:40]}")
        styles = dict(STYLES)
        for k, (face, size, bold) in data.get("styles", {}).items():
            styles[k] = replace(styles.get(k, Style(face, size)), face=face, size=size, bold=bold)
        pages = [Page(p["size"][0], p["size"][1], [tuple(i) for i in p["items"]]) for p in data["pages"]]
        return Pages(pages, data["identity"], data.get("qr", []), styles, data.get("fonts", {}))

    def texts(self, page: int | None = None, styles: tuple[str, ...] | None = None) -> list[str]:
        """The text items of one page (or all), optionally only those of some styles."""
        chosen = self.pages if page is None else [self.pages[page]]
        return [i[5] for p in chosen for i in p.items if i[0] == "t" and (styles is None or i[4] in styles)]

    def heading_pages(self) -> dict[int, int]:
        """Heading index (in DocModel.headings() order) → page number (1-based)."""
        return {i[2]: n for n, p in enumerate(self.pages, 1) for i in p.items if i[0] == "h"}


# ---------------------------------------------------------------- what a document is
def is_final(model: DocModel) -> bool:
    """A plan with an approval that holds, a report with its closing signature that holds; every
    other document is a draft and printed as one."""
    meaning = "批准" if model.kind == "plan" else "关闭"
    return any(isinstance(b, SignatureBlock) and b.meaning == meaning and b.state == "有效"
               for part in model.parts for b in part.blocks)


def version(model: DocModel) -> str:
    """The 版本 the document prints in its header table (V1, V2 … or 草稿)."""
    return model.version


def short_code(sha256: str) -> str:
    """The content code printed on every page: the first 12 hex digits of the content's SHA-256."""
    h = sha256[:12].upper()
    return f"{h[:4]}-{h[4:8]}-{h[8:12]}"


QR_PREFIX = "relgui-doc:1"


def qr_payload(identity: dict[str, Any]) -> str:
    """What the QR code holds: number, kind, version, content SHA-256 and the audit chain head
    (sequence and hash) when the document was generated. ASCII, ';'-separated, %-escaped."""
    chain = identity.get("chain") or {}
    head = f"{chain['seq']}:{chain['hash']}" if chain.get("hash") else "-"
    ver = identity["version"] if identity["version"].isascii() else "draft"
    fields = [("number", identity["number"]), ("kind", identity["kind"]), ("version", ver),
              ("state", "final" if identity["final"] else "draft"), ("sha256", identity["sha256"]),
              ("chain", head)]
    return ";".join([QR_PREFIX, *(f"{k}={quote(str(v), safe='-_.:')}" for k, v in fields)])


def parse_qr_payload(text: str) -> dict[str, str]:
    """The fields of a scanned relgui QR code (ValueError when it is not one)."""
    head, *rest = text.split(";")
    if head != QR_PREFIX:
        raise ValueError("not a relgui document code")
    out = {}
    for item in rest:
        key, _, value = item.partition("=")
        out[key] = unquote(value)
    return out


def identity(model: DocModel) -> dict[str, Any]:
    sha = model.digest()
    chain = model.basis.get("chain") or {}
    ident = {"number": model.number, "doc_number": model.doc_number, "kind": model.kind, "title": model.title,
             "doc_title": model.doc_title,
             "company": model.company, "version": version(model) or "草稿", "final": is_final(model),
             "sha256": sha, "code": short_code(sha), "time": str(model.basis.get("time") or ""),
             "revision": model.basis.get("revision"), "as_of": str(model.basis.get("as_of") or ""),
             "chain": {"seq": int(chain.get("seq") or 0), "hash": str(chain.get("hash") or "")}}
    ident["qr"] = qr_payload(ident)
    return ident


def qr_matrix(payload: str) -> list[str]:
    import segno  # pure Python, MIT; imported when a document is laid out

    code = segno.make(payload, error="m", micro=False)
    return ["".join("1" if m else "0" for m in row) for row in code.matrix]


# ---------------------------------------------------------------- measuring and breaking text
NO_START = set("，。、；：？！）》」』】〕〗〉”’…‥·・%,.;:?!)]}>—～ー々")
NO_END = set("（《「『【〔〖〈“‘([{<")


_GROUP = re.compile(r"[(（][^()（）\n]{1,6}[)）]")  # "(分钟)": a short bracketed group is never broken


def _no_break(text: str) -> set[int]:
    """Positions before which a line may not break because they are inside a short group."""
    if "(" not in text and "（" not in text:
        return set()
    return {i for m in _GROUP.finditer(text) for i in range(m.start() + 1, m.end())}


def _wide(ch: str, _cache: dict[str, bool] = {}) -> bool:  # noqa: B006 - a deliberate cache
    w = _cache.get(ch)
    if w is None:
        w = _cache[ch] = unicodedata.east_asian_width(ch) in "WF"
    return w


def _can_break(prev: str, cur: str) -> bool:
    """May a line end between ``prev`` and ``cur``? After a space; between wide characters
    except before closing or after opening punctuation (禁则); never inside a Latin word."""
    if cur == " " or cur in NO_START or prev in NO_END:
        return False
    if prev == " ":
        return True
    return _wide(prev) or _wide(cur)


class Measure:
    """Widths of text in a style, from the metrics' per-character advances (cached)."""

    def __init__(self, metrics: Metrics, styles: dict[str, Style] = STYLES):
        self.metrics, self.styles = metrics, styles
        self._em: dict[tuple[str, bool], dict[str, float]] = {}

    def table(self, style: Style) -> dict[str, float]:
        return self._em.setdefault((style.face, style.bold), {})

    def adv(self, table: dict[str, float], style: Style, ch: str) -> float:
        w = table.get(ch)
        if w is None:
            w = table[ch] = float(self.metrics.em(style.face, style.bold, ch))
        return w

    def width(self, text: str, style: Style) -> float:
        t = self.table(style)
        return sum(t[c] if c in t else self.adv(t, style, c) for c in text) * style.size

    def wrap(self, text: str, style: Style, width: float, first: float = 0.0) -> list[tuple[str, float]]:
        """Lines of ``text`` that fit ``width`` (the first line ``first`` pt narrower): (text, width)."""
        out: list[tuple[str, float]] = []
        size, t = style.size, self.table(style)
        for raw in text.split("\n"):
            s = raw.replace("\t", "    ")
            start, x, limit, brk, at_brk = 0, 0.0, (width - first) / size, -1, 0.0
            i, n = 0, len(s)
            keep = _no_break(s)
            while i < n:
                c = s[i]
                if i > start and _can_break(s[i - 1], c) and i not in keep:
                    brk, at_brk = i, x
                cw = t[c] if c in t else self.adv(t, style, c)
                if x + cw > limit + EPS and i > start and c != " ":
                    cut = brk if brk > start else i
                    line = s[start:cut].rstrip(" ")
                    out.append((line, self.width(line, style)))
                    x = x - at_brk if brk > start else 0.0
                    start, limit, brk = cut, width / size, -1
                    while start < n and s[start] == " " and start < i:
                        x -= t.get(" ", 0.0)
                        start += 1
                    continue
                x += cw
                i += 1
            line = s[start:].rstrip(" ")
            if line or not out or raw == "":
                out.append((line, self.width(line, style)))
            first = 0.0
        return out or [("", 0.0)]

    def longest_word(self, text: str, style: Style) -> float:
        """The widest stretch of ``text`` that cannot be broken (pt)."""
        t, best, cur, prev = self.table(style), 0.0, 0.0, ""
        keep = _no_break(text)
        for i, c in enumerate(text):
            if c == "\n":
                best, cur, prev = max(best, cur), 0.0, ""
                continue
            if prev and _can_break(prev, c) and i not in keep:
                best, cur = max(best, cur), 0.0
            if c != " ":
                cur += t[c] if c in t else self.adv(t, style, c)
            prev = c
        return max(best, cur) * style.size

    def natural(self, text: str, style: Style) -> float:
        return max((self.width(line, style) for line in text.split("\n")), default=0.0)


# ---------------------------------------------------------------- the flow
@dataclass
class _Para:
    style: str
    text: str
    heading: int | None = None   # index into DocModel.headings()
    level: int = 0
    after_break: bool = False
    lines: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class _Row:
    cells: list[list[tuple[str, float]]]
    styles: list[str]
    fills: list[str]
    height: float = 0.0


@dataclass
class _Table:
    widths: list[float]
    header: _Row | None
    rows: list[_Row]
    together: bool = False        # a signature: all rows on one page
    landscape: bool = False
    after_break: bool = False


@dataclass
class _Toc:
    title: str
    after_break: bool = False


@dataclass
class _Break:
    pass


class Geometry:
    def __init__(self, landscape: bool = False):
        w, h = A4
        self.width, self.height = (h, w) if landscape else (w, h)
        top, bottom, left, right = (m * MM for m in MARGINS_MM)
        self.left, self.top = left, top
        self.body_w = self.width - left - right
        self.body_h = self.height - top - bottom


PORTRAIT, LANDSCAPE = Geometry(False), Geometry(True)


def _r(v: float) -> float:
    return round(v, 2)


class Layout:
    """Lays a DocModel out on pages. ``run()`` makes the two passes and the page furniture."""

    def __init__(self, model: DocModel, metrics: Metrics, fonts: dict[str, str] | None = None):
        self.model, self.m = model, Measure(metrics)
        self.fonts = fonts or {}
        self.headings = model.headings()
        self.flow = self._flow()

    # ------------------------------------------------------------ building the flow
    def _flow(self) -> list:
        out: list = []
        pending_break = False
        index = 0
        for part in self.model.parts:
            for b in part.blocks:
                item: Any
                if isinstance(b, PageBreak):
                    pending_break = True
                    continue
                if isinstance(b, Heading):
                    item = _Para(f"h{min(max(b.level, 1), 3)}", b.full, heading=index, level=b.level)
                    index += 1
                elif isinstance(b, Paragraph):
                    item = _Para(b.style if b.style in STYLES and not b.style.startswith(("h", "toc", "cell"))
                                 else "body", b.text)
                elif isinstance(b, Table):
                    item = self._table(list(b.columns), [list(r) for r in b.rows])
                elif isinstance(b, KeyValue):
                    item = self._key_value(b)
                elif isinstance(b, SignatureBlock):
                    item = self._key_value(KeyValue(b.pairs(), per_row=2), together=True)
                elif isinstance(b, Contents):
                    item = _Toc(b.title)
                else:
                    continue
                item.after_break = pending_break
                pending_break = False
                out.append(item)
        for i, item in enumerate(out):  # a page break after a heading (or caption, label) takes it along
            if item.after_break:
                k = i
                while k > 0 and isinstance(out[k - 1], _Para) and STYLES[out[k - 1].style].keep:
                    k -= 1
                out[i].after_break, out[k].after_break = False, True
        for item in out:
            if isinstance(item, _Para):
                st = STYLES[item.style]
                item.lines = self.m.wrap(item.text, st, PORTRAIT.body_w, st.indent * st.size)
        return out

    def _widths(self, columns: list[list[tuple[str, str]]], avail: float) -> tuple[list[float], bool]:
        """Column widths from their content: (widths, fits). ``columns``: per column, its cells
        as (text, style)."""
        hard, natural, short = [], [], []
        for cells in columns:
            lo, nat = 0.0, 0.0
            size = STYLES["cell"].size
            for text, style in cells:
                st = STYLES[style]
                lo = max(lo, min(self.m.longest_word(text, st), WORD_CAP_EM * st.size))
                want = self.m.natural(text, st)
                if style == "cell_head":  # a long header may take two lines rather than widen its column
                    want = min(want, max(4 * st.size, want / 2 + st.size))
                nat = max(nat, want)
            lo = max(lo, MIN_COLUMN_EM * size) + 2 * PAD_X
            nat = max(nat + 2 * PAD_X, lo)
            hard.append(lo)
            natural.append(nat)
            short.append(nat <= SHORT_EM * size + 2 * PAD_X)
        if sum(natural) <= avail:
            extra = avail - sum(natural)
            return [n + extra * n / sum(natural) for n in natural], True
        soft = [n if s else h for n, h, s in zip(natural, hard, short)]
        base = soft if sum(soft) <= avail else hard
        if sum(base) > avail + EPS:
            return [b * avail / sum(base) for b in base], False
        wanted = [n - b for n, b in zip(natural, base)]
        room = avail - sum(base)
        total = sum(wanted)
        return [b + (room * w / total if total else room / len(base)) for b, w in zip(base, wanted)], True

    def _fit(self, columns: list[list[tuple[str, str]]]) -> tuple[list[float], bool]:
        widths, fits = self._widths(columns, PORTRAIT.body_w)
        if fits:
            return widths, False
        wide, _fits = self._widths(columns, LANDSCAPE.body_w)  # wider than landscape: columns shrink alike
        return wide, True

    def _row(self, texts: list[str], widths: list[float], styles: list[str], fills: list[str]) -> _Row:
        cells, height = [], 0.0
        for text, w, style in zip(texts, widths, styles):
            st = STYLES[style]
            lines = self.m.wrap(text, st, w - 2 * PAD_X)
            cells.append(lines)
            height = max(height, len(lines) * st.line)
        return _Row(cells, styles, fills, round(height + 2 * PAD_Y, 3))

    def _table(self, columns: list[str], rows: list[list[str]]) -> _Table:
        n = len(columns)
        rows = [(r + [""] * n)[:n] for r in rows]
        cols = [[(columns[j], "cell_head")] + [(r[j], "cell") for r in rows] for j in range(n)]
        widths, landscape = self._fit(cols)
        header = self._row(columns, widths, ["cell_head"] * n, [LABEL_FILL] * n)
        body = [self._row(r, widths, ["cell"] * n, [""] * n) for r in rows]
        return _Table(widths, header, body, landscape=landscape)

    def _key_value(self, kv: KeyValue, together: bool = False) -> _Table:
        """A form: label columns as wide as the longest label (at least four characters, at most
        a third of the width), the value columns share the rest alike."""
        rows = kv.rows()
        n = len(rows[0]) if rows else 2
        styles = ["cell_head" if j % 2 == 0 else "cell" for j in range(n)]
        fills = [LABEL_FILL if j % 2 == 0 else "" for j in range(n)]
        head, cell = STYLES["cell_head"], STYLES["cell"]
        pairs = max(n // 2, 1)
        avail = PORTRAIT.body_w
        lab = max([self.m.natural(r[j], head) for r in rows for j in range(0, n, 2)] or [0.0])
        lab = min(max(lab + head.size, 4 * head.size) + 2 * PAD_X, avail / 3 / pairs)
        val = (avail - lab * pairs) / pairs
        need = max([min(self.m.longest_word(r[j], cell), WORD_CAP_EM * cell.size) + 2 * PAD_X
                    for r in rows for j in range(1, n, 2)] or [0.0])
        if val >= need:
            widths, landscape = [lab, val] * pairs, False
        else:
            widths, landscape = self._fit([[(r[j], styles[j]) for r in rows] for j in range(n)])
        body = [self._row(r, widths, styles, fills) for r in rows]
        return _Table(widths, None, body, together=together, landscape=landscape)

    # ------------------------------------------------------------ pagination
    def _start(self) -> None:
        self.pages: list[Page] = []
        self.heading_at: dict[int, tuple[int, float]] = {}
        self._new_page(PORTRAIT)

    def _new_page(self, geo: Geometry) -> None:
        self.geo = geo
        self.page = Page(geo.width, geo.height)
        self.pages.append(self.page)
        self.y = 0.0          # below the body's top
        self.at_top = True

    def _break(self, geo: Geometry | None = None) -> None:
        self._new_page(geo or self.geo)

    def _left(self) -> float:
        return self.geo.body_h - self.y

    def _chunk(self, i: int, depth: int = 0) -> float:
        """How much of flow item i must go with the item before it: a paragraph's first two
        lines, a table's header and first row (all of a signature), a heading chain's all."""
        if i >= len(self.flow) or depth > 50:
            return 0.0
        item = self.flow[i]
        if isinstance(item, _Para):
            st = STYLES[item.style]
            lines = len(item.lines) if st.keep else min(len(item.lines), 2)
            h = st.before + lines * st.line
            return h + (st.after + self._chunk(i + 1, depth + 1) if st.keep else 0.0)
        if isinstance(item, _Table):
            if item.together:
                return sum(r.height for r in item.rows)
            head = item.header.height if item.header else 0.0
            return head + (item.rows[0].height if item.rows else 0.0)
        if isinstance(item, _Toc):
            return STYLES["toc_heading"].before + STYLES["toc_heading"].line
        return 0.0

    def _lands_landscape(self, i: int) -> bool:
        """Does the keep chain starting at flow item i end in a landscape table?"""
        while i < len(self.flow):
            item = self.flow[i]
            if isinstance(item, _Table):
                return item.landscape
            if not (isinstance(item, _Para) and STYLES[item.style].keep):
                return False
            i += 1
        return False

    def _place(self, toc_pages: dict[int, int] | None) -> None:
        self._start()
        for i, item in enumerate(self.flow):
            want = LANDSCAPE if self._lands_landscape(i) else PORTRAIT
            if item.after_break or want is not self.geo:
                if self.at_top and not self.page.items:  # a fresh page: only its orientation may change
                    self.pages.pop()
                    self._new_page(want)
                else:
                    self._break(want)
            explicit = item.after_break or (len(self.pages) == 1 and self.at_top)
            if isinstance(item, _Para):
                self._para(item, i, explicit)
            elif isinstance(item, _Table):
                self._table_place(item)
            elif isinstance(item, _Toc):
                self._toc(item, toc_pages, explicit)

    def _para(self, p: _Para, i: int, explicit: bool) -> None:
        st = STYLES[p.style]
        before = st.before if (explicit or not self.at_top) else 0.0
        lines = p.lines
        first = min(len(lines), 2) if not st.keep else len(lines)
        need = before + first * st.line + (st.after + self._chunk(i + 1) if st.keep else 0.0)
        if need > self._left() + EPS and not self.at_top:
            self._break()
            before = 0.0
        self.y += before
        if p.heading is not None:
            self.heading_at[p.heading] = (len(self.pages), self.y)
            self.page.items.append(("h", p.level, p.heading, _r(self.geo.top + self.y), p.text))
        k, n = 0, len(lines)
        while k < n:
            fit = int((self._left() + EPS) // st.line)
            rest = n - k
            if fit >= rest:
                take = rest
            elif fit < min(2, rest) and not self.at_top:  # never one line alone at a page's foot
                self._break()
                continue
            else:
                take = max(fit, 1)
                if rest - take < 2 and rest >= 3:  # nor one line alone at the next page's head
                    take = rest - 2
                    if take < 2 and not self.at_top:
                        self._break()
                        continue
                    take = max(take, 1)
            for j in range(k, k + take):
                self._line(lines[j], st, j == 0, j == n - 1, p.style)
            k += take
            if k < n:
                self._break()
        self.y = min(self.y + st.after, self.geo.body_h)

    def _line(self, line: tuple[str, float], st: Style, first: bool, last: bool, style: str) -> None:
        text, width = line
        g = self.geo
        indent = st.indent * st.size if first else 0.0
        avail = g.body_w - indent
        x = g.left + indent
        spacing, drawn = 0.0, width
        if st.align == "center":
            x = g.left + (g.body_w - width) / 2
        elif st.align == "justify" and not last and len(text) > 1 and width < avail:
            extra = avail - width
            inner = width - self.m.width(text[-1], st)  # the last character gets no space after it
            if inner > 0 and extra <= 0.5 * st.size * (len(text) - 1):  # else a nearly empty line stays ragged
                spacing, drawn = round(100.0 * (1.0 + extra / inner), 4), avail
        base = g.top + self.y + _baseline(st)
        self.page.items.append(("t", _r(x), _r(base), _r(drawn), style, text, spacing))
        self.y += st.line
        self.at_top = False

    def _table_place(self, t: _Table) -> None:
        head = t.header.height if t.header else 0.0
        first = sum(r.height for r in t.rows) if t.together else head + (t.rows[0].height if t.rows else 0.0)
        if first > self._left() + EPS and not self.at_top and (not t.together or first <= self.geo.body_h):
            self._break()
        if t.header:
            self._row_place(t, t.header)
        fresh = self.geo.body_h - head  # what a page holds under the repeated header
        for row in t.rows:
            pending: _Row | None = row
            while pending is not None:
                if pending.height <= self._left() + EPS:
                    self._row_place(t, pending)
                    pending = None
                elif pending.height <= fresh + EPS or self._left() < self._min_split(pending):
                    self._continue(t)  # a row moves to the next page whole
                else:
                    pending = self._split(t, pending)  # taller than a page: only now is it split
        self.y = min(self.y + 6.0, self.geo.body_h)  # the gap after a table

    def _continue(self, t: _Table) -> None:
        self._break()
        if t.header:
            self._row_place(t, t.header)

    def _min_split(self, row: _Row) -> float:
        return 2 * PAD_Y + max(STYLES[s].line for s in row.styles) * 2

    def _split(self, t: _Table, row: _Row) -> _Row | None:
        """Place as many lines of a row taller than a page as fit here; return the rest."""
        room = self._left() - 2 * PAD_Y
        here, rest = [], []
        for cell, style in zip(row.cells, row.styles):
            k = max(int((room + EPS) // STYLES[style].line), 0)
            here.append(cell[:k])
            rest.append(cell[k:])
        if not any(here):
            self._continue(t)
            return row
        h = max(len(c) * STYLES[s].line for c, s in zip(here, row.styles)) + 2 * PAD_Y
        self._row_place(t, _Row(here, row.styles, row.fills, round(h, 3)))
        if not any(rest):
            return None
        self._continue(t)
        h = max(len(c) * STYLES[s].line for c, s in zip(rest, row.styles)) + 2 * PAD_Y
        return _Row(rest, row.styles, row.fills, round(h, 3))

    def _row_place(self, t: _Table, row: _Row) -> None:
        g = self.geo
        x = g.left + (g.body_w - sum(t.widths)) / 2
        top = g.top + self.y
        for cell, w, style, fill in zip(row.cells, t.widths, row.styles, row.fills):
            self.page.items.append(("r", _r(x), _r(top), _r(w), _r(row.height), fill, BORDER))
            st = STYLES[style]
            y = top + PAD_Y
            for text, width in cell:
                tx = x + PAD_X if st.align != "center" else x + (w - width) / 2
                self.page.items.append(("t", _r(tx), _r(y + _baseline(st)), _r(width), style, text, 0.0))
                y += st.line
            x += w
        self.y += row.height
        self.at_top = False

    def _toc(self, toc: _Toc, pages: dict[int, int] | None, explicit: bool) -> None:
        self._para(_Para("toc_heading", toc.title, lines=self.m.wrap(toc.title, STYLES["toc_heading"],
                                                                      self.geo.body_w)), -1, explicit)
        st = STYLES["toc"]
        g = self.geo
        for i, h in enumerate(self.headings):
            indent = 2 * st.size * (min(h.level, 3) - 1)
            lines = self.m.wrap(h.full, st, g.body_w - indent - TOC_SLOT - st.size)
            if len(lines) * st.line > self._left() + EPS:
                self._break()
            for j, (text, width) in enumerate(lines):
                base = g.top + self.y + _baseline(st)
                self.page.items.append(("t", _r(g.left + indent), _r(base), _r(width), "toc", text, 0.0))
                if j == len(lines) - 1:
                    number = str(pages.get(i, "")) if pages else ""
                    nw = self.m.width(number, st)
                    lead_from = g.left + indent + width + st.size * 0.5
                    lead_to = g.left + g.body_w - TOC_SLOT
                    if lead_to > lead_from:
                        self.page.items.append(("l", _r(lead_from), _r(base), _r(lead_to), _r(base), 0.8, 1))
                    if number:
                        self.page.items.append(("t", _r(g.left + g.body_w - nw), _r(base), _r(nw), "toc", number,
                                                0.0))
                self.y += st.line
                self.at_top = False
        self.y = min(self.y + 6.0, self.geo.body_h)

    # ------------------------------------------------------------ the two passes and the furniture
    def run(self) -> Pages:
        toc: dict[int, int] | None = None
        for _ in range(4):  # the number slot has a fixed width: the second pass confirms the first
            self._place(toc)
            found = {k: v[0] for k, v in self.heading_at.items()}
            if found == toc:
                break
            toc = found
        ident = identity(self.model)
        result = Pages(self.pages, ident, qr_matrix(ident["qr"]), dict(STYLES), dict(self.fonts))
        _furnish(result, self.m)
        return result


def _baseline(st: Style) -> float:
    """Baseline below the top of a line box: the em box centred in the line, 0.88 em above the baseline."""
    return round((st.line - st.size) / 2 + 0.88 * st.size, 3)


def _fit_text(m: Measure, text: str, st: Style, width: float) -> tuple[str, float]:
    if m.width(text, st) <= width:
        return text, m.width(text, st)
    while text and m.width(text + "…", st) > width:
        text = text[:-1]
    return text + "…", m.width(text + "…", st)


def _furnish(doc: Pages, m: Measure) -> None:
    """Header, footer, content code, QR code and (for a draft) the watermark on every page."""
    ident = doc.identity
    total = len(doc.pages)
    hs, fs, mark = STYLES["header"], STYLES["footer"], STYLES["header_mark"]
    draft = not ident["final"]
    for n, page in enumerate(doc.pages, 1):
        g = LANDSCAPE if page.landscape else PORTRAIT
        left, right = g.left, g.left + g.body_w
        items: list[tuple] = []
        if draft:
            items.append(("w", _r(page.width / 2), _r(page.height / 2), -45.0 if not page.landscape else -30.0,
                          WATERMARK, WATERMARK_COLOR))
        base = g.top - 11 * MM
        right_text = f"文件编号：{ident.get('doc_number') or ident['number']}　版本：{ident['version']}"
        rw = m.width(right_text, hs)
        centre = ident["doc_title"]
        cw = m.width(centre, hs)
        mark_text = "【草稿·未批准】" if ident["kind"] == "plan" else "【草稿·未关闭】"
        mw = m.width(mark_text, mark) if draft else 0.0
        mid_w = cw + mw
        mid_x = left + (g.body_w - mid_w) / 2
        company, comp_w = _fit_text(m, ident["company"], hs, max(mid_x - left - 6, 20))
        items.append(("t", _r(left), _r(base), _r(comp_w), "header", company, 0.0))
        items.append(("t", _r(mid_x), _r(base), _r(cw), "header", centre, 0.0))
        if draft:
            items.append(("t", _r(mid_x + cw), _r(base), _r(mw), "header_mark", mark_text, 0.0))
        items.append(("t", _r(right - rw), _r(base), _r(rw), "header", right_text, 0.0))
        items.append(("l", _r(left), _r(base + 3), _r(right), _r(base + 3), 0.5, 0))
        # Footer: content code on the left, page numbers in the middle, the QR code on the right.
        foot = g.top + g.body_h + 10 * MM
        number = f"第 {n} 页 共 {total} 页"
        nw = m.width(number, fs)
        items.append(("t", _r(left + (g.body_w - nw) / 2), _r(foot), _r(nw), "footer", number, 0.0))
        code = f"核验码 {ident['code']}"
        items.append(("t", _r(left), _r(foot), _r(m.width(code, fs)), "footer", code, 0.0))
        size = QR_MM * MM
        items.append(("q", _r(right - size), _r(g.top + g.body_h + 4 * MM), _r(size)))
        page.items[:0] = items[:1] if draft else []
        page.items.extend(items[1:] if draft else items)


def layout(model: DocModel, metrics: Metrics, fonts: dict[str, str] | None = None) -> Pages:
    """The document's pages (two passes: the contents get the real page numbers)."""
    return Layout(model, metrics, fonts).run()


def bare(model: DocModel, metrics: Metrics) -> Pages:
    """The same text, one body paragraph per line, without styles, tables or furniture: the
    floor the benchmark compares the document with (benchmarks/bench_pdf.py)."""
    paras = tuple(Paragraph(t, "plain") for _, t in model.units())

    plain = DocModel(model.kind, model.number, model.title, model.doc_title, model.company,
                     (Part("text", "text", paras),), model.basis)
    lay = Layout(plain, metrics)
    lay._place(None)
    return Pages(lay.pages, identity(plain), [], dict(STYLES), {})
