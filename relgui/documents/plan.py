"""The 发布计划 as a document model (R-DOC-PLAN).

Company header and 修订记录 (R-DOC-FORM), contents, a summary of the release, then every
plan section of the release's policy profile in the profile's order, grouped by its pages
(受理与评估: linked changes and correlation, resources, risks; then the plan content), and the
approval signature block (R-DOC-SIGN). Printed from one frozen revision, the one an approval
signs, so a printed plan always shows exactly what was approved.
"""

from __future__ import annotations

from typing import Any

from relgui.documents import fmt
from relgui.documents.form import (
    Numbers,
    Source,
    contents_part,
    header_part,
    paragraphs,
    revisions_part,
    signature_block,
    signatures_part,
    unsigned_block,
)
from relgui.documents.model import Block, DocModel, KeyValue, Paragraph, Part
from relgui.documents.sections import changes_blocks, section_blocks, triggers_blocks

TITLE = "发布计划"


def _approval(sigs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The approval that holds: an intact, unvoided 批准 of the revision."""
    return next((s for s in sigs if s["meaning"] == "approve" and s.get("intact", True)
                 and not s.get("voided_at")), None)


def _revision_rows(src: Source) -> list[tuple[str, str, str, str]]:
    rows = []
    for rev in src.revisions:
        sigs = rev.get("signatures") or []
        ok = _approval(sigs)
        if ok:
            who = fmt.clean(ok["signer"])
        elif sigs:
            last = sigs[-1]
            note = "已作废" if last.get("voided_at") else last["meaning_name"]
            who = f"{fmt.clean(last['signer'])}（{note}）"
        else:
            who = ""
        reason = fmt.clean(rev.get("reason")) or ("新建" if rev["number"] == 1 else "修订")
        rows.append((src.time(rev["created_at"], fmt.DATE), f"V{rev['number']}", reason, who))
    return rows


def _summary(src: Source, n: Numbers) -> Part:
    r, p = src.release, src.profile
    kind = p.release_types.get(r["type"])
    approver = p.roles.get(kind.approver_role) if kind else None
    pairs = (("发布编号", r["number"]), ("发布标题", r["title"]), ("发布类型", r["type_name"]),
             ("类型界定", kind.definition if kind else ""), ("审批角色", approver.name if approver else ""),
             ("涉及系统", r.get("systems")), ("申请人", r.get("requested_by")),
             ("制度依据", p.label()))
    blocks: list[Block] = [n.heading("发布概况"), KeyValue(tuple((k, fmt.or_none(v)) for k, v in pairs))]
    blocks += [Paragraph("发布说明：", "label"), *paragraphs(r.get("description"))]
    return Part("summary", "发布概况", tuple(blocks))


def _sections(src: Source, content: dict[str, Any], n: Numbers) -> list[Part]:
    """Every plan section of the profile, in order, under the heading of its page."""
    p = src.profile
    parts = []
    for page in p.plan_pages:
        parts.append(Part(f"page:{page.key}", page.name, (n.heading(page.name),)))
        for sec in (s for s in p.plan_sections if s.page == page.key):
            extra: list[Block] = []
            if sec.requirement == "R-4.2.1-CORRELATION":
                extra = changes_blocks(src, n)
            data = content.get(sec.key)
            blocks = section_blocks(sec, data, src, n, extra)
            if sec.rollback_plan:  # R-1.3-RELIABLE: the rollback measures print their triggers
                blocks += triggers_blocks(content, src, n)
            parts.append(Part(f"section:{sec.key}", sec.name, tuple(blocks)))
    return parts


def build(src: Source) -> DocModel:
    r, rev = src.release, src.revision
    content = (rev or {}).get("content") or r.get("plan") or {}
    sigs = list((rev or {}).get("signatures") or [])
    ok = _approval(sigs)
    header = header_part(src, TITLE, f"V{rev['number']}" if rev else "草稿",
                         src.time(rev["created_at"] if rev else src.as_of, fmt.DATE),
                         ok["signer"] if ok else "", src.time(ok["signed_at"], fmt.DATE) if ok else "")
    n = Numbers()
    parts = [header, revisions_part(_revision_rows(src)), contents_part(), _summary(src, n),
             *_sections(src, content if isinstance(content, dict) else {}, n)]
    blocks = [signature_block(s, src) for s in sigs]
    if not blocks:
        kind = src.profile.release_types.get(r["type"])
        role = src.profile.roles.get(kind.approver_role) if kind else None
        blocks = [unsigned_block(role.name if role else "", "批准")]
    parts.append(signatures_part(n, "审批签署", blocks))
    stamp = ok["signed_at"] if ok else (rev["created_at"] if rev else src.as_of)
    basis = {"revision": rev["number"] if rev else None, "as_of": "" if rev else src.as_of,
             "profile": r.get("profile", ""), "time": stamp, **src.basis}
    return fmt.clean_model(DocModel("plan", r["number"], fmt.clean(r["title"]), TITLE, fmt.clean(src.company),
                                    tuple(parts), basis))
