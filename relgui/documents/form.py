"""The company's document form shared by the plan and the report (R-DOC-FORM, R-DOC-SIGN).

As the policy XDYJ-06-01 itself is laid out: company name, title, then 文件编号, 编制部门,
编制时间, 版本, 批准人, 审批时间; a 修订记录 table; a table of contents; numbered headings;
and at the end the signature blocks, each with its verification code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from relgui.documents import fmt
from relgui.documents.model import Contents, Heading, KeyValue, PageBreak, Paragraph, Part, SignatureBlock, Table
from relgui.domain import messages

# Stored codes in the policy's words (the documents are the company's Chinese record).
RESULTS = {"pass": "通过", "fail": "未通过", "na": "不适用"}
STEP_STATUSES = {"done": "已完成", "skipped": "已跳过", "failed": "失败"}
DECISIONS = {"rollback": "回退", "continue": "继续发布"}
CHANGE_STATUSES = {"submitted": "待审批", "approved": "已批准", "rejected": "已驳回", "closed": "已关闭"}
SIGN_NOTE = ("签名下的校验码取自该电子签名的哈希值；每页页脚的核验码和二维码标识本文档及其版本。"
             "核验纸面文档：relgui-admin doc check <核验码>，或扫描页面上的二维码，或在 relgui 中选择 文档 → 核验；"
             "签名作废或文档内容被改动时核验不通过。")


@dataclass(frozen=True)
class Source:
    """What a document is built from, gathered by relgui.services.documents."""

    release: dict[str, Any]          # release_detail.to_json(services.details.read()): the JSON form
    profile: Any                     # the policy profile the release runs under
    company: str
    department: str
    tz: dt.tzinfo
    revision: dict[str, Any] | None = None   # the plan revision printed (number, content, …)
    revisions: tuple[dict[str, Any], ...] = ()
    as_of: str = ""                  # ISO time a draft was built at
    basis: dict[str, Any] = field(default_factory=dict)
    # The document's identity on the form (R-DOC-FORM): number (文件编号 from the company's
    # pattern per kind), writers (编制人), reviewer (审核); a report's version (1, 2 …) and
    # reissues (its 修订记录 after V1: version, at, by, reason), from relgui.services.documents.
    doc: dict[str, Any] = field(default_factory=dict)

    def time(self, value: Any, pattern: str = fmt.TIME) -> str:
        return fmt.when(value, self.tz, pattern)


class Numbers:
    """Heading numbers as the policy writes them (1. / 1.1. / 1.1.1.) and table captions."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0]
        self.tables = 0

    def heading(self, text: str, level: int = 1) -> Heading:
        self.counts[level - 1] += 1
        for i in range(level, len(self.counts)):
            self.counts[i] = 0
        number = ".".join(str(c) for c in self.counts[:level]) + "."
        return Heading(fmt.clean(text), level, number)

    def caption(self, label: str) -> Paragraph:
        self.tables += 1
        return Paragraph(f"表{self.tables} {fmt.clean(label)}", "caption")


def header_part(src: Source, doc_title: str, version: str, prepared: str, approver: str, approved: str) -> Part:
    """The form's head: 文件编号 (the document's own number), 版本, 编制部门, 编制时间, 编制人,
    审核, 批准人, 审批时间 (R-DOC-FORM)."""
    r, d = src.release, src.doc
    pairs = (("文件编号", d.get("number") or r["number"]), ("版本", version), ("编制部门", src.department),
             ("编制时间", prepared), ("编制人", d.get("writers") or ""), ("审核", d.get("reviewer") or ""),
             ("批准人", approver), ("审批时间", approved))
    blocks = (Paragraph(fmt.clean(src.company), "company"), Paragraph(doc_title, "title"),
              Paragraph(fmt.clean(r["title"]), "subtitle"),
              KeyValue(tuple((k, fmt.clean(v)) for k, v in pairs), per_row=2))
    return Part("header", "文件信息", blocks)


def revisions_part(rows: list[tuple[str, str, str, str]]) -> Part:
    body: tuple = (Table(("日期", "版本", "变更说明", "批准人"), tuple(rows)),) if rows else (Paragraph(fmt.NONE, "note"),)
    return Part("revisions", "修订记录", (Paragraph("修订记录", "caption"), *body))


def contents_part() -> Part:
    return Part("contents", "目录", (PageBreak(), Contents(), PageBreak()))


def signature_block(sig: dict[str, Any], src: Source) -> SignatureBlock:
    """A signature from relgui.services.details, with its state spelled out (R-DOC-SIGN)."""
    role = src.profile.roles.get(sig["role"])
    if not sig.get("intact", True):
        state = "校验失败（签名记录与哈希不符）"
    elif sig.get("voided_at"):
        state = f"已作废（{src.time(sig['voided_at'])} {fmt.clean(messages.void_reason(sig.get('voided_reason')))}）".replace(" ）", "）")
    else:
        state = "有效"
    return SignatureBlock(fmt.clean(sig["signer"]), role.name if role else fmt.clean(sig["role"]),
                          fmt.clean(sig["meaning_name"]), src.time(sig["signed_at"]), sig["code"], state,
                          sig["signature_hash"])


def unsigned_block(role_name: str, meaning: str) -> SignatureBlock:
    return SignatureBlock("", role_name, meaning, "", "", "未签署")


def signatures_part(n: Numbers, title: str, blocks: list[SignatureBlock]) -> Part:
    body: list = [n.heading(title)]
    for b in blocks:
        body.append(b)
    body.append(Paragraph(SIGN_NOTE, "note"))
    return Part("signatures", title, tuple(body))


def paragraphs(text: Any) -> list[Paragraph]:
    """A multi-line text as one paragraph per line; nothing typed prints （无）."""
    found = [line for line in fmt.clean(text).split("\n") if line.strip()]
    return [Paragraph(line.strip()) for line in found] or [Paragraph(fmt.NONE, "note")]


def table_or_none(columns: tuple[str, ...], rows: Sequence[Sequence[object]]) -> list:
    if not rows:
        return [Paragraph(fmt.NONE, "note")]
    return [Table(columns, tuple(tuple(fmt.clean(c) for c in r) for r in rows))]
