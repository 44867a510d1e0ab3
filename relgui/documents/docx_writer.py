"""Document model → .docx bytes (R-DOC-PLAN, R-DOC-REPORT, R-DOC-FORM).

Body elements are built directly with lxml (python-docx's cell API re-walks the table grid
on every access, which made long tables slow); styles, page, header and footer come from
the template through relgui.documents.docx_form. Every text passes ``fmt.clean`` once
more, so whatever is stored, the result is a valid document.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from relgui.documents import docx_form, fmt, package
from relgui.documents.docx_form import add_text
from relgui.documents.layout import column_widths
from relgui.documents.model import (
    Contents,
    DocModel,
    Heading,
    KeyValue,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)

_SUB = etree.SubElement
LABEL_FILL = "F2F2F2"
KEEP_ROW = 400  # characters: a row shorter than this never breaks across pages; a longer one
                # may be taller than a page and must be allowed to break


def _p(parent, style_id: str, text: str = ""):
    p = _SUB(parent, qn("w:p"))
    _SUB(_SUB(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), style_id)
    if text:
        add_text(p, text)
    return p


class Writer:
    """Appends the blocks of a model to the body of a prepared template document."""

    def __init__(self, doc, ids: dict[str, str], headings: list[Heading]):
        self.body = doc.element.body
        self.sect = self.body.find(qn("w:sectPr"))
        self.ids, self.width = ids, docx_form.text_width(doc)
        self.toc = [(h, f"_Toc{i:06d}") for i, h in enumerate(headings, 1)]
        self.next_heading = 0
        self.break_before = False

    def _add(self, el) -> None:
        self.sect.addprevious(el)

    def _para(self, style: str, text: str):
        p = etree.Element(qn("w:p"))
        ppr = _SUB(p, qn("w:pPr"))
        _SUB(ppr, qn("w:pStyle")).set(qn("w:val"), self.ids[style])
        if self.break_before:  # a page break carried by the next paragraph: no empty line on top
            _SUB(ppr, qn("w:pageBreakBefore"))
            self.break_before = False
        if text:
            add_text(p, text)
        self._add(p)
        return p

    def paragraph(self, b: Paragraph) -> None:
        self._para(b.style if b.style in self.ids else "body", b.text)

    def heading(self, b: Heading) -> None:
        p = self._para(f"h{min(b.level, 3)}", "")
        h, name = self.toc[self.next_heading]
        self.next_heading += 1
        start = _SUB(p, qn("w:bookmarkStart"))
        start.set(qn("w:id"), str(self.next_heading))
        start.set(qn("w:name"), name)
        add_text(p, b.full)
        _SUB(p, qn("w:bookmarkEnd")).set(qn("w:id"), str(self.next_heading))

    def page_break(self, _b: PageBreak) -> None:
        self.break_before = True

    def contents(self, b: Contents) -> None:
        """The contents in a content control: one line per heading, its page number a PAGEREF
        field to the heading's bookmark. Not a TOC field: LibreOffice keeps a TOC field's
        stored text as it is, but computes PAGEREF on layout; Word updates both on opening
        (updateFields)."""
        sdt = etree.Element(qn("w:sdt"))
        obj = _SUB(_SUB(sdt, qn("w:sdtPr")), qn("w:docPartObj"))
        _SUB(obj, qn("w:docPartGallery")).set(qn("w:val"), "Table of Contents")
        _SUB(obj, qn("w:docPartUnique"))
        content = _SUB(sdt, qn("w:sdtContent"))
        self._add(sdt)
        head = _p(content, self.ids["toc_heading"], b.title)
        if self.break_before:
            head.find(qn("w:pPr")).append(etree.Element(qn("w:pageBreakBefore")))
            self.break_before = False
        for h, name in self.toc:
            p = _p(content, self.ids[f"toc{min(h.level, 3)}"])
            tab = _SUB(_SUB(p.find(qn("w:pPr")), qn("w:tabs")), qn("w:tab"))
            tab.set(qn("w:val"), "right")
            tab.set(qn("w:leader"), "dot")
            tab.set(qn("w:pos"), str(self.width))
            link = _SUB(p, qn("w:hyperlink"))
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            add_text(link, f"{h.full}\t")
            docx_form.field(link, f"PAGEREF {name} \\h", "")

    def _row(self, tbl, cells: list[str], widths: list[int], *, header: bool = False,
             labels: tuple[int, ...] = (), keep: bool = False) -> None:
        tr = _SUB(tbl, qn("w:tr"))
        if header or keep or sum(map(len, cells)) < KEEP_ROW:
            trpr = _SUB(tr, qn("w:trPr"))
            _SUB(trpr, qn("w:cantSplit"))
            if header:  # repeated at the top of every page the table runs onto
                _SUB(trpr, qn("w:tblHeader"))
        for i, text in enumerate(cells):
            tc = _SUB(tr, qn("w:tc"))
            tcpr = _SUB(tc, qn("w:tcPr"))
            w = _SUB(tcpr, qn("w:tcW"))
            w.set(qn("w:w"), str(widths[i]))
            w.set(qn("w:type"), "dxa")
            if header or i in labels:
                shd = _SUB(tcpr, qn("w:shd"))
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), LABEL_FILL)
            style = self.ids["cell_head" if header or i in labels else "cell"]
            for line in fmt.clean(text).split("\n") or [""]:
                p = _p(tc, style, line)
                if keep:
                    _SUB(p.find(qn("w:pPr")), qn("w:keepNext"))

    def _table(self, widths: list[int]):
        previous = self.sect.getprevious()
        if previous is not None and previous.tag == qn("w:tbl"):
            self._para("note", "")  # Word joins two tables that touch into one
        tbl = etree.Element(qn("w:tbl"))
        pr = _SUB(tbl, qn("w:tblPr"))
        _SUB(pr, qn("w:tblStyle")).set(qn("w:val"), self.ids["table"])
        tw = _SUB(pr, qn("w:tblW"))
        tw.set(qn("w:w"), str(sum(widths)))
        tw.set(qn("w:type"), "dxa")
        _SUB(pr, qn("w:tblLayout")).set(qn("w:type"), "fixed")
        grid = _SUB(tbl, qn("w:tblGrid"))
        for w in widths:
            _SUB(grid, qn("w:gridCol")).set(qn("w:w"), str(w))
        self._add(tbl)
        return tbl

    def table(self, b: Table) -> None:
        widths = column_widths(b.columns, b.rows, self.width)
        tbl = self._table(widths)
        self._row(tbl, list(b.columns), widths, header=True)
        for row in b.rows:
            self._row(tbl, list(row) + [""] * (len(b.columns) - len(row)), widths)

    def key_value(self, b: KeyValue, keep: bool = False) -> None:
        share = [28, 72] if b.per_row == 1 else [16, 34] * b.per_row
        widths = [self.width * s // sum(share) for s in share]
        tbl = self._table(widths)
        for row in b.rows():
            self._row(tbl, row, widths, labels=tuple(range(0, len(row), 2)), keep=keep)

    def signature(self, b: SignatureBlock) -> None:
        """R-DOC-SIGN: kept on one page, the rows never split."""
        self.key_value(KeyValue(b.pairs(), per_row=2), keep=True)
        self._para("plain", "")

    def write(self, model: DocModel) -> None:
        handlers: dict[type, Callable[[Any], None]] = {
            Heading: self.heading, Paragraph: self.paragraph, KeyValue: self.key_value, Table: self.table,
            SignatureBlock: self.signature, Contents: self.contents, PageBreak: self.page_break}
        for part in model.parts:
            for block in part.blocks:
                handlers[type(block)](block)


def _stamp(model: DocModel) -> dt.datetime:
    """The document's own time (the revision, the closure, the draft's as-of): never 'now',
    so rendering the same model twice gives the same bytes."""
    raw = model.basis.get("time") or "2000-01-01T00:00:00+00:00"
    return dt.datetime.fromisoformat(raw).astimezone(dt.UTC).replace(tzinfo=None)


def _core(doc, model: DocModel) -> None:
    cp = doc.core_properties
    cp.title = fmt.clean(f"{model.number} {model.title} {model.doc_title}")[:255]
    cp.subject, cp.category = model.doc_title, model.doc_title
    cp.author = cp.last_modified_by = fmt.clean(model.company)[:255]
    cp.identifier, cp.keywords, cp.language = model.number, "relgui", "zh-CN"
    cp.created = cp.modified = _stamp(model)
    cp.revision = 1


def properties(model: DocModel) -> dict[str, str]:
    """What ``doc verify`` needs to rebuild the same document from the database."""
    basis = model.basis
    return {"kind": model.kind, "number": model.number, "revision": str(basis.get("revision") or ""),
            "as_of": str(basis.get("as_of") or ""), "profile": str(basis.get("profile") or ""),
            "content_sha256": model.digest()}


def render(model: DocModel, template: bytes | None = None) -> bytes:
    doc = docx_form.open_template(template)
    ids = docx_form.ensure_styles(doc)
    docx_form.header_footer(doc, ids, model.company, model.doc_title, model.doc_number, model.version)
    Writer(doc, ids, model.headings()).write(model)
    _core(doc, model)
    out = io.BytesIO()
    doc.save(out)
    return package.embed(out.getvalue(), properties(model), model.to_json())
