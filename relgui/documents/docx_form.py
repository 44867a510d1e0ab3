"""The company's form in Word (R-DOC-FORM): template, styles, A4 page, header and footer.

The look comes from a template: the bundled resources/templates/relgui.docx, or the
company's own (relgui.services.company.template). Styles are found by *name*, because
Chinese Word gives built-in styles ids like "1" or "a"; a style the company template lacks
is copied in from the bundled one, so any .docx works as a template and its own styles win.
"""

from __future__ import annotations

import copy
import io
from importlib import resources

import docx
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from relgui.documents import fmt

# Model style → style name in the template.
NAMES = {
    "body": "normal", "plain": "normal", "label": "relgui label", "note": "relgui note",
    "company": "relgui company", "title": "title", "subtitle": "subtitle", "caption": "caption",
    "h1": "heading 1", "h2": "heading 2", "h3": "heading 3", "toc_heading": "toc heading",
    "toc1": "toc 1", "toc2": "toc 2", "toc3": "toc 3", "header": "header", "footer": "footer",
    "table": "table grid", "cell": "relgui table text", "cell_head": "relgui table header",
}
A4 = (11906, 16838)  # twips; R-DOC-FORM: printable on A4 whatever the template says
TWIP = 635  # EMU per twip


def bundled_template() -> bytes:
    return resources.files("relgui.resources").joinpath("templates/relgui.docx").read_bytes()


def _names(styles) -> dict[str, str]:
    """lower-case style name → styleId."""
    out: dict[str, str] = {}
    for s in styles.findall(qn("w:style")):
        name = s.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")).lower(), s.get(qn("w:styleId")))
    return out


_BUNDLED_STYLES = None


def _bundled_styles():
    global _BUNDLED_STYLES
    if _BUNDLED_STYLES is None:
        _BUNDLED_STYLES = docx.Document(io.BytesIO(bundled_template())).styles.element
    return _BUNDLED_STYLES


def ensure_styles(doc) -> dict[str, str]:
    """Model style → styleId in ``doc``, copying in what the template lacks."""
    target = doc.styles.element
    have = _names(target)
    source = _bundled_styles()
    by_id = {s.get(qn("w:styleId")): s for s in source.findall(qn("w:style"))}
    src_names = _names(source)
    src_ids = {v: k for k, v in src_names.items()}
    for name in dict.fromkeys(NAMES.values()):
        if name in have:
            continue
        style = copy.deepcopy(by_id[src_names[name]])
        sid = style.get(qn("w:styleId"))
        if sid in set(have.values()):
            sid = "relgui" + sid
            style.set(qn("w:styleId"), sid)
        for ref in ("w:basedOn", "w:next"):  # point at the same-named style of the company template
            el = style.find(qn(ref))
            if el is not None:
                el.set(qn("w:val"), have.get(src_ids.get(el.get(qn("w:val")), ""), el.get(qn("w:val"))))
        for el in style.findall(qn("w:link")):
            style.remove(el)
        target.append(style)
        have[name] = sid
    return {key: have[name] for key, name in NAMES.items()}


_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "decimalSymbol", "listSeparator")


def _settings(doc) -> None:
    """Word refreshes the contents and page fields on opening; East-Asian theme text is Chinese."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        el = etree.SubElement(settings, qn("w:updateFields"))
        el.set(qn("w:val"), "true")
        later = next((settings.find(qn(f"w:{t}")) for t in _AFTER_UPDATE_FIELDS
                      if settings.find(qn(f"w:{t}")) is not None), None)
        if later is not None:
            later.addprevious(el)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:  # a template saved with ja-JP would print Chinese in a Japanese face
        lang.set(qn("w:eastAsia"), "zh-CN")


def open_template(template: bytes | None):
    """The template as an empty document on an A4 page, ready to be filled."""
    try:
        doc = docx.Document(io.BytesIO(template or bundled_template()))
    except Exception as exc:  # noqa: BLE001 - any unreadable template is the caller's InvalidInput
        raise ValueError(f"{type(exc).__name__}: {exc}") from None
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    section = doc.sections[0]
    section.page_width, section.page_height = Emu(A4[0] * TWIP), Emu(A4[1] * TWIP)
    _settings(doc)
    return doc


def text_width(doc) -> int:
    """The width between the margins, in twips."""
    s = doc.sections[0]
    return int((s.page_width - (s.left_margin or 0) - (s.right_margin or 0)) / TWIP)


_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def add_text(p, text: str) -> None:
    """One run holding ``text``: tabs become w:tab, line breaks w:br (a stored one-line value
    may still hold one), everything else is literal."""
    r = etree.SubElement(p, qn("w:r"))
    for i, line in enumerate(fmt.clean(text).split("\n")):
        if i:
            etree.SubElement(r, qn("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, qn("w:tab"))
            if piece:
                t = etree.SubElement(r, qn("w:t"))
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(_SPACE, "preserve")


def _fld_char(parent, kind: str) -> None:
    etree.SubElement(etree.SubElement(parent, qn("w:r")), qn("w:fldChar")).set(qn("w:fldCharType"), kind)


def field_start(parent, instr: str) -> None:
    """Begin a field: its code, then the separator after which Word keeps the result."""
    _fld_char(parent, "begin")
    t = etree.SubElement(etree.SubElement(parent, qn("w:r")), qn("w:instrText"))
    t.set(_SPACE, "preserve")
    t.text = f" {instr} "
    _fld_char(parent, "separate")


def field_end(parent) -> None:
    _fld_char(parent, "end")


def field(parent, instr: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES, PAGEREF …) with the result shown until Word updates it."""
    field_start(parent, instr)
    if shown:
        etree.SubElement(etree.SubElement(parent, qn("w:r")), qn("w:t")).text = shown
    field_end(parent)


def _fresh(part_element, style_id: str, width: int):
    for child in list(part_element):
        part_element.remove(child)
    p = etree.SubElement(part_element, qn("w:p"))
    ppr = etree.SubElement(p, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), style_id)
    tabs = etree.SubElement(ppr, qn("w:tabs"))
    for kind, pos in (("center", width // 2), ("right", width)):
        tab = etree.SubElement(tabs, qn("w:tab"))
        tab.set(qn("w:val"), kind)
        tab.set(qn("w:pos"), str(pos))
    return p


def header_footer(doc, ids: dict[str, str], company: str, doc_title: str, number: str, version: str = "") -> None:
    """Header: company, title, 文件编号 and 版本 (on every page, as the PDF face has them);
    footer: 第 X 页 共 Y 页 as PAGE / NUMPAGES fields."""
    section, width = doc.sections[0], text_width(doc)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    p = _fresh(section.header._element, ids["header"], width)
    add_text(p, f"{company}\t{doc_title}\t文件编号：{number}" + (f"　版本：{version}" if version else ""))
    p = _fresh(section.footer._element, ids["footer"], width)
    p.find(qn("w:pPr")).remove(p.find(qn("w:pPr")).find(qn("w:tabs")))
    add_text(p, "第 ")
    field(p, "PAGE", "1")
    add_text(p, " 页 共 ")
    field(p, "NUMPAGES", "1")
    add_text(p, " 页")
