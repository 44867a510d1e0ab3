"""What a reader sees in a document, and how two documents compare (R-DOC-SIGN, R-4.4.2-ARCHIVE).

A *reader* (one per file format: ``relgui.documents.docx_reader.content`` for .docx, a PDF
reader beside it) turns a file into a ``Content``: every visible unit in reading order, each
with the part it is in (page header, body, contents, footer, notes, comments), the section
heading it falls under and, in a table, its table, row and column. Empty table cells are
units too, so a value moved into an empty cell is a difference. Formatting that hides or
changes what a reader sees is written into the text as a *mark* (⟦hidden:…⟧, ⟦colour:…⟧ …),
fields as their code (⟦field:PAGE⟧: the page number is computed, the field is content), images
as the SHA-256 of their bytes (⟦image:…⟧). Two files hold the same content when their units
are equal; ``differences`` names each unit that differs, with what the reference says and
what the file says.

``diff`` (the line diff of a rebuilt model against a file's lines) stays for older callers.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from relgui.domain.messages import pick, words

# ------------------------------------------------------------------ the content of a face

PARTS = ("header", "body", "contents", "footer", "notes", "comments")
OPEN, CLOSE = "\u27e6", "\u27e7"   # ⟦ ⟧ around a mark: ⟦flags:text⟧
TOPEN, TCLOSE = "\u27ea", "\u27eb"  # ⟪ ⟫ around a token: ⟪field:PAGE⟫, ⟪image:sha256⟫ (may be in a mark)
FLAGS = ("hidden", "colour", "tiny", "scaled", "clipped", "strike", "symbol", "deleted", "inserted", "moved")
TOKENS = ("field", "image", "shape", "object")
_MARK = re.compile("\u27e6([a-z+]+):(.*?)\u27e7", re.S)
_TOKEN = re.compile("\u27ea([a-z]+):(.*?)\u27eb", re.S)


def mark(flags: set[str] | frozenset[str], text: str) -> str:
    """``text`` as a reader would miss or misread it: hidden, white on white, tiny …"""
    return f"{OPEN}{'+'.join(f for f in FLAGS if f in flags)}:{text}{CLOSE}" if flags and text else text


def token(kind: str, value: str) -> str:
    return f"{TOPEN}{kind}:{value}{TCLOSE}"


@dataclass(frozen=True)
class Unit:
    """One thing a reader sees: a paragraph, a table cell (empty or not), a page header …"""

    part: str                       # one of PARTS
    text: str                       # the visible text, marks inline; lines joined by "\n"
    section: str = ""               # the heading it falls under ("3.2. 部署步骤"); 文件信息 before any
    cell: tuple[int, int, int] | None = None   # (table, row, column), 1-based, in a table
    label: str = ""                 # the cell's column header or row label; a header's page kind

    def key(self) -> tuple:
        """What is compared: the text and, in a table, where in the table it stands."""
        return (self.cell[1:] if self.cell else None, self.text)


@dataclass(frozen=True)
class Content:
    """A document face as a reader sees it. ``exact``: the reader knows the structure (tables,
    cells, parts), as a .docx reader does; False for a face read as lines of text (a PDF),
    which is then compared part by part as running text."""

    format: str                     # docx | pdf
    units: tuple[Unit, ...]
    identity: dict[str, str] = field(default_factory=dict)  # kind, number, version, as_of, title …
    exact: bool = True

    def part(self, name: str) -> list[Unit]:
        return [u for u in self.units if u.part == name]

    def digest(self) -> str:
        """SHA-256 of what a reader sees (not of the package): equal for a file re-saved by
        Word or LibreOffice, different for any visible change."""
        data = [[u.part, list(u.cell[1:]) if u.cell else None, u.text] for u in self.units]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()

    def lines(self) -> list[str]:
        return [u.text for u in self.units]


@dataclass(frozen=True)
class Change:
    """One unit that differs: ``expected`` is the reference's (None: not there), ``found`` the file's."""

    part: str
    section: str
    cell: tuple[int, int, int] | None
    label: str
    expected: str | None
    found: str | None
    page: int = 0                   # a fixed-layout face (PDF): the page, 1-based; 0: not by page

    def params(self) -> dict[str, Any]:
        return {"part": self.part, "section": self.section, "cell": list(self.cell) if self.cell else None,
                "label": self.label, "expected": self.expected, "found": self.found, "page": self.page}


def _pairs(a: list[Unit], b: list[Unit], keys_a: list, keys_b: list) -> list[Change]:
    out = []
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            ea = a[i1 + k] if i1 + k < i2 else None
            fb = b[j1 + k] if j1 + k < j2 else None
            where = ea or fb
            assert where is not None  # k is below the longer side's count
            section = where.section
            if ea is None and fb is not None and not fb.section and i1 > 0:
                section = a[i1 - 1].section
            out.append(Change(where.part, section, where.cell, where.label,
                              ea.text if ea else None, fb.text if fb else None))
    return out


_COMPUTED = re.compile("\u27eafield:(?:PAGE|NUMPAGES|SECTIONPAGES|PAGEREF)\\b[^\u27eb]*\u27eb")


def _flow(units: list[Unit], computed: bool) -> str:
    """Running text without whitespace. Where the reference has computed fields (page numbers:
    the footer, the contents), every number is compared as '#', the field's code too."""
    text = _COMPUTED.sub("#", "".join(u.text for u in units))
    text = "".join(text.split())
    return re.sub(r"[\d#]+", "#", text) if computed else text  # a page number may touch the next line's


