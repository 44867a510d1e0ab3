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
    running = {p["name"]: p["version"] for p in r.get("production") or []}
    rows = [(c["name"], c.get("before") or "", c.get("after") or "",
             c.get("applied") or f"未更新（生产环境现运行 {running.get(c['name']) or c.get('before') or '未知'}）",
             src.time(c.get("applied_at"))) for c in r.get("config_items") or []]
    out: list[Block] = [n.caption("配置项更新"), *table_or_none(("配置项", "发布前版本", "计划版本", "实际版本", "更新时间"), rows)]
    hours = src.profile.deadlines.cmdb_update_hours
    d = next((x for x in r.get("deadlines") or [] if x["kind"] == "cmdb"), None)
    if d is not None:
        state = ("按时完成" if d["done_at"] <= d["due"] else "超时完成") if d.get("done_at") else "尚未完成"
        out.append(KeyValue(((f"更新时限（{hours}小时）", src.time(d["due"])),
                             ("完成时间", src.time(d.get("done_at")) or fmt.NONE), ("结论", state))))
    else:
        out.append(Paragraph(f"本次发布未进入配置更新阶段（{hours}小时时限不适用）；生产环境的现行版本见“生产环境现状”。",
                             "note"))
    return out + [n.caption("配置更新检查"), *checklist(src, "config_update")]


def lessons(src: Source) -> list[Block]:
    """经验总结 from the knowledge base entries of the release (R-4.4.2-KNOWLEDGE)."""
    out: list[Block] = []
    for k in src.release.get("knowledge") or []:
        out += [Paragraph(f"{fmt.clean(k['title'])}：", "label"), *paragraphs(k.get("body"))]
    return out or [Paragraph(fmt.NONE, "note")]


# ---------------------------------------------------------------- evidence (issue 14, item 7)
# Each function states what the record shows, derived from the same data as the tables.

def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def kpi_effect(src: Source) -> list[Block]:
    """How this release counts toward its quarter's 发布成功率 (R-4.6-KPI, 表4-3)."""
    k, spec = src.release.get("kpi"), src.profile.kpi
    target = f"≥{spec.target * 100:g}%"
    if not k:
        return [Paragraph(f"本次发布尚未关闭，尚不计入{spec.name}（按关闭日期所在季度统计，目标值{target}）。", "note")]
    when = f"{k['year']} 年第 {k['q']} 季度"
    if not k["counted"]:
        return [Paragraph(f"本次发布不计入{when}{spec.name}。")]
    rate = k["successful"] / k["total"] if k["total"] else None
    as_success = "计入发布成功次数" if k["success"] else "不计入发布成功次数"
    met = "" if rate is None else ("，达到目标值" if rate >= spec.target else "，低于目标值")
    return [KeyValue((("统计季度", when), ("计入方式", f"计入发布总次数，{as_success}"),
                      (f"截至本次关闭的{spec.name}", f"{k['successful']} / {k['total']} = {_pct(rate)}（目标值{target}{met}）"),
                      ("计算方法", spec.formula)), per_row=1)]


def production_state(src: Source, n: Numbers) -> list[Block]:
    """What runs in production now, by the CMDB at closure (R-4.4.2-CMDB24H, 4.5.2 状态恢复):
    after a rollback or a failure the version of before the release, never a blank."""
    r = src.release
    prod = r.get("production") or []
    result = r.get("result")
    if result == "success":
        lead = "发布成功，配置管理数据库（CMDB）已按实际发布结果更新，生产环境运行以下版本："
    elif result == "rolled_back":
        lead = "发布已回退，系统恢复到发布前状态；配置管理数据库（CMDB）未按计划版本更新，生产环境运行以下版本："
    elif result == "failed":
        lead = "发布失败，配置管理数据库（CMDB）未按计划版本更新，生产环境运行以下版本："
    else:
        lead = "发布尚无结论；以下为配置管理数据库（CMDB）记录的生产环境现行版本："
    rows = [(p["name"], fmt.clean(p.get("version")) or "未知", src.time(p.get("since")) or "（发布前登记）",
             "本次发布" if p.get("by_release") else "此前发布或初始登记") for p in prod]
    return [Paragraph(lead), n.caption("生产环境现状（CMDB）"),
            *table_or_none(("配置项", "现运行版本", "自", "来源"), rows)]


def feedback(src: Source) -> list[Block]:
    """用户反馈 (4.3.2): quoted when recorded, flagged when missing."""
    got = [o for o in src.release.get("observations") or [] if o.get("kind") == "feedback"]
    if not got:
        return [Paragraph("注意：发布执行监控中未记录用户反馈（4.3.2 要求收集用户端的使用反馈）。", "note")]
    return [Paragraph(f"已记录用户反馈 {len(got)} 条，见上表“用户反馈”类别。", "note")]


def evidence_files(src: Source, n: Numbers) -> list[Block]:
    """The files behind checklist results: name, SHA-256, who added it, when (R-4.3.1-PRECHECK)."""
    r, p = src.release, src.profile
    files = {a["id"]: a for a in r.get("attachments") or []}
    rows, used = [], set()
    for key, entries in (r.get("checklists") or {}).items():
        spec = p.checklists.get(key)
        for e in entries:
            a = files.get(e.get("attachment_id"))
            if a is None:
                continue
            used.add(a["id"])
            item = e.get("name") or (spec.item(e["item"]).name if spec else e["item"])
            rows.append((f"{spec.name if spec else key}·{item}", fmt.clean(a["filename"]), a["sha256"],
                         fmt.clean(a.get("added_by")), src.time(a.get("added_at"))))
    for a in r.get("attachments") or []:
        if a["id"] not in used:
            rows.append(("其他附件", fmt.clean(a["filename"]), a["sha256"], fmt.clean(a.get("added_by")),
                         src.time(a.get("added_at"))))
    return [n.caption("证据文件"), *table_or_none(("检查项", "文件名", "SHA-256", "添加人", "添加时间"), rows)]


