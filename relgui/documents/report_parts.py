"""The sections of the 发布变更报告 that record what happened (R-DOC-REPORT).

Each function returns the blocks of one part, from relgui.services.details data; times are
printed in the company's zone, stored codes in the policy's words.
"""

from __future__ import annotations

from typing import Any

from relgui.documents import fmt
from relgui.documents.form import DECISIONS, RESULTS, STEP_STATUSES, Numbers, Source, paragraphs, table_or_none
from relgui.documents.model import Block, KeyValue, Paragraph


SHORT_TIME = "%m.%d %H:%M"  # in step tables: the year is the release's, the width is scarce


def _plan_rows(src: Source, section: str) -> list[dict[str, Any]]:
    content = (src.revision or {}).get("content") or src.release.get("plan") or {}
    rows = (content.get(section) or {}).get("steps") if isinstance(content.get(section), dict) else None
    return [r for r in rows or [] if isinstance(r, dict)]


def _minutes(value: int | None) -> str:
    return "" if value is None else str(value)


def timeline(src: Source, n: Numbers) -> list[Block]:
    """Planned against actual: the window, then each implementation step."""
    r = src.release
    window = [("发布开始", src.time(r.get("planned_start")), src.time(r.get("deployment_started_at")),
               _minutes(fmt.minutes_between(r.get("planned_start"), r.get("deployment_started_at")))),
              ("发布结束", src.time(r.get("planned_end")), src.time(r.get("deployment_finished_at")),
               _minutes(fmt.minutes_between(r.get("planned_end"), r.get("deployment_finished_at"))))]
    out: list[Block] = [n.caption("计划与实际时间"), *table_or_none(("项目", "计划", "实际", "偏差(分钟)"), window)]
    out += [n.caption("实施步骤执行情况"), *steps_table(src, "deploy", "steps")]
    return out


def steps_table(src: Source, kind: str, section: str) -> list[Block]:
    done = {s["step"]: s for s in src.release.get("steps") or [] if s["kind"] == kind}
    planned = _plan_rows(src, section)
    rows = []
    for i in range(1, max([len(planned), *done]) + 1 if (planned or done) else 1):
        plan = planned[i - 1] if i <= len(planned) else {}
        rec = done.get(i, {})
        status = STEP_STATUSES.get(rec.get("status"), "未记录")
        note = fmt.clean(rec.get("note")).strip()
        rows.append((str(i), plan.get("action", ""), plan.get("owner", ""), plan.get("minutes", ""),
                     src.time(rec.get("started_at"), SHORT_TIME), src.time(rec.get("finished_at"), SHORT_TIME),
                     _minutes(fmt.minutes_between(rec.get("started_at"), rec.get("finished_at"))),
                     f"{status}：{note}" if note else status))
    columns = ("序号", "操作", "负责人", "计划(分钟)", "开始", "完成", "实际(分钟)", "状态与备注")
    return table_or_none(columns, rows)


def checklist(src: Source, key: str) -> list[Block]:
    """A checklist in the profile's item order; an item never recorded prints 未记录."""
    spec = src.profile.checklists.get(key)
    got = {e["item"]: e for e in (src.release.get("checklists") or {}).get(key, [])}
    rows = []
    for item in spec.items if spec else ():
        e = got.get(item.key, {})
        note = "；".join(x for x in (fmt.clean(e.get("reason")), fmt.clean(e.get("evidence"))) if x)
        rows.append((item.name, RESULTS.get(e.get("result"), "未记录"), note,
                     e.get("recorded_by") or "", src.time(e.get("recorded_at"))))
    return table_or_none(("检查项", "结果", "说明与证据", "记录人", "记录时间"), rows)


def acceptance(src: Source) -> list[Block]:
    """用户验收: the business department's formal confirmation (R-4.4.1-VERIFY)."""
    entries = (src.release.get("checklists") or {}).get("verification", [])
    e = next((x for x in entries if x.get("confirmed_by")), None)
    if e is None:
        return [Paragraph("用户验收：尚无业务部门的正式确认。", "note")]
    return [KeyValue((("确认人", fmt.or_none(e["confirmed_by"])), ("确认部门", fmt.or_none(e["confirmed_dept"])),
                      ("确认时间", src.time(e["confirmed_at"]) or fmt.NONE)), per_row=1)]


