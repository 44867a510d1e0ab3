"""The document model: a generated document as plain data, built once, rendered twice.

A document is a sequence of *parts* (the company header, the revision record, each plan
section, the signatures …); a part is a sequence of blocks. The .docx renderer
(relgui.documents.docx_writer) and the Qt renderer (relgui.gui.docview) both draw exactly
the text units that ``DocModel.units()`` lists, so a test can prove they agree and
``doc verify`` can say which part of an edited file differs (R-DOC-PLAN, R-DOC-REPORT).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """The comparable form of a line: whitespace runs collapsed, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


def lines(text: str) -> list[str]:
    """The non-empty comparable lines of a text (a paragraph, a table cell)."""
    return [n for n in (norm(x) for x in text.split("\n")) if n]


@dataclass(frozen=True)
class Heading:
    """A numbered heading; the number is part of the text so every renderer shows it."""

    text: str
    level: int = 1
    number: str = ""

    @property
    def full(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text

    def texts(self) -> list[str]:
        return [self.full]


@dataclass(frozen=True)
class Paragraph:
    """Body text. ``style``: body | label | note | company | title | subtitle | caption | plain."""

    text: str
    style: str = "body"

    def texts(self) -> list[str]:
        return [self.text]


@dataclass(frozen=True)
class KeyValue:
    """Label/value pairs laid out as a table, ``per_row`` pairs on each row."""

    pairs: tuple[tuple[str, str], ...]
    per_row: int = 1

    def rows(self) -> list[list[str]]:
        flat = [x for pair in self.pairs for x in pair]
        width = 2 * self.per_row
        rows = [flat[i:i + width] for i in range(0, len(flat), width)]
        return [r + [""] * (width - len(r)) for r in rows]

    def texts(self) -> list[str]:
        return [c for r in self.rows() for c in r]


@dataclass(frozen=True)
class Table:
    """A table with one header row (repeated on every page) and body rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def texts(self) -> list[str]:
        return [*self.columns, *(c for r in self.rows for c in r)]


@dataclass(frozen=True)
class SignatureBlock:
    """One signature as printed (R-DOC-SIGN): who, role, meaning, when and the short
    verification code derived from the signature hash; ``state`` says whether it still holds."""

    signer: str
    role: str
    meaning: str
    signed_at: str
    code: str
    state: str  # 有效 / 已作废… / 未签署
    signature_hash: str = ""

    def pairs(self) -> tuple[tuple[str, str], ...]:
        return (("签署人", self.signer), ("角色", self.role), ("签署含义", self.meaning),
                ("签署时间", self.signed_at), ("校验码", self.code), ("状态", self.state))

    def texts(self) -> list[str]:
        return KeyValue(self.pairs(), per_row=2).texts()


@dataclass(frozen=True)
class Contents:
    """The table of contents: derived from the headings, so never compared or verified."""

    title: str = "目录"

    def texts(self) -> list[str]:
        return []


@dataclass(frozen=True)
class PageBreak:
    def texts(self) -> list[str]:
        return []


Block = Heading | Paragraph | KeyValue | Table | SignatureBlock | Contents | PageBreak
BLOCK_TYPES = {cls.__name__: cls for cls in (Heading, Paragraph, KeyValue, Table, SignatureBlock, Contents, PageBreak)}


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class DocModel:
    """kind: plan | report. ``basis`` says what it was built from (revision, as-of time …),
    so the same document can be rebuilt from the database to verify a file."""

    kind: str
    number: str
    title: str
    doc_title: str
    company: str
    parts: tuple[Part, ...]
    basis: dict[str, Any] = field(default_factory=dict)

    def units(self) -> list[tuple[str, str]]:
        """Every comparable line in reading order, with the key of the part it belongs to."""
        out: list[tuple[str, str]] = []
        for part in self.parts:
            for block in part.blocks:
                for text in block.texts():
                    out.extend((part.key, x) for x in lines(text))
        return out

    def digest(self) -> str:
        """SHA-256 of the comparable text: what a reader sees, not how it is laid out."""
        text = "\n".join(t for _, t in self.units())
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def signed_digest(self) -> str:
        """What a signature on this document covers (R-DOC-SIGN): SHA-256 of the same canonical
        text as ``digest`` without the signature blocks. A signature cannot cover its own
        verification code (taken from its own hash) nor its state (the database's, now); each
        signature is a record hashed by itself. The closing manager's signature signs this
        digest of the 发布变更报告 it closes with (relgui.domain.closure)."""
        out = []
        for part in self.parts:
            for block in part.blocks:
                if isinstance(block, SignatureBlock):
                    continue
                for text in block.texts():
                    out.extend(lines(text))
        return hashlib.sha256("\n".join(out).encode("utf-8")).hexdigest()

    def field(self, label: str) -> str:
        """A value of the document's header table (文件编号, 版本, 编制人 …) as printed; ''."""
        for part in self.parts:
            for b in part.blocks:
                if isinstance(b, KeyValue):
                    for k, v in b.pairs:
                        if k == label:
                            return v
        return ""

    @property
    def doc_number(self) -> str:
        """The document's own number (文件编号: FB-2026-0004-JH, FB-2026-0004-BG, from the
        company's pattern per kind); a document made before there were such numbers printed the
        release number."""
        return self.field("文件编号") or self.number

    @property
    def version(self) -> str:
        """版本 as printed (V1, V2 … or 草稿)."""
        return self.field("版本")

    def headings(self) -> list[Heading]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Heading)]

    def part_title(self, key: str) -> str:
        return next((p.title for p in self.parts if p.key == key), key)

    def to_json(self) -> str:
        return json.dumps(_plain(self), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> DocModel:
        data = json.loads(text)
        parts = tuple(Part(p["key"], p["title"], tuple(_block(b) for b in p["blocks"])) for p in data["parts"])
        return DocModel(data["kind"], data["number"], data["title"], data["doc_title"], data["company"],
                        parts, data.get("basis") or {})


def _plain(obj: Any) -> Any:
    if isinstance(obj, DocModel):
        return {**{f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    if isinstance(obj, Part):
        return {"key": obj.key, "title": obj.title, "blocks": [_plain(b) for b in obj.blocks]}
    if dataclasses.is_dataclass(obj):
        return {"type": type(obj).__name__, **{f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    if isinstance(obj, (tuple, list)):
        return [_plain(x) for x in obj]
    return obj


def _tuples(value: Any) -> Any:
    return tuple(_tuples(x) for x in value) if isinstance(value, list) else value


def _block(data: dict[str, Any]) -> Block:
    cls = BLOCK_TYPES[data.pop("type")]
    return cls(**{k: _tuples(v) for k, v in data.items()})