def _flow_changes(part: str, a: list[Unit], b: list[Unit]) -> list[Change]:
    """A face read as lines of text (a PDF) against the reference, as running text; a page
    header or footer, repeated on every page, must be one the reference has."""
    computed = any(_COMPUTED.search(u.text) for u in a)
    if part in ("header", "footer"):
        allowed = {_flow([u], computed) for u in a}
        return [Change(part, "", None, u.label, a[0].text if a else None, u.text)
                for u in b if _flow([u], computed) not in allowed] + \
               ([Change(part, "", None, "", a[0].text, None)] if a and any(x.text for x in a) and not b else [])
    want, got = _flow(a, computed), _flow(b, computed)
    if want == got:
        return []
    out = []
    at = next((u for u in a if u.text), None)
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.append(Change(part, at.section if at else "", None, "",
                              want[max(0, i1 - 6):i2 + 6] if i2 > i1 else None,
                              got[max(0, j1 - 6):j2 + 6] if j2 > j1 else None))
    return out


def differences(expected: Content, found: Content) -> list[Change]:
    """Every unit of ``found`` that is not as in ``expected``, part by part, in reading order."""
    out: list[Change] = []
    exact = expected.exact and found.exact
    for part in PARTS:
        a, b = expected.part(part), found.part(part)
        if exact:
            out += _pairs(a, b, [u.key() for u in a], [u.key() for u in b])
        else:
            out += _flow_changes(part, a, b)
    return out


def same(expected: Content, found: Content) -> bool:
    return not differences(expected, found)


# ------------------------------------------------------------------ showing marks in words

MARK_NAMES = {
    "hidden": ("隐藏文字", "hidden text"), "colour": ("与背景同色", "same colour as the background"),
    "tiny": ("字号过小", "tiny font"), "scaled": ("字符缩放过小", "squeezed characters"),
    "clipped": ("被行高裁去", "clipped by the line height"), "strike": ("删除线", "struck through"),
    "symbol": ("符号字体", "symbol font"), "deleted": ("修订删除", "tracked deletion"),
    "inserted": ("修订插入", "tracked insertion"), "moved": ("位置与归档不同", "not where the archive has it"),
    "image": ("图片", "image"), "shape": ("图形", "shape"),
    "object": ("嵌入对象", "embedded object"),
}


FIELD_NAMES = {"PAGE": ("页码", "page"), "PAGEREF": ("页码", "page"), "NUMPAGES": ("总页数", "pages"),
               "SECTIONPAGES": ("本节页数", "section pages")}


def shown(text: str | None, lang: str = "zh_CN", limit: int = 80) -> str:
    """A unit's text for a message: marks in words (【隐藏文字：…】), fields as {PAGE}."""
    if text is None:
        return words("doc_text_none", lang)
    if text == "":
        return words("doc_text_empty", lang)
    mark, marked = words("doc_text_mark", lang), words("doc_text_marked", lang)

    def tok(m: re.Match) -> str:
        kind, value = m.group(1), m.group(2)
        if kind == "field":
            name = value.split()[0].upper() if value.split() else ""
            return "{" + (pick(FIELD_NAMES[name], lang) if name in FIELD_NAMES else value) + "}"
        return mark.format(name=pick(MARK_NAMES.get(kind, (kind, kind)), lang), value=value[:12])

    def one(m: re.Match) -> str:
        names = ", ".join(pick(MARK_NAMES.get(k, (k, k)), lang) for k in m.group(1).split("+"))
        return marked.format(names=names, text=m.group(2))

    out = _MARK.sub(one, _TOKEN.sub(tok, text)).replace("\n", " / ")
    return out if len(out) <= limit else out[:limit - 1] + "…"


# ------------------------------------------------------------------ the line diff (older callers)


@dataclass(frozen=True)
class Difference:
    part: str
    expected: str
    found: str


def _short(lines: list[str], limit: int = 60) -> str:
    text = " / ".join(lines[:2])
    return text if len(text) <= limit else text[:limit - 1] + "…"


def diff(expected: list[tuple[str, str]], found: list[str]) -> list[Difference]:
    """One Difference per part that differs, in document order (a model's units against lines)."""
    want = [t for _, t in expected]
    matcher = difflib.SequenceMatcher(None, want, found, autojunk=False)
    out: dict[str, Difference] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:
            keys = [expected[i][0] for i in range(i1, i2)]
        else:  # lines added: they belong to the part they follow
            keys = [expected[max(i1 - 1, 0)][0]] if expected else ["?"]
        for key in dict.fromkeys(keys):
            if key not in out:
                mine = [want[i] for i in range(i1, i2) if expected[i][0] == key]
                out[key] = Difference(key, _short(mine), _short(found[j1:j2]))
    order = {key: i for i, (key, _) in reversed(list(enumerate(expected)))}
    return sorted(out.values(), key=lambda d: order.get(d.part, len(expected)))