def observations(src: Source) -> list[Block]:
    spec = src.profile.checklists.get("monitoring")
    names = {i.key: i.name for i in spec.items} if spec else {}
    rows = [(src.time(o["at"]), names.get(o["kind"], o["kind"]), o["text"], o.get("recorded_by") or "")
            for o in src.release.get("observations") or []]
    return table_or_none(("时间", "类别", "内容", "记录人"), rows)


def rollback(src: Source, n: Numbers) -> list[Block]:
    """Severe problems with their 30-minute decisions, the rollback steps, restoration, cause
    (R-4.5.1-TRIGGERS, R-4.5.2-DECIDE30, R-4.5.2-EXEC)."""
    r = src.release
    problems, rb = r.get("problems") or [], r.get("rollback")
    if not problems and not rb:
        return [Paragraph("本次发布未报告严重问题，未执行回退。")]
    triggers = {t.key: t.name for t in src.profile.triggers}
    minutes = src.profile.deadlines.rollback_decision_minutes
    out: list[Block] = []
    for i, p in enumerate(problems, 1):
        late = "超时" if p.get("decision_late") else ("按时" if p.get("decided_at") else "未决策")
        out += [n.caption(f"严重问题 {i}"), KeyValue((
            ("发现时间", src.time(p["detected_at"])), ("报告人", fmt.or_none(p.get("reported_by"))),
            ("问题描述", fmt.or_none(p.get("description"))),
            ("触发条件", "、".join(triggers.get(t, t) for t in p.get("triggers") or []) or fmt.NONE),
            ("决策", DECISIONS.get(p.get("decision"), "未决策")), ("决策时间", src.time(p.get("decided_at")) or fmt.NONE),
            ("决策人", fmt.or_none(p.get("decided_by"))), ("决策理由", fmt.or_none(p.get("decision_reason"))),
            (f"决策时限（{minutes}分钟）", f"{src.time(p.get('decision_due'))}，{late}")))]
    if rb:
        out += [n.caption("回退步骤执行情况"), *steps_table(src, "rollback", "rollback"), KeyValue((
            ("开始回退", src.time(rb.get("started_at")) or fmt.NONE),
            ("恢复确认", f"{src.time(rb.get('restored_at')) or '未确认'} {fmt.clean(rb.get('restored_by'))}".strip()),
            ("回退完成", src.time(rb.get("completed_at")) or "未完成"),
            ("回退原因", fmt.or_none(rb.get("cause")))))]
    return out


def config_update(src: Source, n: Numbers) -> list[Block]:
    """Items and versions, and the update time against the 24 h deadline (R-4.4.2-CMDB24H)."""
    r = src.release
    rows = [(c["name"], c.get("before") or "", c.get("after") or "", c.get("applied") or "",
             src.time(c.get("applied_at"))) for c in r.get("config_items") or []]
    out: list[Block] = [n.caption("配置项更新"), *table_or_none(("配置项", "发布前版本", "计划版本", "实际版本", "更新时间"), rows)]
    hours = src.profile.deadlines.cmdb_update_hours
    d = next((x for x in r.get("deadlines") or [] if x["kind"] == "cmdb"), None)
    if d is not None:
        state = ("按时完成" if d["done_at"] <= d["due"] else "超时完成") if d.get("done_at") else "尚未完成"
        out.append(KeyValue(((f"更新时限（{hours}小时）", src.time(d["due"])),
                             ("完成时间", src.time(d.get("done_at")) or fmt.NONE), ("结论", state))))
    else:
        out.append(Paragraph(f"本次发布未进入配置更新阶段（{hours}小时时限不适用）。", "note"))
    return out + [n.caption("配置更新检查"), *checklist(src, "config_update")]


def lessons(src: Source) -> list[Block]:
    """经验总结 from the knowledge base entries of the release (R-4.4.2-KNOWLEDGE)."""
    out: list[Block] = []
    for k in src.release.get("knowledge") or []:
        out += [Paragraph(f"{fmt.clean(k['title'])}：", "label"), *paragraphs(k.get("body"))]
    return out or [Paragraph(fmt.NONE, "note")]
