"""The 发布变更报告 as a document model (R-DOC-REPORT, R-4.2.2-CLOSE).

Summary and type, linked changes, planned against actual timeline, 预发布验证, execution
observations, 效果验证 and 用户验收, the rollback record if any, 配置更新 against the 24 h
deadline, the success-or-failure analysis, lessons learned and the manager's closing
signature (R-DOC-SIGN), in the company's form (R-DOC-FORM).
"""

from __future__ import annotations

from relgui.documents import fmt
from relgui.documents import report_parts as rp
from relgui.documents.form import (
    CHANGE_STATUSES,
    Numbers,
    Source,
    contents_part,
    header_part,
    paragraphs,
    revisions_part,
    signature_block,
    signatures_part,
    table_or_none,
    unsigned_block,
)
from relgui.documents.model import Block, DocModel, KeyValue, Part

TITLE = "发布变更报告"


def _summary(src: Source, n: Numbers) -> list[Block]:
    r, p = src.release, src.profile
    kind = p.release_types.get(r["type"])
    outcome = p.outcomes.get(r.get("result") or "")
    pairs = (("发布编号", r["number"]), ("发布标题", r["title"]), ("发布类型", r["type_name"]),
             ("类型界定", kind.definition if kind else ""), ("涉及系统", r.get("systems")),
             ("发布结果", outcome.name if outcome else "尚无结论"), ("负责人", r.get("owner")),
             ("关闭时间", src.time(r.get("closed_at"))), ("计划版本", _plan_version(src)),
             ("制度依据", p.label()))
    return [n.heading("发布概况"), KeyValue(tuple((k, fmt.or_none(v)) for k, v in pairs))]


def _plan_version(src: Source) -> str:
    return f"V{src.revision['number']}" if src.revision else ""


def _closure(src: Source) -> dict | None:
    return src.release.get("closure")


def _analysis(src: Source, n: Numbers) -> list[Block]:
    """The manager's analysis, then what the records themselves say (report_parts.findings: the
    same facts the tables print, so the two can never contradict each other)."""
    c = _closure(src)
    outcome = src.profile.outcomes.get(src.release.get("result") or "")
    return [n.heading("成败分析"), KeyValue((("发布结果", outcome.name if outcome else "尚无结论"),)),
            *paragraphs(c.get("analysis") if c else ""), *rp.findings(src)]


def _signature(src: Source) -> list:
    """The closing manager's signature, then each reissue's (V2 …) up to the version printed."""
    c = _closure(src)
    sigs = src.release.get("signatures") or []
    sig = next((s for s in sigs if s["subject"] == "closure" and c and s["id"] == c.get("signature_id")), None)
    if sig is None:
        role = src.profile.roles.get("manager")
        return [unsigned_block(role.name if role else "", "关闭")]
    wanted = {x.get("signature_id") for x in src.doc.get("reissues") or ()}
    return [signature_block(sig, src), *(signature_block(g, src) for g in sigs
                                         if g["meaning"] == "reissue" and g["id"] in wanted)]


def version(src: Source) -> int:
    """The report's version: 1 at closure, one more for each reissue (R-4.4.2-ARCHIVE)."""
    return int(src.doc.get("version") or 1)


def _part(key: str, title: str, n: Numbers, body: list[Block], level: int = 1) -> Part:
    return Part(key, title, (n.heading(title, level), *body))


def build(src: Source) -> DocModel:
    r = src.release
    c = _closure(src)
    reissues = list(src.doc.get("reissues") or ())
    last = reissues[-1] if reissues else None
    # V1 is approved by the closing signature, a later version by its reissue's signature.
    at = (last["at"] if last else c["closed_at"]) if c else src.as_of
    by = (last["by"] if last else c.get("closed_by")) if c else ""
    header = header_part(src, TITLE, f"V{version(src)}" if c else "草稿", src.time(at, fmt.DATE),
                         fmt.clean(by), src.time(at, fmt.DATE) if c else "")
    revisions = [(src.time(c["closed_at"], fmt.DATE), "V1", "新建（发布关闭）", fmt.clean(c.get("closed_by")))] if c else []
    revisions += [(src.time(x["at"], fmt.DATE), f"V{x['version']}", f"重新签发：{fmt.clean(x['reason'])}",
                   fmt.clean(x["by"])) for x in reissues] if c else []
    n = Numbers()
    changes = [(x["number"], x["title"], CHANGE_STATUSES.get(x["status"], x["status"])) for x in r.get("changes") or []]
    parts = [
        header, revisions_part(revisions), contents_part(),
        Part("summary", "发布概况", tuple(_summary(src, n))),
        _part("changes", "关联变更", n, table_or_none(("变更编号", "变更标题", "状态"), changes)),
        _part("timeline", "计划与实际时间", n, [*rp.timeline(src, n), *rp.deviations(src, n)]),
        _part("precheck", "预发布验证", n, rp.checklist(src, "precheck")),
        _part("monitoring", "发布执行监控", n, [*rp.observations(src), *rp.feedback(src)]),
        _part("verification", "效果验证与用户验收", n, [*rp.checklist(src, "verification"), *rp.acceptance(src)]),
        _part("rollback", "回退记录", n, rp.rollback(src, n)),
        _part("config", "配置更新", n, rp.config_update(src, n)),
        *(_part(key, title, n, blocks) for key, title, blocks in rp.evidence_parts(src, n)),
        Part("analysis", "成败分析", tuple(_analysis(src, n))),
        _part("lessons", "经验总结", n, rp.lessons(src)),
        signatures_part(n, "关闭签署", _signature(src)),
    ]
    basis = {"revision": src.revision["number"] if src.revision else None, "as_of": "" if c else src.as_of,
             "profile": r.get("profile", ""), "time": at,
             "report_version": version(src) if c else None, **src.basis}
    return DocModel("report", r["number"], fmt.clean(r["title"]), TITLE, fmt.clean(src.company), tuple(parts), basis)

