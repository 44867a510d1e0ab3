"""Reading a .docx back as a reader sees it: ``content`` for ``doc verify``, ``units`` for tests.

``content(data)`` lists every visible unit of every part a reader can see (R-DOC-SIGN,
R-4.4.2-ARCHIVE): the page headers and footers as each page shows them (first, odd and even
pages, every section), the body's paragraphs and every table cell (empty ones included, with
the table, row and column and the cell's label), the contents, text boxes, footnotes, endnotes
and comments. Run formatting that hides text or changes what it says is resolved through the
styles (document defaults → table style → paragraph style → character style → the run) and
written as a mark: hidden (vanish), a colour too close to what is behind the text (the
highlight, the run's, paragraph's, cell's or table's shading, the page background), a font
under 6 pt or characters squeezed under 50 %, a line height that clips the text, strike-
through, symbol fonts (Wingdings …), tracked insertions and deletions. Fields count by their
code (a PAGE field is content; the page number it shows is layout), images by the SHA-256 of
their bytes. What a re-save by Word or LibreOffice changes (run splitting, style ids, zip
entries, the field results) does not show, so a re-saved file has the same content.

``units(data)``: the comparable lines of the body alone (the older line-by-line verification
and the tests that read documents back).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from relgui.documents.compare import Content, Unit, mark, token
from relgui.documents.model import lines, norm

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
V = "urn:schemas-microsoft-com:vml"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R, "a": A, "mc": MC, "w14": W14, "v": V, "wp": WP}
_TEXT = etree.XPath(".//w:t | .//w:tab | .//w:br | .//w:cr", namespaces={"w": W})
_GALLERY = etree.XPath("w:sdtPr/w:docPartObj/w:docPartGallery/@w:val", namespaces={"w": W})

MAX_PART = 64 * 1024 * 1024   # bytes a part may unpack to (a zip bomb is no document)
MAX_TOTAL = 512 * 1024 * 1024
TINY_HALF_POINTS = 12         # under 6 pt
MIN_SCALE = 50                # per cent of the character width
MIN_CONTRAST = 1.6            # WCAG contrast ratio between the text and what is behind it
CLIP_TWIPS = 120              # an exact line height under 6 pt clips the text
TINY_EMU = 36000              # an image under 1 mm
SYMBOL_FONTS = re.compile(r"wingdings|webdings|symbol|marlett|zapf ?dingbats", re.I)
COMPUTED = {"PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "SECTION"}
HIGHLIGHT = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF",
    "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080",
    "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
    "darkGray": "808080", "lightGray": "C0C0C0",
}


@functools.cache
def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _tag(el) -> str:
    t = el.tag
    return t[t.rfind("}") + 1:] if isinstance(t, str) else ""


def _ns(el) -> str:
    t = el.tag
    return t[1:t.find("}")] if isinstance(t, str) and t.startswith("{") else ""


def _val(el, name: str = "w:val") -> str | None:
    return None if el is None else el.get(_q(name))


def _on(el) -> bool | None:
    """A toggle property: present and not switched off."""
    if el is None:
        return None
    return el.get(_q("w:val"), "true").lower() not in ("0", "false", "off", "none")


def _int(text: str | None) -> int | None:
    try:
        return int(float(text)) if text is not None else None
    except ValueError:
        return None


# ------------------------------------------------------------------ the package


class Package:
    """The parts of a .docx, read with bounded sizes; ValueError when it is no Word document."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ValueError(f"{type(exc).__name__}: {exc}") from None
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise ValueError("the package unpacks to more than 512 MiB")
        self.names = {i.filename.lstrip("/"): i for i in infos}
        self.main = self._main_part()

    def raw(self, name: str) -> bytes | None:
        info = self.names.get(name.lstrip("/"))
        if info is None:
            return None
        if info.file_size > MAX_PART:
            raise ValueError(f"{name}: more than 64 MiB")
        try:
            with self.zip.open(info) as f:
                data = f.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as exc:
            raise ValueError(f"{name}: {type(exc).__name__}") from None
        if len(data) > MAX_PART:
            raise ValueError(f"{name}: more than 64 MiB")
        return data

    def xml(self, name: str):
        data = self.raw(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
        except etree.XMLSyntaxError as exc:
            raise ValueError(f"{name}: {exc}") from None

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """rId → (type, target part name, external) of ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out = {}
        for rel in root if root is not None else ():
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target, external)
        return out

    def _main_part(self) -> str:
        for _id, (kind, target, _ext) in self.rels("").items():
            if kind == "officeDocument":
                return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise ValueError("no main document part (word/document.xml)")


# ------------------------------------------------------------------ styles and run properties


def _rpr(el) -> dict:
    """The properties of a w:rPr that decide whether text can be seen and read."""
    if el is None:
        return {}
    out: dict = {}
    for name, key in (("w:vanish", "vanish"), ("w:strike", "strike"), ("w:dstrike", "dstrike")):
        v = _on(el.find(_q(name)))
        if v is not None:
            out[key] = v
    color = el.find(_q("w:color"))
    if color is not None and _val(color):
        out["color"] = _val(color)
    fill = el.find(_q("w14:textFill"))
    if fill is not None:
        if fill.find(_q("a:noFill")) is not None or fill.find(f"{{{W14}}}noFill") is not None:
            out["textfill"] = "none"
        else:
            rgb = fill.find(f".//{{{W14}}}srgbClr")
            if rgb is not None and rgb.get(f"{{{W14}}}val"):
                out["textfill"] = rgb.get(f"{{{W14}}}val")
    for name, key in (("w:sz", "sz"), ("w:w", "w")):
        n = _int(_val(el.find(_q(name))))
        if n is not None:
            out[key] = n
    hl = _val(el.find(_q("w:highlight")))
    if hl:
        out["highlight"] = hl
    shd = _shading(el.find(_q("w:shd")))
    if shd is not None:
        out["shd"] = shd
    fonts = el.find(_q("w:rFonts"))
    if fonts is not None:
        out["fonts"] = tuple(v for k, v in fonts.attrib.items() if not k.endswith("Theme") and "hint" not in k)
    return out


def _shading(shd) -> str | None:
    """The colour a w:shd paints ('' when it paints nothing), None when there is none."""
    if shd is None:
        return None
    pattern = (_val(shd) or "clear").lower()
    color, fill = (_val(shd, "w:color") or "auto"), (_val(shd, "w:fill") or "auto")
    if pattern == "nil":
        return ""
    if pattern == "solid" or (pattern.startswith("pct") and (_int(pattern[3:]) or 0) >= 50):
        return "" if color.lower() == "auto" else color
    return "" if fill.lower() == "auto" else fill


@dataclass
class Style:
    kind: str
    based_on: str | None
    name: str
    rpr: dict
    shd: str | None            # paragraph or table shading
    outline: int | None
    line: tuple[str, int] | None
    cond: dict = field(default_factory=dict)   # table style: type → (rpr, cell shading)


class Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, Style] = {}
        self._chains: dict[str | None, list[Style]] = {}
        self.defaults: dict = {}
        self.default_para = self.default_table = None
        if root is None:
            return
        d = root.find(_q("w:docDefaults"))
        if d is not None:
            self.defaults = _rpr(d.find(f"{_q('w:rPrDefault')}/{_q('w:rPr')}"))
        for s in root.iterfind(_q("w:style")):
            sid = s.get(_q("w:styleId"), "")
            ppr = s.find(_q("w:pPr"))
            kind = s.get(_q("w:type"), "paragraph")
            shd = _shading(ppr.find(_q("w:shd"))) if ppr is not None else None
            if kind == "table":
                tbl = s.find(_q("w:tblPr"))
                tc = s.find(_q("w:tcPr"))
                shd = _shading(tc.find(_q("w:shd"))) if tc is not None else None
                if shd is None and tbl is not None:
                    shd = _shading(tbl.find(_q("w:shd")))
            cond = {}
            for c in s.iterfind(_q("w:tblStylePr")):
                tc = c.find(_q("w:tcPr"))
                cond[_val(c, "w:type") or ""] = (_rpr(c.find(_q("w:rPr"))),
                                                 _shading(tc.find(_q("w:shd"))) if tc is not None else None)
            spacing = ppr.find(_q("w:spacing")) if ppr is not None else None
            line = None
            if spacing is not None and _val(spacing, "w:line") is not None:
                line = (_val(spacing, "w:lineRule") or "auto", _int(_val(spacing, "w:line")) or 0)
            self.by_id[sid] = Style(kind, _val(s.find(_q("w:basedOn"))), (_val(s.find(_q("w:name"))) or sid).lower(),
                                    _rpr(s.find(_q("w:rPr"))), shd,
                                    _int(_val(ppr.find(_q("w:outlineLvl")))) if ppr is not None else None, line, cond)
            if s.get(_q("w:default")) in ("1", "true", "on"):
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "table":
                    self.default_table = sid

    def chain(self, sid: str | None) -> list[Style]:
        """The style and those it is based on, the base first."""
        if sid in self._chains:
            return self._chains[sid]
        self._chains[sid] = found = self._chain(sid)
        return found

    def _chain(self, sid: str | None) -> list[Style]:
        out: list[Style] = []
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen and len(out) < 50:
            seen.add(sid)
            out.append(self.by_id[sid])
            sid = self.by_id[sid].based_on
        return out[::-1]

    def first(self, sid: str | None, attr: str):
        found = None
        for s in self.chain(sid):
            if getattr(s, attr) is not None:
                found = getattr(s, attr)
        return found


# ------------------------------------------------------------------ colours


def _rgb(value: str | None) -> tuple[float, float, float] | None:
    if not value or not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return None
    red, green, blue = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def _luminance(rgb: tuple[float, float, float]) -> float:
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = _luminance(_rgb(a) or (0, 0, 0)), _luminance(_rgb(b) or (1, 1, 1))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


# ------------------------------------------------------------------ walking a part


@dataclass
class Where:
    """Where the walker is: the part, the section heading, the table cell and what is behind it."""

    part: str
    section: str = ""
    cell: tuple[int, int, int] | None = None
    label: str = ""
    table_style: str | None = None
    table_cond: tuple[str, ...] = ()
    background: tuple[str, ...] = ()     # cell, table shading (innermost first)
    clipped: bool = False


class Reader:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        styles = next((t for k, t, e in pkg.rels(pkg.main).values() if k == "styles" and not e), None)
        self.styles = Styles(pkg.xml(styles) if styles else None)
        self.units: list[Unit] = []
        self.page = "FFFFFF"
        self.tables = 0
        self.rels: dict[str, tuple[str, str, bool]] = {}
        self.part_name = pkg.main
        self.fields: list[dict] = []
        self.where_part = "body"
        self._bases: dict = {}
        self._flag_cache: dict = {}

    # ---- run properties
    def _base(self, table_style: str | None, cond: tuple[str, ...], psid: str | None) -> dict:
        key = (table_style, cond, psid)
        if key not in self._bases:
            props = dict(self.styles.defaults)
            if table_style:
                for s in self.styles.chain(table_style):
                    props.update(s.rpr)
                    for c in cond:
                        props.update(s.cond.get(c, ({}, None))[0])
            for s in self.styles.chain(psid or self.styles.default_para):
                props.update(s.rpr)
            self._bases[key] = props
        return self._bases[key]

    def _props(self, run, ppr, where: Where) -> dict:
        psid = _val(ppr.find(_q("w:pStyle"))) if ppr is not None else None
        props = dict(self._base(where.table_style, where.table_cond, psid))
        rpr = run.find(_q("w:rPr")) if run is not None else None
        if rpr is not None:
            for s in self.styles.chain(_val(rpr.find(_q("w:rStyle")))):
                props.update(s.rpr)
            props.update(_rpr(rpr))
        return props

    def _flags(self, props: dict, para_shd: str | None, where: Where, clipped: bool) -> frozenset[str]:
        key = (tuple(sorted(props.items())), para_shd, where.background, clipped or where.clipped)
        if key not in self._flag_cache:
            self._flag_cache[key] = self._flags_of(props, para_shd, where, clipped)
        return self._flag_cache[key]

    def _flags_of(self, props: dict, para_shd: str | None, where: Where, clipped: bool) -> frozenset[str]:
        flags = set()
        if props.get("vanish"):
            flags.add("hidden")
        if props.get("strike") or props.get("dstrike"):
            flags.add("strike")
        if props.get("sz") is not None and props["sz"] < TINY_HALF_POINTS:
            flags.add("tiny")
        if props.get("w") is not None and props["w"] < MIN_SCALE:
            flags.add("scaled")
        if any(SYMBOL_FONTS.search(f or "") for f in props.get("fonts", ())):
            flags.add("symbol")
        if clipped or where.clipped:
            flags.add("clipped")
        colour = props.get("textfill") or props.get("color") or "auto"
        if colour == "none":
            flags.add("colour")
        elif colour.lower() != "auto" and _rgb(colour) is not None:
            layers = (HIGHLIGHT.get(props.get("highlight") or ""), props.get("shd"), para_shd, *where.background,
                      self.page)
            behind = next((x for x in layers if x and _rgb(x) is not None), "FFFFFF")
            if contrast(colour, behind) < MIN_CONTRAST:
                flags.add("colour")
        return frozenset(flags)

    # ---- paragraphs
    def paragraph(self, p, where: Where) -> tuple[str, bool, bool]:
        """(text with marks, is heading, is caption)."""
        ppr = p.find(_q("w:pPr"))
        psid = (_val(ppr.find(_q("w:pStyle"))) if ppr is not None else None) or self.styles.default_para
        para_shd = _shading(ppr.find(_q("w:shd"))) if ppr is not None else None
        if para_shd is None:
            para_shd = self.styles.first(psid, "shd")
        line = None
        spacing = ppr.find(_q("w:spacing")) if ppr is not None else None
        if spacing is not None and _val(spacing, "w:line") is not None:
            line = (_val(spacing, "w:lineRule") or "auto", _int(_val(spacing, "w:line")) or 0)
        line = line or self.styles.first(psid, "line")
        clipped = bool(line and line[0] == "exact" and line[1] < CLIP_TWIPS)
        segments: list[tuple[str, frozenset[str]]] = []
        self._inline(p, ppr, where, para_shd, clipped, segments, frozenset())
        text = _join(segments)
        outline = _int(_val(ppr.find(_q("w:outlineLvl")))) if ppr is not None else None
        if outline is None:
            outline = self.styles.first(psid, "outline")
        name = self.styles.by_id[psid].name if psid in self.styles.by_id else ""
        heading = (outline is not None and outline < 9) or bool(re.fullmatch(r"heading \d", name))
        return text, heading, name == "caption"

    def _inline(self, el, ppr, where, para_shd, clipped, out, extra: frozenset[str]) -> None:
        for child in el:
            name, ns = _tag(child), _ns(child)
            if ns == MC and name == "AlternateContent":
                choice = child.find(_q("mc:Choice"))
                self._inline(choice if choice is not None else child.find(_q("mc:Fallback")) or [], ppr, where,
                             para_shd, clipped, out, extra)
            elif ns != W:
                continue
            elif name == "r":
                self._run(child, ppr, where, para_shd, clipped, out, extra)
            elif name in ("ins", "moveTo"):
                self._inline(child, ppr, where, para_shd, clipped, out, extra | {"inserted"})
            elif name in ("del", "moveFrom"):
                self._inline(child, ppr, where, para_shd, clipped, out, extra | {"deleted"})
            elif name in ("hyperlink", "smartTag", "customXml", "bdo", "dir", "fldSimple", "sdt", "sdtContent"):
                if name == "fldSimple":
                    self._field_begin()
                    self.fields[-1]["instr"].append(child.get(_q("w:instr"), ""))
                    self.fields[-1]["result"] = True
                if name in ("bdo", "dir") and (child.get(_q("w:val")) or "").lower() == "rtl":
                    extra = extra | {"symbol"}  # the text is shown reversed
                self._inline(child, ppr, where, para_shd, clipped, out, extra)
                if name == "fldSimple":
                    self._field_end(out)
            elif name == "ruby":
                base = child.find(_q("w:rubyBase"))
                if base is not None:
                    self._inline(base, ppr, where, para_shd, clipped, out, extra)
            elif name in ("oMath", "oMathPara"):
                out.append(("".join(child.itertext()), extra))

    # ---- fields
    def _field_begin(self) -> None:
        self.fields.append({"instr": [], "result": False, "text": []})

    def _field_end(self, out) -> None:
        if not self.fields:
            return
        f = self.fields.pop()
        instr = " ".join("".join(f["instr"]).split())
        if not instr:  # an empty field (as LibreOffice writes one inside another): nothing to see
            if self.fields and self.fields[-1]["result"]:
                self.fields[-1]["text"].extend(f["text"])
            return
        kind = instr.split()[0].upper()
        shown = [] if kind in COMPUTED else f["text"]
        seg = [(token("field", instr), frozenset()), *shown]
        if self.fields:  # a field in another field's result is part of that result
            self.fields[-1]["text"].extend(seg)
        else:
            out.extend(seg)

    def _emit(self, out, text: str, flags: frozenset[str]) -> None:
        if self.fields:
            top = self.fields[-1]
            if top["result"]:
                top["text"].append((text, flags))
            return  # the field's code, not its text
        out.append((text, flags))

    def _run(self, r, ppr, where, para_shd, clipped, out, extra) -> None:
        flags = self._flags(self._props(r, ppr, where), para_shd, where, clipped) | extra
        for child in r:
            name, ns = _tag(child), _ns(child)
            if ns == MC and name == "AlternateContent":
                choice = child.find(_q("mc:Choice"))
                for el in (choice if choice is not None else []):
                    self._object(el, out, flags)
                continue
            if ns != W:
                continue
            if name in ("t", "delText"):
                self._emit(out, child.text or "", flags | ({"deleted"} if name == "delText" else set()))
            elif name == "instrText" or name == "delInstrText":
                if self.fields and not self.fields[-1]["result"]:
                    self.fields[-1]["instr"].append(child.text or "")
            elif name == "fldChar":
                kind = _val(child, "w:fldCharType")
                if kind == "begin":
                    self._field_begin()
                elif kind == "separate" and self.fields:
                    self.fields[-1]["result"] = True
                elif kind == "end":
                    self._field_end(out)
            elif name in ("tab", "ptab"):
                self._emit(out, "\t", flags)
            elif name in ("br", "cr"):
                if (_val(child, "w:type") or "textWrapping") == "textWrapping":
                    self._emit(out, "\n", flags)
            elif name == "noBreakHyphen":
                self._emit(out, "-", flags)
            elif name == "sym":
                self._emit(out, token("shape", f"symbol {child.get(_q('w:font'), '')} {child.get(_q('w:char'), '')}"),
                           frozenset())
            elif name in ("drawing", "pict", "object"):
                self._object(child, out, flags)
            elif name in ("footnoteReference", "endnoteReference"):
                self._emit(out, token("field", f"{name[:-9].upper()} {child.get(_q('w:id'), '')}"), flags)

    # ---- images, shapes, text boxes
    def _object(self, el, out, flags) -> None:
        """An image counts by its bytes, a shape by its kind; text in it is a unit of its own."""
        tiny = False
        for ext in el.iter(f"{{{WP}}}extent", f"{{{A}}}ext"):
            cx, cy = _int(ext.get("cx")), _int(ext.get("cy"))
            if cx is not None and cy is not None and (cx < TINY_EMU or cy < TINY_EMU):
                tiny = True
        hidden = any(d.get("hidden") in ("1", "true") for d in el.iter(f"{{{WP}}}docPr"))
        found = False
        for blip in el.iter(f"{{{A}}}blip", f"{{{V}}}imagedata"):
            rid = blip.get(_q("r:embed")) or blip.get(_q("r:id")) or blip.get(_q("r:link")) or ""
            kind, target, external = self.rels.get(rid, ("", "", False))
            if external or not target:
                digest = "link:" + (target or rid)
            else:
                data = self.pkg.raw(target)
                digest = hashlib.sha256(data).hexdigest() if data is not None else "missing:" + target
            self._emit(out, mark({"tiny"} if tiny else set(), token("image", digest)) if not hidden
                       else mark({"hidden"}, token("image", digest)), flags - {"strike"})
            found = True
        if not found and _tag(el) in ("drawing", "pict", "object", "Choice"):
            kinds = {_tag(x) for x in el.iter() if isinstance(x.tag, str)}
            self._emit(out, token("object" if _tag(el) == "object" else "shape",
                                  ",".join(sorted(kinds & {"wsp", "shape", "rect", "oval", "line", "txbx", "textbox",
                                                           "wgp", "chart", "OLEObject"})) or "shape"), frozenset())
        for box in el.iter(_q("w:txbxContent")):
            self.blocks(box, Where(self.where_part, label="textbox"))

    # ---- block level
    def blocks(self, container, where: Where) -> None:
        caption = ""
        for child in container:
            name, ns = _tag(child), _ns(child)
            if ns == MC and name == "AlternateContent":
                choice = child.find(_q("mc:Choice"))
                if choice is not None:
                    self.blocks(choice, where)
                continue
            if ns != W:
                continue
            if name == "p":
                text, heading, is_caption = self.paragraph(child, where)
                if heading and where.part == "body" and where.cell is None:
                    where.section = text
                caption = text if is_caption else ""
                if text and where.cell is None:
                    self.units.append(Unit(where.part, text, where.section, None, where.label))
            elif name == "tbl":
                self.table(child, where, caption)
                caption = ""
            elif name == "sdt":
                content = child.find(_q("w:sdtContent"))
                if content is None:
                    continue
                if where.part == "body" and "Table of Contents" in _GALLERY(child):
                    self.blocks(content, Where("contents", label=where.label))
                else:
                    self.blocks(content, where)
            elif name in ("customXml", "ins", "moveTo"):
                self.blocks(child, where)

    def table(self, tbl, where: Where, caption: str) -> None:
        self.tables += 1
        number = self.tables
        tblpr = tbl.find(_q("w:tblPr"))
        style = _val(tblpr.find(_q("w:tblStyle"))) if tblpr is not None else None
        style = style or self.styles.default_table
        table_shd = _shading(tblpr.find(_q("w:shd"))) if tblpr is not None else None
        if table_shd is None:
            table_shd = self.styles.first(style, "shd")
        rows = [tr for tr in _rows(tbl)]
        header = bool(rows) and rows[0].find(f"{_q('w:trPr')}/{_q('w:tblHeader')}") is not None
        texts: list[list[str]] = []
        for r, tr in enumerate(rows):
            trpr = tr.find(_q("w:trPr"))
            height = trpr.find(_q("w:trHeight")) if trpr is not None else None
            clipped = (height is not None and _val(height, "w:hRule") == "exact"
                       and (_int(_val(height)) or 0) < CLIP_TWIPS)
            cells = list(_cells(tr))
            row_texts: list[str] = []
            for c, tc in enumerate(cells):
                cond = tuple(x for x, on in (("firstRow", r == 0), ("lastRow", r == len(rows) - 1),
                                             ("firstCol", c == 0), ("lastCol", c == len(cells) - 1)) if on)
                tcpr = tc.find(_q("w:tcPr"))
                cell_shd = _shading(tcpr.find(_q("w:shd"))) if tcpr is not None else None
                if cell_shd is None:
                    for s in self.styles.chain(style):
                        for x in cond:
                            shd = s.cond.get(x, ({}, None))[1]
                            cell_shd = shd if shd is not None else cell_shd
                label = ""
                if header and r > 0 and c < len(texts[0]):
                    label = texts[0][c]
                elif not header and c % 2 == 1 and row_texts:
                    label = row_texts[c - 1]
                inner = Where(where.part, where.section, (number, r + 1, c + 1), label or caption, style, cond,
                              (cell_shd or "", table_shd or "", *where.background), clipped or where.clipped)
                text = self.cell(tc, inner)
                row_texts.append(text)
                self.units.append(Unit(where.part, text, where.section, (number, r + 1, c + 1), label or caption))
            texts.append(row_texts)

    def cell(self, tc, where: Where) -> str:
        """The cell's paragraphs (nested tables' cells separated by ' | '), lines joined by \\n."""
        out = []
        for child in _flatten(tc):
            if _tag(child) == "p":
                text = self.paragraph(child, where)[0]
                if text:
                    out.append(text)
            elif _tag(child) == "tbl":
                for tr in _rows(child):
                    out.append(" | ".join(self.cell(c, where) for c in _cells(tr)))
        return "\n".join(out)

    # ---- a part of the package
    def part(self, name: str, label: str, kind: str, where_part: str) -> None:
        root = self.pkg.xml(name)
        saved = self.rels, self.part_name, self.where_part
        self.rels, self.part_name, self.where_part = self.pkg.rels(name), name, where_part
        start = len(self.units)
        if root is not None:
            self.blocks(root, Where(where_part, label=label))
        self.fields = []
        self.rels, self.part_name, self.where_part = saved
        if kind == "hf":  # a page header is one unit, empty when there is none
            text = "\n".join(u.text for u in self.units[start:] if u.part == where_part and u.cell is None)
            cells = [u for u in self.units[start:] if u.cell is not None]
            del self.units[start:]
            self.units.append(Unit(where_part, text, "", None, label))
            self.units.extend(Unit(where_part, u.text, "", u.cell, label) for u in cells)


def _flatten(el) -> Iterator:
    for child in el:
        name = _tag(child)
        if name in ("p", "tbl"):
            yield child
        elif name in ("sdt", "customXml", "sdtContent", "ins", "moveTo"):
            yield from _flatten(child)


def _rows(tbl) -> Iterator:
    for child in tbl:
        name = _tag(child)
        if name == "tr":
            yield child
        elif name in ("sdt", "customXml", "sdtContent"):
            yield from _rows(child)


def _cells(tr) -> Iterator:
    for child in tr:
        name = _tag(child)
        if name == "tc":
            yield child
        elif name in ("sdt", "customXml", "sdtContent"):
            yield from _cells(child)


def _join(segments: list[tuple[str, frozenset[str]]]) -> str:
    """Runs with the same marks joined; whitespace collapsed line by line; empty lines dropped."""
    merged: list[tuple[str, frozenset[str]]] = []
    for text, flags in segments:
        if merged and merged[-1][1] == flags:
            merged[-1] = (merged[-1][0] + text, flags)
        else:
            merged.append((text, flags))
    out = []
    for text, flags in merged:
        if flags and text.strip():
            out.append(mark(flags, " ".join(text.split())))
        elif not flags:
            out.append(text)
    return "\n".join(n for n in (norm(x) for x in "".join(out).split("\n")) if n)


# ------------------------------------------------------------------ headers and footers per page


def _sections(body) -> list:
    """The w:sectPr of every section in order (in paragraphs, then the body's own)."""
    found = [p.find(f"{_q('w:pPr')}/{_q('w:sectPr')}") for p in body.iter(_q("w:p"))]
    last = body.find(_q("w:sectPr"))
    return [s for s in found if s is not None] + ([last] if last is not None else [])


def _page_furniture(reader: Reader, pkg: Package, body, settings) -> None:
    """Each section's header and footer as its pages show them: the first page, odd and even."""
    rels = pkg.rels(pkg.main)
    even_odd = settings is not None and _on(settings.find(_q("w:evenAndOddHeaders"))) is True
    current: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
    sections = _sections(body) or [None]
    for n, sect in enumerate(sections, 1):
        title_pg = sect is not None and _on(sect.find(_q("w:titlePg"))) is True
        for kind in ("header", "footer"):
            refs = {} if sect is None else {
                _val(ref, "w:type") or "default": ref.get(_q("r:id"), "")
                for ref in sect.iterfind(_q(f"w:{kind}Reference"))}
            for t, rid in refs.items():  # a section without a reference inherits the previous one's
                current[kind][t] = rels.get(rid, ("", "", False))[1]
            pages = {"default": current[kind].get("default")}
            if title_pg:
                pages["first"] = current[kind].get("first")
            if even_odd:
                pages["even"] = current[kind].get("even")
            if len(set(pages.values())) == 1:
                pages = {"default": pages["default"]}
            for page, target in pages.items():
                label = f"{n}:{page}" if len(sections) > 1 else page
                if target:
                    reader.part(target, label, "hf", kind)
                else:
                    reader.units.append(Unit(kind, "", "", None, label))


def _properties(pkg: Package) -> dict[str, str]:
    root = pkg.xml("docProps/custom.xml")
    out = {}
    for p in root if root is not None else ():
        name = str(p.get("name", ""))
        if name.startswith("relgui."):
            out[name[7:]] = "".join(p.itertext())
    return out


def properties(data: bytes) -> dict[str, str]:
    """relgui's custom properties of a .docx (kind, number, content_sha256 …), nothing else read."""
    return _properties(Package(data))


TITLES = {"发布计划": "plan", "发布变更报告": "report"}


def _identity(pkg: Package, units: list[Unit]) -> dict[str, str]:
    """Which document the file says it is: relgui's custom properties, else what it shows (the
    title, 文件编号 and 版本 of the first page); ``shown_*`` are always what the reader sees."""
    props = _properties(pkg)
    first = [u for u in units if u.part == "body" and u.cell and u.cell[0] == 1]
    shown = {u.label: u.text for u in first if u.label}
    header = next((u.text for u in units if u.part == "header" and u.text), "")
    number = re.search(r"文件编号[:：]\s*(\S+)", header)
    title = next((TITLES[u.text] for u in units if u.part == "body" and u.text in TITLES), "")
    out = {"kind": props.get("kind") or title, "number": props.get("number") or shown.get("文件编号", "")
           or (number.group(1) if number else ""),
           "version": shown.get("版本", ""), "as_of": props.get("as_of", ""), "revision": props.get("revision", ""),
           "shown_number": shown.get("文件编号", ""), "shown_kind": title,
           "content_sha256": props.get("content_sha256", ""), "generated": "1" if props else ""}
    if not out["version"] and out["kind"] == "plan" and props.get("revision", "").isdigit():
        out["version"] = f"V{props['revision']}"
    return out


def quick_identity(data: bytes) -> dict[str, str]:
    """The identity of a .docx relgui made, from its custom properties and embedded model
    (版本 as printed), without reading the document; the full read when the model is gone."""
    pkg = Package(data)
    props = _properties(pkg)
    raw = pkg.raw("relgui/model.json")
    version = ""
    if raw:
        try:
            model = json.loads(raw.decode("utf-8"))
            version = next((v for part in model.get("parts", []) for b in part.get("blocks", [])
                            if b.get("type") == "KeyValue" for k, v in b.get("pairs", []) if k == "版本"), "")
        except (ValueError, AttributeError, TypeError):
            version = ""
    if not props or not version:
        return content(data).identity
    return {"kind": props.get("kind", ""), "number": props.get("number", ""), "version": version,
            "as_of": props.get("as_of", ""), "revision": props.get("revision", ""),
            "content_sha256": props.get("content_sha256", ""), "generated": "1"}


def content(data: bytes) -> Content:
    """Everything a reader of this .docx sees, part by part; ValueError when it is unreadable."""
    pkg = Package(data)
    root = pkg.xml(pkg.main)
    if root is None or root.find(_q("w:body")) is None:
        raise ValueError("no w:body")
    reader = Reader(pkg)
    bg = root.find(_q("w:background"))
    page_colour = _val(bg, "w:color") if bg is not None else None
    if page_colour is not None and _rgb(page_colour):
        reader.page = page_colour
    body = root.find(_q("w:body"))
    settings_name = next((t for _i, (k, t, _e) in pkg.rels(pkg.main).items() if k == "settings"), None)
    settings = pkg.xml(settings_name) if settings_name else None
    _page_furniture(reader, pkg, body, settings)
    reader.rels = pkg.rels(pkg.main)
    reader.blocks(body, Where("body", section="文件信息"))
    reader.fields = []
    for _id, (kind, target, external) in sorted(pkg.rels(pkg.main).items()):
        if external:
            continue
        if kind in ("footnotes", "endnotes"):
            _notes(reader, target, kind)
        elif kind == "comments":
            reader.part(target, "comments", "", "comments")
    units = reader.units
    order = {p: i for i, p in enumerate(("header", "body", "contents", "footer", "notes", "comments"))}
    units = sorted(units, key=lambda u: order.get(u.part, 9))  # stable: reading order within a part
    return Content("docx", tuple(units), _identity(pkg, units))


def _notes(reader: Reader, name: str, kind: str) -> None:
    root = reader.pkg.xml(name)
    if root is None:
        return
    saved = reader.rels
    reader.rels = reader.pkg.rels(name)
    for note in root:
        if _val(note, "w:type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        reader.blocks(note, Where("notes", label=f"{kind[:-1]} {note.get(_q('w:id'), '')}"))
    reader.rels = saved


def embedded(data: bytes) -> dict | None:
    """The document model relgui embedded (relgui/model.json), None when it is not there."""
    try:
        raw = Package(data).raw("relgui/model.json")
        return json.loads(raw.decode("utf-8")) if raw else None
    except (ValueError, UnicodeDecodeError):
        return None


# ------------------------------------------------------------------ the body's lines (older callers)


def paragraph_text(p) -> str:
    out = []
    for el in _TEXT(p):
        name = _tag(el)
        if name == "t":
            out.append(el.text or "")
        elif name == "tab":
            if _tag(el.getparent()) == "r":  # a tab stop definition in w:pPr is no text
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _blocks(container) -> Iterator[str]:
    for child in container:
        name = _tag(child)
        if name == "p":
            yield paragraph_text(child)
        elif name == "tbl":
            for tr in child.iterchildren(f"{{{W}}}tr"):
                for tc in tr.iterchildren(f"{{{W}}}tc"):
                    yield from _blocks(tc)
        elif name == "sdt":
            if "Table of Contents" in _GALLERY(child):
                continue
            content_ = child.find(f"{{{W}}}sdtContent")
            if content_ is not None:
                yield from _blocks(content_)


def body(data: bytes) -> etree._Element:
    """The w:body of a .docx; ValueError when it is no readable Word document."""
    pkg = Package(data)
    root = pkg.xml("word/document.xml")
    found = root.find(f"{{{W}}}body") if root is not None else None
    if found is None:
        raise ValueError("no w:body")
    return found


def units(data: bytes) -> list[str]:
    """Every comparable line of the document body, in reading order."""
    return [x for text in _blocks(body(data)) for x in lines(text)]
