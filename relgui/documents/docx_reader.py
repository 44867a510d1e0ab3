"""Reading a .docx back: the lines a reader sees, in order, for ``doc verify`` and the tests.

Paragraph text is what Word shows: runs, tabs and line breaks, inserted (tracked) text,
field *results* but never field codes. The table of contents is skipped: it only repeats
the headings, and Word rewrites it whenever fields are updated.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from relgui.documents.model import lines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT = etree.XPath(".//w:t | .//w:tab | .//w:br | .//w:cr", namespaces={"w": W})
_GALLERY = etree.XPath("w:sdtPr/w:docPartObj/w:docPartGallery/@w:val", namespaces={"w": W})


def _tag(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


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
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from _blocks(content)


def body(data: bytes) -> etree._Element:
    """The w:body of a .docx; ValueError when it is no readable Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from None
    found = root.find(f"{{{W}}}body")
    if found is None:
        raise ValueError("no w:body")
    return found


def units(data: bytes) -> list[str]:
    """Every comparable line of the document body, in reading order."""
    return [x for text in _blocks(body(data)) for x in lines(text)]