KIND_NAMES = {"plan": "发布计划", "report": "发布变更报告"}


def archived_documents(src: Source, n: Numbers) -> list[Block]:
    """The documents archived with the release (R-4.4.2-ARCHIVE); this report itself is archived
    at closure beside them."""
    rows = []
    for d in src.release.get("documents") or []:
        kind, _, face = str(d["kind"]).partition(".")
        if kind == "report":
            continue
        name = KIND_NAMES.get(kind, kind) + (f" V{d['revision']}" if d.get("revision") else "")
        rows.append((name, (face or "docx").upper(), fmt.clean(d["filename"]), d["sha256"],
                     fmt.clean(d.get("created_by")) or "系统", src.time(d.get("created_at"))))
    return [n.caption("已归档文档"), *table_or_none(("文档", "格式", "文件名", "SHA-256", "归档人", "归档时间"), rows)]


def stage_timeline(src: Source, n: Numbers) -> list[Block]:
    """表4-2's stages as the audit trail shows them: when each status was reached and who moved
    the release on, with the stage's responsible role (R-4.2.2-STAGES)."""
    p = src.profile
    stages = {s.key: s for s in p.stages}
    rows = []
    for e in src.release.get("stages") or []:
        st = stages.get(e.get("stage"))
        role = p.roles.get(st.responsible) if st else None
        rows.append((st.name if st else "—", fmt.clean(e.get("status_name")), src.time(e.get("at")),
                     fmt.clean(e.get("actor")), role.name if role else ""))
    return [n.caption("阶段时间线"), *table_or_none(("阶段", "状态", "时间", "操作人", "责任角色"), rows)]


def findings(src: Source) -> list[Block]:
    """Sentences of the analysis derived from the recorded facts — the same ones the tables
    print (a decision after its 30 minutes is never said to be within them)."""
    r, p = src.release, src.profile
    minutes = p.deadlines.rollback_decision_minutes
    out: list[str] = []
    for i, pr in enumerate(r.get("problems") or [], 1):
        if not pr.get("decided_at"):
            out.append(f"严重问题 {i} 尚未作出回退决策。")
            continue
        took = fmt.minutes_between(pr.get("detected_at"), pr.get("decided_at"))
        decision = DECISIONS.get(pr.get("decision"), "未决策")
        timing = (f"超过 {minutes} 分钟决策时限" if pr.get("decision_late") else f"在 {minutes} 分钟决策时限内")
        out.append(f"严重问题 {i} 于发现后 {took} 分钟作出“{decision}”决策，{timing}。")
    d = next((x for x in r.get("deadlines") or [] if x["kind"] == "cmdb"), None)
    if d is not None and d.get("done_at"):
        hours = p.deadlines.cmdb_update_hours
        in_time = d["done_at"] <= d["due"]
        out.append(f"CMDB 更新{'在' if in_time else '超过'} {hours} 小时时限{'内完成' if in_time else '完成'}。")
    lessons = len(r.get("knowledge") or [])
    out.append(f"经验总结 {lessons} 条已更新至知识库。" if lessons else "本次发布未记录经验总结。")
    return [Paragraph("依据记录：", "label"), *(Paragraph(x) for x in out)]


def evidence_parts(src: Source, n: Numbers) -> list[tuple[str, str, list[Block]]]:
    """The report's evidence parts in order, as (key, title, blocks) for report.build to wrap
    in numbered parts: KPI effect, production state, stage timeline, evidence files and the
    archived documents."""
    return [
        ("kpi", "发布成功率统计", kpi_effect(src)),
        ("production", "生产环境现状", production_state(src, n)),
        ("stages", "阶段时间线", stage_timeline(src, n)),
        ("evidence", "证据文件与归档文档", [*evidence_files(src, n), *archived_documents(src, n)]),
    ]


# ---------------------------------------------------------------- deviations (issue 15)
DEVIATION_KINDS = {
    "deploy_outside_window": "在已批准的发布窗口之外开始实施",
    "deploy_in_freeze": "在冻结期内开始实施",
    "step_outside_window": "实施步骤时间超出已批准的发布窗口",
}


def deviations(src: Source, n: Numbers) -> list[Block]:
    """Each recorded departure from the approved plan's window, with its reason (R-1.3-PLAN: 禁止未经
    计划的部署): deployment started outside the window or inside a freeze, step times outside it.
    None recorded prints a sentence saying so. (services.execution records them; wire this part
    into the report after 计划与实际时间.)"""
    rows = []
    for d in src.release.get("deviations") or []:
        what = DEVIATION_KINDS.get(d.get("kind"), fmt.clean(d.get("kind")))
        subject = d.get("subject") or ""
        if subject.startswith("deploy."):
            what = f"{what}（第 {subject.split('.', 1)[1]} 步）"
        rows.append((what, src.time(d.get("recorded_at")), fmt.clean(d.get("recorded_by")), fmt.clean(d.get("reason"))))
    if not rows:
        return [n.caption("计划偏离"), Paragraph("实施始终在已批准的发布窗口内，未在冻结期内实施。", "note")]
    return [n.caption("计划偏离"), Paragraph(f"本次发布有 {len(rows)} 项偏离已批准的计划，均已记录理由：", "label"),
            *table_or_none(("偏离", "记录时间", "记录人", "理由"), rows)]

